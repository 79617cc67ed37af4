import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { synthCity } from '../../../src/synth/index.js';

describe('fitNetworkHawkes warns when the last trend bin, which sets the forecast level, holds few events', () => {
  const { data } = synthCity({ seed: 1, people: 800 });

  it('one event in the last half-year: the level (and every forecast total) is mostly chance', () => {
    // Before: no warning, while the level read 0.39 with the default half-year bin and 2.47 with
    // a 30-day one (the same single event), the 90-day forecasts 0.96 against 3.71 events.
    const levels: number[] = [];
    for (const lastTrendBinDays of [182, 30]) {
      const m = fitNetworkHawkes(data, {
        asOf: '2023-01-01',
        lastTrendBinDays,
        standardErrors: false,
      });
      const last = m.trend[m.trend.length - 1];
      levels.push(last.factor);
      expect(m.warnings).toContain(
        `Only 1 serious-violence event falls in the last trend bin (${last.start} to 2023-01-01), whose rate sets the level of every background forecast past the window: on so few events that level is mostly chance (its standard error is about 100%), and so are the forecasts' totals and the weight of background against exposure in a ranking. A longer lastTrendBinDays (or trend: false) rests it on more events.`,
      );
    }
    expect(levels[1] / levels[0]).toBeGreaterThan(5);
  });

  it('is not given when the last bin holds 5 events or more', () => {
    const m = fitNetworkHawkes(synthCity({ seed: 1, people: 3000 }).data, {
      asOf: '2023-01-01',
      standardErrors: false,
    });
    const last = m.trend[m.trend.length - 1];
    const inLast = (m.events.objects() as { date: string; p_triggered: number }[]).filter(
      (e) => e.date >= last.start,
    ).length;
    expect(inLast).toBeGreaterThanOrEqual(5);
    expect(m.warnings.some((w) => w.includes('in the last trend bin'))).toBe(false);
  });

  it('a last bin whose events are all taken for contagion (its rate fitted at 0): forecasts fade to nothing, and it says so', () => {
    const city = synthCity({ seed: 3, people: 800 });
    const m = fitNetworkHawkes(city.data, { asOf: '2023-01-01', standardErrors: false });
    const last = m.trend[m.trend.length - 1];
    // 8 serious events in 2022-07-01 – 2023-01-01, and a background rate there of ~7e-16.
    expect(last.factor).toBeLessThan(1e-6);
    const total = (from: string) =>
      m.risk(undefined, { from, horizonDays: 90 }).reduce((a, r) => a + r.expected, 0);
    // The 90-day forecast from asOf holds only excitation (3.38; 6 serious incidents followed),
    // and a year later almost nothing (0.058).
    expect(total('2024-01-01')).toBeLessThan(0.1 * total('2023-01-01'));
    expect(m.warnings).toContain(
      `The background rate of the last trend bin (${last.start} to 2023-01-01) was fitted at 0: its 8 serious-violence events are all taken for contagion. That rate is the level of every background forecast past the window, so forecasts hold no background and fade to nothing as the past events' excitation decays. A longer lastTrendBinDays (or trend: false) rests the level on more of the record.`,
    );
    // With a year-long last bin the rate is not 0, and there is no such warning.
    const year = fitNetworkHawkes(city.data, {
      asOf: '2023-01-01',
      standardErrors: false,
      lastTrendBinDays: 365,
    });
    expect(year.warnings.some((w) => w.includes('was fitted at 0'))).toBe(false);
  });
});
