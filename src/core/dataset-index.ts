import { bisectLeft } from 'd3-array';
import { toDay } from './time.js';
import type { Dataset, Incident, Involvement, Person, Role } from './types.js';

/** Numeric role codes used in compact arrays. */
export const ROLE_CODE: Readonly<Record<Role, number>> = { offender: 0, victim: 1, other: 2 };
/** Role names by code. */
export const ROLE_NAME: readonly Role[] = ['offender', 'victim', 'other'];

/**
 * A compact, read-only index of a {@link Dataset} for heavy algorithms: incidents sorted by
 * time (incidents at the same time keep the input's order: ids never order anything), people
 * numbered 0..n−1 in id order, involvements as CSR arrays both ways.
 * Because incidents are sorted by time, "as of" slicing is a prefix: see {@link DatasetIndex.lowerBound}.
 *
 * Order in time: an incident without a time of day (`timed` 0) is simultaneous with every
 * other incident of its day — see `happensBefore`.
 */
export interface DatasetIndex {
  readonly data: Dataset;
  /** Person ids by person number (sorted, so numbering never depends on input order). */
  readonly personIds: readonly string[];
  /**
   * Person id → person number. Read it through its `ReadonlyMap` methods: for an as-of index,
   * and for an index of ingest's output, it is a read-only view (not a `Map`;
   * `new Map(personIndex)` copies it into one).
   */
  readonly personIndex: ReadonlyMap<string, number>;
  /**
   * Incidents sorted by day (fractional when a time is known), ties in input order. Positions
   * below refer to this order. The order among incidents at the same time decides nothing.
   */
  readonly incidents: readonly Incident[];
  /**
   * The id of sorted incident `k` (`incidents[k].incident_id`), read without making the incident
   * records when the dataset keeps them as columns (ingest's output): heavy paths read this.
   */
  incidentId(k: number): string;
  /** The area of sorted incident `k` (`incidents[k].area`), read as {@link DatasetIndex.incidentId}. */
  incidentArea(k: number): string | undefined;
  /**
   * Sorted incident `k` as a record, equal to `incidents[k]` (the same object once the records
   * have been made; made alone, without the others, while the dataset keeps them as columns).
   */
  incidentAt(k: number): Incident;
  /** Day of each sorted incident (days since 1970-01-01, on the data's calendar). */
  readonly day: Float64Array;
  /** 1 when the incident's date carries a time of day (a date-time), else 0. */
  readonly timed: Uint8Array;
  readonly severity: Uint8Array;
  /** Involvements of incident i are `invPerson[invOffset[i] .. invOffset[i+1])`. */
  readonly invOffset: Int32Array;
  readonly invPerson: Int32Array;
  /** {@link ROLE_CODE} of each involvement. */
  readonly invRole: Uint8Array;
  /** Incidents of person p (ascending, so by time) are `personInc[personIncOffset[p] .. +1)`. */
  readonly personIncOffset: Int32Array;
  readonly personInc: Int32Array;
  /** Role of person p in each of their incidents, aligned with `personInc`. */
  readonly personIncRole: Uint8Array;
  /** Group number of each person (−1 when unknown); names in `groupNames` (sorted). */
  readonly group: Int32Array;
  /**
   * Day from which each person's group holds, and day from which it no longer does (−∞ / +∞
   * for an undated label): use `groupAt`.
   */
  readonly groupSince: Float64Array;
  readonly groupUntil: Float64Array;
  /** People whose group label carries no dates (treated as timeless). */
  readonly undatedGroups: number;
  readonly groupNames: readonly string[];
  /** First sorted incident position whose day is ≥ `day` (binary search). */
  lowerBound(day: number): number;
}

/**
 * One index per dataset object, with the shape it was built from: the three record arrays and
 * their lengths. Adding or removing records, or replacing an array, after a first analysis is
 * noticed and the index rebuilt; editing a record in place is not (datasets are meant to be
 * treated as immutable: make a new one).
 */
interface CacheEntry {
  index: DatasetIndex;
  /** The incidents array, or the columns they are read from while not yet made. */
  incidents: unknown;
  /** The involvements array, or the columns they are read from while not yet made. */
  involvements: unknown;
  people: readonly unknown[];
  nInc: number;
  nInv: number;
  nPeople: number;
}
const entries = new WeakMap<Dataset, CacheEntry>();
const cache = {
  get(data: Dataset): DatasetIndex | undefined {
    const e = entries.get(data);
    if (!e) return undefined;
    const same =
      isIncidentsKey(e.incidents, data) &&
      e.involvements === involvementsKey(data) &&
      e.people === data.people &&
      e.nInc === incidentCount(data) &&
      e.nInv === involvementCount(data) &&
      e.nPeople === data.people.length;
    if (same) return e.index;
    entries.delete(data);
    return undefined;
  },
  set(data: Dataset, index: DatasetIndex): void {
    entries.set(data, {
      index,
      incidents: incidentsKey(data),
      involvements: involvementsKey(data),
      people: data.people,
      nInc: incidentCount(data),
      nInv: involvementCount(data),
      nPeople: data.people.length,
    });
  },
};

/**
 * Incidents kept as columns instead of objects (ingest's output): ~3M objects fewer on the heap
 * at a million people, which every major collection would otherwise mark (a full mark of the 1M
 * pipeline's heap measured 1.54 s CPU with them, 0.73 s without). Like the involvements,
 * `incidents` is an accessor on the dataset that makes the records the first time it is read
 * (and then becomes an ordinary array property); the index reads the columns. @internal
 */
export interface IncidentColumns {
  /** Each incident's id (distinct). */
  ids: readonly string[];
  /** Each incident's `date` (its length tells a date-time: see {@link isTimed}). */
  dates: readonly string[];
  /** Each incident's `day` (−0 and fractional days as they are). */
  day: Float64Array | readonly number[];
  severity: Uint8Array;
  /** Each incident's `offence` text (`''` where it has none); absent when not kept as a column. */
  offence?: readonly string[];
  /** Each incident's `area` (`undefined` where it has none); absent when none has one. */
  area?: readonly (string | undefined)[];
  /** Makes record `k`: the object its maker would have made (the same keys, order and values). */
  record: (k: number) => Incident;
}

