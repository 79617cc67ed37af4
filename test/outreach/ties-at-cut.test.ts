import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { ingest } from '../../src/ingest/index.js';
import { exportList, listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';

/**
 * People alike in every record: each led one theft on the same day and was shot, the first half
 * on one day and the second half on a later day, so each half shares one score exactly.
 */
function alike(people: string[], splitAt: number) {
  const incidents: object[] = [];
  const involvements: object[] = [];
  people.forEach((p, i) => {
    incidents.push({
      incident_id: `S${i}`,
      date: i < splitAt ? '2023-03-10' : '2023-04-20',
      offence: 'shooting',
      severity: 3,
    });
    involvements.push({ incident_id: `S${i}`, person_id: p, role: 'victim' });
    incidents.push({ incident_id: `T${i}`, date: '2023-01-05', offence: 'theft', severity: 0 });
    involvements.push({ incident_id: `T${i}`, person_id: p, role: 'offender' });
  });
  return ingest({ incidents, involvements }).data;
}

const straddle = (w: readonly string[] | undefined) =>
  (w ?? []).filter((x) => x.startsWith("The list's cut at"));

describe('a tie straddling the cut of a list', () => {
  const data = alike(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], 4);
  const asOf = '2023-06-01';

  it('is warned for the exposure score: who of the tied is listed is the tie-break rule, not the score', () => {
    const full = rankForOutreach(data, { asOf });
    const scores = full.array('score') as ArrayLike<number>;
    // Two groups of four equal scores (the later shooting ranks first).
    expect(scores[0]).toBe(scores[3]);
    expect(scores[4]).toBe(scores[7]);
    expect(scores[3]).not.toBe(scores[4]);
    expect(straddle(listMetadata(full)?.warnings)).toEqual([]);

    const list = rankForOutreach(data, { asOf, limit: 6 });
    expect(list.array('person_id')).toEqual(['E', 'F', 'G', 'H', 'A', 'B']);
    // 2 of 6 listed share a score: no "most listed share one score" warning, yet C and D, with
    // the same score as A and B, are left out by person id alone.
    const w = straddle(listMetadata(list)?.warnings);
    expect(w).toEqual([
      `The list's cut at 6 people falls inside a tie: the last 2 people listed share their score (${Number((scores[4] as number).toPrecision(3))}) with 2 people not listed, so the tie-break rule (the most recent evidence first, then person id), not the score, chose who of these 4 is listed. Lengthen the list to include them all (limit 8), or choose among them by other means.`,
    ]);
    // It travels into the export.
    expect(exportList(list)).toContain(`# warning: ${w[0]}`);
    // A cut between the two groups, or past everyone, falls in no tie.
    expect(straddle(listMetadata(rankForOutreach(data, { asOf, limit: 4 }))?.warnings)).toEqual([]);
    expect(straddle(listMetadata(rankForOutreach(data, { asOf, limit: 50 }))?.warnings)).toEqual(
      [],
    );
  });

  it('is warned for a fitted network Hawkes model, one person listed of several tied', () => {
    // The record covariates run off on these 8 people and are dropped: all 8 share one score
    // (kept, the run-off coefficients split them into two groups of 4).
    const model = fitNetworkHawkes(data, { asOf });
    const list = rankForOutreach(data, { asOf, model, limit: 1 });
    const w = straddle(listMetadata(list)?.warnings);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /^The list's cut at 1 person falls inside a tie: the last person listed shares their score \([^)]+\) with 7 people not listed, so the tie-break rule .*, not the score, chose who of these 8 is listed\. .*\(limit 8\)/,
    );
  });
});
