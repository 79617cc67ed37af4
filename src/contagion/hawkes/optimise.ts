import {
  binExposure,
  type Engine,
  type EStep,
  entryEnds,
  eStep,
  fromVector,
  gammaEntrySum,
  type InternalParams,
  kernelNorm,
  layout,
  logLikGradient,
  rowFactors,
  toVector,
} from './engine.js';
import { gammaP, logGamma } from './kernel.js';

/** Largest seasonal amplitude the fit may reach (s(t) stays positive). */
const MAX_AMPLITUDE = 0.99;

/** Σ of background responsibilities per trend bin. */
function binResponsibilities(eng: Engine, pBg: Float64Array): Float64Array {
  const Bb = new Float64Array(eng.bg.B);
  for (let i = eng.first; i < eng.nEv; i++) if (eng.bg.evRow[i] >= 0) Bb[eng.bg.evBin[i]] += pBg[i];
  return Bb;
}

/** Bin rates in closed form given the season and covariates. */
function rateStep(eng: Engine, p: InternalParams, Bb: Float64Array) {
  const E = binExposure(eng, rowFactors(eng, p.theta), p.b1, p.b2);
  for (let b = 0; b < E.length; b++) p.rates[b] = Bb[b] > 0 && E[b] > 0 ? Bb[b] / E[b] : 0;
}

/**
 * The M-step for the background: bin rates μ_b in closed form, then (when fitted) a Newton step
 * for the season (b1, b2) and one for the covariate coefficients γ, each accepted only if it
 * raises the expected complete-data log-likelihood, so EM stays monotone. Coefficients flagged
 * in `held` stay where they are (as those of covariates with no spread stay at 0).
 */
export function mStepBackground(
  eng: Engine,
  p: InternalParams,
  pBg: Float64Array,
  held?: Uint8Array,
) {
  const Bb = binResponsibilities(eng, pBg);
  const rounds = eng.seasonal || eng.bg.d > 0 ? 4 : 1;
  for (let round = 0; round < rounds; round++) {
    rateStep(eng, p, Bb);
    if (eng.seasonal) seasonStep(eng, p, pBg);
    if (eng.bg.d > 0) covariateStep(eng, p, pBg, held);
  }
  rateStep(eng, p, Bb);
}

/** Σ_b μ_b Σ_r f_r As[r,b] and the same with Ac: the season's share of the compensator. */
function seasonCompensator(eng: Engine, p: InternalParams) {
  const f = rowFactors(eng, p.theta);
  const { nRows, As, Ac, B } = eng.bg;
  const { cellOffset, cellAt } = eng;
  let Is = 0;
  let Ic = 0;
  // Over the non-zero cells (a zero cell adds exactly 0).
  for (let r = 0; r < nRows; r++)
    for (let x = cellOffset[r], end = cellOffset[r + 1]; x < end; x++) {
      const at = cellAt[x];
      const b = at - r * B;
      Is += p.rates[b] * f[r] * As[at];
      Ic += p.rates[b] * f[r] * Ac[at];
    }
  return { Is, Ic };
}

function seasonQ(eng: Engine, pBg: Float64Array, Is: number, Ic: number, b1: number, b2: number) {
  if (Math.hypot(b1, b2) > MAX_AMPLITUDE) return Number.NEGATIVE_INFINITY;
  const sn = eng.evSin!;
  const cs = eng.evCos!;
  let q = 0;
  for (let i = eng.first; i < eng.nEv; i++) {
    const w = eng.bg.evRow[i] < 0 ? 0 : pBg[i];
    if (w > 0) q += w * Math.log(1 + b1 * sn[i] + b2 * cs[i]);
  }
  return q - (b1 * Is + b2 * Ic);
}

function seasonStep(eng: Engine, p: InternalParams, pBg: Float64Array) {
  const sn = eng.evSin!;
  const cs = eng.evCos!;
  const { Is, Ic } = seasonCompensator(eng, p);
  let g1 = -Is;
  let g2 = -Ic;
  let h11 = 0;
  let h12 = 0;
  let h22 = 0;
  for (let i = eng.first; i < eng.nEv; i++) {
    if (eng.bg.evRow[i] < 0) continue;
    const w = pBg[i];
    const s = 1 + p.b1 * sn[i] + p.b2 * cs[i];
    g1 += (w * sn[i]) / s;
    g2 += (w * cs[i]) / s;
    const ws2 = w / (s * s);
    h11 -= ws2 * sn[i] * sn[i];
    h12 -= ws2 * sn[i] * cs[i];
    h22 -= ws2 * cs[i] * cs[i];
  }
  const det = h11 * h22 - h12 * h12;
  if (!(det > 0) || !(h11 < 0)) return;
  const d1 = -(h22 * g1 - h12 * g2) / det;
  const d2 = -(-h12 * g1 + h11 * g2) / det;
  const q0 = seasonQ(eng, pBg, Is, Ic, p.b1, p.b2);
  for (let t = 1; t > 1e-6; t /= 2) {
    const n1 = p.b1 + t * d1;
    const n2 = p.b2 + t * d2;
    if (seasonQ(eng, pBg, Is, Ic, n1, n2) >= q0) {
      p.b1 = n1;
      p.b2 = n2;
      return;
    }
  }
}

