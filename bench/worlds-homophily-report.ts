/**
 * Table of bench/worlds-homophily.ts runs: reads JSON-line files, writes
 * bench/results/<OUT>.md (default worlds-homophily-2026-12-05).
 *
 *   npx tsx bench/worlds-homophily-report.ts fits.jsonl [infer.jsonl …]   (OUT=name; NOTE='text' put under the title)
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

interface Row {
  world: string;
  contagion: boolean;
  seed: number;
  fit: string | null;
  note: string;
  events: number;
  trueShare: number;
  trueDelay: number | null;
  tieCorrelation: number;
  share?: number;
  alpha?: number;
  kernelMean?: number;
  identified?: boolean;
  warnings?: string[];
  badText?: string[];
  error?: string;
  seconds: number;
  load: number;
  test?: {
    p?: number;
    share: { lo: number; hi: number } | null;
    delay: { lo: number; hi: number } | null;
    warnings: string[];
    badText: string[];
  };
}
const rows: Row[] = process.argv
  .slice(2)
  .flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean))
  .map((l) => JSON.parse(l));
const f = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gist = (w: string) =>
  w
    .split(/(?<=[.:;])\s/)[0]
    .replace(/[−-]?\d[\d,.]*(e[−-]?\d+)?%?/g, '#')
    .slice(0, 90);
const key = (r: Row) => `${r.world}:${r.contagion ? 'yes' : 'no'}${r.fit ? ` ${r.fit}` : ''}`;
const fitted = rows.filter((r) => !r.test);
const tested = rows.filter((r) => r.test);
const groups = new Map<string, Row[]>();
for (const r of fitted) {
  if (!groups.has(key(r))) groups.set(key(r), []);
  groups.get(key(r))!.push(r);
}
const summary = [...groups.entries()].map(([k, g0]) => {
  const g = g0.filter((r) => typeof r.share === 'number');
  const err = g.map((r) => 100 * (r.share! - r.trueShare));
  let worst = 0;
  for (let i = 1; i < g.length; i++) if (Math.abs(err[i]) > Math.abs(err[worst])) worst = i;
  const derr = g.map((r) =>
    r.trueDelay && r.identified ? (100 * (r.kernelMean! - r.trueDelay)) / r.trueDelay : Number.NaN,
  );
  const counts = new Map<string, number>();
  for (const r of g)
    for (const w of new Set((r.warnings ?? []).map(gist))) counts.set(w, (counts.get(w) ?? 0) + 1);
  const warn = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([w, n]) => `${n}× “${w}”`)
    .join('; ');
  const c = g[0]?.contagion;
  const shareCell = c
    ? `${f(median(err.map(Math.abs)))} / ${f(err[worst])} (${g[worst]?.seed})`
    : `${f(100 * median(g.map((r) => r.share!)))}% / ${f(100 * (g[worst]?.share ?? Number.NaN))}% (${g[worst]?.seed})`;
  const wrong = g.filter((r) => !r.contagion && r.share! >= 0.05 && r.identified).length;
  // The share to report: the shared-risk check's refit's when it warned, else the fit's.
  const shownErr = g.map((r) => {
    const w = (r.warnings ?? []).find((x) => x.startsWith('Risk is shared'));
    const m = w ? /finds a share of ([\d.]+)%/.exec(w) : null;
    return (m ? Number(m[1]) : 100 * r.share!) - 100 * r.trueShare;
  });
  let sworst = 0;
  for (let i = 1; i < g.length; i++)
    if (Math.abs(shownErr[i]) > Math.abs(shownErr[sworst])) sworst = i;
  const bad = g.filter((r) => (r.badText?.length ?? 0) > 0).length;
  return `| ${k} | ${g.length}${g0.length > g.length ? ` (+${g0.length - g.length} errors)` : ''} | ${median(g.map((r) => r.events))} | ${f(median(g.map((r) => r.tieCorrelation)), 2)} | ${f(100 * median(g.map((r) => r.trueShare)))}% | ${f(100 * median(g.map((r) => r.share!)))}% | ${shareCell} | ${c ? `${f(median(shownErr.map(Math.abs)))} / ${f(shownErr[sworst])}` : '—'} | ${c ? `${f(median(derr.map(Math.abs)), 0)}` : '—'} | ${f(median(g.filter((r) => r.identified).map((r) => r.kernelMean!)), 0)} | ${g.filter((r) => r.share! >= 0.05).length} | ${g.filter((r) => r.identified).length} | ${c ? '—' : wrong} | ${bad} | ${warn || '—'} |`;
});
const tgroups = new Map<string, Row[]>();
for (const r of tested) {
  if (!tgroups.has(key(r))) tgroups.set(key(r), []);
  tgroups.get(key(r))!.push(r);
}
const tsummary = [...tgroups.entries()].map(([k, g]) => {
  const withShare = g.filter((r) => r.test!.share);
  const cov = withShare.filter(
    (r) => r.test!.share!.lo <= r.trueShare && r.trueShare <= r.test!.share!.hi,
  );
  const withDelay = g.filter((r) => r.test!.delay && r.trueDelay);
  const dcov = withDelay.filter(
    (r) => r.test!.delay!.lo <= r.trueDelay! && r.trueDelay! <= r.test!.delay!.hi,
  );
  return `| ${k} | ${g.length} | ${g.filter((r) => (r.test!.p ?? 1) <= 0.05).length} of ${g.length} | ${g.map((r) => f(r.test!.p, 2)).join(', ')} | ${withShare.length ? `${cov.length} of ${withShare.length}` : '—'} | ${withDelay.length ? `${dcov.length} of ${withDelay.length}` : '—'} | ${g.filter((r) => r.identified).length} | ${g.filter((r) => r.test!.badText.length).length} |`;
});
const loads = rows.map((r) => r.load);
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const text = `# Network Hawkes fit on homophily worlds (2026-12-05)

Issue #10, "would you say the same on data with no contagion?" (Shalizi & Thomas 2011: homophily and
contagion are generically confounded). \`nice -n 10 npx tsx bench/worlds-homophily.ts 20 all\` (fits) and
\`INFER=1 … 10 <worlds>\` (hawkesInference, 19 replicates for the intervals and per null reference,
placeboReplicates 0), table by \`bench/worlds-homophily-report.ts\` on commit ${commit} — ${new Date().toISOString().slice(0, 16)} UTC, 2 cores shared
with 4 other helpers: load average (1 min) ${f(Math.min(...loads))}–${f(Math.max(...loads))} over the fits, median fit
${f(median(fitted.map((r) => r.seconds)), 1)} s wall.
${process.env.NOTE ? `\n${process.env.NOTE}\n` : ''}
Cities (bench/worlds-homophily-harness.ts): 3,000 people, 6 years, serious events from the harness's own branching
process, background μ₀ = 1e-4 per person-day at risk × m_k(t): **control** m = 1; **group-frailty** each synthCity group's
multiplier Gamma(1, 1) (mean 1, variance 1) for the whole window, people in no group their own; **assortative** ties
formed by latent risk (a graph of our own: pair edges between people at nearby ranks of their Gamma(1, 1) multiplier,
80% of edges, the rest at random; degree independent of risk); **shocks** each area's ln m a random walk by month
(sd 0.12 a month, ≈ 1 over six years), a person in the area of most of their records (synthCity's groups hold turf).
"tie r": correlation of ln m between the two ends of a tie at its first day. With contagion (yes): α 0.05 per
co-offending tie (assortative 0.12: mean degree ~2), delays exponential, mean 60 days.

Fit: \`fitNetworkHawkes(data)\`, the defaults, unless a FIT is given after the world. Share error = fitted − true, pp;
without contagion the fitted share itself. "wrong": no contagion, share ≥ 5% and identified (a confident wrong answer).

| world:contagion | seeds | events (median) | tie r | true share | fitted share (median) | share error pp median abs / worst (seed); no contagion: median / worst (seed) | share to report (the shared-risk warning's refit share when it warned), error pp median abs / worst | delay error % (median abs, identified) | kernel mean, days (median, identified) | share ≥ 5% | identified | wrong | bad text | warnings (fits that printed it; numbers as #) |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${summary.join('\n')}
${
  tsummary.length
    ? `
## hawkesInference (no-contagion test, 95% intervals)

| world:contagion | seeds | test rejects at 5% | p per seed | share interval covers the truth | delay interval covers 60 days | identified | bad text |
|---|---|---|---|---|---|---|---|
${tsummary.join('\n')}
`
    : ''
}
## Every fit

| world | contagion | seed | events | tie r | true share | share | α | kernel mean | identified | warnings | test p | share interval | s | load |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows
  .map(
    (r) =>
      `| ${r.world}${r.fit ? ` ${r.fit}` : ''} | ${r.contagion ? 'yes' : 'no'} | ${r.seed} | ${r.events} | ${f(r.tieCorrelation, 2)} | ${f(100 * r.trueShare)}% | ${f(100 * (r.share ?? Number.NaN))}% | ${f(r.alpha, 4)} | ${f(r.kernelMean)} | ${r.identified ? 'yes' : 'no'} | ${(r.warnings ?? []).map(gist).join('; ').replace(/\|/g, '/') || '—'}${r.error ? ` ERROR ${r.error}` : ''} | ${r.test ? f(r.test.p, 3) : '—'} | ${r.test?.share ? `${f(100 * r.test.share.lo)}–${f(100 * r.test.share.hi)}%` : '—'} | ${f(r.seconds)} | ${f(r.load)} |`,
  )
  .join('\n')}
`;
writeFileSync(
  new URL(`./results/${process.env.OUT ?? 'worlds-homophily-2026-12-05'}.md`, import.meta.url),
  text,
);
console.log(summary.join('\n'));
console.log(tsummary.join('\n'));
