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
