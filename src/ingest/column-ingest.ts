/**
 * Ingest's columnar path (issue 17): when the incidents and involvements are Apache Arrow
 * tables, they are validated column by column instead of cell by cell (arquero tables can be
 * too, see {@link isColumnarInput}). Each distinct value of a column is read once — a role synonym,
 * a date, a severity, an offence's derived severity, a weapon text, an id's text — and the rows
 * then look their value's verdict up by code (Arrow dictionary keys as they are; other columns
 * are coded once). Ids are interned, so finding an involvement's incident and a person listed
 * twice compare integers, not strings.
 *
 * The result is the row path's, exactly: the same records, the same rejected rows in the same
 * order with the same table, row, field, value and reason, the same summary but for the
 * missing-marker warning, which can also name markers rejected rows alone hold (tested against the
 * row path on random messy tables). It uses the same cell readers (`cells.ts`), column
 * resolution (`columns.ts`), date, role, severity and weapon readers, and checks the fields of a
 * row in the same order, so the first problem found is the same one; every row is decided once
 * through the same `RowLedger` (so `accepted + rejected === read` by construction). The people
 * table, small beside the others, is read by the row path (`readPeople`).
 */
import {
  defineIncidentColumns,
  defineInvolvementColumns,
  type PersonLayout,
  ROLE_CODE,
  ROLE_NAME,
} from '../core/dataset-index.js';
import type { Dataset, Person, Role, Severity, Weapon } from '../core/types.js';
import { RowLedger } from './accounting.js';
import {
  type ArrowTableLike,
  arrowDateCell,
  arrowValues,
  isArrowTable,
  typedColumn,
} from './arrow.js';
import {
  alikeIds,
  badIdReason,
  coordinate,
  idText,
  isEmpty,
  severityCell,
  show,
  text,
  unknownIncidentReason,
  weaponKey,
} from './cells.js';
import { requireColumn, resolveColumns } from './columns.js';
import {
  badDate,
  dateReader,
  earlyDateReason,
  endOfDayText,
  endOfDayTime,
  endOfDayWarning,
  FIRST_INCIDENT_DAY,
  nowText,
  type ParsedDate,
  withTimeCell,
} from './dates.js';
import { gapWarning } from './dst-gap.js';
import { IncidentColumnsBuilder } from './incident-columns.js';
import type { IngestInput, IngestResult, TableCounts } from './ingest-types.js';
import { MissingColumnError } from './missing-column-error.js';
import {
  type CanonicalField,
  INCIDENT_FIELDS,
  INVOLVEMENT_FIELDS,
  type ResolvedIngestOptions,
} from './options.js';
import { caseVariantWarning, pseudonymLayout, unlistedPeopleWarning } from './person-layout.js';
import { pseudonymiser } from './pseudonymise.js';
import type { RejectedPeople } from './read-people.js';
import {
  type IncidentFieldValues,
  mixedSeverityWarning,
  repeatedIncident,
} from './repeated-incident.js';
import { roleKey, roleLookup, unknownRoleReasons } from './roles.js';
import { severityDeriver } from './severity.js';
import { levelCell } from './severity-levels.js';
import { checkScale, reversedScale, reversedSeverity, SeverityTally } from './severity-scale.js';
import { isArqueroTable, readSource, type TableName } from './source-table.js';
import { unread } from './table-shape.js';
import { utcMidnightWarning } from './utc-midnight.js';
import { DEFAULT_WEAPON_SYNONYMS } from './weapons.js';

/**
 * A column read whole. Coded: row `i` holds `values[codes[i]]` (an Arrow dictionary, or a column
 * coded here). Plain: row `i` holds `values[i]`.
 */
interface Column {
  readonly length: number;
  readonly codes?: ArrayLike<number>;
  readonly values: ArrayLike<unknown>;
}

/** A column as codes into its distinct values. */
interface Coded {
  readonly codes: ArrayLike<number>;
  readonly values: ArrayLike<unknown>;
}

/** The flechette batch of a dictionary-encoded column (duck-typed). */
interface DictionaryBatchLike {
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values: ArrayLike<number>;
  cache: ArrayLike<unknown>;
  isValid(i: number): boolean;
}

/**
 * One column of an Arrow table: the dictionary keys as they are for a dictionary-encoded column
 * read by flechette (no value decoded per row), otherwise the values `toArray` gives (dates as
 * `Date`, as `fromArrow` reads them).
 */
