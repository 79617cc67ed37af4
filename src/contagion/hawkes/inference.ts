import { type ColumnTable, table } from 'arquero';
import { quantileSorted } from 'd3-array';
import type { DatasetIndex } from '../../core/dataset-index.js';
import { OptionError } from '../../core/errors.js';
import { delayDays } from '../../core/format.js';
import { checkOptions, rule } from '../../core/options.js';
import { createRng } from '../../core/rng.js';
import { toDay } from '../../core/time.js';
import type { Dataset } from '../../core/types.js';
import type { InternalParams } from './engine.js';
import {
  boundaryRun,
  CO_OFFENDER_WARNING,
  checkFitOptions,
  coOffenderCheck,
  type FitCovariates,
  fitCovariates,
  fitGroups,
  fitNetworkHawkes,
  fitNetworkHawkesFor,
  keptRunOff,
  modelParams,
  refitNetworkHawkes,
  SHARED_RISK_WARNING,
  SLOW_KERNEL_DAYS,
} from './fit.js';
import type { NetworkHawkesModel } from './model.js';
import { indexWithOutcomes, indexWithRewiredTies, SIMULATED } from './replicate-data.js';
import { type SimulatedEvent, simulateNetworkHawkes } from './simulate.js';
import type { NetworkHawkesOptions } from './types.js';
import { GROUP_COVARIATE_OFF } from './warning-heads.js';

/** Options of {@link hawkesInference}. */
export interface HawkesInferenceOptions {
  /**
   * Options of every fit (the original, the bootstrap refits, the null and placebo fits); `maxIterations: 0`
   * and `start.alpha = 0` (with `victimOffenderTies`: together with `start.alphaVictimOffender = 0`),
   * under which no refit estimates α, are an `OptionError`. With `victimOffenderTies` the result
   * adds intervals for α_vo and the share's two parts and `victimOffenderTest`; every refit
   * conditions on the fit's victim–offender ties (see the guide). An error in one names
   * hawkesInference and the option under `fit` ("hawkesInference: fit.start.alphaSelf is …",
   * "hawkesInference fit.exits row 2: …"). Default `{}` (the fit's defaults).
   */
  fit?: NetworkHawkesOptions;
  /**
   * Parametric-bootstrap replicates for the intervals: each simulates the fitted process over
   * the observation window (`simulateNetworkHawkes`) and refits it. 0 for no intervals. Default
   * 39: the `'normal'` interval needs only the refits' mean and spread, whose Monte Carlo error
   * with B refits costs little coverage — about that of a t interval with B − 1 degrees of
   * freedom read with z: 94.3% for a nominal 95% at B = 39 (94.4% at 49, 94.7% at 99), the
   * half-width varying by ±11.5% (1/√(2(B − 1))) between seeds. Use 199+ with `'basic'`.
   */
  replicates?: number;
  /**
   * Replicates of the no-contagion test, per reference distribution (`nullReference`): a
   * parametric replicate simulates the fitted α = 0 model, a rewired-ties replicate swaps
   * co-offenders as the placebo does; each is refitted with and without contagion. 0 to skip the
   * test. Default 99.
   */
  nullReplicates?: number;
  /**
   * What the no-contagion test's likelihood ratio is referred to. `'parametric'`: refits of data
   * simulated from the fitted α = 0 model (valid when that model is right; it has no group hot
   * periods or other shared timing, which then reads as contagion). `'rewired-ties'`: a
   * permutation test — refits of the records with co-offenders swapped within 30-day bins and
   * severity (degrees, events and their timing kept; who is tied to whom random), valid whatever
   * the background does as long as who co-offends with whom is unrelated to it. `'larger'`
   * (default): both, and the larger p-value, which is valid when either reference is (at twice
   * the null refits): over 20 seeds of each of synthCity's five no-contagion worlds it rejected
   * at 5% on 4 of 100 cities, at most 2 of 20 on any world (with the default `testFit`; 10 of
   * 100 and 6 of 20 on hot periods without it). Neither reference is
   * valid where tied people share risk for years (homophily, a shared place: who co-offends with
   * whom is then related to the background; it rejected on 28 of 30 such cities without
   * contagion): the result's `warnings` say so when the fit found such risk, and when the test
   * rejects at `1 − level` while the fit identifies no kernel or one of half a year or more (what
   * shared risk fits). See the guide.
   */
  nullReference?: 'parametric' | 'rewired-ties' | 'larger';
  /**
   * Fit options laid over `fit` for the no-contagion test's own fits: the records' fit and α = 0
   * fit whose likelihood ratio is the statistic, and every parametric and rewired-ties refit.
   * Default `{ groupEventDays: 90 }`: the test's fits carry the group covariate (a person's
   * background rises with their co-offending group's serious events over the last 90 days; see
   * `groupEventDays`), so a group's hot period — every member's risk up at once, no one infecting
   * anyone — is part of the null, and the test asks whether harm follows a person's own ties beyond
   * what their group's recent violence explains. Without it the test rejected on 8 of 20 hot-periods
   * cities without contagion (parametric reference; 6 of 20 with `'larger'`); with it the records'
   * likelihood ratio fell on 18 of 20 of them (0 both ways on the other 2; see the guide) while
   * cities with contagion kept ratios of 100 and more. A `testFit` given replaces the default (it
   * is not merged with it: `{ frailty: true }` alone has no group covariate). `{}`: the test is of
   * the fit's own model. When `fit.groupEventDays` is set and this is not given, the test uses the
   * fit's model. The intervals, the placebo and the share reported are the fit's, whatever this
   * says. When the test's fit is refused, or drops the group covariate, the test uses a model
   * without it and `warnings` says why. Its fits skip standard errors and the frailty (the test
   * reads likelihoods only) unless this sets them. Costs one more fit of the records (with
   * Louvain), and each of the test's refits about twice a refit of the fit's model; the test's
   * refits (rewired ones too) hold the records' groups. The test's groups follow `fit.groups`,
   * `fit.groupSeed` and `fit.groupResolution` where this does not set them, even when the fit
   * itself has no group covariate (they then do nothing to the fit, and `warnings` say that
   * they were used by the test's fits, where the fit's own warning says they have no effect).
   */
  testFit?: NetworkHawkesOptions;
  /**
   * Placebo refits on records where contagion through the ties cannot be (any share found is
   * spurious); see `placebo`. 0 to skip. Default 5.
   */
  placeboReplicates?: number;
  /**
   * The placebo design. `'rewired-ties'` (default): co-offenders swapped between incidents of the
   * same severity within 30-day bins, so every person keeps their number of co-offending
   * incidents (their degree) and every event stays, but who is tied to whom is random.
   * `'shuffled-days'`: the outcome events' days shuffled among them (each person keeps their
   * number of events and their ties); this keeps where in the network the events fell, so on a
   * contagious city it reports what a flat kernel makes of people with many events having
   * neighbours with many events (see the guide).
   */
  placebo?: 'rewired-ties' | 'shuffled-days';
  /**
   * With the exponential kernel, also fit the gamma kernel (one more fit) and test the
   * exponential shape (κ = 1, an interior point, so the likelihood ratio is χ² with 1 degree of
   * freedom): when rejected at 1% the exponential kernel's mean delay is biased and a warning
   * says which kernel to refit with (`'erlang'`, or `'auto'` after an explicit exponential fit,
   * for a shape of 1.5 or more; `'gamma'` or `'histogram'` below). Default true.
   */
  kernelCheck?: boolean;
  /** Coverage of the intervals, in (0, 1). Default 0.95. */
  level?: number;
  /**
   * How the refits become an interval. `'normal'` (default): bias-corrected normal interval
   * 2·θ̂ − mean(θ*) ± z·sd(θ*) on the log scale for α and the delay (the share on its own
   * scale, clipped to [0, 1]); it needs only the refits' mean and spread, which 40–50 refits
   * estimate well, where tail quantiles need hundreds. `'basic'`: the basic bootstrap
   * 2·θ̂ − (upper, lower quantile), on the same scales.
   */
  interval?: 'normal' | 'basic';
  /** Seed: same data, options and seed ⇒ identical result. Default 1. */
  seed?: number;
}

const DEFAULTS = {
  fit: {} as NetworkHawkesOptions,
  replicates: 39,
  nullReplicates: 99,
  nullReference: 'larger' as 'parametric' | 'rewired-ties' | 'larger',
  testFit: { groupEventDays: 90 } as NetworkHawkesOptions,
  placeboReplicates: 5,
  placebo: 'rewired-ties' as 'rewired-ties' | 'shuffled-days',
  kernelCheck: true,
  level: 0.95,
  interval: 'normal' as 'normal' | 'basic',
  seed: 1,
};

const RULES = {
  fit: rule.record(),
  replicates: rule.number({ min: 0, integer: true }),
  nullReplicates: rule.number({ min: 0, integer: true }),
  nullReference: rule.oneOf(['parametric', 'rewired-ties', 'larger']),
  testFit: rule.record(),
  placeboReplicates: rule.number({ min: 0, integer: true }),
  placebo: rule.oneOf(['rewired-ties', 'shuffled-days']),
  kernelCheck: rule.boolean,
  interval: rule.oneOf(['normal', 'basic']),
  level: rule.number({ above: 0, max: 0.999 }),
  seed: rule.number({ integer: true }),
};

