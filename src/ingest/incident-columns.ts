/**
 * Ingest's accepted incidents as columns (issue 17): the dataset keeps these and makes the
 * {@link Incident} records only when `data.incidents` is first read (`defineIncidentColumns`),
 * so a large dataset's analyses, which read the index, never hold millions of incident objects
 * for every major collection to mark. Each record, when made, is the one {@link incidentRecord}
 * makes from the same values (the same keys, key order and values), `lat` and `lon` added after.
 */
import type { IncidentColumns } from '../core/dataset-index.js';
import type { Incident, Severity, Weapon } from '../core/types.js';
import { incidentRecord } from './incident-record.js';

/** An incident's rows with different severities: id, its first row, the rows named, the two severities. */
export type MixedSeverity = [id: string, first: number, rows: string, a: string, b: string];

/**
 * The rows (0-based) whose values an incident keeps beyond its first row's: its severity (and
 * offence), weapon, time of day; `times`: the two rows that gave two times of day (with their dates).
 */
export interface Givers {
  severity?: number;
  weapon?: number;
  /** The rows that gave an area, and coordinates, the incident had none of. */
  area?: number;
  coords?: number;
  time?: number;
  times?: [date: string, row: number, date: string, row: number];
}

/** Collects the accepted incidents' fields, at most `capacity` of them. */
export class IncidentColumnsBuilder {
  private readonly ids: string[];
  private readonly dates: string[];
  /**
   * A plain array of doubles, not a Float64Array: held on the heap (a double array, whose
   * elements a mark does not visit), so that ingest's typed arrays stay under the ~64 MB of new
   * `ArrayBuffer` memory at which V8 starts a full mark (at 1M a Float64Array here started one
   * inside ingest). Filled with a fraction first so that its elements are doubles from the start.
   */
  private readonly day: number[];
  private readonly severity: Uint8Array;
  private readonly offence: string[];
  /** Made when a first incident has a weapon, an area, a lat or a lon. */
  private weapon: (Weapon | undefined)[] | undefined;
  private area: (string | undefined)[] | undefined;
  /** NaN where the incident has none (a coordinate is never NaN). */
  private lat: Float64Array | undefined;
  private lon: Float64Array | undefined;
  /** 1 at each incident whose severity was derived from its offence; made at the first. */
  private derived: Uint8Array | undefined;
  /** Incidents whose rows gave two times of day (see {@link sameDayTime}). */
  private twoTimes: Set<number> | undefined;
  /** Incidents that keep values a later row of their id gave: those rows (repeated-incident.ts). */
  private givers: Map<number, Givers> | undefined;
  /** The number collected. */
  n = 0;
  /** Incidents kept with the highest of their rows' different severities (repeated-incident.ts). */
  readonly mixed: MixedSeverity[] = [];

  constructor(private readonly capacity: number) {
    this.ids = new Array(capacity);
    this.dates = new Array(capacity);
    // A one-double array lengthened: its store is made for doubles at once (`new Array(n)` then
    // `fill(0.5)` makes a store of holes and then a second, double one: twice the fresh memory).
    this.day = [0.5];
    this.day.length = capacity;
    this.day.fill(0.5);
    this.severity = new Uint8Array(capacity);
    this.offence = new Array(capacity);
  }

  add(
    id: string,
    date: string,
    day: number,
    offence: string,
    severity: Severity,
    weapon: Weapon | undefined,
    area: string | undefined,
    lat: number | undefined,
    lon: number | undefined,
  ): void {
    const k = this.n++;
    this.ids[k] = id;
    this.dates[k] = date;
    this.day[k] = day;
    this.severity[k] = severity;
    this.offence[k] = offence;
    if (weapon !== undefined)
      (this.weapon ??= new Array(this.capacity).fill(undefined))[k] = weapon;
    if (area !== undefined) (this.area ??= new Array(this.capacity).fill(undefined))[k] = area;
    if (lat !== undefined) (this.lat ??= new Float64Array(this.capacity).fill(Number.NaN))[k] = lat;
    if (lon !== undefined) (this.lon ??= new Float64Array(this.capacity).fill(Number.NaN))[k] = lon;
  }

  /**
   * The first field in which incident `k` differs from the fields given (as `add` takes them):
   * `[field, its value, the value given]`, or `undefined` when they agree.
   */
  differs(
    k: number,
    date: string,
    offence: string,
    severity: Severity,
    weapon: Weapon | undefined,
    area: string | undefined,
    lat: number | undefined,
    lon: number | undefined,
  ): [string, string, string] | undefined {
    const coord = (a: Float64Array | undefined) =>
      a === undefined || Number.isNaN(a[k]) ? undefined : a[k];
    const fields: [string, unknown, unknown][] = [
      ['date', this.dates[k], date],
      ['severity', this.severity[k], severity],
      ['weapon', this.weapon?.[k], weapon],
      ['offence', this.offence[k], offence],
      ['area', this.area?.[k], area],
      ['lat', coord(this.lat), lat],
      ['lon', coord(this.lon), lon],
    ];
    for (const [f, a, b] of fields) if (a !== b) return [f, String(a ?? ''), String(b ?? '')];
    return undefined;
  }

