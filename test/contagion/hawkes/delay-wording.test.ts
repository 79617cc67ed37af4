import { describe, expect, it } from 'vitest';
import { inferenceContext, summariseInference } from '../../../src/contagion/hawkes/inference.js';
import { roundedDatesWarning } from '../../../src/contagion/hawkes/precision.js';
import { synthCity } from '../../../src/synth/index.js';

describe('a positive mean delay below half a day reads "under 1 day", not "0 days"', () => {
  it("in the kernel check's warning", () => {
    const { data } = synthCity({ people: 300, seed: 2, years: 4 });
    const ctx = inferenceContext(data, {}, 1, false);
    const inf = summariseInference(
      ctx,
      [],
      { level: 0.95, replicates: 0, nullReplicates: 0, placeboReplicates: 0 },
      { shape: 0.6, meanDelayDays: 0.3, statistic: 25, pValue: 6e-7 },
    );
    const w = inf.warnings.find((x) => x.startsWith('The delays are not exponential'));
    expect(w).toContain('with a mean delay of under 1 day against the exponential kernel');
    expect(w).not.toMatch(/\b0 days\b/);
  });

  it('in the rounded-dates warning', () => {
    // 24 incidents on the first of 24 months: dates rounded to the month.
    const days: number[] = [];
    for (let m = 0; m < 24; m++) days.push(Date.UTC(2020, m, 1) / 864e5);
    const incident = days.map((_, i) => i);
    const w = roundedDatesWarning(
      days,
      0,
      { alpha: 0.1, meanDelay: 0.3, erlangShape: null },
      incident,
    );
    expect(w).toContain('the delay (mean under 1 day) is known to a month at best');
    expect(w).not.toMatch(/\b0 days\b/);
  });
});
