import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { coOffendingGraph } from '../../../src/graph/index.js';
import { louvain, modularity } from '../../../src/metrics/index.js';
import { synthCity } from '../../../src/synth/index.js';

describe('louvain terminates', () => {
  // These 20,000-person cities (the `demo` command's settings) made the local moves loop forever:
  // an emptied community kept a floating-point leftover of its total weight, so a lone node kept
  // hopping between empty communities. Seed 5 hung every time before the fix.
  for (const seed of [4, 5, 10]) {
    it(`settles on the 20,000-person synthCity graph of seed ${seed}`, () => {
      const { data } = synthCity({ people: 20_000, seed, feud: {} });
      const g = coOffendingGraph(data);
      const d = louvain.detailed(g, { seed: 1 });
      expect(d.converged).toBe(true);
      // Local moves settle in a handful of sweeps, far below the cap of 100.
      expect(d.sweeps).toBeLessThan(20);
      expect(d.modularity).toBeGreaterThan(0.85);
      expect(d.modularity).toBeCloseTo(modularity(g, { communities: d.communities }), 9);
      expect(d.count).toBeGreaterThan(100);
    });
  }

  it('stops at maxSweeps and says so with converged: false', () => {
    const { data } = synthCity({ people: 2_000, seed: 3 });
    const g = coOffendingGraph(data);
    const full = louvain.detailed(g, { seed: 2 });
    expect(full.converged).toBe(true);
    const capped = louvain.detailed(g, { seed: 2, maxSweeps: 0.1, passes: 0 });
    expect(capped.converged).toBe(false);
    expect(capped.sweeps).toBeLessThan(0.2); // the cap, give or take one visit on a small level
    // Still a valid partition of every person, just a worse one.
    expect(Object.keys(capped.communities)).toHaveLength(g.order);
    expect(capped.modularity).toBeLessThan(full.modularity);
  });

  it('a lone node with fractional ties does not hop between empty communities', () => {
    // Weights whose sums do not round-trip in binary floating point (0.1 + 0.2 − 0.1 ≠ 0.2).
    const g = new UndirectedGraph();
    const w = [0.1, 0.2, 0.7, 0.3, 1e-9, 3.3, 0.1];
    for (let i = 0; i < 40; i++) {
      g.mergeEdge(`a${i}`, `a${(i + 1) % 40}`, { weight: w[i % w.length] });
      g.mergeEdge(`a${i}`, `a${(i * 7 + 3) % 40}`, { weight: w[(i + 3) % w.length] / 3 });
    }
    for (let seed = 1; seed <= 30; seed++) {
      const d = louvain.detailed(g, { seed, maxSweeps: 50 });
      expect(d.converged).toBe(true);
      expect(d.modularity).toBeGreaterThan(0);
    }
  });
});
