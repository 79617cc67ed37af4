import { table as arqueroTable } from 'arquero';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../../core/dataset-index.js';
import { DataRefusedError, InputError, OptionError } from '../../core/errors.js';
import { delayDays, fixed } from '../../core/format.js';
import { datasetExpected, isDatasetLike } from '../../core/guards.js';
import { personAsRead } from '../../core/id-as-read.js';
import {
  checkOptions,
  closestName,
  closestOptionName,
  type OptionRules,
  rule,
} from '../../core/options.js';
import { count } from '../../core/plural.js';
import { profileBefore } from '../../core/profile.js';
import { assertNoProtected, proxyWarnings } from '../../core/protected.js';
import type { DateLike } from '../../core/time.js';
import { dayToIso } from '../../core/time.js';
import type { Dataset } from '../../core/types.js';
import { buildBackground, GROUP_COVARIATE_NAME, lostExitRowsWarning } from './background.js';
import {
  binExposure,
  buildEngine,
  type Engine,
  eStep,
  eventBackground,
  excitationSlopesAtZero,
  gammaStructure,
  type InternalParams,
  type KernelSpec,
  kernelMass,
  kernelMeanOf,
  kernelNorm,
  layout,
  logLikelihood,
  networkCompensator,
  rowFactors,
  SELF,
  toVector,
  VO,
  vectorNames,
} from './engine.js';
import { buildGroupEvents, louvainGroups, peopleGroups } from './groups.js';
import {
  DEFAULT_HISTOGRAM_EDGES,
  gammaLogConst,
  gammaP,
  histogramEdges,
  logGamma,
} from './kernel.js';
import {
  branchingRatioWarning,
  type HawkesState,
  intensityDecomposed,
  isoOrEmpty,
  type KernelChoice,
  type NetworkHawkesModel,
  type NetworkHawkesStandardErrors,
  personBackgroundTotals,
  risk,
  riskStates,
  type TrendBin,
} from './model.js';
import {
  COLLAPSE_OFFSPRING,
  type CollapsingParts,
  invertSpd,
  newtonRefine,
  observedInformation,
  runEm,
} from './optimise.js';
import { roundedDatesWarning } from './precision.js';
import { type HawkesData, prepareHawkesData, tieWeightFunction } from './prepare.js';
import { tailScore } from './tail.js';
import type {
  CovariateRows,
  NetworkHawkesOptions,
  NetworkHawkesParameters,
  RecordCovariates,
} from './types.js';
import { victimOffenderScoreParts as voScoreParts } from './vo-score.js';
import { GROUP_COVARIATE_OFF, VICTIM_OFFENDER_WARNING } from './warning-heads.js';

/** Points of the β grid on which a collapse of α is checked (see fitAll). */
const COLLAPSE_GRID = 97;

/** Defaults of {@link fitNetworkHawkes} (units in the option docs). */
const DEFAULTS = {
  minSeverity: 3,
  roles: ['victim'] as readonly ('victim' | 'offender')[],
  maxLagDays: 730,
  tieWeight: 'unweighted' as const,
  ties: 'time-gated' as const,
  seasonal: false,
  trend: 'year' as 'year' | 'quarter' | false,
  lastTrendBinDays: 182 as number,
  recordCountDays: Number.POSITIVE_INFINITY as number,
  forecastLevel: 'drift-checked' as 'covariates' | 'last-bin' | 'drift-checked',
  groupEventDays: Number.POSITIVE_INFINITY as number,
  groups: 'louvain' as 'louvain' | 'people',
  groupSeed: 1,
  groupResolution: 8,
  recordCovariates: {
    priorIncidents: true,
    priorViolentOffending: true,
    priorVictimisation: true,
    yearsSinceFirstRecord: true,
    priorCoOffenders: true,
  },
  entry: 'first-record' as const,
  homicideExit: true,
  selfExcitation: false,
  victimOffenderTies: false,
  frailty: true,
  kernel: 'auto' as NonNullable<NetworkHawkesOptions['kernel']>,
  histogramEdgesDays: DEFAULT_HISTOGRAM_EDGES as readonly number[],
  tolerance: 1e-9,
  maxIterations: 1000,
  refine: true,
  standardErrors: true,
  topParents: 3,
  retentionYears: 6,
};

/**
 * Level of the likelihood-ratio test with which `kernel: 'auto'` leaves the exponential kernel for
 * an Erlang kernel (χ² with 1 degree of freedom: conservative, since the whole-shape maximum is
 * below the continuous-shape one, whose ratio is χ²₁ at κ = 1, an interior point).
 */
const AUTO_KERNEL_LEVEL = 0.01;

/** Shortest outcome window, in days, in which the kernel's delays can be told from the background. */
const MIN_WINDOW_DAYS = 90;
/**
 * Fewer modelled events than this in the last trend bin are warned of: the bin's rate sets the
 * level of every forecast past the window, and on 4 events its standard error is 50%.
 */
const FEW_IN_LAST_BIN = 5;
/** Kernel mean (days) from which an identified fit warns that homophily could fit it too. */
export const SLOW_KERNEL_DAYS = 180;
/**
 * An identified exponential or Erlang kernel with a mean under this (days) is checked against the
 * histogram kernel: one shape cannot hold contagion that is partly fast and partly slow, and on
 * such records (half the delays within a week, half about 200 days) it keeps the fast part (mean
 * 4 days) and reads the slow part as background (share 12% against 25%).
 */
const SHORT_KERNEL_DAYS = 30;
/** Level of the likelihood-ratio test of that check (χ², one degree of freedom per free bin weight beyond the kernel's). */
const SHAPE_CHECK_LEVEL = 0.001;
/**
 * The co-offender check (see {@link coOffenderCheck}) warns when the fit with each person's number
 * of co-offenders as a background covariate is better at {@link SHAPE_CHECK_LEVEL} and its share
 * is this fraction of the fit's or less.
 */
const CO_OFFENDER_SHARE_RATIO = 0.8;
/** How the co-offender check's warning begins. @internal */
export const CO_OFFENDER_WARNING =
  'Risk rises with the number of co-offenders beyond what the record counts show';
/** The fit runs the co-offender check when its score ({@link coOffenderScore}) is this or more (one-sided p 0.0005). */
const CO_OFFENDER_SCORE = 3.29;
/**
 * The fit runs the shared-risk check ({@link sharedRiskCheck}) when its score
 * ({@link sharedRiskScore}) is this or more (one-sided p 0.01; at most 1.9 on 10 cities of the
 * homophily worlds' control and on the 100k-person speed city, 4.3–6.7 where groups share
 * risk), or when its kernel is slow. The refit ({@link sharedRiskRefit}: from the fit's
 * parameters, its kernel kept) makes the fit 1.9 times slower at 3,000 people (3.5 times as a
 * fit of its own; about 7 times at 100,000 then: Louvain, the group design, the kernel search
 * again).
 */
const SHARED_RISK_SCORE = 2.33;
/** The shared-risk check warns when its refit's share is this much lower (or not identified). */
const SHARED_RISK_SHIFT = 0.02;
/**
 * EM and polish tolerance of the shared-risk check's refit (the fit's own: 1e-9): from the fit's
 * parameters, on 56 homophily cities its shares were within 0.11 points of a refit of its own at
 * 1e-9 and its likelihood ratios within 0.01, in 10–16 EM iterations at the median against 26–48
 * (bench/results/worlds-homophily-area-2026-12-05.md).
 */
const SHARED_RISK_TOLERANCE = 1e-6;
/** How the shared-risk check's warning begins. @internal */
export const SHARED_RISK_WARNING = 'Risk is shared by tied people for longer than contagion lasts';

/**
 * The fit runs the victim–offender check ({@link victimOffenderCheck}) when its score
 * ({@link victimOffenderScore}) is this or more (the one-sided 1% point of one standard normal
 * score, as the shared-risk check; the largest of five correlated ones passes it more often, so it
 * is a gate, not a test: the refit's likelihood ratio at 0.1% decides the warning): 6.7–8.0 on
 * 3,000-person cities whose contagion ran along victim–offender ties only (3.6–5.6 at 1,500), at
 * most 2.7 on 110 cities without it, passing on 3 feud cities whose refit did not warn
 * (bench/results/victim-offender-check-2026-12-05.md). It can miss: with delays that rise to a
 * peak (world2 channel 'victim-offender', gamma4 delays, seed 1, 1,500 people) the score read
 * 2.26 where the 'sides' fit's ratio was 16.0 (its share 24.6%, the fit's 5.9%, true 26.7%).
 */
const VICTIM_OFFENDER_SCORE = 2.33;
/** The victim–offender check warns when its refit's share is this much higher. */
const VICTIM_OFFENDER_SHIFT = 0.02;

export { VICTIM_OFFENDER_WARNING } from './warning-heads.js';

const RULES: OptionRules<NetworkHawkesOptions> = {
  asOf: rule.date,
  since: rule.date,
  retentionYears: (v) =>
    typeof v === 'number' && v > 0 ? undefined : 'a number of years > 0 (Infinity keeps all)',
  minSeverity: rule.number({ min: 0, max: 4 }),
  roles: rule.array(rule.oneOf(['victim', 'offender'])),
  outcomeFilter: rule.func,
  outcomeSince: rule.date,
  ties: rule.oneOf(['time-gated', 'static']),
  recordCovariates: rule.or(rule.oneOf([false]), rule.record(rule.boolean)),
  trend: rule.oneOf(['year', 'quarter', false]),
  lastTrendBinDays: (v) =>
    typeof v === 'number' && v >= 30
      ? undefined
      : 'a number of days ≥ 30 (Infinity: calendar bins only)',
  recordCountDays: (v) =>
    typeof v === 'number' && v >= 30
      ? undefined
      : 'a number of days ≥ 30 (Infinity: every earlier record in the records window)',
  forecastLevel: rule.oneOf(['covariates', 'last-bin', 'drift-checked']),
  groupEventDays: (v) =>
    typeof v === 'number' && v >= 1
      ? undefined
      : 'a number of days ≥ 1 (Infinity: no group covariate)',
  groups: rule.oneOf(['louvain', 'people']),
  groupSeed: rule.number({ integer: true }),
  groupResolution: rule.number({ above: 0 }),
  entry: rule.oneOf(['first-record', 'window']),
  homicideExit: rule.boolean,
  exits: rule.array(rule.record()),
  selfExcitation: rule.boolean,
  victimOffenderTies: rule.oneOf([false, true, 'direct', 'sides']),
  frailty: rule.boolean,
  kernel: rule.oneOf(['auto', 'exponential', 'erlang', 'gamma', 'histogram']),
  histogramEdgesDays: rule.array(rule.number({ min: 0 })),
  delayRangeDays: (v) =>
    Array.isArray(v) && v.length === 2 && v[0] > 0 && v[1] >= v[0] && Number.isFinite(v[1])
      ? undefined
      : 'a pair [shortest, longest] of days with 0 < shortest ≤ longest',
  maxLagDays: rule.number({ above: 0 }),
  tieWeight: rule.or(rule.oneOf(['unweighted', 'count', 'log-count']), rule.func),
  seasonal: rule.boolean,
  covariates: rule.any,
  covariateColumns: rule.array(rule.string(true)),
  tolerance: rule.number({ above: 0 }),
  maxIterations: rule.number({ min: 0, integer: true }),
  refine: rule.boolean,
  start: rule.record(),
  standardErrors: rule.boolean,
  topParents: rule.number({ min: 0, integer: true }),
};

/**
 * Rules of `start`'s values: finite and inside the model (a start outside it gave a log-likelihood
 * of −∞ or NaN, or an EM run stuck at α = 0 that read as no contagion; a misspelt name was
 * ignored). `frailtyShape` is not a starting value (fitted after), so any value passes.
 */
const START_RULES: OptionRules<NetworkHawkesParameters> = {
  mu: rule.number({ above: 0 }),
  alpha: rule.number({ min: 0 }),
  beta: rule.number({ above: 0 }),
  alphaSelf: rule.number({ min: 0 }),
  alphaVictimOffender: rule.number({ min: 0 }),
  frailtyShape: rule.any,
  seasonalAmplitude: rule.number({ min: 0, max: 0.99 }),
  seasonalPhase: rule.number(),
  covariates: rule.record(),
};

const RECORD_COVARIATE_RULES: OptionRules<RecordCovariates> = {
  priorIncidents: rule.boolean,
  priorViolentOffending: rule.boolean,
  priorVictimisation: rule.boolean,
  yearsSinceFirstRecord: rule.boolean,
  priorCoOffenders: rule.boolean,
};

/**
 * Checks fitNetworkHawkes's options as `fn`'s, the nested ones (start, recordCovariates) too,
 * each named by its full path under `path` (hawkesInference's fit: `option 'fit.start.alpha'`).
 * @internal
 */
export function checkFitOptions(
  fn: string,
  options: NetworkHawkesOptions | undefined,
  path?: string,
): NetworkHawkesOptions {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const given = checkOptions(fn, options, RULES, path);
  if (given.start) checkOptions(fn, given.start, START_RULES, at('start'));
  if (given.recordCovariates)
    checkOptions(fn, given.recordCovariates, RECORD_COVARIATE_RULES, at('recordCovariates'));
  return given;
}

/**
 * Resolved options and the prepared data of a fit. Its errors name `caller`, the function the
 * user called (hawkesInference, a ranker), `fn` by default, and each option by its path as the
 * user wrote it: under `path` when the options were given inside another's (hawkesInference's
 * `fit`: 'fit.start.alphaSelf').
 */
function resolve(
  fn: string,
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions | undefined,
  caller = fn,
  path?: string,
  optionCaller = caller,
  fixedGroups?: Int32Array,
) {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (!data || typeof data !== 'object' || !('incidents' in data || 'personIds' in data))
    throw new InputError(caller, datasetExpected(caller, data));
  const given = checkFitOptions(optionCaller, options, path);
  const o = { ...DEFAULTS, ...stripUndefined(given) };
  const rc =
    o.recordCovariates === false ? false : { ...DEFAULTS.recordCovariates, ...o.recordCovariates };
  const delayRange = o.delayRangeDays ?? [1, o.maxLagDays];
  // Self-excitation has the exponential kernel only ('auto' then keeps it, untested).
  if (o.kernel === 'auto' && o.selfExcitation) o.kernel = 'exponential';
  if (o.kernel !== 'exponential' && o.selfExcitation)
    throw new InputError(
      optionCaller,
      `${optionCaller}: ${at('selfExcitation')} needs ${at('kernel')} 'exponential' (or 'auto')`,
    );
  if ((given.start?.alphaSelf ?? 0) > 0 && !o.selfExcitation)
    throw new OptionError(
      optionCaller,
      at('start'),
      `${optionCaller}: ${at('start.alphaSelf')} is the excitation of a person by their own events, which is off: set ${at('selfExcitation')}: true or leave it out`,
    );
  if (given.start?.alphaVictimOffender !== undefined && !o.victimOffenderTies)
    throw new OptionError(
      optionCaller,
      at('start'),
      `${optionCaller}: ${at('start.alphaVictimOffender')} is the excitation along victim–offender ties, which are off: set ${at('victimOffenderTies')} ('direct' or 'sides') or leave it out`,
    );
  if (o.kernel === 'auto' && o.victimOffenderTies) o.kernel = 'exponential';
  if (o.kernel !== 'exponential' && o.victimOffenderTies)
    throw new InputError(
      optionCaller,
      `${optionCaller}: ${at('victimOffenderTies')} needs ${at('kernel')} 'exponential' (or 'auto'), not '${o.kernel}'`,
    );
  const histEdges =
    o.kernel === 'histogram' ? histogramEdges(o.histogramEdgesDays, o.maxLagDays) : null;
  const hd = prepareHawkesData(data, { ...o, fn: caller, optionPath: path });
  const everyone = ('personIds' in data ? data : indexDataset(data)).personIndex;
  const { X, names, proxy, scales } = covariateMatrix(
    hd.index,
    given.covariates,
    given.covariateColumns,
    everyone,
    { fn: optionCaller, at },
  );
  const group = Number.isFinite(o.groupEventDays)
    ? buildGroupEvents(
        hd,
        fixedGroups && fixedGroups.length === hd.nPeople
          ? fixedGroups
          : o.groups === 'people'
            ? peopleGroups(hd)
            : louvainGroups(hd, o.groupSeed, o.groupResolution),
        o.groupEventDays,
      )
    : null;
  const bg = buildBackground(hd, {
    recordCovariates: rc,
    trend: o.trend,
    lastTrendBinDays: o.lastTrendBinDays,
    recordDays: o.recordCountDays,
    entry: o.entry,
    homicideExit: o.homicideExit,
    exits: o.exits,
    named: { fn: optionCaller, option: at('exits') },
    userX: X,
    userNames: names,
    userScale: scales,
    seasonal: o.seasonal,
    group,
  });
  // An exit row whose person is nowhere in the records (a misspelt id) takes nobody out: said, by
  // its row (a model's warnings name no person id). Before, that person stayed at risk unsaid.
  // People first recorded on or after asOf are not at risk anyway: their rows are unused, unsaid.
  const lost: number[] = [];
  for (const [i, r] of (o.exits ?? []).entries())
    if (personAsRead(everyone, String(r.person_id)) === undefined) lost.push(i + 1);
  if (lost.length > 0) proxy.push(lostExitRowsWarning(lost));
  // An option that can do nothing is said, not silently accepted.
  const counted =
    rc &&
    (rc.priorIncidents || rc.priorViolentOffending || rc.priorVictimisation || rc.priorCoOffenders);
  const inert =
    Number.isFinite(o.recordCountDays) && !counted
      ? [
          `recordCountDays (${o.recordCountDays}) has no effect: the record-count covariates (priorIncidents, priorViolentOffending, priorVictimisation, priorCoOffenders) are off.`,
        ]
      : [];
  const groupOptions = (['groups', 'groupSeed', 'groupResolution'] as const).filter(
    (k) => given[k] !== undefined,
  );
  if (!Number.isFinite(o.groupEventDays) && groupOptions.length > 0)
    inert.push(
      `${groupOptions.join(', ')} ${groupOptions.length > 1 ? 'have' : 'has'} no effect: ${GROUP_COVARIATE_OFF}`,
    );
  return { o, hd, bg, delayRange, histEdges, proxy: [...proxy, ...inert] };
}

