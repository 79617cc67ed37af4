import type { ColumnTable } from 'arquero';
import { inWholeData } from '../../core/dataset-index.js';
import { InputError, OptionError } from '../../core/errors.js';
import { checkOptions, nearId, rule } from '../../core/options.js';
import { count } from '../../core/plural.js';
import {
  checkRiskPeople,
  notAnId,
  type PersonRisk,
  type RiskContribution,
  type RiskModel,
  unknownPeopleAsZero,
} from '../../core/risk.js';
import { type DateLike, dayToIso, toDay } from '../../core/time.js';
import { horizonRule } from '../../core/window.js';
import {
  applyBits,
  atRiskAt,
  atRiskIntervals,
  atRiskShare,
  type BackgroundDesign,
  type Counts,
  countsBefore,
  nextAnniversary,
  type RecordColumns,
  ROW_KEY_BASE,
  rawOwn,
  recordColumns,
  removeBits,
  yearsSince,
  zeroCounts,
} from './background.js';
import { kernelDensity, kernelMassOf, kernelNorm, season, seasonIntegral } from './engine.js';
import { gammaP, type HistKernel } from './kernel.js';
import { eventsAfter, eventsFrom, type HawkesData, tieG } from './prepare.js';
import type { NetworkHawkesParameters } from './types.js';

/**
 * The internal state a fitted model carries for intensity, risk and simulation. Forecasts cache
 * what they derive from it by state: μ (`rates`), γ (`theta`), the season, α, α_self, β and the
 * forecast level are compared at each look-up, so an edit of those is noticed; other fields
 * (the frailty posterior's values, the kernel, the design and data) are read as fixed.
 */
export interface HawkesState {
  data: HawkesData;
  bg: BackgroundDesign;
  /** The histogram kernel (null: exponential with β). */
  hist: HistKernel | null;
  /** Gamma kernel shape κ (null: not the gamma kernel). */
  shape: number | null;
  maxLag: number;
  g: ((c: number) => number) | null;
  /** Trend bin rates μ_b (background of a person with centred covariates, season 1). */
  rates: Float64Array;
  /**
   * Posterior mean of each person's gamma frailty (multiplies their background in `risk`), or
   * null when `frailty` is off.
   */
  frailty: Float64Array | null;
  alpha: number;
  alphaSelf: number;
  /**
   * α_vo, the excitation along victim–offender ties (0 without `victimOffenderTies`): `risk`,
   * its knock-on, the intensity, the horizon system of planning and simulation carry it along
   * `data.voIn` / `data.voOut` ({@link forEachFirstGeneration}, {@link knockOn}); the live update
   * (`updateNetworkHawkes`) carries it along those ties and the ones its new incidents form.
   */
  alphaVo: number;
  beta: number;
  b1: number;
  b2: number;
  theta: Float64Array;
  /**
   * `forecastLevel` of the fit: `'last-bin'` scales every person's forecast background by
   * {@link forecastLevelScale} (absent or `'covariates'`: not scaled).
   */
  forecastLevel?: 'covariates' | 'last-bin' | 'drift-checked';
}

/** λ_k(t) split into its background and the excitation from each earlier event of an associate. */
export interface IntensityDecomposition {
  person_id: string;
  /** Day (days since 1970-01-01) at which the intensity is taken. */
  day: number;
  /** λ_k(t) in events per day: exactly `background + Σ contributions[i].value` (summed in that order). */
  total: number;
  /** μ_k(t), events per day (0 when the person is not at risk at t). */
  background: number;
  /**
   * One entry per exciting event: an associate's (`kind: 'exposure'`, `via` the associate), with
   * `victimOffenderTies` that of someone on the other side of a victim–offender tie
   * (`kind: 'victim-offender'`, `via` that person) or, with self-excitation, the person's own
   * (`kind: 'own-victimisation'`), with its incident, day and share of λ. Largest first.
   */
  contributions: RiskContribution[];
}

/**
 * Standard errors of the fitted parameters from the observed information: `null` where a
 * parameter has none (not estimated: fixed, at a boundary, switched off, or the information is
 * singular), with the reason in `reasons` — never NaN.
 */
export interface NetworkHawkesStandardErrors {
  mu: number | null;
  alpha: number | null;
  beta: number | null;
  /** Standard error of α_self (null when self-excitation is off). */
  alphaSelf: number | null;
  /** Standard error of α_vo (with `victimOffenderTies` only). */
  alphaVictimOffender?: number | null;
  seasonalAmplitude: number | null;
  seasonalPhase: number | null;
  covariates: Record<string, number | null>;
  /**
   * Why a standard error is null, by parameter name (`mu`, `alpha`, …, and covariate names):
   * e.g. 'not asked for (standardErrors: false)', 'fixed at α = 0 (no contagion)', 'β at an
   * end of delayRangeDays', 'self-excitation is off'. Empty when every standard error is given.
   */
  reasons: Record<string, string>;
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
  /** True when β ended at an end of the range the window identifies (`delayRangeDays`). */
  betaAtBound: boolean;
  /** Modelled events in the outcome window, people at risk, directed ties. */
  events: number;
  people: number;
  ties: number;
  /** Events before the outcome window that excite modelled events (history). */
  historyEvents: number;
  /**
   * Events on the day their person is first recorded (with `entry: 'first-record'`): how the person
   * enters the data, conditioned on rather than modelled (counted in `events`, p_triggered 0).
   */
  entryEvents: number;
  /** Person-days at risk in the outcome window. */
  personDays: number;
  /** Outcome window [since, asOf) as ISO dates and its length in days. */
  since: string;
  asOf: string;
  days: number;
  /** First day of the records window (ties, covariates and history), ISO. */
  recordsSince: string;
  /**
   * Covariates (record or user, by name) that ran off and were dropped: the data nearly separate
   * them (for instance, no event ever follows one), so the coefficient grew without bound (a factor
   * past e^5 per standard deviation of the covariate over the people at risk, or a standard error
   * that wide). The fit holds each at 0 and is refitted without it, worst first, until none runs
   * off; its coefficient in `parameters.covariates` is 0, its standard error null, and a warning
   * names it. Empty when none ran off. `hawkesInference`'s refits and the fit's checks hold the
   * same covariates at 0 and drop no other.
   */
  droppedCovariates: string[];
  /** Observed information over the free parameters and their names. */
  information: number[][];
  informationParameters: string[];
  /**
   * The tail check of an identified fit (null otherwise, with the histogram kernel, or when the
   * kernel's mean is a quarter of `maxLagDays` or more): a one-sided score test, at the fit, of a
   * second excitation term along the same ties whose delays spread from `fromDays` (twice the
   * kernel's mean) to `maxLagDays`, flat in ln delay. `z` is about standard normal when the
   * kernel holds; large and positive when more events follow an associate's event that late than
   * the kernel and the background expect (a long tail of late contagion, which the kernel reads as
   * background: its mean delay is then short of the delays' mean). From 2.33 (p < 0.01) the fit
   * warns. `meanDays`: the mean delay (days) of the kernel with that tail part added, its weight
   * one likelihood (scoring) step from the fit and the kernel's α and β moved with it; the
   * kernel's own mean when z ≤ 0. The tail warning gives it: on the 28 warned fits with lognormal
   * delays (mean 60 days) it read 19% short to 50% long (the kernel's mean 31–65% short), the two
   * bracketing the true mean on 22. Unwarned, it is no measure: where z ≥ 1 it read those cities'
   * mean better than the kernel (20% and 18% error at the median for σ 1 and 1.5, against 32% and
   * 58%) but on cities without a long tail where z reached 1 by chance it was further off every
   * time, up to 80% long (bench/results/delaytail-2026-12-05.md).
   */
  tailScore: { z: number; fromDays: number; meanDays: number } | null;
  /** Wall time of the fit in milliseconds. */
  elapsedMs: number;
  /**
   * Wall time in milliseconds of each step: `prepare` (ties and events), `background` (as-of
   * covariate rows and exposures), `candidates` (candidate pairs and compensator terms), `fit`
   * (EM, Newton polish, the α = 0 boundary fit), `standardErrors`, `attribution`, `tailScore`
   * (the tail check's score, `diagnostics.tailScore`).
   */
  timings: Record<string, number>;
}

/**
 * How `kernel: 'auto'` chose the delay kernel: the exponential kernel is fitted first; when it
 * finds contagion, the Erlang kernel (a gamma kernel with a whole shape 1–10, chosen with β by
 * likelihood) is fitted too and kept only when the likelihood ratio rejects the exponential at 1%
 * (χ² with 1 degree of freedom).
 */
export interface KernelChoice {
  rule: 'auto';
  /** Whether the Erlang kernel was fitted and tested (false when the exponential fit found no contagion). */
  tested: boolean;
  /** Shape of the best Erlang kernel (null when not tested). */
  erlangShape: number | null;
  /** Likelihood ratio 2·(ℓ_Erlang − ℓ_exponential) and its p-value (null when not tested). */
  statistic: number | null;
  pValue: number | null;
  /** Which kernel was used and why, in words. */
  reason: string;
}

/** The piecewise-constant trend: one row per bin. */
export interface TrendBin {
  /** First day of the bin (ISO) and its end (exclusive). */
  start: string;
  end: string;
  /** Background factor of the bin relative to μ₀ (time-weighted mean over the window = 1). */
  factor: number;
}

/**
 * One row of a fitted model's `events` table ({@link NetworkHawkesModel.events}), one per
 * modelled event (a person seriously harmed), as `model.events.objects() as HawkesEventRow[]`
 * reads it. Probabilities are posterior, 0–1.
 */
export interface HawkesEventRow {
  /** The incident. */
  incident_id: string;
  /** The person harmed. */
  person_id: string;
  /** ISO date of the event. */
  date: string;
  /** The same as days since 1970-01-01. */
  day: number;
  /** Probability the event was triggered along a tie by someone else's earlier event (not the background, nor their own earlier event). */
  p_triggered: number;
  /** Probability it was triggered by the person's own earlier event; 0 without self-excitation. */
  p_self: number;
  /** Green et al.'s call: the neighbours' term at the event exceeds the background. */
  network_exceeds_background: boolean;
  /** The most likely candidate parent's incident; null when the event has no candidate parent. */
  parent_incident: string | null;
  /** That parent's person; null when there is none. */
  parent_person: string | null;
  /** That parent's probability; null when there is none. */
  parent_prob: number | null;
  /** Days from that parent's event to this one; null when there is none. */
  parent_delay_days: number | null;
  /** The tie that parent came through; null when there is none. */
  parent_kind: 'co-offending' | 'own-victimisation' | 'victim-offender' | null;
  /**
   * The most likely candidate parents (the fit's `topParents`, default 3), most likely first; a
   * pair tied both ways lists the same parent once per kind. Empty when there is none.
   */
  top_parents: {
    /** The parent's incident. */
    incident_id: string;
    /** The parent's person. */
    person_id: string;
    /** Probability that it is the parent (0–1). */
    prob: number;
    /** Days from the parent's event to this one. */
    delay_days: number;
    /** The tie it came through. */
    kind: 'co-offending' | 'own-victimisation' | 'victim-offender';
  }[];
  /** The event's cascade in the model's `cascades` table ({@link HawkesCascadeRow}). */
  cascade_id: number;
}

/**
 * One row of a fitted model's `cascades` table ({@link NetworkHawkesModel.cascades}): a tree of
 * events, each hung under its most likely parent when that parent is more likely than the
 * background. Singletons are cascades of size 1.
 */
