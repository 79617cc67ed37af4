import { DataRefusedError } from '../../core/errors.js';
import { trianglesKernel } from '../node/clustering.js';
import { checkMeasure, type GraphInput, refuseDirected, resolveCsr } from '../shared.js';

/**
 * Mean local clustering over all people, people with under two ties counting 0 (networkx's
 * `average_clustering`). Undirected, unweighted.
 *
 * @throws {DataRefusedError} `empty` when the graph has no people.
 *
 * @example
 * averageClustering(graph); // 0.63
 */
export function averageClustering(graph: GraphInput): number {
  checkMeasure('averageClustering', graph, undefined, {});
  const csr = resolveCsr(graph, null, null);
  refuseDirected(csr, 'averageClustering');
  const { triangles, degree } = trianglesKernel(csr);
  let c = 0;
  for (let i = 0; i < csr.n; i++) {
    const d = degree[i];
    if (d > 1) c += (2 * triangles[i]) / (d * (d - 1));
  }
  if (csr.n === 0)
    throw new DataRefusedError(
      'empty',
      'averageClustering: the graph has no people, so there is no mean clustering to report',
    );
  return c / csr.n;
}
