/**
 * An incident id used by a second row, decided alike by the row and the columnar paths and the
 * flat form (and as the DuckDB queries read such ids). When both rows read fine and give the same
 * incident, or differ only in time of day (one may give none), severity, offence, area,
 * coordinates or a weapon one of them gives (as an export with a row per offence does; the day
 * and any weapon, which the analyses, outcome filters and reasons read, agree), the first is kept
 * and the later one rejected with a reason saying so; the incident keeps the one time of day its
 * rows give, or none when they give two, the one weapon given, an area or coordinates a later row
 * gives where the incident has none (else the first row's), and the highest severity its rows
 * give, with that row's offence (the most serious offence is the incident's, as police counting
 * rules have it), with a warning naming the incident and rows. Otherwise (they disagree about the
 * day, give two different weapons, or either row has a problem of its
 * own) which row is right cannot be known, so neither is kept: the later row is rejected and the
 * first, if it was accepted, revoked, each with a reason naming both rows (and the field and both
 * cells as written when they disagree). The involvements of the id are then rejected as those of
 * a rejected incident. A third row is compared with the incident as kept: when the value that
 * differs is one a later row gave (its severity, weapon or time of day), the reason names that
 * row too ("rows 1, 2 and 3, of which rows 2 and 3 differ in severity"), and row 1, when revoked,
 * is revoked for its id.
 */
import type { Severity, Weapon } from '../core/types.js';
import type { RowLedger } from './accounting.js';
import { show } from './cells.js';
import type { Problem } from './forms.js';
import type { IncidentColumnsBuilder, MixedSeverity } from './incident-columns.js';

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

/** How a later row of an incident id compares with the incident kept (see {@link mergeRow}). */
export interface RowMerge {
  /** `same`: they agree; `kept`: the incident is kept (merged); `conflict`: neither can be. */
  kind: 'same' | 'kept' | 'conflict';
  /** The field named (`date` for a time of day); `severity` when severities differ. */
  field: string;
  /** The field's cells as written in row `first` and row `i` (severities: the values kept and read). */
  a: string;
  b: string;
  /** The rows differ in time of day only (of the day and weapon). */
  timeOnly: boolean;
  /** 1: the incident took row `i`'s time of day; 2: it keeps its day without one (two given). */
  time: 0 | 1 | 2;
  /** Row `i`'s severity is above the incident's: the incident took it, and row `i`'s offence. */
  raised: boolean;
  /** The incident had no weapon and took row `i`'s (a weapon given on one row only). */
  armed: boolean;
  /** The rows differ in weapon only as one gives none (the one given is the incident's). */
  oneWeapon: boolean;
  /** The incident took row `i`'s area (1), coordinates (2) or both (3): it had none. */
  placed: number;
  /**
   * The row whose value `a` is: row `first`, or the later row of the id that gave the value the
   * incident keeps (its severity, weapon or time of day), so that a reason names the rows that
   * differ (with rows 1 at severity 2, 2 at 3 and 3 at 2, row 3 differs from row 2, not row 1).
   */
  aRow: number;
}

/**
 * Compares row `i` (fields `f`, read fine, and `day`) with the incident at position `at` of
 * `out` (first given by row `first`) and, when it can be kept, merges row `i` into it (its time of
 * day, a higher severity with its offence). `cellOf(row, field)` is a row's cell as the source
 * has it (`time`: the time cell), quoted so that a user finds it in the file.
 */
