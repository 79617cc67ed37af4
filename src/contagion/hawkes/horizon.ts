/**
 * The expected-intensity system of a fitted network Hawkes model over a horizon, with a
 * multiplier on each person's intensity (what reaching them with outreach does), and its adjoint:
 * for every person, how many events in the horizon fall on them and how many further events
 * their events would trigger through the network before the horizon ends. This is what outreach
 * planning optimises.
 *
 * Discretisation (steps of dt ≤ min(1 day, 0.02/β), so the error is below about 1%):
 *   rate_k^s = c_k·a_k^s·(b_k^s + y_k^s)        expected intensity in step s
 *   J        = dt·Σ_s Σ_k rate_k^s              expected events in the horizon
 *   y^{s+1}  = e^{−βdt}·y^s + (1 − e^{−βdt})·(α·Gᵀ·rate^s + α_vo·Vᵀ·rate^s + α_self·rate^s)/Z
 * where b is the background plus the first-generation excitation of events before the horizon, y
 * the excitation of events inside it, a the share of the step the person is in the risk set
 * (0 in custody or after death: nothing happens to them, and they pass nothing on; 1 for almost
 * everyone), G the tie strengths, V the victim–offender ties (with `victimOffenderTies`; formed
 * before `from`, as G's) and Z the kernel's normalisation. The
 * adjoint λ (∂J/∂y, with λ_k^s = e^{−βdt}·λ_k^{s+1} + c_k·a_k^s·w_k^s) runs backwards;
 * ∂J/∂c_k = Σ_s a_k^s·(b_k^s + y_k^s)·w_k^s with w = ∂J/∂rate, which splits exactly into the
 * person's own events (dt) and the events they trigger (w − dt).
 *
 * The Erlang kernel of whole shape κ (rate ρ = κβ) is a chain of κ exponential stages, each
 * passing what it holds to the next at rate ρ: y is the last stage, the input X/Z enters the
 * first, and each step moves the chain exactly for input held over the step,
 *   S_i^{s+1} = Σ_{j ≤ i} e^{−ρdt}(ρdt)^j/j!·S_{i−j}^s + P(i + 1, ρdt)·X^s/Z   (stages i = 0…κ−1),
 * with Z = P(κ, ρL); κ = 1 is the exponential system above. The adjoint runs the transposed chain.
 * @internal
 */
import { atRiskShare, countsBefore, nextAnniversary } from './background.js';
import { kernelDensity, kernelNorm, season } from './engine.js';
import { gammaP } from './kernel.js';
import {
  forEachFirstGeneration,
  forecastLevelScale,
  frailtyOf,
  type HawkesState,
  personFactor,
  trendRate,
} from './model.js';
import { tieG } from './prepare.js';

/** A model's expected-intensity system over [from, from + h). @internal */
export interface HorizonSystem {
  n: number;
  steps: number;
  dt: number;
  /** Base intensity b_k^s (background + first generation of earlier events), step-major. */
  base: Float64Array | Float32Array;
  /**
   * Excitation weights along each tie (k's list: excitation k receives from the neighbour): α·g/Z
   * for a co-offending tie, α_vo/Z for a victim–offender tie (with `victimOffenderTies`).
   */
  tieOffset: Int32Array;
  tieNeighbour: Int32Array;
  tieWeight: Float64Array;
  /** α_self/Z (0 without self-excitation). */
  self: number;
  decay: number;
  /** Stages of the kernel's chain: 1 for the exponential kernel, κ for the Erlang kernel. */
  shape: number;
  /** e^{−ρdt}(ρdt)^j/j! (j < κ): what each stage keeps and passes on over a step (Erlang only). */
  chainKeep: Float64Array;
  /** P(i + 1, ρdt) (i < κ): how much of a step's input stage i holds at its end (Erlang only). */
  chainIn: Float64Array;
  /**
   * Who is out of the risk set (custody, death, not yet entered) for some or all of a step: for
   * step s, `gatePerson[gateOffset[s] … gateOffset[s + 1])` (ascending) with the share of the step
   * they are at risk, which multiplies their intensity b + y there (nothing happens to them out
   * of the risk set, and they pass nothing on).
   */
  gateOffset: Int32Array;
  gatePerson: Int32Array;
  gateShare: Float64Array;
  /** Buffers shared by the passes over this system (not safe for concurrent passes). */
  work: HorizonWork | null;
}

