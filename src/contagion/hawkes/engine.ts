import { type BackgroundDesign, OMEGA } from './background.js';
import {
  gammaDensity,
  gammaLogConst,
  gammaMass,
  gammaMean,
  gammaP,
  type HistKernel,
  histBin,
  histDensity,
  histMass,
  histMean,
} from './kernel.js';
import { eventsAfter, eventsFrom, type HawkesData, tieG, voCarries } from './prepare.js';

export { OMEGA } from './background.js';

/**
 * Internal parameters: trend bin rates μ_b (the background of a person with centred covariates at
 * season 1), the excitation α (network) and α_self (own events), the decay β, the season as
 * s(t) = 1 + b1·sin ωt + b2·cos ωt, and the covariate coefficients γ.
 */
export interface InternalParams {
  /** Histogram kernel weights (Σ = 1) with the histogram kernel, else null. */
  hw: Float64Array | null;
  /** Shape κ of the gamma kernel (with `kernel: 'gamma'`; absent otherwise). */
  shape?: number;
  rates: Float64Array;
  alpha: number;
  alphaSelf: number;
  /** Victim–offender excitation α_vo (0 unless the engine has victim–offender ties). */
  alphaVo: number;
  beta: number;
  b1: number;
  b2: number;
  theta: Float64Array;
}

export function cloneParams(p: InternalParams): InternalParams {
  return { ...p, rates: p.rates.slice(), theta: p.theta.slice(), hw: p.hw ? p.hw.slice() : null };
}

/** ∫_a^b s(t) dt. */
export function seasonIntegral(b1: number, b2: number, a: number, b: number): number {
  if (b1 === 0 && b2 === 0) return b - a;
  return (
    b -
    a +
    (b1 * (Math.cos(OMEGA * a) - Math.cos(OMEGA * b))) / OMEGA +
    (b2 * (Math.sin(OMEGA * b) - Math.sin(OMEGA * a))) / OMEGA
  );
}

/** s(t). */
export function season(b1: number, b2: number, t: number): number {
  if (b1 === 0 && b2 === 0) return 1;
  return 1 + b1 * Math.sin(OMEGA * t) + b2 * Math.cos(OMEGA * t);
}

/** Normalising constant of the kernel truncated at L: Z(β) = 1 − e^(−βL). */
export function kernelNorm(beta: number, maxLag: number): number {
  return -Math.expm1(-beta * maxLag);
}

/**
 * Kernel mass over delays [from, to) of the truncated, renormalised exponential kernel
 * β e^(−βu) / (1 − e^(−βL)) on (0, L]: it integrates to 1 over (0, L], so α is the expected number
 * of events one event triggers in each neighbour.
 */
export function kernelMass(beta: number, maxLag: number, from: number, to: number): number {
  const a = Math.max(0, from);
  const b = Math.min(to, maxLag);
  if (!(b > a)) return 0;
  return (Math.exp(-beta * a) - Math.exp(-beta * b)) / kernelNorm(beta, maxLag);
}

/** The kernel a model uses: exponential (β, L) or histogram. */
export interface KernelSpec {
  beta: number;
  maxLag: number;
  hist: HistKernel | null;
  /** Gamma shape κ (null/undefined: exponential). */
  shape?: number | null;
}

/** Kernel density at delay u (0 outside (0, L]). */
export function kernelDensity(k: KernelSpec, u: number): number {
  if (!(u > 0) || u > k.maxLag) return 0;
  if (k.hist) return histDensity(k.hist, u);
  if (k.shape) return gammaDensity({ shape: k.shape, beta: k.beta, maxLag: k.maxLag }, u);
  return (k.beta * Math.exp(-k.beta * u)) / kernelNorm(k.beta, k.maxLag);
}

/** Kernel mass over delays [a, b). */
export function kernelMassOf(k: KernelSpec, a: number, b: number): number {
  if (k.hist) return histMass(k.hist, Math.max(0, a), Math.min(b, k.maxLag));
  if (k.shape) return gammaMass({ shape: k.shape, beta: k.beta, maxLag: k.maxLag }, a, b);
  return kernelMass(k.beta, k.maxLag, a, b);
}

/** Mean delay of the kernel. */
export function kernelMeanOf(k: KernelSpec): number {
  if (k.hist) return histMean(k.hist);
  if (k.shape) return gammaMean({ shape: k.shape, beta: k.beta, maxLag: k.maxLag });
  return kernelMean(k.beta, k.maxLag);
}

/** Mean delay of the truncated kernel: 1/β − L e^(−βL) / (1 − e^(−βL)). */
export function kernelMean(beta: number, maxLag: number): number {
  const z = kernelNorm(beta, maxLag);
  if (beta * maxLag < 1e-6) return maxLag / 2;
  return 1 / beta - (maxLag * Math.exp(-beta * maxLag)) / z;
}

/**
 * The precomputed structure of a fit: candidate parents of every modelled event (CSR), compensator
 * terms of every exciting event and the background design. Built once, so every EM iteration and
 * every likelihood evaluation is O(candidate pairs + events + design rows × bins).
 */
