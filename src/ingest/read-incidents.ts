/**
 * The incidents reader (all three forms): each row's id (present, text or a number, unique: a
 * duplicate names both rows, and is kept from its first row only when the rows agree, see
 * repeated-incident.ts), date (real, not in the future; a separate time-of-day column
 * completes a plain date), severity (a whole number 0–4, or derived from the offence), lat/lon in
 * range, weapon (unknown texts kept as `other` and counted). In the flat form an incident's
 * later rows are compared with its first as repeated rows are (and it is revoked when they
 * disagree); in the nested form each row's `people` list is collected here for the
 * involvements reader. Every row is accounted for in the table's {@link RowLedger}.
 */

import type { IncidentColumns } from '../core/dataset-index.js';
import type { Severity, Weapon } from '../core/types.js';
import { RowLedger } from './accounting.js';
import {
  badIdReason,
  coordinate,
  idText,
  isEmpty,
  severityCell,
  show,
  surplusReason,
  text,
  weaponKey,
} from './cells.js';
import { type Getter, getter, requireColumn, resolveColumns } from './columns.js';
import {
  badDate,
  earlyDateReason,
  endOfDayText,
  endOfDayTime,
  endOfDayWarning,
  FIRST_INCIDENT_DAY,
  nowText,
  type ParsedDate,
  withTimeCell,
} from './dates.js';
import type { InputForm, Problem } from './forms.js';
import { IncidentColumnsBuilder } from './incident-columns.js';
import { MissingColumnError } from './missing-column-error.js';
import { type CanonicalField, INCIDENT_FIELDS } from './options.js';
import type { ReadContext } from './read-context.js';
import { mergeRow, mixedSeverityWarning, repeatedIncident } from './repeated-incident.js';
import { severityDeriver } from './severity.js';
import { levelCell } from './severity-levels.js';
import { checkScale, SeverityTally } from './severity-scale.js';
import { parseJsonText, type SourceTable, TOUCH_BLOCK } from './source-table.js';
import { DEFAULT_WEAPON_SYNONYMS } from './weapons.js';

/** What the incidents reader found, for the involvements reader and the summary. */
export interface IncidentsRead {
  src: SourceTable;
  ledger: RowLedger;
  /** The source column of each field. */
  columns: Partial<Record<CanonicalField, string>>;
  /** The accepted incidents, in input order, as columns (the dataset makes the records when read). */
  incidents: IncidentColumns;
  /**
   * Position in `incidents` of each accepted row (for the dataset index's layout); `undefined`
   * when every row was accepted, so that row `j` is at position `j`.
   */
  outPos: Int32Array | undefined;
  /** The row of each incident id (its first row; later rows with the id are duplicates). */
  rowById: (id: string) => number | undefined;
  /**
   * The id of each row that `rowById` gives for its id (`undefined` for duplicates and rows with
   * no id): `keyByRow[j] === id` exactly when `rowById(id) === j`, so a guess of the row can
   * be checked without a look-up.
   */
  keyByRow: (string | undefined)[];
  /** How an involvement's rejection names the row of incident row `j`. */
  ref: (j: number) => string;
  /** Nested form: the id text of each row (`''` when it has none). */
  idByRow: string[];
  /** Nested form: the people entries of every row read, in order. */
  entries: unknown[];
  /** Nested form: the incident row each entry came from. */
  entryParent: number[];
  /** Accepted incidents whose severity was derived from the offence. */
  severityDerived: number;
  /** 1 at each accepted incident (as in `incidents`) whose severity was derived; `undefined`: none. */
  derivedSeverities: Uint8Array | undefined;
  /** The severity column's values, when it has one and `severityLevels` is not given. */
  severityTally: SeverityTally | undefined;
  /** Weapon texts no synonym matched, kept as `other`, with their counts. */
  weaponsReadAsOther: Record<string, number>;
  /** Incidents kept from rows that differ (different severities; the flat form's other differences). */
  warnings: string[];
}

