/**
 * victimOffenderTies on the model's own world (issue #10, 2026-12-04): bench/worlds-unseen2-harness.ts's
 * exp60 world (contagion along co-offending ties only, α 0.05, exponential delays of mean 60 days)
 * and the same without contagion, fitted with victimOffenderTies false, 'direct' and 'sides'.
 * One JSON line per fit set is appended to `out`.
 *
 *   nice -n 19 npx tsx bench/victim-offender-own.ts [seeds=20] [out=/tmp/retal/co.jsonl]
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { world2 } from './worlds-unseen2-harness.js';

const seeds = Number(process.argv[2] ?? 20);
const out = process.argv[3] ?? '/tmp/retal/co.jsonl';
for (const alpha of [0.05, 0])
  for (let seed = 1; seed <= seeds; seed++) {
    const w = world2({ seed, alpha });
    const row: Record<string, unknown> = {
      world: alpha ? 'exp60:yes' : 'exp60:no',
      seed,
      load: loadavg()[0],
      truth: w.trueShareRecorded,
    };
    for (const vo of [false, 'direct', 'sides'] as const) {
      const m = fitNetworkHawkes(w.data, { victimOffenderTies: vo });
      row[vo === false ? 'base' : vo] = {
        share: m.contagionShare,
        co: m.shares.coOffending ?? m.contagionShare,
        vo: m.shares.victimOffender ?? 0,
        id: m.identified,
        k: m.kernel.meanDays,
        kernel: m.kernel.type,
      };
    }
    appendFileSync(out, `${JSON.stringify(row)}\n`);
  }
