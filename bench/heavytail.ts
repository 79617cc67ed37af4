/**
 * The tail check (2026-12-04, issue #10): the default network Hawkes fit on cities with long-tailed
 * (lognormal) delays and on the other worlds, its tail score `diagnostics.tailScore.z` and whether
 * it warned. One JSON line per fit is appended to `out`; the table goes to
 * bench/results/<OUT>.md (default heavytail-2026-12-04) after every world.
 *
 *   nice -n 19 npx tsx bench/heavytail.ts [seeds=20] [worlds] [out=/tmp/heavytail.jsonl]
 * worlds (comma-separated): w2:<delay>[:no] — `world2` of bench/worlds-unseen2-harness.ts
 * (delay exp60, lognormal1, lognormal, gamma4; :no without contagion); sc:<world>[:no] —
 * synthCity's misspecified world. PEOPLE=3000 (default) sets the city size.
 */
import { execSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';
import { type DelayShape, world2 } from './worlds-unseen2-harness.js';

const ALL =
  'w2:lognormal1,w2:lognormal,w2:exp60,w2:gamma4,w2:exp60:no,sc:heterogeneous,sc:late-onset,sc:hot-periods,sc:gamma-delay,sc:all,sc:heterogeneous:no,sc:hot-periods:no,sc:late-onset:no';
const seeds = Number(process.argv[2] ?? 20);
const worlds = (process.argv[3] && process.argv[3] !== 'all' ? process.argv[3] : ALL).split(',');
const out = process.argv[4] ?? '/tmp/heavytail.jsonl';
const people = Number(process.env.PEOPLE ?? 3000);
const outName = process.env.OUT ?? 'heavytail-2026-12-04';
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const load0 = loadavg();
const t0 = performance.now();
const TAIL = /^The delays have a longer tail/;

interface Row {
  world: string;
  seed: number;
  trueShare: number;
  share: number;
  /** The delay distribution's mean (null without contagion) and the realised delays' mean. */
  trueDelay: number | null;
  realisedDelay: number | null;
  kernel: string;
  kernelMean: number;
  attributedMean: number;
  identified: boolean;
  z: number | null;
  warned: boolean;
  histogramMean: number | null;
  load: number;
  seconds: number;
}
const rows: Row[] = [];
for (const w of worlds) {
  const [kind, name, c] = w.split(':');
  const contagion = c !== 'no';
  for (let seed = 1; seed <= seeds; seed++) {
    let data: Parameters<typeof fitNetworkHawkes>[0];
    let trueShare: number;
    let trueDelay: number | null;
    let realisedDelay: number | null;
    if (kind === 'w2') {
      const c2 = world2({ seed, people, delay: name as DelayShape, alpha: contagion ? 0.05 : 0 });
      data = c2.data;
      trueShare = c2.trueShareRecorded;
      trueDelay = c2.kernelMean;
      realisedDelay = c2.trueDelayMean;
    } else {
      const city = synthCity(
        misspecifiedWorld(name as MisspecifiedWorldName, { seed, people, contagion }),
      );
      data = city.data;
      const t = city.truth;
      trueShare = t.triggeredShare;
      trueDelay = contagion ? t.kernelMeanDelay : null;
      realisedDelay = contagion ? t.meanDelay : null;
    }
    const t = performance.now();
    const m = fitNetworkHawkes(data);
    const warning = m.warnings.find((x) => TAIL.test(x));
    const hm = warning?.match(/reads ([\d.]+) days/);
    const row: Row = {
      world: w,
      seed,
      trueShare,
      share: m.contagionShare,
      trueDelay,
      realisedDelay,
      kernel: `${m.kernel.type}${m.kernel.type === 'erlang' ? ` ${m.kernel.shape}` : ''}`,
      kernelMean: m.kernel.meanDays,
      attributedMean: m.delays.mean,
      identified: m.identified,
      z: m.diagnostics.tailScore?.z ?? null,
      warned: warning !== undefined,
      histogramMean: hm ? Number(hm[1]) : null,
      load: loadavg()[0],
      seconds: (performance.now() - t) / 1000,
    };
    rows.push(row);
    appendFileSync(out, `${JSON.stringify(row)}\n`);
  }
  write(false);
  console.log(w, 'done', ((performance.now() - t0) / 1000).toFixed(0), 's');
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
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (!groups.has(r.world)) groups.set(r.world, []);
    groups.get(r.world)!.push(r);
  }
  const lines = [...groups.entries()].map(([k, g]) => {
    const yes = g[0].trueDelay !== null;
    const id = g.filter((r) => r.identified);
    const derr = id.map((r) => (100 * (r.kernelMean - r.trueDelay!)) / r.trueDelay!);
    let worst = -1;
    for (let i = 0; i < derr.length; i++)
      if (worst < 0 || Math.abs(derr[i]) > Math.abs(derr[worst])) worst = i;
    const serr = g.map((r) => 100 * (r.share - r.trueShare));
    const zs = g.map((r) => r.z).filter((z): z is number => z !== null);
    const warned = g.filter((r) => r.warned);
    const herr = warned
      .filter((r) => r.histogramMean !== null && r.trueDelay)
      .map((r) => (100 * (r.histogramMean! - r.trueDelay!)) / r.trueDelay!);
    return `| ${k} | ${g.length} | ${yes ? `${f(100 * median(g.map((r) => r.trueShare)))}%` : '0'} | ${f(100 * median(g.map((r) => r.share)))}% | ${yes ? f(median(serr.map(Math.abs))) : '—'} | ${yes ? f(g[0].trueDelay, 0) : '—'} | ${yes ? f(median(g.map((r) => r.realisedDelay ?? Number.NaN)), 0) : '—'} | ${f(median(id.map((r) => r.kernelMean)), 0)} | ${yes && worst >= 0 ? `${f(median(derr.map(Math.abs)), 0)} / ${f(derr[worst], 0)} (${id[worst].seed})` : '—'} | ${id.length} | ${zs.length ? `${f(median(zs), 2)} / ${f(Math.max(...zs), 2)}` : '—'} | **${warned.length}** of ${g.length} (${warned.map((r) => r.seed).join(', ') || '—'}) | ${herr.length ? `${f(median(herr), 0)} (${herr.length})` : '—'} |`;
  });
  const text = `# The tail check on long-tailed delays and the other worlds (2026-12-04)

\`${process.env.OUT ? `OUT=${process.env.OUT} ` : ''}${process.env.PEOPLE ? `PEOPLE=${process.env.PEOPLE} ` : ''}nice -n 19 npx tsx bench/heavytail.ts ${seeds} ${process.argv[3] ?? 'all'}\`${finished ? '' : ' — **partial: still running or stopped early**'} — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, commit ${commit}.
Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ' / ',
    )} at the end (other agents on the same 2 cores). Wall ${((performance.now() - t0) / 1000).toFixed(0)} s; per fit ${f(median(rows.map((r) => r.seconds)), 2)} s (median).

Cities of ${people.toLocaleString('en')} people, seeds 1–${seeds}, the default fit. **w2:<delay>**: \`world2\` of bench/worlds-unseen2-harness.ts (ordinary records of a
synthCity city, serious events by a branching process of its own; μ₀ 1e-4, α 0.05 per co-offending tie, 6 years): exp60 exponential delays of mean 60
days (the departures table's control), lognormal1 lognormal σ 1, mean 60 (median 36.4), lognormal σ 1.5, median 20, mean 61.6, gamma4 gamma of
shape 4, mean 90; \`:no\` without contagion. **sc:<world>**: synthCity's misspecified world (bench/worlds.ts).
Delay error: the kernel's mean against the delay distribution's mean, over identified fits. "Realised": the mean of the
parent→child delays that fell inside the window (the window cuts the long ones). z: \`diagnostics.tailScore.z\` (identified fits
with a kernel mean under a quarter of maxLag). Warned: the fit's tail warning (z ≥ 2.33). Histogram: the histogram kernel's mean
given in the warning, error against the distribution's mean (%; median over the warned fits).

| world | seeds | true share (median) | fitted share (median) | share error pp (median abs) | delay mean, days | realised mean (median) | kernel mean (median) | delay error %: median abs / worst (seed) | identified | z: median / max | tail warning | histogram mean error % |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}

## Every fit

| world | seed | true share | share | kernel | kernel mean | attributed mean | realised mean | identified | z | warned | histogram mean | load | s |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.world} | ${r.seed} | ${f(100 * r.trueShare)}% | ${f(100 * r.share)}% | ${r.kernel} | ${f(r.kernelMean)} | ${f(r.attributedMean)} | ${f(r.realisedDelay)} | ${r.identified ? 'yes' : 'no'} | ${f(r.z, 2)} | ${r.warned ? 'yes' : ''} | ${f(r.histogramMean)} | ${f(r.load)} | ${f(r.seconds, 2)} |`).join('\n')}
`;
  writeFileSync(`bench/results/${outName}.md`, text);
}