export interface Engine {
  data: HawkesData;
  bg: BackgroundDesign;
  maxLag: number;
  /** All events (history first); modelled events are [first, nEv). */
  nEv: number;
  first: number;
  /** Candidates of event i: `candParent[candOffset[i] .. candOffset[i+1])` with delays and g. */
  candOffset: Int32Array;
  candParent: Int32Array;
  candDelta: Float64Array;
  /** g of each candidate pair, or null when every g is 1. */
  candG: Float64Array | null;
  /**
   * The kind of each candidate pair: 0 a co-offending tie, {@link SELF} the person's own earlier
   * event, {@link VO} a victim–offender tie; null when every pair is of a co-offending tie.
   */
  candKind: Uint8Array | null;
  /** Network compensator entries: weight w, delay window [lo, hi): Σ w (e^(−β lo) − e^(−β hi)). */
  excW: Float64Array;
  excLo: Float64Array;
  excHi: Float64Array;
  /** Own-event compensator entries (self-excitation), same form; empty when off. */
  selfW: Float64Array;
  selfLo: Float64Array;
  selfHi: Float64Array;
  selfExcitation: boolean;
  /** Victim–offender compensator entries, same form; empty when off. */
  voW: Float64Array;
  voLo: Float64Array;
  voHi: Float64Array;
  victimOffender: boolean;
  /** Mean over modelled events of the victim–offender ties formed by the event's day (branching ratio). */
  meanVoOffspringWeight: number;
  /** Σ over exciting events of Σ g over formed ties (for the branching ratio) and their number. */
  meanOffspringWeight: number;
  /** sin ωt, cos ωt at each event (null when the season is off). */
  evSin: Float64Array | null;
  evCos: Float64Array | null;
  seasonal: boolean;
  /** Bounds on β. */
  betaMin: number;
  betaMax: number;
  /** Bins with no events (their rate is fixed at 0). */
  emptyBin: Uint8Array;
  /**
   * Covariates whose coefficient is fixed at 0: 1 no spread over at-risk time, 2 collinear with
   * the covariates before it, 3 dropped by the fit after running off (the data nearly separate it).
   */
  constantCov: Uint8Array;
  /**
   * The histogram kernel's structure, or null for the exponential kernel: bin edges and widths,
   * the bin of each candidate pair, and the network compensator per unit weight of each bin,
   * C_m = Σ_entries w·|[lo, hi) ∩ bin m| / width_m (so the compensator is α Σ_m w_m C_m).
   */
  hist: { edges: Float64Array; len: Float64Array; candBin: Uint8Array; C: Float64Array } | null;
  /**
   * The gamma kernel's ln Δ of each candidate pair, or null for the other kernels; `integer`: the
   * shape is restricted to whole numbers (the Erlang kernel, a chain of exponential stages).
   */
  gamma: { logDelta: Float64Array; integer: boolean } | null;
  /**
   * The design's non-zero exposure cells (rows × bins, most are 0): row r's are
   * `cellAt[cellOffset[r] .. cellOffset[r+1])` (positions r·B + b, bins ascending). Sums over
   * them add the same terms in the same order as over every cell, less terms that are exactly 0.
   */
  cellOffset: Int32Array;
  cellAt: Int32Array;
}

/** The non-zero cells of a background design (see {@link Engine.cellOffset}). */
export function exposureCells(bg: BackgroundDesign): {
  cellOffset: Int32Array;
  cellAt: Int32Array;
} {
  const { nRows, B, A0, As, Ac } = bg;
  const cellOffset = new Int32Array(nRows + 1);
  let nnz = 0;
  for (let at = 0; at < nRows * B; at++) if (A0[at] !== 0 || As[at] !== 0 || Ac[at] !== 0) nnz++;
  const cellAt = new Int32Array(nnz);
  let x = 0;
  for (let r = 0; r < nRows; r++) {
    for (let b = 0; b < B; b++) {
      const at = r * B + b;
      if (A0[at] !== 0 || As[at] !== 0 || Ac[at] !== 0) cellAt[x++] = at;
    }
    cellOffset[r + 1] = x;
  }
  return { cellOffset, cellAt };
}

/** {@link Engine.candKind} of a pair of the person's own earlier event. */
export const SELF = 1;
/** {@link Engine.candKind} of a pair along a victim–offender tie. */
export const VO = 2;

/** Subtracts a neighbour's exit intervals from a compensator window [lo, hi) (as negative entries). */
export function pushWithExits(
  bg: BackgroundDesign,
  q: number,
  tj: number,
  w: number,
  lo: number,
  hi: number,
  W: number[],
  Lo: number[],
  Hi: number[],
) {
  if (!(hi > lo)) return;
  W.push(w);
  Lo.push(lo);
  Hi.push(hi);
  for (let x = bg.exitOffset[q]; x < bg.exitOffset[q + 1]; x++) {
    const a = Math.max(lo, bg.exitFrom[x] - tj);
    const b = Math.min(hi, bg.exitTo[x] - tj);
    if (b > a) {
      W.push(-w);
      Lo.push(a);
      Hi.push(b);
    }
  }
}

