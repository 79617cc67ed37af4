import { describe, expect, it, vi } from 'vitest';

// Every EM run of the refits below: its length, and whether it stopped at a collapse of α.
const runs = vi.hoisted(() => [] as { iterations: number; collapsed: boolean; alpha: number }[]);
vi.mock('../../../src/contagion/hawkes/optimise.js', async (importOriginal) => {
  const opt = await importOriginal<typeof import('../../../src/contagion/hawkes/optimise.js')>();
  return {
    ...opt,
    runEm: (...args: Parameters<typeof opt.runEm>) => {
      const em = opt.runEm(...args);
      runs.push({
        iterations: em.iterations,
        collapsed: em.collapsed ?? false,
        alpha: em.params.alpha,
      });
      return em;
    },
  };
});

const { inferenceContext, runReplicates, summariseInference } = await import(
  '../../../src/contagion/hawkes/inference.js'
);
const { synthCity } = await import('../../../src/synth/index.js');

describe('a refit where α collapses ends at α = 0 without creeping there', () => {
  // synthCity 1,000 people, seed 1 (102 events, the fit's α 0.096): its rewired placebo refit 2
  // has no contagion to find. Before, EM crept α from 0.019 to 3.6e-8 over 59 iterations (β at
  // the end of the delay range) and the α = 0 fit (13 iterations) won; the row reported a mean
  // delay of 305.2 days, the β EM had left. Now EM stops at 17 iterations (α falling, its
  // offspring under 1% of the events, β settled, the α = 0 fit as likely and ℓ falling as α
  // leaves 0 at every delay of the range), the α = 0 fit is the fit, and the delay is not reported.
  const { data } = synthCity({ people: 1000, seed: 1 });
  const ctx = inferenceContext(data, {}, 1, false);

  it('the collapsed placebo refit: few EM iterations, α = 0, ℓ of the α = 0 fit, no delay', () => {
    runs.length = 0;
    const [row] = runReplicates(ctx, [['placebo', 2]]);
    expect(row.error).toBe('');
    // The α = 0 run (13 iterations, as before) ends first: the run with contagion asks for it.
    expect(runs.map((r) => r.collapsed)).toEqual([false, true]);
    expect(runs[0].iterations).toBe(13);
    expect(runs[0].alpha).toBe(0);
    expect(runs[1].iterations).toBeLessThan(25);
    expect(runs[1].alpha).toBeGreaterThan(0); // where EM stopped: the α = 0 fit replaces it
    expect(row.alpha).toBe(0);
    expect(row.share).toBe(0);
    expect(row.identified).toBe(false);
    expect(row.log_lik).toBeCloseTo(-1060.7531411204757, 9); // the α = 0 fit's, as before
    expect(Number.isNaN(row.mean_delay_days)).toBe(true);
    // In the table: null (an empty cell), never NaN.
    const inf = summariseInference(
      ctx,
      [row],
      { level: 0.95, replicates: 0, nullReplicates: 0, placeboReplicates: 1 },
      null,
    );
    expect(inf.replicates.get('mean_delay_days', 0)).toBeNull();
    expect(inf.replicates.get('alpha', 0)).toBe(0);
  });

  it('a placebo refit whose α does not collapse runs as before, to the bit', () => {
    // Refit 3: α falls to 0.0032 at a 293-day delay, where ℓ beats the α = 0 fit's (EM 53, 13
    // and 36 iterations, the last the Erlang kernel's): not a collapse.
    runs.length = 0;
    const [row] = runReplicates(ctx, [['placebo', 3]]);
    expect(runs.map((r) => r.iterations)).toEqual([53, 13, 36]);
    expect(runs.map((r) => r.collapsed)).toEqual([false, false, false]);
    expect(row.alpha).toBe(0.0032024158827356547);
    expect(row.mean_delay_days).toBe(293.3429713612757);
    expect(row.share).toBe(0.020723616345010302);
    expect(row.log_lik).toBe(-1061.099488879631);
  });
});