/** Each engine's array for {@link rowWeights} (one covariate step uses it at a time). */
const rowWeightBuffers = new WeakMap<Engine, Float64Array>();

/**
 * Per-row compensator weight Σ_b μ_b (A0 + b1·As + b2·Ac)[r, b] (without e^(γ·z_r)), into the
 * engine's buffer: valid until the next call.
 */
function rowWeights(eng: Engine, p: InternalParams): Float64Array {
  const { nRows, A0, As, Ac, B } = eng.bg;
  const { cellOffset, cellAt } = eng;
  let w = rowWeightBuffers.get(eng);
  if (!w || w.length !== nRows) rowWeightBuffers.set(eng, (w = new Float64Array(nRows)));
  const seasonal = p.b1 !== 0 || p.b2 !== 0;
  // Over the non-zero cells (a zero cell adds exactly 0); without a season A0 + 0·As + 0·Ac = A0.
  for (let r = 0; r < nRows; r++) {
    let s = 0;
    for (let x = cellOffset[r], end = cellOffset[r + 1]; x < end; x++) {
      const at = cellAt[x];
      const b = at - r * B;
      s += p.rates[b] * (seasonal ? A0[at] + p.b1 * As[at] + p.b2 * Ac[at] : A0[at]);
    }
    w[r] = s;
  }
  return w;
}

function covariateQ(eng: Engine, pBg: Float64Array, W: Float64Array, theta: Float64Array) {
  // The two loops are functions of their own (see fillRowFactors in engine.ts: no OSR mid-function).
  const q = eventQ(eng.bg.d, eng.bg.Z, eng.bg.evRow, eng.first, eng.nEv, pBg, theta);
  return lessRows(q, W, rowFactors(eng, theta));
}

/** Σ over modelled events with a row of pBg_i·(γ·z_row). */
function eventQ(
  d: number,
  Z: Float64Array,
  evRow: Int32Array,
  first: number,
  nEv: number,
  pBg: Float64Array,
  theta: Float64Array,
): number {
  let q = 0;
  for (let i = first; i < nEv; i++) {
    const r = evRow[i];
    if (r < 0) continue;
    let z = 0;
    for (let c = 0; c < d; c++) z += theta[c] * Z[r * d + c];
    q += pBg[i] * z;
  }
  return q;
}

/** q − Σ_r W_r·f_r. */
function lessRows(q: number, W: Float64Array, f: Float64Array): number {
  for (let r = 0; r < W.length; r++) q -= W[r] * f[r];
  return q;
}

/** g += Σ over modelled events with a row of pBg_i·z_row (a function of its own: see covariateQ). */
function eventGradient(
  g: Float64Array,
  d: number,
  Z: Float64Array,
  evRow: Int32Array,
  first: number,
  nEv: number,
  pBg: Float64Array,
) {
  for (let i = first; i < nEv; i++) {
    const r = evRow[i];
    if (r < 0) continue;
    for (let c = 0; c < d; c++) g[c] += pBg[i] * Z[r * d + c];
  }
}

/** g −= Σ_r w_r·z_r and the lower triangle of H += Σ_r w_r·z_r·z_rᵀ, w_r = W_r·f_r. */
function rowGradientHessian(
  g: Float64Array,
  H: Float64Array,
  d: number,
  Z: Float64Array,
  nRows: number,
  W: Float64Array,
  f: Float64Array,
) {
  for (let r = 0; r < nRows; r++) {
    const w = W[r] * f[r];
    if (w === 0) continue;
    for (let a = 0; a < d; a++) {
      const xa = Z[r * d + a];
      g[a] -= w * xa;
      for (let b = 0; b <= a; b++) H[a * d + b] += w * xa * Z[r * d + b];
    }
  }
}

function covariateStep(eng: Engine, p: InternalParams, pBg: Float64Array, held?: Uint8Array) {
  const { d, Z, evRow, nRows } = eng.bg;
  const W = rowWeights(eng, p);
  const f = rowFactors(eng, p.theta);
  const g = new Float64Array(d);
  const H = new Float64Array(d * d);
  eventGradient(g, d, Z, evRow, eng.first, eng.nEv, pBg);
  rowGradientHessian(g, H, d, Z, nRows, W, f);
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) H[b * d + a] = H[a * d + b];
  // Covariates with no spread stay at 0, held ones where they are.
  for (let a = 0; a < d; a++)
    if (eng.constantCov[a] || held?.[a]) {
      for (let b = 0; b < d; b++) H[a * d + b] = H[b * d + a] = 0;
      H[a * d + a] = 1;
      g[a] = 0;
    }
  // A tiny ridge keeps the step defined when a covariate has no spread.
  for (let a = 0; a < d; a++) H[a * d + a] += 1e-9 * (1 + H[a * d + a]);
  const step = solveSpd(H, g, d); // (−Hessian) step = gradient
  if (!step) return;
  const q0 = covariateQ(eng, pBg, W, p.theta);
  for (let t = 1; t > 1e-6; t /= 2) {
    const th = p.theta.slice();
    for (let c = 0; c < d; c++) th[c] += t * Math.max(-5, Math.min(5, step[c]));
    if (covariateQ(eng, pBg, W, th) >= q0) {
      p.theta = th;
      return;
    }
  }
}

