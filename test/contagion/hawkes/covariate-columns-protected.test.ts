import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { ProtectedAttributeError } from '../../../src/core/errors.js';
import { ingest } from '../../../src/ingest/index.js';
import { generateNetworkHawkesCity } from './generate.js';

const { data: city } = generateNetworkHawkesCity({
  people: 200,
  years: 2,
  seed: 7,
  mu: 2e-4,
  alpha: 0.1,
  beta: 1 / 40,
});
const ids = [...new Set(city.involvements.map((v) => v.person_id))];
// A people table with a protected column (sex, kept for audit only) and an ordinary one.
const { data } = ingest(
  {
    incidents: city.incidents.map((i) => ({
      incident_id: i.incident_id,
      date: i.date,
      severity: i.severity,
    })),
    involvements: city.involvements.map((v) => ({
      incident_id: v.incident_id,
      person_id: v.person_id,
      role: v.role,
    })),
    people: ids.map((person_id, i) => ({ person_id, sex: i % 2 ? 'M' : 'F', score: i % 3 })),
  },
  { now: '2030-01-01' },
);

describe('fitNetworkHawkes covariateColumns naming a protected column of the people table', () => {
  it('is refused as protected, not as a column that does not exist', () => {
    expect(data.auditColumns).toEqual(['sex']);
    // Before: OptionError "no covariate column 'sex'. Columns: score, birth_year." (it is there,
    // carried for audit only), where the guide promises a ProtectedAttributeError.
    expect(() =>
      fitNetworkHawkes(data, { covariateColumns: ['sex'], standardErrors: false }),
    ).toThrow(ProtectedAttributeError);
    expect(() =>
      fitNetworkHawkes(data, { covariateColumns: ['score', 'sex'], standardErrors: false }),
    ).toThrow(/'sex' is a protected or audit-only attribute/);
    // A misspelt ordinary column still names the closest.
    expect(() =>
      fitNetworkHawkes(data, { covariateColumns: ['scor'], standardErrors: false }),
    ).toThrow(/no covariate column 'scor'\. Did you mean 'score'\?/);
  });
});
