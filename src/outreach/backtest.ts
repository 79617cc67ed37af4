import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { checkExitRow, lostExitRowsWarning } from '../contagion/hawkes/background.js';
import type { ExitRow } from '../contagion/hawkes/types.js';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { type DataRefusalCode, DataRefusedError, InputError, OptionError } from '../core/errors.js';
import { checkDataset } from '../core/guards.js';
import { personAsRead } from '../core/id-as-read.js';
import { checkOptions, type OptionRule, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import { profileBefore, profileData, refuseIfMeaningless } from '../core/profile.js';
import { tiedWith, tieGap } from '../core/ties.js';
import { DAYS_PER_YEAR, type DateLike, dayToIso, resolveAsOf } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  dateOption,
  horizonRule,
  resolveWindow,
  windowRules,
} from '../core/window.js';
import { degreeRanker } from './degree-ranker.js';
import { exposureRanker } from './exposure-ranker.js';
import { priorVictimisationsRanker } from './prior-victimisations-ranker.js';
import { PURPOSE_LABEL, withListMetadata } from './purpose.js';
import { randomRanker } from './random-ranker.js';
import type { Ranker, RankerOutput } from './ranker.js';
import { personRecords } from './records.js';
import { victimisedAssociatesRanker } from './victimised-associates-ranker.js';

/** A list length: a number of people, or a share of the population as `'1%'`. */
export type TopK = number | `${number}%`;

/** Options of {@link backtest}. Defaults: `backtest.defaults`. */
export interface BacktestOptions {
  /**
   * Cut dates (rolling origin), or a number n for the last n cuts spaced `horizonDays` apart,
   * the last one leaving a whole horizon before the end of the data. Required. A cut date is a
   * date, as `asOf` (records dated before it are ranked; a date-time is refused). A cut must have
   * records before it and lie on or before the last record: otherwise the backtest is refused
   * (`DataRefusedError` `outside-records`). n cuts that would start before any record, or whose
   * first cut has too few records before it for a ranker, are refused with code
   * `too-little-history` (fewer cuts may do); with cut dates a ranker's refusal keeps its code.
   * A ranker that refuses for want of serious events (`no-events`) on records holding no incident
   * of severity `minSeverity` or more at all is refused with code `no-events`, saying no cut can
   * help (it was `too-little-history`, and the command line advised fewer `--cuts`).
   * Cut dates are taken in date order; the same date twice is refused, as is an empty array
   * (`OptionError`, option `'cuts'`; the same date twice was a `RangeError`).
   */
  cuts: readonly DateLike[] | number;
  /**
   * Use only records dated before this date, for the rankings and for the outcomes alike (the
   * data are sliced first): with a number of cuts, the last one leaves a whole horizon before
   * `asOf`; a cut date whose horizon reaches past `asOf` is refused (`DataRefusedError`,
   * `outside-records`). A report as of a date runs its backtest with it. Default: all records.
   */
  asOf?: DateLike;
  /**
   * Horizon in whole days scored after each cut: [cut, cut + horizonDays). Default 90. Whole days,
   * so that cuts made from a number n stay dates, as `asOf`.
   */
  horizonDays?: number;
  /**
   * List lengths for precision@k and recall@k: numbers of people, or shares of the population.
   * A share is above 0% and at most 100%. The same length twice, or none (`[]`), is refused
   * (`OptionError`, option `'k'`; the first was a `RangeError`, the second ran with the summary's
   * comparison with the baselines left empty). Default `[50, 100, '1%']`.
   */
  k?: readonly TopK[];
  /**
   * Rankers to compare. Default: random, prior victimisations, degree, victimised associates
   * (180 days) and the exposure score, without the network contagion model, which
   * `defaultRankers()` (what `analyse` and the CLI compare) adds. Add `hawkesRanker()` (and
   * `oracleRanker(trueExpectedEvents(city))` on synthetic cities). An empty array, two rankers
   * of one name, or one without a name (text that is not empty) is refused (`OptionError`, option
   * `'rankers'`; the first two were `RangeError`s, the last read 'undefined' in every table).
   */
  rankers?: readonly Ranker[];
  /**
   * People out of the risk set over given dates (custody, moved away): rows
   * `{ person_id, from, to? }`, as `fitNetworkHawkes` and `rankForOutreach` take them (each row
   * checked as they check it; a bad one is an `OptionError` naming `backtest`, the row and the
   * field). At each cut a ranker is given only what was known then (`RankerInput.exits`): the
   * rows whose `from` is on or before the cut; a row whose `to` is after the cut is given without
   * it (open-ended: the release date was not known at the cut) unless the row has `to_known:
   * true` (its end known when the spell began: a sentence's set end), and a row whose `from` is
   * after the cut, or whose person has no record before it (in no list there), is not given. The
   * outcomes stay as recorded. `result.exits` counts the rows known at each cut, and those whose
   * end after it was withheld or kept. A row whose person is in none of the records is said in
   * the warnings, by its row. Give them here, not to `hawkesRanker` or `planRanker`'s model (which refuse them:
   * they would reach every cut whole, the future included). Default none.
   */
  exits?: readonly ExitRow[];
  /** Severity from which a victimisation is an outcome. Default 3. */
  minSeverity?: number;
  /** Retention horizon in years (who is in the population at a cut). Default 6. */
  retentionYears?: number;
  /** Keep every ranker's scores at every cut in `result.rankings` (for inspection). Default false. */
  keepScores?: boolean;
  /** Called after each ranker at each cut (`seconds`: its wall time), e.g. to report progress on stderr. Default: none. */
  onProgress?: (info: { cut: string; ranker: string; seconds: number }) => void;
}

const DEFAULTS = {
  horizonDays: 90,
  k: [50, 100, '1%'] as readonly TopK[],
  minSeverity: 3,
  retentionYears: DEFAULT_RETENTION_YEARS,
  keepScores: false,
};

/** `check`, refusing an empty array as `what`. */
const nonEmpty =
  (check: OptionRule, what: string): OptionRule =>
  (v) =>
    Array.isArray(v) && v.length === 0 ? what : check(v);

