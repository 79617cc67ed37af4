import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { modularity } from '../../src/index.js';

function triangle(w: number) {
  const g = new UndirectedGraph();
  for (const [s, t] of ['ab', 'bc', 'ca']) g.mergeEdge(s, t, { weight: w });
  return g;
}

describe('modularity with weights near the largest double', () => {
  it('equals its value at weight 1 (scale-free) instead of NaN', () => {
    // networkx 2.8.8: modularity(nx.complete_graph(['a','b','c']), [{'a','b'}, {'c'}]) = -2/9;
    // at weight 1e308 the total weight overflowed to Infinity and Q was NaN (bench/graphshapes.ts).
    const communities = { a: 0, b: 0, c: 1 };
    expect(modularity(triangle(1), { communities })).toBeCloseTo(-2 / 9, 15);
    expect(modularity(triangle(1e308), { communities })).toBeCloseTo(-2 / 9, 15);
    expect(modularity(triangle(1e-320), { communities })).toBeCloseTo(-2 / 9, 15);
    expect(modularity(triangle(0), { communities })).toBe(0); // no weight: 0, as documented
  });
});
