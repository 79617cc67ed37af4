import type { DatasetIndex } from './dataset-index.js';
import { DataRefusedError, OptionError } from './errors.js';
import { type OptionRule, rule } from './options.js';
import { count } from './plural.js';
import { DAYS_PER_YEAR, type DateLike, dayToIso, resolveAsOf, resolveSince } from './time.js';

/** Default retention horizon: records older than this many years before `asOf` are dropped. */
export const DEFAULT_RETENTION_YEARS = 6;

/** The longest horizon any forecast takes, in days (ten years). */
export const MAX_HORIZON_DAYS = 3650;

/**
 * Rule of a `horizonDays` option: days > 0 (whole days with `integer`), at most
 * {@link MAX_HORIZON_DAYS}: scores over 1e9 days (57,054 expected events for one person) were
 * the records' rates carried millennia past them.
 */
export function horizonRule(integer = false): OptionRule {
  const check = rule.number({ above: 0, max: MAX_HORIZON_DAYS, integer });
  return (v) => {
    const expected = check(v);
    return expected && typeof v === 'number' && v > MAX_HORIZON_DAYS
      ? `${expected} (a horizon beyond ten years is not a forecast from these records)`
      : expected;
  };
}

/**
 * A warning when a `horizon` (days) is longer than the records a forecast as of `asOf` reads (from
 * the first incident of `window`): its expected events carry their rates past anything they show.
 */
export function horizonBeyondRecords(
  index: DatasetIndex,
  window: ResolvedWindow,
  horizon: number,
): string | undefined {
  if (window.hi <= window.lo || !Number.isFinite(window.reference)) return undefined;
  const first = Math.floor(index.day[window.lo]);
  const span = Math.floor(window.reference) - first;
  if (!(horizon > span)) return undefined;
  return `The ${horizon}-day horizon is longer than the ${count(span, 'day')} of records read (${dayToIso(first)} to ${dayToIso(window.reference)}): its expected events carry those records' rates past anything they show; a horizon of at most ${count(span, 'day')} is a firmer forecast.`;
}

/** The time options every "as of" analysis shares. */
/** Rules of {@link WindowOptions}, for `checkOptions`. */
export const windowRules = {
  asOf: rule.date,
  since: rule.date,
  // Infinity means "no retention horizon" (used internally for whole-history views).
  retentionYears: rule.or(rule.number({ above: 0 }), (v) =>
    v === Number.POSITIVE_INFINITY ? undefined : 'Infinity',
  ),
} as const;

export interface WindowOptions {
  /** Use only records dated strictly before this date. Default: all records. */
  asOf?: DateLike;
  /**
   * Use only records dated on or after this date (all of that day's). A date, as `asOf`: a
   * date-time ('2022-01-01T12:00', or a `Date` not at midnight UTC) is refused. Default:
   * `asOf − retentionYears`.
   */
  since?: DateLike;
  /**
   * Retention horizon in years: records older than this before `asOf` (or before the latest
   * record when `asOf` is not given) are dropped. Default 6. `Infinity` keeps everything.
   */
  retentionYears?: number;
}

/** A resolved time window over the sorted incidents of a {@link DatasetIndex}. */
export interface ResolvedWindow {
  /** First incident position in the window. */
  lo: number;
  /** One past the last incident position in the window. */
  hi: number;
  /** `asOf` as a day number (+∞ when not given). */
  asOf: number;
  /** Start of the window as a day number (−∞ when unbounded). */
  since: number;
  /** The day recency is measured from: `asOf`, or the last record's day when `asOf` is open. */
  reference: number;
  /** Incidents dropped because they are older than the retention horizon. */
  droppedByRetention: number;
  /** The retention horizon as a day number: records before it are past retention (−∞ when none). */
  retentionStart: number;
}

/**
 * Reads the date option `option` of the public function `fn` (`read` calls `resolveAsOf` or
 * `resolveSince`): a value that is not a date, or a date-time, is an `OptionError` naming `fn`
 * and the option, with the date reader's words ("rankForOutreach: asOf 'soon' is not a valid
 * date: expected …"); it was a `RangeError` naming neither the function nor that it was an option.
 * @internal
 */
