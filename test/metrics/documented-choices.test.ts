import { DirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { egoNetwork, modularity } from '../../src/metrics/index.js';

describe('documented differences from networkx', () => {
  it('modularity of a graph without ties is 0', () => {
    // G = nx.Graph(); G.add_nodes_from('abc')
    // nx.community.modularity(G, [{'a', 'b'}, {'c'}])  # ZeroDivisionError (igraph: nan)
    const g = new UndirectedGraph();
    for (const id of ['a', 'b', 'c']) g.addNode(id);
    expect(modularity(g, { communities: { a: 0, b: 0, c: 1 } })).toBe(0);
  });

  it('egoNetwork follows ties either way on a directed graph (ego_graph undirected=True)', () => {
    // d = nx.DiGraph([('a','b'), ('b','c'), ('c','d'), ('e','a'), ('d','a')])
    // e = nx.ego_graph(d, 'a', radius=1, undirected=True)
    // sorted(e), e.number_of_edges()  # (['a', 'b', 'd', 'e'], 3)
    // nx.ego_graph(d, 'a', radius=1) follows out-ties only: ['a', 'b']
    const d = new DirectedGraph();
    for (const [s, t] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['e', 'a'],
      ['d', 'a'],
    ]) {
      d.mergeEdge(s, t);
    }
    const ego = egoNetwork(d, 'a');
    expect(ego.nodes().sort()).toEqual(['a', 'b', 'd', 'e']);
    expect(ego.size).toBe(3);
  });
});