/**
 * Past e^this for one standard deviation, a covariate's fitted effect, or its standard error, has
 * run off: the fit drops the covariate (holds it at 0) and refits without it (see runOff).
 */
const MAX_COVARIATE_EFFECT = 5;
/**
 * Whether covariate `r` ran off at `params`: a coefficient that ran off (quasi-separation: e.g. no
 * event ever follows the covariate being non-zero) multiplies the background by e^(|γ|·sd) per
 * standard deviation of the covariate over the person-time at risk: past e^5 (≈ 150×), or with a
 * standard error that wide, it is not an estimate. Null when it did not; else its effect and that
 * of its standard error per standard deviation, and the sentence that says so, in the
 * covariate's own units (a covariate far from 1 is fitted per bg.scale).
 */
function runOff(
  eng: Engine,
  params: InternalParams,
  se: NetworkHawkesStandardErrors,
  r: number,
): { r: number; effect: number; seEffect: number; text: string } | null {
  const nm = eng.bg.names[r];
  const sd = covariateSpread(eng, r);
  const scale = eng.bg.scale[r];
  const seR = se.covariates?.[nm];
  const th = params.theta[r];
  const effect = Math.abs(th) * sd;
  const seEffect = typeof seR === 'number' && Number.isFinite(seR) ? seR * scale * sd : 0;
  if (!(effect > MAX_COVARIATE_EFFECT || seEffect > MAX_COVARIATE_EFFECT)) return null;
  return {
    r,
    effect,
    seEffect,
    // Only its standard error ran off (its coefficient is moderate): said first.
    text: `The covariate '${nm}' ran off: ${effect > MAX_COVARIATE_EFFECT ? `its coefficient reached ${fixed(th / scale, 3, 3)}${seEffect > 0 ? ` with a standard error of ${(seEffect / sd / scale).toPrecision(3)}` : ''}` : `its standard error reached ${(seEffect / sd / scale).toPrecision(3)}, its coefficient ${fixed(th / scale, 3, 3)}`} (for one standard deviation of it over the people at risk, ${(sd * scale).toPrecision(2)}, a factor of ${seEffect > 0 ? `e^(${fixed(th * sd, 1)} ± ${seEffect.toFixed(1)})` : `e^${fixed(th * sd, 1)}`}).`,
  };
}

/** `Engine.constantCov` codes: collinear with the covariates before it; dropped after running off (1: no spread). */
const COLLINEAR = 2;
const DROPPED = 3;

/** Standard deviation of covariate `c` over the design's rows, weighted by their time at risk. */
function covariateSpread(eng: Engine, c: number): number {
  const { bg } = eng;
  let w = 0;
  let m = 0;
  let q = 0;
  for (let r = 0; r < bg.nRows; r++) {
    let e = 0;
    for (let b = 0; b < bg.B; b++) e += bg.A0[r * bg.B + b];
    if (!(e > 0)) continue;
    const z = bg.Z[r * bg.d + c];
    w += e;
    const delta = z - m;
    m += (e / w) * delta;
    q += e * delta * (z - m);
  }
  return w > 0 ? Math.sqrt(Math.max(0, q / w)) : 0;
}

/** Refuses data on which the model cannot say anything (never a confident wrong answer). */
function refuse(
  fn: string,
  hd: HawkesData,
  o: { minSeverity: number; maxIterations: number; roles?: readonly string[] },
  at: (key: string) => string = (key) => key,
) {
  // The window starts asOf − retentionYears, a fractional day: its first whole day is the ceiling
  // (it read 'from 2092-12-31' where rankForOutreach, on the same window, said 2093-01-01).
  const window = `${isoOrEmpty(Math.ceil(hd.start)) || 'the start'} to ${isoOrEmpty(hd.end) || 'the end'}`;
  if (hd.index.day.length === 0 || hd.window.hi === 0)
    throw new DataRefusedError(
      'outside-records',
      `${fn}: there are no records before the as-of date ${isoOrEmpty(hd.window.asOf) || ''}; choose an ${at('asOf')} after the first record`,
    );
  const nModelled = hd.evDay.length - hd.firstModelled;
  // since or outcomeSince on or after asOf read 'no events from 2018-09-01 to 2018-06-01'.
  if (!(hd.end > hd.start))
    throw new DataRefusedError(
      'no-events',
      `${fn}: the outcome window is empty: it starts on ${window.replace(' to ', ` (${at('since')}, ${at('outcomeSince')} or the first record), on or after ${at('asOf')} `)}; give ${at('since')} and ${at('outcomeSince')} before ${at('asOf')}`,
    );
  if (nModelled === 0) {
    // Serious incidents in the window that name no one in the roles: the role column, not the
    // window, is what to check (a fight where everyone is recorded as an offender).
    const { day, severity } = hd.index;
    let serious = 0;
    for (let k = hd.window.lo; k < hd.window.hi; k++)
      if (severity[k] >= o.minSeverity && day[k] >= hd.start && day[k] < hd.end) serious++;
    const roles = (o.roles ?? ['victim']).join(' or ');
    throw new DataRefusedError(
      'no-events',
      serious > 0
        ? `${fn}: no events from ${window}: ${serious} incident${serious === 1 ? '' : 's'} of severity ≥ ${o.minSeverity} there name${serious === 1 ? 's' : ''} no one as ${roles} (the roles events are counted for); check the role column and its roleSynonyms at ingest (victims recorded as offenders or as 'involved party')`
        : `${fn}: no events (incidents of severity ≥ ${o.minSeverity} with a person in the chosen roles) from ${window}; widen the window (${at('since')}, ${at('outcomeSince')}, ${at('asOf')}, ${at('retentionYears')}) or lower ${at('minSeverity')}`,
    );
  }
  if (o.maxIterations === 0) return;
  let oneDay = true;
  for (let i = hd.firstModelled + 1; i < hd.evDay.length && oneDay; i++)
    if (hd.evDay[i] !== hd.evDay[hd.firstModelled]) oneDay = false;
  if (oneDay)
    throw new DataRefusedError(
      'single-date',
      nModelled === 1
        ? `${fn}: only one event from ${window} (on ${dayToIso(hd.evDay[hd.firstModelled])}): contagion needs events on two days or more; widen the window (${at('since')}, ${at('outcomeSince')}, ${at('asOf')}, ${at('retentionYears')}) or lower ${at('minSeverity')}`
        : `${fn}: all ${nModelled} events fall on one date (${dayToIso(hd.evDay[hd.firstModelled])}), so nothing about timing or contagion can be learnt; check the dates (a default date filled in?) or use data spanning months`,
    );
  if (!(hd.end - hd.start >= MIN_WINDOW_DAYS))
    throw new DataRefusedError(
      'not-identified',
      `${fn}: the outcome window (${window}) is ${count(Math.max(0, Math.round(hd.end - hd.start)), 'day')}; delays of weeks to months cannot be told from the background in under ${count(MIN_WINDOW_DAYS, 'day')} — widen the window`,
    );
}

/**
 * Fits a network Hawkes model of serious violence in the spirit of Green, Horel & Papachristos
 * (2017), by maximum likelihood, with a background that differs between people and over time so
 * that heterogeneity and trends are not taken for contagion:
 *
 *   λ_k(t) = μ₀·τ(t)·s(t)·exp(γ·x_k(t))·[k at risk at t]
 *          + Σ_{j ∈ N(k; t_j), t_j < t, t − t_j ≤ L} α·g(w_jk)·β·e^(−β(t − t_j)) / (1 − e^(−βL))
 *          (+ Σ_{own events t_j < t} α_self·β·e^(−β(t − t_j)) / (1 − e^(−βL)) with `selfExcitation`)
 *          (+ Σ_{j ∈ V(k; t_j), t_j < t} α_vo·β·e^(−β(t − t_j)) / (1 − e^(−βL)) with
 *             `victimOffenderTies`: V(k; t_j) the people who harmed, or were harmed by, k in an
 *             incident dated on or before t_j)
 *
 * τ(t) a piecewise-constant trend by calendar year (`trend`), s(t) = 1 + a·sin(2πt/365.25 + φ)
 * (`seasonal`), x_k(t) as-of covariates from the person's own records dated before t
 * (`recordCovariates`: prior incidents, violent offending, victimisation, years since the first
 * record and distinct co-offenders; piecewise constant, integrated exactly) and optional user covariates,
 * N(k; t_j) the people who shared an offender incident with k strictly before t_j, and L =
 * `maxLagDays`. A person is at risk from their first record until death by homicide (the only victim of
 * one: who died in a homicide with several victims is not recorded) or an exit.
 * EM over the latent branching structure (each iteration costs O(candidate pairs)), a Newton
 * polish on the exact log-likelihood, standard errors from the observed information. Refuses
 * (DataRefusedError) data with no events, all events on one date, or a window too short; drops a
 * covariate whose coefficient runs off (the data nearly separate it: past e^5 per standard
 * deviation, or a standard error that wide) and refits without it, naming it in
 * `diagnostics.droppedCovariates` and `warnings`; flags
 * `identified: false` when the kernel is not pinned down; warns when the events' dates look
 * rounded to the month or the week (half of their incidents or more on one day of the month or weekday),
 * which blurs the delay and can lower the share; and, for an identified exponential or Erlang
 * kernel with a mean under 30 days, fits the histogram kernel too (one more fit) and warns, with
 * its share and mean delay, when it fits better at the 0.1% level: contagion partly fast and
 * partly slow, whose slow part the short kernel reads as background (the fit is unchanged);
 * otherwise, for an identified kernel other than the histogram with a mean under a quarter of
 * `maxLagDays`, warns when its tail score
 * (`diagnostics.tailScore`) says more events follow an associate's event late (from twice the
 * kernel's mean) than the kernel allows, at the 1% level: a long tail of delays, which the kernel
 * reads as background, so that its mean delay is a typical delay, short of the mean (the warning
 * gives the mean with a tail part added, `diagnostics.tailScore.meanDays`; the fit is unchanged);
 * with the co-offender covariate off (`recordCovariates.priorCoOffenders: false`), when a score
 * test says that people with more co-offenders have more background events than the fit expects,
 * refits with ln(1 + co-offenders) as a covariate and warns, with that share, when it
 * fits better at the 0.1% level and its share is four fifths of this one or less (background risk
 * rising with the number of ties, read as contagion through them; the fit is unchanged); when a
 * score test says the associates of people with more background events than expected have more
 * too (or the kernel's mean is half a year or more), refits with the group covariate over the
 * kernel's reach (`groupEventDays: maxLagDays`; the people table's `group` when it gives one to
 * half or more of the people with ties — give people's area there when you know it — else
 * Louvain groups) and, when that fits better at the 0.1% level and
 * its share is 2 points lower or more, warns with that share (risk tied people share for years —
 * homophily, a shared place — read as contagion; the fit is unchanged), or, when the refit's
 * kernel is not identified or this fit's is half a year or more, warns and marks this fit
 * `identified: false`; and
 * warns when 5% or more of the window's serious incidents (3 or more) name no victim, which makes
 * the share a lower bound.
 *
 * @example
 * const model = fitNetworkHawkes(data, { asOf: '2024-01-01' });
 * model.parameters;        // { mu, alpha, beta, alphaSelf, seasonalAmplitude, seasonalPhase, covariates }
 * model.identified;        // false → do not report the share as a finding
 * model.contagionShare;    // share of events attributed to contagion
 * model.risk(['P-1'], { from: '2024-01-01', horizonDays: 90 });
 */
export function fitNetworkHawkes(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions = {},
): NetworkHawkesModel {
  return fitNetworkHawkesFor('fitNetworkHawkes', data, options);
}

/**
 * {@link fitNetworkHawkes} called by `caller` (hawkesInference's fit to the records): the same
 * fit, whose refusals of the data (outside the records, no events) and errors in its options name
 * `caller`, the function the user called, where they named fitNetworkHawkes; with `path` the
 * options are named as the user gave them, inside `caller`'s option `path` ('fit.start.alphaSelf'
 * for hawkesInference's `fit`). @internal
 */
export function fitNetworkHawkesFor(
  caller: string,
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions = {},
  path?: string,
): NetworkHawkesModel {
  const model = fitDetailed('fitNetworkHawkes', data, options, OWN_FIT, caller, path);
  const shape = shortKernelCheck(data, options, model);
  if (shape) model.warnings.push(shape);
  else {
    const tail = tailWarning(model);
    if (tail) model.warnings.push(tail);
  }
  // The co-offender check's refit costs 4-5 fits: run only when the score says ties matter (and
  // the co-offender covariate is off: on, the fit already holds what the check would add).
  if (!model.state.bg.own[4] && (coOffenderScores.get(model.state) ?? 0) >= CO_OFFENDER_SCORE) {
    const degree = coOffenderCheck(data, options, model);
    if (degree) model.warnings.push(degree);
  }
  // The shared-risk check's refit (the group covariate) costs 2-3 fits: run only when the score
  // says associates share unexplained background, or the kernel is slow (what shared risk fits).
  if (
    (sharedRiskScores.get(model.state) ?? 0) >= SHARED_RISK_SCORE ||
    model.kernel.meanDays >= SLOW_KERNEL_DAYS
  ) {
    const shared = sharedRiskCheck(data, options, model);
    if (shared) {
      model.warnings.push(shared.warning);
      if (!shared.identified) (model as { identified: boolean }).identified = false;
    }
  }
  // The victim–offender check: its score on every public fit (not on refits: it builds the
  // 'sides' ties of the people with events), its refit (about 2 fits) only past the score's gate.
  if (!options.victimOffenderTies) {
    const vo = victimOffenderCheck(data, options, model);
    if (vo) model.warnings.push(vo);
  }
  const unrecorded = victimlessWarning(model);
  if (unrecorded) model.warnings.push(unrecorded);
  // The data profile's warnings (date heaping, few serious events…) travel with the model:
  // the profile of the records the fit may use, those before its end (asOf).
  if (isDatasetLike(data)) {
    // Of the records window too: records past retention (or before since) are not the fit's.
    const { end, window } = model.state.data;
    const fresh = profileBefore(data, end, undefined, window.since).warnings.filter(
      (w) => !model.warnings.includes(w),
    );
    model.warnings.unshift(...fresh);
  }
  return model;
}

/** Defaults of every option with one (units in {@link NetworkHawkesOptions}). */
fitNetworkHawkes.defaults = DEFAULTS;

/** Share of the serious incidents from which those naming no victim are warned of. */
const VICTIMLESS_SHARE = 0.05;

/**
 * Serious incidents of the outcome window (severity ≥ minSeverity, passing the outcome filter)
 * that name no victim, when events are victimisations only: harm done to someone unrecorded is no
 * event of the fit, so what it triggered reads as background and the share is a lower bound. On
 * 3,000-person cities where 30% of serious incidents lost their victim row (the incident kept,
 * with its offender), the share read 20.4% against a true 27.4% at the median over 20 seeds
 * (bench/results/worlds-unseen-2026-12-04.md). Warned from 3 such incidents and 5% of the serious
 * ones.
 */
function victimlessWarning(model: NetworkHawkesModel): string | null {
  const hd = model.state.data;
  const { index, outcome } = hd;
  if (outcome.roles.includes('offender')) return null;
  const VIC = ROLE_CODE.victim;
  const lo = index.lowerBound(hd.start);
  const hi = index.lowerBound(hd.end);
  let serious = 0;
  let none = 0;
  let first = -1;
  for (let k = lo; k < hi; k++) {
    if (index.severity[k] < outcome.minSeverity) continue;
    if (outcome.filter && !outcome.filter(index.incidentAt(k))) continue;
    serious++;
    let victim = false;
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1] && !victim; e++)
      victim = index.invRole[e] === VIC;
    if (victim) continue;
    none++;
    if (first < 0) first = k;
  }
  if (none < 3 || none < VICTIMLESS_SHARE * serious) return null;
  return `${none} of ${serious} serious incidents in the window (${((100 * none) / serious).toFixed(1)}%; the first: incident ${index.incidentId(first)}) name no victim. When someone was harmed in them, that harm is not an event of this fit and what it went on to trigger is read as background, so the share of contagion (${(100 * model.contagionShare).toFixed(1)}%) is a lower bound: on synthetic cities with 30% of victims unrecorded it read 20.4% against a true 27.4%. Record the victims where they are known.`;
}

