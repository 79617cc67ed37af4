import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../src/graph/csr.js';
import { connectedComponents, coreNumber, louvain } from '../../src/metrics/index.js';
import { coreNumberKernel, distinctTies } from '../../src/metrics/node/core-number.js';
import { componentLabels } from '../../src/metrics/shared.js';

// The kernels that were rewritten for speed (k-core by level peeling, component and community
// ranking by counting sort) against the formulations they replaced, on random multigraphs with
// self-loops and isolated nodes, undirected and directed.

/** Batagelj & Zaversnik's bucket-sorted k-core (the previous kernel). */
function coreBZ(csr: ReturnType<typeof csrFromArrays>): number[] {
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
  return Array.from(deg);
}

/** Labels ranked by a comparison sort: size descending, then `tie` ascending (the previous code). */
function rankBySort(labels: ArrayLike<number>, tie: (c: number) => number): number[] {
  let C = 0;
  for (let i = 0; i < labels.length; i++) C = Math.max(C, labels[i] + 1);
  const size = new Array(C).fill(0);
  for (let i = 0; i < labels.length; i++) size[labels[i]]++;
  const ord = Array.from({ length: C }, (_, c) => c)
    .filter((c) => size[c] > 0)
    .sort((a, b) => size[b] - size[a] || tie(a) - tie(b));
  const rank = new Array(C).fill(-1);
  ord.forEach((c, r) => {
    rank[c] = r;
  });
  return Array.from(labels, (l) => rank[l]);
}

const graphs = fc
  .record({
    n: fc.integer({ min: 1, max: 60 }),
    directed: fc.boolean(),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 4 })), {
      maxLength: 150,
    }),
    order: fc.constantFrom('bfs' as const, 'graph' as const),
  })
  .map(({ n, directed, pairs, order }) => {
    const ids = Array.from({ length: n }, (_, i) => `p${i}`);
    const src = pairs.map(([a]) => a % n);
    const dst = pairs.map(([, b]) => b % n);
    const w = pairs.map(([, , c]) => c);
    return csrFromArrays(ids, src, dst, w, { directed, order });
  });

describe('rewritten kernels equal the formulations they replaced', () => {
  it('coreNumber equals Batagelj–Zaversnik on multigraphs with self-loops, both kinds', () => {
    fc.assert(
      fc.property(graphs, (csr) => {
        expect(Array.from(coreNumberKernel(csr))).toEqual(coreBZ(csr));
        // The measure counts parallel ties once: the kernel on each tie listed once; it refuses
        // self-loops (as networkx).
        let loop = false;
        for (let u = 0; u < csr.n; u++)
          for (let j = csr.offsets[u]; j < csr.offsets[u + 1]; j++) loop ||= csr.targets[j] === u;
        if (loop) expect(() => coreNumber.values(csr)).toThrow(/self-loops/);
        else expect(Array.from(coreNumber.values(csr))).toEqual(coreBZ(distinctTies(csr)));
      }),
      { numRuns: 400 },
    );
  });

  it('component numbering equals the comparison sort (size desc, then discovery)', () => {
    fc.assert(
      fc.property(graphs, (csr) => {
        const { label } = componentLabels(csr);
        expect(Array.from(connectedComponents.values(csr))).toEqual(rankBySort(label, (c) => c));
        const d = connectedComponents.detailed(csr);
        expect(d.sizes).toEqual([...d.sizes].sort((a, b) => b - a));
      }),
      { numRuns: 200 },
    );
  });

  it('louvain numbering equals the comparison sort (size desc, then first appearance)', () => {
    fc.assert(
      fc.property(
        graphs.filter((c) => !c.directed),
        (csr) => {
          const raw = louvain.detailed(csr, { seed: 3 });
          const last = raw.dendrogram.at(-1);
          if (!last) return;
          const first = new Map<number, number>();
          last.forEach((c, i) => {
            if (!first.has(c)) first.set(c, i);
          });
          expect(Array.from(louvain.values(csr, { seed: 3 }))).toEqual(
            rankBySort(last, (c) => first.get(c)!),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
