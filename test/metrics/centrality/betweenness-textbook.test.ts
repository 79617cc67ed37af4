import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../../src/graph/csr.js';
import { betweenness, betweennessKernel } from '../../../src/metrics/centrality/betweenness.js';
import { foldedBetweennessKernel } from '../../../src/metrics/centrality/betweenness-folded.js';

/**
 * Textbook Brandes (2001) for one source on an adjacency list (out-ties): breadth-first search
 * with predecessor lists, then dependencies in reverse order. Returns δ_s(v) for every v.
 */
function textbookDependencies(adj: number[][], s: number): number[] {
  const n = adj.length;
  const dist = new Array<number>(n).fill(-1);
  const sigma = new Array<number>(n).fill(0);
  const pred: number[][] = Array.from({ length: n }, () => []);
  const order: number[] = [];
  dist[s] = 0;
  sigma[s] = 1;
  const queue = [s];
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h];
    order.push(v);
    for (const w of adj[v]) {
      if (dist[w] < 0) {
        dist[w] = dist[v] + 1;
        queue.push(w);
      }
      if (dist[w] === dist[v] + 1) {
        sigma[w] += sigma[v];
        pred[w].push(v);
      }
    }
  }
  const delta = new Array<number>(n).fill(0);
  for (let i = order.length - 1; i >= 0; i--) {
    const w = order[i];
    for (const v of pred[w]) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
  }
  delta[s] = 0;
  return delta;
}

/**
 * True when some person is an articulation point with a cycle on a side that does not hold the
 * largest remaining piece (a group hanging off the rest, not only trees). Brute force: remove
 * each person and look at the pieces of their component.
 */
function hasHangingCycle(adj: number[][]): boolean {
  const n = adj.length;
  for (let a = 0; a < n; a++) {
    const seen = new Array<number>(n).fill(-1);
    seen[a] = -2;
    const pieces: { size: number; ties: number; toA: number }[] = [];
    for (const start of adj[a]) {
      if (seen[start] !== -1) continue;
      const id = pieces.length;
      const piece = { size: 0, ties: 0, toA: 0 };
      const stack = [start];
      seen[start] = id;
      while (stack.length) {
        const v = stack.pop()!;
        piece.size++;
        for (const w of adj[v]) {
          if (w === a) {
            piece.toA++;
            continue;
          }
          piece.ties++;
          if (seen[w] === -1) {
            seen[w] = id;
            stack.push(w);
          }
        }
      }
      pieces.push(piece);
    }
    if (pieces.length < 2) continue;
    const biggest = Math.max(...pieces.map((p) => p.size));
    // A piece and a (p + 1 people, connected) hold a cycle when they have at least p + 1 ties
    // (ties inside the piece are counted from both ends).
    if (pieces.some((p) => p.size < biggest && p.ties / 2 + p.toA >= p.size + 1)) return true;
  }
  return false;
}

/** Random graphs on 1–40 nodes, sparse enough to be disconnected with isolated nodes. */
const graphArb = fc
  .record({ n: fc.integer({ min: 1, max: 40 }), directed: fc.boolean() })
  .chain(({ n, directed }) =>
    fc.record({
      n: fc.constant(n),
      directed: fc.constant(directed),
      // Pairs of node numbers; self-ties and repeats are dropped when the snapshot is built.
      edges: fc.array(
        fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })),
        { maxLength: 2 * n },
      ),
      // Sources as node numbers (repeats allowed, so there can be more sources than nodes),
      // or null for every node.
      sources: fc.option(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 * n }), {
        nil: null,
      }),
    }),
  );

function snapshot(n: number, directed: boolean, pairs: [number, number][]) {
  const kept = new Map<string, [number, number]>();
  for (const [u, v] of pairs) {
    if (u === v) continue;
    const e: [number, number] = directed || u < v ? [u, v] : [v, u];
    kept.set(`${e[0]}-${e[1]}`, e);
  }
  const edges = [...kept.values()];
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const csr = csrFromArrays(
    ids,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
    null,
    { directed },
  );
  // The textbook search runs on the snapshot's own numbering and adjacency order.
  const adj = Array.from({ length: n }, (_, v) =>
    Array.from(csr.targets.subarray(csr.offsets[v], csr.offsets[v + 1])),
  );
  return { csr, adj };
}

/** Σ over the sources of textbook Brandes dependencies, and of their squares, per vertex. */
function textbookSums(adj: Parameters<typeof textbookDependencies>[0], n: number, src: number[]) {
  const want = new Array<number>(n).fill(0);
  const want2 = new Array<number>(n).fill(0);
  for (const s of src) {
    const d = textbookDependencies(adj, s);
    for (let v = 0; v < n; v++) {
      want[v] += d[v];
      want2[v] += d[v] * d[v];
    }
  }
  return { want, want2 };
}

