import { count } from '../core/plural.js';
import { DAY_MS, dayToIso, toDay } from '../core/time.js';
import { isUtc, toLocalMs } from '../core/time-zone.js';
import { show, spreadsheetMarkHint } from './cells.js';

/**
 * How day-first or month-first sources write dates. ISO 8601 (`2021-03-04`,
 * `2021-03-04T10:15:00Z`; a 12-hour clock time too, `2021-03-04 2:15 PM`; a zone after a space
 * too, `2021-03-04 10:15:00 UTC` as BigQuery and
 * `2021-03-04 10:15:00.0000000 +01:00` as SQL Server write them) is always read; `dmy` also reads `04/03/2021` (and `04-03-2021`,
 * `04.03.2021`, optionally followed by ` 10:15` or ` 10:15:30`, or a 12-hour clock time
 * ` 2:15 PM`, ` 02:15:30 PM`), `mdy` reads `03/04/2021` (`03/04/2021 02:15:30 PM`, as US portals
 * such as Chicago's and Los Angeles' write them).
 */
export type DateFormat = 'iso' | 'dmy' | 'mdy';

/** A date read from a source: normalised ISO text and days since 1970-01-01 UTC. */
export interface ParsedDate {
  /**
   * `YYYY-MM-DD` for a date; a full UTC ISO date-time (`…T10:15:00.000Z`) for a date-time, or
   * with a `timeZone`, the local date-time without a zone suffix (`…T23:30:00.000`).
   */
  date: string;
  /** {@link toDay} of `date`. */
  day: number;
}

const SLASHED =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?([AaPp])\.?[Mm]\.?)?)?$/;

/**
 * The hour of a 12-hour clock time (`h` 1–12, `half` 'A'/'a' or 'P'/'p'): 12 AM is 0, 12 PM is 12;
 * -1 for an hour that is not 1–12 (`13:00 PM`, `0:30 AM`).
 */
