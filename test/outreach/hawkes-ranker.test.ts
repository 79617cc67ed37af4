import { describe, expect, it } from 'vitest';
import { toDay } from '../../src/core/time.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { makeDataset } from '../helpers.js';

describe('hawkesRanker', () => {
  it('fits on the retention window the backtest gives it, not the default six years', () => {
    // With a one-year retention at the 2022-01-01 cut, A's 2020 shooting is gone: the window
    // runs from B's shooting (2021-03-01) to the cut, 306 days, with two events among A and B.
    // No ties, plain background, so μ₀ = 2 / (2 people × 306 days) and each person's expected
    // events over 90 days are μ₀ × 90. With six years it would be 3 / (2 × 731) × 90.
    const data = makeDataset([
      ['a', '2020-01-01', 3, [], ['A']],
      ['b', '2021-03-01', 3, [], ['B']],
      ['d', '2021-09-01', 3, [], ['A']],
      ['c', '2021-10-01', 0, ['A'], []],
    ]);
    const out = hawkesRanker({ recordCovariates: false, trend: false, entry: 'window' }).rank({
      data,
      asOf: toDay('2022-01-01'),
      horizonDays: 90,
      population: ['A', 'B'],
      retentionYears: 1,
    });
    const want = (2 / (2 * 306)) * 90;
    expect(out.expected![0]).toBeCloseTo(want, 9);
    expect(out.expected![1]).toBeCloseTo(want, 9);
  });
});