/** Reads and checks the incidents table of the input's form. */
export function readIncidents(form: InputForm, ctx: ReadContext): IncidentsRead {
  const o = ctx.o;
  const incSrc = form.incidents;
  const nested = form.form === 'nested';
  const flat = form.form === 'flat';
  const ledger = new RowLedger('incidents', incSrc, o.strict);
  const inc = resolveColumns(
    incSrc,
    nested ? [...INCIDENT_FIELDS, 'time', 'people'] : [...INCIDENT_FIELDS, 'time'],
    o.mapping,
  ) as Partial<Record<CanonicalField, string>>;
  requireColumn('incidents', incSrc, inc, 'incident_id', o.mapping);
  requireColumn('incidents', incSrc, inc, 'date', o.mapping);
  if (inc.severity === undefined && inc.offence === undefined && incSrc.length > 0) {
    throw new MissingColumnError(
      // The flat form's incident columns are the involvements table's, and its columns listed.
      flat ? 'involvements (a flat table: incident columns on each row)' : 'incidents',
      'severity',
      incSrc.columns,
      o.mapping.severity,
      ` and no 'offence' column to derive it from (mapping.offence)`,
      incSrc.delimiter !== undefined,
    );
  }

  // The severity column's values, checked for another scale before any row is read (a 1–5 grade
  // would have its 5s rejected one by one and the rest kept as if on 0–4); not when
  // `severityLevels` gives its scale.
  let severityTally: SeverityTally | undefined;
  if (inc.severity !== undefined && o.severityLevels === undefined) {
    severityTally = new SeverityTally(inc.severity);
    const get = getter(incSrc, inc.severity)!;
    for (let i = 0; i < incSrc.length; i++) severityTally.add(get(i));
    checkScale(severityTally);
  }

  const nInc = incSrc.length;
  const getId = getter(incSrc, inc.incident_id)!;
  const getPeople = nested ? getter(incSrc, inc.people) : undefined;
  const fields = new IncidentFields(incSrc, inc, ctx);

  /** Incident row of each id (first row wins; later rows with the id are duplicates). */
  const incRowById = new Map<string, number>();
  // The id of each row whose id is new (`keyByRow` in the result). While every row so far was
  // accepted at its own position, that is the ids column collected (`incOut`), and this array is
  // not made: it is made (from the ids collected) at the first row that is not accepted there.
  let keyByRow: (string | undefined)[] | undefined;
  const keyOf = (j: number) => (keyByRow ? keyByRow[j] : incOut.idAt(j));
  // `keyByRow` made at row `i`: the ids of rows 0 … i − 1, all accepted at their own positions.
  const keysBefore = (i: number): (string | undefined)[] => {
    const keys: (string | undefined)[] = new Array(nInc).fill(undefined);
    for (let r = 0; r < i; r++) keys[r] = incOut.idAt(r);
    return keys;
  };
  let repeatedIds = false;
  // While ids come in strictly ascending order (exports sorted by id), each is new without a
  // look-up: their rows are kept in order (`ascRows`, the first `nAsc`; each row's id is in
  // `keyByRow`) and found by binary search. The first id that is not above the one before it
  // moves them all to `incRowById`. Until a row is skipped (no id, or not ascending), the rows are
  // 0, 1, 2…, and `ascRows` is not made.
  let ascending = true;
  let ascRows: Int32Array | undefined;
  const ascRow = (a: number) => (ascRows ? ascRows[a] : a);
  let nAsc = 0;
  let lastId = '';
  // Made at full length and cut to the accepted rows at the end: a push-grown array of millions
  // leaves each outgrown copy to the collector.
  const incOut = new IncidentColumnsBuilder(nInc);
  let nOut = 0;
  // Made when a row is first accepted at another position than its own row number.
  let outPos: Int32Array | undefined;
  // Positions of accepted rows revoked by a later row with their id (see repeated-incident.ts).
  const gone: number[] = [];
  const incIdByRow: string[] = nested ? new Array(nInc) : [];
  let severityDerived = 0;
  // Nested form: the people entries read, with the incident row each came from.
  const entries: unknown[] = [];
  const entryParent: number[] = [];

  // Incidents whose severity a later row raised: whether it was derived (else: their first row's).
  const derivedNow = new Map<number, boolean>();
  const derivedKept = (j: number) => derivedNow.get(j) ?? fields.derivedAt(j);
  // Incident row `j`, at `at` in incOut, took a later row's higher severity.
  const keptSeverity = (j: number, at: number, derived: boolean) => {
    if (derived !== derivedKept(j)) severityDerived += derived ? 1 : -1;
    derivedNow.set(j, derived);
    incOut.markDerived(at, derived);
  };
  // Incidents that took a later row's weapon (they had none): that row's text read as `other`
  // is counted, and uncounted if the incident is revoked.
  const weaponOther = new Map<number, string | undefined>();
  const armedBy = (j: number, other: string | undefined) => {
    fields.countOther(other, 1);
    weaponOther.set(j, other);
  };
  const otherKept = (j: number) =>
    weaponOther.has(j) ? weaponOther.get(j) : fields.otherWeaponAt(j);
  // Flat form: the later rows of an incident whose columns differ, compared as the long form's
  // repeated rows (repeated-incident.ts); `merged` names some of those kept, for the warning.
  const flatSrc = form.flatSource!;
  const rowFields = flat ? new IncidentFields(flatSrc, inc, ctx) : fields;
  const line = (j: number) => (flatSrc.line ? `line ${flatSrc.line(j)}` : `row ${j + 1}`);
  const merged: string[] = [];
  let nMerged = 0;
  // Flat form: rows of an incident that give none of its columns (an export that gives them on
  // one of an incident's rows only, or cells merged in Excel): counted, and the first one's line.
  let nBare = 0;
  let firstBare = '';
  const flatVariants = (k: number, id: string, rows: number[]) => {
    const j0 = form.flatRow!(k);
    const at = nOut - 1;
    let counted = false;
    for (const j of rows) {
      // A row with none of the incident's cells gives nothing to compare: its person is the
      // incident's (it was rejected as "line 3 has a problem of its own (date is empty)", and
      // the incident with it).
      if (rowFields.bare(j)) {
        if (nBare++ === 0) firstBare = line(j);
        continue;
      }
      const own = rowFields.read(j);
      const m = own
        ? undefined
        : mergeRow(incOut, at, rowFields, rowFields.day, (r, f) => rowFields.cell(r, f), j0, j);
      if (m === undefined || m.kind === 'conflict') {
        const why = m
          ? `the rows of incident '${id}' disagree about ${m.field} (column ${inc[m.field as CanonicalField] ?? inc.date}): '${m.a}' on ${line(m.aRow)}, '${m.b}' on ${line(j)}; which is right cannot be known, so the incident is not kept (its rows must give the same day and at most one weapon; or split the table into incidents and involvements)`
          : `the rows of incident '${id}' disagree: ${line(j)} has a problem of its own (${own![2]}); which is right cannot be known, so the incident is not kept`;
        ledger.revoke(k, m ? m.field : own![0], m ? m.b : own![1], why);
        keyByRow ??= keysBefore(k + 1);
        gone.push(at);
        if (derivedKept(k)) severityDerived--;
        fields.countOther(otherKept(k), -1);
        return;
      }
      if (m.kind === 'same') continue;
      if (m.raised) keptSeverity(k, at, rowFields.derived);
      if (m.armed) armedBy(k, rowFields.otherWeapon);
      const rows2 = `${line(m.aRow)} and ${line(j)}`;
      if (m.field === 'severity') incOut.mixed.push([id, k, rows2, m.a, m.b]);
      // What became of the time of day: the later row's taken, or the day alone (two given).
      const time =
        m.time === 1
          ? `; ${line(j)}'s time of day kept`
          : m.time === 2
            ? '; the day alone, as they give two times of day'
            : '';
      if (m.field !== 'severity' || time !== '') {
        if (!counted) nMerged++;
        counted = true;
        if (merged.length < 5)
          merged.push(
            m.field === 'severity'
              ? `'${id}' (${rows2}: time of day${time})`
              : `'${id}' (${rows2}: ${m.timeOnly ? 'time of day' : m.field} '${m.a}' and '${m.b}'${time})`,
          );
      }
    }
  };

  // Row objects scattered in memory are fetched a block at a time (see `TOUCH_BLOCK`).
  const touch = incSrc.toucher?.([inc.incident_id]);
  let touchedTo = 0;

  for (let i = 0; i < nInc; i++) {
    if (touch !== undefined && i >= touchedTo) {
      touchedTo = Math.min(nInc, i + TOUCH_BLOCK);
      touch(i, touchedTo);
    }
    if (incSrc.blank(i)) {
      keyByRow ??= keysBefore(i);
      ledger.skipBlank(i);
      continue;
    }
    let fail: Problem | undefined;
    // The problem of an earlier row with this row's id, revoked after this row's rejection.
    let revokeFirst: Problem | undefined;
    let first: number | undefined;
    // Whether `fields` holds this row's fields (read fine), and its id then.
    let read = false;
    let readId = '';
    let derived = false;
    const extra = incSrc.surplus?.(i);
    // Cells past the header shift the others, so this reason comes before any field's.
    const surplus: Problem | undefined =
      extra === undefined ? undefined : ['', extra, surplusReason(incSrc, extra, i)];
    // This row's id when it is new and `keyByRow` is not made (see there).
    let newKey: string | undefined;
    const rawId = getId(i);
    const id = idText(rawId);
    if (nested) incIdByRow[i] = id ?? '';
    if (id === undefined) {
      fail = ['incident_id', ...badIdReason('incident', rawId)];
    } else if (id === '') {
      fail = ['incident_id', '', 'incident id is empty'];
    } else {
      // While ids ascend, none is looked up (see `ascending`). After that, one Map operation per
      // row while ids are unique (the usual case): set, and a Map that did not grow means a
      // repeated id, whose first row is then found once; from there on, look up before setting.
      if (ascending && (nAsc === 0 || id > lastId)) {
        if (ascRows === undefined && nAsc !== i) {
          ascRows = new Int32Array(nInc);
          for (let a = 0; a < nAsc; a++) ascRows[a] = a;
        }
        if (ascRows) ascRows[nAsc] = i;
        nAsc++;
        lastId = id;
      } else {
        if (ascending) {
          ascending = false;
          for (let a = 0; a < nAsc; a++) incRowById.set(keyOf(ascRow(a))!, ascRow(a));
          nAsc = 0;
        }
        if (repeatedIds) first = incRowById.get(id);
        else {
          const size = incRowById.size;
          incRowById.set(id, i);
          if (incRowById.size === size) {
            repeatedIds = true;
            for (let r = 0; r < i && first === undefined; r++)
              if (!incSrc.blank(r) && idText(getId(r)) === id) first = r;
            incRowById.set(id, first!);
          }
        }
      }
      if (first !== undefined) {
        const r = surplus ?? fields.read(i);
        const at = outPos ? outPos[first] : first;
        // An unreadable people list is the row's own problem, as on a first row (it was hidden
        // behind the merge's reason, and the incident kept without saying its people were lost).
        const own = Array.isArray(r)
          ? r
          : getPeople && peopleList(getPeople(i)) === undefined
            ? peopleProblem(getPeople(i))
            : undefined;
        let raised: boolean | undefined;
        let armed: boolean | undefined;
        [fail, revokeFirst, raised, armed] = repeatedIncident(
          ledger,
          incOut,
          at,
          id,
          first,
          i,
          own,
          fields,
          fields.day,
          (row, f) => fields.cell(row, f),
        );
        if (raised) keptSeverity(first, at, fields.derived);
        if (armed) armedBy(first, fields.otherWeapon);
      } else {
        if (repeatedIds) incRowById.set(id, i);
        if (keyByRow) keyByRow[i] = id;
        else newKey = id;
        const r = surplus ?? fields.read(i);
        if (Array.isArray(r)) fail = r;
        else {
          read = true;
          readId = id;
          derived = fields.derived;
        }
      }
    }
    if (surplus) fail = surplus;
    if (getPeople) {
      const list = peopleList(getPeople(i));
      if (list === undefined) {
        fail ??= peopleProblem(getPeople(i));
      } else {
        for (const e of list) {
          entries.push(e);
          entryParent.push(i);
        }
      }
    }
    if (fail) {
      if (keyByRow === undefined) {
        keyByRow = keysBefore(i);
        keyByRow[i] = newKey;
      }
      ledger.reject(i, fail[0], fail[1], fail[2]);
      if (revokeFirst && first !== undefined) {
        ledger.revoke(first, ...revokeFirst);
        gone.push(outPos ? outPos[first] : first);
        if (derivedKept(first)) severityDerived--;
        fields.countOther(otherKept(first), -1);
      }
    } else {
      ledger.accept(i);
      if (outPos === undefined && nOut !== i) {
        outPos = new Int32Array(nInc);
        for (let r = 0; r < i; r++) outPos[r] = r;
      }
      if (outPos) outPos[i] = nOut;
      if (!read) throw new Error(`readIncidents: row ${i + 1} accepted without its fields`);
      const f = fields;
      incOut.add(readId, f.date, f.day, f.offence, f.severity, f.weapon, f.area, f.lat, f.lon);
      nOut++;
      if (derived) {
        severityDerived++;
        incOut.markDerived(nOut - 1, true);
      }
      f.countOther(f.otherWeapon, 1);
      const rows = form.variants?.get(i);
      if (rows) flatVariants(i, readId, rows);
    }
  }
  if (gone.length > 0) {
    // Rows revoked: their incidents taken out, and the positions of the others counted again.
    incOut.drop(gone.sort((a, b) => a - b));
    outPos = new Int32Array(nInc);
    for (let r = 0, k = 0; r < nInc; r++) if (ledger.isAccepted(r)) outPos[r] = k++;
  }

  const incidents = incOut.columns();
  const table = flat ? 'involvements (a flat table)' : 'incidents';
  const warnings: string[] = [];
  const mixed = mixedSeverityWarning(table, incOut.mixed, (j) => ledger.isAccepted(j));
  if (mixed) warnings.push(mixed);
  if (nMerged > 0)
    warnings.push(
      `${table}: the rows of ${nMerged} incident${nMerged > 1 ? 's' : ''} differ in time of day, offence, area, coordinates or a weapon given on one row only, and each is read as one incident, as in the long form (the first row's; a time of day given on one row only is kept, two different ones leave the day alone): ${merged.join(', ')}${nMerged > 5 ? ', …' : ''}`,
    );
  // Dates written at 24:00, in accepted rows: looked for only when a date text read so.
  const end = fields.endOfDay
    ? endOfDayWarning(
        table,
        inc.date!,
        nInc,
        (i) => fields.rawDateAt(i),
        (i) => ledger.isAccepted(i),
      )
    : undefined;
  if (end !== undefined) warnings.push(end);
  // Time cells at 24:00 beside a date, likewise.
  const endTime = fields.endOfDayTime
    ? endOfDayWarning(
        table,
        inc.time!,
        nInc,
        (i) => fields.rawTimeAt(i),
        (i) => ledger.isAccepted(i),
        (i) => fields.dayAt(i),
      )
    : undefined;
  if (endTime !== undefined) warnings.push(endTime);
  if (nBare > 0)
    warnings.push(
      `${table}: ${nBare === 1 ? '1 row (' : `${nBare} rows (the first `}${firstBare}) ${nBare === 1 ? 'gives' : 'give'} none of the incident columns (date, offence, severity…) of an incident that another of its rows gives, and ${nBare === 1 ? 'is' : 'are'} read with that row's (an export that gives them on an incident's first row only, or cells merged in Excel)`,
    );
  // Every row accepted at its own position: each row's id is new, and in the ids column.
  const keys: (string | undefined)[] = keyByRow ?? (incidents.ids as string[]);
  return {
    src: incSrc,
    ledger,
    columns: inc,
    incidents,
    outPos,
    rowById: (id) => {
      if (!ascending) return incRowById.get(id);
      let lo = 0;
      let hi = nAsc;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[ascRow(mid)]! < id) lo = mid + 1;
        else hi = mid;
      }
      return lo < nAsc && keys[ascRow(lo)] === id ? ascRow(lo) : undefined;
    },
    keyByRow: keys,
    ref: (j) =>
      flat
        ? flatSrc.line
          ? `its first row on line ${flatSrc.line(form.flatFirst!(j))}`
          : 'its rows'
        : `incidents row ${j + 1}`,
    idByRow: incIdByRow,
    entries,
    entryParent,
    severityDerived,
    derivedSeverities: incOut.derivedSeverities(),
    severityTally,
    weaponsReadAsOther: fields.weaponsReadAsOther,
    warnings,
  };
}

