import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { OptionError } from '../../../src/core/errors.js';
import { generateNetworkHawkesCity } from './generate.js';

// A city with contagion (α = 0.15): the default fit finds α ≈ 0.16, identified.
const { data } = generateNetworkHawkesCity({
  people: 600,
  years: 4,
  seed: 3,
  mu: 2e-4,
  alpha: 0.15,
  beta: 1 / 40,
});

function optionError(f: () => unknown): OptionError {
  try {
    f();
  } catch (e) {
    if (e instanceof OptionError) return e;
    throw e;
  }
  throw new Error('expected an OptionError');
}

describe('fitNetworkHawkes start values are checked', () => {
  it('refuses a misspelt start name, naming the closest (it was ignored)', () => {
    const e = optionError(() => fitNetworkHawkes(data, { start: { alfa: 0.1 } as never }));
    expect(e.message).toMatch(
      /^fitNetworkHawkes: unknown option 'start\.alfa'\. Did you mean 'start\.alpha'\?/,
    );
    const c = optionError(() =>
      fitNetworkHawkes(data, { start: { covariates: { prior_incidentz: 1 } } }),
    );
    expect(c.message).toMatch(
      /unknown option 'start\.covariates\.prior_incidentz'\. Did you mean 'start\.covariates\.prior_incidents'\?/,
    );
  });

  it('refuses start values outside the model (they gave −∞ or NaN likelihoods, or a false "no contagion")', () => {
    // beta 0: logLikelihood −Infinity; mu −1: α = 0 "no contagion detected", converged;
    // a NaN covariate: logLikelihood NaN; amplitude 5: −Infinity.
    for (const [start, name] of [
      [{ beta: 0 }, 'beta'],
      [{ mu: -1 }, 'mu'],
      [{ alpha: Number.NaN }, 'alpha'],
      [{ alphaSelf: -1 }, 'alphaSelf'],
      [{ covariates: { prior_incidents: Number.NaN } }, 'prior_incidents'],
      [{ seasonalAmplitude: 5 }, 'seasonalAmplitude'],
    ] as const) {
      const e = optionError(() => fitNetworkHawkes(data, { seasonal: true, start }));
      expect(e.message).toMatch(new RegExp(`option 'start(\\.covariates)?\\.${name}' must be`));
    }
  });

  it('says that start.alpha = 0 holds α at 0, not that no contagion was detected', () => {
    const m = fitNetworkHawkes(data, { start: { alpha: 0 }, standardErrors: false });
    expect(m.parameters.alpha).toBe(0);
    expect(m.identified).toBe(false);
    const w = m.warnings.join(' ');
    expect(w).not.toMatch(/No contagion detected/);
    expect(w).toMatch(/α was held at 0 by start\.alpha = 0/);
    // The same records without the start find contagion.
    expect(fitNetworkHawkes(data, { standardErrors: false }).parameters.alpha).toBeGreaterThan(0.1);
  });

  it('refuses a misspelt recordCovariates name, naming the closest', () => {
    const e = optionError(() =>
      fitNetworkHawkes(data, { recordCovariates: { priorIncident: false } as never }),
    );
    expect(e.message).toMatch(
      /unknown option 'recordCovariates\.priorIncident'\. Did you mean 'recordCovariates\.priorIncidents'\?/,
    );
  });
});

