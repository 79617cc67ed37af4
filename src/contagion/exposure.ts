import { type ColumnTable, table } from 'arquero';
import { type DatasetIndex, indexBefore, indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { OptionError } from '../core/errors.js';
import { checkDatasetOrIndex } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { DAYS_PER_YEAR, type DateLike, dayToIso, toDay } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { DEFAULT_RETENTION_YEARS, refuseOutsideRecords, resolveWindow } from '../core/window.js';
import { assertTiesMatch, type Csr, snapshotAsOf, snapshotFor } from '../graph/csr.js';
import { refuseNegativeWeights } from '../metrics/shared.js';
import { forEachCoOffender, isCsr, type NetworkInput, tiesBefore } from './reciprocal/network.js';

/** Options of {@link exposure} and {@link exposureCounts}. */
export interface ExposureOptions {
  /**
   * Exposure is measured on this date, from victimisations dated in [asOf − windowDays, asOf).
   * Default: the day after the last record.
   */
  asOf?: DateLike;
  /** Length in days of the look-back window of victimisations. Default 180. */
  windowDays?: number;
  /** Count victimised associates up to this network distance: 1 or 2 ties away. Default 2. */
  maxDistance?: 1 | 2;
  /** A victimisation counts when its incident's severity is at least this (0–4). Default 3. */
  minSeverity?: number;
  /**
   * Half-life in days of a victimisation's recency factor 0.5^(age / halfLifeDays), age measured
   * from `asOf` in days. Default 90.
   */
  halfLifeDays?: number;
  /**
   * The co-offending network to measure distance on: a graphology graph (person ids as node keys,
   * tie strength in the `weight` edge attribute, or 1 when edges have none) or its CSR snapshot
   * (its `weights`, a strength; a weight below 0 is an `InputError` naming the tie). Default: the ties and weights of `coOffendingGraph(data,
   * { asOf, halfLifeDays: tieHalfLifeDays, retentionYears })`, read straight from the dataset
   * index around the victims, so no graph of the whole city is built. A graph whose `asOf`
   * attribute (as `coOffendingGraph` sets it; null: the end of the records) is after `asOf` is an
   * `OptionError`: its ties hold records from on or after `asOf`; so is a `toCsr` snapshot of
   * such a graph (the snapshot keeps the graph's date). A `csrFromArrays` snapshot carries no
   * date and is used as it is.
   */
  graph?: NetworkInput;
  /** Half-life in days of a shared offence in the default network's tie weights. Default 365. */
  tieHalfLifeDays?: number;
  /** Retention horizon in years of the default network (see `WindowOptions`). Default 6. */
  retentionYears?: number;
  /**
   * Which ties carry a victimisation (default network only). `'harm'` (default): only ties that
   * existed at the time of the harm — shared offences certainly before it — so a tie formed
   * later does not carry harm backwards (as in the Hawkes model); each tie weighs what its
   * offences before the harm weigh, aged to `asOf`. `'asOf'`: the network as of `asOf` carries
   * every victimisation of the window (the behaviour before this option).
   */
  tiesAt?: 'harm' | 'asOf';
}

const DEFAULTS = {
  windowDays: 180,
  maxDistance: 2,
  minSeverity: 3,
  halfLifeDays: 90,
  tieHalfLifeDays: 365,
  retentionYears: DEFAULT_RETENTION_YEARS,
  tiesAt: 'harm',
} as const;

const RULES: OptionRules<ExposureOptions> = {
  asOf: rule.date,
  windowDays: rule.number({ above: 0 }),
  maxDistance: rule.oneOf([1, 2]),
  minSeverity: rule.number({ min: 0, max: 4 }),
  halfLifeDays: rule.number({ above: 0 }),
  graph: (v) => (typeof v === 'object' && v !== null ? undefined : 'a graphology graph or CSR'),
  tieHalfLifeDays: rule.number({ above: 0 }),
  retentionYears: rule.or(rule.number({ above: 0 }), (v) =>
    v === Number.POSITIVE_INFINITY ? undefined : 'Infinity',
  ),
  tiesAt: rule.oneOf(['harm', 'asOf']),
};

/** Compact exposure per node of the network, from {@link exposureCounts}. */
export interface ExposureCounts {
  /** Node (person) ids; the arrays below are aligned with them. */
  ids: readonly string[];
  /** Node number of each id. */
  index: ReadonlyMap<string, number>;
  /** Distinct victimised associates one tie away. */
  exposed1: Int32Array;
  /** Distinct victimised associates exactly two ties away (not also one tie away). */
  exposed2: Int32Array;
  /** Weighted exposure (see {@link exposure} for the formula). */
  weighted: Float64Array;
  /** Day number of the latest victimisation among them, `NaN` when none. */
  lastExposureDay: Float64Array;
  /** `asOf` as a day number, and the first day of the window. */
  asOf: number;
  since: number;
}

interface Pairs {
  person: number[];
  associate: number[];
  distance: number[];
  contribution: number[];
}

/**
 * One row of the {@link exposure} table, one per person of the network, as
 * `t.objects() as ExposureRow[]` reads it. "Victimised" is a victim of an incident of severity
 * ≥ `minSeverity` dated in [asOf − windowDays, asOf).
 */
export interface ExposureRow {
  /** The person. */
  person_id: string;
  /** Distinct victimised associates one tie away. */
  exposed_1: number;
  /** Distinct victimised associates exactly two ties away (nearer ones are in `exposed_1`); 0 with `maxDistance: 1`. */
  exposed_2: number;
  /**
   * Σ over those associates of tie strength × recency of their harm (0.5^(days ago ÷
   * `halfLifeDays`)): no unit, larger is closer and more recent; 0 for the unexposed.
   */
  weighted: number;
  /** ISO date of the latest such victimisation; null when they have none. */
  last_exposure: string | null;
  /** Ids of the associates responsible, closest first (distance, then contribution to `weighted`, then id); empty when none. */
  via: string[];
}

/**
 * Counts of victimised associates per person, on typed arrays: the cheap form of
 * {@link exposure} (no `via` lists, no table). `exposureCounts(data, { maxDistance: 1 }).exposed1`
 * is the "victimised associates in the last 180 days" baseline. A window outside the records is
 * refused as {@link exposure} refuses it.
 *
 * @example
 * const c = exposureCounts(data, { asOf: '2024-01-01', maxDistance: 1 });
 * c.exposed1[c.index.get('P7')!]; // associates of P7 seriously harmed in the last 180 days
 */
export function exposureCounts(
  data: Dataset | DatasetIndex,
  options: ExposureOptions = {},
): ExposureCounts {
  checkDatasetOrIndex('exposureCounts', data);
  options = checkOptions('exposureCounts', options, RULES);
  return compute(data, options, null, 'exposureCounts');
}
exposureCounts.defaults = DEFAULTS;

/**
 * Exposure to recent serious harm through the co-offending network (after Papachristos,
 * Wildeman & Roberto 2015): for each person, the associates one and two ties away who were
 * victims of an incident of severity ≥ `minSeverity` dated in [asOf − windowDays, asOf).
 *
 * Only ties that existed at the time of each harm carry it (`tiesAt: 'harm'`, the default;
 * `'asOf'` uses the network as of `asOf` for every harm). Nobody first recorded on or after
 * `asOf` appears. An `asOf` on or before the first record, or so late that every record is past
 * the retention horizon, is refused with a `DataRefusedError` (`outside-records`) naming the
 * records' dates: its zeros read as "nobody exposed".
 *
 * Columns (one row per person of the network, by `person_id`):
 * - `person_id`
 * - `exposed_1`: distinct victimised associates one tie away;
 * - `exposed_2`: distinct victimised associates exactly two ties away (nearer ones are in
 *   `exposed_1`; with `tiesAt: 'harm'`, an associate is one tie away when they were at one of
 *   their harms);
 * - `weighted` = Σ over those associates u of tie(p, u) × recency(u), where tie(p, u) is the tie
 *   weight w(p, u) at distance 1 and the strongest two-step path max_x w(p, x)·w(x, u) at
 *   distance 2, and recency(u) = Σ over u's victimisations in the window of
 *   0.5^((asOf − date) / halfLifeDays). Tie weights are strengths (default: recency-decayed
 *   shared offences), so a close, recent tie to someone harmed yesterday weighs most. With
 *   `tiesAt: 'harm'` the sum runs over victimisations, each with the ties of its own time;
 * - `last_exposure`: ISO date of the latest such victimisation, or `null`;
 * - `via`: ids of the associates responsible, closest first (distance, then contribution to
 *   `weighted`, largest first, then id).
 *
 * The rows, typed: {@link ExposureRow}.
 *
 * The person's own victimisations are not exposure. People never recorded as offenders have no
 * co-offending ties, so harm to them reaches nobody. The work starts from the victims of the
 * window and pushes to their neighbours (and theirs), so it costs O(Σ over victims of the ties
 * within two steps), never a search from every person.
 *
 * @example
 * const t = exposure(data, { asOf: '2024-01-01', windowDays: 180, maxDistance: 2 });
 * t.filter((d) => d.exposed_1 > 0).orderby(aq.desc('weighted')).print();
 */
export function exposure(data: Dataset | DatasetIndex, options: ExposureOptions = {}): ColumnTable {
  checkDatasetOrIndex('exposure', data);
  options = checkOptions('exposure', options, RULES);
  const pairs: Pairs = { person: [], associate: [], distance: [], contribution: [] };
  const c = compute(data, options, pairs, 'exposure');
  const n = c.ids.length;
  // Ids from the dataset index are sorted and distinct, so number order is id order (the usual
  // case); a given graph's ids are sorted here.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (!(c.ids[i - 1] < c.ids[i])) sorted = false;
  // (null: number order, the usual case; no million-entry identity array)
  const order = sorted
    ? null
    : Array.from({ length: n }, (_, i) => i).sort((a, b) =>
        c.ids[a] < c.ids[b] ? -1 : c.ids[a] > c.ids[b] ? 1 : 0,
      );
  // Responsible associates per person, closest first: a stable counting sort by person, then
  // each person's few pairs by distance, contribution (largest first), id.
  const m = pairs.person.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[pairs.person[i] + 1]++;
  for (let p = 0; p < n; p++) start[p + 1] += start[p];
  const slots = new Int32Array(m);
  const fill = start.slice(0, n);
  for (let i = 0; i < m; i++) slots[fill[pairs.person[i]]++] = i;
  const byCloseness = (a: number, b: number) =>
    pairs.distance[a] - pairs.distance[b] ||
    pairs.contribution[b] - pairs.contribution[a] ||
    (sorted
      ? pairs.associate[a] - pairs.associate[b]
      : c.ids[pairs.associate[a]] < c.ids[pairs.associate[b]]
        ? -1
        : 1);
  const via: string[][] = new Array(n);
  for (let p = 0; p < n; p++) {
    const lo = start[p];
    const hi = start[p + 1];
    // Each (person, associate) pair is listed once, so the order is total and any sort gives
    // this one: insertion sort for the usual few pairs, the built-in sort for someone in a
    // large incident (insertion sort grows with the square of the pairs).
    if (hi - lo > 32) slots.subarray(lo, hi).sort(byCloseness);
    else
      for (let j = lo + 1; j < hi; j++) {
        const x = slots[j];
        let i = j - 1;
        while (i >= lo && byCloseness(slots[i], x) > 0) {
          slots[i + 1] = slots[i];
          i--;
        }
        slots[i + 1] = x;
      }
    const list: string[] = new Array(hi - lo);
    for (let j = lo; j < hi; j++) list[j - lo] = c.ids[pairs.associate[slots[j]]];
    via[p] = list;
  }
  // One ISO string per day, not one Date per person.
  const isoOf = new Map<number, string>();
  const iso = (day: number) => {
    if (Number.isNaN(day)) return null;
    const d = Math.floor(day);
    let x = isoOf.get(d);
    if (x === undefined) isoOf.set(d, (x = dayToIso(d)));
    return x;
  };
  const person_id: string[] = new Array(n);
  const exposed_1: number[] = new Array(n);
  const exposed_2: number[] = new Array(n);
  const weighted: number[] = new Array(n);
  const last_exposure: (string | null)[] = new Array(n);
  // In number order the lists are already in row order (no second million-entry array).
  const viaColumn: string[][] = order ? new Array(n) : via;
  for (let r = 0; r < n; r++) {
    const i = order ? order[r] : r;
    person_id[r] = c.ids[i];
    exposed_1[r] = c.exposed1[i];
    exposed_2[r] = c.exposed2[i];
    weighted[r] = c.weighted[i];
    // Most people have no exposure (NaN): null without a call.
    const day = c.lastExposureDay[i];
    last_exposure[r] = Number.isNaN(day) ? null : iso(day);
    if (order) viaColumn[r] = via[i];
  }
  return table({ person_id, exposed_1, exposed_2, weighted, last_exposure, via: viaColumn });
}
exposure.defaults = DEFAULTS;

function compute(
  data: Dataset | DatasetIndex,
  options: ExposureOptions,
  pairs: Pairs | null,
  fn: 'exposure' | 'exposureCounts',
): ExposureCounts {
  const full = 'personIds' in data ? data : indexDataset(data);
  const windowDays = options.windowDays ?? DEFAULTS.windowDays;
  const maxDistance = options.maxDistance ?? DEFAULTS.maxDistance;
  const minSeverity = options.minSeverity ?? DEFAULTS.minSeverity;
  const halfLife = options.halfLifeDays ?? DEFAULTS.halfLifeDays;
  const tiesAt = options.tiesAt ?? DEFAULTS.tiesAt;

  const w0 = resolveWindow(full, {
    asOf: options.asOf,
    retentionYears: Number.POSITIVE_INFINITY,
    fn,
  });
  // An asOf on or before the first record, or every record past retention: exposure 0 for
  // everyone read as "nobody exposed".
  refuseOutsideRecords(
    fn,
    full,
    resolveWindow(full, { asOf: options.asOf, retentionYears: options.retentionYears }),
  );
  // The records before asOf only: nobody first recorded on or after asOf appears.
  const index = indexBefore(full, w0.hi);
  const w = { hi: w0.hi, reference: w0.reference };
  const asOf = w.reference;
  const since = asOf - windowDays;
  if (tiesAt === 'harm' && !options.graph) {
    return computeAtHarm(index, options, pairs, {
      asOf,
      since,
      minSeverity,
      halfLife,
      maxDistance,
    });
  }
  if (options.graph)
    laterGraph(
      isCsr(options.graph) ? snapshotAsOf(options.graph) : options.graph.getAttribute('asOf'),
      isCsr(options.graph),
      full,
      asOf,
      pairs,
    );
  const hood = options.graph
    ? csrNeighbourhood(
        strengths(
          isCsr(options.graph)
            ? checkedTies(options.graph, pairs ? 'exposure' : 'exposureCounts')
            : snapshotFor(pairs ? 'exposure' : 'exposureCounts', options.graph, { order: 'graph' }),
          pairs ? 'exposure' : 'exposureCounts',
        ),
      )
    : indexNeighbourhood(index, {
        asOf,
        retentionYears: options.retentionYears,
        halfLifeDays: options.tieHalfLifeDays ?? DEFAULTS.tieHalfLifeDays,
      });
  const n = hood.ids.length;
  const aligned = !options.graph;

  // Victims of the window as network nodes, with their recency sums and latest victimisation.
  const recency = new Float64Array(n);
  const latest = new Float64Array(n).fill(Number.NaN);
  const victims: number[] = [];
  const decay = Math.LN2 / halfLife;
  for (let k = index.lowerBound(since); k < w.hi; k++) {
    if (index.severity[k] < minSeverity) continue;
    const day = index.day[k];
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++) {
      if (index.invRole[e] !== ROLE_CODE.victim) continue;
      const p = index.invPerson[e];
      const u = aligned ? p : (hood.index.get(index.personIds[p]) ?? -1);
      if (u < 0) continue;
      if (Number.isNaN(latest[u])) victims.push(u);
      else if (latest[u] === day && sameIncidentTwice(index, k, e, p)) continue;
      recency[u] += Math.exp(-decay * (asOf - day));
      latest[u] = Number.isNaN(latest[u]) ? day : Math.max(latest[u], day);
    }
  }
  victims.sort((a, b) => a - b);

  const exposed1 = new Int32Array(n);
  const exposed2 = new Int32Array(n);
  const weighted = new Float64Array(n);
  const lastExposureDay = new Float64Array(n).fill(Number.NaN);
  const near = new Int32Array(n).fill(-1); // near[v] = u: v is u or one tie from u
  const seen = new Int32Array(n).fill(-1); // seen[v] = u: v already reached two ties from u
  const best = new Float64Array(n); // strongest two-step path from u to v
  const reached: number[] = [];
  const nb1: number[] = [];
  const w1: number[] = [];
  const nb2: number[] = [];
  const w2: number[] = [];

  const record = (p: number, u: number, distance: number, tie: number) => {
    if (distance === 1) exposed1[p]++;
    else exposed2[p]++;
    const contribution = tie * recency[u];
    weighted[p] += contribution;
    if (!(lastExposureDay[p] >= latest[u])) lastExposureDay[p] = latest[u];
    if (pairs) {
      pairs.person.push(p);
      pairs.associate.push(u);
      pairs.distance.push(distance);
      pairs.contribution.push(contribution);
    }
  };

  // Push from each victim to its neighbours, and from them to theirs.
  for (const u of victims) {
    near[u] = u;
    hood.of(u, nb1, w1);
    for (const v of nb1) near[v] = u;
    for (let i = 0; i < nb1.length; i++) record(nb1[i], u, 1, w1[i]);
    if (maxDistance < 2) continue;
    reached.length = 0;
    for (let i = 0; i < nb1.length; i++) {
      hood.of(nb1[i], nb2, w2);
      for (let j = 0; j < nb2.length; j++) {
        const p = nb2[j];
        if (near[p] === u) continue;
        const path = w1[i] * w2[j];
        if (seen[p] !== u) {
          seen[p] = u;
          best[p] = path;
          reached.push(p);
        } else if (path > best[p]) best[p] = path;
      }
    }
    for (const p of reached) record(p, u, 2, best[p]);
  }
  return {
    ids: hood.ids,
    index: hood.index,
    exposed1,
    exposed2,
    weighted,
    lastExposureDay,
    asOf,
    since,
  };
}