export function mergeRow(
  out: IncidentColumnsBuilder,
  at: number,
  f: IncidentFieldValues,
  day: number,
  cellOf: (row: number, field: string) => unknown,
  first: number,
  i: number,
): RowMerge {
  const g = out.giversAt(at);
  const keptDate = out.dateAt(at);
  let date = f.date;
  let weapon = f.weapon;
  const check = (severity: Severity) =>
    out.differs(at, date, f.offence, severity, weapon, f.area, f.lat, f.lon);
  let d = check(f.severity);
  // The same day, at another time of day or none: the rest compared with the date as kept.
  const sameDay = d?.[0] === 'date' && d[1].slice(0, 10) === f.date.slice(0, 10);
  if (sameDay) {
    date = d![1];
    d = check(f.severity);
  }
  // Another severity (a row per offence): the rest compared with the incident's.
  const kept = out.severityAt(at);
  const severity = d?.[0] === 'severity';
  if (severity) d = check(kept);
  // A weapon given on one row only (the weapons offence's row of a row-per-offence export) is
  // the incident's; two different weapons are a conflict.
  const kw = out.weaponAt(at);
  const oneWeapon = d?.[0] === 'weapon' && (kw === undefined || weapon === undefined);
  if (oneWeapon) {
    weapon = kw;
    d = check(kept);
  }
  const hard = d !== undefined && (d[0] === 'date' || d[0] === 'weapon');
  const timeOnly = sameDay && !hard;
  const field = hard
    ? d![0]
    : severity
      ? 'severity'
      : timeOnly
        ? 'date'
        : oneWeapon
          ? 'weapon'
          : (d?.[0] ?? '');
  // The row that gave the incident's value compared: a later row's severity (and offence),
  // weapon or time of day, else row `first` (for the day, area and coordinates always).
  let aRow = first;
  if (field === 'severity' || field === 'offence') aRow = g?.severity ?? first;
  else if (field === 'weapon') aRow = g?.weapon ?? first;
  else if (field === 'area') aRow = g?.area ?? first;
  else if (field === 'lat' || field === 'lon') aRow = g?.coords ?? first;
  else if (timeOnly && g?.times)
    aRow = g.times[0] !== f.date ? g.times[1] : g.times[3]; // a row its time differs from
  else if (timeOnly) aRow = g?.time ?? first;
  // A cell as written (the date with its time cell), else the value read (a derived severity).
  const cell = (row: number, read: string) => {
    const w = show(cellOf(row, field)).trim();
    const t = field === 'date' ? show(cellOf(row, 'time')).trim() : '';
    return w === '' ? read : t === '' ? w : `${w} ${t}`;
  };
  const [a, b] =
    severity && !hard
      ? [String(kept), String(f.severity)]
      : field === ''
        ? ['', '']
        : field === 'weapon' && !hard
          ? [cell(aRow, kw ?? ''), cell(i, f.weapon ?? '')]
          : [cell(aRow, timeOnly ? '' : d![1]), cell(i, timeOnly ? '' : d![2])];
  const kind = hard ? 'conflict' : field === '' ? 'same' : 'kept';
  const time = kind === 'kept' && sameDay ? out.sameDayTime(at, f.date, day) : 0;
  const raised = kind === 'kept' && f.severity > kept;
  if (raised) out.setSeverity(at, f.severity, f.offence);
  const armed = kind === 'kept' && oneWeapon && kw === undefined;
  if (armed) out.setWeapon(at, f.weapon!);
  if (raised) out.noteGivers(at, { severity: i });
  if (armed) out.noteGivers(at, { weapon: i });
  // An area or coordinates given on one row only (the location's row) are the incident's.
  const placed = kind === 'kept' ? out.fillPlace(at, f.area, f.lat, f.lon) : 0;
  if (placed & 1) out.noteGivers(at, { area: i });
  if (placed & 2) out.noteGivers(at, { coords: i });
  if (time === 1) out.noteGivers(at, { time: i });
  if (time === 2 && !g?.times)
    out.noteGivers(at, { times: [keptDate, g?.time ?? first, f.date, i] });
  return {
    kind,
    field,
    a,
    b,
    timeOnly,
    time,
    raised,
    armed,
    oneWeapon: oneWeapon && kind === 'kept',
    placed,
    aRow,
  };
}

