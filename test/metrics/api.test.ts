import { DirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { csrFromArrays, toCsr } from '../../src/graph/csr.js';
import { fromAdjacencyMatrix } from '../../src/graph/from-adjacency-matrix.js';
import { coOffendingGraph } from '../../src/graph/index.js';
import {
  betweenness,
  closeness,
  connectedComponents,
  coreNumber,
  degree,
  egoNetwork,
  eigenvector,
  harmonic,
  laplacian,
  louvain,
  modularity,
  networkSummary,
  nodeMetrics,
  pagerank,
  reach,
  strength,
} from '../../src/metrics/index.js';
import { synthCity } from '../../src/synth/index.js';
import { expectClose, fixtureGraph, nxFixtures, readFixture } from './fixtures.js';

type Rec = Record<string, number>;
const fx = nxFixtures as unknown as {
  directed: Record<string, unknown> & { nodes: string[]; edges: [string, string, number][] };
  ego_karate_0_radius_1: { nodes: number; edges: number };
  ego_karate_0_radius_2: { nodes: number; edges: number };
};

describe('fromAdjacencyMatrix', () => {
  it('refuses an empty id in the header (it made a person named "") naming its place', () => {
    const call = () => fromAdjacencyMatrix(',,b\n,0,1\nb,1,0');
    expect(call).toThrow(InputError);
    expect(call).toThrow(
      "fromAdjacencyMatrix: the header row's id 1 is empty; expected an id for every row and column (a blank header cell, or a delimiter too many?)",
    );
  });
  it("refuses two cells that sum past floating point with symmetrize: 'sum' (a tie of weight Infinity)", () => {
    const csv = ',a,b\na,0,1e308\nb,1e308,0';
    expect(() => fromAdjacencyMatrix(csv, { symmetrize: 'sum' })).toThrow(
      "fromAdjacencyMatrix: row 'a', column 'b': the two cells 1e+308 and 1e+308 sum to Infinity, beyond floating point; rescale the matrix, or use symmetrize: 'max'",
    );
    expect(
      fromAdjacencyMatrix(csv, { symmetrize: 'max' }).getEdgeAttribute('a', 'b', 'weight'),
    ).toBe(1e308);
  });
  it('fromAdjacencyMatrix(LONDON_GANG.csv) loads 54 people and 315 ties valued 1–4', () => {
    const g = fromAdjacencyMatrix(readFixture('LONDON_GANG.csv'));
    expect(g.order).toBe(54);
    expect(g.size).toBe(315);
    const weights = new Set(g.mapEdges((_e, a) => a.weight as number));
    expect([...weights].sort()).toEqual([1, 2, 3, 4]);
    expect(g.getEdgeAttribute('1', '2', 'weight')).toBe(1);
    expect(g.getEdgeAttribute('1', '8', 'weight')).toBe(3);
  });
  it('tolerates a byte-order mark, Windows line ends, quotes and semicolons', () => {
    const csv = '\uFEFF"";"a";"b";"c"\r\n"a";0;2;0\r\n"b";2;0;1\r\n"c";0;1;0\r\n';
    const g = fromAdjacencyMatrix(csv);
    expect(g.nodes()).toEqual(['a', 'b', 'c']);
    expect(g.size).toBe(2);
    expect(g.getEdgeAttribute('a', 'b', 'weight')).toBe(2);
  });
  it('reads quoted ids holding the delimiter, quotes or a line break (CSV quoting)', () => {
    const csv = ',"a,1","b ""x""","c\nd"\n"a,1",0,1,0\n"b ""x""",1,0,1\n\n"c\nd",0,1,0\n';
    const g = fromAdjacencyMatrix(csv);
    expect(g.nodes()).toEqual(['a,1', 'b "x"', 'c\nd']);
    expect(g.hasEdge('a,1', 'b "x"')).toBe(true);
    expect(g.hasEdge('b "x"', 'c\nd')).toBe(true);
    expect(g.size).toBe(2);
  });
  it('reads cells padded with spaces around quotes, and a one-person tab-separated matrix', () => {
    const padded = fromAdjacencyMatrix(', "a" , "b"\n"a" , 0, 1\n "b", 1 ,0\n');
    expect(padded.nodes()).toEqual(['a', 'b']);
    expect(padded.hasEdge('a', 'b')).toBe(true);
    const one = fromAdjacencyMatrix('\n\ta\na\t0\n');
    expect(one.nodes()).toEqual(['a']);
    expect(one.size).toBe(0);
  });
  it('symmetrises an asymmetric matrix by max, sum or min, or refuses it', () => {
    const csv = ',x,y\nx,0,3\ny,1,0\n';
    expect(
      fromAdjacencyMatrix(csv, { symmetrize: 'max' }).getEdgeAttribute('x', 'y', 'weight'),
    ).toBe(3);
    expect(
      fromAdjacencyMatrix(csv, { symmetrize: 'sum' }).getEdgeAttribute('x', 'y', 'weight'),
    ).toBe(4);
    expect(
      fromAdjacencyMatrix(csv, { symmetrize: 'min' }).getEdgeAttribute('x', 'y', 'weight'),
    ).toBe(1);
    expect(() => fromAdjacencyMatrix(csv, { symmetrize: 'error' })).toThrow(/not symmetric/);
  });
  it('refuses an asymmetric (directed) matrix by default, naming the first pair, the count and the choices', () => {
    // Before: read as undirected without a word, x–y weight 3 and y–z weight 1, though y never
    // named x and z never named y: a directed matrix (who named whom) read as certain ties.
    const directed = ',x,y,z\nx,0,3,0\ny,1,0,0\nz,2,1,0\n';
    expect(() => fromAdjacencyMatrix(directed)).toThrow(
      new InputError(
        'fromAdjacencyMatrix',
        "fromAdjacencyMatrix: the matrix is not symmetric: row 'x' gives 'y' 3 but row 'y' gives 'x' 1, and 2 other pairs differ. A directed matrix (who named whom)? The graph is undirected: say how a pair's two cells make one tie with symmetrize: 'max' (a tie where either cell has one, the larger its weight), 'min' (reciprocated ties only, the smaller) or 'sum'",
      ),
    );
    expect(() => fromAdjacencyMatrix(',x,y\nx,0,1\ny,0,0\n')).toThrow(
      "row 'x' gives 'y' 1 but row 'y' gives 'x' 0. A directed matrix",
    );
    expect(fromAdjacencyMatrix(directed, { symmetrize: 'min' }).size).toBe(1);
    // A symmetric matrix is read as before; cells at or below the threshold are no tie either way.
    expect(fromAdjacencyMatrix(',x,y\nx,0,2\ny,2,0\n').size).toBe(1);
    expect(fromAdjacencyMatrix(',x,y\nx,0,1\ny,0,0\n', { threshold: 1 }).size).toBe(0);
  });
  it("symmetrize: 'min' keeps reciprocated ties only, never a tie at or below the threshold", () => {
    // a nominates b (2), b not a (0): the minimum is 0, no tie. Before: a tie a–b of weight 0,
    // which degree and core number counted and betweenness refused (distance 1/0).
    const csv = ',a,b,c\na,0,2,1\nb,0,0,3\nc,1,3,0\n';
    const g = fromAdjacencyMatrix(csv, { symmetrize: 'min' });
    expect(g.mapEdges((_e, a, s, t) => [s, t, a.weight])).toEqual([
      ['a', 'c', 1],
      ['b', 'c', 3],
    ]);
    const above = fromAdjacencyMatrix(csv, { symmetrize: 'min', threshold: 1 });
    expect(above.mapEdges((_e, a, s, t) => [s, t, a.weight])).toEqual([['b', 'c', 3]]);
    expect(fromAdjacencyMatrix(csv, { symmetrize: 'max' }).size).toBe(3);
  });
  it('names the row and column of a bad cell, and a mislabelled row', () => {
    expect(() => fromAdjacencyMatrix(',x,y\nx,0,z\ny,1,0\n')).toThrow(/row 2, column 'y'/);
    expect(() => fromAdjacencyMatrix(',x,y\nx,0,1\nq,1,0\n')).toThrow(/labelled 'q'/);
  });
});

describe('the graphology call shape', () => {
  it('metric.assign(graph) writes node attributes with graphology-like default names', () => {
    const g = fixtureGraph('florentine');
    betweenness.assign(g);
    pagerank.assign(g, { attribute: 'pr' });
    louvain.assign(g, { seed: 1 });
    connectedComponents.assign(g);
    expect(g.getNodeAttribute('Medici', 'betweennessCentrality')).toBeCloseTo(0.522, 3);
    expect(g.getNodeAttribute('Medici', 'pr')).toBeGreaterThan(0.1);
    expect(typeof g.getNodeAttribute('Medici', 'community')).toBe('number');
    expect(g.getNodeAttribute('Medici', 'component')).toBe(0);
    expect(modularity(g)).toBeCloseTo(louvain.detailed(g, { seed: 1 }).modularity, 12);
  });
  it('metric.values(graph) lists values in the graph node order; metric(csr) keys by snapshot id', () => {
    const g = fixtureGraph('karate');
    const rec = degree(g);
    expect(Array.from(degree.values(g))).toEqual(g.nodes().map((id) => rec[id]));
    const csr = toCsr(g);
    expect(degree(csr)).toEqual(rec);
    expect(Array.from(degree.values(csr))).toEqual(csr.ids.map((id) => rec[id]));
  });
  it('a Csr input with weight: null ignores the snapshot weights', () => {
    const g = fixtureGraph('karate');
    const csr = toCsr(g, { weight: 'weight' });
    expect(strength(csr, { weight: null })).toEqual(degree(g));
    expect(strength(csr)).toEqual(strength(g));
  });
  it('weighted path measures refuse ties whose length is not positive', () => {
    const g = new UndirectedGraph();
    g.mergeEdge('a', 'b', { weight: 0 });
    expect(() => betweenness(g, { weight: 'weight' })).toThrow(/positive/);
    expect(() => closeness(g, { weight: 'weight', distance: 'identity' })).toThrow(/positive/);
  });
});

describe('directed graphs match networkx', () => {
  const d = fx.directed;
  const g = new DirectedGraph();
  for (const id of d.nodes) g.addNode(id);
  for (const [s, t, w] of d.edges) g.addEdge(s, t, { weight: w });
  it('degree (in, out, all), core number and weak components', () => {
    expectClose(degree(g), d.degree as Rec, 0);
    expectClose(degree(g, { direction: 'in' }), d.in_degree as Rec, 0);
    expectClose(degree(g, { direction: 'out' }), d.out_degree as Rec, 0);
    expectClose(coreNumber(g), d.core_number as Rec, 0);
    expect(connectedComponents.detailed(g).sizes).toEqual(
      (d.weak_components as string[][]).map((c) => c.length),
    );
  });
  it('betweenness, closeness (distances to the person) and harmonic', () => {
    expectClose(betweenness(g), d.betweenness as Rec, 1e-9);
    expectClose(betweenness(g, { normalized: false }), d.betweenness_unnormalized as Rec, 1e-9);
    expectClose(betweenness(g, { weight: 'weight' }), d.betweenness_weighted_inverse as Rec, 1e-9);
    expectClose(closeness(g), d.closeness as Rec, 1e-9);
    expectClose(closeness(g, { weight: 'weight' }), d.closeness_weighted_inverse as Rec, 1e-9);
    expectClose(harmonic(g), d.harmonic as Rec, 1e-9);
  });
  it('pagerank with a dangling node, a dangling vector and a personalisation vector', () => {
    expectClose(pagerank(g), d.pagerank as Rec, 1e-9);
    const p = d.pagerank_dangling as { dangling: Rec; personalization: Rec; values: Rec };
    expectClose(
      pagerank(g, { dangling: p.dangling, personalization: p.personalization }),
      p.values,
      1e-9,
    );
  });
});

describe('eigenvector on disconnected graphs', () => {
  it('eigenvector(graph) never throws on many components and reports convergence', () => {
    const g = fixtureGraph('union');
    const d = eigenvector.detailed(g);
    expect(d.converged).toBe(true);
    expect(d.components).toBe(3); // karate, Florentine, the 3-path; the isolate scores 0
    expect(d.centrality.iso).toBe(0);
    // Each component has unit Euclidean norm.
    const norm = (prefix: string) =>
      Math.sqrt(
        Object.entries(d.centrality)
          .filter(([id]) => id.startsWith(prefix))
          .reduce((s, [, v]) => s + v * v, 0),
      );
    expect(norm('k')).toBeCloseTo(1, 12);
    expect(norm('f')).toBeCloseTo(1, 12);
    expect(norm('p')).toBeCloseTo(1, 12);
  });
  it("componentScaling: 'max' gives each component's most central person 1", () => {
    const e = eigenvector(fixtureGraph('union'), { componentScaling: 'max' });
    expect(e.k33).toBeCloseTo(1, 12); // karate's most central by eigenvector
    expect(e.fMedici).toBeCloseTo(1, 12);
    expect(e.p1).toBeCloseTo(1, 12);
  });
  it('reports non-convergence instead of throwing when the iteration cap is hit', () => {
    const d = eigenvector.detailed(fixtureGraph('lesmis'), { maxIterations: 3 });
    expect(d.converged).toBe(false);
    expect(d.unconverged).toBe(1);
    expect(d.iterations).toBe(3);
  });
  it('gives the same vector whatever the scale of the weights (1e-303 to 1e300)', () => {
    // networkx's eigenvector_centrality_numpy on a–b 1000, b–c 1, c–d 1000, a–c 100 (the vector
    // does not change when every weight is multiplied by one factor). Iterating A + I with the
    // shift on a fixed scale stalled on ties of 1e-9 (a short half-life's old ties) and reported
    // convergence at 0.5000, gave 0.0078 for a 0.0077 at 1e12 and 0 everywhere at 1e300.
    const expected = {
      a: 0.5123250365545843,
      b: 0.4876044570056797,
      c: 0.5123274492075574,
      d: 0.4871196313186505,
    };
    for (const scale of [1e-303, 1e-12, 1e-3, 1, 1e9, 1e297]) {
      const g = new UndirectedGraph();
      for (const id of 'abcd') g.addNode(id);
      g.addEdge('a', 'b', { weight: 1000 * scale });
      g.addEdge('b', 'c', { weight: scale });
      g.addEdge('c', 'd', { weight: 1000 * scale });
      g.addEdge('a', 'c', { weight: 100 * scale });
      const d = eigenvector.detailed(g, { weight: 'weight' });
      expect(d.converged).toBe(true);
      expectClose(d.centrality, expected, 1e-9);
    }
  });
  it('gives each component the vector of its own weights, whatever the other components weigh', () => {
    // A component of recent ties beside one of old ties (a short half-life): scaled by the
    // largest weight of the whole graph, the old component's shift swamped its ties and it was
    // reported converged at 0.5000 everywhere for networkx's 0.5123 / 0.4876.
    const g = new UndirectedGraph();
    const expected: Record<string, number> = {};
    for (const [prefix, scale] of [
      ['', 1],
      ['old-', 1e-12],
    ] as const) {
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => prefix + id);
      for (const id of [a, b, c, d]) g.addNode(id);
      g.addEdge(a, b, { weight: 1000 * scale });
      g.addEdge(b, c, { weight: scale });
      g.addEdge(c, d, { weight: 1000 * scale });
      g.addEdge(a, c, { weight: 100 * scale });
      Object.assign(expected, {
        [a]: 0.5123250365545843,
        [b]: 0.4876044570056797,
        [c]: 0.5123274492075574,
        [d]: 0.4871196313186505,
      });
    }
    const d = eigenvector.detailed(g, { weight: 'weight' });
    expect(d.converged).toBe(true);
    expectClose(d.centrality, expected, 1e-9);
  });
});