/**
 * Builds the horizon system of the model state `s` over [from, from + h), in steps of at most
 * `maxStep` days (and 0.02/β). Events dated before `since` (a retention horizon) excite nobody
 * in it. @internal
 */
export function horizonSystem(
  s: HawkesState,
  from: number,
  h: number,
  maxStep = 1,
  since = Number.NEGATIVE_INFINITY,
): HorizonSystem {
  const d = s.data;
  const n = d.nPeople;
  const shape = s.shape ?? 1;
  if (s.hist || !Number.isInteger(shape) || shape < 1)
    throw new RangeError(
      'the horizon system needs the exponential or an Erlang (whole-shape gamma) delay kernel',
    );
  const excites = s.alpha > 0 || s.alphaSelf > 0 || s.alphaVo > 0;
  const stepMax = excites ? Math.min(maxStep, 0.02 / s.beta) : h;
  const steps = Math.max(1, Math.ceil(h / stepMax));
  const dt = h / steps;
  const rho = shape * s.beta;
  const Z = shape === 1 ? kernelNorm(s.beta, s.maxLag) : gammaP(shape, rho * s.maxLag);
  const decay = Math.exp(-s.beta * dt);
  const chainKeep = new Float64Array(shape);
  const chainIn = new Float64Array(shape);
  if (shape > 1) {
    const x = rho * dt;
    let term = Math.exp(-x);
    let below = 0;
    for (let j = 0; j < shape; j++) {
      if (j > 0) term *= x / j;
      chainKeep[j] = term;
      below += term;
      // P(j + 1, x) = 1 − e^{−x} Σ_{i ≤ j} x^i/i! (x is small: from the series when it cancels).
      chainIn[j] = x < 0.5 ? gammaP(j + 1, x) : 1 - below;
    }
  }
  const big = steps * n > 30_000_000;
  const base = big ? new Float32Array(steps * n) : new Float64Array(steps * n);

  // Background: the person's factor at `from` (records before it), the common trend × season.
  const common = new Float64Array(steps);
  const level = forecastLevelScale(s, from);
  for (let st = 0; st < steps; st++) {
    const t = from + (st + 0.5) * dt;
    common[st] = trendRate(s, t) * season(s.b1, s.b2, t) * level;
  }
  const ex = s.bg.exitOffset;
  // Out of the risk set for part or all of a step (see HorizonSystem's gate): the share of each
  // such step a person is at risk, step by step (people ascending within a step).
  const gated: number[] = [];
  for (let k = 0; k < n; k++) if (ex[k + 1] > ex[k] || s.bg.entry[k] > from) gated.push(k);
  const gateOffset = new Int32Array(steps + 1);
  const gatePersonList: number[] = [];
  const gateShareList: number[] = [];
  for (let st = 0; st < steps; st++) {
    for (const k of gated) {
      const share = atRiskShare(s.bg, k, from + st * dt, from + (st + 1) * dt);
      if (share < 1) {
        gatePersonList.push(k);
        gateShareList.push(share);
      }
    }
    gateOffset[st + 1] = gatePersonList.length;
  }
  // The counts are held at `from` (records after it are unknown), but the years since the first
  // record step up at each anniversary inside the horizon, as in the model's risk
  // (backgroundIntegral): each step takes the factor at its midpoint. Before, the factor at
  // `from` was held over the whole horizon, so own_risk was up to 15% off the model's risk.
  const anniversaries = s.bg.own[3] === true;
  for (let k = 0; k < n; k++) {
    if (!(s.bg.entry[k] <= from + h)) continue;
    const c = countsBefore(d, k, from, false, s.bg.recordDays, s.bg.group, s.bg.co);
    const frailty = frailtyOf(s, k);
    let f = personFactor(s, k, c, from) * frailty;
    let next = anniversaries ? nextAnniversary(c.first, from) : Number.POSITIVE_INFINITY;
    for (let st = 0; st < steps; st++) {
      const t = from + (st + 0.5) * dt;
      if (t >= next) {
        f = personFactor(s, k, c, t) * frailty;
        next = nextAnniversary(c.first, t);
      }
      if (f > 0) base[st * n + k] = f * common[st];
    }
  }
  // First generation of events dated before `from`: α·g·β·e^{−β(t−t_j)}/Z while within the lag cap.
  if (excites) {
    const addFirst = (k: number, tj: number, w: number) => {
      for (let st = 0; st < steps; st++) {
        const delta = from + (st + 0.5) * dt - tj;
        if (delta > s.maxLag) break;
        base[st * n + k] +=
          shape === 1 ? (w * s.beta * Math.exp(-s.beta * delta)) / Z : w * kernelDensity(s, delta);
      }
    };
    for (let k = 0; k < n; k++)
      forEachFirstGeneration(s, k, from, Math.max(from - s.maxLag, since), (j, w) => {
        addFirst(k, d.evDay[j], w);
      });
  }
  // Ties formed before `from`, weighted as of `from`; only ties that carry excitation are kept, so
  // the passes below loop over live ties without testing each weight. With victimOffenderTies,
  // each person's victim–offender ties formed before `from` follow their co-offending ones, α_vo
  // each (ties an event inside the horizon would form are not anticipated, as in model.risk).
  const tieOffset = new Int32Array(n + 1);
  let live = 0;
  const weights: number[] = [];
  const neighbours: number[] = [];
  const vin = s.alphaVo > 0 ? d.voIn : null;
  if (s.alpha > 0 || vin)
    for (let k = 0; k < n; k++) {
      if (s.alpha > 0)
        for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) {
          const w = (s.alpha * tieG(d, s.g, e, from)) / Z;
          if (w > 0) {
            weights.push(w);
            neighbours.push(d.tieNeighbour[e]);
            live++;
          }
        }
      if (vin)
        for (let e = vin.offset[k]; e < vin.offset[k + 1]; e++) {
          if (!(vin.start[e] < from)) continue;
          weights.push(s.alphaVo / Z);
          neighbours.push(vin.other[e]);
          live++;
        }
      tieOffset[k + 1] = live;
    }
  return {
    n,
    steps,
    dt,
    base,
    tieOffset,
    tieNeighbour: Int32Array.from(neighbours),
    tieWeight: Float64Array.from(weights),
    self: s.alphaSelf / Z,
    decay,
    shape,
    chainKeep,
    chainIn,
    gateOffset,
    gatePerson: Int32Array.from(gatePersonList),
    gateShare: Float64Array.from(gateShareList),
    work: null,
  };
}

