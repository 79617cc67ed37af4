import {
  type DatasetIndex,
  indexBefore,
  indexDataset,
  ROLE_CODE,
} from '../../core/dataset-index.js';
import { OptionError } from '../../core/errors.js';
import { type DateLike, resolveSince } from '../../core/time.js';
import type { Dataset, Incident } from '../../core/types.js';
import {
  dateOption,
  type ResolvedWindow,
  refuseOutsideRecords,
  resolveWindow,
  type WindowOptions,
} from '../../core/window.js';
import type { TieWeight } from './types.js';

/**
 * The compact inputs of the network Hawkes model, built once per fit from a DatasetIndex:
 * time-stamped co-offending ties per person and the serious-violence events.
 */
export interface HawkesData {
  index: DatasetIndex;
  window: ResolvedWindow;
  /**
   * Outcome window [start, end) in days since epoch: the events modelled. Ties, covariates and
   * exciting history come from every record in the records window (`index.day[window.lo]` on).
   */
  start: number;
  end: number;
  /** Events before this position (dated before `start`) are history: they excite, they are not modelled. */
  firstModelled: number;
  /** Ties are static (every tie in the window counts at every time, as Green et al.) rather than time-gated. */
  staticTies: boolean;
  /**
   * People at risk: everyone the data knows before `asOf` (people whose records all fall on or
   * after `asOf` are not in `index` at all; see {@link prepareHawkesData}).
   */
  nPeople: number;
  /**
   * Directed tie list: person p's neighbours are `tieNeighbour[tieOffset[p] .. tieOffset[p+1])`,
   * sorted by neighbour number; `tieStart` is the day of the first shared offender incident and
   * the days of all shared offender incidents are `tieSharedDay[tieSharedOffset[e] .. +1)`.
   */
  tieOffset: Int32Array;
  tieNeighbour: Int32Array;
  tieStart: Float64Array;
  tieSharedOffset: Int32Array;
  tieSharedDay: Float64Array;
  /**
   * The incident position of each shared offender incident (beside `tieSharedDay`, in the same
   * order): its day whatever `staticTies` (the co-offender covariate reads it).
   */
  tieSharedIncident: Int32Array;
  /**
   * Victim–offender ties (with `victimOffenderTies`; null otherwise), directed: `voIn` lists,
   * for each person, whose events excite them; `voOut`, whom each person's events excite (the
   * same ties, the other way). The people one harmed or was harmed by, from the day of the first
   * such incident in the records window (its own events included; −∞ with static ties), and with
   * `'sides'` their co-offenders too (see {@link VoTies}).
   */
  voIn: VoTies | null;
  voOut: VoTies | null;
  /** Which victim–offender ties `voIn`/`voOut` are (`'direct'` or `'sides'`; absent without them). */
  voKind?: 'direct' | 'sides';
  /** Events in time order: person, day and incident position (into `index.incidents`). */
  evPerson: Int32Array;
  evDay: Float64Array;
  evIncident: Int32Array;
  /** Events of person p (time order) are `personEv[personEvOffset[p] .. +1)`. */
  personEvOffset: Int32Array;
  personEv: Int32Array;
  /** What makes an incident an event (kept so later records can be read the same way). */
  outcome: {
    minSeverity: number;
    roles: ReadonlyArray<'victim' | 'offender'>;
    filter?: (incident: Incident) => boolean;
  };
}

/** Options that decide the data of a fit. */
export interface PrepareOptions extends WindowOptions {
  minSeverity?: number;
  roles?: ReadonlyArray<'victim' | 'offender'>;
  /** Extra test an incident must pass to be an event (e.g. firearm only). */
  outcomeFilter?: (incident: Incident) => boolean;
  /** Start of the outcome window (events before it only excite). Default: the records window start. */
  outcomeSince?: DateLike;
  /** `'time-gated'` (default) or `'static'` ties. */
  ties?: 'time-gated' | 'static';
  /** Build the victim–offender ties too (default false; true is `'direct'`). */
  victimOffenderTies?: boolean | 'direct' | 'sides';
  /** The public function called, named by a window error (a since on or after asOf). */
  fn?: string;
  /** Where `fn` took these options, named by an error in one (hawkesInference's `'fit'`). */
  optionPath?: string;
}