describe('laplacian centrality at extreme weight scales', () => {
  it('normalised values do not depend on the scale (they were NaN at 1e300, 0 at 1e-300)', () => {
    // networkx laplacian_centrality of the path a–b–c with equal weights: 0.6, 1, 0.6.
    for (const w of [1e-300, 1, 1e300]) {
      const g = new UndirectedGraph();
      for (const id of 'abc') g.addNode(id);
      g.addEdge('a', 'b', { weight: w });
      g.addEdge('b', 'c', { weight: w });
      expectClose(laplacian(g), { a: 0.6, b: 1, c: 0.6 }, 1e-12);
    }
  });
  it('the unnormalised energy past floating point is refused in words, never NaN', () => {
    const g = new UndirectedGraph();
    for (const id of 'abc') g.addNode(id);
    g.addEdge('a', 'b', { weight: 1e300 });
    g.addEdge('b', 'c', { weight: 1e300 });
    expect(() => laplacian(g, { normalized: false })).toThrow(/beyond floating point/);
    // One of the library's errors, naming the measure (it was a RangeError).
    expect(() => laplacian(g, { normalized: false })).toThrow(InputError);
  });
  it('a negative weight is refused naming the tie (its value was not networkx’s)', () => {
    // networkx laplacian_centrality of a–b −1, b–c 2, c–d 1: a 0.167, b 0.667, c 0.833, d 0.333;
    // the closed form for strengths gave a 0, b 0.833.
    const g = new UndirectedGraph();
    g.mergeEdge('a', 'b', { weight: -1 });
    g.mergeEdge('b', 'c', { weight: 2 });
    g.mergeEdge('c', 'd', { weight: 1 });
    for (const normalized of [true, false])
      expect(() => laplacian(g, { normalized })).toThrow(
        expect.objectContaining({
          name: 'InputError',
          fn: 'laplacian',
          message:
            'laplacian: the tie a–b has weight -1; tie weights are strengths and must be 0 or more',
        }),
      );
  });
});

