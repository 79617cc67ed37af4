import {
  checkFitOptions,
  fitNetworkHawkes,
  fitNetworkHawkesForRanking,
  NETWORK_HAWKES_RULES,
} from '../contagion/hawkes/fit.js';
import type { NetworkHawkesOptions } from '../contagion/hawkes/types.js';
import { OptionError } from '../core/errors.js';
import { checkOptions, type OptionRules } from '../core/options.js';
import { modelRanker } from './model-ranker.js';
import type { Ranker } from './ranker.js';

const RULES: OptionRules<NetworkHawkesOptions> = {
  ...NETWORK_HAWKES_RULES,
  asOf: () => 'set by the backtest at each cut (leave it out)',
  exits: () => "given to backtest's option 'exits' instead",
};

/**
 * Checks the fit options a ranker takes (`hawkesRanker`'s, `planRanker`'s `model`) when the
 * ranker is made, as `fn`'s, each by its path under `path`: asOf and exits are the backtest's,
 * and the nested ones (start, recordCovariates) are checked too ('model.start.alfa' named at
 * once, not passed on unchecked). @internal
 */
export function checkRankerFitOptions(
  fn: string,
  options: Omit<NetworkHawkesOptions, 'asOf'> | undefined,
  path?: string,
): Omit<NetworkHawkesOptions, 'asOf'> {
  const given = checkOptions(fn, options, RULES, path);
  checkFitOptions(fn, given, path);
  return given;
}

/**
 * Exits given to a ranker's fit options, refused: given whole they would reach every cut with
 * the future in them (custody that began after the cut, release dates not yet known), where the
 * backtest's own `exits` give each cut the rows known then. @internal
 */
export function refuseRankerExits(fn: string, option: string, model: unknown): void {
  if (
    typeof model === 'object' &&
    model !== null &&
    (model as { exits?: unknown }).exits !== undefined
  )
    throw new OptionError(
      fn,
      option,
      `${fn}: option '${option}' is not taken here: give the exits to backtest's option 'exits' instead, which gives each cut only the rows known then (from on or before the cut, an end after it withheld): given here, every cut would see them all, custody that began after the cut included`,
    );
}

/**
 * The network Hawkes model, fitted at each cut on the past only (`fitNetworkHawkes` with
 * `asOf` = the cut and the backtest's `retentionYears` unless `options` set their own; with the
 * backtest's `exits`, those known at the cut). Options
 * are `fitNetworkHawkes`'s, checked when the ranker is made, the nested ones (start,
 * recordCovariates) too (a misspelt one is named at once, not at the first cut; one found while
 * fitting, such as `start.alphaSelf` with `selfExcitation` off, names hawkesRanker), except `asOf` and `exits`, which the backtest sets at each cut (given here,
 * they are an `OptionError`: every cut would see every exit, those begun after it included). Standard errors are computed, as by `fitNetworkHawkes`, so that a fit whose α
 * is under two of them is not identified at the cut as it would not be in a list (they cost 1-77 ms,
 * median 3 ms, 2.5% of a fit, on 1,500-3,000 people); with `standardErrors: false` they are not
 * reported, and identification is judged by them all the same (as `fitNetworkHawkes` judges it). A fit at a cut that is explosive
 * (branching ratio ≥ 1) and not identified is refused there (code `not-identified`,
 * `too-little-history` with `cuts: n`), as `planRanker` and `rankForOutreach` refuse it; one that is
 * not identified but not explosive ranks, and the backtest's warnings and summary name the cuts.
 * Named `'network hawkes'`, or with `victimOffenderTies` `'network hawkes (victim–offender ties:
 * direct)'` (`sides`), so that the backtest's table tells the two models apart.
 *
 * @example
 * backtest(data, { cuts: 12, rankers: [victimisedAssociatesRanker(), hawkesRanker()] });
 */
export function hawkesRanker(options: Omit<NetworkHawkesOptions, 'asOf'> = {}): Ranker {
  refuseRankerExits('hawkesRanker', 'exits', options);
  options = checkRankerFitOptions('hawkesRanker', options);
  // With victim–offender ties the ranker says so in its name (the backtest's table and summary
  // name each ranker), so its figures are not read as the default model's.
  const vo = options.victimOffenderTies === true ? 'direct' : options.victimOffenderTies;
  const name = vo ? `network hawkes (victim–offender ties: ${vo})` : 'network hawkes';
  return modelRanker(name, ({ data, asOf, retentionYears, exits }) =>
    // An error in the options found while fitting (start.alphaSelf with selfExcitation off)
    // names hawkesRanker, which the user called.
    fitNetworkHawkesForRanking(
      data,
      { retentionYears, ...options, asOf, ...(exits ? { exits } : {}) },
      'hawkesRanker',
    ),
  );
}

/** Defaults: those of `fitNetworkHawkes`. */
hawkesRanker.defaults = Object.freeze({ ...fitNetworkHawkes.defaults });
