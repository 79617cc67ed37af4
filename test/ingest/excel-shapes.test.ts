import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/ingest/dates.js';
import { ingest } from '../../src/ingest/index.js';

const now = '2025-01-01';
const csv = (h: string[], rs: string[][]) => [h, ...rs].map((r) => r.join(',')).join('\n');
const arrow = (h: string[], rs: string[][]) =>
  tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));

describe("a date-time whose hour has one digit (Excel's 'yyyy-mm-dd h:mm')", () => {
  // Before: "date '2023-01-05 9:05' is not a valid date; its day, 2023-01-05, is read but not
  // what follows: expected a time of day (HH:MM …)", and the incident and its people left out.
  it('is read as the same time with its zero (both paths, with a zone too)', () => {
    expect(parseDate('2023-01-05 9:05')?.date).toBe('2023-01-05T09:05:00.000Z');
    expect(parseDate('2023-01-05 0:00')?.date).toBe('2023-01-05T00:00:00.000Z');
    expect(parseDate('2023-01-05T7:30:15Z')?.date).toBe('2023-01-05T07:30:15.000Z');
    expect(parseDate('2023-01-05 9:05:00 UTC')?.date).toBe('2023-01-05T09:05:00.000Z');
    // No such hour or minute is still no date.
    expect(parseDate('2023-01-05 9:75')).toBeUndefined();
    const header = ['incident_id', 'date', 'severity'];
    const rows = [
      ['I1', '2023-01-05 9:05', '2'],
      ['I2', '2023-01-06 0:00', '3'],
      ['I3', '2023-01-07 23:10', '1'],
    ];
    const inv = [['I1', 'A', 'offender']];
    for (const make of [csv, arrow]) {
      const r = ingest(
        {
          incidents: make(header, rows),
          involvements: make(['incident_id', 'person_id', 'role'], inv),
        },
        { now },
      );
      expect(r.rejected).toEqual([]);
      expect(r.data.incidents.map((i) => i.date)).toEqual([
        '2023-01-05T09:05:00.000Z',
        '2023-01-06T00:00:00.000Z',
        '2023-01-07T23:10:00.000Z',
      ]);
    }
  });
});