function hour24(h: number, half: string): number {
  if (h < 1 || h > 12) return -1;
  return (h % 12) + (half === 'P' || half === 'p' ? 12 : 0);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A plain date's day number as a small integer: the same number, but one that V8 keeps inside
 * each record (a day that came out of a division would get a heap box of its own in every
 * incident, a million extra objects for the garbage collector at a million incidents).
 */
const whole = (day: number) => day | 0;

// A `Date` at exactly midnight UTC is a plain date (that is how arquero and JSON revivers read
// `YYYY-MM-DD`); text that spells out a time keeps it. `local` turns an instant into local
// wall-clock ms (absent for UTC); a local date-time is written without a zone suffix, so that
// `toDay(date) === day` still holds (days counted on the local calendar).
function fromInstant(
  ms: number,
  keepTime: boolean,
  local?: (ms: number) => number,
): ParsedDate | undefined {
  if (!Number.isFinite(ms)) return undefined;
  if (!keepTime && ms % DAY_MS === 0) {
    return { date: new Date(ms).toISOString().slice(0, 10), day: whole(ms / DAY_MS) };
  }
  return fromWallClock(local === undefined ? ms : local(ms), local !== undefined);
}

/** A wall-clock time (ms read as UTC) as a date-time; `local` drops the `Z`. */
function fromWallClock(ms: number, local: boolean): ParsedDate {
  const iso = new Date(ms).toISOString();
  return { date: local ? iso.slice(0, -1) : iso, day: ms / DAY_MS };
}

/**
 * Reads one date cell. Date-times without a zone are read as UTC, so results never depend on
 * the machine's time zone. Returns `undefined` for anything that is not a real date
 * (`2021-02-31`, `31/02/2021`, a bare number, an empty cell).
 *
 * With `timeZone` (an IANA name, e.g. `'America/Chicago'`; default UTC), days are counted on
 * that zone's local calendar: a date-time with a zone (`…Z`, `…-06:00`) or a `Date` is turned
 * into local time, and a date-time without a zone is taken to be local time already. Local
 * date-times are written without a zone suffix (`2023-12-31T23:30:00.000`).
 */
export function parseDate(
  value: unknown,
  format: DateFormat = 'iso',
  timeZone?: string,
): ParsedDate | undefined {
  return dateReader(format, timeZone)(value);
}

/**
 * {@link parseDate} for one format and zone, prepared once (the zone's offsets are cached).
 * @internal
 */
export function dateReader(
  format: DateFormat = 'iso',
  timeZone?: string,
): (value: unknown) => ParsedDate | undefined {
  const local = isUtc(timeZone) ? undefined : toLocalMs(timeZone as string);
  return (value) => {
    if (value instanceof Date) return fromInstant(value.getTime(), false, local);
    if (typeof value !== 'string') return undefined;
    let s = value.trim();
    if (/^\d{4}-/.test(s)) {
      // An offset in hours alone, as PostgreSQL writes a timestamptz (`2021-03-04 10:00:00+00`).
      if (HOUR_OFFSET.test(s)) s += ':00';
      let day = toDay(s);
      // An hour of one digit, as Excel's 'yyyy-mm-dd h:mm' writes it ('2023-01-05 9:05',
      // '2023-01-05 0:00'): the same time with its zero. It was refused as a time not read.
      if (Number.isNaN(day) && ONE_DIGIT_HOUR.test(s)) {
        s = `${s.slice(0, 11)}0${s.slice(11)}`;
        day = toDay(s);
      }
      // A 12-hour clock time after an ISO day, as a spreadsheet's 'yyyy-mm-dd h:mm AM/PM' writes
      // it ('2023-01-05 1:30 PM'): the same time on a 24-hour clock. It was refused as a time
      // not read, though the day-first and month-first forms read it.
      if (Number.isNaN(day)) {
        const t = ISO_TWELVE_HOUR.exec(s);
        if (t !== null) {
          const h = hour24(+t[2], t[5]);
          if (h < 0) return undefined;
          s = `${t[1]}T${pad2(h)}:${t[3]}${t[4] ?? ''}`;
          day = toDay(s);
        }
      }
      if (Number.isNaN(day)) {
        // A zone after a space, as BigQuery (`2023-01-05 14:00:00 UTC`) and SQL Server's
        // datetimeoffset (`2023-01-05 14:00:00.0000000 +01:00`) write them: read as written
        // right after the time. Only on this path, so that other dates cost nothing more.
        const z = SPACED_ZONE.exec(s);
        // After a time (16 characters: YYYY-MM-DD HH:MM), never after a day alone.
        if (z === null || z.index < 16) return undefined;
        s = s.slice(0, z.index) + (z[1] ? `${z[1]}:${z[2] ?? '00'}` : 'Z');
        day = toDay(s);
        if (Number.isNaN(day)) return undefined;
      }
      if (s.length === 10) return { date: s, day: whole(day) };
      const ms = Math.round(day * DAY_MS);
      if (local !== undefined && !ZONED.test(s)) return fromWallClock(ms, true);
      return fromInstant(ms, true, local);
    }
    if (format === 'iso') return undefined;
    const m = SLASHED.exec(s);
    if (!m) return undefined;
    const d = format === 'dmy' ? +m[1] : +m[2];
    const mo = format === 'dmy' ? +m[2] : +m[1];
    const ymd = `${m[3]}-${pad2(mo)}-${pad2(d)}`;
    const day = toDay(ymd);
    if (Number.isNaN(day)) return undefined;
    if (m[4] === undefined) return { date: ymd, day: whole(day) };
    const h = m[7] === undefined ? +m[4] : hour24(+m[4], m[7]);
    const min = +m[5];
    const sec = m[6] === undefined ? 0 : +m[6];
    if (h < 0 || h > 23 || min > 59 || sec > 59) return undefined;
    return fromWallClock(day * DAY_MS + ((h * 60 + min) * 60 + sec) * 1000, local !== undefined);
  };
}

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO date-time at 24:00 (`2023-04-05 24:00`, `2023-04-05T24:00:00`). */
const END_OF_DAY = /^\s*\d{4}-\d{2}-\d{2}[T ]24:00/;

/**
 * Whether `raw`, a date cell read as a date, is written at 24:00: ISO 8601's end of the day,
 * which is 00:00 of the next (the reading kept), where a records system that writes 24:00
 * usually means the day written. @internal
 */
export const endOfDayText = (raw: unknown): boolean =>
  typeof raw === 'string' && raw.indexOf('24:00') > 10 && END_OF_DAY.test(raw);

/** A time cell at 24:00 (`24:00`, `24:00:00`, `2400`): ISO 8601's end of the day. @internal */
export const endOfDayTime = (raw: unknown): boolean =>
  raw === 2400 ||
  raw === 2400n ||
  (typeof raw === 'string' && raw.indexOf('24') >= 0 && /^\s*24(?::?00)(?::00)?\s*$/.test(raw));

/**
 * The warning for the rows `i` < `n` that `kept` and whose date cell `raw(i)` is written at 24:00
 * ({@link endOfDayText}), in column `column`; `undefined` for none. With `dayOf` (the day, as
 * `YYYY-MM-DD`, of row `i`'s date cell), `column` is a time column and `raw(i)` its cells at 24:00
 * ({@link endOfDayTime}). The same in the row and columnar paths. @internal
 */
export function endOfDayWarning(
  table: string,
  column: string,
  n: number,
  raw: (i: number) => unknown,
  kept: (i: number) => boolean,
  dayOf?: (i: number) => string,
): string | undefined {
  const at = dayOf ? endOfDayTime : endOfDayText;
  const rows: string[] = [];
  let first = '';
  let day = '';
  for (let i = 0; i < n; i++)
    if (at(raw(i)) && kept(i) && rows.push(`row ${i + 1}`) === 1) {
      first = String(raw(i)).trim();
      day = dayOf ? dayOf(i) : first.slice(0, 10);
      if (dayOf) first += `' on '${day}`;
    }
  if (rows.length === 0) return undefined;
  return `${table}: column '${column}' has ${count(rows.length, dayOf ? 'time' : 'date')} at 24:00 (${rows.slice(0, 5).join(', ')}${rows.length > 5 ? ', …' : ''}: '${first}'), read as ISO 8601 reads 24:00, 00:00 of the next day (${dayToIso(toDay(day) + 1)}, not ${day}); a records system that writes 24:00 usually means the end of the day written: write 23:59 to keep that day`;
}
/** An ISO day and a 12-hour clock time: [, day, hour, minutes, :seconds(.fraction), A or P]. */
const ISO_TWELVE_HOUR =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})((?::\d{2})(?:\.\d+)?)? ?([AaPp])\.?[Mm]\.?$/;
/** A date and a time whose hour has one digit (`2023-01-05 9:05`). */
const ONE_DIGIT_HOUR = /^\d{4}-\d{2}-\d{2}[ T]\d:\d{2}/;
/**
 * A zone after a space at the end: `UTC`, `GMT` or `Z` (any case), or an offset `±HH:MM`,
 * `±HHMM` or `±HH` ([, its hours, its minutes]).
 */
