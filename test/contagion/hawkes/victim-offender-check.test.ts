import { describe, expect, it } from 'vitest';
import { world2 } from '../../../bench/worlds-unseen2-harness.js';
import { buildEngine, excitationSlopesAtZero, VO } from '../../../src/contagion/hawkes/engine.js';
import {
  modelParams,
  VICTIM_OFFENDER_WARNING,
  victimOffenderScore,
  victimOffenderScoreParts,
} from '../../../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { prepareHawkesData } from '../../../src/contagion/hawkes/prepare.js';

/**
 * The fit's victim–offender check: a fit without victim–offender ties, on records whose
 * contagion runs along them (retaliation on the shooter's side), read a true 28.2% as 8.2% and
 * said nothing. It now warns, with the share a fit with `victimOffenderTies: 'sides'` finds.
 */
describe("the fit's victim–offender check", () => {
  const vo = world2({ seed: 1, people: 1500, alpha: 0.05, channel: 'victim-offender' });
  const fit = fitNetworkHawkes(vo.data);
  const warned = (m: { warnings: readonly string[] }) =>
    m.warnings.find((w) => w.startsWith(VICTIM_OFFENDER_WARNING));

  it("warns where harm follows victim–offender ties, giving the 'sides' fit's share near the truth", () => {
    expect(vo.trueShareRecorded).toBeCloseTo(0.282, 3);
    expect(fit.contagionShare).toBeLessThan(0.1); // what the fit itself reads
    expect(victimOffenderScore(fit)).toBeGreaterThan(2.33);
    const w = warned(fit);
    expect(w).toBeDefined();
    const [found, along] = [...(w ?? '').matchAll(/([0-9.]+)%/g)].map((x) => Number(x[1]) / 100);
    expect(Math.abs(found - vo.trueShareRecorded)).toBeLessThan(0.03);
    expect(along).toBeGreaterThan(0.2);
    expect(w).toContain(`at least ${(100 * fit.contagionShare).toFixed(1)}%`);
    expect(w).toContain("victimOffenderTies: 'sides'");
    // the share a fit of the user's own with the option gives
    const sides = fitNetworkHawkes(vo.data, { victimOffenderTies: 'sides' });
    expect(found).toBeCloseTo(sides.contagionShare, 2);
  });

  it('says nothing without such contagion: none at all, or contagion along co-offending ties', () => {
    const none = fitNetworkHawkes(
      world2({ seed: 1, people: 1500, alpha: 0, channel: 'victim-offender' }).data,
    );
    expect(victimOffenderScore(none)).toBeLessThan(2);
    expect(warned(none)).toBeUndefined();
    const co = fitNetworkHawkes(world2({ seed: 1, people: 1500, alpha: 0.05 }).data);
    expect(co.identified).toBe(true);
    expect(warned(co)).toBeUndefined();
  });

  it('is not run on a fit with victim–offender ties', () => {
    const direct = fitNetworkHawkes(vo.data, { victimOffenderTies: 'direct' });
    expect(victimOffenderScore(direct)).toBe(0);
    expect(warned(direct)).toBeUndefined();
  });

  it("its score is the slope of the 'sides' likelihood in α_vo at 0, as the engine computes it", () => {
    // An exponential kernel, which the engine's slope assumes; the ties and intensities of the
    // score are built another way (the fit's data with the ties added, the kernel density).
    const m = fitNetworkHawkes(vo.data, { kernel: 'exponential' });
    const hd = prepareHawkesData(vo.data, { victimOffenderTies: 'sides' });
    const s = m.state;
    const eng = buildEngine(hd, s.bg, {
      maxLag: s.maxLag,
      g: s.g,
      seasonal: false,
      selfExcitation: false,
      victimOffender: true,
      betaMin: s.beta,
      betaMax: s.beta,
    });
    // The fit's kernel, then exponential kernels of mean 14, 30, 60 and 120 days.
    const betas = [s.beta, 1 / 14, 1 / 30, 1 / 60, 1 / 120];
    const slopes = excitationSlopesAtZero(eng, modelParams(m), betas, VO);
    const { u, v } = victimOffenderScoreParts(m);
    expect(u).toHaveLength(5);
    for (let b = 0; b < 5; b++) {
      expect(Math.abs(slopes[b])).toBeGreaterThan(10);
      expect(u[b]).toBeCloseTo(slopes[b], 6);
      expect(v[b]).toBeGreaterThan(0);
    }
    expect(victimOffenderScore(m)).toBeCloseTo(
      Math.max(...Array.from(u, (x, b) => x / Math.sqrt(v[b]))),
      12,
    );
  });
});
