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

describe("trueExpectedEvents with hotPeriods: 'expected' — the forecast at the cut", () => {
  // A world of frequent hot periods (4 per group per year, mean 30 days, background × 3), so that
  // the Monte Carlo below is not all noise, and without contagion: the forecast of hot periods is
  // in the background, which every generation builds on. (The Monte Carlo checks the model of the
  // forecast, within about 3% of the total; the closed-form test below checks its arithmetic to
  // 1e-4, and fails on a 10% error in the rate, which the Monte Carlo can miss.) The 'expected' figure
  // is E[realised figure | the state at the cut]: check it against an independent Monte Carlo of
  // that expectation, which keeps each hot period under way at the cut, redraws its end (an
  // exponential length is memoryless), draws new hot periods after the cut from the world's
  // Poisson process, and averages the 'realised' figures over the draws.
  const city = synthCity({
    seed: 4,
    people: 500,
    contagion: { alpha: 0 },
    world: { hotPeriods: { perGroupPerYear: 4, meanDays: 30, factor: 3 } },
  });
  const asOf = toDay('2022-03-01');
  // A year ahead, so the hot periods that start after the cut weigh as much as those under way.
  const H = 365;
  const past = recordsBefore(city.data, asOf);
  const people = indexDataset(past).personIds;
  const hp = city.truth.world!.hotPeriods as { perGroupPerYear: number; meanDays: number };
  // Every group with members can have hot periods, including those that had none before the cut.
  const groups = indexDataset(city.data).groupNames;
  const ongoingAtCut = city.truth.hotPeriods.filter((h) => h.startDay <= asOf && asOf < h.endDay);
  // A small seeded generator (mulberry32), independent of the library's.
  let state = 12345;
  const uniform = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const exponential = (mean: number) => -mean * Math.log(1 - uniform());

  it("matches a Monte Carlo of the 'realised' figure over the future, group by group, within 4 standard errors", () => {
    const first = { generations: 'first' } as const;
    const expected = trueExpectedEvents(city, { ...first, hotPeriods: 'expected' })(
      people,
      asOf,
      H,
      past,
    );
    const realised = trueExpectedEvents(city, first)(people, asOf, H, past);
    // Each person's group (−1: none), and the expected figure summed by group.
    const index = indexDataset(past);
    const groupOf = people.map((id) => index.group[index.personIndex.get(id)!]);
    const G = index.groupNames.length;
    const byGroup = (x: ArrayLike<number>) => {
      const out = new Float64Array(G + 1);
      for (let i = 0; i < people.length; i++) out[groupOf[i] + 1] += x[i];
      return out;
    };
    const total = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);
    const draws = 100;
    const sum = new Float64Array(G + 1);
    const sum2 = new Float64Array(G + 1);
    let totals2 = 0;
    for (let d = 0; d < draws; d++) {
      const hotPeriods = ongoingAtCut.map((h) => ({
        group: h.group,
        startDay: h.startDay,
        endDay: asOf + exponential(hp.meanDays),
      }));
      for (const group of groups)
        for (let t = asOf + exponential(365.25 / hp.perGroupPerYear); t < asOf + H; ) {
          hotPeriods.push({ group, startDay: t, endDay: t + exponential(hp.meanDays) });
          t += exponential(365.25 / hp.perGroupPerYear);
        }
      const truth = { ...city.truth, hotPeriods };
      const x = byGroup(
        trueExpectedEvents({ data: city.data, truth }, first)(people, asOf, H, past),
      );
      totals2 += total(x) ** 2;
      for (let g = 0; g <= G; g++) {
        sum[g] += x[g];
        sum2[g] += x[g] * x[g];
      }
    }
    const want = byGroup(expected);
    let worst = 0;
    for (let g = 0; g <= G; g++) {
      const mean = sum[g] / draws;
      const se = Math.sqrt(Math.max(0, sum2[g] / draws - mean * mean) / (draws - 1));
      worst = Math.max(worst, Math.abs(want[g] - mean) / (se + 1e-9 * mean + 1e-12));
    }
    const mcTotal = total(sum) / draws;
    const mcTotalSe = Math.sqrt(Math.max(0, totals2 / draws - mcTotal ** 2) / (draws - 1));
    expect(ongoingAtCut.length).toBeGreaterThan(0);
    expect(G).toBeGreaterThan(10);
    // Group by group (and the people in no group, whose figure has no variance: 1e-9 relative).
    expect(worst).toBeLessThan(4);
    // The total over everyone, within 4 standard errors, which are under 1% of it.
    expect(mcTotalSe / mcTotal).toBeLessThan(0.01);
    expect(Math.abs(total(expected) - mcTotal)).toBeLessThan(4 * mcTotalSe);
    // And it is not the clairvoyant figure, which reads the hot periods that really came.
    expect(Math.abs(total(expected) - total(realised)) / total(realised)).toBeGreaterThan(0.05);
  });

  it('equals the closed-form integral of the expected number of hot periods under way', () => {
    // With a tiny background (survival ≈ 1), no season and no contagion, a person alive at the cut
    // in a group with n hot periods under way expects
    // μ₀·∫₀ᴴ 1 + (f − 1)·(n·e^(−u/D) + r·D·(1 − e^(−u/D))) du
    //   = μ₀·(H + (f − 1)·(n·D·(1 − e^(−H/D)) + r·D·(H − D·(1 − e^(−H/D))))).
    const mu = 1e-6;
    const [r, D, f] = [4 / 365.25, 30, 3];
    const quiet = synthCity({
      seed: 4,
      people: 500,
      contagion: { alpha: 0, mu, seasonalAmplitude: 0 },
      world: { hotPeriods: { perGroupPerYear: 4, meanDays: D, factor: f } },
    });
    const p2 = recordsBefore(quiet.data, asOf);
    const index = indexDataset(p2);
    const ids = index.personIds;
    const got = trueExpectedEvents(quiet, { hotPeriods: 'expected' })(ids, asOf, H, p2);
    const under = new Map<string, number>();
    for (const h of quiet.truth.hotPeriods)
      if (h.startDay <= asOf && asOf < h.endDay) under.set(h.group, (under.get(h.group) ?? 0) + 1);
    expect(Math.max(...under.values())).toBeGreaterThan(0);
    const gone = 1 - Math.exp(-H / D);
    let inGroups = 0;
    ids.forEach((id, i) => {
      const g = index.group[index.personIndex.get(id)!];
      const n = g < 0 ? 0 : (under.get(index.groupNames[g]) ?? 0);
      const want = g < 0 ? mu * H : mu * (H + (f - 1) * (n * D * gone + r * D * (H - D * gone)));
      if (g >= 0) inGroups++;
      // One-day midpoint steps: relative error ≈ 1/(24·D²) = 5e-5 on the decaying terms.
      expect(Math.abs(got[i] - want) / want).toBeLessThan(1e-4);
    });
    expect(inGroups).toBeGreaterThan(100);
    // A cut 100 days before the period starts: nothing before the start, and new hot periods
    // only from the start (the generator starts none earlier), nothing under way.
    const s0 = quiet.truth.period.startDay;
    const early = s0 - 100;
    const none = recordsBefore(quiet.data, early);
    const e = trueExpectedEvents(quiet, { hotPeriods: 'expected' })(ids, early, H, none);
    const L = early + H - s0;
    const goneL = 1 - Math.exp(-L / D);
    ids.forEach((id, i) => {
      const g = index.group[index.personIndex.get(id)!];
      const want = g < 0 ? mu * L : mu * (L + (f - 1) * r * D * (L - D * goneL));
      expect(Math.abs(e[i] - want) / want).toBeLessThan(1e-4);
    });
  });

  it('is the realised figure in a world without hot periods', () => {
    const plain = synthCity({ people: 400, seed: 5 });
    const p2 = recordsBefore(plain.data, asOf);
    const ids = indexDataset(p2).personIds;
    expect(trueExpectedEvents(plain, { hotPeriods: 'expected' })(ids, asOf, 90, p2)).toEqual(
      trueExpectedEvents(plain)(ids, asOf, 90, p2),
    );
  });
});
