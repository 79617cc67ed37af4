import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { betweenness, csrFromArrays } from '../../src/index.js';
import { betweennessParallel } from '../../src/node/parallel-betweenness.js';

// Expected values: networkx 2.8.8 (/usr/bin/python3), e.g.
//   G = nx.MultiGraph(); G.add_nodes_from('abcd')
//   G.add_edges_from([('a','b'), ('a','b'), ('b','d'), ('a','c'), ('c','d')], weight=2)
//   nx.betweenness_centrality(G, normalized=False)  # {'a': 0.5, 'b': 0.5, 'c': 0.5, 'd': 0.5}
// (bench/graphshapes.ts: on a 60-person multigraph with 175 ties, one person's value was 0.0185
// here against networkx's 0.0168, 8.7% off.)

/** The square a–b–d–c–a with a–b given twice (weight 2 each). */
function square() {
  const g = new MultiUndirectedGraph();
  for (const v of 'abcd') g.addNode(v);
  for (const [s, t] of ['ab', 'ab', 'bd', 'ac', 'cd']) g.addEdge(s, t, { weight: 2 });
  return g;
}

describe('betweenness reads parallel ties as one step between the pair, as networkx', () => {
  const want = { a: 0.5, b: 0.5, c: 0.5, d: 0.5 };

  it('on a MultiGraph, unweighted and weighted (equal parallel lengths)', () => {
    // Counted apart, the doubled a–b tie doubled the shortest paths b–c through a: 2/3 and 1/3.
    expect(betweenness(square(), { normalized: false })).toEqual(want);
    expect(betweenness(square(), { weight: 'weight', normalized: false })).toEqual(want);
    expect(
      betweenness(square(), { weight: 'weight', distance: 'identity', normalized: false }),
    ).toEqual(want);
  });

  it('on a pair given twice to csrFromArrays, and in betweennessParallel', async () => {
    const csr = csrFromArrays(['a', 'b', 'c', 'd'], [0, 0, 1, 0, 2], [1, 1, 3, 2, 3], null);
    expect(betweenness(csr, { normalized: false })).toEqual(want);
    expect(await betweennessParallel(square(), { normalized: false, threads: 1 })).toEqual(want);
  });

  it('keeps the shortest of parallel ties of different lengths', () => {
    // a–b at lengths 3 and 1: the 1 makes a–b–d (2) as short as a–c–d (2).
    const g = new MultiUndirectedGraph();
    for (const v of 'abcd') g.addNode(v);
    g.addEdge('a', 'b', { weight: 3 });
    g.addEdge('a', 'b', { weight: 1 });
    g.addEdge('b', 'd', { weight: 1 });
    g.addEdge('a', 'c', { weight: 1 });
    g.addEdge('c', 'd', { weight: 1 });
    expect(betweenness(g, { weight: 'weight', distance: 'identity', normalized: false })).toEqual(
      want,
    );
  });

  it('on a directed MultiGraph', () => {
    // nx.MultiDiGraph: a→b twice, b→c, a→d, d→c: {'a': 0, 'b': 0.5, 'c': 0, 'd': 0.5}
    const g = new MultiDirectedGraph();
    for (const v of 'abcd') g.addNode(v);
    for (const [s, t] of ['ab', 'ab', 'bc', 'ad', 'dc']) g.addEdge(s, t);
    expect(betweenness(g, { normalized: false })).toEqual({ a: 0, b: 0.5, c: 0, d: 0.5 });
    expect(betweenness(g).b).toBeCloseTo(1 / 12, 15);
  });
});
