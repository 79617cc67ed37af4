import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A spreadsheet export that marks date cells as text ('2023-01-05) or writes them as formulas
// (="2023-01-05") was refused with the forms dates are read in, which those cells already have.
describe('a date cell with a spreadsheet mark says so', () => {
  const reasons = (date: string) =>
    ingest({
      incidents: [{ incident_id: 'I1', date, severity: 3 }],
      involvements: [{ incident_id: 'I1', person_id: 'a', role: 'victim' }],
    })
      .rejected.filter((r) => r.table === 'incidents')
      .map((r) => r.reason);

  it("names the leading ' of a text-marked cell", () => {
    expect(reasons("'2023-01-05")).toEqual([
      "date ''2023-01-05' is not a valid date; without its leading ' it reads as a date: a spreadsheet export marked the cell as text; save the column as plain dates",
    ]);
  });

  it('names the leading = of a formula cell', () => {
    expect(reasons('="2023-01-05"')[0]).toContain(
      'without its leading = it reads as a date: a spreadsheet export marked the cell as a formula',
    );
  });

  it('gives the forms it reads when the rest is no date either', () => {
    expect(reasons("'hello")[0]).toContain('expected YYYY-MM-DD');
    expect(reasons("'hello")[0]).not.toContain('without its leading');
  });
});
