/**
 * Our side of the metrics benchmark: times each measure on one edge-list file from
 * bench/metrics-generate.ts and prints one JSON object (seconds; median over repeats).
 *
 *   npx tsx bench/metrics-bench.ts S 5 components degree kcore pagerank …
 *
 * Measures run on a CSR snapshot built once (`csrFromArrays`, BFS node order), through the
 * public `metric.values(csr)` call; `record_overhead` times the `{ id: value }` form for degree.
 */
import { writeFileSync } from 'node:fs';
import { UndirectedGraph } from 'graphology';
import { csrFromArrays, toCsr } from '../src/graph/csr.js';
import {
  betweenness,
  closeness,
  connectedComponents,
  coreNumber,
  degree,
  harmonic,
  louvain,
  pagerank,
} from '../src/metrics/index.js';
import { readCoffTsv } from './coff-tsv.js';

const [scale, repeatsArg, ...measures] = process.argv.slice(2);
const repeats = Number(repeatsArg ?? 1);

const t0 = performance.now();
const { n, m, src, dst, w, ids } = readCoffTsv(scale);
const loadSeconds = (performance.now() - t0) / 1000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/**
 * Untimed warm-up calls before the timed runs on small graphs (default 3 up to 20k people, else
 * 0; `WARMUP=k`): a notebook calls measures again and again in one process, where V8 has compiled
 * them; the first call's CPU (interpreter + JIT compile threads) is reported apart as `first_cpu`.
 */
const warmup = Number(process.env.WARMUP ?? (n <= 20_000 ? 3 : 0));
/** Wall-clock and CPU (user + system, this process) seconds; medians over `times` runs. */
function time<T>(
  fn: () => T,
  times = repeats,
): { seconds: number; cpu: number; runs: number[]; last: T; first_cpu: number } {
  const runs: number[] = [];
  const cpus: number[] = [];
  let last!: T;
  let first = Number.NaN;
  for (let r = -warmup; r < times; r++) {
    const c = process.cpuUsage();
    const a = performance.now();
    last = fn();
    const wall = (performance.now() - a) / 1000;
    const d = process.cpuUsage(c);
    if (r === -warmup) first = (d.user + d.system) / 1e6;
    if (r < 0) continue;
    runs.push(wall);
    cpus.push((d.user + d.system) / 1e6);
  }
  return { seconds: median(runs), cpu: median(cpus), runs, last, first_cpu: first };
}

const results: Record<string, unknown> = {};
const csrTimed = time(() => csrFromArrays(ids, src, dst, w), Math.max(1, Math.min(repeats, 3)));
const csr = csrTimed.last;
results.csr_from_edges = { seconds: csrTimed.seconds, cpu: csrTimed.cpu, runs: csrTimed.runs };