describe('eigenvector centrality of a graph without ties', () => {
  // networkx: eigenvector_centrality(nx.empty_graph(3)) gives 0.57735 (1/√3) each, its starting
  // vector (A = 0: every vector is an eigenvector). Beside a tie a–b 1, a component c–d of weight
  // 0 gets 1.35e-6 each (0 but for its tolerance), as people without ties.
  it('refuses in words (it gave 0 for everyone, a ranking of equals), plain and detailed', () => {
    const g = new UndirectedGraph();
    for (const id of 'abc') g.addNode(id);
    const message =
      "eigenvector: the graph's 3 people have no ties, so it has no leading eigenvector (every vector is one of a matrix of zeros; networkx returns its starting vector, 1/√n each) and no one is more central than another; measure a graph with ties";
    expect(() => eigenvector(g)).toThrow(
      expect.objectContaining({ name: 'InputError', fn: 'eigenvector', message }),
    );
    expect(() => eigenvector.detailed(g)).toThrow(message);
    expect(() => eigenvector(g, { componentScaling: 'max' })).toThrow(message);
    g.addEdge('a', 'b', { weight: 0 });
    expect(() => eigenvector(g, { weight: 'weight' })).toThrow(
      /have no ties to one another of weight above 0, so it has no leading eigenvector/,
    );
    const loops = csrFromArrays(['a', 'b'], [0, 1], [0, 1], [2, 1]);
    expect(() => eigenvector.detailed(loops)).toThrow(
      /no ties to one another, only ties to themselves/,
    );
  });
  it('gives 0 to a component whose ties all weigh 0 (it gave 1/√2 each, as a–b)', () => {
    const g = new UndirectedGraph();
    g.mergeEdge('a', 'b', { weight: 1 });
    g.mergeEdge('c', 'd', { weight: 0 });
    const r = eigenvector.detailed(g, { weight: 'weight' });
    expectClose(r.centrality, { a: Math.SQRT1_2, b: Math.SQRT1_2, c: 0, d: 0 }, 1e-12);
    expect(r.components).toBe(1);
  });
});