function arrowColumn(table: ArrowTableLike, tableName: TableName, name: string): Column {
  const child = table.getChild(name) as unknown as {
    data?: DictionaryBatchLike[];
    toArray(): ArrayLike<unknown>;
  } | null;
  if (!child) return { length: table.numRows, values: new Array(table.numRows) };
  const batches = child.data;
  const dictionary =
    Array.isArray(batches) &&
    batches.length > 0 &&
    batches.every(
      (b) =>
        b !== null &&
        typeof b === 'object' &&
        (Array.isArray(b.cache) || ArrayBuffer.isView(b.cache)) &&
        ArrayBuffer.isView(b.values) &&
        typeof b.isValid === 'function',
    );
  const field = table.schema.fields.find((f) => f.name === name);
  const date = field ? arrowDateCell(field.type) : null;
  if (dictionary) {
    const b0 = batches[0];
    // A dictionary of dates or timestamps: its values read by type, once each (as `fromArrow`).
    if (batches.length === 1 && !(b0.nullCount && b0.validity)) {
      return {
        length: b0.length,
        codes: b0.values,
        values: date ? Array.from(b0.cache, date) : b0.cache,
      };
    }
    // Several batches (each dictionary appended once) or nulls (one more value, null).
    const values: unknown[] = [];
    const offsetOf = new Map<ArrayLike<unknown>, number>();
    const n = batches.reduce((s, b) => s + b.length, 0);
    const codes = new Int32Array(n);
    let nullCode = -1;
    let at = 0;
    for (const b of batches) {
      let offset = offsetOf.get(b.cache);
      if (offset === undefined) {
        offset = values.length;
        offsetOf.set(b.cache, offset);
        for (let k = 0; k < b.cache.length; k++) values.push(b.cache[k]);
      }
      const keys = b.values;
      const nulls = b.nullCount > 0 && b.validity !== undefined;
      for (let i = 0; i < b.length; i++) {
        if (nulls && !b.isValid(i)) {
          if (nullCode < 0) {
            nullCode = values.length;
            values.push(null);
          }
          codes[at++] = nullCode;
        } else codes[at++] = offset + keys[i];
      }
    }
    return { length: n, codes, values: date ? values.map(date) : values };
  }
  const values = arrowValues(child, tableName, name);
  if (date) {
    // Coded by the epoch number, each distinct one read once (as `fromArrow` reads it).
    const c = coded({ length: values.length, values });
    return { length: values.length, codes: c.codes, values: Array.from(c.values, date) };
  }
  return { length: values.length, values };
}

/** The columns of an Arrow or arquero table by name (`undefined` for no column). */
function columnReader(
  table: unknown,
  tableName: TableName,
): (name: string | undefined) => Column | undefined {
  if (isArqueroTable(table)) {
    return (name) => {
      if (name === undefined) return undefined;
      const raw = table.array(name) as ArrayLike<unknown>;
      const date = typedColumn(table, name);
      const values = date ? Array.from(raw, date) : raw;
      return { length: values.length, values };
    };
  }
  const arrow = table as ArrowTableLike;
  return (name) => (name === undefined ? undefined : arrowColumn(arrow, tableName, name));
}

/** The column as codes into distinct values: Arrow dictionaries as they are; others coded here. */
function coded(col: Column): Coded {
  if (col.codes) return { codes: col.codes, values: col.values };
  const index = new Map<unknown, number>();
  const values: unknown[] = [];
  const codes = new Int32Array(col.length);
  const v = col.values;
  for (let i = 0; i < col.length; i++) {
    const x = v[i];
    let c = index.get(x);
    if (c === undefined) {
      c = values.length;
      index.set(x, c);
      values.push(x);
    }
    codes[i] = c;
  }
  return { codes, values };
}

/** `f` of each distinct value of a coded column. */
function perValue<R>(col: Coded, f: (v: unknown) => R): R[] {
  const out: R[] = new Array(col.values.length);
  for (let k = 0; k < col.values.length; k++) out[k] = f(col.values[k]);
  return out;
}

/** Codes of an id column's distinct texts: `ID_NOT_TEXT`, `ID_EMPTY`, or an index into the ids. */
const ID_NOT_TEXT = -1;
const ID_EMPTY = -2;
/** An id not in the table looked up. */
const ID_UNKNOWN = -3;

/** FNV-1a over the UTF-16 code units, finished with a shift so that the low bits mix. */
function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}

/**
 * Interned id texts: each distinct id gets the next integer. An open-addressing table of
 * integers with each id's hash beside it, so that a look-up compares strings only when the
 * hashes agree: a third of the CPU of a `Map` of a million ids, whose entries are scattered.
 */
class IdTable {
  readonly ids: string[] = [];
  private hashes = new Int32Array(16);
  private slots = new Int32Array(32); // 1 + index into ids, 0 for an empty slot
  private mask = 31;
  /**
   * True while ids have been added in strictly ascending order (exports sorted by id): they are
   * then found by binary search, and neither hashed nor put in the table until an id out of
   * order is added.
   */
  private sorted = true;
  private readonly expected: number;

  constructor(expected = 0) {
    this.expected = expected;
  }

  /** Leaves the sorted mode: every id so far hashed into the table. */
  private hashAll(): void {
    this.sorted = false;
    const n = this.ids.length;
    this.hashes = new Int32Array(Math.max(16, n));
    for (let k = 0; k < n; k++) this.hashes[k] = hashText(this.ids[k]);
    this.resize(Math.max(this.expected, 2 * (n + 1)));
  }

