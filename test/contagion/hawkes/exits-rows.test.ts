import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { ingest } from '../../../src/ingest/index.js';
import { type IncidentSpec, makeDataset } from '../../helpers.js';
import { generateNetworkHawkesCity } from './generate.js';

const { data: city } = generateNetworkHawkesCity({
  people: 300,
  years: 3,
  seed: 5,
  mu: 2e-4,
  alpha: 0.15,
  beta: 1 / 40,
});
// The same records with whole-number person ids, as a CSV export holds them (ingest makes them text).
const numeric = new Map(
  [...new Set(city.involvements.map((v) => v.person_id))].map((p, i) => [p, 1000 + i]),
);
const { data } = ingest(
  {
    incidents: city.incidents.map((i) => ({
      incident_id: i.incident_id,
      date: i.date,
      severity: i.severity,
    })),
    involvements: city.involvements.map((v) => ({
      incident_id: v.incident_id,
      person_id: numeric.get(v.person_id),
      role: v.role,
    })),
  },
  { now: '2030-01-01' },
);
const quick = { standardErrors: false } as const;
const personDays = (exits?: unknown[]) =>
  fitNetworkHawkes(data, { ...quick, exits: exits as never }).diagnostics.personDays;

describe('fitNetworkHawkes exits rows as a custody table reads them', () => {
  const id = data.involvements[0].person_id;

  it('takes a person_id a CSV reader typed as a whole number as its text (it was refused)', () => {
    expect(typeof id).toBe('string');
    const asText = personDays([{ person_id: id, from: '2019-01-01', to: '2019-06-01' }]);
    expect(asText).toBeLessThan(personDays());
    // Before: "exits row 1: option 'person_id' must be a non-empty string, got 1000".
    expect(personDays([{ person_id: Number(id), from: '2019-01-01', to: '2019-06-01' }])).toBe(
      asText,
    );
  });

  it('reads an empty to (still in custody) as an open-ended exit, as a missing one (it was refused)', () => {
    const open = personDays([{ person_id: id, from: '2019-01-01' }]);
    expect(open).toBeLessThan(
      personDays([{ person_id: id, from: '2019-01-01', to: '2019-06-01' }]),
    );
    // Before: "exit of person '1000' has an invalid date".
    expect(personDays([{ person_id: id, from: '2019-01-01', to: '' }])).toBe(open);
  });
});