/** Reads the fields of an incident row whose id is fine. */
class IncidentFields {
  private readonly ctx: ReadContext;
  private readonly getDate: (i: number) => unknown;
  private readonly getTime: Getter;
  private readonly getSeverity: Getter;
  private readonly getOffence: Getter;
  private readonly getWeapon: Getter;
  private readonly getArea: Getter;
  private readonly getLat: Getter;
  private readonly getLon: Getter;
  private readonly deriveSeverity: (offence: string) => Severity | undefined;
  private readonly weapons = new Map<string, Weapon>();
  private readonly dateCache = new Map<string, ParsedDate | null>();
  /** Whether a date text was read at 24:00 ({@link endOfDayText}). */
  endOfDay = false;
  /** Whether a time cell was read at 24:00 ({@link endOfDayTime}). */
  endOfDayTime = false;
  private readonly columns: readonly [date: string, time: string];
  private readonly nowIso: string;
  readonly weaponsReadAsOther: Record<string, number> = {};
  /** The weapon text of the last incident read when no synonym matched it (read as `other`). */
  otherWeapon: string | undefined;
  /** Whether the last incident read had its severity derived. */
  derived = false;
  /** The fields of the last incident read fine (see {@link IncidentFields.read}). */
  date = '';
  day = 0;
  offence = '';
  severity: Severity = 0;
  weapon: Weapon | undefined;
  area: string | undefined;
  lat: number | undefined;
  lon: number | undefined;

