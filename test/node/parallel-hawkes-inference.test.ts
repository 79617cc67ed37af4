import { describe, expect, it } from 'vitest';
import { world2 } from '../../bench/worlds-unseen2-harness.js';
import { hawkesInference } from '../../src/contagion/hawkes/index.js';
import { hawkesInferenceParallel } from '../../src/node/index.js';
import { misspecifiedWorld, synthCity } from '../../src/synth/index.js';

describe('hawkesInferenceParallel', () => {
  it('gives exactly the single-thread result, split over 2 worker threads', async () => {
    const { data } = synthCity(misspecifiedWorld('hot-periods', { seed: 3, people: 600 }));
    const options = {
      replicates: 2,
      nullReplicates: 1,
      nullReference: 'larger' as const,
      placeboReplicates: 1,
      seed: 5,
    };
    const one = hawkesInference(data, options);
    const two = await hawkesInferenceParallel(data, { ...options, threads: 2 });
    expect(two.replicates.objects()).toEqual(one.replicates.objects());
    expect(two.intervals).toEqual(one.intervals);
    expect(two.noContagionTest).toEqual(one.noContagionTest);
    // Every replicate that refits is listed (a replicate whose simulated data a refit refuses is
    // dropped the same way on both paths).
    expect(two.replicates.numRows()).toBe(one.replicates.numRows());
    expect(two.replicates.numRows()).toBeGreaterThanOrEqual(5);
    expect(two.noContagionTest!.pValueRewired).not.toBeNull();
  }, 600_000);

  it('gives exactly the single-thread result with victim–offender ties (α_vo, its test, both parts of the share)', async () => {
    // Contagion along victim–offender ties: the bootstrap refits condition on the fit's
    // victim–offender ties (set on the replicate's records), which each worker rebuilds itself.
    const w = world2({ seed: 2, people: 800, alpha: 0.05, channel: 'victim-offender' });
    const options = {
      fit: { victimOffenderTies: 'sides' as const },
      replicates: 2,
      nullReplicates: 1,
      nullReference: 'parametric' as const,
      placeboReplicates: 1,
      kernelCheck: false,
      seed: 7,
    };
    const one = hawkesInference(w.data, options);
    const two = await hawkesInferenceParallel(w.data, { ...options, threads: 2 });
    expect(two.replicates.objects()).toEqual(one.replicates.objects());
    expect(two.intervals).toEqual(one.intervals);
    expect(two.noContagionTest).toEqual(one.noContagionTest);
    expect(two.victimOffenderTest).toEqual(one.victimOffenderTest);
    expect(two.placebo).toEqual(one.placebo);
    expect(two.warnings).toEqual(one.warnings);
    // Real values: every replicate refits, with α_vo and both parts of the share.
    expect(two.replicates.numRows()).toBe(4);
    for (const r of two.replicates.objects() as Record<string, unknown>[]) {
      expect(r.error).toBe('');
      expect(r.alpha_vo).toBeGreaterThanOrEqual(0);
    }
    expect(two.intervals!.alphaVictimOffender!.lo).toBeGreaterThan(0);
    expect(two.intervals!.shares!.victimOffender.estimate).toBe(one.model.shares.victimOffender);
    expect(two.victimOffenderTest!.statistic).toBeGreaterThan(10);
  }, 600_000);
});