  /**
   * Incident `k` and a later row of its id with `date` and `day` of the same calendar day: keeps
   * the one time of day they give. 0: `k` unchanged (the row gives no other time); 1: `k` takes
   * the row's time (it had none); 2: `k` keeps its day without a time (two times given, now or
   * before). A time of exactly 00:00 (a whole `day`) counts as none: exports write it for an
   * unknown time, and the DuckDB queries, which see only the day number, read it so too.
   */
  sameDayTime(k: number, date: string, day: number): 0 | 1 | 2 {
    const mine = this.dates[k];
    if (this.twoTimes?.has(k)) return 2;
    if (date.length === 10 || Number.isInteger(day) || mine === date) return 0;
    if (mine.length === 10 || Number.isInteger(this.day[k])) {
      this.dates[k] = date;
      this.day[k] = day;
      return 1;
    }
    (this.twoTimes ??= new Set()).add(k);
    this.dates[k] = mine.slice(0, 10);
    this.day[k] = Math.floor(this.day[k]) | 0;
    return 2;
  }

  /** The later rows of incident `k`'s id whose values it keeps, if any. */
  giversAt(k: number): Givers | undefined {
    return this.givers?.get(k);
  }

  /** Incident `k` keeps what `g` names (merged into what was noted before). */
  noteGivers(k: number, g: Givers): void {
    const m = (this.givers ??= new Map());
    m.set(k, { ...m.get(k), ...g });
  }

  /** Incident `k`'s date as kept so far. */
  dateAt(k: number): string {
    return this.dates[k];
  }

  /** Incident `k`'s severity. */
  severityAt(k: number): Severity {
    return this.severity[k] as Severity;
  }

  /** Incident `k`'s weapon (`undefined`: none given). */
  weaponAt(k: number): Weapon | undefined {
    return this.weapon?.[k];
  }

  /** Incident `k`, which had none, takes the weapon a later row of its id gives. */
  setWeapon(k: number, weapon: Weapon): void {
    (this.weapon ??= new Array(this.capacity).fill(undefined))[k] = weapon;
  }

  /**
   * Incident `k` takes the area, and the coordinates (both), that a later row of its id gives
   * where it has none: 1 the area taken, 2 the coordinates, 3 both.
   */
  fillPlace(k: number, area?: string, lat?: number, lon?: number): number {
    const none = (a?: Float64Array) => a === undefined || Number.isNaN(a[k]);
    let took = 0;
    if (area !== undefined && this.area?.[k] === undefined) {
      (this.area ??= new Array(this.capacity).fill(undefined))[k] = area;
      took = 1;
    }
    if (lat !== undefined && lon !== undefined && none(this.lat) && none(this.lon)) {
      (this.lat ??= new Float64Array(this.capacity).fill(Number.NaN))[k] = lat;
      (this.lon ??= new Float64Array(this.capacity).fill(Number.NaN))[k] = lon;
      took += 2;
    }
    return took;
  }

  /** Incident `k`'s severity was derived from its offence (`true`), or given. */
  markDerived(k: number, derived: boolean): void {
    if (derived) (this.derived ??= new Uint8Array(this.capacity))[k] = 1;
    else if (this.derived) this.derived[k] = 0;
  }

  /** 1 at each incident collected whose severity was derived from its offence; `undefined`: none. */
  derivedSeverities(): Uint8Array | undefined {
    return this.derived?.subarray(0, this.n);
  }

  /** Incident `k` takes `severity` and the `offence` of the row that gives it. */
  setSeverity(k: number, severity: Severity, offence: string): void {
    this.severity[k] = severity;
    this.offence[k] = offence;
  }

  /** Takes out the incidents at positions `gone` (ascending), keeping the others in order. */
  drop(gone: readonly number[]): void {
    const all: ({ [k: number]: unknown } | undefined)[] = [
      this.ids,
      this.dates,
      this.day,
      this.severity,
      this.offence,
      this.weapon,
      this.area,
      this.lat,
      this.lon,
      this.derived,
    ];
    let kept = 0;
    for (let k = 0, g = 0; k < this.n; k++) {
      if (gone[g] === k) {
        g++;
        continue;
      }
      for (const a of all) if (a) a[kept] = a[k];
      kept++;
    }
    this.n = kept;
  }

  /** The id of incident `k` collected so far. */
  idAt(k: number): string {
    return this.ids[k];
  }

  /** The columns of the incidents collected, and how each record is made. */
  columns(): IncidentColumns {
    const n = this.n;
    const cut = <T>(a: T[] | undefined): T[] | undefined => {
      if (a) a.length = n;
      return a;
    };
    const ids = cut(this.ids)!;
    const dates = cut(this.dates)!;
    const offence = cut(this.offence)!;
    const weapon = cut(this.weapon);
    const area = cut(this.area);
    const day = cut(this.day)!;
    const severity = n === this.capacity ? this.severity : this.severity.slice(0, n);
    const lat = this.lat;
    const lon = this.lon;
    const record = (k: number): Incident => {
      const x = incidentRecord(
        ids[k],
        dates[k],
        day[k],
        offence[k],
        severity[k] as Severity,
        weapon?.[k],
        area?.[k],
      );
      if (lat && !Number.isNaN(lat[k])) x.lat = lat[k];
      if (lon && !Number.isNaN(lon[k])) x.lon = lon[k];
      return x;
    };
    return { ids, dates, day, severity, offence, ...(area ? { area } : {}), record };
  }
}
