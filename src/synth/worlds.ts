import type { Rng } from '../core/rng.js';
import type { Population } from './people.js';
import { upperBound } from './people.js';
import type { SynthHotPeriodOptions, SynthWorldOptions } from './types.js';

/** Defaults of {@link SynthWorldOptions}: every departure from the fitted model is off. */
export const WORLD_DEFAULTS: Required<Omit<SynthWorldOptions, 'hotPeriods'>> & {
  hotPeriods: false;
} = {
  frailtyShape: 0,
  propensityPower: 0,
  onsetYears: 0,
  hotPeriods: false,
  delayShape: 1,
};

/** Defaults of {@link SynthHotPeriodOptions} (used when `hotPeriods` is given as `{}`). */
export const HOT_PERIOD_DEFAULTS: Required<SynthHotPeriodOptions> = {
  perGroupPerYear: 0.5,
  meanDays: 60,
  factor: 6,
};

/** Resolved world: every field set; `hotPeriods` resolved or `false`. */
export type ResolvedWorld = Required<Omit<SynthWorldOptions, 'hotPeriods'>> & {
  hotPeriods: Required<SynthHotPeriodOptions> | false;
};

/**
 * A gamma variate with the given shape and scale 1 (Marsaglia & Tsang 2000; shape < 1 by the
 * boost G(a) = G(a + 1)·U^(1/a)).
 */
export function gammaVariate(rng: Rng, shape: number): number {
  if (shape < 1) {
    let u = rng.random();
    while (u === 0) u = rng.random();
    return gammaVariate(rng, shape + 1) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Each person's background multiplier w_k = G_k · π_k^b, rescaled to mean 1 over people, with
 * G_k ~ Gamma(shape, 1/shape) (mean 1, variance 1/shape; 1 when `frailtyShape` is 0) and π_k the
 * person's offending propensity (so with b > 0 busier offenders, who also have more co-offending
 * ties, carry more background risk). `null` when both are off.
 */
export function backgroundWeights(
  rng: Rng,
  pop: Population,
  world: ResolvedWorld,
): Float64Array | null {
  const { frailtyShape: k, propensityPower: b } = world;
  if (k === 0 && b === 0) return null;
  const w = new Float64Array(pop.n);
  let sum = 0;
  for (let p = 0; p < pop.n; p++) {
    const g = k > 0 ? gammaVariate(rng, k) / k : 1;
    w[p] = g * (b === 0 ? 1 : pop.propensity[p] ** b);
    sum += w[p];
  }
  const mean = sum / pop.n;
  if (mean > 0) for (let p = 0; p < pop.n; p++) w[p] /= mean;
  return w;
}

/** One hot period of a group: its background is multiplied by `factor` on [startDay, endDay). */
export interface HotPeriod {
  group: number;
  start: number;
  end: number;
}

/**
 * Hot periods of every group with at least one member: starts by a Poisson process of rate
 * `perGroupPerYear` over [startDay, endDay), lengths Exp(mean `meanDays`) cut at `endDay`.
 */
export function drawHotPeriods(
  rng: Rng,
  pop: Population,
  startDay: number,
  endDay: number,
  options: Required<SynthHotPeriodOptions>,
): HotPeriod[] {
  const out: HotPeriod[] = [];
  const rate = options.perGroupPerYear / 365.25;
  if (!(rate > 0)) return out;
  for (let g = 0; g < pop.members.length; g++) {
    if (pop.members[g].length === 0) continue;
    let t = startDay;
    for (;;) {
      t += rng.exponential(rate);
      if (t >= endDay) break;
      const end = Math.min(endDay, t + rng.exponential(1 / options.meanDays));
      out.push({ group: g, start: t, end });
    }
  }
  return out;
}

/** A sampler of people with probability ∝ weight (binary search on the cumulative weights). */
export function weightedPicker(
  people: ArrayLike<number>,
  weight: Float64Array | null,
): { total: number; pick: (rng: Rng) => number } {
  const m = people.length;
  if (!weight) return { total: m, pick: (rng) => people[rng.int(m)] };
  const cum = new Float64Array(m);
  let acc = 0;
  for (let i = 0; i < m; i++) cum[i] = acc += weight[people[i]];
  return {
    total: acc,
    pick: (rng) => people[Math.min(m - 1, upperBound(cum, rng.random() * acc))],
  };
}