/** Builds the candidate-pair CSR and compensator terms. */
export function buildEngine(
  data: HawkesData,
  bg: BackgroundDesign,
  options: {
    maxLag: number;
    g: ((c: number) => number) | null;
    seasonal: boolean;
    selfExcitation: boolean;
    /** Excitation along the data's victim–offender ties (`HawkesData.voOffset`). */
    victimOffender?: boolean;
    betaMin: number;
    betaMax: number;
    /** Histogram kernel bin edges (from 0 to L), or null for the exponential kernel. */
    histEdges?: Float64Array | null;
    /** Use the gamma kernel (shape fitted; `'integer'`: whole shapes only, the Erlang kernel). */
    gamma?: boolean | 'integer';
  },
): Engine {
  const { maxLag, g, selfExcitation } = options;
  const victimOffender = options.victimOffender === true;
  if (victimOffender && !(data.voIn && data.voOut))
    throw new Error('buildEngine: victimOffender needs the data built with victimOffenderTies');
  const nEv = data.evDay.length;
  const first = data.firstModelled;
  const { tieOffset, tieNeighbour, tieStart, personEv, evDay, evPerson, personEvOffset } = data;
  const candOffset = new Int32Array(nEv + 1);
  let cap = Math.max(16, nEv * 4);
  let candParent = new Int32Array(cap);
  let candDelta = new Float64Array(cap);
  let candG: Float64Array | null = g ? new Float64Array(cap) : null;
  let candKind: Uint8Array | null = selfExcitation || victimOffender ? new Uint8Array(cap) : null;
  let m = 0;
  const grow = () => {
    cap *= 2;
    const p2 = new Int32Array(cap);
    p2.set(candParent);
    candParent = p2;
    const d2 = new Float64Array(cap);
    d2.set(candDelta);
    candDelta = d2;
    if (candG) {
      const g2 = new Float64Array(cap);
      g2.set(candG);
      candG = g2;
    }
    if (candKind) {
      const s2 = new Uint8Array(cap);
      s2.set(candKind);
      candKind = s2;
    }
  };
  for (let i = 0; i < nEv; i++) {
    if (i < first || bg.evRow[i] < 0) {
      candOffset[i + 1] = m;
      continue;
    }
    const k = evPerson[i];
    const t = evDay[i];
    for (let e = tieOffset[k]; e < tieOffset[k + 1]; e++) {
      const s = tieStart[e];
      if (!(s < t)) continue;
      const q = tieNeighbour[e];
      const lo = Math.max(eventsAfter(data, q, s), eventsFrom(data, q, t - maxLag));
      const hi = eventsFrom(data, q, t);
      for (let x = lo; x < hi; x++) {
        const j = personEv[x];
        if (m === cap) grow();
        candParent[m] = j;
        candDelta[m] = t - evDay[j];
        if (candG) candG[m] = tieG(data, g, e, evDay[j]);
        if (candKind) candKind[m] = 0;
        m++;
      }
    }
    if (victimOffender) {
      // A victim–offender tie carries the events of the incident that formed it (the harm that
      // is retaliated) and later ones: parents dated on or after its day (after it, when its
      // co-offending part binds: see VoTies).
      const vin = data.voIn!;
      for (let e = vin.offset[k]; e < vin.offset[k + 1]; e++) {
        const s = vin.start[e];
        if (!(s < t)) continue;
        const q = vin.other[e];
        const from = vin.strict[e] === 1 ? eventsAfter(data, q, s) : eventsFrom(data, q, s);
        const lo = Math.max(from, eventsFrom(data, q, t - maxLag));
        const hi = eventsFrom(data, q, t);
        for (let x = lo; x < hi; x++) {
          const j = personEv[x];
          if (m === cap) grow();
          candParent[m] = j;
          candDelta[m] = t - evDay[j];
          if (candG) candG[m] = 1;
          candKind![m] = VO;
          m++;
        }
      }
    }
    if (selfExcitation) {
      const lo = eventsFrom(data, k, t - maxLag);
      const hi = eventsFrom(data, k, t);
      for (let x = lo; x < hi; x++) {
        const j = personEv[x];
        if (m === cap) grow();
        candParent[m] = j;
        candDelta[m] = t - evDay[j];
        if (candG) candG[m] = 1;
        candKind![m] = SELF;
        m++;
      }
    }
    candOffset[i + 1] = m;
  }
  candParent = candParent.slice(0, m);
  candDelta = candDelta.slice(0, m);
  if (candG) candG = candG.slice(0, m);
  if (candKind) candKind = candKind.slice(0, m);

  // Compensator: each event j excites each neighbour over delays [max(0, S − t_j), min(L, T − t_j)),
  // less the neighbour's exits. Neighbours without exits share one entry per event.
  const S = data.start;
  const T = data.end;
  const W: number[] = [];
  const Lo: number[] = [];
  const Hi: number[] = [];
  const sW: number[] = [];
  const sLo: number[] = [];
  const sHi: number[] = [];
  const vW: number[] = [];
  const vLo: number[] = [];
  const vHi: number[] = [];
  let offspringW = 0;
  let voOffspring = 0;
  for (let j = 0; j < nEv; j++) {
    const p = evPerson[j];
    const t = evDay[j];
    const lo = Math.max(0, S - t);
    const hi = Math.min(maxLag, T - t);
    let w = 0;
    for (let e = tieOffset[p]; e < tieOffset[p + 1]; e++) {
      const gg = tieG(data, g, e, t);
      if (!(gg > 0)) continue;
      const q = tieNeighbour[e];
      if (j >= first) offspringW += gg;
      if (bg.exitOffset[q + 1] > bg.exitOffset[q]) pushWithExits(bg, q, t, gg, lo, hi, W, Lo, Hi);
      else w += gg;
    }
    if (w > 0 && hi > lo) {
      W.push(w);
      Lo.push(lo);
      Hi.push(hi);
    }
    if (selfExcitation && personEvOffset[p + 1] > personEvOffset[p])
      pushWithExits(bg, p, t, 1, lo, hi, sW, sLo, sHi);
    if (victimOffender) {
      // The ties that carry this event (formed on or before its day: the harm itself included).
      const vout = data.voOut!;
      let wv = 0;
      for (let e = vout.offset[p]; e < vout.offset[p + 1]; e++) {
        if (!voCarries(vout.start[e], vout.strict[e], t)) continue;
        const q = vout.other[e];
        if (j >= first) voOffspring++;
        if (bg.exitOffset[q + 1] > bg.exitOffset[q])
          pushWithExits(bg, q, t, 1, lo, hi, vW, vLo, vHi);
        else wv++;
      }
      if (wv > 0 && hi > lo) {
        vW.push(wv);
        vLo.push(lo);
        vHi.push(hi);
      }
    }
  }

  let evSin: Float64Array | null = null;
  let evCos: Float64Array | null = null;
  if (options.seasonal) {
    evSin = new Float64Array(nEv);
    evCos = new Float64Array(nEv);
    for (let i = first; i < nEv; i++) {
      evSin[i] = Math.sin(OMEGA * evDay[i]);
      evCos[i] = Math.cos(OMEGA * evDay[i]);
    }
  }
  const constantCov = new Uint8Array(bg.d);
  for (let c = 0; c < bg.d; c++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < bg.nRows; r++) {
      let e = 0;
      for (let b = 0; b < bg.B; b++) e += bg.A0[r * bg.B + b];
      if (!(e > 0)) continue;
      const z = bg.Z[r * bg.d + c];
      if (z < lo) lo = z;
      if (z > hi) hi = z;
    }
    if (!(hi - lo > 1e-12)) constantCov[c] = 1;
  }
  markCollinear(bg, constantCov);
  let hist: Engine['hist'] = null;
  if (options.histEdges) {
    const edges = options.histEdges;
    const M = edges.length - 1;
    const len = new Float64Array(M);
    for (let b = 0; b < M; b++) len[b] = edges[b + 1] - edges[b];
    const candBin = new Uint8Array(m);
    for (let x = 0; x < m; x++) candBin[x] = Math.max(0, histBin(edges, candDelta[x]));
    const C = new Float64Array(M);
    for (let x = 0; x < W.length; x++)
      for (let b = 0; b < M; b++) {
        const lo = Math.max(Lo[x], edges[b]);
        const hi = Math.min(Hi[x], edges[b + 1]);
        if (hi > lo) C[b] += (W[x] * (hi - lo)) / len[b];
      }
    hist = { edges, len, candBin, C };
  }
  const emptyBin = new Uint8Array(bg.B).fill(1);
  for (let i = first; i < nEv; i++) if (bg.evRow[i] >= 0) emptyBin[bg.evBin[i]] = 0;
  return {
    data,
    bg,
    maxLag,
    nEv,
    first,
    candOffset,
    candParent,
    candDelta,
    candG,
    candKind,
    excW: Float64Array.from(W),
    excLo: Float64Array.from(Lo),
    excHi: Float64Array.from(Hi),
    selfW: Float64Array.from(sW),
    selfLo: Float64Array.from(sLo),
    selfHi: Float64Array.from(sHi),
    selfExcitation,
    voW: Float64Array.from(vW),
    voLo: Float64Array.from(vLo),
    voHi: Float64Array.from(vHi),
    victimOffender,
    meanVoOffspringWeight: nEv > first ? voOffspring / (nEv - first) : 0,
    meanOffspringWeight: nEv > first ? offspringW / (nEv - first) : 0,
    evSin,
    evCos,
    seasonal: options.seasonal,
    betaMin: options.betaMin,
    betaMax: options.betaMax,
    emptyBin,
    constantCov,
    hist,
    gamma: options.gamma ? gammaStructure(candDelta, options.gamma === 'integer') : null,
    ...exposureCells(bg),
  };
}

