/**
 * The no-contagion test's statistic with and without the group covariate (2026-12-05 c, issue 10):
 * the likelihood ratio 2(ℓ − ℓ₀) of the default fit and of the fit with groupEventDays: 90, per city.
 *   WORLDS=hot-periods,all [ALPHA=0.05] N=20 PEOPLE=1500 npx tsx bench/null-ratio-scan.ts
 * Output: one JSON line per city (bench/results/nulltest-scan.txt holds the 2026-12-05 runs).
 */

import { boundaryRun } from '../src/contagion/hawkes/fit.js';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import { fitNetworkHawkes } from '../src/index.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';

const worlds = (process.env.WORLDS ?? 'hot-periods').split(',') as MisspecifiedWorldName[];
const alpha = Number(process.env.ALPHA ?? 0);
const n = Number(process.env.N ?? 20);
const people = Number(process.env.PEOPLE ?? 1500);
const variants: Record<string, NetworkHawkesOptions> = {
  base: {},
  g90: { groupEventDays: 90 },
};
for (const world of worlds)
  for (let seed = 1; seed <= n; seed++) {
    const { data } = synthCity(
      misspecifiedWorld(world, { seed, people, ...(alpha > 0 ? { alpha } : { contagion: false }) }),
    );
    const out: Record<string, unknown> = { world, seed };
    for (const [k, o] of Object.entries(variants)) {
      const m = fitNetworkHawkes(data, o);
      const b = boundaryRun(m);
      out[k] = {
        lr: +(b ? Math.max(0, 2 * (m.logLikelihood - b.logLik)) : 0).toFixed(2),
        share: +(100 * m.contagionShare).toFixed(1),
        id: m.identified,
      };
    }
    console.log(JSON.stringify(out));
  }