export interface HawkesCascadeRow {
  /** 1, 2, …, largest first. */
  cascade_id: number;
  /** The root event's incident. */
  root: string;
  /** The root event's person. */
  root_person: string;
  /** ISO date of the first event. */
  start: string;
  /** ISO date of the last event. */
  end: string;
  /** Events in the cascade. */
  size: number;
  /** Distinct people harmed in it. */
  n_people: number;
  /** Their ids. */
  people: string[];
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
  /**
   * Whether EM (and the Newton polish, when on) met the tolerance at an identified optimum; false
   * when β ran to an end of its range with α > 0 (see `identified`).
   */
  readonly converged: boolean;
  /**
   * Whether the contagion kernel is identified: false when the fit chose α = 0, when β ran to an
   * end of the range the window can identify, when α is under two standard errors, or when half
   * the attributed contagion or more follows its parent by a day or less (`delays.median` ≤ 1:
   * whole-day records cannot tell that from one incident recorded as two). When false,
   * `contagionShare` and `delays` describe a kernel the data do not pin down: do not report them
   * as findings (`warnings` says why).
   */
  readonly identified: boolean;
  /** Plain-language warnings about the fit (identification, near-explosive process…). */
  readonly warnings: string[];
  /**
   * Expected direct offspring of one event: α × (mean Σ g over the ties of an event's person) +
   * α_self (+ α_vo × the mean number of victim–offender ties of an event's person). Near or above 1 the process is near explosive.
   */
  readonly branchingRatio: number;
  /** Piecewise-constant trend of the background (one bin when `trend` is off). */
  readonly trend: TrendBin[];
  /**
   * The delay kernel: `type` (`'exponential'` or `'histogram'`), its mean delay in days, and with
   * the histogram kernel its bins (`from`, `to` in days, `weight`: the share of triggered events
   * with a delay in the bin; Σ = 1).
   */
  readonly kernel: {
    type: 'exponential' | 'erlang' | 'gamma' | 'histogram';
    meanDays: number;
    /**
     * Gamma shape κ (1 for the exponential kernel, which is the gamma kernel of shape 1; a whole
     * number for the Erlang kernel).
     */
    shape: number;
    bins: { from: number; to: number; weight: number }[];
    /** How `kernel: 'auto'` (the default) chose the kernel; null with an explicit `kernel`. */
    choice: KernelChoice | null;
  };
  /**
   * One row per modelled event: `incident_id`, `person_id`, `date` (ISO), `day`, `p_triggered`
   * (posterior probability the event was triggered by an earlier event), `p_self` (by the
   * person's own earlier event; 0 without self-excitation), `network_exceeds_background` (Green et
   * al.'s call: the neighbours' term at the event exceeds the background), `parent_incident`,
   * `parent_person`, `parent_prob`, `parent_delay_days`, `parent_kind` (most likely candidate
   * parent; null when it has none), `top_parents` (array of `{ incident_id, person_id, prob,
   * delay_days, kind }`, most likely first) and `cascade_id`. A parent's kind is the tie it came
   * through: `'co-offending'` (every parent of a default fit), `'own-victimisation'` (the
   * person's own earlier event, with `selfExcitation`) or `'victim-offender'` (with
   * `victimOffenderTies`); a pair tied both ways lists the same parent once per kind. Rows:
   * {@link HawkesEventRow}.
   */
  readonly events: ColumnTable;
  /**
   * Share of events attributed to contagion through the network: mean posterior probability (of a
   * parent along a co-offending tie, or with `victimOffenderTies` along either kind of tie).
   */
  readonly contagionShare: number;
  /**
   * The share under both definitions: `posterior` (mean posterior probability of a network
   * parent, = `contagionShare`), `exceedsBackground` (Green, Horel & Papachristos 2017: share of
   * events whose network term exceeds the background at their time), and `self` (mean posterior
   * probability of an own-event parent; 0 without self-excitation). With `victimOffenderTies`,
   * `coOffending` and `victimOffender`: the mean posterior probability of a parent along each
   * kind of tie (`posterior` and `contagionShare` are their sum).
   */
  readonly shares: {
    posterior: number;
    exceedsBackground: number;
    self: number;
    coOffending?: number;
    victimOffender?: number;
  };
  /**
   * Delays in days: `mean` and `median` of attributed parent→child pairs weighted by their
   * posterior probability (0 when nothing is attributed to contagion, as with α = 0: no delay,
   * not a delay of 0 days); `kernelMean` (0 with α = 0) the mean of the fitted (truncated) kernel, 1/β −
   * L·e^(−βL)/(1 − e^(−βL)); `mostLikelyParentMean` (Green et al.): the mean delay to the most
   * likely parent over events whose network term exceeds the background (0 when none).
   */
  readonly delays: {
    mean: number;
    median: number;
    kernelMean: number;
    mostLikelyParentMean: number;
  };
  /**
   * Cascade forest by most likely parent (an event hangs under its most likely candidate parent
   * when that parent is more likely than the background): `cascade_id`, `root` (incident id),
   * `root_person`, `start`, `end` (ISO), `size` (events), `n_people` and `people` (ids).
   * Largest first; singletons included. Rows: {@link HawkesCascadeRow}.
   */
  readonly cascades: ColumnTable;
  readonly diagnostics: NetworkHawkesDiagnostics;
  /** Day of the latest record the model was fitted on (see {@link RiskModel.lastRecordDay}). */
  readonly lastRecordDay: number;
  /**
   * The fit's `victimOffenderTies`: `'direct'` (a person is tied to everyone who harmed them and
   * everyone they harmed; `true` is read as this), `'sides'` (and to those people's
   * co-offenders) or `false` (no victim–offender ties, the default). `updateNetworkHawkes` forms
   * the ties of the new records by it, as a fit of every record would.
   */
  readonly victimOffenderTies: false | 'direct' | 'sides';
  /** Internal state used by {@link simulateNetworkHawkes}. @internal */
  readonly state: HawkesState;
  /**
   * λ_k(t) in events per day, from records dated strictly before t: the fitted intensity, so
   * without the person's frailty and the forecast's level (`forecastLevel`), which `risk`
   * applies to the background; `risk` over a short horizon is therefore not λ × horizon. 0 while
   * the person is out of the risk set (custody, death, `exits`). A `t` before the window the
   * model was fitted on (`diagnostics.since`) is an `InputError`: nobody is at risk there. A
   * person in none of the records the model was fitted on is an `InputError`, as in `risk`.
   */
  intensity(person: string, t: DateLike): number;
  /**
   * λ_k(t) with its background and the excitation of each earlier event (0, with no parts, while
   * the person is out of the risk set; a `t` before the fitted window is refused, as by `intensity`).
   */
  intensityDecomposed(person: string, t: DateLike): IntensityDecomposition;
  /**
   * Expected events in [from, from + horizonDays): the background integral (as-of covariates at
   * `from`, times the person's frailty posterior with `frailty`, the default), plus the remaining kernel mass of every exciting event dated before `from` (first
   * generation), plus (with `generations: 'all'`, the default) the expected knock-on events —
   * later generations triggered inside the horizon, through the network — as one part of kind
   * `knock-on`. With `victimOffenderTies`, the first generation names each event carried along a
   * victim–offender tie (`kind: 'victim-offender'`, `via` the person on the other side, α_vo
   * unweighted) beside the co-offending ones (`kind: 'exposure'`), and the knock-on runs along
   * both kinds of tie. The knock-on runs along the ties formed before `from` only: ties an event
   * inside the horizon would form (a new co-offence, a new victim and offender) are not
   * anticipated. Uses only records dated before `from`. Every part counts only the person's time
   * in the risk set (out of it — custody, death, `exits` — nothing happens to them: someone out
   * for the whole horizon gets 0). `people`: an array of ids (undefined for everyone; one id as
   * text, or an id typed as a number, is an `InputError`); an id in none of the records the model
   * was fitted on is an `InputError` naming the closest known id (a misspelt id read as 0, "no
   * risk"), while a person of those records first recorded on or after its `asOf` (or a
   * people-table row without records) gets 0: the model's window holds nothing of them.
   * One row per id asked for, in the order given (a repeated id is repeated), so rows may be
   * paired with `people` by position (as `planRanker` does).
   * A `from` before the window the model was fitted on (`diagnostics.since`) is an `OptionError`:
   * nobody is at risk in the model before it, so every forecast would be 0 (or leave out the days
   * of the horizon before it).
   */
  risk(
    people: readonly string[] | undefined,
    options: { from: DateLike; horizonDays: number; generations?: 'all' | 'first' },
  ): PersonRisk[];
}

/** Kernel value a·g·φ(Δ) (φ the exponential or histogram kernel, 0 outside (0, L]). */
function kernel(s: HawkesState, a: number, g: number, delta: number): number {
  return a * g * kernelDensity(s, delta);
}

/** Visits every earlier event of k's associates that excites k at time t (t_j < t, tie formed before t_j). */
export function forEachExcitingEvent(
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

/**
 * Visits every earlier event that excites person k at times up to `before`: each associate's
 * event dated in [minDay, before) through a tie formed before it (weight α·g, `via` the
 * associate), with `victimOffenderTies` each event of someone on the other side of a
 * victim–offender tie that the tie carries (weight α_vo, `via` −2 − that person: see
 * {@link viaPerson}), and with self-excitation each of k's own events in that range (weight
 * α_self, `via` −1). The one list of first-generation excitation that `risk`, its knock-on events and
 * the horizon system of outreach planning all start from.
 */
export function forEachFirstGeneration(
  s: HawkesState,
  k: number,
  before: number,
  minDay: number,
  visit: (j: number, weight: number, via: number) => void,
) {
  const d = s.data;
  // forEachExcitingEvent's walk, inline (no closure per call: called for every person of a city).
  if (s.alpha > 0)
    for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) {
      const q = d.tieNeighbour[e];
      if (d.personEvOffset[q] === d.personEvOffset[q + 1]) continue; // no events
      const lo = Math.max(eventsAfter(d, q, d.tieStart[e]), eventsFrom(d, q, minDay));
      const hi = eventsFrom(d, q, before);
      for (let x = lo; x < hi; x++) {
        const j = d.personEv[x];
        visit(j, s.alpha * tieG(d, s.g, e, d.evDay[j]), q);
      }
    }
  // Victim–offender ties (with victimOffenderTies): the events of the other person that the tie
  // carries (from its day, the harm itself included, or strictly after it: voCarries), α_vo
  // unweighted, as the fit's likelihood has them; `via` is −2 − the other person.
  const vin = d.voIn;
  if (s.alphaVo > 0 && vin)
    for (let e = vin.offset[k]; e < vin.offset[k + 1]; e++) {
      const q = vin.other[e];
      if (d.personEvOffset[q] === d.personEvOffset[q + 1]) continue; // no events
      const carried =
        vin.strict[e] === 1 ? eventsAfter(d, q, vin.start[e]) : eventsFrom(d, q, vin.start[e]);
      const lo = Math.max(carried, eventsFrom(d, q, minDay));
      const hi = eventsFrom(d, q, before);
      for (let x = lo; x < hi; x++) visit(d.personEv[x], s.alphaVo, -2 - q);
    }
  if (s.alphaSelf > 0) {
    for (let x = eventsFrom(d, k, minDay); x < eventsFrom(d, k, before); x++)
      visit(d.personEv[x], s.alphaSelf, -1);
  }
}

/**
 * The kind of a first-generation term by its `via` ({@link forEachFirstGeneration}): `'exposure'`
 * (a co-offending tie, `via` ≥ 0 the associate), `'victim-offender'` (`via` ≤ −2, the person
 * −2 − via on the other side of the tie) or `'own-victimisation'` (−1).
 */
export function viaKind(via: number): 'exposure' | 'victim-offender' | 'own-victimisation' {
  return via >= 0 ? 'exposure' : via === -1 ? 'own-victimisation' : 'victim-offender';
}

