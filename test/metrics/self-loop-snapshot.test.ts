import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../src/graph/csr.js';
import { degree, eigenvector, pagerank } from '../../src/metrics/index.js';

// An undirected self-loop given to csrFromArrays is listed from both of its ends, which are the
// same person: it counts 2 in degree (as networkx's G.degree) and twice in the walk of PageRank and
// the adjacency of eigenvector centrality, igraph's reading. networkx's pagerank and
// eigenvector_centrality put it once on the diagonal of the adjacency matrix (while still counting
// 2 in G.degree), so they differ here; on a graphology graph self-loops are ignored by every
// measure. Triangle a–b–c, c–d and a loop on a:
//   g = igraph.Graph([(0,1),(1,2),(2,0),(2,3),(0,0)])
//   g.pagerank()                             # [0.366074891466, 0.202304545284, 0.307106932403, 0.124513630847]
//   g.eigenvector_centrality(scale=False)    # [0.792003169155, 0.401753798543, 0.436945376122, 0.142841183455]
//   G = nx.MultiGraph([('a','b'),('b','c'),('c','a'),('c','d'),('a','a')])
//   nx.pagerank(G, tol=1e-13)                # {'a': 0.3148, 'b': 0.2209, 'c': 0.3326, 'd': 0.1317}
//   dict(G.degree())                         # {'a': 4, 'b': 2, 'c': 3, 'd': 1}
const csr = csrFromArrays(['a', 'b', 'c', 'd'], [0, 1, 2, 2, 0], [1, 2, 0, 3, 0], null, {
  order: 'graph',
});

describe('an undirected self-loop of a csrFromArrays snapshot', () => {
  it('counts 2 in degree (networkx G.degree)', () => {
    expect(degree(csr)).toEqual({ a: 4, b: 2, c: 3, d: 1 });
  });

  it('counts twice in PageRank and eigenvector centrality (igraph)', () => {
    const pr = pagerank.values(csr);
    const ev = eigenvector.values(csr);
    const igraphPr = [
      0.3660748914661763, 0.20230454528393949, 0.30710693240250725, 0.12451363084737703,
    ];
    const igraphEv = [
      0.7920031691548951, 0.40175379854260934, 0.4369453761219661, 0.1428411834549849,
    ];
    for (let i = 0; i < 4; i++) {
      expect(pr[i]).toBeCloseTo(igraphPr[i], 9);
      expect(ev[i]).toBeCloseTo(igraphEv[i], 9);
    }
  });
});
