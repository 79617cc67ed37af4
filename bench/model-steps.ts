// The 1M pipeline's model steps (issue 17), in the pipeline's order, in one fresh process, on the
// code of one checkout: the pipeline's synthetic city ingested and indexed with that checkout's
// own code (not timed), then exposure (180 days, distance 2), retaliations, the default network
// Hawkes fit and the ranked list (1000, with reasons), each timed in CPU (process.cpuUsage, all
// threads) and wall, no collection forced between them (as in bench/pipeline.ts), each output
// hashed (sha256 of its JSON with every number at full precision; the fit's timings left out).
// Run alternately on two checkouts for an A/B in fresh processes:
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/model-steps.ts <checkout> [people] [rate] [steps]
// MARK=1 prints a line before and after each step (to read `--trace-gc` output by step).
// PROF=dir writes one .cpuprofile per step there (V8 sampling profiler, 1 ms).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const people = Number(process.argv[3] ?? 1_000_000);
const rate = Number(process.argv[4] ?? 0.5);
const wanted = (process.argv[5] ?? 'exposure,retaliations,fit,rank').split(',');
const prof = process.env.PROF;
const c = await import(`${root}/src/contagion/index.ts`);
const o = await import(`${root}/src/outreach/index.ts`);
const { synthCity } = await import(`${root}/src/synth/index.ts`);
const { ingest } = await import(`${root}/src/ingest/index.ts`);
const { indexDataset } = await import(`${root}/src/core/dataset-index.ts`);

function exportRows() {
  const city = synthCity({
    people,
    incidentsPerPersonYear: rate,
    seed: 1,
    feud: { rivalries: 100 },
  });
  return {
    incidents: city.data.incidents.map(({ day: _day, ...rest }: { day: number }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  };
}
const { data } = ingest(exportRows(), { now: '2030-01-01' });
indexDataset(data);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const asOf = '2023-10-01';
const session = prof ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
}
let model: { state: unknown; diagnostics: unknown } | undefined;
const steps: Record<string, () => unknown> = {
  exposure: () => c.exposure(data, { asOf }),
  retaliations: () => c.retaliations(data, { asOf }),
  fit: () => (model = c.fitNetworkHawkes(data, { asOf })),
  rank: () => o.rankForOutreach(data, { asOf, model, limit: 1000 }),
};
const json = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? `#${String(v)}` : v,
  );
function hashOf(name: string, r: unknown): string {
  const h = createHash('sha256');
  if (name === 'fit') {
    const m = r as Record<string, unknown> & {
      diagnostics: Record<string, unknown>;
      events: { objects(): unknown[] };
      cascades: { objects(): unknown[] };
    };
    const { timings: _t, elapsedMs: _e, ...diagnostics } = m.diagnostics;
    const keys = [
      'parameters',
      'standardErrors',
      'logLikelihood',
      'aic',
      'iterations',
      'converged',
      'identified',
      'warnings',
      'branchingRatio',
      'trend',
      'kernel',
      'contagionShare',
      'shares',
      'delays',
      'lastRecordDay',
    ];
    h.update(json({ ...Object.fromEntries(keys.map((k) => [k, m[k]])), diagnostics }));
    for (const row of m.events.objects()) h.update(json(row));
    for (const row of m.cascades.objects()) h.update(json(row));
    // The frailty posterior (what the fit's state adds beyond the public numbers).
    const f = (m.state as { frailty: Float64Array | null }).frailty;
    if (f) h.update(new Uint8Array(f.buffer, f.byteOffset, f.byteLength));
  } else {
    const t = r as { objects(): unknown[]; numRows(): number };
    for (const row of t.objects()) h.update(json(row));
  }
  return h.digest('hex').slice(0, 12);
}
const results: [string, unknown, string][] = [];
let total = 0;
for (const name of wanted) {
  if (session) await session.post('Profiler.start');
  if (process.env.MARK) console.log(`=== STEP ${name} start`);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = steps[name]();
  const u = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  const cpu = (u.user + u.system) / 1e6;
  total += cpu;
  if (process.env.MARK) console.log(`=== STEP ${name} end`);
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${prof}/${name}.cpuprofile`, JSON.stringify(profile));
  }
  results.push([
    name,
    r,
    `cpu ${cpu.toFixed(3)} wall ${wall.toFixed(3)} load ${loadavg()[0].toFixed(2)}`,
  ]);
}
// Hashed after every step ran, so the hashing's garbage falls on no timed step.
for (const [name, r, line] of results)
  console.log(`STEP ${name} ${line} hash ${process.env.NOHASH ? '-' : hashOf(name, r)}`);
console.log(`TOTAL ${root} cpu ${total.toFixed(3)}`);
