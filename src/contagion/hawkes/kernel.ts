import type { Rng } from '../../core/rng.js';

/**
 * A histogram (piecewise-constant) delay kernel on [0, L): weight `w[m]` (Σ w = 1) spread evenly
 * over delays [edges[m], edges[m+1]). A shape-free alternative to the exponential kernel: the
 * delays are whatever the data say, bin by bin.
 */
export interface HistKernel {
  edges: Float64Array;
  w: Float64Array;
}

/** Default bin edges in days (capped at the lag cap). */
export const DEFAULT_HISTOGRAM_EDGES = [0, 7, 14, 30, 60, 90, 120, 180, 270, 365, 545, 730];

/** Bin edges for a lag cap L: the given edges below L, then L. */
export function histogramEdges(edges: readonly number[], maxLag: number): Float64Array {
  const out = [0];
  for (const e of [...edges].sort((a, b) => a - b))
    if (e > out[out.length - 1] && e < maxLag) out.push(e);
  out.push(maxLag);
  return Float64Array.from(out);
}

/** Bin of delay u (−1 outside [0, L]; u = L falls in the last bin). */
export function histBin(edges: Float64Array, u: number): number {
  // A hand loop, not d3-array's bisect: called per candidate delay in the EM, and d3's costs 1.3×
  // per search (bench/results/bisect.md).
  const M = edges.length - 1;
  if (!(u >= 0) || u > edges[M]) return -1;
  let lo = 0;
  let hi = M - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (edges[mid] <= u) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Kernel density at delay u. */
export function histDensity(h: HistKernel, u: number): number {
  if (!(u > 0)) return 0;
  const m = histBin(h.edges, u);
  return m < 0 ? 0 : h.w[m] / (h.edges[m + 1] - h.edges[m]);
}

/** Kernel mass over delays [a, b). */
export function histMass(h: HistKernel, a: number, b: number): number {
  const e = h.edges;
  let s = 0;
  for (let m = 0; m < h.w.length; m++) {
    const lo = Math.max(a, e[m]);
    const hi = Math.min(b, e[m + 1]);
    if (hi > lo) s += (h.w[m] * (hi - lo)) / (e[m + 1] - e[m]);
  }
  return s;
}

/** Mean delay of the kernel. */
export function histMean(h: HistKernel): number {
  let s = 0;
  for (let m = 0; m < h.w.length; m++) s += (h.w[m] * (h.edges[m] + h.edges[m + 1])) / 2;
  return s;
}

/** A delay in [a, b) drawn with density ∝ the kernel (a if the kernel has no mass there). */
export function histSample(h: HistKernel, rng: Rng, a: number, b: number): number {
  const total = histMass(h, a, b);
  if (!(total > 0)) return a;
  let u = rng.random() * total;
  const e = h.edges;
  for (let m = 0; m < h.w.length; m++) {
    const lo = Math.max(a, e[m]);
    const hi = Math.min(b, e[m + 1]);
    if (!(hi > lo)) continue;
    const mass = (h.w[m] * (hi - lo)) / (e[m + 1] - e[m]);
    if (u < mass) return lo + (u / mass) * (hi - lo);
    u -= mass;
  }
  return Math.min(b, e[e.length - 1]) - 1e-9;
}

// Lanczos coefficients (g = 7), made once rather than per call (the frailty fit calls logGamma
// for every person with events at each step of its search).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
/** ln Γ(a) for a > 0 (Lanczos). */
export function logGamma(a: number): number {
  const coef = LANCZOS;
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const x = a - 1;
  let s = coef[0];
  for (let i = 1; i < 9; i++) s += coef[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Regularised lower incomplete gamma P(a, x) (series below a + 1, continued fraction above);
 * P(a, ∞) = 1, so `gammaMass` with `maxLag: Infinity` is the untruncated kernel's mass.
 */
export function gammaP(a: number, x: number): number {
  if (!(x > 0)) return 0;
  if (a === 1) return -Math.expm1(-x);
  if (x === Number.POSITIVE_INFINITY) return 1;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(-x + a * Math.log(x) - lg));
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(-x + a * Math.log(x) - lg) * h);
}

/**
 * A gamma delay kernel of shape κ and mean 1/β (rate ρ = κβ), truncated at L and renormalised:
 * φ(u) = ρ^κ u^(κ−1) e^(−ρu) / (Γ(κ) P(κ, ρL)) on (0, L]. κ = 1 is the exponential kernel.
 */
export interface GammaKernel {
  shape: number;
  beta: number;
  maxLag: number;
}

/** ln of the constant ρ^κ / (Γ(κ) P(κ, ρL)). */
export function gammaLogConst(k: GammaKernel): number {
  const rho = k.shape * k.beta;
  return k.shape * Math.log(rho) - logGamma(k.shape) - Math.log(gammaP(k.shape, rho * k.maxLag));
}

export function gammaDensity(k: GammaKernel, u: number): number {
  if (!(u > 0) || u > k.maxLag) return 0;
  const rho = k.shape * k.beta;
  return Math.exp(gammaLogConst(k) + (k.shape - 1) * Math.log(u) - rho * u);
}

/** Mass of the kernel over delays [a, b) (`maxLag: Infinity`: the untruncated gamma). */
export function gammaMass(k: GammaKernel, a: number, b: number): number {
  const lo = Math.max(0, a);
  const hi = Math.min(b, k.maxLag);
  if (!(hi > lo)) return 0;
  const rho = k.shape * k.beta;
  return (gammaP(k.shape, rho * hi) - gammaP(k.shape, rho * lo)) / gammaP(k.shape, rho * k.maxLag);
}

export function gammaMean(k: GammaKernel): number {
  const rho = k.shape * k.beta;
  return ((k.shape / rho) * gammaP(k.shape + 1, rho * k.maxLag)) / gammaP(k.shape, rho * k.maxLag);
}