/**
 * {@link fitNetworkHawkes} for a backtest's rankers (internal): the same fit, without the work
 * done only for its warnings (the data profile, and the short-kernel check's second fit), which
 * a ranker at each cut never shows. On a 3,000-person city with a short kernel the second fit
 * doubled the CPU of a backtest's Hawkes ranker.
 */
export function fitNetworkHawkesForRanking(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions = {},
  caller = 'fitNetworkHawkes',
  path?: string,
): NetworkHawkesModel {
  // The data's refusals keep the fit's name (the backtest says which ranker at which cut).
  return fitDetailed('fitNetworkHawkes', data, options, OWN_FIT, 'fitNetworkHawkes', path, caller);
}

/**
 * A short kernel (mean under {@link SHORT_KERNEL_DAYS} days, exponential or Erlang, identified)
 * against the histogram kernel, which has no shape: when the histogram fits better at
 * {@link SHAPE_CHECK_LEVEL} the delays are not of one shape (fast and slow contagion mixed), the
 * slow part was read as background, and the warning gives the histogram's share and mean delay.
 * The fit is unchanged; longer kernels are not checked (one more fit, about as costly as the
 * first). On 3,000-person cities with half the delays within a week and half about 200 days
 * (bench/results/worlds-unseen-2026-12-04.md) the default fit read 12-19% against 22-34% with a
 * mean delay of 4 days on 18 of 20 seeds, and the histogram's likelihood ratio was 75-313; on
 * cities with exponential, gamma(4) and lognormal delays it was at most 13.3.
 */
function shortKernelCheck(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  model: NetworkHawkesModel,
): string | null {
  const k = model.kernel;
  if (!model.identified || !(k.meanDays < SHORT_KERNEL_DAYS)) return null;
  if (k.type !== 'exponential' && k.type !== 'erlang') return null;
  let h: NetworkHawkesModel;
  try {
    h = histogramRefit(data, options, model);
  } catch {
    return null;
  }
  const bins = h.kernel.bins?.length ?? 0;
  const df = bins - 1 - (k.type === 'erlang' ? 2 : 1);
  if (!(h.parameters.alpha > 0) || df < 1) return null;
  const statistic = 2 * (h.logLikelihood - model.logLikelihood);
  if (!(statistic > 0)) return null;
  const pValue = Math.max(0, 1 - gammaP(df / 2, statistic / 2));
  if (!(pValue < SHAPE_CHECK_LEVEL)) return null;
  const name = k.type === 'erlang' ? `Erlang kernel (shape ${k.shape})` : 'exponential kernel';
  return shortKernelWarning(
    name,
    statistic,
    pValue,
    df,
    { identified: h.identified, contagionShare: h.contagionShare, meanDays: h.kernel.meanDays },
    { contagionShare: model.contagionShare, meanDays: k.meanDays },
  );
}

/**
 * The short-kernel check's warning ({@link shortKernelCheck}): the kernel's name, the likelihood
 * ratio, its p-value and degrees of freedom, the histogram refit's share and kernel mean (days)
 * against the fit's. A refit that is not identified (α under two standard errors, judged as any
 * fit judges it) has its share said as such, with no delay. @internal
 */
export function shortKernelWarning(
  name: string,
  statistic: number,
  pValue: number,
  df: number,
  refit: { identified: boolean; contagionShare: number; meanDays: number },
  fit: { contagionShare: number; meanDays: number },
): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const found = refit.identified
    ? `a share of ${pct(refit.contagionShare)} with a mean delay of ${delayDays(refit.meanDays)}`
    : `a share of ${pct(refit.contagionShare)}, not identified`;
  return `The delays do not fit one ${name}: a kernel with no shape (kernel: 'histogram') fits the records better (likelihood ratio ${statistic.toFixed(1)}, p ${pValue < 1e-4 ? '< 0.0001' : `= ${pValue.toPrecision(2)}`}, χ² with ${count(df, 'degree')} of freedom) and finds ${found}, against this fit's ${pct(fit.contagionShare)} and ${delayDays(fit.meanDays)}: contagion that is partly fast and partly slow, whose slow part this kernel reads as background. Report the share as at least ${pct(fit.contagionShare)}, and refit with kernel: 'histogram' (or 'gamma') to see the delays.`;
}

/** The tail check warns from this score (one-sided p < 0.01; see {@link tailWarning}). */
const TAIL_Z = 2.326;

/**
 * Contagion at long delays that the kernel does not allow: when the fit's tail score
 * (`diagnostics.tailScore`, see {@link tailScore}) is {@link TAIL_Z} or more, the warning says
 * that the kernel's mean delay is a typical delay, short of the delays' mean, and gives the mean
 * with a tail part added (`diagnostics.tailScore.meanDays`, no refit; on the 28 warned lognormal
 * cities below it read 19% short to 50% long, median 15% long, where the histogram kernel's refit,
 * given before, read 33% short to 112% long, median 37% long: bench/results/delaytail-2026-12-05.md).
 * The fit is unchanged. On 3,000-person cities with
 * lognormal delays (σ 1, mean 60 days) the default kernel's mean read 34–64 days, 32% short at
 * the median: their tail (5.5% of the delays past 180 days, a quarter of the mean) is read as
 * background. It warned on 6 of 20 such cities (σ 1.5: 3 of 20), on 9 of 10 at 9,000 people
 * (σ 1.5: 10 of 10), and on none of 220 cities without a long tail (exponential and gamma
 * delays, synthCity's misspecified worlds, no contagion; bench/results/heavytail-2026-12-04.md).
 */
function tailWarning(model: NetworkHawkesModel): string | null {
  const t = model.diagnostics.tailScore;
  if (!model.identified || !t || !(t.z >= TAIL_Z)) return null;
  const k = model.kernel;
  const name =
    k.type === 'erlang'
      ? `Erlang kernel (shape ${k.shape})`
      : k.type === 'gamma'
        ? `gamma kernel (shape ${k.shape.toFixed(2)})`
        : 'exponential kernel';
  const p = 0.5 * (1 - gammaP(0.5, (t.z * t.z) / 2));
  const tail =
    t.meanDays > k.meanDays
      ? ` With a tail part added (delays from ${delayDays(t.fromDays)} to the lag cap, flat in ln delay, its weight one likelihood step from this fit) the mean delay reads ${delayDays(t.meanDays)} (diagnostics.tailScore.meanDays); on synthetic cities with lognormal delays where this warned, that read 19% short to 50% long (the kernel's mean 31–65% short).`
      : '';
  return `The delays have a longer tail than the ${name} allows: more events follow an associate's event by ${delayDays(t.fromDays)} or more (twice the kernel's mean) than it and the background expect (tail score z ${t.z.toFixed(1)}, p ${p < 1e-4 ? '< 0.0001' : `= ${p.toPrecision(2)}`}). Its mean delay (${delayDays(k.meanDays)}) is then a typical delay, short of the mean (with lognormal delays of mean 60 days it read 34–64 days).${tail} Report the delay as typical; the mean is longer.`;
}

/**
 * Background risk that rises with a person's number of co-offenders, beyond what their record
 * counts show, is read as contagion through those ties: people with many ties have more events,
 * and so do their neighbours, whatever the timing. When one incident ties many people (a fight of
 * 8-15 co-offenders) the record counts do not show the number of ties. On 3,000-person worlds of
 * such incidents with background ∝ 1 + co-offenders (bench/results/worlds-topology-2026-12-04.md)
 * the default fit read 43% against a true 31% (identified on 20 of 20 seeds, no warning), and
 * 20% without contagion; with ln(1 + co-offenders) as a covariate, within a few points of the
 * truth. So an identified fit is refitted (the same options) with ln(1 + the
 * person's distinct co-offenders in the records window) as a user covariate; when that fits
 * better at {@link SHAPE_CHECK_LEVEL} (likelihood ratio, χ² with one degree of freedom) and its
 * share is {@link CO_OFFENDER_SHARE_RATIO} of the fit's or less, this gives the warning (null
 * otherwise). Not run when the fit has user covariates (the user chose the background). A static
 * covariate gives every person their own design rows, so the refit costs 4-5 times the fit
 * (6,000 people: 2.9-3.4 s CPU against 0.5-0.9 s): `fitNetworkHawkes` runs it only when
 * {@link coOffenderScore} is {@link CO_OFFENDER_SCORE} or more; `hawkesInference` always. @internal
 */
export function coOffenderCheck(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  model: NetworkHawkesModel,
): string | null {
  if (!model.identified || !(model.parameters.alpha > 0) || !(model.contagionShare > 0))
    return null;
  // With the co-offender covariate on, the fit holds the count already.
  if (model.state.bg.own[4]) return null;
  if (options.covariates !== undefined || options.covariateColumns !== undefined) return null;
  let c: NetworkHawkesModel;
  try {
    c = coOffenderRefit(data, options, model);
  } catch {
    return null;
  }
  if (!(c.parameters.covariates.co_offenders > 0)) return null;
  const statistic = 2 * (c.logLikelihood - model.logLikelihood);
  if (!(statistic > 0)) return null;
  const pValue = Math.max(0, 1 - gammaP(0.5, statistic / 2));
  if (!(pValue < SHAPE_CHECK_LEVEL)) return null;
  if (!(c.contagionShare <= CO_OFFENDER_SHARE_RATIO * model.contagionShare)) return null;
  return coOffenderWarning(
    statistic,
    pValue,
    { identified: c.identified, contagionShare: c.contagionShare, meanDays: c.kernel.meanDays },
    { contagionShare: model.contagionShare, meanDays: model.kernel.meanDays },
  );
}

/**
 * Persistent risk shared by tied people (homophily, a shared place, a group's standing feud)
 * raises the associates of the harmed at every lag, and a network Hawkes fit reads that as
 * contagion: on 3,000-person cities with a gamma multiplier of variance 1 shared by each group's
 * members for six years, the default read 9.8% without contagion (identified on 5 of 20) and
 * 33.8% against a true 27.4% with it (bench/results/worlds-homophily-2026-12-05.md). Refits with
 * the group covariate over the kernel's reach (`groupEventDays: maxLagDays`: the serious events
 * of the other members of the person's group in the trailing `maxLagDays`; the groups of
 * {@link sharedRiskGroups}), which lets shared group risk explain what it can: with each person's
 * area as the people table's group, on drifting neighbourhoods the share it gives came 1.5 points
 * from the truth at the median of 20 seeds, against 3.9 with Louvain groups
 * (bench/results/worlds-homophily-area-2026-12-05.md); when that fits better at {@link SHAPE_CHECK_LEVEL} (χ², 1 degree of
 * freedom, the group coefficient positive) and its share is not identified or is
 * {@link SHARED_RISK_SHIFT} or more below the fit's, or this fit's kernel is slow (mean
 * {@link SLOW_KERNEL_DAYS} days or more), gives the warning and whether this fit stays
 * identified (not when the refit is not, nor with a slow kernel: `fitNetworkHawkes` then sets
 * `identified: false`); null
 * otherwise (and for fits with the group covariate on, or victim–offender ties). The fit runs it
 * when {@link sharedRiskScore} is {@link SHARED_RISK_SCORE} or more. `at` sets the refit's window
 * (days; default `maxLagDays`) and groups (default {@link sharedRiskGroups}) for benches
 * (bench/sharedwin.ts); the result gives the refit's share and kernel mean. @internal
 */
export function sharedRiskCheck(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  model: NetworkHawkesModel,
  at: { days?: number; groups?: 'people' | 'louvain' } = {},
): { warning: string; identified: boolean; share: number; meanDays: number } | null {
  if (!model.identified || !(model.parameters.alpha > 0) || !(model.contagionShare > 0))
    return null;
  if (Number.isFinite(options.groupEventDays ?? Number.POSITIVE_INFINITY)) return null;
  if (options.victimOffenderTies) return null;
  const days = at.days ?? options.maxLagDays ?? DEFAULTS.maxLagDays;
  const groups = at.groups ?? sharedRiskGroups(model.state.data);
  let g: NetworkHawkesModel;
  try {
    g = sharedRiskRefit(data, options, model, days, { groups });
  } catch {
    return null;
  }
  if (!((g.parameters.covariates[GROUP_COVARIATE_NAME] ?? 0) > 0)) return null;
  const statistic = 2 * (g.logLikelihood - model.logLikelihood);
  if (!(statistic > 0)) return null;
  const pValue = Math.max(0, 1 - gammaP(0.5, statistic / 2));
  if (!(pValue < SHAPE_CHECK_LEVEL)) return null;
  // A kernel of half a year or more is what shared risk fits (every identified fit of the
  // homophily worlds without contagion had one of 239–305 days; with contagion 59–119): with the
  // shared risk shown, such a kernel is not told from it, whatever the refit says.
  const slow = model.kernel.meanDays >= SLOW_KERNEL_DAYS;
  if (g.identified && !slow && !(g.contagionShare <= model.contagionShare - SHARED_RISK_SHIFT))
    return null;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const found = g.identified
    ? `a share of ${pct(g.contagionShare)} with a kernel mean of ${delayDays(g.kernel.meanDays)}`
    : `a share of ${pct(g.contagionShare)}, not identified`;
  const score = sharedRiskScores.get(model.state) ?? 0;
  const refitOptions = `${groups === 'people' ? "groups: 'people', " : ''}groupEventDays: ${days}`;
  const verdict = !g.identified
    ? 'This fit is marked not identified: the contagion it finds is not distinguishable from shared risk. Do not report its share as a finding.'
    : slow
      ? `Its kernel of ${delayDays(model.kernel.meanDays)} is as slow as shared risk makes one, so this fit is marked not identified: do not report its share as a finding (the refit's is an upper bound at most).`
      : `Report the share as at most ${pct(model.contagionShare)}, or refit with ${refitOptions} and report that fit's.`;
  return {
    identified: g.identified && !slow,
    share: g.contagionShare,
    meanDays: g.kernel.meanDays,
    warning: `${SHARED_RISK_WARNING}: the associates of people with more background events than the covariates expect have more too (shared-risk score z ${score.toFixed(1)}). With the serious events of the person's ${groups === 'people' ? 'group in the people table' : 'co-offending group'} over the kernel's reach as a background covariate (${refitOptions}) the fit is better (likelihood ratio ${statistic.toFixed(1)}, p ${pValue < 1e-4 ? '< 0.0001' : `= ${pValue.toPrecision(2)}`}, χ² with 1 degree of freedom) and finds ${found}, against this fit's ${pct(model.contagionShare)} and ${delayDays(model.kernel.meanDays)}: risk that tied people share for years (a group, a place, people at risk choosing each other) raises associates' harm at every lag and reads as contagion. ${verdict}`,
  };
}

/**
 * Score statistic, at the fit, for excitation along victim–offender ties (`'sides'`: the people
 * one harmed or was harmed by, and their co-offenders) that the fit does not model: U / √V with
 * U = Σ_i e_i / λ_i − C and V = Σ_i (e_i / λ_i)², where e_i is the fit's kernel summed over the
 * events that would excite event i along those ties, λ_i the fit's intensity at event i and C
 * the kernel mass those events carry over their tied people's time at risk: ∂ℓ/∂α_vo at α_vo = 0
 * with the fit's kernel and with exponential kernels of 14–120 days, each standardised by its
 * observed information (the other parameters not projected out): the largest of the five, or
 * 0. Large and positive when people are harmed soon after harm to those they harmed or were
 * harmed by (or their co-offenders) more than the fit explains: retaliation, or risk those people
 * share. 0 for a fit with victim–offender ties, or none to carry an event. It only decides whether
 * {@link victimOffenderCheck}'s refit runs. @internal
 */
export function victimOffenderScore(model: NetworkHawkesModel): number {
  const { u, v } = victimOffenderScoreParts(model);
  let z = 0;
  for (let m = 0; m < u.length; m++) if (v[m] > 0) z = Math.max(z, u[m] / Math.sqrt(v[m]));
  return z;
}

/**
 * Exponential kernels of these means (days) beside the fit's own, at which the victim–offender
 * score is taken: retaliation's delays need not be the co-offending contagion's. Where the
 * contagion ran along victim–offender ties only, a fit without them can end on a kernel of a
 * year or so (305 days on a 1,500-person city, seed 3), at which the score read 2.6 against
 * 4.4 at 60 days; its refit's likelihood ratio was 68.
 */
const VICTIM_OFFENDER_SCORE_MEANS = [14, 30, 60, 120];

/**
 * U and V of {@link victimOffenderScore} at the fit's kernel (first) and at exponential kernels
 * of the means of {@link VICTIM_OFFENDER_SCORE_MEANS} (empty when it is not computed). @internal
 */
export function victimOffenderScoreParts(model: NetworkHawkesModel): {
  u: Float64Array;
  v: Float64Array;
} {
  const s = model.state;
  const lambda = fitLambdas.get(s);
  if (s.data.voIn || !lambda) return { u: new Float64Array(0), v: new Float64Array(0) };
  const kernels: KernelSpec[] = [
    { beta: s.beta, maxLag: s.maxLag, hist: s.hist, shape: s.shape },
    ...VICTIM_OFFENDER_SCORE_MEANS.map((mean) => ({
      beta: 1 / mean,
      maxLag: s.maxLag,
      hist: null,
    })),
  ];
  return voScoreParts(s.data, s.bg, kernels, lambda);
}

/** Each fit's modelled events' intensity λ_i at the fit (0 where not modelled). */
const fitLambdas = new WeakMap<HawkesState, Float64Array>();