describe('laplacian centrality of a graph without ties', () => {
  // networkx: laplacian_centrality(nx.empty_graph(3)) raises ZeroDivisionError ("graph with no
  // edges has zero full energy"); with normalized=False it gives {0: 0, 1: 0, 2: 0}. So does a
  // graph whose ties all weigh 0 (G.size(weight) == 0).
  it('refuses the normalised measure in words (it gave 0 for everyone, a ranking of equals)', () => {
    const g = new UndirectedGraph();
    for (const id of 'abc') g.addNode(id);
    expect(() => laplacian(g)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'laplacian',
        message:
          "laplacian: the graph's 3 people have no ties, so its Laplacian energy is 0 and each person's share of it (normalized: true) is 0 ÷ 0, not defined; use normalized: false for the drop in energy (0 for everyone), or measure a graph with ties",
      }),
    );
    g.addEdge('a', 'b', { weight: 0 });
    expect(() => laplacian(g)).toThrow(
      /have no ties to one another of weight above 0, so its Laplacian energy/,
    );
    expect(() => laplacian(toCsr(g))).toThrow(/have no ties to one another of weight above 0/);
    // Ties to oneself only (networkx: 0 ÷ 0, NaN for everyone).
    const loops = csrFromArrays(['a', 'b'], [0, 1], [0, 1], [2, 1]);
    expect(() => laplacian(loops)).toThrow(/have no ties to one another, only ties to themselves/);
  });
  it('leaves a tie to oneself out of the Laplacian, as networkx (it gave a share of 1.86)', () => {
    // networkx: G a–a 2, a–b 1, b–c 1: laplacian_centrality a 0.6, b 1, c 0.6; normalized=False
    // 6, 10, 6 (laplacian_matrix puts the loop's weight on D and A alike).
    const csr = csrFromArrays(['a', 'b', 'c'], [0, 0, 1], [0, 1, 2], [2, 1, 1], { order: 'graph' });
    expectClose(laplacian(csr), { a: 0.6, b: 1, c: 0.6 }, 1e-12);
    expect(laplacian(csr, { normalized: false })).toEqual({ a: 6, b: 10, c: 6 });
    // A loop listed twice (a pair given twice) too.
    const twice = csrFromArrays(['a', 'b', 'c'], [0, 0, 0, 1], [0, 0, 1, 2], null);
    expect(laplacian(twice, { normalized: false })).toEqual({ a: 6, b: 10, c: 6 });
  });
  it('gives the unnormalised drops, 0, as networkx; an empty graph gives an empty record', () => {
    const g = new UndirectedGraph();
    for (const id of 'abc') g.addNode(id);
    expect(laplacian(g, { normalized: false })).toEqual({ a: 0, b: 0, c: 0 });
    expect(laplacian(new UndirectedGraph())).toEqual({});
    // Ties of weight 0 read unweighted have energy: the path a–b, c alone (networkx: 1, 1, 0).
    g.addEdge('a', 'b', { weight: 0 });
    expect(laplacian(g, { weight: null })).toEqual({ a: 1, b: 1, c: 0 });
  });
});

