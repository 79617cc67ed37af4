import type { ExitRow } from '../contagion/hawkes/types.js';
import type { Dataset } from '../core/types.js';

/** What a ranker is given at one cut of a backtest. */
export interface RankerInput {
  /** Only the records dated before `asOf` (the backtest slices the dataset). */
  data: Dataset;
  /** The cut, in days since 1970-01-01 UTC. */
  asOf: number;
  /** Horizon in days being predicted: [asOf, asOf + horizonDays). */
  horizonDays: number;
  /** Ids to score, sorted: everyone with a record in the retention window before the cut. */
  population: readonly string[];
  /** Retention horizon in years the backtest uses. */
  retentionYears: number;
  /**
   * With the backtest's `exits`: the rows known at the cut, those whose `from` is on or before
   * it (of people recorded before it), a `to` after the cut left out (open-ended: the end was not
   * known then) unless the row has `to_known: true`. A ranker that
   * fits a model passes them to it (`hawkesRanker`, `planRanker` do; a `modelRanker`'s fit
   * function receives them with the rest). Absent without `exits`.
   */
  exits?: readonly ExitRow[];
}

/**
 * A ranker's answer, aligned with `population`. `backtest` checks it at every cut: a `score` or
 * `expected` of another length, a NaN score, expected events that are not finite numbers ≥ 0, or
 * events averted that are not finite are an `InputError` naming the ranker, the cut and (for a
 * value) the person.
 */
export interface RankerOutput {
  /** Higher = earlier on the list. */
  score: Float64Array;
  /**
   * Expected serious-violence victimisations in the horizon, when the ranker has them (a model).
   * Rankers without them are scored by a calibrated-by-rank fallback (see `backtest`).
   */
  expected?: Float64Array;
  /**
   * Rankers that plan outreach: serious-violence events their planned people would avert in the
   * horizon under the ranker's own fitted model (`list`), and those the highest-risk list of the
   * same size would avert under the same model and effect (`highestRisk`). `backtest` reports
   * them per cut and their mean with a 95% interval across cuts.
   */
  averted?: { list: number; highestRisk: number };
  /**
   * Plain-language caveats about this cut's list (`modelRanker`, `hawkesRanker`, `planRanker`: the
   * model fitted at the cut is not identified). `backtest` gathers them into its warnings and its
   * summary, naming the ranker and the cuts.
   */
  warnings?: readonly string[];
  /**
   * The warnings of the model fitted at this cut, in its own words (`modelRanker`,
   * `hawkesRanker`, `planRanker`: the fit's `warnings`, such as a kernel not identified, a long
   * tail of delays, a last trend bin with few events). `backtest` gathers them into its warnings,
   * each once with the cuts it came from (not into its summary).
   */
  modelWarnings?: readonly string[];
}

/** Anything that ranks people at a cut from the past alone. */
export interface Ranker {
  /** Short name, used in result tables. */
  readonly name: string;
  /** Counts as a baseline (for "lift over the best baseline"). Default false. */
  readonly baseline?: boolean;
  rank(input: RankerInput): RankerOutput;
}