/** Buffers reused by every pass over one system (the adjoint keeps b + y of every step). */
interface HorizonWork {
  by: Float32Array | null;
  y: Float64Array;
  rate: Float64Array;
  lambda: Float64Array;
  spread: Float64Array;
}

function workspace(sys: HorizonSystem, adjoint: boolean): HorizonWork {
  const n = sys.n;
  if (!sys.work)
    sys.work = {
      by: null,
      y: new Float64Array(n),
      rate: new Float64Array(n),
      lambda: new Float64Array(n),
      spread: new Float64Array(n),
    };
  const w = sys.work;
  // Single precision is ample for b + y (the sums over steps are kept in double).
  if (adjoint && !w.by) w.by = new Float32Array(sys.base.length);
  w.y.fill(0);
  w.lambda.fill(0);
  return w;
}

/** Expected events of each person in the horizon under multipliers `c` (their sum is J). @internal */
export function horizonEvents(sys: HorizonSystem, c: Float64Array): Float64Array {
  return horizonPass(sys, c, false).events;
}

/** What {@link horizonGradient} returns. @internal */
export interface HorizonGradient {
  /** Expected events of each person in the horizon, at multiplier 1 (their own events per unit c). */
  own: Float64Array;
  /** Events each person's own events would trigger in the horizon, per unit c (later generations included). */
  onward: Float64Array;
  /** Expected events of each person under `c`. */
  events: Float64Array;
  /** J = Σ events. */
  total: number;
}