const SPACED_ZONE = / (?:UTC|GMT|Z|([+-]\d\d)(?::?(\d\d))?)$/i;
/** A time followed by an offset of whole hours (`10:00:00+00`, `10:00-05`). */
export const HOUR_OFFSET = /\d:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2}$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?([AaPp])\.?[Mm]\.?)?$/;

/**
 * Reads a time-of-day cell (`23:30`, `23:30:15`, a 12-hour clock time `11:30 PM`, or `2330` as
 * police exports write it) as a fraction of a day; `undefined` when it is not a time of day.
 * HHMM saved from a number column has lost its leading zero: three digits (`930`) are 09:30, in
 * text as in a number cell (the only reading: `9:30`). Shorter text (`30`, `5`) is refused: an
 * hour or minutes? A number cell is read as HHMM, `5` as 00:05.
 */
export function parseTime(value: unknown): number | undefined {
  let s: string;
  if (typeof value === 'bigint') value = Number(value); // a 64-bit integer cell: HHMM
  if (typeof value === 'number') s = Number.isInteger(value) ? String(value).padStart(4, '0') : '';
  else if (typeof value === 'string') {
    s = value.trim();
    if (s.length === 3 && /^\d{3}$/.test(s)) s = `0${s}`;
  } else return undefined;
  let h: number;
  let min: number;
  let sec = 0;
  const m = TIME.exec(s);
  if (m) {
    h = m[4] === undefined ? +m[1] : hour24(+m[1], m[4]);
    min = +m[2];
    sec = m[3] === undefined ? 0 : +m[3];
  } else if (/^\d{4}$/.test(s)) {
    h = +s.slice(0, 2);
    min = +s.slice(2);
  } else return undefined;
  if (h < 0 || h > 23 || min > 59 || sec > 59) return undefined;
  return ((h * 60 + min) * 60 + sec) / 86_400;
}

/**
 * A plain date plus a local time of day (a fraction of a day): the date-time, written as a
 * date-time text of that zone would be. @internal
 */
