import { DAY_MS, toDay } from '../core/time.js';

/**
 * How day-first or month-first sources write dates. ISO 8601 (`2021-03-04`,
 * `2021-03-04T10:15:00Z`) is always read; `dmy` also reads `04/03/2021` (and `04-03-2021`,
 * `04.03.2021`, optionally followed by ` 10:15` or ` 10:15:30`), `mdy` reads `03/04/2021`.
 */
export type DateFormat = 'iso' | 'dmy' | 'mdy';

/** A date read from a source: normalised ISO text and days since 1970-01-01 UTC. */
export interface ParsedDate {
  /** `YYYY-MM-DD` for a date, a full UTC ISO date-time (`…T10:15:00.000Z`) for a date-time. */
  date: string;
  /** {@link toDay} of `date`. */
  day: number;
}

const SLASHED =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// A `Date` at exactly midnight UTC is a plain date (that is how arquero and JSON revivers read
// `YYYY-MM-DD`); text that spells out a time keeps it.
function fromInstant(ms: number, keepTime: boolean): ParsedDate | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return !keepTime && ms % DAY_MS === 0
    ? { date: iso.slice(0, 10), day: ms / DAY_MS }
    : { date: iso, day: ms / DAY_MS };
}

/**
 * Reads one date cell. Date-times without a zone are read as UTC, so results never depend on
 * the machine's time zone. Returns `undefined` for anything that is not a real date
 * (`2021-02-31`, `31/02/2021`, a bare number, an empty cell).
 */
export function parseDate(value: unknown, format: DateFormat = 'iso'): ParsedDate | undefined {
  if (value instanceof Date) return fromInstant(value.getTime(), false);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (/^\d{4}-/.test(s)) {
    const day = toDay(s);
    if (Number.isNaN(day)) return undefined;
    if (s.length === 10) return { date: s, day };
    return fromInstant(Math.round(day * DAY_MS), true);
  }
  if (format === 'iso') return undefined;
  const m = SLASHED.exec(s);
  if (!m) return undefined;
  const d = format === 'dmy' ? +m[1] : +m[2];
  const mo = format === 'dmy' ? +m[2] : +m[1];
  const ymd = `${m[3]}-${pad2(mo)}-${pad2(d)}`;
  const day = toDay(ymd);
  if (Number.isNaN(day)) return undefined;
  if (m[4] === undefined) return { date: ymd, day };
  const h = +m[4];
  const min = +m[5];
  const sec = m[6] === undefined ? 0 : +m[6];
  if (h > 23 || min > 59 || sec > 59) return undefined;
  return fromInstant(day * DAY_MS + ((h * 60 + min) * 60 + sec) * 1000, true);
}

/** True when `s` looks like a day/month/year date (used to hint at the `dateFormat` option). */
export function looksSlashed(s: string): boolean {
  return SLASHED.test(s.trim());
}
