/**
 * Speed of the 95% intervals (issue 10): hawkesInferenceParallel on 2 worker threads, intervals
 * only (no null test, no placebo, no kernel check), on the default synthCity of `people` people.
 * Appends a row to bench/results/inference-speed.md.
 *
 *   npx tsx bench/inference-speed.ts [people=30000] [replicates=49] [runs=1]
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { hawkesInferenceParallel } from '../src/node/parallel-hawkes-inference.js';
import { synthCity } from '../src/synth/index.js';

const [people, replicates, runs] = [30000, 39, 1].map((d, i) => Number(process.argv[2 + i] ?? d));
const file = new URL('./results/inference-speed.md', import.meta.url);
if (!existsSync(file))
  writeFileSync(
    file,
    `# hawkesInference: speed of the 95% intervals

\`npx tsx bench/inference-speed.ts <people> <replicates>\`: \`hawkesInferenceParallel(data, { replicates, nullReplicates: 0, placeboReplicates: 0, kernelCheck: false, threads: 2 })\` on \`synthCity({ people, seed: 1 })\` (default options of the fit), ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. CPU is the process's (every thread). Goals: 30k people (about 3k events) < 60 s, 100k < 5 min, on 2 cores.

| date (UTC) | people | events | replicates | wall, s | CPU, s | CPU per refit, s | load at start / end |
|---|---|---|---|---|---|---|---|
`,
  );
const { data } = synthCity({ people, seed: 1 });
for (let r = 0; r < runs; r++) {
  const load0 = loadavg()[0];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const inf = await hawkesInferenceParallel(data, {
    replicates,
    nullReplicates: 0,
    placeboReplicates: 0,
    kernelCheck: false,
    threads: 2,
  });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  // Refits: the replicates plus the fit to the records (in the calling thread and once per worker).
  const row = `| ${new Date().toISOString().slice(0, 16)} | ${people} | ${inf.model.diagnostics.events} | ${replicates} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} | ${(cpu / (replicates + 3)).toFixed(2)} | ${load0.toFixed(1)} / ${loadavg()[0].toFixed(1)} |\n`;
  appendFileSync(file, row);
  console.log(row.trim(), inf.intervals?.share);
}
