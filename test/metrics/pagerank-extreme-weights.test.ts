import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { pagerank } from '../../src/index.js';

/** a–b with weight `w`, b–c with weight 1. */
function path(w: number) {
  const g = new UndirectedGraph();
  g.mergeEdge('a', 'b', { weight: w });
  g.mergeEdge('b', 'c', { weight: 1 });
  return g;
}

describe('pagerank with a strength that has no finite inverse', () => {
  it('refuses it by name instead of "did not converge (Σ|Δx| NaN)"', () => {
    // a's ties weigh 1e-320 (bench/graphshapes.ts): 1 / 1e-320 is Infinity, the shares were NaN
    // and the refusal said "did not converge in 1000 iterations (Σ|Δx| NaN)".
    const run = () => pagerank(path(1e-320));
    expect(run).toThrow(InputError);
    expect(run).toThrow(
      "pagerank: the ties of 'a' weigh 1e-320 in all, too small to divide by (a person's ties must weigh between about 5.6e-309 and 1.8e308 together)",
    );
    expect(run).not.toThrow(/NaN/);
    const big = new UndirectedGraph();
    big.mergeEdge('a', 'b', { weight: 1e308 });
    big.mergeEdge('b', 'c', { weight: 1e308 });
    expect(() => pagerank(big)).toThrow(/the ties of 'b' weigh Infinity in all, too large/);
  });

  it('still ranks small and large weights that have one', () => {
    // networkx 2.8.8: nx.pagerank(G, tol=1e-15) with a–b 1e-300, b–c 1 gives c the rest.
    const pr = pagerank(path(1e-300));
    expect(pr.a + pr.b + pr.c).toBeCloseTo(1, 12);
    expect(pagerank(path(1e12)).a).toBeGreaterThan(0.4);
    expect(pagerank(path(1), { weight: null })).toEqual(pagerank(path(1e-320), { weight: null }));
  });
});
