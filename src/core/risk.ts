import { DataRefusedError, InputError } from './errors.js';
import { type DateLike, dayToIso } from './time.js';
import type { Dataset } from './types.js';

/**
 * The kinds of part the library's models give a score (`fitNetworkHawkes`, `updateNetworkHawkes`,
 * `exposureRiskModel`): `'background'` (the usual rate for people with records like theirs),
 * `'exposure'` (a harmed associate), `'exposure-indirect'` (a harmed associate's associate,
 * exposure score only), `'own-victimisation'` (their own recent harm), `'victim-offender'` (harm
 * across a victim–offender tie, a fitted model with `victimOffenderTies`) and `'knock-on'` (a
 * fitted model's later generations: harm reaching them through others).
 */
export type ContributionKind =
  | 'background'
  | 'exposure'
  | 'exposure-indirect'
  | 'own-victimisation'
  | 'victim-offender'
  | 'knock-on';

/**
 * One named part of a person's risk score, as a {@link RiskModel}'s `risk` gives it (in
 * `PersonRisk.contributions`); the parts of a score sum exactly to it. The ranked list writes each
 * part into its `contributions` column as a `ListedContribution`: the same part in the list's
 * terms (snake_case like its other columns; `via` pseudonymised when asked; `incidentId` as
 * `incident_id`; `day` as an ISO `date` and its age `days_ago`; absent fields null). The exposure
 * score's parts (`ExposureContribution`) add `through`, the intermediary of an indirect exposure.
 */
export interface RiskContribution {
  /**
   * What the part comes from: one of the library's {@link ContributionKind}s, or another name a
   * model of one's own gives (typed so that editors offer the library's kinds; any text is
   * accepted, and the lists name an unknown kind as given).
   */
  kind: ContributionKind | (string & {});
  /** The associate through whom the exposure comes, when there is one. */
  via?: string;
  /** The incident behind the part, when there is one. */
  incidentId?: string;
  /** Day (days since epoch) of that incident. */
  day?: number;
  /** Size of the part, in the units of the score (expected events in the horizon for models). */
  value: number;
}

/** A person's risk over a horizon with its decomposition. */
export interface PersonRisk {
  person_id: string;
  /** The score: expected events in the horizon for a model; Σ contributions exactly. */
  expected: number;
  /** Named parts, largest first. */
  contributions: RiskContribution[];
}

/** Anything that can score people over a horizon: a fitted model or a transparent rule. */
export interface RiskModel {
  /** Short name, written into every output made from it. */
  readonly name: string;
  /**
   * Day (days since 1970-01-01) of the latest record the model was fitted on, when it was fitted
   * on records. Lists and traces as of a date on or before it refuse the model
   * (`DataRefusedError` code `model-from-future`): it has seen records they must not use.
   */
  readonly lastRecordDay?: number;
  /**
   * Plain-language caveats about the model's scores (a fitted model's: not identified, a
   * covariate that ran off, …). Every list made from the model repeats them in its warnings.
   */
  readonly warnings?: readonly string[];
  /**
   * Risk of each person (all people the model knows when `people` is omitted) over
   * [from, from + horizonDays), using only information dated before `from`. `people` is an array
   * of text ids, as in the records: the library's models refuse one id as text and an id typed
   * as a number (`InputError`), which would match nobody.
   */
  risk(
    people: readonly string[] | undefined,
    options: { from: DateLike; horizonDays: number },
  ): PersonRisk[];
}

/**
 * Refuses a model fitted on records dated on or after `asOf` (code `model-from-future`): a list
 * or trace as of `asOf` must rest on earlier records only.
 */
export function assertModelBefore(fn: string, model: RiskModel, asOf: number): void {
  const last = model.lastRecordDay;
  if (last !== undefined && Number.isFinite(last) && last >= asOf) {
    throw new DataRefusedError(
      'model-from-future',
      `${fn}: the model '${model.name}' was fitted on records up to ${dayToIso(last)}, on or after the as-of date ${dayToIso(asOf)}; ` +
        `fit it with asOf ${dayToIso(asOf)} (or earlier) so that no later record is used, or, for a model that has read records up to now (updateNetworkHawkes after tonight's shooting), make this as of ${dayToIso(Math.floor(last) + 1)}, the day after its latest record`,
    );
  }
}

/** What a model says of the fit its forecasts rest on (fields a fitted network Hawkes model has). */
export interface ForecastFit {
  identified?: unknown;
  branchingRatio?: unknown;
  parameters?: { alpha?: unknown };
  warnings?: unknown;
}

/**
 * The fit a model's forecasts rest on: for an update (`updateNetworkHawkes`, which has neither
 * `identified` nor `branchingRatio`), its base fit, whose parameters it forecasts with; else the
 * model itself. `update` says which.
 * @internal
 */