/**
 * Exposure with the ties of each harm's own time: for each victimisation of the window, the
 * victim's co-offenders (and theirs) through shared offences certainly before it, weighted as
 * the default network weighs them (Σ 0.5^((asOf − shared day) / tieHalfLifeDays)).
 */
function computeAtHarm(
  index: DatasetIndex,
  options: ExposureOptions,
  pairs: Pairs | null,
  o: { asOf: number; since: number; minSeverity: number; halfLife: number; maxDistance: 1 | 2 },
): ExposureCounts {
  const n = index.personIds.length;
  const net = resolveWindow(index, { asOf: o.asOf, retentionYears: options.retentionYears });
  const retentionDays = (options.retentionYears ?? DEFAULTS.retentionYears) * DAYS_PER_YEAR;
  const decay = Math.LN2 / o.halfLife;

  // Victimisations of the window, grouped by victim (victims in number order).
  const events: number[] = []; // incident positions, one per (incident, victim)
  const eventVictim: number[] = [];
  for (let k = index.lowerBound(o.since); k < net.hi; k++) {
    if (index.severity[k] < o.minSeverity) continue;
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++) {
      if (index.invRole[e] !== ROLE_CODE.victim) continue;
      const p = index.invPerson[e];
      if (sameIncidentTwice(index, k, e, p)) continue;
      events.push(k);
      eventVictim.push(p);
    }
  }
  const byVictim = Array.from(events.keys()).sort(
    (x, y) => eventVictim[x] - eventVictim[y] || events[x] - events[y],
  );

  const exposed1 = new Int32Array(n);
  const exposed2 = new Int32Array(n);
  const weighted = new Float64Array(n);
  const lastExposureDay = new Float64Array(n).fill(Number.NaN);
  // Per victim u: for each person reached, the nearest distance, Σ contribution, latest day.
  const stamp = new Int32Array(n).fill(-1);
  const dist = new Uint8Array(n);
  const contrib = new Float64Array(n);
  const lastDay = new Float64Array(n);
  // Typed arrays with counts, not JS arrays emptied with `length = 0` (a runtime call that also
  // drops the backing store, so every push regrows it).
  // (grown on demand, as are the rings and `reached` below: sized to what they hold, not to the
  // people, since at a million people every ~64 MB of new typed arrays starts a full mark of the
  // caller's heap)
  let touched = new Int32Array(64);
  let nTouched = 0;
  // Per event: ties at that time (the event's window of positions is found once per event,
  // not once per person asked about).
  const ring = cachedCoOffenderRing(index, {
    lo: net.lo,
    hi: net.hi,
    reference: o.asOf,
    halfLifeDays: options.tieHalfLifeDays ?? DEFAULTS.tieHalfLifeDays,
  });
  const near = new Int32Array(n).fill(-1);
  const seen = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  let evNo = 0;
  const reach = (u: number, p: number, d: number, value: number, day: number) => {
    if (stamp[p] !== u) {
      stamp[p] = u;
      dist[p] = d;
      contrib[p] = 0;
      lastDay[p] = day;
      if (nTouched === touched.length) touched = grown(touched);
      touched[nTouched++] = p;
    }
    if (d < dist[p]) dist[p] = d;
    contrib[p] += value;
    if (day > lastDay[p]) lastDay[p] = day;
  };
  const ring1: RingBuffer = { ids: new Int32Array(64), weights: new Float64Array(64) };
  const ring2: RingBuffer = { ids: new Int32Array(64), weights: new Float64Array(64) };
  let reached = new Int32Array(64);
  for (let s = 0; s < byVictim.length; ) {
    const u = eventVictim[byVictim[s]];
    nTouched = 0;
    for (; s < byVictim.length && eventVictim[byVictim[s]] === u; s++) {
      const k = events[byVictim[s]];
      const day = index.day[k];
      const recency = Math.exp(-decay * (o.asOf - day));
      const t = tiesBefore(index, day, index.timed[k], retentionDays);
      const lo = Math.max(t.startPos, net.lo);
      evNo++;
      const c1 = ring(u, lo, t.endPos, t.untimedFrom, ring1);
      const nb1 = ring1.ids;
      const w1 = ring1.weights;
      near[u] = evNo;
      for (let i = 0; i < c1; i++) near[nb1[i]] = evNo;
      for (let i = 0; i < c1; i++) reach(u, nb1[i], 1, w1[i] * recency, day);
      if (o.maxDistance < 2) continue;
      let nReached = 0;
      for (let i = 0; i < c1; i++) {
        const c2 = ring(nb1[i], lo, t.endPos, t.untimedFrom, ring2);
        const nb2 = ring2.ids;
        const w2 = ring2.weights;
        for (let j = 0; j < c2; j++) {
          const p = nb2[j];
          if (near[p] === evNo) continue;
          const path = w1[i] * w2[j];
          if (seen[p] !== evNo) {
            seen[p] = evNo;
            best[p] = path;
            if (nReached === reached.length) reached = grown(reached);
            reached[nReached++] = p;
          } else if (path > best[p]) best[p] = path;
        }
      }
      for (let i = 0; i < nReached; i++) reach(u, reached[i], 2, best[reached[i]] * recency, day);
    }
    for (let i = 0; i < nTouched; i++) {
      const p = touched[i];
      if (p === u) continue;
      if (dist[p] === 1) exposed1[p]++;
      else exposed2[p]++;
      weighted[p] += contrib[p];
      if (!(lastExposureDay[p] >= lastDay[p])) lastExposureDay[p] = lastDay[p];
      if (pairs) {
        pairs.person.push(p);
        pairs.associate.push(u);
        pairs.distance.push(dist[p]);
        pairs.contribution.push(contrib[p]);
      }
    }
  }
  return {
    ids: index.personIds,
    index: index.personIndex,
    exposed1,
    exposed2,
    weighted,
    lastExposureDay,
    asOf: o.asOf,
    since: o.since,
  };
}

