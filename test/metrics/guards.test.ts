import Graph, { DirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError, OptionError } from '../../src/core/errors.js';
import { toCsr } from '../../src/graph/csr.js';
import {
  averageClustering,
  betweenness,
  closeness,
  clustering,
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
  pagerank,
  reach,
  strength,
  transitivity,
} from '../../src/metrics/index.js';
import { synthCity } from '../../src/synth/index.js';

const dataset = synthCity({ people: 60, years: 1, seed: 2 }).data;

function triangleWithTail(g: Graph) {
  g.mergeUndirectedEdge('a', 'b', { weight: 2 });
  g.mergeUndirectedEdge('b', 'c', { weight: 1 });
  g.mergeUndirectedEdge('c', 'a', { weight: 1 });
  g.mergeUndirectedEdge('c', 'd', { weight: 3 });
  return g;
}

// Every public measure taking a graph, called the way users call it, with one misspelt option.
const measures: [string, (g: unknown, o?: object) => unknown, object][] = [
  ['betweenness', (g, o) => betweenness(g as Graph, o as never), { normalised: true }],
  ['betweenness.detailed', (g, o) => betweenness.detailed(g as Graph, o as never), { kk: 3 }],
  ['closeness', (g, o) => closeness(g as Graph, o as never), { wassermanFaus: true }],
  ['harmonic', (g, o) => harmonic(g as Graph, o as never), { normalize: true }],
  ['laplacian', (g, o) => laplacian(g as Graph, o as never), { normalised: true }],
  ['eigenvector', (g, o) => eigenvector(g as Graph, o as never), { maxIteration: 10 }],
  [
    'eigenvector.detailed',
    (g, o) => eigenvector.detailed(g as Graph, o as never),
    { tolerence: 1 },
  ],
  ['pagerank', (g, o) => pagerank(g as Graph, o as never), { alfa: 0.5 }],
  [
    'pagerank.detailed',
    (g, o) => pagerank.detailed(g as Graph, o as never),
    { maxIterations: 5, damping: 1 },
  ],
  ['louvain', (g, o) => louvain(g as Graph, o as never), { resolutoin: 2 }],
  ['louvain.detailed', (g, o) => louvain.detailed(g as Graph, o as never), { sead: 2 }],
  ['modularity', (g, o) => modularity(g as Graph, { communities: {}, ...o }), { weigth: null }],
  [
    'connectedComponents',
    (g, o) => connectedComponents(g as Graph, o as never),
    { directed: true },
  ],
  [
    'connectedComponents.detailed',
    (g, o) => (connectedComponents.detailed as (g: unknown, o: unknown) => unknown)(g, o),
    { x: 1 },
  ],
  ['networkSummary', (g, o) => networkSummary(g as Graph, o as never), { quantile: [0.5] }],
  ['clustering', (g, o) => clustering(g as Graph, o as never), { weight: 'weight' }],
  ['coreNumber', (g, o) => coreNumber(g as Graph, o as never), { k: 2 }],
  ['degree', (g, o) => degree(g as Graph, o as never), { directon: 'in' }],
  ['degree.values', (g, o) => degree.values(g as Graph, o as never), { directon: 'in' }],
  ['strength', (g, o) => strength(g as Graph, o as never), { wieght: 'weight' }],
  ['reach', (g, o) => reach(g as Graph, null, o as never), { maxDistanse: 1 }],
  ['reach.detailed', (g, o) => reach.detailed(g as Graph, null, o as never), { maxdistance: 1 }],
];

