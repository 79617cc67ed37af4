import type { ColumnTable } from 'arquero';
import type { PersonRisk, RiskContribution, RiskModel } from '../../core/risk.js';
import { type DateLike, dayToIso, toDay } from '../../core/time.js';
import { kernelMass, season, seasonIntegral } from './engine.js';
import { eventsAfter, eventsFrom, type HawkesData, tieG } from './prepare.js';
import type { NetworkHawkesParameters } from './types.js';

/** The internal state a fitted model carries for intensity, risk and simulation. */
export interface HawkesState {
  data: HawkesData;
  maxLag: number;
  g: ((c: number) => number) | null;
  mu: number;
  alpha: number;
  beta: number;
  b1: number;
  b2: number;
  /** Person factor c_k (null when there are no covariates). */
  c: Float64Array | null;
}

/** λ_k(t) split into its background and the excitation from each earlier event of an associate. */
export interface IntensityDecomposition {
  person_id: string;
  /** Day (days since 1970-01-01) at which the intensity is taken. */
  day: number;
  /** λ_k(t) in events per day: exactly `background + Σ contributions[i].value` (summed in that order). */
  total: number;
  /** μ_k(t), events per day. */
  background: number;
  /** One entry per exciting event: associate (`via`), incident, its day, and its share of λ. Largest first. */
  contributions: RiskContribution[];
}

/** Standard errors of the fitted parameters (NaN where the information is singular or fixed). */
export interface NetworkHawkesStandardErrors {
  mu: number;
  alpha: number;
  beta: number;
  seasonalAmplitude: number;
  seasonalPhase: number;
  covariates: Record<string, number>;
}

/** Diagnostics of a fit. */
export interface NetworkHawkesDiagnostics {
  /** Log-likelihood at the start and after every EM iteration, then after every Newton step. */
  logLikelihoodTrace: number[];
  /** EM iterations and Newton polish steps taken. */
  emIterations: number;
  newtonIterations: number;
  /** Candidate parent pairs (the cost of one EM iteration). */
  candidatePairs: number;
  /**
   * True when the fit ended at the no-contagion boundary α = 0 (no network, or the
   * background-only fit had the higher likelihood); β is then not identified.
   */
  alphaAtBoundary: boolean;
  /** Events in the window, people at risk, directed ties. */
  events: number;
  people: number;
  ties: number;
  /** Observation window [since, asOf) as ISO dates and its length in days. */
  since: string;
  asOf: string;
  days: number;
  /** Observed information over the free parameters ([ln μ₀, ln α, ln β, b1, b2, θ…]) and their names. */
  information: number[][];
  informationParameters: string[];
  /** Wall time of the fit in milliseconds. */
  elapsedMs: number;
  /**
   * Wall time in milliseconds of each step: `prepare` (ties and events), `candidates` (candidate
   * pairs and compensator terms), `fit` (EM, Newton polish, the α = 0 boundary fit),
   * `standardErrors`, `attribution` (events table and cascades).
   */
  timings: Record<string, number>;
}

/**
 * A fitted network Hawkes model: parameters with standard errors, per-event attributions,
 * cascades, and the intensity and risk of any person. Implements {@link RiskModel}.
 */
export interface NetworkHawkesModel extends RiskModel {
  readonly name: 'network-hawkes';
  readonly parameters: NetworkHawkesParameters;
  readonly standardErrors: NetworkHawkesStandardErrors;
  /** Exact log-likelihood at the fitted parameters. */
  readonly logLikelihood: number;
  /** Akaike information criterion: 2·(free parameters) − 2ℓ. */
  readonly aic: number;
  /** EM iterations taken. */
  readonly iterations: number;
  /** Whether EM (and the Newton polish, when on) met the tolerance. */
  readonly converged: boolean;
  /**
   * One row per event: `incident_id`, `person_id`, `date` (ISO), `day`, `p_triggered` (posterior
   * probability the event was triggered by an associate's earlier event), `parent_incident`,
   * `parent_person`, `parent_prob`, `parent_delay_days` (most likely candidate parent; null when
   * it has none), `top_parents` (array of `{ incident_id, person_id, prob, delay_days }`, most
   * likely first) and `cascade_id`.
   */
  readonly events: ColumnTable;
  /** Share of events attributed to contagion: mean of `p_triggered`. */
  readonly contagionShare: number;
  /** Delays in days of attributed parent→child pairs, weighted by their posterior probability. */
  readonly delays: { mean: number; median: number };
  /**
   * Cascade forest by most likely parent (an event hangs under its most likely candidate parent
   * when that parent is more likely than the background): `cascade_id`, `root` (incident id),
   * `root_person`, `start`, `end` (ISO), `size` (events), `n_people` and `people` (ids).
   * Largest first; singletons included.
   */
  readonly cascades: ColumnTable;
  readonly diagnostics: NetworkHawkesDiagnostics;
  /** Internal state used by {@link simulateNetworkHawkes}. @internal */
  readonly state: HawkesState;
  /** λ_k(t) in events per day, from events dated strictly before t. */
  intensity(person: string, t: DateLike): number;
  /** λ_k(t) with its background and the excitation of each earlier associate event. */
  intensityDecomposed(person: string, t: DateLike): IntensityDecomposition;
  /**
   * Expected events in [from, from + horizonDays): the background integral plus the remaining
   * kernel mass of every associate event dated before `from`. Offspring of events inside the
   * horizon are not counted (use simulation for those).
   */
  risk(
    people: readonly string[] | undefined,
    options: { from: DateLike; horizonDays: number },
  ): PersonRisk[];
}

