import { describe, expect, it } from 'vitest';
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
});
