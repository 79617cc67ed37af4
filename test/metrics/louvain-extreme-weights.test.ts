import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { louvain } from '../../src/index.js';
import { fixtureGraph } from './fixtures.js';

/** `graph` with every tie's weight (1 where it has none) divided by the largest and times `factor`. */
function scaled(graph: UndirectedGraph, factor: number): UndirectedGraph {
  const g = graph.copy() as UndirectedGraph;
  let top = 0;
  g.forEachEdge((_e, attrs) => {
    top = Math.max(top, (attrs.weight as number) ?? 1);
  });
  g.forEachEdge((e, attrs) =>
    g.setEdgeAttribute(e, 'weight', (((attrs.weight as number) ?? 1) / top) * factor),
  );
  return g;
}

describe('louvain with weights near the largest or the smallest double', () => {
  it('finds the partition and the modularity it finds at weight 1', () => {
    // A triangle at weight 1e308: the total weight overflowed to Infinity and Louvain split it
    // into three (bench/graphshapes.ts); at weight 1 it is one community, Q = 0. (Karate's
    // unequal weights are not tried at 1e-320: subnormal doubles hold too few digits to keep them.)
    const triangle = new UndirectedGraph();
    for (const [s, t] of ['ab', 'bc', 'ca']) triangle.mergeEdge(s, t, { weight: 1 });
    const karate = fixtureGraph('karate') as UndirectedGraph;
    for (const graph of [triangle, karate]) {
      const base = louvain.detailed(scaled(graph, 1), { seed: 1 });
      for (const factor of [1e308, 1e-300, ...(graph === triangle ? [1e-320] : [])]) {
        const d = louvain.detailed(scaled(graph, factor), { seed: 1 });
        expect(d.communities).toEqual(base.communities);
        expect(d.modularity).toBeCloseTo(base.modularity, 12);
      }
    }
  });
});
