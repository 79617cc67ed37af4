import { describe, expect, it } from 'vitest';
import { betweenness, closeness, laplacian, louvain, modularity } from '../../src/metrics/index.js';
import { expectClose, fixtureGraph, readFixture, referenceValues } from './fixtures.js';

// Expected values copied from the networkx and igraph test suites: test/fixtures/reference_values.json
// (copy of ../shared/data/reference_graphs/reference_values.json; each entry names its source file).
const graphOf: Record<string, string> = {
  florentine_families_networkx: 'florentine',
  les_miserables_networkx: 'lesmis',
  karate_networkx: 'karate',
};
const entry = (graph: string, measure: string) => {
  const e = referenceValues.entries.find((x) => x.graph === graph && x.measure.startsWith(measure));
  if (!e) throw new Error(`no reference entry ${graph} / ${measure}`);
  return e;
};
type Rec = Record<string, number>;

describe('reference values from the networkx and igraph test suites', () => {
  it.each([
    ['florentine_families_networkx', 'betweenness (normalized, unweighted)', {}],
    [
      'florentine_families_networkx',
      'betweenness (normalized, weight=',
      { weight: 'weight', distance: 'identity' },
    ],
    ['les_miserables_networkx', 'betweenness (normalized, unweighted)', {}],
    [
      'les_miserables_networkx',
      'betweenness (normalized, weighted',
      { weight: 'weight', distance: 'identity' },
    ],
  ] as const)('betweenness on %s: %s', (graph, measure, options) => {
    const e = entry(graph, measure);
    expectClose(
      betweenness(fixtureGraph(graphOf[graph]), options),
      e.expected as Rec,
      e.tolerance!,
    );
  });

  it.each(['florentine_families_networkx', 'les_miserables_networkx'])(
    'closeness on %s',
    (graph) => {
      const e = entry(graph, 'closeness');
      expectClose(closeness(fixtureGraph(graphOf[graph])), e.expected as Rec, e.tolerance!);
    },
  );

  it.each(['karate_networkx', 'florentine_families_networkx'])(
    'laplacian centrality on %s',
    (graph) => {
      const e = entry(graph, 'laplacian centrality');
      expectClose(laplacian(fixtureGraph(graphOf[graph])), e.expected as Rec, e.tolerance!);
    },
  );

  it('modularity(graph, { communities }) of the published karate partitions', () => {
    const karate = fixtureGraph('karate');
    for (const measure of ['Louvain partition', 'greedy (CNM)']) {
      const e = entry('karate_networkx', measure);
      const communities: Record<string, number> = {};
      e.expected_partition!.forEach((c, i) => {
        for (const v of c) communities[String(v)] = i;
      });
      expect(modularity(karate, { communities, weight: null })).toBeCloseTo(
        e.modularity_of_expected_unweighted!,
        10,
      );
    }
    // The observed two-club split (node attribute `club`), computed in the reference file.
    const club: Record<string, string> = {};
    for (const line of readFixture('karate_networkx_nodes.csv').trim().split(/\r?\n/).slice(1)) {
      const [id, c] = line.split(',');
      club[id] = c;
    }
    const e = referenceValues.entries.find((x) =>
      x.measure.startsWith('modularity of the observed'),
    )!;
    expect(modularity(karate, { communities: club, weight: null })).toBeCloseTo(e.value!, 10);
    // igraph R cluster_louvain(set.seed(42)) membership.
    const r = referenceValues.entries.find((x) => x.measure.startsWith('cluster_louvain'))!;
    const membership = (r.expected as { membership: number[] }).membership;
    const byIndex = Object.fromEntries(membership.map((c, i) => [String(i), c]));
    expect(modularity(karate, { communities: byIndex, weight: null })).toBeCloseTo(0.4188034188, 9);
  });

  it('louvain on karate reaches modularity ≥ 0.41, never above the proven optimum 0.41979', () => {
    const karate = fixtureGraph('karate');
    const optimum = Number(
      referenceValues.entries.find((x) => x.measure.startsWith('optimal (maximum) modularity'))!
        .expected,
    );
    for (let seed = 1; seed <= 20; seed++) {
      const d = louvain.detailed(karate, { seed, weight: null });
      expect(d.modularity).toBeGreaterThanOrEqual(0.41);
      expect(d.modularity).toBeLessThanOrEqual(optimum + 1e-12);
      expect(modularity(karate, { communities: d.communities, weight: null })).toBeCloseTo(
        d.modularity,
        12,
      );
    }
  });

  it('louvain with resolution 0.5 and 2 stays at or below the optima igraph proves', () => {
    const karate = fixtureGraph('karate');
    const also = referenceValues.entries.find((x) =>
      x.measure.startsWith('optimal (maximum) modularity'),
    )!.also!;
    for (const [gamma, best] of [
      [0.5, also['resolution_0.5']],
      [2, also.resolution_2],
    ]) {
      const d = louvain.detailed(karate, { seed: 1, weight: null, resolution: gamma });
      expect(d.modularity).toBeLessThanOrEqual(best + 1e-12);
      expect(d.modularity).toBeGreaterThan(best - 0.01);
      expect(
        modularity(karate, { communities: d.communities, weight: null, resolution: gamma }),
      ).toBeCloseTo(d.modularity, 12);
    }
  });
});
