import { table as arqueroTable } from 'arquero';
import type { DatasetIndex } from '../../core/dataset-index.js';
import { assertNoProtected } from '../../core/protected.js';
import type { DateLike } from '../../core/time.js';
import { dayToIso } from '../../core/time.js';
import type { Dataset } from '../../core/types.js';
import {
  buildEngine,
  type Engine,
  eStep,
  type InternalParams,
  logLikelihood,
  personFactors,
  toVector,
} from './engine.js';
import {
  type HawkesState,
  intensityDecomposed,
  isoOrEmpty,
  type NetworkHawkesModel,
  type NetworkHawkesStandardErrors,
  risk,
} from './model.js';
import { invertSpd, newtonRefine, observedInformation, runEm } from './optimise.js';
import { prepareHawkesData, tieWeightFunction } from './prepare.js';
import type { CovariateRows, NetworkHawkesOptions, NetworkHawkesParameters } from './types.js';

const DEFAULTS = {
  minSeverity: 3,
  roles: ['victim'] as const,
  maxLagDays: 730,
  tieWeight: 'unweighted' as const,
  seasonal: false,
  tolerance: 1e-9,
  maxIterations: 1000,
  refine: true,
  standardErrors: true,
  topParents: 3,
};

/**
 * Fits the network Hawkes model of Green, Horel & Papachristos (2017) by maximum likelihood:
 * each person is one dimension of a multivariate Hawkes process on the co-offending network, and
 * an event (a serious-violence victimisation) of a person raises the rate of each co-offending
 * associate by α·g·β·e^(−βΔt):
 *
 *   λ_k(t) = μ₀·s(t)·c_k + Σ_{j ∈ N(k; t_j), t_j < t, t − t_j ≤ L} α·g(w_jk)·β·e^(−β(t − t_j))
 *
 * with s(t) = 1 + a·sin(2πt/365.25 + φ) (when `seasonal`), c_k = exp(θ·x_k) (when `covariates`),
 * N(k; t_j) the people who shared an offender incident with k strictly before t_j, and L =
 * `maxLagDays`. No self-excitation. EM over the latent branching structure, restricted to
 * network edges (each iteration costs O(candidate pairs)), then a Newton polish on the exact
 * log-likelihood; standard errors from the observed information.
 *
 * @example
 * const model = fitNetworkHawkes(data, { asOf: '2024-01-01' });
 * model.parameters;        // { mu, alpha, beta, seasonalAmplitude, seasonalPhase, covariates }
 * model.contagionShare;    // share of events attributed to contagion
 * model.risk(['P-1'], { from: '2024-01-01', horizonDays: 90 });
 */
export function fitNetworkHawkes(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions = {},
): NetworkHawkesModel {
  return fitDetailed(data, options);
}

/**
 * The same fit; the returned model's `diagnostics` carry the per-iteration log-likelihood.
 * Kept as a `detailed` variant for the house call shape.
 */
fitNetworkHawkes.detailed = (
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions = {},
): NetworkHawkesModel => fitDetailed(data, options);

