import { DirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError, OptionError } from '../../src/core/errors.js';
import { toCsr } from '../../src/graph/csr.js';
import {
  averageClustering,
  betweenness,
  clustering,
  coreNumber,
  degree,
  laplacian,
  louvain,
  modularity,
  nodeMetrics,
  pagerank,
  transitivity,
} from '../../src/metrics/index.js';
import { fixtureGraph } from './fixtures.js';

describe('nodeMetrics', () => {
  const karate = fixtureGraph('karate');

  it('nodeMetrics(graph) is one row per person and one snake_case column per default measure', () => {
    const t = nodeMetrics(karate);
    expect(t.numRows()).toBe(34);
    expect(t.columnNames()).toEqual([
      'person_id',
      'degree',
      'strength',
      'core_number',
      'pagerank',
      'betweenness',
      'community',
      'component',
    ]);
    expect(t.array('person_id')).toEqual(karate.nodes());
  });

  it('each column holds the same values as the measure called on its own', () => {
    const t = nodeMetrics(karate);
    const ids = t.array('person_id') as string[];
    const columns: [string, Record<string, number>][] = [
      ['degree', degree(karate)],
      ['core_number', coreNumber(karate)],
      ['pagerank', pagerank(karate)],
      ['betweenness', betweenness(karate, { normalized: true })],
      ['community', louvain(karate, { seed: 1 })],
    ];
    for (const [name, expected] of columns) {
      const got = t.array(name) as ArrayLike<number>;
      expect(Array.from(got)).toEqual(ids.map((id) => expected[id]));
    }
  });

  it('nodeMetrics(graph, { measures, attributes }) picks the columns, in order, with node attributes after', () => {
    karate.forEachNode((id) => karate.setNodeAttribute(id, 'group', id === '0' ? 'g' : undefined));
    const t = nodeMetrics(karate, { measures: ['pagerank', 'degree'], attributes: ['group'] });
    expect(t.columnNames()).toEqual(['person_id', 'pagerank', 'degree', 'group']);
    expect(t.get('group', karate.nodes().indexOf('0'))).toBe('g');
    expect(t.get('group', karate.nodes().indexOf('1'))).toBeNull();
  });

  it('accepts a Csr snapshot, with ids in snapshot order', () => {
    const csr = toCsr(karate);
    const t = nodeMetrics(csr, { measures: ['degree'] });
    expect(t.array('person_id')).toEqual([...csr.ids]);
    expect(() => nodeMetrics(csr, { attributes: ['group'] })).toThrow(InputError);
  });

  it('refuses an unknown measure, a misspelt option and something that is not a graph', () => {
    // @ts-expect-error not a measure
    expect(() => nodeMetrics(karate, { measures: ['pageRank'] })).toThrow(OptionError);
    // A misspelt measure is named, with the closest valid one (before: '(item 1 is not)' alone).
    // @ts-expect-error not a measure
    expect(() => nodeMetrics(karate, { measures: ['degree', 'pagernk'] })).toThrow(
      "(item 1, 'pagernk', is not: did you mean 'pagerank'?)",
    );
    // @ts-expect-error misspelt option
    expect(() => nodeMetrics(karate, { measure: ['degree'] })).toThrow(/Did you mean 'measures'/);
    // @ts-expect-error not a graph
    expect(() => nodeMetrics({ nodes: 3 })).toThrow(InputError);
  });

  it("names the measure meant by another library's name (core: no suggestion before)", () => {
    const told = (m: string) => {
      try {
        nodeMetrics(karate, { measures: ['degree', m as never] });
      } catch (e) {
        expect(e).toBeInstanceOf(OptionError);
        return /did you mean '(\w+)'\?/.exec((e as Error).message)?.[1];
      }
      throw new Error(`'${m}' was taken`);
    };
    // Before: "… (item 1, 'core', is not)" with no suggestion, 7 edits from core_number.
    expect(() => nodeMetrics(karate, { measures: ['degree', 'core' as never] })).toThrow(
      "(item 1, 'core', is not: did you mean 'core_number'?)",
    );
    for (const m of ['core', 'kcore', 'k-core', 'K_Core', 'coreness', 'kshell'])
      expect(told(m), m).toBe('core_number');
    expect(told('betweenness_centrality')).toBe('betweenness');
    expect(told('betweennessCentrality')).toBe('betweenness');
    expect(told('closeness_centrality')).toBe('closeness');
    expect(told('harmonic_centrality')).toBe('harmonic');
    expect(told('eigenvector_centrality')).toBe('eigenvector');
    expect(told('eigen')).toBe('eigenvector');
    expect(told('page_rank')).toBe('pagerank');
    expect(told('PageRank')).toBe('pagerank');
    expect(told('degree_centrality')).toBe('degree');
    expect(told('weighted_degree')).toBe('strength');
    expect(told('clustering_coefficient')).toBe('clustering');
    expect(told('louvain')).toBe('community');
    expect(told('connected_components')).toBe('component');
    // Names of nothing here still get no suggestion.
    expect(told('katz')).toBeUndefined();
    expect(told('number')).toBeUndefined();
  });

  it('publishes its defaults', () => {
    expect(nodeMetrics.defaults.measures).toContain('pagerank');
    expect(nodeMetrics.defaults.pivots).toBe(0);
  });
});

