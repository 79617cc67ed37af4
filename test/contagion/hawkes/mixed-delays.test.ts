import { describe, expect, it } from 'vitest';
import { world2 } from '../../../bench/worlds-unseen2-harness.js';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';

/**
 * Contagion that is partly fast and partly slow (bench/worlds-unseen2.ts,
 * bench/results/worlds-unseen-2026-12-04.md): half the delays within a week, half about 200
 * days. The default fit kept an Erlang kernel of mean 4 days, read the slow half as background
 * (share 11.8% against a true 25.0% on seed 1) and called it identified, with no warning.
 */
describe('fitNetworkHawkes on fast and slow contagion mixed', () => {
  it('warns that a short kernel missed the slow part, with the histogram kernel’s share', () => {
    const w = world2({ seed: 1, alpha: 0.05, delay: 'mixture' });
    expect(w.trueShare).toBeGreaterThan(0.2);
    const m = fitNetworkHawkes(w.data);
    // The fit is what it was: a short kernel and about half the share…
    expect(m.identified).toBe(true);
    expect(m.kernel.meanDays).toBeLessThan(10);
    expect(m.contagionShare).toBeLessThan(0.6 * w.trueShare);
    // …and now says so, with the share a kernel with no shape finds (within 3 points of the truth).
    const warning = m.warnings.find((x) => /do not fit one/.test(x));
    expect(warning).toBeDefined();
    const share = Number(/finds a share of ([\d.]+)%/.exec(warning ?? '')?.[1]);
    expect(Math.abs(share / 100 - w.trueShare)).toBeLessThan(0.03);
    expect(warning).toMatch(/Report the share as at least 11\.8%/);
  });

  it('does not warn on a short kernel of one shape, nor check a kernel of a month or more', () => {
    // lognormal delays (median 20 days): the kernel is short (19 days) and checked, no warning
    const short = fitNetworkHawkes(world2({ seed: 1, alpha: 0.05, delay: 'lognormal' }).data);
    expect(short.identified).toBe(true);
    expect(short.kernel.meanDays).toBeLessThan(30);
    expect(short.warnings.some((x) => /do not fit one/.test(x))).toBe(false);
    const usual = fitNetworkHawkes(world2({ seed: 1, alpha: 0.05 }).data);
    expect(usual.kernel.meanDays).toBeGreaterThan(30);
    expect(usual.warnings.some((x) => /do not fit one/.test(x))).toBe(false);
  });
});