/** Kernel value α·g·β·e^(−βΔ) truncated at the lag cap. */
function kernel(s: HawkesState, g: number, delta: number): number {
  if (!(delta > 0) || delta > s.maxLag) return 0;
  return s.alpha * g * s.beta * Math.exp(-s.beta * delta);
}

/** Visits every earlier event of k's associates that excites k at time t (t_j < t, tie formed before t_j). */
function forEachExcitingEvent(
  s: HawkesState,
  k: number,
  before: number,
  minDay: number,
  visit: (j: number, q: number, g: number) => void,
) {
  const d = s.data;
  for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) {
    const q = d.tieNeighbour[e];
    const lo = Math.max(eventsAfter(d, q, d.tieStart[e]), eventsFrom(d, q, minDay));
    const hi = eventsFrom(d, q, before);
    for (let x = lo; x < hi; x++) {
      const j = d.personEv[x];
      visit(j, q, tieG(d, s.g, e, d.evDay[j]));
    }
  }
}

export function backgroundRate(s: HawkesState, k: number, t: number): number {
  return s.mu * season(s.b1, s.b2, t) * (k >= 0 && s.c ? s.c[k] : 1);
}

export function personNumber(s: HawkesState, person: string): number {
  const k = s.data.index.personIndex.get(person);
  return k === undefined ? -1 : k;
}

export function intensityDecomposed(
  s: HawkesState,
  person: string,
  at: DateLike,
): IntensityDecomposition {
  const t = toDay(at);
  if (Number.isNaN(t)) throw new RangeError(`'${String(at)}' is not a valid date`);
  const k = personNumber(s, person);
  const background = backgroundRate(s, k, t);
  const contributions: RiskContribution[] = [];
  if (k >= 0 && s.alpha > 0) {
    const d = s.data;
    forEachExcitingEvent(s, k, t, t - s.maxLag, (j, q, g) => {
      const value = kernel(s, g, t - d.evDay[j]);
      if (value > 0)
        contributions.push({
          kind: 'exposure',
          via: d.index.personIds[q],
          incidentId: d.index.incidents[d.evIncident[j]].incident_id,
          day: d.evDay[j],
          value,
        });
    });
  }
  contributions.sort((a, b) => b.value - a.value);
  let total = background;
  for (const c of contributions) total += c.value;
  return { person_id: person, day: t, total, background, contributions };
}

export function risk(
  s: HawkesState,
  people: readonly string[] | undefined,
  options: { from: DateLike; horizonDays: number },
): PersonRisk[] {
  const from = toDay(options.from);
  if (Number.isNaN(from))
    throw new RangeError(`from '${String(options.from)}' is not a valid date`);
  const h = options.horizonDays;
  if (!(h > 0)) throw new RangeError('horizonDays must be a positive number of days');
  const d = s.data;
  const ids = people ?? d.index.personIds;
  const seasonMass = seasonIntegral(s.b1, s.b2, from, from + h);
  const out: PersonRisk[] = new Array(ids.length);
  for (let x = 0; x < ids.length; x++) {
    const person = ids[x];
    const k = personNumber(s, person);
    const contributions: RiskContribution[] = [
      { kind: 'background', value: s.mu * seasonMass * (k >= 0 && s.c ? s.c[k] : 1) },
    ];
    if (k >= 0 && s.alpha > 0) {
      forEachExcitingEvent(s, k, from, from - s.maxLag, (j, q, g) => {
        const tj = d.evDay[j];
        const value = s.alpha * g * kernelMass(s.beta, s.maxLag, from - tj, from + h - tj);
        if (value > 0)
          contributions.push({
            kind: 'exposure',
            via: d.index.personIds[q],
            incidentId: d.index.incidents[d.evIncident[j]].incident_id,
            day: tj,
            value,
          });
      });
    }
    contributions.sort((a, b) => b.value - a.value);
    let expected = 0;
    for (const c of contributions) expected += c.value;
    out[x] = { person_id: person, expected, contributions };
  }
  return out;
}

/** Human-readable ISO day, or '' for an infinite bound. */
export function isoOrEmpty(day: number): string {
  return Number.isFinite(day) ? dayToIso(day) : '';
}