  constructor(src: SourceTable, inc: Partial<Record<CanonicalField, string>>, ctx: ReadContext) {
    const o = ctx.o;
    this.ctx = ctx;
    this.getDate = getter(src, inc.date)!;
    this.getTime = getter(src, inc.time);
    this.columns = [inc.date!, inc.time ?? ''];
    this.getSeverity = getter(src, inc.severity);
    this.getOffence = getter(src, inc.offence);
    this.getWeapon = getter(src, inc.weapon);
    this.getArea = getter(src, inc.area);
    this.getLat = getter(src, inc.lat);
    this.getLon = getter(src, inc.lon);
    this.deriveSeverity = severityDeriver(o.severityMap, o.severityRules);
    for (const [k, v] of Object.entries(DEFAULT_WEAPON_SYNONYMS)) this.weapons.set(weaponKey(k), v);
    for (const [k, v] of Object.entries(o.weaponSynonyms)) this.weapons.set(weaponKey(k), v);
    this.nowIso = nowText(o.nowDay, o.timeZone);
  }

  /** The date cell of row `i`, as given. */
  rawDateAt(i: number): unknown {
    return this.getDate(i);
  }

  /** The time cell of row `i`, as given. */
  rawTimeAt(i: number): unknown {
    return this.getTime?.(i);
  }

