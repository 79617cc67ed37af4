/**
 * Worker-thread body of {@link betweennessParallel}: runs the Brandes kernel for one slice of
 * sources on the shared snapshot arrays and posts the raw dependency sums back (transferred).
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Csr } from '../graph/csr.js';
import { betweennessKernel } from '../metrics/centrality/betweenness.js';

/** What the main thread hands each worker (typed arrays on SharedArrayBuffers, no per-node objects). */
export interface BetweennessWorkerData {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  inOffsets: Int32Array;
  inTargets: Int32Array;
  /** Path lengths aligned with `targets`/`inTargets`, or `null` when unweighted. */
  lengths: { out: Float64Array; in: Float64Array } | null;
  /** Node numbers of this worker's sources. */
  sources: Int32Array;
}

if (parentPort) {
  const d = workerData as BetweennessWorkerData;
  // The kernel reads only the adjacency arrays; ids and the index stay in the main thread.
  const csr = {
    n: d.n,
    offsets: d.offsets,
    targets: d.targets,
    inOffsets: d.inOffsets,
    inTargets: d.inTargets,
  } as unknown as Csr;
  const raw = betweennessKernel(csr, d.lengths, d.sources);
  parentPort.postMessage(raw, [raw.buffer as ArrayBuffer]);
}