/**
 * The co-offending ties of a person just before incident `k` (shared offences certainly before
 * it, at positions ≥ `lo`, within `retentionDays` of it), each co-offender once with the weight
 * of `coOffendingGraph` aged to `reference`: Σ 0.5^((reference − shared day) / halfLifeDays).
 * `ring(u, k, ids, weights)` fills the two arrays. @internal
 */
export function tiesAtEvent(
  index: DatasetIndex,
  o: { lo: number; reference: number; retentionDays: number; halfLifeDays: number },
): (u: number, k: number, ids: number[], weights: number[]) => void {
  const ring = coOffenderRing(index, o);
  return (u, k, ids, ws) => {
    const t = tiesBefore(index, index.day[k], index.timed[k], o.retentionDays);
    ring(u, Math.max(t.startPos, o.lo), t.endPos, t.untimedFrom, ids, ws);
  };
}

/**
 * `ring(u, lo, endPos, untimedFrom, ids, weights)`: the co-offenders of u through shared offences
 * at positions [lo, endPos) (untimed ones from `untimedFrom` skipped, see `forEachCoOffender`),
 * each once, weighted Σ 0.5^((reference − shared day) / halfLifeDays). One visitor for every
 * call, and one power per shared offence rather than per co-offender in it.
 */
function coOffenderRing(
  index: DatasetIndex,
  o: { reference: number; halfLifeDays: number },
): (
  u: number,
  lo: number,
  endPos: number,
  untimedFrom: number,
  ids: number[],
  weights: number[],
) => void {
  const slot = new Int32Array(index.personIds.length).fill(-1);
  const decay = Math.LN2 / o.halfLifeDays;
  const day = index.day;
  let ids: number[] = [];
  let ws: number[] = [];
  let lastK = -1;
  let lastC = 0;
  const visit = (q: number, j: number) => {
    if (j !== lastK) {
      lastK = j;
      lastC = Math.exp(-decay * Math.max(0, o.reference - day[j]));
    }
    const at = slot[q];
    if (at >= 0 && ids[at] === q) ws[at] += lastC;
    else {
      slot[q] = ids.length;
      ids.push(q);
      ws.push(lastC);
    }
  };
  return (u, lo, endPos, untimedFrom, outIds, outWs) => {
    outIds.length = 0;
    outWs.length = 0;
    ids = outIds;
    ws = outWs;
    forEachCoOffender(index, u, lo, endPos, visit, untimedFrom);
  };
}