const RULES: OptionRules<BacktestOptions> = {
  asOf: rule.date,
  cuts: rule.or(
    rule.number({ min: 1, integer: true }),
    nonEmpty(rule.array(rule.date), 'an array of at least one cut date'),
  ),
  horizonDays: horizonRule(true),
  // A share above 0% and at most 100% ('0%' and '150%' were refused later, without the function).
  // An empty k left the summary's comparison with the baselines as "Victims in its top k …: .".
  k: nonEmpty(
    rule.array(
      rule.or(rule.number({ min: 1, integer: true }), (v) =>
        typeof v === 'string' &&
        /^\d+(?:\.\d+)?%$/.test(v) &&
        +v.slice(0, -1) > 0 &&
        +v.slice(0, -1) <= 100
          ? undefined
          : "a share like '1%' (above 0% and at most 100%)",
      ),
    ),
    "an array of at least one list length (e.g. [50, 100, '1%'])",
  ),
  // A ranker without a name was accepted and read 'undefined' in every table and in the summary.
  rankers: nonEmpty(
    rule.array((v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as Ranker).rank === 'function' &&
      typeof (v as Ranker).name === 'string' &&
      (v as Ranker).name.trim() !== ''
        ? undefined
        : 'a ranker: an object with a non-empty name and a rank function',
    ),
    'an array of at least one ranker',
  ),
  exits: rule.array((v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
      ? undefined
      : 'an exit row { person_id, from, to? }',
  ),
  minSeverity: rule.number({ min: 0, max: 4 }),
  retentionYears: windowRules.retentionYears,
  keepScores: rule.boolean,
  onProgress: rule.func,
};

/**
 * Rank-band edges (shares of the population, from the top) for the calibrated-by-rank fallback
 * and the calibration table.
 */
const FALLBACK_BANDS = [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
const CALIBRATION_BANDS = [0, 0.001, 0.01, 0.05, 0.2, 0.5, 1];
/** Pseudo-people at the overall rate added to each fallback band (shrinks small bands). */
const FALLBACK_PRIOR = 10;
/** Probabilities are kept in [P_MIN, 1 − P_MIN] inside logarithms. */
const P_MIN = 1e-9;

/** One ranker's scores at one cut (when `keepScores`). */
export interface BacktestRanking {
  cut: string;
  ranker: string;
  person_id: readonly string[];
  score: Float64Array;
  /** Expected events: the ranker's own, or the calibrated-by-rank fallback. */
  expected: Float64Array;
  /** Serious-violence victimisations of each person in the horizon. */
  observed: Int32Array;
}

/** The exits a backtest used (`BacktestResult.exits`). */
export interface BacktestExits {
  /** Exit rows given. */
  rows: number;
  /**
   * Per cut, in date order: rows known at the cut (`known`), and of them rows ending after the
   * cut whose end was withheld (`endWithheld`: given open-ended, the end not known then) or kept
   * (`endKept`: `to_known: true`, the end known when the spell began).
   */
  cuts: { cut: string; known: number; endWithheld: number; endKept: number }[];
}

/**
 * One row of a {@link BacktestResult}'s `table`, one per cut × ranker × k, as
 * `result.table.objects() as BacktestRow[]` reads it. Victims are people seriously harmed
 * (severity ≥ `minSeverity`) in the horizon after the cut.
 */
export interface BacktestRow {
  /** The cut date (ISO): the ranker saw only records dated before it. */
  cut: string;
  /** The ranker's name. */
  ranker: string;
  /** Whether the ranker is a baseline (prior victimisations, victimised associates, degree, random, …). */
  baseline: boolean;
  /** The k as given: a number of people (`'50'`) or a share of the population (`'1%'`). */
  k: string;
  /** The k in people. */
  k_n: number;
  /** Victims among the top k (expected hits: people tied across the boundary count pro rata, so not always whole). */
  hits: number;
  /** `hits ÷ k_n` (0–1); 0 when `k_n` is 0. */
  precision: number;
  /**
   * Share of all the horizon's victims found in the top k (0–1), people unknown at the cut
   * included; null when the horizon has no victim.
   */
  recall: number | null;
  /** `precision` ÷ the population's victim rate; null when `k_n` is 0 or nobody in the population was victimised. */
  lift: number | null;
  /** `recall` ÷ the best baseline's recall at this cut and k; null when either is null or that recall is 0. */
  lift_vs_best_baseline: number | null;
}

/** One row of a {@link BacktestResult}'s `scores`, one per cut × ranker. */
export interface BacktestScoreRow {
  /** The cut date (ISO). */
  cut: string;
  /** The ranker's name. */
  ranker: string;
  /** Whether the ranker is a baseline. */
  baseline: boolean;
  /** People the ranker scored: everyone with a record in the retention window before the cut. */
  population: number;
  /** People victimised in the horizon, all of them (some may be unknown at the cut). */
  victims: number;
  /** Of them, people in the population. */
  victims_known: number;
  /** Average precision over the whole list (0–1, ties grouped); null when nobody in the population was victimised. */
  pr_auc: number | null;
  /** Held-out Bernoulli log-likelihood of who is victimised (P(≥1) = 1 − e^(−expected)); ≤ 0, higher is better. */
  log_lik: number;
  /** Where `expected` comes from: `'model'` (the ranker's own expected events) or `'rank'` (calibrated by rank). */
  expected_source: 'model' | 'rank';
  /** Expected events in the horizon, summed over the population. */
  expected: number;
  /** Observed events in the horizon, summed over the population. */
  observed: number;
  /** Rankers that plan outreach (`planRanker`): events their planned people would avert under the ranker's model; else null. */
  averted: number | null;
  /** Rankers that plan outreach: events the same number of highest-risk people would avert; else null. */
  averted_highest_risk: number | null;
  /** Seconds the ranker took at this cut (wall time: varies from run to run). */
  seconds: number;
}

/** One row of a {@link BacktestResult}'s `calibration`, one per ranker × rank band, summed over cuts. */
export interface BacktestCalibrationRow {
  /** The ranker's name. */
  ranker: string;
  /** The rank band, from the top of the list: `'top 0.1%'`, `'0.1%–1%'`, …, `'50%–100%'` */
  band: string;
  /** People in the band, over all cuts. */
  people: number;
  /** Expected events of those people in the horizon. */
  expected: number;
  /** Observed events of those people in the horizon. */
  observed: number;
}

/** Results of {@link backtest}. */
export interface BacktestResult {
  /**
   * One row per cut × ranker × k: `cut`, `ranker`, `baseline`, `k` (label), `k_n` (people),
   * `hits` (expected hits, ties at the boundary shared pro rata), `precision`, `recall` (share of
   * all the horizon's victims, including people unknown at the cut; null when the horizon has no
   * victim, and then left out of the summary's mean over cuts), `lift` (precision ÷ the
   * population's victim rate) and `lift_vs_best_baseline` (recall ÷ the best baseline's recall at
   * that cut and k). Rows: {@link BacktestRow}.
   */
  table: ColumnTable;
  /**
   * One row per cut × ranker: `population`, `victims` (all), `victims_known` (in the
   * population), `pr_auc` (average precision over the whole list, ties grouped; null when no one in
   * the population was victimised in the horizon), `log_lik`
   * (held-out Bernoulli log-likelihood of who is victimised, P(≥1) = 1 − e^(−expected)),
   * `expected_source` (`'model'` or `'rank'` for the fallback), `expected` and `observed`
   * events in the population, `averted` and `averted_highest_risk` (rankers that plan outreach,
   * such as `planRanker`: events their planned people, and the highest-risk list of the same
   * size, would avert under the ranker's fitted model; null for other rankers), and `seconds`.
   * Rows: {@link BacktestScoreRow}.
   */
  scores: ColumnTable;
  /**
   * Expected vs observed events by rank band (`band`: top 0.1%, …), summed over cuts, per ranker.
   * Rows: {@link BacktestCalibrationRow}.
   */
  calibration: ColumnTable;
  /**
   * Plain-text summary: averages over cuts per ranker, and each ranker against the baselines,
   * tested: the log-likelihood person by person against the baseline with the highest one
   * (Vuong's z), and the victims found in each top k pooled over cuts against the baseline that
   * found the most at that k (McNemar's exact test), each said as "better" / "more", "worse" /
   * "fewer" or "not told apart" at the 5% level.
   */
  summary: string;
  /** Every ranker's scores at every cut, when `keepScores` is set. */
  rankings?: BacktestRanking[];
  /**
   * With `exits`: how many rows were given (`rows`) and, at each cut (`cuts`, in date order),
   * how many were known there (`known`: `from` on or before the cut, of a person recorded before
   * it, given to every ranker) and
   * how many of those end after the cut: with their end withheld (`endWithheld`: given
   * open-ended, the end not known then) or kept (`endKept`: rows with `to_known: true`, a
   * sentence's set end, given with their `to`). Absent without `exits`.
   */
  exits?: BacktestExits;
  /**
   * Plain-language warnings: the data profile's (`profileData`) of the records the backtest
   * uses — those on or after the retention horizon (`retentionYears`) before the first cut's
   * calibration date (the first cut − `horizonDays`), and before `asOf` when given; older records
   * are read by no default ranker — a cut whose horizon runs past the last record (its
   * outcomes may be incomplete), and each ranker's caveats with the cuts they hold at (a model not
   * identified at a cut: "'network hawkes' at 2 of the 3 cuts (…): the model fitted there is not
   * identified …"; these close the summary's table too), and with `exits` each model ranker
   * that gave victims no risk at all (held out for the whole horizon by an exit open at the cut,
   * then released and harmed: ln(1e-9) each in its log-likelihood), with the cuts; these close the
   * summary's table too. Then the warnings of the models fitted at the cuts
   * (`RankerOutput.modelWarnings`), each kind once (the same words, figures aside, each in the singular or the
   * plural alike: "1 event falls" and "3 events fall" are one kind) with the cuts it
   * came from and the figures of the first ("'network hawkes' at 3 of the 8 cuts (…), the model
   * fitted there warned: …"), not in the summary; and with `exits`, rows whose person is in none of
   * the records, by their row. Also in each table's metadata.
   */
  warnings: string[];
}

/**
 * Rolling-origin backtest of outreach rankings. At each cut every ranker receives only the
 * records dated before the cut (the dataset is sliced: later incidents and their involvements
 * are not passed at all), scores everyone with a record in the retention window, and is scored
 * on the people who are victims of serious violence (severity ≥ `minSeverity`) in
 * [cut, cut + horizonDays):
 *
 * - precision@k, recall@k and lift for each k (ties at the boundary shared pro rata, so no
 *   ranker gains from an arbitrary tie order);
 * - PR-AUC (average precision over the whole list, ties grouped as in scikit-learn);
 * - a proper score: the held-out Bernoulli log-likelihood Σ y·ln p + (1 − y)·ln(1 − p) over the
 *   population, with p = 1 − e^(−expected). Rankers without expected events (the baselines) are
 *   calibrated by rank on the past: the ranker is run again at cut − horizon (on records before
 *   that date), the victim rate in [cut − horizon, cut) is measured in rank bands (top 0.1%, 0.5%,
 *   1%, 2%, 5%, 10%, 20%, 50%, rest; each shrunk towards the overall rate with 10 pseudo-people;
 *   with no victim in that horizon, the overall rate is the rate over the records before the cut,
 *   per horizon), and each person's expected events at the cut is the rate of their band;
 * - calibration: expected vs observed events by rank band.
 *
 * @example
 * const r = backtest(data, { cuts: 12, horizonDays: 90, rankers: [randomRanker(), hawkesRanker()] });
 * console.log(r.summary);
 */
export function backtest(records: Dataset, options: BacktestOptions): BacktestResult {
  checkDataset('backtest', records);
  checkOptions('backtest', options, RULES);
  if (!options || options.cuts === undefined)
    throw new OptionError(
      'backtest',
      'cuts',
      "backtest: option 'cuts' is required: the cut dates, or how many cuts to make (e.g. cuts: 12)",
    );
  const horizon = options.horizonDays ?? DEFAULTS.horizonDays;
  const ks = options.k ?? DEFAULTS.k;
  const minSeverity = options.minSeverity ?? DEFAULTS.minSeverity;
  const retentionYears = options.retentionYears ?? DEFAULT_RETENTION_YEARS;
  for (const k of ks) parseK(k);
  // The same list length twice would put its victims twice in the summary's McNemar test (twice
  // the victims, a smaller p): refused, as the same cut date twice is.
  ks.forEach((k, i) => {
    const j = ks.findIndex((x) => String(x) === String(k));
    if (j < i)
      throw new OptionError(
        'backtest',
        'k',
        `backtest: option 'k' holds the same list length twice, ${typeof k === 'number' ? k : `'${k}'`} (items ${j} and ${i}); its victims would count twice in the summary's comparison with the baselines: give each length once`,
      );
  });
  // Each exit row checked once, as the fit checks it, naming the backtest and the row.
  const exitRows = options.exits ? checkExits(options.exits) : undefined;
  const rankers = options.rankers ?? [
    randomRanker(),
    priorVictimisationsRanker(),
    degreeRanker(),
    victimisedAssociatesRanker(),
    exposureRanker(),
  ];
  const names = new Map<string, number>();
  rankers.forEach((r, i) => {
    const j = names.get(r.name);
    if (j !== undefined)
      throw new OptionError(
        'backtest',
        'rankers',
        `backtest: option 'rankers' holds two rankers named '${r.name}' (items ${j} and ${i}); the results are told apart by name: give each its own`,
      );
    names.set(r.name, i);
  });

  // With asOf, nothing dated on or after it is read: not by the rankers, not as an outcome.
  const asOf = dateOption('backtest', 'asOf', () => resolveAsOf(options.asOf));
  const recordsIndex = indexDataset(records);
  const data = Number.isFinite(asOf) ? makeSlicer(records, recordsIndex)(asOf) : records;
  // With records on or after asOf, those before it are complete up to it; else they end earlier.
  const n = recordsIndex.day.length;
  const complete = n > 0 && recordsIndex.day[n - 1] >= asOf;
  const profileOptions = { minSeverity: Math.min(4, Math.max(0, Math.ceil(minSeverity))) };
  const dataProfile = profileData(data, profileOptions);
  refuseIfMeaningless(dataProfile, 'backtest', 'backtest');
  // No outcome event in the records at all: a ranker that refuses for want of events at the first
  // cut would refuse at every cut, and "use fewer cuts" cannot help.
  const noEvents = dataProfile.seriousEvents === 0 ? dataProfile.minSeverity : undefined;
  const full = indexDataset(data);
  const cuts = resolveCuts(full, options.cuts, horizon, asOf);
  const exitsAt = exitRows ? exitsKnownAt(exitRows, full) : undefined;
  // The profile (and its warnings) of the records the backtest uses: from the retention horizon
  // before the first cut's calibration date (cut − horizon, where the baselines are ranked again)
  // to the end of the outcomes. Records older than that are read by no default ranker: a warning
  // made only of them described records the backtest drops.
  const profile = profileBefore(
    data,
    Number.POSITIVE_INFINITY,
    profileOptions,
    cuts[0] - horizon - retentionYears * DAYS_PER_YEAR,
  );
  const warnings = [
    ...profile.warnings,
    ...cutWarnings(full, cuts, horizon, complete, Number.isFinite(asOf)),
    ...(exitsAt?.lost.length ? [lostExitRowsWarning(exitsAt.lost)] : []),
  ];
  const slicer = makeSlicer(data, full);

  const table: Record<string, unknown[]> = {
    cut: [],
    ranker: [],
    baseline: [],
    k: [],
    k_n: [],
    hits: [],
    precision: [],
    recall: [],
    lift: [],
    lift_vs_best_baseline: [],
  };
  const scores: Record<string, unknown[]> = {
    cut: [],
    ranker: [],
    baseline: [],
    population: [],
    victims: [],
    victims_known: [],
    pr_auc: [],
    log_lik: [],
    expected_source: [],
    expected: [],
    observed: [],
    averted: [],
    averted_highest_risk: [],
    seconds: [],
  };
  const calib = new Map<string, { people: number[]; expected: number[]; observed: number[] }>();
  const rankings: BacktestRanking[] = [];
  // For the summary's paired comparisons with the baselines: each ranker's share of each victim
  // in its top k (1 inside, a tie group's share at the boundary, 0 outside), victims in the same
  // order for every ranker; and each (ranker, baseline) pair's person-by-person differences of
  // log-likelihood, summed.
  const pairs: Pairs = { inclusion: new Map(), logLik: new Map() };
  // Each ranker's caveats (a model not identified at a cut), with the cuts that gave them.
  const caveats = new Map<string, { ranker: string; text: string; cuts: string[] }>();
  // The warnings of the models fitted at the cuts, by ranker and kind (figures aside), with the
  // cuts that gave them and their text at the first.
  const fitWarnings = new Map<
    string,
    { ranker: string; text: string; cuts: string[]; same: boolean }
  >();
  // With exits: victims a ranker gave no risk at all (expected 0), per ranker, with their cuts.
  const unforeseen = new Map<string, { victims: number; cuts: string[] }>();

  const exitsUsed: BacktestExits | undefined = options.exits
    ? { rows: options.exits.length, cuts: [] }
    : undefined;
  for (const cut of cuts) {
    const cutIso = dayToIso(cut);
    const past = slicer(cut);
    // The exits known at the cut, given to every ranker (none without `exits`).
    const known = exitsAt?.at(cut);
    if (known)
      exitsUsed?.cuts.push({
        cut: cutIso,
        known: known.rows.length,
        endWithheld: known.endWithheld,
        endKept: known.endKept,
      });
    const population = populationOf(past, cut, retentionYears);
    const outcome = outcomes(full, population, cut, cut + horizon, minSeverity);
    const victimsKnown = countPositive(outcome.observed);
    const prevalence = population.length > 0 ? victimsKnown / population.length : 0;
    const kRows: { ranker: Ranker; k: string; kn: number; hits: number }[] = [];
    const personLogLik = new Map<string, Float64Array>();
    for (const ranker of rankers) {
      const t0 = performance.now();
      const out = checkOutput(
        rankAtCut(ranker, cutIso, typeof options.cuts === 'number', noEvents, () =>
          ranker.rank({
            data: past,
            asOf: cut,
            horizonDays: horizon,
            population,
            retentionYears,
            ...(known ? { exits: known.rows } : {}),
          }),
        ),
        ranker,
        population,
        cut,
      );
      for (const text of out.warnings ?? []) {
        const key = `${ranker.name}\u0000${text}`;
        const c = caveats.get(key) ?? { ranker: ranker.name, text, cuts: [] };
        c.cuts.push(cutIso);
        caveats.set(key, c);
      }
      for (const text of new Set(out.modelWarnings ?? [])) {
        const key = `${ranker.name}\u0000${warningKind(text)}`;
        const w = fitWarnings.get(key);
        if (!w) fitWarnings.set(key, { ranker: ranker.name, text, cuts: [cutIso], same: true });
        else if (w.cuts[w.cuts.length - 1] !== cutIso) {
          w.cuts.push(cutIso);
          if (text !== w.text) w.same = false;
        }
      }
      let expected = out.expected;
      let source = 'model';
      if (!expected) {
        expected = rankCalibrated(
          out.score,
          population,
          ranker,
          slicer,
          full,
          cut,
          horizon,
          minSeverity,
          retentionYears,
          exitsAt?.at,
        );
        source = 'rank';
      }
      const seconds = (performance.now() - t0) / 1000;
      if (exitsUsed && source === 'model') {
        let n = 0;
        for (let i = 0; i < expected.length; i++)
          if (outcome.observed[i] > 0 && expected[i] === 0) n++;
        if (n > 0) {
          const u = unforeseen.get(ranker.name) ?? { victims: 0, cuts: [] };
          u.victims += n;
          u.cuts.push(cutIso);
          unforeseen.set(ranker.name, u);
        }
      }
      const order = descendingOrder(out.score);
      for (const k of ks) {
        const kn = resolveK(k, population.length);
        kRows.push({
          ranker,
          k: String(k),
          kn,
          hits: topKHits(out.score, order, outcome.observed, kn),
        });
        const key = `${ranker.name}\u0000${k}`;
        const shares = pairs.inclusion.get(key) ?? [];
        pushVictimShares(shares, out.score, order, outcome.observed, kn);
        pairs.inclusion.set(key, shares);
      }
      const logLik = bernoulliLogLikEach(expected, outcome.observed);
      personLogLik.set(ranker.name, logLik);
      scores.cut.push(cutIso);
      scores.ranker.push(ranker.name);
      scores.baseline.push(ranker.baseline ?? false);
      scores.population.push(population.length);
      scores.victims.push(outcome.victimsAll);
      scores.victims_known.push(victimsKnown);
      scores.pr_auc.push(averagePrecision(out.score, order, outcome.observed, victimsKnown));
      scores.log_lik.push(sum(logLik));
      scores.expected_source.push(source);
      scores.expected.push(sum(expected));
      scores.observed.push(sum(outcome.observed));
      scores.averted.push(out.averted?.list ?? null);
      scores.averted_highest_risk.push(out.averted?.highestRisk ?? null);
      scores.seconds.push(seconds);
      accumulateCalibration(calib, ranker.name, out.score, order, expected, outcome.observed);
      if (options.keepScores) {
        rankings.push({
          cut: cutIso,
          ranker: ranker.name,
          person_id: population,
          score: out.score,
          expected,
          observed: outcome.observed,
        });
      }
      options.onProgress?.({ cut: cutIso, ranker: ranker.name, seconds });
    }
    for (const r of rankers) {
      if (r.baseline) continue;
      const a = personLogLik.get(r.name)!;
      for (const b of rankers) {
        if (!b.baseline) continue;
        const c = personLogLik.get(b.name)!;
        const key = `${r.name}\u0000${b.name}`;
        const acc = pairs.logLik.get(key) ?? { n: 0, sum: 0, sumSq: 0 };
        for (let i = 0; i < a.length; i++) {
          const d = a[i] - c[i];
          acc.sum += d;
          acc.sumSq += d * d;
        }
        acc.n += a.length;
        pairs.logLik.set(key, acc);
      }
    }
    for (const row of kRows) {
      // No victim in the horizon: recall is undefined (null), not 0 (every ranker "missed" no one).
      const recall = outcome.victimsAll > 0 ? row.hits / outcome.victimsAll : null;
      let bestBaseline = Number.NaN;
      for (const other of kRows) {
        if (other.k !== row.k || !other.ranker.baseline) continue;
        const r = outcome.victimsAll > 0 ? other.hits / outcome.victimsAll : Number.NaN;
        if (!(r <= bestBaseline)) bestBaseline = r;
      }
      table.cut.push(cutIso);
      table.ranker.push(row.ranker.name);
      table.baseline.push(row.ranker.baseline ?? false);
      table.k.push(row.k);
      table.k_n.push(row.kn);
      table.hits.push(row.hits);
      table.precision.push(row.kn > 0 ? row.hits / row.kn : 0);
      table.recall.push(recall);
      table.lift.push(row.kn > 0 && prevalence > 0 ? row.hits / row.kn / prevalence : null);
      table.lift_vs_best_baseline.push(
        recall !== null && bestBaseline > 0 ? recall / bestBaseline : null,
      );
    }
  }

  const calibration: Record<string, unknown[]> = {
    ranker: [],
    band: [],
    people: [],
    expected: [],
    observed: [],
  };
  for (const [name, c] of calib) {
    for (let b = 0; b < CALIBRATION_BANDS.length - 1; b++) {
      calibration.ranker.push(name);
      calibration.band.push(bandLabel(CALIBRATION_BANDS, b));
      calibration.people.push(c.people[b]);
      calibration.expected.push(c.expected[b]);
      calibration.observed.push(c.observed[b]);
    }
  }

  const meta = (kind: string) => ({
    purpose: PURPOSE_LABEL,
    kind: 'backtest' as const,
    model: rankers.map((r) => r.name).join(', '),
    parameters: {
      table: kind,
      cuts: cuts.map(dayToIso),
      asOf: Number.isFinite(asOf) ? dayToIso(asOf) : null,
      horizonDays: horizon,
      k: ks.map(String),
      minSeverity,
      retentionYears,
      exits: exitsUsed ? exitsUsed.rows : null,
    },
    dataWindow: {
      from: full.incidents.length ? dayToIso(full.day[0]) : null,
      to: full.incidents.length ? dayToIso(full.day[full.incidents.length - 1] + 1) : null,
      incidents: full.incidents.length,
    },
    excludedByRetention: 0,
    summary: '',
    warnings,
    profile,
  });
  // The rankers' caveats, each once with its cuts: in the warnings and the summary, so that a
  // list from a model not identified at a cut is not read as the model's evidence.
  const rankerCaveats = [...caveats.values()].map(
    (c) => `'${c.ranker}' ${atCuts(c.cuts, cuts.length)}: ${c.text}.`,
  );
  // A person out at the cut with an end not known then is out for the whole horizon: released in
  // it and harmed, they cost the ranker ln(1e-9) ≈ −20.7 in the log-likelihood. Said, so that a
  // log-likelihood below the model without exits is read for what it is.
  for (const [name, u] of unforeseen)
    rankerCaveats.push(
      `'${name}' gave ${count(u.victims, 'victim')} no risk at all (${u.cuts.length === 1 ? `at ${u.cuts[0]}` : `at ${u.cuts.length} cuts: ${u.cuts.join(', ')}`}): people held out of the risk set for the whole horizon (by exits open at the cut, whose end was not known then, or as killed) and harmed in it. Each costs ln(1e-9) ≈ −20.7 in its log-likelihood; a list ranked again after a release would have had them.`,
    );
  warnings.push(...rankerCaveats);
  // The models' own warnings at the cuts, each kind once with its cuts (not in the summary).
  warnings.push(
    ...[...fitWarnings.values()].map(
      (w) =>
        `'${w.ranker}' ${atCuts(w.cuts, cuts.length)}, the model fitted there warned: ${w.text}${w.same || w.cuts.length === 1 ? '' : ` (The figures are those at ${w.cuts[0]}; they differ at the other cuts.)`}`,
    ),
  );
  const tTable = aq.table(table);
  const tScores = aq.table(scores);
  const summary = summarise(
    tTable,
    tScores,
    rankers,
    cuts,
    horizon,
    minSeverity,
    pairs,
    rankerCaveats,
    exitsUsed,
  );
  const result: BacktestResult = {
    table: withListMetadata(tTable, { ...meta('top-k'), summary }, data),
    scores: withListMetadata(tScores, { ...meta('scores'), summary }, data),
    calibration: withListMetadata(aq.table(calibration), { ...meta('calibration'), summary }, data),
    summary,
    warnings,
  };
  if (options.keepScores) result.rankings = rankings;
  if (exitsUsed) result.exits = exitsUsed;
  return result;
}

/** Defaults of each option (days, list lengths, severity 0–4, years). */
backtest.defaults = DEFAULTS;

/**
 * A list length as people or a share. The option rules refuse the same values first; these
 * refusals name the function and the option too (they were `RangeError`s naming neither).
 */
function parseK(k: TopK): { share: number } | { n: number } {
  if (typeof k === 'number') {
    if (!(Number.isInteger(k) && k > 0))
      throw new OptionError(
        'backtest',
        'k',
        `backtest: option 'k' holds ${k}; a list length is a whole number of people ≥ 1, or a share like '1%' (above 0% and at most 100%)`,
      );
    return { n: k };
  }
  const m = /^(\d+(?:\.\d+)?)%$/.exec(k);
  if (!m || !(+m[1] > 0 && +m[1] <= 100))
    throw new OptionError(
      'backtest',
      'k',
      `backtest: option 'k' holds '${k}'; a share is written like '1%' (above 0% and at most 100%), or give a whole number of people ≥ 1`,
    );
  return { share: +m[1] / 100 };
}

/** A k as a number of people: a share rounds up (1% of 150 people is 2). */
function resolveK(k: TopK, population: number): number {
  const p = parseK(k);
  const n = 'n' in p ? p.n : Math.ceil(p.share * population - 1e-9);
  return Math.min(n, population);
}

/** The exit rows, each checked once as `fitNetworkHawkes` checks it, naming `backtest`. */
function checkExits(exits: readonly ExitRow[]) {
  const n = exits.length;
  const from = new Float64Array(n);
  const to = new Float64Array(n);
  const known = new Uint8Array(n);
  exits.forEach((row, i) => {
    const { a, b, known: k } = checkExitRow('backtest', row, i);
    from[i] = Math.floor(a);
    to[i] = b;
    known[i] = k ? 1 : 0;
  });
  return { exits, from, to, known };
}

/**
 * The exit rows known at each cut (`at`): those whose `from` is on or before the cut (its day)
 * and whose person has a record before it, a `to` after the cut left out (open-ended: the end was
 * not known then) unless the row says its end was known when it began (`to_known`: a sentence's
 * set end); a row starting after the cut is not known. A row of a person first recorded after
 * the cut takes no one out there (they are in no list), and is not given: the fit at the cut
 * warned of it as a person "not in the records", by its row among those it was given. `lost`:
 * the rows (1-based) whose person is in none of the records (a misspelt id), said once, in the
 * words of the fit.
 */
function exitsKnownAt(
  { exits, from, to, known }: ReturnType<typeof checkExits>,
  full: DatasetIndex,
): {
  at: (cut: number) => { rows: ExitRow[]; endWithheld: number; endKept: number };
  lost: number[];
} {
  const n = exits.length;
  // The day of each row's person's first record (Infinity: none).
  const first = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const lost: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = personAsRead(full.personIndex, String(exits[i].person_id));
    if (p === undefined) lost.push(i + 1);
    else if (full.personIncOffset[p] < full.personIncOffset[p + 1])
      first[i] = full.day[full.personInc[full.personIncOffset[p]]];
  }
  const at = (cut: number) => {
    const rows: ExitRow[] = [];
    let endWithheld = 0;
    let endKept = 0;
    for (let i = 0; i < n; i++) {
      if (from[i] > cut || !(first[i] < cut)) continue;
      const later = to[i] > cut && to[i] < Number.POSITIVE_INFINITY;
      if (later && !known[i]) {
        const { to: _end, ...open } = exits[i];
        rows.push(open);
        endWithheld++;
      } else {
        if (later) endKept++;
        rows.push(exits[i]);
      }
    }
    return { rows, endWithheld, endKept };
  };
  return { at, lost };
}

/** "at all 8 cuts (…)", "at 3 of the 8 cuts (2024-01-01, …)", "at the cut (…)". */
function atCuts(at: readonly string[], of: number): string {
  const which =
    at.length === of ? (of === 1 ? 'the cut' : `all ${of} cuts`) : `${at.length} of the ${of} cuts`;
  return `at ${which} (${at.join(', ')})`;
}

/**
 * The words that agree with a count and are not its noun or verb with an -s (`count(n, 'person',
 * 'people')`, "it is" / "they are"): each read as its singular in a warning's kind.
 */
const AGREEING: Readonly<Record<string, string>> = {
  people: 'person',
  are: 'is',
  were: 'was',
  have: 'has',
  they: 'it',
  them: 'it',
  their: 'its',
  these: 'this',
  those: 'that',
};

/**
 * A warning's kind: its text with every figure and date left out, so that the same warning at
 * another cut ("α = 0.0217 is under two standard errors (0.0110)" and "α = 0.0193 … (0.00981)")
 * is gathered with it, and with every word in one number, so that a count of 1 and one of 3
 * ("Only 1 serious-violence event falls …", "Only 3 serious-violence events fall …") are one
 * kind: a word's ending -s or -es is left out (events, fall(s), match(es)), and the words that
 * agree otherwise are read as their singular (people, are, were, have, they, them, their).
 * @internal
 */
export function warningKind(text: string): string {
  return text.replace(/\d+(?:[.,]\d+)*/g, '#').replace(/\p{L}+/gu, (word) => {
    const w = word.toLowerCase();
    const one = AGREEING[w] ?? w;
    // Short words (is, has, was, its, this) keep their s: they are no plural of a shorter word.
    if (one.length <= 3) return one;
    // -es after ss, x, z, ch, sh (passes, matches); else an -s not after s (events, cases, names).
    if (/(?:ss|x|z|ch|sh)es$/.test(one)) return one.slice(0, -2);
    return /[^s]s$/.test(one) ? one.slice(0, -1) : one;
  });
}

function resolveCuts(
  index: DatasetIndex,
  cuts: BacktestOptions['cuts'],
  horizon: number,
  asOf: number,
): number[] {
  const n = index.incidents.length;
  if (n === 0) throw new DataRefusedError('empty', 'backtest refused: the data hold no incidents.');
  const first = Math.floor(index.day[0]);
  const lastDay = Math.floor(index.day[n - 1]);
  // The end of what is known: asOf when given (records may be complete up to it), else the day
  // after the last record.
  const end = Number.isFinite(asOf) ? asOf : lastDay + 1;
  const span = `the records run from ${dayToIso(first)} to ${dayToIso(lastDay)}`;
  let days: number[];
  if (typeof cuts === 'number') {
    if (!(Number.isInteger(cuts) && cuts > 0))
      throw new OptionError(
        'backtest',
        'cuts',
        `backtest: option 'cuts' is ${cuts}; give how many cuts to make (a whole number ≥ 1, e.g. cuts: 12) or the cut dates`,
      );
    const last = end - horizon;
    days = Array.from({ length: cuts }, (_, i) => last - (cuts - 1 - i) * horizon);
    if (days[0] <= first) {
      // None fits when the records up to the end are no longer than one horizon: "at most 0 cuts
      // fit (the records span less than two horizons)" read as a count, and the CLI advised fewer
      // --cuts, which cannot help.
      const fit = Math.max(0, Math.ceil((last - first) / horizon));
      throw new DataRefusedError(
        'too-little-history',
        `backtest refused: ${cuts === 1 ? `one cut, a whole horizon (${count(horizon, 'day')}) before the end,` : `${cuts} cuts ${count(horizon, 'day')} apart, the last leaving a whole horizon before the end,`} would start on ${dayToIso(days[0])}, before any record (${span}); ${
          fit === 0
            ? `no cut fits: a cut needs records before it and a whole horizon after it, and the ${count(end - first, 'day')} from the first record to ${Number.isFinite(asOf) ? `asOf ${dayToIso(end)}` : 'the end of the records'} are no more than one horizon; give a shorter horizonDays.`
            : `at most ${fit} cut${fit === 1 ? '' : 's'} fit.`
        }`,
      );
    }
  } else {
    // A cut is the date of a ranking, as asOf: a date-time is refused.
    days = cuts.map((c) => dateOption('backtest', 'cuts', () => resolveAsOf(c, 'cut')));
    // The same date twice would count that cut twice in every mean and interval.
    const at = new Map<number, number>();
    days.forEach((d, i) => {
      if (at.has(d))
        throw new OptionError(
          'backtest',
          'cuts',
          `backtest: option 'cuts' holds the same date twice, ${dayToIso(d)} (items ${at.get(d)} and ${i}); each cut would count twice in the means and intervals: give each date once`,
        );
      at.set(d, i);
    });
    // In date order, as the summary's "from … to …" and the tables read them.
    days.sort((a, b) => a - b);
    for (let i = 0; i < days.length; i++) {
      if (days[i] <= first || days[i] > end) {
        throw new DataRefusedError(
          'outside-records',
          `backtest refused: cut ${dayToIso(days[i])} lies ${days[i] <= first ? 'on or before the first record, so there is nothing to rank from' : 'after the last record, so no outcome can be seen'} (${span}).`,
        );
      }
    }
  }
  if (days.length === 0)
    throw new OptionError(
      'backtest',
      'cuts',
      "backtest: option 'cuts' gives no cut; give how many cuts to make (e.g. cuts: 12) or at least one cut date",
    );
  for (const d of days) {
    if (d + horizon > asOf) {
      throw new DataRefusedError(
        'outside-records',
        `backtest: the cut ${dayToIso(d)} is scored until ${dayToIso(d + horizon)}, past asOf ${dayToIso(asOf)}; only records before asOf may be used: choose cuts at least ${count(horizon, 'day')} before it`,
      );
    }
  }
  return days;
}

/** A warning for each cut whose horizon runs past the last record (outcomes may be missing). */
function cutWarnings(
  index: DatasetIndex,
  cuts: readonly number[],
  horizon: number,
  complete: boolean,
  withAsOf: boolean,
): string[] {
  const n = index.incidents.length;
  // With records on or after asOf, cuts reaching past it were refused and the records are
  // complete up to it. An asOf after the last record (a stale extract) leaves the late cuts'
  // horizons without records, as a backtest without asOf does; an extract a few days behind its
  // asOf (a tenth of the horizon at most) is not worth a warning on every report.
  if (complete) return [];
  const end = Math.floor(index.day[n - 1]) + 1;
  const slack = withAsOf ? horizon / 10 : 0;
  const late = cuts.filter((c) => c + horizon - end > slack);
  if (late.length === 0) return [];
  return [
    `The ${horizon}-day horizon after ${late.length === 1 ? `cut ${dayToIso(late[0])}` : `${late.length} cuts (from ${dayToIso(late[0])})`} runs past the last record (${dayToIso(end - 1)}): victimisations after it are not in the data, so recall and precision there may be too low.`,
  ];
}

/**
 * Returns `cut → the dataset of records dated before the cut`: the incidents dated before it
 * (in date order), their involvements (in input order), and the people those involve. The two
 * most recent slices are kept, because a cut's rank calibration reuses the previous cut's slice.
 */
function makeSlicer(data: Dataset, full: DatasetIndex): (cut: number) => Dataset {
  const dayOf = new Map<string, number>();
  for (const x of data.incidents) dayOf.set(x.incident_id, x.day);
  const invDay = Float64Array.from(
    data.involvements,
    (v) => dayOf.get(v.incident_id) ?? Number.NaN,
  );
  const firstDay = new Float64Array(full.personIds.length).fill(Number.POSITIVE_INFINITY);
  for (let p = 0; p < full.personIds.length; p++) {
    const j = full.personIncOffset[p];
    if (j < full.personIncOffset[p + 1]) firstDay[p] = full.day[full.personInc[j]];
  }
  const memo = new Map<number, Dataset>();
  return (cut) => {
    const hit = memo.get(cut);
    if (hit) return hit;
    const incidents = full.incidents.slice(0, full.lowerBound(cut));
    const involvements = data.involvements.filter((_, i) => invDay[i] < cut);
    const people = data.people.filter(
      (p) => firstDay[full.personIndex.get(p.person_id) ?? -1] < cut,
    );
    const sliced: Dataset = { incidents, involvements, people, auditColumns: data.auditColumns };
    // Keep the latest two cuts: a cut's calibration asks for the cut one horizon earlier.
    if (memo.size >= 2) memo.delete(Math.min(...memo.keys()));
    memo.set(cut, sliced);
    return sliced;
  };
}

function populationOf(past: Dataset, cut: number, retentionYears: number): string[] {
  const index = indexDataset(past);
  const facts = personRecords(index, resolveWindow(index, { asOf: cut, retentionYears }));
  const out: string[] = [];
  for (let p = 0; p < index.personIds.length; p++)
    if (facts.records[p] > 0) out.push(index.personIds[p]);
  return out;
}

/** Serious-violence victimisations per population member in [from, to), and all victims. */
function outcomes(
  full: DatasetIndex,
  population: readonly string[],
  from: number,
  to: number,
  minSeverity: number,
): { observed: Int32Array; victimsAll: number } {
  const pos = new Map<string, number>();
  for (let i = 0; i < population.length; i++) pos.set(population[i], i);
  const observed = new Int32Array(population.length);
  const victims = new Set<number>();
  const hi = full.lowerBound(to);
  for (let k = full.lowerBound(from); k < hi; k++) {
    if (full.severity[k] < minSeverity) continue;
    const seen: number[] = [];
    for (let e = full.invOffset[k]; e < full.invOffset[k + 1]; e++) {
      if (full.invRole[e] !== ROLE_CODE.victim) continue;
      const p = full.invPerson[e];
      if (seen.includes(p)) continue;
      seen.push(p);
      victims.add(p);
      const i = pos.get(full.personIds[p]);
      if (i !== undefined) observed[i]++;
    }
  }
  return { observed, victimsAll: victims.size };
}

function checkOutput(
  out: RankerOutput,
  ranker: Ranker,
  population: readonly string[],
  cut: number,
): RankerOutput {
  const n = population.length;
  // A ranker of one's own (option 'rankers') that breaks the Ranker contract: an InputError
  // naming the ranker, the cut and what was expected (they were RangeErrors).
  const at = `at the cut ${dayToIso(cut)}`;
  if (!out || out.score?.length !== n) {
    throw new InputError(
      'backtest',
      `backtest: ranker '${ranker.name}' returned ${out?.score?.length ?? 'no'} score${out?.score?.length === 1 ? '' : 's'} ${at}, for a population of ${count(n, 'person', 'people')}: a ranker must return one score per person of the population, in its order`,
    );
  }
  if (out.expected && out.expected.length !== n) {
    throw new InputError(
      'backtest',
      `backtest: ranker '${ranker.name}' returned ${count(out.expected.length, 'expected value')} ${at}, for a population of ${count(n, 'person', 'people')}: a ranker must return one expected value per person of the population, or none`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(out.score[i]))
      throw new InputError(
        'backtest',
        `backtest: ranker '${ranker.name}' returned a score that is not a number (NaN) for ${population[i]} ${at}: a ranker must give every person a number (a low one for the least risk)`,
      );
    // Expected events feed the log-likelihood, calibration and expected/observed: an Infinity
    // or a negative value there used to print as 'n/a' or as negative expected events.
    if (out.expected && !(out.expected[i] >= 0 && out.expected[i] < Number.POSITIVE_INFINITY))
      throw new InputError(
        'backtest',
        `backtest: ranker '${ranker.name}' returned expected events of ${out.expected[i]} for ${population[i]} ${at}, not a finite number ≥ 0`,
      );
  }
  if (
    out.averted &&
    !(Number.isFinite(out.averted.list) && Number.isFinite(out.averted.highestRisk))
  )
    throw new InputError(
      'backtest',
      `backtest: ranker '${ranker.name}' returned events averted of ${out.averted.list} (its list) and ${out.averted.highestRisk} (the highest-risk list) ${at}: both must be finite numbers`,
    );
  return out;
}

/** Indices by score, highest first (stable: equal scores keep population order). */
function descendingOrder(score: Float64Array): Int32Array {
  const order = new Int32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => score[b] - score[a] || a - b);
  return order;
}

