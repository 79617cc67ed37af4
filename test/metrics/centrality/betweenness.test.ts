import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { coOffendingGraph } from '../../../src/graph/index.js';
import { betweenness } from '../../../src/metrics/index.js';
import { synthCity } from '../../../src/synth/index.js';

describe('betweenness is exact when cheap, else says it estimates', () => {
  const g = coOffendingGraph(synthCity({ people: 1500, years: 3, seed: 6 }).data);

  it('k pivots on a graph under the budget give the exact values, and say so', () => {
    const exact = betweenness(g);
    const d = betweenness.detailed(g, { k: 50, seed: 2 });
    expect(d.exact).toBe(true);
    expect(d.standardError).toBeNull();
    expect(d.centrality).toEqual(exact);
    expect(d.method).toMatch(
      /^exact \(\d+ people × \d+ ties is within the exact budget of 1e\+8, so all \d+ people were sources instead of 50 pivots\)$/,
    );
  });

  it('above the budget: an estimate from k pivots with a standard error that covers the exact value', () => {
    const exact = betweenness(g);
    const d = betweenness.detailed(g, { k: 300, seed: 2, exactBudget: 0 });
    expect(d.exact).toBe(false);
    expect(d.pivots).toHaveLength(300);
    expect(d.method).toBe(`estimated from 300 pivots of ${g.order} people`);
    const se = d.standardError!;
    // The 20 most central people: the estimate is within 3 standard errors for nearly all.
    const top = Object.entries(exact)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20);
    let within = 0;
    for (const [id, v] of top) {
      expect(se[id]).toBeGreaterThan(0);
      expect(se[id]).toBeLessThan(v); // informative, not a blanket
      if (Math.abs(d.centrality[id] - v) <= 3 * se[id]) within++;
    }
    expect(within).toBeGreaterThanOrEqual(18);
    // With every node a pivot the finite-population correction makes the error 0.
    const all = betweenness.detailed(g, { sources: g.nodes() });
    expect(all.standardError).not.toBeNull();
    expect(Math.max(...Object.values(all.standardError!))).toBe(0);
  });
});

/** Textbook Brandes (2001) with predecessor lists: each source's dependency on every node. */
function dependencies(nodes: string[], ties: [string, string][], source: string) {
  const adj = new Map(nodes.map((v) => [v, [] as string[]]));
  for (const [a, b] of ties) {
    adj.get(a)!.push(b);
    adj.get(b)!.push(a);
  }
  const dist = new Map([[source, 0]]);
  const sigma = new Map(nodes.map((v) => [v, v === source ? 1 : 0]));
  const pred = new Map(nodes.map((v) => [v, [] as string[]]));
  const order: string[] = [];
  const queue = [source];
  while (queue.length) {
    const v = queue.shift()!;
    order.push(v);
    for (const w of adj.get(v)!) {
      if (!dist.has(w)) {
        dist.set(w, dist.get(v)! + 1);
        queue.push(w);
      }
      if (dist.get(w) === dist.get(v)! + 1) {
        sigma.set(w, sigma.get(w)! + sigma.get(v)!);
        pred.get(w)!.push(v);
      }
    }
  }
  const delta = new Map(nodes.map((v) => [v, 0]));
  for (const w of order.reverse())
    for (const v of pred.get(w)!)
      delta.set(v, delta.get(v)! + (sigma.get(v)! / sigma.get(w)!) * (1 + delta.get(w)!));
  delta.set(source, 0);
  return delta;
}

describe('sampled betweenness equals textbook Brandes source by source, leaves included', () => {
  // A cycle with pendant paths and stars, a pair, a lone person, and a path: leaves everywhere,
  // leaves tied to leaves, leaves tied to hubs that hold several.
  const ties: [string, string][] = [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'a'],
    ['a', 'c'],
    ['a', 'l1'],
    ['a', 'l2'],
    ['b', 't1'],
    ['t1', 't2'],
    ['t2', 'l3'],
    ['t1', 'l4'],
    ['d', 'h'],
    ['h', 'l5'],
    ['h', 'l6'],
    ['h', 'l7'],
    ['p', 'q'],
    ['s1', 's2'],
    ['s2', 's3'],
    ['s3', 's4'],
  ];
  const nodes = [...new Set(ties.flat()), 'lone'];
  const g = new UndirectedGraph();
  for (const v of nodes) g.addNode(v);
  for (const [x, y] of ties) g.addEdge(x, y);
  const deps = new Map(nodes.map((s) => [s, dependencies(nodes, ties, s)]));

  it('each source alone (leaf, pair, lone person, hub) gives the textbook dependencies', () => {
    for (const s of nodes) {
      const got = betweenness(g, { sources: [s], normalized: false });
      // One source of n: raw sums scaled by n (the pivot estimate) and ½ (unordered pairs).
      for (const v of nodes)
        expect(got[v]).toBeCloseTo((deps.get(s)!.get(v)! * nodes.length) / 2, 12);
    }
  });

  it('several sources: the sums and the standard error equal the textbook ones', () => {
    const sources = ['l1', 'l2', 'a', 'l5', 'p', 'q', 's1', 'lone', 'l3'];
    const d = betweenness.detailed(g, { sources, normalized: false });
    const n = nodes.length;
    const k = sources.length;
    for (const v of nodes) {
      const x = sources.map((s) => deps.get(s)!.get(v)!);
      const sum = x.reduce((a, b) => a + b, 0);
      const s2 = x.reduce((a, b) => a + (b - sum / k) ** 2, 0) / (k - 1);
      expect(d.centrality[v]).toBeCloseTo((sum * n) / k / 2, 12);
      expect(d.standardError![v]).toBeCloseTo((n * Math.sqrt(((1 - k / n) * s2) / k)) / 2, 12);
    }
    // Not vacuous: leaf sources put weight on their hubs.
    expect(d.centrality.a).toBeGreaterThan(0);
    expect(d.centrality.h).toBeGreaterThan(0);
  });
});

describe('weighted betweenness when a tie length vanishes in a sum', () => {
  it('credits the middle person of a path whatever the ratio of its tie lengths', () => {
    // a–b strength 1e20 (length 1e-20), b–c strength 1 (length 1): from c, d(a) = 1 + 1e-20 = 1
    // = d(b) in floating point. b lies on the only a–c path (1 pair, unnormalised); the backward
    // pass dropped b as a's predecessor there (d(b) < d(a) failed) and gave 0.5.
    for (const strong of [1e20, 1e10, 1e3]) {
      const g = new UndirectedGraph();
      for (const id of 'abc') g.addNode(id);
      g.addEdge('a', 'b', { weight: strong });
      g.addEdge('b', 'c', { weight: 1 });
      expect(betweenness(g, { weight: 'weight', normalized: false })).toEqual({ a: 0, b: 1, c: 0 });
    }
  });
});
