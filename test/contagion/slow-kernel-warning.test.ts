// A slow kernel found with confidence is what a long, flat kernel also fits when event-prone
// people are tied to event-prone people with no contagion at all (homophily): the fit says so.
import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { misspecifiedWorld, synthCity } from '../../src/synth/index.js';

const slow = (w: readonly string[]) => w.find((x) => x.startsWith("The kernel's mean delay is"));

describe('fitNetworkHawkes: an identified kernel of half a year or more', () => {
  it('warns on a city with no contagion whose risk is assortative over the ties', () => {
    // synthCity's ordinary-violence victims are mostly people in no group, tied mostly to each
    // other; with minSeverity 2 the fit finds 6.7% "contagion" with a 275-day kernel (seed 7).
    const { data } = synthCity({
      people: 3000,
      years: 6,
      seed: 7,
      contagion: { mu: 1e-4, alpha: 0, beta: 1 / 60 },
    });
    const m = fitNetworkHawkes(data, { minSeverity: 2, standardErrors: true });
    expect(m.identified).toBe(true);
    expect(m.kernel.meanDays).toBeGreaterThanOrEqual(180);
    const w = slow(m.warnings);
    expect(w).toBe(
      `The kernel's mean delay is ${m.kernel.meanDays.toFixed(0)} days: excitation this slow is hard to tell from risk shared along the ties without contagion (people with many events tied to people with many events), which a long, flat kernel also fits. Before reporting the share (${(100 * m.contagionShare).toFixed(1)}%), compare it with hawkesInference's placebo with shuffled days (placebo: 'shuffled-days'), which keeps who is tied and who has events but not when.`,
    );
  });

  it('is silent where contagion travels along the ties at its usual pace', () => {
    const m = fitNetworkHawkes(
      synthCity(misspecifiedWorld('all', { seed: 1, people: 3000, contagion: true })).data,
      {
        standardErrors: true,
      },
    );
    expect(m.identified).toBe(true);
    expect(m.kernel.meanDays).toBeLessThan(100);
    expect(slow(m.warnings)).toBeUndefined();
  });
});