/**
 * Builds the {@link HawkesData} of a dataset for a window. O(incidents + involvements + ties).
 * When the data holds records dated on or after `asOf`, `index` is that of the records before
 * `asOf` alone, so people first recorded later are neither at risk nor in covariate means, risk
 * lists or simulations: the fit is the one the data as of `asOf` gives.
 */
export function prepareHawkesData(
  data: Dataset | DatasetIndex,
  options: PrepareOptions = {},
): HawkesData {
  let index = 'personIds' in data ? data : indexDataset(data);
  let window = resolveWindow(index, options);
  // Outside the records (an asOf on or before the first, or every record past retention), named
  // with the records' dates while the whole index is at hand: an asOf years after the last
  // record read "no events from 2029-01-01 to 2035-01-01" (code no-events).
  if (options.fn !== undefined)
    refuseOutsideRecords(options.fn, index, window, 'asOf', options.optionPath);
  if (window.hi < index.day.length) {
    index = indexBefore(index, window.hi);
    window = resolveWindow(index, options);
  }
  const minSeverity = options.minSeverity ?? 3;
  const roles = options.roles ?? ['victim'];
  for (const r of roles) {
    if (r !== 'victim' && r !== 'offender')
      throw new RangeError(`roles may hold 'victim' and 'offender', not '${String(r)}'`);
  }
  const n = index.personIds.length;
  const { lo, hi } = window;
  const firstDay = index.day.length > lo ? index.day[lo] : index.day.length > 0 ? index.day[0] : 0;
  let start = Math.max(window.since, firstDay);
  if (options.outcomeSince !== undefined) {
    const given = options.outcomeSince;
    // Not a date, or a date-time: an OptionError naming the function, as for asOf and since (it
    // was the date reader's RangeError, naming neither).
    const name = options.optionPath ? `${options.optionPath}.outcomeSince` : 'outcomeSince';
    const s = dateOption(options.fn ?? 'fitNetworkHawkes', name, () =>
      resolveSince(
        given,
        name,
        'events dated on or after it are modelled',
        "that day's events modelled",
      ),
    );
    start = Math.max(start, s);
  }
  const end = Number.isFinite(window.asOf) ? window.asOf : window.reference;
  const staticTies = options.ties === 'static';

  // --- ties: every ordered offender pair of every incident in the window, grouped by person.
  // Typed scratch throughout (no per-incident or per-person arrays: the fit runs on a heap that
  // holds the whole dataset, where garbage costs collector time).
  const invOffset = index.invOffset;
  const invPerson = index.invPerson;
  const invRole = index.invRole;
  const OFF = ROLE_CODE.offender;
  const deg = new Int32Array(n + 1);
  let scratch = new Int32Array(16);
  // The distinct offenders of incident k, in order of first appearance, into `scratch`; their number.
  const collect = (k: number): number => {
    let m = 0;
    const end = invOffset[k + 1];
    if (end - invOffset[k] > scratch.length) scratch = new Int32Array(2 * (end - invOffset[k]));
    for (let e = invOffset[k]; e < end; e++) {
      if (invRole[e] !== OFF) continue;
      const p = invPerson[e];
      let seen = false;
      for (let x = 0; x < m && !seen; x++) seen = scratch[x] === p;
      if (!seen) scratch[m++] = p;
    }
    return m;
  };
  for (let k = lo; k < hi; k++) {
    const m = collect(k);
    if (m < 2) continue;
    for (let x = 0; x < m; x++) deg[scratch[x] + 1] += m - 1;
  }
  for (let p = 0; p < n; p++) deg[p + 1] += deg[p];
  const raw = deg[n];
  // Each entry's neighbour and its incident's position, written beside it. A person's entries
  // are written in incident order, so ordering them by neighbour, stably, orders them by
  // (neighbour, incident). Each person's next free entry is kept in `deg` itself (afterwards entry
  // p holds the start of p + 1, and one shift puts them back): no copy of the offsets.
  // The incident positions (4 bytes an entry), not their days (8): the shared days are made
  // from them only when a tie weight asks for them (`tieSharedDay`, on first read), ~20 MB of
  // typed arrays fewer at a million people (every ~64 MB starts a full mark of the heap).
  const nbr = new Int32Array(raw);
  const tieSharedInc = new Int32Array(raw);
  const dayArr = index.day;
  for (let k = lo; k < hi; k++) {
    const m = collect(k);
    if (m < 2) continue;
    for (let x = 0; x < m; x++) {
      const a = scratch[x];
      let at = deg[a];
      for (let y = 0; y < m; y++)
        if (y !== x) {
          nbr[at] = scratch[y];
          tieSharedInc[at++] = k;
        }
      deg[a] = at;
    }
  }
  for (let p = n - 1; p > 0; p--) deg[p] = deg[p - 1];
  if (n > 0) deg[0] = 0;
  const tieOffset = new Int32Array(n + 1);
  let uniq = 0;
  // Scratch for long segments (sorted through a permutation), grown to the longest one met.
  let perm = new Int32Array(0);
  let nbrCopy = new Int32Array(0);
  let incCopy = new Int32Array(0);
  // First pass over sorted segments counts distinct neighbours so arrays are allocated once.
  // Short segments (most) are sorted by insertion, stably; long ones by (neighbour, position).
  for (let p = 0; p < n; p++) {
    const from = deg[p];
    const to = deg[p + 1];
    const len = to - from;
    if (len > 32) {
      if (perm.length < len) {
        perm = new Int32Array(len);
        nbrCopy = new Int32Array(len);
        incCopy = new Int32Array(len);
      }
      const order = perm.subarray(0, len);
      for (let i = 0; i < len; i++) order[i] = i;
      order.sort((a, b) => nbr[from + a] - nbr[from + b] || a - b);
      nbrCopy.set(nbr.subarray(from, to));
      incCopy.set(tieSharedInc.subarray(from, to));
      for (let i = 0; i < len; i++) {
        nbr[from + i] = nbrCopy[order[i]];
        tieSharedInc[from + i] = incCopy[order[i]];
      }
    } else
      for (let i = from + 1; i < to; i++) {
        const v = nbr[i];
        const kv = tieSharedInc[i];
        let j = i - 1;
        while (j >= from && nbr[j] > v) {
          nbr[j + 1] = nbr[j];
          tieSharedInc[j + 1] = tieSharedInc[j];
          j--;
        }
        nbr[j + 1] = v;
        tieSharedInc[j + 1] = kv;
      }
    let prev = -1;
    for (let i = from; i < to; i++) {
      const b = nbr[i];
      if (b !== prev) {
        uniq++;
        prev = b;
      }
    }
    tieOffset[p + 1] = uniq;
  }
  // The distinct neighbours are compacted in place over `nbr` (entry `at` is written after entry
  // i ≥ at is read): one typed array of the size of the ties fewer.
  const tieNeighbour = nbr.subarray(0, uniq);
  const tieStart = new Float64Array(uniq);
  const tieSharedOffset = new Int32Array(uniq + 1);
  let at = 0;
  for (let p = 0; p < n; p++) {
    let prev = -1;
    for (let i = deg[p]; i < deg[p + 1]; i++) {
      const b = nbr[i];
      if (b !== prev) {
        tieNeighbour[at] = b;
        tieStart[at] = dayArr[tieSharedInc[i]];
        tieSharedOffset[at] = i;
        at++;
        prev = b;
      }
    }
  }
  tieSharedOffset[uniq] = raw;

  // --- events: one per person per qualifying incident, in time order (people ascending within
  // an incident); two passes over the incidents, counting then filling typed arrays.
  const wantVictim = roles.includes('victim');
  const wantOffender = roles.includes('offender');
  const VIC = ROLE_CODE.victim;
  const filter = options.outcomeFilter;
  // The distinct people of incident k in the outcome roles, ascending, into `scratch`; their number.
  const eventPeople = (k: number): number => {
    let m = 0;
    const end = invOffset[k + 1];
    if (end - invOffset[k] > scratch.length) scratch = new Int32Array(2 * (end - invOffset[k]));
    for (let e = invOffset[k]; e < end; e++) {
      const r = invRole[e];
      if (!((r === VIC && wantVictim) || (r === OFF && wantOffender))) continue;
      const p = invPerson[e];
      let seen = false;
      for (let x = 0; x < m && !seen; x++) seen = scratch[x] === p;
      if (seen) continue;
      let j = m - 1;
      while (j >= 0 && scratch[j] > p) {
        scratch[j + 1] = scratch[j];
        j--;
      }
      scratch[j + 1] = p;
      m++;
    }
    return m;
  };
  const severity = index.severity;
  // Incidents with events (the filter is called once per incident, as before).
  const qualifying = new Uint8Array(hi - lo);
  let nEv = 0;
  for (let k = lo; k < hi; k++) {
    if (severity[k] < minSeverity) continue;
    if (filter && !filter(index.incidentAt(k))) continue;
    const m = eventPeople(k);
    if (m > 0) qualifying[k - lo] = 1;
    nEv += m;
  }
  const evPerson = new Int32Array(nEv);
  const evIncident = new Int32Array(nEv);
  const evDay = new Float64Array(nEv);
  let w = 0;
  for (let k = lo; k < hi && w < nEv; k++) {
    if (qualifying[k - lo] === 0) continue;
    const m = eventPeople(k);
    for (let x = 0; x < m; x++) {
      evPerson[w] = scratch[x];
      evIncident[w++] = k;
    }
  }
  let firstModelled = nEv;
  for (let i = 0; i < nEv; i++) {
    evDay[i] = index.day[evIncident[i]];
    if (firstModelled === nEv && evDay[i] >= start) firstModelled = i;
  }
  if (staticTies) tieStart.fill(Number.NEGATIVE_INFINITY);
  // The days of the shared incidents, made on first read (only a tie weight reads them).
  let tieSharedDay: Float64Array | undefined;
  const sharedDays = (): Float64Array => {
    if (tieSharedDay) return tieSharedDay;
    tieSharedDay = new Float64Array(raw);
    if (staticTies) tieSharedDay.fill(Number.NEGATIVE_INFINITY);
    else for (let i = 0; i < raw; i++) tieSharedDay[i] = dayArr[tieSharedInc[i]];
    return tieSharedDay;
  };
  const personEvOffset = new Int32Array(n + 1);
  for (let i = 0; i < nEv; i++) personEvOffset[evPerson[i] + 1]++;
  for (let p = 0; p < n; p++) personEvOffset[p + 1] += personEvOffset[p];
  const personEv = new Int32Array(nEv);
  // Filled through the offsets themselves (entry p then holds the start of p + 1), then shifted back.
  for (let i = 0; i < nEv; i++) personEv[personEvOffset[evPerson[i]]++] = i;
  for (let p = n - 1; p > 0; p--) personEvOffset[p] = personEvOffset[p - 1];
  if (n > 0) personEvOffset[0] = 0;

  const voKind = options.victimOffenderTies === 'sides' ? 'sides' : 'direct';
  const given = options.victimOffenderTies ? CONDITIONED_VO.get(data) : undefined;
  const vo = !options.victimOffenderTies
    ? null
    : given && given.kind === voKind && given.staticTies === staticTies
      ? conditionedTies(given, index)
      : victimOffenderTies(index, lo, hi, staticTies, voKind === 'sides', {
          tieOffset,
          tieNeighbour,
          tieStart,
        });

  return {
    index,
    window,
    start,
    end,
    firstModelled,
    staticTies,
    nPeople: n,
    voIn: vo ? vo.vIn : null,
    voOut: vo ? vo.vOut : null,
    ...(vo ? { voKind } : {}),
    tieOffset,
    tieNeighbour,
    tieStart,
    tieSharedOffset,
    tieSharedIncident: tieSharedInc,
    get tieSharedDay() {
      return sharedDays();
    },
    evPerson,
    evDay,
    evIncident,
    personEvOffset,
    personEv,
    outcome: { minSeverity, roles, filter },
  };
}

