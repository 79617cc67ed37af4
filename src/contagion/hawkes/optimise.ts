import {
  compensatorSum,
  type Engine,
  type EStep,
  eStep,
  fromVector,
  type InternalParams,
  logLikGradient,
  personFactors,
  toVector,
} from './engine.js';

/** Largest seasonal amplitude the fit may reach (s(t) stays positive). */
const MAX_AMPLITUDE = 0.99;

/**
 * The M-step for the background: μ₀ in closed form, then (when fitted) a Newton step for the
 * season (b1, b2) and one for the covariate coefficients θ, each accepted only if it raises the
 * expected complete-data log-likelihood, so EM stays monotone.
 */
export function mStepBackground(eng: Engine, p: InternalParams, pBg: Float64Array, B: number) {
  const rounds = eng.evSin || eng.d > 0 ? 4 : 1;
  for (let round = 0; round < rounds; round++) {
    const { C } = personFactors(eng, p.theta);
    const Es = eng.E0 + p.b1 * eng.Is + p.b2 * eng.Ic;
    p.mu = B / (C * Es);
    if (eng.evSin) seasonStep(eng, p, pBg, C);
    if (eng.d > 0) covariateStep(eng, p, pBg);
  }
}

function seasonQ(eng: Engine, pBg: Float64Array, mu: number, C: number, b1: number, b2: number) {
  if (Math.hypot(b1, b2) > MAX_AMPLITUDE) return Number.NEGATIVE_INFINITY;
  const sn = eng.evSin!;
  const cs = eng.evCos!;
  let q = 0;
  for (let i = 0; i < eng.nEv; i++) {
    const w = pBg[i];
    if (w > 0) q += w * Math.log(1 + b1 * sn[i] + b2 * cs[i]);
  }
  return q - mu * C * (b1 * eng.Is + b2 * eng.Ic);
}