/** S, S′ and S″ of compensator entries at β. */
function entryDerivs(W: Float64Array, Lo: Float64Array, Hi: Float64Array, beta: number) {
  let S = 0;
  let S1 = 0;
  let S2 = 0;
  // Each exponential once per run of equal entry ends (see entrySums).
  let lastA = Number.NaN;
  let lastB = Number.NaN;
  let ea = 0;
  let eb = 0;
  for (let x = 0; x < W.length; x++) {
    const a = Lo[x];
    const b = Hi[x];
    if (a !== lastA) {
      lastA = a;
      ea = Math.exp(-beta * a);
    }
    if (b !== lastB) {
      lastB = b;
      eb = Math.exp(-beta * b);
    }
    S += W[x] * (ea - eb);
    S1 += W[x] * (b * eb - a * ea);
    S2 += W[x] * (a * a * ea - b * b * eb);
  }
  return { S, S1, S2 };
}

/**
 * The M-step for the excitation: β maximises the profiled expected complete-data log-likelihood
 * (P + P_self + P_vo)·ln β − β·D − P·ln S(β) − P_self·ln S_self(β) − P_vo·ln S_vo(β) within
 * [βmin, βmax] (S corrects for kernel mass falling outside the window; the kernel's
 * normalisation cancels), by safeguarded Newton, then α = P·Z(β)/S(β), α_self =
 * P_self·Z(β)/S_self(β) and α_vo = P_vo·Z(β)/S_vo(β) in closed form.
 */
export function mStepExcitation(
  eng: Engine,
  p: InternalParams,
  P: number,
  Pself: number,
  D: number,
  Pvo = 0,
) {
  const Pt = P + Pself + Pvo;
  if (!(Pt > 0)) {
    p.alpha = 0;
    p.alphaSelf = 0;
    p.alphaVo = 0;
    return;
  }
  const useNet = P > 0 && eng.excW.length > 0;
  const useSelf = Pself > 0 && eng.selfW.length > 0;
  const useVo = Pvo > 0 && eng.voW.length > 0;
  const h = (beta: number) => {
    let v = Pt * Math.log(beta) - beta * D;
    if (useNet) v -= P * Math.log(entryDerivs(eng.excW, eng.excLo, eng.excHi, beta).S);
    if (useSelf) v -= Pself * Math.log(entryDerivs(eng.selfW, eng.selfLo, eng.selfHi, beta).S);
    if (useVo) v -= Pvo * Math.log(entryDerivs(eng.voW, eng.voLo, eng.voHi, beta).S);
    return Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY;
  };
  const lo = eng.betaMin;
  const hiB = eng.betaMax;
  let beta = p.beta > 0 && Number.isFinite(p.beta) ? p.beta : D > 0 ? Pt / D : 0.01;
  beta = Math.min(hiB, Math.max(lo, beta));
  let hb = h(beta);
  for (let it = 0; it < 50; it++) {
    let d1 = Pt / beta - D;
    let d2 = -Pt / (beta * beta);
    if (useNet) {
      const { S, S1, S2 } = entryDerivs(eng.excW, eng.excLo, eng.excHi, beta);
      d1 -= (P * S1) / S;
      d2 -= (P * (S2 * S - S1 * S1)) / (S * S);
    }
    if (useSelf) {
      const { S, S1, S2 } = entryDerivs(eng.selfW, eng.selfLo, eng.selfHi, beta);
      d1 -= (Pself * S1) / S;
      d2 -= (Pself * (S2 * S - S1 * S1)) / (S * S);
    }
    if (useVo) {
      const { S, S1, S2 } = entryDerivs(eng.voW, eng.voLo, eng.voHi, beta);
      d1 -= (Pvo * S1) / S;
      d2 -= (Pvo * (S2 * S - S1 * S1)) / (S * S);
    }
    let step = d2 < 0 ? -d1 / d2 : d1 > 0 ? beta : -beta / 2;
    step = Math.max(-beta / 2, Math.min(beta, step));
    let t = 1;
    let accepted = false;
    while (t > 1e-8) {
      const nb = Math.min(hiB, Math.max(lo, beta + t * step));
      const hn = h(nb);
      if (hn >= hb) {
        accepted = Math.abs(nb - beta) > 1e-13 * beta;
        beta = nb;
        hb = hn;
        break;
      }
      t /= 2;
    }
    if (!accepted) break;
  }
  p.beta = beta;
  const Z = kernelNorm(beta, eng.maxLag);
  p.alpha = useNet ? (P * Z) / entryDerivs(eng.excW, eng.excLo, eng.excHi, beta).S : 0;
  p.alphaSelf = useSelf ? (Pself * Z) / entryDerivs(eng.selfW, eng.selfLo, eng.selfHi, beta).S : 0;
  p.alphaVo = useVo ? (Pvo * Z) / entryDerivs(eng.voW, eng.voLo, eng.voHi, beta).S : 0;
}

