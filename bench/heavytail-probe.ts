/**
 * Where the lognormal delay's shortfall comes from (2026-12-04, issue #10): per seed, the
 * realised delays inside the window against the kernels' means and the attributed delays.
 *   nice -n 19 npx tsx bench/heavytail-probe.ts [seeds=5] [delay=lognormal1] [kernels=auto,gamma,histogram]
 */
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { type DelayShape, world2 } from './worlds-unseen2-harness.js';

const seeds = Number(process.argv[2] ?? 5);
const delay = (process.argv[3] ?? 'lognormal1') as DelayShape;
const kernels = (process.argv[4] ?? 'auto,gamma,histogram').split(',');
const people = Number(process.env.PEOPLE ?? 3000);
const from = Number(process.env.FROM ?? 1);
console.log(
  `# Kernels on ${delay} delays, ${people} people, seeds ${from}–${from + seeds - 1} (${new Date().toISOString().slice(0, 16)} UTC, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')})\n`,
);
console.log(
  'realised: the parent→child delays inside the window; kmean: the kernel mean; att: attributed delays (posterior-weighted); ll: log-likelihood.\n',
);
for (let seed = from; seed < from + seeds; seed++) {
  const w = world2({ seed, people, delay, alpha: 0.05 });
  const parts = [
    `seed ${seed}`,
    `realised mean ${w.trueDelayMean?.toFixed(1)} median ${w.trueDelayMedian?.toFixed(1)}`,
    `true share ${(100 * w.trueShareRecorded).toFixed(1)}`,
  ];
  for (const k of kernels) {
    const t = performance.now();
    const m = fitNetworkHawkes(w.data, { kernel: k as never, standardErrors: false });
    parts.push(
      `${k}: ${m.kernel.type}${m.kernel.shape ? `(${m.kernel.shape.toFixed(2)})` : ''} kmean ${m.kernel.meanDays.toFixed(1)} att mean ${m.delays.mean.toFixed(1)} med ${m.delays.median.toFixed(1)} share ${(100 * m.contagionShare).toFixed(1)} ll ${m.logLikelihood.toFixed(1)} ${((performance.now() - t) / 1000).toFixed(1)}s${m.warnings.length ? ` W${m.warnings.length}` : ''}`,
    );
  }
  console.log(`- ${parts.join(' | ')} | load ${loadavg()[0].toFixed(1)}`);
}