function seasonStep(eng: Engine, p: InternalParams, pBg: Float64Array, C: number) {
  const sn = eng.evSin!;
  const cs = eng.evCos!;
  let g1 = -p.mu * C * eng.Is;
  let g2 = -p.mu * C * eng.Ic;
  let h11 = 0;
  let h12 = 0;
  let h22 = 0;
  for (let i = 0; i < eng.nEv; i++) {
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
  const q0 = seasonQ(eng, pBg, p.mu, C, p.b1, p.b2);
  for (let t = 1; t > 1e-6; t /= 2) {
    const n1 = p.b1 + t * d1;
    const n2 = p.b2 + t * d2;
    if (seasonQ(eng, pBg, p.mu, C, n1, n2) >= q0) {
      p.b1 = n1;
      p.b2 = n2;
      return;
    }
  }
}

function covariateQ(eng: Engine, pBg: Float64Array, mu: number, Es: number, theta: Float64Array) {
  const d = eng.d;
  const X = eng.X!;
  const ev = eng.data.evPerson;
  let q = 0;
  for (let i = 0; i < eng.nEv; i++) {
    const k = ev[i];
    let z = 0;
    for (let r = 0; r < d; r++) z += theta[r] * X[k * d + r];
    q += pBg[i] * z;
  }
  return q - mu * Es * personFactors(eng, theta).C;
}

function covariateStep(eng: Engine, p: InternalParams, pBg: Float64Array) {
  const d = eng.d;
  const X = eng.X!;
  const n = eng.data.nPeople;
  const ev = eng.data.evPerson;
  const Es = eng.E0 + p.b1 * eng.Is + p.b2 * eng.Ic;
  const { c } = personFactors(eng, p.theta);
  const g = new Float64Array(d);
  const H = new Float64Array(d * d);
  for (let i = 0; i < eng.nEv; i++) {
    const k = ev[i];
    for (let r = 0; r < d; r++) g[r] += pBg[i] * X[k * d + r];
  }
  for (let k = 0; k < n; k++) {
    const w = p.mu * Es * c![k];
    for (let r = 0; r < d; r++) {
      const xr = X[k * d + r];
      g[r] -= w * xr;
      for (let s = 0; s <= r; s++) H[r * d + s] += w * xr * X[k * d + s];
    }
  }
  for (let r = 0; r < d; r++) for (let s = 0; s < r; s++) H[s * d + r] = H[r * d + s];
  const step = solveSpd(H, g, d); // (−Hessian) step = gradient
  if (!step) return;
  const q0 = covariateQ(eng, pBg, p.mu, Es, p.theta);
  for (let t = 1; t > 1e-6; t /= 2) {
    const th = p.theta.slice();
    for (let r = 0; r < d; r++) th[r] += t * step[r];
    if (covariateQ(eng, pBg, p.mu, Es, th) >= q0) {
      p.theta = th;
      return;
    }
  }
}

/**
 * The M-step for the excitation: β maximises the profiled expected complete-data log-likelihood
 * P·ln β − β·D − P·ln S₀(β) (S₀ = Σ_j W_j (1 − e^(−β m_j)) corrects for kernel mass falling
 * outside the window) by safeguarded Newton, then α = P / S₀(β) in closed form.
 */
export function mStepExcitation(eng: Engine, p: InternalParams, P: number, D: number) {
  if (!(P > 0) || eng.excW.length === 0) {
    p.alpha = 0;
    return;
  }
  const { excW, excM } = eng;
  const h = (beta: number) => {
    let S0 = 0;
    for (let x = 0; x < excW.length; x++) S0 += excW[x] * -Math.expm1(-beta * excM[x]);
    return P * Math.log(beta) - beta * D - P * Math.log(S0);
  };
  let beta = p.beta > 0 && Number.isFinite(p.beta) ? p.beta : P / D;
  let hb = h(beta);
  for (let it = 0; it < 50; it++) {
    let S0 = 0;
    let S1 = 0;
    let S2 = 0;
    for (let x = 0; x < excW.length; x++) {
      const m = excM[x];
      const e = Math.exp(-beta * m);
      S0 += excW[x] * (1 - e);
      S1 += excW[x] * m * e;
      S2 -= excW[x] * m * m * e;
    }
    const d1 = P / beta - D - (P * S1) / S0;
    const d2 = -P / (beta * beta) - (P * (S2 * S0 - S1 * S1)) / (S0 * S0);
    let step = d2 < 0 ? -d1 / d2 : d1 > 0 ? beta : -beta / 2;
    // Stay positive: never move below half or above double the current β in one step.
    step = Math.max(-beta / 2, Math.min(beta, step));
    let t = 1;
    let accepted = false;
    while (t > 1e-8) {
      const nb = beta + t * step;
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
  p.alpha = P / compensatorSum(eng, beta);
}

/** Trace and outcome of EM. */
export interface EmResult {
  params: InternalParams;
  iterations: number;
  converged: boolean;
  trace: number[];
  last: EStep;
}

/** Runs EM from `start` until the log-likelihood gains less than `tolerance`·|ℓ|. */
export function runEm(
  eng: Engine,
  start: InternalParams,
  options: { tolerance: number; maxIterations: number; fixAlphaZero: boolean },
): EmResult {
  const p: InternalParams = { ...start, theta: start.theta.slice() };
  const pBg = new Float64Array(eng.nEv);
  const trace: number[] = [];
  let last = eStep(eng, p, pBg);
  trace.push(last.logLik);
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    const B = eng.nEv - last.P;
    mStepBackground(eng, p, pBg, B);
    if (options.fixAlphaZero) p.alpha = 0;
    else mStepExcitation(eng, p, last.P, last.D);
    iterations++;
    const next = eStep(eng, p, pBg);
    trace.push(next.logLik);
    const gain = next.logLik - last.logLik;
    last = next;
    if (Math.abs(gain) <= options.tolerance * Math.max(1, Math.abs(next.logLik))) {
      converged = true;
      break;
    }
  }
  return { params: p, iterations, converged, trace, last };
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
    const gu = logLikGradient(eng, up).grad;
    const gd = logLikGradient(eng, dn).grad;
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
  let { logLik, grad } = logLikGradient(eng, v);
  if (!Number.isFinite(logLik)) return { params: start, iterations: 0, converged: false };
  const f = free.length;
  let iterations = 0;
  let converged = false;
  let damping = 0;
  for (; iterations < 100; iterations++) {
    const info = observedInformation(eng, v, free);
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
      const r = logLikGradient(eng, nv);
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
  return { params: fromVector(eng, v), iterations, converged };
}