function eventIntensities(eng: Engine, p: InternalParams, pBg: Float64Array): Float64Array {
  const lambda = new Float64Array(eng.nEv);
  const f = rowFactors(eng, p.theta);
  for (let i = eng.first; i < eng.nEv; i++)
    if (eng.bg.evRow[i] >= 0 && pBg[i] > 0) lambda[i] = eventBackground(eng, p, f, i) / pBg[i];
  return lambda;
}

/**
 * Contagion along victim–offender ties — retaliation: the shooter, or the shooter's co-offenders,
 * shot soon after — is not contagion along co-offending ties, which is all a fit without
 * `victimOffenderTies` sees: on 20 cities where it was the only contagion (true share 29–41%)
 * the default read 3.3–15.0%, identified on 19 of 20, with no warning
 * (bench/results/victim-offender-2026-12-04.md). When {@link victimOffenderScore} is
 * {@link VICTIM_OFFENDER_SCORE} or more, refits with `victimOffenderTies: 'sides'` (the
 * exponential kernel, which that option has; the fit's covariates; no frailty or parents); when
 * that is identified, fits better at {@link SHAPE_CHECK_LEVEL} (likelihood ratio, χ² with one
 * degree of freedom, α_vo positive; against the fit, or, when the fit's kernel is not
 * exponential, against it refitted with the exponential kernel, in which the 'sides' fit is
 * nested) and its share is {@link VICTIM_OFFENDER_SHIFT} or more above
 * the fit's, gives the warning (null otherwise, and for fits with victim–offender ties). The
 * fit's numbers are unchanged. @internal
 */
export function victimOffenderCheck(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  model: NetworkHawkesModel,
): string | null {
  if (options.victimOffenderTies) return null;
  const score = victimOffenderScore(model);
  if (!(score >= VICTIM_OFFENDER_SCORE)) return null;
  const { start: _start, ...rest } = options;
  const refit = (sides: boolean) =>
    fitDetailed(
      'fitNetworkHawkes',
      data,
      {
        ...rest,
        kernel: 'exponential',
        victimOffenderTies: sides ? 'sides' : false,
        standardErrors: sides,
        frailty: false,
        topParents: 0,
        tolerance: SHARED_RISK_TOLERANCE,
      },
      { covariates: fitCovariates(model) },
    );
  // The 'sides' fit's kernel is exponential (the only one victim–offender ties take). A fit with
  // another (the Erlang kernel 'auto' chose, a gamma or histogram one) is not nested in it: the
  // ratio against it counted that kernel's own gain against the ties, and hid them (world2
  // channel 'both', gamma4 delays, α 0.03 each, seed 2, 1,500 people: an Erlang fit's ratio 3.8,
  // the exponential fit's 14.3). The ratio is then taken against the exponential fit without them.
  const own = model.state.shape === null && !model.state.hist;
  let a: NetworkHawkesModel;
  let base = model.logLikelihood;
  try {
    a = refit(true);
    if (!own && a.identified) base = refit(false).logLikelihood;
  } catch {
    return null;
  }
  if (!a.identified || !((a.parameters.alphaVictimOffender ?? 0) > 0)) return null;
  const statistic = 2 * (a.logLikelihood - base);
  if (!(statistic > 0)) return null;
  const pValue = Math.max(0, 1 - gammaP(0.5, statistic / 2));
  if (!(pValue < SHAPE_CHECK_LEVEL)) return null;
  if (!(a.contagionShare >= model.contagionShare + VICTIM_OFFENDER_SHIFT)) return null;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  // victimOffenderTies takes the exponential kernel only ('auto' gives it): a fit of another
  // kernel of the user's is refused with the ties, so the advice names the kernel too.
  const kernelAdvice =
    options.kernel && options.kernel !== 'auto' && options.kernel !== 'exponential'
      ? " and kernel: 'exponential'"
      : '';
  const against = own ? '' : ' than this fit with the exponential kernel';
  return `${VICTIM_OFFENDER_WARNING}: people are harmed soon after harm to those they harmed or were harmed by, or to those people's co-offenders, more than this fit explains (victim–offender score ${score.toFixed(1)}: the largest of five slopes, a gate, not a calibrated z). With victimOffenderTies: 'sides' the fit is better${against} (likelihood ratio ${statistic.toFixed(1)}, p ${pValue < 1e-4 ? '< 0.0001' : `= ${pValue.toPrecision(2)}`}, χ² with 1 degree of freedom) and finds a share of ${pct(a.contagionShare)} (${pct(a.shares.victimOffender ?? 0)} along victim–offender ties) with a kernel mean of ${delayDays(a.kernel.meanDays)}, against this fit's ${pct(model.contagionShare)}: harm that follows harm along these ties (retaliation, or risk that the people so tied share) is not in this fit. Its share is likely too low: report it as at least ${pct(model.contagionShare)}, or refit with victimOffenderTies: 'sides'${kernelAdvice} (the CLI's --victim-offender-ties sides) and report that fit's, which can itself be low where delays are of mixed lengths.`;
}

/**
 * The groups of the shared-risk check's refit: the people table's (`'people'`) when it gives a
 * group to half or more of the people with co-offending ties in the records window (at its end,
 * as `groups: 'people'` reads it), else the Louvain groups of their ties. An area (beat, ward,
 * neighbourhood) given as the people's group holds risk shared by a place, which co-offending
 * groups follow loosely. @internal
 */
export function sharedRiskGroups(hd: HawkesData): 'people' | 'louvain' {
  const group = peopleGroups(hd);
  // People with ties and a group, less those with ties and none (the check runs only with ties).
  let more = 0;
  for (let p = 0; p < hd.nPeople; p++)
    if (hd.tieOffset[p + 1] > hd.tieOffset[p]) more += group[p] < 0 ? -1 : 1;
  return more < 0 ? 'louvain' : 'people';
}

/**
 * The shared-risk check's refit: the fit's options with the group covariate over `days`, from the
 * fit's own parameters (the group coefficient from 0, so EM starts at the fit's likelihood and
 * climbs from there) and with the fit's kernel kept (its kind: the exponential or Erlang that
 * `kernel: 'auto'` chose, with no second kernel search), without the frailty or parents (the share
 * and likelihood do not use them). The fit's covariates as {@link RefitStart.covariates}, so the
 * likelihood ratio compares nested models. Throws what the fit throws. @internal
 */
export function sharedRiskRefit(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  model: NetworkHawkesModel,
  days: number,
  extra: NetworkHawkesOptions = {},
): NetworkHawkesModel {
  const { start: _start, ...rest } = options;
  // The group column sits after the record covariates (background.ts): 0 there. The fit has no
  // group covariate (the check runs only then), so its switches on are its record covariates.
  const at = model.state.bg.own.filter(Boolean).length;
  const widen = (p: InternalParams): InternalParams => {
    const theta = new Float64Array(p.theta.length + 1);
    theta.set(p.theta.subarray(0, at), 0);
    theta.set(p.theta.subarray(at), at + 1);
    return { ...p, theta };
  };
  const boundary = boundaryRun(model);
  return fitDetailed(
    'fitNetworkHawkes',
    data,
    {
      ...rest,
      // The fit's kernel: what 'auto' chose (exponential or Erlang), else the one given.
      kernel: model.kernel.type,
      groupEventDays: days,
      standardErrors: true,
      frailty: false,
      topParents: 0,
      tolerance: SHARED_RISK_TOLERANCE,
      ...extra,
    },
    {
      covariates: fitCovariates(model),
      start: widen(modelParams(model)),
      ...(boundary ? { boundaryStart: widen(boundary.params) } : {}),
    },
  );
}

/**
 * The refits of the checks ({@link shortKernelCheck}: the histogram kernel; {@link coOffenderCheck}:
 * ln(1 + the person's distinct co-offenders in the records window) as a user covariate): the
 * fit's options without `start` or standard errors, and the fit's covariates (those it dropped
 * held at 0, none other of its own dropped: {@link RefitStart.covariates}), so the likelihood
 * ratio compares nested models. Throws what the fit throws. @internal
 */
export function histogramRefit(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  model: NetworkHawkesModel,
): NetworkHawkesModel {
  const { start: _start, ...rest } = options;
  return fitDetailed(
    'fitNetworkHawkes',
    data,
    { ...rest, kernel: 'histogram', standardErrors: false },
    { covariates: fitCovariates(model) },
  );
}

/** {@link histogramRefit}'s sibling for the co-offender check. @internal */
export function coOffenderRefit(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  model: NetworkHawkesModel,
): NetworkHawkesModel {
  const hd = model.state.data;
  const ids = hd.index.personIds;
  const covariates = new Array<{ person_id: string; co_offenders: number }>(hd.nPeople);
  for (let p = 0; p < hd.nPeople; p++)
    covariates[p] = {
      person_id: ids[p],
      co_offenders: Math.log1p(hd.tieOffset[p + 1] - hd.tieOffset[p]),
    };
  const { start: _start, ...rest } = options;
  return fitDetailed(
    'fitNetworkHawkes',
    data,
    { ...rest, covariates, standardErrors: false },
    { covariates: fitCovariates(model) },
  );
}

/**
 * The co-offender check's warning ({@link coOffenderCheck}): the likelihood ratio and its p-value,
 * the refit's share and kernel mean (days) against the fit's. @internal
 */
export function coOffenderWarning(
  statistic: number,
  pValue: number,
  refit: { identified: boolean; contagionShare: number; meanDays: number },
  fit: { contagionShare: number; meanDays: number },
): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const also = refit.identified
    ? `a share of ${pct(refit.contagionShare)} with a kernel mean of ${delayDays(refit.meanDays)}`
    : `a share of ${pct(refit.contagionShare)}, not identified`;
  return `${CO_OFFENDER_WARNING}: with ln(1 + co-offenders) as a background covariate the fit is better (likelihood ratio ${statistic.toFixed(1)}, p ${pValue < 1e-4 ? '< 0.0001' : `= ${pValue.toPrecision(2)}`}, χ² with 1 degree of freedom) and finds ${also}, against this fit's ${pct(fit.contagionShare)} and ${delayDays(fit.meanDays)}: risk rising with the number of ties reads as contagion through them. Report the share as at most ${pct(fit.contagionShare)}, or refit with the count as a covariate (ln(1 + degree) of coOffendingGraph).`;
}

/**
 * What a bootstrap refit (hawkesInference) may tell the fit, beside its options: EM starting
 * values (a fitted model's parameters, `modelParams`) for the run with contagion and for the
 * α = 0 boundary run: the same EM and tolerance run, so the refit finds the same maximum (to the
 * tolerance) on a unimodal likelihood; and whether to skip the boundary run. @internal
 */
export interface RefitStart {
  start?: InternalParams;
  boundaryStart?: InternalParams;
  /**
   * Skip the α = 0 boundary run: only for bootstrap refits of a fit whose own likelihood ratio
   * against α = 0 is so large that a refit preferring α = 0 has negligible probability.
   */
  skipBoundary?: boolean;
  /**
   * Judge `identified` without the two-standard-error rule: only for hawkesInference's bootstrap,
   * null and rewired refits, whose `identified` means "found contagion with the delay inside its
   * range" (`HawkesReplicateRow.identified`). Every other fit and refit, with `standardErrors: false`
   * too, judges it by the standard errors of the information its covariate check computes.
   */
  withoutSeRule?: boolean;
  /**
   * The covariate set of the fit this refit belongs to ({@link fitCovariates}), so that the refit
   * is of that fit's model: its `dropped` covariates are held at 0 from the start, and a
   * covariate of its `names` that it kept is never dropped here, even if it runs off in the
   * refit's data: it is kept at its run-off value (the likelihood's supremum lies along it, where
   * α, the share and the delay have finite limits), and {@link keptRunOff} names it. Covariates
   * not in `names` (the co-offender check's own) may be dropped as in any fit.
   */
  covariates?: FitCovariates;
  /**
   * The group of each person for the group covariate (`groupEventDays`), held from the fit this
   * refit belongs to ({@link fitGroups}) instead of found again in the refit's records: a
   * simulated or rewired replicate of the records has other ties, so Louvain found other groups,
   * and the refit was not of the fit's model (the simulation moves the fit's groups).
   */
  groups?: Int32Array;
}

/** The groups of a fit's group covariate, for its refits ({@link RefitStart.groups}); null when off. @internal */
export function fitGroups(model: NetworkHawkesModel): Int32Array | null {
  return model.state.bg.group?.group ?? null;
}

/** A fit's covariates, by name: all of them, and those it dropped after they ran off. @internal */
export interface FitCovariates {
  names: readonly string[];
  dropped: readonly string[];
}

/** The covariate set of a fit, for its refits ({@link RefitStart.covariates}). @internal */
export function fitCovariates(model: NetworkHawkesModel): FitCovariates {
  return {
    names: Object.keys(model.parameters.covariates),
    dropped: model.diagnostics.droppedCovariates.slice(),
  };
}

/** Covariates a refit kept although they ran off in it (their fit kept them), by refit. */
const keptRunOffs = new WeakMap<NetworkHawkesModel, string[]>();

/**
 * The covariates a refit with {@link RefitStart.covariates} kept at a run-off value, because the
 * fit it belongs to kept them (empty for any other fit). @internal
 */
export function keptRunOff(model: NetworkHawkesModel): string[] {
  return keptRunOffs.get(model) ?? [];
}

/** The α = 0 boundary run of a fit: its parameters and log-likelihood (absent when not run). */
const boundaryRuns = new WeakMap<NetworkHawkesModel, { params: InternalParams; logLik: number }>();

/**
 * The fit's own α = 0 run (the boundary check of every fit that found α > 0): its parameters and
 * log-likelihood, so the likelihood ratio 2(ℓ − ℓ₀) needs no second fit. `null` when the fit did
 * not run it (it ended at α = 0, had no ties, or did not fit). @internal
 */
export function boundaryRun(
  model: NetworkHawkesModel,
): { params: InternalParams; logLik: number } | null {
  return boundaryRuns.get(model) ?? null;
}

/** A fitted model's parameters, in the fit's internal form (EM starting values). @internal */
export function modelParams(model: NetworkHawkesModel): InternalParams {
  const s = model.state;
  const p: InternalParams = {
    hw: s.hist ? Float64Array.from(s.hist.w) : null,
    rates: s.rates.slice(),
    alpha: s.alpha,
    alphaSelf: s.alphaSelf,
    alphaVo: s.alphaVo,
    beta: s.beta,
    b1: s.b1,
    b2: s.b2,
    theta: s.theta.slice(),
  };
  if (s.shape !== null) p.shape = s.shape;
  return p;
}

/** `given` if it fits this engine's parameter layout (else null), covariates without spread at 0. */
function usableStart(eng: Engine, given: InternalParams | undefined): InternalParams | null {
  if (!given) return null;
  if (given.rates.length !== eng.bg.B || given.theta.length !== eng.bg.d) return null;
  if (!!eng.hist !== !!given.hw || (eng.hist && given.hw?.length !== eng.hist.len.length))
    return null;
  if (!!eng.gamma !== (given.shape !== undefined)) return null;
  if (!(given.beta >= eng.betaMin && given.beta <= eng.betaMax)) return null;
  const p = { ...given, rates: given.rates.slice(), theta: given.theta.slice() };
  p.hw = given.hw ? given.hw.slice() : null;
  for (let r = 0; r < eng.bg.d; r++) if (eng.constantCov[r]) p.theta[r] = 0;
  if (!eng.seasonal) p.b1 = p.b2 = 0;
  if (!eng.selfExcitation) p.alphaSelf = 0;
  if (!eng.victimOffender) p.alphaVo = 0;
  return p;
}

/**
 * A refit for hawkesInference: `fitNetworkHawkes` from given EM starting values, without the data
 * profile. Its errors (a refusal of a replicate's data, a tieWeight that throws) name `caller`,
 * the function the user called, and the options under `path` (hawkesInference's `'fit'`), as
 * {@link fitNetworkHawkesFor}'s do; they named fitNetworkHawkes. @internal
 */
export function refitNetworkHawkes(
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  refit: RefitStart,
  caller = 'fitNetworkHawkes',
  path?: string,
): NetworkHawkesModel {
  return fitDetailed('fitNetworkHawkes', data, options, refit, caller, path);
}

/** The refit start of a fit of one's own ({@link fitNetworkHawkes}, a ranker's fit): none. */
const OWN_FIT: RefitStart = Object.freeze({});