/** One direction of the victim–offender tie list (see {@link HawkesData.voIn}). */
export interface VoTies {
  /** Person p's ties are [offset[p], offset[p+1]), sorted by the other person. */
  offset: Int32Array;
  /** The other person of each tie. */
  other: Int32Array;
  /** The day from which the tie carries events: an event on `start` itself too unless `strict`. */
  start: Float64Array;
  /** 1: the tie carries events dated strictly after `start` only (a co-offending part binds). */
  strict: Uint8Array;
}

/**
 * Victim–offender ties a dataset's fit is conditioned on, in place of those its incidents give:
 * set on the records a parametric bootstrap refits (the simulated events have no offenders, so
 * the ties the observed outcome incidents formed would be lost), read by
 * {@link prepareHawkesData} when the fit asks for ties of the same kind (`'direct'` or `'sides'`)
 * and `ties` setting. Ties are kept by person id, so a re-indexed dataset maps them to its own
 * numbering.
 */
interface ConditionedVoTies {
  kind: 'direct' | 'sides';
  staticTies: boolean;
  personIds: readonly string[];
  vIn: VoTies;
  vOut: VoTies;
}

const CONDITIONED_VO = new WeakMap<object, ConditionedVoTies>();

/**
 * Makes every fit of `data` with victim–offender ties of `from`'s kind use the ties of `from` (a fitted
 * model's data) rather than derive them from `data`'s incidents: the refits of a parametric
 * bootstrap condition on the observed network, victim–offender ties as well as co-offending ones.
 * @internal
 */
