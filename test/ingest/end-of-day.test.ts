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
