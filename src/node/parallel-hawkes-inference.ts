import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type HawkesInference,
  type HawkesInferenceOptions,
  type HawkesReplicate,
  hawkesInference,
  inferenceContext,
  replicateTasks,
  resolveInferenceOptions,
  runReplicate,
  summariseInference,
} from '../contagion/hawkes/inference.js';
import type { DatasetIndex } from '../core/dataset-index.js';
import type { Dataset } from '../core/types.js';
import type { HawkesInferenceWorkerData } from './hawkes-inference-worker.js';

/** Options of {@link hawkesInferenceParallel}: those of `hawkesInference`, plus the threads. */
export interface HawkesInferenceParallelOptions extends HawkesInferenceOptions {
  /**
   * Worker threads to split the replicate fits over. Default `min(2, os.availableParallelism())`.
   * With 1, or fit options holding functions (which cannot cross to a worker), everything runs
   * in the calling thread.
   */
  threads?: number;
}

/** The worker module beside this one (see `betweennessParallel` for the tsx bootstrap in dev). */
function workerTarget(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    return { entry: new URL('./hawkes-inference-worker.js', import.meta.url), eval: false };
  }
  const worker = new URL('./hawkes-inference-worker.ts', import.meta.url).href;
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(pkg, 'utf8')).exports['./esm/api'].import.default;
  const api = new URL(exports, pathToFileURL(pkg)).href;
  const code =
    `import(${JSON.stringify(api)}).then((m) => m.tsImport(` +
    `${JSON.stringify(worker)}, ${JSON.stringify(api)}))`;
  return { entry: code, eval: true };
}

/**
 * {@link hawkesInference} with the replicate fits split over `node:worker_threads` (Node only):
 * identical results for the same data, options and seed (each replicate's seed depends only on
 * the seed, its kind and its number), about `threads` times faster on as many free cores. Each
 * worker refits the records once (deterministic) before its replicates; workers are always
 * terminated before it resolves.
 *
 * @example
 * import { hawkesInferenceParallel } from 'violence-contagion/node';
 * const inf = await hawkesInferenceParallel(data, { replicates: 99, threads: 2 });
 * inf.intervals?.share; // { estimate, lo, hi, method }
 */
export async function hawkesInferenceParallel(
  data: Dataset | DatasetIndex,
  options: HawkesInferenceParallelOptions = {},
): Promise<HawkesInference> {
  const { threads: wanted, ...rest } = options;
  const o = resolveInferenceOptions('hawkesInferenceParallel', rest);
  const tasks = replicateTasks(o);
  const threads = Math.max(
    1,
    Math.min(Math.floor(wanted ?? Math.min(2, availableParallelism())), tasks.length),
  );
  const cloneable = !Object.values(o.fit).some((v) => typeof v === 'function');
  if (threads <= 1 || !cloneable) return hawkesInference(data, rest);
  const dataset: Dataset = 'personIndex' in data ? data.data : data;
  const ctx = inferenceContext(data, o.fit, o.seed, o.nullReplicates > 0);
  const target = workerTarget();
  const workers: Worker[] = [];
  try {
    const parts = await Promise.all(
      Array.from({ length: threads }, (_, t) => {
        // Interleaved so that each thread gets a mix of bootstrap, null and placebo fits.
        const mine = tasks.filter((_, i) => i % threads === t);
        const payload: HawkesInferenceWorkerData = {
          data: dataset,
          fit: o.fit,
          seed: o.seed,
          withNull: o.nullReplicates > 0,
          tasks: mine,
        };
        const worker = new Worker(target.entry, { eval: target.eval, workerData: payload });
        workers.push(worker);
        return new Promise<HawkesReplicate[]>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) =>
            reject(new Error(`hawkes inference worker exited with code ${code} before replying`)),
          );
        });
      }),
    );
    const byTask = new Map<string, HawkesReplicate>();
    for (const part of parts) for (const r of part) byTask.set(`${r.kind}:${r.replicate}`, r);
    const rows = tasks.map(([kind, b]) => byTask.get(`${kind}:${b}`) ?? runReplicate(ctx, kind, b));
    return summariseInference(ctx, rows, o);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Defaults of every option (those of `hawkesInference`; `threads` min(2, cores)). */
hawkesInferenceParallel.defaults = hawkesInference.defaults;
