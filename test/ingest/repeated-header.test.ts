import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// Monthly exports joined with their headers (cat jan.csv feb.csv > all.csv) have the header again
// mid-file. Its line was rejected as a record: "date 'date' is not a valid date", and in the
// involvements "incident 'incident_id' is not in the incidents table".
describe('a line that repeats the header', () => {
  const incidents =
    'incident_id,date,severity\nI1,2023-01-05,2\nincident_id,date,severity\nI2,2023-02-06,3\n';
  const involvements =
    'incident_id,person_id,role\nI1,A,offender\nincident_id,person_id,role\nI2,A,victim\n' +
    'incident_id,person_id,role\nI2,B,offender\n';

  it('is read as a blank line, with a warning naming its line', () => {
    const { data, rejected, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(rejected).toEqual([]);
    expect(data.incidents.map((i) => i.incident_id)).toEqual(['I1', 'I2']);
    expect(data.involvements.map((v) => `${v.incident_id}:${v.person_id}`)).toEqual([
      'I1:A',
      'I2:A',
      'I2:B',
    ]);
    expect(summary.tables.incidents).toMatchObject({ read: 2, blank: 1, rejected: 0, lines: 3 });
    expect(summary.tables.involvements).toMatchObject({ read: 3, blank: 2, rejected: 0 });
    expect(summary.warnings).toEqual([
      'incidents: 1 line (at 3) repeats the header (exports joined with their headers?) and was read as blank',
      'involvements: 2 lines (at 3, 5) repeat the header (exports joined with their headers?) and were read as blank',
    ]);
  });

  it('names the first five lines of more, and counts them all', () => {
    const head = 'incident_id,date,severity\n';
    const text = `${head}I1,2023-01-05,2\n${head.repeat(6)}I2,2023-02-06,3\n`;
    const { summary } = ingest({ incidents: text }, { now: '2025-01-01' });
    expect(summary.warnings).toEqual([
      'incidents: 6 lines (at 3, 4, 5, 6, 7, …) repeat the header (exports joined with their headers?) and were read as blank',
    ]);
  });

  it('a record that only starts like the header is read as a record', () => {
    const { rejected } = ingest(
      { incidents: 'incident_id,date,severity\nI1,2023-01-05,2\nincident_id,2023-01-06,2\n' },
      { now: '2025-01-01' },
    );
    expect(rejected.map((p) => p.row)).toEqual([]);
  });
});
