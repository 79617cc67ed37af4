import { describe, expect, it, vi } from 'vitest';

// Every EM run of the fits below: its length and whether it stopped at a coefficient running off.
const runs = vi.hoisted(() => [] as { iterations: number; ranOff: number }[]);
vi.mock('../../../src/contagion/hawkes/optimise.js', async (importOriginal) => {
  const opt = await importOriginal<typeof import('../../../src/contagion/hawkes/optimise.js')>();
  return {
    ...opt,
    runEm: (...args: Parameters<typeof opt.runEm>) => {
      const em = opt.runEm(...args);
      runs.push({ iterations: em.iterations, ranOff: em.ranOff ?? -1 });
      return em;
    },
  };
});

const { fitNetworkHawkes } = await import('../../../src/contagion/hawkes/index.js');
const { synthCity } = await import('../../../src/synth/index.js');

describe('EM stops where a coefficient runs off, and the fit drops it there', () => {
  it('a small city: years since the first record is dropped after tens of EM iterations, not 2,000', () => {
    // 300 people over 4 years, 9 serious events. Before, EM chased years_since_first_record for
    // all 1,000 iterations with contagion and 1,000 more at α = 0 (from 10 to 20, each gaining
    // under 3e-5·|ℓ|), 1.8-1.9 s of a 1.83-1.95 s fit; now 0.10-0.34 s (load 3.2-4.0).
    const { data } = synthCity({ people: 300, seed: 2, years: 4 });
    runs.length = 0;
    const m = fitNetworkHawkes(data, { frailty: false });
    expect(m.diagnostics.droppedCovariates).toEqual(['years_since_first_record']);
    const first = runs[0];
    expect(first.ranOff).toBe(3);
    expect(first.iterations).toBeGreaterThanOrEqual(20);
    expect(first.iterations).toBeLessThan(100);
    const total = runs.reduce((s, r) => s + r.iterations, 0);
    expect(total).toBeLessThan(200);
    // The fit after the drop is the one it was: no run-off left, the same figures as without
    // the covariate.
    const without = fitNetworkHawkes(data, {
      frailty: false,
      recordCovariates: { yearsSinceFirstRecord: false },
    });
    expect(m.logLikelihood).toBeCloseTo(without.logLikelihood, 6);
    expect(m.contagionShare).toBeCloseTo(without.contagionShare, 6);
  });

  it('a fit where nothing runs off runs every EM as before, none stopped early', () => {
    const { data } = synthCity({ people: 400, seed: 1 });
    runs.length = 0;
    const m = fitNetworkHawkes(data, { frailty: false });
    expect(m.diagnostics.droppedCovariates).toEqual([]);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.map((r) => r.ranOff)).toEqual(runs.map(() => -1));
  });
});
