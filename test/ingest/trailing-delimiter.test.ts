import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A trailing delimiter on every line ('incident_id,date,severity,' and 'I1,2023-01-05,2,'), as
// Excel and report writers leave it, makes a column without a name or values. It was listed as a
// column not read (validate: "incidents: 1 column not read, a name no field has: ''", instead of
// "No problems found") and, in the people table, as two person attributes named ''.
describe('the empty column of a trailing delimiter', () => {
  it('is neither a column not read nor a person attribute; an unnamed column with values still is', () => {
    const r = ingest(
      {
        incidents: 'incident_id,date,severity,\nI1,2023-01-05,2,\nI2,2023-01-06,3,\n',
        involvements: 'incident_id,person_id,role,\nI1,A,offender,\nI2,B,victim, \n',
        people: 'person_id,birth_year,,\nA,1990,,\nB,1991,,\n',
      },
      { now: '2025-01-01' },
    );
    expect(r.rejected).toEqual([]);
    expect(r.summary.ignoredColumns).toEqual({ incidents: [], involvements: [], people: [] });
    expect(r.summary.attributeColumns).toEqual([]);
    expect(r.data.people.map((p) => [p.person_id, p.birth_year, p.attributes])).toEqual([
      ['A', 1990, undefined],
      ['B', 1991, undefined],
    ]);
    // A column without a name that holds something is data no field read: still named.
    const kept = ingest(
      {
        incidents: 'incident_id,date,severity,\nI1,2023-01-05,2,x\n',
        involvements: 'incident_id,person_id,role\nI1,A,offender\n',
        people: 'person_id,\nA,7\n',
      },
      { now: '2025-01-01' },
    );
    expect(kept.summary.ignoredColumns.incidents).toEqual(['']);
    expect(kept.summary.attributeColumns).toEqual(['']);
  });
});
