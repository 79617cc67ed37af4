/**
 * Start values for the self-excitation term: a start value of 0 holds α_self at 0 (EM keeps a zero
 * at zero), which the fit says; a start value given with self-excitation off is refused, not dropped.
 */
import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { OptionError } from '../../../src/core/errors.js';
import { generateNetworkHawkesCity } from './generate.js';

const { data } = generateNetworkHawkesCity({
  people: 300,
  years: 3,
  seed: 5,
  mu: 6e-4,
  alpha: 0.25,
  beta: 1 / 30,
});

describe('start values of α_self', () => {
  it('refuses start.alphaSelf > 0 without selfExcitation; 0, as fitted parameters carry it, is accepted', () => {
    expect(() =>
      fitNetworkHawkes(data, { start: { alphaSelf: 0 }, standardErrors: false }),
    ).not.toThrow();
    expect(() => fitNetworkHawkes(data, { start: { alphaSelf: 0.1 } })).toThrow(OptionError);
    expect(() => fitNetworkHawkes(data, { start: { alphaSelf: 0.1 } })).toThrow(
      /start\.alphaSelf is the excitation of a person by their own events, which is off: set selfExcitation: true/,
    );
  });

  it('says when start.alphaSelf = 0 held α_self at 0, and not otherwise', () => {
    const held = fitNetworkHawkes(data, {
      selfExcitation: true,
      frailty: false,
      start: { alphaSelf: 0 },
      standardErrors: false,
    });
    expect(held.parameters.alphaSelf).toBe(0);
    expect(held.shares.self).toBe(0);
    expect(held.warnings.join(' ')).toMatch(
      /α_self was held at 0 by start\.alphaSelf = 0: shares\.self is 0 by that start value, not a finding/,
    );
    const free = fitNetworkHawkes(data, {
      selfExcitation: true,
      frailty: false,
      standardErrors: false,
    });
    expect(free.warnings.join(' ')).not.toMatch(/α_self was held/);
  });
});