export function forecastFit(model: RiskModel): { fit: ForecastFit; update: boolean } {
  const base = (model as RiskModel & { base?: unknown }).base;
  const update = model.name === 'network-hawkes-live' && typeof base === 'object' && base !== null;
  return { fit: (update ? base : model) as ForecastFit, update };
}

/**
 * A model's caveats, which every list made from it repeats: for an update (`updateNetworkHawkes`)
 * its base fit's first, since it forecasts with that fit's parameters ("α = 0.0718 is under two
 * standard errors …" used to be lost from a list made from an update), then its own.
 * @internal
 */
export function modelCaveats(model: RiskModel): readonly string[] {
  const { fit, update } = forecastFit(model);
  const base = update && Array.isArray(fit.warnings) ? (fit.warnings as string[]) : [];
  return [...base, ...(model.warnings ?? [])];
}

/**
 * Refuses a model that is both explosive (branching ratio ≥ 1: each event triggers at least one
 * more on average, so its forecasts grow without bound) and not identified (`identified: false`)
 * (code `not-identified`): its risks are no basis for a list. On 5 incidents with 3 serious
 * events, a fit with a branching ratio of 14.5 gave people 42 expected victimisations in 90 days
 * and a list was printed. An update of such a fit (`updateNetworkHawkes`, which forecasts with its
 * parameters) is refused as it is. Models without these fields (the exposure score, a user's own)
 * pass.
 */
export function assertModelForecasts(fn: string, model: RiskModel, instead: string): void {
  const { fit: m, update } = forecastFit(model);
  if (m.identified !== false || typeof m.branchingRatio !== 'number') return;
  if (!(m.branchingRatio >= 1)) return;
  throw new DataRefusedError(
    'not-identified',
    `${fn}: the model '${model.name}'${update ? ', updated from a fit that' : ''} is not identified on these records and is explosive (branching ratio ${m.branchingRatio.toFixed(2)}: each event would trigger that many more on average, so its forecasts grow without bound); its risks are no basis for outreach. ${instead ? `${instead}fit` : 'Fit'} the model on more records (see its warnings)`,
  );
}

/**
 * Expected serious-violence victimisations of each of `people` in the horizon
 * [fromDay, fromDay + horizonDays) (days since 1970-01-01 UTC), aligned with `people`: what an
 * oracle knows and a ranker has to estimate. `records` are the records dated before `fromDay`
 * (the past a ranker is given at the cut), for an oracle that needs the network known then.
 * Every value must be a finite number ≥ 0.
 *
 * @example
 * const known: ExpectedEvents = (people) => people.map((id) => (id === 'p1' ? 2 : 0.1));
 */
export type ExpectedEvents = (
  people: readonly string[],
  fromDay: number,
  horizonDays: number,
  records: Dataset,
) => ArrayLike<number>;

let unknownAsZero = 0;

/**
 * `model.risk(people, options)` for a list, plan or trace of the library's own: its people come
 * from the records it is given, which may be newer than the model's (people recorded since its
 * fit), so the library's models read an id they do not know as 0 there — those lists count and
 * warn of them — where a caller's own `model.risk` call refuses it (a misspelt id read as "no
 * risk"). @internal
 */
export function riskOfPopulation(
  model: RiskModel,
  people: readonly string[] | undefined,
  options: { from: DateLike; horizonDays: number },
): PersonRisk[] {
  return asPopulation(() => model.risk(people, options));
}

/** Runs `f` as {@link riskOfPopulation} runs `model.risk`. @internal */
export function asPopulation<T>(f: () => T): T {
  unknownAsZero++;
  try {
    return f();
  } finally {
    unknownAsZero--;
  }
}

/** Whether an id unknown to a model is read as 0 now (inside {@link riskOfPopulation}). @internal */
export function unknownPeopleAsZero(): boolean {
  return unknownAsZero > 0;
}

/** Why a person id that is not text is refused (it matched nobody, silently). @internal */
export function notAnId(fn: string, what: string, v: unknown): string {
  return `${fn}: ${what} is ${typeof v === 'number' ? v : String(v)} (${v === null ? 'null' : typeof v}); person ids are text, as in the records: ${typeof v === 'number' ? `pass String(id) ('${v}')` : 'give every id as text'}`;
}

/**
 * The `people` of a {@link RiskModel.risk} call: an array of text ids, or undefined for everyone.
 * One id as text was read letter by letter (a row of 0 per letter), and an id typed as a number
 * (101, as a CSV reader types it) matched nobody, a risk of 0. @internal
 */
export function checkRiskPeople(fn: string, people: unknown): void {
  if (people != null && !Array.isArray(people))
    throw new InputError(
      fn,
      `${fn}: people must be an array of person ids (or undefined for everyone), got ${typeof people}`,
    );
  const bad = (people as unknown[] | undefined)?.findIndex((p) => typeof p !== 'string') ?? -1;
  if (bad >= 0) throw new InputError(fn, notAnId(fn, `people[${bad}]`, (people as unknown[])[bad]));
}
