import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A flat export (a row per person per incident) that gives the incident's columns on its first
// row only — a grouped report, or cells merged in Excel and saved as CSV — had every incident
// rejected: "the rows of incident 'I1' disagree: line 3 has a problem of its own (date is
// empty); which is right cannot be known", and every person with it.
const flat =
  'incident_id,date,offence,severity,person_id,role\n' +
  'I1,2023-01-04,Assault,2,P1,Suspect\nI1,,,,P2,Victim\nI1,NULL,,,P3,Witness\n' +
  'I2,2023-01-05,Robbery,1,P2,Suspect\nI2,,,,P3,Suspect\n' +
  'I3,2023-01-06,Assault,2,P4,Suspect\nI3,,Assault,2,P5,Victim\n';

describe('flat rows that give none of their incident columns', () => {
  it("are read with the incident's first row, with a warning; a row that gives some is compared as before", () => {
    const { data, rejected, summary } = ingest({ involvements: flat }, { now: '2025-01-01' });
    expect(data.incidents.map((i) => [i.incident_id, i.date, i.offence, i.severity])).toEqual([
      ['I1', '2023-01-04', 'Assault', 2],
      ['I2', '2023-01-05', 'Robbery', 1],
    ]);
    expect(data.involvements.map((v) => [v.incident_id, v.person_id, v.role])).toEqual([
      ['I1', 'P1', 'offender'],
      ['I1', 'P2', 'victim'],
      ['I1', 'P3', 'other'],
      ['I2', 'P2', 'offender'],
      ['I2', 'P3', 'offender'],
    ]);
    // I3's second row gives an offence and a severity but no date: a problem of its own, as before.
    expect(rejected.filter((p) => p.table === 'incidents').map((p) => [p.row, p.reason])).toEqual([
      [
        3,
        "the rows of incident 'I3' disagree: line 8 has a problem of its own (date is empty); which is right cannot be known, so the incident is not kept",
      ],
    ]);
    expect(summary.warnings).toContain(
      "involvements (a flat table): 3 rows (the first line 3) give none of the incident columns (date, offence, severity…) of an incident that another of its rows gives, and are read with that row's (an export that gives them on an incident's first row only, or cells merged in Excel)",
    );
  });
});

describe('the row that gives the incident columns need not come first', () => {
  // The same incidents with each incident's filled row below its empty ones: it was rejected,
  // "the rows of incident 'I1' disagree: line 3 has a problem of its own (date is empty)", where
  // the filled-first order was read with a warning.
  const bareFirst =
    'incident_id,date,offence,severity,person_id,role\n' +
    'I1,,,,P2,Victim\nI1,NULL,,,P3,Witness\nI1,2023-01-04,Assault,2,P1,Suspect\n' +
    'I2,,,,P3,Suspect\nI2,2023-01-05,Robbery,1,P2,Suspect\n' +
    'I3,,,,P5,Victim\nI3,2023-01-06,Assault,2,P4,Suspect\nI3,2023-01-07,Assault,2,P6,Suspect\n' +
    'I4,,,,P7,Victim\nI4,,,,P8,Suspect\n';

  it('is read as in the other order: filled from the non-empty row, with the same warning', () => {
    const { data, rejected, summary } = ingest({ involvements: bareFirst }, { now: '2025-01-01' });
    expect(data.incidents.map((i) => [i.incident_id, i.date, i.offence, i.severity])).toEqual([
      ['I1', '2023-01-04', 'Assault', 2],
      ['I2', '2023-01-05', 'Robbery', 1],
    ]);
    expect(data.involvements.map((v) => [v.incident_id, v.person_id, v.role])).toEqual([
      ['I1', 'P2', 'victim'],
      ['I1', 'P3', 'other'],
      ['I1', 'P1', 'offender'],
      ['I2', 'P3', 'offender'],
      ['I2', 'P2', 'offender'],
    ]);
    expect(summary.warnings).toContain(
      "involvements (a flat table): 4 rows (the first line 2) give none of the incident columns (date, offence, severity…) of an incident that another of its rows gives, and are read with that row's (an export that gives them on an incident's first row only, or cells merged in Excel)",
    );
    // Conflicting filled rows are still refused (I3: two dates; the incident's problem on the
    // line it is read from), and an incident no row fills (I4) is rejected for its empty date.
    const inc = rejected.filter((p) => p.table === 'incidents');
    expect(inc.map((p) => [p.row, p.field, p.line, p.reason])).toEqual([
      [
        3,
        'date',
        8,
        "the rows of incident 'I3' disagree about date (column date): '2023-01-06' on line 8, '2023-01-07' on line 9; which is right cannot be known, so the incident is not kept (its rows must give the same day and at most one weapon; or split the table into incidents and involvements)",
      ],
      [4, 'date', 10, 'date is empty'],
    ]);
    // The incident's first row named as such, where its people are rejected with it.
    expect(rejected.find((p) => p.table === 'involvements')?.reason).toMatch(
      /^incident 'I3' was rejected \(its first row on line 7: /,
    );
  });
});