describe('pagerank options', () => {
  it('pagerank sums to 1 and detailed says how many iterations it took', () => {
    const d = pagerank.detailed(fixtureGraph('union'));
    expect(Object.values(d.centrality).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(d.converged).toBe(true);
    expect(d.iterations).toBeGreaterThan(10);
  });
  it('refuses a personalisation vector without positive mass, naming pagerank and the option', () => {
    // Before: a RangeError, "personalization must put positive mass on some node of the graph".
    expect(() => pagerank(fixtureGraph('karate'), { personalization: { '0': 0 } })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        fn: 'pagerank',
        option: 'personalization',
        message:
          "pagerank: option 'personalization' must put positive mass on some person of the graph; its masses sum to 0",
      }),
    );
  });
  it('refuses a personalisation or dangling mass on someone not in the graph', () => {
    // Before, the mass on 'nobody' was dropped unseen: { '0': 1, nobody: 5 } ranked as { '0': 1 }.
    const karate = fixtureGraph('karate');
    expect(() => pagerank(karate, { personalization: { '0': 1, nobody: 5 } })).toThrow(
      "pagerank: option 'personalization' gives mass to 'nobody', who is not in the graph; give it only to people in the graph (graph.hasNode(id))",
    );
    expect(() => pagerank.detailed(toCsr(karate), { dangling: { '33': 1, '34': 1 } })).toThrow(
      expect.objectContaining({ name: 'OptionError', option: 'dangling' }),
    );
  });
});

describe('reach and ego networks', () => {
  const path = new UndirectedGraph();
  for (const [a, b] of [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'e'],
  ])
    path.mergeEdge(a, b);
  path.addNode('z');
  it('reach(graph, person, { maxDistance }) counts people within that many steps', () => {
    expect(reach(path, 'a', { maxDistance: 2 })).toEqual({ a: 2 });
    expect(reach(path, ['c', 'z'], { maxDistance: 1 })).toEqual({ c: 2, z: 0 });
    expect(reach(path, null, { maxDistance: 10 })).toEqual({ a: 4, b: 4, c: 4, d: 4, e: 4, z: 0 });
  });
  it('reach.detailed counts by distance, for each person and for the group', () => {
    const d = reach.detailed(path, ['a', 'e'], { maxDistance: 2 });
    expect(d.byDistance).toEqual({ a: [1, 1], e: [1, 1] });
    expect(d.union).toEqual({ total: 3, byDistance: [2, 1] });
  });
  it('egoNetwork(graph, person, { radius }) equals networkx ego_graph on karate', () => {
    const g = fixtureGraph('karate');
    const e1 = egoNetwork(g, '0');
    expect([e1.order, e1.size]).toEqual([
      fx.ego_karate_0_radius_1.nodes,
      fx.ego_karate_0_radius_1.edges,
    ]);
    const e2 = egoNetwork(g, '0', { radius: 2, distanceAttribute: 'steps' });
    expect([e2.order, e2.size]).toEqual([
      fx.ego_karate_0_radius_2.nodes,
      fx.ego_karate_0_radius_2.edges,
    ]);
    expect(e2.getNodeAttribute('0', 'steps')).toBe(0);
    expect(e2.getEdgeAttribute('0', '1', 'weight')).toBe(g.getEdgeAttribute('0', '1', 'weight'));
    expect(g.order).toBe(34); // input untouched
    expect(egoNetwork(g, '0', { center: false }).hasNode('0')).toBe(false);
  });
  it('egoNetwork(graph, unknown person) is an InputError naming the closest id (it was a RangeError)', () => {
    const g = fixtureGraph('karate');
    g.addNode('carl');
    const call = () => egoNetwork(g, 'carla');
    expect(call).toThrow(InputError);
    expect(call).toThrow(
      "egoNetwork: unknown node 'carla': not a node of the graph (did you mean 'carl'?); give the id of one of the graph's nodes",
    );
    expect(() => egoNetwork(g, 'zzzzzzzz')).toThrow(
      "egoNetwork: unknown node 'zzzzzzzz': not a node of the graph; give",
    );
  });
});