describe('fitNetworkHawkes user covariates: nothing dropped unsaid', () => {
  const people = [...new Set(data.involvements.map((v) => v.person_id))].sort();
  const rows = people.map((person_id, i) => ({ person_id, score: i % 5 }));
  const quick = { recordCovariates: false, standardErrors: false } as const;

  it('refuses a covariate column no row has, naming the closest (it was read as all missing)', () => {
    const e = optionError(() =>
      fitNetworkHawkes(data, { ...quick, covariates: rows, covariateColumns: ['scor'] }),
    );
    expect(e.message).toMatch(/no covariate column 'scor'\. Did you mean 'score'\?/);
  });

  it('refuses a row without a person or a person given twice (dropped unsaid)', () => {
    expect(() =>
      fitNetworkHawkes(data, { ...quick, covariates: [{ id: people[0], score: 1 }] }),
    ).toThrow(/covariates row 1 has no person_id/);
    expect(() =>
      fitNetworkHawkes(data, {
        ...quick,
        covariates: [...rows, { person_id: people[3], score: 9 }],
      }),
    ).toThrow(new RegExp(`covariates row ${rows.length + 1} repeats person '${people[3]}'`));
  });

  it('leaves out a covariate collinear with the ones before it, instead of calling α not identified', () => {
    // y = 2x + 1: the information was singular, every standard error null, and the fit said
    // 'The information about α is singular: the excitation is not identified'.
    const m = fitNetworkHawkes(data, {
      recordCovariates: false,
      covariates: people.map((person_id, i) => ({ person_id, x: i % 7, y: 2 * (i % 7) + 1 })),
    });
    expect(m.identified).toBe(true);
    expect(m.standardErrors.alpha).toBeGreaterThan(0);
    expect(m.standardErrors.covariates.x).toBeGreaterThan(0);
    expect(m.parameters.covariates.y).toBe(0);
    expect(m.standardErrors.reasons.y).toBe('collinear with the covariates before it (left out)');
    expect(m.warnings.join(' ')).toMatch(
      /'y' is a linear combination of the covariates before it \(collinear\)/,
    );
    expect(m.warnings.join(' ')).not.toMatch(/information about α is singular/);
  });

  it('fits a covariate on any scale as in units: coefficient, standard error, information and risk per its own units', () => {
    // x·1e5 (sd 4e5): the standard error of x came out 4.5 times too small; x·1e7: the
    // information was singular, read as 'The information about α is singular'; x·1e-9: the
    // coefficient stopped at a tenth of its value. 9d50205 refused them ('rescale it'), which
    // refused income in dollars (sd 1.7e4); now such a covariate is fitted in units of its
    // standard deviation and reported in its own.
    const fitScaled = (scale: number) =>
      fitNetworkHawkes(data, {
        covariates: people.map((person_id, i) => ({ person_id, x: (i % 13) * scale })),
      });
    const unit = fitScaled(1);
    const who = people.slice(0, 40);
    const riskOf = (m: ReturnType<typeof fitScaled>) =>
      m.risk(who, { from: '2023-01-01', horizonDays: 90 }).map((r) => r.expected);
    for (const scale of [1e5, 1e7, 1e-9, 1e4]) {
      const m = fitScaled(scale);
      expect(m.identified).toBe(true);
      expect(m.parameters.covariates.x * scale).toBeCloseTo(unit.parameters.covariates.x, 5);
      expect((m.standardErrors.covariates.x as number) * scale).toBeCloseTo(
        unit.standardErrors.covariates.x as number,
        5,
      );
      expect(m.parameters.alpha).toBeCloseTo(unit.parameters.alpha, 6);
      const names = m.diagnostics.informationParameters;
      const ix = names.findIndex((nm) => nm.endsWith('x'));
      expect(ix).toBeGreaterThanOrEqual(0);
      const ia = names.findIndex((nm) => nm.includes('alpha'));
      const info = m.diagnostics.information;
      const infoUnit = unit.diagnostics.information;
      // ∂²ℓ/∂γ² in x's own units: γ of x·c is γ of x over c, so its information is c² times.
      expect(info[ix][ix] / scale ** 2 / infoUnit[ix][ix]).toBeCloseTo(1, 4);
      expect(info[ix][ia] / scale / infoUnit[ix][ia]).toBeCloseTo(1, 4);
      expect(info[ia][ia] / infoUnit[ia][ia]).toBeCloseTo(1, 4);
      const a = riskOf(m);
      const b = riskOf(unit);
      for (let k = 0; k < who.length; k++) expect(a[k]).toBeCloseTo(b[k], 8);
      // A start value is in the covariate's own units too.
      const started = fitNetworkHawkes(data, {
        covariates: people.map((person_id, i) => ({ person_id, x: (i % 13) * scale })),
        start: { covariates: { x: unit.parameters.covariates.x / scale } },
      });
      expect(started.parameters.covariates.x * scale).toBeCloseTo(unit.parameters.covariates.x, 5);
    }
    // Within 1e-3 to 1e3 nothing is rescaled: the same numbers as before.
    expect(fitScaled(1e3).parameters.covariates.x * 1e3).toBeCloseTo(
      unit.parameters.covariates.x,
      6,
    );
  });

  it('says how many rows name people not in the records', () => {
    const m = fitNetworkHawkes(data, {
      ...quick,
      covariates: [...rows, { person_id: 'nobody', score: 3 }],
    });
    expect(m.warnings).toContain(
      `1 covariates row names a person not in the records (row ${rows.length + 1}); it was not used. Check that their person_id is written as in the records.`,
    );
    expect(m.parameters.covariates.score).not.toBe(0);
  });

  it('does not count people of the records first recorded after the fit’s asOf', () => {
    // One covariates table for everyone, a fit as of a past date: the people first recorded
    // later are in the records, just not at risk yet. They were counted as 'people not in the
    // records' (11 of 2000 on synthCity seed 2 as of 2021), a warning every list then repeated.
    const first = new Map<string, string>();
    const dateOf = new Map(data.incidents.map((i) => [i.incident_id, String(i.date)]));
    for (const v of data.involvements) {
      const d = dateOf.get(v.incident_id)!;
      if (!first.has(v.person_id) || d < first.get(v.person_id)!) first.set(v.person_id, d);
    }
    const asOf = [...first.values()].sort()[Math.floor(first.size * 0.9)];
    const later = people.filter((p) => first.get(p)! > asOf);
    expect(later.length).toBeGreaterThan(10);
    const m = fitNetworkHawkes(data, { ...quick, asOf, covariates: rows });
    expect(m.warnings.filter((w) => /covariates row/.test(w))).toEqual([]);
    // A row naming nobody in the records is still counted.
    const m2 = fitNetworkHawkes(data, {
      ...quick,
      asOf,
      covariates: [...rows, { person_id: 'nobody', score: 3 }],
    });
    expect(m2.warnings.filter((w) => /covariates row/.test(w))).toEqual([
      `1 covariates row names a person not in the records (row ${rows.length + 1}); it was not used. Check that their person_id is written as in the records.`,
    ]);
  });
});

