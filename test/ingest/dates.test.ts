import { describe, expect, it } from 'vitest';
import { toDay } from '../../src/core/time.js';
import { parseDate } from '../../src/ingest/index.js';

describe('parseDate', () => {
  it('parseDate(iso) keeps dates as YYYY-MM-DD and normalises date-times to UTC ISO', () => {
    expect(parseDate('2021-03-04')).toEqual({ date: '2021-03-04', day: toDay('2021-03-04') });
    expect(parseDate('2021-03-04T10:15:00+01:00')).toEqual({
      date: '2021-03-04T09:15:00.000Z',
      day: toDay('2021-03-04T09:15:00Z'),
    });
    expect(parseDate('2021-03-04 10:15')?.date).toBe('2021-03-04T10:15:00.000Z');
  });

  it('parseDate rejects impossible dates and non-dates', () => {
    for (const v of ['2021-02-29', '2021-13-01', '31/02/2021', '', 'yesterday', 44197, null, {}]) {
      expect(parseDate(v, 'dmy')).toBeUndefined();
    }
    expect(parseDate('04/03/2021')).toBeUndefined();
    expect(parseDate('04/03/2021 25:00', 'dmy')).toBeUndefined();
  });

  it("parseDate(x, 'dmy' | 'mdy') reads slashed, dashed and dotted day/month/year dates", () => {
    expect(parseDate('4/3/2021', 'dmy')?.date).toBe('2021-03-04');
    expect(parseDate('04-03-2021', 'dmy')?.date).toBe('2021-03-04');
    expect(parseDate('04.03.2021 07:05:09', 'dmy')?.date).toBe('2021-03-04T07:05:09.000Z');
    expect(parseDate('03/04/2021', 'mdy')?.date).toBe('2021-03-04');
    expect(parseDate('2021-03-04', 'mdy')?.date).toBe('2021-03-04');
  });

  it('parseDate(Date) gives a plain date at midnight UTC and a date-time otherwise', () => {
    expect(parseDate(new Date(Date.UTC(2021, 2, 4)))?.date).toBe('2021-03-04');
    expect(parseDate(new Date(Date.UTC(2021, 2, 4, 12)))?.date).toBe('2021-03-04T12:00:00.000Z');
    expect(parseDate(new Date(Number.NaN))).toBeUndefined();
  });
});

describe('local times at a daylight-saving change (timeZone America/Chicago)', () => {
  const chicago = (v: string) => parseDate(v, 'iso', 'America/Chicago');
  it('a time in the spring-forward gap (02:30 on 14 March 2021, which no clock showed) is kept as written, between 01:59 and 03:00', () => {
    // Time is counted on the local wall clock (days are local days): a local time is never turned
    // into an instant, so the gap time is neither moved nor refused.
    const gap = chicago('2021-03-14 02:30')!;
    expect(gap.date).toBe('2021-03-14T02:30:00.000');
    expect(gap.day).toBe(toDay('2021-03-14T02:30:00Z'));
    expect(chicago('2021-03-14 01:59')!.day).toBeLessThan(gap.day);
    expect(gap.day).toBeLessThan(chicago('2021-03-14 03:00')!.day);
  });
  it('a time in the fall-back hour (01:30 on 7 November 2021, shown twice) is one local time; the two instants it names both read as it', () => {
    expect(chicago('2021-11-07 01:30')!.date).toBe('2021-11-07T01:30:00.000');
    // 06:30Z (CDT) and 07:30Z (CST) are both 01:30 on the local clock.
    expect(chicago('2021-11-07T06:30:00Z')!.date).toBe('2021-11-07T01:30:00.000');
    expect(chicago('2021-11-07T07:30:00Z')!.date).toBe('2021-11-07T01:30:00.000');
  });
});