describe('networkSummary', () => {
  it('networkSummary(London gang) gives the figures measured in the data SOURCE note', () => {
    const s = networkSummary(fromAdjacencyMatrix(readFixture('LONDON_GANG.csv'))).object() as Rec;
    // ../shared/data/london_gang/SOURCE.md (networkx 3.6.1): density 0.2201, one component,
    // Freeman degree centralisation 0.2612, mean degree 11.667, transitivity 0.5197, clustering 0.6331.
    expect(s.nodes).toBe(54);
    expect(s.edges).toBe(315);
    expect(s.density).toBeCloseTo(0.2201, 4);
    expect(s.components).toBe(1);
    expect(s.largest_component_share).toBe(1);
    expect(s.degree_centralisation).toBeCloseTo(0.2612, 4);
    expect(s.mean_degree).toBeCloseTo(11.667, 3);
    expect(s.transitivity).toBeCloseTo(0.5197, 4);
    expect(s.average_clustering).toBeCloseTo(0.6331, 4);
    expect(s.degree_max).toBe(25);
    expect(Object.keys(s)).toContain('degree_q50');
  });
  it('networkSummary gives null, never NaN, for a figure that does not exist (empty graph, 1–2 people, directed)', () => {
    const empty = networkSummary(new UndirectedGraph()).object() as Record<string, number | null>;
    expect(empty).toMatchObject({ nodes: 0, edges: 0, components: 0, largest_component: 0 });
    expect(empty.isolates).toBe(0);
    for (const k of ['density', 'mean_degree', 'degree_min', 'degree_q50', 'degree_q99'])
      expect(empty[k], k).toBeNull();
    for (const k of ['degree_max', 'transitivity', 'average_clustering', 'degree_centralisation'])
      expect(empty[k], k).toBeNull();
    const one = new UndirectedGraph();
    one.addNode('a');
    const s1 = networkSummary(one).object() as Record<string, number | null>;
    expect(s1).toMatchObject({ nodes: 1, isolates: 1, degree_q50: 0, density: null });
    expect(s1.degree_centralisation).toBeNull();
    const two = new UndirectedGraph();
    two.mergeEdge('a', 'b');
    const s2 = networkSummary(two).object() as Record<string, number | null>;
    expect(s2).toMatchObject({ nodes: 2, density: 1, degree_centralisation: null });
    const dir = new DirectedGraph();
    dir.mergeEdge('a', 'b');
    dir.mergeEdge('b', 'c');
    const sd = networkSummary(dir).object() as Record<string, number | null>;
    expect(sd).toMatchObject({ transitivity: null, average_clustering: null, density: 2 / 6 });
    for (const s of [empty, s1, s2, sd])
      for (const [k, v] of Object.entries(s))
        if (v !== null) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
  });
});

describe('louvain', () => {
  it('louvain.detailed reports modularity, levels and a dendrogram ending in the partition', () => {
    const g = fixtureGraph('lesmis');
    const d = louvain.detailed(g, { seed: 4 });
    expect(d.modularity).toBeCloseTo(modularity(g, { communities: d.communities }), 12);
    expect(d.modularities.at(-1)).toBeCloseTo(d.modularity, 12);
    expect(d.levels).toBe(d.moves.length);
    const last = d.dendrogram.at(-1)!;
    const nodes = g.nodes();
    // Same grouping as the final partition (labels may differ).
    for (let i = 0; i < nodes.length; i++)
      for (let j = 0; j < nodes.length; j++)
        expect(last[i] === last[j]).toBe(d.communities[nodes[i]] === d.communities[nodes[j]]);
  });
  it('numbers communities by decreasing size and refuses directed graphs', () => {
    const d = louvain.detailed(fixtureGraph('union'), { seed: 2 });
    const sizes = new Array(d.count).fill(0);
    for (const c of Object.values(d.communities)) sizes[c]++;
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(d.communities.iso).toBe(d.count - 1);
    expect(() => louvain(new DirectedGraph())).toThrow(/undirected/);
  });
});

describe('a user rng is checked', () => {
  const g = fixtureGraph('karate');
  it('refuses an rng returning 1, a negative number or NaN, naming the measure', () => {
    // Before: betweenness threw "unknown node 'undefined'"; louvain ran on, its shuffle steered.
    expect(() => betweenness(g, { k: 3, exactBudget: 0, rng: () => 1 })).toThrow(
      "betweenness: option 'rng' returned 1, expected a number in [0, 1)",
    );
    expect(() => betweenness(g, { k: 3, exactBudget: 0, rng: () => -0.5 })).toThrow(
      expect.objectContaining({ name: 'OptionError', option: 'rng' }),
    );
    expect(() => louvain(g, { rng: () => Number.NaN })).toThrow(
      "louvain: option 'rng' returned NaN, expected a number in [0, 1)",
    );
    expect(() => louvain(g, { rng: () => 1 })).toThrow(/returned 1/);
  });
  it('an rng in [0, 1) runs as before', () => {
    let s = 7;
    const rng = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    const a = louvain.detailed(g, { rng }).modularity;
    expect(a).toBeGreaterThan(0.4);
  });
});

describe('eigenvector refuses values that did not converge', () => {
  it('on a directed chain (no leading eigenvector), says so and points to pagerank', () => {
    const chain = new DirectedGraph();
    chain.mergeEdge('d', 'a');
    chain.mergeEdge('a', 'b');
    chain.mergeEdge('b', 'c');
    // Before: { c: 0.99999…, b: 0.003, … } from the 1000th iterate, without a word.
    expect(() => eigenvector(chain)).toThrow(
      expect.objectContaining({
        name: 'DataRefusedError',
        code: 'not-identified',
        message: expect.stringMatching(
          /^eigenvector: 1 of 1 components did not converge in 1000 iterations \(estimated relative error up to .*\), .*pagerank ranks such graphs/,
        ),
      }),
    );
    expect(() => eigenvector.values(chain)).toThrow(/did not converge/);
    expect(() => nodeMetrics(chain, { measures: ['eigenvector'] })).toThrow(/did not converge/);
    // detailed still gives the last iterate and says it did not converge.
    expect(eigenvector.detailed(chain).converged).toBe(false);
  });
  it('on an undirected graph cut short by maxIterations, says to raise it', () => {
    const g = fixtureGraph('karate');
    expect(() => eigenvector(g, { maxIterations: 3 })).toThrow(/raise maxIterations or tolerance/);
    expect(Object.keys(eigenvector(g))).toHaveLength(34);
  });
});

