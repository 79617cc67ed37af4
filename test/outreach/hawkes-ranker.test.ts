import { describe, expect, it } from 'vitest';
import { toDay } from '../../src/core/time.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { makeDataset } from '../helpers.js';

describe('hawkesRanker', () => {
  it('fits on the retention window the backtest gives it, not the default six years', () => {
    // A's shooting (2020) is older than one year at the cut; B's (2021) is not. No ties, so the
    // fit is background only: μ₀ = 1 event / (2 people × 365.25 days), and each person's
    // expected events over 90 days are μ₀ × 90. With six years it would be 2 / (2 × 731) × 90.
    const data = makeDataset([
      ['a', '2020-01-01', 3, [], ['A']],
      ['b', '2021-07-01', 3, [], ['B']],
      ['c', '2021-09-01', 0, ['A'], []],
    ]);
    const out = hawkesRanker().rank({
      data,
      asOf: toDay('2022-01-01'),
      horizonDays: 90,
      population: ['A', 'B'],
      retentionYears: 1,
    });
    const want = (1 / (2 * 365.25)) * 90;
    expect(out.expected![0]).toBeCloseTo(want, 9);
    expect(out.expected![1]).toBeCloseTo(want, 9);
  });
});
