import { trianglesKernel } from '../node/clustering.js';
import { checkMeasure, type GraphInput, refuseDirected, resolveCsr } from '../shared.js';

/**
 * Transitivity (global clustering): 3 × triangles / connected triples, as networkx's
 * `transitivity`. 0 when there are no triples. Undirected, unweighted.
 *
 * @example
 * transitivity(graph); // 0.52
 */
export function transitivity(graph: GraphInput): number {
  checkMeasure('transitivity', graph, undefined, {});
  const csr = resolveCsr(graph, null, null);
  refuseDirected(csr, 'transitivity');
  const { triangles, degree } = trianglesKernel(csr);
  let t = 0;
  let triples = 0;
  for (let i = 0; i < csr.n; i++) {
    t += triangles[i];
    triples += (degree[i] * (degree[i] - 1)) / 2;
  }
  return triples > 0 ? t / triples : 0;
}
