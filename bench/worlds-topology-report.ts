/**
 * Summary tables of bench/worlds-topology.ts's JSON lines, for
 * bench/results/worlds-topology-2026-12-04.md.
 *
 *   npx tsx bench/worlds-topology-report.ts /tmp/topo.jsonl [more.jsonl …] [--every]
 */
import { readFileSync } from 'node:fs';

interface Interval {
  lo: number;
  hi: number;
}
interface Row {
  world: string;
  seed: number;
  events?: number;
  modelled?: number;
  trueShare?: number;
  trueDelayMean?: number | null;
  trueDelayMedian?: number | null;
  trueBranching?: number;
  trueAlpha?: number;
  maxDegree?: number;
  meanDegree?: number;
  share?: number;
  alpha?: number;
  identified?: boolean;
  kernel?: string;
  kernelMean?: number;
  delayMean?: number;
  branchingRatio?: number;
  warnings?: string[];
  nonFinite?: number;
  badText?: string[];
  error?: string;
  test?: {
    p?: number;
    share?: Interval | null;
    alpha?: Interval | null;
    delay?: Interval | null;
    warnings?: string[];
    badText?: string[];
  };
  rank?: {
    population: number;
    top: number;
    harmed: number;
    oracleHits: number;
    hawkesHits?: number;
    oracleExpected: number;
    hawkesExpected?: number | null;
    hawkesExpectedHits?: number;
    oracleExpectedHits?: number;
    hawkesNonFinite?: boolean;
    error?: string;
  };
}

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rows: Row[] = files.flatMap((f) =>
  readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l)),
);
const f = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
const median = (xs: number[]) => {
  if (!xs.length) return Number.NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const worlds = [
  ...new Set(rows.filter((r) => r.share !== undefined || r.error).map((r) => r.world)),
];
console.log(
  '| world | contagion | seeds fitted | events (median) | max degree (median) | true share | fitted share | share error pp: median / worst (seed) | share ≥ 5% | share ≥ 5% & identified | identified | kernel mean, days (median; identified) | true delay mean, days | branching: true / fitted (median) | top-1% hits: Hawkes / oracle (sum) | expected top-1% hits, Hawkes / oracle | non-finite or bad text | errors |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const w of worlds) {
  const all = rows.filter((r) => r.world === w && (r.share !== undefined || r.error));
  const ok = all.filter((r) => typeof r.share === 'number');
  const id = ok.filter((r) => r.identified);
  const truth = (r: Row) => r.trueShare ?? 0;
  const err = ok.map((r) => ({ e: 100 * (r.share! - truth(r)), seed: r.seed }));
  const worst = err.reduce((a, b) => (Math.abs(b.e) > Math.abs(a.e) ? b : a), { e: 0, seed: 0 });
  const rk = ok.filter((r) => r.rank && r.rank.hawkesHits !== undefined).map((r) => r.rank!);
  const bad = all.filter(
    (r) =>
      (r.nonFinite ?? 0) > 0 ||
      (r.badText?.length ?? 0) > 0 ||
      (r.test?.badText?.length ?? 0) > 0 ||
      r.rank?.hawkesNonFinite,
  ).length;
  const errors = all.filter((r) => r.error || r.rank?.error).length;
  const [name, c] = w.split(':');
  console.log(
    `| ${name} | ${c} | ${ok.length} | ${f(median(ok.map((r) => r.modelled ?? r.events ?? 0)), 0)} | ${f(median(ok.map((r) => r.maxDegree ?? 0)), 0)} | ${f(100 * median(ok.map(truth)))}% | ${f(100 * median(ok.map((r) => r.share!)))}% | ${f(median(err.map((x) => Math.abs(x.e))))} / ${f(worst.e)} (${worst.seed}) | ${ok.filter((r) => r.share! >= 0.05).length} | ${ok.filter((r) => r.share! >= 0.05 && r.identified).length} | ${id.length} | ${f(median(id.map((r) => r.kernelMean!)))} | ${f(median(ok.filter((r) => r.trueDelayMean != null).map((r) => r.trueDelayMean!)))} | ${f(median(ok.map((r) => r.trueBranching ?? 0)), 2)} / ${f(median(ok.map((r) => r.branchingRatio ?? 0)), 2)} | ${rk.length ? `${sum(rk.map((r) => r.hawkesHits!))} / ${sum(rk.map((r) => r.oracleHits))} (of ${sum(rk.map((r) => r.harmed))} harmed)` : '—'} | ${rk.length ? `${f(sum(rk.map((r) => r.hawkesExpectedHits ?? 0)))} / ${f(sum(rk.map((r) => r.oracleExpectedHits ?? 0)))} = ${f(sum(rk.map((r) => r.hawkesExpectedHits ?? 0)) / sum(rk.map((r) => r.oracleExpectedHits ?? 0)), 2)}` : '—'} | ${bad} | ${errors} |`,
  );
}

const tested = rows.filter((r) => r.test);
if (tested.length) {
  console.log(
    '\n| world | contagion | seeds tested | test rejects at 5% | share interval covers truth | delay interval covers true delay mean | identified | kernel mean (median) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const w of [...new Set(tested.map((r) => r.world))]) {
    const t = tested.filter((r) => r.world === w);
    const withShare = t.filter((r) => r.test?.share);
    const covered = withShare.filter(
      (r) => r.test!.share!.lo <= r.trueShare! && r.trueShare! <= r.test!.share!.hi,
    );
    const withDelay = t.filter((r) => r.test?.delay && r.trueDelayMean != null);
    const dcov = withDelay.filter(
      (r) => r.test!.delay!.lo <= r.trueDelayMean! && r.trueDelayMean! <= r.test!.delay!.hi,
    );
    const [name, c] = w.split(':');
    console.log(
      `| ${name} | ${c} | ${t.length} | ${t.filter((r) => (r.test?.p ?? 1) <= 0.05).length}/${t.length} | ${withShare.length ? `${covered.length}/${withShare.length}` : '—'} | ${withDelay.length ? `${dcov.length}/${withDelay.length}` : '—'} | ${t.filter((r) => r.identified).length}/${t.length} | ${f(median(t.map((r) => r.kernelMean!)))} |`,
    );
  }
}

if (process.argv.includes('--every')) {
  console.log(
    '\n| world | seed | events | max degree | true α | true share | share | α | identified | kernel | kernel mean | true delay mean | branching true / fitted | top-1% hits H / O of harmed | warnings | test p | share interval | delay interval |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (r.share === undefined) {
      console.log(
        `| ${r.world} | ${r.seed} | ${r.events ?? '—'} | | | | | | | | | | | | ${(r.error ?? '').replace(/\|/g, '/')} | | | |`,
      );
      continue;
    }
    const t = r.test;
    console.log(
      `| ${r.world} | ${r.seed} | ${r.modelled} | ${r.maxDegree} | ${f(r.trueAlpha, 3)} | ${f(100 * (r.trueShare ?? 0))}% | ${f(100 * r.share)}% | ${f(r.alpha, 4)} | ${r.identified ? 'yes' : 'no'} | ${r.kernel} | ${f(r.kernelMean)} | ${f(r.trueDelayMean)} | ${f(r.trueBranching, 2)} / ${f(r.branchingRatio, 2)} | ${r.rank ? `${r.rank.hawkesHits ?? '—'} / ${r.rank.oracleHits} of ${r.rank.harmed}` : '—'} | ${r.warnings?.length ?? 0} | ${t ? f(t.p, 3) : '—'} | ${t?.share ? `${f(100 * t.share.lo)}–${f(100 * t.share.hi)}%` : '—'} | ${t?.delay ? `${f(t.delay.lo)}–${f(t.delay.hi)}` : '—'} |`,
    );
  }
}