  private resize(n: number): void {
    let size = 32;
    while (size < 2 * n) size *= 2;
    const hashes = new Int32Array(Math.max(16, n));
    hashes.set(this.hashes.subarray(0, this.ids.length));
    this.hashes = hashes;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < this.ids.length; k++) {
      let j = hashes[k] & this.mask;
      while (this.slots[j] !== 0) j = (j + 1) & this.mask;
      this.slots[j] = k + 1;
    }
  }

  /** The integer of `id`; with `add`, a new one for an id not seen, else `ID_UNKNOWN`. */
  get(id: string, add: boolean): number {
    if (this.sorted) {
      const ids = this.ids;
      const n = ids.length;
      if (n === 0 || id > ids[n - 1]) {
        if (!add) return ID_UNKNOWN;
        ids.push(id);
        return n;
      }
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid] < id) lo = mid + 1;
        else hi = mid;
      }
      if (ids[lo] === id) return lo;
      if (!add) return ID_UNKNOWN;
      this.hashAll();
    }
    // Room for one more first (at most half the slots used), so the probe below can insert.
    if (
      add &&
      (2 * (this.ids.length + 1) > this.slots.length || this.ids.length >= this.hashes.length)
    ) {
      this.resize(2 * (this.ids.length + 1));
    }
    const h = hashText(id);
    const { slots, hashes, ids, mask } = this;
    let j = h & mask;
    for (;;) {
      const e = slots[j];
      if (e === 0) break;
      if (hashes[e - 1] === h && ids[e - 1] === id) return e - 1;
      j = (j + 1) & mask;
    }
    if (!add) return ID_UNKNOWN;
    const k = ids.length;
    ids.push(id);
    hashes[k] = h;
    slots[j] = k + 1;
    return k;
  }
}

/**
 * The ids of a column as integers: row `i`'s id is `table.ids[out[i]]`, or `out[i]` is
 * `ID_NOT_TEXT` / `ID_EMPTY` (or `ID_UNKNOWN` when not `add`ing and the table lacks it). Columns
 * naming the same things share a table, so equal ids get equal integers. A coded column's
 * distinct values are read once each; a plain one row by row.
 */
function idsOf(col: Column, table: IdTable, add: boolean): Int32Array {
  // The id after the last one found is tried first (ids being distinct, an equal text is the
  // answer a look-up would give): a table that names the incidents in the incidents table's
  // order then hashes none of them.
  const ids = table.ids;
  let guess = 0;
  const intern = (raw: unknown): number => {
    const id = idText(raw);
    if (id === undefined) return ID_NOT_TEXT;
    if (id === '') return ID_EMPTY;
    if (guess < ids.length && ids[guess] === id) return guess++;
    const k = table.get(id, add);
    if (k >= 0) guess = k + 1;
    return k;
  };
  const out = new Int32Array(col.length);
  const v = col.values;
  if (col.codes) {
    const byCode = new Int32Array(v.length);
    for (let c = 0; c < v.length; c++) byCode[c] = intern(v[c]);
    const codes = col.codes;
    for (let i = 0; i < col.length; i++) out[i] = byCode[codes[i]];
  } else {
    for (let i = 0; i < col.length; i++) out[i] = intern(v[i]);
  }
  return out;
}

/** A cell of a column (for the rare per-row read: a problem's value, a time of day). */
const cell = (col: Pick<Column, 'codes' | 'values'>, i: number): unknown =>
  col.codes ? col.values[col.codes[i]] : col.values[i];

type Problem = [field: string, value: string, reason: string];

/** Incidents with more rows than this get a Map for the same-person check (as the row path). */
const BIG_INCIDENT = 16;

/**
 * True when `ingest` reads `input` by columns: long form, incidents and involvements both Arrow
 * tables. arquero tables (`readParquet`'s) can be read by columns too ({@link ingestColumns}
 * accepts them, with the same result) but are left to the row path, which measured faster on
 * them: their string columns are plain arrays, whose strings the engine's Map hashes once and
 * keeps, where this path would hash each row's id again (bench/results/columnar.md).
 */
export function isColumnarInput(input: IngestInput): boolean {
  return isArrowTable(input.incidents) && isArrowTable(input.involvements);
}

/** What the row path gives for the people table (read by it, as `ingest` reads it). */
export type PeopleReader = (people: IngestInput['people']) => {
  result: IngestResult;
  rejectedPeople: RejectedPeople;
};

/**
 * Ingests long-form input whose incidents and involvements are Arrow or arquero tables (see
 * {@link isColumnarInput}) with the same result as the row path. `readPeople` is the row path
 * run on the people table alone.
 */
