import { describe, expect, it, vi } from 'vitest';
import type { NetworkHawkesModel } from '../../../src/contagion/hawkes/model.js';

// Every model the inference module makes (its fit to the records, and each refit), caught where
// it imports them, to compare the refits' covariates with the fit's.
const made = vi.hoisted(() => [] as { how: 'fit' | 'refit'; model: NetworkHawkesModel }[]);
vi.mock('../../../src/contagion/hawkes/fit.js', async (importOriginal) => {
  const fit = await importOriginal<typeof import('../../../src/contagion/hawkes/fit.js')>();
  const fitNetworkHawkes = (...args: Parameters<typeof fit.fitNetworkHawkes>) => {
    const model = fit.fitNetworkHawkes(...args);
    made.push({ how: 'fit', model });
    return model;
  };
  fitNetworkHawkes.defaults = fit.fitNetworkHawkes.defaults;
  return {
    ...fit,
    fitNetworkHawkes,
    refitNetworkHawkes: (...args: Parameters<typeof fit.refitNetworkHawkes>) => {
      const model = fit.refitNetworkHawkes(...args);
      made.push({ how: 'refit', model });
      return model;
    },
  };
});

const { coOffenderRefit, fitCovariates, histogramRefit, keptRunOff, refitNetworkHawkes } =
  await import('../../../src/contagion/hawkes/fit.js');
const { inferenceContext, kernelShapeCheck, runReplicates, summariseInference } = await import(
  '../../../src/contagion/hawkes/inference.js'
);
const { synthCity } = await import('../../../src/synth/index.js');

// 300 people over 4 years, 9 serious events: the fit drops years_since_first_record (it ran off).
const { data } = synthCity({ people: 300, seed: 2, years: 4 });
const YEARS = 'years_since_first_record';

describe('refits of a fit that dropped a covariate', () => {
  it('every refit (bootstrap, null, rewired, placebo, the checks) has exactly the fit covariates', () => {
    made.length = 0;
    const ctx = inferenceContext(data, {}, 1, true);
    const fit = ctx.model;
    expect(fit.diagnostics.droppedCovariates).toEqual([YEARS]);
    const rows = runReplicates(ctx, [
      ['bootstrap', 0],
      ['bootstrap', 1],
      ['bootstrap', 2],
      ['null', 0],
      ['null', 1],
      ['rewired', 0],
      ['placebo', 0],
    ]);
    expect(kernelShapeCheck(ctx)).not.toBeNull();
    const refits = made.filter((m) => m.model !== fit).map((m) => m.model);
    // 7 replicates, the α = 0 model the null replicates simulate, the gamma kernel check.
    expect(refits).toHaveLength(9);
    // Before, bootstrap 0 and 2 and null 0 kept years_since_first_record (it did not run off in
    // their data): their log-likelihoods -82.77, -68.11, -54.85 against -83.33, -68.91, -55.12
    // came from a model with one covariate more than the fit whose interval and test they make.
    refits.push(histogramRefit(data, {}, fit), coOffenderRefit(data, {}, fit));
    const kept = Object.keys(fit.parameters.covariates).filter((c) => c !== YEARS);
    for (const m of refits) {
      expect(m.diagnostics.droppedCovariates.filter((c) => c !== 'co_offenders')).toEqual([YEARS]);
      expect(m.parameters.covariates[YEARS]).toBe(0);
      for (const c of kept) expect(m.parameters.covariates[c]).not.toBe(0);
      expect(keptRunOff(m)).toEqual([]);
    }
    for (const r of rows) {
      expect(r.error).toBe('');
      expect(r.dropped).toEqual([YEARS]);
      expect(r.ranOff).toEqual([]);
    }
  });

  it('a covariate the fit kept that runs off in a refit is kept there, and the inference says so', () => {
    // The same records refitted as if the fit had kept years_since_first_record: it runs off
    // (to about 62) and is kept, so the refit is of the model it was asked for.
    const ctx = inferenceContext(data, {}, 1, false);
    const names = Object.keys(ctx.model.parameters.covariates);
    expect(fitCovariates(ctx.model)).toEqual({ names, dropped: [YEARS] });
    const m = refitNetworkHawkes(
      data,
      { frailty: false, standardErrors: false },
      { covariates: { names, dropped: [] } },
    );
    expect(m.diagnostics.droppedCovariates).toEqual([]);
    expect(m.parameters.covariates[YEARS]).toBeGreaterThan(10);
    expect(keptRunOff(m)).toEqual([YEARS]);
    expect(m.warnings.join(' ')).toMatch(
      /'years_since_first_record' ran off: .* The fit this refit belongs to kept it, so it is kept here too/,
    );
    // hawkesInference counts such refits by kind and names the covariates.
    const row = (kind: 'bootstrap' | 'placebo', replicate: number, ranOff: string[]) => ({
      kind,
      replicate,
      seed: 0,
      events: 9,
      alpha: 0.1,
      mean_delay_days: 30,
      share: 0.2,
      identified: true,
      log_lik: -80,
      log_lik_null: Number.NaN,
      lr: Number.NaN,
      error: '',
      dropped: [YEARS],
      ranOff,
    });
    const inf = summariseInference(
      ctx,
      [
        row('bootstrap', 0, ['prior_incidents']),
        row('bootstrap', 1, []),
        row('placebo', 0, ['prior_incidents', 'prior_victimisation']),
      ],
      { level: 0.95, replicates: 2, nullReplicates: 0, placeboReplicates: 1 },
    );
    expect(inf.warnings).toContain(
      "In 1 of 2 bootstrap refits and 1 of 1 placebo refits a covariate the fit kept ran off ('prior_incidents' in 2 and 'prior_victimisation' in one): every refit keeps the fit's covariates (those it dropped held at 0, no other dropped), so that it is a refit of the same model and its likelihood compares with the fit's, and these kept it at its run-off value (their α, share and delay are the limits the likelihood tends to along it). A covariate that runs off in many refits is barely estimable on these records: consider turning it off.",
    );
    expect(inf.replicates.columnNames()).not.toContain('ranOff');
  });
});
