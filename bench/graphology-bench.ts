/**
 * graphology-metrics' side of the peers benchmark (bench/peers.sh): the same edge-list file,
 * a graphology graph built once (not timed), medians of CPU seconds. graphology-metrics has no
 * components or k-core; PageRank with the same stopping rule as ours (Σ|Δ| < n × 1e-14).
 *
 *   npx tsx bench/graphology-bench.ts S 5 degree pagerank
 */
import { readFileSync } from 'node:fs';
import { UndirectedGraph } from 'graphology';
import { degreeCentrality } from 'graphology-metrics/centrality/degree.js';
import gPagerank from 'graphology-metrics/centrality/pagerank.js';
import { median, time } from './timing.js';

const [scale, repeatsArg, ...measures] = process.argv.slice(2);
const repeats = Number(repeatsArg ?? 3);
const text = readFileSync(new URL(`./data/coff-${scale}.tsv`, import.meta.url), 'utf8');
const lines = text.split('\n');
const n = Number(lines[0].split(/\s+/)[2]);
const g = new UndirectedGraph();
for (let i = 0; i < n; i++) g.addNode(String(i));
for (let i = 1; i < lines.length; i++) {
  if (!lines[i]) continue;
  const [a, b, w] = lines[i].split('\t');
  g.mergeEdge(a, b, { weight: Number(w) });
}
const results: Record<string, unknown> = {};
for (const m of measures) {
  const f =
    m === 'degree'
      ? () => degreeCentrality(g)
      : m === 'pagerank'
        ? () => gPagerank(g, { getEdgeWeight: 'weight', tolerance: 1e-14, maxIterations: 1000 })
        : null;
  if (!f) throw new Error(`unknown measure ${m}`);
  const cpus: number[] = [];
  const walls: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = time(f);
    cpus.push(t.cpuMs / 1000);
    walls.push(t.ms / 1000);
  }
  results[m] = { seconds: median(walls), cpu: median(cpus), runs: walls };
}
console.log(JSON.stringify({ tool: 'graphology-metrics', scale, n, results }));