/**
 * The M-step of the histogram kernel, in closed form: with u_m = α·w_m, the expected
 * complete-data log-likelihood Σ_m R_m ln u_m − Σ_m u_m C_m is maximised at u_m = R_m / C_m;
 * then α = Σ u_m and w = u / α.
 */
export function mStepHistogram(eng: Engine, p: InternalParams, Rbin: Float64Array) {
  const C = eng.hist!.C;
  const u = new Float64Array(C.length);
  let a = 0;
  for (let b = 0; b < C.length; b++) {
    u[b] = C[b] > 0 ? Rbin[b] / C[b] : 0;
    a += u[b];
  }
  if (!(a > 0)) {
    p.alpha = 0;
    return;
  }
  p.alpha = a;
  p.hw = Float64Array.from(u, (x) => x / a);
}

/** Smallest and largest gamma shape the fit may use. */
const SHAPE_RANGE = [0.2, 20] as const;

/**
 * The M-step of the gamma kernel: (κ, ρ = κβ) maximise the profiled expected complete-data
 * log-likelihood (κ − 1)·A − ρ·D + P·(κ ln ρ − ln Γ(κ)) − P·ln S(κ, ρ), with A = Σ r·ln Δ,
 * D = Σ r·Δ, P = Σ r and S = Σ_entries w (P(κ, ρ hi) − P(κ, ρ lo)) (the truncation's
 * normalisation cancels), by Nelder–Mead on (ln κ, ln β) within the shape range and
 * `delayRangeDays`; then α = P / (S / P(κ, ρL)) in closed form.
 */
export function mStepGamma(eng: Engine, p: InternalParams, P: number, D: number, A: number) {
  if (!(P > 0)) {
    p.alpha = 0;
    return;
  }
  const lbMin = Math.log(eng.betaMin);
  const lbMax = Math.log(eng.betaMax);
  const lkMin = Math.log(SHAPE_RANGE[0]);
  const lkMax = Math.log(SHAPE_RANGE[1]);
  const q = (lk: number, lb: number) => {
    if (lk < lkMin || lk > lkMax || lb < lbMin || lb > lbMax) return Number.NEGATIVE_INFINITY;
    const k = Math.exp(lk);
    const beta = Math.exp(lb);
    const rho = k * beta;
    const atL = gammaP(k, rho * eng.maxLag);
    let S = 0;
    let lastLo = Number.NaN;
    let lastHi = Number.NaN;
    let lo = 0;
    let hi = 0;
    for (let x = 0; x < eng.excW.length; x++) {
      if (eng.excHi[x] !== lastHi) {
        lastHi = eng.excHi[x];
        hi = lastHi === eng.maxLag ? atL : gammaP(k, rho * lastHi);
      }
      if (eng.excLo[x] !== lastLo) {
        lastLo = eng.excLo[x];
        lo = lastLo === 0 ? 0 : gammaP(k, rho * lastLo);
      }
      S += eng.excW[x] * (hi - lo);
    }
    if (!(S > 0)) return Number.NEGATIVE_INFINITY;
    return (k - 1) * A - rho * D + P * (k * Math.log(rho) - logGamma(k)) - P * Math.log(S);
  };
  // Nelder–Mead on two coordinates.
  let pts: [number, number, number][] = [];
  const x0: [number, number] = [Math.log(p.shape ?? 1), Math.log(p.beta)];
  for (const [dk, db] of [
    [0, 0],
    [0.2, 0],
    [0, 0.2],
  ])
    pts.push([x0[0] + dk, x0[1] + db, q(x0[0] + dk, x0[1] + db)]);
  for (let it = 0; it < 40; it++) {
    pts.sort((a, b) => b[2] - a[2]);
    const [best, mid, worst] = pts;
    if (Math.abs(best[2] - worst[2]) < 1e-9 * Math.max(1, Math.abs(best[2]))) break;
    const c = [(best[0] + mid[0]) / 2, (best[1] + mid[1]) / 2];
    const at = (t: number): [number, number, number] => {
      const a = c[0] + t * (worst[0] - c[0]);
      const b = c[1] + t * (worst[1] - c[1]);
      return [a, b, q(a, b)];
    };
    const r = at(-1);
    if (r[2] > best[2]) {
      const e = at(-2);
      pts = [best, mid, e[2] > r[2] ? e : r];
    } else if (r[2] > mid[2]) pts = [best, mid, r];
    else {
      const k = at(r[2] > worst[2] ? -0.5 : 0.5);
      if (k[2] > Math.max(worst[2], r[2])) pts = [best, mid, k];
      else
        pts = [
          best,
          [
            (best[0] + mid[0]) / 2,
            (best[1] + mid[1]) / 2,
            q((best[0] + mid[0]) / 2, (best[1] + mid[1]) / 2),
          ],
          [
            (best[0] + worst[0]) / 2,
            (best[1] + worst[1]) / 2,
            q((best[0] + worst[0]) / 2, (best[1] + worst[1]) / 2),
          ],
        ];
    }
  }
  pts.sort((a, b) => b[2] - a[2]);
  if (Number.isFinite(pts[0][2]) && pts[0][2] >= q(x0[0], x0[1])) {
    p.shape = Math.exp(pts[0][0]);
    p.beta = Math.exp(pts[0][1]);
  }
  const S = gammaEntrySum(eng, p.shape!, p.beta);
  p.alpha = S > 0 ? P / S : 0;
}

