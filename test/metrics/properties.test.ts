import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { toCsr } from '../../src/graph/csr.js';
import {
  betweenness,
  closeness,
  clustering,
  connectedComponents,
  coreNumber,
  degree,
  eigenvector,
  harmonic,
  louvain,
  networkSummary,
  pagerank,
  reach,
  strength,
} from '../../src/metrics/index.js';
import { fixtureGraph } from './fixtures.js';

/** Random simple weighted graphs on up to `maxN` nodes: [n, edges [u, v, w]]. */
const graphArb = (maxN: number) =>
  fc
    .integer({ min: 3, max: maxN })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.uniqueArray(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 1, max: 4 }),
          ),
          { selector: ([u, v]) => `${Math.min(u, v)}-${Math.max(u, v)}`, maxLength: 3 * n },
        ),
      ),
    );

function build(
  n: number,
  edges: [number, number, number][],
  nodeOrder?: number[],
  edgeOrder?: number[],
) {
  const g = new UndirectedGraph();
  for (const i of nodeOrder ?? Array.from({ length: n }, (_, i) => i)) g.addNode(`n${i}`);
  for (const e of edgeOrder ?? edges.map((_, i) => i)) {
    const [u, v, w] = edges[e];
    if (u !== v) g.addEdge(`n${u}`, `n${v}`, { weight: w });
  }
  return g;
}

const close = (a: Record<string, number>, b: Record<string, number>, tol = 1e-9) => {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(a)) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(tol);
};

function subsets(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]) => {
    if (acc.length === k) return void out.push(acc.slice());
    for (let i = start; i < n; i++) {
      acc.push(i);
      rec(i + 1, acc);
      acc.pop();
    }
  };
  rec(0, []);
  return out;
}

describe('property: sampled betweenness is unbiased for exact betweenness', () => {
  it('averaging the k-pivot estimate over every set of k pivots gives exact betweenness', () => {
    fc.assert(
      fc.property(
        graphArb(7),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        ([n, edges], k, weighted) => {
          const g = build(n, edges);
          const opts = { weight: weighted ? 'weight' : null } as const;
          const exact = betweenness(g, opts);
          const sets = subsets(n, Math.min(k, n));
          const mean: Record<string, number> = Object.fromEntries(g.nodes().map((id) => [id, 0]));
          for (const s of sets) {
            const est = betweenness(g, { ...opts, sources: s.map((i) => `n${i}`) });
            for (const id of g.nodes()) mean[id] += est[id] / sets.length;
          }
          close(mean, exact, 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('disjoint source slices, weighted by |slice|/n, add up to exact betweenness (for workers)', () => {
    const g = fixtureGraph('lesmis');
    const ids = g.nodes();
    const exact = betweenness(g, { weight: 'weight' });
    const total: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
    for (const slice of [ids.slice(0, 30), ids.slice(30, 31), ids.slice(31)]) {
      const part = betweenness(g, { weight: 'weight', sources: slice });
      for (const id of ids) total[id] += (part[id] * slice.length) / ids.length;
    }
    close(total, exact, 1e-12);
  });

  it('k = n pivots gives exact betweenness, for any seed', () => {
    fc.assert(
      fc.property(graphArb(12), fc.integer(), ([n, edges], seed) => {
        const g = build(n, edges);
        close(betweenness(g, { k: n, seed }), betweenness(g), 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('the mean of k-pivot estimates over many seeds approaches exact betweenness on Les Misérables', () => {
    const g = fixtureGraph('lesmis');
    const exact = betweenness(g);
    const seeds = 400;
    const sum: Record<string, number> = Object.fromEntries(g.nodes().map((id) => [id, 0]));
    const sq: Record<string, number> = { ...sum };
    for (let seed = 1; seed <= seeds; seed++) {
      const est = betweenness(g, { k: 20, seed });
      for (const id of g.nodes()) {
        sum[id] += est[id];
        sq[id] += est[id] ** 2;
      }
    }
    // Each person's mean estimate lies within 5 standard errors of the exact value.
    for (const id of g.nodes()) {
      const mean = sum[id] / seeds;
      const se = Math.sqrt(Math.max(0, sq[id] / seeds - mean ** 2) / seeds);
      expect(Math.abs(mean - exact[id])).toBeLessThanOrEqual(5 * se + 1e-12);
    }
  });
});

describe('property: measures do not depend on node or edge insertion order', () => {
  it('every per-node measure is the same after shuffling insertion order', () => {
    fc.assert(
      fc.property(
        graphArb(14).chain(([n, edges]) =>
          fc.tuple(
            fc.constant(n),
            fc.constant(edges),
            fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i),
              { minLength: n, maxLength: n },
            ),
            fc.shuffledSubarray(
              edges.map((_, i) => i),
              { minLength: edges.length, maxLength: edges.length },
            ),
          ),
        ),
        ([n, edges, nodeOrder, edgeOrder]) => {
          const a = build(n, edges as [number, number, number][]);
          const b = build(n, edges as [number, number, number][], nodeOrder, edgeOrder);
          const w = { weight: 'weight' } as const;
          close(degree(a), degree(b), 0);
          close(strength(a), strength(b), 0);
          close(coreNumber(a), coreNumber(b), 0);
          close(betweenness(a), betweenness(b));
          close(betweenness(a, w), betweenness(b, w));
          close(closeness(a), closeness(b));
          close(closeness(a, w), closeness(b, w));
          close(harmonic(a), harmonic(b));
          close(harmonic(a, w), harmonic(b, w));
          // A graph without ties between people is refused (no leading eigenvector), either order.
          if (a.someEdge((_e, _x, s, t) => s !== t)) close(eigenvector(a), eigenvector(b), 1e-8);
          else expect(() => eigenvector(b)).toThrow(/no leading eigenvector/);
          close(pagerank(a), pagerank(b), 1e-10);
          close(clustering(a), clustering(b), 1e-12);
          close(reach(a), reach(b), 0);
          const sizes = (g: UndirectedGraph) => connectedComponents.detailed(g).sizes;
          expect(sizes(a)).toEqual(sizes(b));
          const sa = networkSummary(a).object() as Record<string, number>;
          close(sa, networkSummary(b).object() as Record<string, number>, 1e-12);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a Csr snapshot in either node order gives the same values as the graph', () => {
    const g = fixtureGraph('union');
    for (const order of ['bfs', 'graph'] as const) {
      const csr = toCsr(g, { order, weight: 'weight' });
      close(betweenness(csr, { weight: 'weight' }), betweenness(g, { weight: 'weight' }));
      close(pagerank(csr), pagerank(g), 1e-12);
      close(eigenvector(csr, { weight: null }), eigenvector(g), 1e-10);
      close(coreNumber(csr), coreNumber(g), 0);
    }
  });
});

describe('property: results are deterministic for a seed', () => {
  it('louvain with the same seed gives the same partition; sampled betweenness the same values', () => {
    fc.assert(
      fc.property(graphArb(30), fc.integer(), ([n, edges], seed) => {
        const g = build(n, edges);
        expect(louvain(g, { seed })).toEqual(louvain(g, { seed }));
        expect(louvain.detailed(g, { seed }).modularity).toBe(
          louvain.detailed(g, { seed }).modularity,
        );
        expect(betweenness(g, { k: 2, seed })).toEqual(betweenness(g, { k: 2, seed }));
      }),
      { numRuns: 50 },
    );
  });

  it('an rng function drives louvain as a seed does', () => {
    const g = fixtureGraph('lesmis');
    const make = () => {
      let s = 12345;
      return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    };
    expect(louvain(g, { rng: make() })).toEqual(louvain(g, { rng: make() }));
  });
});