/** The gamma kernel's per-pair structure (ln Δ of each candidate pair). */
export function gammaStructure(candDelta: Float64Array, integer: boolean): Engine['gamma'] {
  return { logDelta: Float64Array.from(candDelta, (x) => Math.log(x)), integer };
}

/**
 * The last two (γ, row factors) pairs computed for each engine: an EM iteration asks for the same
 * γ's factors several times (rate step, covariate step, its line search, the next rate step), and
 * each costs one exponential per design row (tens of thousands at city scale).
 */
const rowFactorMemo = new WeakMap<Engine, { theta: Float64Array; f: Float64Array }[]>();
/**
 * The array of the entry last dropped from an engine's memo, reused for the next new γ: no caller
 * holds a factor array across two later calls with other γ's (each reads it before asking for
 * another), and a fit asks for thousands of γ's, each array as long as the design (hundreds of
 * kilobytes at city scale), whose garbage would otherwise cost collector time.
 */
const rowFactorSpare = new WeakMap<Engine, Float64Array>();

/** e^(γ·z_r) for every design row (read-only: the array may be shared with later calls). */
export function rowFactors(eng: Engine, theta: Float64Array): Float64Array {
  const { nRows, Z, d } = eng.bg;
  let memo = rowFactorMemo.get(eng);
  if (!memo) rowFactorMemo.set(eng, (memo = []));
  for (let m = 0; m < memo.length; m++) {
    const hit = memo[m];
    if (hit.theta.length !== theta.length || hit.f.length !== nRows) continue;
    let same = true;
    for (let c = 0; c < theta.length && same; c++) same = hit.theta[c] === theta[c];
    if (!same) continue;
    if (m > 0) {
      memo[m] = memo[0];
      memo[0] = hit;
    }
    return hit.f;
  }
  const spare = rowFactorSpare.get(eng);
  const f = spare && spare.length === nRows ? spare : new Float64Array(nRows);
  rowFactorSpare.delete(eng);
  fillRowFactors(f, theta, Z, nRows, d);
  memo.unshift({ theta: Float64Array.from(theta), f });
  if (memo.length > 2) rowFactorSpare.set(eng, memo.pop()!.f);
  return f;
}

/**
 * f[r] = e^(γ·z_r). Its own function (as the other loops of the EM's inner steps): a loop that
 * V8 compiles on the stack (OSR) in the middle of a longer function leaves the code after it
 * without type feedback, and Node 20's V8 then deoptimises the same cached code at every call,
 * running the rest in the interpreter (boxing every intermediate number: hundreds of MB of
 * garbage per fit at city scale). A whole small function is optimised as a whole.
 */
function fillRowFactors(
  f: Float64Array,
  theta: Float64Array,
  Z: Float64Array,
  nRows: number,
  d: number,
) {
  for (let r = 0; r < nRows; r++) {
    let z = 0;
    for (let c = 0; c < d; c++) z += theta[c] * Z[r * d + c];
    f[r] = Math.exp(z);
  }
}

/**
 * Exposure of each bin, Σ_r e^(γ·z_r) (A0 + b1·As + b2·Ac)[r, b]: the background compensator is
 * Σ_b μ_b · E_b.
 */
export function binExposure(eng: Engine, f: Float64Array, b1: number, b2: number): Float64Array {
  const { nRows, A0, As, Ac, B } = eng.bg;
  const { cellOffset, cellAt } = eng;
  const E = new Float64Array(B);
  const seasonal = b1 !== 0 || b2 !== 0;
  // Over the non-zero cells (a zero cell adds exactly 0), row by row as over every cell.
  for (let r = 0; r < nRows; r++) {
    const fr = f[r];
    for (let x = cellOffset[r], end = cellOffset[r + 1]; x < end; x++) {
      const at = cellAt[x];
      E[at - r * B] += fr * (seasonal ? A0[at] + b1 * As[at] + b2 * Ac[at] : A0[at]);
    }
  }
  return E;
}

/** Σ w (e^(−β lo) − e^(−β hi)) over compensator entries, and its derivative in β. */
export function entrySums(
  W: Float64Array,
  Lo: Float64Array,
  Hi: Float64Array,
  beta: number,
): { S: number; dS: number } {
  let S = 0;
  let dS = 0;
  // Entries come in event order and share their ends (0, L, the day's distance to the window's
  // ends): each exponential is computed once per run of equal ends (the same values).
  let lastLo = Number.NaN;
  let lastHi = Number.NaN;
  let ea = 0;
  let eb = 0;
  for (let x = 0; x < W.length; x++) {
    const lo = Lo[x];
    const hi = Hi[x];
    if (lo !== lastLo) {
      lastLo = lo;
      ea = Math.exp(-beta * lo);
    }
    if (hi !== lastHi) {
      lastHi = hi;
      eb = Math.exp(-beta * hi);
    }
    S += W[x] * (ea - eb);
    dS += W[x] * (hi * eb - lo * ea);
  }
  return { S, dS };
}