/**
 * Expected hits in the top kn, sharing a tie group (scores within TIE_TOLERANCE, 1e-9 of the
 * largest: rounding noise is no order) that straddles the boundary pro rata.
 */
function topKHits(
  score: Float64Array,
  order: Int32Array,
  observed: Int32Array,
  kn: number,
): number {
  const gap = tieGap(score); // scores within TIE_TOLERANCE of a group's first are tied
  let hits = 0;
  let i = 0;
  while (i < kn) {
    let j = i;
    let groupHits = 0;
    while (j < order.length && tiedWith(score[order[i]], score[order[j]], gap)) {
      if (observed[order[j]] > 0) groupHits++;
      j++;
    }
    const take = Math.min(j, kn) - i;
    hits += (groupHits * take) / (j - i);
    i = j;
  }
  return hits;
}

/** Average precision with tie groups as single thresholds (scikit-learn's definition). */
function averagePrecision(
  score: Float64Array,
  order: Int32Array,
  observed: Int32Array,
  positives: number,
): number | null {
  const gap = tieGap(score); // scores within TIE_TOLERANCE of a group's first are tied
  if (positives === 0) return null;
  let tp = 0;
  let ap = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let groupHits = 0;
    while (j < order.length && tiedWith(score[order[i]], score[order[j]], gap)) {
      if (observed[order[j]] > 0) groupHits++;
      j++;
    }
    tp += groupHits;
    if (groupHits > 0) ap += (groupHits / positives) * (tp / j);
    i = j;
  }
  return ap;
}

