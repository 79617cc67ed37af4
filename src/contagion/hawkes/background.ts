import { bisectRight } from 'd3-array';
import { ROLE_CODE } from '../../core/dataset-index.js';
import { OptionError } from '../../core/errors.js';
import { personAsRead } from '../../core/id-as-read.js';
import { killedIn } from '../../core/killed.js';
import { checkOptions, closestName, closestOptionName, rule } from '../../core/options.js';
import { DAYS_PER_YEAR, toDay } from '../../core/time.js';
import { type GroupEvents, groupCountAt } from './groups.js';
import type { HawkesData } from './prepare.js';
import type { ExitRow, RecordCovariates } from './types.js';

/** Angular frequency of the yearly season, per day. */
export const OMEGA = (2 * Math.PI) / DAYS_PER_YEAR;

/** Column names of the record covariates, in order. */
export const RECORD_COVARIATE_NAMES = [
  'prior_incidents',
  'prior_violent_offending',
  'prior_victimisation',
  'years_since_first_record',
  'prior_co_offenders',
] as const;
const RECORD_KEYS = [
  'priorIncidents',
  'priorViolentOffending',
  'priorVictimisation',
  'yearsSinceFirstRecord',
  'priorCoOffenders',
] as const;

/** Column name of the group covariate (see {@link GroupEvents}). */
export const GROUP_COVARIATE_NAME = 'group_recent_events';
/** Largest group count the design distinguishes (larger counts are capped). */
const GROUP_CAP = 255;

/** Largest count a record covariate distinguishes (larger counts are capped). */
const CAP = 4095;
const BASE = 4096;
/** Base of the whole-number keys of record counts (each count below it; see {@link RowTable}). */
export const ROW_KEY_BASE = BASE;
/**
 * The second half of a design row's key ({@link RowTable}): years since first record (below 16),
 * the group count (below 256) and the co-offender count (below {@link ROW_KEY_BASE}), below 2^24;
 * the first half is inc + B·(off + B·vic), below 2^36. One key of all five would pass 2^52.
 */
export function rowKey2(yrs: number, grp: number, co: number): number {
  return yrs + 16 * (grp + 256 * co);
}
/** Years since first record are capped here. */
const MAX_YEARS = 10;

/** Options of the background design. */
export interface BackgroundOptions {
  /** Which record covariates are on (all five by default). `false` turns all off. */
  recordCovariates: RecordCovariates | false;
  /** Piecewise-constant trend bins. */
  trend: 'year' | 'quarter' | false;
  /** Length of the last trend bin in days (see {@link trendEdges}); default +∞ (calendar bins only). */
  lastTrendBinDays?: number;
  /**
   * The record counts cover the trailing `recordDays` days (a record dated d counts over
   * [d, d + recordDays)); default +∞ (every record in the records window before t).
   */
  recordDays?: number;
  /** `'first-record'`: a person is at risk from their first record; `'window'`: from the window start. */
  entry: 'first-record' | 'window';
  /** Homicide victims leave the risk set at their death. */
  homicideExit: boolean;
  /** User-supplied exits (custody, moved away…). */
  exits: readonly ExitRow[] | undefined;
  /**
   * Who an exit row's error names: the function the user called and the option that gave the
   * rows as they wrote it (hawkesInference's `'fit.exits'`). Default: fitNetworkHawkes, 'exits'.
   */
  named?: { fn: string; option: string };
  /** User covariates: centred n × u matrix (or null) and names. */
  userX: Float64Array | null;
  userNames: string[];
  /** What each user covariate was divided by in `userX` (1: as given; see `scale`). */
  userScale?: Float64Array | null;
  /** The group covariate's events (null: off). */
  group?: GroupEvents | null;
  /**
   * Whether the season is fitted: without it the season integrals (`As`, `Ac`) are left at 0,
   * since every use multiplies them by a seasonal coefficient that is then 0. Default true.
   */
  seasonal?: boolean;
}

/**
 * The background design: piecewise-constant as-of covariate rows with their exposure integrals per
 * trend bin, so the background compensator Σ_k ∫ μ_k(t) dt is an exact finite sum
 * Σ_rows e^(γ·z_r) Σ_bins μ_b (A0 + b1·As + b2·Ac).
 */
export interface BackgroundDesign {
  /** Trend bins: [edges[b], edges[b+1]). */
  B: number;
  edges: Float64Array;
  /** Covariate names (record covariates first, then user covariates) and their number. */
  names: string[];
  d: number;
  /**
   * Which record covariates are on (in {@link RECORD_COVARIATE_NAMES} order), then whether the
   * group covariate is (sixth).
   */
  own: boolean[];
  /** The co-offender count's changes ({@link coOffenderColumns}; null when that covariate is off). */
  co: CoOffenderColumns | null;
  /** Centring of each covariate (subtracted from its raw value). */
  centre: Float64Array;
  nRows: number;
  /** Centred covariates per row (nRows × d). */
  Z: Float64Array;
  /** Exposure integrals per row and bin (nRows × B): ∫ 1, ∫ sin ωt, ∫ cos ωt over at-risk time. */
  A0: Float64Array;
  As: Float64Array;
  Ac: Float64Array;
  /**
   * Row and bin of each event (−1 for history events before the outcome window, −2 for entry
   * events: events on the day a person is first recorded, −3 for events inside an exit of their
   * person: both conditioned on rather than modelled).
   */
  evRow: Int32Array;
  evBin: Int32Array;
  /** At-risk entry day of each person (+∞ when never at risk) and exit intervals (CSR). */
  entry: Float64Array;
  exitOffset: Int32Array;
  exitFrom: Float64Array;
  exitTo: Float64Array;
  /** Person-days at risk in the outcome window. */
  personDays: number;
  /** People ever at risk in the outcome window. */
  atRisk: number;
  /** Events conditioned on as entries (evRow −2). */
  entryEvents: number;
  /** Events conditioned on for falling inside an exit of their person (evRow −3). */
  exitEvents: readonly number[];
  /** Whether homicide victims leave the at-risk set (kept so later records are read the same way). */
  homicideExit: boolean;
  /** The user's exit rows as given (the intervals above merge them with the homicides'). */
  userExits: readonly ExitRow[] | undefined;
  /**
   * Days a record counts in the incident and violence counts (+∞: every earlier record in the
   * records window): a record dated d counts over [d, d + recordDays).
   */
  recordDays: number;
  /** User covariates (centred, n × u) for risk and simulation. */
  userX: Float64Array | null;
  u: number;
  /**
   * Per covariate (d), what its values in Z were divided by: 1, or a user covariate's standard
   * deviation when it lies far from 1 (the fit works in those units; its public coefficient,
   * standard error and information are in the covariate's own units).
   */
  scale: Float64Array;
  /** The group covariate's events (null when off). */
  group: GroupEvents | null;
}

