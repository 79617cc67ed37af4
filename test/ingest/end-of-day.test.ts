import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';

// '2023-04-05 24:00' was read as 00:00 on 2023-04-06 without a word: ISO 8601's reading, but a
// records system that writes 24:00 means the end of 5 April, and the day kept is one later.
const rows = {
  incident_id: ['I1', 'I2', 'I3', 'I4', 'I5'],
  occurred: [
    '2023-04-05 24:00',
    '2023-04-05T24:00:00',
    '2023-04-05 23:00',
    '2023-04-05 24:00',
    '2023-06-30 24:00',
  ],
  severity: [3, 2, 1, 9, 2],
};
const involvements = aq.table({
  incident_id: ['I1', 'I2', 'I3', 'I5'],
  person_id: ['A', 'B', 'C', 'D'],
  role: ['victim', 'victim', 'victim', 'offender'],
});
const options = { now: '2025-01-01', mapping: { date: 'occurred' }, strict: false };
const WARNING =
  "incidents: column 'occurred' has 3 dates at 24:00 (row 1, row 2, row 5: '2023-04-05 24:00'), read as ISO 8601 reads 24:00, 00:00 of the next day (2023-04-06, not 2023-04-05); a records system that writes 24:00 usually means the end of the day written: write 23:59 to keep that day";

describe('a date-time written at 24:00', () => {
  it("is kept as ISO reads it (00:00 the next day), with one warning naming the column and the rows (a rejected row's left out)", () => {
    const { data, summary } = ingest(
      { incidents: aq.table(rows).toCSV(), involvements: involvements.toCSV() },
      options,
    );
    expect(data.incidents.map((x) => [x.incident_id, x.date])).toEqual([
      ['I1', '2023-04-06T00:00:00.000Z'],
      ['I2', '2023-04-06T00:00:00.000Z'],
      ['I3', '2023-04-05T23:00:00.000Z'],
      ['I5', '2023-07-01T00:00:00.000Z'],
    ]);
    expect(summary.warnings.filter((w) => w.includes('24:00'))).toEqual([WARNING]);
  });

  it('the columnar path says the same', () => {
    const input = { incidents: aq.table(rows), involvements };
    const a = ingestByColumns(input, options).summary.warnings;
    expect(a.filter((w) => w.includes('24:00'))).toEqual([WARNING]);
    expect(a).toEqual(ingestRows(input, options).summary.warnings);
  });

  it('no date at 24:00: no warning', () => {
    const { summary } = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2023-04-05 00:00,3\nI2,2023-04-05 12:24,3\n',
        involvements: 'incident_id,person_id,role\nI1,A,victim\nI2,B,victim\n',
      },
      { now: '2025-01-01' },
    );
    expect(summary.warnings.some((w) => w.includes('24:00'))).toBe(false);
  });
});