/**
 * Each person's term of the held-out Bernoulli log-likelihood (P(≥1) = 1 − e^(−expected), kept in
 * [P_MIN, 1 − P_MIN]); their sum, in person order, is the cut's `log_lik`.
 */
function bernoulliLogLikEach(expected: Float64Array, observed: Int32Array): Float64Array {
  const out = new Float64Array(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const p = Math.min(1 - P_MIN, Math.max(P_MIN, -Math.expm1(-Math.max(0, expected[i]))));
    out[i] = observed[i] > 0 ? Math.log(p) : Math.log1p(-p);
  }
  return out;
}

/** What the summary's paired comparisons read, gathered over the cuts. */
interface Pairs {
  /** `ranker \0 k` → each victim's share in the ranker's top k, victims in population order. */
  inclusion: Map<string, number[]>;
  /** `ranker \0 baseline` → person-by-person log-likelihood differences: count, sum, squares. */
  logLik: Map<string, { n: number; sum: number; sumSq: number }>;
}

/**
 * Appends each victim's share in the top kn (1 inside, a tie group's share at the boundary, 0
 * outside), victims (observed > 0) in population order: {@link topKHits} person by person.
 */
function pushVictimShares(
  out: number[],
  score: Float64Array,
  order: Int32Array,
  observed: Int32Array,
  kn: number,
): void {
  const gap = tieGap(score); // scores within TIE_TOLERANCE of a group's first are tied
  const share = new Float64Array(order.length);
  let i = 0;
  while (i < kn) {
    let j = i;
    while (j < order.length && tiedWith(score[order[i]], score[order[j]], gap)) j++;
    const take = (Math.min(j, kn) - i) / (j - i);
    for (let x = i; x < j; x++) share[order[x]] = take;
    i = j;
  }
  for (let p = 0; p < observed.length; p++) if (observed[p] > 0) out.push(share[p]);
}