/**
 * Calendar trend bin edges over [start, end). A partial bin under a third of a bin is merged.
 * With `lastBinDays`, a longer last bin is split on the first day of the calendar month holding
 * end − lastBinDays (so it keeps lastBinDays to lastBinDays + 30 days, and refits a few days apart
 * share it), and a piece left before it shorter than a third of a bin joins the bin before (with
 * no bin before it, the split is not made). Forecasts use the last bin's
 * rate with each person's record counts at the end of the window, and the counts grow inside a
 * bin, so a long last bin is calibrated to counts lower than those the forecast uses.
 */
export function trendEdges(
  start: number,
  end: number,
  trend: 'year' | 'quarter' | false,
  lastBinDays = Number.POSITIVE_INFINITY,
): number[] {
  if (!trend || !(end > start)) return [start, end];
  const months = trend === 'year' ? 12 : 3;
  const full = (months / 12) * DAYS_PER_YEAR;
  const d = new Date(start * 86400000);
  let y = d.getUTCFullYear();
  let m = Math.floor(d.getUTCMonth() / months) * months;
  const edges = [start];
  for (;;) {
    m += months;
    if (m >= 12) {
      m -= 12;
      y++;
    }
    const e = Date.UTC(y, m, 1) / 86400000;
    if (!(e < end)) break;
    edges.push(e);
  }
  edges.push(end);
  // Merge a short first or last bin into its neighbour.
  if (edges.length > 2 && edges[1] - edges[0] < full / 3) edges.splice(1, 1);
  if (edges.length > 2 && edges[edges.length - 1] - edges[edges.length - 2] < full / 3)
    edges.splice(edges.length - 2, 1);
  if (end - edges[edges.length - 2] > lastBinDays) {
    // The split: the first day of the calendar month holding end − lastBinDays (so refits a few
    // days apart keep the same last bin), when that is inside the last bin.
    const s = new Date((end - lastBinDays) * 86400000);
    const split = Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), 1) / 86400000;
    if (split > edges[edges.length - 2]) {
      edges.splice(edges.length - 1, 0, split);
      const n = edges.length;
      // A piece left before the split shorter than a third of a bin joins the bin before it; with
      // no bin before it (the window was one bin), the split is not made.
      if (edges[n - 2] - edges[n - 3] < full / 3) edges.splice(n > 3 ? n - 3 : n - 2, 1);
    }
  }
  return edges;
}

/** Running record counts of one person. */
export interface Counts {
  inc: number;
  off: number;
  vic: number;
  first: number;
  /** Other members' events in the person's group in the trailing window (group covariate). */
  grp: number;
  /** Distinct co-offenders (see {@link coOffenderColumns}; 0 when that covariate is off). */
  co: number;
}

/** Fresh zero {@link Counts}. */
export function zeroCounts(): Counts {
  return { inc: 0, off: 0, vic: 0, first: Number.POSITIVE_INFINITY, grp: 0, co: 0 };
}

/** Raw (uncentred) record covariates of a person at time t with counts `c`. */
export function rawOwn(
  c: Counts,
  t: number,
  out: Float64Array,
  at: number,
  own: boolean[],
): number {
  let x = at;
  if (own[0]) out[x++] = Math.log1p(c.inc);
  if (own[1]) out[x++] = Math.log1p(c.off);
  if (own[2]) out[x++] = Math.log1p(c.vic);
  if (own[3]) out[x++] = Math.log1p(yearsSince(c.first, t));
  if (own[4]) out[x++] = Math.log1p(Math.min(c.co, CAP));
  if (own[5]) out[x++] = Math.log1p(Math.min(c.grp, GROUP_CAP));
  return x;
}

export function yearsSince(first: number, t: number): number {
  if (!Number.isFinite(first)) return 0;
  return Math.min(MAX_YEARS, Math.max(0, Math.floor((t - first) / DAYS_PER_YEAR + 1e-9)));
}

/** The next time after t at which the years-since-first-record covariate changes (+∞ if never). */
export function nextAnniversary(first: number, t: number): number {
  if (!Number.isFinite(first)) return Number.POSITIVE_INFINITY;
  const y = yearsSince(first, t);
  if (y >= MAX_YEARS) return Number.POSITIVE_INFINITY;
  const a = first + (y + 1) * DAYS_PER_YEAR;
  return a > t ? a : first + (y + 2) * DAYS_PER_YEAR;
}

/** Applies one incident (position k) of person p to the counts. */
export function applyRecord(data: HawkesData, k: number, roles: number, c: Counts) {
  c.inc++;
  if (!Number.isFinite(c.first)) c.first = data.index.day[k];
  const violent = data.index.severity[k] >= 1;
  if (violent && roles & 1) c.off++;
  if (violent && roles & 2) c.vic++;
}

/** Removes one record applied by {@link applyRecord} (it left the trailing count window). */
export function removeRecord(data: HawkesData, k: number, roles: number, c: Counts) {
  c.inc--;
  const violent = data.index.severity[k] >= 1;
  if (violent && roles & 1) c.off--;
  if (violent && roles & 2) c.vic--;
}

/** Role bits of a record in {@link RecordColumns}: set when its incident is violent (severity ≥ 1). */
const VIOLENT = 8;

/**
 * Every person's records in the records window as {@link recordsInto} lists them (once per
 * incident, in time order), with the incident's day and the role bits | {@link VIOLENT}: person
 * p's are `[offset[p], offset[p + 1])`. The walks over everyone's records (the background design,
 * the frailty's expected events, a ranked list's counts) read these in order instead of the
 * incident columns at random (each record's day and severity read once, here).
 */
export interface RecordColumns {
  offset: Int32Array;
  day: Float64Array;
  bits: Uint8Array;
}

const recordColumnsCache = new WeakMap<
  HawkesData,
  { index: HawkesData['index']; lo: number; hi: number; cols: RecordColumns }
>();