export function withTimeOfDay(date: ParsedDate, fraction: number, timeZone?: string): ParsedDate {
  return fromWallClock(Math.round((date.day + fraction) * DAY_MS), !isUtc(timeZone));
}

/**
 * A date cell's reading `parsed` (of the cell `rawDate`) completed by a non-empty time cell
 * `raw` (its trimmed text `t`; local wall clock), or the problem [field, value, reason]. A time
 * cell at 24:00 ({@link endOfDayTime}) is read as a date-time cell at 24:00 is: 00:00 of the next
 * day (the caller warns). A date-time at exactly midnight is a date saved as a date-time (SQL
 * `datetime`, Excel; Los Angeles writes `03/01/2020 12:00:00 AM` beside `TIME OCC 2130`): the time
 * cell gives its time. A date-time at any other time, or at 24:00 (no system saves a date so),
 * with a time cell, is refused, naming both `columns`: two times for one incident. One rule for
 * the row and columnar paths. @internal
 */
export function withTimeCell(
  parsed: ParsedDate,
  rawDate: unknown,
  raw: unknown,
  t: string,
  columns: readonly [date: string, time: string],
  timeZone?: string,
): ParsedDate | [field: string, value: string, reason: string] {
  const fraction = endOfDayTime(raw) ? 1 : parseTime(raw);
  if (fraction === undefined) {
    return ['time', t, `time '${t}' is not a time of day (expected HH:MM, HH:MM:SS or HHMM)`];
  }
  if (parsed.date.length > 10) {
    if (parsed.day % 1 !== 0 || endOfDayText(rawDate)) {
      return [
        'time',
        t,
        `two times for one incident: date '${show(rawDate).trim()}' (column '${columns[0]}') already carries a time, and column '${columns[1]}' gives '${t}'; leave one of them empty`,
      ];
    }
    parsed = { date: parsed.date.slice(0, 10), day: whole(parsed.day) };
  }
  return withTimeOfDay(parsed, fraction, timeZone);
}

/**
 * "Now" (days, local to `timeZone`) as the future-date reason writes it: a day (also for the
 * end of one, a date-only `now`), or a date-time (without the `Z` when it is local time: 21:00 in Chicago is not 21:00 UTC). @internal
 */
export function nowText(nowDay: number, timeZone?: string): string {
  const ms = Math.round(nowDay * DAY_MS);
  // A day, or the last millisecond of one (a date-only 'now': the end of that day).
  if (Number.isInteger(nowDay) || ms % DAY_MS === DAY_MS - 1)
    return new Date(Math.floor(nowDay) * DAY_MS).toISOString().slice(0, 10);
  return fromWallClock(Math.floor(nowDay * DAY_MS), !isUtc(timeZone)).date;
}

/**
 * The first day an incident may fall on, 1900-01-02 (days since 1970-01-01). Earlier dates are no
 * police record's but placeholders for an unknown date: 1900-01-01 is the zero date of SQL Server
 * and Excel, 1899-12-30 and -31 Excel's day 0, 1753-01-01 and 0001-01-01 other systems' minimum.
 * Read as dates, they would stretch every analysis window back a century. @internal
 */
export const FIRST_INCIDENT_DAY = -25_566;

/** The reason for an incident date before {@link FIRST_INCIDENT_DAY}. @internal */
export const earlyDateReason = (v: string) =>
  `date '${v}' is before 1900-01-02: a placeholder for an unknown date? (1900-01-01 is SQL Server's and Excel's zero date)`;

/**
 * The problem of a date cell (its trimmed text `v`) that is not a date, with a hint at the likely
 * cause: day/month/year text read as ISO; a date valid only in the other order (`03/25/2021` with
 * `dmy`: the format may be wrong, and then the dates with a day up to 12 were misread); a
 * two-digit year (never guessed); an Excel serial day number (`44197`, a date column saved
 * unformatted); Unix time in seconds or milliseconds (`1672531200000`, naming the day it would
 * be); a month written as a name (`06-Jan-2023`, Oracle's default); or, for text in no form the format reads (`2023/03/05`, `5 March 2023`,
 * `20230305`), the forms it reads. @internal
 */
