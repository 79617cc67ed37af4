/**
 * How often hawkesInference's co-offender check warns on the topology worlds
 * (bench/worlds-topology-harness.ts): the check alone (no replicates), seeds 1..n.
 *
 *   nice -n 19 npx tsx bench/worlds-topology-check.ts [seeds=5] [worlds=all|name,name@2+8+9,…]
 *   (name@a+b: those seeds only)
 */
import { hawkesInference } from '../src/contagion/hawkes/index.js';
import { topoWorld } from './worlds-topology-harness.js';
import { TOPO_WORLDS } from './worlds-topology-worlds.js';

const CHECK = /^Risk rises with the number of co-offenders/;
const seeds = Number(process.argv[2] ?? 5);
const arg = process.argv[3] ?? 'all';
const which = (arg === 'all' ? Object.keys(TOPO_WORLDS).join(',') : arg).split(',');
for (const item of which) {
  const [name, list] = item.split('@');
  const picked = list
    ? list.split('+').map(Number)
    : Array.from({ length: seeds }, (_, i) => i + 1);
  let identified = 0;
  let warned = 0;
  const lines: string[] = [];
  for (const seed of picked) {
    const w = topoWorld({ ...TOPO_WORLDS[name], seed });
    const inf = hawkesInference(w.data, {
      replicates: 0,
      nullReplicates: 0,
      placeboReplicates: 0,
      kernelCheck: false,
    });
    if (inf.model.identified) identified++;
    const warning = inf.warnings.find((x) => CHECK.test(x));
    if (warning) warned++;
    const shown = warning ? /finds a share of ([\d.]+)%/.exec(warning)?.[1] : null;
    lines.push(
      `seed ${seed}: true ${(100 * w.trueShare).toFixed(1)}%, fit ${(100 * inf.model.contagionShare).toFixed(1)}%${inf.model.identified ? '' : ' (not identified)'}${shown ? `, warned: ${shown}%` : ''}`,
    );
  }
  console.log(
    `| ${name} | ${picked.join(', ')} | ${identified} | ${warned} | ${lines.join('; ')} |`,
  );
}
