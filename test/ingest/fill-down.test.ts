import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A report that prints an incident's id on its first row only, or cells merged in Excel and saved
// as CSV, leaves the id cell of the incident's other rows empty. Each such row was rejected as
// "incident id is empty", with no word of why half the people of an export were lost.
const incidents = 'incident_id,date,severity\nI1,2021-03-04,2\nI2,2021-03-05,3\n';
const involvements =
  'incident_id,person_id,role\nI1,A,offender\n,B,victim\n\nI2,B,offender\n,C,offender\n,D,victim\n';
const warning =
  "involvements: 3 rows left out for an empty incident id, the first (row 2) right below a row that has one: an export that gives an incident's id on its first row only, or cells merged in Excel? Fill the id down to the incident's other rows before ingest";

/** A simple CSV (no quotes) as an Arrow table of text columns. */
function table(csv: string) {
  const [h, ...rs] = csv
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
  return tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
}

describe('empty incident ids below a row that has one (merged cells, a grouped report)', () => {
  it('are rejected with a warning that says to fill the id down, on both paths', () => {
    const { rejected, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(rejected.map((p) => [p.row, p.line, p.field, p.reason])).toEqual([
      [2, 3, 'incident_id', 'incident id is empty'],
      [5, 6, 'incident_id', 'incident id is empty'],
      [6, 7, 'incident_id', 'incident id is empty'],
    ]);
    expect(summary.warnings).toContain(warning);
    const byColumns = ingest(
      { incidents: table(incidents), involvements: table(involvements) },
      { now: '2025-01-01' },
    );
    expect(byColumns.summary.warnings).toContain(warning);
  });

  it('no warning when the id column is empty throughout, no id is empty, or one alone is', () => {
    const one = ingest(
      {
        incidents,
        involvements:
          'incident_id,person_id,role\nI1,A,offender\n,B,victim\n,C,victim\nI2,D,offender\n',
      },
      { now: '2025-01-01' },
    );
    expect(one.rejected).toHaveLength(2);
    expect(one.summary.warnings.join('\n')).not.toMatch(/Fill the id down/);
    const none = ingest(
      { incidents, involvements: 'incident_id,person_id,role\n,A,offender\n,B,victim\n' },
      { now: '2025-01-01' },
    );
    expect(none.rejected).toHaveLength(2);
    expect(none.summary.warnings.join('\n')).not.toMatch(/Fill the id down/);
    const full = ingest(
      { incidents, involvements: 'incident_id,person_id,role\nI1,A,offender\nI2,B,victim\n' },
      { now: '2025-01-01' },
    );
    expect(full.summary.warnings.join('\n')).not.toMatch(/Fill the id down/);
  });
});
