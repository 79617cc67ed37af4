import { describe, expect, it } from 'vitest';
import { world2 } from '../../../bench/worlds-unseen2-harness.js';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';

/**
 * The α-collapse stop with victim–offender ties. The default fit ends at α = 0 when α collapses;
 * with `victimOffenderTies` EM had no such stop, so on cities without contagion α sat at 3.4e-11
 * ('direct') or 5.6e-13 ('sides') where the default fit reads 0, and α_vo at 9.1e-9 where the
 * default fit (which has no α_vo) reads the same α. Now α and α_vo each stop at 0 by the
 * default's rule (the fit with it held at 0 as likely, ℓ falling as it leaves 0 there).
 */
describe('fitNetworkHawkes with victimOffenderTies: α and α_vo collapse to exact 0s', () => {
  const opts = { standardErrors: false } as const;

  it('α is 0 where the default fit gives 0 (a city without contagion)', () => {
    const none = world2({ seed: 3, people: 1500, alpha: 0, channel: 'victim-offender' });
    const plain = fitNetworkHawkes(none.data, opts);
    expect(plain.parameters.alpha).toBe(0);
    for (const kind of ['direct', 'sides'] as const) {
      const m = fitNetworkHawkes(none.data, { ...opts, victimOffenderTies: kind });
      expect(m.parameters.alpha).toBe(0); // was 3.4e-11 ('direct'), 5.6e-13 ('sides')
      expect(m.shares.coOffending).toBe(0);
      // α_vo's small part (ℓ 0.6–0.7 above the fit without contagion) is kept
      expect(m.parameters.alphaVictimOffender).toBeGreaterThan(0.002);
      expect(m.logLikelihood).toBeGreaterThan(plain.logLikelihood);
    }
  });

  it('α_vo is 0 where the default fit has none to find, and α is the default fit’s', () => {
    const none = world2({ seed: 2, people: 1500, alpha: 0, channel: 'victim-offender' });
    const plain = fitNetworkHawkes(none.data, opts);
    const m = fitNetworkHawkes(none.data, { ...opts, victimOffenderTies: 'direct' });
    expect(m.parameters.alphaVictimOffender).toBe(0); // was 9.1e-9
    expect(m.shares.victimOffender).toBe(0);
    expect(m.parameters.alpha).toBeGreaterThan(0);
    expect(Math.abs(m.parameters.alpha - plain.parameters.alpha)).toBeLessThan(
      1e-6 * plain.parameters.alpha,
    );
    expect(m.logLikelihood).toBeCloseTo(plain.logLikelihood, 5);
  });
});