describe('nodeMetrics column names', () => {
  const karate = fixtureGraph('karate');

  it('refuses an attribute named like a column instead of writing over it', () => {
    // attributes: ['degree'] used to replace the degree column with nulls, and
    // attributes: ['person_id'] the ids.
    expect(() => nodeMetrics(karate, { measures: ['degree'], attributes: ['degree'] })).toThrow(
      "nodeMetrics: 'degree' would be a second column of that name; name each column once in measures and attributes",
    );
    expect(() => nodeMetrics(karate, { measures: ['degree'], attributes: ['person_id'] })).toThrow(
      /'person_id' would be a second column/,
    );
    expect(() => nodeMetrics(karate, { attributes: ['group', 'group'] })).toThrow(
      expect.objectContaining({ option: 'attributes' }),
    );
    expect(() => nodeMetrics(karate, { measures: ['degree', 'pagerank', 'degree'] })).toThrow(
      expect.objectContaining({
        option: 'measures',
        message: expect.stringMatching(/'degree' would be a second column/),
      }),
    );
    // An attribute that is not among the measures asked for is fine.
    const t = nodeMetrics(karate, { measures: ['pagerank'], attributes: ['degree'] });
    expect(t.columnNames()).toEqual(['person_id', 'pagerank', 'degree']);
  });
});

describe('nodeMetrics and measures on a directed graph', () => {
  // victimisationGraph is directed: nodeMetrics' default measures include Louvain.
  const g = new DirectedGraph();
  g.mergeEdge('a', 'b');
  g.mergeEdge('b', 'c');
  g.mergeEdge('c', 'a');

  it('names the measure that needs an undirected graph, and the way out', () => {
    // Before: TypeError 'louvain needs an undirected graph', naming neither nodeMetrics nor the measure.
    expect(() => nodeMetrics(g)).toThrow(
      "nodeMetrics, measure 'community' (one of the default measures): needs an undirected graph, got a directed one; pass an undirected copy (toUndirected from graphology-operators, or csrFromArrays without directed: true). Or leave 'community' out of measures.",
    );
    expect(() => nodeMetrics(g, { measures: ['degree', 'clustering'] })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          /^nodeMetrics, measure 'clustering': needs an undirected graph/,
        ),
      }),
    );
    const t = nodeMetrics(g, { measures: ['degree', 'pagerank', 'betweenness', 'component'] });
    expect(Array.from(t.array('degree') as ArrayLike<number>)).toEqual([2, 2, 2]);
  });

  it('each measure that needs an undirected graph says so by name, as an InputError', () => {
    const csr = toCsr(g);
    for (const [fn, f] of [
      ['louvain', () => louvain(g)],
      ['louvain', () => louvain.detailed(csr)],
      ['clustering', () => clustering.values(g)],
      ['laplacian', () => laplacian(g)],
      ['transitivity', () => transitivity(csr)],
      ['averageClustering', () => averageClustering(g)],
      ['modularity', () => modularity(g, { communities: { a: 0, b: 0, c: 1 } })],
    ] as const) {
      expect(f).toThrow(
        expect.objectContaining({
          name: 'InputError',
          fn,
          message: `${fn}: needs an undirected graph, got a directed one; pass an undirected copy (toUndirected from graphology-operators, or csrFromArrays without directed: true).`,
        }),
      );
    }
  });
});