export function dateOption<T>(fn: string, option: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new OptionError(fn, option, `${fn}: ${e.message}`);
  }
}

/** Resolves `asOf` / `since` / `retentionYears` to positions in the sorted incidents. */
export function resolveWindow(
  index: DatasetIndex,
  options: WindowOptions & {
    /**
     * The day the result is used (days since 1970-01-01). When later than `asOf`, the retention
     * horizon is counted back from it instead: a record past retention on that day is never used,
     * even by an analysis as of an earlier date. Default: `asOf`.
     */
    today?: number;
    /**
     * The public function called, named by an error (an `OptionError`: a since on or after asOf,
     * an asOf or since that is not a date or has a time of day).
     */
    fn?: string;
    /**
     * Where `fn` took these options, named with each by an error (hawkesInference's `'fit'`:
     * 'fit.asOf'). Default: none, the options are `fn`'s own.
     */
    optionPath?: string;
  } = {},
): ResolvedWindow {
  const at = (key: string) => (options.optionPath ? `${options.optionPath}.${key}` : key);
  // A date that is not one (asOf: 'soon') or has a time of day said neither the function nor
  // that it was an option: named like the swapped dates below when the caller gives `fn`.
  const named = <T>(option: 'asOf' | 'since', read: () => T): T =>
    options.fn === undefined ? read() : dateOption(options.fn, at(option), read);
  const asOf = named('asOf', () => resolveAsOf(options.asOf, at('asOf')));
  const hi = index.lowerBound(asOf);
  const reference = Number.isFinite(asOf) ? asOf : hi > 0 ? Math.floor(index.day[hi - 1]) + 1 : 0;
  const retentionYears = options.retentionYears ?? DEFAULT_RETENTION_YEARS;
  // Said as every option is: the function, the option, what was expected and what was given (a
  // plain RangeError named neither the function nor that it was an option).
  if (!(typeof retentionYears === 'number' && retentionYears > 0)) {
    const fn = options.fn ?? 'window';
    throw new OptionError(
      fn,
      at('retentionYears'),
      `${fn}: option '${at('retentionYears')}' must be a number of years > 0 (Infinity keeps all), got ${typeof retentionYears === 'number' ? retentionYears : `${JSON.stringify(retentionYears) ?? String(retentionYears)} (${typeof retentionYears})`}.`,
    );
  }
  const from = options.today !== undefined && options.today > reference ? options.today : reference;
  const retentionStart = from - retentionYears * DAYS_PER_YEAR;
  let since = Number.isFinite(retentionStart) ? retentionStart : Number.NEGATIVE_INFINITY;
  if (options.since !== undefined) {
    const given = options.since;
    const own = named('since', () => resolveSince(given, at('since')));
    // Swapped dates (since on or after asOf) left an empty window, and every analysis of it
    // returned nothing without a word: an empty network, no retaliations.
    // (Without asOf and without records there is no latest record to compare with: the data are
    // empty whatever since is, as without it; before, 'after the latest record (1969-12-31)'.)
    if (own >= reference && (Number.isFinite(asOf) || hi > 0))
      throw new OptionError(
        options.fn ?? 'window',
        at('since'),
        (options.fn ? `${options.fn}: ` : '') +
          (Number.isFinite(asOf)
            ? `${at('since')} ${dayToIso(own)} is on or after ${at('asOf')} ${dayToIso(asOf)}: the window [since, asOf) holds no records. Give a since before asOf (were the two dates swapped?).`
            : `${at('since')} ${dayToIso(own)} is after the latest record (${dayToIso(reference - 1)}): the window from since holds no records. Give an earlier since.`),
      );
    since = Math.max(own, since);
  }
  const lo = Math.min(hi, index.lowerBound(since));
  const droppedByRetention = Math.min(hi, index.lowerBound(retentionStart));
  return {
    lo,
    hi,
    asOf,
    since,
    reference,
    droppedByRetention,
    retentionStart: Number.isFinite(retentionStart) ? retentionStart : Number.NEGATIVE_INFINITY,
  };
}