function fitDetailed(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
): NetworkHawkesModel {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let tick = t0;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - tick;
    tick = now;
  };
  const o = { ...DEFAULTS, ...stripUndefined(options) };
  if (!(o.maxLagDays > 0)) throw new RangeError('maxLagDays must be a positive number of days');
  if (!(o.tolerance > 0)) throw new RangeError('tolerance must be positive');
  if (!(o.maxIterations >= 0)) throw new RangeError('maxIterations must be ≥ 0');
  const hd = prepareHawkesData(data, o);
  lap('prepare');
  if (!(hd.end > hd.start)) throw new RangeError('the observation window is empty');
  const g = tieWeightFunction(o.tieWeight);

  const { X, names } = covariateMatrix(hd.index, options.covariates, options.covariateColumns);
  const eng = buildEngine(hd, {
    maxLag: o.maxLagDays,
    g,
    seasonal: o.seasonal,
    X,
    covariateNames: names,
  });
  const nEv = eng.nEv;
  lap('candidates');

  const start = startValues(eng, options.start);
  const noNetwork = eng.candParent.length === 0 || eng.excW.length === 0;
  const nv = toVector(eng, start).length;
  const run = (from: InternalParams, fixAlphaZero: boolean) => {
    const p0 = { ...from, theta: from.theta.slice() };
    if (fixAlphaZero) p0.alpha = 0;
    const em = runEm(eng, p0, {
      tolerance: o.tolerance,
      maxIterations: o.maxIterations,
      fixAlphaZero,
    });
    let params = em.params;
    let converged = em.converged;
    let newtonIterations = 0;
    const trace = em.trace.slice();
    const free: number[] = [0];
    if (!fixAlphaZero && params.alpha > 1e-12) free.push(1, 2);
    for (let r = 3; r < nv; r++) free.push(r);
    if (o.refine && o.maxIterations > 0 && nEv > 0) {
      const nr = newtonRefine(eng, params, free, o.tolerance, trace);
      params = nr.params;
      newtonIterations = nr.iterations;
      converged = nr.converged;
    }
    const logLik = logLikelihood(eng, params);
    return { params, em, converged, newtonIterations, trace, free, logLik };
  };
  let best = run(start, noNetwork && o.maxIterations > 0);
  // The no-contagion boundary (α = 0) is checked explicitly: with little or no contagion the
  // likelihood can have a degenerate ridge (β → 0, α·β fixed) that EM may follow instead.
  let boundary = noNetwork;
  if (!noNetwork && o.maxIterations > 0 && nEv > 0) {
    const bg = run(start, true);
    if (bg.logLik > best.logLik) {
      best = { ...bg, params: { ...bg.params, beta: best.params.beta } };
      boundary = true;
    }
  }
  lap('fit');
  const { params, em, converged, newtonIterations, trace, free } = best;

  // Final E-step at the fitted parameters: responsibilities and the exact log-likelihood.
  const pBg = new Float64Array(nEv);
  const final = eStep(eng, params, pBg);
  const logLik = final.logLik;

  const { information, se } = standardErrors(eng, params, free, o.standardErrors && nEv > 0);
  lap('standardErrors');
  const nParams = 1 + (noNetwork ? 0 : 2) + (o.seasonal ? 2 : 0) + eng.d;
  const aic = 2 * nParams - 2 * logLik;

  const attribution = attribute(eng, params, pBg, o.topParents);
  lap('attribution');
  const { c } = personFactors(eng, params.theta);
  const state: HawkesState = {
    data: hd,
    maxLag: o.maxLagDays,
    g,
    mu: params.mu,
    alpha: params.alpha,
    beta: params.beta,
    b1: params.b1,
    b2: params.b2,
    c,
  };
  const parameters = publicParameters(eng, params);
  const freeNames = free.map((r) => vectorNames(eng)[r]);
  const model: NetworkHawkesModel = {
    name: 'network-hawkes',
    parameters,
    standardErrors: se,
    logLikelihood: logLik,
    aic,
    iterations: em.iterations,
    converged,
    events: attribution.events,
    contagionShare: nEv > 0 ? final.P / nEv : 0,
    delays: attribution.delays,
    cascades: attribution.cascades,
    diagnostics: {
      logLikelihoodTrace: trace,
      emIterations: em.iterations,
      newtonIterations,
      candidatePairs: eng.candParent.length,
      alphaAtBoundary: boundary,
      events: nEv,
      people: hd.nPeople,
      ties: hd.tieNeighbour.length / 2,
      since: isoOrEmpty(hd.start),
      asOf: isoOrEmpty(hd.end),
      days: hd.end - hd.start,
      information,
      informationParameters: freeNames,
      elapsedMs: performance.now() - t0,
      timings,
    },
    state,
    intensity: (person: string, t: DateLike) => intensityDecomposed(state, person, t).total,
    intensityDecomposed: (person: string, t: DateLike) => intensityDecomposed(state, person, t),
    risk: (people, opts) => risk(state, people, opts),
  };
  return model;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function vectorNames(eng: Engine): string[] {
  const names = ['ln mu', 'ln alpha', 'ln beta'];
  if (eng.evSin) names.push('b1 (sin)', 'b2 (cos)');
  for (const n of eng.covariateNames) names.push(`theta ${n}`);
  return names;
}

