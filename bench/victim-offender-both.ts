/**
 * Both kinds of contagion at once (issue #10, 2026-12-04): bench/worlds-unseen2-harness.ts's
 * channel 'both' (co-offending α = 0.03 and victim–offender α_vo = 0.03), fitted with
 * `victimOffenderTies` false, 'direct' and 'sides'; the truth split by the parent's channel.
 * One JSON line per seed is appended to `out`.
 *
 *   nice -n 19 npx tsx bench/victim-offender-both.ts [seeds=10] [out=/tmp/retal/both.jsonl]
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { world2 } from './worlds-unseen2-harness.js';

const seeds = Number(process.argv[2] ?? 10);
const out = process.argv[3] ?? '/tmp/retal/both.jsonl';
for (let seed = 1; seed <= seeds; seed++) {
  const w = world2({ seed, channel: 'both', alpha: 0.03, alphaVo: 0.03 });
  const row: Record<string, unknown> = {
    world: 'both',
    seed,
    load: loadavg()[0],
    truth: {
      share: w.trueShareRecorded,
      ...w.trueShareRecordedBy,
      delayMean: w.trueDelayMean,
      events: w.recorded,
    },
  };
  for (const vo of [false, 'direct', 'sides'] as const) {
    const t0 = performance.now();
    const m = fitNetworkHawkes(w.data, { victimOffenderTies: vo });
    row[vo === false ? 'base' : vo] = {
      share: m.contagionShare,
      coOffending: m.shares.coOffending ?? m.contagionShare,
      victimOffender: m.shares.victimOffender ?? 0,
      alpha: m.parameters.alpha,
      alphaSe: m.standardErrors.alpha,
      alphaVo: m.parameters.alphaVictimOffender ?? null,
      alphaVoSe: m.standardErrors.alphaVictimOffender ?? null,
      identified: m.identified,
      kernelMean: m.kernel.meanDays,
      seconds: (performance.now() - t0) / 1000,
      warnings: m.warnings.length,
    };
  }
  appendFileSync(out, `${JSON.stringify(row)}\n`);
  const p = (x: number) => (100 * x).toFixed(1);
  const t = row.truth as Record<string, number>;
  const f = (k: string) => {
    const v = row[k] as Record<string, number>;
    return `${k} ${p(v.share)} (co ${p(v.coOffending)}, vo ${p(v.victimOffender)}) id ${v.identified} α ${v.alpha.toPrecision(2)} αvo ${v.alphaVo?.toPrecision(2)} k ${v.kernelMean.toFixed(0)}`;
  };
  console.log(
    `seed ${seed}: truth ${p(t.share)} (co ${p(t.coOffending)}, vo ${p(t.victimOffender)}) n ${t.events} | ${f('base')} | ${f('direct')} | ${f('sides')}`,
  );
}
