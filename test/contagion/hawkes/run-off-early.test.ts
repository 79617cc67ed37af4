import { describe, expect, it, vi } from 'vitest';

// Every EM run of the fits below: its length, whether it converged, whether it stopped at a
// coefficient running off, and the coefficients it held (a refit's kept covariates).
const runs = vi.hoisted(
  () => [] as { iterations: number; converged: boolean; ranOff: number; held: number[] }[],
);
vi.mock('../../../src/contagion/hawkes/optimise.js', async (importOriginal) => {
  const opt = await importOriginal<typeof import('../../../src/contagion/hawkes/optimise.js')>();
  return {
    ...opt,
    runEm: (...args: Parameters<typeof opt.runEm>) => {
      const em = opt.runEm(...args);
      runs.push({
        iterations: em.iterations,
        converged: em.converged,
        ranOff: em.ranOff ?? -1,
        held: em.held ?? [],
      });
      return em;
    },
  };
});

const { fitNetworkHawkes } = await import('../../../src/contagion/hawkes/index.js');
const { keptRunOff, refitNetworkHawkes } = await import('../../../src/contagion/hawkes/fit.js');
const { inferenceContext, runReplicates } = await import(
  '../../../src/contagion/hawkes/inference.js'
);
const { synthCity } = await import('../../../src/synth/index.js');
const YEARS = 'years_since_first_record';

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

describe('a refit whose kept covariate runs off holds it in EM and stops when the rest converge', () => {
  it('the refit of a fit that kept years since the first record: converged EM runs, the same figures', () => {
    // The 300-person city above, refitted as if its fit had kept years_since_first_record
    // (RefitStart.covariates): it runs off and is kept. Before, EM chased it through all 1,000
    // iterations, with contagion and at α = 0 (neither converged), and the Newton polish took it
    // on to 61.9; now EM holds it once it runs off (71 and 79 iterations, both converged) and the
    // polish climbs on from there: ℓ, α and the share as before to 7 digits and more.
    const { data } = synthCity({ people: 300, seed: 2, years: 4 });
    const names = Object.keys(fitNetworkHawkes(data, { frailty: false }).parameters.covariates);
    runs.length = 0;
    const m = refitNetworkHawkes(
      data,
      { frailty: false, standardErrors: false },
      { covariates: { names, dropped: [] } },
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const r of runs) {
      expect(r.converged).toBe(true);
      expect(r.iterations).toBeLessThan(200);
      expect(r.ranOff).toBe(-1);
    }
    // The run with contagion and the α = 0 run each held the coefficient (index 3).
    expect(runs[0].held).toEqual([3]);
    expect(runs[1].held).toEqual([3]);
    expect(m.iterations).toBeLessThan(200);
    expect(keptRunOff(m)).toEqual([YEARS]);
    expect(m.diagnostics.droppedCovariates).toEqual([]);
    expect(m.parameters.covariates[YEARS]).toBeGreaterThan(50);
    // Before: ℓ -84.69652290, α 0.0958075838, share 0.2102824346 (after 2,000 EM iterations).
    expect(m.logLikelihood).toBeCloseTo(-84.6965229, 6);
    expect(m.parameters.alpha).toBeCloseTo(0.0958075838, 8);
    expect(m.contagionShare).toBeCloseTo(0.2102824346, 8);
  });

  it("hawkesInference's bootstrap refits: the one that ran off as before in value, the others unchanged", () => {
    // synthCity({ people: 300, seed: 1, years: 4 }): years_since_first_record runs off in bootstrap
    // refit 0 (the fit kept it), not in refit 2.
    const { data } = synthCity({ people: 300, seed: 1, years: 4 });
    const ctx = inferenceContext(data, {}, 1, false);
    expect(ctx.model.diagnostics.droppedCovariates).toEqual([]);
    runs.length = 0;
    const [off] = runReplicates(ctx, [['bootstrap', 0]]);
    expect(off.ranOff).toEqual([YEARS]);
    // Before: the run with contagion took all 1,000 iterations (651 now, converged).
    for (const r of runs) {
      expect(r.converged).toBe(true);
      expect(r.iterations).toBeLessThan(1000);
    }
    expect(runs[0].held).toEqual([3]);
    // Before: share 0.2932881345, ℓ -108.7731532694, α 0.08378070167, delay 107.742780 days.
    expect(off.share).toBeCloseTo(0.2932881345, 6);
    expect(off.log_lik).toBeCloseTo(-108.7731532694, 6);
    expect(off.alpha).toBeCloseTo(0.08378070167, 6);
    expect(off.mean_delay_days).toBeCloseTo(107.74278, 3);
    runs.length = 0;
    const [kept] = runReplicates(ctx, [['bootstrap', 2]]);
    expect(kept.ranOff).toEqual([]);
    expect(runs.map((r) => r.held)).toEqual(runs.map(() => []));
    // The same figures as before the hold (nothing ran off: the same EM, iteration for iteration).
    expect(kept.share).toBeCloseTo(0.3185353134901811, 12);
    expect(kept.log_lik).toBeCloseTo(-80.317241090156, 10);
    expect(kept.alpha).toBeCloseTo(0.06285815969029501, 12);
    expect(kept.mean_delay_days).toBeCloseTo(93.03876401986456, 9);
  });
});
