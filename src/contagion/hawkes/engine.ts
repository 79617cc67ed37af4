import { DAYS_PER_YEAR } from '../../core/time.js';
import { eventsAfter, eventsFrom, type HawkesData, tieG } from './prepare.js';

/** Angular frequency of the yearly season, per day. */
export const OMEGA = (2 * Math.PI) / DAYS_PER_YEAR;

/** Internal parameters: the season as s(t) = 1 + b1·sin ωt + b2·cos ωt, covariates as θ. */
export interface InternalParams {
  mu: number;
  alpha: number;
  beta: number;
  b1: number;
  b2: number;
  theta: Float64Array;
}

export function cloneParams(p: InternalParams): InternalParams {
  return { ...p, theta: p.theta.slice() };
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

/**
 * Remaining kernel mass of a truncated exponential kernel over delays [from, to):
 * ∫ β e^(−βu) 1{u ≤ L} du.
 */
export function kernelMass(beta: number, maxLag: number, from: number, to: number): number {
  const a = Math.max(0, from);
  const b = Math.min(to, maxLag);
  if (!(b > a)) return 0;
  return Math.exp(-beta * a) - Math.exp(-beta * b);
}

/**
 * The precomputed structure of a fit: candidate parents of every event (CSR over events),
 * compensator weights of every exciting event and the covariate design. Built once, so every
 * EM iteration and every likelihood evaluation is O(candidate pairs + events).
 */
export interface Engine {
  data: HawkesData;
  maxLag: number;
  nEv: number;
  /** Candidates of event i: `candParent[candOffset[i] .. candOffset[i+1])` with delays and g. */
  candOffset: Int32Array;
  candParent: Int32Array;
  candDelta: Float64Array;
  /** g of each candidate pair, or null when every g is 1. */
  candG: Float64Array | null;
  /** Exciting events with any formed tie: event, Σ g over neighbours, kernel window m = min(T − t, L). */
  excEvent: Int32Array;
  excW: Float64Array;
  excM: Float64Array;
  /** sin ωt, cos ωt at each event (null when the season is off). */
  evSin: Float64Array | null;
  evCos: Float64Array | null;
  /** Centred covariates (n × d, row-major) or null; their names. */
  X: Float64Array | null;
  d: number;
  covariateNames: string[];
  /** ∫ over the window of 1, sin ωt and cos ωt. */
  E0: number;
  Is: number;
  Ic: number;
}

/** Builds the candidate-pair CSR and compensator terms. */
export function buildEngine(
  data: HawkesData,
  options: {
    maxLag: number;
    g: ((c: number) => number) | null;
    seasonal: boolean;
    X: Float64Array | null;
    covariateNames: string[];
  },
): Engine {
  const { maxLag, g } = options;
  const nEv = data.evDay.length;
  const { tieOffset, tieNeighbour, tieStart, personEv, evDay, evPerson } = data;
  const candOffset = new Int32Array(nEv + 1);
  let cap = Math.max(16, nEv * 4);
  let candParent = new Int32Array(cap);
  let candDelta = new Float64Array(cap);
  let candG: Float64Array | null = g ? new Float64Array(cap) : null;
  let m = 0;
  for (let i = 0; i < nEv; i++) {
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
        if (m === cap) {
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
        }
        candParent[m] = j;
        candDelta[m] = t - evDay[j];
        if (candG) candG[m] = tieG(data, g, e, evDay[j]);
        m++;
      }
    }
    candOffset[i + 1] = m;
  }
  candParent = candParent.slice(0, m);
  candDelta = candDelta.slice(0, m);
  if (candG) candG = candG.slice(0, m);

  const exc: number[] = [];
  const excWl: number[] = [];
  for (let j = 0; j < nEv; j++) {
    const p = evPerson[j];
    const t = evDay[j];
    let w = 0;
    for (let e = tieOffset[p]; e < tieOffset[p + 1]; e++) w += tieG(data, g, e, t);
    if (w > 0) {
      exc.push(j);
      excWl.push(w);
    }
  }
  const excEvent = Int32Array.from(exc);
  const excW = Float64Array.from(excWl);
  const excM = new Float64Array(exc.length);
  for (let x = 0; x < exc.length; x++) excM[x] = Math.min(data.end - evDay[exc[x]], maxLag);

  let evSin: Float64Array | null = null;
  let evCos: Float64Array | null = null;
  if (options.seasonal) {
    evSin = new Float64Array(nEv);
    evCos = new Float64Array(nEv);
    for (let i = 0; i < nEv; i++) {
      evSin[i] = Math.sin(OMEGA * evDay[i]);
      evCos[i] = Math.cos(OMEGA * evDay[i]);
    }
  }
  const S = data.start;
  const T = data.end;
  return {
    data,
    maxLag,
    nEv,
    candOffset,
    candParent,
    candDelta,
    candG,
    excEvent,
    excW,
    excM,
    evSin,
    evCos,
    X: options.X,
    d: options.covariateNames.length,
    covariateNames: options.covariateNames,
    E0: T - S,
    Is: (Math.cos(OMEGA * S) - Math.cos(OMEGA * T)) / OMEGA,
    Ic: (Math.sin(OMEGA * T) - Math.sin(OMEGA * S)) / OMEGA,
  };
}

