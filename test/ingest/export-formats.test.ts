// Date and time formats of real public police exports, read alike by the row (CSV) path and the
// columnar (Arrow) path.
import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest, parseDate } from '../../src/ingest/index.js';

const strip = (r: ReturnType<typeof ingest>) => ({
  incidents: r.data.incidents,
  // CSV rows also carry their physical line; the rest must agree.
  rejected: r.rejected.map(({ line: _line, ...p }) => p),
});

/** The same table as CSV text and as an Arrow table of text columns. */
function bothWays(header: string[], rows: string[][], inv: string[][], options: object) {
  const csv = (h: string[], rs: string[][]) => [h, ...rs].map((r) => r.join(',')).join('\n');
  const arrow = (h: string[], rs: string[][]) =>
    tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
  const invHeader = ['incident_id', 'person_id', 'role'];
  const fromCsv = ingest(
    { incidents: csv(header, rows), involvements: csv(invHeader, inv) },
    { now: '2025-01-01', ...options },
  );
  const fromArrow = ingest(
    { incidents: arrow(header, rows), involvements: arrow(invHeader, inv) },
    { now: '2025-01-01', ...options },
  );
  expect(strip(fromArrow)).toEqual(strip(fromCsv));
  return fromCsv;
}

describe('12-hour clock times (Chicago and Los Angeles data portals)', () => {
  it("parseDate reads 'MM/DD/YYYY hh:mm:ss AM/PM' (12 AM is midnight, 12 PM noon)", () => {
    expect(parseDate('03/04/2021 02:30:00 PM', 'mdy')?.date).toBe('2021-03-04T14:30:00.000Z');
    expect(parseDate('03/04/2021 12:05:00 AM', 'mdy')?.date).toBe('2021-03-04T00:05:00.000Z');
    expect(parseDate('03/04/2021 12:05 PM', 'mdy')?.date).toBe('2021-03-04T12:05:00.000Z');
    expect(parseDate('04/03/2021 9:15 pm', 'dmy')?.date).toBe('2021-03-04T21:15:00.000Z');
    expect(parseDate('04/03/2021 9:15 p.m.', 'dmy')?.date).toBe('2021-03-04T21:15:00.000Z');
    // Not a 12-hour clock: refused, never read as some other hour.
    expect(parseDate('03/04/2021 13:00 PM', 'mdy')).toBeUndefined();
    expect(parseDate('03/04/2021 0:30 AM', 'mdy')).toBeUndefined();
  });

  it('an export with AM/PM date-times and HHMM time cells is read on both paths', () => {
    const r = bothWays(
      ['incident_id', 'date', 'time', 'severity'],
      [
        ['I1', '03/04/2021 02:30:00 PM', '', '2'], // Chicago: one date-time column
        ['I2', '03/01/2020 12:00:00 AM', '2130', '3'], // Los Angeles: midnight date + TIME OCC
        ['I3', '03/01/2020', '930', '1'], // TIME OCC saved as a number: 09:30
        ['I4', '03/01/2020', '11:45 PM', '1'],
        ['I5', '03/01/2020 10:00:00 AM', '2130', '1'], // two times: refused
        ['I6', '03/01/2020', '30', '1'], // an hour or minutes? refused
      ],
      [
        ['I1', 'A', 'offender'],
        ['I2', 'A', 'offender'],
        ['I3', 'A', 'offender'],
        ['I4', 'A', 'offender'],
        ['I5', 'A', 'offender'],
        ['I6', 'A', 'offender'],
      ],
      { dateFormat: 'mdy' },
    );
    expect(r.data.incidents.map((i) => [i.incident_id, i.date])).toEqual([
      ['I1', '2021-03-04T14:30:00.000Z'],
      ['I2', '2020-03-01T21:30:00.000Z'],
      ['I3', '2020-03-01T09:30:00.000Z'],
      ['I4', '2020-03-01T23:45:00.000Z'],
    ]);
    expect(r.rejected.filter((p) => p.table === 'incidents').map((p) => [p.row, p.reason])).toEqual(
      [
        [
          5,
          "two times for one incident: date '03/01/2020 10:00:00 AM' (column 'date') already carries a time, and column 'time' gives '2130'; leave one of them empty",
        ],
        [6, "time '30' is not a time of day (expected HH:MM, HH:MM:SS or HHMM)"],
      ],
    );
  });

  it('in a time zone, the midnight of a local date-time takes the time cell too', () => {
    const r = bothWays(
      ['incident_id', 'date', 'time', 'severity'],
      [['I1', '03/01/2020 12:00:00 AM', '2130', '3']],
      [['I1', 'A', 'offender']],
      { dateFormat: 'mdy', timeZone: 'America/Los_Angeles' },
    );
    expect(r.data.incidents.map((i) => [i.date, i.day])).toEqual([
      ['2020-03-01T21:30:00.000', 18322 + 21.5 / 24],
    ]);
  });
});