/** An interval estimate. */
export interface HawkesInterval {
  /** Point estimate (from the fit to the records). */
  estimate: number;
  lo: number;
  hi: number;
  /**
   * `'normal-bootstrap'` (default): bias-corrected normal interval 2·θ̂ − mean(θ*) ± z·sd(θ*) of
   * the refits θ* (on the log scale for α and the delay); `'basic-bootstrap'`: 2·θ̂ − upper/lower
   * quantiles of the refits (same scales); both correct the estimator's own bias. `'percentile'`
   * (used for α when more than (1 − level)/2 of the refits sit at α = 0, which the log scale
   * cannot hold): the refits' quantiles, from 0. A fit at α = 0 is not identified and gets none. The delay's interval
   * reads only the refits with α > 0; fewer than 2 refits give no interval (`intervals` null).
   * `lo ≤ estimate ≤ hi` always: when the bias correction moves the whole interval past the
   * estimate (the refits' bias exceeds z times their spread), it is stretched to reach the
   * estimate and `warnings` says which and on which side.
   */
  method: 'normal-bootstrap' | 'basic-bootstrap' | 'percentile';
}

/**
 * One replicate fit as the refits compute it, before it is a row of the `replicates` table:
 * `kind` is `'bootstrap'`, `'null'` (the test's parametric reference), `'rewired'` (the test's
 * rewired-ties reference) or `'placebo'`; the `'null'` and `'rewired'` refits are of the test's own
 * model (`testFit`), the others of the fit's. A figure that does not apply or a failed refit's is NaN
 * here; the table's row ({@link HawkesReplicateRow}, what users read) holds null for it instead.
 * No public function takes or returns this object, so it is not exported.
 * @internal
 */
export interface HawkesReplicate {
  kind: 'bootstrap' | 'null' | 'rewired' | 'placebo';
  replicate: number;
  seed: number;
  events: number;
  alpha: number;
  /**
   * The refit's kernel mean delay (days, 1/β for the exponential kernel); NaN in the row (null in
   * the table) when the refit ended at α = 0 without self-excitation: its β is then not identified
   * (no event is credited to the kernel), and the value EM left it at means nothing.
   */
  mean_delay_days: number;
  share: number;
  /**
   * With `fit.victimOffenderTies` only (absent otherwise, and no column of the table): the refit's
   * α_vo (events per victim–offender tie) and the two parts of its share, along co-offending ties
   * (`shares.coOffending`) and along victim–offender ties (`shares.victimOffender`).
   */
  alpha_vo?: number;
  share_co_offending?: number;
  share_victim_offender?: number;
  /**
   * The refit's `identified`. For bootstrap, null and rewired refits it means "found contagion
   * with the delay inside its range" (without the α > 2 SE rule); placebo refits apply the fit's
   * full rule, with `fit: { standardErrors: false }` too (judged, as the fit is, by the standard
   * errors of the information its covariate check computes).
   */
  identified: boolean;
  log_lik: number;
  /** Log-likelihood of the refit's own α = 0 run (null and rewired replicates only; NaN otherwise). */
  log_lik_null: number;
  /** Likelihood-ratio statistic 2(ℓ − ℓ₀) (null and rewired replicates only; NaN otherwise). */
  lr: number;
  /** Why the replicate failed (a refused refit), or '' when it did not. */
  error: string;
}

/**
 * A replicate as the refits produce it (and the workers post it): with the covariates the refit
 * held at 0 because the fit dropped them, and those the fit kept that ran off in the refit (kept
 * too: every refit is of the fit's model). Neither is a column of the replicates table. @internal
 */
export interface ReplicateRow extends HawkesReplicate {
  dropped: string[];
  ranOff: string[];
  /**
   * With victim–offender ties, bootstrap rows only: the share of the refit's modelled events that
   * the simulation triggered along co-offending and along victim–offender ties (what the refit's
   * shares estimate), for the share intervals' pivot.
   */
  realised?: { coOffending: number; victimOffender: number };
}

/**
 * One row of {@link HawkesInference}'s `replicates` table, one per replicate fit, as
 * `inf.replicates.objects() as HawkesReplicateRow[]` reads it: each refit's figures, with null
 * (never NaN) where a figure does not apply or the refit failed.
 */
export interface HawkesReplicateRow {
  /**
   * `'bootstrap'`, `'null'` (the test's parametric reference), `'rewired'` (its rewired-ties
   * reference) or `'placebo'`. The `'null'` and `'rewired'` rows are refits of the test's own
   * model (`testFit`: with the group covariate by default), the others of the fit's.
   */
  kind: 'bootstrap' | 'null' | 'rewired' | 'placebo';
  /** The replicate's number within its kind, from 0. */
  replicate: number;
  /** The seed of its simulation or resampling. */
  seed: number;
  /** Modelled events in the replicate's records. */
  events: number;
  /** The refit's α (expected events per neighbour); null when the refit failed. */
  alpha: number | null;
  /**
   * The refit's kernel mean delay, in days; null when the refit failed or ended at α = 0 without
   * self-excitation (its delay is then not identified).
   */
  mean_delay_days: number | null;
  /** The refit's contagion share (0–1); null when the refit failed. */
  share: number | null;
  /** The refit's `identified` (for bootstrap, null and rewired refits: contagion found with the delay inside its range). */
  identified: boolean;
  /** The refit's log-likelihood; null when the refit failed. */
  log_lik: number | null;
  /** Log-likelihood of the refit's own α = 0 run: null and rewired replicates only, else null. */
  log_lik_null: number | null;
  /** Likelihood-ratio statistic 2(ℓ − ℓ₀): null and rewired replicates only, else null. */
  lr: number | null;
  /** With `fit.victimOffenderTies` only (no column otherwise): the refit's α_vo (events per victim–offender tie). */
  alpha_vo?: number | null;
  /** With `fit.victimOffenderTies` only: the part of the share along co-offending ties (0–1). */
  share_co_offending?: number | null;
  /** With `fit.victimOffenderTies` only: the part of the share along victim–offender ties (0–1). */
  share_victim_offender?: number | null;
  /** Why the replicate failed (a refused refit), or '' when it did not. */
  error: string;
}

/** Result of {@link hawkesInference}. */
export interface HawkesInference {
  /** The fit to the records. */
  model: NetworkHawkesModel;
  /**
   * Intervals at `level` for α (expected events per neighbour), the kernel's mean delay (days,
   * `model.kernel.meanDays`) and the contagion share; `null` with `replicates: 0`, and when the
   * fit is not identified (`model.identified` false: its share and delay are not findings, so no
   * interval is put around them; a warning says so, and no bootstrap refit is run). The delay's is
   * `null` when the fit found no contagion or its delay ran to an end of `delayRangeDays`
   * (`diagnostics.betaAtBound`): the delay is then not identified. With `fit.victimOffenderTies`
   * only: `alphaVictimOffender`, α_vo's interval (events per victim–offender tie, log scale as
   * α's), and `shares`, those of the share's two parts, `coOffending` and `victimOffender` (each
   * on its own scale, clipped to [0, 1]); the refits condition on the observed ties of both kinds
   * (see the guide).
   */
  intervals: {
    alpha: HawkesInterval;
    meanDelayDays: HawkesInterval | null;
    share: HawkesInterval;
    alphaVictimOffender?: HawkesInterval;
    shares?: { coOffending: HawkesInterval; victimOffender: HawkesInterval };
  } | null;
  /**
   * Test of "no contagion" (α = 0; with `fit.victimOffenderTies`, α = α_vo = 0 jointly: no
   * excitation along either kind of tie), valid at the boundary: the likelihood ratio of the fit
   * against the α = 0 fit (not referred to χ², which is wrong at a boundary with β unidentified
   * under the null), both fits of the test's own model (`testFit`: the fit's options with the
   * group covariate over 90 days by default, see `groupEventDays` below), referred to the
   * replicates of `reference` (the `nullReference` option):
   * `pValueParametric` = (1 + #{LR ≥ observed}) / (1 + replicates) over refits of data simulated
   * from the fitted α = 0 model, `pValueRewired` the same over refits of the records with
   * co-offenders rewired (a permutation test; null when not run), and `pValue` the reference's
   * (with `'larger'`, the larger of the two). `nullShares`: the contagion share the test's
   * model reports on the parametric no-contagion worlds, or on the rewired records when only
   * those ran (median and the 95th percentile).
   */
  noContagionTest: {
    statistic: number;
    pValue: number;
    reference: 'parametric' | 'rewired-ties' | 'larger';
    pValueParametric: number | null;
    pValueRewired: number | null;
    /** Replicates behind `pValue` (with `'larger'`, the smaller of the two counts). */
    replicates: number;
    nullShares: { median: number; p95: number };
    /**
     * Days of the group covariate in the test's fits (`testFit`: 90 by default), whose groups'
     * recent serious violence is part of the null; null when the test's fits have none (`testFit`
     * without `groupEventDays`, a test fit refused or one that dropped the covariate).
     */
    groupEventDays: number | null;
  } | null;
  /**
   * With `fit.victimOffenderTies` only (absent otherwise): the test of "no contagion along
   * victim–offender ties" (α_vo = 0, α free), by the likelihood ratio 2(ℓ − ℓ_vo=0) against the
   * fit with α_vo held at 0 (one more fit). When that fit has α > 0 the delay is identified under
   * the null and α_vo = 0 is one parameter on its boundary, so the ratio is referred to ½χ²₀ + ½χ²₁
   * (`method: 'chi-bar-squared'`, Self & Liang 1987). When it has α = 0 it is the no-contagion
   * fit, the delay is not identified under the null, and the test is the no-contagion test
   * (`method: 'no-contagion-test'`, its statistic and p-value); `null` when that test did not run.
   * `alphaUnderNull`: α of the fit with α_vo = 0.
   */
  victimOffenderTest?: {
    statistic: number;
    pValue: number;
    method: 'chi-bar-squared' | 'no-contagion-test';
    alphaUnderNull: number;
  } | null;
  /**
   * Placebo: the shares the method reports on records where contagion through the ties cannot be
   * (`method` as the `placebo` option). `identified`: how many of those fits pinned the kernel
   * down (a share from a fit with `identified: false` is not a finding, by the fit's own rule).
   */
  placebo: {
    method: 'rewired-ties' | 'shuffled-days';
    shares: number[];
    median: number;
    identified: number;
  } | null;
  /**
   * The kernel-shape check (`kernelCheck`, exponential kernel only): the gamma kernel's fitted
   * shape κ and mean delay (days), and the likelihood-ratio test of κ = 1 (χ² with 1 degree of
   * freedom). A small `pValue` means the delays are not exponential and the exponential
   * kernel's mean delay is biased. `null` when off or when the gamma fit was refused.
   */
  kernelCheck: {
    shape: number;
    meanDelayDays: number;
    statistic: number;
    pValue: number;
  } | null;
  /** Expected direct offspring per event (the model's); `nearExplosive` when ≥ 0.9. */
  branchingRatio: number;
  nearExplosive: boolean;
  level: number;
  /**
   * Every replicate fit (arquero; rows {@link HawkesReplicateRow}: each refit's figures, with null
   * where a figure does not apply or the refit failed, never NaN).
   */
  replicates: ColumnTable;
  /** Plain-language warnings: the model's, failed replicates, a near-explosive process. */
  warnings: string[];
}

