/**
 * The network Hawkes fit on worlds nobody had tried (2026-12-03): see worlds-unseen-harness.ts.
 * Fits with the defaults on `seeds` seeds of each world; with INFER=<seeds> also
 * `hawkesInference` (19 bootstrap refits, 19 null refits per reference, 'larger') on the first
 * INFER seeds of the worlds in INFER_WORLDS (world:yes|no, comma-separated).
 *
 *   npx tsx bench/worlds-unseen.ts [seeds=20] [people=3000]   (OUT=worlds-unseen-2026-12-03)
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fitNetworkHawkes, hawkesInference } from '../src/contagion/hawkes/index.js';
import { type UnseenWorld, unseenCity } from './worlds-unseen-harness.js';

const seeds = Number(process.argv[2] ?? 20);
const people = Number(process.argv[3] ?? 3000);
const outName = process.env.OUT ?? 'worlds-unseen-2026-12-03';
const inferSeeds = Number(process.env.INFER ?? 0);
const inferWorlds = (
  process.env.INFER_WORLDS ?? 'covictims-split:no,missing-ties:yes,surge:no'
).split(',');
const settings: [UnseenWorld, boolean][] = (
  process.env.WORLDS ??
  'plain:no,plain:yes,surge:no,surge:yes,riot:no,riot:yes,covictims-same-incident:no,covictims-split:no,covictims-split:yes,duplicates:no,duplicates:yes,missing-ties:yes'
)
  .split(',')
  .map((s) => {
    const [w, c] = s.split(':');
    return [w as UnseenWorld, c === 'yes'];
  });
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const load0 = loadavg();
const t0 = performance.now();
const cpu0 = process.cpuUsage();

interface Row {
  world: string;
  contagion: boolean;
  seed: number;
  events: number;
  added: number;
  removedPairs: string;
  trueShare: number;
  share: number;
  alpha: number;
  alphaSe: number | null;
  identified: boolean;
  kernel: string;
  kernelMean: number;
  delayMean: number;
  delayMedian: number;
  trueDelay: number | null;
  warnings: number;
  test?: {
    p: number;
    pPar: number | null;
    pRew: number | null;
    shareLo: number;
    shareHi: number;
    alphaLo: number;
    alphaHi: number;
  };
}
const rows: Row[] = [];
for (const [world, contagion] of settings) {
  for (let seed = 1; seed <= seeds; seed++) {
    const c = unseenCity(world, { seed, people, contagion });
    const m = fitNetworkHawkes(c.data, { standardErrors: true });
    const row: Row = {
      world,
      contagion,
      seed,
      events: m.diagnostics.events ?? Number.NaN,
      added: c.added,
      removedPairs: c.pairs ? `${((100 * c.removedPairs) / c.pairs).toFixed(0)}%` : '—',
      trueShare: c.truth.triggeredShare,
      share: m.contagionShare,
      alpha: m.parameters.alpha,
      alphaSe: m.standardErrors.alpha ?? null,
      identified: m.identified,
      kernel: m.kernel.type === 'erlang' ? `erlang ${m.kernel.shape}` : m.kernel.type,
      kernelMean: m.kernel.meanDays,
      delayMean: m.delays.mean,
      delayMedian: m.delays.median,
      trueDelay: c.truth.meanDelay,
      warnings: m.warnings.length,
    };
    if (seed <= inferSeeds && inferWorlds.includes(`${world}:${contagion ? 'yes' : 'no'}`)) {
      const inf = hawkesInference(c.data, {
        replicates: 19,
        nullReplicates: 19,
        placeboReplicates: 0,
        kernelCheck: false,
        seed,
      });
      const t = inf.noContagionTest;
      const iv = inf.intervals;
      row.test = {
        p: t?.pValue ?? Number.NaN,
        pPar: t?.pValueParametric ?? null,
        pRew: t?.pValueRewired ?? null,
        shareLo: iv?.share.lo ?? Number.NaN,
        shareHi: iv?.share.hi ?? Number.NaN,
        alphaLo: iv?.alpha.lo ?? Number.NaN,
        alphaHi: iv?.alpha.hi ?? Number.NaN,
      };
    }
    rows.push(row);
  }
  write(false);
  console.log(world, contagion, 'done', ((performance.now() - t0) / 1000).toFixed(0), 's');
}
write(true);

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function write(finished: boolean) {
  const f = (x: number | null | undefined, d = 1) =>
    x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
  const cpu = process.cpuUsage(cpu0);
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = `${r.world}|${r.contagion}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const summary = [...groups.values()].map((g) => {
    const err = g.map((r) => 100 * (r.share - r.trueShare));
    let worst = 0;
    for (let i = 1; i < g.length; i++) if (Math.abs(err[i]) > Math.abs(err[worst])) worst = i;
    const tested = g.filter((r) => r.test);
    const covered = tested.filter(
      (r) => r.test!.shareLo <= r.trueShare && r.trueShare <= r.test!.shareHi,
    );
    return `| ${g[0].world} | ${g[0].contagion ? 'yes' : 'no'} | ${g.length} | ${median(g.map((r) => r.events))} | ${median(g.map((r) => r.added))} | ${f(100 * median(g.map((r) => r.trueShare)))}% | ${f(100 * median(g.map((r) => r.share)))}% | ${f(median(err.map(Math.abs)))} / ${f(err[worst])} (${g[worst].seed}) | ${g.filter((r) => r.share >= 0.05).length} | ${g.filter((r) => r.share >= 0.05 && r.identified).length} | ${f(median(g.map((r) => r.kernelMean)))} | ${f(median(g.map((r) => r.delayMedian)))} | ${f(median(g.map((r) => r.trueDelay ?? Number.NaN)))} | ${tested.length ? `${tested.filter((r) => r.test!.p <= 0.05).length}/${tested.length}` : '—'} | ${tested.length ? `${covered.length}/${tested.length}` : '—'} |`;
  });
  const out = `# Network Hawkes fit on worlds nobody had tried (2026-12-03)

\`${process.env.WORLDS ? `WORLDS=${process.env.WORLDS} ` : ''}${inferSeeds ? `INFER=${inferSeeds} INFER_WORLDS=${inferWorlds.join(',')} ` : ''}nice -n 19 npx tsx bench/worlds-unseen.ts ${seeds} ${people}\`${finished ? '' : ' — **partial: still running or stopped early**'} — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, commit ${commit}.
Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ' / ',
    )} at the end (other agents on the same 2 cores). Wall ${((performance.now() - t0) / 1000).toFixed(0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s.

Cities: \`synthCity({ people: ${people}, years: 6, seed, contagion: { mu: 1e-4, alpha: 0.05 or 0, beta: 1/60 } })\` post-processed by \`unseenCity\` (bench/worlds-unseen-harness.ts). Fit: \`fitNetworkHawkes(data, { standardErrors: true })\`, otherwise the defaults. "share ≥ 5% & identified" counts confident spurious findings when there is no contagion. Test and interval columns: \`hawkesInference(data, { replicates: 19, nullReplicates: 19, placeboReplicates: 0, kernelCheck: false, seed })\` on the first ${inferSeeds} seeds of ${inferWorlds.join(', ')} (smallest p 0.05); covered = the 95% interval of the share holds the true share.

| world | contagion | seeds | events (median) | added events | true share | fitted share | share error pp: median / worst (seed) | share ≥ 5% | share ≥ 5% & identified | kernel mean, days (median) | attributed delay median, days | true delay, days | test rejects at 5% | share interval covers truth |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${summary.join('\n')}

## Every fit

| world | contagion | seed | events | added | ties lost | true share | share | α (SE) | identified | kernel | 1/β | delay mean / median | true delay | warnings | test p (parametric, rewired) | share interval | α interval |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows
  .map(
    (r) =>
      `| ${r.world} | ${r.contagion ? 'yes' : 'no'} | ${r.seed} | ${r.events} | ${r.added} | ${r.removedPairs} | ${f(100 * r.trueShare)}% | ${f(100 * r.share)}% | ${f(r.alpha, 4)} (${f(r.alphaSe, 4)}) | ${r.identified ? 'yes' : 'no'} | ${r.kernel} | ${f(r.kernelMean)} | ${f(r.delayMean)} / ${f(r.delayMedian)} | ${f(r.trueDelay)} | ${r.warnings} | ${r.test ? `${f(r.test.p, 3)} (${f(r.test.pPar, 3)}, ${f(r.test.pRew, 3)})` : '—'} | ${r.test ? `${f(100 * r.test.shareLo)}–${f(100 * r.test.shareHi)}%` : '—'} | ${r.test ? `${f(r.test.alphaLo, 4)}–${f(r.test.alphaHi, 4)}` : '—'} |`,
  )
  .join('\n')}
`;
  writeFileSync(new URL(`./results/${outName}.md`, import.meta.url), out);
}