/** Result of one E-step pass. */
export interface EStep {
  logLik: number;
  /** Background responsibility of each event (history events: 0). */
  pBg: Float64Array;
  /**
   * Σ triggered responsibilities (co-offending ties, own events, victim–offender ties) and Σ
   * responsibility × delay.
   */
  P: number;
  Pself: number;
  Pvo: number;
  D: number;
  /** Σ responsibilities of the pairs in each histogram bin (histogram kernel only). */
  Rbin: Float64Array | null;
  /** Σ responsibility × ln delay (gamma kernel only; 0 otherwise). */
  A: number;
}

/** Background rate of modelled event i at parameters p (with row factors f). */
export function eventBackground(
  eng: Engine,
  p: InternalParams,
  f: Float64Array,
  i: number,
): number {
  let bg = p.rates[eng.bg.evBin[i]] * f[eng.bg.evRow[i]];
  if (eng.evSin) bg *= 1 + p.b1 * eng.evSin[i] + p.b2 * eng.evCos![i];
  return bg;
}

/**
 * One pass over the candidate pairs: exact log-likelihood at `p` and the background
 * responsibilities (the E-step). O(candidate pairs + events + rows × bins).
 */
export function eStep(eng: Engine, p: InternalParams, pBg: Float64Array): EStep {
  const { candOffset, candDelta, candG, candKind, nEv, first } = eng;
  const { alpha, alphaSelf, alphaVo, beta } = p;
  const f = rowFactors(eng, p.theta);
  const Z = kernelNorm(beta, eng.maxLag);
  const ab = (alpha * beta) / Z;
  const abs = (alphaSelf * beta) / Z;
  const abv = (alphaVo * beta) / Z;
  const hist = eng.hist;
  const hv = hist && p.hw ? Float64Array.from(p.hw, (w, b) => (alpha * w) / hist.len[b]) : null;
  const Rbin = hist ? new Float64Array(hist.len.length) : null;
  const gk = eng.gamma && p.shape ? eng.gamma : null;
  const gShape = p.shape ?? 1;
  const gRho = gShape * beta;
  const gConst = gk
    ? gammaLogConst({ shape: gShape, beta, maxLag: eng.maxLag }) + Math.log(alpha)
    : 0;
  let A = 0;
  let logLik = 0;
  let P = 0;
  let Pself = 0;
  let Pvo = 0;
  let D = 0;
  const evRow = eng.bg.evRow;
  for (let i = first; i < nEv; i++) {
    if (evRow[i] < 0) {
      pBg[i] = 1;
      continue;
    }
    const bg = eventBackground(eng, p, f, i);
    let trig = 0;
    let trigS = 0;
    let trigV = 0;
    let trigD = 0;
    let trigA = 0;
    const hi = candOffset[i + 1];
    for (let x = candOffset[i]; x < hi; x++) {
      const dl = candDelta[x];
      const kind = candKind !== null ? candKind[x] : 0;
      let v = hv
        ? hv[hist!.candBin[x]]
        : gk
          ? Math.exp(gConst + (gShape - 1) * gk.logDelta[x] - gRho * dl)
          : (kind === SELF ? abs : kind === VO ? abv : ab) * Math.exp(-beta * dl);
      if (candG) v *= candG[x];
      if (kind === SELF) trigS += v;
      else if (kind === VO) trigV += v;
      else trig += v;
      trigD += v * dl;
      if (gk) trigA += v * gk.logDelta[x];
    }
    const lam = bg + trig + trigS + trigV;
    if (!(lam > 0)) {
      pBg[i] = 1;
      logLik = Number.NEGATIVE_INFINITY;
      continue;
    }
    if (hv && Rbin)
      for (let x = candOffset[i]; x < hi; x++) {
        const b = hist!.candBin[x];
        Rbin[b] += (candG ? hv[b] * candG[x] : hv[b]) / lam;
      }
    logLik += Math.log(lam);
    pBg[i] = bg / lam;
    P += trig / lam;
    Pself += trigS / lam;
    Pvo += trigV / lam;
    D += trigD / lam;
    A += trigA / lam;
  }
  const E = binExposure(eng, f, p.b1, p.b2);
  for (let b = 0; b < E.length; b++) logLik -= p.rates[b] * E[b];
  if (alpha > 0) logLik -= alpha * networkCompensator(eng, p);
  if (alphaSelf > 0)
    logLik -= (alphaSelf * entrySums(eng.selfW, eng.selfLo, eng.selfHi, beta).S) / Z;
  if (alphaVo > 0) logLik -= (alphaVo * entrySums(eng.voW, eng.voLo, eng.voHi, beta).S) / Z;
  return { logLik, pBg, P, Pself, Pvo, D, Rbin, A };
}

/** The distinct delays of the network candidate pairs, and each pair's position among them. */
const pairDelayCache = new WeakMap<Engine, { values: Float64Array; at: Int32Array }>();

function pairDelays(eng: Engine): { values: Float64Array; at: Int32Array } {
  const hit = pairDelayCache.get(eng);
  if (hit) return hit;
  const at = new Int32Array(eng.candDelta.length);
  const seen = new Map<number, number>();
  const values: number[] = [];
  for (let x = 0; x < eng.candDelta.length; x++) {
    let v = seen.get(eng.candDelta[x]);
    if (v === undefined) {
      v = values.length;
      values.push(eng.candDelta[x]);
      seen.set(eng.candDelta[x], v);
    }
    at[x] = v;
  }
  const out = { values: Float64Array.from(values), at };
  pairDelayCache.set(eng, out);
  return out;
}

/**
 * The slope of the log-likelihood in one kind of excitation at 0, for each β of `betas`: in α
 * (`kind` 0, the co-offending pairs, weight g) or in α_vo (`kind` {@link VO}, the victim–offender
 * pairs), ∂ℓ/∂a = Σ_i Σ_pairs g·k_β(Δ)/λ_i − C(β), with λ_i the intensity of `p` at event i
 * without that kind (its background, and the other kinds' excitation at `p`'s own β: exponential
 * kernel). With the other kinds at 0 and `kind` 0 it is the slope in α at α = 0 with the
 * background of `p` (the no-contagion fit's collapse check, on a grid of β): C(β) is then the
 * network compensator per unit α. A slope ≤ 0
 * at `p` (a fit with that kind held at 0) says ℓ falls as that kind leaves 0 there, so the fit
 * with it at 0 is a maximum (ℓ is concave in the excitations at fixed β). +Infinity where an
 * event with pairs of the kind has no intensity. One pass over the candidate pairs (per distinct
 * delay), then O(distinct delays) per β.
 */
