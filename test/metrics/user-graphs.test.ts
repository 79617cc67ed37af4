import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { betweenness, pagerank, strength } from '../../src/index.js';

/** a–b with the given weight, b–c with weight 1. */
function pathWith(w: unknown): UndirectedGraph {
  const g = new UndirectedGraph();
  for (const id of ['a', 'b', 'c']) g.addNode(id);
  g.addEdge('a', 'b', { weight: w });
  g.addEdge('b', 'c', { weight: 1 });
  return g;
}

describe('edge weights as users store them', () => {
  it('reads a number written as text as that number', () => {
    // networkx with weight 2: nx.Graph([('a','b',{'weight':2}),('b','c',{'weight':1})])
    expect(strength(pathWith('2'))).toEqual({ a: 2, b: 3, c: 1 });
    expect(strength(pathWith(' 2.5 '))).toEqual({ a: 2.5, b: 3.5, c: 1 });
  });

  it.each([
    [null, 'null'],
    ['', "''"],
    [true, 'true'],
    ['x', "'x'"],
  ])('refuses a weight of %s, naming the edge (it was read as 0 or 1 unseen)', (w, shown) => {
    for (const measure of [strength, pagerank] as const) {
      expect(() => measure(pathWith(w))).toThrow(
        `edge a–b: weight attribute 'weight' is ${shown}, expected a finite number`,
      );
    }
    expect(() => betweenness(pathWith(w), { weight: 'weight' })).toThrow(/edge a–b: weight/);
  });

  it('a missing weight still counts 1 beside weighted edges', () => {
    const g = pathWith(3);
    g.addNode('d');
    g.addEdge('c', 'd');
    expect(strength(g)).toEqual({ a: 3, b: 4, c: 2, d: 1 });
  });
});
