/**
 * The shared-risk check's refit, before and after holding the fit's kernel (2026-12-05, issue #10):
 * on the homophily worlds (bench/worlds-homophily-harness.ts), each city's default fit, then both
 * refits with the group covariate over 730 days (Louvain groups), run on every city whether or
 * not the check would (so the two are compared on the same records):
 *
 * - `old`: the refit as the check ran it before (fresh start values, `kernel: 'auto'`'s search
 *   again, the frailty and parents);
 * - `new`: sharedRiskRefit (fit.ts): from the fit's parameters, its kernel kept, no frailty or
 *   parents.
 *
 * Share, identified, likelihood ratio against the fit, CPU and wall seconds of each. One JSON line
 * per city to `out`.
 *
 *   nice -n 10 npx tsx bench/shared-risk-refit-ab.ts [seeds=20] [worlds=shocks:yes,group-frailty:yes,shocks:no,group-frailty:no] [out=/tmp/shared-risk-ab.jsonl]
 *   FIRST_SEED=k (default 1); ORDER=new-first runs the new refit first (alternate to even out warm-up)
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import {
  fitCovariates,
  refitNetworkHawkes,
  sharedRiskRefit,
  sharedRiskScoreOf,
} from '../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import type { NetworkHawkesModel } from '../src/contagion/hawkes/model.js';
import { ALPHA } from './worlds-homophily-alpha.js';
import { type HomophilyWorld, homophilyCity } from './worlds-homophily-harness.js';

const seeds = Number(process.argv[2] ?? 20);
const worlds = (process.argv[3] ?? 'shocks:yes,group-frailty:yes,shocks:no,group-frailty:no').split(
  ',',
);
const out = process.argv[4] ?? '/tmp/shared-risk-ab.jsonl';
const first = Number(process.env.FIRST_SEED ?? 1);
const newFirst = process.env.ORDER === 'new-first';
const DAYS = 730;

function timed(f: () => NetworkHawkesModel) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const m = f();
  const used = process.cpuUsage(cpu);
  return { m, wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6 };
}

for (const w of worlds) {
  const [world, c] = w.split(':') as [HomophilyWorld, string];
  for (let seed = first; seed < first + seeds; seed++) {
    const city = homophilyCity({ seed, world, alpha: c === 'yes' ? ALPHA[world] : 0 });
    const fit = timed(() => fitNetworkHawkes(city.data));
    const m = fit.m;
    const row: Record<string, unknown> = {
      world,
      contagion: c === 'yes',
      seed,
      trueShare: city.trueShare,
      share: m.contagionShare,
      identified: m.identified,
      score: sharedRiskScoreOf(m),
      kernel: m.kernel.type,
      kernelMean: m.kernel.meanDays,
      fitCpu: fit.cpu,
      baseMs: m.diagnostics.elapsedMs,
    };
    if (m.identified || m.parameters.alpha > 0) {
      const runs = {
        old: () =>
          refitNetworkHawkes(
            city.data,
            { groupEventDays: DAYS, standardErrors: true },
            { covariates: fitCovariates(m) },
          ),
        new: () => sharedRiskRefit(city.data, {}, m, DAYS),
      };
      const order = newFirst ? (['new', 'old'] as const) : (['old', 'new'] as const);
      for (const k of order) {
        const r = timed(runs[k]);
        row[k] = {
          share: r.m.contagionShare,
          identified: r.m.identified,
          kernel: r.m.kernel.type,
          kernelMean: r.m.kernel.meanDays,
          lr: 2 * (r.m.logLikelihood - m.logLikelihood),
          groupCoef: r.m.parameters.covariates.group_recent_events ?? null,
          em: r.m.diagnostics.emIterations,
          cpu: r.cpu,
          wall: r.wall,
        };
      }
    }
    row.load = loadavg()[0];
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    const o = row.old as { share: number; cpu: number; lr: number } | undefined;
    const n = row.new as { share: number; cpu: number; lr: number } | undefined;
    console.log(
      `${w} ${seed}: fit ${(100 * m.contagionShare).toFixed(1)}% z ${(row.score as number).toFixed(1)} old ${o ? `${(100 * o.share).toFixed(2)}% lr ${o.lr.toFixed(1)} ${o.cpu.toFixed(1)}s` : '-'} new ${n ? `${(100 * n.share).toFixed(2)}% lr ${n.lr.toFixed(1)} ${n.cpu.toFixed(1)}s` : '-'} load ${(row.load as number).toFixed(1)}`,
    );
  }
}
