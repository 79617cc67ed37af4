/**
 * The network Hawkes fit (defaults) on departures real police records have and the earlier
 * worlds did not cover (2026-12-04, issue #10): see bench/worlds-departures-harness.ts.
 * One JSON line per fit is appended to `out`; the table is written to
 * bench/results/<OUT>.md (default worlds-departures-2026-12-04) after every world.
 *
 *   nice -n 10 npx tsx bench/worlds-departures.ts [seeds=20] [worlds=all|world:yes,world:no] [out=/tmp/departures.jsonl]
 *   FIT='{"seasonal":true}' ...: options added to the defaults (the table says which)
 */
import { execSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { type Departure, departureCity } from './worlds-departures-harness.js';

const ALL =
  'control:no,control:yes,break:no,break:yes,sine2:no,sine2:yes,lognormal1:yes,mass:no,mass:yes,duplicates:no,duplicates:yes';
const seeds = Number(process.argv[2] ?? 20);
const worlds = (process.argv[3] && process.argv[3] !== 'all' ? process.argv[3] : ALL).split(',');
const out = process.argv[4] ?? '/tmp/departures.jsonl';
const outName = process.env.OUT ?? 'worlds-departures-2026-12-04';
const extra = process.env.FIT ? JSON.parse(process.env.FIT) : {};
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const load0 = loadavg();
const t0 = performance.now();

interface Row {
  world: string;
  contagion: boolean;
  seed: number;
  note: string;
  events: number;
  trueShare: number;
  trueShareVisible: number;
  share: number;
  trueDelay: number | null;
  kernelMean: number;
  identified: boolean;
  warnings: string[];
  load: number;
  seconds: number;
}
const rows: Row[] = [];
for (const w of worlds) {
  const [world, c] = w.split(':');
  const contagion = c === 'yes';
  for (let seed = 1; seed <= seeds; seed++) {
    const city = departureCity(world as Departure, { seed, contagion });
    const t = performance.now();
    const m = fitNetworkHawkes(city.data, extra);
    const row: Row = {
      world,
      contagion,
      seed,
      note: city.note,
      events: city.events,
      trueShare: city.trueShare,
      trueShareVisible: city.trueShareVisible,
      share: m.contagionShare,
      trueDelay: city.trueDelay,
      kernelMean: m.kernel.meanDays,
      identified: m.identified,
      warnings: m.warnings,
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
/** A warning's gist: its first sentence with the numbers taken out. */
function gist(w: string): string {
  return w
    .split(/(?<=[.:;])\s/)[0]
    .replace(/[−-]?\d[\d,.]*(e[−-]?\d+)?%?/g, '#')
    .slice(0, 90);
}
function write(finished: boolean) {
  const f = (x: number | null | undefined, d = 1) =>
    x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = `${r.world}:${r.contagion ? 'yes' : 'no'}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const summary = [...groups.entries()].map(([k, g]) => {
    const err = g.map((r) => 100 * (r.share - r.trueShare));
    let worst = 0;
    for (let i = 1; i < g.length; i++) if (Math.abs(err[i]) > Math.abs(err[worst])) worst = i;
    const derr = g.map((r) =>
      r.trueDelay && r.identified ? (100 * (r.kernelMean - r.trueDelay)) / r.trueDelay : Number.NaN,
    );
    let dworst = -1;
    for (let i = 0; i < g.length; i++)
      if (Number.isFinite(derr[i]) && (dworst < 0 || Math.abs(derr[i]) > Math.abs(derr[dworst])))
        dworst = i;
    const counts = new Map<string, number>();
    for (const r of g)
      for (const w of new Set(r.warnings.map(gist))) counts.set(w, (counts.get(w) ?? 0) + 1);
    const warn = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([w, n]) => `${n}× “${w}”`)
      .join('; ');
    const contagion = g[0].contagion;
    const shareCell = contagion
      ? `${f(median(err.map(Math.abs)))} / ${f(err[worst])} (${g[worst].seed})`
      : `${f(100 * median(g.map((r) => r.share)))}% / ${f(100 * g[worst].share)}% (${g[worst].seed})`;
    return `| ${k} | ${g.length} | ${median(g.map((r) => r.events))} | ${f(100 * median(g.map((r) => r.trueShare)))}% (${f(100 * median(g.map((r) => r.trueShareVisible)))}%) | ${f(100 * median(g.map((r) => r.share)))}% | ${shareCell} | ${contagion ? `${f(median(derr.map(Math.abs)), 0)} / ${dworst >= 0 ? `${f(derr[dworst], 0)} (${g[dworst].seed})` : '—'}` : '—'} | ${g.filter((r) => r.share >= 0.05).length} | ${g.filter((r) => r.identified).length} | ${warn || '—'} |`;
  });
  const opts = process.env.FIT ? ` with FIT='${process.env.FIT}'` : '';
  const text = `# Network Hawkes fit on departures real records have (2026-12-04)

\`${process.env.OUT ? `OUT=${process.env.OUT} ` : ''}${process.env.FIT ? `FIT='${process.env.FIT}' ` : ''}nice -n 10 npx tsx bench/worlds-departures.ts ${seeds} ${process.argv[3] ?? 'all'}\`${finished ? '' : ' — **partial: still running or stopped early**'} — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, commit ${commit}.
Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ' / ',
    )} at the end (other agents on the same 2 cores). Wall ${((performance.now() - t0) / 1000).toFixed(0)} s; per fit ${f(median(rows.map((r) => r.seconds)), 2)} s (median).

Cities (bench/worlds-departures-harness.ts): \`world2\` of bench/worlds-unseen2-harness.ts, 3,000 people, 6 years,
background μ₀ = 1e-4 per person-day at risk, α = 0.05 per co-offending tie (yes) or 0 (no), delays exponential of mean
60 days unless said. **control**: that world as it is. **break**: from the window's middle day every incident is
recorded at r × the rate before, from 1 April of the fourth year (91 days past the window's middle, inside a calendar-year
trend bin; r uniform 1.5–2 a seed; before it each incident is kept with probability 1/r). "parent recorded": the share of
the recorded events whose parent event is in the records too (what the records can show).
**sine2**: background ∝ 1 + ⅓·sin, summer peak 2 × the winter trough. **lognormal1**: delays lognormal, σ 1, mean 60
days (median 36.4). **mass**: 4 party shootings of 8–20 people from one group (half recorded as offenders, so up to 45
co-offending ties each on one day; half as victims). **duplicates**: 5–10% (uniform a seed) of serious incidents
recorded again the next day with the same people; the true share is that of the events, copies not counted.

Fit: \`fitNetworkHawkes(data${process.env.FIT ? `, ${process.env.FIT}` : ''})\`${opts ? '' : ', the defaults'}. Share error = fitted − true share, pp; without contagion the
fitted share itself. Delay error = (kernel mean − the delay distribution's mean) / that mean, %, over identified fits.
The #10 bar: share within 5 pp and delay within 15% at the median; without contagion a share under 5%.

| world:contagion | seeds | serious events (median) | true share (parent recorded) | fitted share (median) | share error pp: median abs / worst (seed); no contagion: median / worst (seed) | delay error %: median abs / worst (seed) | share ≥ 5% | identified | warnings (fits that printed it; numbers as #) |
|---|---|---|---|---|---|---|---|---|---|
${summary.join('\n')}

## Every fit

| world | contagion | seed | departure | events | true share (parent recorded) | share | kernel mean, days | identified | warnings | load (1 min) |
|---|---|---|---|---|---|---|---|---|---|---|
${rows
  .map(
    (r) =>
      `| ${r.world} | ${r.contagion ? 'yes' : 'no'} | ${r.seed} | ${r.note || '—'} | ${r.events} | ${f(100 * r.trueShare)}% (${f(100 * r.trueShareVisible)}%) | ${f(100 * r.share)}% | ${f(r.kernelMean)} | ${r.identified ? 'yes' : 'no'} | ${r.warnings.length} | ${f(r.load)} |`,
  )
  .join('\n')}
`;
  writeFileSync(new URL(`./results/${outName}.md`, import.meta.url), text);
}