export function excitationSlopesAtZero(
  eng: Engine,
  p: InternalParams,
  betas: readonly number[],
  kind: 0 | typeof VO,
): Float64Array {
  const { values, at } = pairDelays(eng);
  const { candOffset, candDelta, candG, candKind, nEv, first } = eng;
  const w = new Float64Array(values.length);
  const f = rowFactors(eng, p.theta);
  const Z = kernelNorm(p.beta, eng.maxLag);
  const ab = (p.alpha * p.beta) / Z;
  const abs = (p.alphaSelf * p.beta) / Z;
  const abv = (p.alphaVo * p.beta) / Z;
  const out = new Float64Array(betas.length);
  for (let i = first; i < nEv; i++) {
    if (eng.bg.evRow[i] < 0) continue;
    const hi = candOffset[i + 1];
    if (hi === candOffset[i]) continue;
    let lam = eventBackground(eng, p, f, i);
    let mine = false;
    for (let x = candOffset[i]; x < hi; x++) {
      const k = candKind !== null ? candKind[x] : 0;
      if (k === kind) {
        mine = true;
        continue;
      }
      const v = (k === SELF ? abs : k === VO ? abv : ab) * Math.exp(-p.beta * candDelta[x]);
      lam += candG ? v * candG[x] : v;
    }
    if (!mine) continue;
    if (!(lam > 0)) return out.fill(Number.POSITIVE_INFINITY);
    for (let x = candOffset[i]; x < hi; x++) {
      const k = candKind !== null ? candKind[x] : 0;
      if (k === kind) w[at[x]] += (candG ? candG[x] : 1) / lam;
    }
  }
  const [W, Lo, Hi] =
    kind === VO ? [eng.voW, eng.voLo, eng.voHi] : [eng.excW, eng.excLo, eng.excHi];
  for (let b = 0; b < betas.length; b++) {
    const beta = betas[b];
    let s = 0;
    for (let v = 0; v < values.length; v++) if (w[v] > 0) s += w[v] * Math.exp(-beta * values[v]);
    out[b] = (beta * s - entrySums(W, Lo, Hi, beta).S) / kernelNorm(beta, eng.maxLag);
  }
  return out;
}

/**
 * The distinct ends of the network compensator entries (`loValues`, `hiValues`) and each
 * entry's position among them (`loAt`, `hiAt`): a function of an end (a gamma or Erlang
 * probability) is then computed once per distinct end instead of once per run of equal ends (the
 * same values, summed in the same order). Built once per engine.
 */
export interface EntryEnds {
  loValues: Float64Array;
  hiValues: Float64Array;
  loAt: Int32Array;
  hiAt: Int32Array;
}

const entryEndsCache = new WeakMap<Engine, EntryEnds>();

export function entryEnds(eng: Engine): EntryEnds {
  const hit = entryEndsCache.get(eng);
  if (hit) return hit;
  const index = (ends: Float64Array) => {
    const at = new Int32Array(ends.length);
    const seen = new Map<number, number>();
    const values: number[] = [];
    for (let x = 0; x < ends.length; x++) {
      let v = seen.get(ends[x]);
      if (v === undefined) {
        v = values.length;
        values.push(ends[x]);
        seen.set(ends[x], v);
      }
      at[x] = v;
    }
    return { values: Float64Array.from(values), at };
  };
  const lo = index(eng.excLo);
  const hi = index(eng.excHi);
  const out = { loValues: lo.values, hiValues: hi.values, loAt: lo.at, hiAt: hi.at };
  entryEndsCache.set(eng, out);
  return out;
}

/** Σ w (P(κ, ρ hi) − P(κ, ρ lo)) / P(κ, ρL) over the network compensator entries. */
export function gammaEntrySum(eng: Engine, shape: number, beta: number): number {
  const rho = shape * beta;
  const atL = gammaP(shape, rho * eng.maxLag);
  const { loValues, hiValues, loAt, hiAt } = entryEnds(eng);
  // gammaP once per distinct entry end.
  const pHi = new Float64Array(hiValues.length);
  for (let v = 0; v < hiValues.length; v++)
    pHi[v] = hiValues[v] === eng.maxLag ? atL : gammaP(shape, rho * hiValues[v]);
  const pLo = new Float64Array(loValues.length);
  for (let v = 0; v < loValues.length; v++)
    pLo[v] = loValues[v] === 0 ? 0 : gammaP(shape, rho * loValues[v]);
  let s = 0;
  for (let x = 0; x < eng.excW.length; x++) s += eng.excW[x] * (pHi[hiAt[x]] - pLo[loAt[x]]);
  return s / atL;
}

/** Expected offspring per unit α inside the window (the network compensator over α). */
export function networkCompensator(eng: Engine, p: InternalParams): number {
  if (eng.hist && p.hw) {
    let s = 0;
    for (let b = 0; b < p.hw.length; b++) s += p.hw[b] * eng.hist.C[b];
    return s;
  }
  if (eng.gamma && p.shape) return gammaEntrySum(eng, p.shape, p.beta);
  return entrySums(eng.excW, eng.excLo, eng.excHi, p.beta).S / kernelNorm(p.beta, eng.maxLag);
}

/**
 * The background compensator's terms of {@link logLikGradient}: subtracts them from the
 * log-likelihood (`acc[0]`), the rate and covariate gradients and, with a season, from its
 * gradient (`acc[1]`, `acc[2]`), cell by cell in row order.
 */