// A date with a separate time cell '24:00' was refused ("time '24:00' is not a time of day"),
// while '2023-04-05 24:00' in one cell is read; and '2023-04-05 24:00' beside a time cell was
// read as a date saved at midnight, the time cell's time put on the next day.
describe('a time cell at 24:00 beside a date', () => {
  const timed = {
    incident_id: ['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9', 'I10'],
    occurred: [
      '2023-04-05',
      '2023-04-05',
      '2023-04-05',
      '2023-04-05',
      '2023-06-30',
      '2023-04-05 24:00', // two times: refused
      '2023-04-05 24:00',
      '2023-04-05 10:00', // two times: refused
      '2023-04-05 00:00', // a date saved at midnight: the time cell gives its time
      '2023-04-05',
    ],
    at: ['24:00', '2400', '23:59', '24:00', '24:00:00', '10:30', '', '10:30', '24:00', '24:30'],
    severity: [3, 2, 1, 9, 2, 2, 2, 2, 2, 2],
  };
  const inv = aq.table({
    incident_id: timed.incident_id,
    person_id: timed.incident_id.map((_, i) => `P${i}`),
    role: timed.incident_id.map(() => 'victim'),
  });
  const opts = { now: '2025-01-01', mapping: { date: 'occurred', time: 'at' }, strict: false };
  const TIME_WARNING =
    "incidents: column 'at' has 4 times at 24:00 (row 1, row 2, row 5, row 9: '24:00' on '2023-04-05'), read as ISO 8601 reads 24:00, 00:00 of the next day (2023-04-06, not 2023-04-05); a records system that writes 24:00 usually means the end of the day written: write 23:59 to keep that day";
  const DATE_WARNING =
    "incidents: column 'occurred' has 1 date at 24:00 (row 7: '2023-04-05 24:00'), read as ISO 8601 reads 24:00, 00:00 of the next day (2023-04-06, not 2023-04-05); a records system that writes 24:00 usually means the end of the day written: write 23:59 to keep that day";

  it('is read as the one-cell form (00:00 the next day, warned of by column and rows); a date-time with a time cell is refused, naming both columns', () => {
    const { data, summary, rejected } = ingest(
      { incidents: aq.table(timed).toCSV(), involvements: inv.toCSV() },
      opts,
    );
    expect(data.incidents.map((x) => [x.incident_id, x.date])).toEqual([
      ['I1', '2023-04-06T00:00:00.000Z'],
      ['I2', '2023-04-06T00:00:00.000Z'],
      ['I3', '2023-04-05T23:59:00.000Z'],
      ['I5', '2023-07-01T00:00:00.000Z'],
      ['I7', '2023-04-06T00:00:00.000Z'],
      ['I9', '2023-04-06T00:00:00.000Z'],
    ]);
    expect(summary.warnings.filter((w) => w.includes('24:00'))).toEqual([
      DATE_WARNING,
      TIME_WARNING,
    ]);
    expect(
      rejected.filter((p) => p.table === 'incidents').map((p) => [p.row, p.field, p.reason]),
    ).toEqual([
      [4, 'severity', expect.stringContaining("severity '9'")],
      [
        6,
        'time',
        "two times for one incident: date '2023-04-05 24:00' (column 'occurred') already carries a time, and column 'at' gives '10:30'; leave one of them empty",
      ],
      [
        8,
        'time',
        "two times for one incident: date '2023-04-05 10:00' (column 'occurred') already carries a time, and column 'at' gives '10:30'; leave one of them empty",
      ],
      [10, 'time', "time '24:30' is not a time of day (expected HH:MM, HH:MM:SS or HHMM)"],
    ]);
  });

  it('the columnar path reads and says the same', () => {
    const input = { incidents: aq.table(timed), involvements: inv };
    const byColumns = ingestByColumns(input, opts);
    const byRows = ingestRows(input, opts);
    expect(byColumns.summary.warnings.filter((w) => w.includes('24:00'))).toEqual([
      DATE_WARNING,
      TIME_WARNING,
    ]);
    expect(byColumns.summary.warnings).toEqual(byRows.summary.warnings);
    expect(byColumns.data.incidents).toEqual(byRows.data.incidents);
    expect(byColumns.rejected).toEqual(byRows.rejected);
  });

  it('a number cell 2400 (HHMM saved as a number) is read so too', () => {
    const { data, summary } = ingest(
      {
        incidents: [{ incident_id: 'I1', date: '2023-04-05', time: 2400, severity: 2 }],
        involvements: [{ incident_id: 'I1', person_id: 'A', role: 'victim' }],
      },
      { now: '2025-01-01' },
    );
    expect(data.incidents[0].date).toBe('2023-04-06T00:00:00.000Z');
    expect(summary.warnings.filter((w) => w.includes('24:00'))).toEqual([
      "incidents: column 'time' has 1 time at 24:00 (row 1: '2400' on '2023-04-05'), read as ISO 8601 reads 24:00, 00:00 of the next day (2023-04-06, not 2023-04-05); a records system that writes 24:00 usually means the end of the day written: write 23:59 to keep that day",
    ]);
  });
});
