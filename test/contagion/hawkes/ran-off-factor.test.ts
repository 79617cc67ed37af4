import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { ingest } from '../../../src/ingest/index.js';

// Five people, three serious events in three months: the record covariates run off.
const incidents = [
  'incident_id,date,severity',
  'I1,2023-03-05,2',
  'I2,2023-04-12,3',
  'I3,2023-05-01,1',
  'I4,2023-05-20,3',
  'I5,2023-06-02,3',
].join('\n');
const involvements = [
  'incident_id,person_id,role',
  'I1,A,offender',
  'I1,B,offender',
  'I1,C,victim',
  'I2,B,offender',
  'I2,D,victim',
  'I3,A,offender',
  'I3,E,offender',
  'I4,E,offender',
  'I4,A,victim',
  'I5,C,offender',
  'I5,B,victim',
].join('\n');

describe('a covariate that ran off: the factor per standard deviation, with its error', () => {
  it('is written e^(effect ± error), not e^effect ± e^error', () => {
    // Before: "a factor of e^5.6 ± e^385.0", which reads as e^5.6 plus or minus e^385.
    const { data } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    const model = fitNetworkHawkes(data, { asOf: '2023-06-03' });
    const ranOff = model.warnings.filter((w) => /ran off/.test(w));
    expect(ranOff.length).toBeGreaterThan(0);
    for (const w of ranOff) {
      expect(w).toMatch(/a factor of e\^\(-?\d+\.\d ± \d+\.\d\)\)\./);
      expect(w).not.toMatch(/± e\^/);
    }
  });
});
