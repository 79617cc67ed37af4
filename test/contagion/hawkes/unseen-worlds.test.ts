import { describe, expect, it } from 'vitest';
import { unseenCity } from '../../../bench/worlds-unseen-harness.js';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';

/**
 * Worlds nobody had tried (bench/worlds-unseen.ts, bench/results/worlds-unseen-2026-12-03.md):
 * a city with no contagion in which 15% of shootings also hit a co-offender of the victim,
 * recorded as a second incident dated the next day. The fit found an 11% share with a one-day
 * kernel and called it identified, with no warning: a confident wrong answer.
 */
describe('fitNetworkHawkes on one incident recorded as two on consecutive days', () => {
  it('does not call one-day "contagion" between co-victims a finding', () => {
    for (const seed of [1, 3]) {
      const c = unseenCity('covictims-split', { seed, contagion: false });
      expect(c.truth.triggeredShare).toBe(0);
      const m = fitNetworkHawkes(c.data, { standardErrors: true });
      // The spurious share is there (the records do hold consecutive-day pairs of tied people)…
      expect(m.contagionShare).toBeGreaterThan(0.05);
      expect(m.delays.median).toBeLessThanOrEqual(1);
      // …but the fit says it is not a finding.
      expect(m.identified).toBe(false);
      expect(m.warnings.some((w) => /a day or less/.test(w))).toBe(true);
    }
  });

  it('co-victims recorded in one incident give no share; real contagion stays identified', () => {
    const same = fitNetworkHawkes(
      unseenCity('covictims-same-incident', { seed: 1, contagion: false }).data,
    );
    expect(same.contagionShare).toBeLessThan(0.01);
    const real = fitNetworkHawkes(unseenCity('plain', { seed: 1, contagion: true }).data, {
      standardErrors: true,
    });
    expect(real.identified).toBe(true);
    expect(real.delays.median).toBeGreaterThan(10);
    expect(real.warnings.some((w) => /a day or less/.test(w))).toBe(false);
  });
});
