import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// Report exports (Business Objects, SSRS, a spreadsheet's total row) end with summary lines:
// 'Total: 4', 'Grand Total,2', '(4 rows)'. They were rejected as records, for reasons that say
// nothing of what they are: "date is empty", "incident 'Total: 2' is not in the incidents table".
const incidents =
  'incident_id,date,severity\nI1,2021-03-04,2\nI2,2021-03-05,3\n\nTotal: 2,,\n"(2 rows)",,\n';
const involvements = 'incident_id,person_id,role\nI1,A,offender\nI2,B,victim\nGrand Total,2,\n';

describe('summary lines at the end of a report export', () => {
  it('are read as blank lines, with a warning naming them', () => {
    const { data, rejected, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(rejected).toEqual([]);
    expect(data.incidents.map((i) => i.incident_id)).toEqual(['I1', 'I2']);
    expect(summary.tables.incidents).toMatchObject({ read: 2, accepted: 2, blank: 3, lines: 5 });
    expect(summary.tables.involvements).toMatchObject({ read: 2, accepted: 2, blank: 1, lines: 3 });
    expect(summary.warnings).toContain(
      "incidents: the last 2 lines (5, 6), 'Total: 2', '(2 rows)', look like summary rows of a report (their other cells empty or numbers) and were read as blank",
    );
    expect(summary.warnings).toContain(
      "involvements: the last line (4), 'Grand Total 2', looks like a summary row of a report (its other cells empty or numbers) and was read as blank",
    );
  });

  it('a total row that is not last, or that holds text in another column, is a record as before', () => {
    const middle = 'incident_id,date,severity\nI1,2021-03-04,2\nTotal: 1,,\nI2,2021-03-05,3\n';
    const text = 'incident_id,date,severity\nI1,2021-03-04,2\nTotal,2021-03-06,2\n';
    for (const [inc, row, field] of [
      [middle, 2, 'date'],
      [text, 2, 'incident_id'],
    ] as const) {
      const { rejected, summary } = ingest(
        { incidents: inc, involvements: 'incident_id,person_id,role\nI1,A,offender\n' },
        { now: '2025-01-01' },
      );
      expect(summary.warnings.join('\n')).not.toMatch(/summary row/);
      if (field === 'date') expect(rejected.map((p) => [p.row, p.field])).toEqual([[row, field]]);
      else expect(rejected).toEqual([]);
    }
  });
});
