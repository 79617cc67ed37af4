import type { DatasetIndex } from './dataset-index.js';
import { rule } from './options.js';
import { DAYS_PER_YEAR, type DateLike, resolveAsOf, toDay } from './time.js';

/** Default retention horizon: records older than this many years before `asOf` are dropped. */
export const DEFAULT_RETENTION_YEARS = 6;

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
  /** Use only records dated on or after this date. Default: `asOf − retentionYears`. */
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
}

/** Resolves `asOf` / `since` / `retentionYears` to positions in the sorted incidents. */
export function resolveWindow(index: DatasetIndex, options: WindowOptions = {}): ResolvedWindow {
  const asOf = resolveAsOf(options.asOf);
  const hi = index.lowerBound(asOf);
  const reference = Number.isFinite(asOf) ? asOf : hi > 0 ? Math.floor(index.day[hi - 1]) + 1 : 0;
  const retentionYears = options.retentionYears ?? DEFAULT_RETENTION_YEARS;
  if (!(retentionYears > 0)) throw new RangeError('retentionYears must be a positive number');
  const retentionStart = reference - retentionYears * DAYS_PER_YEAR;
  let since = Number.isFinite(retentionStart) ? retentionStart : Number.NEGATIVE_INFINITY;
  if (options.since !== undefined) {
    const s = toDay(options.since);
    if (Number.isNaN(s))
      throw new RangeError(`since '${String(options.since)}' is not a valid date`);
    since = Math.max(s, since);
  }
  const lo = Math.min(hi, index.lowerBound(since));
  const droppedByRetention = Math.min(hi, index.lowerBound(retentionStart));
  return { lo, hi, asOf, since, reference, droppedByRetention };
}