/** A dataset's incident columns and, once made, their records. */
class IncidentState {
  /** The records as handed to the dataset (the array its user holds and may edit). */
  made?: Incident[];
  /**
   * The records by position, private: those made one at a time (`at`) before all are, then all
   * of them. The index reads these, so a record keeps its identity whenever it is made, and an
   * edit of the user's array (a sort, a replaced element) does not move the index's records.
   */
  private own?: Incident[];
  readonly n: number;
  /** The accessor installed on the dataset (to tell whether it is still there). */
  readonly get: () => Incident[];
  constructor(
    readonly data: Dataset,
    readonly cols: IncidentColumns,
  ) {
    this.n = cols.ids.length;
    this.get = () => this.make();
  }

  /** Record `i` (input order), made once. */
  at(i: number): Incident {
    if (!this.own) this.own = new Array<Incident>(this.n).fill(undefined as unknown as Incident);
    return (this.own[i] ??= this.cols.record(i));
  }

  /** The records by position (made if they are not), the index's own copy. */
  records(): readonly Incident[] {
    this.make();
    return this.own!;
  }

  /** The records, made once; the dataset's property becomes the array while the accessor is its. */
  make(): Incident[] {
    if (this.made) return this.made;
    const { record } = this.cols;
    const n = this.n;
    const own = this.own;
    const out: Incident[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = own?.[k] ?? record(k);
    this.own = out.slice();
    this.made = out;
    // Kept in the map only where the property cannot take the array (a frozen dataset), for the
    // accessor to return the same array each time.
    if (
      Object.getOwnPropertyDescriptor(this.data, 'incidents')?.get === this.get &&
      Reflect.defineProperty(this.data, 'incidents', {
        value: out,
        writable: true,
        enumerable: true,
        configurable: true,
      })
    )
      incidentColumns.delete(this.data);
    return out;
  }
}
const incidentColumns = new WeakMap<Dataset, IncidentState>();

/** The columns of `data`'s incidents while their records have not been made. */
function pendingIncidents(data: Dataset): IncidentState | undefined {
  const c = incidentColumns.get(data);
  if (!c || c.made) return undefined;
  return Object.getOwnPropertyDescriptor(data, 'incidents')?.get === c.get ? c : undefined;
}

/**
 * What identifies `data`'s incidents without making them: the columns, or the array (for caches
 * keyed by a dataset's records; compare with {@link isIncidentsKey}). @internal
 */
export function incidentsKey(data: Dataset): unknown {
  return pendingIncidents(data) ?? data.incidents;
}

/**
 * Whether `key` ({@link incidentsKey} of some dataset, taken earlier) still identifies `data`'s
 * incidents: the same array, the same pending columns, or the records since made from them. @internal
 */
export function isIncidentsKey(key: unknown, data: Dataset): boolean {
  const c = pendingIncidents(data);
  if (c) return key === c;
  const incidents = data.incidents;
  return key === incidents || (key instanceof IncidentState && key.made === incidents);
}

/** `data`'s incident columns while their records have not been made. @internal */
export function pendingIncidentColumns(data: Dataset): IncidentColumns | undefined {
  return pendingIncidents(data)?.cols;
}

/** The number of `data`'s incidents, without making them when they are columns. @internal */
export function incidentCount(data: Dataset): number {
  const c = pendingIncidents(data);
  return c ? c.n : data.incidents.length;
}

/** True when `data.incidents` is an array, or columns that make one when read. @internal */
export function hasIncidentRecords(data: object): boolean {
  return (
    pendingIncidents(data as Dataset) !== undefined || Array.isArray((data as Dataset).incidents)
  );
}

/**
 * Makes `data.incidents` an accessor over columns (ingest's output): record `k` is
 * `cols.record(k)`, made for all the first time the property is read (the same records, in the
 * same order); assigning the property replaces it as usual. The index reads the columns. Only
 * for distinct ids (as ingest's output always has): the index trusts them. @internal
 */
export function defineIncidentColumns(data: Dataset, cols: IncidentColumns): void {
  const n = cols.ids.length;
  if (
    cols.dates.length !== n ||
    cols.day.length !== n ||
    cols.severity.length !== n ||
    (cols.area !== undefined && cols.area.length !== n)
  )
    throw new RangeError('defineIncidentColumns: one value per incident in every column');
  const state = new IncidentState(data, cols);
  incidentColumns.set(data, state);
  Object.defineProperty(data, 'incidents', {
    get: state.get,
    set(value: Incident[]) {
      incidentColumns.delete(data);
      Object.defineProperty(data, 'incidents', {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * Involvements kept as columns instead of objects (ingest's output): ~6M objects fewer on the
 * heap at a million people, which every major collection would otherwise mark. `involvements`
 * is an accessor on the dataset that makes the objects the first time it is read (and then
 * becomes an ordinary array property); the index reads the columns and never makes them.
 */
interface InvolvementColumns {
  /** The incidents the positions refer to ({@link incidentsKey}), and their number then. */
  incidents: unknown;
  nInc: number;
  /**
   * Their ids then (the same strings, or the incident columns' own), which the objects are made
   * from: the incidents array may be edited in place before the objects are made (sorted,
   * popped), the involvements may not.
   */
  incidentIds: readonly string[];
  /** Position in `incidents` of each involvement's incident. */
  incidentOf: Int32Array;
  /** Each involvement's person (a number into `persons.ids`) and role code. */
  persons: PersonLayout;
  /** The accessor installed on the dataset (to tell whether it is still there). */
  get: () => Involvement[];
  /** The objects, once made (kept here too when the dataset cannot take them: frozen). */
  made?: Involvement[];
}
const involvementColumns = new WeakMap<Dataset, InvolvementColumns>();

/** The columns of `data`'s involvements while their objects have not been made. */
function pendingColumns(data: Dataset): InvolvementColumns | undefined {
  const c = involvementColumns.get(data);
  if (!c || c.made) return undefined;
  return Object.getOwnPropertyDescriptor(data, 'involvements')?.get === c.get ? c : undefined;
}

/**
 * What identifies `data`'s involvements without making them: the columns, or the array (for
 * caches keyed by a dataset's records). @internal
 */
export function involvementsKey(data: Dataset): unknown {
  return pendingColumns(data) ?? data.involvements;
}

/** The number of `data`'s involvements, without making them when they are columns. @internal */
export function involvementCount(data: Dataset): number {
  const c = pendingColumns(data);
  return c ? c.incidentOf.length : data.involvements.length;
}

/** True when `data.involvements` is an array, or columns that make one when read. @internal */
export function hasInvolvementRecords(data: object): boolean {
  return (
    pendingColumns(data as Dataset) !== undefined || Array.isArray((data as Dataset).involvements)
  );
}

/**
 * Makes `data.involvements` an accessor over columns (ingest's output): involvement `r` is
 * `{ incident_id, person_id: persons.ids[persons.ofInvolvement[r]], role: ROLE_NAME[persons.role[r]] }`,
 * its `incident_id` that of `data.incidents[incidentOf[r]]` as it was when the columns were defined
 * (read from the incident columns when `data`'s incidents are columns). The objects are made the first time the property is read
 * (the same records, in the same order); assigning the property replaces it as usual. The
 * index reads the columns and looks no id up. Only for records whose incident ids are unique,
 * whose every involvement points at one of them and whose `persons.ids` are distinct (as ingest's
 * output always is): the index trusts them. @internal
 */
export function defineInvolvementColumns(
  data: Dataset,
  incidentOf: Int32Array,
  persons: PersonLayout,
): void {
  if (
    persons.ofInvolvement.length !== incidentOf.length ||
    persons.role.length !== incidentOf.length
  )
    throw new RangeError('defineInvolvementColumns: one person and role per involvement');
  const pendingInc = pendingIncidents(data);
  let incidentIds: readonly string[];
  if (pendingInc) incidentIds = pendingInc.cols.ids;
  else {
    const incidents = data.incidents;
    const ids: string[] = new Array(incidents.length);
    for (let k = 0; k < incidents.length; k++) ids[k] = incidents[k].incident_id;
    incidentIds = ids;
  }
  const columns: InvolvementColumns = {
    incidents: pendingInc ?? data.incidents,
    nInc: incidentIds.length,
    incidentIds,
    incidentOf,
    persons,
    get: () => makeInvolvements(data, columns),
  };
  involvementColumns.set(data, columns);
  Object.defineProperty(data, 'involvements', {
    get: columns.get,
    set(value: Involvement[]) {
      involvementColumns.delete(data);
      Object.defineProperty(data, 'involvements', {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * `data` with its incidents replaced by `incidents`: the same records at the same positions (the
 * same `incident_id` at each, other fields possibly edited, as a null model that moves dates
 * does). While `data`'s involvements are still columns, the copy shares them, so no involvement
 * objects are made; otherwise it is `{ ...data, incidents }`. @internal
 */
export function withIncidents(data: Dataset, incidents: readonly Incident[]): Dataset {
  const c = pendingColumns(data);
  let same = c !== undefined && isIncidentsKey(c.incidents, data) && c.nInc === incidents.length;
  for (let k = 0; same && k < incidents.length; k++)
    same = incidents[k].incident_id === c!.incidentIds[k];
  if (!same) return { ...data, incidents: incidents as Incident[] };
  // The same keys in the same order as a spread; `involvements` is then made the accessor.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data))
    out[key] =
      key === 'incidents'
        ? incidents
        : key === 'involvements'
          ? undefined
          : (data as unknown as Record<string, unknown>)[key];
  const copy = out as unknown as Dataset;
  defineInvolvementColumns(copy, c!.incidentOf, c!.persons);
  return copy;
}

/** The involvement objects of columns, made once; the dataset's property becomes the array. */
function makeInvolvements(data: Dataset, c: InvolvementColumns): Involvement[] {
  if (c.made) return c.made;
  const { incidents, incidentIds, incidentOf, persons } = c;
  const { ids, ofInvolvement, role } = persons;
  const n = incidentOf.length;
  const out: Involvement[] = new Array(n);
  for (let r = 0; r < n; r++)
    out[r] = {
      incident_id: incidentIds[incidentOf[r]],
      person_id: ids[ofInvolvement[r]],
      role: ROLE_NAME[role[r]],
    };
  c.made = out;
  // The dataset's property becomes the array; the columns are kept only where it cannot (a
  // frozen dataset), for the accessor to return the same array each time.
  if (
    Reflect.defineProperty(data, 'involvements', {
      value: out,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  )
    involvementColumns.delete(data);
  // What the index knew from the columns holds for the objects: an index already built stays.
  setIncidentLayout(incidents, c.nInc, out, incidentOf, persons);
  const e = entries.get(data);
  if (e && e.involvements === c) e.involvements = out;
  return out;
}

/**
 * Internal facts of an index, not part of its public shape: whether it is a faithful image of
 * the records (incident ids unique, every involvement pointing at a known incident, people-table
 * ids unique: then counts over the index equal counts over the records), and the sorted
 * position of each involvement row's incident (−1 when unknown), so a prefix's records can be
 * found by position instead of by id strings.
 */
interface IndexFacts {
  exact: boolean;
  /** Position in `incidents` of each `data.involvements` row's incident, −1 when unknown. */
  invPos: Int32Array;
  /** 1 for each person number with a row in the people table (made when first asked). */
  peopleRow?: Uint8Array;
}
const facts = new WeakMap<DatasetIndex, IndexFacts>();
const peopleRows = new WeakMap<DatasetIndex, Uint8Array>();

/**
 * 1 for each person number with a row in the dataset's people table, else 0: the people an
 * analysis of any prefix of the records still counts. @internal
 */
export function peopleTableRows(index: DatasetIndex): Uint8Array {
  const known = facts.get(index)?.peopleRow ?? peopleRows.get(index);
  if (known) return known;
  const row = new Uint8Array(index.personIds.length);
  for (const r of index.data.people) {
    const p = index.personIndex.get(r.person_id);
    if (p !== undefined) row[p] = 1;
  }
  peopleRows.set(index, row);
  return row;
}

/**
 * True when the index is a faithful image of its records: incident ids unique, every involvement
 * pointing at a known incident and people-table ids unique (always so for `ingest`'s output).
 * Counts taken over the index then equal counts taken over the record objects. @internal
 */
export function isExactIndex(index: DatasetIndex): boolean {
  return facts.get(index)?.exact ?? false;
}

/**
 * What the maker of a dataset (ingest) knows of its layout: the position in `incidents` of each
 * involvement's incident and, when given, each record's person as a number. Keyed by the
 * involvements array, valid while the incidents array and both lengths are those registered
 * (the person numbers while the people array and its length are too).
 */
const incidentLayouts = new WeakMap<
  readonly Involvement[],
  {
    /** {@link incidentsKey} of the records' dataset. */
    incidents: unknown;
    nInc: number;
    incidentOf: Int32Array;
    persons?: PersonLayout;
    nPeople: number;
  }
>();

/**
 * The people of a dataset's records as numbers, from their maker (ingest's columnar path, which
 * has them anyway), so that the index looks no person id up: `ids` holds distinct ids (it may
 * hold more than the records use), `involvements[r].person_id === ids[ofInvolvement[r]]`,
 * `involvements[r].role === ROLE_NAME[role[r]]`, and `ofPerson()` gives the numbers of the
 * `people` rows (`people[r].person_id === ids[ofPerson()[r]]`; it may add ids, so it is called
 * before `ids` is read). @internal
 */
export interface PersonLayout {
  ids: readonly string[];
  ofInvolvement: Int32Array;
  role: Uint8Array;
  people: readonly Person[];
  ofPerson: () => Int32Array;
}

/**
 * Tells {@link indexDataset} where each involvement's incident is, so that it looks no incident
 * id up: `incidentOf[r]` is the position in `incidents` of `involvements[r]`'s incident; and, with
 * `persons`, who each record's person is, so that it looks no person id up either. Only for
 * records whose incident ids are unique and whose every involvement points at one of them (as
 * ingest's output always is): the index trusts it while the records are not made, and checks it
 * against them (one read of each row) when they are. Forgotten when an array is replaced or
 * changes length. @internal
 */
export function registerIncidentLayout(
  incidents: readonly Incident[],
  involvements: readonly Involvement[],
  incidentOf: Int32Array,
  persons?: PersonLayout,
): void {
  if (incidentOf.length !== involvements.length)
    throw new RangeError('registerIncidentLayout: one incident position per involvement');
  if (
    persons &&
    (persons.ofInvolvement.length !== involvements.length ||
      persons.role.length !== involvements.length)
  )
    throw new RangeError('registerIncidentLayout: one person number per record');
  setIncidentLayout(incidents, incidents.length, involvements, incidentOf, persons);
}

/** {@link registerIncidentLayout} for incidents given by their {@link incidentsKey}. */
function setIncidentLayout(
  incidents: unknown,
  nInc: number,
  involvements: readonly Involvement[],
  incidentOf: Int32Array,
  persons: PersonLayout | undefined,
): void {
  incidentLayouts.set(involvements, {
    incidents,
    nInc,
    incidentOf,
    persons,
    nPeople: persons ? persons.people.length : 0,
  });
}

/** Binary search over ascending days: the first position whose day is ≥ `d`. */
function lowerBoundOf(day: Float64Array): (d: number) => number {
  return (d) => bisectLeft(day, d);
}

/**
 * Builds (once per dataset object, then cached) the compact {@link DatasetIndex}. Records added
 * to or removed from the dataset's arrays (or an array replaced) after a first call are noticed:
 * the index is rebuilt. Records edited in place are not: treat datasets as immutable.
 */
export function indexDataset(data: Dataset): DatasetIndex {
  const hit = cache.get(data);
  if (hit) return hit;

  // The incidents' columns (ingest's output, the records not made), or their records.
  const pendingInc = pendingIncidents(data);
  const nInc = incidentCount(data);
  const inc = pendingInc ? undefined : data.incidents;
  let inDay: Float64Array | readonly number[];
  if (pendingInc) inDay = pendingInc.cols.day;
  else {
    inDay = new Float64Array(nInc);
    for (let i = 0; i < nInc; i++) inDay[i] = inc![i].day;
  }
  // The sorted order (`undefined`: the records' own order).
  const order = sortIncidents(inDay);
  const day = new Float64Array(nInc);
  const timed = new Uint8Array(nInc);
  const severity = new Uint8Array(nInc);
  // The sorted records: made now from records, or when first asked for from columns.
  let incidents: Incident[] | undefined;
  let incidentId: (k: number) => string;
  let incidentArea: (k: number) => string | undefined;
  let incidentAt: (k: number) => Incident;
  if (inc) {
    const sorted: Incident[] = order ? new Array(nInc) : inc.slice();
    for (let k = 0; k < nInc; k++) {
      const x = order ? inc[order[k]] : inc[k];
      if (order) sorted[k] = x;
      day[k] = x.day;
      timed[k] = isTimed(x) ? 1 : 0;
      severity[k] = x.severity;
    }
    incidents = sorted;
    incidentId = (k) => sorted[k].incident_id;
    incidentArea = (k) => sorted[k].area;
    incidentAt = (k) => sorted[k];
  } else {
    const c = pendingInc!;
    const { ids, dates, area } = c.cols;
    const sev = c.cols.severity;
    for (let k = 0; k < nInc; k++) {
      const i = order ? order[k] : k;
      const d = inDay[i];
      day[k] = d;
      timed[k] = dates[i].length > 10 || d !== Math.floor(d) ? 1 : 0;
      severity[k] = sev[i];
    }
    incidentId = order ? (k) => ids[order[k]] : (k) => ids[k];
    incidentArea = !area ? () => undefined : order ? (k) => area[order[k]] : (k) => area[k];
    incidentAt = (k) => (incidents ? incidents[k] : c.at(order ? order[k] : k));
  }
  // The id of the incident at input (unsorted) position i.
  const incIdAt = (i: number): string =>
    pendingInc ? pendingInc.cols.ids[i] : (inc as readonly Incident[])[i].incident_id;
  const sortedIncidents = (): Incident[] => {
    if (incidents) return incidents;
    const all = pendingInc!.records();
    incidents = order ? Array.from(order, (i) => all[i]) : all.slice();
    return incidents;
  };

  // Sorted position of each involvement row's incident (−1: unknown), and each involvement row's
  // and people row's person number.
  const pending = pendingColumns(data);
  const nInv = involvementCount(data);
  let invIncPos: Int32Array;
  let personIndex: ReadonlyMap<string, number> | undefined;
  const invPersonOf = new Int32Array(nInv);
  const peoplePersonOf = new Int32Array(data.people.length);
  let exact: boolean;
  let personIds: string[];
  // Role code of each involvement row, when its maker gave them.
  let roleOf: Uint8Array | undefined;
  {
    let incUnique = true;
    let dangling = false;
    let layout = pending
      ? {
          incidents: pending.incidents,
          nInc: pending.nInc,
          incidentOf: pending.incidentOf,
          persons: pending.persons,
          nPeople: pending.persons.people.length,
        }
      : incidentLayouts.get(data.involvements);
    if (
      layout &&
      !(
        isIncidentsKey(layout.incidents, data) &&
        layout.nInc === nInc &&
        layout.incidentOf.length === nInv
      )
    )
      layout = undefined;
    // Records made and then edited in place (an id renamed, a role changed) no longer say what
    // their maker's numbers say: those numbers are then not used.
    // So do incident records made from columns and then edited in place (reordered, renamed)
    // while the involvements are still columns: their positions point at other incidents now.
    if (
      layout &&
      (pending
        ? inc !== undefined && !incidentsHold(inc, pending.incidentIds)
        : !involvementsHold(data.involvements, layout, (i) => incIdAt(i)))
    ) {
      layout = undefined;
    }
    let persons =
      layout?.persons &&
      layout.persons.people === data.people &&
      layout.nPeople === data.people.length
        ? layout.persons
        : undefined;
    // The people rows' numbers, asked of the maker once (a look-up per row: ingest's answer is
    // made anew on each call).
    const ofPerson = persons?.ofPerson();
    if (persons && !peopleHold(data.people, persons, ofPerson!)) persons = undefined;
    if (layout && !order) {
      // The incident of each involvement as its maker knew it (ingest), and the incidents in
      // order already: the maker's positions are the sorted ones (read-only, so shared).
      invIncPos = layout.incidentOf;
    } else if (layout) {
      // The incident of each involvement as its maker knew it (ingest): no look-up by id.
      invIncPos = new Int32Array(nInv);
      const sortedPos = new Int32Array(nInc);
      for (let k = 0; k < nInc; k++) sortedPos[order![k]] = k;
      for (let r = 0; r < nInv; r++) invIncPos[r] = sortedPos[layout.incidentOf[r]];
    } else {
      invIncPos = new Int32Array(nInv);
      const incPos = new Map<string, number>();
      for (let k = 0; k < nInc; k++) incPos.set(incidentId(k), k);
      incUnique = incPos.size === nInc;
      // Rows of one incident usually come together: a repeated id needs no second look-up.
      let prevId: string | undefined;
      let prevK: number | undefined;
      for (let r = 0; r < nInv; r++) {
        const id = data.involvements[r].incident_id;
        const k = r > 0 && id === prevId ? prevK : incPos.get(id);
        prevId = id;
        prevK = k;
        invIncPos[r] = k === undefined ? -1 : k;
        if (k === undefined) dangling = true;
      }
    }
    // People numbered as first met (one Map operation per row, or none when the maker numbered
    // them), then renumbered in id order.
    const metIds: string[] = [];
    let met: Map<string, number> | undefined;
    let peopleUnique: boolean;
    if (persons && ofPerson) {
      if (ofPerson.length !== data.people.length)
        throw new RangeError('registerIncidentLayout: one person number per people row');
      const { ids, ofInvolvement } = persons;
      const x = new Int32Array(ids.length).fill(-1);
      for (let r = 0; r < peoplePersonOf.length; r++) {
        const k = ofPerson[r];
        if (x[k] < 0) {
          x[k] = metIds.length;
          metIds.push(ids[k]);
        }
        peoplePersonOf[r] = x[k];
      }
      peopleUnique = metIds.length === data.people.length;
      for (let r = 0; r < nInv; r++) {
        const k = ofInvolvement[r];
        if (x[k] < 0) {
          x[k] = metIds.length;
          metIds.push(ids[k]);
        }
        invPersonOf[r] = x[k];
      }
      roleOf = persons.role;
    } else {
      met = new Map<string, number>();
      for (let r = 0; r < peoplePersonOf.length; r++) {
        const id = data.people[r].person_id;
        let x = met.get(id);
        if (x === undefined) {
          x = metIds.length;
          met.set(id, x);
          metIds.push(id);
        }
        peoplePersonOf[r] = x;
      }
      peopleUnique = metIds.length === data.people.length;
      for (let r = 0; r < nInv; r++) {
        const id = data.involvements[r].person_id;
        let x = met.get(id);
        if (x === undefined) {
          x = metIds.length;
          met.set(id, x);
          metIds.push(id);
        }
        invPersonOf[r] = x;
      }
    }
    // Met in id order already (a people table sorted by id that lists everyone, often): the
    // numbers are final, and the Map of first meetings is the id → number Map.
    let inOrder = true;
    for (let x = 1; x < metIds.length && inOrder; x++) inOrder = metIds[x - 1] < metIds[x];
    if (inOrder) {
      personIds = metIds;
      // Numbered by their maker: the id → number Map is made only if enough ids are asked for.
      personIndex = met ?? new SortedPersonIndex(personIds);
    } else {
      personIds = metIds.slice().sort();
      const byId = new Map<string, number>();
      for (let i = 0; i < personIds.length; i++) byId.set(personIds[i], i);
      personIndex = byId;
      const renumber = new Int32Array(metIds.length);
      for (let x = 0; x < metIds.length; x++) renumber[x] = byId.get(metIds[x])!;
      for (let r = 0; r < nInv; r++) invPersonOf[r] = renumber[invPersonOf[r]];
      for (let r = 0; r < peoplePersonOf.length; r++)
        peoplePersonOf[r] = renumber[peoplePersonOf[r]];
    }
    exact = incUnique && !dangling && peopleUnique;
  }
  const nP = personIds.length;

  // Involvements grouped by incident (counting sort), skipping any pointing at unknown incidents
  // (ingest has already rejected those with a reason).
  const invOffset = new Int32Array(nInc + 1);
  // Whether every row's incident is known and the rows come grouped by incident in sorted order
  // (as ingest's output of a sorted export does): then the sort would leave each row where it is.
  let grouped = true;
  let lastK = 0;
  for (let r = 0; r < nInv; r++) {
    const k = invIncPos[r];
    if (k >= 0) invOffset[k + 1]++;
    if (k < lastK) grouped = false;
    else lastK = k;
  }
  for (let k = 0; k < nInc; k++) invOffset[k + 1] += invOffset[k];
  const total = invOffset[nInc];
  let invPerson: Int32Array;
  let invRole: Uint8Array;
  const personIncOffset = new Int32Array(nP + 1);
  if (grouped) {
    invPerson = invPersonOf;
    if (roleOf) invRole = roleOf;
    else {
      invRole = new Uint8Array(nInv);
      for (let r = 0; r < nInv; r++) invRole[r] = ROLE_CODE[data.involvements[r].role];
    }
    for (let r = 0; r < nInv; r++) personIncOffset[invPerson[r] + 1]++;
  } else {
    invPerson = new Int32Array(total);
    invRole = new Uint8Array(total);
    // Each incident's next free slot is kept in its own offset (so no copy of the offsets is
    // needed); afterwards offset k holds the start of k + 1, and one shift puts them back.
    for (let r = 0; r < nInv; r++) {
      const k = invIncPos[r];
      if (k < 0) continue;
      const p = invPersonOf[r];
      const at = invOffset[k]++;
      invPerson[at] = p;
      invRole[at] = roleOf ? roleOf[r] : ROLE_CODE[data.involvements[r].role];
      personIncOffset[p + 1]++;
    }
    unshift(invOffset, nInc);
  }
  for (let p = 0; p < nP; p++) personIncOffset[p + 1] += personIncOffset[p];
  const personInc = new Int32Array(total);
  const personIncRole = new Uint8Array(total);
  for (let k = 0; k < nInc; k++) {
    for (let e = invOffset[k]; e < invOffset[k + 1]; e++) {
      const at = personIncOffset[invPerson[e]]++;
      personInc[at] = k;
      personIncRole[at] = invRole[e];
    }
  }
  unshift(personIncOffset, nP);

  // Groups numbered in name order, so numbering never depends on the order of input rows.
  const groupSet = new Set<string>();
  for (const p of data.people) if (p.group !== undefined && p.group !== '') groupSet.add(p.group);
  const groupNames = [...groupSet].sort();
  const groupIndex = new Map(groupNames.map((g, i) => [g, i]));
  const group = new Int32Array(nP).fill(-1);
  const groupSince = new Float64Array(nP).fill(Number.NEGATIVE_INFINITY);
  const groupUntil = new Float64Array(nP).fill(Number.POSITIVE_INFINITY);
  let undatedGroups = 0;
  for (let r = 0; r < data.people.length; r++) {
    const p = data.people[r];
    const g = p.group === undefined || p.group === '' ? undefined : groupIndex.get(p.group);
    if (g === undefined) continue;
    const i = peoplePersonOf[r];
    group[i] = g;
    const since = p.group_since ? toDay(p.group_since) : Number.NaN;
    const until = p.group_until ? toDay(p.group_until) : Number.NaN;
    if (!Number.isNaN(since)) groupSince[i] = since;
    if (!Number.isNaN(until)) groupUntil[i] = until;
    if (Number.isNaN(since) && Number.isNaN(until)) undatedGroups++;
  }

  const index: DatasetIndex = {
    data,
    personIds,
    personIndex,
    get incidents() {
      return sortedIncidents();
    },
    incidentId,
    incidentArea,
    incidentAt,
    day,
    timed,
    severity,
    invOffset,
    invPerson,
    invRole,
    personIncOffset,
    personInc,
    personIncRole,
    group,
    groupNames,
    groupSince,
    groupUntil,
    undatedGroups,
    lowerBound: lowerBoundOf(day),
  };
  cache.set(data, index);
  const peopleRow = new Uint8Array(nP);
  for (let r = 0; r < peoplePersonOf.length; r++) peopleRow[peoplePersonOf[r]] = 1;
  facts.set(index, { exact, invPos: invIncPos, peopleRow });
  return index;
}

/**
 * Offsets `off[0..n]` whose entries were each advanced to the next one's start while filling
 * (entry k holds the start of k + 1) put back: entry k the start of k again (entry n, the total,
 * is unchanged).
 */
function unshift(off: Int32Array, n: number): void {
  for (let k = n - 1; k > 0; k--) off[k] = off[k - 1];
  if (n > 0) off[0] = 0;
}

/**
 * The group number of person `p` valid on `day` (−1 when none): a dated label holds in
 * [group_since, group_until); an undated label always.
 */
export function groupAt(index: DatasetIndex, p: number, day: number): number {
  const g = index.group[p];
  return g >= 0 && index.groupSince[p] <= day && day < index.groupUntil[p] ? g : -1;
}

/** Whether an incident's date carries a time of day (a date-time rather than a plain date). */
export function isTimed(x: Incident): boolean {
  return x.date.length > 10 || x.day !== Math.floor(x.day);
}

/**
 * Whether an incident at day `dayA` certainly happened before one at `dayB`. With both times
 * known, by time (equal times are simultaneous); otherwise by calendar day, so two incidents of
 * one day are simultaneous when either has no time: neither can answer the other.
 */
export function happensBefore(dayA: number, timedA: number, dayB: number, timedB: number): boolean {
  return timedA && timedB ? dayA < dayB : Math.floor(dayA) < Math.floor(dayB);
}

/**
 * Incident positions sorted by day, ties in input order: a counting sort on whole days, then a
 * small stable sort by time inside each day (a comparator sort over a million objects is many
 * times slower). Ids never take part, so renaming incidents changes nothing. `undefined` when the
 * input is in order already (the order is then the input's).
 */
function sortIncidents(days: Float64Array | readonly number[]): Int32Array | undefined {
  const n = days.length;
  // Already in order (days never decrease, none NaN): the order is the input's, as the sort below
  // would find it. Exports and ingest's output usually are.
  let prev = Number.NEGATIVE_INFINITY;
  let i = 0;
  while (i < n) {
    const d = days[i];
    if (!(d >= prev)) break;
    prev = d;
    i++;
  }
  if (i === n) return undefined;
  const order = new Int32Array(n);
  // Whole days as 32-bit integers (a day outside them, or not finite, takes the plain sort).
  const whole = new Int32Array(n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let int32 = true;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(days[i]);
    whole[i] = d;
    if (whole[i] !== d) int32 = false;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const span = max - min + 1;
  if (!(int32 && span <= 4 * n + 1_000_000)) {
    // Dates spread too thin for buckets (or non-finite): plain comparison sort.
    const all = Array.from(order.keys());
    all.sort((a, b) => days[a] - days[b] || a - b);
    return Int32Array.from(all);
  }
  const start = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) start[whole[i] - min + 1]++;
  for (let b = 0; b < span; b++) start[b + 1] += start[b];
  const fill = start.slice(0, span);
  for (let i = 0; i < n; i++) order[fill[whole[i] - min]++] = i;
  const bucket: number[] = [];
  for (let b = 0; b < span; b++) {
    const lo = start[b];
    const hi = start[b + 1];
    if (hi - lo < 2) continue;
    // A day whose incidents are in time order already (all without a time of day, often) keeps it.
    let m = lo + 1;
    while (m < hi && days[order[m - 1]] <= days[order[m]]) m++;
    if (m === hi) continue;
    bucket.length = 0;
    for (let j = lo; j < hi; j++) bucket.push(order[j]);
    bucket.sort((a, c) => days[a] - days[c] || a - c);
    for (let j = lo; j < hi; j++) order[j] = bucket[j - lo];
  }
  return order;
}

/**
 * Whether involvement records still say what their maker's layout says (the incident, person and
 * role of every row): false when a record was edited in place after it was made. O(rows), with
 * no allocation (ids compared as strings: the same string objects, unless edited).
 */
function involvementsHold(
  involvements: readonly Involvement[],
  layout: { incidentOf: Int32Array; persons?: PersonLayout },
  incidentIdAt: (i: number) => string,
): boolean {
  const { incidentOf, persons } = layout;
  for (let r = 0; r < involvements.length; r++) {
    const x = involvements[r];
    const k = incidentOf[r];
    if (k >= 0 && x.incident_id !== incidentIdAt(k)) return false;
    if (
      persons &&
      (x.person_id !== persons.ids[persons.ofInvolvement[r]] ||
        x.role !== ROLE_NAME[persons.role[r]])
    )
      return false;
  }
  return true;
}

/** Whether the incident records still have the ids, in the order, the involvement columns saw. */
function incidentsHold(incidents: readonly Incident[], ids: readonly string[]): boolean {
  if (incidents.length !== ids.length) return false;
  for (let k = 0; k < ids.length; k++) if (incidents[k].incident_id !== ids[k]) return false;
  return true;
}

/** Whether every people row's id is still the one its maker numbered (no edit in place). */
function peopleHold(
  people: readonly Person[],
  persons: PersonLayout,
  ofPerson: Int32Array,
): boolean {
  if (ofPerson.length !== people.length) return true; // indexDataset refuses this layout itself
  const { ids } = persons;
  for (let r = 0; r < people.length; r++)
    if (people[r].person_id !== ids[ofPerson[r]]) return false;
  return true;
}

const prefixCache = new WeakMap<DatasetIndex, Map<number, DatasetIndex>>();

/**
 * A person index read as a read-only map of `ids[i] → i` without a `Map` of its own: what the
 * views below share (everything but `get`). Not a `Map` subclass on purpose: a subclass's own
 * store is empty, so `Map.prototype.get.call` and `structuredClone` (and so `postMessage` to a
 * worker) would see an empty Map and answer "unknown" for everyone; here the first throws, and
 * a clone has no methods (the fields are private), so a misuse fails where it happens.
 * `new Map(view)` makes a real Map when one is needed.
 */
abstract class PersonIndexView implements ReadonlyMap<string, number> {
  readonly #ids: readonly string[];
  constructor(ids: readonly string[]) {
    this.#ids = ids;
  }
  abstract get(id: string): number | undefined;
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  get size(): number {
    return this.#ids.length;
  }
  *entries(): MapIterator<[string, number]> {
    const ids = this.#ids;
    for (let i = 0; i < ids.length; i++) yield [ids[i], i];
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
  *keys(): MapIterator<string> {
    yield* this.#ids;
  }
  *values(): MapIterator<number> {
    for (let i = 0; i < this.#ids.length; i++) yield i;
  }
  forEach(
    f: (value: number, key: string, map: ReadonlyMap<string, number>) => void,
    self?: unknown,
  ) {
    const ids = this.#ids;
    for (let i = 0; i < ids.length; i++) f.call(self, i, ids[i], this);
  }
  get [Symbol.toStringTag](): string {
    return 'PersonIndexView';
  }
}

/**
 * The person numbers of a full index whose people were numbered by the dataset's maker (ingest):
 * `ids[i] → i` over distinct ids in ascending order, a {@link PersonIndexView}. The first look-ups are binary searches; the `Map` of every id is
 * made only once enough ids have been asked for (a million `set`s, ~0.5 s at 1M people, that a
 * run asking for a few ids, or none, does not pay).
 */
class SortedPersonIndex extends PersonIndexView {
  readonly #ids: readonly string[];
  #map: Map<string, number> | undefined;
  /** Look-ups left before the Map is made. */
  #searches: number;
  /** The number after the last one found (tried first). */
  #next = 0;
  constructor(ids: readonly string[]) {
    super(ids);
    this.#ids = ids;
    this.#searches = 256 + (ids.length >>> 6);
  }
  get(id: string): number | undefined {
    const map = this.#map;
    if (map) return map.get(id);
    if (typeof id !== 'string') return undefined;
    const ids = this.#ids;
    // Ids asked for in id order (a walk over `personIds`) are found without a search.
    const next = this.#next;
    if (ids[next] === id) {
      this.#next = next + 1;
      return next;
    }
    if (this.#searches-- <= 0) {
      const made = new Map<string, number>();
      for (let i = 0; i < ids.length; i++) made.set(ids[i], i);
      this.#map = made;
      return made.get(id);
    }
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < ids.length && ids[lo] === id) {
      this.#next = lo + 1;
      return lo;
    }
    return undefined;
  }
}

/**
 * The person numbers of a prefix index as a view over its parent's (a person's number there,
 * renumbered): no Map of a million ids is built for `indexBefore` (it was ~15% of exposure at
 * 1M people). A {@link PersonIndexView}.
 */
class PrefixPersonIndex extends PersonIndexView {
  readonly #parent: ReadonlyMap<string, number>;
  readonly #renumber: Int32Array;
  constructor(parent: ReadonlyMap<string, number>, renumber: Int32Array, ids: readonly string[]) {
    super(ids);
    this.#parent = parent;
    this.#renumber = renumber;
  }
  get(id: string): number | undefined {
    const p = this.#parent.get(id);
    if (p === undefined) return undefined;
    const q = this.#renumber[p];
    return q >= 0 ? q : undefined;
  }
  /** The person index of the index this one was cut from. */
  get parent(): ReadonlyMap<string, number> {
    return this.#parent;
  }
}

/**
 * Whether `id` is a person of the whole data `index` was cut from (by {@link indexBefore}): its
 * own people, and those first recorded after its last incident. A model fitted as of a date holds
 * only the first; an id in neither is in no record at all (a typo, another extract's id).
 * @internal
 */
export function inWholeData(index: DatasetIndex, id: string): boolean {
  let people = index.personIndex;
  while (people instanceof PrefixPersonIndex) {
    if (people.has(id)) return true;
    people = people.parent;
  }
  return people.has(id);
}

/**
 * The index of the records at sorted incident positions [0, hi) — the data "as of" the day of
 * incident `hi` — derived from `index`'s arrays instead of re-indexing from the records: the same
 * result as `indexDataset` of the sliced dataset (its incidents, their involvements, the people
 * they involve, and people-table rows with no records at all), several times faster.
 * Cached per index and `hi`.
 *
 * @example
 * const full = indexDataset(data);
 * const past = indexBefore(full, full.lowerBound(toDay('2023-01-01')));
 */
export function indexBefore(index: DatasetIndex, hi: number): DatasetIndex {
  if (!(Number.isInteger(hi) && hi >= 0 && hi <= index.day.length)) {
    throw new RangeError(`hi must be an incident position from 0 to ${index.day.length}`);
  }
  if (hi === index.day.length) return index;
  let byHi = prefixCache.get(index);
  if (!byHi) prefixCache.set(index, (byHi = new Map()));
  const hit = byHi.get(hi);
  if (hit) return hit;

  const nP = index.personIds.length;
  // A person stays when their first record is before `hi`, or when they have no record at all
  // (a people-table row); `personInc` lists each person's incidents in position order.
  // (the ids array sized first: a million pushes regrow it some twenty times)
  const renumber = new Int32Array(nP).fill(-1);
  let kept = 0;
  for (let p = 0; p < nP; p++) {
    const a = index.personIncOffset[p];
    if (a === index.personIncOffset[p + 1] || index.personInc[a] < hi) renumber[p] = kept++;
  }
  const personIds: string[] = new Array(kept);
  for (let p = 0; p < nP; p++) if (renumber[p] >= 0) personIds[renumber[p]] = index.personIds[p];
  const personIndex = new PrefixPersonIndex(index.personIndex, renumber, personIds);
  const n = personIds.length;

  // The records of the prefix, made when first asked for (from the parent's).
  let incidents: Incident[] | undefined;
  const prefixIncidents = (): Incident[] => {
    if (!incidents) incidents = index.incidents.slice(0, hi);
    return incidents;
  };
  const nInv = index.invOffset[hi];
  const invPerson = new Int32Array(nInv);
  for (let e = 0; e < nInv; e++) invPerson[e] = renumber[index.invPerson[e]];

  const personIncOffset = new Int32Array(n + 1);
  for (let p = 0; p < nP; p++) {
    const q = renumber[p];
    if (q < 0) continue;
    let c = 0;
    for (let j = index.personIncOffset[p]; j < index.personIncOffset[p + 1]; j++) {
      if (index.personInc[j] >= hi) break;
      c++;
    }
    personIncOffset[q + 1] = c;
  }
  for (let q = 0; q < n; q++) personIncOffset[q + 1] += personIncOffset[q];
  const personInc = new Int32Array(personIncOffset[n]);
  const personIncRole = new Uint8Array(personIncOffset[n]);
  for (let p = 0; p < nP; p++) {
    const q = renumber[p];
    if (q < 0) continue;
    // (element loops: two `subarray` views per person were a million short-lived objects)
    const from = index.personIncOffset[p];
    for (let j = personIncOffset[q], e = personIncOffset[q + 1], f = from; j < e; j++, f++) {
      personInc[j] = index.personInc[f];
      personIncRole[j] = index.personIncRole[f];
    }
  }

  // Groups of the people who stay, renumbered in name order (as indexDataset numbers them).
  const used = new Uint8Array(index.groupNames.length);
  for (let p = 0; p < nP; p++)
    if (renumber[p] >= 0 && index.group[p] >= 0) used[index.group[p]] = 1;
  const groupRenumber = new Int32Array(index.groupNames.length).fill(-1);
  const groupNames: string[] = [];
  for (let g = 0; g < index.groupNames.length; g++) {
    if (used[g]) {
      groupRenumber[g] = groupNames.length;
      groupNames.push(index.groupNames[g]);
    }
  }
  const group = new Int32Array(n).fill(-1);
  const groupSince = new Float64Array(n);
  const groupUntil = new Float64Array(n);
  let undatedGroups = 0;
  for (let p = 0; p < nP; p++) {
    const q = renumber[p];
    if (q < 0) continue;
    groupSince[q] = index.groupSince[p];
    groupUntil[q] = index.groupUntil[p];
    if (index.group[p] >= 0) {
      group[q] = groupRenumber[index.group[p]];
      if (groupSince[q] === Number.NEGATIVE_INFINITY && groupUntil[q] === Number.POSITIVE_INFINITY)
        undatedGroups++;
    }
  }

  // The incident columns are views of the parent's (an index is read-only): ~40 MB fewer new
  // typed arrays at 1M people, where every ~64 MB starts a full mark of the heap.
  const day = index.day.subarray(0, hi);
  const out = {
    personIds,
    personIndex,
    get incidents() {
      return prefixIncidents();
    },
    incidentId: (k: number) => index.incidentId(k),
    incidentArea: (k: number) => index.incidentArea(k),
    incidentAt: (k: number) => index.incidentAt(k),
    day,
    timed: index.timed.subarray(0, hi),
    severity: index.severity.subarray(0, hi),
    invOffset: index.invOffset.subarray(0, hi + 1),
    invPerson,
    invRole: index.invRole.subarray(0, nInv),
    personIncOffset,
    personInc,
    personIncRole,
    group,
    groupNames,
    groupSince,
    groupUntil,
    undatedGroups,
    lowerBound: lowerBoundOf(day),
  } as Omit<DatasetIndex, 'data'> as DatasetIndex;
  // The records of the prefix as a dataset, made only when asked for (most analyses read the
  // arrays alone): found by position when the index is exact, else by incident id.
  const parent = facts.get(index);
  const exact = parent?.exact ?? false;
  let invPos: Int32Array | undefined;
  let data: Dataset | undefined;
  const makeData = (): Dataset => {
    if (data) return data;
    const all = index.data.involvements;
    let involvements: Involvement[];
    if (exact && parent) {
      const pos = parent.invPos;
      const keep: number[] = [];
      for (let r = 0; r < all.length; r++) if (pos[r] < hi) keep.push(r);
      involvements = keep.map((r) => all[r]);
      invPos = Int32Array.from(keep, (r) => pos[r]);
    } else {
      const keptIncidents = new Set<string>();
      for (let k = 0; k < hi; k++) keptIncidents.add(index.incidentId(k));
      involvements = all.filter((v) => keptIncidents.has(v.incident_id));
    }
    data = {
      ...index.data,
      incidents: prefixIncidents(),
      involvements,
      people: index.data.people.filter((r) => renumber[index.personIndex.get(r.person_id)!] >= 0),
    };
    cache.set(data, out);
    if (exact && invPos) facts.set(out, { exact: true, invPos });
    return data;
  };
  Object.defineProperty(out, 'data', { get: makeData, enumerable: true });
  if (exact) {
    // Facts of the prefix before its records are made: exact, involvement positions on demand.
    facts.set(out, {
      exact: true,
      get invPos() {
        makeData();
        return invPos!;
      },
    });
  }
  byHi.set(hi, out);
  return out;
}