export function badDate(
  v: string,
  format: DateFormat,
  field = 'date',
): [field: string, value: string, reason: string] {
  if (v === '') return [field, '', `${field} is empty`];
  const other = format === 'dmy' ? 'mdy' : 'dmy';
  // A spreadsheet's text mark ('2023-01-05) or formula (="2023-01-05") around a date that reads.
  const marked = spreadsheetMarkHint(
    v,
    (inner) => (parseDate(inner, format) !== undefined ? 'a date' : undefined),
    'dates',
  );
  const hint =
    marked !== ''
      ? marked
      : format === 'iso' && looksSlashed(v)
        ? "; dates are read as ISO (YYYY-MM-DD): set dateFormat: 'dmy' (or 'mdy') for day/month/year dates"
        : format !== 'iso' && parseDate(v, other) !== undefined
          ? // 25/03 read as month/day: if the column is day/month, its days up to 12 were misread too.
            `; it is a valid date as ${other}: if the column is ${other}, set dateFormat: '${other}' (its dates with a day up to 12 were read the wrong way round)`
          : /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:[ T]|$)/.test(v)
            ? '; a two-digit year is never guessed (19xx or 20xx?): save dates with four-digit years'
            : /^\d{5}(?:\.\d+)?$/.test(v)
              ? '; an Excel serial day? Format the column as dates (YYYY-MM-DD) before saving'
              : (unixTimeHint(v) ??
                (MONTH_NAME.test(v)
                  ? `; month names are not read: expected ${EXPECTED[format]}`
                  : /^\d{4}-(?:\d-\d{1,2}|\d{2}-\d)(?:$|[ T])/.test(v)
                    ? '; write the month and the day with two digits each (YYYY-MM-DD, such as 2023-01-05)'
                    : /^\d{4}-\d{2}-\d{2}[ T]\d/.test(v) &&
                        parseDate(v.slice(0, 10), 'iso') !== undefined
                      ? // The day is one ('2023-01-05 10:00 EST', '2023-01-05 noon'): the time or zone is not read.
                        `; its day, ${v.slice(0, 10)}, is read but not what follows: expected a time of day (HH:MM, HH:MM:SS or HH:MM:SS.fff) and, if any, a zone as Z, UTC or ±HH:MM (${v.slice(0, 10)} 10:00:00+00:00); names such as EST are not read`
                      : readShape(v, format)
                        ? '' // the shape is read, the day is not one (31/02/2021, 2021-02-30)
                        : `; expected ${EXPECTED[format]}`));
  return [field, v, `${field} '${v}' is not a valid date${hint}`];
}

/** A month written as a name or its first three letters, between or before the day and year. */
const MONTH_NAME =
  /(?:^|[\s\-/.,])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:$|[\s\-/.,])/i;

/**
 * A hint for a date written as Unix time (seconds or milliseconds since 1970-01-01 UTC, as
 * databases and JSON exports write them: 10 or 13 digits) that falls between 1971 and 2100,
 * naming the day it would be; undefined for any other text.
 */
function unixTimeHint(v: string): string | undefined {
  const m = /^(\d{10}|\d{13})(?:\.\d+)?$/.exec(v);
  if (!m) return undefined;
  const ms = m[1].length === 13 ? Number(m[1]) : Number(m[1]) * 1000;
  const day = new Date(ms);
  const year = day.getUTCFullYear();
  if (year < 1971 || year > 2100) return undefined;
  const unit = m[1].length === 13 ? 'milliseconds' : 'seconds';
  return `; Unix time in ${unit} (${day.toISOString().slice(0, 10)} UTC)? Convert the column to dates (YYYY-MM-DD) before ingest`;
}

/** The date forms each format reads, as a reason names them. */
const EXPECTED: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD (ISO 8601), optionally with a time of day (YYYY-MM-DD HH:MM)',
  dmy: 'DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY) or YYYY-MM-DD, optionally with a time of day',
  mdy: 'MM/DD/YYYY (or MM-DD-YYYY, MM.DD.YYYY) or YYYY-MM-DD, optionally with a time of day',
};

/**
 * True when `v` is written in a form `format` reads (`2021-02-30`, `31/02/2021` with `dmy`),
 * whether or not its day exists: such text needs no word on the forms expected.
 */
function readShape(v: string, format: DateFormat): boolean {
  // After the date, only a time of day ('2023-03-05 25:00'), not words ('2023-03-05 noon').
  return /^\d{4}-\d{1,2}-\d{1,2}(?:$|[ T]\d)/.test(v) || (format !== 'iso' && SLASHED.test(v));
}

/** True when `s` looks like a day/month/year date (used to hint at the `dateFormat` option). */
export function looksSlashed(s: string): boolean {
  return SLASHED.test(s.trim());
}
