import { describe, expect, it } from 'vitest';
import {
  inferenceContext,
  runReplicates,
  summariseInference,
} from '../../../src/contagion/hawkes/inference.js';
import { synthCity } from '../../../src/synth/index.js';

describe('a replicate row at α = 0 reports no mean delay', () => {
  it('the placebo refit that ends at α = 0: NaN in the row, null in the table', () => {
    // synthCity 1,000 people, seed 1: its rewired placebo refit 2 ends at α = 0 (the α = 0 fit
    // beats the run with contagion). Before, the row reported 305.2 days, the mean of the
    // kernel at the β EM had left (the end of the delay range): a figure with no meaning.
    const { data } = synthCity({ people: 1000, seed: 1 });
    const ctx = inferenceContext(data, {}, 1, false);
    const rows = runReplicates(ctx, [
      ['placebo', 2],
      ['placebo', 3],
    ]);
    expect(rows[0].alpha).toBe(0);
    expect(Number.isNaN(rows[0].mean_delay_days)).toBe(true);
    // A refit with contagion keeps its delay (293.3 days at α = 0.0032).
    expect(rows[1].alpha).toBeGreaterThan(0);
    expect(rows[1].mean_delay_days).toBeCloseTo(293.3429713612757, 9);
    const inf = summariseInference(
      ctx,
      rows,
      { level: 0.95, replicates: 0, nullReplicates: 0, placeboReplicates: 2 },
      null,
    );
    expect(inf.replicates.get('mean_delay_days', 0)).toBeNull();
    expect(inf.replicates.get('mean_delay_days', 1)).toBeCloseTo(293.3429713612757, 9);
  });
});
