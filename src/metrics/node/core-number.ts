import type { Csr } from '../../graph/csr.js';
import { defineNodeMetric, type GraphInput, resolveCsr } from '../shared.js';

/** Options of {@link coreNumber} (none yet: ties are unweighted, self-loops dropped). */
export type CoreNumberOptions = Record<string, never>;

/**
 * k-core number of every node by Batagelj & Zaversnik (2003): bucket-sort nodes by degree, peel
 * the smallest, O(nodes + ties). Directed snapshots use total (in + out) degree, as networkx.
 */
export function coreNumberKernel(csr: Csr): Float64Array {
  const n = csr.n;
  const { offsets, targets, inOffsets, inTargets, directed } = csr;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    let d = offsets[v + 1] - offsets[v];
    if (directed) d += inOffsets[v + 1] - inOffsets[v];
    deg[v] = d;
    if (d > maxDeg) maxDeg = d;
  }
  // bin[d] = first position of degree-d nodes in `vert`; pos[v] = v's position.
  const bin = new Int32Array(maxDeg + 1);
  for (let v = 0; v < n; v++) bin[deg[v]]++;
  let start = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const c = bin[d];
    bin[d] = start;
    start += c;
  }
  const vert = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    pos[v] = bin[deg[v]]++;
    vert[pos[v]] = v;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1];
  bin[0] = 0;
  const lower = (v: number, u: number) => {
    if (deg[u] > deg[v]) {
      const du = deg[u];
      const pu = pos[u];
      const pw = bin[du];
      const w = vert[pw];
      if (u !== w) {
        pos[u] = pw;
        vert[pu] = w;
        pos[w] = pu;
        vert[pw] = u;
      }
      bin[du]++;
      deg[u]--;
    }
  };
  for (let i = 0; i < n; i++) {
    const v = vert[i];
    for (let j = offsets[v]; j < offsets[v + 1]; j++) lower(v, targets[j]);
    if (directed) for (let j = inOffsets[v]; j < inOffsets[v + 1]; j++) lower(v, inTargets[j]);
  }
  return Float64Array.from(deg);
}

/**
 * k-core number: the largest k such that the person belongs to a subgroup where everyone has at
 * least k ties inside it (Seidman 1983) — the dense core of a co-offending network.
 *
 * @example
 * coreNumber(graph); // { alice: 3, bob: 1, … }
 * coreNumber.assign(graph); // node attribute `coreNumber`
 */
export const coreNumber = defineNodeMetric<CoreNumberOptions>(
  'coreNumber',
  (input: GraphInput) => {
    const csr = resolveCsr(input, null, null);
    return { csr, values: coreNumberKernel(csr) };
  },
  { name: 'coreNumber', rules: {} },
);