/**
 * Expected events under `c`, and the exact derivative of J with respect to each c_k split into
 * `own + onward` (reaching k with effect ε averts about ε·(own_k + onward_k)). @internal
 */
export function horizonGradient(sys: HorizonSystem, c: Float64Array): HorizonGradient {
  return horizonPass(sys, c, true) as HorizonGradient;
}

function horizonPass(
  sys: HorizonSystem,
  c: Float64Array,
  adjoint: boolean,
): { events: Float64Array; total: number; own?: Float64Array; onward?: Float64Array } {
  if (sys.shape > 1) return chainPass(sys, c, adjoint);
  const { n, steps, dt, base, tieOffset, tieNeighbour, tieWeight, self, decay } = sys;
  const excites = self > 0 || tieWeight.length > 0;
  const events = new Float64Array(n);
  const work = workspace(sys, adjoint);
  // Forward: keep b + y of every step for the adjoint pass.
  const by = adjoint ? work.by : null;
  const { y, rate } = work;
  const keep = 1 - decay;
  let total = 0;
  const { gateOffset, gatePerson, gateShare } = sys;
  for (let st = 0; st < steps; st++) {
    const off = st * n;
    let g = gateOffset[st];
    const gEnd = gateOffset[st + 1];
    let gk = g < gEnd ? gatePerson[g] : -1;
    for (let k = 0; k < n; k++) {
      let v = base[off + k] + y[k];
      if (k === gk) {
        v *= gateShare[g++];
        gk = g < gEnd ? gatePerson[g] : -1;
      }
      if (by) by[off + k] = v;
      const r = c[k] * v;
      rate[k] = r;
      events[k] += r * dt;
    }
    if (!excites) continue;
    for (let k = 0; k < n; k++) {
      let x = self * rate[k];
      for (let e = tieOffset[k], end = tieOffset[k + 1]; e < end; e++)
        x += tieWeight[e] * rate[tieNeighbour[e]];
      y[k] = decay * y[k] + keep * x;
    }
  }
  for (let k = 0; k < n; k++) total += events[k];
  if (!by) return { events, total };

  // Backward: λ^s = ∂J/∂y^s; w^s = ∂J/∂rate^s = dt + (1 − decay)·(G·λ^{s+1} + self·λ^{s+1}).
  const own = new Float64Array(n);
  const onward = new Float64Array(n);
  const { lambda, spread } = work;
  for (let st = steps - 1; st >= 0; st--) {
    const off = st * n;
    if (excites) {
      // spread_q = Σ_k w_e(k←q)·λ_k: what one more unit of q's rate adds to later excitation.
      spread.fill(0);
      for (let k = 0; k < n; k++) {
        const l = lambda[k];
        if (l === 0) continue;
        for (let e = tieOffset[k], end = tieOffset[k + 1]; e < end; e++)
          spread[tieNeighbour[e]] += tieWeight[e] * l;
      }
    }
    let g = gateOffset[st];
    const gEnd = gateOffset[st + 1];
    let gk = g < gEnd ? gatePerson[g] : -1;
    for (let k = 0; k < n; k++) {
      const later = excites ? keep * (spread[k] + self * lambda[k]) : 0;
      const v = by[off + k];
      own[k] += v * dt;
      onward[k] += v * later;
      // ∂rate/∂y = c·(the share of the step at risk).
      let ck = c[k];
      if (k === gk) {
        ck *= gateShare[g++];
        gk = g < gEnd ? gatePerson[g] : -1;
      }
      lambda[k] = decay * lambda[k] + ck * (dt + later);
    }
  }
  return { events, total, own, onward };
}