/**
 * Row `i` uses the incident id `id` of row `first` (at position `at` of `out` when accepted):
 * gives row `i`'s problem, to reject it with, and, when row `first` must be revoked (after that
 * rejection, so that strict mode throws row `i`'s problem), row `first`'s problem.
 * `own` is row `i`'s own first problem; `undefined` when its fields, `f` (and its `day`), read
 * fine. See {@link mergeRow}; an incident whose severity differs is noted in `out.mixed`.
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
): [Problem, Problem | undefined, boolean?, boolean?] {
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
  const g = out.giversAt(at);
  const m = mergeRow(out, at, f, day, cellOf, first, i);
  const { field, a, b, aRow } = m;
  // The rows compared: row `first` and row `i`, or a later row whose value the incident kept.
  const which =
    aRow === first
      ? `${rows}, which`
      : `incident id '${id}' is used by rows ${first + 1}, ${aRow + 1} and ${i + 1}, of which rows ${aRow + 1} and ${i + 1}`;
  // With `strict` the first such row stops ingest: the reason says what lenient ingest keeps.
  const strictly = ledger.strict
    ? ' (without strict; with it, a repeated incident id stops ingest)'
    : '';
  if (m.kind === 'same') {
    return [
      [
        'incident_id',
        id,
        g
          ? `${rows}; row ${i + 1} gives the incident as kept (row ${first + 1} with values later rows gave); only row ${first + 1} is kept${strictly}`
          : `${rows}, which agree; only row ${first + 1} is kept${strictly}`,
      ],
      undefined,
    ];
  }
  if (m.kind === 'conflict') {
    const why = `${which} disagree about ${field}: '${a}' and '${b}'; ${neither}`;
    // Row `first` is revoked for its id when the value that disagrees is a later row's.
    return [[field, b, why], aRow === first ? [field, a, why] : ['incident_id', id, why]];
  }
  if (field === 'severity') out.mixed.push([id, first, `rows ${aRow + 1} and ${i + 1}`, a, b]);
  // The day and any weapon (which outcome filters and reasons read) agree: the same incident
  // whichever row is kept, with the highest severity (an export with a row per offence differs
  // here). What the rows agree on (a weapon given on one row only is not a disagreement):
  const agree =
    field === 'severity' ? ['day'] : m.timeOnly ? ['day', 'severity'] : ['date', 'severity'];
  if (!m.oneWeapon) agree.push('weapon');
  const notWhat =
    agree.length === 1
      ? agree[0]
      : `${agree.slice(0, -1).join(', ')} or ${agree[agree.length - 1]}`;
  const why =
    `${which} differ in ${m.timeOnly && field === 'date' ? 'time of day' : field === 'weapon' ? 'weapon (given on one row only)' : field}: '${a}' and '${b}', not ${notWhat}; row ${first + 1} is kept` +
    (field === 'severity'
      ? m.raised
        ? `, with row ${i + 1}'s severity, ${b}, the highest${f.offence ? `, and its offence '${f.offence}'` : ''}`
        : `, with ${aRow === first ? 'its' : `row ${aRow + 1}'s`} severity, ${a}, the highest`
      : '') +
    (m.time === 1
      ? `, with row ${i + 1}'s time of day`
      : m.time === 2
        ? ', without a time of day (its rows give two)'
        : m.timeOnly && field === 'date' && aRow !== first
          ? `, with row ${aRow + 1}'s time of day`
          : '') +
    (m.armed
      ? `, with row ${i + 1}'s weapon, '${show(cellOf(i, 'weapon')).trim()}', the only one given`
      : '') +
    (m.placed
      ? `, with row ${i + 1}'s ${['', 'area', 'coordinates', 'area and coordinates'][m.placed]}, the only ${m.placed === 1 ? 'one' : 'ones'} given`
      : '') +
    strictly;
  return [
    [field, field === 'severity' ? show(cellOf(i, field)).trim() || b : b, why],
    undefined,
    m.raised,
    m.armed,
  ];
}

/**
 * The warning naming incidents kept with the highest of their rows' severities (`mixed`, those of
 * accepted incidents: `kept(first)`), at most five, or `undefined` when there is none.
 */
export function mixedSeverityWarning(
  table: string,
  mixed: readonly MixedSeverity[],
  kept: (first: number) => boolean,
): string | undefined {
  const list = mixed.filter((m) => kept(m[1]));
  const n = new Set(list.map((m) => m[0])).size;
  if (n === 0) return undefined;
  const shown = list.slice(0, 5).map(([id, , rows, a, b]) => `'${id}' (${rows}: ${a} and ${b})`);
  return (
    `${table}: ${n} incident${n > 1 ? 's' : ''} with rows of different severities (a row per offence?) ${n > 1 ? 'are' : 'is'} kept with the highest, and that row's offence: ` +
    `${shown.join(', ')}${list.length > 5 ? ', …' : ''}; if they are different incidents, give them different ids`
  );
}