/** {@link RecordColumns} of the data, built on first use and kept with it. */
export function recordColumns(data: HawkesData): RecordColumns {
  const { lo, hi } = data.window;
  const hit = recordColumnsCache.get(data);
  if (hit && hit.index === data.index && hit.lo === lo && hit.hi === hi) return hit.cols;
  const { personIncOffset, personInc, personIncRole, day, severity } = data.index;
  const OFF = ROLE_CODE.offender;
  const VIC = ROLE_CODE.victim;
  const n = data.nPeople;
  const offset = new Int32Array(n + 1);
  // recordsInto's walk: counted first (incident positions only), then filled. Inlined here and in
  // countsBefore on purpose: one shared step (roles through a module variable) built 1.06-1.18x slower.
  let size = 0;
  for (let p = 0; p < n; p++) {
    let x = personIncOffset[p];
    const end = personIncOffset[p + 1];
    while (x < end) {
      const k = personInc[x];
      while (x < end && personInc[x] === k) x++;
      if (k < lo) continue;
      if (k >= hi) break;
      size++;
    }
    offset[p + 1] = size;
  }
  const recDay = new Float64Array(size);
  const bits = new Uint8Array(size);
  for (let p = 0, m = 0; p < n; p++) {
    let x = personIncOffset[p];
    const end = personIncOffset[p + 1];
    while (x < end) {
      const k = personInc[x];
      let roles = 0;
      while (x < end && personInc[x] === k) {
        const r = personIncRole[x];
        roles |= r === OFF ? 1 : r === VIC ? 2 : 4;
        x++;
      }
      if (k < lo) continue;
      if (k >= hi) break;
      recDay[m] = day[k];
      bits[m++] = severity[k] >= 1 ? roles | VIOLENT : roles;
    }
  }
  const cols = { offset, day: recDay, bits };
  recordColumnsCache.set(data, { index: data.index, lo, hi, cols });
  return cols;
}

/**
 * Every person's changes of their distinct co-offenders count, in time order: person p's are
 * `[offset[p], offset[p + 1])`, each a day and a change (+1 or −1). A co-offender is a person who
 * was an offender with p in one incident of the records window (a tie of the fit's network, as
 * `coOffendingGraph` ties people), counted from the day of their first shared incident on (as a
 * record counts from its day: an event on that day sees the count before it); with a finite
 * `recordDays` W, while one of their shared incidents lies in the trailing window: over the
 * union of [d, d + W) of the shared incidents' days d (a −1 where that union ends). The walks
 * apply the changes dated up to t as they apply records; the count is piecewise constant, so the
 * compensator stays exact. Built on first use per W and kept with the data.
 */
export interface CoOffenderColumns {
  offset: Int32Array;
  day: Float64Array;
  delta: Int8Array;
}

const coOffenderCache = new WeakMap<HawkesData, Map<number, CoOffenderColumns>>();

/** {@link CoOffenderColumns} of the data for count window `W` (days; +∞: cumulative). */
export function coOffenderColumns(data: HawkesData, W: number): CoOffenderColumns {
  let byW = coOffenderCache.get(data);
  const hit = byW?.get(W);
  if (hit) return hit;
  const { tieOffset, tieSharedOffset, tieSharedIncident } = data;
  const dayArr = data.index.day;
  const n = data.nPeople;
  const finite = Number.isFinite(W);
  const offset = new Int32Array(n + 1);
  // Pass 1: the number of changes per person (one per tie cumulative; two per merged interval).
  let most = 0;
  for (let p = 0; p < n; p++) {
    let m = 0;
    for (let e = tieOffset[p]; e < tieOffset[p + 1]; e++) {
      if (!finite) {
        m++;
        continue;
      }
      let end = Number.NEGATIVE_INFINITY;
      for (let i = tieSharedOffset[e]; i < tieSharedOffset[e + 1]; i++) {
        const d = dayArr[tieSharedIncident[i]];
        if (d > end) m += 2;
        end = d + W;
      }
    }
    offset[p + 1] = offset[p] + m;
    if (m > most) most = m;
  }
  const size = offset[n];
  const day = new Float64Array(size);
  const delta = new Int8Array(size);
  if (!finite) {
    delta.fill(1);
    for (let p = 0; p < n; p++) {
      let at = offset[p];
      for (let e = tieOffset[p]; e < tieOffset[p + 1]; e++)
        day[at++] = dayArr[tieSharedIncident[tieSharedOffset[e]]];
      day.subarray(offset[p], at).sort();
    }
  } else {
    // Starts and ends of each tie's merged intervals, each sorted, then merged in day order.
    const plus = new Float64Array(most);
    const minus = new Float64Array(most);
    for (let p = 0; p < n; p++) {
      let np = 0;
      let nm = 0;
      for (let e = tieOffset[p]; e < tieOffset[p + 1]; e++) {
        let end = Number.NEGATIVE_INFINITY;
        for (let i = tieSharedOffset[e]; i < tieSharedOffset[e + 1]; i++) {
          const d = dayArr[tieSharedIncident[i]];
          if (d > end) {
            if (np > nm) minus[nm++] = end;
            plus[np++] = d;
          }
          end = d + W;
        }
        if (np > nm) minus[nm++] = end;
      }
      plus.subarray(0, np).sort();
      minus.subarray(0, nm).sort();
      let at = offset[p];
      for (let a = 0, b = 0; a < np || b < nm; ) {
        if (a < np && plus[a] <= minus[b]) {
          day[at] = plus[a++];
          delta[at++] = 1;
        } else {
          day[at] = minus[b++];
          delta[at++] = -1;
        }
      }
    }
  }
  const cols = { offset, day, delta };
  if (!byW) coOffenderCache.set(data, (byW = new Map()));
  byW.set(W, cols);
  return cols;
}

/** {@link applyRecord} of a record of {@link RecordColumns} (its day and bits). */
export function applyBits(day: number, bits: number, c: Counts) {
  c.inc++;
  if (!Number.isFinite(c.first)) c.first = day;
  if (bits & VIOLENT) {
    if (bits & 1) c.off++;
    if (bits & 2) c.vic++;
  }
}

/** {@link removeRecord} of a record of {@link RecordColumns}. */
export function removeBits(bits: number, c: Counts) {
  c.inc--;
  if (bits & VIOLENT) {
    if (bits & 1) c.off--;
    if (bits & 2) c.vic--;
  }
}

/** The largest number of incident rows of one person (a size for {@link recordsInto}'s buffers). */
export function maxRecordsPerPerson(data: HawkesData): number {
  const off = data.index.personIncOffset;
  let most = 0;
  for (let p = 0; p < data.nPeople; p++) most = Math.max(most, off[p + 1] - off[p]);
  return most;
}