/**
 * McNemar's exact test of two rankers' top k on the same victims: b victims found by the first
 * only, c by the second only, two-sided binomial p with probability 1/2. A victim in a tie group
 * at the boundary counts the difference of the two shares, and b and c are rounded to whole
 * victims (exact when neither top k ends inside a tie).
 */
function mcnemarExact(a: readonly number[], base: readonly number[]): number {
  let b = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - base[i];
    if (d > 0) b += d;
    else c -= d;
  }
  const n = Math.round(b) + Math.round(c);
  const x = Math.min(Math.round(b), Math.round(c));
  if (n === 0) return 1;
  // P(X ≤ x), X ~ Binomial(n, 1/2), summed in logs (n may be in the thousands).
  let logTerm = -n * Math.LN2;
  let tail = Math.exp(logTerm);
  for (let j = 1; j <= x; j++) {
    logTerm += Math.log((n - j + 1) / j);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}

/** Share of the population above each person: the midpoint of their tie group, in [0, 1). */
function midRankShare(score: Float64Array, order: Int32Array): Float64Array {
  const gap = tieGap(score); // scores within TIE_TOLERANCE of a group's first are tied
  const n = order.length;
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && tiedWith(score[order[i]], score[order[j]], gap)) j++;
    const mid = (i + j) / 2 / n;
    for (let x = i; x < j; x++) out[order[x]] = mid;
    i = j;
  }
  return out;
}

