/**
 * The histogram kernel against the default (auto) fit on the worlds of bench/worlds-unseen2.ts and
 * two misspecified worlds (ms-all, ms-hot-periods): shares, kernel means and the likelihood ratio
 * (2026-12-04; the figures behind the short-kernel check in the hawkes guide).
 *
 *   nice -n 19 npx tsx bench/worlds-unseen2-kernels.ts exp60,lognormal,gamma4,mixture,ms-all,ms-hot-periods 1,2,3
 */
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { synthCity } from '../src/synth/index.js';
import { misspecifiedWorld } from '../src/synth/presets.js';
import { world2 } from './worlds-unseen2-harness.js';

const worlds = process.argv[2].split(',');
const seeds = (process.argv[3] ?? '1,2,3').split(',').map(Number);
for (const name of worlds)
  for (const seed of seeds) {
    const t0 = performance.now();
    const w = name.startsWith('ms-')
      ? {
          ...synthCity(misspecifiedWorld(name.slice(3) as 'all', { seed, people: 3000 })),
          trueShare: 0,
        }
      : world2({ seed, alpha: 0.05, delay: name as 'exp60' });
    const a = fitNetworkHawkes(w.data, { standardErrors: false });
    const t1 = performance.now();
    const h = fitNetworkHawkes(w.data, { kernel: 'histogram', standardErrors: false });
    const t2 = performance.now();
    const lr = 2 * (h.logLikelihood - a.logLikelihood);
    console.log(
      name,
      seed,
      'true',
      (100 * w.trueShare).toFixed(1),
      '| auto',
      a.kernel.type,
      a.kernel.shape,
      (100 * a.contagionShare).toFixed(1),
      a.kernel.meanDays.toFixed(1),
      a.identified,
      '| hist',
      (100 * h.contagionShare).toFixed(1),
      h.kernel.meanDays.toFixed(1),
      h.delays.median,
      'LR',
      lr.toFixed(1),
      'times',
      ((t1 - t0) / 1000).toFixed(1),
      ((t2 - t1) / 1000).toFixed(1),
      h.kernel.bins?.map((b) => b.weight.toFixed(2)).join(' '),
    );
  }
