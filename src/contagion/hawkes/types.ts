import type { DateLike } from '../../core/time.js';
import type { Incident } from '../../core/types.js';
import type { WindowOptions } from '../../core/window.js';

/**
 * The as-of covariates computed from each person's own records (records dated strictly before t,
 * within the records window), each on or off.
 */
export interface RecordCovariates {
  /** ln(1 + incidents of any kind the person was involved in). Default on. */
  priorIncidents?: boolean;
  /** ln(1 + incidents of violence (severity ≥ 1) in which the person was an offender). Default on. */
  priorViolentOffending?: boolean;
  /** ln(1 + incidents of violence (severity ≥ 1) in which the person was a victim). Default on. */
  priorVictimisation?: boolean;
  /** ln(1 + whole years since the person's first record, at most 10). Default on. */
  yearsSinceFirstRecord?: boolean;
  /**
   * ln(1 + distinct co-offenders: people who were an offender with the person in one incident of
   * the records window, the fit's ties, as `coOffendingGraph` ties people), each counted from the
   * day of their first shared incident (an event that day sees the count before it), at most
   * 4,095. With `recordCountDays` W, a co-offender counts while one of their shared incidents is
   * in the trailing W days. Risk that rises with the number of ties is otherwise read as
   * contagion through them: one incident of 8–15 co-offenders ties them all, while the other
   * counts see one incident. Default on.
   */
  priorCoOffenders?: boolean;
}

/** A person's at-risk exits: not at risk in [from, to). */
export interface ExitRow {
  person_id: string;
  from: string | number | Date;
  to?: string | number | Date;
  /**
   * Whether `to` was known when the spell began (a sentence with a set end), rather than learnt
   * at the release (remand, an open-ended stay): `true` or `false`, or as a file's cell holds
   * one (`true`, `false`, `yes`, `no`, `1`, `0`, any case; empty: `false`). Only `backtest` reads
   * it: at a cut on or after `from` it keeps such a row's `to`, where it withholds another row's
   * `to` after the cut (the person out for the whole horizon). `true` without a `to` is refused
   * (`OptionError`). Default `false`.
   */
  to_known?: boolean | string | number;
}

/** How a tie's strength scales the excitation it carries: g in α·g(w)·β·e^(−βΔt). */
export type TieWeight =
  /** g = 1 for every tie (the default; as in Green, Horel & Papachristos 2017). */
  | 'unweighted'
  /** g = number of shared offender incidents dated before the exciting event. */
  | 'count'
  /** g = 1 + ln(number of shared offender incidents dated before the exciting event). */
  | 'log-count'
  /**
   * Your own g of the number of shared offender incidents (≥ 1) dated before the exciting event:
   * a finite number ≥ 0 (another value, or an exception it throws, is an `OptionError` naming
   * the count, the function you called and the option as you wrote it: `hawkesInference: option
   * 'fit.tieWeight' returned NaN for 2 shared offences; …`). The fit calls it once for every count
   * a tie of its records reaches, so that a fault is found by the fit, not by a later forecast.
   */
  | ((sharedOffences: number) => number);

