import { describe, expect, it } from 'vitest';
import { toCsr } from '../../src/graph/csr.js';
import {
  averageClustering,
  betweenness,
  closeness,
  clustering,
  connectedComponents,
  coreNumber,
  degree,
  eigenvector,
  harmonic,
  networkSummary,
  pagerank,
  strength,
  transitivity,
} from '../../src/metrics/index.js';
import { expectClose, fixtureGraph, nxFixtures } from './fixtures.js';

// Expected values: test/fixtures/networkx_measures.json, made by test/fixtures/make_fixtures.py
// with Debian's python3-networkx 2.8.8 (and python3-igraph 0.10.2 for the cross-checks).
const TOL = 1e-6;
type Rec = Record<string, number>;

describe.each(Object.keys(nxFixtures.graphs))('on the %s graph', (name) => {
  const fx = nxFixtures.graphs[name];
  const g = fixtureGraph(name);
  const csr = toCsr(g);
  const w = { weight: 'weight' } as const;

  it('has the nodes and ties networkx has', () => {
    expect(g.order).toBe(fx.nodes.length);
    expect(g.size).toBe(fx.edges);
  });
  it('degree and strength equal networkx G.degree() and G.degree(weight="weight")', () => {
    expectClose(degree(g), fx.degree as Rec, 0);
    expectClose(strength(g), fx.strength as Rec, 1e-12);
  });
  it('coreNumber(graph) equals networkx core_number and igraph coreness', () => {
    expectClose(coreNumber(g), fx.core_number as Rec, 0);
    expectClose(coreNumber(csr), fx.igraph.coreness as Rec, 0);
  });
  it('betweenness(graph) equals networkx betweenness_centrality, normalised and not', () => {
    expectClose(betweenness(g), fx.betweenness as Rec, TOL);
    expectClose(betweenness(g, { normalized: false }), fx.betweenness_unnormalized as Rec, TOL);
    expectClose(betweenness(csr, { weight: null }), fx.igraph.betweenness_normalized as Rec, TOL);
  });
  it('betweenness with weights uses 1/strength as length by default, or the weight as is', () => {
    expectClose(betweenness(g, w), fx.betweenness_weighted_inverse as Rec, TOL);
    expectClose(
      betweenness(g, { ...w, distance: 'identity' }),
      fx.betweenness_weighted_identity as Rec,
      TOL,
    );
    expectClose(
      betweenness(g, { ...w, distance: (s) => 1 / s }),
      fx.betweenness_weighted_inverse as Rec,
      TOL,
    );
  });
  it('closeness(graph) equals networkx closeness_centrality (Wasserman–Faust, and without)', () => {
    expectClose(closeness(g), fx.closeness as Rec, TOL);
    expectClose(closeness(g, { wassermanFaust: false }), fx.closeness_no_wf as Rec, TOL);
    expectClose(closeness(g, w), fx.closeness_weighted_inverse as Rec, TOL);
  });
  it('harmonic(graph) equals networkx harmonic_centrality, unweighted and weighted', () => {
    expectClose(harmonic(g), fx.harmonic as Rec, TOL);
    expectClose(harmonic(g, w), fx.harmonic_weighted_inverse as Rec, TOL);
    expectClose(harmonic(csr, { weight: null }), fx.igraph.harmonic as Rec, TOL);
  });
  it('eigenvector(graph) equals networkx eigenvector_centrality_numpy in every component', () => {
    expectClose(eigenvector(g), fx.eigenvector as Rec, TOL);
    expectClose(eigenvector(g, w), fx.eigenvector_weighted as Rec, TOL);
  });
  it('pagerank(graph) equals networkx pagerank (weighted, unweighted, damping, personalised)', () => {
    expectClose(pagerank(g), fx.pagerank as Rec, TOL);
    expectClose(pagerank(g, { weight: null }), fx.pagerank_unweighted as Rec, TOL);
    expectClose(pagerank(g, { alpha: 0.7 }), fx['pagerank_alpha_0.7'] as Rec, TOL);
    const pers = fx.pagerank_personalization as { personalization: Rec; values: Rec };
    expectClose(pagerank(g, { personalization: pers.personalization }), pers.values, TOL);
    expectClose(pagerank(csr), fx.igraph.pagerank as Rec, TOL);
  });
  it('connectedComponents(graph) finds networkx connected_components, largest first', () => {
    const d = connectedComponents.detailed(g);
    const expected = fx.components;
    expect(d.sizes).toEqual(expected.map((c) => c.length));
    const groups: string[][] = d.sizes.map(() => []);
    for (const [id, c] of Object.entries(d.membership)) groups[c].push(id);
    const canon = (cs: string[][]) =>
      cs.map((c) => [...c].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(canon(groups)).toEqual(canon(expected));
  });
  it('clustering, transitivity and averageClustering equal networkx', () => {
    expectClose(clustering(g), fx.clustering as Rec, 1e-12);
    expect(transitivity(g)).toBeCloseTo(fx.transitivity as number, 12);
    expect(transitivity(csr)).toBeCloseTo(fx.igraph.transitivity_undirected as number, 12);
    expect(averageClustering(g)).toBeCloseTo(fx.average_clustering as number, 12);
  });
  it('networkSummary(graph) reports density, components, clustering and centralisation', () => {
    const s = networkSummary(g).object() as Rec;
    expect(s.nodes).toBe(fx.nodes.length);
    expect(s.edges).toBe(fx.edges);
    expect(s.density).toBeCloseTo(fx.density as number, 12);
    expect(s.components).toBe(fx.components.length);
    expect(s.largest_component_share).toBeCloseTo(fx.components[0].length / fx.nodes.length, 12);
    expect(s.transitivity).toBeCloseTo(fx.transitivity as number, 12);
    expect(s.average_clustering).toBeCloseTo(fx.average_clustering as number, 12);
    expect(s.degree_centralisation).toBeCloseTo(fx.degree_centralisation as number, 12);
  });
});
