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
