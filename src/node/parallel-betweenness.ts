import { rule } from '../core/options.js';
import type { Csr } from '../graph/csr.js';
import {
  assertListedBothWays,
  BETWEENNESS_DEFAULTS,
  BETWEENNESS_RULES,
  type BetweennessOptions,
  betweennessKernel,
  betweennessSources,
  scaleBetweenness,
} from '../metrics/centrality/betweenness.js';
import {
  checkMeasure,
  edgeDistances,
  type GraphInput,
  resolveCsr,
  toOrdered,
  toRecord,
} from '../metrics/shared.js';
import type { BetweennessWorkerData } from './betweenness-worker.js';
import { runWorkers, threadCount } from './worker-pool.js';

/** Options of {@link betweennessParallel}: those of `betweenness`, plus the number of threads. */
export interface BetweennessParallelOptions extends BetweennessOptions {
  /**
   * Worker threads to split the sources over. Default `min(2, os.availableParallelism())`.
   * With 1 (or a single source) the kernel runs in the calling thread, without a worker.
   */
  threads?: number;
}

const DEFAULTS = { weight: null, distance: 'inverse' } as const;

/** Copies a typed array onto a SharedArrayBuffer (once), so every worker reads the same memory. */
function shared<T extends Int32Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

async function compute(input: GraphInput, options: BetweennessParallelOptions, fn: string) {
  options = checkMeasure(fn, input, options, {
    ...BETWEENNESS_RULES,
    threads: rule.number({ min: 1, integer: true }),
  });
  const csr: Csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'betweennessParallel');
  const n = csr.n;
  const lengths = edgeDistances(csr, options.distance ?? DEFAULTS.distance, 'betweennessParallel');
  // Sources exactly as `betweenness` picks them, so a seed gives the same pivots.
  const sources = betweennessSources(input, csr, options);
  const count = sources ? sources.length : n;
  const threads = threadCount(options.threads, count);

  let raw: Float64Array;
  if (threads <= 1) raw = betweennessKernel(csr, lengths, sources);
  else {
    // Checked here, so a refusal is the library's InputError (a worker's error crosses the
    // thread as a plain Error).
    assertListedBothWays(csr);
    const offsets = shared(csr.offsets);
    const targets = shared(csr.targets);
    let sharedLengths: BetweennessWorkerData['lengths'] = null;
    if (lengths) {
      const out = shared(lengths.out);
      sharedLengths = { out, in: lengths.in === lengths.out ? out : shared(lengths.in) };
    }
    const base = {
      n,
      offsets,
      targets,
      // Undirected snapshots reuse the out-adjacency as in-adjacency: share it once.
      inOffsets: csr.inOffsets === csr.offsets ? offsets : shared(csr.inOffsets),
      inTargets: csr.inTargets === csr.targets ? targets : shared(csr.inTargets),
      lengths: sharedLengths,
    };
    const slices: BetweennessWorkerData[] = [];
    for (let t = 0; t < threads; t++) {
      // Interleaved slices balance the work: sources of the giant component are numbered
      // together (BFS layout), so contiguous halves would leave one thread idle.
      const slice = new Int32Array(Math.ceil((count - t) / threads));
      for (let i = t, j = 0; i < count; i += threads, j++) slice[j] = sources ? sources[i] : i;
      slices.push({ ...base, sources: slice });
    }
    const parts = await runWorkers<BetweennessWorkerData, Float64Array>(
      'betweenness-worker',
      slices,
      (d) => [d.sources.buffer as ArrayBuffer],
    );
    raw = parts[0];
    for (let p = 1; p < parts.length; p++) {
      const part = parts[p];
      for (let i = 0; i < n; i++) raw[i] += part[i];
    }
  }
  scaleBetweenness(raw, csr, sources, options);
  return { csr, values: raw };
}

type BetweennessParallel = {
  /** The default of each option (those of `betweenness`). */
  defaults: typeof BETWEENNESS_DEFAULTS;
  (graph: GraphInput, options?: BetweennessParallelOptions): Promise<Record<string, number>>;
  /** Values in the graph's node order (snapshot order for a Csr), like `betweenness.values`. */
  values(graph: GraphInput, options?: BetweennessParallelOptions): Promise<Float64Array>;
};

/**
 * Betweenness centrality split across `node:worker_threads` (Node only): the same values as
 * `betweenness` (exact, or `k` pivots drawn once from the seed in the calling thread), with the
 * sources shared out between workers that read the snapshot's typed arrays from shared memory.
 * Worth it from a few thousand people up; workers are always terminated before it resolves.
 *
 * @example
 * import { betweennessParallel, toCsr } from 'violence-contagion/node';
 * const csr = toCsr(graph);
 * const exact = await betweennessParallel(csr); // 2 threads by default
 * const sampled = await betweennessParallel(csr, { k: 256, seed: 7, threads: 4 });
 */
export const betweennessParallel = (async (graph, options = {}) => {
  const { csr, values } = await compute(graph, options, 'betweennessParallel');
  return toRecord(graph, csr, values);
}) as BetweennessParallel;

/** Defaults: those of `betweenness`; `threads` defaults to min(2, available parallelism). */
betweennessParallel.defaults = BETWEENNESS_DEFAULTS;

betweennessParallel.values = async (graph, options = {}) => {
  const { csr, values } = await compute(graph, options, 'betweennessParallel.values');
  return toOrdered(graph, csr, values);
};
