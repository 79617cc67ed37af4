/**
 * The tail check's cost on the 100k-person default fit (bench/hawkes.ts's small city): the fit's
 * wall and CPU time, its `tailScore` step, z and whether the tail warning (and so its histogram
 * refit) ran. `nice -n 19 npx tsx bench/heavytail-100k.ts [runs=3]`
 */
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { indexDataset } from '../src/core/dataset-index.js';
import { synthCity } from '../src/synth/city.js';
import { time } from './timing.js';

const runs = Number(process.argv[2] ?? 3);
const { data } = synthCity({
  people: 100_000,
  years: 6,
  seed: 1,
  contagion: { mu: 1.5e-5, alpha: 0.1, beta: 1 / 125 },
});
const index = indexDataset(data);
for (let r = 0; r < runs; r++) {
  const l0 = loadavg()[0];
  const fit = time(() => fitNetworkHawkes(index));
  const m = fit.value;
  console.log(
    `run ${r + 1}: ${(fit.ms / 1000).toFixed(2)} s wall, ${(fit.cpuMs / 1000).toFixed(2)} s CPU; tailScore step ${m.diagnostics.timings.tailScore?.toFixed(1)} ms; z ${m.diagnostics.tailScore?.z.toFixed(2)}; kernel ${m.kernel.type} ${m.kernel.meanDays.toFixed(1)} days; tail warning ${m.warnings.some((w) => /longer tail/.test(w))}; load ${l0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  );
}
