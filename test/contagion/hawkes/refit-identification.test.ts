import { describe, expect, it } from 'vitest';
import { topoWorld } from '../../../bench/worlds-topology-harness.js';
import { shortKernelWarning } from '../../../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes, hawkesInference } from '../../../src/contagion/hawkes/index.js';
import { synthCity } from '../../../src/synth/index.js';

/**
 * The refits behind a warning (the co-offender and histogram-kernel checks, hawkesInference's
 * placebo) skipped the two-standard-error rule of identification whenever they ran without
 * standard errors: the checks' refits always, the placebo's with `fit: { standardErrors: false }`.
 * A warning then described a refit's share as found where that refit identified nothing. They
 * judge it now as any fit does, by the standard errors of the information the fit computes for its
 * covariate check anyway (the figures are unchanged).
 */
describe('the refits behind a warning judge identification as the fit does', () => {
  it("hawkesInference's placebo with standardErrors: false counts what the same refits with them identify", () => {
    // No contagion; minSeverity 2 (an assortative background: the placebo's share is 6.3%).
    const data = synthCity({ people: 1500, seed: 1, contagion: { alpha: 0 } }).data;
    const q = {
      replicates: 0,
      nullReplicates: 0,
      placeboReplicates: 9,
      placebo: 'shuffled-days' as const,
      kernelCheck: false,
      seed: 1,
    };
    const off = hawkesInference(data, { ...q, fit: { minSeverity: 2, standardErrors: false } });
    const on = hawkesInference(data, { ...q, fit: { minSeverity: 2 } });
    expect(off.placebo?.shares).toEqual(on.placebo?.shares);
    expect(on.placebo?.identified).toBe(1);
    expect(off.placebo?.identified).toBe(1); // was 2
    const said =
      /still reports a contagion share of 6\.3% \(1 of 9 placebo fits identified the kernel\)/;
    expect(on.warnings.join(' ')).toMatch(said);
    expect(off.warnings.join(' ')).toMatch(said);
    const placebo = (r: typeof on) =>
      (r.replicates.objects() as { kind: string; identified: boolean }[])
        .filter((x) => x.kind === 'placebo')
        .map((x) => x.identified);
    expect(placebo(off)).toEqual(placebo(on));
  });

  it("the co-offender check's refit under two standard errors reads not identified", () => {
    // 3,000 people in cliques, background ∝ 1 + co-offenders, little contagion (ρ 0.1, a true
    // share of 7.5%): with ln(1 + co-offenders) as a covariate α = 0.00335, under two standard
    // errors (0.00198 each).
    const w = topoWorld({ topology: 'cliques', seed: 2, rho: 0.1 });
    const m = fitNetworkHawkes(w.data, { recordCovariates: { priorCoOffenders: false } });
    const warning = m.warnings.find((x) =>
      x.startsWith('Risk rises with the number of co-offenders'),
    );
    expect(warning).toContain('and finds a share of 4.7%, not identified, against');
    // It read "finds a share of 4.7% with a kernel mean of 49 days".
    expect(warning).not.toMatch(/kernel mean of 49 days/);
  });

  it("the histogram-kernel check's warning says a refit not identified", () => {
    const fit = { contagionShare: 0.118, meanDays: 4.2 };
    const found = shortKernelWarning(
      'exponential kernel',
      75.2,
      2e-5,
      5,
      { identified: true, contagionShare: 0.247, meanDays: 61.3 },
      fit,
    );
    expect(found).toContain('and finds a share of 24.7% with a mean delay of 61 days, against');
    const none = shortKernelWarning(
      'exponential kernel',
      75.2,
      2e-5,
      5,
      { identified: false, contagionShare: 0.247, meanDays: 61.3 },
      fit,
    );
    expect(none).toContain(
      "and finds a share of 24.7%, not identified, against this fit's 11.8% and 4 days",
    );
    expect(none).not.toMatch(/61 days|NaN|undefined/);
  });
});