/** Largest shape of the Erlang kernel (`kernel: 'erlang'`, and `'auto'` when it departs from κ = 1). */
export const ERLANG_MAX_SHAPE = 10;

/**
 * P(k, x) for a whole k ≥ 1 and k's density term ∂P(k, ρh)/∂ρ = h·e^(−ρh)(ρh)^(k−1)/(k − 1)!,
 * into out[at] and out[at + 1] (a typed array: no number is boxed per call).
 */
function erlangTerms(k: number, rho: number, h: number, out: Float64Array, at: number) {
  const x = rho * h;
  if (!(x > 0)) {
    out[at] = 0;
    out[at + 1] = 0;
    return;
  }
  const ex = Math.exp(-x);
  // Σ_{j<k} x^j/j! (and its last term x^(k−1)/(k−1)!).
  let term = 1;
  let sum = 1;
  for (let j = 1; j < k; j++) {
    term *= x / j;
    sum += term;
  }
  out[at + 1] = h * ex * term;
  if (x >= 1) out[at] = 1 - ex * sum;
  else {
    // e^(−x) Σ_{j ≥ k} x^j/j!, no cancellation for small x.
    let t = (term * x) / k;
    let tail = t;
    for (let j = k + 1; j < k + 60 && t > 1e-17 * tail; j++) {
      t *= x / j;
      tail += t;
    }
    out[at] = ex * tail;
  }
}

/**
 * The M-step of the Erlang kernel (the gamma kernel with a whole shape k = 1…{@link
 * ERLANG_MAX_SHAPE}): for each k considered, ρ = kβ maximises (k − 1)·A − ρ·D + P·(k ln ρ −
 * ln Γ(k)) − P·ln S(k, ρ) (as {@link mStepGamma}) by safeguarded quasi-Newton steps, and the best
 * k wins; then α in closed form. `scan`: consider every shape (the first M-step of a fit),
 * otherwise the current shape and its two neighbours. The current (k, β) is always among those
 * considered, so the M-step never lowers the expected complete-data log-likelihood.
 */