describe('unweighted Brandes equals textbook Brandes', () => {
  it('raw dependency sums and their squares, any sources', () => {
    fc.assert(
      fc.property(graphArb, ({ n, directed, edges, sources }) => {
        const { csr, adj } = snapshot(n, directed, edges);
        const src = sources ?? Array.from({ length: n }, (_, i) => i);
        const { want, want2 } = textbookSums(adj, n, src);
        const squares = new Float64Array(n);
        const got = betweennessKernel(
          csr,
          null,
          sources ? Int32Array.from(sources) : null,
          squares,
        );
        for (let v = 0; v < n; v++) {
          expect(got[v]).toBeCloseTo(want[v], 9);
          expect(squares[v]).toBeCloseTo(want2[v], 7);
        }
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('the generated graphs include disconnected ones, isolated nodes and repeated sources', () => {
    // Guards the property above against a generator that never produces the hard cases.
    const seen = { isolated: 0, repeats: 0 };
    fc.assert(
      fc.property(graphArb, ({ n, edges, sources }) => {
        const deg = new Array<number>(n).fill(0);
        for (const [u, v] of edges) {
          if (u === v) continue;
          deg[u]++;
          deg[v]++;
        }
        if (deg.some((d) => d === 0) && n > 1) seen.isolated++;
        if (sources && new Set(sources).size < sources.length) seen.repeats++;
      }),
      { numRuns: 300, seed: 17 },
    );
    expect(seen.isolated).toBeGreaterThan(30);
    expect(seen.repeats).toBeGreaterThan(30);
  });

  it('co-offending-like graphs (unions of small groups): blocks hanging off blocks, trees, isolated people', () => {
    // The undirected kernel searches each component's largest block once per source and what
    // hangs off it once in all; these graphs hang triangles, pairs and chains off one another.
    const cliquesArb = fc.integer({ min: 2, max: 60 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        groups: fc.array(
          fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: 4 }),
          { maxLength: n },
        ),
        sources: fc.option(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 * n }), {
          nil: null,
        }),
      }),
    );
    let hangingGroups = 0;
    fc.assert(
      fc.property(cliquesArb, ({ n, groups, sources }) => {
        const pairs: [number, number][] = [];
        for (const g of groups) for (const u of g) for (const v of g) if (u < v) pairs.push([u, v]);
        const { csr, adj } = snapshot(n, false, pairs);
        hangingGroups += hasHangingCycle(adj) ? 1 : 0;
        const src = sources ?? Array.from({ length: n }, (_, i) => i);
        const { want, want2 } = textbookSums(adj, n, src);
        const squares = new Float64Array(n);
        const pivots = sources ? Int32Array.from(sources) : null;
        // The block kernel itself, and the dispatcher (which picks it only when much hangs off).
        const got = foldedBetweennessKernel(csr, pivots, squares);
        const viaKernel = betweennessKernel(csr, null, pivots);
        for (let v = 0; v < n; v++) {
          expect(Math.abs(viaKernel[v] - want[v])).toBeLessThanOrEqual(
            1e-12 * Math.max(1, want[v]),
          );
          expect(Math.abs(got[v] - want[v])).toBeLessThanOrEqual(1e-12 * Math.max(1, want[v]));
          expect(Math.abs(squares[v] - want2[v])).toBeLessThanOrEqual(
            1e-12 * Math.max(1, want2[v]),
          );
        }
      }),
      { numRuns: 400, seed: 23 },
    );
    // Not vacuous: many graphs have a cycle hanging off an articulation person.
    expect(hangingGroups).toBeGreaterThan(40);
  });

  it('k above the number of people is exact and equals the textbook values (normalised)', () => {
    // Two triangles joined by a path, a pair and a lone person.
    const edges: [number, number][] = [
      [0, 1],
      [1, 2],
      [0, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [4, 6],
      [7, 8],
    ];
    const n = 10;
    const { csr, adj } = snapshot(n, false, edges);
    const got = betweenness.values(csr, { k: 50, seed: 3 });
    const want = new Array<number>(n).fill(0);
    for (let s = 0; s < n; s++) {
      const d = textbookDependencies(adj, s);
      for (let v = 0; v < n; v++) want[v] += d[v] / ((n - 1) * (n - 2));
    }
    for (let v = 0; v < n; v++) expect(got[v]).toBeCloseTo(want[v], 12);
    // Not vacuous: the path's middle carries the most.
    expect(Math.max(...got)).toBe(got[csr.index.get('n3')!]);
  });
});
