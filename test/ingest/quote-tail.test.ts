import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A CSV reader takes the character after a closing quote for the delimiter, whatever it is:
// 'I1,"Wounding, with intent" ,2023-01-05,3' was refused as "the line has more cells than the
// header's 4 columns (extra: '3'); quote values that contain a comma", of a value quoted (the
// space ended the cell, the comma after it made an empty one), and '"Wounding"x,…' lost the x.
const involvements = 'incident_id,person_id,role\nI1,A,victim\nI2,B,victim\nI3,C,victim\n';

describe('after a closing quote', () => {
  it('spaces before the delimiter are passed over: the cell reads as quoted, with one warning', () => {
    const incidents =
      'incident_id,offence,date,severity\nI1,"Wounding, with intent" ,2023-01-05,3\nI2,"Assault, common"  ,2023-01-06,2\nI3,"Robbery" \n';
    const { data, rejected, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(rejected.filter((r) => r.table === 'incidents').map((r) => r.row)).toEqual([3]);
    expect(data.incidents.map((x) => [x.incident_id, x.offence, x.date, x.severity])).toEqual([
      ['I1', 'Wounding, with intent', '2023-01-05', 3],
      ['I2', 'Assault, common', '2023-01-06', 2],
    ]);
    expect(summary.warnings.filter((w) => w.includes('closing quote'))).toEqual([
      "incidents: 2 quoted cells (the first on line 2, column 'offence') have spaces after their closing quote, before the delimiter; they were passed over, so that the cells read as quoted (a CSV reader takes the character after a closing quote for the delimiter: the space ended the cell, and the delimiter after it made an empty cell that shifted the others)",
    ]);
  });

  it('other text there: the row is refused naming the column and the text', () => {
    const incidents =
      'incident_id,offence,date,severity\nI1,"Wounding"x,2023-01-05,3\nI2,"Smith" Jr,2023-01-06,2\nI3,"Robbery",2023-01-07,1\n';
    const { data, rejected } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(data.incidents.map((x) => x.incident_id)).toEqual(['I3']);
    const refused = rejected.filter((r) => r.table === 'incidents');
    expect(refused.map((r) => [r.row, r.line, r.value])).toEqual([
      [1, 2, 'x'],
      [2, 3, ' Jr'],
    ]);
    expect(refused[0].reason).toBe(
      `the quoted cell in column 'offence' is followed by 'x' after its closing quote, so the line cannot be split into cells as meant (a CSV reader ends the cell at the quote and takes the character after it for the delimiter); put the whole value inside the quotes, doubling any quote that is part of it ("")`,
    );
  });

  it('a quoted cell followed at once by the delimiter: read as before, no warning', () => {
    const incidents = 'incident_id;offence;date\nI1;"Wounding; GBH";2023-01-05\n';
    const { data, summary } = ingest(
      { incidents, involvements: 'incident_id;person_id;role\nI1;A;victim\n' },
      { now: '2025-01-01' },
    );
    expect(data.incidents[0].offence).toBe('Wounding; GBH');
    expect(summary.warnings.some((w) => w.includes('closing quote'))).toBe(false);
  });

  it('counts the line breaks of the quoted cells before the first (its line is the physical one)', () => {
    // Line 2 opens a quoted cell that ends on line 3; the first spaces are on line 4.
    const incidents =
      'incident_id,offence,date,severity\nI1,"Wounding,\nwith intent",2023-01-05,3\nI2,"Robbery" ,2023-01-06,2\n';
    const { data, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(data.incidents.map((x) => x.offence)).toEqual(['Wounding,\nwith intent', 'Robbery']);
    expect(summary.warnings.filter((w) => w.includes('closing quote'))[0]).toContain(
      "1 quoted cell (the first on line 4, column 'offence')",
    );
  });
});