describe('pagerank refuses values that did not converge', () => {
  const star = new UndirectedGraph();
  for (let i = 1; i <= 5; i++) star.mergeEdge('c', `l${i}`);
  it('alpha 1 on a star: the walk cycles, the last iterate is uniform', () => {
    // Before: { c: 1/6, l1: 1/6, … } without a word (the stationary share of c is 1/2).
    expect(() => pagerank(star, { alpha: 1 })).toThrow(
      expect.objectContaining({
        name: 'DataRefusedError',
        code: 'not-identified',
        message: expect.stringMatching(
          /^pagerank: did not converge in 1000 iterations .*with alpha 1 a walk that cycles .*use alpha below 1/,
        ),
      }),
    );
    expect(pagerank.detailed(star, { alpha: 1 }).converged).toBe(false);
  });
  it('cut short by maxIterations: says to raise it', () => {
    expect(() => pagerank.values(star, { maxIterations: 2 })).toThrow(
      /raise maxIterations or tolerance/,
    );
    expect(pagerank(star).c).toBeCloseTo(0.4729729729729, 10);
  });
});

describe('networkSummary degree centralisation on a directed graph', () => {
  it('stays within [0, 1]: a star tied both ways is 1, an out-star 0.5 (igraph centr_degree, mode all)', () => {
    const both = new DirectedGraph();
    const out = new DirectedGraph();
    for (let i = 1; i <= 5; i++) {
      both.mergeEdge('c', `l${i}`);
      both.mergeEdge(`l${i}`, 'c');
      out.mergeEdge('c', `l${i}`);
    }
    // Before: 2 and 1 (the undirected normaliser (n − 1)(n − 2) with in + out degrees).
    expect(networkSummary(both).object()).toMatchObject({
      degree_max: 10,
      degree_centralisation: 1,
    });
    expect(networkSummary(out).object()).toMatchObject({
      degree_max: 5,
      degree_centralisation: 0.5,
    });
  });
});

describe('networkSummary quantile columns', () => {
  it('are named by the exact percent, one column per quantile', () => {
    const star = new UndirectedGraph();
    for (let i = 1; i <= 5; i++) star.mergeEdge('c', `l${i}`);
    // Before: 0.9999 was named degree_q100 (beside degree_max, a value that is not the maximum),
    // and 0.5004's column wrote over degree_q50.
    const s = networkSummary(star, { quantiles: [0.5, 0.5004, 0.9999] }).object() as Record<
      string,
      number
    >;
    expect(Object.keys(s).filter((k) => k.startsWith('degree_q'))).toEqual([
      'degree_q50',
      'degree_q50.04',
      'degree_q99.99',
    ]);
    expect(s['degree_q99.99']).toBeCloseTo(4.998, 12);
    expect(networkSummary(star).columnNames()).toContain('degree_q25');
    expect(() => networkSummary(star, { quantiles: [0.5, 0.5] })).toThrow(
      expect.objectContaining({ name: 'OptionError', option: 'quantiles' }),
    );
  });
});

describe("modularity takes a partition of the graph's people", () => {
  // Two triangles joined by one tie: Q of {a,b,c} | {d,e,f} is 5/14 (networkx).
  const g = new UndirectedGraph();
  for (const [u, v] of [
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
    ['d', 'e'],
    ['e', 'f'],
    ['d', 'f'],
    ['c', 'd'],
  ])
    g.mergeEdge(u, v);
  const split = { a: 0, b: 0, c: 0, d: 1, e: 1, f: 1 };

  it('refuses communities for ids not in the graph, as networkx (NotAPartition)', () => {
    expect(modularity(g, { communities: split, weight: null })).toBeCloseTo(5 / 14, 12);
    // Before: the stray ids were ignored and Q came back 5/14 as if the partition fitted.
    expect(() =>
      modularity(g, { communities: { ...split, x: 0, y: 2, z: 2, w: 3 }, weight: null }),
    ).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        option: 'communities',
        message:
          "modularity: option 'communities' names 4 ids not in the graph ('x', 'y', 'z', …); give exactly one community to each person of the graph",
      }),
    );
    expect(() => modularity(g, { communities: { ...split, x: 0 }, weight: null })).toThrow(
      "modularity: option 'communities' names 1 id not in the graph ('x'); give exactly one community to each person of the graph",
    );
  });

  it('refuses a node attribute a person lacks, or one asked of a snapshot, as an OptionError saying what to do', () => {
    // Before: a bare RangeError "node 'f' has no 'club' attribute" and a TypeError "with a Csr
    // snapshot, pass communities as { id: community }", neither naming modularity.
    const h = g.copy();
    h.forEachNode((n) => {
      if (n !== 'f') h.setNodeAttribute(n, 'club', split[n as keyof typeof split]);
    });
    expect(() => modularity(h, { communities: 'club', weight: null })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        option: 'communities',
        message:
          "modularity: option 'communities' names the node attribute 'club', which 'f' does not have (louvain.assign writes 'community'); give exactly one community to each person of the graph",
      }),
    );
    expect(() => modularity(toCsr(g))).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        message: expect.stringMatching(
          /^modularity: option 'communities' names a node attribute \('community'\), which a Csr snapshot does not carry: pass the partition as \{ id: community \}/,
        ),
      }),
    );
  });

  it('refuses a partition that leaves someone out, naming them', () => {
    const { f: _, ...short } = split;
    expect(() => modularity(g, { communities: short, weight: null })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        option: 'communities',
        message:
          "modularity: option 'communities' gives no community for 'f'; give exactly one community to each person of the graph",
      }),
    );
  });
});

