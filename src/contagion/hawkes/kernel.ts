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

/** ln Γ(a) for a > 0 (Lanczos). */
export function logGamma(a: number): number {
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const x = a - 1;
  let s = coef[0];
  for (let i = 1; i < 9; i++) s += coef[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
