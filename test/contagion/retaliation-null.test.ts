import { describe, expect, it } from 'vitest';
import { retaliationNullModel } from '../../src/contagion/retaliation-null.js';
import { OptionError } from '../../src/core/errors.js';
import { synthCity } from '../../src/synth/city.js';

describe('retaliationNullModel (time shuffles)', () => {
  it('on a city with no feuds, the links found are within the null interval', () => {
    // Without feuds nothing answers anything: the links found are the pattern matches a busy
    // network yields by chance, which is what shuffling the dates of violent incidents gives.
    const { data } = synthCity({ people: 2000, seed: 3 });
    const n = retaliationNullModel(data, { runs: 39, seed: 2 });
    const { observed, interval, expected } = n.links;
    expect(observed).toBeGreaterThanOrEqual(interval[0]);
    expect(observed).toBeLessThanOrEqual(interval[1]);
    expect(expected).toBeGreaterThan(0);
    expect(n.links.pValue).toBeGreaterThan(0.05);
    // Seeded: the same seed gives the same null distribution.
    expect(retaliationNullModel(data, { runs: 39, seed: 2 }).links).toEqual(n.links);
  });

  it('on a feud city, the links found are far above chance', () => {
    // 10 rivalries answer attacks within weeks: shuffled dates break who-came-when, so the
    // observed links (≈ the true 52) stand well above the shuffled worlds.
    const { data } = synthCity({ people: 2000, seed: 1, feud: {} });
    const n = retaliationNullModel(data, { runs: 19, seed: 1 });
    expect(n.links.observed).toBeGreaterThan(2 * n.links.expected);
    expect(n.links.observed).toBeGreaterThan(n.links.interval[1]);
    expect(n.links.pValue).toBe(1 / 20);
    expect(n.reciprocity).not.toBeNull();
    expect(n.summary).toMatch(
      /^\d+ links; about \d+ expected by chance \(95% \d+–\d+\), p = 0\.05$/,
    );
    console.log(n.summary, n.cascades, n.reciprocity);
  });

  it('refuses bad options by name', () => {
    const { data } = synthCity({ people: 200, seed: 1 });
    expect(() => retaliationNullModel(data, { runs: 0 })).toThrow(OptionError);
    expect(() => retaliationNullModel(data, { run: 9 } as never)).toThrow(/runs/);
  });
});
