import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A file written with a space after each comma ('incident_id, date, offence', as some tools and
// hand-made files write CSV) has its quoted cells after that space, where a quote opens no quoted
// cell: '"2023-01-05"' was "not a valid date", and "Wounding, with intent" split in two was
// rejected with "quote values that contain a comma", of a value that was quoted.
const incidents =
  'incident_id, date, severity, offence\nI1, "2023-01-05", 3, "Wounding, with intent"\nI2, 2023-01-06, 2,  "Said ""hi"", then\nhit"\n';
const involvements = 'incident_id, person_id, role\nI1, A, victim\nI2, "B", offender\n';

describe('a space after each delimiter, before quoted cells', () => {
  it('the quotes open the cells; one warning per table, counting them and naming the first line', () => {
    const { data, rejected, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(rejected).toEqual([]);
    expect(data.incidents.map((x) => [x.incident_id, x.date, x.severity, x.offence])).toEqual([
      ['I1', '2023-01-05', 3, 'Wounding, with intent'],
      ['I2', '2023-01-06', 2, 'Said "hi", then\nhit'],
    ]);
    expect(data.involvements.map((v) => v.person_id)).toEqual(['A', 'B']);
    expect(summary.warnings.filter((w) => w.includes('space after each'))).toEqual([
      "incidents: the file puts a space after each delimiter (', '), and 3 quoted cells (the first on line 2) start after one; the spaces before their quotes were passed over, so that the quotes open the cells (read as text, they were part of the value and a delimiter inside split the cell)",
      "involvements: the file puts a space after each delimiter (', '), and 1 quoted cell (the first on line 3) starts after one; the spaces before its quote were passed over, so that the quotes open the cells (read as text, they were part of the value and a delimiter inside split the cell)",
    ]);
    expect(summary.tables.incidents).toMatchObject({ read: 2, lines: 3, multiLine: 1 });
  });

  it('a header without the spaces: read as before (the quotes text, the row refused)', () => {
    const { rejected, summary } = ingest(
      {
        incidents: 'incident_id,date,severity\nI1, "2023-01-05",3\n',
        involvements: 'incident_id,person_id,role\nI1,A,victim\n',
      },
      { now: '2025-01-01' },
    );
    expect(rejected[0]).toMatchObject({ table: 'incidents', field: 'date', value: '"2023-01-05"' });
    expect(summary.warnings.some((w) => w.includes('space after each'))).toBe(false);
  });

  it('counts the line breaks of the quoted cells before the first (its line is the physical one)', () => {
    // A first cell quoted on line 2 ends on line 3; the first quote after a space is on line 4.
    const { data, summary } = ingest(
      {
        incidents:
          'offence, incident_id, date, severity\n"Wounding\nwith intent", I1, 2023-01-05, 3\nRobbery, I2, "2023-01-06", 2\n',
        involvements: 'incident_id,person_id,role\nI1,A,victim\nI2,B,victim\n',
      },
      { now: '2025-01-01' },
    );
    expect(data.incidents.map((x) => x.date)).toEqual(['2023-01-05', '2023-01-06']);
    expect(summary.warnings.filter((w) => w.includes('space after each'))[0]).toContain(
      '1 quoted cell (the first on line 4)',
    );
  });
});
