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
});