function bandOf(edges: readonly number[], share: number): number {
  for (let b = 1; b < edges.length; b++) if (share < edges[b]) return b - 1;
  return edges.length - 2;
}

function bandLabel(edges: readonly number[], b: number): string {
  const pct = (x: number) => `${+(x * 100).toPrecision(3)}%`;
  return b === 0 ? `top ${pct(edges[1])}` : `${pct(edges[b])}–${pct(edges[b + 1])}`;
}

/** The calibrated-by-rank fallback (see {@link backtest}). */
function rankCalibrated(
  score: Float64Array,
  population: readonly string[],
  ranker: Ranker,
  slicer: (cut: number) => Dataset,
  full: DatasetIndex,
  cut: number,
  horizon: number,
  minSeverity: number,
  retentionYears: number,
  exitsAt: ((cut: number) => { rows: ExitRow[] }) | undefined,
): Float64Array {
  const before = cut - horizon;
  const past = slicer(before);
  const pop = populationOf(past, before, retentionYears);
  const nb = FALLBACK_BANDS.length - 1;
  const rate = new Float64Array(nb);
  // The same population scored one horizon earlier, and what happened to it by the cut.
  const outcome = outcomes(full, pop, before, cut, minSeverity);
  const total = sum(outcome.observed);
  // No victim in that horizon (or nobody on record before it) gives no rate to shrink towards:
  // every band would forecast 0 events for everyone, and each victim at the cut would cost the
  // ranker ln(P_MIN) ≈ −20.7 in the log-likelihood. The rate over the longer past is used instead.
  const overall =
    total > 0
      ? total / pop.length
      : longRunRate(full, population, cut, horizon, minSeverity, retentionYears);
  rate.fill(overall);
  if (pop.length > 0) {
    const s = checkOutput(
      ranker.rank({
        data: past,
        asOf: before,
        horizonDays: horizon,
        population: pop,
        retentionYears,
        // What was known one horizon before the cut, as at any cut.
        ...(exitsAt ? { exits: exitsAt(before).rows } : {}),
      }),
      ranker,
      pop,
      before,
    ).score;
    const share = midRankShare(s, descendingOrder(s));
    const n = new Float64Array(nb);
    const ev = new Float64Array(nb);
    for (let i = 0; i < pop.length; i++) {
      const b = bandOf(FALLBACK_BANDS, share[i]);
      n[b]++;
      ev[b] += outcome.observed[i];
    }
    for (let b = 0; b < nb; b++)
      rate[b] = (ev[b] + FALLBACK_PRIOR * overall) / (n[b] + FALLBACK_PRIOR);
  }
  const share = midRankShare(score, descendingOrder(score));
  const expected = new Float64Array(score.length);
  for (let i = 0; i < score.length; i++) expected[i] = rate[bandOf(FALLBACK_BANDS, share[i])];
  return expected;
}

