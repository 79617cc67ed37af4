import { describe, expect, it } from 'vitest';
import { trendEdges } from '../../../src/contagion/hawkes/background.js';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { OptionError } from '../../../src/core/errors.js';
import { toDay } from '../../../src/core/time.js';
import { generateNetworkHawkesCity } from './generate.js';

const day = (iso: string) => toDay(iso);
const iso = (d: number) => new Date(d * 86400000).toISOString().slice(0, 10);

describe('trend bins with a shorter last bin (lastTrendBinDays, default 182)', () => {
  it('splits a long last bin on the first of the month holding end − lastTrendBinDays', () => {
    const a = day('2019-01-01');
    const b = day('2022-05-01');
    // The last calendar piece (Jan–Apr 2022, 120 days) is under a third of a year: merged.
    expect(trendEdges(a, b, 'year').map(iso)).toEqual([
      '2019-01-01',
      '2020-01-01',
      '2021-01-01',
      '2022-05-01',
    ]);
    // Merged, it is 485 days: 182 days before the end is 2021-10-31, so the split is 2021-10-01
    // (a last bin of 212 days), and the 273 days before it stay a bin.
    expect(trendEdges(a, b, 'year', 182).map(iso)).toEqual([
      '2019-01-01',
      '2020-01-01',
      '2021-01-01',
      '2021-10-01',
      '2022-05-01',
    ]);
    // A window ending on a year boundary: its last year is halved.
    expect(trendEdges(a, day('2022-01-01'), 'year', 182).map(iso)).toEqual([
      '2019-01-01',
      '2020-01-01',
      '2021-01-01',
      '2021-07-01',
      '2022-01-01',
    ]);
  });

  it('keeps the same last bin for refits a few days apart', () => {
    const a = day('2020-01-01');
    const e1 = trendEdges(a, day('2023-01-01'), 'year', 182);
    const e2 = trendEdges(a, day('2023-01-04'), 'year', 182);
    expect(e1.slice(0, -1)).toEqual(e2.slice(0, -1));
    expect(iso(e1[e1.length - 2])).toBe('2022-07-01');
  });

  it('leaves a last bin alone when the month of the split is its own first month', () => {
    // [2021-01-01, 2021-08-01) is 212 days, but 182 days before its end falls in January 2021.
    const a = day('2019-01-01');
    const b = day('2021-08-01');
    expect(trendEdges(a, b, 'year', 182)).toEqual(trendEdges(a, b, 'year'));
  });

  it('joins a piece shorter than a third of a bin left before the split to the bin before', () => {
    // Calendar: 2019, 2020, [2021-01-01, 2021-09-15); the split 2021-03-01 would leave 59 days of
    // 2021 alone, so they join 2020.
    const e = trendEdges(day('2019-01-01'), day('2021-09-15'), 'year', 182);
    expect(e.map(iso)).toEqual(['2019-01-01', '2020-01-01', '2021-03-01', '2021-09-15']);
  });

  it('leaves quarters and no trend alone when their last bin is shorter', () => {
    const a = day('2019-01-01');
    const b = day('2021-08-01');
    expect(trendEdges(a, b, 'quarter', 182)).toEqual(trendEdges(a, b, 'quarter'));
    expect(trendEdges(a, b, false, 182)).toEqual([a, b]);
  });

  it('is checked, and a fit reports the split bin in its trend table', () => {
    const { data } = generateNetworkHawkesCity({
      people: 300,
      years: 3,
      seed: 3,
      mu: 4e-4,
      alpha: 0.1,
      beta: 1 / 30,
    });
    expect(() => fitNetworkHawkes(data, { lastTrendBinDays: 10 })).toThrow(OptionError);
    expect(() => fitNetworkHawkes(data, { lastTrendBinDays: Number.NaN })).toThrow(OptionError);
    const calendar = fitNetworkHawkes(data, {
      standardErrors: false,
      lastTrendBinDays: Number.POSITIVE_INFINITY,
    });
    const split = fitNetworkHawkes(data, { standardErrors: false });
    const last = split.trend[split.trend.length - 1];
    expect(day(last.end) - day(last.start)).toBeGreaterThanOrEqual(182);
    expect(day(last.end) - day(last.start)).toBeLessThanOrEqual(182 + 30);
    expect(split.trend.length).toBe(calendar.trend.length + 1);
    // Every fitted number finite (JSON.stringify would write NaN as null, so walk them).
    const numbers: unknown[] = [];
    const walk = (x: unknown) => {
      if (typeof x === 'number') numbers.push(x);
      else if (ArrayBuffer.isView(x))
        numbers.push(...Array.from(x as unknown as ArrayLike<number>));
      else if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') Object.values(x).forEach(walk);
    };
    walk(split.parameters);
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('does not split a window that is one calendar bin when the piece before would be short', () => {
    // One calendar year from 2021-03-31: the split (2021-04-01) would leave a 1-day first bin.
    expect(trendEdges(day('2021-03-31'), day('2021-10-01'), 'year', 182).map(iso)).toEqual([
      '2021-03-31',
      '2021-10-01',
    ]);
    // A whole calendar year is split: the first half is a bin of its own (181 days).
    expect(trendEdges(day('2021-01-01'), day('2021-12-31'), 'year', 182).map(iso)).toEqual([
      '2021-01-01',
      '2021-07-01',
      '2021-12-31',
    ]);
  });

  it('keeps calendar bins, and warns, when the records stop months before asOf', () => {
    // Records from 2017-08-01 to 2020-08-01, asOf 2021-03-01: the split last bin (2020-08-01 on)
    // would hold no event, get rate 0 and zero every forecast. The calendar bins are kept (their
    // last bin, 2020-01-01 to asOf, holds events and gets a rate).
    const { data } = generateNetworkHawkesCity({
      people: 300,
      years: 3,
      start: '2017-08-01',
      seed: 3,
      mu: 4e-4,
      alpha: 0.1,
      beta: 1 / 30,
    });
    const asOf = '2021-03-01';
    const gap = fitNetworkHawkes(data, { asOf, standardErrors: false });
    const calendar = fitNetworkHawkes(data, {
      asOf,
      standardErrors: false,
      lastTrendBinDays: Number.POSITIVE_INFINITY,
    });
    expect(gap.trend.map((b) => b.start)).toEqual(calendar.trend.map((b) => b.start));
    expect(gap.trend[gap.trend.length - 1].start).toBe('2020-01-01');
    expect(gap.trend[gap.trend.length - 1].factor).toBeGreaterThan(0.05);
    expect(gap.warnings.some((w) => w.startsWith('No serious-violence event falls'))).toBe(false);
    // Further past the records, the calendar last bin (2021) is empty too: the split is kept,
    // and the fit says the last bin is empty.
    const far = fitNetworkHawkes(data, { asOf: '2021-09-01', standardErrors: false });
    expect(far.trend[far.trend.length - 1].factor).toBe(0);
    expect(
      far.warnings.some((w) =>
        w.startsWith(
          'No serious-violence event falls in the last trend bin (2021-03-01 to 2021-09-01)',
        ),
      ),
    ).toBe(true);
  });
});
