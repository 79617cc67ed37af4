/**
 * Summary table of bench/worlds-unseen2.ts's JSON lines (one row per world), for
 * bench/results/worlds-unseen-2026-12-04.md.
 *
 *   npx tsx bench/worlds-unseen2-report.ts /tmp/worlds2.jsonl [--every]
 */
import { readFileSync } from 'node:fs';

interface Row {
  world: string;
  seed: number;
  events?: number;
  recorded?: number;
  modelled?: number;
  trueShare?: number;
  trueShareRecorded?: number;
  trueDelayMean?: number | null;
  trueDelayMedian?: number | null;
  kernelMeanTrue?: number | null;
  trueBranching?: number;
  share?: number;
  alpha?: number;
  alphaSe?: number | null;
  identified?: boolean;
  kernel?: string;
  kernelMean?: number;
  delayMean?: number;
  delayMedian?: number;
  branchingRatio?: number;
  warnings?: string[];
  error?: string;
  test?: {
    p?: number;
    share?: { lo: number; hi: number } | null;
    delay?: { lo: number; hi: number } | null;
    kernelCheck?: { shape: number; meanDelayDays: number; pValue: number } | null;
  };
}

const rows: Row[] = readFileSync(process.argv[2], 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const f = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
const median = (xs: number[]) => {
  if (!xs.length) return Number.NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const worlds = [...new Set(rows.map((r) => r.world))];
console.log(
  '| world | contagion | seeds fitted | events recorded (median) | true share | fitted share | share error pp: median / worst (seed) | share ≥ 5% | share ≥ 5% & identified | identified | kernel mean, days (median; identified) | attributed delay mean / median, days (median; identified) | true delay mean / median, days | branching: true / fitted (median) | test rejects at 5% | share interval covers truth | refused or explosive |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const w of worlds) {
  const all = rows.filter((r) => r.world === w);
  const ok = all.filter((r) => typeof r.share === 'number');
  const id = ok.filter((r) => r.identified);
  const truth = (r: Row) => r.trueShareRecorded ?? r.trueShare ?? 0;
  const err = ok.map((r) => ({ e: 100 * (r.share! - truth(r)), seed: r.seed }));
  const worst = err.reduce((a, b) => (Math.abs(b.e) > Math.abs(a.e) ? b : a), { e: 0, seed: 0 });
  const tested = ok.filter((r) => r.test);
  const covered = tested.filter(
    (r) => r.test?.share && r.test.share.lo <= truth(r) && truth(r) <= r.test.share.hi,
  );
  const [name, c] = w.split(':');
  console.log(
    `| ${name} | ${c} | ${ok.length} | ${f(median(ok.map((r) => r.recorded ?? 0)), 0)} | ${f(100 * median(ok.map(truth)))}% | ${f(100 * median(ok.map((r) => r.share!)))}% | ${f(median(err.map((x) => Math.abs(x.e))))} / ${f(worst.e)} (${worst.seed}) | ${ok.filter((r) => r.share! >= 0.05).length} | ${ok.filter((r) => r.share! >= 0.05 && r.identified).length} | ${id.length} | ${f(median(id.map((r) => r.kernelMean!)))} | ${f(median(id.map((r) => r.delayMean!)))} / ${f(median(id.map((r) => r.delayMedian!)))} | ${f(median(ok.filter((r) => r.trueDelayMean != null).map((r) => r.trueDelayMean!)))} / ${f(median(ok.filter((r) => r.trueDelayMedian != null).map((r) => r.trueDelayMedian!)))} | ${f(median(ok.map((r) => r.trueBranching ?? 0)), 2)} / ${f(median(ok.map((r) => r.branchingRatio ?? 0)), 2)} | ${tested.length ? `${tested.filter((r) => (r.test?.p ?? 1) <= 0.05).length}/${tested.length}` : '—'} | ${tested.length ? `${covered.length}/${tested.length}` : '—'} | ${all.length - ok.length} |`,
  );
}
if (process.argv.includes('--every')) {
  console.log(
    '\n| world | seed | events | true share | share | α (SE) | identified | kernel | kernel mean | delay mean / median | true delay mean / median | branching true / fitted | warnings | test p | share interval | delay interval | kernel check (shape, mean, p) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (r.error && r.share === undefined) {
      console.log(
        `| ${r.world} | ${r.seed} | ${r.recorded ?? '—'} | | | | | | | | | | ${r.error.replace(/\|/g, '/')} | | | | |`,
      );
      continue;
    }
    const t = r.test;
    console.log(
      `| ${r.world} | ${r.seed} | ${r.recorded} | ${f(100 * (r.trueShareRecorded ?? r.trueShare ?? 0))}% | ${f(100 * r.share!)}% | ${f(r.alpha, 4)} (${f(r.alphaSe ?? null, 4)}) | ${r.identified ? 'yes' : 'no'} | ${r.kernel} | ${f(r.kernelMean)} | ${f(r.delayMean)} / ${f(r.delayMedian)} | ${f(r.trueDelayMean)} / ${f(r.trueDelayMedian)} | ${f(r.trueBranching, 2)} / ${f(r.branchingRatio, 2)} | ${r.warnings?.length ?? 0} | ${t ? f(t.p, 3) : '—'} | ${t?.share ? `${f(100 * t.share.lo)}–${f(100 * t.share.hi)}%` : '—'} | ${t?.delay ? `${f(t.delay.lo)}–${f(t.delay.hi)}` : '—'} | ${t?.kernelCheck ? `${f(t.kernelCheck.shape, 2)}, ${f(t.kernelCheck.meanDelayDays)}, ${t.kernelCheck.pValue.toExponential(1)}` : '—'} |`,
    );
  }
}
