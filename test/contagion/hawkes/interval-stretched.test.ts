import { describe, expect, it } from 'vitest';
import { hawkesInference, synthCity } from '../../../src/index.js';

// The bias-corrected bootstrap interval 2·θ̂ − mean(θ*) ± z·sd(θ*) can lie wholly past the
// estimate when the refits' bias exceeds z times their spread. The library stretches it to reach
// the estimate (lo ≤ estimate ≤ hi); that stretch is not the estimate's uncertainty and was not
// said: on this city α read [0.0890, 0.106] with lo exactly the estimate, and no word.
describe('hawkesInference: an interval the bias correction moved past its estimate', () => {
  it('is stretched to the estimate, and the warnings say which, on which side', () => {
    const { data } = synthCity({ people: 2000, seed: 7, feud: {} });
    const inf = hawkesInference(data, {
      fit: { asOf: '2023-07-01' },
      replicates: 4,
      nullReplicates: 0,
      placeboReplicates: 0,
    });
    const iv = inf.intervals!;
    for (const x of [iv.alpha, iv.share, iv.meanDelayDays!]) {
      expect(x.lo).toBeLessThanOrEqual(x.estimate);
      expect(x.hi).toBeGreaterThanOrEqual(x.estimate);
    }
    // α's corrected interval lay above the estimate: it starts at it.
    expect(iv.alpha.lo).toBe(iv.alpha.estimate);
    expect(iv.alpha.hi).toBeGreaterThan(iv.alpha.estimate * 1.1);
    const w = inf.warnings.filter((x) => x.includes('stretched'));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(
      `α (${iv.alpha.estimate.toPrecision(3)}, read ${iv.alpha.lo.toPrecision(3)}–${iv.alpha.hi.toPrecision(3)}: the correction lay wholly above it, so the fit's figure is likely low)`,
    );
    expect(w[0]).toContain('one interval');
    expect(w[0]).toContain('with 4 refits this may be noise too');
    // The delay's and the share's intervals hold their estimates inside: not named.
    expect(iv.share.lo).toBeLessThan(iv.share.estimate);
    expect(w[0]).not.toContain('the share');
    expect(w[0]).not.toContain('mean delay');
  }, 120_000);
});