export function mStepErlang(
  eng: Engine,
  p: InternalParams,
  P: number,
  D: number,
  A: number,
  scan: boolean,
) {
  if (!(P > 0)) {
    p.alpha = 0;
    return;
  }
  // P and ∂P/∂ρ at each distinct upper end (pairs in tHi) and lower end (pairs in tLo).
  const { loValues, hiValues, loAt, hiAt } = entryEnds(eng);
  const tHi = new Float64Array(2 * hiValues.length);
  const tLo = new Float64Array(2 * loValues.length);
  /** S(k, ρ) (normalisation left out, as it cancels) and ∂S/∂ρ. */
  const sums = (k: number, rho: number) => {
    // The terms once per distinct entry end: the same values as entry by entry.
    for (let v = 0; v < hiValues.length; v++) erlangTerms(k, rho, hiValues[v], tHi, 2 * v);
    for (let v = 0; v < loValues.length; v++)
      if (loValues[v] > 0) erlangTerms(k, rho, loValues[v], tLo, 2 * v);
    let S = 0;
    let S1 = 0;
    for (let x = 0; x < eng.excW.length; x++) {
      const w = eng.excW[x];
      const h = 2 * hiAt[x];
      S += w * tHi[h];
      S1 += w * tHi[h + 1];
      if (eng.excLo[x] > 0) {
        const l = 2 * loAt[x];
        S -= w * tLo[l];
        S1 -= w * tLo[l + 1];
      }
    }
    return { S, S1 };
  };
  const qOf = (k: number, rho: number, S: number) =>
    S > 0
      ? (k - 1) * A - rho * D + P * (k * Math.log(rho) - logGamma(k)) - P * Math.log(S)
      : Number.NEGATIVE_INFINITY;
  const k0 = Math.min(ERLANG_MAX_SHAPE, Math.max(1, Math.round(p.shape ?? 1)));
  const shapes: number[] = [];
  for (let k = 1; k <= ERLANG_MAX_SHAPE; k++) if (scan || Math.abs(k - k0) <= 1) shapes.push(k);
  let bestK = k0;
  let bestBeta = Math.min(eng.betaMax, Math.max(eng.betaMin, p.beta));
  let bestQ = qOf(k0, k0 * bestBeta, sums(k0, k0 * bestBeta).S);
  for (const k of shapes) {
    const rhoMin = k * eng.betaMin;
    const rhoMax = k * eng.betaMax;
    // Start at the current mean delay (1/β) for this shape.
    let rho = Math.min(rhoMax, Math.max(rhoMin, k * p.beta));
    let { S, S1 } = sums(k, rho);
    let q = qOf(k, rho, S);
    for (let it = 0; it < 40; it++) {
      // dq/dρ exactly; d²q/dρ² by its leading term −P·k/ρ² (backtracking keeps q rising).
      const d1 = (P * k) / rho - D - (P * S1) / S;
      let step = (d1 * rho * rho) / (P * k);
      step = Math.max(-rho / 2, Math.min(rho, step));
      let accepted = false;
      for (let h = 1; h > 1e-6; h /= 2) {
        const nr = Math.min(rhoMax, Math.max(rhoMin, rho + h * step));
        const ns = sums(k, nr);
        const nq = qOf(k, nr, ns.S);
        if (nq >= q) {
          accepted = Math.abs(nr - rho) > 1e-10 * rho;
          rho = nr;
          S = ns.S;
          S1 = ns.S1;
          q = nq;
          break;
        }
      }
      if (!accepted) break;
    }
    if (q > bestQ) {
      bestQ = q;
      bestK = k;
      bestBeta = rho / k;
    }
  }
  p.shape = bestK;
  p.beta = bestBeta;
  const S = gammaEntrySum(eng, bestK, bestBeta);
  p.alpha = S > 0 ? P / S : 0;
}

/**
 * Which excitations {@link runEm} found collapsing (falling for {@link COLLAPSE_ITERATIONS}
 * iterations with their offspring under {@link COLLAPSE_OFFSPRING}): `alpha` (along co-offending
 * ties) and `victimOffender` (α_vo, with victim–offender ties; always false without them).
 */
export interface CollapsingParts {
  alpha: boolean;
  victimOffender: boolean;
}

/** Trace and outcome of EM. */
export interface EmResult {
  params: InternalParams;
  iterations: number;
  converged: boolean;
  trace: number[];
  last: EStep;
  /**
   * The covariate whose coefficient EM found running off (see `runOffBound`), where it stopped;
   * -1 when none did (EM ran to convergence or `maxIterations`).
   */
  ranOff: number;
  /**
   * The covariates whose coefficients EM held where it found them running off (see
   * `holdBound`), in the order it did; empty when none did.
   */
  held: number[];
  /** Whether EM stopped because α collapsed (see `collapse` in {@link runEm}). */
  collapsed: boolean;
}

/**
 * Consecutive EM iterations in which a coefficient past its run-off bound grows in magnitude
 * while ℓ gains under {@link RUN_OFF_GAIN}·|ℓ| before EM stops and reports it run off.
 */
export const RUN_OFF_ITERATIONS = 20;
/** The relative log-likelihood gain per EM iteration under which a growing coefficient is run off. */
export const RUN_OFF_GAIN = 1e-4;
/**
 * Consecutive EM iterations in which α falls, its expected offspring staying under
 * {@link COLLAPSE_OFFSPRING} of the modelled events, before EM asks whether α has collapsed.
 */
export const COLLAPSE_ITERATIONS = 10;
/** The expected offspring total, as a share of the modelled events, under which α may have collapsed. */
export const COLLAPSE_OFFSPRING = 0.01;
/** The relative step in β per EM iteration under which β is settled, for a collapse of α. */
export const COLLAPSE_BETA_STEP = 0.01;

/**
 * Runs EM from `start` until the log-likelihood gains less than `tolerance`·|ℓ|. With
 * `runOffBound` (per covariate, on the fit's scale: |γ_r| past it is a run-off effect; Infinity
 * not to watch one) it stops early when a coefficient runs off: past its bound and growing in
 * magnitude for {@link RUN_OFF_ITERATIONS} consecutive iterations, each gaining under
 * {@link RUN_OFF_GAIN}·|ℓ| (EM creeping along a ridge to infinity: on a 300-person city over 4
 * years one coefficient took 1,000 iterations to climb from 10 to 20, each gaining 3e-5·|ℓ| at
 * most). With `holdBound` (the same form) a coefficient that runs off by that rule is held
 * where it is instead, and EM goes on with the others until the usual rule says they have
 * converged (a refit keeping a covariate its fit kept: before, EM chased it to `maxIterations`).
 * A run where no coefficient does either is the same, iteration for iteration.
 *
 * With `collapse` (the run with contagion of an exponential kernel) EM asks it, once α has
 * fallen for {@link COLLAPSE_ITERATIONS} iterations in a row with its expected offspring under
 * {@link COLLAPSE_OFFSPRING} of the modelled events and β moving under
 * {@link COLLAPSE_BETA_STEP} (relative) per iteration, whether α has collapsed (the caller's
 * answer: the α = 0 fit is at least as likely as where EM is, and ℓ falls as α leaves 0 there at
 * every delay), and stops there when it has (`collapsed`): EM creeps towards α = 0
 * geometrically (50–340 iterations in refits of a 3,000-person city where no contagion can be),
 * each iteration gaining little but not under the tolerance. With victim–offender ties α_vo is
 * watched by the same rule (its offspring along those ties), and `collapse` is told which of the
 * two are collapsing (`parts`). `collapse` never changes the parameters: a run it does not stop is the same,
 * iteration for iteration.
 */