describe('fitNetworkHawkes: an event inside an exit of its person', () => {
  // 12 people tied in two crews, 40 shootings 19 days apart from 2020-02-01.
  const people = Array.from({ length: 12 }, (_, i) => `P${i}`);
  const specs: IncidentSpec[] = [
    ['T1', '2020-01-01', 1, people.slice(0, 6), []],
    ['T2', '2020-01-02', 1, people.slice(6), []],
    ['T3', '2020-01-03', 1, ['P0', 'P6'], []],
  ];
  for (let i = 0; i < 40; i++)
    specs.push([
      `S${i}`,
      new Date(Date.UTC(2020, 1, 1 + 19 * i)).toISOString().slice(0, 10),
      3,
      [people[(i * 5 + 1) % 12]],
      [people[(i * 7) % 12]],
    ]);
  const crews = makeDataset(specs);

  it('is conditioned on, not modelled, and named in a warning (its background counted while the exit removed the time)', () => {
    // Without the co-offender count: everyone has 5 or 6 co-offenders from the third day on.
    const noCo = { recordCovariates: { priorCoOffenders: false } };
    // P0 in custody from 2020-01-15 for good, yet shot in S0, S12, S24 and S36.
    const m = fitNetworkHawkes(crews, {
      ...noCo,
      exits: [{ person_id: 'P0', from: '2020-01-15' }],
    });
    expect(m.warnings).toContain(
      '4 events fall inside an exit of their person (harm in custody, or an exit in error): conditioned on, not modelled: incident S0 (2020-02-01), S12 (2020-09-16), S24 (2021-05-02) and 1 more.',
    );
    const p0 = m.events.filter((d: { person_id: string }) => d.person_id === 'P0');
    expect(p0.numRows()).toBe(4);
    expect(p0.array('p_triggered')).toEqual([0, 0, 0, 0]);
    // The shares compared without record covariates: with them, some ran off (coefficients of −28
    // to −66) and are dropped, two in one fit and four in the other, so the two fits would not
    // share a background. Without: 0.049 without the exit and 0.084 with it, which conditions on
    // the four events and takes P0's time in custody out of the background. Before the exit's
    // events were conditioned on, the fit with the exit read 0.231: the four had no background
    // (the exit removed P0's time) and read as contagion (p_triggered 1), which adds their 4 of
    // the 40 events to the share and raised α to 0.084 (0.031 now).
    const flat = { recordCovariates: false } as const;
    const plainFlat = fitNetworkHawkes(crews, flat);
    const exitFlat = fitNetworkHawkes(crews, {
      ...flat,
      exits: [{ person_id: 'P0', from: '2020-01-15' }],
    });
    for (const f of [plainFlat, exitFlat]) {
      expect(f.diagnostics.droppedCovariates).toEqual([]);
      expect(f.diagnostics.events).toBe(40);
    }
    expect(plainFlat.contagionShare).toBeCloseTo(0.0493, 3);
    expect(exitFlat.contagionShare).toBeCloseTo(0.0844, 3);
    expect(exitFlat.contagionShare).toBeLessThan(plainFlat.contagionShare + 4 / 40);
    expect(exitFlat.parameters.alpha).toBeCloseTo(0.0305, 3);
    const inCustody = exitFlat.events.filter((d: { person_id: string }) => d.person_id === 'P0');
    expect(inCustody.array('p_triggered')).toEqual([0, 0, 0, 0]);
    // An exit starting on the day of an event (arrested after being shot) leaves it modelled.
    const sameDay = fitNetworkHawkes(crews, {
      exits: [{ person_id: 'P0', from: '2020-02-01', to: '2020-03-01' }],
    });
    expect(sameDay.warnings.join(' ')).not.toMatch(/inside an exit/);
  });

  it('with everyone in an exit, nothing is modelled: no −∞ or NaN log-likelihood', () => {
    // Before: ℓ −∞ (AIC ∞) with everyone exited from 2020-01-15; NaN (and a share of 0.46) with all but P0.
    for (const out of [people, people.slice(1)]) {
      const m = fitNetworkHawkes(crews, {
        exits: out.map((person_id) => ({ person_id, from: '2020-01-15' })),
      });
      expect(Number.isFinite(m.logLikelihood)).toBe(true);
      expect(Number.isFinite(m.aic)).toBe(true);
      expect(m.identified).toBe(false);
    }
    const all = fitNetworkHawkes(crews, {
      exits: people.map((person_id) => ({ person_id, from: '2020-01-15' })),
    });
    expect(all.warnings).toContain(
      'All 40 events are conditioned on (40 inside an exit): none is modelled and every forecast is 0. Check the exits.',
    );
  });
});

describe('fitNetworkHawkes exits rows naming nobody in the records', () => {
  it('are counted in the warnings by row (no id), not dropped unsaid', () => {
    const id = data.involvements[0].person_id;
    // 'P-00001' (a misspelt id) took nobody out of the risk set, and the fit said nothing.
    const m = fitNetworkHawkes(data, {
      ...quick,
      exits: [
        { person_id: id, from: '2021-01-01' },
        { person_id: 'P-00001', from: '2021-01-01' },
        { person_id: 'Jane Doe', from: '2021-01-01' },
      ],
    });
    expect(m.warnings).toContain(
      '2 exits rows name people not in the records (first row 2); they take nobody out of the risk set. Check that their person_id is written as in the records.',
    );
    for (const w of m.warnings) expect(w).not.toContain('Jane Doe');
    // A row for someone in the records gives no such warning.
    const ok = fitNetworkHawkes(data, { ...quick, exits: [{ person_id: id, from: '2021-01-01' }] });
    expect(ok.warnings.some((w) => w.includes('exits row'))).toBe(false);
  });
});