describe('now with a zone', () => {
  it("a zoned 'now' is an instant, compared in timeZone's local time (both paths)", () => {
    // 03:00Z on 1 January is 21:00 on 31 December in Chicago: 22:00 local is after it.
    const r = bothWays(
      ['incident_id', 'date', 'severity'],
      [
        ['I1', '2024-12-31T22:00:00', '2'],
        ['I2', '2024-12-31T20:00:00', '2'],
      ],
      [
        ['I1', 'A', 'offender'],
        ['I2', 'A', 'offender'],
      ],
      { now: '2025-01-01T03:00:00Z', timeZone: 'America/Chicago' },
    );
    expect(r.data.incidents.map((i) => i.incident_id)).toEqual(['I2']);
    expect(r.rejected[0].reason).toBe(
      "date '2024-12-31T22:00:00' is in the future (after 2024-12-31T21:00:00.000)",
    );
  });

  it("a 'now' with a whole-hour offset, as PostgreSQL writes it ('…03:00:00-06'), is that instant", () => {
    // Before: refused ("now '2025-01-01 03:00:00-06' is not a valid date"), though records
    // written so are read. 03:00 at -06 is 09:00Z, 03:00 in Chicago (UTC-6 in winter).
    const r = bothWays(
      ['incident_id', 'date', 'severity'],
      [
        ['I1', '2025-01-01T04:00:00', '2'],
        ['I2', '2025-01-01T02:00:00', '2'],
      ],
      [
        ['I1', 'A', 'offender'],
        ['I2', 'A', 'offender'],
      ],
      { now: '2025-01-01 03:00:00-06', timeZone: 'America/Chicago' },
    );
    expect(r.data.incidents.map((i) => i.incident_id)).toEqual(['I2']);
    expect(r.rejected[0].reason).toBe(
      "date '2025-01-01T04:00:00' is in the future (after 2025-01-01T03:00:00.000)",
    );
  });
});

describe('PostgreSQL timestamptz text', () => {
  it("an offset in whole hours ('+00', '-05') is an offset, on both paths", () => {
    expect(parseDate('2021-03-04 10:00:00+00')?.date).toBe('2021-03-04T10:00:00.000Z');
    expect(parseDate('2021-03-04 10:00:00.25-05')?.date).toBe('2021-03-04T15:00:00.250Z');
    // A plain date ending in a day is not an offset.
    expect(parseDate('2021-03-04')?.date).toBe('2021-03-04');
    const r = bothWays(
      ['incident_id', 'date', 'severity'],
      [['I1', '2021-03-04 03:00:00+00', '2']],
      [['I1', 'A', 'offender']],
      { timeZone: 'America/Chicago' },
    );
    // 03:00 UTC is 21:00 the day before in Chicago.
    expect(r.data.incidents.map((i) => i.date)).toEqual(['2021-03-03T21:00:00.000']);
  });
});

