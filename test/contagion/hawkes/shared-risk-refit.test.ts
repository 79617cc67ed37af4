import { describe, expect, it } from 'vitest';
import { homophilyCity } from '../../../bench/worlds-homophily-harness.js';
import {
  fitCovariates,
  refitNetworkHawkes,
  sharedRiskRefit,
} from '../../../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';

/**
 * The shared-risk check's refit (the group covariate over 730 days) ran as a fit of its own:
 * fresh start values, `kernel: 'auto'`'s Erlang search again, the frailty and parents, at the
 * fit's tolerance: 1.6–3.1 s CPU a 3,000-person city against 0.6–1.2 held at the fit's kernel and
 * started from its parameters, with the same shares (bench/shared-risk-refit-ab.ts).
 */
describe('the shared-risk check refit', () => {
  it('starts from the fit, keeps its kernel, and finds the share a full refit finds', {
    timeout: 120_000,
  }, () => {
    // Drifting neighbourhoods with contagion (seed 2: shared-risk score 5.7, so the check runs).
    const c = homophilyCity({ seed: 2, world: 'shocks', alpha: 0.05 });
    const m = fitNetworkHawkes(c.data);
    const full = refitNetworkHawkes(
      c.data,
      { groupEventDays: 730, standardErrors: true },
      { covariates: fitCovariates(m) },
    );
    const held = sharedRiskRefit(c.data, {}, m, 730);
    // 33.97% both (the fit 35.2%, true 33.7%).
    expect(full.contagionShare).toBeCloseTo(0.3397, 3);
    expect(Math.abs(held.contagionShare - full.contagionShare)).toBeLessThan(1e-4);
    const lr = (g: typeof m) => 2 * (g.logLikelihood - m.logLikelihood);
    expect(lr(full)).toBeGreaterThan(10.83);
    expect(Math.abs(lr(held) - lr(full))).toBeLessThan(0.05);
    expect(held.identified).toBe(full.identified);
    // No second kernel search, fewer EM iterations, no frailty.
    expect(full.kernel.choice?.tested).toBe(true);
    expect(held.kernel.choice).toBeNull();
    expect(held.kernel.type).toBe(m.kernel.type);
    expect(held.diagnostics.emIterations).toBeLessThan(full.diagnostics.emIterations);
    expect(held.diagnostics.timings.frailty).toBeUndefined();
  });
});
