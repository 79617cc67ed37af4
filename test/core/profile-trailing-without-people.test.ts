import { describe, expect, it } from 'vitest';
import { profileData } from '../../src/core/profile.js';
import { ingest } from '../../src/ingest/index.js';
import { synthCity } from '../../src/synth/index.js';

// An involvements export cut off at a row limit (Excel's 1,048,576 rows; 65,536 in old .xls)
// leaves the latest incidents with nobody recorded: their harm then reaches no one's exposure.

/** A synthetic city's export whose involvements, in date order, keep only the first `keep` share. */
function cityTruncated(keep: number) {
  const city = synthCity({ people: 1500, years: 6, seed: 1 });
  const incidents = city.data.incidents.map(({ day: _day, ...rest }) => rest);
  const involvements = city.data.involvements.slice(
    0,
    Math.floor(city.data.involvements.length * keep),
  );
  return ingest({ incidents, involvements, people: city.data.people }).data;
}

describe('profileData: the latest incidents naming nobody', () => {
  it('says nothing of a synthetic city as recorded', () => {
    const p = profileData(cityTruncated(1));
    expect(p.trailingIncidentsWithoutPeople).toBe(0);
    expect(p.trailingWithoutPeopleFrom).toBeNull();
  });

  it('warns when the involvements stop short of the incidents', () => {
    const data = cityTruncated(0.93);
    const p = profileData(data);
    const n = p.trailingIncidentsWithoutPeople;
    expect(n).toBeGreaterThan(500);
    const named = new Set(data.involvements.map((v) => v.incident_id));
    const last = data.incidents.filter((i) => !named.has(i.incident_id)).length;
    expect(n).toBeLessThanOrEqual(last);
    expect(p.warnings).toContain(
      `The last ${n} incidents (from ${p.trailingWithoutPeopleFrom} on) name no person at all, far more in a row than earlier incidents do: the involvements may have been cut off (an export truncated at a row limit, such as Excel's 1,048,576 rows) or not yet entered, so their harm reaches no one's exposure, model or list score. Check that the involvements cover the latest incidents.`,
    );
  });
});