/** Reads covariate rows into a centred n × d matrix; refuses protected and audit-only names. */
function covariateMatrix(
  index: DatasetIndex,
  rows: CovariateRows | undefined,
  columns: readonly string[] | undefined,
): { X: Float64Array | null; names: string[] } {
  if (!rows && !columns) return { X: null, names: [] };
  // Without rows, the named columns come from the people table (`birth_year` or `attributes`).
  const list: Record<string, unknown>[] = !rows
    ? index.data.people.map((p) => ({
        ...p.attributes,
        birth_year: p.birth_year,
        person_id: p.person_id,
      }))
    : 'objects' in rows && typeof rows.objects === 'function'
      ? rows.objects()
      : (rows as Record<string, unknown>[]);
  const names = columns
    ? [...columns]
    : [...new Set(list.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'person_id');
  assertNoProtected(names, 'a network Hawkes covariate', index.data.auditColumns);
  const d = names.length;
  if (d === 0) return { X: null, names: [] };
  const n = index.personIds.length;
  const X = new Float64Array(n * d).fill(Number.NaN);
  const seen = new Uint8Array(n);
  const sum = new Float64Array(d);
  const count = new Float64Array(d);
  for (const r of list) {
    const k = index.personIndex.get(String(r.person_id));
    if (k === undefined || seen[k]) continue;
    seen[k] = 1;
    for (let a = 0; a < d; a++) {
      const raw = r[names[a]];
      if (raw === undefined || raw === null || raw === '') continue;
      const v = Number(raw);
      if (!Number.isFinite(v))
        throw new RangeError(
          `covariate '${names[a]}' of person '${String(r.person_id)}' is not a number: '${String(raw)}'`,
        );
      X[k * d + a] = v;
      sum[a] += v;
      count[a]++;
    }
  }
  // Missing values (no row, or an empty cell) get the mean, so centring leaves them at 0.
  for (let a = 0; a < d; a++) sum[a] = count[a] > 0 ? sum[a] / count[a] : 0;
  for (let i = 0; i < n * d; i++) X[i] = Number.isNaN(X[i]) ? 0 : X[i] - sum[i % d];
  return { X, names };
}

function startValues(
  eng: Engine,
  given: Partial<NetworkHawkesParameters> | undefined,
): InternalParams {
  const nEv = eng.nEv;
  const n = eng.data.nPeople;
  let meanDelta = 0;
  for (let x = 0; x < eng.candDelta.length; x++) meanDelta += eng.candDelta[x];
  meanDelta = eng.candDelta.length > 0 ? meanDelta / eng.candDelta.length : 100;
  const beta = given?.beta ?? 1 / Math.max(1, meanDelta / 2);
  const theta = new Float64Array(eng.d);
  if (given?.covariates)
    eng.covariateNames.forEach((nm, r) => {
      theta[r] = given.covariates![nm] ?? 0;
    });
  const a = given?.seasonalAmplitude ?? 0;
  const phi = given?.seasonalPhase ?? 0;
  const p: InternalParams = {
    mu: given?.mu ?? Math.max(1e-12, (0.5 * Math.max(1, nEv)) / (n * eng.E0)),
    alpha: 0,
    beta,
    b1: eng.evSin ? a * Math.cos(phi) : 0,
    b2: eng.evSin ? a * Math.sin(phi) : 0,
    theta,
  };
  if (given?.alpha !== undefined) p.alpha = given.alpha;
  else {
    let S0 = 0;
    for (let x = 0; x < eng.excW.length; x++) S0 += eng.excW[x] * -Math.expm1(-beta * eng.excM[x]);
    p.alpha = S0 > 0 ? (0.5 * Math.max(1, nEv)) / S0 : 0;
  }
  return p;
}

function publicParameters(eng: Engine, p: InternalParams): NetworkHawkesParameters {
  const covariates: Record<string, number> = {};
  eng.covariateNames.forEach((nm, r) => {
    covariates[nm] = p.theta[r];
  });
  const a = Math.hypot(p.b1, p.b2);
  return {
    mu: p.mu,
    alpha: p.alpha,
    beta: p.beta,
    seasonalAmplitude: a,
    seasonalPhase: a > 0 ? Math.atan2(p.b2, p.b1) : 0,
    covariates,
  };
}

function standardErrors(
  eng: Engine,
  p: InternalParams,
  free: number[],
  wanted: boolean,
): { information: number[][]; se: NetworkHawkesStandardErrors } {
  const se: NetworkHawkesStandardErrors = {
    mu: Number.NaN,
    alpha: Number.NaN,
    beta: Number.NaN,
    seasonalAmplitude: Number.NaN,
    seasonalPhase: Number.NaN,
    covariates: Object.fromEntries(eng.covariateNames.map((n) => [n, Number.NaN])),
  };
  if (!wanted) return { information: [], se };
  const v = toVector(eng, p);
  const f = free.length;
  const info = observedInformation(eng, v, free);
  const information: number[][] = [];
  for (let a = 0; a < f; a++) information.push(Array.from(info.subarray(a * f, a * f + f)));
  const cov = invertSpd(info, f);
  if (!cov) return { information, se };
  const varOf = (r: number) => {
    const a = free.indexOf(r);
    return a < 0 ? Number.NaN : cov[a * f + a];
  };
  const covOf = (r: number, s: number) => {
    const a = free.indexOf(r);
    const b = free.indexOf(s);
    return a < 0 || b < 0 ? Number.NaN : cov[a * f + b];
  };
  // Delta method from the log scale.
  se.mu = p.mu * Math.sqrt(varOf(0));
  se.alpha = p.alpha * Math.sqrt(varOf(1));
  se.beta = p.beta * Math.sqrt(varOf(2));
  let at = 3;
  if (eng.evSin) {
    const a = Math.hypot(p.b1, p.b2);
    const v11 = varOf(3);
    const v22 = varOf(4);
    const v12 = covOf(3, 4);
    if (a > 0) {
      const ja = [p.b1 / a, p.b2 / a];
      const jp = [-p.b2 / (a * a), p.b1 / (a * a)];
      const quad = (j: number[]) => j[0] * j[0] * v11 + 2 * j[0] * j[1] * v12 + j[1] * j[1] * v22;
      se.seasonalAmplitude = Math.sqrt(quad(ja));
      se.seasonalPhase = Math.sqrt(quad(jp));
    }
    at = 5;
  }
  eng.covariateNames.forEach((nm, r) => {
    se.covariates[nm] = Math.sqrt(varOf(at + r));
  });
  return { information, se };
}

/** Per-event attributions, delays and cascades from the final responsibilities. */
function attribute(eng: Engine, p: InternalParams, pBg: Float64Array, topK: number) {
  const hd = eng.data;
  const { candOffset, candParent, candDelta, candG, nEv } = eng;
  const ids = hd.index.personIds;
  const incId = (i: number) => hd.index.incidents[hd.evIncident[i]].incident_id;
  const ab = p.alpha * p.beta;
  const prob = new Float64Array(candParent.length);
  const best = new Int32Array(nEv).fill(-1);
  for (let i = 0; i < nEv; i++) {
    // λ_i = bg / pBg_i; recompute each pair's share without a second pass over the background.
    let trig = 0;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) {
      let v = ab * Math.exp(-p.beta * candDelta[x]);
      if (candG) v *= candG[x];
      prob[x] = v;
      trig += v;
    }
    const pTrig = 1 - pBg[i];
    let bx = -1;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) {
      prob[x] = trig > 0 ? (prob[x] / trig) * pTrig : 0;
      if (bx < 0 || prob[x] > prob[bx]) bx = x;
    }
    best[i] = bx;
  }

  // Delays of attributed pairs, weighted by their posterior probability.
  let P = 0;
  let D = 0;
  for (let x = 0; x < prob.length; x++) {
    P += prob[x];
    D += prob[x] * candDelta[x];
  }
  const mean = P > 0 ? D / P : Number.NaN;
  const median = P > 0 ? weightedMedian(candDelta, prob, P) : Number.NaN;

  // Cascade forest: hang each event under its most likely parent when that beats the background.
  const parentOf = new Int32Array(nEv).fill(-1);
  for (let i = 0; i < nEv; i++) {
    const bx = best[i];
    if (bx >= 0 && prob[bx] > pBg[i]) parentOf[i] = candParent[bx];
  }
  const root = new Int32Array(nEv);
  for (let i = 0; i < nEv; i++) root[i] = parentOf[i] < 0 ? i : root[parentOf[i]];
  const members = new Map<number, number[]>();
  for (let i = 0; i < nEv; i++) {
    const r = root[i];
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(i);
  }
  const roots = [...members.keys()].sort(
    (a, b) => members.get(b)!.length - members.get(a)!.length || a - b,
  );
  const cascadeOf = new Int32Array(nEv);
  const cascadeCols = {
    cascade_id: [] as number[],
    root: [] as string[],
    root_person: [] as string[],
    start: [] as string[],
    end: [] as string[],
    size: [] as number[],
    n_people: [] as number[],
    people: [] as string[][],
  };
  roots.forEach((r, c) => {
    const list = members.get(r)!;
    const people = [...new Set(list.map((i) => ids[hd.evPerson[i]]))];
    for (const i of list) cascadeOf[i] = c + 1;
    cascadeCols.cascade_id.push(c + 1);
    cascadeCols.root.push(incId(r));
    cascadeCols.root_person.push(ids[hd.evPerson[r]]);
    cascadeCols.start.push(dayToIso(hd.evDay[r]));
    cascadeCols.end.push(dayToIso(hd.evDay[list[list.length - 1]]));
    cascadeCols.size.push(list.length);
    cascadeCols.n_people.push(people.length);
    cascadeCols.people.push(people);
  });

  type Top = { incident_id: string; person_id: string; prob: number; delay_days: number };
  const cols = {
    incident_id: new Array<string>(nEv),
    person_id: new Array<string>(nEv),
    date: new Array<string>(nEv),
    day: new Array<number>(nEv),
    p_triggered: new Array<number>(nEv),
    parent_incident: new Array<string | null>(nEv),
    parent_person: new Array<string | null>(nEv),
    parent_prob: new Array<number | null>(nEv),
    parent_delay_days: new Array<number | null>(nEv),
    top_parents: new Array<Top[]>(nEv),
    cascade_id: new Array<number>(nEv),
  };
  const order: number[] = [];
  for (let i = 0; i < nEv; i++) {
    cols.incident_id[i] = incId(i);
    cols.person_id[i] = ids[hd.evPerson[i]];
    cols.date[i] = dayToIso(hd.evDay[i]);
    cols.day[i] = hd.evDay[i];
    cols.p_triggered[i] = 1 - pBg[i];
    const bx = best[i];
    if (bx >= 0) {
      const j = candParent[bx];
      cols.parent_incident[i] = incId(j);
      cols.parent_person[i] = ids[hd.evPerson[j]];
      cols.parent_prob[i] = prob[bx];
      cols.parent_delay_days[i] = candDelta[bx];
    } else {
      cols.parent_incident[i] = null;
      cols.parent_person[i] = null;
      cols.parent_prob[i] = null;
      cols.parent_delay_days[i] = null;
    }
    order.length = 0;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) order.push(x);
    order.sort((a, b) => prob[b] - prob[a] || a - b);
    const top: Top[] = [];
    for (let r = 0; r < Math.min(topK, order.length); r++) {
      const x = order[r];
      const j = candParent[x];
      top.push({
        incident_id: incId(j),
        person_id: ids[hd.evPerson[j]],
        prob: prob[x],
        delay_days: candDelta[x],
      });
    }
    cols.top_parents[i] = top;
    cols.cascade_id[i] = cascadeOf[i];
  }
  const events = arqueroTable(cols);
  const cascades = arqueroTable(cascadeCols);
  return { events, cascades, delays: { mean, median }, parentProb: prob, best };
}