/** Where a cached ring writes one person's ties (replaced by larger arrays when too small). */
interface RingBuffer {
  ids: Int32Array;
  weights: Float64Array;
}

/** A copy of `a` twice as long. */
function grown(a: Int32Array) {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

/**
 * {@link coOffenderRing} for many events: each person's co-offences at positions [lo, hi) are
 * read from the index once, on first use, into one compact list (position, co-offender, weight)
 * in position order, as `forEachCoOffender` visits them; a ring is then a slice of that list.
 * The dataset index is read at random incidents, so reading each person's list once instead of
 * once per event they are asked about is most of the saving. Same visits in the same order, so
 * the same sums.
 */
function cachedCoOffenderRing(
  index: DatasetIndex,
  o: { lo: number; hi: number; reference: number; halfLifeDays: number },
): (u: number, lo: number, endPos: number, untimedFrom: number, out: RingBuffer) => number {
  const n = index.personIds.length;
  const decay = Math.LN2 / o.halfLifeDays;
  const { day, timed } = index;
  const from = new Int32Array(n).fill(-1); // first entry of person p's list, −1 until read
  const to = new Int32Array(n);
  let cap = 1024;
  let pos = new Int32Array(cap);
  let who = new Int32Array(cap);
  let wt = new Float64Array(cap);
  let size = 0;
  let lastK = -1;
  let lastC = 0;
  const collect = (q: number, k: number) => {
    if (size === cap) {
      cap *= 2;
      const p2 = new Int32Array(cap);
      p2.set(pos);
      pos = p2;
      const w2 = new Int32Array(cap);
      w2.set(who);
      who = w2;
      const c2 = new Float64Array(cap);
      c2.set(wt);
      wt = c2;
    }
    if (k !== lastK) {
      lastK = k;
      lastC = Math.exp(-decay * Math.max(0, o.reference - day[k]));
    }
    pos[size] = k;
    who[size] = q;
    wt[size++] = lastC;
  };
  const slot = new Int32Array(n).fill(-1);
  return (u, lo, endPos, untimedFrom, out) => {
    let count = 0;
    if (from[u] < 0) {
      from[u] = size;
      forEachCoOffender(index, u, o.lo, o.hi, collect);
      to[u] = size;
    }
    let a = from[u];
    let b = to[u];
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (pos[mid] < lo) a = mid + 1;
      else b = mid;
    }
    // At most one entry per list entry read.
    if (to[u] - a > out.ids.length) {
      const c = Math.max(to[u] - a, 2 * out.ids.length);
      out.ids = new Int32Array(c);
      out.weights = new Float64Array(c);
    }
    const ids = out.ids;
    const ws = out.weights;
    for (let x = a, e = to[u]; x < e; x++) {
      const k = pos[x];
      if (k >= endPos) break;
      if (k >= untimedFrom && !timed[k]) continue;
      const q = who[x];
      const at = slot[q];
      if (at >= 0 && at < count && ids[at] === q) ws[at] += wt[x];
      else {
        slot[q] = count;
        ids[count] = q;
        ws[count++] = wt[x];
      }
    }
    return count;
  };
}

