import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

const now = '2025-01-01';

describe("ids with a leading ' or = in one table only", () => {
  // An export that marks cells as text for a spreadsheet ('00123) or writes them as formulas
  // (=123) in one table: before, "incident '00123' is not in the incidents table", with no word
  // of the incidents table's '00123, and person ids '00123 and 00123 were two people unwarned.
  it('the unknown incident names the id the incidents table has, and why', () => {
    const r = ingest(
      {
        incidents: "incident_id,date,severity\n'00123,2023-01-05,2\n=124,2023-01-06,2\n",
        involvements: 'incident_id,person_id,role\n00123,A,offender\n124,B,victim\n',
      },
      { now },
    );
    expect(r.rejected.map((p) => p.reason)).toEqual([
      "incident '00123' is not in the incidents table, which has ''00123' (ids are compared as text, so a leading ' or = counts): an export that marks cells as text for a spreadsheet (') or writes them as formulas (=) in one table only; write the id one way in both tables",
      "incident '124' is not in the incidents table, which has '=124' (ids are compared as text, so a leading ' or = counts): an export that marks cells as text for a spreadsheet (') or writes them as formulas (=) in one table only; write the id one way in both tables",
    ]);
  });

  it('person ids that differ so are kept apart, with the case-variant warning', () => {
    const r = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2023-01-05,2\nI2,2023-01-06,2\n',
        involvements:
          "incident_id,person_id,role\nI1,'00123,offender\nI2,00123,victim\nI2,'B7,other\n",
      },
      { now },
    );
    expect(r.rejected).toEqual([]);
    expect(r.data.involvements.map((v) => v.person_id)).toEqual(["'00123", '00123', "'B7"]);
    expect(r.summary.warnings).toContain(
      "people: 1 person id differs from another only in letter case, spaces, leading zeros or a trailing '.0' (or a leading ' or =) (e.g. ''00123' and '00123'), so the two are read as different people; if the export wrote one person's id both ways, write it one way before ingest (the network would split them)",
    );
  });
});