describe('betweenness sources', () => {
  it('refuses a source listed twice (it counted twice in the n / |sources| scaling)', () => {
    const star = new UndirectedGraph();
    for (let i = 1; i <= 5; i++) star.mergeEdge('c', `l${i}`);
    // Before: { sources: ['l1', 'l1'] } gave c 1.2 (normalised, above its exact 1).
    expect(() => betweenness(star, { sources: ['l1', 'l1'] })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        option: 'sources',
        message: "betweenness: option 'sources' lists 'l1' twice; list each source once",
      }),
    );
    expect(betweenness(star, { sources: ['l1', 'l2', 'l3', 'l4', 'l5', 'c'] }).c).toBeCloseTo(
      1,
      12,
    );
  });

  it('refuses an empty list of sources (no pivot, so no estimate), on the plain call and detailed', () => {
    const star = new UndirectedGraph();
    for (let i = 1; i <= 5; i++) star.mergeEdge('c', `l${i}`);
    // Before: every value 0 ("estimated from 0 pivots of 6 people"), c's exact value being 1.
    const refusal = expect.objectContaining({
      name: 'OptionError',
      option: 'sources',
      message:
        "betweenness: option 'sources' is empty; list at least one source id, or leave 'sources' out for exact values",
    });
    expect(() => betweenness(star, { sources: [] })).toThrow(refusal);
    expect(() => betweenness.detailed(star, { sources: [] })).toThrow(refusal);
    // A graph with nobody in it has nothing to estimate: an empty record, as without sources.
    expect(betweenness(new UndirectedGraph(), { sources: [] })).toEqual({});
  });
});

describe('eigenvector accepts a slow component that is close to its vector', () => {
  const path = (n: number) => {
    const g = new UndirectedGraph();
    for (let i = 1; i < n; i++) g.mergeEdge(String(i - 1), String(i));
    return g;
  };
  it('returns a 50-person path at the cap (relative error 1.3e-5) and refuses a 100-person one (2.5e-2)', () => {
    // Power iteration on a path converges slowly (50: 2,414 iterations to 1e-12; 100: 8,821).
    // At the 1,000-iteration cap the 50-path's Σ|x − x*| / Σ|x*| against the 100,000-iteration
    // vector is 1.29e-5 (estimated 1.29e-5), the 100-path's 2.52e-2 (estimated 2.50e-2).
    const d50 = eigenvector.detailed(path(50));
    expect(d50.converged).toBe(false);
    expect(d50.errorEstimate).toBeGreaterThan(1.2e-5);
    expect(d50.errorEstimate).toBeLessThan(1.4e-5);
    const long = eigenvector.detailed(path(50), { maxIterations: 200_000 });
    expect(long.converged).toBe(true);
    expect(long.errorEstimate).toBe(0);
    const e = eigenvector(path(50));
    for (const [id, v] of Object.entries(long.centrality))
      expect(Math.abs(e[id] - v)).toBeLessThan(3e-6);
    const d100 = eigenvector.detailed(path(100));
    expect(d100.errorEstimate).toBeGreaterThan(0.024);
    expect(() => eigenvector(path(100))).toThrow(
      /did not converge in 1000 iterations \(estimated relative error up to 0\.025, above 0\.0001\)/,
    );
  });
  it('returns a weighted synthetic city slow to converge (relative error 7.5e-5 at the cap)', () => {
    // Before: refused ('1 of 3 components did not converge'); the component converges at
    // 2,185 iterations and the 1,000th is 7.55e-5 from it (Σ|x − x*| / Σ|x*|, 5.4e-5 at most
    // per person), the estimate 7.55e-5.
    const g = coOffendingGraph(synthCity({ people: 3000, years: 6, seed: 1 }).data);
    const d = eigenvector.detailed(g, { weight: 'weight' });
    expect(d.converged).toBe(false);
    expect(d.errorEstimate).toBeGreaterThan(7e-5);
    expect(d.errorEstimate).toBeLessThan(8e-5);
    expect(Object.keys(eigenvector(g, { weight: 'weight' }))).toHaveLength(g.order);
  });
  it('a chain (no leading eigenvector) is refused on its estimate', () => {
    const chain = new DirectedGraph();
    chain.mergeEdge('d', 'a');
    chain.mergeEdge('a', 'b');
    chain.mergeEdge('b', 'c');
    // Its iterate creeps towards the last person (changes shrink like 1/k², not geometrically):
    // 2.98e-3 from the 100,000th iterate, estimated 1.5e-3 (the estimate is low by about half
    // when changes do not shrink geometrically, and still 15 times the acceptance).
    expect(eigenvector.detailed(chain).errorEstimate).toBeGreaterThan(1e-3);
    // One iteration has no rate to estimate from; it said "their changes stopped shrinking".
    expect(() => eigenvector(fixtureGraph('karate'), { maxIterations: 1 })).toThrow(
      /in 1 iteration \(one iteration gives no estimate of its error\)/,
    );
  });
});