/** Person factors c_k = exp(θ·x_k) (null when there are no covariates) and their sum C. */
export function personFactors(
  eng: Engine,
  theta: Float64Array,
): { c: Float64Array | null; C: number } {
  const n = eng.data.nPeople;
  if (!eng.X || eng.d === 0) return { c: null, C: n };
  const c = new Float64Array(n);
  const d = eng.d;
  let C = 0;
  for (let k = 0; k < n; k++) {
    let z = 0;
    for (let r = 0; r < d; r++) z += theta[r] * eng.X[k * d + r];
    c[k] = Math.exp(z);
    C += c[k];
  }
  return { c, C };
}

/** Result of one E-step pass. */
export interface EStep {
  logLik: number;
  /** Background responsibility of each event. */
  pBg: Float64Array;
  /** Σ triggered responsibilities and Σ responsibility × delay. */
  P: number;
  D: number;
}

/**
 * One pass over the candidate pairs: exact log-likelihood at `p` and the background
 * responsibilities (the E-step). O(candidate pairs + events + exciting events).
 */
export function eStep(eng: Engine, p: InternalParams, pBg: Float64Array): EStep {
  const { candOffset, candDelta, candG, evSin, evCos, nEv } = eng;
  const { mu, alpha, beta, b1, b2 } = p;
  const { c, C } = personFactors(eng, p.theta);
  const evPerson = eng.data.evPerson;
  const ab = alpha * beta;
  let logLik = 0;
  let P = 0;
  let D = 0;
  for (let i = 0; i < nEv; i++) {
    let bg = mu;
    if (evSin) bg *= 1 + b1 * evSin[i] + b2 * evCos![i];
    if (c) bg *= c[evPerson[i]];
    let trig = 0;
    let trigD = 0;
    const hi = candOffset[i + 1];
    for (let x = candOffset[i]; x < hi; x++) {
      const dl = candDelta[x];
      let v = ab * Math.exp(-beta * dl);
      if (candG) v *= candG[x];
      trig += v;
      trigD += v * dl;
    }
    const lam = bg + trig;
    if (!(lam > 0)) {
      pBg[i] = 1;
      logLik = Number.NEGATIVE_INFINITY;
      continue;
    }
    logLik += Math.log(lam);
    pBg[i] = bg / lam;
    P += trig / lam;
    D += trigD / lam;
  }
  logLik -= mu * C * (eng.E0 + b1 * eng.Is + b2 * eng.Ic);
  logLik -= alpha * compensatorSum(eng, beta);
  return { logLik, pBg, P, D };
}

/** Σ_j W_j (1 − e^(−β m_j)): the expected offspring per unit α inside the window. */
export function compensatorSum(eng: Engine, beta: number): number {
  const { excW, excM } = eng;
  let s = 0;
  for (let x = 0; x < excW.length; x++) s += excW[x] * -Math.expm1(-beta * excM[x]);
  return s;
}

/** Exact log-likelihood at `p`. */
export function logLikelihood(eng: Engine, p: InternalParams, scratch?: Float64Array): number {
  return eStep(eng, p, scratch ?? new Float64Array(eng.nEv)).logLik;
}

/**
 * Layout of the unconstrained parameter vector used for Newton steps and the Hessian:
 * [ln μ₀, ln α, ln β, (b1, b2 when seasonal), θ…].
 */