describe('fitNetworkHawkes exits rows are checked', () => {
  const person = data.involvements[0].person_id;
  const quick = { standardErrors: false } as const;

  it('refuses a misspelt field, a missing person and to not after from (each was ignored)', () => {
    // 'until' for 'to' made the exit open-ended; 'person' for 'person_id' dropped it; to before
    // from dropped it: the fit's person-days were those of no exit at all, with no word.
    expect(() =>
      fitNetworkHawkes(data, {
        ...quick,
        exits: [{ person_id: person, from: '2019-01-01', until: '2019-06-01' } as never],
      }),
    ).toThrow(
      "fitNetworkHawkes exits row 1: field 'until' holds a date (\"2019-06-01\"); an exit reads its start from 'from' and its end from 'to' (none: open-ended), so name the date 'from' or 'to', or leave it out",
    );
    expect(() =>
      fitNetworkHawkes(data, { ...quick, exits: [{ person, from: '2019-01-01' } as never] }),
    ).toThrow(/exits row 1: unknown field 'person'\. Did you mean 'person_id'\?/);
    expect(() =>
      fitNetworkHawkes(data, {
        ...quick,
        exits: [{ person_id: person, from: '2020-01-01', to: '2019-01-01' }],
      }),
    ).toThrow(/exits row 1: needs person_id and from, with to \(if given\) after from/);
    // A custody table's other fields (not dates, not close to a field's name) are carried: they
    // were refused as unknown options (08a938e), so such a table could not be passed as it is.
    const withReason = fitNetworkHawkes(data, {
      ...quick,
      exits: [
        { person_id: person, from: '2019-01-01', to: '2019-06-01', reason: 'custody', days: 151 },
      ] as never,
    }).diagnostics.personDays;
    expect(() =>
      fitNetworkHawkes(data, {
        ...quick,
        exits: [
          { person_id: person, from: '2019-01-01', end_date: new Date('2019-06-01') } as never,
        ],
      }),
    ).toThrow(/exits row 1: field 'end_date' holds a date/);
    // A well-formed exit still removes time at risk.
    const base = fitNetworkHawkes(data, quick).diagnostics.personDays;
    const out = fitNetworkHawkes(data, {
      ...quick,
      exits: [{ person_id: person, from: '2019-01-01', to: '2019-06-01' }],
    }).diagnostics.personDays;
    expect(out).toBeLessThan(base);
    expect(withReason).toBe(out);
  });
});
