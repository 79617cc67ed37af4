import { describe, expect, it } from 'vitest';
import { gammaMass, gammaP } from '../../src/contagion/hawkes/kernel.js';
import { indexDataset } from '../../src/core/dataset-index.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { synthCity } from '../../src/synth/city.js';
import { trueExpectedEvents } from '../../src/synth/true-expected-events.js';

function recordsBefore(data: Dataset, asOf: number): Dataset {
  const incidents = data.incidents.filter((i) => toDay(i.date) < asOf);
  const ids = new Set(incidents.map((i) => i.incident_id));
  return {
    ...data,
    incidents,
    involvements: data.involvements.filter((v) => ids.has(v.incident_id)),
  };
}

describe('trueExpectedEvents: the truth of a synthetic city as an expected-events function', () => {
  const asOf = toDay('2022-07-01');

  it('without contagion or season, the living expect the background while alive, (1 − e^(−p·μ₀·H))/p, and the killed 0', () => {
    const city = synthCity({
      people: 300,
      seed: 2,
      contagion: { alpha: 0, mu: 0.002, seasonalAmplitude: 0 },
    });
    const past = recordsBefore(city.data, asOf);
    const index = indexDataset(past);
    const people = index.personIds;
    const got = trueExpectedEvents(city)(people, asOf, 90, past);
    expect(got.length).toBe(people.length);
    const killed = new Set<string>();
    for (const i of past.incidents) {
      if (i.severity !== 4) continue;
      for (const v of past.involvements)
        if (v.incident_id === i.incident_id && v.role === 'victim') killed.add(v.person_id);
    }
    // μ₀ = 0.002/day over 4.5 years: each person has ~3.3 events, 8% of them homicides.
    expect(killed.size).toBeGreaterThan(30);
    // Each event is a homicide with p = 0.08, so a person alive at the cut with rate μ₀ expects
    // ∫₀ᴴ μ₀·e^(−p·μ₀·t) dt. The step midpoint rule is within x²/24 relative (x = p·μ₀ = 1.6e-4
    // per one-day step: 1e-9), hence 9 digits and not 12.
    const p = 0.08;
    const alive = (1 - Math.exp(-p * 0.002 * 90)) / p;
    people.forEach((id, i) => {
      expect(got[i]).toBeCloseTo(killed.has(id) ? 0 : alive, 9);
    });
  });

  it('with contagion, every generation expects at least the first, and someone expects more', () => {
    const city = synthCity({ people: 1500, seed: 3 });
    const past = recordsBefore(city.data, asOf);
    const people = indexDataset(past).personIds;
    const all = trueExpectedEvents(city)(people, asOf, 90, past);
    const first = trueExpectedEvents(city, { generations: 'first' })(people, asOf, 90, past);
    let more = 0;
    for (let i = 0; i < people.length; i++) {
      expect(all[i]).toBeGreaterThanOrEqual(first[i]);
      if (all[i] > first[i] + 1e-9) more++;
    }
    expect(more).toBeGreaterThan(0);
  });

  it('the untruncated delay kernel: P(κ, ∞) = 1, so gammaMass with maxLag ∞ is the gamma CDF', () => {
    expect(gammaP(2, Number.POSITIVE_INFINITY)).toBe(1);
    expect(gammaP(0.5, Number.POSITIVE_INFINITY)).toBe(1);
    const k = { shape: 2, beta: 1 / 60, maxLag: Number.POSITIVE_INFINITY };
    // Gamma(2, rate 2/60): CDF(u) = 1 − e^(−ρu)(1 + ρu).
    const rho = 2 / 60;
    expect(gammaMass(k, 0, 45)).toBeCloseTo(1 - Math.exp(-rho * 45) * (1 + rho * 45), 12);
    expect(gammaMass(k, -5, 0)).toBe(0);
  });
});
