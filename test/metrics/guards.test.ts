import Graph, { DirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError, OptionError } from '../../src/core/errors.js';
import { toCsr } from '../../src/graph/csr.js';
import * as metrics from '../../src/metrics/index.js';
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
  nodeMetrics,
  pagerank,
  reach,
  strength,
  transitivity,
} from '../../src/metrics/index.js';
import { synthCity } from '../../src/synth/index.js';
import { fixtureGraph } from './fixtures.js';

const dataset = synthCity({ people: 60, years: 1, seed: 2 }).data;

function triangleWithTail(g: Graph) {
  g.mergeUndirectedEdge('a', 'b', { weight: 2 });
  g.mergeUndirectedEdge('b', 'c', { weight: 1 });
  g.mergeUndirectedEdge('c', 'a', { weight: 1 });
  g.mergeUndirectedEdge('c', 'd', { weight: 3 });
  return g;
}

type Call = (g: unknown, o?: object) => unknown;
type AnyFn = (...args: unknown[]) => unknown;
/** How a user calls a measure, and one misspelt option (none: the measure takes no options). */
interface Case {
  call: Call;
  misspelt?: object;
}

// Every public measure of src/metrics, called the way users call it, with one misspelt option.
// Each measure's `.values`, `.assign` and `.detailed` are added below with the measure's own
// misspelt option unless listed here.
const CASES: Record<string, Case> = {
  averageClustering: { call: (g) => averageClustering(g as Graph) },
  betweenness: {
    call: (g, o) => betweenness(g as Graph, o as never),
    misspelt: { normalised: true },
  },
  'betweenness.detailed': {
    call: (g, o) => betweenness.detailed(g as Graph, o as never),
    misspelt: { kk: 3 },
  },
  closeness: {
    call: (g, o) => closeness(g as Graph, o as never),
    misspelt: { wassermanFaus: true },
  },
  clustering: {
    call: (g, o) => clustering(g as Graph, o as never),
    misspelt: { weight: 'weight' },
  },
  connectedComponents: {
    call: (g, o) => connectedComponents(g as Graph, o as never),
    misspelt: { directed: true },
  },
  'connectedComponents.detailed': {
    call: (g, o) => (connectedComponents.detailed as (g: unknown, o: unknown) => unknown)(g, o),
    misspelt: { x: 1 },
  },
  coreNumber: { call: (g, o) => coreNumber(g as Graph, o as never), misspelt: { k: 2 } },
  degree: { call: (g, o) => degree(g as Graph, o as never), misspelt: { directon: 'in' } },
  egoNetwork: { call: (g, o) => egoNetwork(g as Graph, 'a', o as never), misspelt: { raduis: 2 } },
  eigenvector: {
    call: (g, o) => eigenvector(g as Graph, o as never),
    misspelt: { maxIteration: 10 },
  },
  'eigenvector.detailed': {
    call: (g, o) => eigenvector.detailed(g as Graph, o as never),
    misspelt: { tolerence: 1 },
  },
  harmonic: { call: (g, o) => harmonic(g as Graph, o as never), misspelt: { normalize: true } },
  laplacian: { call: (g, o) => laplacian(g as Graph, o as never), misspelt: { normalised: true } },
  louvain: { call: (g, o) => louvain(g as Graph, o as never), misspelt: { resolutoin: 2 } },
  'louvain.detailed': {
    call: (g, o) => louvain.detailed(g as Graph, o as never),
    misspelt: { sead: 2 },
  },
  modularity: {
    call: (g, o) => modularity(g as Graph, { communities: {}, ...o }),
    misspelt: { weigth: null },
  },
  networkSummary: {
    call: (g, o) => networkSummary(g as Graph, o as never),
    misspelt: { quantile: [0.5] },
  },
  nodeMetrics: {
    call: (g, o) => nodeMetrics(g as Graph, o as never),
    misspelt: { measure: ['degree'] },
  },
  pagerank: { call: (g, o) => pagerank(g as Graph, o as never), misspelt: { alfa: 0.5 } },
  'pagerank.detailed': {
    call: (g, o) => pagerank.detailed(g as Graph, o as never),
    misspelt: { maxIterations: 5, damping: 1 },
  },
  reach: { call: (g, o) => reach(g as Graph, null, o as never), misspelt: { maxDistanse: 1 } },
  'reach.assign': {
    call: (g, o) => reach.assign(g as Graph, null, o as never),
    misspelt: { maxdistanse: 1 },
  },
  'reach.detailed': {
    call: (g, o) => reach.detailed(g as Graph, null, o as never),
    misspelt: { maxdistance: 1 },
  },
  strength: { call: (g, o) => strength(g as Graph, o as never), misspelt: { wieght: 'weight' } },
  transitivity: { call: (g) => transitivity(g as Graph) },
};
for (const [name, value] of Object.entries(metrics)) {
  if (typeof value !== 'function' || !CASES[name]) continue;
  for (const variant of ['values', 'assign', 'detailed'])
    if (typeof (value as unknown as Record<string, unknown>)[variant] === 'function')
      CASES[`${name}.${variant}`] ??= {
        call: (g, o) => ((value as unknown as Record<string, AnyFn>)[variant] as AnyFn)(g, o),
        misspelt: CASES[name].misspelt,
      };
}
/** Value exports of src/metrics that are not measures. */
const NOT_MEASURES = ['isCsr'];

