/**
 * hawkesInference with victim–offender ties (issue #10 follow-up, 2026-12-05): coverage of the 95%
 * intervals of the share's two parts (along co-offending / victim–offender ties) and of α_vo's
 * direction on the victim–offender world (bench/worlds-unseen2-harness.ts, channel
 * 'victim-offender', α 0.05: contagion along victim–offender ties only), and the rejection rate
 * of the no-contagion test (α = α_vo = 0, parametric reference) on the same world without
 * contagion (α 0); and the test of α_vo = 0 (`victimOffenderTest`) where contagion runs along
 * co-offending ties only (co:yes: channel 'co-offending', α 0.05; no replicates: that test costs
 * one fit). `fit: { victimOffenderTies: 'sides' }`. One JSON line per seed to `out`.
 *
 *   nice -n 19 npx tsx bench/inference-victim-offender.ts [seeds=10] [world=vo:yes|vo:no|co:yes] [out] [refits=19]
 *
 * FIRST=n starts at seed n. vo:yes runs `replicates` refits (no test, no placebo); vo:no runs
 * `nullReplicates` with `nullReference: 'parametric'` (the default 'larger' rejects only when the
 * parametric reference does too, so it rejects no more often) and no intervals.
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { hawkesInference } from '../src/contagion/hawkes/index.js';
import { world2 } from './worlds-unseen2-harness.js';

const seeds = Number(process.argv[2] ?? 10);
const world = process.argv[3] ?? 'vo:yes';
const out = process.argv[4] ?? '/tmp/inference-vo.jsonl';
const refits = Number(process.argv[5] ?? 19);
const first = Number(process.env.FIRST ?? 1);
const people = Number(process.env.PEOPLE ?? 3000);
const contagion = world === 'vo:yes';

for (let seed = first; seed < first + seeds; seed++) {
  const co = world === 'co:yes';
  const w = world2({
    seed,
    people,
    alpha: contagion || co ? 0.05 : 0,
    channel: co ? 'co-offending' : 'victim-offender',
  });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const load0 = loadavg()[0];
  const inf = hawkesInference(w.data, {
    fit: { victimOffenderTies: 'sides' },
    replicates: contagion ? refits : 0,
    nullReplicates: contagion || co ? 0 : refits,
    nullReference: 'parametric',
    placeboReplicates: 0,
    kernelCheck: false,
  });
  const cpu = process.cpuUsage(cpu0);
  const m = inf.model;
  const iv = inf.intervals;
  const truth = contagion || co ? w.trueShareRecorded : 0;
  const row = {
    world,
    seed,
    people,
    refits,
    truth: {
      share: truth,
      victimOffender: co ? 0 : truth,
      coOffending: co ? truth : 0,
      events: w.recorded,
    },
    fit: {
      share: m.contagionShare,
      coOffending: m.shares.coOffending,
      victimOffender: m.shares.victimOffender,
      alpha: m.parameters.alpha,
      alphaVo: m.parameters.alphaVictimOffender,
      identified: m.identified,
      kernelMean: m.kernel.meanDays,
    },
    intervals: iv
      ? {
          share: iv.share,
          coOffending: iv.shares?.coOffending,
          victimOffender: iv.shares?.victimOffender,
          alphaVo: iv.alphaVictimOffender,
          alpha: iv.alpha,
          meanDelayDays: iv.meanDelayDays,
        }
      : null,
    test: inf.noContagionTest,
    voTest: inf.victimOffenderTest,
    failed: (inf.replicates.array('error') as string[]).filter((e) => e !== '').length,
    warnings: inf.warnings,
    wall: (performance.now() - t0) / 1000,
    cpu: (cpu.user + cpu.system) / 1e6,
    load: [load0, loadavg()[0]],
  };
  appendFileSync(out, `${JSON.stringify(row)}\n`);
  const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
  const ivs = (x?: { lo: number; hi: number }) => (x ? `[${pct(x.lo)}, ${pct(x.hi)}]` : '—');
  console.log(
    `${world} ${seed}: truth ${pct(truth)} | share ${pct(m.contagionShare)} ${ivs(iv?.share)} vo ${pct(m.shares.victimOffender)} ${ivs(iv?.shares?.victimOffender)} co ${pct(m.shares.coOffending)} ${ivs(iv?.shares?.coOffending)} | test p ${inf.noContagionTest?.pValue ?? '—'} vo-test ${inf.victimOffenderTest?.method ?? '—'} p ${inf.victimOffenderTest?.pValue.toPrecision(2) ?? '—'} | ${row.wall.toFixed(0)} s wall, load ${load0.toFixed(1)}`,
  );
}