describe('input guards on every measure', () => {
  for (const [name, call, misspelt] of measures) {
    it(`${name}: null, a dataset and a misspelt option are errors naming the function`, () => {
      const fn = name.split('.')[0];
      expect(() => call(null)).toThrow(InputError);
      expect(() => call(null)).toThrow(
        new RegExp(
          `^${name.replace('.', '\\.')}: expected a graphology graph or a Csr snapshot \\(toCsr\\), got null`,
        ),
      );
      expect(() => call(dataset)).toThrow(
        /got a dataset \(\d+ incidents, \d+ involvements, 60 people\)\. Build a network from the dataset first, e\.g\. coOffendingGraph\(data\)/,
      );
      expect(() => call([1, 2])).toThrow(/got an array of 2/);
      const g = triangleWithTail(new UndirectedGraph());
      let err: unknown;
      try {
        call(g, misspelt);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(OptionError);
      expect((err as OptionError).message).toMatch(new RegExp(`^${fn}`));
      expect((err as OptionError).option).toBe(Object.keys(misspelt).at(-1));
    });
  }

  it('graph-level measures without options refuse a dataset too', () => {
    expect(() => transitivity(dataset as never)).toThrow(
      /^transitivity: expected a graphology graph/,
    );
    expect(() => averageClustering(null as never)).toThrow(/^averageClustering: .*got null/);
    expect(() => egoNetwork(dataset as never, 'x')).toThrow(
      /^egoNetwork: expected a graphology graph, got a dataset/,
    );
  });

  it('misspelt options name the closest valid option', () => {
    const g = triangleWithTail(new UndirectedGraph());
    expect(() => betweenness(g, { normalised: true } as never)).toThrow(
      "betweenness: unknown option 'normalised'. Did you mean 'normalized'?",
    );
    expect(() => pagerank(g, { alfa: 0.5 } as never)).toThrow("Did you mean 'alpha'?");
    expect(() => louvain(g, { resolution: -1 })).toThrow(
      "louvain: option 'resolution' must be a number > 0, got -1.",
    );
    expect(() => degree.assign(g, { atribute: 'd' } as never)).toThrow(
      "degree.assign: unknown option 'atribute'",
    );
    expect(() => egoNetwork(g, 'a', { raduis: 2 } as never)).toThrow("Did you mean 'radius'?");
  });

  it('a mixed graph whose edges are all undirected gives the same values as an undirected one', () => {
    const mixed = triangleWithTail(new Graph());
    const undirected = triangleWithTail(new UndirectedGraph());
    expect(mixed.type).toBe('mixed');
    expect(betweenness(mixed)).toEqual(betweenness(undirected));
    expect(louvain(mixed, { seed: 3 })).toEqual(louvain(undirected, { seed: 3 }));
    expect(pagerank(mixed)).toEqual(pagerank(undirected));
    expect(toCsr(mixed).directed).toBe(false);
    expect(degree(mixed)).toEqual({ a: 2, b: 2, c: 3, d: 1 });
  });

  it('a mixed graph whose edges are all directed counts as directed', () => {
    const mixed = new Graph();
    const directed = new DirectedGraph();
    for (const g of [mixed, directed]) {
      g.mergeDirectedEdge('a', 'b');
      g.mergeDirectedEdge('b', 'c');
      g.mergeDirectedEdge('a', 'c');
    }
    expect(toCsr(mixed).directed).toBe(true);
    expect(degree(mixed, { direction: 'in' })).toEqual({ a: 0, b: 1, c: 2 });
    expect(pagerank(mixed)).toEqual(pagerank(directed));
  });

  it('a mixed graph holding both kinds of edge is refused, saying how to fix it', () => {
    const g = new Graph();
    g.mergeUndirectedEdge('a', 'b');
    g.mergeDirectedEdge('b', 'c');
    expect(() => betweenness(g)).toThrow(
      'betweenness: expected a directed or an undirected graph, got a mixed graphology graph with 1 directed and 1 undirected edges. Build it as new UndirectedGraph() or new DirectedGraph(), or keep one kind of edge.',
    );
  });

  it('measures publish their defaults', () => {
    expect(betweenness.defaults).toMatchObject({ normalized: true, distance: 'inverse' });
    expect(louvain.defaults).toMatchObject({ resolution: 1, maxSweeps: 100 });
    expect(pagerank.defaults).toMatchObject({ alpha: 0.85 });
    expect(reach.defaults).toEqual({ maxDistance: 2 });
    expect(networkSummary.defaults.quantiles).toContain(0.5);
  });
});
