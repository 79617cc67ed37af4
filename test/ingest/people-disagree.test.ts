import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A person listed twice in the people table with different birth years (or groups) was refused
// "person 'A' is listed in rows 1 and 2; only row 1 is kept", as if the rows agreed: the first
// birth year was kept with no word that the table gives two.
const incidents = 'incident_id,date,severity\nI1,2023-01-05,3\n';
const involvements = 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI1,C,victim\n';
const people =
  'person_id,YOB,Gang,nickname\nA,1990,G1,\nA,1991,G1,\nB,1985,,x\nB,1985.0,,x\nC,2001,,\nC,2001,G2,\n';

describe('a person listed twice: rows that disagree say so', () => {
  it('names the columns and both values, keeps the first row, and warns', () => {
    const { data, rejected, summary } = ingest(
      { incidents, involvements, people },
      { now: '2025-01-01', mapping: { birth_year: 'YOB', group: 'Gang' } },
    );
    expect(data.people).toEqual([
      { person_id: 'A', birth_year: 1990, group: 'G1' },
      { person_id: 'B', birth_year: 1985, attributes: { nickname: 'x' } },
      { person_id: 'C', birth_year: 2001 },
    ]);
    expect(rejected.map((r) => [r.row, r.line, r.field, r.value, r.reason])).toEqual([
      [
        2,
        3,
        'person_id',
        'A',
        "person 'A' is listed in rows 1 and 2, which disagree about YOB: '1990' and '1991'; only row 1 is kept (which is right cannot be known: correct the record at source)",
      ],
      // 1985 and 1985.0 are one year: the rows agree.
      [4, 5, 'person_id', 'B', "person 'B' is listed in rows 3 and 4; only row 3 is kept"],
      [
        6,
        7,
        'person_id',
        'C',
        "person 'C' is listed in rows 5 and 6, which disagree about Gang: '' and 'G2'; only row 5 is kept (which is right cannot be known: correct the record at source)",
      ],
    ]);
    expect(summary.warnings).toContain(
      "people: 2 people are listed on two rows that disagree ('A' (rows 1 and 2: YOB: '1990' and '1991'), …); the first row of each is kept, which may be the wrong one: correct the records at source (see the rejected rows)",
    );
  });
});
