import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';
import { cli, inputArgs, tempDir, writeFiles } from '../cli/helpers.js';

// A people row rejected for its birth year (or a group date) leaves its person out of the people
// table; the warning about people not in it blamed the ids ("are ids written alike?") when the
// cause was the rejected row.

const now = '2025-01-01';
const incidents = {
  incident_id: ['I1', 'I2'],
  date: ['2021-01-01', '2021-01-02'],
  severity: [2, 1],
};
const involvements = {
  incident_id: ['I1', 'I1', 'I2', 'I2'],
  person_id: ['A', 'B', 'C', 'D'],
  role: ['offender', 'victim', 'offender', 'victim'],
};

describe('people whose row was rejected', () => {
  it('are counted as rejected rows, with the first one and its reason, and the ids are not blamed', () => {
    const people = 'person_id,birth_year\nA,1990\nB,1850\nC,abc\nD,1991\n';
    const r = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2021-01-01,2\nI2,2021-01-02,1\n',
        involvements:
          'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI2,C,offender\nI2,D,victim\n',
        people,
      },
      { now },
    );
    expect(r.rejected.map((p) => [p.table, p.row, p.field])).toEqual([
      ['people', 2, 'birth_year'],
      ['people', 3, 'birth_year'],
    ]);
    expect(r.summary.warnings).toEqual([
      "people: 2 of 4 people in the involvements are not in the people table because their rows were rejected (e.g. people row 2: birth year '1850' is not a year from 1880 to 2025; see the rejected rows), so have no group or birth year",
    ]);
  });

  it('by rows and by columns alike, apart from people with no row at all, and under pseudonyms', () => {
    const people = 'person_id,group,group_since\nA,G1,2020-01-01\nB,G2,not a date\n';
    const input = () => ({
      incidents: tableFromArrays(incidents),
      involvements: tableFromArrays(involvements),
      people,
    });
    const byColumns = ingestByColumns(input(), { now });
    expect(JSON.stringify(byColumns)).toBe(JSON.stringify(ingestRows(input(), { now })));
    expect(byColumns.summary.warnings).toEqual([
      "people: 3 of 4 people in the involvements are not in the people table, so have no group or birth year: 1 because its row was rejected (e.g. people row 2: group_since 'not a date' is not a valid date; expected YYYY-MM-DD (ISO 8601), optionally with a time of day (YYYY-MM-DD HH:MM); see the rejected rows), and 2 with no row (e.g. 'C'): are ids written alike ('007' is not '7')?",
    ]);
    const key = 'a key of sixteen chars or more';
    const hidden = ingestByColumns(input(), { now, pseudonymise: { key } });
    expect(hidden.summary.warnings[0]).toContain('1 because its row was rejected');
    expect(ingestRows(input(), { now, pseudonymise: { key } }).summary.warnings).toEqual(
      hidden.summary.warnings,
    );
  });

  it('all rows rejected: still warned of', () => {
    const r = ingest(
      {
        incidents: tableFromArrays(incidents),
        involvements: tableFromArrays(involvements),
        people: 'person_id,birth_year\nA,1850\n',
      },
      { now },
    );
    expect(r.summary.warnings[0]).toMatch(
      /^people: 4 of 4 people in the involvements are not in the people table, so have no group or birth year: 1 because its row was rejected \(e\.g\. people row 1: /,
    );
  });

  // A second row of a person whose first row was rejected was refused with "only row 1 is
  // kept", when no row of theirs was kept.
  it('a later row of a person whose first row was rejected says so, not that row 1 is kept', () => {
    const r = ingest(
      {
        incidents: tableFromArrays(incidents),
        involvements: tableFromArrays(involvements),
        people: 'person_id,birth_year\nB,1850\nA,1990\nB,1991\nC,1992\nC,1993\n',
      },
      { now },
    );
    expect(r.rejected.map((p) => [p.row, p.reason])).toEqual([
      [1, "birth year '1850' is not a year from 1880 to 2025"],
      [
        3,
        "person 'B' is listed in rows 1 and 3; row 1 was rejected (birth year '1850' is not a year from 1880 to 2025), and so is this one",
      ],
      [
        5,
        "person 'C' is listed in rows 4 and 5, which disagree about birth_year: '1992' and '1993'; only row 4 is kept (which is right cannot be known: correct the record at source)",
      ],
    ]);
    expect(r.data.people.map((p) => p.person_id)).toEqual(['A', 'C']);
  });

  // A row with an unquoted comma (more cells than the header) is rejected too; its person was
  // then said to have no row at all ("are ids written alike?").
  it('a row with more cells than the header counts as rejected, not as an unmatched id', () => {
    const r = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2021-01-01,2\n',
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\n',
        people: 'person_id,birth_year\nA,1990\nB,1991,Smith\n',
      },
      { now },
    );
    expect(r.rejected.map((p) => [p.table, p.row])).toEqual([['people', 2]]);
    expect(r.summary.warnings).toEqual([
      `people: 1 of 2 people in the involvements is not in the people table because its row was rejected (e.g. people row 2: the line has more cells than the header's 2 columns (extra: 'Smith'); quote values that contain a comma, e.g. "Assault, common"; see the rejected rows), so has no group or birth year`,
    ]);
  });

  it('on the command line', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv': 'incident_id,date,severity\nI1,2021-01-01,2\n',
      'involvements.csv': 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\n',
      'people.csv': 'person_id,birth_year\nA,1990\nB,19900\n',
    });
    const r = await cli(['validate', ...inputArgs(p), '--now', now]);
    expect(r.stdout).toContain(
      "- people: 1 of 2 people in the involvements is not in the people table because its row was rejected (e.g. people row 2: birth year '19900' is not a year from 1880 to 2025; see the rejected rows), so has no group or birth year",
    );
    expect(r.stdout).not.toContain('ids written alike');
  });
});