function fitDetailed(
  fn: string,
  data: Dataset | DatasetIndex,
  options: NetworkHawkesOptions,
  refit: RefitStart = OWN_FIT,
  caller = fn,
  path?: string,
  optionCaller = caller,
): NetworkHawkesModel {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let tick = t0;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + now - tick;
    tick = now;
  };
  const { o, hd, bg, delayRange, histEdges, proxy } = resolve(
    fn,
    data,
    options,
    caller,
    path,
    optionCaller,
    refit.groups,
  );
  lap('prepare');
  // The options by the path they were given under (hawkesInference's 'fit.since').
  refuse(caller, hd, o, (key) => (path ? `${path}.${key}` : key));
  // A tieWeight of the user's that throws or returns no weight is named as the options are.
  const g = tieWeightFunction(
    o.tieWeight,
    { fn: optionCaller, option: path ? `${path}.tieWeight` : 'tieWeight' },
    hd,
  );
  const betaMin = 1 / delayRange[1];
  const betaMax = 1 / delayRange[0];
  // The β at which a collapse is checked (the fit's own slope test at α = 0): 97 log-spaced
  // over the delay range (steps of 7% in β on the default 1–730 days).
  const collapseBetas = Array.from(
    { length: COLLAPSE_GRID },
    (_, k) => betaMin * (betaMax / betaMin) ** (k / (COLLAPSE_GRID - 1)),
  );
  const eng = buildEngine(hd, bg, {
    maxLag: o.maxLagDays,
    g,
    seasonal: o.seasonal,
    selfExcitation: o.selfExcitation,
    victimOffender: !!o.victimOffenderTies,
    betaMin,
    betaMax,
    histEdges,
    gamma: gammaOption(o.kernel),
  });
  const nEv = eng.nEv;
  const nModelled = nEv - eng.first;
  lap('candidates');

  // No tie of either kind carries an event (α and α_vo cannot be estimated).
  const noNetwork = eng.excW.length === 0 && eng.voW.length === 0;
  /** Contagion along some tie: α > 0, or α_vo > 0 with victim–offender ties. */
  const tied = (p: InternalParams) => p.alpha > 0 || p.alphaVo > 0;
  const fitting = o.maxIterations > 0;
  // A refit of another fit's model (RefitStart.covariates): what that fit dropped is held at 0
  // from the start, and what it kept is never dropped here (see the loop below).
  const droppedNotes = new Map<number, string>();
  const inherited = new Set<number>();
  if (refit.covariates) {
    const { names, dropped } = refit.covariates;
    eng.bg.names.forEach((nm, r) => {
      if (dropped.includes(nm)) {
        if (!eng.constantCov[r]) {
          eng.constantCov[r] = DROPPED;
          droppedNotes.set(
            r,
            `The covariate '${nm}' ran off in the fit this refit belongs to, which dropped it: it is held at 0 here too (the same model).`,
          );
        }
      } else if (names.includes(nm)) inherited.add(r);
    });
  }
  const gamma0 = eng.gamma;
  // The run-off bound of each coefficient (runOff's e^5 per standard deviation), for the EM run
  // with contagion to stop at as soon as one runs off (runEm); not for covariates held at 0 or
  // kept from the fit this refit belongs to.
  const runOffBound = new Float64Array(eng.bg.d);
  for (let r = 0; r < eng.bg.d; r++)
    runOffBound[r] =
      fitting && !eng.constantCov[r] && !inherited.has(r)
        ? MAX_COVARIATE_EFFECT / covariateSpread(eng, r)
        : Number.POSITIVE_INFINITY;
  // The same bound for the covariates kept from the fit this refit belongs to: one that runs off
  // here is held where EM finds it running off (runEm) while EM converges the others, and the
  // Newton polish then moves them all, the held one too, along the ridge as it did after EM had
  // chased it to maxIterations (1,000 iterations, against 3-340 for the other refits of a
  // 300-person city): the same figures (shares within 1.3e-6) in 9-65% of the EM iterations.
  const holdBound = new Float64Array(eng.bg.d);
  for (let r = 0; r < eng.bg.d; r++)
    holdBound[r] =
      fitting && !eng.constantCov[r] && inherited.has(r)
        ? MAX_COVARIATE_EFFECT / covariateSpread(eng, r)
        : Number.POSITIVE_INFINITY;
  // The whole fit (EM, polish, the α = 0 boundary, the kernel choice) on the engine as it stands:
  // run again, from the same start, when a covariate ran off and was dropped (held at 0). A
  // coefficient that EM finds running off in the run with contagion (`watch`) ends its EM there:
  // the polish follows, and no boundary run or kernel choice, since the loop below drops the
  // worst covariate that ran off and runs the whole fit again.
  const fitAll = (watch: boolean) => {
    eng.gamma = gamma0;
    const start =
      usableStart(eng, refit.start) ?? startValues(eng, options.start, optionCaller, path);
    for (let r = 0; r < eng.bg.d; r++) if (eng.constantCov[r] === DROPPED) start.theta[r] = 0;
    const run = (
      from: InternalParams,
      fixAlphaZero: boolean,
      watch = false,
      collapse?: (p: InternalParams, logLik: number, parts: CollapsingParts) => boolean,
    ) => {
      const p0 = {
        ...from,
        rates: from.rates.slice(),
        theta: from.theta.slice(),
        hw: from.hw ? from.hw.slice() : null,
      };
      if (fixAlphaZero) {
        p0.alpha = 0;
        p0.alphaVo = 0;
      }
      const em = runEm(eng, p0, {
        tolerance: o.tolerance,
        maxIterations: o.maxIterations,
        fixAlphaZero,
        ...(watch ? { runOffBound } : {}),
        ...(inherited.size > 0 ? { holdBound } : {}),
        ...(collapse ? { collapse } : {}),
      });
      let params = em.params;
      let converged = em.converged;
      let newtonIterations = 0;
      const trace = em.trace.slice();
      const free = freeCoordinates(eng, params);
      // A collapsed run is not polished: the α = 0 fit replaces it (below).
      if (o.refine && fitting && !em.collapsed) {
        const nr = newtonRefine(eng, params, free, o.tolerance, trace);
        params = nr.params;
        newtonIterations = nr.iterations;
        converged = nr.converged;
      }
      const logLik = logLikelihood(eng, params);
      return {
        params,
        em,
        converged,
        newtonIterations,
        trace,
        free: freeCoordinates(eng, params),
        logLik,
      };
    };
    // The α = 0 boundary run, run once: by the run with contagion when it asks whether α has
    // collapsed, else below.
    let nullRun: ReturnType<typeof run> | null = null;
    const nullFit = () => (nullRun ??= run(usableStart(eng, refit.boundaryStart) ?? start, true));
    // α has collapsed when the α = 0 fit is at least as likely as where EM is and is a maximum:
    // ℓ falls as α leaves 0 there at every delay of the range (the slope in α at α = 0, on a
    // grid of β), so no delay EM could drift to makes α grow again. EM, creeping to α = 0, then
    // ends there (runEm) and the fit is the α = 0 fit. Where the slope is positive at some delay
    // (a run that turns back to a delay where α grows, or one that would creep on), EM goes on
    // as before.
    let atMaximum: boolean | null = null;
    const stops = !noNetwork && fitting && !eng.hist && !eng.gamma && !eng.selfExcitation;
    // With victim–offender ties, the same stop for α and for α_vo, each to the fit with it held
    // at 0 (from the same start, the other kind free; α_vo's collapse in the α = 0 fit, or α's
    // in the α_vo = 0 fit, ends that one at the fit with both at 0), and for both together to
    // the fit with both at 0: that fit is at least as likely as where EM is, and ℓ falls as the
    // kind leaves 0 there (for both together: as either does, at every delay of the range; with
    // the other kind's excitation: at that fit's delay, which it identifies).
    const voStops = stops && eng.victimOffender;
    const nullAtMaximum = (logLik: number): boolean => {
      const b = nullFit();
      if (!(b.logLik >= logLik)) return false;
      atMaximum ??=
        excitationSlopesAtZero(eng, b.params, collapseBetas, 0).every((s) => s <= 0) &&
        excitationSlopesAtZero(eng, b.params, collapseBetas, VO).every((s) => s <= 0);
      return atMaximum;
    };
    const heldRuns = new Map<'alpha' | 'vo', ReturnType<typeof run>>();
    const heldFit = (part: 'alpha' | 'vo'): ReturnType<typeof run> => {
      let r = heldRuns.get(part);
      if (r) return r;
      const from = part === 'alpha' ? { ...start, alpha: 0 } : { ...start, alphaVo: 0 };
      r = run(from, false, false, (_p, logLik, parts) =>
        (part === 'alpha' ? parts.victimOffender : parts.alpha) ? nullAtMaximum(logLik) : false,
      );
      if (r.em.collapsed) r = nullFit();
      heldRuns.set(part, r);
      return r;
    };
    const heldMaximum = new Map<'alpha' | 'vo', boolean>();
    const heldAtMaximum = (part: 'alpha' | 'vo', logLik: number): boolean => {
      const b = heldFit(part);
      if (!(b.logLik >= logLik)) return false;
      if (!tied(b.params)) return nullAtMaximum(logLik);
      let at = heldMaximum.get(part);
      if (at === undefined) {
        const kind = part === 'alpha' ? 0 : VO;
        at = excitationSlopesAtZero(eng, b.params, [b.params.beta], kind)[0] <= 0;
        heldMaximum.set(part, at);
      }
      return at;
    };
    // The fit a collapse of the run with contagion ends at (victim–offender ties: see above).
    let collapsedTo: ReturnType<typeof run> | null = null;
    const collapse = !stops
      ? undefined
      : !voStops
        ? (_p: InternalParams, logLik: number) => {
            const b = nullFit();
            if (!(b.logLik >= logLik)) return false;
            atMaximum ??= excitationSlopesAtZero(eng, b.params, collapseBetas, 0).every(
              (s) => s <= 0,
            );
            return atMaximum;
          }
        : (_p: InternalParams, logLik: number, parts: CollapsingParts) => {
            if (parts.alpha && parts.victimOffender && nullAtMaximum(logLik)) return true;
            for (const part of ['alpha', 'vo'] as const)
              if (
                (part === 'alpha' ? parts.alpha : parts.victimOffender) &&
                heldAtMaximum(part, logLik)
              ) {
                const b = heldFit(part);
                // Both at 0: the α = α_vo = 0 fit, as for a collapse of both (below).
                if (tied(b.params)) collapsedTo = b;
                return true;
              }
            return false;
          };
    let best = run(start, noNetwork && fitting, watch, collapse);
    if (best.em.ranOff >= 0) return { best, boundary: false, boundaryFit: null, choice: null };
    // One kind collapsed (victim–offender ties): the fit with it held at 0, then checked against
    // the α = α_vo = 0 fit as any fit is (below).
    if (collapsedTo) best = collapsedTo;
    // EM converged with one kind's offspring under 1% of the events, creeping to 0 (α at 3e-11
    // beside α_vo 0.003 on a city without contagion): the fit with it held at 0 when that is
    // the more likely, as the α = α_vo = 0 fit below.
    if (
      voStops &&
      !best.em.collapsed &&
      !refit.skipBoundary &&
      best.params.alpha > 0 &&
      best.params.alphaVo > 0
    ) {
      const limit = COLLAPSE_OFFSPRING * nModelled;
      for (const part of ['alpha', 'vo'] as const) {
        if (!((part === 'alpha' ? best.em.last.P : best.em.last.Pvo) < limit)) continue;
        const b = heldFit(part);
        if (b.logLik > best.logLik) {
          best = b;
          break;
        }
      }
    }
    // The no-contagion boundary (α = 0) is checked explicitly: the likelihood can have a ridge
    // towards a flat kernel that EM may follow instead.
    let boundary = noNetwork || (fitting && !tied(best.params));
    let boundaryFit: { params: InternalParams; logLik: number } | null = null;
    const collapsed = best.em.collapsed;
    if (!noNetwork && fitting && tied(best.params) && (!refit.skipBoundary || collapsed)) {
      const bgFit = nullFit();
      boundaryFit = { params: bgFit.params, logLik: bgFit.logLik };
      if (bgFit.logLik > best.logLik || collapsed) {
        best = { ...bgFit, params: { ...bgFit.params, beta: best.params.beta } };
        boundary = true;
      }
    }
    lap('fit');
    // kernel 'auto': the exponential kernel unless the data reject it for an Erlang kernel.
    let choice: KernelChoice | null = null;
    if (o.kernel === 'auto') {
      const p0 = best.params;
      const atEnd = p0.beta <= betaMin * (1 + 1e-6) || p0.beta >= betaMax * (1 - 1e-6);
      if (!fitting || boundary || !(p0.alpha > 0) || atEnd)
        choice = {
          rule: 'auto',
          tested: false,
          erlangShape: null,
          statistic: null,
          pValue: null,
          reason: `exponential: ${!fitting ? 'no fit (maxIterations 0)' : atEnd ? `its delay ${delayRange[0] === delayRange[1] ? 'was pinned by' : 'ran to an end of'} delayRangeDays, so its shape cannot be tested` : 'no contagion found, so the delay has no shape to test'}`,
        };
      else {
        eng.gamma = gammaStructure(eng.candDelta, true);
        // EM starts from the exponential fit's background and α with shape 2 (same 1/β): from the
        // exponential responsibilities themselves EM can stay at shape 1, since they credit short
        // delays as the exponential kernel does. The first M-step tries every shape, 1 included.
        const er = run({ ...p0, shape: 2 }, false);
        const statistic = Math.max(0, 2 * (er.logLik - best.logLik));
        const pValue = Math.max(0, 1 - gammaP(0.5, statistic / 2));
        const k = er.params.shape ?? 1;
        const lr = `likelihood ratio ${statistic.toFixed(1)}, p ${pValue < 1e-4 ? '< 0.0001' : `= ${pValue.toPrecision(2)}`}, χ² with 1 degree of freedom`;
        const switched = er.params.alpha > 0 && k > 1 && pValue < AUTO_KERNEL_LEVEL;
        if (switched) best = er;
        else eng.gamma = null;
        choice = {
          rule: 'auto',
          tested: true,
          erlangShape: k,
          statistic,
          pValue,
          reason: switched
            ? `Erlang of shape ${k}: the exponential delay was rejected against it at the ${100 * AUTO_KERNEL_LEVEL}% level (${lr}): the delays rise to a peak and then fall, where the exponential kernel peaks at once`
            : `exponential: the best Erlang kernel (shape ${k}) did not fit better at the ${100 * AUTO_KERNEL_LEVEL}% level (${lr})`,
        };
      }
      lap('kernelCheck');
    }
    return { best, boundary, boundaryFit, choice };
  };
  let { best, boundary, boundaryFit, choice } = fitAll(true);
  // A covariate that ran off (see runOff) is not kept at its run-off value, which multiplied
  // someone's background by e^30 and more: it is dropped (held at 0) and the model refitted
  // without it, the worst first, until none runs off. The standard errors this needs are computed
  // whether or not they were asked for (4% of a fit's time on a 6,000-person city), so a fit drops
  // the same covariates with standardErrors on or off (the checks' and bootstrap refits are off).
  // A refit of another fit's model keeps the covariates that fit kept (RefitStart.covariates).
  let checked: ReturnType<typeof standardErrors> | null = null;
  while (fitting) {
    let worst: ReturnType<typeof runOff> = null;
    checked = standardErrors(eng, best.params, best.free, fitting);
    for (let r = 0; r < eng.bg.d; r++) {
      if (eng.constantCov[r] || inherited.has(r)) continue;
      const off = runOff(eng, best.params, checked.se, r);
      if (
        off &&
        (!worst || Math.max(off.effect, off.seEffect) > Math.max(worst.effect, worst.seEffect))
      )
        worst = off;
    }
    // EM stopped at a coefficient running off, and after the polish none has: the whole fit
    // (boundary run and kernel choice included), without stopping early.
    if (!worst && best.em.ranOff >= 0) {
      ({ best, boundary, boundaryFit, choice } = fitAll(false));
      continue;
    }
    if (!worst) break;
    droppedNotes.set(
      worst.r,
      `${worst.text} The data nearly separate it (for instance, no event ever follows it), or other covariates nearly duplicate it, so its effect cannot be estimated: it was dropped and the model refitted without it (its coefficient is 0). Fit more data to estimate it, or turn it off.`,
    );
    eng.constantCov[worst.r] = DROPPED;
    ({ best, boundary, boundaryFit, choice } = fitAll(true));
  }
  if (!checked) checked = standardErrors(eng, best.params, best.free, fitting);
  const { params, em, newtonIterations, trace, free } = best;
  let converged = best.converged;

  // Final E-step at the fitted parameters: responsibilities and the exact log-likelihood.
  const pBg = new Float64Array(nEv);
  const final = eStep(eng, params, pBg);
  const logLik = final.logLik;

  const { information, se } =
    o.standardErrors || !fitting ? checked : standardErrors(eng, params, free, false);
  lap('standardErrors');
  const nParams = free.length + (boundary ? 0 : 0);
  const aic = 2 * nParams - 2 * logLik;

  // Identification of the contagion kernel (after the proxy check of the covariates).
  const warnings: string[] = [...proxy];
  const betaAtBound =
    !eng.hist &&
    tied(params) &&
    (params.beta <= betaMin * (1 + 1e-6) || params.beta >= betaMax * (1 - 1e-6));
  let identified = fitting && !boundary && tied(params);
  // A start value of 0 holds its excitation at 0 (EM keeps a zero at zero, and Newton leaves it).
  const heldAlpha = options.start?.alpha === 0;
  const heldVo = eng.victimOffender && options.start?.alphaVictimOffender === 0;
  if (fitting && boundary && !noNetwork)
    warnings.push(
      heldAlpha && (!eng.victimOffender || heldVo)
        ? `α${heldVo ? ' and α_vo were' : ' was'} held at 0 by start.alpha = 0${heldVo ? ' and start.alphaVictimOffender = 0' : ''}: the fit without contagion, not a test for it.`
        : `No contagion detected: the fit with α = 0${eng.victimOffender ? ' and α_vo = 0' : ''} (no excitation through the network) has the highest likelihood, so the delay β is not identified.`,
    );
  // With two kinds of tie, one held at 0 while the other is fitted: its share is 0 by the start.
  if (fitting && !noNetwork && eng.victimOffender && heldAlpha !== heldVo)
    warnings.push(
      heldAlpha
        ? 'α was held at 0 by start.alpha = 0: shares.coOffending is 0 by that start value, not a finding (excitation along co-offending ties was not tested).'
        : 'α_vo was held at 0 by start.alphaVictimOffender = 0: shares.victimOffender is 0 by that start value, not a finding (excitation along victim–offender ties was not tested).',
    );
  if (fitting && eng.selfExcitation && options.start?.alphaSelf === 0)
    warnings.push(
      'α_self was held at 0 by start.alphaSelf = 0: shares.self is 0 by that start value, not a finding (self-excitation was not tested).',
    );
  if (noNetwork)
    warnings.push('No ties carry any event: the network term cannot be estimated (α = 0).');
  if (betaAtBound) {
    identified = false;
    converged = false;
    warnings.push(
      delayRange[0] === delayRange[1]
        ? `The kernel's mean delay was pinned by delayRangeDays [${delayRange[0]}, ${delayRange[1]}] (1/β: ${delayDays(1 / params.beta)}), not estimated: the share of contagion is conditional on that delay, and the data did not test it. Do not report the share or the delay as findings.`
        : `The kernel's mean delay ran to the ${params.beta <= betaMin * (1 + 1e-6) ? 'longest' : 'shortest'} the window allows (1/β: ${delayDays(1 / params.beta)}, delayRangeDays [${delayRange[0]}, ${delayRange[1]}]): the data cannot tell the kernel from ${params.beta <= betaMin * (1 + 1e-6) ? 'slow changes in the background' : 'same-day clustering'}. Do not report the share or the delay as findings.`,
    );
  }
  // The two-standard-error rule needs standard errors. A fit with standardErrors: false is judged
  // with those of the information the run-off check computed above (what a fit with them
  // reports, at no further cost): it skipped the rule and read identified: true with α_vo = 0.003
  // under two standard errors (0.004) on a 1,500-person synthCity without contagion
  // (victimOffenderTies: 'sides', seed 11), and so with α alone (seeds 4, 8, 12). So are the
  // checks' refits (the histogram kernel, the co-offender count: standard errors off by their
  // options) and hawkesInference's other refits, whose identification warnings report: its
  // placebo read "2 of 9 placebo fits identified the kernel" where the same refits with standard
  // errors identified 1 (1,500-person synthCity without contagion, minSeverity 2, seed 1). Only
  // the bootstrap, null and rewired refits skip the rule (RefitStart.withoutSeRule).
  const idSe = o.standardErrors || !fitting ? se : refit.withoutSeRule ? undefined : checked.se;
  if (identified && idSe && eng.victimOffender) {
    // Two kinds of tie: identified when at least one α is two standard errors from 0; a kind
    // under that is said, with its share, which is then not a finding.
    const kinds: [string, number, number | null | undefined, number][] = [
      ['α', params.alpha, idSe.alpha, final.P],
      ['α_vo', params.alphaVo, idSe.alphaVictimOffender, final.Pvo],
    ];
    const clear = kinds.filter(([, a, e]) => a > 0 && e && a >= 2 * e);
    if (clear.length === 0) identified = false;
    for (const k of kinds)
      if (k[1] > 0 && !clear.includes(k))
        warnings.push(
          `${k[0]} = ${k[1].toPrecision(3)} is under two standard errors (${k[2] ? k[2].toPrecision(3) : 'none'}): its share (${((100 * k[3]) / nModelled).toFixed(1)}%) is not distinguishable from none. Do not report it as a finding.`,
        );
  } else if (identified && idSe) {
    if (idSe.alpha === null || !(idSe.alpha > 0)) {
      identified = false;
      warnings.push('The information about α is singular: the excitation is not identified.');
    } else if (params.alpha < 2 * idSe.alpha) {
      identified = false;
      warnings.push(
        `α = ${params.alpha.toPrecision(3)} is under two standard errors (${idSe.alpha.toPrecision(3)}): contagion is not distinguishable from none. Do not report the share as a finding.`,
      );
    }
  }
  // Every event conditioned on as an entry event: nothing was modelled, μ fits 0 and every
  // forecast is 0 — not a finding and not a converged fit of anything.
  const inExits = bg.exitEvents;
  if (inExits.length > 0) {
    const d = eng.data;
    const first = inExits
      .slice(0, 3)
      .map((i) => `${d.index.incidentId(d.evIncident[i])} (${dayToIso(d.evDay[i])})`);
    warnings.push(
      `${count(inExits.length, 'event falls', 'events fall')} inside an exit of their person (harm in custody, or an exit in error): conditioned on, not modelled: incident ${first.join(', ')}${inExits.length > 3 ? ` and ${inExits.length - 3} more` : ''}.`,
    );
  }
  if (fitting && nModelled > 0 && bg.entryEvents + inExits.length >= nModelled) {
    identified = false;
    converged = false;
    warnings.push(
      inExits.length > 0
        ? `All ${nModelled} events are conditioned on (${inExits.length} inside an exit): none is modelled and every forecast is 0. Check the exits.`
        : `All ${nModelled} serious events in the window fall on the day their person is first recorded, which is how they enter the data (entry: 'first-record'), so none is modelled: the background rate is 0 and every forecast is 0. Widen the window (since, asOf, retentionYears) or use entry: 'window'.`,
    );
  }
  const lastBin = eng.bg.B - 1;
  // The last bin's rate is the level of every background forecast past the window: on a few
  // events it is noise (one event on an 800-person city: a level of 0.39 with the default
  // half-year bin, 2.47 with a 30-day one, and the 90-day forecast 0.96 against 3.71 events).
  let inLastBin = 0;
  for (let i = eng.data.firstModelled; i < eng.bg.evRow.length; i++)
    if (eng.bg.evRow[i] >= 0 && eng.bg.evBin[i] === lastBin) inLastBin++;
  if (fitting && eng.bg.B > 1 && inLastBin > 0 && inLastBin < FEW_IN_LAST_BIN)
    warnings.push(
      `Only ${count(inLastBin, 'serious-violence event')} ${inLastBin === 1 ? 'falls' : 'fall'} in the last trend bin (${dayToIso(eng.bg.edges[lastBin])} to ${dayToIso(eng.bg.edges[lastBin + 1])}), whose rate sets the level of every background forecast past the window: on so few events that level is mostly chance (its standard error is about ${Math.round(100 / Math.sqrt(inLastBin))}%), and so are the forecasts' totals and the weight of background against exposure in a ranking. A longer lastTrendBinDays (or trend: false) rests it on more events.`,
    );
  // A last bin with events whose background rate the fit drove to 0 (all its events taken for
  // excitation): every background forecast past the window is 0, and forecasts fade to nothing
  // as the past events' excitation decays (800-person city, seed 3: 8 events in the half-year
  // bin at a rate of 7e-16, the 90-day total 3.38 from asOf, 0.058 a year later; 6 followed).
  let otherRates = 0;
  let others = 0;
  for (let b = 0; b < lastBin; b++)
    if (!eng.emptyBin[b]) {
      otherRates += params.rates[b];
      others++;
    }
  if (
    fitting &&
    eng.bg.B > 1 &&
    inLastBin > 0 &&
    others > 0 &&
    params.rates[lastBin] < 1e-3 * (otherRates / others)
  )
    warnings.push(
      `The background rate of the last trend bin (${dayToIso(eng.bg.edges[lastBin])} to ${dayToIso(eng.bg.edges[lastBin + 1])}) was fitted at 0: its ${count(inLastBin, 'serious-violence event')} ${inLastBin === 1 ? 'is' : 'are'} all taken for contagion. That rate is the level of every background forecast past the window, so forecasts hold no background and fade to nothing as the past events' excitation decays. A longer lastTrendBinDays (or trend: false) rests the level on more of the record.`,
    );
  if (fitting && eng.bg.B > 1 && eng.emptyBin[lastBin])
    warnings.push(
      `No serious-violence event falls in the last trend bin (${dayToIso(eng.bg.edges[lastBin])} to ${dayToIso(eng.bg.edges[lastBin + 1])}): its rate is 0, so every background forecast past the window is 0. The records may stop before asOf: check the extract's last date, or set asOf to the day after it.`,
    );
  const keptOff: string[] = [];
  eng.bg.names.forEach((nm, r) => {
    const note = droppedNotes.get(r);
    const off =
      fitting && inherited.has(r) && !eng.constantCov[r]
        ? runOff(eng, params, checked.se, r)
        : null;
    if (off) {
      keptOff.push(nm);
      warnings.push(
        `${off.text} The fit this refit belongs to kept it, so it is kept here too (the same model): its coefficient is where the likelihood's climb along it stopped, not an estimate.`,
      );
    }
    if (note) warnings.push(note);
    else if (eng.constantCov[r])
      warnings.push(
        `The covariate '${nm}' ${eng.constantCov[r] === COLLINEAR ? 'is a linear combination of the covariates before it (collinear)' : 'has no spread'} over the people at risk, so it was left out (coefficient 0).`,
      );
  });
  const branchingRatio =
    params.alpha * eng.meanOffspringWeight +
    params.alphaSelf +
    params.alphaVo * eng.meanVoOffspringWeight;
  const explosive = branchingRatioWarning(branchingRatio);
  if (explosive) warnings.push(explosive);

  const attribution = attribute(eng, params, pBg, o.topParents);
  lap('attribution');
  // Half the attributed contagion a day or less after its parent: whole-day records cannot tell
  // that from one incident recorded as two (co-victims on consecutive days, a duplicate).
  if (identified && attribution.delays.median <= 1) {
    identified = false;
    warnings.push(
      `Half or more of the contagion found follows its parent by a day or less (median delay ${attribution.delays.median.toFixed(1)} days): whole-day dates cannot tell that from one incident recorded as two (co-victims on consecutive days, a duplicate). Do not report the share or the delay as findings.`,
    );
  }
  const hist = eng.hist && params.hw ? { edges: eng.hist.edges, w: params.hw } : null;
  const shape = eng.gamma ? (params.shape ?? 1) : null;
  const kspec = { beta: params.beta, maxLag: o.maxLagDays, hist, shape };
  const state: HawkesState = {
    data: hd,
    bg,
    hist,
    shape,
    maxLag: o.maxLagDays,
    g,
    rates: params.rates,
    frailty: null,
    alpha: params.alpha,
    alphaSelf: params.alphaSelf,
    alphaVo: params.alphaVo,
    beta: params.beta,
    b1: params.b1,
    b2: params.b2,
    theta: params.theta,
    forecastLevel: o.forecastLevel,
  };
  // Each modelled event's intensity at the fit, for the victim–offender score (bg / pBg = λ).
  fitLambdas.set(state, eventIntensities(eng, params, pBg));
  // The tail check's score (see tailWarning): one pass, as one E-step.
  const tail =
    identified && params.alpha > 0 && !eng.hist
      ? tailScore(eng, params, kernelMeanOf(kspec))
      : null;
  lap('tailScore');
  let frailtyShape = Number.POSITIVE_INFINITY;
  if (!o.frailty && identified && params.alpha > 0) {
    const { Bk, Lam } = backgroundTotals(eng, state, pBg);
    coOffenderScores.set(state, coOffenderScore(eng, Bk, Lam));
    sharedRiskScores.set(state, sharedRiskScore(eng, Bk, Lam));
  }
  if (o.frailty) {
    const f = fitFrailty(eng, state, pBg);
    state.frailty = f.posterior;
    frailtyShape = f.shape;
    lap('frailty');
  }
  const parameters = publicParameters(eng, params);
  if (o.frailty) parameters.frailtyShape = frailtyShape;
  const names = vectorNames(eng);
  const lastRecordDay =
    hd.window.hi > 0 ? hd.index.day[hd.window.hi - 1] : Number.NEGATIVE_INFINITY;
  const model: NetworkHawkesModel = {
    name: 'network-hawkes',
    parameters,
    standardErrors: se,
    logLikelihood: logLik,
    aic,
    iterations: em.iterations,
    converged,
    identified,
    warnings,
    branchingRatio,
    trend: trendTable(eng, params),
    kernel: {
      type: hist
        ? 'histogram'
        : shape !== null
          ? eng.gamma?.integer
            ? 'erlang'
            : 'gamma'
          : 'exponential',
      meanDays: kernelMeanOf(kspec),
      shape: shape ?? 1,
      bins: hist
        ? Array.from(hist.w, (w, b) => ({ from: hist.edges[b], to: hist.edges[b + 1], weight: w }))
        : [],
      choice,
    },
    events: attribution.events,
    contagionShare: nModelled > 0 ? (final.P + final.Pvo) / nModelled : 0,
    shares: {
      posterior: nModelled > 0 ? (final.P + final.Pvo) / nModelled : 0,
      exceedsBackground: attribution.exceedShare,
      self: nModelled > 0 ? final.Pself / nModelled : 0,
      ...(eng.victimOffender
        ? {
            coOffending: nModelled > 0 ? final.P / nModelled : 0,
            victimOffender: nModelled > 0 ? final.Pvo / nModelled : 0,
          }
        : {}),
    },
    delays: {
      ...attribution.delays,
      kernelMean:
        params.alpha > 0 || params.alphaSelf > 0 || params.alphaVo > 0 ? kernelMeanOf(kspec) : 0,
    },
    cascades: attribution.cascades,
    lastRecordDay,
    victimOffenderTies: hd.voIn ? (hd.voKind ?? 'direct') : false,
    diagnostics: {
      logLikelihoodTrace: trace,
      emIterations: em.iterations,
      newtonIterations,
      candidatePairs: eng.candParent.length,
      alphaAtBoundary: boundary,
      betaAtBound,
      events: nModelled,
      people: bg.atRisk,
      ties: hd.tieNeighbour.length / 2,
      historyEvents: eng.first,
      entryEvents: bg.entryEvents,
      personDays: bg.personDays,
      since: isoOrEmpty(hd.start),
      asOf: isoOrEmpty(hd.end),
      days: hd.end - hd.start,
      recordsSince: hd.window.hi > hd.window.lo ? dayToIso(hd.index.day[hd.window.lo]) : '',
      droppedCovariates: [...droppedNotes.keys()].map((r) => eng.bg.names[r]),
      information,
      informationParameters: free.map((r) => names[r]),
      tailScore: tail ? { z: tail.z, fromDays: tail.fromDays, meanDays: tail.meanDays } : null,
      elapsedMs: performance.now() - t0,
      timings,
    },
    state,
    intensity: (person: string, t: DateLike) =>
      intensityDecomposed(state, person, t, 'model.intensity').total,
    intensityDecomposed: (person: string, t: DateLike) =>
      intensityDecomposed(state, person, t, 'model.intensityDecomposed'),
    risk: (people, opts) => risk(state, people, opts),
  };
  // Dates rounded to the month or week: say what that does to the delay and the share.
  const rounded = fitting
    ? roundedDatesWarning(
        hd.evDay,
        eng.first,
        {
          alpha: params.alpha,
          meanDelay: model.delays.mean,
          erlangShape: model.kernel.type === 'erlang' ? model.kernel.shape : null,
        },
        hd.evIncident,
      )
    : undefined;
  if (rounded) warnings.push(rounded);
  // A slow kernel found with confidence: excitation spread over half a year or more is what a
  // long, flat kernel also fits when risk is shared along the ties without any contagion (people
  // with many events tied to people with many events: homophily, a shared place or trade). On a
  // city with no contagion whose background is assortative over the network (synthCity with
  // minSeverity 2), 4 of 20 fits were identified with a share of 5-8% and kernels of 213-293
  // days; the contagion of the misspecified worlds is found at 50-80 days.
  if (fitting && identified && tied(params) && model.kernel.meanDays >= SLOW_KERNEL_DAYS)
    warnings.push(
      `The kernel's mean delay is ${count(Math.round(model.kernel.meanDays), 'day')}: excitation this slow is hard to tell from risk shared along the ties without contagion (people with many events tied to people with many events), which a long, flat kernel also fits. Before reporting the share (${(100 * model.contagionShare).toFixed(1)}%), compare it with hawkesInference's placebo with shuffled days (placebo: 'shuffled-days'), which keeps who is tied and who has events but not when.`,
    );
  if (boundaryFit) boundaryRuns.set(model, boundaryFit);
  if (keptOff.length > 0) keptRunOffs.set(model, keptOff);
  riskStates.set(model, { state, risk: model.risk });
  return model;
}