export function conditionOnVictimOffenderTies(data: object, from: HawkesData): void {
  if (!from.voIn || !from.voOut) return;
  CONDITIONED_VO.set(data, {
    kind: from.voKind ?? 'direct',
    staticTies: from.staticTies,
    personIds: from.index.personIds,
    vIn: from.voIn,
    vOut: from.voOut,
  });
}

/** The conditioned ties in `index`'s numbering (as they are when it numbers people alike). */
function conditionedTies(c: ConditionedVoTies, index: DatasetIndex): { vIn: VoTies; vOut: VoTies } {
  const ids = index.personIds;
  if (ids === c.personIds) return { vIn: c.vIn, vOut: c.vOut };
  const n = ids.length;
  const at = new Int32Array(c.personIds.length);
  for (let p = 0; p < at.length; p++) at[p] = index.personIndex.get(c.personIds[p]) ?? -1;
  const remap = (t: VoTies): VoTies => {
    const key: number[] = [];
    const other: number[] = [];
    const from: number[] = [];
    for (let p = 0; p < at.length; p++)
      for (let e = t.offset[p]; e < t.offset[p + 1]; e++)
        if (at[p] >= 0 && at[t.other[e]] >= 0) {
          key.push(at[p]);
          other.push(at[t.other[e]]);
          from.push(e);
        }
    const order = Array.from(key.keys()).sort((x, y) => key[x] - key[y] || other[x] - other[y]);
    const offset = new Int32Array(n + 1);
    for (const x of order) offset[key[x] + 1]++;
    for (let p = 0; p < n; p++) offset[p + 1] += offset[p];
    return {
      offset,
      other: Int32Array.from(order, (x) => other[x]),
      start: Float64Array.from(order, (x) => t.start[from[x]]),
      strict: Uint8Array.from(order, (x) => t.strict[from[x]]),
    };
  };
  return { vIn: remap(c.vIn), vOut: remap(c.vOut) };
}