export function ingestColumns(
  input: IngestInput,
  o: ResolvedIngestOptions,
  readPeople: PeopleReader,
): IngestResult {
  const display = o.pseudonymKey === undefined ? (id: string) => id : pseudonymiser(o.pseudonymKey);

  // ---- incidents ---------------------------------------------------------------------------
  const incSrc = readSource(input.incidents, 'incidents');
  const incColumn = columnReader(input.incidents, 'incidents');
  const inc = resolveColumns(incSrc, [...INCIDENT_FIELDS, 'time'], o.mapping) as Partial<
    Record<CanonicalField, string>
  >;
  requireColumn('incidents', incSrc, inc, 'incident_id', o.mapping);
  requireColumn('incidents', incSrc, inc, 'date', o.mapping);
  if (inc.severity === undefined && inc.offence === undefined && incSrc.length > 0) {
    throw new MissingColumnError(
      'incidents',
      'severity',
      incSrc.columns,
      o.mapping.severity,
      ` and no 'offence' column to derive it from (mapping.offence)`,
      incSrc.delimiter !== undefined,
    );
  }
  const nInc = incSrc.length;
  const incLedger = new RowLedger('incidents', incSrc, o.strict);
  const readDate = dateReader(o.dateFormat, o.timeZone);
  const nowIso = nowText(o.nowDay, o.timeZone);

  // Incident ids, interned: the first row of each id (later rows with it are duplicates).
  const incTable = new IdTable(nInc);
  const incIds = incTable.ids;
  const incIdOf = nInc > 0 ? idsOf(incColumn(inc.incident_id)!, incTable, true) : [];
  const firstRow = new Int32Array(incIds.length).fill(-1);

  // Dates: each distinct value read once (a parsed date, or the problem).
  const dateCol = nInc > 0 ? coded(incColumn(inc.date)!) : { codes: [], values: [] };
  const dates = perValue(dateCol, (raw): ParsedDate | Problem => {
    const parsed = readDate(raw);
    if (parsed !== undefined) return parsed;
    return badDate(show(raw).trim(), o.dateFormat);
  });
  const futureProblem = (raw: unknown): Problem => {
    const v = show(raw).trim();
    return ['date', v, `date '${v}' is in the future (after ${nowIso})`];
  };
  const timeCol = incColumn(inc.time);
  const timeColumns = [inc.date!, inc.time ?? ''] as const;

  // Severity: a given value (its number or problem), or DERIVE from the offence.
  const DERIVE = -1;
  const sevCol = inc.severity === undefined ? undefined : coded(incColumn(inc.severity)!);
  // The severity column's values, checked for another scale before any row is read (see
  // read-incidents.ts); not when `severityLevels` gives its scale.
  let severityTally: SeverityTally | undefined;
  if (sevCol && o.severityLevels === undefined) {
    severityTally = new SeverityTally(inc.severity!);
    const { codes, values } = sevCol;
    const times = new Float64Array(values.length);
    for (let i = 0; i < codes.length; i++) times[codes[i]]++;
    for (let c = 0; c < values.length; c++)
      if (times[c] > 0) severityTally.add(values[c], times[c]);
    checkScale(severityTally);
  }
  const severities = sevCol
    ? perValue(sevCol, (raw): number | Problem => {
        if (isEmpty(raw)) return DERIVE;
        return o.severityLevels ? levelCell(raw, o.severityLevels) : severityCell(raw);
      })
    : undefined;
  // Offence: its text, and the severity derived from it (or the problem).
  const deriveSeverity = severityDeriver(o.severityMap, o.severityRules);
  const offCol = inc.offence === undefined ? undefined : coded(incColumn(inc.offence)!);
  const offences = offCol ? perValue(offCol, text) : undefined;
  const derivedOf = offences
    ? offences.map((offence): number | Problem => {
        if (offence === '')
          return ['severity', '', 'severity is missing and there is no offence to derive it from'];
        const s = deriveSeverity(offence);
        if (s === undefined) {
          return [
            'offence',
            offence,
            `offence '${offence}' has no severity: the row has none and no severityMap entry or rule matches it; ` +
              `add it, e.g. severityMap: { '${offence}': 0 }`,
          ];
        }
        return s;
      })
    : undefined;
  const noOffence: Problem = [
    'severity',
    '',
    'severity is missing and there is no offence to derive it from',
  ];
  // Weapons: each distinct text read once; unknown texts are kept as 'other' and counted.
  const weapons = new Map<string, Weapon>();
  for (const [k, v] of Object.entries(DEFAULT_WEAPON_SYNONYMS)) weapons.set(weaponKey(k), v);
  for (const [k, v] of Object.entries(o.weaponSynonyms)) weapons.set(weaponKey(k), v);
  const weaponCol = inc.weapon === undefined ? undefined : coded(incColumn(inc.weapon)!);
  const weaponTexts = weaponCol ? perValue(weaponCol, text) : undefined;
  const weaponOf = weaponTexts?.map((w): Weapon | undefined =>
    w === '' ? undefined : (weapons.get(w) ?? weapons.get(weaponKey(w)) ?? 'other'),
  );
  const unknownWeapon = weaponTexts?.map(
    (w) => w !== '' && weapons.get(w) === undefined && weapons.get(weaponKey(w)) === undefined,
  );
  // Per weapon code: accepted incidents with an unknown text, and the first such row.
  const otherCount = weaponTexts ? new Float64Array(weaponTexts.length) : undefined;
  const otherFirst = weaponTexts ? new Float64Array(weaponTexts.length).fill(Infinity) : undefined;
  const areaCol = inc.area === undefined ? undefined : coded(incColumn(inc.area)!);
  const areas = areaCol ? perValue(areaCol, text) : undefined;
  const latCol = incColumn(inc.lat);
  const lonCol = incColumn(inc.lon);

  // Made at full length and cut to the accepted rows afterwards: a push-grown array of millions
  // leaves each outgrown copy to the collector.
  const incOut = new IncidentColumnsBuilder(nInc);
  let nIncOut = 0;
  /** Position in `incOut` of each accepted incident row (for the dataset index's layout). */
  const outPos = new Int32Array(nInc);
  let severityDerived = 0;
  const dCodes = dateCol.codes;
  const sCodes = sevCol?.codes;
  const oCodes = offCol?.codes;
  const wCodes = weaponCol?.codes;
  const aCodes = areaCol?.codes;
  // The fields of the last row read fine (`readIncident`), and its weapon code.
  const rec: IncidentFieldValues = {
    date: '',
    offence: '',
    severity: 0,
    weapon: undefined,
    area: undefined,
    lat: undefined,
    lon: undefined,
  };
  let recDay = 0;
  let recDerived = false;
  /** Counts (1: accepted) or uncounts (−1: revoked) row `j`'s weapon when read as `other`. */
  const countOther = (j: number, by: 1 | -1) => {
    if (!wCodes) return;
    const c = wCodes[j];
    if (weaponOf![c] === undefined || !unknownWeapon![c]) return;
    otherCount![c] += by;
    if (otherCount![c] === 0) otherFirst![c] = Infinity;
    else if (otherFirst![c] === Infinity) otherFirst![c] = j;
  };
  // Positions of accepted rows revoked by a later row with their id (see repeated-incident.ts).
  const gone: number[] = [];
  // Incidents whose severity a later row raised: whether it was derived (else: their first row's).
  const derivedNow = new Map<number, boolean>();
  // Incidents that took a later row's weapon: that row (see repeated-incident.ts).
  const weaponRow = new Map<number, number>();
  const derivedKept = (j: number) =>
    derivedNow.get(j) ?? (!sCodes || severities![sCodes[j]] === DERIVE);
  // The columns whose cells a repeated id's reason quotes as written.
  const cellCols: Record<string, Pick<Column, 'codes' | 'values'> | undefined> = {
    date: dateCol,
    time: timeCol,
    severity: sevCol,
    offence: offCol,
    weapon: weaponCol,
    area: areaCol,
    lat: latCol,
    lon: lonCol,
  };

  for (let i = 0; i < nInc; i++) {
    let fail: Problem | undefined;
    let revokeFirst: Problem | undefined;
    const k = incIdOf[i];
    // Only a row without an id can be blank (every cell empty): counted apart, as the row path does.
    if (k === ID_EMPTY && incSrc.blank(i)) {
      incLedger.skipBlank(i);
      continue;
    }
    if (k === ID_NOT_TEXT) {
      const raw = cell(incColumn(inc.incident_id)!, i);
      fail = ['incident_id', ...badIdReason('incident', raw)];
    } else if (k === ID_EMPTY) {
      fail = ['incident_id', '', 'incident id is empty'];
    } else if (firstRow[k] >= 0) {
      const first = firstRow[k];
      const own = readIncident(i);
      let raised: boolean | undefined;
      let armed: boolean | undefined;
      [fail, revokeFirst, raised, armed] = repeatedIncident(
        incLedger,
        incOut,
        outPos[first],
        incIds[k],
        first,
        i,
        own,
        rec,
        recDay,
        (row, f) => {
          const c = cellCols[f];
          return c && cell(c, row);
        },
      );
      // A later row's higher severity: whether the incident's is derived now.
      if (raised && recDerived !== derivedKept(first)) {
        severityDerived += recDerived ? 1 : -1;
        derivedNow.set(first, recDerived);
        incOut.markDerived(outPos[first], recDerived);
      }
      // The incident took row i's weapon (it had none): its text read as `other` is counted.
      if (armed) {
        countOther(i, 1);
        weaponRow.set(first, i);
      }
    } else {
      firstRow[k] = i;
      outPos[i] = nIncOut;
      const r = readIncident(i);
      if (Array.isArray(r)) fail = r;
      else {
        nIncOut++;
        const f = rec;
        incOut.add(
          incIds[k],
          f.date,
          recDay,
          f.offence,
          f.severity,
          f.weapon,
          f.area,
          f.lat,
          f.lon,
        );
        if (recDerived) {
          severityDerived++;
          incOut.markDerived(nIncOut - 1, true);
        }
        countOther(i, 1);
      }
    }
    if (fail) {
      incLedger.reject(i, fail[0], fail[1], fail[2]);
      const first = revokeFirst ? firstRow[k] : -1;
      if (first >= 0) {
        incLedger.revoke(first, ...revokeFirst!);
        gone.push(outPos[first]);
        if (derivedKept(first)) severityDerived--;
        countOther(weaponRow.get(first) ?? first, -1);
      }
    } else incLedger.accept(i);
  }
  if (gone.length > 0) {
    // Rows revoked: their incidents taken out, and the positions of the others counted again.
    incOut.drop(gone.sort((a, b) => a - b));
    for (let r = 0, q = 0; r < nInc; r++) if (incLedger.isAccepted(r)) outPos[r] = q++;
  }

  /**
   * The fields of incident row `i` (its id fine) into `rec` (`recDay`, `recDerived`), or its first
   * problem.
   */
  function readIncident(i: number): undefined | Problem {
    let parsed = dates[dCodes[i]];
    if (Array.isArray(parsed)) return parsed;
    if (timeCol) {
      const rawTime = cell(timeCol, i);
      if (rawTime !== undefined && !isEmpty(rawTime)) {
        const t = show(rawTime).trim();
        const r = withTimeCell(parsed, cell(dateCol, i), rawTime, t, timeColumns, o.timeZone);
        if (Array.isArray(r)) return r;
        parsed = r;
      }
    }
    if (parsed.day > o.nowDay) return futureProblem(dateCol.values[dCodes[i]]);
    if (parsed.day < FIRST_INCIDENT_DAY) {
      const v = show(dateCol.values[dCodes[i]]).trim();
      return ['date', v, earlyDateReason(v)];
    }
    const offence = oCodes ? offences![oCodes[i]] : '';
    let severity: number;
    let derived = false;
    const given = sCodes ? severities![sCodes[i]] : DERIVE;
    if (given !== DERIVE) {
      if (Array.isArray(given)) return given;
      severity = given;
    } else {
      const d = oCodes ? derivedOf![oCodes[i]] : noOffence;
      if (Array.isArray(d)) return d;
      severity = d;
      derived = true;
    }
    let lat: number | undefined;
    let lon: number | undefined;
    if (latCol) {
      const r = readCoordinate(cell(latCol, i), 'lat', 90);
      if (Array.isArray(r)) return r;
      lat = r;
    }
    if (lonCol) {
      const r = readCoordinate(cell(lonCol, i), 'lon', 180);
      if (Array.isArray(r)) return r;
      lon = r;
    }
    const weapon = wCodes ? weaponOf![wCodes[i]] : undefined;
    let area: string | undefined;
    if (aCodes) {
      const a = areas![aCodes[i]];
      if (a !== '') area = a;
    }
    // The record is made from these when `data.incidents` is read (incident-columns.ts).
    rec.date = parsed.date;
    rec.offence = offence;
    rec.severity = severity as Severity;
    rec.weapon = weapon;
    rec.area = area;
    rec.lat = lat;
    rec.lon = lon;
    recDay = parsed.day;
    recDerived = derived;
    return undefined;
  }

  // Unknown weapon texts in the order the row path meets them (first accepted row), with counts.
  const weaponsReadAsOther: Record<string, number> = {};
  if (weaponTexts) {
    const seen = new Map<string, { first: number; count: number }>();
    for (let c = 0; c < weaponTexts.length; c++) {
      if (!otherCount![c]) continue;
      const w = weaponTexts[c];
      const s = seen.get(w);
      if (s) {
        s.count += otherCount![c];
        s.first = Math.min(s.first, otherFirst![c]);
      } else seen.set(w, { first: otherFirst![c], count: otherCount![c] });
    }
    for (const [w, s] of [...seen].sort((a, b) => a[1].first - b[1].first)) {
      weaponsReadAsOther[w] = s.count;
    }
  }

  // ---- involvements ------------------------------------------------------------------------
  const invSrc = readSource(input.involvements, 'involvements');
  const invColumn = columnReader(input.involvements, 'involvements');
  const inv = resolveColumns(invSrc, INVOLVEMENT_FIELDS, o.mapping);
  requireColumn('involvements', invSrc, inv, 'incident_id', o.mapping);
  requireColumn('involvements', invSrc, inv, 'person_id', o.mapping);
  requireColumn('involvements', invSrc, inv, 'role', o.mapping);
  const nInv = invSrc.length;
  const invLedger = new RowLedger('involvements', invSrc, o.strict);
  // An incident id written another way in the incidents table ('00123' for '123'), for the reason.
  const alike = alikeIds(() => incIds.filter((_, q) => firstRow[q] >= 0));
  const invIncCol = nInv > 0 ? invColumn(inv.incident_id)! : undefined;
  const invInc = invIncCol ? idsOf(invIncCol, incTable, false) : new Int32Array(0);
  const personCol = nInv > 0 ? invColumn(inv.person_id)! : undefined;
  const personTable = new IdTable();
  const personIds = personTable.ids;
  const invPerson = personCol ? idsOf(personCol, personTable, true) : new Int32Array(0);
  const roleCol = nInv > 0 ? coded(invColumn(inv.role)!) : { codes: [], values: [] };
  const roles = roleLookup(o.roleSynonyms);
  const roleReasons = unknownRoleReasons(roles);
  const acceptedRoles = roleReasons.accepted;
  const roleTexts = perValue(roleCol, text);
  const roleOf = roleTexts.map((t): Role | null =>
    t === '' ? null : (roles.get(roleKey(t)) ?? null),
  );
  // The role's ROLE_CODE by value code (NO_ROLE for none), so rows compare small integers.
  const NO_ROLE = 255;
  const roleCodeByValue = Uint8Array.from(roleOf, (r) => (r === null ? NO_ROLE : ROLE_CODE[r]));
  const rCodes = roleCol.codes;

  // ROLE_CODE of each accepted row (read only for accepted rows).
  const invRole = new Uint8Array(nInv);
  // Accepted rows of each incident row as a linked list (newest first), as in the row path.
  const head = new Int32Array(nInc).fill(-1);
  const next = new Int32Array(nInv);
  const listLength = new Int32Array(nInc);
  const bigIndex = new Map<number, Map<number, number[]>>();
  const rejectInv = (i: number, field: string, value: string, reason: string) =>
    invLedger.reject(i, field, value, reason);

  for (let i = 0; i < nInv; i++) {
    // The incident.
    const k = invInc[i];
    if (k === ID_NOT_TEXT) {
      const raw = cell(invIncCol!, i);
      rejectInv(i, 'incident_id', ...badIdReason('incident', raw));
      continue;
    }
    if (k === ID_EMPTY) {
      if (invSrc.blank(i)) invLedger.skipBlank(i);
      else rejectInv(i, 'incident_id', '', 'incident id is empty');
      continue;
    }
    const p = k === ID_UNKNOWN ? -1 : firstRow[k];
    if (p < 0) {
      const id = idText(cell(invIncCol!, i))!;
      const known = (x: string) => {
        const q = incTable.get(x, false);
        return q >= 0 && firstRow[q] >= 0;
      };
      rejectInv(i, 'incident_id', id, unknownIncidentReason(id, known, alike));
      continue;
    }
    const incId = incIds[k];
    if (incLedger.isRejected(p)) {
      rejectInv(
        i,
        'incident_id',
        incId,
        `incident '${incId}' was rejected (incidents row ${p + 1}: ${incLedger.reason(p)})`,
      );
      continue;
    }
    // The person.
    const person = invPerson[i];
    if (person === ID_NOT_TEXT) {
      const raw = cell(personCol!, i);
      rejectInv(i, 'person_id', ...badIdReason('person', raw, display));
      continue;
    }
    if (person === ID_EMPTY) {
      rejectInv(i, 'person_id', '', 'person id is empty');
      continue;
    }
    // The role.
    const rc = rCodes[i];
    const role = roleCodeByValue[rc];
    if (role === NO_ROLE) {
      const roleText = roleTexts[rc];
      if (roleText === '') {
        rejectInv(
          i,
          'role',
          show(roleCol.values[rc]),
          `role is empty; accepted roles: ${acceptedRoles}`,
        );
      } else {
        rejectInv(i, 'role', roleText, roleReasons.reason(roleText));
      }
      continue;
    }
    // The same person twice in one incident: earliest row of the person, and of the same role.
    let first = -1;
    let same = -1;
    if (listLength[p] > BIG_INCIDENT) {
      let index = bigIndex.get(p);
      if (index === undefined) {
        index = new Map();
        for (let r = head[p]; r >= 0; r = next[r]) {
          const rows = index.get(invPerson[r]);
          if (rows) rows.push(r);
          else index.set(invPerson[r], [r]);
        }
        bigIndex.set(p, index);
      }
      for (const r of index.get(person) ?? []) {
        if (first < 0 || r < first) first = r;
        if (invRole[r] === role && (same < 0 || r < same)) same = r;
      }
    } else {
      for (let r = head[p]; r >= 0; r = next[r]) {
        if (invPerson[r] === person) {
          first = r;
          if (invRole[r] === role) same = r;
        }
      }
    }
    if (first >= 0) {
      const shown = display(personIds[person]);
      if (same >= 0) {
        rejectInv(
          i,
          'person_id',
          shown,
          `person '${shown}' is listed twice in incident '${incId}' as ${ROLE_NAME[role]} (rows ${same + 1} and ${i + 1}); row ${i + 1} is a duplicate`,
        );
        continue;
      }
      if (o.conflictingRoles === 'reject') {
        const reason =
          `person '${shown}' is listed in incident '${incId}' as both ${ROLE_NAME[invRole[first]]} (row ${first + 1}) ` +
          `and ${ROLE_NAME[role]} (row ${i + 1}); both rows are rejected (set conflictingRoles: 'keep' to keep both)`;
        rejectInv(i, 'role', roleTexts[rc], reason);
        if (invLedger.isAccepted(first)) {
          // The first row stays in the list (so later rows still name it) but is not output.
          invLedger.revoke(first, 'role', roleTexts[rCodes[first]], reason);
        }
        continue;
      }
    }
    invLedger.accept(i);
    invRole[i] = role;
    next[i] = head[p];
    head[p] = i;
    listLength[p]++;
    const index = bigIndex.size === 0 ? undefined : bigIndex.get(p);
    if (index !== undefined) {
      const rows = index.get(person);
      if (rows) rows.push(i);
      else index.set(person, [i]);
    }
  }

  // Output: the involvements as columns (the dataset makes their objects only when read). Person
  // ids are shown once each (pseudonymised when asked; ids whose pseudonyms coincide become one).
  const nOut = invLedger.counts().accepted;
  // Position in `incOut` of each accepted involvement's incident, its person number and role code.
  const incidentOf = new Int32Array(nOut);
  const personOf = new Int32Array(nOut);
  const roleCodeOf = new Uint8Array(nOut);
  for (let i = 0, r = 0; i < nInv; i++) {
    if (!invLedger.isAccepted(i)) continue;
    incidentOf[r] = outPos[firstRow[invInc[i]]];
    personOf[r] = invPerson[i];
    roleCodeOf[r] = invRole[i];
    r++;
  }

  // ---- people (the row path) and the summary -----------------------------------------------
  const { result: people, rejectedPeople } = readPeople(input.people);
  const tables: Record<TableName, TableCounts> = {
    incidents: incLedger.counts(),
    involvements: invLedger.counts(),
    people: people.summary.tables.people,
  };
  const sum = (key: 'read' | 'accepted' | 'rejected') =>
    tables.incidents[key] + tables.involvements[key] + tables.people[key];
  const usedInc = new Set(Object.values(inc));
  const usedInv = new Set(Object.values(inv));
  const ps = people.summary;
  const persons =
    o.pseudonymKey === undefined
      ? personLayout(personTable, personOf, roleCodeOf, people.data.people)
      : pseudonymLayout(personTable.ids, display, personOf, roleCodeOf, people.data.people);
  const incCols = incOut.columns();
  const warnings = [...ps.warnings];
  const mixed = mixedSeverityWarning('incidents', incOut.mixed, (j) => incLedger.isAccepted(j));
  if (mixed) warnings.unshift(mixed);
  // Dates written at 24:00, in accepted rows (as the row path's warning, in its place).
  const end = Array.prototype.some.call(dateCol.values, endOfDayText)
    ? endOfDayWarning(
        'incidents',
        inc.date!,
        nInc,
        (j) => dateCol.values[dateCol.codes[j]],
        (j) => incLedger.isAccepted(j),
      )
    : undefined;
  if (end !== undefined) warnings.splice(mixed ? 1 : 0, 0, end);
  // Time cells at 24:00 beside a date, likewise.
  const endTime =
    timeCol && Array.prototype.some.call(timeCol.values, endOfDayTime)
      ? endOfDayWarning(
          'incidents',
          inc.time!,
          nInc,
          (j) => cell(timeCol, j),
          (j) => incLedger.isAccepted(j),
          (j) => (dates[dCodes[j]] as ParsedDate).date.slice(0, 10),
        )
      : undefined;
  if (endTime !== undefined) warnings.splice((mixed ? 1 : 0) + (end ? 1 : 0), 0, endTime);
  const incidentRow = (k: number) => {
    let j = k;
    while (!(incLedger.isAccepted(j) && outPos[j] === k)) j++;
    return `incidents row ${j + 1}`;
  };
  const gap = gapWarning(incCols, o.timeZone, incidentRow);
  if (gap !== undefined) warnings.push(gap);
  const midnight = utcMidnightWarning(incCols, o.timeZone);
  if (midnight !== undefined) warnings.push(midnight);
  // Only severities given can run against the offences (see ingest.ts).
  const reversed =
    sevCol === undefined || severityDerived === incCols.ids.length
      ? undefined
      : reversedSeverity(
          incCols,
          deriveSeverity,
          incidentRow,
          o.severityLevels !== undefined,
          incOut.derivedSeverities(),
        );
  if (reversed !== undefined) warnings.push(reversedScale(reversed, severityTally));
  const unlisted = unlistedPeopleWarning(
    persons,
    rejectedPeople,
    input.people != null && ps.tables.people.read === 0,
  );
  if (unlisted !== undefined) warnings.push(unlisted);
  const variants = caseVariantWarning(personTable.ids, personOf, o.pseudonymKey !== undefined);
  if (variants !== undefined) warnings.push(variants);
  const data: Dataset = { ...people.data, incidents: [], involvements: [] };
  // The incidents as columns too: their records are made only when `incidents` is read.
  defineIncidentColumns(data, incCols);
  defineInvolvementColumns(data, incidentOf, persons);
  return {
    data,
    rejected: [...incLedger.problems(), ...invLedger.problems(), ...people.rejected],
    summary: {
      form: 'long',
      tables,
      read: sum('read'),
      accepted: sum('accepted'),
      rejected: sum('rejected'),
      totals: { read: sum('read'), accepted: sum('accepted'), rejected: sum('rejected') },
      columns: { incidents: { ...inc }, involvements: { ...inv }, people: ps.columns.people },
      ignoredColumns: {
        incidents: unread(incSrc, (c) => !usedInc.has(c)),
        involvements: unread(invSrc, (c) => !usedInv.has(c)),
        people: [],
      },
      auditColumns: ps.auditColumns,
      attributeColumns: ps.attributeColumns,
      severityDerived,
      weaponsReadAsOther,
      pseudonymised: o.pseudonymKey !== undefined,
      allowedAttributes: ps.allowedAttributes,
      warnings,
    },
  };
}

/**
 * The person layout handed to the dataset index, made outside {@link ingestColumns} so that its
 * `ofPerson` closure holds only what it reads: a closure made inside would keep that function's
 * whole scope (hundreds of MB of per-row scratch arrays at a million people) alive as long as
 * the dataset.
 */
function personLayout(
  personTable: IdTable,
  ofInvolvement: Int32Array,
  role: Uint8Array,
  peopleRows: readonly Person[],
): PersonLayout {
  return {
    ids: personTable.ids,
    ofInvolvement,
    role,
    people: peopleRows,
    ofPerson: () => Int32Array.from(peopleRows, (p) => personTable.get(p.person_id, true)),
  };
}

/** A lat/lon cell as `coordinate` reads it, without building its text when it is a fine number. */
function readCoordinate(
  raw: unknown,
  field: 'lat' | 'lon',
  limit: number,
): number | undefined | Problem {
  if (typeof raw === 'number') {
    if (Number.isNaN(raw)) return undefined; // an empty cell
    if (raw >= -limit && raw <= limit) return raw;
  }
  return coordinate(raw, field, limit);
}