/**
 * Person p's incidents in the records window, in time order, once per incident with its role
 * bits (1 offender, 2 victim, 4 other), written into `K` and `R` (sized by
 * {@link maxRecordsPerPerson}); returns their number.
 */
export function recordsInto(data: HawkesData, p: number, K: Int32Array, R: Uint8Array): number {
  const { personIncOffset, personInc, personIncRole } = data.index;
  const { lo, hi } = data.window;
  const OFF = ROLE_CODE.offender;
  const VIC = ROLE_CODE.victim;
  let x = personIncOffset[p];
  const end = personIncOffset[p + 1];
  let m = 0;
  while (x < end) {
    const k = personInc[x];
    let roles = 0;
    while (x < end && personInc[x] === k) {
      const r = personIncRole[x];
      roles |= r === OFF ? 1 : r === VIC ? 2 : 4;
      x++;
    }
    if (k < lo) continue;
    if (k >= hi) break;
    K[m] = k;
    R[m++] = roles;
  }
  return m;
}

/**
 * Counts of person p from records dated strictly before `day` (or ≤ `day` with `inclusive`);
 * with a finite `recordDays`, only records still inside their count window: dated in
 * [day − recordDays, day) (the left limit at `day`), or in (day − recordDays, day] with
 * `inclusive` (the value on [day, …)). The first record (years since first record) is the
 * first of all, whatever the window. With `co` ({@link coOffenderColumns} of the data for
 * `recordDays`), the co-offender count too (changes dated before `day`, or up to it with
 * `inclusive`; else 0). With `cols` ({@link recordColumns} of the data), read from
 * those; with `into`, written into that object (else a new one).
 */
export function countsBefore(
  data: HawkesData,
  p: number,
  day: number,
  inclusive = false,
  recordDays = Number.POSITIVE_INFINITY,
  group: GroupEvents | null = null,
  co: CoOffenderColumns | null = null,
  cols: RecordColumns | null = null,
  into: Counts | null = null,
): Counts {
  const grp = group ? groupCountAt(group, p, day, inclusive) : 0;
  let n = 0;
  if (co)
    for (let x = co.offset[p], end = co.offset[p + 1]; x < end; x++) {
      if (inclusive ? co.day[x] > day : co.day[x] >= day) break;
      n += co.delta[x];
    }
  let c: Counts;
  if (into) {
    c = into;
    c.inc = 0;
    c.off = 0;
    c.vic = 0;
    c.first = Number.POSITIVE_INFINITY;
    c.grp = grp;
    c.co = n;
  } else c = { inc: 0, off: 0, vic: 0, first: Number.POSITIVE_INFINITY, grp, co: n };
  if (cols) {
    // The same walk over the data's record columns (read in order).
    const { offset, day: recDay, bits } = cols;
    for (let x = offset[p], end = offset[p + 1]; x < end; x++) {
      const dk = recDay[x];
      if (inclusive ? dk > day : dk >= day) break;
      if (!Number.isFinite(c.first)) c.first = dk;
      if (inclusive ? dk + recordDays <= day : dk + recordDays < day) continue;
      applyBits(dk, bits[x], c);
    }
    return c;
  }
  // recordsInto's walk, inline (no buffers: called for every person of a risk list; a shared
  // step was no faster here and slower in recordColumns, so the three walks stay written out).
  const { personIncOffset, personInc, personIncRole } = data.index;
  const d = data.index.day;
  const { lo, hi } = data.window;
  const OFF = ROLE_CODE.offender;
  const VIC = ROLE_CODE.victim;
  let x = personIncOffset[p];
  const end = personIncOffset[p + 1];
  while (x < end) {
    const k = personInc[x];
    let roles = 0;
    while (x < end && personInc[x] === k) {
      const r = personIncRole[x];
      roles |= r === OFF ? 1 : r === VIC ? 2 : 4;
      x++;
    }
    if (k < lo) continue;
    if (k >= hi) break;
    if (inclusive ? d[k] > day : d[k] >= day) break;
    if (!Number.isFinite(c.first)) c.first = d[k];
    // The walks' tests: a record leaves the counts at d + recordDays (buildBackground).
    if (inclusive ? d[k] + recordDays <= day : d[k] + recordDays < day) continue;
    applyRecord(data, k, roles, c);
  }
  return c;
}

/** Resolves the record-covariate switches. */
export function ownSwitches(o: RecordCovariates | false): boolean[] {
  if (o === false) return [false, false, false, false, false];
  return RECORD_KEYS.map((k) => o[k] ?? true);
}

/**
 * Row numbers by a key of two whole numbers, the first below 2^52 and the second below 2^31
 * (open addressing on typed arrays; −1 when absent). The background build looks a key up at every
 * change of a person's counts — millions of times at city scale — where a Map of such keys (heap
 * numbers past 2^30) was most of its time.
 */
export class RowTable {
  private keys = new Float64Array(1 << 12);
  private keys2 = new Int32Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private gens = new Int32Array(1 << 12); // a slot is used when its generation is the current one
  private gen = 1;
  private size = 0;

  private slot(key: number, key2: number): number {
    const mask = this.keys.length - 1;
    let h = Math.imul(
      (key | 0) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b) ^ Math.imul(key2, 0x27d4eb2f),
      0x9e3779b1,
    );
    h = (h ^ (h >>> 15)) & mask;
    while (this.gens[h] === this.gen && (this.keys[h] !== key || this.keys2[h] !== key2))
      h = (h + 1) & mask;
    return h;
  }

  get(key: number, key2: number): number {
    const h = this.slot(key, key2);
    return this.gens[h] === this.gen ? this.rows[h] : -1;
  }

  set(key: number, key2: number, row: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const h = this.slot(key, key2);
    if (this.gens[h] !== this.gen) this.size++;
    this.gens[h] = this.gen;
    this.keys[h] = key;
    this.keys2[h] = key2;
    this.rows[h] = row;
  }

  clear(): void {
    this.gen++;
    this.size = 0;
  }

  private grow(): void {
    const { keys, keys2, rows, gens, gen } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.keys2 = new Int32Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    this.gens = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (gens[i] !== gen) continue;
      const h = this.slot(keys[i], keys2[i]);
      this.gens[h] = gen;
      this.keys[h] = keys[i];
      this.keys2[h] = keys2[i];
      this.rows[h] = rows[i];
    }
  }
}

