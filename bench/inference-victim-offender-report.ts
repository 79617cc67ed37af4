/**
 * Summarises bench/inference-victim-offender.ts's JSON lines: coverage of the 95% intervals of the
 * share and its two parts (vo:yes) and the no-contagion test's rejection rate at 5% (vo:no).
 *
 *   npx tsx bench/inference-victim-offender-report.ts /tmp/inference-vo.jsonl [more.jsonl …]
 */
import { readFileSync } from 'node:fs';

interface Iv {
  estimate: number;
  lo: number;
  hi: number;
  method: string;
}
interface Row {
  world: string;
  seed: number;
  people: number;
  refits: number;
  truth: { share: number; victimOffender: number; coOffending: number; events: number };
  fit: { share: number; coOffending: number; victimOffender: number; identified: boolean };
  intervals: { share: Iv; coOffending: Iv; victimOffender: Iv; alphaVo: Iv } | null;
  test: { pValue: number; statistic: number } | null;
  voTest: { pValue: number; method: string } | null;
  failed: number;
  wall: number;
  cpu: number;
  load: number[];
}

const rows: Row[] = process.argv
  .slice(2)
  .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean))
  .map((l) => JSON.parse(l));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ivs = (x?: Iv | null) => (x ? `${pct(x.estimate)} [${pct(x.lo)}, ${pct(x.hi)}]` : '—');
const covers = (x: Iv | undefined | null, t: number) =>
  !!x && x.lo <= t + 1e-12 && t <= x.hi + 1e-12;
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor((s.length - 1) / 2)];
};
const loads = rows.flatMap((r) => r.load);
console.log(
  `${rows.length} seeds; load (1-minute) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; wall median ${median(rows.map((r) => r.wall)).toFixed(0)} s, CPU median ${median(rows.map((r) => r.cpu)).toFixed(0)} s per seed\n`,
);
const yes = rows.filter((r) => r.world === 'vo:yes');
if (yes.length > 0) {
  console.log(
    '| seed | events | true share (all along victim–offender ties) | share [95%] | victim–offender part [95%] | co-offending part [95%] (truth 0) | α_vo [95%] | covered: share / vo / co | vo-test p | failed refits |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  let cs = 0;
  let cv = 0;
  let cc = 0;
  for (const r of yes) {
    const iv = r.intervals;
    const a = covers(iv?.share, r.truth.share);
    const b = covers(iv?.victimOffender, r.truth.victimOffender);
    const c = covers(iv?.coOffending, 0);
    cs += a ? 1 : 0;
    cv += b ? 1 : 0;
    cc += c ? 1 : 0;
    const av = iv?.alphaVo;
    console.log(
      `| ${r.seed} | ${r.truth.events} | ${pct(r.truth.share)} | ${ivs(iv?.share)} | ${ivs(iv?.victimOffender)} | ${ivs(iv?.coOffending)} | ${av ? `${av.estimate.toPrecision(3)} [${av.lo.toPrecision(3)}, ${av.hi.toPrecision(3)}]` : '—'} | ${a ? 'yes' : '**no**'} / ${b ? 'yes' : '**no**'} / ${c ? 'yes' : '**no**'} | ${r.voTest ? `${r.voTest.pValue.toPrecision(2)} (${r.voTest.method})` : '—'} | ${r.failed} |`,
    );
  }
  console.log(
    `\nvo:yes coverage over ${yes.length} seeds: share ${cs}/${yes.length}, victim–offender part ${cv}/${yes.length}, co-offending part (truth 0) ${cc}/${yes.length}; median |share error| ${pct(median(yes.map((r) => Math.abs(r.fit.share - r.truth.share))))}\n`,
  );
}
const co = rows.filter((r) => r.world === 'co:yes');
if (co.length > 0) {
  console.log(
    '| seed | true share (all along co-offending ties) | share | co-offending part | victim–offender part | vo-test p (method) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of co)
    console.log(
      `| ${r.seed} | ${pct(r.truth.share)} | ${pct(r.fit.share)} | ${pct(r.fit.coOffending)} | ${pct(r.fit.victimOffender)} | ${r.voTest ? `${r.voTest.pValue.toPrecision(2)} (${r.voTest.method})` : '—'} |`,
    );
  console.log(
    `\nco:yes: the α_vo = 0 test rejected at 5% on ${co.filter((r) => r.voTest && r.voTest.pValue <= 0.05).length} of ${co.length} seeds (α_vo = 0 true)\n`,
  );
}
const no = rows.filter((r) => r.world === 'vo:no');
if (no.length > 0) {
  console.log(
    '| seed | events | share (identified) | LR | p (parametric, joint α = α_vo = 0) | rejected at 5% | vo-test p (method) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  let rej = 0;
  let voRej = 0;
  for (const r of no) {
    const rj = !!r.test && r.test.pValue <= 0.05;
    rej += rj ? 1 : 0;
    voRej += r.voTest && r.voTest.pValue <= 0.05 ? 1 : 0;
    console.log(
      `| ${r.seed} | ${r.truth.events} | ${pct(r.fit.share)} (${r.fit.identified}) | ${r.test ? r.test.statistic.toFixed(2) : '—'} | ${r.test ? r.test.pValue.toFixed(3) : '—'} | ${rj ? '**yes**' : 'no'} | ${r.voTest ? `${r.voTest.pValue.toPrecision(2)} (${r.voTest.method})` : '—'} |`,
    );
  }
  console.log(
    `\nvo:no: the no-contagion test rejected at 5% on ${rej} of ${no.length} seeds; the α_vo = 0 test on ${voRej} of ${no.length}; fitted share ≥ 5% on ${no.filter((r) => r.fit.share >= 0.05).length}`,
  );
}