function backgroundCompensatorTerms(
  eng: Engine,
  f: Float64Array,
  rates: Float64Array,
  b1: number,
  b2: number,
  seasonal: boolean,
  acc: Float64Array,
  gRate: Float64Array,
  gTheta: Float64Array,
) {
  const { nRows, A0, As, Ac, B, Z, d } = eng.bg;
  const { cellOffset, cellAt } = eng;
  let logLik = acc[0];
  let gB1 = acc[1];
  let gB2 = acc[2];
  for (let r = 0; r < nRows; r++) {
    const fr = f[r];
    let rowTotal = 0;
    // Over the non-zero cells: a zero cell subtracts exactly 0 everywhere.
    for (let x = cellOffset[r], end = cellOffset[r + 1]; x < end; x++) {
      const at = cellAt[x];
      const b = at - r * B;
      const mu = rates[b];
      if (mu === 0) continue;
      const e = fr * (A0[at] + b1 * As[at] + b2 * Ac[at]);
      const m = mu * e;
      logLik -= m;
      gRate[b] -= m;
      rowTotal += m;
      if (seasonal) {
        gB1 -= mu * fr * As[at];
        gB2 -= mu * fr * Ac[at];
      }
    }
    if (rowTotal !== 0) for (let c = 0; c < d; c++) gTheta[c] -= rowTotal * Z[r * d + c];
  }
  acc[0] = logLik;
  acc[1] = gB1;
  acc[2] = gB2;
}

/** Exact log-likelihood at `p`. */
export function logLikelihood(eng: Engine, p: InternalParams, scratch?: Float64Array): number {
  return eStep(eng, p, scratch ?? new Float64Array(eng.nEv)).logLik;
}

/**
 * Layout of the unconstrained parameter vector used for Newton steps and the Hessian:
 * [ln μ_b (B), ln α, ln β, (ln α_self), (ln α_vo), (b1, b2 when seasonal), γ…].
 */
export interface Layout {
  B: number;
  alpha: number;
  beta: number;
  self: number;
  vo: number;
  b1: number;
  theta: number;
  size: number;
}

export function layout(eng: Engine): Layout {
  const B = eng.bg.B;
  let at = B + 2;
  const self = eng.selfExcitation ? at++ : -1;
  const vo = eng.victimOffender ? at++ : -1;
  const b1 = eng.seasonal ? at : -1;
  if (eng.seasonal) at += 2;
  return { B, alpha: B, beta: B + 1, self, vo, b1, theta: at, size: at + eng.bg.d };
}

export function vectorNames(eng: Engine): string[] {
  const L = layout(eng);
  const names: string[] = [];
  for (let b = 0; b < L.B; b++)
    names.push(
      L.B === 1
        ? 'ln mu'
        : `ln mu[${new Date(eng.bg.edges[b] * 86400000).toISOString().slice(0, 10)}]`,
    );
  names.push('ln alpha', 'ln beta');
  if (L.self >= 0) names.push('ln alpha_self');
  if (L.vo >= 0) names.push('ln alpha_victim_offender');
  if (L.b1 >= 0) names.push('b1 (sin)', 'b2 (cos)');
  for (const n of eng.bg.names) names.push(`gamma ${n}`);
  return names;
}

const LOG_ZERO = -745;

export function toVector(eng: Engine, p: InternalParams): Float64Array {
  const L = layout(eng);
  const v = new Float64Array(L.size);
  for (let b = 0; b < L.B; b++) v[b] = p.rates[b] > 0 ? Math.log(p.rates[b]) : LOG_ZERO;
  v[L.alpha] = p.alpha > 0 ? Math.log(p.alpha) : LOG_ZERO;
  v[L.beta] = Math.log(p.beta);
  if (L.self >= 0) v[L.self] = p.alphaSelf > 0 ? Math.log(p.alphaSelf) : LOG_ZERO;
  if (L.vo >= 0) v[L.vo] = p.alphaVo > 0 ? Math.log(p.alphaVo) : LOG_ZERO;
  if (L.b1 >= 0) {
    v[L.b1] = p.b1;
    v[L.b1 + 1] = p.b2;
  }
  for (let r = 0; r < eng.bg.d; r++) v[L.theta + r] = p.theta[r];
  return v;
}

export function fromVector(
  eng: Engine,
  v: Float64Array,
  hw: Float64Array | null = null,
): InternalParams {
  const L = layout(eng);
  const ex = (x: number) => (x <= LOG_ZERO ? 0 : Math.exp(x));
  const rates = new Float64Array(L.B);
  for (let b = 0; b < L.B; b++) rates[b] = ex(v[b]);
  const theta = new Float64Array(eng.bg.d);
  for (let r = 0; r < eng.bg.d; r++) theta[r] = v[L.theta + r];
  return {
    hw,
    rates,
    alpha: ex(v[L.alpha]),
    beta: Math.exp(v[L.beta]),
    alphaSelf: L.self >= 0 ? ex(v[L.self]) : 0,
    alphaVo: L.vo >= 0 ? ex(v[L.vo]) : 0,
    b1: L.b1 >= 0 ? v[L.b1] : 0,
    b2: L.b1 >= 0 ? v[L.b1 + 1] : 0,
    theta,
  };
}

/**
 * Exact log-likelihood and its analytic gradient with respect to {@link toVector}'s layout.
 * Returns −∞ (and a zero gradient) outside the valid region (s(t) ≤ 0 somewhere).
 */
