import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { ingest } from '../../../src/ingest/index.js';
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
