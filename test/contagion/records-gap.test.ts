import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { profileData } from '../../src/core/profile.js';
import type { Dataset } from '../../src/core/types.js';
import { synthCity } from '../../src/synth/city.js';
import { makeDataset } from '../helpers.js';

/** The records without those dated in [from, to): an extract with a gap (a system change). */
function withGap(data: Dataset, from: string, to: string): Dataset {
  const incidents = data.incidents.filter((i) => i.date < from || i.date >= to);
  const kept = new Set(incidents.map((i) => i.incident_id));
  return {
    ...data,
    incidents,
    involvements: data.involvements.filter((v) => kept.has(v.incident_id)),
  };
}

describe('a gap of years in the records', () => {
  it('is warned by the profile and carried by the fit (it was silent; the fit read the gap as two calm years)', () => {
    const { data } = synthCity({ people: 1500, seed: 3 });
    const gap = withGap(data, '2020-01-01', '2022-01-01');
    const p = profileData(gap);
    expect(p.longestGapDays).toBe(731);
    expect(p.longestGapFrom).toBe('2020-01-01');
    const w = p.warnings.find((x) => x.startsWith('No incident at all'));
    expect(w).toMatch(
      /^No incident at all for 731 days from 2020-01-01 \(otherwise \d\.\d days apart on average\): the records may have a gap, read as days without harm\.$/,
    );
    const m = fitNetworkHawkes(gap, { retentionYears: 10, standardErrors: false });
    expect(m.warnings).toContain(w);
    // The whole records: no such warning.
    expect(profileData(data).warnings.filter((x) => x.startsWith('No incident at all'))).toEqual(
      [],
    );
  });

  it('sparse records are not read as gapped', () => {
    // 8 incidents over 7 years: long spacings are how such records look.
    const sparse = makeDataset(
      [
        '2016-06-01',
        '2017-02-01',
        '2019-03-01',
        '2019-09-01',
        '2020-01-01',
        '2022-05-01',
        '2023-01-01',
        '2023-02-01',
      ].map((d, i) => [`I${i}`, d, 3, ['A'], ['B']] as const) as never,
    );
    expect(profileData(sparse).warnings.filter((x) => x.startsWith('No incident at all'))).toEqual(
      [],
    );
  });
});