/**
 * Refuses a window that lies outside the records: every record on or after `asOf` (an as-of date
 * on or before the first record), or every record before `asOf` also before the window's start
 * (past the retention horizon, or before `since`) with none after. An analysis of it returned an
 * empty network, no links and no exposure without a word, and a wrong year read as "no network".
 * A window between records (a gap the records show on both sides) and data with no incidents at
 * all are left alone: their empty answer is true of the records. The message names `fn`, the
 * dates and the records' first and last dates, and says which date to change: `asOf`, or the
 * option that gave the window's end (`dateName`, e.g. a model's `from`), by its path as the user
 * wrote it when `fn` took the window's options inside another (`optionPath`: hawkesInference's
 * `'fit'` names `fit.asOf` and `fit.since`).
 * @throws {DataRefusedError} `outside-records`.
 */
export function refuseOutsideRecords(
  fn: string,
  index: Pick<DatasetIndex, 'day'>,
  window: Pick<ResolvedWindow, 'lo' | 'hi' | 'asOf' | 'since' | 'retentionStart'>,
  dateName = 'asOf',
  optionPath?: string,
): void {
  const n = index.day.length;
  if (n === 0 || window.hi > window.lo || (window.hi > 0 && window.hi < n)) return;
  const at = (key: string) => (optionPath ? `${optionPath}.${key}` : key);
  const first = Math.floor(index.day[0]);
  const last = Math.floor(index.day[n - 1]);
  const records = `the records run from ${dayToIso(first)} to ${dayToIso(last)}`;
  const asOf = `the ${dateName === 'asOf' ? 'as-of' : dateName} date ${dayToIso(window.asOf)}`;
  if (window.hi === 0)
    throw new DataRefusedError(
      'outside-records',
      `${fn} refused: no records before ${asOf} (${records}); choose a later ${at(dateName)}.`,
    );
  const start = dayToIso(Math.ceil(window.since));
  throw new DataRefusedError(
    'outside-records',
    window.since > window.retentionStart
      ? `${fn} refused: no records between ${at('since')} ${start} and ${asOf} (${records}); choose an earlier ${at('since')}.`
      : `${fn} refused: no records between ${start} and ${asOf} (${records}): all are past the retention horizon; choose an earlier ${at(dateName)}.`,
  );
}

/**
 * The data's own "today": the day after its latest record (0 for no records). Nothing can be used
 * earlier than this, so a retention horizon counted from it is the least a list must respect.
 */
export function dataToday(index: DatasetIndex): number {
  const n = index.day.length;
  return n > 0 ? Math.floor(index.day[n - 1]) + 1 : 0;
}

/**
 * Incidents of a window that are past the retention horizon counted back from `today` (the
 * later of `today` and the data's own today, {@link dataToday}), with a plain-language warning
 * when there are any: an analysis as of a past date may rest on records that should no longer be
 * held. `null` when none are.
 */
export function pastRetentionWarning(
  index: DatasetIndex,
  window: Pick<ResolvedWindow, 'lo' | 'hi'>,
  retentionYears: number,
  today?: number,
): { count: number; horizon: number; warning: string } | null {
  if (!(retentionYears > 0) || !Number.isFinite(retentionYears)) return null;
  const now = Math.max(today ?? Number.NEGATIVE_INFINITY, dataToday(index));
  const horizon = now - retentionYears * DAYS_PER_YEAR;
  const end = Math.min(window.hi, index.lowerBound(horizon));
  const count = Math.max(0, end - window.lo);
  if (count === 0) return null;
  return {
    count,
    horizon,
    warning: `${count} of the incidents used ${count === 1 ? 'is' : 'are'} dated before ${dayToIso(Math.ceil(horizon))}, past the ${retentionYears}-year retention horizon counted back from ${dayToIso(now)} (the day after the latest record, or the date given as today): records that should no longer be held; do not act on this list.`,
  };
}