/** The person behind a first-generation term's `via` (−1 for one's own event). */
export function viaPerson(via: number): number {
  return via >= 0 ? via : via === -1 ? -1 : -2 - via;
}

/** Trend bin of time t (the first or last bin outside the fitted window). */
export function binAt(s: HawkesState, t: number): number {
  const e = s.bg.edges;
  let b = 0;
  while (b < s.bg.B - 1 && e[b + 1] <= t) b++;
  return b;
}

/** Rate of the trend bin at t; past the fitted window, the last bin's. */
export function trendRate(s: HawkesState, t: number): number {
  return s.rates[binAt(s, t)];
}

/** e^(γ·z) of person k with counts c at time t. */
const zBuffer = { z: new Float64Array(8) };
export function personFactor(s: HawkesState, k: number, c: Counts, t: number): number {
  const { bg } = s;
  if (bg.d === 0) return 1;
  if (zBuffer.z.length < bg.d) zBuffer.z = new Float64Array(bg.d);
  const z = zBuffer.z;
  const x = rawOwn(c, t, z, 0, bg.own);
  for (let f = 0; f < x; f++) z[f] -= bg.centre[f];
  if (bg.userX && k >= 0) for (let f = 0; f < bg.u; f++) z[x + f] = bg.userX[k * bg.u + f];
  let v = 0;
  for (let f = 0; f < bg.d; f++) v += s.theta[f] * z[f];
  return Math.exp(v);
}

/** The posterior mean of person k's frailty (1 without `frailty`, or for an unknown person). */
export function frailtyOf(s: HawkesState, k: number): number {
  return s.frailty && k >= 0 ? s.frailty[k] : 1;
}

/**
 * μ_k(t): background of person k at t from records dated before t (0 when not at risk), as
 * fitted (the frailty posterior enters forecasts, `risk`, not the fitted intensity).
 */
export function backgroundRate(s: HawkesState, k: number, t: number): number {
  if (k < 0 || !atRiskAt(s.bg, k, t)) return 0;
  const c = countsBefore(s.data, k, t, false, s.bg.recordDays, s.bg.group, s.bg.co);
  return trendRate(s, t) * season(s.b1, s.b2, t) * personFactor(s, k, c, t);
}

/**
 * ∫ μ_k over [a, b) with the counts `c` held (records after `a` unknown; with a finite
 * `recordCountDays`, records leaving the window after `a` are not dropped either: the forecast
 * holds the covariates as of `a`), split at trend bins
 * and anniversaries of the first record, over the person's at-risk time (times their frailty's
 * posterior mean with `frailty`).
 */
export function backgroundIntegral(
  s: HawkesState,
  k: number,
  c: Counts,
  a: number,
  b: number,
): number {
  return backgroundBeforeLevel(s, k, c, a, b) * forecastLevelScale(s, a);
}

/** {@link backgroundIntegral} before the forecast level: ∫ μ_k × frailty (the same product). */
function backgroundBeforeLevel(s: HawkesState, k: number, c: Counts, a: number, b: number): number {
  let total = 0;
  const bg = s.bg;
  // The at-risk intervals of [a, b) (atRiskIntervals' list), walked in place: no arrays per
  // call (a ranked list calls this for everyone in a city).
  let ia = Math.max(a, bg.entry[k]);
  let x = bg.exitOffset[k];
  const xEnd = bg.exitOffset[k + 1];
  while (ia < b) {
    let ib = b;
    let resume = Number.NaN;
    for (; x < xEnd; x++) {
      const f = bg.exitFrom[x];
      const e = bg.exitTo[x];
      if (e <= ia) continue;
      if (f > ia) {
        ib = Math.min(f, b);
        resume = e;
        x++;
        break;
      }
      ia = Math.max(ia, e);
    }
    if (!(ia < ib)) break;
    let t = ia;
    while (t < ib) {
      let next = ib;
      if (bg.own[3]) next = Math.min(next, nextAnniversary(c.first, t));
      const bin = binAt(s, t);
      if (bin < bg.B - 1) next = Math.min(next, bg.edges[bin + 1]);
      total += s.rates[bin] * personFactor(s, k, c, t) * seasonIntegral(s.b1, s.b2, t, next);
      t = next;
    }
    if (Number.isNaN(resume)) break;
    ia = Math.max(ib, resume);
  }
  return total * frailtyOf(s, k);
}

/**
 * With `forecastLevel: 'drift-checked'`: the share ρ ∈ [0, 1] of the record covariates' drift
 * that the events followed over the fitted window. Per trend bin b with events, the aggregate
 * covariate factor per day D_b = Σ_rows e^(γ·z_r)·A0[r, b] / (bin length) and the bin's rate
 * μ_b; with slopes over time by least squares weighted by the bins' fitted background events,
 * ρ = 1 + slope(ln μ) / slope(ln D). The fitted level μ_b·D_b follows the events of each bin, so
 * where the events stay flat while the covariates rise the trend falls as fast (ρ = 0: the drift
 * is not in the events) and where the events rise with the covariates the trend stays flat
 * (ρ = 1). The same reading holds when the covariates fall. 1 (no correction) when fewer than
 * two bins have events or the covariates do not drift.
 */
export function driftInEvents(s: HawkesState): number {
  const bg = s.bg;
  const B = bg.B;
  const D = new Float64Array(B);
  for (let r = 0; r < bg.nRows; r++) {
    let v = 0;
    for (let f = 0; f < bg.d; f++) v += s.theta[f] * bg.Z[r * bg.d + f];
    const e = Math.exp(v);
    for (let b = 0; b < B; b++) D[b] += e * bg.A0[r * B + b];
  }
  let sw = 0;
  let sx = 0;
  let sm = 0;
  let sd = 0;
  let bins = 0;
  for (let b = 0; b < B; b++)
    if (s.rates[b] > 0 && D[b] > 0) {
      const w = s.rates[b] * D[b];
      sw += w;
      sx += w * (bg.edges[b] + bg.edges[b + 1]) * 0.5;
      sm += w * Math.log(s.rates[b]);
      sd += w * Math.log(D[b] / (bg.edges[b + 1] - bg.edges[b]));
      bins++;
    }
  if (bins < 2) return 1;
  const mx = sx / sw;
  const mm = sm / sw;
  const md = sd / sw;
  let sxx = 0;
  let sxm = 0;
  let sxd = 0;
  for (let b = 0; b < B; b++)
    if (s.rates[b] > 0 && D[b] > 0) {
      const w = s.rates[b] * D[b];
      const dx = (bg.edges[b] + bg.edges[b + 1]) * 0.5 - mx;
      sxx += w * dx * dx;
      sxm += w * dx * (Math.log(s.rates[b]) - mm);
      sxd += w * dx * (Math.log(D[b] / (bg.edges[b + 1] - bg.edges[b])) - md);
    }
  // Either direction: covariates that fall (people leaving the population at risk, counts over
  // a trailing window) under a rising trend are as much drift the events did not follow.
  if (!(sxx > 0) || !(sxd !== 0)) return 1;
  const rho = 1 + sxm / sxd;
  return Number.isFinite(rho) ? Math.min(1, Math.max(0, rho)) : 1;
}

/**
 * What a forecast cache of a state was computed from: the values of μ_b and γ (copies, so an
 * edit of the state's arrays in place is noticed: B + d comparisons a look-up), the frailty
 * array and the forecast level.
 */
interface CacheInputs {
  rates: Float64Array;
  theta: Float64Array;
  frailty: Float64Array | null;
  level: HawkesState['forecastLevel'];
}

function cacheInputs(s: HawkesState): CacheInputs {
  return {
    rates: s.rates.slice(),
    theta: s.theta.slice(),
    frailty: s.frailty,
    level: s.forecastLevel,
  };
}

/** True while `s` holds the inputs `c` was taken from. */
function sameInputs(c: CacheInputs, s: HawkesState): boolean {
  const { rates, theta } = s;
  if (c.frailty !== s.frailty || c.level !== s.forecastLevel) return false;
  if (rates.length !== c.rates.length || theta.length !== c.theta.length) return false;
  for (let b = 0; b < rates.length; b++) if (rates[b] !== c.rates[b]) return false;
  for (let f = 0; f < theta.length; f++) if (theta[f] !== c.theta[f]) return false;
  return true;
}

/** {@link forecastLevelScale} by state and day (the last few days asked), with its inputs. */
const levelScales = new WeakMap<HawkesState, { inputs: CacheInputs; byDay: Map<number, number> }>();

/**
 * With `forecastLevel: 'last-bin'`, the factor every person's forecast background from `from` is
 * multiplied by (1 otherwise): 1/G, where G is the drift of the record covariates since the
 * latest trend bin that ends by `from` (the last bin for a forecast past the fit; none, so 1,
 * when `from` is inside the first bin: nothing after `from` is read),
 *
 *   G = Σ_k w_k e^(γ·z_k(from)) / Σ_k w_k m_k,
 *
 * over the people at risk at `from`, w_k their frailty's posterior mean (as `risk` weighs them)
 * and m_k the mean of e^(γ·z_k(t)) over their at-risk time in that bin (e^(γ·z_k(from)) when they
 * have none there). The bin's rate is fitted (its own maximum-likelihood estimate) to the events
 * of the bin at the covariates as they stood over the bin; cumulative record counts and the years
 * since the first record grow for everyone, so the covariates at `from` sum to more than they did
 * over the bin even for people whose risk did not change, and a forecast carrying them would
 * over-predict by G. Scaling by 1/G keeps the forecast at the bin's level for the same people
 * while each person's share of it (the ranking) is unchanged. O(records + people) once per state
 * and day. `factorAt(k)`, when given, is e^(γ·z_k(from)) of person k (`personFactor` with their
 * counts before `from`), for a caller that has it already: the same number, not walked again.
 */
export function forecastLevelScale(
  s: HawkesState,
  from: number,
  factorAt?: (k: number) => number,
): number {
  if (!(s.forecastLevel === 'last-bin' || s.forecastLevel === 'drift-checked') || s.bg.d === 0)
    return 1;
  let cached = levelScales.get(s);
  // A state whose μ or γ changed since (edited in place) is measured again.
  if (cached && !sameInputs(cached.inputs, s)) cached = undefined;
  const hit = cached?.byDay.get(from);
  if (hit !== undefined) return hit;
  if (!cached) levelScales.set(s, (cached = { inputs: cacheInputs(s), byDay: new Map() }));
  const byDay = cached.byDay;
  if (byDay.size >= 8) byDay.delete(byDay.keys().next().value!);
  // 'drift-checked' with all of the drift in the events (ρ = 1): G^0, no need to measure G (kept
  // by day too: `risk` asks once per person, and ρ is a pass over the design's rows).
  const rho = s.forecastLevel === 'drift-checked' ? driftInEvents(s) : 0;
  if (rho >= 1) {
    byDay.set(from, 1);
    return 1;
  }
  const bg = s.bg;
  // The latest trend bin that ends by `from` (the last bin for a forecast past the fit): its
  // mean is read from records and time before `from` only. None (`from` inside the first bin):
  // no correction.
  let b = -1;
  for (let j = 0; j < bg.B; j++) if (bg.edges[j + 1] <= from) b = j;
  if (b < 0) {
    byDay.set(from, 1);
    return 1;
  }
  const n = s.data.nPeople;
  // Each person's ∫ e^(γ·z_k(t)) dt and at-risk time in the bin, walked from the bin's start
  // (not from the window's: the same pieces inside the bin, see BinWalk), one person at a time
  // and summed in person order as before (no person-sized arrays).
  const walk = new BinWalk(s, bg.edges[b], bg.edges[b + 1]);
  let atFrom = 0;
  let mean = 0;
  for (let k = 0; k < n; k++) {
    if (!atRiskAt(bg, k, from)) continue;
    const w = frailtyOf(s, k);
    const f = factorAt
      ? factorAt(k)
      : personFactor(
          s,
          k,
          countsBefore(s.data, k, from, false, bg.recordDays, bg.group, bg.co),
          from,
        );
    atFrom += w * f;
    walk.person(k);
    mean += w * (walk.time > 0 ? walk.total / walk.time : f);
  }
  let scale = atFrom > 0 && mean > 0 && Number.isFinite(mean / atFrom) ? mean / atFrom : 1;
  if (s.forecastLevel === 'drift-checked') scale **= 1 - rho;
  byDay.set(from, scale);
  return scale;
}