describe('hints on dates the format cannot read', () => {
  it('a date valid only in the other order says the format may be wrong; a two-digit year is never guessed (both paths)', () => {
    const r = bothWays(
      ['incident_id', 'date', 'severity'],
      [
        ['I1', '04/03/2021', '2'],
        ['I2', '03/25/2021', '2'],
        ['I3', '04/03/21', '2'],
        ['I4', '31/02/2021', '2'],
      ],
      [['I1', 'A', 'offender']],
      { dateFormat: 'dmy' },
    );
    expect(r.rejected.filter((p) => p.table === 'incidents').map((p) => p.reason)).toEqual([
      "date '03/25/2021' is not a valid date; it is a valid date as mdy: if the column is mdy, set dateFormat: 'mdy' (its dates with a day up to 12 were read the wrong way round)",
      "date '04/03/21' is not a valid date; a two-digit year is never guessed (19xx or 20xx?): save dates with four-digit years",
      "date '31/02/2021' is not a valid date",
    ]);
  });

  it('a date in no form the format reads says which forms it reads (both paths)', () => {
    // Before, '2023/03/05' (year first, with slashes), '5 March 2023' and '20230305' were each
    // "not a valid date", with no word on what was expected.
    const rows = [
      ['I1', '2023/03/05', '2'],
      ['I2', '5 March 2023', '2'],
      ['I3', '20230305', '2'],
      ['I4', '2021-02-30', '2'],
      // A date followed by words, not a time: it was taken as a form read ("not a valid date",
      // nothing more).
      ['I5', '2023-03-05 noon', '2'],
    ];
    const reasons = (dateFormat: string) =>
      bothWays(['incident_id', 'date', 'severity'], rows, [['I1', 'A', 'offender']], {
        dateFormat,
      })
        .rejected.filter((p) => p.table === 'incidents')
        .map((p) => p.reason);
    const iso =
      '; expected YYYY-MM-DD (ISO 8601), optionally with a time of day (YYYY-MM-DD HH:MM)';
    expect(reasons('iso')).toEqual([
      `date '2023/03/05' is not a valid date${iso}`,
      `date '5 March 2023' is not a valid date; month names are not read${iso.replace(';', ':')}`,
      `date '20230305' is not a valid date${iso}`,
      // Written in a form it reads, but no such day: nothing to add.
      "date '2021-02-30' is not a valid date",
      `date '2023-03-05 noon' is not a valid date${iso}`,
    ]);
    expect(reasons('dmy')[0]).toBe(
      "date '2023/03/05' is not a valid date; expected DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY) or YYYY-MM-DD, optionally with a time of day",
    );
    expect(reasons('mdy')[1]).toMatch(
      /; month names are not read: expected MM\/DD\/YYYY \(or MM-DD-YYYY, MM.DD.YYYY\) or/,
    );
  });

  it('a day that is read with a time or zone that is not, or an ISO date without its zeros, says which (both paths)', () => {
    // Before, each was only "not a valid date", as if 2023-01-05 were no day: a zone by a name
    // other than UTC, and '2023-1-5'.
    const r = bothWays(
      ['incident_id', 'date', 'severity'],
      [
        ['I1', '2023-01-05 10:00:00 EST', '2'],
        ['I2', '2023-01-05 10.00.00', '2'],
        ['I3', '2023-1-5', '2'],
        ['I4', '2021-02-30 10:00', '2'],
      ],
      [['I1', 'A', 'offender']],
      {},
    );
    const after =
      ': expected a time of day (HH:MM, HH:MM:SS or HH:MM:SS.fff) and, if any, a zone as Z, UTC or ±HH:MM (2023-01-05 10:00:00+00:00); names such as EST are not read';
    expect(r.rejected.filter((p) => p.table === 'incidents').map((p) => p.reason)).toEqual([
      `date '2023-01-05 10:00:00 EST' is not a valid date; its day, 2023-01-05, is read but not what follows${after}`,
      `date '2023-01-05 10.00.00' is not a valid date; its day, 2023-01-05, is read but not what follows${after}`,
      "date '2023-1-5' is not a valid date; write the month and the day with two digits each (YYYY-MM-DD, such as 2023-01-05)",
      // No such day: nothing to add, as before.
      "date '2021-02-30 10:00' is not a valid date",
    ]);
  });

  it('a zone after a space (BigQuery ... UTC, SQL Server datetimeoffset ... +01:00) is read, as right after the time (both paths)', () => {
    // Before, both were rejected: "its day, 2023-01-05, is read but not what follows: …, not
    // after a space nor as a name", though each names one instant.
    const r = bothWays(
      ['incident_id', 'date', 'severity'],
      [
        ['I1', '2023-01-05 14:00:00 UTC', '2'],
        ['I2', '2023-01-05 14:00:00.0000000 +01:00', '2'],
        ['I3', '2023-01-05 23:30:00 -0600', '2'],
        ['I4', '2023-01-05 14:00 gmt', '2'],
      ],
      [['I1', 'A', 'offender']],
      {},
    );
    expect(r.rejected).toEqual([]);
    expect(r.data.incidents.map((i) => i.date)).toEqual([
      '2023-01-05T14:00:00.000Z',
      '2023-01-05T13:00:00.000Z',
      '2023-01-06T05:30:00.000Z',
      '2023-01-05T14:00:00.000Z',
    ]);
    // In Chicago (UTC−6 in January): local wall-clock times, days on the local calendar.
    const chicago = bothWays(
      ['incident_id', 'date', 'severity'],
      [['I1', '2023-01-06 03:00:00 UTC', '2']],
      [['I1', 'A', 'offender']],
      { timeZone: 'America/Chicago' },
    );
    expect(chicago.data.incidents.map((i) => i.date)).toEqual(['2023-01-05T21:00:00.000']);
  });

  it('Unix time and month names say so (both paths)', () => {
    // Before, each was only "not a valid date; expected YYYY-MM-DD …", with no word that the
    // number is a time since 1970 or that the month was written as a name.
    const r = bothWays(
      ['incident_id', 'date', 'severity'],
      [
        ['I1', '1672531200000', '2'], // 2023-01-01 00:00 UTC in milliseconds
        ['I2', '1688169600', '2'], // 2023-07-01 00:00 UTC in seconds
        ['I3', '06-Jan-2023', '2'], // Oracle's default
        ['I4', '123456789012', '2'], // 12 digits: neither
      ],
      [['I1', 'A', 'offender']],
      {},
    );
    const iso = 'expected YYYY-MM-DD (ISO 8601), optionally with a time of day (YYYY-MM-DD HH:MM)';
    expect(r.rejected.filter((p) => p.table === 'incidents').map((p) => p.reason)).toEqual([
      "date '1672531200000' is not a valid date; Unix time in milliseconds (2023-01-01 UTC)? Convert the column to dates (YYYY-MM-DD) before ingest",
      "date '1688169600' is not a valid date; Unix time in seconds (2023-07-01 UTC)? Convert the column to dates (YYYY-MM-DD) before ingest",
      `date '06-Jan-2023' is not a valid date; month names are not read: ${iso}`,
      `date '123456789012' is not a valid date; ${iso}`,
    ]);
  });
});
