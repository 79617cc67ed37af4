import { readFileSync } from 'node:fs';
import { MultiGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import {
  betweenness,
  coreNumber,
  csrFromArrays,
  degree,
  egoNetwork,
  eigenvector,
  fromAdjacencyMatrix,
  laplacian,
  louvain,
  modularity,
  networkSummary,
  nodeMetrics,
  pagerank,
  reach,
  strength,
  toCsr,
} from '../../src/index.js';

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

describe('a graphology MultiGraph (parallel ties)', () => {
  it('laplacian sums parallel ties into one matrix entry, as networkx', () => {
    // G = nx.MultiGraph(); G.add_weighted_edges_from([('a','b',2),('b','a',3),('b','c',1.5),
    //   ('c','d',1),('b','d',0.5),('d','e',4),('d','e',1)]); nx.laplacian_centrality(G[, normalized=False])
    const g = new MultiGraph({ type: 'undirected' });
    for (const [u, v, w] of [
      ['a', 'b', 2],
      ['b', 'a', 3],
      ['b', 'c', 1.5],
      ['c', 'd', 1],
      ['b', 'd', 0.5],
      ['d', 'e', 4],
      ['d', 'e', 1],
    ] as const) {
      g.mergeNode(u);
      g.mergeNode(v);
      g.addEdge(u, v, { weight: w });
    }
    const raw = laplacian(g, { normalized: false });
    expect(raw).toEqual({ a: 120, b: 140.5, c: 43.5, d: 130.5, e: 115 });
    const norm = laplacian(g);
    const nx: Record<string, number> = {
      a: 0.4715127701375246,
      b: 0.5520628683693517,
      c: 0.17092337917485265,
      d: 0.5127701375245579,
      e: 0.4518664047151277,
    };
    for (const id of Object.keys(nx)) expect(norm[id]).toBeCloseTo(nx[id], 12);
    // The same ties given to csrFromArrays, pairs repeated: the same values (it squared each
    // listing on its own, the old MultiGraph reading).
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const ties = [
      [0, 1, 2],
      [1, 0, 3],
      [1, 2, 1.5],
      [2, 3, 1],
      [1, 3, 0.5],
      [3, 4, 4],
      [3, 4, 1],
    ];
    const csr = csrFromArrays(
      ids,
      ties.map((t) => t[0]),
      ties.map((t) => t[1]),
      ties.map((t) => t[2]),
    );
    expect(laplacian(csr, { normalized: false })).toEqual(raw);
    for (const id of ids) expect(laplacian(csr)[id]).toBeCloseTo(nx[id], 12);
  });

  /** a–b three times, b–c, c–a, c–d, d–e twice. */
  const multi = () => {
    const g = new MultiGraph({ type: 'undirected' });
    for (const [u, v] of [
      ['a', 'b'],
      ['a', 'b'],
      ['b', 'a'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['d', 'e'],
      ['d', 'e'],
    ]) {
      g.mergeNode(u);
      g.mergeNode(v);
      g.addEdge(u, v);
    }
    return g;
  };

  it('coreNumber counts parallel ties once (networkx on nx.Graph(multigraph))', () => {
    // networkx's core_number refuses a MultiGraph; nx.core_number(nx.Graph(G)):
    const nx = { a: 2, b: 2, c: 2, d: 1, e: 1 };
    expect(coreNumber(multi())).toEqual(nx);
    // The same pairs, repeated, given to csrFromArrays.
    const csr = csrFromArrays(
      ['a', 'b', 'c', 'd', 'e'],
      [0, 0, 1, 1, 2, 2, 3, 3],
      [1, 1, 0, 2, 0, 3, 4, 4],
      null,
    );
    expect(coreNumber(csr)).toEqual(nx);
    // A directed multigraph: total degree over distinct arcs (a→b twice is one arc).
    const d = new MultiGraph({ type: 'directed' });
    for (const [u, v] of [
      ['a', 'b'],
      ['a', 'b'],
      ['b', 'a'],
      ['b', 'c'],
    ]) {
      d.mergeNode(u);
      d.mergeNode(v);
      d.addEdge(u, v);
    }
    // nx.core_number(nx.DiGraph([('a','b'),('b','a'),('b','c')]))
    expect(coreNumber(d)).toEqual({ a: 2, b: 2, c: 1 });
  });

  it('coreNumber refuses self-loops, naming the people and the remedy, as networkx', () => {
    // nx.core_number(nx.Graph([('a','b'),('b','c'),('a','a')])): NetworkXNotImplemented "Input
    // graph has self loops which is not permitted". A csrFromArrays loop counted as two ties
    // (a: 2, though a has one tie to another person); a graphology loop was dropped unseen.
    const csr = csrFromArrays(['a', 'b', 'c'], [0, 1, 0], [1, 2, 0], null);
    const message =
      'coreNumber: the graph has self-loops (a tie from a person to themselves) on a; a k-core is not defined with them';
    expect(() => coreNumber(csr)).toThrow(message);
    expect(() => coreNumber.values(csr)).toThrow(message);
    const directed = csrFromArrays(['a', 'b', 'c'], [0, 1, 2], [1, 2, 2], null, { directed: true });
    expect(() => coreNumber(directed)).toThrow('on c;');
    const g = new UndirectedGraph();
    g.mergeEdge('a', 'b');
    g.mergeEdge('b', 'c');
    g.mergeEdge('a', 'a');
    g.mergeEdge('c', 'c');
    expect(() => coreNumber(g)).toThrow(
      "self-loops (a tie from a person to themselves) on a, c; a k-core is not defined with them (networkx's core_number refuses them too). Remove them first: for a graphology graph, for (const e of graph.filterEdges((_e, _a, s, t) => s === t)) graph.dropEdge(e)",
    );
    expect(() => nodeMetrics(g)).toThrow(InputError);
    // nodeMetrics says the refusal is its default measure's, and that it can be left out.
    expect(() => nodeMetrics(g)).toThrow(
      /^nodeMetrics, measure 'core_number' \(one of the default measures\): the graph has self-loops .* on a, c;.* Or leave 'core_number' out of measures\.$/,
    );
    expect(() => nodeMetrics(g, { measures: ['degree', 'core_number'] })).toThrow(
      /^nodeMetrics, measure 'core_number': the graph has self-loops/,
    );
    expect(nodeMetrics(g, { measures: ['degree'] }).numRows()).toBe(3);
    // The remedy given works: networkx's values once the loops are removed.
    for (const e of g.filterEdges((_e, _a, s, t) => s === t)) g.dropEdge(e);
    expect(coreNumber(g)).toEqual({ a: 1, b: 1, c: 1 });
    expect(coreNumber(csrFromArrays(['a', 'b', 'c'], [0, 1], [1, 2], null))).toEqual({
      a: 1,
      b: 1,
      c: 1,
    });
    // Measures without a loop rule still answer (degree as networkx's G.degree: a loop is 2).
    expect(degree(csr)).toEqual({ a: 3, b: 2, c: 1 });
  });

  it('networkSummary counts a self-loop given to csrFromArrays as one tie (networkx), not half', () => {
    // A triangle and a–a: the self-loop is listed twice, read as a parallel tie and kept once,
    // so edges were 3.5, density 1.1667 and mean degree 2.3333.
    // nx.Graph([(0,1),(1,2),(2,0),(0,0)]): 4 edges, density 4/3, degrees 4, 2, 2.
    for (const twice of [false, true]) {
      const s = [0, 1, 2, 0, ...(twice ? [0] : [])];
      const csr = csrFromArrays(['a', 'b', 'c'], s, [1, 2, 0, 0, ...(twice ? [0] : [])], null);
      const row = networkSummary(csr).objects()[0] as Record<string, number>;
      expect(row.edges).toBe(4);
      expect(row.density).toBeCloseTo(4 / 3, 12);
      expect(row.mean_degree).toBeCloseTo(8 / 3, 12);
    }
  });

  it('networkSummary counts parallel ties once: edges, density and degrees as transitivity does', () => {
    // nx.Graph(G): 5 edges, density 0.5, degrees [1, 2, 2, 2, 3], transitivity 0.5,
    // average clustering 0.4667 (with parallel ties counted: 8 edges, density 0.8).
    const s = networkSummary(multi(), { quantiles: [0.5] }).object() as Record<string, number>;
    expect(s.edges).toBe(5);
    expect(s.density).toBe(0.5);
    expect(s.mean_degree).toBe(2);
    expect(s.degree_max).toBe(3);
    expect(s.degree_q50).toBe(2);
    expect(s.transitivity).toBe(0.5);
    expect(s.average_clustering).toBeCloseTo(0.4666666666666667, 12);
    // The degree measure keeps networkx's multigraph G.degree (each parallel tie counted).
    expect(degree(multi())).toEqual({ a: 4, b: 4, c: 3, d: 3, e: 2 });
  });
});

describe('fromAdjacencyMatrix on matrices as users export them', () => {
  it('reads a header row without the corner cell', () => {
    // nx.from_numpy_array([[0,1,2],[1,0,0],[2,0,0]]) labelled a, b, c: edges a–b (1), a–c (2)
    const g = fromAdjacencyMatrix('a,b,c\na,0,1,2\nb,1,0,0\nc,2,0,0\n');
    expect(g.nodes()).toEqual(['a', 'b', 'c']);
    expect(g.size).toBe(2);
    expect(g.getEdgeAttribute('a', 'c', 'weight')).toBe(2);
    expect(strength(g)).toEqual({ a: 3, b: 1, c: 2 });
  });

  it('reads a matrix whose every line ends with the delimiter', () => {
    // The London gang matrix with a comma after each line read 'matrix has 55 columns but 54
    // rows'; now the same 54 people and 315 ties. Here, with and without the corner cell.
    const g = fromAdjacencyMatrix(',a,b,c,\na,0,1,2,\nb,1,0,0,\nc,2,0,0,\n');
    expect(g.nodes()).toEqual(['a', 'b', 'c']);
    expect(strength(g)).toEqual({ a: 3, b: 1, c: 2 });
    const h = fromAdjacencyMatrix('a;b;c;\r\na;0;1;2;\r\nb;1;0;0;\r\nc;2;0;0;\r\n');
    expect(strength(h)).toEqual({ a: 3, b: 1, c: 2 });
    // A last column that is empty in some rows only is still a cell of the matrix.
    expect(() => fromAdjacencyMatrix(',a,b,\na,0,1,\nb,1,0,1\n')).toThrow(
      /matrix has 3 columns but 2 rows/,
    );
  });

  it('names an id the header gives twice, and where', () => {
    // It said 'duplicate ids in the header row', naming neither.
    expect(() => fromAdjacencyMatrix(',a,b,a\na,0,1,0\nb,1,0,0\na,0,0,0\n')).toThrow(
      "the header row names 'a' twice (columns 1 and 3 of the ids); each id names one row and one column",
    );
  });
});

describe('fromAdjacencyMatrix: what is wrong with a matrix, and where', () => {
  // Before: RangeErrors naming neither the function nor what was expected ("row 3 is labelled
  // 'q', expected 'y'", "row 2, column 'y': 'z' is not a number", "matrix has 3 columns but 2 rows").
  it.each([
    ['', 'the matrix text is empty; expected a header row of ids, then one row per id'],
    [
      ',a,b,c\na,0,1,1\nb,1,0,1\n',
      'the matrix has 3 columns but 2 rows; expected a square matrix, one row per id of the header row',
    ],
    [
      ',x,y\nx,0,1\nq,1,0\n',
      "row 3 is labelled 'q', expected 'y' (the header's id 2); rows follow the header's order of ids",
    ],
    [',x,y\nx,0\ny,1,0\n', 'row 2 has 1 cell, expected 2 (one per id of the header row)'],
    [
      ',x,y\nx,0,z\ny,1,0\n',
      "row 2, column 'y': 'z' is not a number; expected a tie weight (a number, or an empty cell for 0)",
    ],
    [
      ',x,y\nx,0,-1\ny,-1,0\n',
      "row 2, column 'y': -1 is negative and would make no tie unseen; expected 0 or more (or a threshold below -1)",
    ],
  ])('refuses %j with an InputError naming itself, the row and what it expects', (csv, why) => {
    expect(() => fromAdjacencyMatrix(csv)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'fromAdjacencyMatrix',
        message: `fromAdjacencyMatrix: ${why}`,
      }),
    );
  });

  it('refuses an asymmetric matrix, and text that is not text, with an InputError', () => {
    expect(() => fromAdjacencyMatrix(',x,y\nx,0,1\ny,0,0\n')).toThrow(InputError);
    expect(() => fromAdjacencyMatrix(null as unknown as string)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'fromAdjacencyMatrix: expected the matrix as CSV text, got null',
      }),
    );
  });
});