export function logLikGradient(
  eng: Engine,
  v: Float64Array,
  hw: Float64Array | null = null,
  shape?: number,
): { logLik: number; grad: Float64Array } {
  const p = fromVector(eng, v, hw);
  p.shape = shape;
  const L = layout(eng);
  const grad = new Float64Array(v.length);
  if (eng.seasonal && Math.hypot(p.b1, p.b2) >= 1)
    return { logLik: Number.NEGATIVE_INFINITY, grad };
  const { candOffset, candDelta, candG, candKind, evSin, evCos, nEv, first } = eng;
  const { bg: design } = eng;
  const d = design.d;
  const { alpha, alphaSelf, alphaVo, beta, b1, b2 } = p;
  const f = rowFactors(eng, p.theta);
  const Zn = kernelNorm(beta, eng.maxLag);
  const dlnZ = (eng.maxLag * Math.exp(-beta * eng.maxLag)) / Zn; // d ln Z / dβ
  const ab = (alpha * beta) / Zn;
  const abs = (alphaSelf * beta) / Zn;
  const abv = (alphaVo * beta) / Zn;
  const hist = eng.hist;
  const hv = hist && hw ? Float64Array.from(hw, (w, b) => (alpha * w) / hist.len[b]) : null;
  const gk = eng.gamma && shape ? eng.gamma : null;
  const gShape = shape ?? 1;
  const gConst = gk
    ? gammaLogConst({ shape: gShape, beta, maxLag: eng.maxLag }) + Math.log(alpha)
    : 0;
  let logLik = 0;
  let gA = 0;
  let gS = 0;
  let gV = 0;
  let gBeta = 0;
  let gB1 = 0;
  let gB2 = 0;
  const gRate = new Float64Array(L.B);
  const gTheta = new Float64Array(d);
  for (let i = first; i < nEv; i++) {
    if (design.evRow[i] < 0) continue;
    const s = evSin ? 1 + b1 * evSin[i] + b2 * evCos![i] : 1;
    const base = p.rates[design.evBin[i]] * f[design.evRow[i]];
    const bgv = base * s;
    let trig = 0;
    let trigS = 0;
    let trigV = 0;
    let trigB = 0;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) {
      const dl = candDelta[x];
      const kind = candKind !== null ? candKind[x] : 0;
      let v1 = hv
        ? hv[hist!.candBin[x]]
        : gk
          ? Math.exp(gConst + (gShape - 1) * gk.logDelta[x] - gShape * beta * dl)
          : (kind === SELF ? abs : kind === VO ? abv : ab) * Math.exp(-beta * dl);
      if (candG) v1 *= candG[x];
      if (kind === SELF) trigS += v1;
      else if (kind === VO) trigV += v1;
      else trig += v1;
      if (!hv && !gk) trigB += v1 * (1 - beta * dl - beta * dlnZ);
    }
    const lam = bgv + trig + trigS + trigV;
    if (!(lam > 0)) return { logLik: Number.NEGATIVE_INFINITY, grad };
    logLik += Math.log(lam);
    const inv = 1 / lam;
    gRate[design.evBin[i]] += bgv * inv;
    gA += trig * inv;
    gS += trigS * inv;
    gV += trigV * inv;
    gBeta += trigB * inv;
    if (evSin) {
      gB1 += base * evSin[i] * inv;
      gB2 += base * evCos![i] * inv;
    }
    const r = design.evRow[i];
    for (let c = 0; c < d; c++) gTheta[c] += bgv * inv * design.Z[r * d + c];
  }
  // Background compensator (a function of its own: see fillRowFactors).
  const acc = Float64Array.of(logLik, gB1, gB2);
  backgroundCompensatorTerms(eng, f, p.rates, b1, b2, evSin !== null, acc, gRate, gTheta);
  logLik = acc[0];
  gB1 = acc[1];
  gB2 = acc[2];
  // Excitation compensators: α S(β) / Z(β); d/d ln β = α β (S' − S·dlnZ) / Z.
  if (alpha > 0 && (hv || gk)) {
    const c = networkCompensator(eng, p);
    logLik -= alpha * c;
    gA -= alpha * c;
  } else if (alpha > 0) {
    const { S, dS } = entrySums(eng.excW, eng.excLo, eng.excHi, beta);
    logLik -= (alpha * S) / Zn;
    gA -= (alpha * S) / Zn;
    gBeta -= (alpha * beta * (dS - S * dlnZ)) / Zn;
  }
  if (alphaSelf > 0) {
    const { S, dS } = entrySums(eng.selfW, eng.selfLo, eng.selfHi, beta);
    logLik -= (alphaSelf * S) / Zn;
    gS -= (alphaSelf * S) / Zn;
    gBeta -= (alphaSelf * beta * (dS - S * dlnZ)) / Zn;
  }
  if (alphaVo > 0) {
    const { S, dS } = entrySums(eng.voW, eng.voLo, eng.voHi, beta);
    logLik -= (alphaVo * S) / Zn;
    gV -= (alphaVo * S) / Zn;
    gBeta -= (alphaVo * beta * (dS - S * dlnZ)) / Zn;
  }
  for (let b = 0; b < L.B; b++) grad[b] = gRate[b];
  grad[L.alpha] = gA;
  grad[L.beta] = gBeta;
  if (L.self >= 0) grad[L.self] = gS;
  if (L.vo >= 0) grad[L.vo] = gV;
  if (L.b1 >= 0) {
    grad[L.b1] = gB1;
    grad[L.b1 + 1] = gB2;
  }
  for (let c = 0; c < d; c++) grad[L.theta + c] = gTheta[c];
  return { logLik, grad };
}

/**
 * Marks (2 in `flags`) each covariate that is a linear combination of the covariates before it
 * over the person-time at risk (residual variance under 1e-9 of its own): the fit leaves it out,
 * as a constant one (1), instead of reporting a singular information as α's. Weighted covariance
 * (d × d) and a Cholesky factor with a relative pivot threshold: O(rows × d²), no row-sized arrays.
 */
function markCollinear(bg: Engine['bg'], flags: Uint8Array): void {
  const d = bg.d;
  if (d < 2) return;
  const mean = new Float64Array(d);
  const C = new Float64Array(d * d);
  const weight = (r: number) => {
    let e = 0;
    for (let b = 0; b < bg.B; b++) e += bg.A0[r * bg.B + b];
    return e;
  };
  let W = 0;
  for (let r = 0; r < bg.nRows; r++) {
    const e = weight(r);
    if (!(e > 0)) continue;
    W += e;
    for (let a = 0; a < d; a++) mean[a] += e * bg.Z[r * d + a];
  }
  if (!(W > 0)) return;
  for (let a = 0; a < d; a++) mean[a] /= W;
  for (let r = 0; r < bg.nRows; r++) {
    const e = weight(r);
    if (!(e > 0)) continue;
    for (let a = 0; a < d; a++) {
      const za = bg.Z[r * d + a] - mean[a];
      for (let c = 0; c <= a; c++) C[a * d + c] += e * za * (bg.Z[r * d + c] - mean[c]);
    }
  }
  const L = new Float64Array(d * d);
  const kept: number[] = [];
  for (let a = 0; a < d; a++) {
    if (flags[a]) continue;
    for (const k of kept) {
      let x = C[a * d + k];
      for (const j of kept) if (j < k) x -= L[a * d + j] * L[k * d + j];
      L[a * d + k] = x / L[k * d + k];
    }
    let res = C[a * d + a];
    for (const k of kept) res -= L[a * d + k] ** 2;
    if (res > 1e-9 * C[a * d + a]) {
      L[a * d + a] = Math.sqrt(res);
      kept.push(a);
    } else flags[a] = 2;
  }
}