export function toVector(eng: Engine, p: InternalParams): Float64Array {
  const seasonal = eng.evSin !== null;
  const v = new Float64Array(3 + (seasonal ? 2 : 0) + eng.d);
  v[0] = Math.log(p.mu);
  v[1] = Math.log(p.alpha);
  v[2] = Math.log(p.beta);
  let at = 3;
  if (seasonal) {
    v[at++] = p.b1;
    v[at++] = p.b2;
  }
  for (let r = 0; r < eng.d; r++) v[at++] = p.theta[r];
  return v;
}

export function fromVector(eng: Engine, v: Float64Array): InternalParams {
  const seasonal = eng.evSin !== null;
  let at = 3;
  const b1 = seasonal ? v[at++] : 0;
  const b2 = seasonal ? v[at++] : 0;
  const theta = new Float64Array(eng.d);
  for (let r = 0; r < eng.d; r++) theta[r] = v[at++];
  return { mu: Math.exp(v[0]), alpha: Math.exp(v[1]), beta: Math.exp(v[2]), b1, b2, theta };
}

/**
 * Exact log-likelihood and its analytic gradient with respect to {@link toVector}'s layout.
 * Returns −∞ (and a zero gradient) outside the valid region (s(t) ≤ 0 somewhere).
 */
export function logLikGradient(
  eng: Engine,
  v: Float64Array,
): { logLik: number; grad: Float64Array } {
  const p = fromVector(eng, v);
  const grad = new Float64Array(v.length);
  const seasonal = eng.evSin !== null;
  if (seasonal && Math.hypot(p.b1, p.b2) >= 1) return { logLik: Number.NEGATIVE_INFINITY, grad };
  const { candOffset, candDelta, candG, evSin, evCos, nEv, d } = eng;
  const { mu, alpha, beta, b1, b2 } = p;
  const { c, C } = personFactors(eng, p.theta);
  const evPerson = eng.data.evPerson;
  const ab = alpha * beta;
  const th0 = seasonal ? 5 : 3;
  let logLik = 0;
  let gMu = 0;
  let gAlpha = 0;
  let gBeta = 0;
  let gB1 = 0;
  let gB2 = 0;
  const gTheta = new Float64Array(d);
  for (let i = 0; i < nEv; i++) {
    const s = evSin ? 1 + b1 * evSin[i] + b2 * evCos![i] : 1;
    const ck = c ? c[evPerson[i]] : 1;
    const bg = mu * s * ck;
    let trig = 0;
    let trigB = 0;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) {
      const dl = candDelta[x];
      let v1 = ab * Math.exp(-beta * dl);
      if (candG) v1 *= candG[x];
      trig += v1;
      trigB += v1 * (1 - beta * dl);
    }
    const lam = bg + trig;
    if (!(lam > 0)) return { logLik: Number.NEGATIVE_INFINITY, grad };
    logLik += Math.log(lam);
    const inv = 1 / lam;
    gMu += bg * inv;
    gAlpha += trig * inv;
    gBeta += trigB * inv;
    if (evSin) {
      gB1 += mu * ck * evSin[i] * inv;
      gB2 += mu * ck * evCos![i] * inv;
    }
    if (d > 0) {
      const k = evPerson[i];
      for (let r = 0; r < d; r++) gTheta[r] += bg * inv * eng.X![k * d + r];
    }
  }
  const Es = eng.E0 + b1 * eng.Is + b2 * eng.Ic;
  logLik -= mu * C * Es;
  gMu -= mu * C * Es;
  gB1 -= mu * C * eng.Is;
  gB2 -= mu * C * eng.Ic;
  if (d > 0) {
    const n = eng.data.nPeople;
    for (let k = 0; k < n; k++) {
      const w = mu * Es * c![k];
      for (let r = 0; r < d; r++) gTheta[r] -= w * eng.X![k * d + r];
    }
  }
  const { excW, excM } = eng;
  let S0 = 0;
  let S1 = 0;
  for (let x = 0; x < excW.length; x++) {
    const e = Math.exp(-beta * excM[x]);
    S0 += excW[x] * (1 - e);
    S1 += excW[x] * excM[x] * e;
  }
  logLik -= alpha * S0;
  gAlpha -= alpha * S0;
  gBeta -= alpha * beta * S1;
  grad[0] = gMu;
  grad[1] = gAlpha;
  grad[2] = gBeta;
  if (seasonal) {
    grad[3] = gB1;
    grad[4] = gB2;
  }
  for (let r = 0; r < d; r++) grad[th0 + r] = gTheta[r];
  return { logLik, grad };
}
