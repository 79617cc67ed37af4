/**
 * Calibration of the shared-risk score (scratch for the 2026-12-05 homophily session): the score,
 * share and identified of the default fit, and the group-covariate refit's likelihood ratio and
 * share, on the homophily worlds and synthCity's misspecified worlds. JSON lines to `out`.
 *   nice -n 10 npx tsx bench/homophily-score-probe.ts <worlds> <seeds> <out> [first=1]
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sharedRiskScoreOf } from '../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';
import { ALPHA } from './worlds-homophily-alpha.js';
import { type HomophilyWorld, homophilyCity } from './worlds-homophily-harness.js';

const worlds = process.argv[2].split(',');
const seeds = Number(process.argv[3]);
const out = process.argv[4];
const first = Number(process.argv[5] ?? 1);
const REFIT = process.env.REFIT !== '0';
for (const w of worlds) {
  const [name, c] = w.split(':');
  for (let seed = first; seed < first + seeds; seed++) {
    const yes = c === 'yes';
    const data =
      name in ALPHA
        ? homophilyCity({
            seed,
            world: name as HomophilyWorld,
            alpha: yes ? ALPHA[name as HomophilyWorld] : 0,
          }).data
        : synthCity(
            misspecifiedWorld(name as MisspecifiedWorldName, {
              seed,
              people: 3000,
              contagion: yes,
            }),
          ).data;
    const t = performance.now();
    const m = fitNetworkHawkes(data);
    const row: Record<string, unknown> = {
      world: w,
      seed,
      score: sharedRiskScoreOf(m),
      share: m.contagionShare,
      identified: m.identified,
      kernelMean: m.kernel.meanDays,
      logLik: m.logLikelihood,
    };
    if (REFIT) {
      const g = fitNetworkHawkes(data, { groupEventDays: 730 });
      Object.assign(row, {
        gShare: g.contagionShare,
        gIdentified: g.identified,
        gKernelMean: g.kernel.meanDays,
        lr: 2 * (g.logLikelihood - m.logLikelihood),
        gCoef: g.parameters.covariates.group_recent_events,
      });
    }
    row.seconds = (performance.now() - t) / 1000;
    row.load = loadavg()[0];
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    console.log(JSON.stringify(row));
  }
}