/** Smallest delay d with Σ_{Δ ≤ d} w ≥ total/2 (bisection over the sorted distinct delays). */
function weightedMedian(delta: Float64Array, w: Float64Array, total: number): number {
  const sorted = delta.slice().sort();
  let lo = 0;
  let hi = sorted.length - 1;
  const half = total / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid];
    let s = 0;
    for (let i = 0; i < delta.length; i++) if (delta[i] <= x) s += w[i];
    if (s >= half) hi = mid;
    else lo = mid + 1;
  }
  return sorted[lo];
}

/**
 * Exact log-likelihood of `parameters` on `data` under the same model and options as
 * {@link fitNetworkHawkes} (for comparing a fit with known parameters). Missing parameters take
 * the fit's starting values.
 *
 * @example
 * const { data, truth } = synthCity({ people: 4000, seed: 1 });
 * networkHawkesLogLikelihood(data, truth.contagion!) <= fitNetworkHawkes(data).logLikelihood; // true
 */
export function networkHawkesLogLikelihood(
  data: Dataset | DatasetIndex,
  parameters: Partial<NetworkHawkesParameters>,
  options: NetworkHawkesOptions = {},
): number {
  const o = { ...DEFAULTS, ...stripUndefined(options) };
  const hd = prepareHawkesData(data, o);
  const { X, names } = covariateMatrix(hd.index, options.covariates, options.covariateColumns);
  const eng = buildEngine(hd, {
    maxLag: o.maxLagDays,
    g: tieWeightFunction(o.tieWeight),
    seasonal: o.seasonal,
    X,
    covariateNames: names,
  });
  const p = startValues(eng, parameters);
  return logLikelihood(eng, p);
}