  /** The day (`YYYY-MM-DD`) of row `i`'s date cell, read fine. */
  dayAt(i: number): string {
    return this.ctx.readDate(this.getDate(i))!.date.slice(0, 10);
  }

  /**
   * Reads the fields of row `i` into this object's fields (`date` … `lon`), or gives its first
   * problem.
   */
  read(i: number): undefined | Problem {
    const o = this.ctx.o;
    // Date.
    const rawDate = this.getDate(i);
    let parsed: ParsedDate | null | undefined;
    if (typeof rawDate === 'string') {
      parsed = this.dateCache.get(rawDate);
      if (parsed === undefined) {
        parsed = this.ctx.readDate(rawDate) ?? null;
        this.dateCache.set(rawDate, parsed);
        if (parsed !== null && endOfDayText(rawDate)) this.endOfDay = true;
      }
    } else {
      parsed = this.ctx.readDate(rawDate) ?? null;
    }
    if (parsed === null) return badDate(show(rawDate).trim(), o.dateFormat);
    // A separate time-of-day column completes a plain date (local wall clock).
    const rawTime = this.getTime?.(i);
    if (rawTime !== undefined && !isEmpty(rawTime)) {
      const t = show(rawTime).trim();
      const r = withTimeCell(parsed, rawDate, rawTime, t, this.columns, o.timeZone);
      if (Array.isArray(r)) return r;
      parsed = r;
      if (!this.endOfDayTime && endOfDayTime(rawTime)) this.endOfDayTime = true;
    }
    if (parsed.day > o.nowDay) {
      const v = show(rawDate).trim();
      return ['date', v, `date '${v}' is in the future (after ${this.nowIso})`];
    }
    if (parsed.day < FIRST_INCIDENT_DAY) {
      const v = show(rawDate).trim();
      return ['date', v, earlyDateReason(v)];
    }
    // Severity, given or derived from the offence.
    const offence = this.getOffence ? text(this.getOffence(i)) : '';
    let derived = false;
    let severity: Severity | undefined;
    const rawSev = this.getSeverity?.(i);
    if (!isEmpty(rawSev)) {
      const n = o.severityLevels ? levelCell(rawSev, o.severityLevels) : severityCell(rawSev);
      if (typeof n !== 'number') return n;
      severity = n as Severity;
    } else {
      if (offence === '') {
        return ['severity', '', 'severity is missing and there is no offence to derive it from'];
      }
      severity = this.deriveSeverity(offence);
      if (severity === undefined) {
        return [
          'offence',
          offence,
          `offence '${offence}' has no severity: the row has none and no severityMap entry or rule matches it; ` +
            `add it, e.g. severityMap: { '${offence}': 0 }`,
        ];
      }
      derived = true;
    }
    let lat: number | undefined;
    let lon: number | undefined;
    if (this.getLat) {
      const r = coordinate(this.getLat(i), 'lat', 90);
      if (Array.isArray(r)) return r;
      lat = r;
    }
    if (this.getLon) {
      const r = coordinate(this.getLon(i), 'lon', 180);
      if (Array.isArray(r)) return r;
      lon = r;
    }
    // Weapon: unknown texts are kept as 'other' and counted, never dropped.
    let weapon: Weapon | undefined;
    let other: string | undefined;
    if (this.getWeapon) {
      const w = text(this.getWeapon(i));
      if (w !== '') {
        weapon = this.weapons.get(w);
        if (weapon === undefined) {
          weapon = this.weapons.get(weaponKey(w));
          if (weapon === undefined) {
            weapon = 'other';
            other = w;
          } else this.weapons.set(w, weapon);
        }
      }
    }
    let area: string | undefined;
    if (this.getArea) {
      const a = text(this.getArea(i));
      if (a !== '') area = a;
    }
    // The record is made from these when `data.incidents` is read (incident-columns.ts).
    this.date = parsed.date;
    this.day = parsed.day;
    this.offence = offence;
    this.severity = severity;
    this.weapon = weapon;
    this.area = area;
    this.lat = lat;
    this.lon = lon;
    this.derived = derived;
    this.otherWeapon = other;
    return undefined;
  }