/**
 * One person at a time: ∫ e^(γ·z_k(t)) dt over their at-risk time in [since, until) (`total`;
 * trend rate and season left out) and that time (`time`), for `since` and `until` trend-bin
 * edges: the numbers {@link personBackgroundTotals} gives with `time`, added in the same order.
 * Its walk starts at `since` (records and group events before it applied at once) and stops at
 * `until`: a walk from the window's start always has a piece starting at `since` (a bin edge
 * ends every piece that crosses it), the counts at `since` do not depend on where the walk
 * started (records enter at their day and leave at day + recordDays, in day order), and the
 * anniversaries after `since` are a function of the first record; so the pieces inside the bin,
 * and their sums, are the same.
 */
class BinWalk {
  total = 0;
  time = 0;
  private readonly cols: RecordColumns;
  private readonly memo = new FactorMemo();
  private readonly c: Counts = zeroCounts();

  constructor(
    private readonly s: HawkesState,
    private readonly since: number,
    private readonly until: number,
  ) {
    this.cols = recordColumns(s.data);
  }

  person(k: number): void {
    const { s, since, until, memo, c } = this;
    const { offset: recOff, day: recDay, bits: recBits } = this.cols;
    const d = s.data;
    const bg = s.bg;
    this.total = 0;
    this.time = 0;
    if (!(bg.entry[k] < d.end)) return;
    if (bg.u > 0) memo.clear();
    const W = bg.recordDays;
    const G = bg.group;
    const WG = G ? G.days : Number.POSITIVE_INFINITY;
    const gDay = G ? G.day : null;
    const gPerson = G ? G.person : null;
    const edges = bg.edges;
    const lastBin = bg.B - 1;
    const rEnd = recOff[k + 1];
    c.inc = 0;
    c.off = 0;
    c.vic = 0;
    c.grp = 0;
    c.co = 0;
    c.first = Number.POSITIVE_INFINITY;
    const CO = bg.co;
    let ci = CO ? CO.offset[k] : 0;
    const cEnd = CO ? CO.offset[k + 1] : 0;
    let ri = recOff[k];
    let oi = ri;
    const gk = G ? G.group[k] : -1;
    const gHi = gk >= 0 ? G!.offset[gk + 1] : 0;
    let gi = gk >= 0 ? G!.offset[gk] : 0;
    let go = gi;
    let total = 0;
    let time = 0;
    let bin = 0;
    let ia = Math.max(d.start, bg.entry[k]);
    let x = bg.exitOffset[k];
    while (ia < d.end && ia < until) {
      let ib = d.end;
      let resume = Number.NaN;
      for (; x < bg.exitOffset[k + 1]; x++) {
        const f = bg.exitFrom[x];
        const e = bg.exitTo[x];
        if (e <= ia) continue;
        if (f > ia) {
          ib = Math.min(f, d.end);
          resume = e;
          x++;
          break;
        }
        ia = Math.max(ia, e);
      }
      if (!(ia < ib)) break;
      if (ib > since && ia < until) {
        let t = Math.max(ia, since);
        while (ri < rEnd && recDay[ri] <= t) applyBits(recDay[ri], recBits[ri++], c);
        while (oi < ri && recDay[oi] + W <= t) removeBits(recBits[oi++], c);
        if (gDay) while (gi < gHi && gDay[gi] <= t) if (gPerson![gi++] !== k) c.grp++;
        if (gDay) while (go < gi && gDay[go] + WG <= t) if (gPerson![go++] !== k) c.grp--;
        while (ci < cEnd && CO!.day[ci] <= t) c.co += CO!.delta[ci++];
        while (t < ib && t < until) {
          let next = ib;
          if (ri < rEnd && recDay[ri] < next) next = recDay[ri];
          if (oi < ri && recDay[oi] + W < next) next = recDay[oi] + W;
          if (gDay && gi < gHi && gDay[gi] < next) next = gDay[gi];
          if (gDay && go < gi && gDay[go] + WG < next) next = gDay[go] + WG;
          if (ci < cEnd && CO!.day[ci] < next) next = CO!.day[ci];
          if (bg.own[3]) next = Math.min(next, nextAnniversary(c.first, t));
          while (bin < lastBin && edges[bin + 1] <= t) bin++;
          if (bin < lastBin) next = Math.min(next, edges[bin + 1]);
          if (next > t && t >= since && t < until) {
            total += memo.factor(s, k, c, t) * (next - t);
            time += next - t;
          }
          t = next;
          while (ri < rEnd && recDay[ri] <= t) applyBits(recDay[ri], recBits[ri++], c);
          while (oi < ri && recDay[oi] + W <= t) removeBits(recBits[oi++], c);
          if (gDay) while (gi < gHi && gDay[gi] <= t) if (gPerson![gi++] !== k) c.grp++;
          if (gDay) while (go < gi && gDay[go] + WG <= t) if (gPerson![go++] !== k) c.grp--;
          while (ci < cEnd && CO!.day[ci] <= t) c.co += CO!.delta[ci++];
        }
      }
      if (Number.isNaN(resume)) break;
      ia = Math.max(ib, resume);
    }
    this.total = total;
    this.time = time;
  }
}

/**
 * Each person's expected background events over their at-risk time in the outcome window at
 * the fitted parameters (record covariates moving with their records). O(records + people × bins).
 * With `time`, instead: each person's ∫ e^(γ·z_k(t)) dt over their at-risk time in
 * [since, until) (the trend rate and season left out; `since` and `until` trend-bin edges), and
 * that time in `time[k]`.
 */
export function personBackgroundTotals(
  s: HawkesState,
  since = Number.NEGATIVE_INFINITY,
  until = Number.POSITIVE_INFINITY,
  time: Float64Array | null = null,
): Float64Array {
  const d = s.data;
  const bg = s.bg;
  const n = d.nPeople;
  const out = new Float64Array(n);
  const W = bg.recordDays;
  const { offset: recOff, day: recDay, bits: recBits } = recordColumns(d);
  // e^(γ·z) by record counts: the same for everyone with those counts when there are no user
  // covariates (else per person), so each distinct value is computed once (the same value).
  const memo = new FactorMemo();
  const c: Counts = zeroCounts();
  const G = bg.group;
  const WG = G ? G.days : Number.POSITIVE_INFINITY;
  const gDay = G ? G.day : new Float64Array(0);
  const gPerson = G ? G.person : new Int32Array(0);
  const edges = bg.edges;
  const lastBin = bg.B - 1;
  const CO = bg.co;
  const coOff = CO ? CO.offset : null;
  const coDay = CO ? CO.day : new Float64Array(0);
  const coDelta = CO ? CO.delta : new Int8Array(0);
  for (let k = 0; k < n; k++) {
    if (!(bg.entry[k] < d.end)) continue;
    if (bg.u > 0) memo.clear();
    const rEnd = recOff[k + 1];
    c.inc = 0;
    c.off = 0;
    c.vic = 0;
    c.grp = 0;
    c.co = 0;
    c.first = Number.POSITIVE_INFINITY;
    let ci = coOff ? coOff[k] : 0;
    const cEnd = coOff ? coOff[k + 1] : 0;
    let ri = recOff[k];
    let oi = ri; // the oldest applied record still counted (as buildBackground's walk)
    const gk = G ? G.group[k] : -1;
    const gHi = gk >= 0 ? G!.offset[gk + 1] : 0;
    let gi = gk >= 0 ? G!.offset[gk] : 0;
    let go = gi;
    let total = 0;
    let bin = 0;
    let tBin = Number.NEGATIVE_INFINITY;
    // The at-risk intervals of [start, end) (as atRiskIntervals), walked in place.
    let ia = Math.max(d.start, bg.entry[k]);
    let x = bg.exitOffset[k];
    while (ia < d.end) {
      let ib = d.end;
      let resume = Number.NaN;
      for (; x < bg.exitOffset[k + 1]; x++) {
        const f = bg.exitFrom[x];
        const e = bg.exitTo[x];
        if (e <= ia) continue;
        if (f > ia) {
          ib = Math.min(f, d.end);
          resume = e;
          x++;
          break;
        }
        ia = Math.max(ia, e);
      }
      if (!(ia < ib)) break;
      let t = ia;
      while (ri < rEnd && recDay[ri] <= t) applyBits(recDay[ri], recBits[ri++], c);
      while (oi < ri && recDay[oi] + W <= t) removeBits(recBits[oi++], c);
      while (gi < gHi && gDay[gi] <= t) if (gPerson[gi++] !== k) c.grp++;
      while (go < gi && gDay[go] + WG <= t) if (gPerson[go++] !== k) c.grp--;
      while (ci < cEnd && coDay[ci] <= t) c.co += coDelta[ci++];
      while (t < ib) {
        let next = ib;
        if (ri < rEnd && recDay[ri] < next) next = recDay[ri];
        if (oi < ri && recDay[oi] + W < next) next = recDay[oi] + W;
        if (gi < gHi && gDay[gi] < next) next = gDay[gi];
        if (go < gi && gDay[go] + WG < next) next = gDay[go] + WG;
        if (ci < cEnd && coDay[ci] < next) next = coDay[ci];
        if (bg.own[3]) next = Math.min(next, nextAnniversary(c.first, t));
        // binAt(s, t), carried forward: t never decreases within a person's walk, so the scan
        // from the previous bin stops where binAt's scan from bin 0 does (the same bin).
        if (!(t >= tBin)) bin = 0;
        while (bin < lastBin && edges[bin + 1] <= t) bin++;
        tBin = t;
        if (bin < lastBin) next = Math.min(next, edges[bin + 1]);
        if (time) {
          if (next > t && t >= since && t < until) {
            total += memo.factor(s, k, c, t) * (next - t);
            time[k] += next - t;
          }
        } else if (next > t)
          total += s.rates[bin] * memo.factor(s, k, c, t) * seasonIntegral(s.b1, s.b2, t, next);
        t = next;
        while (ri < rEnd && recDay[ri] <= t) applyBits(recDay[ri], recBits[ri++], c);
        while (oi < ri && recDay[oi] + W <= t) removeBits(recBits[oi++], c);
        while (gi < gHi && gDay[gi] <= t) if (gPerson[gi++] !== k) c.grp++;
        while (go < gi && gDay[go] + WG <= t) if (gPerson[go++] !== k) c.grp--;
        while (ci < cEnd && coDay[ci] <= t) c.co += coDelta[ci++];
      }
      if (Number.isNaN(resume)) break;
      ia = Math.max(ib, resume);
    }
    out[k] = total;
  }
  return out;
}

