import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/ingest/dates.js';
import { ingest } from '../../src/ingest/index.js';

// An ISO day with a 12-hour clock time, as a spreadsheet's 'yyyy-mm-dd h:mm AM/PM' writes it, was
// refused ("its day, 2023-04-05, is read but not what follows: expected a time of day …"), though
// it is one, and the day-first and month-first forms read it.
describe('an ISO day with a 12-hour clock time', () => {
  it('reads as the 24-hour time; 12 AM is midnight; an hour off the 12-hour clock is refused', () => {
    const read = (s: string) => parseDate(s)?.date;
    expect(read('2023-04-05 1:00 PM')).toBe('2023-04-05T13:00:00.000Z');
    expect(read('2023-04-05 01:00:00 PM')).toBe('2023-04-05T13:00:00.000Z');
    expect(read('2023-04-05 1:00PM')).toBe('2023-04-05T13:00:00.000Z');
    expect(read('2023-04-05 12:30 pm')).toBe('2023-04-05T12:30:00.000Z');
    expect(read('2023-04-05 12:00 AM')).toBe('2023-04-05T00:00:00.000Z');
    expect(read('2023-04-05T11:59:59.5 p.m.')).toBe('2023-04-05T23:59:59.500Z');
    expect(read('2023-04-05 13:00 PM')).toBeUndefined();
    expect(read('2023-04-05 0:30 AM')).toBeUndefined();
    // Local time in a zone, as any date-time without one.
    expect(parseDate('2023-04-05 1:00 PM', 'iso', 'America/Chicago')?.date).toBe(
      '2023-04-05T13:00:00.000',
    );
  });

  it('through ingest: the rows kept, an impossible one refused with its row', () => {
    const { data, rejected } = ingest(
      {
        incidents:
          'incident_id,date,severity\nI1,2023-04-05 1:00 PM,2\nI2,2023-04-05 11:15:00 AM,2\nI3,2023-04-05 13:00 PM,2\n',
        involvements: 'incident_id,person_id,role\nI1,A,victim\nI2,B,victim\n',
      },
      { now: '2025-01-01' },
    );
    expect(data.incidents.map((x) => [x.incident_id, x.date])).toEqual([
      ['I1', '2023-04-05T13:00:00.000Z'],
      ['I2', '2023-04-05T11:15:00.000Z'],
    ]);
    expect(rejected.map((r) => [r.row, r.field, r.value])).toEqual([
      [3, 'date', '2023-04-05 13:00 PM'],
    ]);
  });
});