/** Each person's background events B_k (sums of responsibilities) and expected ones Λ_k. */
function backgroundTotals(eng: Engine, state: HawkesState, pBg: Float64Array) {
  const Bk = new Float64Array(eng.data.nPeople);
  for (let i = eng.first; i < eng.nEv; i++)
    if (eng.bg.evRow[i] >= 0) Bk[eng.data.evPerson[i]] += pBg[i];
  return { Bk, Lam: personBackgroundTotals(state) };
}

/** The co-offender score of each fit's state (see {@link coOffenderScore}). */
const coOffenderScores = new WeakMap<HawkesState, number>();

/**
 * Score statistic, at the fit, for ln(1 + distinct co-offenders) as a background covariate:
 * U / √V with U = Σ_k (z_k − z̄)(B_k − Λ_k) and V = Σ_k (z_k − z̄)² Λ_k (z̄ the Λ-weighted mean),
 * the other covariates not projected out. Large and positive when people with more ties have
 * more background events than the fit expects. It only decides whether {@link coOffenderCheck}'s
 * refit is run by the fit: 9.5–11 on the clique worlds, 3.1–4.7 on Barabási–Albert and London
 * gang worlds (where the check then did not warn), −2.6 to −1.6 on synthCity cities.
 */
function coOffenderScore(eng: Engine, Bk: Float64Array, Lam: Float64Array): number {
  const { tieOffset } = eng.data;
  let sl = 0;
  let szl = 0;
  for (let k = 0; k < Lam.length; k++) {
    sl += Lam[k];
    szl += Math.log1p(tieOffset[k + 1] - tieOffset[k]) * Lam[k];
  }
  if (!(sl > 0)) return 0;
  const zb = szl / sl;
  let u = 0;
  let v = 0;
  for (let k = 0; k < Lam.length; k++) {
    const z = Math.log1p(tieOffset[k + 1] - tieOffset[k]) - zb;
    u += z * (Bk[k] - Lam[k]);
    v += z * z * Lam[k];
  }
  return v > 0 ? u / Math.sqrt(v) : 0;
}

