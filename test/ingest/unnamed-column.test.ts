// R's write.csv names the row-name column "" (the London gang attribute file starts
// '"",Age,Birthplace,…'): its ids sit in a column without a name. The error said to map
// person_id to '<column name>', and mapping: { person_id: '' } was refused ("must be an object
// whose every value is a non-empty string"): no way in but editing the file.
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';

const incidents = 'incident_id,date,severity\nI1,2008-01-01,3\n';
const involvements = 'incident_id,person_id,role\nI1,1,offender\nI1,2,victim\n';
const people = '\uFEFF"",Age,Birthplace,Arrests\n1,20,1,16\n2,20,2,16\n';

describe('a people table whose ids are in a column without a name (R row names)', () => {
  it('the error says how to map it', () => {
    expect(() => ingest({ incidents, involvements, people })).toThrow(
      "people has no 'person_id' column; its columns are '', 'Age', 'Birthplace', 'Arrests'. If the person_id is in the column without a name (R's write.csv writes one for row names), map it: ingest(input, { mapping: { person_id: '' } }).",
    );
  });
  it("mapping: { person_id: '' } reads it; the other tables keep their person_id column", () => {
    const r = ingest({ incidents, involvements, people }, { mapping: { person_id: '' } });
    expect(r.summary.tables.people).toMatchObject({ read: 2, accepted: 2, rejected: 0 });
    expect(r.data.people.map((p) => [p.person_id, p.attributes?.Age, p.audit?.Birthplace])).toEqual(
      [
        ['1', 20, '1'],
        ['2', 20, '2'],
      ],
    );
    expect(r.data.involvements.map((i) => i.person_id)).toEqual(['1', '2']);
  });
});
