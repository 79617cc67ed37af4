import type { Csr } from '../../graph/csr.js';
import { defineNodeMetric, type GraphInput, refuseDirected, resolveCsr } from '../shared.js';

/** Options of {@link clustering} (none: unweighted, undirected). */
export type ClusteringOptions = Record<string, never>;

/**
 * Triangles through each node and its number of distinct neighbours, by the degree-ordered
 * method (each triangle found once from its lowest-ranked corner, O(m^1.5)). Parallel ties are
 * counted once. Undirected snapshots only.
 */
export function trianglesKernel(csr: Csr): { triangles: Float64Array; degree: Int32Array } {
  if (csr.directed) throw new TypeError('triangle counts need an undirected graph');
  const n = csr.n;
  const { offsets, targets } = csr;
  const mark = new Int32Array(n).fill(-1);
  const degree = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    let d = 0;
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const v = targets[j];
      if (v !== u && mark[v] !== u) {
        mark[v] = u;
        d++;
      }
    }
    degree[u] = d;
  }
  // Orient each tie from lower to higher (degree, number) rank; keep distinct heads only.
  const higher = (u: number, v: number) =>
    degree[v] > degree[u] || (degree[v] === degree[u] && v > u);
  const oOff = new Int32Array(n + 1);
  mark.fill(-1);
  for (let u = 0; u < n; u++) {
    let c = 0;
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const v = targets[j];
      if (higher(u, v) && mark[v] !== u) {
        mark[v] = u;
        c++;
      }
    }
    oOff[u + 1] = oOff[u] + c;
  }
  const oTg = new Int32Array(oOff[n]);
  mark.fill(-1);
  for (let u = 0; u < n; u++) {
    let at = oOff[u];
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const v = targets[j];
      if (higher(u, v) && mark[v] !== u) {
        mark[v] = u;
        oTg[at++] = v;
      }
    }
  }
  const triangles = new Float64Array(n);
  mark.fill(-1);
  for (let u = 0; u < n; u++) {
    for (let j = oOff[u]; j < oOff[u + 1]; j++) mark[oTg[j]] = u;
    for (let j = oOff[u]; j < oOff[u + 1]; j++) {
      const v = oTg[j];
      for (let x = oOff[v]; x < oOff[v + 1]; x++) {
        const w = oTg[x];
        if (mark[w] === u) {
          triangles[u]++;
          triangles[v]++;
          triangles[w]++;
        }
      }
    }
  }
  return { triangles, degree };
}

/**
 * Local clustering coefficient: the share of pairs of a person's associates who are tied to each
 * other, 2T/(d(d−1)), 0 below two associates (networkx's unweighted `clustering`).
 *
 * @example
 * clustering(graph); // { alice: 0.33, … }
 */
export const clustering = defineNodeMetric<ClusteringOptions>(
  'clustering',
  (input: GraphInput) => {
    const csr = resolveCsr(input, null, null);
    refuseDirected(csr, 'clustering');
    const { triangles, degree } = trianglesKernel(csr);
    const values = new Float64Array(csr.n);
    for (let i = 0; i < csr.n; i++) {
      const d = degree[i];
      if (d > 1) values[i] = (2 * triangles[i]) / (d * (d - 1));
    }
    return { csr, values };
  },
  { name: 'clustering', rules: {} },
);