export function runEm(
  eng: Engine,
  start: InternalParams,
  options: {
    tolerance: number;
    maxIterations: number;
    fixAlphaZero: boolean;
    runOffBound?: Float64Array;
    holdBound?: Float64Array;
    collapse?: (p: InternalParams, logLik: number, parts: CollapsingParts) => boolean;
  },
): EmResult {
  const p: InternalParams = {
    ...start,
    rates: start.rates.slice(),
    theta: start.theta.slice(),
    hw: start.hw ? start.hw.slice() : null,
  };
  const pBg = new Float64Array(eng.nEv);
  const trace: number[] = [];
  let last = eStep(eng, p, pBg);
  trace.push(last.logLik);
  let iterations = 0;
  let converged = false;
  const bound = options.runOffBound;
  const climbing = bound ? new Int32Array(bound.length) : null;
  const before = bound ? p.theta.slice() : null;
  let ranOff = -1;
  const holdAt = options.holdBound;
  const heldMask = holdAt ? new Uint8Array(holdAt.length) : undefined;
  const rising = holdAt ? new Int32Array(holdAt.length) : null;
  const prior = holdAt ? p.theta.slice() : null;
  const held: number[] = [];
  const collapse = options.fixAlphaZero ? undefined : options.collapse;
  const offspringLimit = COLLAPSE_OFFSPRING * (eng.nEv - eng.first);
  let falling = 0;
  let fallingVo = 0;
  let collapsed = false;
  while (iterations < options.maxIterations) {
    const alphaBefore = p.alpha;
    const voBefore = p.alphaVo;
    const betaBefore = p.beta;
    mStepBackground(eng, p, pBg, heldMask);
    if (options.fixAlphaZero) {
      // No contagion along any tie: α (and α_vo) held at 0.
      mStepExcitation(eng, p, 0, last.Pself, last.D);
      p.alpha = 0;
      p.alphaVo = 0;
    } else if (eng.hist && p.hw && last.Rbin) mStepHistogram(eng, p, last.Rbin);
    else if (eng.gamma?.integer && p.shape)
      mStepErlang(eng, p, last.P, last.D, last.A, iterations === 0);
    else if (eng.gamma && p.shape) mStepGamma(eng, p, last.P, last.D, last.A);
    else mStepExcitation(eng, p, last.P, last.Pself, last.D, last.Pvo);
    iterations++;
    const next = eStep(eng, p, pBg);
    trace.push(next.logLik);
    const gain = next.logLik - last.logLik;
    last = next;
    if (Math.abs(gain) <= options.tolerance * Math.max(1, Math.abs(next.logLik))) {
      converged = true;
      break;
    }
    if (bound && climbing && before) {
      const small = gain < RUN_OFF_GAIN * Math.max(1, Math.abs(next.logLik));
      for (let r = 0; r < bound.length; r++) {
        const th = Math.abs(p.theta[r]);
        climbing[r] = small && th > bound[r] && th > Math.abs(before[r]) ? climbing[r] + 1 : 0;
        before[r] = p.theta[r];
        if (climbing[r] >= RUN_OFF_ITERATIONS && ranOff < 0) ranOff = r;
      }
      if (ranOff >= 0) break;
    }
    if (holdAt && heldMask && rising && prior) {
      const small = gain < RUN_OFF_GAIN * Math.max(1, Math.abs(next.logLik));
      for (let r = 0; r < holdAt.length; r++) {
        if (heldMask[r]) continue;
        const th = Math.abs(p.theta[r]);
        rising[r] = small && th > holdAt[r] && th > Math.abs(prior[r]) ? rising[r] + 1 : 0;
        prior[r] = p.theta[r];
        if (rising[r] >= RUN_OFF_ITERATIONS) {
          heldMask[r] = 1;
          held.push(r);
        }
      }
    }
    if (collapse) {
      const settled = Math.abs(p.beta - betaBefore) <= COLLAPSE_BETA_STEP * betaBefore;
      falling = p.alpha < alphaBefore && settled && next.P < offspringLimit ? falling + 1 : 0;
      // With victim–offender ties, α_vo by the same rule (its offspring along those ties).
      if (eng.victimOffender)
        fallingVo =
          p.alphaVo < voBefore && settled && next.Pvo < offspringLimit ? fallingVo + 1 : 0;
      const parts = {
        alpha: falling >= COLLAPSE_ITERATIONS,
        victimOffender: fallingVo >= COLLAPSE_ITERATIONS,
      };
      if ((parts.alpha || parts.victimOffender) && collapse(p, next.logLik, parts)) {
        collapsed = true;
        break;
      }
    }
  }
  return { params: p, iterations, converged, trace, last, ranOff, held, collapsed };
}