/** The shared-risk score of each fit's state (see {@link sharedRiskScore}). */
const sharedRiskScores = new WeakMap<HawkesState, number>();

/** A fit's shared-risk score ({@link sharedRiskScore}; 0 when not computed). @internal */
export function sharedRiskScoreOf(model: NetworkHawkesModel): number {
  return sharedRiskScores.get(model.state) ?? 0;
}

/**
 * Score statistic, at the fit, for the associates' unexplained background as a person's
 * background covariate: z_k = ln((1 + Σ_j B_j) / (1 + Σ_j Λ_j)) over k's co-offenders j (B the
 * background events, Λ the expected ones; 0 for people without ties), centred Λ-weighted, and
 * U/√V with U = Σ_k z_k (B_k − Λ_k), V = Σ_k z_k² Λ_k. Risk shared by tied people for longer
 * than the kernel reaches (homophily, a shared place) leaves a person's background excess where
 * their associates' is: the associates of the people with more background events than the
 * covariates expect have more too. Contagion the kernel holds does not.
 */
function sharedRiskScore(eng: Engine, Bk: Float64Array, Lam: Float64Array): number {
  const { tieOffset, tieNeighbour } = eng.data;
  const n = Lam.length;
  const z = new Float64Array(n);
  let sl = 0;
  let szl = 0;
  for (let k = 0; k < n; k++) {
    if (tieOffset[k + 1] > tieOffset[k]) {
      let b = 1;
      let l = 1;
      for (let e = tieOffset[k]; e < tieOffset[k + 1]; e++) {
        b += Bk[tieNeighbour[e]];
        l += Lam[tieNeighbour[e]];
      }
      z[k] = Math.log(b / l);
    }
    sl += Lam[k];
    szl += z[k] * Lam[k];
  }
  if (!(sl > 0)) return 0;
  const zb = szl / sl;
  let u = 0;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = z[k] - zb;
    u += c * (Bk[k] - Lam[k]);
    v += c * c * Lam[k];
  }
  return v > 0 ? u / Math.sqrt(v) : 0;
}

/**
 * Empirical-Bayes gamma frailty: each person's background is multiplied by an unobserved
 * Z_k ~ Gamma(κ, 1/κ) (mean 1, variance 1/κ). With B_k the person's background events (the sum
 * of their events' background responsibilities) and Λ_k their expected background events at the
 * fit, κ maximises the negative-binomial marginal likelihood Σ_k [ln Γ(κ + B_k) − ln Γ(κ) + κ ln κ
 * − (κ + B_k) ln(κ + Λ_k)], and the posterior mean is E[Z_k] = (κ + B_k) / (κ + Λ_k).
 */
function fitFrailty(eng: Engine, state: HawkesState, pBg: Float64Array) {
  const n = eng.data.nPeople;
  const { Bk, Lam } = backgroundTotals(eng, state, pBg);
  coOffenderScores.set(state, coOffenderScore(eng, Bk, Lam));
  sharedRiskScores.set(state, sharedRiskScore(eng, Bk, Lam));
  // People with no background events contribute κ ln κ − κ ln(κ + Λ_k) (no ln Γ to evaluate).
  let nWith = 0;
  for (let k = 0; k < n; k++) if (Lam[k] > 0 && Bk[k] > 0) nWith++;
  const withEvents = new Int32Array(nWith + 1).fill(-1);
  for (let k = 0, w = 0; k < n; k++) if (Lam[k] > 0 && Bk[k] > 0) withEvents[w++] = k;
  // ln(κ + Λ_k) of the people with events, kept from the first sum for the second (the same numbers).
  const logWith = new Float64Array(nWith);
  const ll = (kappa: number) => {
    let s = 0;
    const lk = logGamma(kappa);
    const lnK = Math.log(kappa);
    for (let k = 0, w = 0; k < n; k++)
      if (Lam[k] > 0) {
        const l = Math.log(kappa + Lam[k]);
        s += kappa * (lnK - l);
        if (k === withEvents[w]) logWith[w++] = l;
      }
    for (let w = 0; w < nWith; w++) {
      const k = withEvents[w];
      s += logGamma(kappa + Bk[k]) - lk - Bk[k] * logWith[w];
    }
    return s;
  };
  // Golden-section search on ln κ in [ln 0.05, ln 1000].
  let a = Math.log(0.05);
  let b = Math.log(1000);
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = b - r * (b - a);
  let x2 = a + r * (b - a);
  let f1 = ll(Math.exp(x1));
  let f2 = ll(Math.exp(x2));
  for (let it = 0; it < 60; it++) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = ll(Math.exp(x2));
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = ll(Math.exp(x1));
    }
  }
  const shape = Math.exp((a + b) / 2);
  // In place over B (each entry read once, before it is written): one person-sized array fewer.
  const posterior = Bk;
  for (let k = 0; k < n; k++) posterior[k] = (shape + Bk[k]) / (shape + Lam[k]);
  return { shape, posterior };
}

/** The coordinates the Newton polish and the information may move. */
function freeCoordinates(eng: Engine, p: InternalParams): number[] {
  const L = layout(eng);
  const free: number[] = [];
  for (let b = 0; b < L.B; b++) if (!eng.emptyBin[b] && p.rates[b] > 0) free.push(b);
  if (p.alpha > 1e-12 && (eng.hist || eng.gamma)) free.push(L.alpha);
  else if (p.alpha > 1e-12) {
    free.push(L.alpha);
    const atBound = p.beta <= eng.betaMin * (1 + 1e-6) || p.beta >= eng.betaMax * (1 - 1e-6);
    if (!atBound) free.push(L.beta);
  } else if (p.alphaSelf > 1e-12 || p.alphaVo > 1e-12) {
    const atBound = p.beta <= eng.betaMin * (1 + 1e-6) || p.beta >= eng.betaMax * (1 - 1e-6);
    if (!atBound) free.push(L.beta);
  }
  if (L.self >= 0 && p.alphaSelf > 1e-12) free.push(L.self);
  if (L.vo >= 0 && p.alphaVo > 1e-12) free.push(L.vo);
  if (L.b1 >= 0) free.push(L.b1, L.b1 + 1);
  for (let r = 0; r < eng.bg.d; r++) if (!eng.constantCov[r]) free.push(L.theta + r);
  return free.sort((a, b) => a - b);
}

