import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { csrFromArrays } from '../../src/graph/csr.js';
import { betweenness, closeness, harmonic } from '../../src/metrics/index.js';

// A tie of strength 0 has length 1/0 = Infinity under the default distance. networkx 2.8.8 takes
// that length as given and answers confidently, crediting betweenness through the infinite tie:
//   G = nx.Graph(); G.add_weighted_edges_from([('a','b',0),('b','c',1),('c','d',0),('a','c',2)])
//   for u, v, d in G.edges(data=True): d['len'] = 1/d['weight'] if d['weight'] else math.inf
//   nx.betweenness_centrality(G, weight='len')  # {'a': 0.222, 'b': 0.0, 'c': 1.431, 'd': 0.0}
//   nx.closeness_centrality(G, distance='len')  # all 0.0
// (c's betweenness above 1 is not a share of anything.) Here such a tie is refused, naming the
// measure and the tie; before, a RangeError named neither.
function zeroTieGraph() {
  const g = new UndirectedGraph();
  for (const [u, v, w] of [
    ['a', 'b', 0],
    ['b', 'c', 1],
    ['c', 'd', 0],
    ['a', 'c', 2],
  ] as const) {
    g.mergeEdge(u, v, { weight: w });
  }
  return g;
}

describe('shortest-path measures on a tie of strength 0', () => {
  it.each([
    ['betweenness', betweenness],
    ['closeness', closeness],
    ['harmonic', harmonic],
  ] as const)('%s refuses it with an InputError naming the tie', (name, measure) => {
    const run = () => measure(zeroTieGraph(), { weight: 'weight' });
    expect(run).toThrow(InputError);
    expect(run).toThrow(
      new RegExp(`^${name}: the tie a–b has weight 0, which gives distance Infinity`),
    );
  });

  it('names the tie of a directed snapshot from its tail to its head', () => {
    const csr = csrFromArrays(['a', 'b', 'c'], [0, 2], [1, 1], [1, 0], { directed: true });
    expect(() => closeness(csr, { weight: 'weight' })).toThrow(
      /^closeness: the tie c–b has weight 0/,
    );
  });

  it('still counts steps with weight: null (networkx: closeness_centrality(G))', () => {
    // nx.closeness_centrality(G) -> {'a': 0.75, 'b': 0.75, 'c': 1.0, 'd': 0.6}
    expect(closeness(zeroTieGraph(), { weight: null })).toEqual({ a: 0.75, b: 0.75, c: 1, d: 0.6 });
  });
});
