import { describe, expect, it } from 'vitest';
import type { RiskModel } from '../../src/core/risk.js';
import { type ListedContribution, rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { FIVE_INCIDENTS_AS_OF, fiveIncidents } from '../helpers.js';

/**
 * A model of one's own may name a part's incident without its day. The listed part's `days_ago`
 * was counted from the incident's date on record, but its `date` was null beside it (I2, shot
 * 2023-02-10: date null, days_ago 111); the date is now that same day.
 */
describe("a listed part's date and days_ago rest on one day", () => {
  const data = fiveIncidents();
  const model = (day?: number): RiskModel => ({
    name: 'mine',
    risk: (people) =>
      (people ?? []).map((person_id) => ({
        person_id,
        expected: 0.1,
        contributions: [{ kind: 'exposure', via: 'B', incidentId: 'I2', day, value: 0.1 }],
      })),
  });
  const parts = (m: RiskModel) =>
    (
      rankForOutreach(data, { asOf: FIVE_INCIDENTS_AS_OF, model: m, minEvidence: 1 }).array(
        'contributions',
      ) as ListedContribution[][]
    ).flat();

  it('the incident named without a day: the date on record, 111 days before asOf', () => {
    expect(data.incidents.find((i) => i.incident_id === 'I2')?.date).toBe('2023-02-10');
    const listed = parts(model());
    expect(listed.length).toBeGreaterThan(0);
    for (const c of listed) {
      expect(c.incident_id).toBe('I2');
      expect(c.date).toBe('2023-02-10');
      expect(c.days_ago).toBe(111);
    }
  });

  it("the part's own day wins over the incident's", () => {
    const listed = parts(model(19400)); // 2023-02-12
    for (const c of listed) {
      expect(c.date).toBe('2023-02-12');
      expect(c.days_ago).toBe(109);
    }
  });
});
