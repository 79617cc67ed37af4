import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';

/**
 * The default fit on worlds it did not generate (a reduced run; the guide's table has 10 seeds
 * per world): the world with every departure at once (background ∝ degree with hidden Gamma(1)
 * multipliers, late onset, group hot periods, gamma delays), with and without contagion.
 */
describe('fitNetworkHawkes with default options on a misspecified world', () => {
  const rows = [1, 2].flatMap((seed) =>
    [true, false].map((contagion) => {
      const { data, truth } = synthCity(misspecifiedWorld('all', { seed, contagion }));
      const m = fitNetworkHawkes(data);
      return { seed, contagion, truth, m };
    }),
  );
  console.log(
    rows
      .map(
        (r) =>
          `all-departures world, seed ${r.seed}, contagion ${r.contagion}: true share ${r.truth.triggeredShare.toFixed(3)}, fitted ${r.m.contagionShare.toFixed(3)}; realised delay ${r.truth.meanDelay?.toFixed(1) ?? '—'} d, fitted ${r.m.delays.mean.toFixed(1)} d; identified ${r.m.identified}`,
      )
      .join('\n'),
  );

  it('reports a share within 5 points of the truth where there is contagion', () => {
    for (const r of rows.filter((x) => x.contagion))
      expect(Math.abs(r.m.contagionShare - r.truth.triggeredShare)).toBeLessThan(0.05);
  });

  it('reports a share under 5% where there is none, never NaN', () => {
    for (const r of rows.filter((x) => !x.contagion)) {
      expect(r.m.contagionShare).toBeLessThan(0.05);
      for (const v of [
        r.m.delays.mean,
        r.m.delays.kernelMean,
        r.m.parameters.mu,
        r.m.branchingRatio,
      ])
        expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('keeps the delay within 15% of the realised one with gamma delays (the default kernel choice finds them)', () => {
    // Seeds 1, 2: 7.4% and 2.2% with kernel 'auto' (9% and 23% with the exponential kernel).
    for (const r of rows.filter((x) => x.contagion))
      expect(Math.abs(r.m.delays.mean / r.truth.meanDelay! - 1)).toBeLessThan(0.15);
  });
});
