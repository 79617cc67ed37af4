import { gammaMass } from '../contagion/hawkes/kernel.js';
import { indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { InputError } from '../core/errors.js';
import { checkOptions, rule } from '../core/options.js';
import type { ExpectedEvents } from '../core/risk.js';
import type { Dataset } from '../core/types.js';
import { findTie, networkOf } from '../graph/network-of.js';
import { P_HOMICIDE } from './contagion.js';
import type { SynthCity, SynthTruth } from './types.js';

/**
 * The true expected number of serious-violence events of each person in a horizon, under the
 * process that made a synthetic city, every generation included: the ceiling
 * `oracleRanker(trueExpectedEvents(city))` ranks by. From the true parameters and the true
 * event times before the cut: each person's true background (μ₀ × their background weight ×
 * season × their group's hot periods, from the onset of recorded violence), the first-generation
 * excitation of every true event before the cut through ties formed before its day (exponential
 * or gamma delay, as the city's), and the expected knock-on events inside the horizon through
 * the ties known at the cut (a discretised convolution in one-day steps). Homicide victims in
 * the records before the cut have left the population and expect 0 (and excite nobody, and
 * nobody's events excite them); inside the horizon each person's rate is weighted by their
 * chance of being alive (each serious-violence event is a homicide with probability 0.08, after
 * which the person has no more), as the generator removes the dead. Pass the whole city
 * when it has person backgrounds; `generations: 'first'` (default `'all'`) gives the
 * first-generation figure alone. In a world with group hot periods, `hotPeriods: 'expected'`
 * (default `'realised'`) forecasts them from the state at the cut instead of reading the ones
 * that happen later: see {@link TrueExpectedEventsOptions}.
 *
 * @example
 * const city = synthCity({ people: 2000, seed: 1 });
 * backtest(city.data, { cuts: 4, rankers: [hawkesRanker(), oracleRanker(trueExpectedEvents(city))] });
 */
export function trueExpectedEvents(
  truthOrCity: SynthTruth | SynthCity,
  options: TrueExpectedEventsOptions = {},
): ExpectedEvents {
  if (
    typeof truthOrCity !== 'object' ||
    truthOrCity === null ||
    !('truth' in truthOrCity || 'events' in truthOrCity)
  )
    throw new InputError(
      'trueExpectedEvents',
      'trueExpectedEvents: expected a synthetic city (synthCity) or its truth, got ' +
        (truthOrCity === null ? 'null' : typeof truthOrCity),
    );
  options = checkOptions('trueExpectedEvents', options, {
    generations: rule.oneOf(['all', 'first']),
    hotPeriods: rule.oneOf(['realised', 'expected']),
  });
  const truth = 'truth' in truthOrCity ? truthOrCity.truth : truthOrCity;
  const cityPeople = 'truth' in truthOrCity ? truthOrCity.data.people : null;
  if (truth.backgroundWeights && !cityPeople)
    throw new InputError(
      'trueExpectedEvents',
      'trueExpectedEvents: this city gives people different backgrounds; pass the whole city, trueExpectedEvents(city), so the weights can be matched to people',
    );
  const weightOf = new Map<string, number>();
  if (truth.backgroundWeights && cityPeople)
    cityPeople.forEach((p, i) => {
      weightOf.set(p.person_id, truth.backgroundWeights![i]);
    });
  const generations = options.generations ?? trueExpectedEvents.defaults.generations;
  const c = truth.contagion;
  // The city's delay kernel, untruncated (the generator draws delays without a cap).
  const kernel = c && {
    shape: truth.world?.delayShape ?? 1,
    beta: c.beta,
    maxLag: Number.POSITIVE_INFINITY,
  };
  const hot = new Map<string, { a: number; b: number }[]>();
  for (const h of truth.hotPeriods ?? []) {
    let l = hot.get(h.group);
    if (!l) hot.set(h.group, (l = []));
    l.push({ a: h.startDay, b: h.endDay });
  }
  const hotWorld = truth.world?.hotPeriods || null;
  const hotFactor = hotWorld ? hotWorld.factor : 1;
  const foresee = (options.hotPeriods ?? trueExpectedEvents.defaults.hotPeriods) === 'realised';
  const onset = truth.period.onsetDay ?? truth.period.startDay;
  const endDay = truth.period.endDay;
  return (population: readonly string[], asOf: number, H: number, records: Dataset) => {
    const expected = new Float64Array(population.length);
    if (!c || !kernel) return expected;
    const index = indexDataset(records);
    const n = index.personIds.length;
    const { edges, csr } = networkOf(index, { asOf, retentionYears: Number.POSITIVE_INFINITY });
    const steps = Math.max(1, Math.ceil(H));
    const dt = H / steps;
    // Background per person and step (expected events per day); 0 for homicide victims in the
    // records before the cut, who have left the population (as the generator removes them).
    const w = new Float64Array(n);
    for (let k = 0; k < n; k++) w[k] = weightOf.size ? (weightOf.get(index.personIds[k]) ?? 1) : 1;
    const dead = new Uint8Array(n);
    for (let i = 0, hi = index.lowerBound(asOf); i < hi; i++) {
      if (index.severity[i] !== 4) continue;
      for (let e = index.invOffset[i]; e < index.invOffset[i + 1]; e++)
        if (index.invRole[e] === ROLE_CODE.victim) dead[index.invPerson[e]] = 1;
    }
    // Hot periods known at the cut ('expected'): the number of each group's hot periods under way
    // at asOf. Their lengths are exponential, so each one still under way lasts on for meanDays in
    // expectation whatever its age, and new ones start at perGroupPerYear: the expected number
    // under way at t ≥ asOf is n·e^(−u/D) + r·D·(1 − e^(−u/D)), u = t − asOf, D = meanDays.
    const ongoing = new Float64Array(index.groupNames.length);
    if (!foresee && hotWorld)
      index.groupNames.forEach((name, g) => {
        for (const h of hot.get(name) ?? []) if (h.a <= asOf && asOf < h.b) ongoing[g]++;
      });
    const hotRatePerDay = hotWorld ? hotWorld.perGroupPerYear / 365.25 : 0;
    const hotMeanDays = hotWorld ? hotWorld.meanDays : 1;
    const hotFrom = truth.period.startDay;
    // The background's factors that depend on time alone, at each step's midpoint: the season
    // (0 outside the onset of recorded violence and the end of the period) and each group's
    // hot-period multiplier.
    const season = new Float64Array(steps);
    const G = index.groupNames.length;
    const hotMul = hotWorld && hotFactor > 1 ? new Float64Array(G * steps) : null;
    for (let st = 0; st < steps; st++) {
      const t = asOf + (st + 0.5) * dt;
      if (t < onset || t >= endDay) continue;
      season[st] = seasonAt(c.seasonalAmplitude, c.seasonalPhase, t);
      if (!hotMul) continue;
      const stay = Math.exp(-(t - asOf) / hotMeanDays);
      // New hot periods start from the cut, or from the start of the period if the cut is before
      // it (the generator starts none earlier).
      const fresh = 1 - Math.exp(-Math.max(0, t - Math.max(asOf, hotFrom)) / hotMeanDays);
      for (let g = 0; g < G; g++) {
        let under = 0;
        if (foresee) {
          for (const h of hot.get(index.groupNames[g]) ?? []) if (h.a <= t && t < h.b) under++;
        } else under = ongoing[g] * stay + hotRatePerDay * hotMeanDays * fresh;
        hotMul[g * steps + st] = 1 + (hotFactor - 1) * under;
      }
    }
    const bgAt = (k: number, st: number) => {
      const g = index.group[k];
      const f = c.mu * w[k] * season[st];
      return hotMul && g >= 0 ? f * hotMul[g * steps + st] : f;
    };
    // First generation of true events before the cut, per person and step (events per day).
    const fg = new Float64Array(n * steps);
    for (const ev of c.alpha > 0 ? truth.events : []) {
      if (ev.time >= asOf) break;
      const j = index.personIndex.get(ev.person_id);
      if (j === undefined) continue;
      if (!(gammaMass(kernel, asOf - ev.time, asOf + H - ev.time) > 1e-12)) continue;
      for (let x = csr.offsets[j]; x < csr.offsets[j + 1]; x++) {
        const q = csr.targets[x];
        if (dead[q]) continue;
        if (!(edges.first[findTie(edges, j, q)] < ev.day)) continue;
        for (let st = 0; st < steps; st++) {
          const a = asOf + st * dt - ev.time;
          const m = c.alpha * gammaMass(kernel, a, a + dt);
          if (m > 0 && asOf + st * dt < endDay) fg[q * steps + st] += m / dt;
        }
      }
    }
    // Knock-on: children of events inside the horizon, by discrete convolution.
    const K = new Float64Array(steps);
    for (let l = 0; l < steps; l++) K[l] = gammaMass(kernel, (l - 0.5) * dt, (l + 0.5) * dt);
    const total = new Float64Array(n);
    const alivep = new Float64Array(n).fill(1);
    const mHist = new Float64Array(n * steps);
    const xHist = new Float64Array(n * steps);
    for (let st = 0; st < steps; st++) {
      const t = asOf + (st + 0.5) * dt;
      for (let k = 0; k < n; k++) {
        let y = 0;
        if (generations === 'all')
          for (let s2 = 0; s2 < st; s2++) y += xHist[k * steps + s2] * K[st - s2];
        // The rate while alive, times the chance of being alive: each event is a homicide with
        // probability P_HOMICIDE, after which the person has no more (a mean-field survival,
        // exp(−P_HOMICIDE·∫m), which treats the person's own count as its expectation).
        const m = t < endDay && !dead[k] ? bgAt(k, st) + fg[k * steps + st] + y / dt : 0;
        // (Survival taken at the step's midpoint.)
        const decay = Math.exp(-P_HOMICIDE * m * dt);
        const alive = m * alivep[k] * Math.sqrt(decay);
        mHist[k * steps + st] = alive;
        total[k] += alive * dt;
        alivep[k] *= decay;
      }
      if (generations === 'all')
        for (let k = 0; k < n; k++) {
          let x = 0;
          for (let e = csr.offsets[k]; e < csr.offsets[k + 1]; e++)
            x += mHist[csr.targets[e] * steps + st];
          xHist[k * steps + st] = c.alpha * x * dt;
        }
    }
    for (let i = 0; i < population.length; i++) {
      const p = index.personIndex.get(population[i]);
      expected[i] = p === undefined ? 0 : total[p];
    }
    return expected;
  };
}

trueExpectedEvents.defaults = { generations: 'all', hotPeriods: 'realised' } as {
  readonly generations: 'all' | 'first';
  readonly hotPeriods: 'realised' | 'expected';
};

/** Options of {@link trueExpectedEvents}. */
export interface TrueExpectedEventsOptions {
  /**
   * `'all'`: every generation of knock-on events inside the horizon; `'first'`: only the events
   * the records before the cut excite directly. Default `'all'`.
   */
  generations?: 'all' | 'first';
  /**
   * In a world with group hot periods (`world.hotPeriods`): `'realised'` counts the hot periods
   * that actually happen in the horizon, including those that start after the cut — a
   * clairvoyant ceiling no forecast made at the cut can reach; `'expected'` is the best forecast
   * at the cut by someone who knows the whole true process and its state then: each hot period
   * under way at the cut lasts on `meanDays` in expectation (its length is exponential), and new
   * ones start at `perGroupPerYear`. No effect in worlds without hot periods. Default
   * `'realised'`.
   */
  hotPeriods?: 'realised' | 'expected';
}

/** s(t) = 1 + A·sin(2πt/365.25 + φ). */
function seasonAt(A: number, phi: number, t: number): number {
  return A === 0 ? 1 : 1 + A * Math.sin((2 * Math.PI * t) / 365.25 + phi);
}
