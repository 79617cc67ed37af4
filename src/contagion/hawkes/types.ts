import type { WindowOptions } from '../../core/window.js';

/** How a tie's strength scales the excitation it carries: g in α·g(w)·β·e^(−βΔt). */
export type TieWeight =
  /** g = 1 for every tie (the default; as in Green, Horel & Papachristos 2017). */
  | 'unweighted'
  /** g = number of shared offender incidents dated before the exciting event. */
  | 'count'
  /** g = 1 + ln(number of shared offender incidents dated before the exciting event). */
  | 'log-count'
  /** Your own g of the number of shared offender incidents (≥ 1) dated before the exciting event. */
  | ((sharedOffences: number) => number);

/** Parameters of a network Hawkes model. */
export interface NetworkHawkesParameters {
  /**
   * Background rate μ₀: serious-violence victimisations per person per day, for a person with
   * average covariates, averaged over the seasonal cycle.
   */
  mu: number;
  /** Excitation α: expected events one event triggers in each network neighbour (times g). */
  alpha: number;
  /** Decay β per day of the kernel β·e^(−βΔt); the mean delay is 1/β days. */
  beta: number;
  /** Seasonal amplitude a of s(t) = 1 + a·sin(2πt/365.25 + φ) (t in days since 1970-01-01); 0 when off. */
  seasonalAmplitude: number;
  /** Seasonal phase φ in radians; 0 when the season is off. */
  seasonalPhase: number;
  /**
   * Log-rate coefficient θ of each covariate: c_k = exp(Σ θ·(x_k − mean x)). Covariates are centred
   * at their population mean, so μ₀ is the rate of a person with average covariates.
   */
  covariates: Record<string, number>;
}

/** Person-level covariates: rows with `person_id` and numeric columns (arrays or an arquero table). */
export type CovariateRows =
  | ReadonlyArray<Record<string, unknown>>
  | { objects(): Record<string, unknown>[] };

/** Options of {@link fitNetworkHawkes}. */
export interface NetworkHawkesOptions extends WindowOptions {
  /** An incident is an event for a person when its severity is at least this. Default 3. */
  minSeverity?: number;
  /**
   * Which involvements make an event: `['victim']` (default) or `['victim', 'offender']`.
   * A person with several roles in one incident has one event.
   */
  roles?: ReadonlyArray<'victim' | 'offender'>;
  /**
   * Largest delay in days between a parent and its child. The kernel is truncated there (so the
   * likelihood is exact, not approximated): earlier events are not candidate parents. Default 730.
   */
  maxLagDays?: number;
  /** Tie strength g (see {@link TieWeight}). Default `'unweighted'`. */
  tieWeight?: TieWeight;
  /** Fit the seasonal background s(t) = 1 + a·sin(2πt/365.25 + φ). Default false (s ≡ 1). */
  seasonal?: boolean;
  /**
   * Person covariates for the background (c_k = exp(θ·x_k)): rows with `person_id` and numeric
   * columns. Missing values (no row, or an empty cell) get the mean. Protected and audit-only names are refused.
   * Default none.
   */
  covariates?: CovariateRows;
  /**
   * Columns of `covariates` to use. Default: every column except `person_id`. Given without
   * `covariates`, the columns are read from the dataset's people table (`birth_year` or a name
   * in `attributes`).
   */
  covariateColumns?: readonly string[];
  /** EM stops when the log-likelihood gains less than this (relative to |ℓ|). Default 1e-9. */
  tolerance?: number;
  /** Most EM iterations. 0 evaluates the model at `start` without fitting. Default 1000. */
  maxIterations?: number;
  /** After EM, polish with Newton steps on the exact log-likelihood. Default true. */
  refine?: boolean;
  /** Starting values (partial). Default: data-driven guesses. */
  start?: Partial<NetworkHawkesParameters>;
  /** Compute standard errors (numerical Hessian of the exact log-likelihood). Default true. */
  standardErrors?: boolean;
  /** Candidate parents listed per event in the `events` table (`top_parents`). Default 3. */
  topParents?: number;
}
