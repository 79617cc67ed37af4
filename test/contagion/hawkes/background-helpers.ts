import type { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { backgroundRate } from '../../../src/contagion/hawkes/model.js';
import { generateNetworkHawkesCity } from './generate.js';

type State = ReturnType<typeof fitNetworkHawkes>['state'];

/** Σ_rows e^(γ·z_r) Σ_b μ_b A0[r, b]: the fit's background compensator (season off). */
export function designCompensator(s: State): number {
  const bg = s.bg;
  let total = 0;
  for (let r = 0; r < bg.nRows; r++) {
    let v = 0;
    for (let f = 0; f < bg.d; f++) v += s.theta[f] * bg.Z[r * bg.d + f];
    let a = 0;
    for (let b = 0; b < bg.B; b++) a += s.rates[b] * bg.A0[r * bg.B + b];
    total += Math.exp(v) * a;
  }
  return total;
}

/** ∫ μ_k(t) dt over [a, b) by the midpoint rule on half days (exact: every piece ends on a whole day). */
export function numericBackground(s: State, k: number, a: number, b: number): number {
  let total = 0;
  for (let t = a + 0.25; t < b; t += 0.5) total += 0.5 * backgroundRate(s, k, t);
  return total;
}

/** The small city the background tests share: 400 people over 3 years, weak contagion. */
export function smallCity() {
  return generateNetworkHawkesCity({
    people: 400,
    years: 3,
    seed: 11,
    mu: 4e-4,
    alpha: 0.1,
    beta: 1 / 40,
  });
}
