/**
 * The co-offending edge list, apart from the graphology graph built from it (co-offending-graph.ts):
 * code that needs only the edges (outreach's records, exposure) does not bring graphology into a
 * browser bundle.
 */
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { checkDatasetOrIndex } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import type { Dataset } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  type ResolvedWindow,
  refuseOutsideRecords,
  resolveWindow,
  type WindowOptions,
  windowRules,
} from '../core/window.js';

/** Options of {@link coOffendingGraph}. */
export interface CoOffendingGraphOptions extends WindowOptions {
  /** Half-life in days of a shared incident's contribution to `weight`. Default 365. */
  halfLifeDays?: number;
  /** Keep only ties with at least this many shared incidents. Default 1. */
  minCount?: number;
  /** Add people who have no tie in the window as isolated nodes. Default true. */
  includeIsolates?: boolean;
}

/** Defaults of `coOffendingGraph` and `coOffendingEdges` (both publish them as `.defaults`). */
export const CO_OFFENDING_DEFAULTS = {
  halfLifeDays: 365,
  minCount: 1,
  includeIsolates: true,
  retentionYears: DEFAULT_RETENTION_YEARS,
} as const;

/** Option rules shared by `coOffendingGraph` and `coOffendingEdges`. */
export const CO_OFFENDING_RULES: OptionRules<CoOffendingGraphOptions> = {
  ...windowRules,
  halfLifeDays: rule.number({ above: 0 }),
  minCount: rule.number({ min: 1, integer: true }),
  includeIsolates: rule.boolean,
};

/** Compact edge list of a co-offending network (what {@link coOffendingGraph} is built from). */
export interface CoOffendingEdges {
  index: DatasetIndex;
  window: ResolvedWindow;
  /** Person numbers (into `index.personIds`) of each tie's ends, `source < target`. */
  source: Int32Array;
  target: Int32Array;
  count: Int32Array;
  weight: Float64Array;
  /** Day numbers of first and last shared incident. */
  first: Float64Array;
  last: Float64Array;
  /** Shared incident positions (into `index.incidents`) of tie e: `incidents[incOffset[e]..]`. */
  incOffset: Int32Array;
  incidents: Int32Array;
  /** Which people have any record in the window. */
  present: Uint8Array;
}

/**
 * Builds the compact co-offending edge list for a time window: people tied when both were
 * offenders in one incident; an incident with n offenders adds its n(n−1)/2 ties once.
 * Used by {@link coOffendingGraph} and by heavy algorithms that do not need graphology.
 * A window outside the records (an `asOf` on or before the first record, or every record past
 * the retention horizon) is refused with a `DataRefusedError` (`outside-records`) naming the
 * records' dates, as {@link coOffendingGraph} refuses it.
 */
export function coOffendingEdges(
  data: Dataset | DatasetIndex,
  options?: CoOffendingGraphOptions,
): CoOffendingEdges {
  const edges = windowEdges(data, options);
  refuseOutsideRecords('coOffendingEdges', edges.index, edges.window);
  return edges;
}

/**
 * {@link coOffendingEdges} without its refusal of a window outside the records: the network an
 * analysis takes on any day (the day of a harm, a backtest's cut), empty before the first record.
 * @internal
 */