for (const measure of measures) {
  switch (measure) {
    case 'components': {
      const r = time(() => connectedComponents.values(csr));
      results[measure] = {
        seconds: r.seconds,
        cpu: r.cpu,
        first_cpu: r.first_cpu,
        runs: r.runs,
        count: new Set(r.last).size,
      };
      break;
    }
    case 'degree': {
      const r = time(() => degree.values(csr));
      results[measure] = { seconds: r.seconds, cpu: r.cpu, first_cpu: r.first_cpu, runs: r.runs };
      break;
    }
    case 'record_overhead': {
      const r = time(() => degree(csr));
      results[measure] = { seconds: r.seconds, cpu: r.cpu, runs: r.runs };
      break;
    }
    case 'kcore': {
      const r = time(() => coreNumber.values(csr));
      results[measure] = {
        seconds: r.seconds,
        cpu: r.cpu,
        first_cpu: r.first_cpu,
        runs: r.runs,
        max: r.last.reduce((a, b) => Math.max(a, b), 0),
      };
      break;
    }
    case 'pagerank': {
      // Timed as `.values` (a Float64Array, as every other measure here; igraph returns a list);
      // one `.detailed` call after, for the sweep count, and its CPU (it also builds the
      // `{ id: value }` record, 0.1–0.3 s at 1M people).
      const r = time(() => pagerank.values(csr, { weight: 'weight' }));
      const d = time(() => pagerank.detailed(csr, { weight: 'weight' }), 1);
      results[measure] = {
        seconds: r.seconds,
        cpu: r.cpu,
        runs: r.runs,
        iterations: d.last.iterations,
        detailed_cpu: d.cpu,
      };
      // VALUES_DIR: the values by node id (the file's numbering), as float64, for the agreement
      // check against igraph's in bench/peers-report.ts.
      if (process.env.VALUES_DIR) {
        const byId = new Float64Array(n);
        for (let i = 0; i < n; i++) byId[Number(csr.ids[i])] = r.last[i];
        writeFileSync(`${process.env.VALUES_DIR}/ours-pagerank-${scale}.f64`, byId);
      }
      break;
    }
    case 'betweenness': {
      const r = time(() => betweenness.values(csr, { weight: null }));
      results[measure] = { seconds: r.seconds, cpu: r.cpu, runs: r.runs };
      break;
    }
    case 'betweenness_weighted': {
      const r = time(() => betweenness.values(csr, { weight: 'weight', distance: 'inverse' }));
      results[measure] = { seconds: r.seconds, cpu: r.cpu, runs: r.runs };
      break;
    }
    case 'betweenness_k256': {
      let seed = 0;
      const r = time(() => betweenness.values(csr, { weight: null, k: 256, seed: ++seed }));
      results[measure] = { seconds: r.seconds, cpu: r.cpu, runs: r.runs };
      break;
    }
    case 'closeness': {
      const r = time(() => closeness.values(csr, { weight: null }));
      results[measure] = { seconds: r.seconds, cpu: r.cpu, runs: r.runs };
      break;
    }
    case 'harmonic': {
      const r = time(() => harmonic.values(csr, { weight: null }));
      results[measure] = { seconds: r.seconds, cpu: r.cpu, runs: r.runs };
      break;
    }
    case 'louvain': {
      let seed = 0;
      const mods: number[] = [];
      const r = time(() => {
        const d = louvain.detailed(csr, { weight: 'weight', seed: ++seed });
        mods.push(d.modularity);
        return d;
      });
      results[measure] = {
        seconds: r.seconds,
        cpu: r.cpu,
        runs: r.runs,
        modularity: median(mods),
        count: r.last.count,
      };
      break;
    }
    case 'louvain_plain': {
      let seed = 0;
      const mods: number[] = [];
      const r = time(() => {
        const d = louvain.detailed(csr, { weight: 'weight', seed: ++seed, passes: 0 });
        mods.push(d.modularity);
        return d;
      });
      results[measure] = {
        seconds: r.seconds,
        cpu: r.cpu,
        runs: r.runs,
        modularity: median(mods),
        count: r.last.count,
      };
      break;
    }
    case 'csr_from_graph': {
      // Last: builds a graphology graph (slow and large at L), then the snapshot from it.
      results.max_rss_mb_before_graphology = process.resourceUsage().maxRSS / 1024;
      const g0 = performance.now();
      const g = new UndirectedGraph();
      for (let i = 0; i < n; i++) g.addNode(ids[i]);
      for (let e = 0; e < m; e++) g.addEdge(ids[src[e]], ids[dst[e]], { weight: w[e] });
      results.graphology_load = { seconds: (performance.now() - g0) / 1000 };
      const r = time(() => toCsr(g, { weight: 'weight' }), 1);
      results[measure] = { seconds: r.seconds, cpu: r.cpu, runs: r.runs };
      break;
    }
    default:
      throw new Error(`unknown measure ${measure}`);
  }
}
results.max_rss_mb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    tool: 'ours',
    scale,
    n,
    m,
    load_seconds: loadSeconds,
    node: process.version,
    results,
  }),
);