/**
 * Serious-violence victimisations per person of `population` per `horizon` days, over the records
 * before `cut` within the retention horizon (from the first of them); 0 when there are none.
 */
function longRunRate(
  full: DatasetIndex,
  population: readonly string[],
  cut: number,
  horizon: number,
  minSeverity: number,
  retentionYears: number,
): number {
  const w = resolveWindow(full, { asOf: cut, retentionYears });
  if (w.hi === w.lo || population.length === 0) return 0;
  const from = Math.max(w.since, Math.floor(full.day[w.lo]));
  const span = cut - from;
  if (!(span > 0)) return 0;
  const events = sum(outcomes(full, population, from, cut, minSeverity).observed);
  return (events / population.length) * (horizon / span);
}

function accumulateCalibration(
  calib: Map<string, { people: number[]; expected: number[]; observed: number[] }>,
  name: string,
  score: Float64Array,
  order: Int32Array,
  expected: Float64Array,
  observed: Int32Array,
) {
  const nb = CALIBRATION_BANDS.length - 1;
  let c = calib.get(name);
  if (!c) {
    c = {
      people: new Array(nb).fill(0),
      expected: new Array(nb).fill(0),
      observed: new Array(nb).fill(0),
    };
    calib.set(name, c);
  }
  const share = midRankShare(score, order);
  for (let i = 0; i < score.length; i++) {
    const b = bandOf(CALIBRATION_BANDS, share[i]);
    c.people[b]++;
    c.expected[b] += expected[i];
    c.observed[b] += observed[i];
  }
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function countPositive(a: Int32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > 0) n++;
  return n;
}

function summarise(
  table: ColumnTable,
  scores: ColumnTable,
  rankers: readonly Ranker[],
  cuts: number[],
  horizon: number,
  minSeverity: number,
  pairs: Pairs,
  caveats: readonly string[],
  exits: BacktestExits | undefined,
): string {
  const t = table.objects() as {
    ranker: string;
    k: string;
    recall: number;
    lift_vs_best_baseline: number | null;
  }[];
  const s = scores.objects() as {
    ranker: string;
    victims: number;
    victims_known: number;
    population: number;
    pr_auc: number | null;
    log_lik: number;
    expected: number;
    observed: number;
    expected_source: string;
    averted: number | null;
    averted_highest_risk: number | null;
  }[];
  const lines: string[] = [
    PURPOSE_LABEL,
    `Backtest: ${cuts.length === 1 ? `one cut, on ${dayToIso(cuts[0])}` : `${cuts.length} cuts from ${dayToIso(cuts[0])} to ${dayToIso(cuts[cuts.length - 1])}`}, horizon ${count(horizon, 'day')}, outcome: victim of violence of severity ≥ ${minSeverity}. Each ranker saw only records dated before ${cuts.length === 1 ? 'the' : 'each'} cut${exits ? `, and only the exits known by then: ${exitsLine(exits)}` : '.'}`,
  ];
  const victims = s.filter((r) => r.ranker === rankers[0].name);
  lines.push(
    `Victims per horizon (people harmed): mean ${fmt(mean(victims.map((r) => r.victims)))} (of whom known at the cut: ${fmt(mean(victims.map((r) => r.victims_known)))}), population mean ${fmt(mean(victims.map((r) => r.population)))}.`,
  );
  const ks = [...new Set(t.map((r) => r.k as string))];
  lines.push(
    '',
    `ranker | ${ks.map((k) => `recall@${k}`).join(' | ')} | PR-AUC | log-lik | expected/observed events (all cuts)`,
  );
  for (const r of rankers) {
    const rs = s.filter((x) => x.ranker === r.name);
    const recalls = ks.map((k) =>
      fmt(mean(t.filter((x) => x.ranker === r.name && x.k === k).map((x) => x.recall))),
    );
    const exp = rs.reduce((a, x) => a + x.expected, 0);
    const obs = rs.reduce((a, x) => a + x.observed, 0);
    lines.push(
      `${r.name}${r.baseline ? ' (baseline)' : ''} | ${recalls.join(' | ')} | ${fmt(mean(rs.map((x) => x.pr_auc ?? Number.NaN)))} | ${fmt(rs.reduce((a, x) => a + x.log_lik, 0))} | ${fmt(exp)}/${obs}${rs[0]?.expected_source === 'rank' ? ' (by rank)' : ''}`,
    );
  }
  if (caveats.length) lines.push('', ...caveats);
  const planners = rankers.filter((r) => s.some((x) => x.ranker === r.name && x.averted !== null));
  if (planners.length) lines.push('');
  for (const r of planners) {
    const rs = s.filter((x) => x.ranker === r.name && x.averted !== null);
    const list = meanInterval(rs.map((x) => x.averted as number));
    const diff = meanInterval(
      rs.map((x) => (x.averted as number) - (x.averted_highest_risk as number)),
    );
    lines.push(
      `${r.name}: events averted in the horizon under its fitted model ${list}, per cut; more than the highest-risk list of the same size by ${diff}. These are the model's expectations under the assumed effect, not observed outcomes.`,
    );
  }
  const baselines = rankers.filter((r) => r.baseline);
  const others = rankers.filter((r) => !r.baseline);
  // Nobody harmed in any horizon: no ranker can be told apart from another (a log-likelihood then
  // only rewards expecting little harm), so no comparison is printed as if it were a finding.
  if (victims.every((r) => r.victims === 0)) {
    lines.push(
      '',
      `No victim in ${cuts.length === 1 ? 'the horizon' : `any of the ${cuts.length} horizons`}: there is nothing to score the rankers on. Recall and PR-AUC have no value (they are left empty), and the log-likelihoods only say which ranker expected the least harm; no ranker is compared with the baselines.`,
    );
  } else if (baselines.length && others.length) {
    const ll = (name: string) =>
      s.filter((x) => x.ranker === name).reduce((a, x) => a + x.log_lik, 0);
    const best = baselines.reduce((a, b) => (ll(b.name) > ll(a.name) ? b : a));
    lines.push('');
    const victimsAll = victims.reduce((a, r) => a + r.victims, 0);
    let undecided = false;
    for (const r of others) {
      const d = ll(r.name) - ll(best.name);
      // Paired over the people at every cut: z = Σd / √(n·var d) (Vuong's test for two
      // forecasts of the same outcomes; people at several cuts count once per cut).
      const acc = pairs.logLik.get(`${r.name}\u0000${best.name}`)!;
      const variance = acc.n > 1 ? (acc.sumSq - (acc.sum * acc.sum) / acc.n) / (acc.n - 1) : 0;
      const z = variance > 0 ? acc.sum / Math.sqrt(acc.n * variance) : 0;
      const llVerdict =
        variance > 0 && Math.abs(z) >= 1.96
          ? `${z > 0 ? 'better' : 'worse'} than it person by person, z = ${fmt(z)}`
          : `not told apart from it person by person, z = ${fmt(z)}`;
      if (!(variance > 0 && Math.abs(z) >= 1.96)) undecided = true;
      const found = ks.map((k) => {
        const a = pairs.inclusion.get(`${r.name}\u0000${k}`)!;
        const ha = a.reduce((x, y) => x + y, 0);
        // Against the baseline that found the most victims at this k (the best by
        // log-likelihood on a tie): the strongest simple list of that length, as the per-cut
        // lift_vs_best_baseline reads it. Against the log-likelihood's best alone, a list could
        // read 'more' than it while another baseline found as many.
        let baseK = best;
        let hb = -1;
        for (const b of [best, ...baselines]) {
          const h = pairs.inclusion.get(`${b.name}\u0000${k}`)!.reduce((x, y) => x + y, 0);
          if (h > hb + 1e-9) {
            hb = h;
            baseK = b;
          }
        }
        const base = pairs.inclusion.get(`${baseK.name}\u0000${k}`)!;
        const p = mcnemarExact(a, base);
        // Equal up to rounding: tie groups' shares summed in another order (ten shares of 0.1
        // make 0.9999999999999999) read 'not told apart' for '6 against 6'.
        const verdict =
          p < 0.05
            ? ha > hb
              ? 'more'
              : 'fewer'
            : Math.abs(ha - hb) < 1e-9
              ? 'as many'
              : 'not told apart';
        if (verdict === 'not told apart') undecided = true;
        return `@${k} ${fmtHits(ha)} against ${fmtHits(hb)}${baseK === best ? '' : ` by ${baseK.name}`} (${verdict}, ${fmtP(p)})`;
      });
      lines.push(
        `${r.name}: log-likelihood ${d >= 0 ? '+' : ''}${fmt(d)} against the best baseline (${best.name}), ${llVerdict}. Victims in its top k against the baseline that found the most at that k, of ${victimsAll} over the ${cuts.length === 1 ? 'cut' : `${cuts.length} cuts`} (McNemar's exact test): ${found.join(', ')}.`,
      );
    }
    if (undecided)
      lines.push(
        `"Not told apart": at this number of victims the difference could be chance (two-sided, 5% level); more cuts or a longer horizon give more victims to tell rankers apart.`,
      );
  }
  return lines.join('\n');
}

