/**
 * False alarms of hawkesInference's co-offender check on synthCity's worlds (3,000 people, with
 * contagion): the fit and the check alone, seeds 1..n; per seed the true / fitted share and, when
 * it warned, the share in the warning (W).
 *
 *   nice -n 19 npx tsx bench/worlds-topology-check-synth.ts default,heterogeneous,all,hot-periods,late-onset,gamma-delay 5
 */
import { hawkesInference } from '../src/contagion/hawkes/index.js';
import { misspecifiedWorld, synthCity } from '../src/synth/index.js';

const CHECK = /^Risk rises with the number of co-offenders/;
const ONLY = { replicates: 0, nullReplicates: 0, placeboReplicates: 0, kernelCheck: false };
for (const name of process.argv[2].split(',')) {
  let id = 0,
    warned = 0;
  const out: string[] = [];
  for (let seed = 1; seed <= Number(process.argv[3]); seed++) {
    const city =
      name === 'default'
        ? synthCity({ people: 3000, seed })
        : synthCity(misspecifiedWorld(name as 'all', { seed, people: 3000, contagion: true }));
    const inf = hawkesInference(city.data, ONLY);
    if (inf.model.identified) id++;
    const w = inf.warnings.find((x) => CHECK.test(x));
    if (w) warned++;
    out.push(
      `${seed}: ${(100 * (city.truth.triggeredShare ?? 0)).toFixed(1)}/${(100 * inf.model.contagionShare).toFixed(1)}${w ? ` W ${/finds a share of ([\d.]+)%/.exec(w)?.[1]}` : ''}`,
    );
  }
  console.log(name, 'identified', id, 'warned', warned, out.join('; '));
}