describe('input guards on every measure', () => {
  it('every function of src/metrics (and its .values, .assign, .detailed) has a case here', () => {
    const exported: string[] = [];
    for (const [name, value] of Object.entries(metrics)) {
      if (typeof value !== 'function' || NOT_MEASURES.includes(name)) continue;
      exported.push(name);
      for (const [key, v] of Object.entries(value))
        if (typeof v === 'function') exported.push(`${name}.${key}`);
    }
    expect(exported.filter((name) => !CASES[name])).toEqual([]);
    expect(Object.keys(CASES).filter((name) => !exported.includes(name))).toEqual([]);
    expect(exported.length).toBeGreaterThan(40);
  });

  for (const [name, { call, misspelt }] of Object.entries(CASES)) {
    it(`${name}: null, a dataset and ${misspelt ? 'a misspelt option' : 'an array'} are errors naming the function`, () => {
      const fn = name.split('.')[0];
      expect(() => call(null)).toThrow(InputError);
      expect(() => call(null)).toThrow(
        new RegExp(
          `^${name.replace('.', '\\.')}: expected a graphology graph( or a Csr snapshot \\(toCsr\\))?, got null`,
        ),
      );
      expect(() => call(dataset)).toThrow(InputError);
      expect(() => call(dataset)).toThrow(
        /got a dataset \(\d+ incidents, \d+ involvements, 60 people\)\. Build a network from the dataset first, e\.g\. coOffendingGraph\(data\)/,
      );
      expect(() => call([1, 2])).toThrow(/got an array of 2/);
      if (!misspelt) return;
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
    // No people, no mean: a refusal naming the problem, not NaN.
    expect(() => averageClustering(new UndirectedGraph())).toThrow(
      /^averageClustering: the graph has no people/,
    );
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

describe('seeds of the sampled measures', () => {
  it('a seed that is not a whole number is refused (1.5 drew what 1 draws, which looked like stability)', () => {
    const g = fixtureGraph('karate');
    for (const [fn, run] of [
      ['betweenness', (seed: number) => betweenness(g, { k: 5, seed, exactBudget: 0 })],
      ['louvain', (seed: number) => louvain(g, { seed })],
    ] as const) {
      expect(() => run(1.5)).toThrow(
        expect.objectContaining({
          name: 'OptionError',
          fn,
          option: 'seed',
          message: `${fn}: option 'seed' must be a whole number, got 1.5.`,
        }),
      );
      expect(run(-3)).toEqual(run(-3)); // negative whole numbers are seeds like any other
    }
  });
});