/**
 * The summary's account of the exits used: "of 3 exit rows, the 2 that started on or before the
 * cut (of them 1 ending after it, taken as out for the whole horizon: its end was not known
 * then)", or per cut "(3, 3 at the 2 cuts; 1, 1 of them ending after the cut, …)"; rows ending
 * after the cut whose end was kept (`to_known`) are counted beside them ("1 ending after it
 * with its end kept: known when the spell began (to_known)").
 */
function exitsLine(exits: BacktestExits): string {
  const c = exits.cuts;
  const withheld = c.reduce((a, x) => a + x.endWithheld, 0);
  const kept = c.reduce((a, x) => a + x.endKept, 0);
  const out = 'taken as out for the whole horizon: their end was not known then';
  const keptText = 'with their end kept: known when the spell began (to_known)';
  if (c.length === 1) {
    const w = c[0].endWithheld;
    const k = c[0].endKept;
    const parts = [
      ...(w > 0 ? [`${w} ending after it, ${w === 1 ? out.replace('their', 'its') : out}`] : []),
      ...(k > 0
        ? [`${k} ending after it ${k === 1 ? keptText.replace('their', 'its') : keptText}`]
        : []),
    ];
    return `of ${count(exits.rows, 'exit row')}, the ${c[0].known} that started on or before the cut${parts.length > 0 ? ` (of them ${parts.join('; ')})` : ''}. The outcomes are as recorded.`;
  }
  const parts = [
    ...(withheld > 0
      ? [`${c.map((x) => x.endWithheld).join(', ')} of them ending after the cut, ${out}`]
      : []),
    ...(kept > 0 ? [`${c.map((x) => x.endKept).join(', ')} ending after the cut ${keptText}`] : []),
  ];
  return `of ${count(exits.rows, 'exit row')}, those that started on or before each cut (${c.map((x) => x.known).join(', ')} at the ${c.length} cuts${parts.map((p) => `; ${p}`).join('')}). The outcomes are as recorded.`;
}

/** t(0.975, ν) for ν = 1..30 (beyond: 1.96). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** "mean m (95% interval lo–hi across n cuts)", a t-interval; one cut gives no interval. */
function meanInterval(a: number[]): string {
  const n = a.length;
  const m = a.reduce((x, y) => x + y, 0) / n;
  if (n < 2) return `${fmt(m)} (one cut: no interval)`;
  const sd = Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (n - 1));
  const half = ((n - 1 <= T975.length ? T975[n - 2] : 1.96) * sd) / Math.sqrt(n);
  return `mean ${fmt(m)} (95% interval ${fmt(m - half)} to ${fmt(m + half)} across ${n} cuts)`;
}

function mean(a: number[]): number {
  const v = a.filter((x) => Number.isFinite(x));
  return v.length ? v.reduce((x, y) => x + y, 0) / v.length : Number.NaN;
}

/** Hits over cuts: whole when whole, else one decimal (tie groups at the boundary share). */
function fmtHits(x: number): string {
  return Math.abs(x - Math.round(x)) < 1e-9 ? String(Math.round(x)) : x.toFixed(1);
}

/** "p = 0.27" (two significant digits), "p < 0.001" below, "p = 1" at the top. */
function fmtP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : p >= 0.995 ? 'p = 1' : `p = ${p.toPrecision(2)}`;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const ax = Math.abs(x);
  const t = ax >= 100 ? x.toFixed(1) : ax >= 1 ? x.toFixed(2) : x.toFixed(3);
  // A tiny negative value (a log-likelihood of −4e-7) reads 0.000, not −0.000.
  return /^-0\.0+$/.test(t) ? t.slice(1) : t;
}

/** Refusals that say the records before a cut are too few: a later first cut may do. */
const CUT_TOO_EARLY: readonly DataRefusalCode[] = [
  'no-events',
  'single-date',
  'not-identified',
  'outside-records',
  'empty',
];

/**
 * A ranker's refusal at a cut, said as the backtest's: which cut and ranker, and the way out.
 * Alone, "fitNetworkHawkes: the outcome window … is 85 days — widen the window" left a caller
 * who asked for a report or a backtest on a year of records not knowing which window was meant.
 */
function rankAtCut<T>(
  ranker: Ranker,
  cutIso: string,
  counted: boolean,
  noEvents: number | undefined,
  rank: () => T,
): T {
  try {
    return rank();
  } catch (e) {
    // Too few records before the cut; a model from the future is the ranker's own fault.
    if (!(e instanceof DataRefusedError) || !CUT_TOO_EARLY.includes(e.code)) throw e;
    // No serious event anywhere in the records: no cut can have one before it. On a city with
    // none, the command line advised "give fewer --cuts (now 4)", which could not help.
    if (e.code === 'no-events' && noEvents !== undefined)
      throw new DataRefusedError(
        'no-events',
        `backtest refused: the records hold no incident of severity ${noEvents} or more, so the ranker '${ranker.name}' has no serious events to learn from at any cut, and there is no harm to score the rankers on; fewer or other cuts cannot help.`,
      );
    // With `cuts: n`, code too-little-history: fewer cuts may do (analyse falls back on it, by
    // the code, not the words); with cut dates, the ranker's own code.
    throw new DataRefusedError(
      counted ? 'too-little-history' : e.code,
      `backtest refused: at the cut ${cutIso}, the ranker '${ranker.name}' could not rank from the records before it (${e.message.replace(/\.$/, '')}); ${counted ? 'use fewer cuts, so that the first lies later in the records' : `leave out the cut dates up to ${cutIso} or give later ones`}, or no backtest.`,
    );
  }
}
