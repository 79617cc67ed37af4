/**
 * The no-contagion test's statistic on the homophily worlds (risk tied people share for years), with
 * the test's own model (`testFit`: the group covariate over 90 days, the default since 2026-12-05)
 * and without it (the fit's own model, the test before): the likelihood ratio 2(ℓ − ℓ₀) per city.
 * A scan, not the test: it shows whether the records' statistic still stands far above what a
 * world without contagion gives (about χ̄², 95% point 2.71, with the covariate on; see
 * bench/results/nulltest-scan.txt), not the test's p-values.
 *   WORLDS=group-frailty,shocks,assortative N=10 PEOPLE=3000 npx tsx bench/homophily-ratio-scan.ts
 */

import { boundaryRun } from '../src/contagion/hawkes/fit.js';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import { fitNetworkHawkes } from '../src/index.js';
import { type HomophilyWorld, homophilyCity } from './worlds-homophily-harness.js';

const worlds = (process.env.WORLDS ?? 'group-frailty,shocks,assortative').split(
  ',',
) as HomophilyWorld[];
const n = Number(process.env.N ?? 10);
const people = Number(process.env.PEOPLE ?? 3000);
const variants: Record<string, NetworkHawkesOptions> = {
  base: {},
  g90: { groupEventDays: 90 },
};
for (const world of worlds)
  for (let seed = 1; seed <= n; seed++) {
    const city = homophilyCity({ world, seed, people });
    const out: Record<string, unknown> = { world, seed, events: city.events };
    for (const [k, o] of Object.entries(variants)) {
      const m = fitNetworkHawkes(city.data, o);
      const b = boundaryRun(m);
      out[k] = {
        lr: +(b ? Math.max(0, 2 * (m.logLikelihood - b.logLik)) : 0).toFixed(2),
        share: +(100 * m.contagionShare).toFixed(1),
        id: m.identified,
      };
    }
    console.log(JSON.stringify(out));
  }