/** The fields of an exit row (`exits`). */
const EXIT_FIELDS = ['person_id', 'from', 'to', 'to_known'];

/** `to_known`'s values: a boolean, or as a CSV cell holds one (case and spaces aside). */
const YES = new Set(['true', 'yes', '1']);
const NO = new Set(['false', 'no', '0', '']);
const TO_KNOWN_EXPECTED = 'true or false (in a file: true, false, yes, no, 1 or 0; empty: false)';

/** `to_known`'s value as a boolean, `undefined` when it is not one. */
function yesNo(v: unknown): boolean | undefined {
  if (v == null || v === false || v === 0) return false;
  if (v === true || v === 1) return true;
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  return YES.has(t) ? true : NO.has(t) ? false : undefined;
}

/**
 * The warning of exit rows whose person is nowhere in the records (a misspelt id), by their row
 * numbers (1-based, as the caller numbers the rows it was given): they take nobody out. A model's
 * warnings name no person id. @internal
 */
export function lostExitRowsWarning(lost: readonly number[]): string {
  return `${lost.length === 1 ? '1 exits row names a person' : `${lost.length} exits rows name people`} not in the records (${lost.length === 1 ? '' : 'first '}row ${lost[0]}); ${lost.length === 1 ? 'it takes' : 'they take'} nobody out of the risk set. Check that their person_id is written as in the records.`;
}

/**
 * Checks one `exits` row (`{ person_id, from, to?, to_known? }`) as `fitNetworkHawkes` reads it,
 * for `fn` (the fit, or `auditList`, which must read the same rows alike), the rows given as its
 * `option` (hawkesInference's `'fit.exits'`; errors say "hawkesInference fit.exits row 2: …"): a misspelt field (or
 * one named with another word for a field's: `end_known` for `to_known`), a date under another
 * name, a missing `person_id` or `from`, a `to` not after `from`, or a `to_known` that is not a
 * yes or no (or is yes without a `to`) is an error naming the row. Returns its days (`b`
 * infinite: still out) and whether its end was known when it began (`known`). @internal
 */
export function checkExitRow(
  fn: string,
  row: ExitRow,
  i: number,
  option = 'exits',
): { a: number; b: number; known: boolean } {
  // A misspelt field ('until' for 'to', 'person' for 'person_id'), a missing one, or to before
  // from was ignored: the exit left out or made open-ended, unsaid.
  const where = `${fn} ${option} row ${i + 1}`;
  // Other fields of a custody table (reason, notes) are carried; one close to a field's name
  // is refused below as misspelt, one that holds a date (until, end_date) as an end or start
  // under another name, and one named with another word for a field's (end_known) as that field.
  const own: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(row)) {
    const dated = v instanceof Date || (typeof v === 'string' && !Number.isNaN(toDay(v.trim())));
    if (EXIT_FIELDS.includes(key) || closestName(key, EXIT_FIELDS)) own[key] = v;
    else if (dated)
      throw new OptionError(
        fn,
        option,
        `${where}: field '${key}' holds a date (${JSON.stringify(v)}); an exit reads its start from 'from' and its end from 'to' (none: open-ended), so name the date 'from' or 'to', or leave it out`,
      );
    else if (closestOptionName(key, EXIT_FIELDS)) own[key] = v;
  }
  // An id a CSV reader typed as a number (101) is its text, as in covariates rows and ingest.
  // Said of a row's fields, not of options, and naming the function and 'exits'.
  try {
    checkOptions(where, own, {
      person_id: rule.or(rule.string(true), rule.number({ integer: true })),
      from: rule.date,
      to: rule.any,
      to_known: (v) => (yesNo(v) === undefined ? TO_KNOWN_EXPECTED : undefined),
    });
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    throw new OptionError(
      fn,
      option,
      e.message
        .replace(/: unknown option /, ': unknown field ')
        .replace(/ Valid options: /, ' An exit row reads: ')
        .replace(/: option '/, ": field '"),
    );
  }
  // No from (a column left out, an empty cell): toDay of nothing threw a bare TypeError.
  if (row.from == null || (row.from as unknown) === '')
    throw new OptionError(
      fn,
      option,
      `${where}: no 'from' (the first day out, YYYY-MM-DD); every exit needs one`,
    );
  const a = toDay(row.from);
  // An empty `to` cell (still in custody, as a CSV reads it) is open-ended, as a missing one.
  const b = row.to == null || row.to === '' ? Number.POSITIVE_INFINITY : toDay(row.to);
  // An OptionError naming the function and 'exits', as the row's other faults are (it was a
  // RangeError naming neither, which backtest, auditList and the fit all reached).
  if (Number.isNaN(a) || Number.isNaN(b))
    throw new OptionError(
      fn,
      option,
      `${where}: ${Number.isNaN(a) ? `from ${JSON.stringify(row.from)}` : `to ${JSON.stringify(row.to)}`} is not a date (YYYY-MM-DD; an empty to: still out)`,
    );
  if (row.person_id == null || !(b > a))
    throw new OptionError(
      fn,
      option,
      `${where}: needs person_id and from, with to (if given) after from; got ${JSON.stringify(row)}`,
    );
  const known = yesNo(row.to_known) === true;
  // An end known when the spell began needs the end: without it the row would read as open-ended.
  if (known && b === Number.POSITIVE_INFINITY)
    throw new OptionError(
      fn,
      option,
      `${where}: to_known is ${JSON.stringify(row.to_known)} but the row has no 'to'; give the end that was known when the spell began (a sentence's set end), or leave to_known out (still out: open-ended)`,
    );
  return { a, b, known };
}

