/**
 * The shared-risk check's window (2026-12-05, issue #10; the rule: bench/results/sharedwin-2026-12-05.md).
 * On the homophily worlds (bench/worlds-homophily-harness.ts), each city is fitted once (the
 * default fit before its checks: what the shared-risk check sees), and the check
 * (`sharedRiskCheck`, fit.ts) is run on that fit with each candidate window W (days; `2mean`:
 * twice the fit's kernel mean, rounded, 1 to `maxLagDays`) and, on the drift and group worlds,
 * with each of its group sources: `people` (the drift world: each person's home area as the
 * people table's group; the group world: synthCity's groups) and `louvain`. The check runs only
 * where the default fit would run it (score ≥ 2.33 or a kernel of 180 days or more), which W
 * does not change. One JSON line per city to `out`; bench/sharedwin-report.ts makes the tables.
 *
 *   nice -n 10 npx tsx bench/sharedwin.ts [seeds=20] [windows=730,365,180,2mean] [out=/tmp/sharedwin.jsonl]
 *   FIRST_SEED=k (default 1); WORLDS=shocks:yes,… (default: the drift, group, latent-risk and
 *   control worlds, with and without contagion). Seeds run outermost, so a run cut short has
 *   every world for the seeds it finished.
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import {
  fitNetworkHawkesForRanking,
  SLOW_KERNEL_DAYS,
  sharedRiskCheck,
  sharedRiskScoreOf,
} from '../src/contagion/hawkes/fit.js';
import type { Dataset } from '../src/core/types.js';
import { ALPHA } from './worlds-homophily-alpha.js';
import { type HomophilyWorld, homophilyCity } from './worlds-homophily-harness.js';

const ALL =
  'shocks:yes,shocks:no,group-frailty:yes,group-frailty:no,assortative:yes,assortative:no,control:yes,control:no';
const seeds = Number(process.argv[2] ?? 20);
const windows = (process.argv[3] ?? '730,365,180,2mean').split(',');
const out = process.argv[4] ?? '/tmp/sharedwin.jsonl';
const first = Number(process.env.FIRST_SEED ?? 1);
const worlds = (process.env.WORLDS ?? ALL).split(',');
/** The fit runs the check from this score (fit.ts SHARED_RISK_SCORE). */
const SCORE = 2.33;
const MAX_LAG = 730;

const cpuOf = (f: () => void) => {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1e6;
};

for (let seed = first; seed < first + seeds; seed++)
  for (const w of worlds) {
    const [world, c] = w.split(':') as [HomophilyWorld, string];
    if (!(world in ALPHA)) throw new Error(`unknown world ${world}`);
    const city = homophilyCity({ seed, world, alpha: c === 'yes' ? ALPHA[world] : 0 });
    // The drift world's area as the people table's group; the group world keeps synthCity's.
    const area = city.homeArea;
    const data: Dataset = area
      ? { ...city.data, people: city.data.people.map((p, k) => ({ ...p, group: area[k] })) }
      : city.data;
    const row: Record<string, unknown> = {
      world,
      contagion: c === 'yes',
      seed,
      events: city.events,
      trueShare: city.trueShare,
    };
    let m!: ReturnType<typeof fitNetworkHawkesForRanking>;
    row.fitCpu = cpuOf(() => {
      m = fitNetworkHawkesForRanking(data);
    });
    const score = sharedRiskScoreOf(m);
    const runs = score >= SCORE || m.kernel.meanDays >= SLOW_KERNEL_DAYS;
    Object.assign(row, {
      share: m.contagionShare,
      identified: m.identified,
      kernel: m.kernel.type,
      kernelMean: m.kernel.meanDays,
      score,
      runs,
    });
    const sources: ('people' | 'louvain' | 'default')[] =
      world === 'shocks' || world === 'group-frailty' ? ['people', 'louvain'] : ['default'];
    const checks: Record<string, unknown>[] = [];
    for (const groups of sources)
      for (const win of windows) {
        const days =
          win === '2mean'
            ? Math.min(MAX_LAG, Math.max(1, Math.round(2 * m.kernel.meanDays)))
            : Number(win);
        const r: Record<string, unknown> = { groups, window: win, days };
        let res: ReturnType<typeof sharedRiskCheck> = null;
        if (runs)
          r.cpu = cpuOf(() => {
            res = sharedRiskCheck(data, {}, m, groups === 'default' ? { days } : { days, groups });
          });
        const got = res as ReturnType<typeof sharedRiskCheck>;
        const identified = m.identified && (got ? got.identified : true);
        Object.assign(r, {
          warned: got !== null,
          identified,
          refitShare: got?.share ?? null,
          refitMean: got?.meanDays ?? null,
          // The share to report: the refit's when warned and still identified, else the fit's.
          report: identified ? (got ? got.share : m.contagionShare) : null,
        });
        checks.push(r);
      }
    row.checks = checks;
    row.load = loadavg()[0];
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}` : '-');
    console.log(
      `${seed} ${w}: true ${pct(city.trueShare)} fit ${pct(m.contagionShare)} z ${score.toFixed(1)} k ${m.kernel.meanDays.toFixed(0)} ${checks
        .map((k) => `${(k.groups as string)[0]}${k.window}:${k.warned ? 'w' : ''}${pct(k.report)}`)
        .join(' ')} cpu ${(row.fitCpu as number).toFixed(1)}+${checks
        .reduce((a, k) => a + ((k.cpu as number) ?? 0), 0)
        .toFixed(1)} load ${(row.load as number).toFixed(1)}`,
    );
  }
