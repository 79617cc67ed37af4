/**
 * What the fit's victim–offender score costs on the speed city (issue 10's 100k fit < 10 s): the
 * default fit (which computes it inside) and the score again on its own, three times.
 *   npx tsx bench/victim-offender-score-speed.ts [people=100000]
 */
import { loadavg } from 'node:os';
import {
  fitNetworkHawkes,
  VICTIM_OFFENDER_WARNING,
  victimOffenderScore,
} from '../src/contagion/hawkes/fit.js';
import { indexDataset } from '../src/core/dataset-index.js';
import { synthCity } from '../src/synth/city.js';

const people = Number(process.argv[2] ?? 100000);
const c = synthCity({
  people,
  years: 6,
  seed: 1,
  contagion: { mu: 1.5e-5, alpha: 0.1, beta: 1 / 125 },
});
indexDataset(c.data);
for (let r = 0; r < 3; r++) {
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const m = fitNetworkHawkes(c.data);
  const t1 = process.cpuUsage(t0);
  const w1 = performance.now();
  const s0 = process.cpuUsage();
  const sw = performance.now();
  const z = victimOffenderScore(m);
  const s1 = process.cpuUsage(s0);
  console.log(
    JSON.stringify({
      people,
      fitWall: +((w1 - w0) / 1000).toFixed(2),
      fitCpu: +((t1.user + t1.system) / 1e6).toFixed(2),
      z: +z.toFixed(2),
      scoreCpu: +((s1.user + s1.system) / 1e6).toFixed(2),
      scoreWall: +((performance.now() - sw) / 1000).toFixed(2),
      warned: m.warnings.some((w) => w.startsWith(VICTIM_OFFENDER_WARNING)),
      load: loadavg()[0],
    }),
  );
}