/** Solves A x = b for a symmetric positive-definite A (n × n, row-major); null if not SPD. */
export function solveSpd(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix, or null. */
export function invertSpd(A: Float64Array, n: number): Float64Array | null {
  const inv = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const e = new Float64Array(n);
    e[c] = 1;
    const x = solveSpd(A, e, n);
    if (!x) return null;
    for (let r = 0; r < n; r++) inv[r * n + c] = x[r];
  }
  return inv;
}

/**
 * Observed information −∇²ℓ over the free coordinates of {@link toVector}'s layout, by central
 * differences of the analytic gradient.
 */
export function observedInformation(
  eng: Engine,
  v: Float64Array,
  free: readonly number[],
  hw: Float64Array | null = null,
  shape?: number,
): Float64Array {
  const f = free.length;
  const info = new Float64Array(f * f);
  for (let a = 0; a < f; a++) {
    const r = free[a];
    const h = 1e-5 * Math.max(1, Math.abs(v[r]));
    const up = v.slice();
    const dn = v.slice();
    up[r] += h;
    dn[r] -= h;
    const gu = logLikGradient(eng, up, hw, shape).grad;
    const gd = logLikGradient(eng, dn, hw, shape).grad;
    for (let b = 0; b < f; b++) info[b * f + a] = -(gu[free[b]] - gd[free[b]]) / (2 * h);
  }
  // Symmetrise the finite-difference estimate.
  for (let a = 0; a < f; a++)
    for (let b = 0; b < a; b++) {
      const m = (info[a * f + b] + info[b * f + a]) / 2;
      info[a * f + b] = m;
      info[b * f + a] = m;
    }
  return info;
}

/**
 * Newton (Levenberg-damped) polish of the exact log-likelihood over the free coordinates,
 * accepting only steps that raise ℓ. Returns the new parameters and whether it converged.
 */
export function newtonRefine(
  eng: Engine,
  start: InternalParams,
  free: readonly number[],
  tolerance: number,
  trace: number[],
): { params: InternalParams; iterations: number; converged: boolean } {
  let v = toVector(eng, start);
  const lb = layout(eng).beta;
  const hw = start.hw;
  const shape = start.shape;
  let { logLik, grad } = logLikGradient(eng, v, hw, shape);
  if (!Number.isFinite(logLik)) return { params: start, iterations: 0, converged: false };
  const f = free.length;
  let iterations = 0;
  let converged = false;
  let damping = 0;
  for (; iterations < 100; iterations++) {
    const info = observedInformation(eng, v, free, hw, shape);
    const g = new Float64Array(f);
    for (let a = 0; a < f; a++) g[a] = grad[free[a]];
    let step: Float64Array | null = null;
    for (let tries = 0; tries < 30 && !step; tries++) {
      const A = info.slice();
      for (let a = 0; a < f; a++)
        A[a * f + a] += damping * Math.max(1e-12, Math.abs(info[a * f + a]));
      step = solveSpd(A, g, f);
      if (!step) damping = damping === 0 ? 1e-6 : damping * 10;
    }
    if (!step) break;
    let predicted = 0;
    for (let a = 0; a < f; a++) predicted += step[a] * g[a];
    if (predicted <= tolerance * Math.max(1, Math.abs(logLik))) {
      converged = true;
      break;
    }
    let accepted = false;
    for (let t = 1; t > 1e-10; t /= 2) {
      const nv = v.slice();
      for (let a = 0; a < f; a++) nv[free[a]] += t * Math.max(-5, Math.min(5, step[a]));
      // β stays within the range the window identifies.
      nv[lb] = Math.min(Math.log(eng.betaMax), Math.max(Math.log(eng.betaMin), nv[lb]));
      const r = logLikGradient(eng, nv, hw, shape);
      if (r.logLik >= logLik) {
        accepted = true;
        const gain = r.logLik - logLik;
        v = nv;
        logLik = r.logLik;
        grad = r.grad;
        trace.push(logLik);
        if (gain <= tolerance * Math.max(1, Math.abs(logLik)) && t === 1) converged = true;
        break;
      }
    }
    if (!accepted) {
      converged = true; // no ascent direction left at machine precision
      break;
    }
    damping = damping / 10;
    if (converged) {
      iterations++;
      break;
    }
  }
  return { params: { ...fromVector(eng, v, hw), shape }, iterations, converged };
}