/** Whether a victim–offender tie (`start`, `strict`) carries an event on day `t`. */
export function voCarries(start: number, strict: number, t: number): boolean {
  return strict === 1 ? start < t : start <= t;
}

/**
 * The victim–offender ties of incidents [lo, hi) (see {@link HawkesData.voIn}): every (victim,
 * offender) pair of distinct people of one incident, both ways, from the pair's first such
 * incident (its own events included). With `sides`, also from each of the pair to the other's
 * co-offenders (the co-offending tie as the fit's: carrying events strictly after its first
 * shared offence), from the later of the two ties' days. Pairs reached several ways keep their
 * earliest. O(pairs · log pairs); built only when asked for.
 */
function victimOffenderTies(
  index: DatasetIndex,
  lo: number,
  hi: number,
  staticTies: boolean,
  sides: boolean,
  co: { tieOffset: Int32Array; tieNeighbour: Int32Array; tieStart: Float64Array },
): { vIn: VoTies; vOut: VoTies } {
  const n = index.personIds.length;
  const { invOffset, invPerson, invRole, day } = index;
  const VIC = ROLE_CODE.victim;
  const OFF = ROLE_CODE.offender;
  // Pairs (from's events excite to), their start and whether it is strict.
  const from: number[] = [];
  const to: number[] = [];
  const st: number[] = [];
  const sx: number[] = [];
  const push = (a: number, b: number, start: number, strict: number) => {
    from.push(a);
    to.push(b);
    st.push(start);
    sx.push(strict);
  };
  for (let k = lo; k < hi; k++) {
    const end = invOffset[k + 1];
    for (let e = invOffset[k]; e < end; e++) {
      if (invRole[e] !== VIC) continue;
      const v = invPerson[e];
      for (let f = invOffset[k]; f < end; f++) {
        if (invRole[f] !== OFF) continue;
        const o = invPerson[f];
        if (o === v) continue;
        const s = staticTies ? Number.NEGATIVE_INFINITY : day[k];
        push(v, o, s, 0);
        push(o, v, s, 0);
      }
    }
  }
  if (sides) {
    // j → q (j's events excite q) reaches q's co-offenders r too.
    const direct = from.length;
    for (let i = 0; i < direct; i++) {
      const j = from[i];
      const q = to[i];
      const s = st[i];
      for (let e = co.tieOffset[q]; e < co.tieOffset[q + 1]; e++) {
        const r = co.tieNeighbour[e];
        if (r === j) continue;
        const c = co.tieStart[e];
        if (c >= s) push(j, r, c, staticTies ? 0 : 1);
        else push(j, r, s, 0);
      }
    }
  }
  // Earliest per (from, to): by start, an inclusive start before a strict one on the same day.
  const m = from.length;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((x, y) => from[x] - from[y] || to[x] - to[y] || st[x] - st[y] || sx[x] - sx[y]);
  let uniq = 0;
  for (let i = 0; i < m; i++) {
    const x = order[i];
    if (i > 0 && from[order[i - 1]] === from[x] && to[order[i - 1]] === to[x]) continue;
    order[uniq++] = x;
  }
  const list = (key: number[], other: number[], sorted: Int32Array): VoTies => {
    const offset = new Int32Array(n + 1);
    for (let i = 0; i < uniq; i++) offset[key[sorted[i]] + 1]++;
    for (let p = 0; p < n; p++) offset[p + 1] += offset[p];
    const o = new Int32Array(uniq);
    const s = new Float64Array(uniq);
    const x = new Uint8Array(uniq);
    for (let i = 0; i < uniq; i++) {
      const y = sorted[i];
      o[i] = other[y];
      s[i] = st[y];
      x[i] = sx[y];
    }
    return { offset, other: o, start: s, strict: x };
  };
  const byFrom = order.slice(0, uniq);
  const vOut = list(from, to, byFrom);
  const byTo = byFrom.slice().sort((x, y) => to[x] - to[y] || from[x] - from[y]);
  const vIn = list(to, from, byTo);
  return { vIn, vOut };
}