/** What every replicate needs: the fit, the α = 0 fit and the window (deterministic from the data). */
export interface InferenceContext {
  data: Dataset | DatasetIndex;
  fitOptions: NetworkHawkesOptions;
  model: NetworkHawkesModel;
  /** The fit's parameters: where bootstrap refits start their EM. */
  start: InternalParams;
  /** Log-likelihood of the α = 0 fit to the records (the fit's own boundary run, or the fit itself at α = 0). */
  nullLogLik: number;
  /** The α = 0 fit (the null test's simulation model), or null when the test is off. */
  nullModel: NetworkHawkesModel | null;
  /** Its parameters: where every refit's α = 0 run starts (null: the fit's own start). */
  nullStart: InternalParams | null;
  /**
   * The fit's covariates and those it dropped after they ran off: every refit (bootstrap, null,
   * rewired, placebo, the kernel and co-offender checks) holds the same ones at 0 and drops no
   * other of the fit's, so that each is of the fit's model and its likelihoods compare with the
   * fit's (nested models).
   */
  covariates: FitCovariates;
  placebo: 'rewired-ties' | 'shuffled-days';
  from: number;
  days: number;
  seed: number;
  /** The function the user called (hawkesInference, hawkesInferenceParallel): the refits' errors name it. */
  fn: string;
  /**
   * The no-contagion test's own context (`testFit` over the fit's options): its fit, α = 0 fit
   * and covariates serve the test's statistic and its parametric and rewired refits. Null when
   * the test is of the fit's model (or off).
   */
  test: InferenceContext | null;
  /** Why the test's own fit was refused (the test then used the fit's model), or null. */
  testRefused: string | null;
  /** The option path its fits' errors name: `'fit'`, or `'testFit'` for the test's own. */
  path: string;
}

/**
 * Builds the {@link InferenceContext}: the fit and (when the test is wanted) the α = 0 fit. The
 * fit's refusals of the data (an asOf outside the records, no events) name `fn`, the function
 * the user called. @internal
 */
export function inferenceContext(
  data: Dataset | DatasetIndex,
  fitOptions: NetworkHawkesOptions,
  seed: number,
  withNull: boolean,
  placebo: InferenceContext['placebo'] = DEFAULTS.placebo,
  fn = 'hawkesInference',
  testOptions: NetworkHawkesOptions | null = null,
  path = 'fit',
): InferenceContext {
  const model = fitNetworkHawkesFor(fn, data, fitOptions, path);
  const covariates = fitCovariates(model);
  const b = boundaryRun(model);
  // The α = 0 fit is the fit's own boundary run (EM and Newton with α held at 0), made a model
  // by evaluating it at those parameters; when the fit itself ended at α = 0 it is the fit.
  const nullModel = !withNull
    ? null
    : b
      ? refitNetworkHawkes(
          data,
          { ...fitOptions, maxIterations: 0, standardErrors: false },
          { start: b.params, covariates },
          fn,
          path,
        )
      : model;
  // The test's own fit (testFit): refused options or data leave the test on the fit's model.
  let test: InferenceContext | null = null;
  let testRefused: string | null = null;
  if (withNull && testOptions)
    try {
      test = inferenceContext(data, testOptions, seed, true, placebo, fn, null, 'testFit');
    } catch (e) {
      testRefused = e instanceof Error ? e.message : String(e);
    }
  return {
    path,
    test,
    testRefused,
    data,
    fitOptions,
    model,
    start: modelParams(model),
    nullLogLik: b ? b.logLik : model.logLikelihood,
    nullModel,
    nullStart: b ? b.params : null,
    covariates,
    placebo,
    from: toDay(model.diagnostics.since),
    days: model.diagnostics.days,
    seed,
    fn,
  };
}

/**
 * Bootstrap refits skip their α = 0 boundary run when the records' likelihood ratio against
 * α = 0 is at least this. The boundary run matters only in a refit whose own ratio falls to 0;
 * a likelihood ratio of λ spreads about ±2√λ across refits (its noncentral χ² approximation), so
 * at λ ≥ 100 that is over 5 standard deviations away (probability < 10⁻⁶ per refit). Below it,
 * every refit runs the check, as every fit does.
 */
const SKIP_BOUNDARY_LR = 100;

const KIND_CODE = { bootstrap: 1, null: 2, placebo: 3, rewired: 4 } as const;

