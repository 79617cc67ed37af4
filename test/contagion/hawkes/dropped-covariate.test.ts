import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { synthCity } from '../../../src/synth/index.js';

describe('a covariate that runs off is dropped and the model refitted without it', () => {
  it('a small city: years since the first record no longer gives anyone thousands of events', () => {
    // 300 people over 4 years, 9 serious events: years_since_first_record ran off to 61.9
    // (standard error 1.65e+4; 63.1 now that EM stops where it sees it run off) and was kept, so one person read 4,697 expected events in 90 days
    // and the city 171,869, against 0.55 a 90-day window in the records.
    const { data } = synthCity({ people: 300, seed: 2, years: 4 });
    const m = fitNetworkHawkes(data);
    expect(m.diagnostics.droppedCovariates).toEqual(['years_since_first_record']);
    expect(m.parameters.covariates.years_since_first_record).toBe(0);
    expect(m.standardErrors.covariates.years_since_first_record).toBeNull();
    expect(m.standardErrors.reasons.years_since_first_record).toMatch(/ran off.*refitted/);
    const w = m.warnings.filter((x) => x.includes("'years_since_first_record'"));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /ran off: its coefficient reached 63\.1 with a standard error of 1\.97e\+4/,
    );
    expect(w[0]).toMatch(/dropped and the model refitted without it/);
    // The other covariates are still fitted, finite and moderate.
    for (const [name, value] of Object.entries(m.parameters.covariates))
      if (name !== 'years_since_first_record') expect(Math.abs(value)).toBeLessThan(2);
    const risks = m.risk(undefined, { from: m.diagnostics.asOf, horizonDays: 90 });
    let top = 0;
    let city = 0;
    for (const r of risks) {
      top = Math.max(top, r.expected);
      city += r.expected;
    }
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(0.1);
    // The city's 90 days: 9 events in 1,459 days are 0.56 a 90-day window.
    expect(city).toBeGreaterThan(0.2);
    expect(city).toBeLessThan(2);
  });

  it('a user covariate the data separate (1 for everyone who never has an event) is dropped', () => {
    // EM chases the coefficient towards −∞ until maxIterations: 60 keeps the test short.
    const { data } = synthCity({ people: 250, seed: 4 });
    const o = { frailty: false, maxIterations: 60 } as const;
    const base = fitNetworkHawkes(data, o);
    const victims = new Set(base.events.array('person_id') as string[]);
    const covariates = data.people.map((p) => ({
      person_id: p.person_id,
      never: victims.has(p.person_id) ? 0 : 1,
    }));
    const m = fitNetworkHawkes(data, { ...o, covariates });
    expect(m.diagnostics.droppedCovariates).toEqual(['never']);
    expect(m.parameters.covariates.never).toBe(0);
    expect(m.warnings.join(' ')).toMatch(
      /'never' ran off: its coefficient reached -\d.*dropped and the model refitted without it/,
    );
    // Dropped, the fit is the fit without it: the same log-likelihood and record coefficients.
    expect(m.logLikelihood).toBeCloseTo(base.logLikelihood, 6);
    for (const [name, value] of Object.entries(base.parameters.covariates))
      expect(m.parameters.covariates[name]).toBeCloseTo(value, 6);
    // Deterministic: the same drop, the same numbers.
    const again = fitNetworkHawkes(data, { ...o, covariates });
    expect(again.parameters).toEqual(m.parameters);
    // With standard errors off the same covariate is dropped (bootstrap and check refits run so).
    const quick = fitNetworkHawkes(data, { ...o, covariates, standardErrors: false });
    expect(quick.diagnostics.droppedCovariates).toEqual(['never']);
    // Its reason says so with standard errors off too (it read 'not asked for').
    expect(quick.standardErrors.covariates.never).toBeNull();
    expect(quick.standardErrors.reasons.never).toBe(
      'ran off (the data nearly separate it): dropped, and the model refitted without it',
    );
    expect(quick.standardErrors.reasons.prior_incidents).toMatch(/^not asked for/);
    expect(quick.logLikelihood).toBeCloseTo(m.logLikelihood, 9);
  });

  it('a covariate that nearly duplicates another is dropped, and the warning says it may', () => {
    // b is a plus noise of 1e-4: a's coefficient ran to 3.49e+3 (standard error 4.00e+3) and the
    // warning gave separation ("no event ever follows it") as the only cause.
    const { data } = synthCity({ people: 250, seed: 4 });
    const rows = data.people.map((p, j) => {
      const a = Math.sin((j + 1) * 12.9898);
      return { person_id: p.person_id, a, b: a + 1e-4 * Math.cos((j + 1) * 7.1) };
    });
    const m = fitNetworkHawkes(data, { frailty: false, covariates: rows });
    expect(m.diagnostics.droppedCovariates).toEqual(['a']);
    const w = m.warnings.filter((x) => x.startsWith("The covariate 'a' ran off"));
    expect(w).toHaveLength(1);
    // 460 since EM stops where it sees a coefficient run off (3.49e+3 after 1,000 iterations).
    expect(w[0]).toMatch(/^The covariate 'a' ran off: its coefficient reached 460 with a standard/);
    expect(w[0]).toContain('or other covariates nearly duplicate it');
    // Dropped, it is the fit with b alone.
    const bOnly = fitNetworkHawkes(data, {
      frailty: false,
      covariates: rows.map(({ person_id, b }) => ({ person_id, b })),
    });
    expect(m.logLikelihood).toBeCloseTo(bOnly.logLikelihood, 6);
    expect(m.parameters.covariates.b).toBeCloseTo(bOnly.parameters.covariates.b, 6);
  });

  it('one whose standard error alone ran off says so, not that its coefficient "reached" 0.186', () => {
    const { data } = synthCity({ people: 250, seed: 4 });
    const o = { frailty: false, maxIterations: 60, recordCovariates: false } as const;
    const victims = new Set(fitNetworkHawkes(data, o).events.array('person_id') as string[]);
    const rows = data.people.map((p, j) => {
      const never = victims.has(p.person_id) ? 0 : 1;
      return { person_id: p.person_id, never, never2: never * (1 + ((j + 1) % 3) * 0.1) };
    });
    const m = fitNetworkHawkes(data, { ...o, covariates: rows });
    expect(m.diagnostics.droppedCovariates).toEqual(['never2', 'never']);
    const w = m.warnings.find((x) => x.startsWith("The covariate 'never2' ran off"));
    expect(w).toMatch(
      /^The covariate 'never2' ran off: its standard error reached 5\.\d\de\+4, its coefficient 0\.\d+ \(for one/,
    );
  });

  it('drops nothing where nothing runs off', () => {
    const { data } = synthCity({ people: 400, seed: 1 });
    const m = fitNetworkHawkes(data, { frailty: false });
    expect(m.diagnostics.droppedCovariates).toEqual([]);
    expect(m.warnings.join(' ')).not.toMatch(/ran off/);
  });
});