/** Who is one tie from whom, with tie weights: `of(u, ids, weights)` fills u's neighbours, once each. */
interface Neighbourhood {
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
  of(u: number, ids: number[], weights: number[]): void;
}

/** The snapshot, once its two listings of each tie are known to carry one weight. */
function checkedTies(csr: Csr, fn: string): Csr {
  assertTiesMatch(csr, fn);
  return csr;
}

/**
 * The snapshot, refused (`InputError` naming the tie) when a tie weighs less than 0: a tie
 * strength below 0 gave a negative exposure (−0.43 through a tie of −1), a score no one can read.
 */
function strengths(csr: Csr, fn: string): Csr {
  refuseNegativeWeights(csr, fn);
  return csr;
}

/** Neighbours from a CSR snapshot (parallel ties: the strongest). */
function csrNeighbourhood(csr: Csr): Neighbourhood {
  const slot = new Int32Array(csr.n).fill(-1);
  const { offsets, targets, weights } = csr;
  return {
    ids: csr.ids,
    index: csr.index,
    of(u, ids, ws) {
      ids.length = 0;
      ws.length = 0;
      for (let j = offsets[u]; j < offsets[u + 1]; j++) {
        const v = targets[j];
        const wt = weights ? weights[j] : 1;
        if (slot[v] >= 0 && ids[slot[v]] === v) ws[slot[v]] = Math.max(ws[slot[v]], wt);
        else {
          slot[v] = ids.length;
          ids.push(v);
          ws.push(wt);
        }
      }
    },
  };
}

