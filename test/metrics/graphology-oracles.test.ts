// graphology's own packages as independent oracles of the project's typed-array kernels.
// graphology-metrics and graphology-communities-louvain are development dependencies only: the
// library computes every measure (and groupReciprocity's communities) with its own code, and
// these tests check it agrees with graphology's independent implementations.

import gLouvain from 'graphology-communities-louvain';
import gBetweenness from 'graphology-metrics/centrality/betweenness.js';
import gCloseness from 'graphology-metrics/centrality/closeness.js';
import { degreeCentrality as gDegree } from 'graphology-metrics/centrality/degree.js';
import gEigenvector from 'graphology-metrics/centrality/eigenvector.js';
import gPagerank from 'graphology-metrics/centrality/pagerank.js';
import gModularity from 'graphology-metrics/graph/modularity.js';
import type { AbstractGraph } from 'graphology-types';
import { describe, expect, it } from 'vitest';
import { groupReciprocity } from '../../src/contagion/group-reciprocity.js';
import { createRng } from '../../src/core/rng.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import {
  betweenness,
  closeness,
  degree,
  eigenvector,
  louvain,
  modularity,
  pagerank,
} from '../../src/metrics/index.js';
import { synthCity } from '../../src/synth/city.js';
import { expectClose, fixtureGraph } from './fixtures.js';

type Rec = Record<string, number>;
const GRAPHS = ['karate', 'florentine', 'lesmis'] as const;

describe.each(GRAPHS)('graphology-metrics agrees on the %s graph', (name) => {
  const g = fixtureGraph(name);
  const n = g.order;

  it('degree centrality: degree / (n − 1)', () => {
    const ours = Object.fromEntries(Object.entries(degree(g)).map(([k, v]) => [k, v / (n - 1)]));
    expectClose(ours, gDegree(g) as Rec, 1e-15);
  });
  it('betweenness, normalised, hops and with weights as lengths', () => {
    // Both follow Brandes' algorithm with networkx's normalisation; sums of fractions, so 1e-12.
    expectClose(
      betweenness(g, { weight: null }),
      gBetweenness(g, { getEdgeWeight: null }) as Rec,
      1e-12,
    );
    expectClose(
      betweenness(g, { weight: 'weight', distance: 'identity' }),
      gBetweenness(g, { getEdgeWeight: 'weight' }) as Rec,
      1e-12,
    );
  });
  it('closeness, with and without the Wasserman–Faust correction', () => {
    expectClose(closeness(g), gCloseness(g, { wassermanFaust: true }) as Rec, 1e-12);
    expectClose(
      closeness(g, { wassermanFaust: false }),
      gCloseness(g, { wassermanFaust: false }) as Rec,
      1e-12,
    );
  });
  it('pagerank and eigenvector centrality (iterative: within 1e-6 of graphology at 1e-12)', () => {
    // graphology stops when the L1 change is below tolerance × n, as networkx does; both solutions
    // are then within ~1e-10 of the fixed point, far inside 1e-6.
    expectClose(
      pagerank(g, { weight: null }),
      gPagerank(g, { getEdgeWeight: null, tolerance: 1e-12, maxIterations: 10_000 }) as Rec,
      1e-6,
    );
    expectClose(
      eigenvector(g, { weight: null }),
      gEigenvector(g, { getEdgeWeight: null, tolerance: 1e-12, maxIterations: 10_000 }) as Rec,
      1e-6,
    );
  });
  it('modularity of a partition, and louvain at least as good as graphology-communities-louvain', () => {
    const ours = louvain.detailed(g, { seed: 1 });
    // The same partition scores the same modularity in both (weighted, resolution 1): 1e-12.
    const communities = ours.communities;
    expect(
      gModularity(g, { getNodeCommunity: (node) => communities[node], getEdgeWeight: 'weight' }),
    ).toBeCloseTo(modularity(g, { communities }), 12);
    expect(ours.modularity).toBeCloseTo(modularity(g, { communities }), 12);
    // graphology's Louvain over 5 seeds: ours (iterated, seed 1) is never more than 0.01 below
    // its best (0.01 is the tolerance the issue states; on these graphs ours is at or above).
    let best = -1;
    for (let seed = 1; seed <= 5; seed++) {
      const theirs = gLouvain.detailed(g as AbstractGraph, { rng: createRng(seed).random });
      best = Math.max(best, theirs.modularity);
    }
    expect(ours.modularity).toBeGreaterThanOrEqual(best - 0.01);
  });
});

describe('Louvain on synthCity co-offending networks', () => {
  // Two cities of 3,000 people (a few thousand ties each): the two implementations find partitions
  // whose modularity differs by at most 0.01 (the tolerance; Louvain is a heuristic, so
  // neither is exact and both are seed-dependent).
  it.each([1, 2])(
    'city seed %i: modularity within 0.01 of graphology-communities-louvain',
    (seed) => {
      const { data } = synthCity({ people: 3000, years: 4, seed });
      const g = coOffendingGraph(data, { includeIsolates: false });
      const ours = louvain.detailed(g, { seed: 1 });
      const theirs = gLouvain.detailed(g as unknown as AbstractGraph, {
        rng: createRng(1).random,
        getEdgeWeight: 'weight',
      });
      expect(g.size).toBeGreaterThan(500);
      expect(Math.abs(ours.modularity - theirs.modularity)).toBeLessThanOrEqual(0.01);
      console.log(
        `city ${seed}: ${g.order} people, ${g.size} ties; modularity ours ${ours.modularity.toFixed(4)}, graphology ${theirs.modularity.toFixed(4)}`,
      );
    },
  );

  it("groupReciprocity({ groups: 'louvain' }) uses the project's louvain", () => {
    const { data } = synthCity({ people: 1500, years: 3, seed: 4 });
    const r = groupReciprocity(data, { groups: 'louvain', seed: 3 });
    const g = coOffendingGraph(data, { includeIsolates: false });
    const groupOf = new Map(
      (r.membership.objects() as { person_id: string; group: string }[]).map((m) => [
        m.person_id,
        m.group,
      ]),
    );
    // Every person on a tie has a group, and the groups' modularity is that of a louvain run
    // (to 1e-12: the same partition, whatever the labels).
    const communities = Object.fromEntries(g.mapNodes((p) => [p, groupOf.get(p)!]));
    expect(Object.values(communities).every((c) => c !== undefined)).toBe(true);
    const q = modularity(g, { communities });
    expect(q).toBeCloseTo(louvain.detailed(g, { seed: 3 }).modularity, 12);
  });
});