/** Builds the background design of a fit. O(records + people × (bins + years)). */
export function buildBackground(data: HawkesData, o: BackgroundOptions): BackgroundDesign {
  const n = data.nPeople;
  const { start, end, firstModelled } = data;
  const G = o.group ?? null;
  const own = [...ownSwitches(o.recordCovariates), G !== null];
  const nOwn = own.filter(Boolean).length;
  const u = o.userNames.length;
  const d = nOwn + u;
  const names = [
    ...RECORD_COVARIATE_NAMES.filter((_, i) => own[i]),
    ...(G ? [GROUP_COVARIATE_NAME] : []),
    ...o.userNames,
  ];
  const WG = G ? G.days : Number.POSITIVE_INFINITY;
  const gDay = G ? G.day : new Float64Array(0);
  const gPerson = G ? G.person : new Int32Array(0);
  let cut = trendEdges(start, end, o.trend, o.lastTrendBinDays);
  // A split last bin with no modelled event would get rate 0 and zero every forecast past the
  // window (records that stop months before asOf): keep the calendar bins when their last bin
  // holds one (the fit warns when the last bin is empty either way).
  const evDay = data.evDay;
  const holdsEvent = (e: number[]) =>
    evDay.length > firstModelled && evDay[evDay.length - 1] >= e[e.length - 2];
  if (cut.length > 2 && !holdsEvent(cut)) {
    const calendar = trendEdges(start, end, o.trend);
    if (holdsEvent(calendar)) cut = calendar;
  }
  const edges = Float64Array.from(cut);
  const B = edges.length - 1;
  const dayArr = data.index.day;
  const W = o.recordDays ?? Number.POSITIVE_INFINITY;
  const seasonal = o.seasonal ?? true;
  const CO = own[4] ? coOffenderColumns(data, W) : null;
  const coOff = CO ? CO.offset : new Int32Array(n + 1);
  const coDay = CO ? CO.day : new Float64Array(0);
  const coDelta = CO ? CO.delta : new Int8Array(0);

  // Typed scratch and growable typed arrays throughout (no per-person arrays, tuples or closures:
  // the fit runs on a heap that holds the whole dataset, where garbage costs collector time).
  // --- entry and exits
  const { lo: winLo, hi: winHi } = data.window;
  const { offset: recOff, day: recDay, bits: recBits } = recordColumns(data);
  const entry = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let p = 0; p < n; p++) {
    // The person's first record in the records window.
    if (recOff[p + 1] > recOff[p])
      entry[p] = o.entry === 'window' ? start : Math.max(start, recDay[recOff[p]]);
  }
  // Exit intervals, homicides (in incident order) then the user's, as (person, from, to).
  const exitCount = new Int32Array(n + 1);
  let nExitRaw = 0;
  // The killed: the only victim of a homicide (the records cannot say who died in one with
  // several victims, who stay at risk, as the outreach lists keep them), unless they have records
  // dated after it (a reused id or a data error: the lists keep them too, with a warning).
  const { severity } = data.index;
  const killedAt = (k: number) => {
    const v = severity[k] === 4 ? killedIn(data.index, k) : -1;
    return v >= 0 && Math.floor(recDay[recOff[v + 1] - 1]) > Math.floor(dayArr[k]) ? -1 : v;
  };
  if (o.homicideExit) {
    for (let k = winLo; k < winHi; k++) {
      const v = killedAt(k);
      if (v >= 0) {
        exitCount[v + 1]++;
        nExitRaw++;
      }
    }
  }
  const userP: number[] = [];
  const userA: number[] = [];
  const userB: number[] = [];
  for (const [i, row] of (o.exits ?? []).entries()) {
    const { a, b } = checkExitRow(o.named?.fn ?? 'fitNetworkHawkes', row, i, o.named?.option);
    // As ingest reads ids: an id pasted with a zero-width space is the id without it.
    const p = personAsRead(data.index.personIndex, String(row.person_id));
    if (p !== undefined) {
      userP.push(p);
      userA.push(a);
      userB.push(b);
      exitCount[p + 1]++;
      nExitRaw++;
    }
  }
  for (let p = 0; p < n; p++) exitCount[p + 1] += exitCount[p];
  const rawFrom = new Float64Array(nExitRaw);
  const rawTo = new Float64Array(nExitRaw);
  {
    const fillAt = exitCount.slice(0, n);
    if (o.homicideExit) {
      for (let k = winLo; k < winHi; k++) {
        const v = killedAt(k);
        if (v < 0) continue;
        const at = fillAt[v]++;
        rawFrom[at] = dayArr[k];
        rawTo[at] = Number.POSITIVE_INFINITY;
      }
    }
    for (let x = 0; x < userP.length; x++) {
      const at = fillAt[userP[x]]++;
      rawFrom[at] = userA[x];
      rawTo[at] = userB[x];
    }
  }
  // Each person's intervals sorted by start (stable insertion) and overlapping ones merged.
  const exitOffset = new Int32Array(n + 1);
  const mergedFrom = new Float64Array(nExitRaw);
  const mergedTo = new Float64Array(nExitRaw);
  let nExit = 0;
  for (let p = 0; p < n; p++) {
    const from = exitCount[p];
    const to = exitCount[p + 1];
    for (let i = from + 1; i < to; i++) {
      const a = rawFrom[i];
      const b = rawTo[i];
      let j = i - 1;
      while (j >= from && rawFrom[j] > a) {
        rawFrom[j + 1] = rawFrom[j];
        rawTo[j + 1] = rawTo[j];
        j--;
      }
      rawFrom[j + 1] = a;
      rawTo[j + 1] = b;
    }
    let open = false;
    let curA = 0;
    let curB = 0;
    for (let i = from; i < to; i++) {
      if (open && rawFrom[i] <= curB) curB = Math.max(curB, rawTo[i]);
      else {
        if (open) {
          mergedFrom[nExit] = curA;
          mergedTo[nExit++] = curB;
        }
        open = true;
        curA = rawFrom[i];
        curB = rawTo[i];
      }
    }
    if (open) {
      mergedFrom[nExit] = curA;
      mergedTo[nExit++] = curB;
    }
    exitOffset[p + 1] = nExit;
  }
  const exitFrom = mergedFrom.slice(0, nExit);
  const exitTo = mergedTo.slice(0, nExit);

  // --- rows
  const rowIndex = new RowTable();
  let rowCap = 1024;
  let rowKeyCounts = new Int32Array(rowCap * 6); // inc, off, vic, yrs, co, grp per row
  let rowPerson = new Int32Array(rowCap);
  let a0 = new Float64Array(rowCap * B);
  let as = new Float64Array(rowCap * B);
  let ac = new Float64Array(rowCap * B);
  let nRows = 0;
  const growRows = () => {
    rowCap *= 2;
    const grow = <T extends Int32Array | Float64Array>(old: T, size: number): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old);
      return next;
    };
    rowKeyCounts = grow(rowKeyCounts, rowCap * 6);
    rowPerson = grow(rowPerson, rowCap);
    a0 = grow(a0, rowCap * B);
    as = grow(as, rowCap * B);
    ac = grow(ac, rowCap * B);
  };
  const perPerson = u > 0;
  let lastKey = Number.NaN;
  let lastKey2 = -1;
  let lastRow = -1;
  // `yrs`: years since first record at the piece's start (own[3]; else 0), worked out by the
  // caller: a whole number, where the day (a heap number per call of this closure) was passed.
  const rowOf = (p: number, c: Counts, yrs: number) => {
    const inc = own[0] ? Math.min(c.inc, CAP) : 0;
    const off = own[1] ? Math.min(c.off, CAP) : 0;
    const vic = own[2] ? Math.min(c.vic, CAP) : 0;
    const co = own[4] ? Math.min(c.co, CAP) : 0;
    const grp = own[5] ? Math.min(c.grp, GROUP_CAP) : 0;
    // Two halves (RowTable): below 2^36 and below 2^24.
    const key = inc + BASE * (off + BASE * vic);
    const key2 = rowKey2(yrs, grp, co);
    // Successive intervals of a person often share a row.
    if (key === lastKey && key2 === lastKey2) return lastRow;
    let r = rowIndex.get(key, key2);
    if (r < 0) {
      r = nRows++;
      if (r === rowCap) growRows();
      rowIndex.set(key, key2, r);
      rowKeyCounts[6 * r] = inc;
      rowKeyCounts[6 * r + 1] = off;
      rowKeyCounts[6 * r + 2] = vic;
      rowKeyCounts[6 * r + 3] = yrs;
      rowKeyCounts[6 * r + 4] = co;
      rowKeyCounts[6 * r + 5] = grp;
      rowPerson[r] = perPerson ? p : -1;
    }
    lastKey = key;
    lastKey2 = key2;
    lastRow = r;
    return r;
  };

  const nEv = data.evDay.length;
  const evRow = new Int32Array(nEv).fill(-1);
  const evBin = new Int32Array(nEv).fill(-1);
  // The last bin starting on or before t (0 when none after the first does); once per event.
  const binOf = (t: number) => bisectRight(edges, t, 1, B) - 1;
  let maxExits = 0;
  for (let p = 0; p < n; p++) maxExits = Math.max(maxExits, exitOffset[p + 1] - exitOffset[p]);
  const ivA = new Float64Array(maxExits + 1);
  const ivB = new Float64Array(maxExits + 1);
  const c: Counts = zeroCounts();
  let personDays = 0;
  let atRisk = 0;
  let entryEvents = 0;
  const exitEvents: number[] = [];
  for (let p = 0; p < n; p++) {
    if (perPerson) {
      rowIndex.clear();
      lastKey = Number.NaN;
    }
    // The person's records are [r0, rEnd) of the record columns (ri, oi: absolute positions).
    const r0 = recOff[p];
    const rEnd = recOff[p + 1];
    // The group's events (other members' count; none without the group covariate).
    const gp = G ? G.group[p] : -1;
    const gLo = gp >= 0 ? G!.offset[gp] : 0;
    const gHi = gp >= 0 ? G!.offset[gp + 1] : 0;
    // The person's co-offender count changes.
    const c0 = coOff[p];
    const cEnd = coOff[p + 1];
    // Event rows: counts from records dated strictly before the event's day.
    {
      c.inc = c.off = c.vic = c.grp = c.co = 0;
      c.first = Number.POSITIVE_INFINITY;
      let ci = c0;
      let ri = r0;
      let oi = r0; // the oldest applied record still counted
      let gi = gLo; // the next group event to apply
      let go = gLo; // the oldest applied group event still counted
      for (let x = data.personEvOffset[p]; x < data.personEvOffset[p + 1]; x++) {
        const i = data.personEv[x];
        if (i < firstModelled) continue;
        const t = data.evDay[i];
        while (ri < rEnd && recDay[ri] < t) applyBits(recDay[ri], recBits[ri++], c);
        // The left limit at t: a record dated d counts while d + W ≥ t (countsBefore's test).
        while (oi < ri && recDay[oi] + W < t) removeBits(recBits[oi++], c);
        while (gi < gHi && gDay[gi] < t) if (gPerson[gi++] !== p) c.grp++;
        while (go < gi && gDay[go] + WG < t) if (gPerson[go++] !== p) c.grp--;
        while (ci < cEnd && coDay[ci] < t) c.co += coDelta[ci++];
        // An event on the day a person is first recorded (inside the window) is how they enter
        // the data: with entry at first record it is conditioned on, not modelled (it has no
        // earlier tie, so it could only be background).
        if (o.entry === 'first-record' && rEnd > r0 && t <= recDay[r0] && recDay[r0] >= start) {
          evRow[i] = -2;
          entryEvents++;
          continue;
        }
        // An event inside one of the person's exits (after its first day: harm in custody, or
        // an exit row in error) falls where the model holds them not at risk: conditioned on,
        // not modelled. Modelled, its background counted while the exit took the time out of the
        // compensator: the share rose (0.41 to 0.46 with one of 12 people exited) and, with
        // everyone exited, ℓ read −∞ or NaN.
        if (exitOffset[p + 1] > exitOffset[p] && exitInside(exitOffset, exitFrom, exitTo, p, t)) {
          evRow[i] = -3;
          exitEvents.push(i);
          continue;
        }
        evRow[i] = rowOf(p, c, own[3] ? yearsSince(c.first, t) : 0);
        evBin[i] = binOf(t);
      }
    }
    if (!(entry[p] < end)) continue;
    // At-risk intervals: [entry, end) minus exits.
    let nIv = 0;
    let a = entry[p];
    for (let x = exitOffset[p]; x < exitOffset[p + 1] && a < end; x++) {
      const f = exitFrom[x];
      const t = exitTo[x];
      if (t <= a) continue;
      if (f > a) {
        ivA[nIv] = a;
        ivB[nIv++] = Math.min(f, end);
      }
      a = Math.max(a, t);
    }
    if (a < end) {
      ivA[nIv] = a;
      ivB[nIv++] = end;
    }
    if (nIv === 0) continue;
    atRisk++;
    c.inc = c.off = c.vic = c.grp = c.co = 0;
    c.first = Number.POSITIVE_INFINITY;
    let ci = c0;
    let ri = r0;
    let oi = r0;
    let gi = gLo;
    let go = gLo;
    for (let v = 0; v < nIv; v++) {
      const ib = ivB[v];
      let t = ivA[v];
      while (ri < rEnd && recDay[ri] <= t) applyBits(recDay[ri], recBits[ri++], c);
      while (oi < ri && recDay[oi] + W <= t) removeBits(recBits[oi++], c);
      while (gi < gHi && gDay[gi] <= t) if (gPerson[gi++] !== p) c.grp++;
      while (go < gi && gDay[go] + WG <= t) if (gPerson[go++] !== p) c.grp--;
      while (ci < cEnd && coDay[ci] <= t) c.co += coDelta[ci++];
      let b = binOf(t);
      // cos and sin at t, carried from the previous step's end (the same values, computed once).
      let cosT = seasonal ? Math.cos(OMEGA * t) : 0;
      let sinT = seasonal ? Math.sin(OMEGA * t) : 0;
      while (t < ib) {
        let next = ib;
        if (ri < rEnd && recDay[ri] < next) next = recDay[ri];
        if (oi < ri && recDay[oi] + W < next) next = recDay[oi] + W;
        if (gi < gHi && gDay[gi] < next) next = gDay[gi];
        if (go < gi && gDay[go] + WG < next) next = gDay[go] + WG;
        if (ci < cEnd && coDay[ci] < next) next = coDay[ci];
        if (own[3]) next = Math.min(next, nextAnniversary(c.first, t));
        while (b < B - 1 && edges[b + 1] <= t) b++;
        if (edges[b + 1] < next) next = edges[b + 1];
        if (next > t) {
          const r = rowOf(p, c, own[3] ? yearsSince(c.first, t) : 0);
          const at = r * B + b;
          a0[at] += next - t;
          personDays += next - t;
          if (seasonal) {
            const cosNext = Math.cos(OMEGA * next);
            const sinNext = Math.sin(OMEGA * next);
            as[at] += (cosT - cosNext) / OMEGA;
            ac[at] += (sinNext - sinT) / OMEGA;
            cosT = cosNext;
            sinT = sinNext;
          }
        }
        t = next;
        while (ri < rEnd && recDay[ri] <= t) applyBits(recDay[ri], recBits[ri++], c);
        while (oi < ri && recDay[oi] + W <= t) removeBits(recBits[oi++], c);
        while (gi < gHi && gDay[gi] <= t) if (gPerson[gi++] !== p) c.grp++;
        while (go < gi && gDay[go] + WG <= t) if (gPerson[go++] !== p) c.grp--;
        while (ci < cEnd && coDay[ci] <= t) c.co += coDelta[ci++];
      }
    }
  }

  // --- covariate matrix per row, centred at the exposure-weighted mean (record covariates) or
  // the population mean (user covariates, already centred).
  const Z = new Float64Array(nRows * d);
  const tmp = new Float64Array(6);
  const centre = new Float64Array(d);
  const rowExposure = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) for (let b = 0; b < B; b++) rowExposure[r] += a0[r * B + b];
  let totalExposure = 0;
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < 6; f++) tmp[f] = Math.log1p(rowKeyCounts[6 * r + f]);
    let x = 0;
    for (let f = 0; f < 6; f++) if (own[f]) Z[r * d + x++] = tmp[f];
    for (let f = 0; f < u; f++) Z[r * d + nOwn + f] = o.userX![rowPerson[r] * u + f];
    for (let f = 0; f < nOwn; f++) centre[f] += rowExposure[r] * Z[r * d + f];
    totalExposure += rowExposure[r];
  }
  for (let f = 0; f < nOwn; f++) centre[f] = totalExposure > 0 ? centre[f] / totalExposure : 0;
  for (let r = 0; r < nRows; r++) for (let f = 0; f < nOwn; f++) Z[r * d + f] -= centre[f];

  return {
    B,
    edges,
    names,
    d,
    own,
    co: CO,
    centre,
    nRows,
    Z,
    A0: a0.slice(0, nRows * B),
    As: as.slice(0, nRows * B),
    Ac: ac.slice(0, nRows * B),
    evRow,
    evBin,
    entry,
    exitOffset,
    exitFrom,
    exitTo,
    personDays,
    atRisk,
    entryEvents,
    exitEvents,
    homicideExit: o.homicideExit,
    userExits: o.exits,
    recordDays: W,
    userX: o.userX,
    u,
    scale: Float64Array.from({ length: d }, (_, f) =>
      f < nOwn ? 1 : (o.userScale?.[f - nOwn] ?? 1),
    ),
    group: G,
  };
}

