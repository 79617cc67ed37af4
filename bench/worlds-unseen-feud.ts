/**
 * Feuds with no co-offending-tie contagion (2026-12-03): synthCity with `feud` (rival groups,
 * retaliation by the victim or an associate against the offender or an associate; every feud
 * incident severity 2) and α = 0, fitted with minSeverity 2 (the default 3 does not see feud
 * incidents at all). Prints one row per seed and the median. rivalries 0: the same cities without
 * feuds (the control).
 *
 *   nice -n 19 npx tsx bench/worlds-unseen-feud.ts [seeds=20] [people=3000] [rivalries=20]
 *       (INFER=7,19: also the no-contagion test on those seeds, 19 null refits per reference)
 */
import { fitNetworkHawkes, hawkesInference } from '../src/contagion/hawkes/index.js';
import { synthCity } from '../src/synth/index.js';
import { WORLD_CONTAGION } from '../src/synth/presets.js';

const seeds = Number(process.argv[2] ?? 20);
const people = Number(process.argv[3] ?? 3000);
const rivalries = Number(process.argv[4] ?? 20);
const inferSeeds = (process.env.INFER ?? '').split(',').filter(Boolean).map(Number);
const rows: { share: number; identified: boolean }[] = [];
for (const seed of inferSeeds) {
  const { data } = synthCity({
    people,
    years: 6,
    seed,
    contagion: { ...WORLD_CONTAGION, alpha: 0 },
    feud: rivalries > 0 ? { rivalries } : false,
  });
  const inf = hawkesInference(data, {
    fit: { minSeverity: 2 },
    replicates: 0,
    nullReplicates: 19,
    placeboReplicates: 0,
    kernelCheck: false,
    seed,
  });
  const t = inf.noContagionTest;
  console.log(
    `seed ${seed}: share ${(100 * inf.model.contagionShare).toFixed(1)}%, identified ${inf.model.identified}, test p ${t?.pValue} (parametric ${t?.pValueParametric}, rewired ${t?.pValueRewired})`,
  );
}
if (inferSeeds.length) process.exit(0);
console.log(
  '| seed | feud incidents | retaliations | events (sev ≥ 2) | share | identified | kernel mean, days | delay median |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (let seed = 1; seed <= seeds; seed++) {
  const { data, truth } = synthCity({
    people,
    years: 6,
    seed,
    contagion: { ...WORLD_CONTAGION, alpha: 0 },
    feud: rivalries > 0 ? { rivalries } : false,
  });
  const m = fitNetworkHawkes(data, { minSeverity: 2, standardErrors: true });
  rows.push({ share: m.contagionShare, identified: m.identified });
  console.log(
    `| ${seed} | ${truth.feudIncidents.length} | ${truth.retaliations.length} | ${m.diagnostics.events} | ${(100 * m.contagionShare).toFixed(1)}% | ${m.identified ? 'yes' : 'no'} | ${m.kernel.meanDays.toFixed(1)} | ${m.delays.median.toFixed(1)} |`,
  );
}
const s = rows.map((r) => r.share).sort((a, b) => a - b);
console.log(
  `median share ${(100 * s[s.length >> 1]).toFixed(1)}%, max ${(100 * s[s.length - 1]).toFixed(1)}%, identified ${rows.filter((r) => r.identified).length}/${rows.length}, share ≥ 5% and identified ${rows.filter((r) => r.identified && r.share >= 0.05).length}`,
);
