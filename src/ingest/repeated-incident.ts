/**
 * An incident id used by a second row, decided alike by the row and the columnar paths (and as
 * the DuckDB queries leave such ids out). When both rows read fine and give the same incident,
 * or differ only in time of day (one may give none), offence, area or coordinates (as an export
 * with a row per offence does; the day, severity and weapon, which the analyses, outcome filters
 * and reasons read, agree), the first is kept and the later one rejected with a reason saying so;
 * the incident keeps the one time of day its rows give, or none when they give two. Otherwise
 * (they disagree about the day, the severity or the weapon, or either row has a problem of its
 * own) which row is right cannot be known, so neither is kept: the later row is rejected and the
 * first, if it was accepted, revoked, each with a reason naming both rows (and the field and both
 * cells as written when they disagree). The involvements of the id are then rejected as those of
 * a rejected incident.
 */
import type { Severity, Weapon } from '../core/types.js';
import type { RowLedger } from './accounting.js';
import { show } from './cells.js';
import type { Problem } from './forms.js';
import type { IncidentColumnsBuilder } from './incident-columns.js';

/** The fields of an incident row read fine, as {@link IncidentColumnsBuilder.add} takes them. */
export interface IncidentFieldValues {
  date: string;
  offence: string;
  severity: Severity;
  weapon: Weapon | undefined;
  area: string | undefined;
  lat: number | undefined;
  lon: number | undefined;
}

/**
 * Row `i` uses the incident id `id` of row `first` (at position `at` of `out` when accepted):
 * gives row `i`'s problem, to reject it with, and, when row `first` must be revoked (after that
 * rejection, so that strict mode throws row `i`'s problem), row `first`'s problem.
 * `own` is row `i`'s own first problem; `undefined` when its fields, `f` (and its `day`), read
 * fine. `cellOf(row, field)` is a row's cell of a field as the source has it (`time`: the time
 * cell), quoted in reasons so that a user finds it in the file. Rows of the same day that differ
 * only in their time of day (or one gives none) agree about the date: the incident keeps the one
 * time of day its rows give, or none when they give two (as the DuckDB queries read them).
 */
export function repeatedIncident(
  ledger: RowLedger,
  out: IncidentColumnsBuilder,
  at: number,
  id: string,
  first: number,
  i: number,
  own: Problem | undefined,
  f: IncidentFieldValues,
  day: number,
  cellOf: (row: number, field: string) => unknown,
): [Problem, Problem | undefined] {
  const rows = `incident id '${id}' is used by rows ${first + 1} and ${i + 1}`;
  const neither = 'which row is right cannot be known, so neither is kept';
  if (!ledger.isAccepted(first)) {
    const why = `${rows}; row ${first + 1} was rejected (${ledger.reason(first)}), and so is this one`;
    return [['incident_id', id, why], undefined];
  }
  if (own) {
    const why = `${rows}, and row ${i + 1} was rejected (${own[2]}); ${neither}`;
    return [own, ['incident_id', id, why]];
  }
  const check = (date: string) =>
    out.differs(at, date, f.offence, f.severity, f.weapon, f.area, f.lat, f.lon);
  let d = check(f.date);
  // The same day, at another time of day or none: the rest compared with the date as kept.
  const sameDay = d?.[0] === 'date' && d[1].slice(0, 10) === f.date.slice(0, 10);
  if (sameDay) d = check(d![1]);
  const hard = d !== undefined && (d[0] === 'date' || d[0] === 'severity' || d[0] === 'weapon');
  const timeOnly = sameDay && !hard;
  if (d === undefined && !timeOnly) {
    return [['incident_id', id, `${rows}, which agree; only row ${first + 1} is kept`], undefined];
  }
  const field = timeOnly ? 'date' : d![0];
  // A cell as written (the date with its time cell), else the value read (a derived severity).
  const cell = (row: number, read: string) => {
    const w = show(cellOf(row, field)).trim();
    const t = field === 'date' ? show(cellOf(row, 'time')).trim() : '';
    return w === '' ? read : t === '' ? w : `${w} ${t}`;
  };
  const a = cell(first, timeOnly ? '' : d![1]);
  const b = cell(i, timeOnly ? '' : d![2]);
  if (!hard) {
    // Day, severity and weapon (which outcome filters and reasons read) agree: the same
    // incident whichever row is kept (an export with a row per offence differs only here).
    const t = timeOnly ? out.sameDayTime(at, f.date, day) : 0;
    const why =
      `${rows}, which differ in ${timeOnly ? 'time of day' : field}: '${a}' and '${b}', not ${timeOnly ? 'day' : 'date'}, severity or weapon; row ${first + 1} is kept` +
      (t === 1
        ? `, with row ${i + 1}'s time of day`
        : t === 2
          ? ', without a time of day (its rows give two)'
          : '');
    return [[field, b, why], undefined];
  }
  const why = `${rows}, which disagree about ${field}: '${a}' and '${b}'; ${neither}`;
  return [
    [field, b, why],
    [field, a, why],
  ];
}
