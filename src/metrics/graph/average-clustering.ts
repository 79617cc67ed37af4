import { trianglesKernel } from '../node/clustering.js';
import { checkMeasure, type GraphInput, resolveCsr } from '../shared.js';

/**
 * Mean local clustering over all people, people with under two ties counting 0 (networkx's
 * `average_clustering`). Undirected, unweighted.
 *
 * @example
 * averageClustering(graph); // 0.63
 */
export function averageClustering(graph: GraphInput): number {
  checkMeasure('averageClustering', graph, undefined, {});
  const csr = resolveCsr(graph, null, null);
  const { triangles, degree } = trianglesKernel(csr);
  let c = 0;
  for (let i = 0; i < csr.n; i++) {
    const d = degree[i];
    if (d > 1) c += (2 * triangles[i]) / (d * (d - 1));
  }
  return csr.n ? c / csr.n : Number.NaN;
}