/** {@link personFactor} memoised by the record counts it depends on (exact: the same value). */
class FactorMemo {
  // Open addressing on the counts' three parts, lo = inc + B·off, hi = vic + B·(yrs + 16·grp)
  // (B = ROW_KEY_BASE; each below 2^24) and co: small integers, so a lookup boxes no number,
  // where a single key (up to 2^52) was a heap number passed at every change of a person's counts.
  private lo = new Int32Array(1 << 10);
  private hi = new Int32Array(1 << 10);
  private co = new Int32Array(1 << 10);
  private values = new Float64Array(1 << 10);
  private gens = new Int32Array(1 << 10); // a slot is used when its generation is the current one
  private gen = 1;
  private size = 0;

  private lastLo = -1;
  private lastHi = -1;
  private lastCo = -1;
  private lastValue = 0;

  clear(): void {
    this.gen++;
    this.size = 0;
    this.lastLo = -1;
  }

  factor(s: HawkesState, k: number, c: Counts, t: number): number {
    const own = s.bg.own;
    const yrs = own[3] ? yearsSince(c.first, t) : 0;
    const inc = own[0] ? c.inc : 0;
    const off = own[1] ? c.off : 0;
    const vic = own[2] ? c.vic : 0;
    const co = own[4] ? c.co : 0;
    const grp = own[5] ? c.grp : 0;
    if (
      !(
        inc < ROW_KEY_BASE &&
        off < ROW_KEY_BASE &&
        vic < ROW_KEY_BASE &&
        yrs < 16 &&
        grp < 256 &&
        co < ROW_KEY_BASE
      )
    )
      return personFactor(s, k, c, t);
    const lo = inc + ROW_KEY_BASE * off;
    const hi = vic + ROW_KEY_BASE * (yrs + 16 * grp);
    // Successive intervals of a person mostly share their counts (split at trend bins).
    if (lo === this.lastLo && hi === this.lastHi && co === this.lastCo) return this.lastValue;
    const { gens, gen } = this;
    const mask = gens.length - 1;
    let h =
      (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 1, 0x85ebca6b) ^ Math.imul(co, 0x27d4eb2f)) &
      mask;
    while (gens[h] === gen && (this.lo[h] !== lo || this.hi[h] !== hi || this.co[h] !== co))
      h = (h + 1) & mask;
    const v = gens[h] === gen ? this.values[h] : this.insert(lo, hi, co, personFactor(s, k, c, t));
    this.lastLo = lo;
    this.lastHi = hi;
    this.lastCo = co;
    this.lastValue = v;
    return v;
  }

  /** Adds (lo, hi) → v (absent), growing the table at half full; returns v. */
  private insert(lo: number, hi: number, co: number, v: number): number {
    if (2 * (this.size + 1) > this.gens.length) {
      const { lo: L, hi: H, co: C, values: V, gens: G, gen } = this;
      this.lo = new Int32Array(L.length * 2);
      this.hi = new Int32Array(L.length * 2);
      this.co = new Int32Array(L.length * 2);
      this.values = new Float64Array(L.length * 2);
      this.gens = new Int32Array(L.length * 2);
      this.size = 0;
      for (let i = 0; i < L.length; i++) if (G[i] === gen) this.insert(L[i], H[i], C[i], V[i]);
    }
    const { gens, gen } = this;
    const mask = gens.length - 1;
    let h =
      (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 1, 0x85ebca6b) ^ Math.imul(co, 0x27d4eb2f)) &
      mask;
    while (gens[h] === gen) h = (h + 1) & mask;
    gens[h] = gen;
    this.lo[h] = lo;
    this.hi[h] = hi;
    this.co[h] = co;
    this.values[h] = v;
    this.size++;
    return v;
  }
}

/**
 * Kernel mass of an event on day `tj` that falls on person k inside [a, b): over their time at
 * risk only (exits of `bg`: custody, death), as the fit's compensator counts it. @internal
 */
export function kernelMassAtRisk(
  s: HawkesState,
  bg: BackgroundDesign,
  k: number,
  tj: number,
  a: number,
  b: number,
): number {
  if (bg.exitOffset[k + 1] === bg.exitOffset[k]) return kernelMassOf(s, a - tj, b - tj);
  let v = 0;
  for (const [lo, hi] of atRiskIntervals(bg, k, a, b)) v += kernelMassOf(s, lo - tj, hi - tj);
  return v;
}

export function personNumber(s: HawkesState, person: string): number {
  const k = s.data.index.personIndex.get(person);
  return k === undefined ? -1 : k;
}

/**
 * Refuses a person id in none of the records the model was fitted on (a typo, another extract's
 * id): `model.risk` read it as 0, "no risk", and `model.intensity` as 0 events a day. People of
 * those records first recorded on or after the model's `asOf`, and people-table rows without
 * records, are not refused: the model's window holds no record of them, so 0 is its answer. Inside
 * the library's own lists, plans and traces, whose people may come from newer records
 * (`riskOfPopulation`), unknown ids stay 0: those count and warn of them. Called only for an id
 * the model's index does not hold (k = −1), so a known id costs no further lookup.
 * @internal
 */
export function refuseUnknownPerson(s: HawkesState, fn: string, person: string): void {
  if (unknownPeopleAsZero() || inWholeData(s.data.index, person)) return;
  const near = nearId(person, s.data.index.personIds);
  throw new InputError(
    fn,
    `${fn}: person '${person}' is in none of the records the model was fitted on${near ? ` (did you mean '${near}'?)` : ''}; give ids as in the records (an id the model does not know read as no risk).`,
  );
}

export function intensityDecomposed(
  s: HawkesState,
  person: string,
  at: DateLike,
  fn = 'model.intensityDecomposed',
): IntensityDecomposition {
  const t = toDay(at);
  // It was a RangeError naming neither the method nor what a date looks like.
  if (Number.isNaN(t))
    throw new InputError(
      fn,
      `${fn}: the day '${String(at)}' is not a valid date: expected text 'YYYY-MM-DD' (such as '2023-07-01'), a Date, or a day number`,
    );
  if (typeof person !== 'string') throw new InputError(fn, notAnId(fn, 'the person', person));
  // Before the fitted window nobody is at risk in the model: λ read 0 for everyone, without a
  // word (as model.risk's forecasts did).
  if (t < s.data.start)
    throw new InputError(
      fn,
      `${fn}: ${dayToIso(t)} is before the window the model was fitted on (from ${dayToIso(s.data.start)} up to its asOf ${dayToIso(s.data.end)}): nobody is at risk in the model before ${dayToIso(s.data.start)}, so the intensity would be 0. Ask for a time on or after ${dayToIso(s.data.start)}.`,
    );
  const k = personNumber(s, person);
  if (k < 0) refuseUnknownPerson(s, fn, person);
  // Out of the risk set (custody, death, `exits`) nothing happens to them: λ is 0, as in the fit.
  if (k >= 0 && !atRiskAt(s.bg, k, t))
    return { person_id: person, day: t, total: 0, background: 0, contributions: [] };
  const background = backgroundRate(s, k, t);
  const contributions: RiskContribution[] = [];
  const d = s.data;
  if (k >= 0 && s.alpha > 0) {
    forEachExcitingEvent(s, k, t, t - s.maxLag, (j, q, g) => {
      const value = kernel(s, s.alpha, g, t - d.evDay[j]);
      if (value > 0)
        contributions.push({
          kind: 'exposure',
          via: d.index.personIds[q],
          incidentId: d.index.incidentId(d.evIncident[j]),
          day: d.evDay[j],
          value,
        });
    });
  }
  // Victim–offender ties: the events of the other side that the tie carries (see voCarries).
  const vin = d.voIn;
  if (k >= 0 && s.alphaVo > 0 && vin) {
    for (let e = vin.offset[k]; e < vin.offset[k + 1]; e++) {
      const q = vin.other[e];
      const carried =
        vin.strict[e] === 1 ? eventsAfter(d, q, vin.start[e]) : eventsFrom(d, q, vin.start[e]);
      const hi = eventsFrom(d, q, t);
      for (let x = Math.max(carried, eventsFrom(d, q, t - s.maxLag)); x < hi; x++) {
        const j = d.personEv[x];
        const value = kernel(s, s.alphaVo, 1, t - d.evDay[j]);
        if (value > 0)
          contributions.push({
            kind: 'victim-offender',
            via: d.index.personIds[q],
            incidentId: d.index.incidentId(d.evIncident[j]),
            day: d.evDay[j],
            value,
          });
      }
    }
  }
  if (k >= 0 && s.alphaSelf > 0) {
    for (let x = eventsFrom(d, k, t - s.maxLag); x < eventsFrom(d, k, t); x++) {
      const j = d.personEv[x];
      const value = kernel(s, s.alphaSelf, 1, t - d.evDay[j]);
      if (value > 0)
        contributions.push({
          kind: 'own-victimisation',
          incidentId: d.index.incidentId(d.evIncident[j]),
          day: d.evDay[j],
          value,
        });
    }
  }
  contributions.sort((a, b) => b.value - a.value);
  let total = background;
  for (const c of contributions) total += c.value;
  return { person_id: person, day: t, total, background, contributions };
}

/**
 * Expected knock-on events per person in [from, from + h): the later generations of the linear
 * Hawkes process, from its expected intensity m_k(t) = μ_k(t) + H_k(t) + y_k(t), where H is the
 * first-generation excitation of past events and y the excitation of events inside the horizon,
 * dy_k/dt = −β y_k + (β/Z)(α Σ_{q ∈ N(k)} g·m_q + α_vo Σ_{q ∈ V(k)} m_q + α_self·m_k), over the
 * co-offending ties N and victim–offender ties V formed before `from`. Stepped exactly for an
 * exponential kernel with m held over each step at its midpoint (y there predicted from the
 * previous step's input; on the first step, from a first pass with y = 0), in steps of at most min(3 days, 0.05/β); delays inside the horizon
 * never exceed it, so with h ≤ maxLagDays the truncation does not enter.
 */