/**
 * Resolves a {@link TieWeight} option to a function of the shared-offence count (or null for
 * g ≡ 1). A function of the user's is checked wherever it is called: one that throws, or returns
 * anything but a finite number ≥ 0, is an `OptionError` naming `named.fn`, the function the user
 * called, and the option as they wrote it (hawkesInference's `'fit.tieWeight'`); it named
 * fitNetworkHawkes, and an exception of the user's own passed through unnamed. With `data`, it
 * is called once for every count of shared offences a tie of the data reaches, so that a fault is
 * found by the fit, in its caller's name, not by a later `model.risk` or simulation.
 */
export function tieWeightFunction(
  option: TieWeight | undefined,
  named: { fn: string; option: string } = { fn: 'fitNetworkHawkes', option: 'tieWeight' },
  data?: Pick<HawkesData, 'tieSharedOffset'>,
): ((sharedOffences: number) => number) | null {
  const { fn, option: name } = named;
  if (option === undefined || option === 'unweighted') return null;
  if (option === 'count') return (c) => c;
  if (option === 'log-count') return (c) => 1 + Math.log(c);
  if (typeof option === 'function') {
    const user = option;
    const g = (c: number): number => {
      const counted = `${c} shared ${c === 1 ? 'offence' : 'offences'}`;
      let v: unknown;
      try {
        v = user(c);
      } catch (e) {
        const err = new OptionError(
          fn,
          name,
          `${fn}: option '${name}' threw for ${counted} (${e instanceof Error ? e.message : String(e)}); it must return a finite number ≥ 0 for every count (a tie's strength g; 0 for no excitation)`,
        );
        err.cause = e;
        throw err;
      }
      if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v))
        throw new OptionError(
          fn,
          name,
          `${fn}: option '${name}' returned ${typeof v === 'string' ? `'${v}' (text)` : String(v)} for ${counted}; it must return a finite number ≥ 0 (a tie's strength g; 0 for no excitation)`,
        );
      return v;
    };
    if (data) {
      const off = data.tieSharedOffset;
      let most = 0;
      for (let e = 0; e + 1 < off.length; e++) most = Math.max(most, off[e + 1] - off[e]);
      for (let c = 1; c <= most; c++) g(c);
    }
    return g;
  }
  // fitNetworkHawkes's option check refuses such a value first; this is the check of last resort.
  throw new OptionError(
    fn,
    name,
    `${fn}: option '${name}' must be 'unweighted', 'count', 'log-count' or a function of the shared offences, got ${typeof option === 'string' ? `'${option}'` : String(option)}`,
  );
}