/**
 * Neighbours straight from the dataset index: the co-offending network as of `asOf` with the
 * weights of `coOffendingGraph` (Σ over shared offences of 0.5^(age / halfLifeDays)), read only
 * around the people asked about, so no edge list of the whole city is built.
 */
function indexNeighbourhood(
  index: DatasetIndex,
  options: { asOf: number; retentionYears?: number; halfLifeDays: number },
): Neighbourhood {
  if (!(options.halfLifeDays > 0))
    throw new RangeError('tieHalfLifeDays must be a positive number of days');
  const w = resolveWindow(index, { asOf: options.asOf, retentionYears: options.retentionYears });
  const decay = Math.LN2 / options.halfLifeDays;
  const slot = new Int32Array(index.personIds.length).fill(-1);
  let ids: number[] = [];
  let ws: number[] = [];
  const visit = (q: number, k: number) => {
    const c = Math.exp(-decay * Math.max(0, w.reference - index.day[k]));
    if (slot[q] >= 0 && ids[slot[q]] === q) ws[slot[q]] += c;
    else {
      slot[q] = ids.length;
      ids.push(q);
      ws.push(c);
    }
  };
  return {
    ids: index.personIds,
    index: index.personIndex,
    of(u, outIds, outWs) {
      outIds.length = 0;
      outWs.length = 0;
      ids = outIds;
      ws = outWs;
      forEachCoOffender(index, u, w.lo, w.hi, visit);
    },
  };
}