/** The seed of one replicate: independent of how replicates are split between threads. */
export function replicateSeed(seed: number, kind: HawkesReplicate['kind'], b: number): number {
  let x = (seed | 0) ^ Math.imul(KIND_CODE[kind], 0x9e3779b1);
  x = Math.imul(x ^ (b + 1), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/** Runs one replicate fit (simulate or shuffle, then refit). Never throws: failures are rows. @internal */
export function runReplicate(
  ctx: InferenceContext,
  kind: HawkesReplicate['kind'],
  b: number,
): ReplicateRow {
  return runReplicates(ctx, [[kind, b]])[0];
}

/**
 * The replicate tasks worth running for this fit: a fit that identifies no kernel gets no
 * intervals ({@link summariseInference}), so its bootstrap refits would be run for nothing.
 * @internal
 */
export function tasksFor<T extends readonly [HawkesReplicate['kind'], number]>(
  ctx: InferenceContext,
  tasks: readonly T[],
): T[] {
  return tasks.filter((t) => ctx.model.identified || t[0] !== 'bootstrap');
}

/**
 * Runs replicate fits, in the order given. The bootstrap (and null) replicates' worlds are
 * simulated together (one `simulateNetworkHawkes` call with one seed per run: each run exactly
 * as if simulated alone, its set-up paid once). Never throws: failures are rows. @internal
 */
export function runReplicates(
  ctx: InferenceContext,
  tasks: readonly (readonly [HawkesReplicate['kind'], number])[],
): ReplicateRow[] {
  const simulated = new Map<string, SimulatedEvent[] | Error>();
  for (const kind of ['bootstrap', 'null'] as const) {
    const bs = tasks.filter((t) => t[0] === kind).map((t) => t[1]);
    if (bs.length === 0) continue;
    // Null worlds are the test's model's, over its window (testFit may move it).
    const of = kind === 'null' ? (ctx.test ?? ctx) : ctx;
    const source = kind === 'null' ? of.nullModel : of.model;
    try {
      if (!source) throw new Error('no null model');
      const sim = simulateNetworkHawkes(source, {
        from: of.from,
        days: of.days,
        runSeeds: bs.map((b) => replicateSeed(ctx.seed, kind, b)),
        keepEvents: true,
        entrants: false,
      });
      for (let r = 0; r < bs.length; r++) simulated.set(`${kind}:${bs[r]}`, sim.simulated![r]);
    } catch (e) {
      for (const b of bs)
        simulated.set(`${kind}:${b}`, e instanceof Error ? e : new Error(String(e)));
    }
  }
  return tasks.map(([kind, b]) => {
    const sim = simulated.get(`${kind}:${b}`);
    const row = refitReplicate(ctx, kind, b, sim);
    // What the simulation triggered, per kind of tie (the events carry `via` with α_vo > 0).
    if (kind === 'bootstrap' && Array.isArray(sim) && !row.error && ctx.model.state.alphaVo > 0) {
      let co = 0;
      let vo = 0;
      for (const e of sim) {
        if (e.via === 'co-offending') co++;
        else if (e.via === 'victim-offender') vo++;
      }
      row.realised = { coOffending: co / row.events, victimOffender: vo / row.events };
    }
    return row;
  });
}

function refitReplicate(
  fitCtx: InferenceContext,
  kind: HawkesReplicate['kind'],
  b: number,
  simulated: SimulatedEvent[] | Error | undefined,
): ReplicateRow {
  // The no-contagion test's refits are of the test's model (testFit), the others of the fit's.
  const ctx = kind === 'null' || kind === 'rewired' ? (fitCtx.test ?? fitCtx) : fitCtx;
  const seed = replicateSeed(ctx.seed, kind, b);
  const row: ReplicateRow = {
    kind,
    replicate: b,
    seed,
    events: 0,
    alpha: Number.NaN,
    mean_delay_days: Number.NaN,
    share: Number.NaN,
    identified: false,
    log_lik: Number.NaN,
    log_lik_null: Number.NaN,
    lr: Number.NaN,
    error: '',
    dropped: [],
    ranOff: [],
    ...(ctx.fitOptions.victimOffenderTies
      ? { alpha_vo: Number.NaN, share_co_offending: Number.NaN, share_victim_offender: Number.NaN }
      : {}),
  };
  try {
    const period = { from: ctx.from, days: ctx.days };
    let data: DatasetIndex;
    if (kind === 'rewired' || (kind === 'placebo' && ctx.placebo === 'rewired-ties'))
      data = indexWithRewiredTies(ctx.model, createRng(seed), {
        victimOffender: !!ctx.fitOptions.victimOffenderTies,
      });
    else {
      let events: SimulatedEvent[];
      if (kind === 'placebo') events = shuffledDays(ctx.model, seed);
      else if (simulated instanceof Error) throw simulated;
      else if (!simulated) throw new Error(`replicate ${kind} ${b} was not simulated`);
      else events = simulated;
      // Built from the fit's index arrays: the design (people, ties, other records) is reused,
      // only the outcome events change; no Dataset round trip, no re-indexing.
      // Simulated events pass the fit's own event rule (they had severity 3, a victim, no weapon:
      // a firearm-only outcomeFilter, minSeverity 4 or roles ['offender'] left a refit with
      // the entry events alone, and the intervals came from refits with no events).
      const f = ctx.fitOptions;
      data = indexWithOutcomes(ctx.model, events, period, {
        severity: Math.max(3, Math.ceil(f.minSeverity ?? 3)),
        role: (f.roles ?? ['victim']).includes('victim') ? 'victim' : 'offender',
      });
    }
    // What a refit skips or reuses (the estimates are those of the same fit):
    // - the frailty (fitted after α, β and the share, which it does not change);
    // - standard errors, except for the placebo fits (whose `identified` is reported);
    // - bootstrap refits start their EM at the fit's parameters, and every refit's α = 0
    //   boundary run at the α = 0 fit's; the null and placebo fits' run with contagion starts
    //   where the fit to the records did, so that their statistic is the same procedure's;
    // - the null (and rewired) replicates' α = 0 fit is the refit's own boundary run;
    // - bootstrap refits skip that run when the records' own ratio is ≥ SKIP_BOUNDARY_LR;
    // - every refit has the fit's covariates (ctx.covariates): those the fit dropped held at 0,
    //   the others kept even when they run off in the refit (counted, and warned of).
    const o = { ...ctx.fitOptions, asOf: ctx.fitOptions.asOf ?? ctx.model.diagnostics.asOf };
    const filter = o.outcomeFilter;
    if (filter && kind !== 'rewired' && !(kind === 'placebo' && ctx.placebo === 'rewired-ties'))
      o.outcomeFilter = (i) => SIMULATED.has(i) || filter(i);
    // A kernel chosen by the fit (an automatic choice) stays chosen in bootstrap refits: the
    // intervals are for that model (the kernel check says how clear the choice was). Null and
    // placebo refits choose again, as the fit to the records did: their statistic is that
    // procedure's.
    const kernel = kind === 'bootstrap' ? fixedKernel(ctx) : o.kernel;
    const m = refitNetworkHawkes(
      data,
      {
        ...o,
        ...(kernel ? { kernel } : {}),
        frailty: false,
        standardErrors: kind === 'placebo' && o.standardErrors !== false,
      },
      {
        start: kind === 'bootstrap' ? ctx.start : undefined,
        boundaryStart: ctx.nullStart ?? undefined,
        skipBoundary:
          kind === 'bootstrap' &&
          2 * (ctx.model.logLikelihood - ctx.nullLogLik) >= SKIP_BOUNDARY_LR,
        covariates: ctx.covariates,
        // The group covariate's groups are the fit's (a replicate's other ties gave others).
        groups: fitGroups(ctx.model) ?? undefined,
        // Their `identified` is "found contagion with the delay inside its range"; the placebo's
        // is the fit's full rule (two standard errors), with standardErrors: false too.
        withoutSeRule: kind !== 'placebo',
      },
      ctx.fn,
      ctx.path,
    );
    row.dropped = m.diagnostics.droppedCovariates;
    row.ranOff = keptRunOff(m);
    row.events = m.diagnostics.events;
    row.alpha = m.parameters.alpha;
    // At α = 0 (and no self-excitation) β is not identified: no delay is reported.
    row.mean_delay_days =
      m.parameters.alpha > 0 || m.state.alphaSelf > 0 || m.state.alphaVo > 0
        ? m.kernel.meanDays
        : Number.NaN;
    row.share = m.contagionShare;
    if (ctx.fitOptions.victimOffenderTies) {
      row.alpha_vo = m.state.alphaVo;
      row.share_co_offending = m.shares.coOffending ?? Number.NaN;
      row.share_victim_offender = m.shares.victimOffender ?? Number.NaN;
    }
    row.identified = m.identified;
    row.log_lik = m.logLikelihood;
    if (kind === 'null' || kind === 'rewired') {
      row.log_lik_null = boundaryRun(m)?.logLik ?? m.logLikelihood;
      row.lr = Math.max(0, 2 * (row.log_lik - row.log_lik_null));
    }
  } catch (e) {
    row.error = e instanceof Error ? e.message : String(e);
  }
  return row;
}

/** The group covariate's days in a model (null: it has none, or dropped it). */
function groupDaysOf(model: NetworkHawkesModel): number | null {
  const g = model.state.bg.group;
  return g && !model.diagnostics.droppedCovariates.includes('group_recent_events') ? g.days : null;
}

/** The kernel a bootstrap refit fits: the fit's own, when the fit chose it (`kernel: 'auto'`). */
function fixedKernel(ctx: InferenceContext): NetworkHawkesOptions['kernel'] {
  const given = ctx.fitOptions.kernel ?? fitNetworkHawkes.defaults.kernel;
  return String(given) === 'auto'
    ? (ctx.model.kernel.type as NetworkHawkesOptions['kernel'])
    : ctx.fitOptions.kernel;
}

/** The model's outcome events with their days shuffled among them (each person keeps their count). */
function shuffledDays(model: NetworkHawkesModel, seed: number): SimulatedEvent[] {
  const people = model.events.array('person_id') as string[];
  const days = Array.from(model.events.array('day') as ArrayLike<number>);
  createRng(seed).shuffle(days);
  return people.map((person_id, i) => ({ person_id, day: days[i], time: days[i], parent: -1 }));
}

/** Every replicate task, in a fixed order. @internal */
export function replicateTasks(o: {
  replicates: number;
  nullReplicates: number;
  nullReference?: 'parametric' | 'rewired-ties' | 'larger';
  placeboReplicates: number;
}): [HawkesReplicate['kind'], number][] {
  const tasks: [HawkesReplicate['kind'], number][] = [];
  const ref = o.nullReference ?? DEFAULTS.nullReference;
  for (let b = 0; b < o.replicates; b++) tasks.push(['bootstrap', b]);
  if (ref !== 'rewired-ties') for (let b = 0; b < o.nullReplicates; b++) tasks.push(['null', b]);
  if (ref !== 'parametric') for (let b = 0; b < o.nullReplicates; b++) tasks.push(['rewired', b]);
  for (let b = 0; b < o.placeboReplicates; b++) tasks.push(['placebo', b]);
  return tasks;
}

/** Linear-interpolation quantile (type 7) of finite values. */
function quantile(xs: readonly number[], q: number): number {
  return (
    quantileSorted(
      xs.filter(Number.isFinite).sort((a, b) => a - b),
      q,
    ) ?? Number.NaN
  );
}

/** z with P(|Z| > z) = 1 − level for a standard normal Z (bisection on the χ²₁ tail). */
function normalQuantile(level: number): number {
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (chiSquare1Tail(mid * mid) > 1 - level) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return { mean: m, sd: Math.sqrt(v / Math.max(1, xs.length - 1)) };
}

function interval(
  given: number,
  refits: readonly number[],
  level: number,
  scale: 'log' | 'share',
  how: 'normal' | 'basic',
  zero = 0,
): HawkesInterval {
  const a = (1 - level) / 2;
  // Values at or below `zero` are at the boundary (see VO_ZERO).
  const estimate = zero > 0 && given <= zero ? 0 : given;
  const boot = zero > 0 ? refits.map((x) => (x <= zero ? 0 : x)) : refits;
  // At α = 0, or with more than (1 − level)/2 of the refits there (the log scale dropped them,
  // and the interval then excluded the 0 its own refits reached), from 0 to the refits' quantile.
  if (!(estimate > 0) || (scale === 'log' && boot.filter((x) => x === 0).length > a * boot.length))
    return {
      estimate: given,
      lo: 0,
      hi: Math.max(given, quantile(boot, 1 - a)),
      method: 'percentile',
    };
  const log = scale === 'log';
  const f = (x: number) => (log ? Math.log(x) : x);
  const g = (x: number) => (log ? Math.exp(x) : Math.min(1, Math.max(0, x)));
  const fb = boot.filter((x) => Number.isFinite(x) && (!log || x > 0)).map(f);
  const fe = f(estimate);
  if (fb.length < 2)
    return {
      estimate,
      lo: estimate,
      hi: estimate,
      method: how === 'normal' ? 'normal-bootstrap' : 'basic-bootstrap',
    };
  if (how === 'normal') {
    const { mean, sd } = meanSd(fb);
    const z = normalQuantile(level);
    const centre = 2 * fe - mean;
    return reaching(estimate, g(centre - z * sd), g(centre + z * sd), 'normal-bootstrap');
  }
  return reaching(
    estimate,
    g(2 * fe - quantile(fb, 1 - a)),
    g(2 * fe - quantile(fb, a)),
    'basic-bootstrap',
  );
}

/**
 * Bias-corrected intervals that the correction moved wholly past their estimate (the estimator's
 * bias under the model exceeds z times its spread), before {@link reaching} stretched them to
 * it; hawkesInference warns of them.
 */
const stretched = new WeakSet<HawkesInterval>();

/** [lo, hi] stretched to hold the estimate, remembered in {@link stretched} when it had to be. */
function reaching(
  estimate: number,
  lo: number,
  hi: number,
  method: HawkesInterval['method'],
): HawkesInterval {
  const out = { estimate, lo: Math.min(estimate, lo), hi: Math.max(estimate, hi), method };
  if (lo > estimate || hi < estimate) stretched.add(out);
  return out;
}

/**
 * The interval of a share of the records' events (what was triggered, a quantity of these data,
 * not a parameter) from the bootstrap refits' errors δ* = ŝ* − s* against the share s* their own
 * simulation triggered: ŝ − mean(δ*) ± z·sd(δ*) (`'normal'`) or ŝ − the upper / lower quantiles
 * of δ* (`'basic'`), clipped to [0, 1]. With victim–offender ties the simulated worlds trigger a
 * smaller share than the fit's: the ties an outcome incident formed carry, in the records, the
 * very harm that formed them, and in a simulation on the observed ties only the events that fall
 * after the tie's day. Bias-correcting ŝ by the refits' mean, as for a parameter, read that as the
 * estimator's bias and moved the interval up (31.3% [29.0%, 46.7%] for a truth of 30.6%); the
 * refits' error against their own truth is the estimator's.
 */
function realisedShareInterval(
  estimate: number,
  deltas: readonly number[],
  level: number,
  how: 'normal' | 'basic',
): HawkesInterval {
  const d = deltas.filter(Number.isFinite);
  const method = how === 'normal' ? 'normal-bootstrap' : 'basic-bootstrap';
  if (d.length < 2) return { estimate, lo: estimate, hi: estimate, method };
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  const a = (1 - level) / 2;
  let lo: number;
  let hi: number;
  if (how === 'normal') {
    const { mean, sd } = meanSd(d);
    const z = normalQuantile(level);
    lo = estimate - mean - z * sd;
    hi = estimate - mean + z * sd;
  } else {
    lo = estimate - quantile(d, 1 - a);
    hi = estimate - quantile(d, a);
  }
  return reaching(estimate, clip(lo), clip(hi), method);
}

/**
 * With victim–offender ties, α and α_vo at or below this (expected children per tie) are read as
 * 0 by their intervals: EM has no collapse stop there and leaves a parameter with no support at
 * 1e-8 or below rather than at 0.
 */
const VO_ZERO = 1e-6;

/** Assembles the result from the context and every replicate row. @internal */
export function summariseInference(
  ctx: InferenceContext,
  rows: readonly HawkesReplicate[],
  o: {
    level: number;
    replicates: number;
    nullReplicates: number;
    nullReference?: 'parametric' | 'rewired-ties' | 'larger';
    placeboReplicates: number;
    interval?: 'normal' | 'basic';
  },
  kernelCheck: HawkesInference['kernelCheck'] = null,
): HawkesInference {
  const { model } = ctx;
  const ok = (kind: HawkesReplicate['kind']) => rows.filter((r) => r.kind === kind && !r.error);
  const warnings = [...model.warnings];
  // The fit's "groups has no effect" is not true of the inference when the test's own fits,
  // carrying the group covariate, took the fit's group options (those testFit does not set; the
  // Louvain ones only with Louvain groups). The model's warning stays: it is true of the fit.
  const t = ctx.test;
  const days = t && groupDaysOf(t.model);
  const off = warnings.findIndex((w) => w.endsWith(GROUP_COVARIATE_OFF));
  if (days && off >= 0) {
    const f = ctx.fitOptions;
    const given = (['groups', 'groupSeed', 'groupResolution'] as const).filter(
      (k) => f[k] !== undefined,
    );
    const used = given.filter(
      (k) => t.fitOptions[k] === f[k] && (k === 'groups' || t.fitOptions.groups !== 'people'),
    );
    const names = (ks: string[]) => ks.map((k) => `fit.${k}`).join(', ');
    const rest = names(given.filter((k) => !used.includes(k)));
    if (used.length > 0)
      warnings[off] =
        `${names(used)} ${used.length > 1 ? 'are' : 'is'} not used by the fit itself, whose group covariate is off (set fit.groupEventDays to turn it on), but by the no-contagion test's own fits (testFit), which carry it over ${days} days${rest ? `; ${rest} by neither` : ''}.`;
  }
  // Background risk rising with the number of co-offenders, read as contagion (one more fit).
  // (The fit runs it too when its score flags; then its warning is already among the model's.)
  const coOffenders = warnings.some((w) => w.startsWith(CO_OFFENDER_WARNING))
    ? null
    : coOffenderCheck(ctx.data, ctx.fitOptions, model);
  if (coOffenders) warnings.push(coOffenders);
  const failed = rows.filter((r) => r.error);
  if (failed.length > 0)
    warnings.push(
      failed.length === rows.length
        ? `${rows.length === 1 ? 'The one replicate fit was' : `All ${rows.length} replicate fits were`} refused or failed (first: ${failed[0].error}), so no figure here rests on a refit: no interval, no-contagion test or placebo is given.`
        : `${failed.length} of ${rows.length} replicate fits ${failed.length === 1 ? 'was' : 'were'} refused or failed (first: ${failed[0].error}); the figures use the rest.`,
    );
  const ranOff = ranOffWarning(rows);
  if (ranOff) warnings.push(ranOff);
  const boot = ok('bootstrap');
  let intervals: HawkesInference['intervals'] = null;
  // The guide's rule: when the fit is not identified its share and delay are not findings, and
  // an interval around them reads as one (a share of 26%, 95% interval 0–86%, on two events
  // whose delay ran to the end of its range). No refit is run for them (runReplicates).
  if (o.replicates > 0 && !model.identified)
    warnings.push(
      'No intervals are given: the fit does not identify the contagion kernel (see the warnings above), so its share, α and delay are not findings, and an interval around them would read as one.',
    );
  // One refit has no spread: its 'interval' was the estimate alone.
  else if (o.replicates > 0 && boot.length < 2)
    warnings.push(
      `${boot.length === 1 ? '1 bootstrap refit' : `${boot.length} bootstrap refits`} succeeded: at least 2 are needed for an interval, so none is given.`,
    );
  if (o.replicates > 0 && model.identified && boot.length > 1) {
    const found = model.parameters.alpha > 0 || model.state.alphaVo > 0;
    // A delay at an end of delayRangeDays is not identified: its refits sat there too (a
    // zero-width interval, 305.2 to 305.2 days, on two events of a gang of six).
    const atBound = model.diagnostics.betaAtBound;
    // A refit at α = 0 has no delay (its β is not identified).
    const delays = boot
      .filter((r) => r.alpha > 0 || (r.alpha_vo ?? 0) > 0)
      .map((r) => r.mean_delay_days);
    intervals = {
      alpha: interval(
        model.parameters.alpha,
        boot.map((r) => r.alpha),
        o.level,
        'log',
        o.interval ?? 'normal',
      ),
      meanDelayDays:
        found && !atBound && delays.length > 1
          ? interval(model.kernel.meanDays, delays, o.level, 'log', o.interval ?? 'normal')
          : null,
      share: interval(
        model.contagionShare,
        boot.map((r) => r.share),
        o.level,
        'share',
        o.interval ?? 'normal',
      ),
    };
    if (ctx.fitOptions.victimOffenderTies) {
      const how = o.interval ?? 'normal';
      // With victim–offender ties EM does not stop at α = 0 (no collapse check): α creeps to
      // 1e-8 or 1e-65, whose log scale gave α an interval of [4e-42, 9e36].
      intervals.alpha = interval(
        model.parameters.alpha,
        boot.map((r) => r.alpha),
        o.level,
        'log',
        how,
        VO_ZERO,
      );
      const of = (x: number | undefined) => x ?? Number.NaN;
      intervals.alphaVictimOffender = interval(
        model.state.alphaVo,
        boot.map((r) => of(r.alpha_vo)),
        o.level,
        'log',
        how,
        VO_ZERO,
      );
      // The shares by the refits' errors against what their simulation triggered (see
      // realisedShareInterval); α_vo = 0 (nothing simulated along victim–offender ties, no
      // `realised`) as the other parameters.
      const real = (boot as unknown as readonly ReplicateRow[]).filter((r) => r.realised);
      const part = (
        estimate: number,
        fitted: (r: ReplicateRow) => number,
        truth: (r: ReplicateRow) => number,
      ) =>
        real.length > 1
          ? realisedShareInterval(
              estimate,
              real.map((r) => fitted(r) - truth(r)),
              o.level,
              how,
            )
          : interval(
              estimate,
              (boot as unknown as readonly ReplicateRow[]).map(fitted),
              o.level,
              'share',
              how,
            );
      intervals.share = part(
        model.contagionShare,
        (r) => r.share,
        (r) => r.realised!.coOffending + r.realised!.victimOffender,
      );
      intervals.shares = {
        coOffending: part(
          of(model.shares.coOffending),
          (r) => of(r.share_co_offending),
          (r) => r.realised!.coOffending,
        ),
        victimOffender: part(
          of(model.shares.victimOffender),
          (r) => of(r.share_victim_offender),
          (r) => r.realised!.victimOffender,
        ),
      };
    }
    // A kernel on (0, maxLagDays] has a mean under maxLagDays: the log scale ran past it (1,162
    // days for a 730-day cap).
    const d = intervals.meanDelayDays;
    if (d) d.hi = Math.min(d.hi, Math.max(d.estimate, model.state.maxLag));
    const moved = stretchedWarning(intervals, o.level, boot.length);
    if (moved) warnings.push(moved);
    // The split between the two kinds of tie is the model's: where victim–offender contagion hits
    // a shooter and their co-offenders close together, the co-offending tie between those two
    // explains part of it, and the bootstrap (of the model) does not see that.
    const sp = intervals.shares;
    // (from half a point: a part estimated at 1e-7 has an interval from 1e-7 up)
    if (sp && sp.coOffending.lo >= 0.005 && sp.victimOffender.lo >= 0.005)
      warnings.push(
        `Both parts of the share exclude 0 (along co-offending ties ${pctText(sp.coOffending)}, along victim–offender ties ${pctText(sp.victimOffender)}), but the split is less sure than its intervals say: on cities whose contagion ran along victim–offender ties only, the fit put 2–5 points of it on co-offending ties (the shooter's co-offenders, hit soon after the shooter, are tied to them), and the co-offending part's interval excluded 0 on 16 of 20 (its victim–offender part covered the truth on 16 of 20, the total share on 20 of 20). Report the total share's interval; read a co-offending part of a few points beside a large victim–offender part as possibly that.`,
      );
    const weak = boot.filter((r) => !r.identified).length;
    if (found && weak > boot.length / 10)
      warnings.push(
        `In ${weak} of ${boot.length} bootstrap refits the kernel was not identified: the intervals are wide for a reason, and the delay's is rough.`,
      );
  }
  let noContagionTest: HawkesInference['noContagionTest'] = null;
  const reference = o.nullReference ?? DEFAULTS.nullReference;
  // The test is of its own model (testFit; ctx.test), or of the fit's when that is null.
  const tested = ctx.test ?? ctx;
  if (ctx.testRefused && o.nullReplicates > 0)
    warnings.push(
      `The no-contagion test's own fit (testFit, with the group covariate by default) was refused, so the test is of the fit's model, in which a group's hot period can read as contagion: ${ctx.testRefused}`,
    );
  if (
    ctx.test &&
    o.nullReplicates > 0 &&
    groupDaysOf(ctx.test.model) === null &&
    Number.isFinite(ctx.test.fitOptions.groupEventDays ?? Infinity)
  )
    warnings.push(
      "The no-contagion test's group covariate (testFit) was dropped in its fit (it ran off, or no one has a group), so the test is of a model without it, in which a group's hot period can read as contagion.",
    );
  const nul = tested.nullModel && reference !== 'rewired-ties' ? ok('null') : [];
  const rew = reference !== 'parametric' ? ok('rewired') : [];
  const wanted = (reference === 'larger' ? 2 : 1) as number;
  if (o.nullReplicates > 0 && (nul.length > 0 ? 1 : 0) + (rew.length > 0 ? 1 : 0) >= wanted) {
    const statistic = Math.max(0, 2 * (tested.model.logLikelihood - tested.nullLogLik));
    const pOf = (rs: readonly HawkesReplicate[]) =>
      rs.length === 0
        ? null
        : (1 + rs.filter((r) => r.lr >= statistic - 1e-9 * Math.max(1, statistic)).length) /
          (1 + rs.length);
    const pValueParametric = pOf(nul);
    const pValueRewired = pOf(rew);
    const shares = (nul.length > 0 ? nul : rew).map((r) => r.share);
    noContagionTest = {
      statistic,
      pValue: Math.max(pValueParametric ?? 0, pValueRewired ?? 0),
      reference,
      pValueParametric,
      pValueRewired,
      replicates:
        reference === 'larger'
          ? Math.min(nul.length, rew.length)
          : reference === 'parametric'
            ? nul.length
            : rew.length,
      nullShares: { median: quantile(shares, 0.5), p95: quantile(shares, 0.95) },
      groupEventDays: groupDaysOf(tested.model),
    };
  } else if (o.nullReplicates > 0) {
    const missing = [
      ...(reference !== 'rewired-ties' && nul.length === 0 ? ['parametric (simulated α = 0)'] : []),
      ...(reference !== 'parametric' && rew.length === 0 ? ['rewired-ties'] : []),
    ];
    // Why the rewired refits failed when only they did (a rewiring that cannot move any tie).
    const why =
      missing.length === 1 && rew.length === 0
        ? rows.find((r) => r.kind === 'rewired' && r.error)?.error
        : undefined;
    warnings.push(
      `The no-contagion test is not reported: no ${missing.join(' or ')} replicate refit succeeded, and the '${reference}' reference needs ${reference === 'larger' ? 'both' : 'it'}.${why ? ` ${why}` : ''}`,
    );
  }
  // Risk tied people share for years (homophily, a shared place) makes the test reject with no
  // contagion: its references (the α = 0 fit simulated, the records rewired) hold none of it. On
  // the homophily worlds it rejected at 5% on 28 of 30 cities without contagion, every one of
  // them with the fit not identified (bench/results/worlds-homophily-2026-12-05.md). Said when the
  // fit found such risk, and when the test rejects while the fit identifies no kernel, or one as
  // slow as shared risk makes (half a year or more: what it fitted there).
  const shared = model.warnings.find((w) => w.startsWith(SHARED_RISK_WARNING));
  if (noContagionTest) {
    const rejects = noContagionTest.pValue <= 1 - o.level;
    const slow = model.kernel.meanDays >= SLOW_KERNEL_DAYS;
    if (shared || (rejects && (!model.identified || slow)))
      warnings.push(
        sharedRiskTestWarning(
          noContagionTest.pValue,
          shared
            ? "the risk tied people share (the fit's warning above)"
            : !model.identified
              ? 'the fit identifies no kernel (see its warnings)'
              : `its kernel's mean delay of ${delayDays(model.kernel.meanDays)} is as slow as risk shared by tied people makes one`,
        ),
      );
  }
  // Of the test's model, as the no-contagion test it may fall back on.
  const victimOffenderTest = ctx.fitOptions.victimOffenderTies
    ? voTest(tested, noContagionTest, warnings)
    : undefined;
  const pl = ok('placebo');
  if (o.placeboReplicates > 0 && pl.length === 0) {
    const why = rows.find((r) => r.kind === 'placebo' && r.error)?.error;
    warnings.push(`The placebo is not reported: ${why ?? 'no placebo refit succeeded.'}`);
  }
  const placebo: HawkesInference['placebo'] =
    o.placeboReplicates > 0 && pl.length > 0
      ? {
          method: ctx.placebo,
          shares: pl.map((r) => r.share),
          median: quantile(
            pl.map((r) => r.share),
            0.5,
          ),
          identified: pl.filter((r) => r.identified).length,
        }
      : null;
  if (placebo && placebo.median >= 0.05)
    warnings.push(
      placebo.method === 'rewired-ties'
        ? `With co-offenders swapped at random between incidents (so no contagion can travel along the ties) the method still reports a contagion share of ${(100 * placebo.median).toFixed(1)}%: that much of the share is what degree, heterogeneity and timing alone produce.`
        : `With the event days shuffled the method still reports a contagion share of ${(100 * placebo.median).toFixed(1)}% (${placebo.identified} of ${placebo.shares.length} placebo fits identified the kernel): people with many events sit beside people with many events, which a flat kernel takes for contagion; the rewired-ties placebo separates this from timing.`,
    );
  if (kernelCheck && kernelCheck.pValue < 0.01)
    warnings.push(
      `The delays are not exponential: a gamma kernel fits better (shape ${kernelCheck.shape.toFixed(2)}, likelihood ratio ${kernelCheck.statistic.toFixed(1)}, p = ${kernelCheck.pValue.toPrecision(2)}) with a mean delay of ${delayDays(kernelCheck.meanDelayDays)} against the exponential kernel's ${delayDays(model.kernel.meanDays)}; the exponential kernel's delay (and its interval) is biased — ${kernelAdvice(kernelCheck.shape, ctx.fitOptions)}.`,
    );
  const nearExplosive = model.branchingRatio >= 0.9;
  if (nearExplosive && !warnings.some((w) => w.includes('branching ratio')))
    warnings.push(
      `The branching ratio is ${model.branchingRatio.toFixed(2)}: near explosive, so simulated replicates and intervals are fragile.`,
    );
  return {
    model,
    intervals,
    noContagionTest,
    ...(victimOffenderTest !== undefined ? { victimOffenderTest } : {}),
    placebo,
    kernelCheck,
    branchingRatio: model.branchingRatio,
    nearExplosive,
    level: o.level,
    replicates: table({
      kind: rows.map((r) => r.kind),
      replicate: rows.map((r) => r.replicate),
      seed: rows.map((r) => r.seed),
      events: rows.map((r) => r.events),
      alpha: rows.map((r) => orNull(r.alpha)),
      mean_delay_days: rows.map((r) => orNull(r.mean_delay_days)),
      share: rows.map((r) => orNull(r.share)),
      identified: rows.map((r) => r.identified),
      log_lik: rows.map((r) => orNull(r.log_lik)),
      log_lik_null: rows.map((r) => orNull(r.log_lik_null)),
      lr: rows.map((r) => orNull(r.lr)),
      ...(ctx.fitOptions.victimOffenderTies
        ? {
            alpha_vo: rows.map((r) => orNull(r.alpha_vo ?? Number.NaN)),
            share_co_offending: rows.map((r) => orNull(r.share_co_offending ?? Number.NaN)),
            share_victim_offender: rows.map((r) => orNull(r.share_victim_offender ?? Number.NaN)),
          }
        : {}),
      error: rows.map((r) => r.error),
    }),
    warnings,
  };
}

/**
 * The test of α_vo = 0 with α free ({@link HawkesInference.victimOffenderTest}): one fit with
 * α_vo held at 0. Pushes a warning when it cannot be given.
 */
function voTest(
  ctx: InferenceContext,
  joint: HawkesInference['noContagionTest'],
  warnings: string[],
): HawkesInference['victimOffenderTest'] {
  const { model } = ctx;
  let restricted: NetworkHawkesModel | null = model;
  if (model.state.alphaVo > 0)
    try {
      restricted = refitNetworkHawkes(
        ctx.data,
        {
          ...ctx.fitOptions,
          start: { ...ctx.fitOptions.start, alphaVictimOffender: 0 },
          standardErrors: false,
        },
        { covariates: ctx.covariates },
        ctx.fn,
        ctx.path,
      );
    } catch (e) {
      restricted = null;
      warnings.push(
        `The test of no contagion along victim–offender ties is not reported: the fit with α_vo held at 0 was refused (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
  if (!restricted) return null;
  const alphaUnderNull = restricted.parameters.alpha;
  if (alphaUnderNull > 0) {
    const statistic = Math.max(0, 2 * (model.logLikelihood - restricted.logLikelihood));
    return {
      statistic,
      pValue: statistic > 0 ? 0.5 * chiSquare1Tail(statistic) : 1,
      method: 'chi-bar-squared',
      alphaUnderNull,
    };
  }
  if (!joint) {
    warnings.push(
      'The test of no contagion along victim–offender ties is not reported: with α_vo held at 0 the fit finds no contagion along co-offending ties either, so that test is the no-contagion test, which did not run (nullReplicates: 0, or its refits failed).',
    );
    return null;
  }
  return {
    statistic: joint.statistic,
    pValue: joint.pValue,
    method: 'no-contagion-test',
    alphaUnderNull,
  };
}

const KIND_NAMES: Record<HawkesReplicate['kind'], string> = {
  bootstrap: 'bootstrap',
  null: 'no-contagion (simulated α = 0)',
  rewired: 'rewired-ties',
  placebo: 'placebo',
};

/**
 * Refits in which a covariate the fit kept ran off: every refit keeps the fit's covariates (so it
 * is of the fit's model, and its likelihood compares with the fit's), so it kept that one at its
 * run-off value rather than dropping it. Says how many of each kind, and which covariates; null
 * when none did.
 */
function ranOffWarning(rows: readonly (HawkesReplicate & { ranOff?: string[] })[]): string | null {
  const byKind = new Map<HawkesReplicate['kind'], { off: number; of: number }>();
  const byName = new Map<string, number>();
  for (const r of rows) {
    if (r.error) continue;
    const k = byKind.get(r.kind) ?? { off: 0, of: 0 };
    k.of++;
    if (r.ranOff && r.ranOff.length > 0) {
      k.off++;
      for (const nm of r.ranOff) byName.set(nm, (byName.get(nm) ?? 0) + 1);
    }
    byKind.set(r.kind, k);
  }
  const kinds = [...byKind].filter(([, k]) => k.off > 0);
  if (kinds.length === 0) return null;
  const where = kinds.map(([kind, k]) => `${k.off} of ${k.of} ${KIND_NAMES[kind]} refits`);
  const names = [...byName].map(([nm, n]) => `'${nm}' in ${n === 1 ? 'one' : n}`);
  const list = (xs: string[]) =>
    xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs[0];
  return `In ${list(where)} a covariate the fit kept ran off (${list(names)}): every refit keeps the fit's covariates (those it dropped held at 0, no other dropped), so that it is a refit of the same model and its likelihood compares with the fit's, and these kept it at its run-off value (their α, share and delay are the limits the likelihood tends to along it). A covariate that runs off in many refits is barely estimable on these records: consider turning it off.`;
}

/**
 * The no-contagion test's caveat when the fit found risk shared by tied people (see
 * `sharedRiskCheck` in fit.ts).
 */
function sharedRiskTestWarning(pValue: number, why: string): string {
  return `The no-contagion test (p = ${pValue.toPrecision(2)}) cannot tell contagion from risk that tied people share for years (homophily, a shared place), and here ${why}: its references — the no-contagion fit simulated, the records with co-offenders rewired — hold none of that shared risk, so it alone makes the test reject. On 3,000-person cities where tied people shared risk for six years with no contagion it rejected at 5% on 28 of 30 (on 2 of 4 with fit: { groupEventDays: 730 }), every one with the fit not identified. Read a small p here as harm clustering along the ties, not as evidence of contagion.`;
}

/**
 * The warning for intervals the bias correction moved wholly past their estimate (stretched to
 * reach it, see {@link reaching}), or undefined. The refits read the figure lower (or higher)
 * than the value they were simulated with by more than z times their spread: under the model the
 * fit's figure is biased that way here, and an interval that ends at the estimate is that, not
 * the estimate's own uncertainty.
 */
function stretchedWarning(
  iv: NonNullable<HawkesInference['intervals']>,
  level: number,
  replicates: number,
): string | undefined {
  const named: [string, HawkesInterval | null | undefined, (v: number) => string][] = [
    ['α', iv.alpha, (v) => v.toPrecision(3)],
    ['the mean delay', iv.meanDelayDays, (v) => `${delayDays(v)} days`],
    ['the share', iv.share, (v) => `${(100 * v).toFixed(1)}%`],
    ['α_vo', iv.alphaVictimOffender, (v) => v.toPrecision(3)],
    [
      'the co-offending part of the share',
      iv.shares?.coOffending,
      (v) => `${(100 * v).toFixed(1)}%`,
    ],
    ['the victim–offender part', iv.shares?.victimOffender, (v) => `${(100 * v).toFixed(1)}%`],
  ];
  const parts = named.flatMap(([name, x, f]) => {
    if (!x || !stretched.has(x)) return [];
    const up = x.lo === x.estimate;
    return [
      `${name} (${f(x.estimate)}, read ${f(x.lo)}–${f(x.hi)}: the correction lay wholly ${up ? 'above' : 'below'} it, so the fit's figure is likely ${up ? 'low' : 'high'})`,
    ];
  });
  if (parts.length === 0) return undefined;
  const list =
    parts.length > 1
      ? `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}`
      : parts[0];
  return `The bootstrap's bias correction moved ${parts.length === 1 ? 'one interval' : `${parts.length} intervals`} wholly past the fit's own figure; ${parts.length === 1 ? 'it is' : 'they are'} stretched to reach it: ${list}. Refits simulated from the fit came out further from the value they were simulated with than their spread explains at ${Math.round(level * 100)}%, so under the model the estimator is biased here by more than its noise${replicates < 20 ? `; with ${replicates} refits this may be noise too: use 39 or more` : ''}.`;
}

/** A share and its interval in words: '3.2%, interval 1.0–6.1%'. */
function pctText(x: HawkesInterval): string {
  const p = (v: number) => (100 * v).toFixed(1);
  return `${p(x.estimate)}%, interval ${p(x.lo)}–${p(x.hi)}%`;
}

/** A figure for the replicates table: null (an empty CSV cell) where the row has none (NaN). */
function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** P(χ²₁ ≥ x) = erfc(√(x/2)) (Abramowitz & Stegun 7.1.26 refined by a continued fraction). */
export function chiSquare1Tail(x: number): number {
  if (!(x > 0)) return 1;
  const z = Math.sqrt(x / 2);
  // erfc by its continued fraction (Lentz) for z ≥ 0.5, by the series of erf below.
  if (z < 0.5) {
    let sum = z;
    let term = z;
    for (let n = 1; n < 60; n++) {
      term *= (-z * z) / n;
      sum += term / (2 * n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(z) = exp(−z²)/√π · 1/(z + 1/2/(z + 1/(z + 3/2/(z + …)))).
  let f = z;
  let C = z;
  let D = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    D = z + a * D;
    D = D === 0 ? 1e-300 : 1 / D;
    C = z + a / C;
    if (C === 0) C = 1e-300;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
}

/**
 * What the kernel check's warning tells the user to do, from the gamma shape it found and the
 * kernel option of the fit. A shape of 1.5 or more is near a whole shape ≥ 2: the Erlang kernel
 * (which `'auto'`, the default, picks itself when it beats the exponential at 1%, and which
 * `planOutreach` handles exactly). Below 1.5 no Erlang shape but 1 (the exponential) is near:
 * the gamma kernel (any real shape; `planOutreach` refuses it) or the histogram kernel. @internal
 */
export function kernelAdvice(shape: number, fit: NetworkHawkesOptions): string {
  const self = fit.selfExcitation
    ? ' without selfExcitation (which only the exponential kernel supports; the prior-victimisation covariate stands in for it)'
    : '';
  if (shape >= 1.5)
    return fit.kernel === 'exponential' || self
      ? `refit${self} with fit: { kernel: 'auto' } (the default, which keeps an Erlang kernel when it beats the exponential at 1%) or fit: { kernel: 'erlang' } (shape about ${Math.round(shape)})`
      : `refit with fit: { kernel: 'erlang' } (shape about ${Math.round(shape)}; 'auto' kept the exponential because the Erlang kernel did not beat it at 1%)`;
  return `refit${self} with fit: { kernel: 'gamma' } (shape ${shape.toFixed(2)} is not whole, so planOutreach will refuse that model) or fit: { kernel: 'histogram' } to see the delays without a shape`;
}

/**
 * The kernel-shape check: fits the gamma kernel beside the exponential fit and tests κ = 1 by
 * the likelihood ratio (χ²₁: κ = 1 is inside the shape range, so the test is regular). `null`
 * when the fit is not exponential, found no contagion, or the gamma fit was refused. @internal
 */
export function kernelShapeCheck(ctx: InferenceContext): HawkesInference['kernelCheck'] {
  const { model } = ctx;
  if (model.kernel.type !== 'exponential' || !(model.parameters.alpha > 0)) return null;
  try {
    const g = refitNetworkHawkes(
      ctx.data,
      { ...ctx.fitOptions, kernel: 'gamma', standardErrors: false },
      { covariates: ctx.covariates },
      ctx.fn,
      'fit',
    );
    if (!(g.parameters.alpha > 0)) return null;
    const statistic = Math.max(0, 2 * (g.logLikelihood - model.logLikelihood));
    return {
      shape: g.kernel.shape,
      meanDelayDays: g.kernel.meanDays,
      statistic,
      pValue: chiSquare1Tail(statistic),
    };
  } catch {
    return null;
  }
}

/** Checks and resolves the options. @internal */
export function resolveInferenceOptions(fn: string, options: HawkesInferenceOptions | undefined) {
  checkOptions(fn, options, RULES);
  // The fit's options by the fit's own rules, before any fit runs: 'fit.start.alfa', not a
  // fitNetworkHawkes error naming 'start.alfa' from the first refit.
  if (options?.fit) checkFitOptions(fn, options.fit, 'fit');
  if (options?.testFit) checkFitOptions(fn, options.testFit, 'testFit');
  const tf = options?.testFit;
  if (tf?.maxIterations === 0 || tf?.start?.alpha === 0)
    throw new OptionError(
      fn,
      'testFit',
      `${fn}: testFit ${tf.maxIterations === 0 ? 'maxIterations: 0 evaluates the model at start' : 'start.alpha = 0 holds α at 0'}, so the test's fits estimate no α and its statistic is 0 whatever the records hold. Leave it out.`,
    );
  // Refits that cannot move α gave zero-width intervals and a test with p = 1 (with
  // victim–offender ties, α held at 0 leaves α_vo to estimate, unless it is held too).
  const f = options?.fit;
  const voFree = !!f?.victimOffenderTies && f?.start?.alphaVictimOffender !== 0;
  if (f?.maxIterations === 0 || (f?.start?.alpha === 0 && !voFree))
    throw new OptionError(
      fn,
      'fit',
      `${fn}: fit ${f.maxIterations === 0 ? 'maxIterations: 0 evaluates the model at start' : `start.alpha = 0 holds α at 0${f.victimOffenderTies ? ' (and start.alphaVictimOffender = 0 α_vo)' : ''}`}, so no refit estimates α: there is nothing to put an interval on or test. Leave it out.`,
    );
  const o = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options ?? {}))
    if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  // A fit with its own group covariate is tested as it is, unless testFit says otherwise.
  if (options?.testFit === undefined && Number.isFinite(options?.fit?.groupEventDays ?? Infinity))
    o.testFit = {};
  return o as typeof DEFAULTS;
}

/** The options of the no-contagion test's own fits (`testFit` over `fit`), or null for the fit's. @internal */
export function testFitOptions(o: {
  fit: NetworkHawkesOptions;
  testFit: NetworkHawkesOptions;
}): NetworkHawkesOptions | null {
  const extra = Object.entries(o.testFit).filter(([, v]) => v !== undefined);
  // The test reads likelihoods only: no standard errors or frailty (as its refits), unless asked.
  return extra.length === 0
    ? null
    : { ...o.fit, standardErrors: false, frailty: false, ...Object.fromEntries(extra) };
}
/**
 * Intervals and tests for the network Hawkes fit (issue 10), by parametric bootstrap (browser-safe,
 * single thread; `hawkesInferenceParallel` in `violence-contagion/node` splits the replicates over
 * worker threads with identical results):
 *
 * - **intervals** at `level` (default 95%) for α, the kernel's mean delay and the contagion share:
 *   simulate the fitted process over the observation window `replicates` times
 *   (`simulateNetworkHawkes`, each replicate with its own seed), refit each, and take
 *   bias-corrected normal intervals (`interval`; α and the delay on the log scale);
 * - **a test of no contagion** valid at the boundary α = 0: the likelihood ratio against the
 *   α = 0 fit, referred to `nullReplicates` refits of data simulated from the α = 0 fit and/or
 *   (`nullReference`) as many refits of the records with co-offenders rewired (a permutation
 *   test); by default the larger of the two p-values; its fits (`testFit`) carry by default the
 *   group covariate over 90 days, so a co-offending group's hot period is part of its null;
 * - **a placebo**: refits with co-offenders swapped at random between incidents of the same month
 *   and severity (every person keeps their degree, every event stays), reporting the share the
 *   method finds where contagion through the ties cannot be (`placebo: 'shuffled-days'` shuffles
 *   the events' days instead);
 * - **a kernel-shape check** (`kernelCheck`): the gamma kernel against the exponential, so a
 *   biased exponential delay is flagged;
 * - with `fit.victimOffenderTies`: intervals for α_vo and the share's two parts (along co-offending
 *   and victim–offender ties), the no-contagion test of α = α_vo = 0 jointly, and
 *   `victimOffenderTest` of α_vo = 0 with α free; the replicates simulate α_vo on the observed
 *   ties and refit on them (the bootstrap conditions on the observed network, both kinds of tie);
 * - the **branching ratio**, with a plain warning when it is near explosive (≥ 0.9);
 * - **a co-offender check** (when the fit is identified and has no `covariates`): a refit with
 *   ln(1 + each person's distinct co-offenders) as a background covariate; when it fits better
 *   at the 0.1% level and its share is four fifths of the fit's or less, a warning gives its
 *   share: background risk that rises with the number of ties reads as contagion through them.
 *
 * Cost: 1 + `replicates` + `nullReplicates` (× 2 with `nullReference: 'larger'`) +
 * `placeboReplicates` fits, + 1 for the kernel check (244 at the defaults), + 1 for the test's
 * own fit (`testFit`: with the group covariate, a Louvain run and more design rows; its refits
 * reuse its groups), + 1 for the
 * co-offender check (an identified fit: about 4-5 fits' CPU, every person having their own
 * design rows under the covariate). Each replicate
 * reuses the fit's index (people, ties and other records) and only swaps the outcome events or the co-offenders, without re-indexing;
 * the replicate worlds are simulated together (set-up once). A refit skips what its figures do
 * not use — the frailty (fitted after α, β and the share, which it leaves unchanged), standard
 * errors (but for the placebo) — and a bootstrap refit starts its EM at the fit's parameters
 * and, when the records' likelihood ratio against α = 0 is ≥ 100 (an α = 0 refit then has
 * probability < 10⁻⁶), skips the α = 0 comparison; a null replicate's α = 0 fit is the refit's
 * own boundary run. Every refit (the checks' too) has the fit's covariates: those the fit dropped
 * after they ran off are held at 0 and no other of its covariates is dropped, so each is of the
 * fit's model (one that runs off in a refit is kept there, and a warning counts such refits).
 * A full default fit of the same replicate gives the same figures to the EM's
 * tolerance (tested). Same data, options and seed ⇒ identical result.
 *
 * @example
 * const inf = hawkesInference(data, { replicates: 39, nullReplicates: 99 });
 * inf.intervals?.share;            // { estimate, lo, hi, method }
 * inf.noContagionTest?.pValue;     // small ⇒ contagion is there
 * inf.placebo?.median;             // share found on a rewired network
 */
export function hawkesInference(
  data: Dataset | DatasetIndex,
  options: HawkesInferenceOptions = {},
): HawkesInference {
  return hawkesInferenceAs('hawkesInference', data, options);
}

/** {@link hawkesInference} called as `fn` (hawkesInferenceParallel on one thread). @internal */
export function hawkesInferenceAs(
  fn: string,
  data: Dataset | DatasetIndex,
  options: HawkesInferenceOptions = {},
): HawkesInference {
  const o = resolveInferenceOptions(fn, options);
  const ctx = inferenceContext(
    data,
    o.fit,
    o.seed,
    o.nullReplicates > 0,
    o.placebo,
    fn,
    testFitOptions(o),
  );
  const rows = runReplicates(ctx, tasksFor(ctx, replicateTasks(o)));
  return summariseInference(ctx, rows, o, o.kernelCheck ? kernelShapeCheck(ctx) : null);
}

/** Defaults of every option (units in {@link HawkesInferenceOptions}). */
hawkesInference.defaults = DEFAULTS;
