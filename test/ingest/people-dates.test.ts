import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';

const incidents = 'incident_id,date,severity\nI1,2023-01-05,2\nI2,25/03/2023,2\n';
const involvements = 'incident_id,person_id,role\nI1,A,victim\nI1,B,offender\n';

describe("a people table's date that is not a date", () => {
  it("gives the accepted forms (or the dateFormat to set), as an incident's date does", () => {
    // Before: "group_since '25/03/2020' is not a valid date", with no hint, where the incidents
    // table's "date '25/03/2023' is not a valid date; dates are read as ISO …" said what to do.
    const people = 'person_id,group,group_since,group_until\nA,G1,25/03/2020,\nB,G2,,March 2024\n';
    const r = ingest({ incidents, involvements, people }, { now: '2024-06-01' });
    const reason = (table: string, field: string) =>
      r.rejected.find((p) => p.table === table && p.field === field)?.reason;
    const hint =
      "is not a valid date; dates are read as ISO (YYYY-MM-DD): set dateFormat: 'dmy' (or 'mdy') for day/month/year dates";
    expect(reason('incidents', 'date')).toBe(`date '25/03/2023' ${hint}`);
    expect(reason('people', 'group_since')).toBe(`group_since '25/03/2020' ${hint}`);
    expect(reason('people', 'group_until')).toBe(
      "group_until 'March 2024' is not a valid date; month names are not read: expected YYYY-MM-DD (ISO 8601), optionally with a time of day (YYYY-MM-DD HH:MM)",
    );
  });
});
