import {
  type HawkesInference,
  type HawkesInferenceOptions,
  hawkesInference,
  hawkesInferenceAs,
  inferenceContext,
  kernelShapeCheck,
  type ReplicateRow,
  replicateTasks,
  resolveInferenceOptions,
  runReplicate,
  summariseInference,
  tasksFor,
  testFitOptions,
} from '../contagion/hawkes/inference.js';
import type { DatasetIndex } from '../core/dataset-index.js';
import type { Dataset } from '../core/types.js';
import type { HawkesInferenceWorkerData } from './hawkes-inference-worker.js';
import { runWorkers, threadCount } from './worker-pool.js';

/** Options of {@link hawkesInferenceParallel}: those of `hawkesInference`, plus the threads. */
export interface HawkesInferenceParallelOptions extends HawkesInferenceOptions {
  /**
   * Worker threads to split the replicate fits over. Default `min(2, os.availableParallelism())`.
   * With 1, or fit options holding functions (which cannot cross to a worker), everything runs
   * in the calling thread.
   */
  threads?: number;
}

/**
 * {@link hawkesInference} with the replicate fits split over `node:worker_threads` (Node only):
 * identical results for the same data, options and seed (each replicate's seed depends only on
 * the seed, its kind and its number), about `threads` times faster on as many free cores. Each
 * worker refits the records once (deterministic) before its replicates; the kernel-shape check
 * runs in the calling thread meanwhile; workers are always terminated before it resolves.
 *
 * @example
 * import { hawkesInferenceParallel } from 'violence-contagion/node';
 * const inf = await hawkesInferenceParallel(data, { replicates: 39, threads: 2 });
 * inf.intervals?.share; // { estimate, lo, hi, method }
 */
export async function hawkesInferenceParallel(
  data: Dataset | DatasetIndex,
  options: HawkesInferenceParallelOptions = {},
): Promise<HawkesInference> {
  const { threads: wanted, ...rest } = options;
  const o = resolveInferenceOptions('hawkesInferenceParallel', rest);
  const tasks = replicateTasks(o);
  const threads = threadCount(wanted, tasks.length);
  // Options holding functions cannot cross to a worker: the fit's and the test's own (testFit).
  const cloneable = ![o.fit, testFitOptions(o) ?? {}].some((f) =>
    Object.values(f).some((v) => typeof v === 'function'),
  );
  if (threads <= 1 || !cloneable) return hawkesInferenceAs('hawkesInferenceParallel', data, rest);
  const dataset: Dataset = 'personIndex' in data ? data.data : data;
  // Interleaved so that each thread gets a mix of bootstrap, null and placebo fits.
  const payloads: HawkesInferenceWorkerData[] = Array.from({ length: threads }, (_, t) => ({
    data: dataset,
    fit: o.fit,
    seed: o.seed,
    withNull: o.nullReplicates > 0,
    placebo: o.placebo,
    testFit: testFitOptions(o),
    tasks: tasks.filter((_, i) => i % threads === t),
    fn: 'hawkesInferenceParallel',
  }));
  const running = runWorkers<HawkesInferenceWorkerData, ReplicateRow[]>(
    'hawkes-inference-worker',
    payloads,
  );
  let ctx: ReturnType<typeof inferenceContext>;
  let kernelCheck: HawkesInference['kernelCheck'] = null;
  try {
    ctx = inferenceContext(
      data,
      o.fit,
      o.seed,
      o.nullReplicates > 0,
      o.placebo,
      'hawkesInferenceParallel',
      testFitOptions(o),
    );
    if (o.kernelCheck) kernelCheck = kernelShapeCheck(ctx);
  } catch (e) {
    await running.catch(() => undefined);
    throw e;
  }
  const parts = await running;
  const byTask = new Map<string, ReplicateRow>();
  for (const part of parts) for (const r of part) byTask.set(`${r.kind}:${r.replicate}`, r);
  // The workers run no bootstrap refit for a fit that identifies no kernel (tasksFor).
  const rows = tasksFor(ctx, tasks).map(
    ([kind, b]) => byTask.get(`${kind}:${b}`) ?? runReplicate(ctx, kind, b),
  );
  return summariseInference(ctx, rows, o, kernelCheck);
}

/** Defaults of every option (those of `hawkesInference`; `threads` min(2, cores)). */
hawkesInferenceParallel.defaults = hawkesInference.defaults;