/** Whether person p's victim record e in incident k repeats an earlier record of the same incident. */
function sameIncidentTwice(index: DatasetIndex, k: number, e: number, p: number): boolean {
  for (let f = index.invOffset[k]; f < e; f++) {
    if (index.invPerson[f] === p && index.invRole[f] === ROLE_CODE.victim) return true;
  }
  return false;
}

/**
 * Refuses a coOffendingGraph built as of a later date than `asOf` (its `asOf` attribute; null:
 * the end of the records): its ties came from records on or after `asOf`, as traceContacts
 * refuses; `at` is the graph's attribute, or a toCsr snapshot's copy of it. A graph without the
 * attribute is used as it is.
 */
function laterGraph(
  at: unknown,
  snapshot: boolean,
  index: DatasetIndex,
  asOf: number,
  pairs: Pairs | null,
): void {
  if (at === undefined) return;
  const day = typeof at === 'string' ? toDay(at) : resolveWindow(index, {}).reference;
  if (day > asOf)
    throw new OptionError(
      pairs ? 'exposure' : 'exposureCounts',
      'graph',
      `${pairs ? 'exposure' : 'exposureCounts'}: the graph${snapshot ? ' this snapshot (toCsr) was made from' : ''} is as of ${typeof at === 'string' ? at : 'the end of the records'}, after asOf ${dayToIso(asOf)}: its ties include records from on or after asOf. Build it with coOffendingGraph(data, { asOf: '${dayToIso(asOf)}' })${snapshot ? ' and take its snapshot' : ''}.`,
    );
}