/** Parameters of a network Hawkes model. */
export interface NetworkHawkesParameters {
  /**
   * Background rate μ₀: serious-violence events per person per day at risk, for a person with
   * average (centred) covariates, averaged over the seasonal cycle and over the trend bins
   * (time-weighted). As a `start` value, every trend bin starts at it.
   */
  mu: number;
  /**
   * Excitation α: expected events one event triggers in each network neighbour (times g), over
   * the whole kernel: the kernel is renormalised over (0, maxLagDays], so α keeps this meaning.
   */
  alpha: number;
  /**
   * Decay β per day of the kernel β·e^(−βΔt)/(1 − e^(−β·maxLagDays)); 1/β is the mean delay of
   * the untruncated kernel (the truncated kernel's mean is in `delays.kernelMean`).
   */
  beta: number;
  /**
   * Self-excitation α_self: expected further events one event triggers in the same person (same
   * kernel). 0 unless `selfExcitation` is on.
   */
  alphaSelf?: number;
  /**
   * Victim–offender excitation α_vo: expected events one event triggers in each person on the
   * other side of a victim–offender tie (someone who harmed, or was harmed by, the person; same
   * kernel). 0 unless `victimOffenderTies` is on.
   */
  alphaVictimOffender?: number;
  /**
   * Shape κ of the gamma frailty (variance 1/κ of the person multiplier) with `frailty` (the
   * default); absent with `frailty: false`.
   */
  frailtyShape?: number;
  /** Seasonal amplitude a of s(t) = 1 + a·sin(2πt/365.25 + φ) (t in days since 1970-01-01); 0 when off. */
  seasonalAmplitude: number;
  /** Seasonal phase φ in radians; 0 when the season is off. */
  seasonalPhase: number;
  /**
   * Log-rate coefficient γ of each covariate: the background is multiplied by exp(Σ γ·(x − x̄)).
   * Record covariates (`prior_incidents`, `prior_violent_offending`, `prior_victimisation`,
   * `years_since_first_record`, `prior_co_offenders`) are centred at their person-time mean, user covariates at their
   * population mean, so μ₀ is the rate of an average person-day.
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
   * A further test an incident must pass to count as an event, e.g. firearm only:
   * `(incident) => incident.weapon === 'firearm'` (as Green et al. modelled gunshot victims).
   * Default none.
   */
  outcomeFilter?: (incident: Incident) => boolean;
  /**
   * Start of the outcome window: events from this date on are modelled; earlier events in the
   * records window only excite (ties from earlier records can excite events counted later).
   * Default: the start of the records window (`since`, or `asOf − retentionYears`, or the first
   * record). A date, as `asOf`: a date-time ('2022-01-01T12:00', or a `Date` not at midnight
   * UTC) is refused.
   */
  outcomeSince?: DateLike;
  /**
   * `'time-gated'` (default): a tie excites only events after its first shared offence.
   * `'static'`: every tie in the records window counts at every time (as Green et al.'s static
   * network).
   */
  ties?: 'time-gated' | 'static';
  /**
   * As-of covariates of the background from each person's own records dated before t (each
   * switchable; `false` turns all off): `priorIncidents` ln(1 + incidents), `priorViolentOffending`
   * ln(1 + violent incidents as offender), `priorVictimisation` ln(1 + violent incidents as victim),
   * `yearsSinceFirstRecord` ln(1 + whole years since the first record, at most 10),
   * `priorCoOffenders` ln(1 + distinct co-offenders); each on by default.
   */
  recordCovariates?: RecordCovariates | false;
  /**
   * Piecewise-constant trend of the background by calendar `'year'` (default) or `'quarter'`, or
   * `false` for none: a rise in recorded violence is then not taken for contagion.
   */
  trend?: 'year' | 'quarter' | false;
  /**
   * Length of the last trend bin, in days (≥ 30; ignored with `trend: false`): a longer calendar
   * last bin is split on the first day of the month holding end − `lastTrendBinDays` (so the last
   * bin is this long to 30 days longer, and refits a few days apart share it); a piece under a
   * third of a bin left before the split joins the bin before (or, in a window of one bin, the
   * split is not made), and the split is not made when its last bin would hold no event while the
   * calendar last bin holds one (a warning says when the last bin is empty, and when it holds
   * fewer than 5 events: its rate is then mostly chance). Forecasts (`risk`) carry the last
   * bin's rate forward with each person's record counts as of the end; the counts grow inside a
   * bin, so a long last bin is calibrated to lower counts than the forecast uses and
   * over-predicts. Default 182 (half a year; `Infinity` keeps calendar bins only).
   */
  lastTrendBinDays?: number;
  /**
   * Days a record counts in the record-count covariates (`priorIncidents`,
   * `priorViolentOffending`, `priorVictimisation`, and `priorCoOffenders`: a co-offender counts
   * while one of their shared incidents does): a record dated d counts over
   * [d, d + `recordCountDays`), so the counts are those of the trailing `recordCountDays` days
   * (≥ 30). They stay piecewise constant (a piece ends where a record enters or leaves), so the
   * compensator stays exact; `simulateNetworkHawkes` drops records from the counts the same way,
   * and forecasts (`risk`) hold each person's counts as they stand just before the horizon
   * starts (the value the intensity uses at that instant: a record dated exactly
   * `recordCountDays` before the start still counts, where the simulation, from the start on,
   * has dropped it). Cumulative counts grow for a person of constant risk, so a forecast carrying them
   * from the end of the window over-predicts; trailing counts do not grow. `yearsSinceFirstRecord`
   * is unchanged (and grows too: turn it off to stop the drift). Measured on the misspecified
   * worlds (hawkes guide, evidence): 730 days without the years covariate calibrates the total
   * forecast per city better but ranks people less well (fewer records per person), so it is not
   * the default. With the count covariates off it does nothing, and the fit's `warnings`
   * say so. Default `Infinity` (every earlier record in the records window).
   */
  recordCountDays?: number;
  /**
   * The level of the background `risk` forecasts (and the horizon system of outreach planning):
   * - `'covariates'`: the last trend bin's rate times each person's covariates as they stand at
   *   the start of the horizon. Cumulative record counts and `yearsSinceFirstRecord` grow for
   *   everyone, so the covariates at the start sum to more than they did over the bin the rate
   *   was fitted on, and the forecast total runs high by that drift G (1.03–1.18 measured on the
   *   misspecified worlds, hawkes guide);
   * - `'last-bin'`: the same forecast divided by G = Σ_k w_k e^(γ·z_k(start)) / Σ_k w_k m_k over
   *   the people at risk at the start (w_k the frailty posterior mean, m_k the mean of
   *   e^(γ·z_k) over the person's at-risk time in the latest trend bin that ends by the start,
   *   the last bin for a forecast past the fit; no correction inside the first bin): the total
   *   stays at the level the bin's rate was fitted to for the same people, and each person's
   *   share of it, so the ranking, is unchanged. Right where the covariates' growth is not in
   *   the events (the fitted trend falls as the covariates rise, as on every synthCity world);
   *   where a person's risk really rises with their records it under-predicts by G;
   * - `'drift-checked'`: the forecast divided by G^(1 − ρ), ρ ∈ [0, 1] the share of the
   *   covariates' drift the events followed over the window: ρ = 1 + slope(ln μ_b) /
   *   slope(ln D_b) over the trend bins with events (D_b the bin's aggregate covariate factor per
   *   day, least squares weighted by the bins' fitted background events; 1 with fewer than two
   *   such bins). A trend that falls as fast as the covariates rise gives ρ = 0 (`'last-bin'`), a
   *   flat one ρ = 1 (`'covariates'`).
   *
   * The fit and `intensity` are unchanged. Default `'drift-checked'` (since 2026-12-02: on the
   * all-four misspecified worlds it takes the cities outside ±15% expected/observed from 5 to 1 of
   * 40 at no cost in hits, and keeps most of the calibration where the drift is real; hawkes guide).
   */
  forecastLevel?: 'covariates' | 'last-bin' | 'drift-checked';
  /**
   * The group covariate `group_recent_events`, ln(1 + the serious events (the modelled kind) of
   * the other members of the person's group dated in the trailing `groupEventDays` days; an
   * event dated d counts over [d, d + `groupEventDays`)), on when this is finite (days, ≥ 1).
   * It lets the background carry a shared environment — a group's period of raised risk that
   * raises every member's rate at once — so that the network term has to explain what it cannot:
   * excitation along direct ties (the confounding of contagion by shared context, Shalizi &
   * Thomas 2011). Groups are fixed over the window (`groups`). Piecewise constant in t, so the
   * compensator stays exact; `risk` holds each person's count as it stands just before the
   * horizon, `simulateNetworkHawkes` moves it with the group's simulated events. Default
   * `Infinity` (off).
   */
  groupEventDays?: number;
  /**
   * Where the groups of `groupEventDays` come from: `'louvain'` (default: the Louvain
   * communities, seeded by `groupSeed`, of every co-offending tie in the records window; people
   * without ties are in no group) or `'people'` (the people table's `group`, as it holds at the
   * end of the records window). The fit's shared-risk check (see `fitNetworkHawkes`) uses the
   * people table's `group` whenever it gives one to half or more of the people with ties, whatever
   * this says: give people's area (beat, ward, neighbourhood) there when you know it. Without
   * `groupEventDays` this and the two Louvain options have no effect on the fit (a warning says
   * so); in `hawkesInference` they still make the groups of the no-contagion test's own fits
   * (`testFit`, which carry the group covariate by default), and its warnings say that instead.
   */
  groups?: 'louvain' | 'people';
  /** Seed of the Louvain run of `groups: 'louvain'`. Default 1. */
  groupSeed?: number;
  /**
   * Resolution of the Louvain run of `groups: 'louvain'` (higher: smaller groups). Modularity at
   * resolution 1 cannot resolve groups much smaller than the network (Fortunato & Barthélemy
   * 2007): on synthCity's cities of 6,000 people it merges 240 groups of median 11 members into
   * about 60 communities of about 110, and the group count then says little about a person's own
   * group. Default 8 (about 200 communities there; on hot periods seed 14 the group coefficient
   * 0.40 against 0.16 at resolution 1).
   */
  groupResolution?: number;
  /**
   * When a person enters the risk set: `'first-record'` (default: at their first record in the
   * records window) or `'window'` (at the start of the outcome window, for everyone with a record).
   * People-table rows with no records are never at risk.
   */
  entry?: 'first-record' | 'window';
  /**
   * The killed leave the risk set at their death: the only victim of a homicide (severity 4), as
   * the outreach lists read the records. The victims of a homicide with several victims stay at
   * risk (the records hold one severity per incident, so who died is not recorded: give those
   * who died as `exits`); so does the only victim of one with records dated after it (a reused
   * id or a data error, as the lists read it). Default true.
   */
  homicideExit?: boolean;
  /**
   * Periods when people are not at risk (custody, moved away): rows
   * `{ person_id, from, to?, to_known? }` (to after from, or missing, null or empty for an
   * open-ended exit; `to_known`, whether `to` was known when the spell began, is read only by
   * `backtest`; a `person_id` typed as a whole number is its text; other fields, such as a
   * custody table's `reason`, are carried, as a custody table holds them, but one close to a
   * field's name (`person`), named with another word for one (`until`, `end_known`) or holding a
   * date (`end_date`) is an `OptionError` naming the row and the field meant). An event of the person inside an exit (after its first day) is conditioned
   * on, not modelled, with a warning. Rows naming people not in the records are counted in
   * `warnings`, by row (they take nobody out). Default none.
   */
  exits?: readonly ExitRow[];
  /**
   * Add self-excitation: a person's own event raises their own rate by α_self·kernel (same β).
   * Default false (a person's own harm raises their risk through `prior_victimisation`).
   */
  selfExcitation?: boolean;
  /**
   * Add excitation along victim–offender ties, with its own α_vo (`parameters.alphaVictimOffender`,
   * events triggered per tie, same kernel): a person is tied to everyone who harmed them and
   * everyone they harmed (victim and offender of one incident, any severity, in the records
   * window), from that incident's day; the incident's own event and later events of either
   * side excite the other (retaliation: the shooter is shot by the victim's side in return).
   * `true` or `'direct'`: those ties only; `'sides'`: a person's events also excite the
   * co-offenders of everyone they harmed or were harmed by (the co-offending part from the day
   * after their first shared offence), so the shooter's side is reached by the victim's events.
   * Unweighted (`tieWeight` weighs co-offending ties only); `ties: 'static'` makes them static
   * too. `shares.coOffending` and `shares.victimOffender` then say how much of the share runs
   * along each kind of tie (`contagionShare` is their sum). Exponential kernel only (`'auto'`
   * keeps it, and a short kernel is not checked against the histogram kernel); `risk`, the outreach lists and plans, `traceContacts`, `updateNetworkHawkes`,
   * `simulateNetworkHawkes` and `hawkesInference` carry the term. Default false: the fit then
   * checks whether harm follows these ties (a score of α_vo at 0, and from 2.33 a `'sides'` refit)
   * and, when a `'sides'` fit is better at 0.1% and finds a share 2 points or more higher, warns
   * with that share (this fit's then a lower bound).
   */
  victimOffenderTies?: boolean | 'direct' | 'sides';
  /**
   * Gamma frailty for risk: each person's background carries an unobserved multiplier
   * Z_k ~ Gamma(κ, 1/κ); κ is estimated after the fit (empirical Bayes) and `risk` multiplies a
   * person's background by E[Z_k | their events] = (κ + background events) / (κ + expected
   * background events). It ranks people whose record understates their risk (repeat victims)
   * higher. The fit's parameters, `intensity` and simulation are unchanged. Default true (off:
   * `false`, when a forecast should rest on the covariates alone).
   */
  frailty?: boolean;
  /**
   * The delay kernel φ (a density over delays in days, renormalised over (0, maxLagDays] so α
   * keeps its meaning):
   * - `'auto'` (default): the exponential kernel, unless the data reject it for an Erlang kernel —
   *   when the exponential fit finds contagion, the Erlang kernel is fitted too (one more EM run
   *   from the exponential fit) and kept when the likelihood ratio rejects the exponential at 1%
   *   (χ², 1 degree of freedom). `model.kernel.type` and `model.kernel.choice` say which was used
   *   and why. With `selfExcitation` or `victimOffenderTies`, the exponential;
   * - `'exponential'`: β·e^(−βΔt), mean delay 1/β (Green, Horel & Papachristos 2017);
   * - `'erlang'`: a gamma kernel with a whole shape κ = 1…10 (a chain of κ exponential stages),
   *   κ and β (mean κ/ρ = 1/β) fitted by likelihood; κ = 1 is the exponential. Delays that rise
   *   to a peak before falling (e.g. retaliation planned over weeks) bias the exponential kernel's
   *   delay; the Erlang kernel does not, and planning (`planOutreach`) handles it exactly;
   * - `'gamma'`: a gamma kernel whose shape κ (0.2–20, any real) is fitted with β (mean 1/β);
   *   `planOutreach` refuses it unless κ comes out whole;
   * - `'histogram'`: piecewise constant over `histogramEdgesDays`, its weights estimated in closed
   *   form — no assumption on the shape of the delays (a check on the others).
   *
   * Only the exponential (and `'auto'`) work with `selfExcitation` and `victimOffenderTies`.
   */
  kernel?: 'auto' | 'exponential' | 'erlang' | 'gamma' | 'histogram';
  /** Bin edges in days of the histogram kernel. Default [0, 7, 14, 30, 60, 90, 120, 180, 270, 365, 545, 730] (capped at maxLagDays). */
  histogramEdgesDays?: readonly number[];
  /**
   * Range of 1/β in days the fit may use: [shortest, longest]. Whole-day dates cannot resolve
   * delays under a day, and a window cannot tell a kernel longer than `maxLagDays` from slow
   * background change. A fit that ends at either end is flagged `identified: false`; a pinned
   * delay (shortest = longest) is flagged the same way, its warning saying the delay was pinned
   * and the share is conditional on it. Default [1, maxLagDays].
   */
  delayRangeDays?: readonly [number, number];
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
   * columns, one row per person (a row without `person_id` or repeating a person is an
   * `InputError`; rows naming people not in the records are counted in `warnings`, with the
   * first; people first recorded on or after `asOf` are not at risk, their rows unused, unsaid).
   * Missing values (no row, or an empty cell) get the mean. Protected and audit-only names are refused,
   * A column whose standard deviation is outside 1e-3–1e3 (income in dollars, a distance in
   * metres) is fitted in units of its standard deviation; its coefficient, standard error and
   * information are reported in its own units.
   * Default none.
   */
  covariates?: CovariateRows;
  /**
   * Columns of `covariates` to use (a name no row has is an `OptionError` naming the closest).
   * Default: every column except `person_id`. Given without
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
  /**
   * Starting values (partial): μ > 0, α ≥ 0, β > 0 per day, α_self ≥ 0, α_vo ≥ 0, seasonal amplitude in
   * [0, 0.99], covariate coefficients by the fit's covariate names (an unknown or misspelt name, or
   * a value outside these, is an `OptionError`; `frailtyShape` is ignored). α = 0 holds α at 0 (EM
   * cannot leave it): the fit without contagion, and `warnings` says so; α_self = 0 holds α_self at 0,
   * said in `warnings` too. α_self above 0 only with `selfExcitation`, α_vo only with `victimOffenderTies`
   * (else an `OptionError`). Default: data-driven guesses.
   */
  start?: Partial<NetworkHawkesParameters>;
  /**
   * Compute standard errors (numerical Hessian of the exact log-likelihood). Default true. With
   * false none is reported (`standardErrors` null, "not asked for"), but `identified` is still
   * judged by them (α two standard errors from 0), from the information the fit computes for its
   * covariate check anyway; so is that of the refits behind its warnings (the short-kernel and
   * co-offender checks) and of `hawkesInference`'s placebo refits.
   */
  standardErrors?: boolean;
  /** Candidate parents listed per event in the `events` table (`top_parents`). Default 3. */
  topParents?: number;
}