/** The engine's gamma option for a kernel name. */
function gammaOption(kernel: string): boolean | 'integer' {
  return kernel === 'gamma' ? true : kernel === 'erlang' ? 'integer' : false;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Time-weighted mean bin rate over the outcome window (the reported μ₀). */
function meanRate(eng: Engine, rates: Float64Array): number {
  const e = eng.bg.edges;
  let s = 0;
  let w = 0;
  for (let b = 0; b < rates.length; b++) {
    s += rates[b] * (e[b + 1] - e[b]);
    w += e[b + 1] - e[b];
  }
  return w > 0 ? s / w : 0;
}

function trendTable(eng: Engine, p: InternalParams): TrendBin[] {
  const mu = meanRate(eng, p.rates);
  const e = eng.bg.edges;
  return Array.from(p.rates, (r, b) => ({
    start: dayToIso(e[b]),
    end: dayToIso(e[b + 1]),
    factor: mu > 0 ? r / mu : 0,
  }));
}

function startValues(
  eng: Engine,
  given: Partial<NetworkHawkesParameters> | undefined,
  fn = 'fitNetworkHawkes',
  path?: string,
): InternalParams {
  const nModelled = eng.nEv - eng.first;
  let meanDelta = 0;
  for (let x = 0; x < eng.candDelta.length; x++) meanDelta += eng.candDelta[x];
  meanDelta = eng.candDelta.length > 0 ? meanDelta / eng.candDelta.length : 100;
  let beta = given?.beta ?? 1 / Math.max(1, meanDelta / 2);
  if (given?.beta === undefined) beta = Math.min(eng.betaMax, Math.max(eng.betaMin, beta));
  const theta = new Float64Array(eng.bg.d);
  if (given?.covariates)
    checkOptions(
      fn,
      given.covariates,
      Object.fromEntries(eng.bg.names.map((nm) => [nm, rule.number()])),
      path ? `${path}.start.covariates` : 'start.covariates',
    );
  if (given?.covariates)
    eng.bg.names.forEach((nm, r) => {
      theta[r] = (given.covariates![nm] ?? 0) * eng.bg.scale[r];
    });
  const a = given?.seasonalAmplitude ?? 0;
  const phi = given?.seasonalPhase ?? 0;
  const b1 = eng.seasonal ? a * Math.cos(phi) : 0;
  const b2 = eng.seasonal ? a * Math.sin(phi) : 0;
  const rates = new Float64Array(eng.bg.B);
  if (given?.mu !== undefined) rates.fill(given.mu);
  else {
    // Half of each bin's events over its exposure.
    const E = binExposure(eng, rowFactors(eng, theta), b1, b2);
    const cnt = new Float64Array(eng.bg.B);
    for (let i = eng.first; i < eng.nEv; i++) if (eng.bg.evRow[i] >= 0) cnt[eng.bg.evBin[i]]++;
    for (let b = 0; b < rates.length; b++)
      rates[b] = E[b] > 0 && cnt[b] > 0 ? (0.5 * cnt[b]) / E[b] : 0;
  }
  let hw: Float64Array | null = null;
  if (eng.hist) {
    // An exponential shape with the starting β, bin by bin.
    const e = eng.hist.edges;
    hw = new Float64Array(eng.hist.len.length);
    for (let b = 0; b < hw.length; b++) hw[b] = kernelMass(beta, eng.maxLag, e[b], e[b + 1]);
  }
  const p: InternalParams = {
    hw,
    rates,
    alpha: 0,
    alphaSelf: 0,
    alphaVo: 0,
    beta,
    b1,
    b2,
    theta,
  };
  if (eng.gamma) p.shape = 1;
  const Z = kernelNorm(beta, eng.maxLag);
  const S = (W: Float64Array, Lo: Float64Array, Hi: Float64Array) => {
    let s = 0;
    for (let x = 0; x < W.length; x++)
      s += W[x] * (Math.exp(-beta * Lo[x]) - Math.exp(-beta * Hi[x]));
    return s / Z;
  };
  if (given?.alpha !== undefined) p.alpha = given.alpha;
  else {
    const s =
      eng.hist || eng.gamma ? networkCompensator(eng, p) : S(eng.excW, eng.excLo, eng.excHi);
    p.alpha = s > 0 ? (0.5 * Math.max(1, nModelled)) / s : 0;
  }
  if (eng.selfExcitation) {
    if (given?.alphaSelf !== undefined) p.alphaSelf = given.alphaSelf;
    else {
      const s = S(eng.selfW, eng.selfLo, eng.selfHi);
      p.alphaSelf = s > 0 ? (0.1 * Math.max(1, nModelled)) / s : 0;
    }
  }
  if (eng.victimOffender) {
    if (given?.alphaVictimOffender !== undefined) p.alphaVo = given.alphaVictimOffender;
    else {
      const s = S(eng.voW, eng.voLo, eng.voHi);
      p.alphaVo = s > 0 ? (0.25 * Math.max(1, nModelled)) / s : 0;
    }
  }
  return p;
}

function publicParameters(eng: Engine, p: InternalParams): NetworkHawkesParameters {
  const covariates: Record<string, number> = {};
  eng.bg.names.forEach((nm, r) => {
    covariates[nm] = p.theta[r] / eng.bg.scale[r];
  });
  const a = Math.hypot(p.b1, p.b2);
  return {
    mu: meanRate(eng, p.rates),
    alpha: p.alpha,
    beta:
      eng.hist && p.hw
        ? 1 /
          kernelMeanOf({
            beta: p.beta,
            maxLag: eng.maxLag,
            hist: { edges: eng.hist.edges, w: p.hw },
          })
        : p.beta,
    alphaSelf: p.alphaSelf,
    ...(eng.victimOffender ? { alphaVictimOffender: p.alphaVo } : {}),
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
  const L = layout(eng);
  const raw: Record<string, number> = {
    mu: Number.NaN,
    alpha: Number.NaN,
    beta: Number.NaN,
    alphaSelf: Number.NaN,
    alphaVictimOffender: Number.NaN,
    seasonalAmplitude: Number.NaN,
    seasonalPhase: Number.NaN,
  };
  const rawCov: Record<string, number> = Object.fromEntries(
    eng.bg.names.map((n) => [n, Number.NaN]),
  );
  let information: number[][] = [];
  let singular = false;
  if (wanted && free.length > 0) {
    const v = toVector(eng, p);
    const f = free.length;
    const info = observedInformation(eng, v, free, p.hw, p.shape);
    // A covariate fitted in units of its standard deviation (bg.scale) reports its information
    // in its own units: ∂²ℓ/∂γ_a∂γ_b times the two scales.
    const L0 = layout(eng);
    const sc = free.map((r) =>
      r >= L0.theta && r < L0.theta + eng.bg.d ? eng.bg.scale[r - L0.theta] : 1,
    );
    // + 0 turns −0 into 0: a pair of parameters whose gradients do not move each other (two trend
    // bins) read −0 from the finite difference −(0 − 0)/2h, printed "-0" by console.log.
    for (let a = 0; a < f; a++)
      information.push(
        Array.from(info.subarray(a * f, a * f + f), (x, b) => x * sc[a] * sc[b] + 0),
      );
    const cov = invertSpd(info, f);
    if (!cov) singular = true;
    else fillStandardErrors(eng, p, free, cov, raw, rawCov);
  } else information = [];
  // Every NaN becomes null with its reason.
  const betaAtEnd = p.beta <= eng.betaMin * (1 + 1e-6) || p.beta >= eng.betaMax * (1 - 1e-6);
  const why = (name: string): string => {
    // A dropped covariate is dropped whether standard errors were asked for or not.
    if (name in rawCov && eng.constantCov[eng.bg.names.indexOf(name)] === DROPPED)
      return 'ran off (the data nearly separate it): dropped, and the model refitted without it';
    if (!wanted) return 'not asked for (standardErrors: false, or no fit: maxIterations 0)';
    if (singular) return 'the observed information is singular';
    if (name === 'alpha' && !(p.alpha > 1e-12)) return 'fixed at α = 0 (no contagion)';
    if (name === 'alphaSelf')
      return L.self < 0 ? 'self-excitation is off' : 'fixed at α_self = 0 (no self-excitation)';
    if (name === 'alphaVictimOffender')
      return 'fixed at α_vo = 0 (no excitation along victim–offender ties)';
    if (name === 'beta') {
      if (!(p.alpha > 1e-12) && !(p.alphaSelf > 1e-12) && !(p.alphaVo > 1e-12))
        return 'not identified without excitation (α = 0)';
      if (eng.hist) return 'the histogram kernel has no β';
      if (eng.gamma) return 'the gamma kernel’s mean is reported without a standard error';
      if (betaAtEnd) return 'β at an end of delayRangeDays (not identified)';
    }
    if (name === 'seasonalAmplitude' || name === 'seasonalPhase')
      return L.b1 < 0
        ? 'seasonal is off'
        : 'the seasonal amplitude is 0, so its phase is undefined';
    if (name in rawCov)
      return eng.constantCov[eng.bg.names.indexOf(name)] === COLLINEAR
        ? 'collinear with the covariates before it (left out)'
        : 'the covariate has no spread over the people at risk (left out)';
    return 'not estimated';
  };
  const reasons: Record<string, string> = {};
  const keep = (name: string, x: number) => {
    if (Number.isFinite(x) && x >= 0) return x;
    reasons[name] = why(name);
    return null;
  };
  const se: NetworkHawkesStandardErrors = {
    mu: keep('mu', raw.mu),
    alpha: keep('alpha', raw.alpha),
    beta: keep('beta', raw.beta),
    alphaSelf: keep('alphaSelf', raw.alphaSelf),
    ...(L.vo >= 0
      ? { alphaVictimOffender: keep('alphaVictimOffender', raw.alphaVictimOffender) }
      : {}),
    seasonalAmplitude: keep('seasonalAmplitude', raw.seasonalAmplitude),
    seasonalPhase: keep('seasonalPhase', raw.seasonalPhase),
    covariates: Object.fromEntries(eng.bg.names.map((n) => [n, keep(n, rawCov[n])])),
    reasons,
  };
  return { information, se };
}

/** Standard errors from the inverse information `cov` over the free coordinates (NaN where none). */
function fillStandardErrors(
  eng: Engine,
  p: InternalParams,
  free: number[],
  cov: Float64Array,
  se: Record<string, number>,
  covariates: Record<string, number>,
) {
  const L = layout(eng);
  const f = free.length;
  const varOf = (r: number) => {
    const a = free.indexOf(r);
    return a < 0 ? Number.NaN : cov[a * f + a];
  };
  const covOf = (r: number, s: number) => {
    const a = free.indexOf(r);
    const b = free.indexOf(s);
    return a < 0 || b < 0 ? Number.NaN : cov[a * f + b];
  };
  // μ₀ = Σ_b w_b μ_b (time weights): delta method over the log rates.
  {
    const e = eng.bg.edges;
    const total = e[L.B] - e[0];
    let s = 0;
    let ok = true;
    for (let a = 0; a < L.B; a++)
      for (let b = 0; b < L.B; b++) {
        if (p.rates[a] === 0 || p.rates[b] === 0) continue;
        const c = covOf(a, b);
        if (Number.isNaN(c)) ok = false;
        s +=
          ((e[a + 1] - e[a]) / total) * p.rates[a] * ((e[b + 1] - e[b]) / total) * p.rates[b] * c;
      }
    se.mu = ok ? Math.sqrt(Math.max(0, s)) : Number.NaN;
  }
  se.alpha = p.alpha * Math.sqrt(varOf(L.alpha));
  se.beta = p.beta * Math.sqrt(varOf(L.beta));
  if (L.self >= 0) se.alphaSelf = p.alphaSelf * Math.sqrt(varOf(L.self));
  if (L.vo >= 0) se.alphaVictimOffender = p.alphaVo * Math.sqrt(varOf(L.vo));
  if (L.b1 >= 0) {
    const a = Math.hypot(p.b1, p.b2);
    const v11 = varOf(L.b1);
    const v22 = varOf(L.b1 + 1);
    const v12 = covOf(L.b1, L.b1 + 1);
    if (a > 0) {
      const ja = [p.b1 / a, p.b2 / a];
      const jp = [-p.b2 / (a * a), p.b1 / (a * a)];
      const quad = (j: number[]) => j[0] * j[0] * v11 + 2 * j[0] * j[1] * v12 + j[1] * j[1] * v22;
      se.seasonalAmplitude = Math.sqrt(quad(ja));
      se.seasonalPhase = Math.sqrt(quad(jp));
    }
  }
  eng.bg.names.forEach((nm, r) => {
    covariates[nm] = Math.sqrt(varOf(L.theta + r)) / eng.bg.scale[r];
  });
}

/**
 * The kind of tie an event's candidate parent came through (the events table's `parent_kind` and
 * `top_parents[].kind`): a co-offending tie, the person's own earlier event (with
 * `selfExcitation`), or a victim–offender tie (with `victimOffenderTies`); the words of the
 * model's `risk` parts where they name the same thing.
 */
type ParentKind = 'co-offending' | 'own-victimisation' | 'victim-offender';

/** {@link ParentKind} by the engine's `candKind` code (0, {@link SELF}, {@link VO}). */
const PARENT_KINDS: readonly ParentKind[] = [
  'co-offending',
  'own-victimisation',
  'victim-offender',
];

/** Per-event attributions, delays and cascades from the final responsibilities. */
function attribute(eng: Engine, p: InternalParams, pBg: Float64Array, topK: number) {
  const { candOffset, candParent, candDelta, candG, candKind, nEv, first } = eng;
  const hd = eng.data;
  const ids = hd.index.personIds;
  const incId = (i: number) => hd.index.incidentId(hd.evIncident[i]);
  const Zn = kernelNorm(p.beta, eng.maxLag);
  const ab = (p.alpha * p.beta) / Zn;
  const abs = (p.alphaSelf * p.beta) / Zn;
  const abv = (p.alphaVo * p.beta) / Zn;
  const hv =
    eng.hist && p.hw ? Float64Array.from(p.hw, (w, b) => (p.alpha * w) / eng.hist!.len[b]) : null;
  const gk = eng.gamma && p.shape ? eng.gamma : null;
  const gShape = p.shape ?? 1;
  const gConst =
    gk && p.alpha > 0
      ? gammaLogConst({ shape: gShape, beta: p.beta, maxLag: eng.maxLag }) + Math.log(p.alpha)
      : Number.NEGATIVE_INFINITY;
  const prob = new Float64Array(candParent.length);
  const best = new Int32Array(nEv).fill(-1);
  const pSelf = new Float64Array(nEv);
  const exceeds = new Uint8Array(nEv);
  let exceedCount = 0;
  let greenDelay = 0;
  for (let i = first; i < nEv; i++) {
    // Pair shares of λ: p_x = v_x / λ with λ = trig + bg and bg/λ = pBg.
    let trig = 0;
    let net = 0;
    let bestNet = -1;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) {
      const kind = candKind !== null ? candKind[x] : 0;
      const self = kind === SELF;
      let v = hv
        ? hv[eng.hist!.candBin[x]]
        : gk
          ? Math.exp(gConst + (gShape - 1) * gk.logDelta[x] - gShape * p.beta * candDelta[x])
          : (self ? abs : kind === VO ? abv : ab) * Math.exp(-p.beta * candDelta[x]);
      if (candG) v *= candG[x];
      prob[x] = v;
      trig += v;
      if (!self) {
        net += v;
        if (bestNet < 0 || v > prob[bestNet]) bestNet = x;
      }
    }
    const pTrig = 1 - pBg[i];
    let bx = -1;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) {
      prob[x] = trig > 0 ? (prob[x] / trig) * pTrig : 0;
      if (candKind !== null && candKind[x] === SELF) pSelf[i] += prob[x];
      if (bx < 0 || prob[x] > prob[bx]) bx = x;
    }
    best[i] = bx;
    // Green et al.: the network term exceeds the background at the event.
    const lam = trig > 0 && pTrig > 0 ? trig / pTrig : Number.POSITIVE_INFINITY;
    const bg = pBg[i] * lam;
    if (net > 0 && net > bg) {
      exceeds[i] = 1;
      exceedCount++;
      greenDelay += candDelta[bestNet];
    }
  }

  // Delays of attributed network pairs, weighted by their posterior probability.
  let P = 0;
  let D = 0;
  for (let x = 0; x < prob.length; x++) {
    if (candKind !== null && candKind[x] === SELF) continue;
    P += prob[x];
    D += prob[x] * candDelta[x];
  }
  const mean = P > 0 ? D / P : 0;
  const median = P > 0 ? weightedMedian(candDelta, prob, P, candKind) : 0;

  // Cascade forest: hang each event under its most likely parent when that beats the background.
  const parentOf = new Int32Array(nEv).fill(-1);
  for (let i = first; i < nEv; i++) {
    const bx = best[i];
    if (bx >= 0 && prob[bx] > pBg[i] && candParent[bx] >= first) parentOf[i] = candParent[bx];
  }
  const root = new Int32Array(nEv);
  for (let i = first; i < nEv; i++) root[i] = parentOf[i] < 0 ? i : root[parentOf[i]];
  const members = new Map<number, number[]>();
  for (let i = first; i < nEv; i++) {
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

  type Top = {
    incident_id: string;
    person_id: string;
    prob: number;
    delay_days: number;
    kind: ParentKind;
  };
  // The kind of tie a candidate parent came through, in the words of the risk parts.
  const kindOf = (x: number): ParentKind => PARENT_KINDS[candKind !== null ? candKind[x] : 0];
  const m = nEv - first;
  const cols = {
    incident_id: new Array<string>(m),
    person_id: new Array<string>(m),
    date: new Array<string>(m),
    day: new Array<number>(m),
    p_triggered: new Array<number>(m),
    p_self: new Array<number>(m),
    network_exceeds_background: new Array<boolean>(m),
    parent_incident: new Array<string | null>(m),
    parent_person: new Array<string | null>(m),
    parent_prob: new Array<number | null>(m),
    parent_delay_days: new Array<number | null>(m),
    parent_kind: new Array<ParentKind | null>(m),
    top_parents: new Array<Top[]>(m),
    cascade_id: new Array<number>(m),
  };
  const order: number[] = [];
  for (let i = first; i < nEv; i++) {
    const r = i - first;
    cols.incident_id[r] = incId(i);
    cols.person_id[r] = ids[hd.evPerson[i]];
    cols.date[r] = dayToIso(hd.evDay[i]);
    cols.day[r] = hd.evDay[i];
    cols.p_triggered[r] = 1 - pBg[i] - pSelf[i];
    cols.p_self[r] = pSelf[i];
    cols.network_exceeds_background[r] = exceeds[i] === 1;
    const bx = best[i];
    if (bx >= 0) {
      const j = candParent[bx];
      cols.parent_incident[r] = incId(j);
      cols.parent_person[r] = ids[hd.evPerson[j]];
      cols.parent_prob[r] = prob[bx];
      cols.parent_delay_days[r] = candDelta[bx];
      cols.parent_kind[r] = kindOf(bx);
    } else {
      cols.parent_incident[r] = null;
      cols.parent_person[r] = null;
      cols.parent_prob[r] = null;
      cols.parent_delay_days[r] = null;
      cols.parent_kind[r] = null;
    }
    order.length = 0;
    for (let x = candOffset[i]; x < candOffset[i + 1]; x++) order.push(x);
    order.sort((a, b) => prob[b] - prob[a] || a - b);
    const top: Top[] = [];
    for (let q = 0; q < Math.min(topK, order.length); q++) {
      const x = order[q];
      const j = candParent[x];
      top.push({
        incident_id: incId(j),
        person_id: ids[hd.evPerson[j]],
        prob: prob[x],
        delay_days: candDelta[x],
        kind: kindOf(x),
      });
    }
    cols.top_parents[r] = top;
    cols.cascade_id[r] = cascadeOf[i];
  }
  const events = arqueroTable(cols);
  const cascades = arqueroTable(cascadeCols);
  return {
    events,
    cascades,
    delays: { mean, median, mostLikelyParentMean: exceedCount > 0 ? greenDelay / exceedCount : 0 },
    exceedShare: m > 0 ? exceedCount / m : 0,
    parentProb: prob,
    best,
  };
}

/** Smallest delay d with Σ_{Δ ≤ d} w ≥ total/2 over network pairs. */
function weightedMedian(
  delta: Float64Array,
  w: Float64Array,
  total: number,
  kind: Uint8Array | null,
): number {
  const idx: number[] = [];
  for (let i = 0; i < delta.length; i++) if (!(kind && kind[i] === SELF) && w[i] > 0) idx.push(i);
  idx.sort((a, b) => delta[a] - delta[b]);
  let s = 0;
  for (const i of idx) {
    s += w[i];
    if (s >= total / 2) return delta[i];
  }
  return idx.length ? delta[idx[idx.length - 1]] : 0;
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
  const { o, hd, bg, delayRange, histEdges } = resolve('networkHawkesLogLikelihood', data, options);
  refuse('networkHawkesLogLikelihood', hd, { ...o, maxIterations: 0 });
  const eng = buildEngine(hd, bg, {
    maxLag: o.maxLagDays,
    g: tieWeightFunction(
      o.tieWeight,
      { fn: 'networkHawkesLogLikelihood', option: 'tieWeight' },
      hd,
    ),
    seasonal: o.seasonal,
    selfExcitation: o.selfExcitation,
    victimOffender: !!o.victimOffenderTies,
    betaMin: 1 / delayRange[1],
    betaMax: 1 / delayRange[0],
    histEdges,
    gamma: gammaOption(o.kernel),
  });
  const p = startValues(eng, parameters);
  return logLikelihood(eng, p);
}

/**
 * Reads covariate rows into a centred n × d matrix; refuses protected and audit-only names.
 * `known`: the people of the whole data, of whom those first recorded on or after `asOf` are not
 * at risk (their rows are unused, unsaid); rows naming people outside it are counted in warnings.
 */
function covariateMatrix(
  index: DatasetIndex,
  rows: CovariateRows | undefined,
  columns: readonly string[] | undefined,
  known: DatasetIndex['personIndex'],
  naming: { fn: string; at: (key: string) => string } = { fn: 'fitNetworkHawkes', at: (k) => k },
): { X: Float64Array | null; names: string[]; proxy: string[]; scales: Float64Array | null } {
  const { fn } = naming;
  if (!rows && !columns) return { X: null, names: [], proxy: [], scales: null };
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
  const keys = [...new Set(list.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'person_id');
  const names = columns ? [...columns] : keys;
  // Protected and audit-only names first: an audit column ('sex') is not among the people's
  // attributes, and was refused as a column that does not exist.
  assertNoProtected(
    names,
    'a network Hawkes covariate',
    index.data.auditColumns,
    index.data.allowedAttributes,
  );
  // A misspelt column read as all missing (left out for 'no spread'); a row without a person,
  // or a person given twice, was dropped unsaid.
  for (const c of names)
    if (!keys.includes(c)) {
      const near = closestName(c, keys);
      throw new OptionError(
        fn,
        naming.at('covariateColumns'),
        `${fn}: no covariate column '${c}'.${near ? ` Did you mean '${near}'?` : ''} Columns: ${keys.join(', ') || '(none)'}.`,
      );
    }
  // A covariate strongly associated with an audit-only column may carry it into the model.
  const proxy = proxyWarnings(index.data, { rows: list, columns: names });
  const d = names.length;
  if (d === 0) return { X: null, names: [], proxy, scales: null };
  const n = index.personIds.length;
  const X = new Float64Array(n * d).fill(Number.NaN);
  const seen = new Uint8Array(n);
  const sum = new Float64Array(d);
  const count = new Float64Array(d);
  let unknown = 0;
  // A model's warnings name rows and incidents, never a person id: lists pseudonymise the ids
  // they write, and copy the model's warnings as they are.
  let firstUnknown = 0;
  for (const [i, r] of list.entries()) {
    const k = personAsRead(index.personIndex, String(r.person_id));
    if (r.person_id == null || r.person_id === '' || (k !== undefined && seen[k])) {
      // A person column under another name ('person', 'personId') was read as a covariate and
      // its rows as having no person: name the column meant.
      const named =
        r.person_id == null
          ? Object.keys(r).find((c) => closestOptionName(c, ['person_id']))
          : undefined;
      throw new InputError(
        fn,
        `${fn}: ${naming.at('covariates')} row ${i + 1} ${r.person_id == null || r.person_id === '' ? `has no person_id${named ? ` (it has '${named}': did you mean 'person_id'? rename the column person_id)` : ''}` : `repeats person '${String(r.person_id)}'`}; give one row per person`,
      );
    }
    if (k === undefined) {
      // A person first recorded after the fit's asOf is in the data, just not at risk yet.
      if (known.get(String(r.person_id)) === undefined && !unknown++) firstUnknown = i + 1;
      continue;
    }
    seen[k] = 1;
    for (let a = 0; a < d; a++) {
      const raw = r[names[a]];
      if (raw === undefined || raw === null || raw === '') continue;
      const v = Number(raw);
      if (!Number.isFinite(v))
        throw new InputError(
          fn,
          `${fn}: ${naming.at('covariates')} row ${i + 1}: covariate '${names[a]}' is '${String(raw)}', not a number; give a number, or leave the cell empty where it is not known`,
        );
      X[k * d + a] = v;
      sum[a] += v;
      count[a]++;
    }
  }
  // Missing values (no row, or an empty cell) get the mean, so centring leaves them at 0.
  for (let a = 0; a < d; a++) sum[a] = count[a] > 0 ? sum[a] / count[a] : 0;
  for (let i = 0; i < n * d; i++) X[i] = Number.isNaN(X[i]) ? 0 : X[i] - sum[i % d];
  // A covariate that spreads far from 1 (income in dollars, a distance in metres) is fitted in
  // units of its standard deviation: in its own units the fit lost the coefficient (at a standard
  // deviation of 4e5 its standard error came out 4.5 times too small, at 4e7 the information was
  // singular and read as α not identified, at 4e-9 the coefficient stopped at a tenth of its
  // value). Its public coefficient, standard error and information are in its own units.
  const scales = new Float64Array(d).fill(1);
  for (let a = 0; a < d; a++) {
    let q = 0;
    for (let k = 0; k < n; k++) q += X[k * d + a] ** 2;
    const sd = Math.sqrt(q / Math.max(1, count[a]));
    if (sd > 1e3 || (sd > 0 && sd < 1e-3)) {
      scales[a] = sd;
      for (let k = 0; k < n; k++) X[k * d + a] /= sd;
    }
  }
  if (unknown > 0)
    proxy.push(
      `${unknown === 1 ? '1 covariates row names a person' : `${unknown} covariates rows name people`} not in the records (${unknown === 1 ? '' : 'first '}row ${firstUnknown}); ${unknown === 1 ? 'it was' : 'they were'} not used. Check that their person_id is written as in the records.`,
    );
  return { X, names, proxy, scales };
}

/** Option rules of {@link fitNetworkHawkes} (see `checkOptions`), shared with `hawkesRanker`. */
export { RULES as NETWORK_HAWKES_RULES };