/** {@link horizonPass} for the Erlang kernel: the κ-stage chain forward, its transpose backward. */
function chainPass(
  sys: HorizonSystem,
  c: Float64Array,
  adjoint: boolean,
): { events: Float64Array; total: number; own?: Float64Array; onward?: Float64Array } {
  const { n, steps, dt, base, tieOffset, tieNeighbour, tieWeight, self, shape: K } = sys;
  const { chainKeep: M, chainIn: pin } = sys;
  const excites = self > 0 || tieWeight.length > 0;
  const events = new Float64Array(n);
  const work = workspace(sys, adjoint);
  const by = adjoint ? work.by : null;
  const { rate } = work;
  // Stage contents, person-major (person k's stages at k·K … k·K + K − 1; y_k is the last).
  const S = new Float64Array(n * K);
  let total = 0;
  const { gateOffset, gatePerson, gateShare } = sys;
  for (let st = 0; st < steps; st++) {
    const off = st * n;
    let g = gateOffset[st];
    const gEnd = gateOffset[st + 1];
    let gk = g < gEnd ? gatePerson[g] : -1;
    for (let k = 0; k < n; k++) {
      let v = base[off + k] + S[k * K + K - 1];
      if (k === gk) {
        v *= gateShare[g++];
        gk = g < gEnd ? gatePerson[g] : -1;
      }
      if (by) by[off + k] = v;
      const r = c[k] * v;
      rate[k] = r;
      events[k] += r * dt;
    }
    if (!excites) continue;
    for (let k = 0; k < n; k++) {
      let x = self * rate[k];
      for (let e = tieOffset[k], end = tieOffset[k + 1]; e < end; e++)
        x += tieWeight[e] * rate[tieNeighbour[e]];
      // Last stage first, so each update reads the earlier stages' old contents.
      const o = k * K;
      for (let i = K - 1; i >= 0; i--) {
        let v = pin[i] * x;
        for (let j = 0; j <= i; j++) v += M[j] * S[o + i - j];
        S[o + i] = v;
      }
    }
  }
  for (let k = 0; k < n; k++) total += events[k];
  if (!by) return { events, total };

  // Backward: Λ_i = ∂J/∂S_i; μ = Σ_i P(i + 1, ρdt)·Λ_i = ∂J/∂X; w = ∂J/∂rate = dt + spread + self·μ.
  const own = new Float64Array(n);
  const onward = new Float64Array(n);
  const { spread } = work;
  const L = new Float64Array(n * K);
  const mu = new Float64Array(n);
  for (let st = steps - 1; st >= 0; st--) {
    const off = st * n;
    if (excites) {
      for (let k = 0; k < n; k++) {
        let m = 0;
        for (let i = 0; i < K; i++) m += pin[i] * L[k * K + i];
        mu[k] = m;
      }
      spread.fill(0);
      for (let k = 0; k < n; k++) {
        const m = mu[k];
        if (m === 0) continue;
        for (let e = tieOffset[k], end = tieOffset[k + 1]; e < end; e++)
          spread[tieNeighbour[e]] += tieWeight[e] * m;
      }
    }
    let g = gateOffset[st];
    const gEnd = gateOffset[st + 1];
    let gk = g < gEnd ? gatePerson[g] : -1;
    for (let k = 0; k < n; k++) {
      const later = excites ? spread[k] + self * mu[k] : 0;
      const v = by[off + k];
      let ck = c[k];
      if (k === gk) {
        ck *= gateShare[g++];
        gk = g < gEnd ? gatePerson[g] : -1;
      }
      own[k] += v * dt;
      onward[k] += v * later;
      // Transposed chain: first stage first, so each update reads the later stages' old values.
      const o = k * K;
      for (let i = 0; i < K; i++) {
        let v2 = 0;
        for (let j = 0; i + j < K; j++) v2 += M[j] * L[o + i + j];
        L[o + i] = v2;
      }
      L[o + K - 1] += ck * (dt + later);
    }
  }
  return { events, total, own, onward };
}