/** Number of shared offender incidents of directed tie `e` dated strictly before `day`. */
export function sharedBefore(data: HawkesData, e: number, day: number): number {
  // A hand loop, not d3-array's bisect: called for every tie and event in the fit, and d3's costs
  // 1.3× per search (bench/results/bisect.md).
  let lo = data.tieSharedOffset[e];
  let hi = data.tieSharedOffset[e + 1];
  const base = lo;
  const d = data.tieSharedDay;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo - base;
}

/** g of directed tie `e` for an exciting event on `day` (0 when the tie is not yet formed). */
export function tieG(
  data: HawkesData,
  g: ((c: number) => number) | null,
  e: number,
  day: number,
): number {
  if (!(data.tieStart[e] < day)) return 0;
  if (g === null) return 1;
  // A function of the user's checks what it returns (tieWeightFunction).
  return g(sharedBefore(data, e, day));
}

/** First position in `personEv` segment of person p whose event day is > `day` (strictly after). */
export function eventsAfter(data: HawkesData, p: number, day: number): number {
  // A hand loop, not d3-array's bisect: the fit's inner loops; indirect through personEv, and d3's
  // costs 1.3× per search (bench/results/bisect.md).
  let lo = data.personEvOffset[p];
  let hi = data.personEvOffset[p + 1];
  const ev = data.personEv;
  const d = data.evDay;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[ev[mid]] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in `personEv` segment of person p whose event day is ≥ `day`. */
export function eventsFrom(data: HawkesData, p: number, day: number): number {
  // A hand loop, not d3-array's bisect: the fit's inner loops; indirect through personEv, and d3's
  // costs 1.3× per search (bench/results/bisect.md).
  let lo = data.personEvOffset[p];
  let hi = data.personEvOffset[p + 1];
  const ev = data.personEv;
  const d = data.evDay;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[ev[mid]] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