/** Whether time t is strictly after the start of one of person p's exits and before its end. */
function exitInside(
  offset: Int32Array,
  from: Float64Array,
  to: Float64Array,
  p: number,
  t: number,
): boolean {
  for (let x = offset[p]; x < offset[p + 1]; x++) if (from[x] < t && t < to[x]) return true;
  return false;
}

/** Whether person p is at risk at time t (entered and not inside an exit). */
export function atRiskAt(bg: BackgroundDesign, p: number, t: number): boolean {
  if (!(bg.entry[p] <= t)) return false;
  for (let x = bg.exitOffset[p]; x < bg.exitOffset[p + 1]; x++)
    if (bg.exitFrom[x] <= t && t < bg.exitTo[x]) return false;
  return true;
}

/**
 * The share of [a, b) (a < b) that person p is at risk: after entry and outside their exits, as
 * {@link atRiskIntervals} measures it, without making the list.
 */
export function atRiskShare(bg: BackgroundDesign, p: number, a: number, b: number): number {
  let s = Math.max(a, bg.entry[p]);
  let covered = 0;
  for (let x = bg.exitOffset[p]; x < bg.exitOffset[p + 1] && s < b; x++) {
    const f = bg.exitFrom[x];
    const t = bg.exitTo[x];
    if (t <= s) continue;
    if (f > s) covered += Math.min(f, b) - s;
    s = Math.max(s, t);
  }
  if (s < b) covered += b - s;
  return covered / (b - a);
}

/**
 * At-risk time of person p inside [a, b) after entry: the measure of [a, b) ∩ [entry, ∞) minus exits,
 * as a list of intervals.
 */
export function atRiskIntervals(
  bg: BackgroundDesign,
  p: number,
  a: number,
  b: number,
): [number, number][] {
  const out: [number, number][] = [];
  let s = Math.max(a, bg.entry[p]);
  for (let x = bg.exitOffset[p]; x < bg.exitOffset[p + 1] && s < b; x++) {
    const f = bg.exitFrom[x];
    const t = bg.exitTo[x];
    if (t <= s) continue;
    if (f > s) out.push([s, Math.min(f, b)]);
    s = Math.max(s, t);
  }
  if (s < b) out.push([s, b]);
  return out;
}