export function knockOn(
  s: HawkesState,
  from: number,
  h: number,
  common: (t: number) => number,
  factor: Float64Array,
  firstGen: (k: number, t: number) => number,
  hasFirstGen: Uint8Array,
  fg: { start: Int32Array; end: Int32Array; j: Int32Array; w: Float64Array },
): Float64Array {
  const d = s.data;
  const n = d.nPeople;
  const out = new Float64Array(n);
  if (!(s.alpha > 0 || s.alphaSelf > 0 || s.alphaVo > 0)) return out;
  if (s.hist || (s.shape && !Number.isInteger(s.shape)))
    return knockOnConvolution(s, from, h, common, factor, firstGen, hasFirstGen);
  const K = s.shape ?? 1;
  const Z = K === 1 ? kernelNorm(s.beta, s.maxLag) : gammaP(K, K * s.beta * s.maxLag);
  // Steps of at most min(3 days, 0.05/β) for the exponential kernel, whose m reads y at the
  // step's midpoint (predicted, below): second order, so at the 1M pipeline's β (mean delay
  // ~125 days) 30 steps over 90 days instead of 90, and closer to the exact solution than the
  // one-day steps with y at the step's start were (bench/results/knock-on-steps.md). The Erlang
  // chain keeps steps of at most min(1 day, 0.05/β) with the stages at the step's start.
  const steps = Math.max(1, Math.ceil(h / Math.min(K === 1 ? 3 : 1, 0.05 / s.beta)));
  const dt = h / steps;
  const decay = Math.exp(-s.beta * dt);
  // y at a step's midpoint, predicted from y at its start and the previous step's input X:
  // y·e^{−βdt/2} + X_prev·(1 − e^{−βdt/2}) (exact if X held its previous value). Reading y at
  // the step's start instead lags the knock-on's own feedback by half a step, a first-order
  // error (1.95% of the expected events at a mean delay of 11 days with steps of 0.05/β).
  const halfDecay = Math.exp((-s.beta * dt) / 2);
  const halfGain = 1 - halfDecay;
  // Ties formed before `from` with their g as of `from`, only those with g > 0, in tie order
  // (the sums below add the same terms in the same order as over every tie).
  const { alpha, alphaSelf, beta } = s;
  // α·g of each live tie: the product α·g·m is evaluated left to right, so (α·g)·m is the same
  // number; with every g = 1 (unweighted ties) it is α itself and no array is made or read.
  // Unweighted ties (g ≡ 1) all formed before `from` (every tie of the records before asOf, as
  // in a list as of the fit's asOf): the live ties are the data's own tie lists, read as they are
  // rather than copied (at a million people the copy is ~17 MB of typed arrays that live through
  // the steps, and each ~64 MB of those costs the collector a full mark of the city's heap).
  // Victim–offender ties formed before `from` carry every event inside the horizon, with α_vo
  // (ties a later event would form are not anticipated, as co-offending ones are not).
  const vin = s.alphaVo > 0 ? d.voIn : null;
  let allLive = alpha > 0 && s.g === null && vin === null;
  for (let e = 0; allLive && e < d.tieStart.length; e++) allLive = d.tieStart[e] < from;
  let liveOffset = d.tieOffset;
  let liveNeighbour = d.tieNeighbour;
  let liveAG: Float64Array | null = null;
  // Whose m is read (a live tie's neighbour, or everyone with self-excitation) and whose
  // excitation X can be non-zero (live ties, or self-excitation): anyone else keeps y = 0 and
  // adds exactly 0 to `out` at every step, so they are left out of the steps.
  const read = new Uint8Array(n);
  let live = 0;
  if (allLive) {
    live = liveNeighbour.length;
    for (let e = 0; e < live; e++) read[liveNeighbour[e]] = 1;
  } else {
    liveOffset = new Int32Array(n + 1);
    liveNeighbour = new Int32Array(
      (alpha > 0 ? d.tieNeighbour.length : 0) + (vin ? vin.other.length : 0),
    );
    for (let k = 0; k < n; k++) {
      if (alpha > 0)
        for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) {
          const g = tieG(d, s.g, e, from);
          if (g > 0) {
            if (g !== 1 && !liveAG)
              liveAG = new Float64Array(liveNeighbour.length).fill(alpha, 0, live);
            read[d.tieNeighbour[e]] = 1;
            if (liveAG) liveAG[live] = alpha * g;
            liveNeighbour[live++] = d.tieNeighbour[e];
          }
        }
      if (vin)
        for (let e = vin.offset[k]; e < vin.offset[k + 1]; e++) {
          if (!(vin.start[e] < from)) continue;
          if (s.alphaVo !== alpha && !liveAG)
            liveAG = new Float64Array(liveNeighbour.length).fill(alpha, 0, live);
          read[vin.other[e]] = 1;
          if (liveAG) liveAG[live] = s.alphaVo;
          liveNeighbour[live++] = vin.other[e];
        }
      liveOffset[k + 1] = live;
    }
  }
  // The people of the steps (read, or with excitation) renumbered breadth-first over the live
  // ties, so that the m a person's step reads are mostly near in memory: at a million people, m
  // read in the data's order (first appearance) misses the caches on almost every tie, and the
  // gather was 75% of the steps' time (bench/results/hawkes.md, fourth and fifth passes). Person
  // i of the steps is `orig[i]` of the data, and every per-person array the steps read is laid
  // out in that order (read through the data's numbers instead, a renumbering made it slower).
  // Every person's sums add the same terms in the same order as before (a row's ties keep their
  // order), so the results are the same numbers.
  const inSteps = (k: number) =>
    read[k] === 1 || liveOffset[k + 1] > liveOffset[k] || alphaSelf > 0;
  let N = 0;
  for (let k = 0; k < n; k++) if (inSteps(k)) N++;
  // pos[k]: person k's number in the steps (−1: not yet numbered, or not in the steps).
  const pos = new Int32Array(n).fill(-1);
  const orig = new Int32Array(N);
  const off = new Int32Array(N + 1);
  const nb = new Int32Array(live);
  const ag = liveAG ? new Float64Array(live) : null;
  // The breadth-first order (graph/csr breadthFirstOrder's: each search from the lowest-numbered
  // person not yet reached, neighbours in tie order) and the renumbered tie lists in one pass:
  // person i's ties are read when i leaves the queue, and every neighbour has its number by then
  // (a live tie's neighbour is read, so in the steps). One walk over the ties in the new order
  // instead of a search and then a second walk (each mostly cache misses at 1M people). In the
  // data's order everyone is queued first, so nobody is reached through a tie.
  let head = 0;
  let tail = 0;
  let c = 0;
  if (knockOnOrder === 'data')
    for (let k = 0; k < n; k++)
      if (inSteps(k)) {
        pos[k] = tail;
        orig[tail++] = k;
      }
  for (let r = 0; r < n; r++) {
    if (pos[r] < 0 && inSteps(r)) {
      pos[r] = tail;
      orig[tail++] = r;
    }
    while (head < tail) {
      const u = orig[head++];
      for (let e = liveOffset[u], end = liveOffset[u + 1]; e < end; e++) {
        const v = liveNeighbour[e];
        let at = pos[v];
        if (at < 0) {
          at = tail;
          pos[v] = tail;
          orig[tail++] = v;
        }
        nb[c] = at;
        if (ag) ag[c] = liveAG![e];
        c++;
      }
      off[head] = c;
    }
  }
  const isRead = new Uint8Array(N);
  const pFactor = new Float64Array(N);
  const pExit = new Uint8Array(N);
  // Each person's first-generation terms (weight, and which day their event is on: the density
  // of an event depends only on its day, so it is computed once per step and day), in step order.
  let terms = 0;
  for (let i = 0; i < N; i++)
    if (hasFirstGen[orig[i]]) terms += fg.end[orig[i]] - fg.start[orig[i]];
  const fOff = new Int32Array(N + 1);
  const fW = new Float64Array(terms);
  const fDay = new Int32Array(terms);
  const dayAt = new Map<number, number>();
  const days: number[] = [];
  const ex = s.bg.exitOffset;
  let mCount = 0;
  let xCount = 0;
  for (let i = 0; i < N; i++) {
    const k = orig[i];
    isRead[i] = read[k] || alphaSelf > 0 ? 1 : 0;
    if (isRead[i]) mCount++;
    if (off[i + 1] > off[i] || alphaSelf > 0) xCount++;
    pFactor[i] = factor[k];
    pExit[i] = ex[k + 1] > ex[k] ? 1 : 0;
    let f = fOff[i];
    if (hasFirstGen[k])
      for (let x = fg.start[k]; x < fg.end[k]; x++) {
        const day = d.evDay[fg.j[x]];
        let at = dayAt.get(day);
        if (at === undefined) {
          at = days.length;
          dayAt.set(day, at);
          days.push(day);
        }
        fW[f] = fg.w[x];
        fDay[f++] = at;
      }
    fOff[i + 1] = f;
  }
  const dens = new Float64Array(days.length);
  // The people whose m is computed, and those whose excitation is: null when everyone of the
  // steps (as with symmetric ties, where whoever is read also reads).
  const mList = mCount === N ? null : new Int32Array(mCount);
  const xList = xCount === N ? null : new Int32Array(xCount);
  for (let i = 0, a = 0, b = 0; i < N && (mList || xList); i++) {
    if (mList && isRead[i]) mList[a++] = i;
    if (xList && (off[i + 1] > off[i] || alphaSelf > 0)) xList[b++] = i;
  }
  const y = new Float64Array(N);
  const m = new Float64Array(N);
  const res = new Float64Array(N);
  // The previous step's input X of each person (the exponential kernel's midpoint prediction).
  const xPrev = K === 1 ? new Float64Array(N) : null;
  const oneMinusDecay = 1 - decay;
  const stepWeight = dt - oneMinusDecay / beta;
  // Erlang kernel of shape K: a chain of K stages at rate ρ = Kβ (person-major, y = last stage);
  // over a step with input X held, stage i keeps Σ_j e^{−x}x^j/j!·S_{i−j} and gains P(i+1, x)·X,
  // and ∫ y = Σ_j S_{K−1−j}·P(j+1, x)/ρ + X·(dt − Σ_j P(j+1, x)/ρ), x = ρ·dt.
  const rho = K * beta;
  const chain = K > 1 ? new Float64Array(N * K) : null;
  const keep = new Float64Array(K);
  const gain = new Float64Array(K);
  let gainIntegral = dt;
  if (chain) {
    const x = rho * dt;
    let term = Math.exp(-x);
    let below = 0;
    for (let j = 0; j < K; j++) {
      if (j > 0) term *= x / j;
      keep[j] = term;
      below += term;
      gain[j] = x < 0.5 ? gammaP(j + 1, x) : 1 - below;
      gainIntegral -= gain[j] / rho;
    }
  }
  // m of every person read, at the midpoint t of a step of half-width dt/2.
  const fillM = (t: number, ct: number) => {
    for (let i = 0; i < mCount; i++) {
      const k = mList === null ? i : mList[i];
      // Out of the risk set (custody, death) nothing happens to them: no events of their own,
      // none for them to pass on. Over a step that an exit starts or ends in, the share of it
      // they are at risk.
      const share = pExit[k] ? atRiskShare(s.bg, orig[k], t - dt / 2, t + dt / 2) : 1;
      if (share === 0) {
        m[k] = 0;
        continue;
      }
      const b = pFactor[k] * ct;
      let v = 0;
      const fe = fOff[k + 1];
      for (let x = fOff[k]; x < fe; x++) v += fW[x] * dens[fDay[x]];
      m[k] = b + (fe > fOff[k] ? v : 0) + (xPrev ? y[k] * halfDecay + xPrev[k] * halfGain : y[k]);
      if (share < 1) m[k] *= share;
    }
  };
  for (let st = 0; st < steps; st++) {
    const t = from + (st + 0.5) * dt;
    const ct = common(t);
    for (let q = 0; q < days.length; q++) dens[q] = kernelDensity(s, t - days[q]);
    fillM(t, ct);
    if (st === 0 && xPrev) {
      // The first step has no previous input to predict y at its midpoint from: X there is first
      // computed with y = 0 (m as above), then m again with y predicted from that X. Without it
      // the first step read y = 0, a first-order error that dominates short horizons (1.3–1.5%
      // under a fine solution at 1–3 days).
      for (let i = 0; i < xCount; i++) {
        const k = xList === null ? i : xList[i];
        let X = alphaSelf * m[k];
        if (!ag) for (let e = off[k], end = off[k + 1]; e < end; e++) X += alpha * m[nb[e]];
        else for (let e = off[k], end = off[k + 1]; e < end; e++) X += ag[e] * m[nb[e]];
        xPrev[k] = X / Z;
      }
      fillM(t, ct);
    }
    for (let i = 0; i < xCount; i++) {
      const k = xList === null ? i : xList[i];
      let X = alphaSelf * m[k];
      if (!ag) for (let e = off[k], end = off[k + 1]; e < end; e++) X += alpha * m[nb[e]];
      else for (let e = off[k], end = off[k + 1]; e < end; e++) X += ag[e] * m[nb[e]];
      X /= Z;
      // The excitation reaching someone out of the risk set keeps decaying, but makes no events.
      const share = pExit[k] ? atRiskShare(s.bg, orig[k], t - dt / 2, t + dt / 2) : 1;
      if (chain) {
        const o = k * K;
        let integral = X * gainIntegral;
        for (let j = 0; j < K; j++) integral += (chain[o + K - 1 - j] * gain[j]) / rho;
        res[k] += share * integral;
        for (let i = K - 1; i >= 0; i--) {
          let v = gain[i] * X;
          for (let j = 0; j <= i; j++) v += keep[j] * chain[o + i - j];
          chain[o + i] = v;
        }
        y[k] = chain[o + K - 1];
        continue;
      }
      // ∫ y over the step, then y at its end.
      xPrev![k] = X;
      res[k] += share * ((y[k] * oneMinusDecay) / beta + X * stepWeight);
      y[k] = y[k] * decay + X * oneMinusDecay;
    }
  }
  for (let i = 0; i < N; i++) out[orig[i]] = res[i];
  return out;
}