describe('nodeMetrics attributes that no person has', () => {
  it('a name close to one the nodes have is refused, told the name meant (it was a column of nulls)', () => {
    const h = new UndirectedGraph();
    h.addNode('a', { group: 'g1' });
    h.addNode('b', { group: 'g2' });
    h.addEdge('a', 'b');
    const call = () => nodeMetrics(h, { measures: ['degree'], attributes: ['grup'] });
    expect(call).toThrow(OptionError);
    expect(call).toThrow(
      "nodeMetrics: option 'attributes' names 'grup', which no node of the graph has; did you mean 'group'?",
    );
    // Held by some: null for the others; close to nothing held: a column of nulls.
    h.addNode('c');
    const t = nodeMetrics(h, { measures: ['degree'], attributes: ['group', 'incidents'] });
    expect(t.objects()).toEqual([
      { person_id: 'a', degree: 1, group: 'g1', incidents: null },
      { person_id: 'b', degree: 1, group: 'g2', incidents: null },
      { person_id: 'c', degree: 0, group: null, incidents: null },
    ]);
  });
});

describe('nodeMetrics rankBy: ties in the last digits share a rank', () => {
  // The path a–b–c–d–e: a and e, b and d stand in the same place. networkx
  // pagerank(path_graph, tol=1e-12): a, e 0.134527027027; b, d 0.245945945946; c 0.239054054054.
  // Gauss–Seidel sweeps give a 7.8e-15 above e and b 7.7e-15 above d: sorted by the value, b
  // came before d and a before e, an order the network does not hold.
  const g = new UndirectedGraph();
  for (const [s, t] of ['ab', 'bc', 'cd', 'de']) g.mergeEdge(s, t);
  const nx = { a: 0.134527027027, b: 0.245945945946, c: 0.239054054054, d: 0.245945945946 };

  it('gives tied people one rank (1, 1, 3, 4, 4) and leaves the values as computed', () => {
    const t = nodeMetrics(g, { measures: ['pagerank', 'degree'], rankBy: 'pagerank' });
    expect(t.columnNames()).toEqual(['person_id', 'pagerank', 'degree', 'pagerank_rank']);
    expect(Array.from(t.array('pagerank_rank') as Int32Array)).toEqual([4, 1, 3, 1, 4]);
    const pr = t.array('pagerank') as Float64Array;
    expect(pr[1]).not.toBe(pr[3]); // the values are not evened out
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries())
      expect(Math.abs(pr[i] - nx[id as keyof typeof nx])).toBeLessThan(1e-7);
    expect(
      t
        .orderby('pagerank_rank', 'person_id')
        .objects()
        .map((r) => {
          const row = r as { pagerank_rank: number; person_id: string };
          return `${row.pagerank_rank} ${row.person_id}`;
        }),
    ).toEqual(['1 b', '1 d', '3 c', '4 a', '4 e']);
    // Whole numbers tie when equal: degree 2, 2, 2 (b, c, d) share rank 1, a and e rank 4.
    const d = nodeMetrics(g, { measures: ['degree'], rankBy: 'degree' });
    expect(Array.from(d.array('degree_rank') as Int32Array)).toEqual([4, 1, 1, 1, 4]);
  });

  it('refuses a measure not computed, a group number, and a rank column named twice', () => {
    const refused = (o: object, message: string) =>
      expect(() => nodeMetrics(g, o)).toThrow(
        expect.objectContaining({ name: 'OptionError', message }),
      );
    refused(
      { measures: ['degree'], rankBy: 'pagerank' },
      "nodeMetrics: option 'rankBy' is 'pagerank', which is not among measures (degree); add it to measures",
    );
    refused(
      { rankBy: 'community' },
      "nodeMetrics: option 'rankBy' is 'community', which numbers groups (0 = the largest), not a value to rank people by; give one of the other measures",
    );
    expect(() => nodeMetrics(g, { rankBy: 'page_rank' as never })).toThrow(
      /did you mean 'pagerank'/,
    );
    expect(() =>
      nodeMetrics(g, { measures: ['degree'], rankBy: 'degree', attributes: ['degree_rank'] }),
    ).toThrow(
      "nodeMetrics: 'degree_rank' would be a second column of that name (rankBy: 'degree'); name each column once",
    );
  });
});