  /** Row `i`'s cell of `field` (`date` … `lon`, `time`) as the source has it, for a reason. */
  /** Whether row `i` has none of the incident's cells (each empty or a missing-value marker). */
  bare(i: number): boolean {
    for (const g of [
      this.getDate,
      this.getTime,
      this.getSeverity,
      this.getOffence,
      this.getWeapon,
      this.getArea,
      this.getLat,
      this.getLon,
    ])
      if (g !== undefined && !isEmpty(g(i))) return false;
    return true;
  }

  cell(i: number, field: string): unknown {
    const g: Record<string, Getter> = {
      date: this.getDate,
      time: this.getTime,
      severity: this.getSeverity,
      offence: this.getOffence,
      weapon: this.getWeapon,
      area: this.getArea,
      lat: this.getLat,
      lon: this.getLon,
    };
    return g[field]?.(i);
  }

  /** Counts (`by` 1: its row accepted) or uncounts (−1: revoked) a weapon text read as `other`. */
  countOther(w: string | undefined, by: 1 | -1): void {
    if (w === undefined) return;
    const n = (this.weaponsReadAsOther[w] ?? 0) + by;
    if (n > 0) this.weaponsReadAsOther[w] = n;
    else delete this.weaponsReadAsOther[w];
  }

  /** The weapon text of row `j` (read fine before) when it was read as `other`. */
  otherWeaponAt(j: number): string | undefined {
    const w = this.getWeapon ? text(this.getWeapon(j)) : '';
    const known = w === '' || this.weapons.has(w) || this.weapons.has(weaponKey(w));
    return known ? undefined : w;
  }

  /** Whether row `j` (read fine before) had its severity derived from the offence. */
  derivedAt(j: number): boolean {
    return isEmpty(this.getSeverity?.(j));
  }
}

/** The problem of a people cell that is not a list of entries. */
function peopleProblem(v: unknown): Problem {
  return [
    'people',
    show(v),
    'people is not a list of { person_id, role } entries (an array, or JSON text of one)',
  ];
}

/** The nested form's people list of one incident: an array, JSON text of one, or empty. */
function peopleList(v: unknown): readonly unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (isEmpty(v)) return [];
  if (typeof v === 'string') {
    try {
      const parsed = parseJsonText(v, 'people');
      return Array.isArray(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