export function windowEdges(
  data: Dataset | DatasetIndex,
  options?: CoOffendingGraphOptions,
): CoOffendingEdges {
  checkDatasetOrIndex('coOffendingEdges', data);
  options = checkOptions('coOffendingEdges', options, CO_OFFENDING_RULES);
  const index = 'personIds' in data ? data : indexDataset(data);
  const halfLife = options.halfLifeDays ?? CO_OFFENDING_DEFAULTS.halfLifeDays;
  const minCount = options.minCount ?? CO_OFFENDING_DEFAULTS.minCount;
  if (!(halfLife > 0)) throw new RangeError('halfLifeDays must be a positive number of days');
  const window = resolveWindow(index, { ...options, fn: 'coOffendingEdges' });
  const { lo, hi, reference } = window;
  const n = index.personIds.length;
  const present = new Uint8Array(n);
  const { invOffset, invPerson, invRole } = index;
  // One pass to size the pair occurrences (each incident's distinct offenders, pairwise), a
  // second to fill them, then two stable counting sorts (by target, then by source) put them in
  // (source, target, incident) order: no Map of pairs, no per-tie JS arrays. Incidents are visited
  // in ascending order, so each tie's incidents stay ascending and its weight is summed in the
  // same order as before (bit-identical).
  // Pass 1 lists each incident's distinct offenders once (a flat buffer), so the pairs are made
  // without a second walk over the involvements. Pairs are then bucketed by their lower person
  // number (one stable counting sort, incidents ascending within a bucket), and each bucket is
  // grouped by its higher person number through per-person scratch slots: no Map of pairs, no
  // per-tie JS arrays, and a few random accesses per pair occurrence (at 1M people these, not
  // arithmetic, are the cost). Each tie's incidents stay ascending, so its weight is summed in
  // the same order as before (bit-identical).
  // At a million people every 64 MB of new typed arrays starts a full mark of the caller's heap:
  // buffers are sized to what they hold (the offender rows, not every row) and reused once free.
  // Pass 0 counts, for the incidents with two or more distinct offenders (the only ones that make
  // pairs), their number and their offenders; pass 1 lists those offenders (a flat buffer sized
  // to them, not to every incident and offender row of the window). `mark[p]` is k in pass 0 and
  // −(k + 2) in pass 1 (never the initial −1).
  const mark = new Int32Array(n).fill(-1);
  let multi = 0;
  let multiRows = 0;
  let occurrences = 0;
  for (let k = lo; k < hi; k++) {
    let c = 0;
    for (let e = invOffset[k], end = invOffset[k + 1]; e < end; e++) {
      const p = invPerson[e];
      present[p] = 1;
      if (invRole[e] === ROLE_CODE.offender && mark[p] !== k) {
        mark[p] = k;
        c++;
      }
    }
    if (c >= 2) {
      multi++;
      multiRows += c;
      occurrences += (c * (c - 1)) / 2;
    }
  }
  const offStart = new Int32Array(multi + 1);
  const offIncident = new Int32Array(multi);
  const offBuf = new Int32Array(multiRows);
  let nOff = 0;
  for (let k = lo, j = 0; k < hi; k++) {
    const stamp = -(k + 2);
    let c = 0;
    let first = -1;
    for (let e = invOffset[k], end = invOffset[k + 1]; e < end; e++) {
      const p = invPerson[e];
      if (invRole[e] === ROLE_CODE.offender && mark[p] !== stamp) {
        mark[p] = stamp;
        if (c === 0) first = p;
        else {
          if (c === 1) {
            offStart[j] = nOff;
            offIncident[j] = k;
            offBuf[nOff++] = first;
          }
          offBuf[nOff++] = p;
        }
        c++;
      }
    }
    if (c >= 2) j++;
  }
  offStart[multi] = nOff;
  // Bucket start of each lower end (person number), then the pairs' higher ends and incidents.
  const bucket = new Int32Array(n + 1);
  for (let j = 0; j < multi; j++) {
    const end = offStart[j + 1];
    for (let a = offStart[j]; a < end; a++) {
      const x = offBuf[a];
      for (let b = a + 1; b < end; b++) {
        const y = offBuf[b];
        bucket[Math.min(x, y) + 1]++;
      }
    }
  }
  for (let v = 0; v < n; v++) bucket[v + 1] += bucket[v];
  const fill = mark; // free once the offenders are listed
  fill.set(bucket.subarray(0, n));
  const occT = new Int32Array(occurrences);
  const occK = new Int32Array(occurrences);
  for (let j = 0; j < multi; j++) {
    const end = offStart[j + 1];
    const k = offIncident[j];
    for (let a = offStart[j]; a < end; a++) {
      const x = offBuf[a];
      for (let b = a + 1; b < end; b++) {
        const y = offBuf[b];
        const at = fill[Math.min(x, y)]++;
        occT[at] = Math.max(x, y);
        occK[at] = k;
      }
    }
  }
  // Per bucket: its distinct higher ends, ascending; each one's count and position (scratch slots
  // indexed by person number, interleaved so that one cache line serves all three), then the
  // bucket's incidents regrouped by higher end, stably.
  const slot = new Int32Array(3 * n).fill(-1); // [bucket last seen in, count, next position]
  // (the offender list is free once the pairs are made: reused when long enough)
  const grouped =
    offBuf.length >= occurrences ? offBuf.subarray(0, occurrences) : new Int32Array(occurrences);
  // Each run (distinct tie) is written once its bucket's occurrences are regrouped, at a position
  // below the bucket's end: the runs overwrite pair occurrences already read.
  const runT = occT;
  const runEnd = occK;
  let distinct = new Int32Array(64);
  let runs = 0;
  let kept = 0;
  let keptIncidents = 0;
  for (let s = 0; s < n; s++) {
    const a = bucket[s];
    const b = bucket[s + 1];
    if (a === b) continue;
    let d = 0;
    for (let i = a; i < b; i++) {
      const t3 = 3 * occT[i];
      if (slot[t3] !== s) {
        slot[t3] = s;
        slot[t3 + 1] = 0;
        if (d === distinct.length) {
          const grown = new Int32Array(2 * d);
          grown.set(distinct);
          distinct = grown;
        }
        distinct[d++] = occT[i];
      }
      slot[t3 + 1]++;
    }
    const targets = distinct.subarray(0, d);
    if (d > 1) targets.sort();
    let pos = a;
    for (let q = 0; q < d; q++) {
      const t = targets[q];
      slot[3 * t + 2] = pos;
      pos += slot[3 * t + 1];
    }
    for (let i = a; i < b; i++) grouped[slot[3 * occT[i] + 2]++] = occK[i];
    // (slot[3t + 2] is now the end of t's run)
    for (let q = 0; q < d; q++) {
      const t = targets[q];
      const c = slot[3 * t + 1];
      runT[runs] = t;
      runEnd[runs] = slot[3 * t + 2];
      runs++;
      if (c >= minCount) {
        kept++;
        keptIncidents += c;
      }
    }
  }
  const m = kept;
  const out: CoOffendingEdges = {
    index,
    window,
    source: new Int32Array(m),
    target: new Int32Array(m),
    count: new Int32Array(m),
    weight: new Float64Array(m),
    first: new Float64Array(m),
    last: new Float64Array(m),
    incOffset: new Int32Array(m + 1),
    incidents: new Int32Array(keptIncidents),
    present,
  };
  const decay = Math.LN2 / halfLife;
  const day = index.day;
  let e = 0;
  let pos = 0;
  // A run's source is the bucket it lies in (runs never straddle buckets).
  for (let r = 0, i = 0, s = 0; r < runs; r++) {
    const j = runEnd[r];
    while (bucket[s + 1] <= i) s++;
    if (j - i >= minCount) {
      out.source[e] = s;
      out.target[e] = runT[r];
      out.count[e] = j - i;
      out.first[e] = day[grouped[i]];
      out.last[e] = day[grouped[j - 1]];
      let w = 0;
      for (let q = i; q < j; q++) {
        const k = grouped[q];
        w += Math.exp(-decay * Math.max(0, reference - day[k]));
        out.incidents[pos++] = k;
      }
      out.weight[e] = w;
      out.incOffset[e + 1] = pos;
      e++;
    }
    i = j;
  }
  return out;
}

/** The default of each option. */
coOffendingEdges.defaults = CO_OFFENDING_DEFAULTS;