describe('negative tie weights', () => {
  // nx.pagerank(G) with G: 10–2 weight -1, 2–1 weight 2, x alone gives 10 a PageRank of -0.3462
  // and nx.community.modularity(G, [{'10','2'},{'1','x'}]) gives -2.0: meaningless, so refused.
  function signed(): UndirectedGraph {
    const g = new UndirectedGraph();
    for (const id of ['10', '2', '1', 'x']) g.addNode(id);
    g.addEdge('10', '2', { weight: -1 });
    g.addEdge('2', '1', { weight: 2 });
    return g;
  }
  it.each([
    ['pagerank', () => pagerank(signed())],
    ['eigenvector', () => eigenvector(signed(), { weight: 'weight' })],
    ['louvain', () => louvain(signed())],
    ['modularity', () => modularity(signed(), { communities: { 10: 0, 2: 0, 1: 1, x: 1 } })],
  ])('%s refuses them, naming the tie', (name, run) => {
    expect(run).toThrow(new RegExp(`^${name}: the tie (10–2|2–10) has weight -1; tie weights`));
  });
  it('strength still sums them (a signed sum is meaningful)', () => {
    expect(strength(signed())).toEqual({ 10: -1, 2: 1, 1: 2, x: 0 });
  });
});

describe('node ids given as numbers', () => {
  it("egoNetwork reads a number id as graphology keys it, the centre's ties included", () => {
    // London gang, person 1: networkx ego_graph(G, '1') has 26 people and 161 ties; given the
    // number 1 (an id column typed as numbers) the ego network had 26 people and 136 ties, the
    // centre's 25 left out.
    const g = fromAdjacencyMatrix(readFileSync('test/fixtures/LONDON_GANG.csv', 'utf8'));
    const byText = egoNetwork(g, '1');
    const byNumber = egoNetwork(g, 1 as unknown as string);
    expect([byText.order, byText.size]).toEqual([26, 161]);
    expect([byNumber.order, byNumber.size]).toEqual([26, 161]);
    expect(byNumber.degree('1')).toBe(25);
  });

  it('reach reads a number id as graphology keys it (node 1 is "1")', () => {
    // nx.Graph([(1,2),(2,3)]): nodes within 2 steps of 1 → 2 (nodes 2 and 3)
    const g = new UndirectedGraph();
    g.mergeEdge(1 as unknown as string, 2 as unknown as string);
    g.mergeEdge(2 as unknown as string, 3 as unknown as string);
    expect(reach(g, [1 as unknown as string])).toEqual({ 1: 2 });
    expect(() => reach(g, [4 as unknown as string])).toThrow("unknown node '4'");
  });

  it('an unknown id names the measure, the id and the closest node', () => {
    // Before: a RangeError "unknown node 'bb'" naming neither the measure nor the option, and
    // reach.assign on a snapshot a TypeError "assign needs a graphology graph, not a Csr snapshot".
    const g = new UndirectedGraph();
    g.mergeEdge('anna', 'bob');
    g.mergeEdge('bob', 'carl');
    expect(() => reach(g, ['carla'])).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'reach',
        message:
          "reach: unknown node 'carla': not a node of the graph (did you mean 'carl'?); give ids of the graph's nodes",
      }),
    );
    expect(() => betweenness(g, { sources: ['zachary'] })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        fn: 'betweenness',
        option: 'sources',
        message:
          "betweenness: option 'sources' names unknown node 'zachary': not a node of the graph; give ids of the graph's nodes",
      }),
    );
    expect(() => reach.assign(toCsr(g))).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'reach.assign',
        message:
          "reach.assign: expected a graphology graph to write the 'reach' attribute into, got a Csr snapshot (which holds no attributes); pass the graph the snapshot was made from",
      }),
    );
  });
});

describe('fromAdjacencyMatrix: negative cells', () => {
  it('refuses a negative cell naming it (networkx from_pandas_adjacency makes it a tie; here it was dropped unseen)', () => {
    expect(() => fromAdjacencyMatrix(',a,b\na,0,-2\nb,-2,0\n')).toThrow(
      "row 2, column 'b': -2 is negative and would make no tie unseen",
    );
    // with a threshold below it, the tie is kept with its value
    const g = fromAdjacencyMatrix(',a,b\na,0,-2\nb,-2,0\n', { threshold: -3 });
    expect(g.getEdgeAttribute('a', 'b', 'weight')).toBe(-2);
  });
});
