/**
 * Worker-thread body of {@link hawkesInferenceParallel}: rebuilds the fit (deterministic) and
 * runs its share of the replicate fits, posting the rows back.
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type HawkesReplicate,
  inferenceContext,
  runReplicates,
  tasksFor,
} from '../contagion/hawkes/inference.js';
import type { NetworkHawkesOptions } from '../contagion/hawkes/types.js';
import type { Dataset } from '../core/types.js';

/** What the main thread hands each worker. */
export interface HawkesInferenceWorkerData {
  data: Dataset;
  fit: NetworkHawkesOptions;
  seed: number;
  withNull: boolean;
  placebo: 'rewired-ties' | 'shuffled-days';
  /** The no-contagion test's own fit options (`testFitOptions`), or null for the fit's. */
  testFit: NetworkHawkesOptions | null;
  tasks: [HawkesReplicate['kind'], number][];
  /** The function the user called, named by the refits' errors. */
  fn: string;
}

if (parentPort) {
  const d = workerData as HawkesInferenceWorkerData;
  const ctx = inferenceContext(
    d.data,
    d.fit,
    d.seed,
    d.withNull,
    d.placebo,
    d.fn,
    // The test's own fit only where its refits run.
    d.tasks.some(([k]) => k === 'null' || k === 'rewired') ? d.testFit : null,
  );
  const rows = runReplicates(ctx, tasksFor(ctx, d.tasks));
  parentPort.postMessage(rows);
}
