/** Milliseconds in one day. Every public option in this library is in days, never ms. */
export const DAY_MS = 86_400_000;

/** Days in a mean Gregorian year, used to turn `retentionYears` into days. */
export const DAYS_PER_YEAR = 365.25;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Converts a date (ISO string, `Date`, or a day number) to days since 1970-01-01 UTC.
 * A plain `YYYY-MM-DD` is midnight UTC. Returns `NaN` for anything that is not a real date
 * (so `2021-02-31` is `NaN`, not 3 March).
 */
export function toDay(value: string | Date | number): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime() / DAY_MS;
  const s = value.trim();
  const m = ISO_DATE.exec(s);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    const d = +m[3];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
      return Number.NaN;
    }
    return t / DAY_MS;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return Number.NaN;
  const dayPart = toDay(s.slice(0, 10));
  if (Number.isNaN(dayPart)) return Number.NaN;
  // A date-time without a zone is read as UTC so results never depend on the machine's TZ.
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s);
  const t = Date.parse(hasZone ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`);
  return Number.isNaN(t) ? Number.NaN : t / DAY_MS;
}

/** Formats a day number as `YYYY-MM-DD` (UTC). */
export function dayToIso(day: number): string {
  return new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Resolves an `asOf` option (ISO string, Date or day number) to a day number; `undefined` → +∞.
 * It is a date: records dated before it are used, none of that day's. Anything else
 * (`'01/07/2023'`, `'soon'`) is a `RangeError` naming the option and the forms expected. Text or a `Date` with a
 * time of day ('2023-10-01T12:00') is refused (`RangeError` naming both dates to give instead;
 * for a `Date` made in local time, `new Date(2023, 9, 1)`, which is midnight on the runtime's
 * clock but not in UTC, also the text '2023-10-01' or `new Date(Date.UTC(2023, 9, 1))`);
 * a fractional day number is an instant, as the records' own `day` (a time of day known).
 */
export function resolveAsOf(asOf: string | Date | number | undefined, name = 'asOf'): number {
  if (asOf === undefined) return Number.POSITIVE_INFINITY;
  return resolveDate(
    asOf,
    name,
    'records dated before it are used',
    "that day's records left out",
    'in',
  );
}

/**
 * Resolves the start of a window (`since`, `outcomeSince`) to a day number. A date, as `asOf`:
 * records dated on or after it are used, all of that day's. Text or a `Date` with a time of day
 * is refused (`RangeError` naming both dates to give); a fractional day number is an instant.
 */
export function resolveSince(
  since: string | Date | number,
  name = 'since',
  what = 'records dated on or after it are used',
  dayIn = "that day's records in",
): number {
  return resolveDate(since, name, what, dayIn, 'left out');
}

function resolveDate(
  value: string | Date | number,
  name: string,
  meaning: string,
  first: string,
  second: string,
): number {
  const d = toDay(value);
  const shown = value instanceof Date && !Number.isNaN(d) ? value.toISOString() : String(value);
  if (Number.isNaN(d)) {
    throw new RangeError(
      `${name} '${shown}' is not a valid date: expected text 'YYYY-MM-DD' (such as '2023-07-01'), a Date, or a day number`,
    );
  }
  if (typeof value === 'number' || d === Math.floor(d)) return d;
  let hint = '';
  if (value instanceof Date) {
    // new Date(2023, 9, 1) is midnight on the runtime's clock, not in UTC: name it as made.
    const [y, m, day] = [value.getFullYear(), value.getMonth(), value.getDate()];
    const made = value.getTime() === new Date(y, m, day).getTime();
    const args = made ? `${y}, ${m}, ${day}` : 'y, m, d';
    hint = `. A Date made in local time${made ? `, as new Date(${args}) here,` : ''} is not midnight UTC: give the date as text, '${made ? dayToIso(Date.UTC(y, m, day) / DAY_MS) : 'YYYY-MM-DD'}', or as new Date(Date.UTC(${args}))`;
  }
  throw new RangeError(
    `${name} '${shown}' has a time of day: ${name} is a date, and ${meaning}; give '${dayToIso(d)}' (${first}) or '${dayToIso(d + 1)}' (${second})${hint}`,
  );
}

/** A date accepted by every `asOf`/`from` option: ISO 8601 string, `Date`, or days since epoch. */
export type DateLike = string | Date | number;
