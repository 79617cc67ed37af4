// Fit + rank A/B in one process, as the pipeline calls them (issue 17): the pipeline's city built
// once (synthCity → ingest → index), exposure run once per version (so each version's as-of index
// is cached, as in bench/pipeline.ts), then rounds alternating which version goes first, each
// fitting the default network Hawkes model and ranking for outreach (1000 listed), with a full
// gc() before each step; CPU from process.cpuUsage (all threads), major GCs started inside the
// step (PerformanceObserver), load average after each step.
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/fitrank3-ab.ts <other-checkout> [people] [rate] [rounds]
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';

const other = resolve(process.argv[2] ?? '/work/base-fr3');
const people = Number(process.argv[3] ?? 100_000);
const rate = Number(process.argv[4] ?? 0.5);
const rounds = Number(process.argv[5] ?? 3);
const here = resolve(import.meta.dirname, '..');
type Lib = {
  name: string;
  fit: (data: unknown, o: object) => unknown;
  rank: (data: unknown, o: object) => { numRows(): number };
  exposure: (data: unknown, o: object) => { numRows(): number };
};
async function load(root: string, name: string): Promise<Lib> {
  const c = await import(`${root}/src/contagion/index.ts`);
  const o = await import(`${root}/src/outreach/index.ts`);
  return { name, fit: c.fitNetworkHawkes, rank: o.rankForOutreach, exposure: c.exposure };
}
const libs = [await load(other, 'old'), await load(here, 'new')];
const { synthCity } = await import(`${here}/src/synth/index.ts`);
const { ingest } = await import(`${here}/src/ingest/index.ts`);
const { indexDataset } = await import(`${here}/src/core/dataset-index.ts`);
const city = synthCity({ people, incidentsPerPersonYear: rate, seed: 1, feud: { rivalries: 100 } });
const { data } = ingest(
  {
    incidents: city.data.incidents.map(({ day: _day, ...rest }: { day: number }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  },
  { now: '2030-01-01' },
);
indexDataset(data);
const gc = (globalThis as { gc?: () => void }).gc;
const asOf = '2023-10-01';
const majors: number[] = [];
new PerformanceObserver((l) => {
  for (const e of l.getEntries())
    if (
      (e as unknown as { detail?: { kind?: number } }).detail?.kind ===
      perfConstants.NODE_PERFORMANCE_GC_MAJOR
    )
      majors.push(e.startTime);
}).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((r) => setTimeout(r, 20));
async function timed<T>(f: () => T): Promise<[T, number, number]> {
  gc?.();
  await settle();
  const t0 = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  const t1 = performance.now();
  await settle();
  return [r, (u.user + u.system) / 1e6, majors.filter((s) => s >= t0 && s < t1).length];
}
for (const lib of libs) lib.exposure(data, { asOf });
const times: Record<string, Record<string, number[]>> = { old: {}, new: {} };
const add = (v: string, step: string, t: number) => (times[v][step] ??= []).push(t);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? libs : [...libs].reverse();
  for (const lib of order) {
    const [model, tf, mf] = await timed(() => lib.fit(data, { asOf }));
    const lf = loadavg()[0];
    const [, tr, mr] = await timed(() => lib.rank(data, { asOf, model, limit: 1000 }));
    add(lib.name, 'fit', tf);
    add(lib.name, 'rank', tr);
    add(lib.name, 'fit+rank', tf + tr);
    console.log(
      `round ${r} ${lib.name}: fit ${tf.toFixed(2)} s CPU (${mf} major GCs, load ${lf.toFixed(1)}), rank ${tr.toFixed(2)} s CPU (${mr} major GCs, load ${loadavg()[0].toFixed(1)})  ${new Date().toISOString().slice(11, 19)}`,
    );
  }
}
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const step of ['fit', 'rank', 'fit+rank']) {
  const o = times.old[step];
  const n = times.new[step];
  const ratios = o.map((x, i) => n[i] / x);
  console.log(
    `${step}: old median ${median(o).toFixed(2)} [${o.map((x) => x.toFixed(2)).join(' ')}], new median ${median(n).toFixed(2)} [${n.map((x) => x.toFixed(2)).join(' ')}], per-round new/old ${ratios.map((x) => x.toFixed(3)).join(' ')}, median ${median(ratios).toFixed(3)}`,
  );
}