let knockOnOrder: 'breadth-first' | 'data' = 'breadth-first';

/**
 * Sets the order {@link knockOn} lays its people out in: `'data'` (the data's numbering) is there
 * so that a test can check the renumbering changes no number. @internal
 */
export function setKnockOnOrder(order: 'breadth-first' | 'data'): void {
  knockOnOrder = order;
}

/**
 * {@link knockOn} for a kernel without a Markov form (the histogram kernel): a discretised
 * convolution in one-day steps, y_k(t) = Σ_{s < t} φ(t − s)·X_k(s), X_k = α Σ_{q ∈ N(k)} g·m_q.
 * O(people × steps²).
 */
function knockOnConvolution(
  s: HawkesState,
  from: number,
  h: number,
  common: (t: number) => number,
  factor: Float64Array,
  firstGen: (k: number, t: number) => number,
  hasFirstGen: Uint8Array,
): Float64Array {
  const d = s.data;
  const n = d.nPeople;
  const out = new Float64Array(n);
  const steps = Math.max(1, Math.ceil(h));
  const dt = h / steps;
  const K = new Float64Array(steps);
  for (let l = 1; l < steps; l++) K[l] = kernelMassOf(s, (l - 0.5) * dt, (l + 0.5) * dt);
  K[0] = kernelMassOf(s, 0, 0.5 * dt);
  const gOf = new Float64Array(d.tieNeighbour.length);
  for (let k = 0; k < n; k++)
    for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) gOf[e] = tieG(d, s.g, e, from);
  // Victim–offender ties formed before `from` (see knockOn).
  const vin = s.alphaVo > 0 ? d.voIn : null;
  const X = new Float64Array(n * steps);
  const m = new Float64Array(n);
  const ex = s.bg.exitOffset;
  for (let st = 0; st < steps; st++) {
    const t = from + (st + 0.5) * dt;
    const ct = common(t);
    for (let k = 0; k < n; k++) {
      let y = 0;
      for (let s2 = 0; s2 < st; s2++) y += X[k * steps + s2] * K[st - s2];
      // Out of the risk set: no events of their own, none to pass on (as in knockOn).
      const share = ex[k + 1] > ex[k] ? atRiskShare(s.bg, k, t - dt / 2, t + dt / 2) : 1;
      if (share === 0) {
        m[k] = 0;
        continue;
      }
      const b = factor[k] * ct;
      m[k] = share * (b + (hasFirstGen[k] ? firstGen(k, t) : 0) + y / dt);
      out[k] += share * y;
    }
    for (let k = 0; k < n; k++) {
      let x = 0;
      for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) {
        const g = gOf[e];
        if (g > 0) x += g * m[d.tieNeighbour[e]];
      }
      if (vin) {
        let xv = 0;
        for (let e = vin.offset[k]; e < vin.offset[k + 1]; e++)
          if (vin.start[e] < from) xv += m[vin.other[e]];
        X[k * steps + st] = (s.alpha * x + s.alphaVo * xv) * dt;
      } else X[k * steps + st] = s.alpha * x * dt;
    }
  }
  return out;
}

/**
 * Knock-on events of every person for the last few (from, horizon) asked of a model: a list and
 * a trace as of one date need the same propagation over the whole network, computed once.
 */
const knockOnCache = new WeakMap<
  HawkesState,
  Map<string, { knock: Float64Array; inputs: CacheInputs }>
>();

const RISK_OPTION_RULES = {
  from: rule.date,
  horizonDays: horizonRule(),
  generations: rule.oneOf(['all', 'first'] as const),
};

/** What {@link risk} and {@link riskColumns} share: first-generation lists, knock-on, counts. */
interface RiskContext {
  from: number;
  h: number;
  /** Person k's background integral over the horizon ({@link backgroundIntegral}; k ≥ 0). */
  background: (k: number) => number;
  /** Person k's first-generation terms are `fgJ[fgStart(k) .. fgEnd(k))` (fgStart −1: not listed). */
  fgStart: (k: number) => number;
  fgEnd: (k: number) => number;
  fgJ: Int32Array;
  fgW: Float64Array;
  fgVia: Int32Array;
  /** Kernel mass of event j left in the horizon (once per event, shared by its person's neighbours). */
  massOf: (j: number) => number;
  /**
   * The part of it that falls on person k: {@link RiskContext.massOf} for anyone always at risk,
   * else only over k's time at risk in the horizon (an exit — custody, death — takes the rest).
   */
  massFor: (k: number, j: number) => number;
  knock: Float64Array | null;
}

function riskContext(
  s: HawkesState,
  options: { from: DateLike; horizonDays: number; generations?: 'all' | 'first' },
  numbers: () => Iterable<number>,
): RiskContext {
  checkOptions('model.risk', options, RISK_OPTION_RULES);
  if (options?.from === undefined || options.horizonDays === undefined) {
    throw new OptionError(
      'model.risk',
      options?.from === undefined ? 'from' : 'horizonDays',
      "model.risk: options { from, horizonDays } are required: the first day of the horizon (a date) and its length in days, e.g. model.risk(people, { from: '2024-01-01', horizonDays: 90 }).",
    );
  }
  const from = toDay(options.from);
  if (Number.isNaN(from))
    throw new OptionError(
      'model.risk',
      'from',
      `model.risk: option 'from' '${String(options.from)}' is not a valid date.`,
    );
  // Before the fitted window nobody is at risk in the model (entry is at its start at the
  // earliest) and no trend bin was fitted: every forecast there was 0, without a word.
  if (from < s.data.start)
    throw new OptionError(
      'model.risk',
      'from',
      `model.risk: from ${dayToIso(from)} is before the window the model was fitted on (from ${dayToIso(s.data.start)} up to its asOf ${dayToIso(s.data.end)}): nobody is at risk in the model before ${dayToIso(s.data.start)}, so ${from + options.horizonDays <= s.data.start ? 'every forecast would be 0' : `every forecast would leave out the ${count(Math.ceil(s.data.start - from), 'day')} of the horizon before it`}. Give a from on or after ${dayToIso(s.data.start)}, or fit the model on a window that holds it.`,
    );
  const h = options.horizonDays;
  const generations = options.generations ?? 'all';
  const d = s.data;
  const n = d.nPeople;
  // First generation: every event before `from` that still excites someone in the horizon,
  // listed once per person (events within the lag cap of `from`), for the parts and the knock-on.
  const knockOnNeeded = generations === 'all' && (s.alpha > 0 || s.alphaSelf > 0 || s.alphaVo > 0);
  // The knock-on of every person for this (from, horizon), when already propagated.
  const knockKey = `${from}|${h}|${s.alpha}|${s.alphaSelf}|${s.alphaVo}|${s.beta}|${s.b1}|${s.b2}`;
  let knock: Float64Array | null = null;
  if (knockOnNeeded) {
    const hit = knockOnCache.get(s)?.get(knockKey);
    // Valid while the state's frailty, μ and γ are those it was computed with.
    if (hit && sameInputs(hit.inputs, s)) knock = hit.knock;
  }
  const everyone = knockOnNeeded && !knock;
  // Each person's counts and first-generation list are kept by slot: the person's number when
  // everyone is walked (the knock-on reads everyone) or many are asked for, else the order of
  // the few asked for (a list's parts for its thousand people need no person-sized arrays: at a
  // million people those are ~40 MB per call, each ~64 MB of which costs a full mark).
  let slots: Map<number, number> | null = null;
  if (!everyone) {
    const few = new Map<number, number>();
    for (const k of numbers()) {
      if (k >= 0 && !few.has(k)) few.set(k, few.size);
      if (few.size > n >>> 3) break;
    }
    if (few.size <= n >>> 3) slots = few;
  }
  const size = slots ? slots.size : n;
  const slot = slots ? (k: number) => slots.get(k) ?? -1 : (k: number) => k;
  const fgEndOf = new Int32Array(size);
  // The terms in typed arrays grown by doubling (not arrays of numbers on the heap: at a million
  // people they are old-generation objects the collector marks); only [0, terms) is read.
  let fgJ = new Int32Array(1024);
  let fgW = new Float64Array(1024);
  let fgVia = new Int32Array(1024);
  let terms = 0;
  const fgStartOf = new Int32Array(size).fill(-1);
  // One closure for everyone (not one per person).
  const push = (j: number, w: number, via: number) => {
    if (terms === fgJ.length) {
      const grown = 2 * terms;
      const j2 = new Int32Array(grown);
      j2.set(fgJ);
      fgJ = j2;
      const w2 = new Float64Array(grown);
      w2.set(fgW);
      fgW = w2;
      const v2 = new Int32Array(grown);
      v2.set(fgVia);
      fgVia = v2;
    }
    fgJ[terms] = j;
    fgW[terms] = w;
    fgVia[terms++] = via;
  };
  const list = (k: number) => {
    const i = slot(k);
    if (fgStartOf[i] >= 0) return;
    fgStartOf[i] = terms;
    forEachFirstGeneration(s, k, from, from - s.maxLag, push);
    fgEndOf[i] = terms;
  };
  if (everyone) for (let k = 0; k < n; k++) list(k);
  else for (const k of numbers()) if (k >= 0) list(k);
  // Person k's first-generation terms are [fgStart(k), fgEnd(k)) (fgStart −1: not listed).
  const fgStart = slots
    ? (k: number) => {
        const i = slot(k);
        return i < 0 ? -1 : fgStartOf[i];
      }
    : (k: number) => fgStartOf[k];
  const fgEnd = slots
    ? (k: number) => {
        const i = slot(k);
        return i < 0 ? -1 : fgEndOf[i];
      }
    : (k: number) => fgEndOf[k];
  let mass: Float64Array | null = null;
  let massDone: Uint8Array | null = null;
  const massOf = (j: number) => {
    if (!mass) {
      mass = new Float64Array(d.evDay.length);
      massDone = new Uint8Array(d.evDay.length);
    }
    if (massDone![j] === 0) {
      massDone![j] = 1;
      mass[j] = kernelMassOf(s, from - d.evDay[j], from + h - d.evDay[j]);
    }
    return mass[j];
  };
  const ex = s.bg.exitOffset;
  // Out of the risk set (an exit: custody, death) nothing happens to a person, so an earlier
  // event's excitation falls on them only over their time at risk in the horizon, as in the
  // fit's compensator. Before, someone in custody for the whole horizon kept the whole of it
  // (background 0, exposure in full) and was ranked on it.
  const massFor = (k: number, j: number) =>
    ex[k + 1] === ex[k] ? massOf(j) : kernelMassAtRisk(s, s.bg, k, d.evDay[j], from, from + h);

  // Each person's background over the horizon: backgroundIntegral of their counts before `from`,
  // walked once per call (no counts kept: each person's are read once, or, for the knock-on,
  // with its factor in the same walk below).
  // (From the data's record columns, read in order; the fit built them.)
  const cols = recordColumns(d);
  const countsOf = (k: number) =>
    countsBefore(d, k, from, false, s.bg.recordDays, s.bg.group, s.bg.co, cols);
  let background = (k: number) => backgroundIntegral(s, k, countsOf(k), from, from + h);

  if (knockOnNeeded && !knock) {
    const hasFirst = new Uint8Array(n);
    for (let k = 0; k < n; k++) if (fgStartOf[k] >= 0 && fgEndOf[k] > fgStartOf[k]) hasFirst[k] = 1;
    const factor = new Float64Array(n);
    // Everyone's e^(γ·z(from)) first, which the forecast level reads too (not walked again), and
    // their background integral before the level (backgroundIntegral is that × the level, the
    // same product in the same order); then the factor × frailty × level.
    const bgBefore = new Float64Array(n);
    const counts: Counts = zeroCounts();
    for (let k = 0; k < n; k++) {
      const c = countsBefore(d, k, from, false, s.bg.recordDays, s.bg.group, s.bg.co, cols, counts);
      if (s.bg.entry[k] <= from + h) factor[k] = personFactor(s, k, c, from);
      bgBefore[k] = backgroundBeforeLevel(s, k, c, from, from + h);
    }
    const level = forecastLevelScale(s, from, (k) => factor[k]);
    for (let k = 0; k < n; k++)
      if (s.bg.entry[k] <= from + h) factor[k] = factor[k] * frailtyOf(s, k) * level;
    background = (k: number) => bgBefore[k] * level;
    // The convolution's first generation by time (the exponential and Erlang steps read `fg`),
    // with the density of each event computed once per time t: an event excites every
    // neighbour of its person, the same value, shared.
    let dens: Float64Array | null = null;
    let densT: Float64Array | null = null;
    knock = knockOn(
      s,
      from,
      h,
      (t) => trendRate(s, t) * season(s.b1, s.b2, t),
      factor,
      (k, t) => {
        // kernel(s, w, 1, t − t_j).
        if (!dens || !densT) {
          dens = new Float64Array(d.evDay.length);
          densT = new Float64Array(d.evDay.length).fill(Number.NaN);
        }
        let v = 0;
        for (let x = fgStartOf[k], b = fgEndOf[k]; x < b; x++) {
          const j = fgJ[x];
          if (densT[j] !== t) {
            densT[j] = t;
            dens[j] = kernelDensity(s, t - d.evDay[j]);
          }
          v += fgW[x] * 1 * dens[j];
        }
        return v;
      },
      hasFirst,
      { start: fgStartOf, end: fgEndOf, j: fgJ, w: fgW },
    );
    // An explosive process overflows: the NaN knock-on was dropped, and a 10-year risk read
    // smaller than a 1-year one.
    for (let k = 0; k < knock.length; k++)
      if (!Number.isFinite(knock[k]))
        throw new RangeError(
          `model.risk: the knock-on events over ${count(h, 'day')} overflow: the fitted process is explosive (α ${s.alpha.toPrecision(3)}, each event triggering more than one on average). Use generations: 'first' or a shorter horizon, and do not trust the fit's forecasts.`,
        );
    let byKey = knockOnCache.get(s);
    if (!byKey) knockOnCache.set(s, (byKey = new Map()));
    if (byKey.size >= 4) byKey.delete(byKey.keys().next().value!);
    byKey.set(knockKey, { knock, inputs: cacheInputs(s) });
  }
  return { from, h, background, fgStart, fgEnd, fgJ, fgW, fgVia, massOf, massFor, knock };
}

