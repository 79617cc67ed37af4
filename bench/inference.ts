/**
 * Coverage and size of hawkesInference on misspecified worlds (issue 10), small enough to run
 * under load: intervals on `seeds` seeds of a contagious world, the no-contagion test on
 * `nullSeeds` seeds of a world without contagion. Writes bench/results/inference.md.
 *
 *   npx tsx bench/inference.ts [seeds=20] [people=1500] [replicates=19] [nullSeeds=10] [nullReplicates=19]
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { hawkesInference } from '../src/contagion/hawkes/index.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';

const [seeds, people, replicates, nullSeeds, nullReplicates] = [20, 1500, 19, 10, 19].map((d, i) =>
  Number(process.argv[2 + i] ?? d),
);
const world: MisspecifiedWorldName = (process.env.WORLD as MisspecifiedWorldName) ?? 'all';
const nullWorld: MisspecifiedWorldName = (process.env.NULL_WORLD as MisspecifiedWorldName) ?? 'all';
const load0 = loadavg();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const lines: string[] = [];
let coverShare = 0;
let coverDelay = 0;
let coverAlpha = 0;
let done = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const { data, truth } = synthCity(misspecifiedWorld(world, { seed, people }));
  const inf = hawkesInference(data, { replicates, nullReplicates: 0, placeboReplicates: 1, seed });
  const iv = inf.intervals;
  if (!iv) continue;
  done++;
  const inS = iv.share.lo <= truth.triggeredShare && truth.triggeredShare <= iv.share.hi;
  const d = iv.meanDelayDays;
  const inD = !!d && d.lo <= truth.kernelMeanDelay! && truth.kernelMeanDelay! <= d.hi;
  const inA = iv.alpha.lo <= 0.05 && 0.05 <= iv.alpha.hi;
  coverShare += +inS;
  coverDelay += +inD;
  coverAlpha += +inA;
  const line = `| ${seed} | ${truth.events.length} | ${(100 * truth.triggeredShare).toFixed(1)}% | ${(100 * iv.share.estimate).toFixed(1)}% [${(100 * iv.share.lo).toFixed(1)}, ${(100 * iv.share.hi).toFixed(1)}] ${inS ? '✓' : '✗'} | ${d ? `${d.estimate.toFixed(0)} [${d.lo.toFixed(0)}, ${d.hi.toFixed(0)}] ${inD ? '✓' : '✗'}` : '—'} | ${iv.alpha.estimate.toFixed(3)} [${iv.alpha.lo.toFixed(3)}, ${iv.alpha.hi.toFixed(3)}] ${inA ? '✓' : '✗'} | ${(100 * inf.placebo!.median).toFixed(1)}% |`;
  lines.push(line);
  console.log(line);
}
const nullLines: string[] = [];
let rejected = 0;
for (let seed = 1; seed <= nullSeeds; seed++) {
  const { data } = synthCity(misspecifiedWorld(nullWorld, { seed, people, contagion: false }));
  const inf = hawkesInference(data, { replicates: 0, nullReplicates, placeboReplicates: 0, seed });
  const t = inf.noContagionTest!;
  if (t.pValue <= 0.05) rejected++;
  const line = `| ${seed} | ${(100 * inf.model.contagionShare).toFixed(1)}% | ${t.statistic.toFixed(2)} | ${t.pValue.toFixed(3)} | ${(100 * t.nullShares.p95).toFixed(1)}% |`;
  nullLines.push(line);
  console.log(line);
}
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - t0) / 1000;
const load1 = loadavg();
const out = `# hawkesInference: coverage and size on misspecified worlds

\`npx tsx bench/inference.ts ${seeds} ${people} ${replicates} ${nullSeeds} ${nullReplicates}\` (WORLD=${world}, NULL_WORLD=${nullWorld}) — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, one thread.
Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${load1.map((x) => x.toFixed(1)).join(' / ')} at the end. Wall ${wall.toFixed(0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s.

Small cities (${people} people, \`misspecifiedWorld\`) and few replicates (${replicates} for intervals, ${nullReplicates} for the test) so that it runs on a loaded machine; the defaults are 99 and 99.

## 95% intervals, world \`${world}\` with contagion (truth: α = 0.05, kernel mean 60 days)

Coverage over ${done} seeds: share ${coverShare}/${done}, kernel mean delay ${coverDelay}/${done}, α ${coverAlpha}/${done} (target ≥ 90%).

| seed | events | true share | share [95%] | kernel mean delay, days [95%] | α [95%] | placebo share |
|---|---|---|---|---|---|---|
${lines.join('\n')}

## No-contagion test, world \`${nullWorld}\` without contagion

Rejected at 5% in ${rejected} of ${nullSeeds} seeds (target ≤ 10%). With ${nullReplicates} replicates the smallest p-value is ${(1 / (1 + nullReplicates)).toFixed(3)}.

| seed | fitted share | LR | p | 95th pct of null shares |
|---|---|---|---|---|
${nullLines.join('\n')}
`;
writeFileSync(new URL('./results/inference.md', import.meta.url), out);
console.log(`wrote bench/results/inference.md in ${wall.toFixed(0)} s`);
