import { DAY_MS } from './time.js';

/**
 * Local time for `timeZone` options: days are counted on the local calendar of an IANA time
 * zone (`'America/Chicago'`), so a shooting at 23:30 local time on 31 December is dated
 * 31 December, not 1 January. Browser-safe: it uses only `Intl`.
 */

/** Whether `name` is a time zone this runtime knows (an IANA name such as `'Europe/London'`). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An option rule (see `checkOptions`) for a `timeZone` option. */
export const timeZoneRule = (v: unknown): string | undefined =>
  isTimeZone(v) ? undefined : "an IANA time zone name such as 'America/Chicago' or 'UTC'";

/** True for the zones whose local time is UTC (no conversion needed). */
export function isUtc(name: string | undefined): boolean {
  return name === undefined || name === 'UTC' || name === 'Etc/UTC' || name === 'Etc/GMT';
}

const QUARTER_HOUR = 900_000;

/**
 * The local wall-clock time of an instant, in ms since 1970-01-01 read as UTC:
 * `toLocalMs(zone)(Date.UTC(2024, 0, 1, 5, 30))` is `Date.UTC(2023, 11, 31, 23, 30)` in Chicago.
 * Offsets are cached per quarter-hour (every zone changes offset on a quarter-hour).
 */
export function toLocalMs(timeZone: string): (utcMs: number) => number {
  if (isUtc(timeZone)) return (ms) => ms;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      const at = bucket * QUARTER_HOUR;
      const f: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(at))) {
        if (p.type !== 'literal') f[p.type] = Number(p.value);
      }
      const year = f.year;
      offset = Date.UTC(year, f.month - 1, f.day, f.hour % 24, f.minute, f.second) - at;
      // Years before 100 would be read as 19xx by Date.UTC; they do not occur in records.
      cache.set(bucket, offset);
    }
    return ms + offset;
  };
}

/** Days since 1970-01-01 on the local calendar of `timeZone` of an instant (ms since epoch, UTC). */
export function localDay(utcMs: number, timeZone: string): number {
  return toLocalMs(timeZone)(utcMs) / DAY_MS;
}