export function risk(
  s: HawkesState,
  people: readonly string[] | undefined,
  options: { from: DateLike; horizonDays: number; generations?: 'all' | 'first' },
): PersonRisk[] {
  const d = s.data;
  checkRiskPeople('model.risk', people);
  const ids = people ?? d.index.personIds;
  const c = riskContext(s, options, function* () {
    for (const person of ids) yield personNumber(s, person);
  });
  const { fgStart, fgEnd, fgJ, fgW, fgVia, knock } = c;
  const firstGenParts = (k: number): RiskContribution[] => {
    const parts: RiskContribution[] = [];
    const a = fgStart(k);
    if (a < 0) return parts;
    for (let x = a, b = fgEnd(k); x < b; x++) {
      const j = fgJ[x];
      const tj = d.evDay[j];
      const value = fgW[x] * c.massFor(k, j);
      if (!(value > 0)) continue;
      const incidentId = d.index.incidentId(d.evIncident[j]);
      const via = fgVia[x];
      parts.push(
        via >= 0
          ? { kind: 'exposure', via: d.index.personIds[via], incidentId, day: tj, value }
          : via === -1
            ? { kind: 'own-victimisation', incidentId, day: tj, value }
            : {
                kind: 'victim-offender',
                via: d.index.personIds[viaPerson(via)],
                incidentId,
                day: tj,
                value,
              },
      );
    }
    return parts;
  };

  const out: PersonRisk[] = new Array(ids.length);
  for (let x = 0; x < ids.length; x++) {
    const person = ids[x];
    const k = personNumber(s, person);
    if (k < 0) refuseUnknownPerson(s, 'model.risk', person);
    const contributions: RiskContribution[] = [
      {
        kind: 'background',
        value: k >= 0 ? c.background(k) : 0,
      },
    ];
    if (k >= 0) {
      contributions.push(...firstGenParts(k));
      if (knock && knock[k] > 0) contributions.push({ kind: 'knock-on', value: knock[k] });
    }
    contributions.sort((a, b) => b.value - a.value);
    let expected = 0;
    for (const c of contributions) expected += c.value;
    out[x] = { person_id: person, expected, contributions };
  }
  return out;
}

/**
 * The warning a fit (and a simulation of it) gives for its branching ratio: near explosive from
 * 0.9, explosive from 1 (each generation larger than the last); null below 0.9. One rule and one
 * wording for `fitNetworkHawkes`'s warnings, which `rankForOutreach` and `planOutreach` pass on,
 * and `simulateNetworkHawkes`'s. @internal
 */
export function branchingRatioWarning(ratio: number): string | null {
  if (!(ratio >= 0.9)) return null;
  return `The branching ratio is ${ratio.toFixed(2)}: each event triggers about that many more on average, so the process is ${ratio >= 1 ? 'explosive (each generation larger than the last: forecasts grow without bound)' : 'near explosive and forecasts are fragile'}.`;
}

/** Kinds of the parts of {@link risk}, in the codes of {@link RiskColumns}. */
export const RISK_PART_KINDS = [
  'background',
  'exposure',
  'own-victimisation',
  'knock-on',
  'victim-offender',
] as const;

/** {@link risk} of some people as typed columns, for ranking a whole population. @internal */
export interface RiskColumns {
  /** Σ of every part (the `expected` of {@link risk}), aligned with the people asked for. */
  expected: Float64Array;
  /** Σ of the parts kept (without a day, or dated on or after `since`), in the same order. */
  score: Float64Array;
  /** Latest day of a kept part (−∞ when none). */
  lastDay: Float64Array;
  /** Parts dropped for a day before `since`, over everyone. */
  dropped: number;
  /** Incident positions (in the model's index) behind the kept parts of the i-th person asked for. */
  keptIncidents(i: number): number[];
}

/**
 * The numbers {@link risk} gives (`expected`, and Σ of the parts dated on or after `since`, in
 * the order of its sorted parts, so the same sums), without a part object per person: a ranked
 * list of a whole city reads these and asks {@link risk} only for the people it lists. `ks` are
 * the model's person numbers (−1: unknown to the model). `kind` is told each kind of part the
 * first time it appears, in the order {@link risk}'s parts would show it. @internal
 */
export function riskColumns(
  s: HawkesState,
  ks: Int32Array,
  options: { from: DateLike; horizonDays: number },
  since: number,
  kind: (name: string) => void,
): RiskColumns {
  const d = s.data;
  const c = riskContext(s, options, () => ks);
  const { fgStart, fgEnd, fgJ, fgW, fgVia, knock } = c;
  const m = ks.length;
  const expected = new Float64Array(m);
  const score = new Float64Array(m);
  const lastDay = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  let dropped = 0;
  // One person's parts: value, day (NaN: none) and kind code, then their order (stable, largest first).
  let val = new Float64Array(16);
  let day = new Float64Array(16);
  let code = new Uint8Array(16);
  let order = new Int32Array(16);
  let seen = 0;
  let np = 0;
  const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(a.length * 2);
    b.set(a);
    return b;
  };
  // One closure for everyone (not one per person: a city's worth of closures to collect).
  const push = (v: number, dy: number, kd: number) => {
    if (np === val.length) {
      val = grow(val);
      day = grow(day);
      code = grow(code);
      order = grow(order);
    }
    val[np] = v;
    day[np] = dy;
    code[np] = kd;
    np++;
  };
  for (let i = 0; i < m; i++) {
    const k = ks[i];
    np = 0;
    push(k >= 0 ? c.background(k) : 0, Number.NaN, 0);
    if (k >= 0) {
      const a = fgStart(k);
      if (a >= 0)
        for (let x = a, b = fgEnd(k); x < b; x++) {
          const j = fgJ[x];
          const value = fgW[x] * c.massFor(k, j);
          if (!(value > 0)) continue;
          push(value, d.evDay[j], fgVia[x] >= 0 ? 1 : fgVia[x] === -1 ? 2 : 4);
        }
      if (knock && knock[k] > 0) push(knock[k], Number.NaN, 3);
    }
    // Insertion sort, stable: the order Array.prototype.sort gives with (a, b) => b.value − a.value.
    for (let a = 0; a < np; a++) {
      let b = a;
      while (b > 0 && val[order[b - 1]] < val[a]) {
        order[b] = order[b - 1];
        b--;
      }
      order[b] = a;
    }
    let e = 0;
    let sc = 0;
    let last = Number.NEGATIVE_INFINITY;
    for (let a = 0; a < np; a++) {
      const x = order[a];
      const bit = 1 << code[x];
      if (!(seen & bit)) {
        seen |= bit;
        kind(RISK_PART_KINDS[code[x]]);
      }
      e += val[x];
      const dy = day[x];
      if (dy < since) {
        dropped++;
        continue;
      }
      sc += val[x];
      if (dy > last) last = dy;
    }
    expected[i] = e;
    score[i] = sc;
    lastDay[i] = last;
  }
  const keptIncidents = (i: number): number[] => {
    const k = ks[i];
    const out: number[] = [];
    const a = k < 0 ? -1 : fgStart(k);
    if (a < 0) return out;
    for (let x = a, b = fgEnd(k); x < b; x++) {
      const j = fgJ[x];
      if (!(fgW[x] * c.massFor(k, j) > 0) || d.evDay[j] < since) continue;
      out.push(d.evIncident[j]);
    }
    return out;
  };
  return { expected, score, lastDay, dropped, keptIncidents };
}

/**
 * The state behind each fitted model and the `risk` function the fit gave it ({@link risk} of
 * that state), so a ranking can read {@link riskColumns} instead. @internal
 */
export const riskStates = new WeakMap<RiskModel, { state: HawkesState; risk: RiskModel['risk'] }>();

/**
 * For a model that holds people out of its risk set but is ranked through its `risk` (an
 * {@link updateNetworkHawkes} result): whether a person is out of it over all of [from, to) (days)
 * — custody, moved away, killed, as its exits say — so that a list's summary counts them as a
 * fitted model's. @internal
 */
export const riskSetOuts = new WeakMap<
  RiskModel,
  (personId: string, from: number, to: number) => boolean
>();

/** The state of a fitted model whose `risk` is still the fit's own, else undefined. @internal */
export function fittedRiskState(model: RiskModel): HawkesState | undefined {
  const hit = riskStates.get(model);
  return hit && hit.risk === model.risk ? hit.state : undefined;
}

/** Human-readable ISO day, or '' for an infinite bound. */
export function isoOrEmpty(day: number): string {
  return Number.isFinite(day) ? dayToIso(day) : '';
}
