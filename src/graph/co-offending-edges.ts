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
  type ResolvedWindow,
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
 */
export function coOffendingEdges(
  data: Dataset | DatasetIndex,
  options?: CoOffendingGraphOptions,
): CoOffendingEdges {
  checkDatasetOrIndex('coOffendingEdges', data);
  options = checkOptions('coOffendingEdges', options, CO_OFFENDING_RULES);
  const index = 'personIds' in data ? data : indexDataset(data);
  const halfLife = options.halfLifeDays ?? CO_OFFENDING_DEFAULTS.halfLifeDays;
  const minCount = options.minCount ?? CO_OFFENDING_DEFAULTS.minCount;
  if (!(halfLife > 0)) throw new RangeError('halfLifeDays must be a positive number of days');
  const window = resolveWindow(index, options);
  const { lo, hi, reference } = window;
  const n = index.personIds.length;
  const present = new Uint8Array(n);
  const { invOffset, invPerson, invRole } = index;
  // One pass to size the pair occurrences (each incident's distinct offenders, pairwise), a
  // second to fill them, then two stable counting sorts (by target, then by source) put them in
  // (source, target, incident) order: no Map of pairs, no per-tie JS arrays. Incidents are visited
  // in ascending order, so each tie's incidents stay ascending and its weight is summed in the
  // same order as before (bit-identical).
  const mark = new Int32Array(n).fill(-1);
  const offenders: number[] = [];
  const distinctOffenders = (k: number) => {
    offenders.length = 0;
    for (let e = invOffset[k]; e < invOffset[k + 1]; e++) {
      const p = invPerson[e];
      present[p] = 1;
      if (invRole[e] === ROLE_CODE.offender && mark[p] !== k) {
        mark[p] = k;
        offenders.push(p);
      }
    }
  };
  let occurrences = 0;
  for (let k = lo; k < hi; k++) {
    distinctOffenders(k);
    occurrences += (offenders.length * (offenders.length - 1)) / 2;
  }
  mark.fill(-1);
  const occS = new Int32Array(occurrences);
  const occT = new Int32Array(occurrences);
  const occK = new Int32Array(occurrences);
  let at = 0;
  for (let k = lo; k < hi; k++) {
    distinctOffenders(k);
    for (let a = 0; a < offenders.length; a++) {
      for (let b = a + 1; b < offenders.length; b++) {
        const x = offenders[a];
        const y = offenders[b];
        occS[at] = Math.min(x, y);
        occT[at] = Math.max(x, y);
        occK[at] = k;
        at++;
      }
    }
  }
  const byKey = (key: Int32Array, perm: Int32Array | null) => {
    const start = new Int32Array(n + 1);
    for (let i = 0; i < occurrences; i++) start[key[perm ? perm[i] : i] + 1]++;
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const out = new Int32Array(occurrences);
    for (let i = 0; i < occurrences; i++) {
      const o = perm ? perm[i] : i;
      out[start[key[o]]++] = o;
    }
    return out;
  };
  const order = byKey(occS, byKey(occT, null));
  // Runs of equal (source, target) are the ties.
  let kept = 0;
  let keptIncidents = 0;
  for (let i = 0; i < occurrences; ) {
    let j = i + 1;
    while (
      j < occurrences &&
      occS[order[j]] === occS[order[i]] &&
      occT[order[j]] === occT[order[i]]
    )
      j++;
    if (j - i >= minCount) {
      kept++;
      keptIncidents += j - i;
    }
    i = j;
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
  let e = 0;
  let pos = 0;
  for (let i = 0; i < occurrences; ) {
    let j = i + 1;
    while (
      j < occurrences &&
      occS[order[j]] === occS[order[i]] &&
      occT[order[j]] === occT[order[i]]
    )
      j++;
    if (j - i >= minCount) {
      out.source[e] = occS[order[i]];
      out.target[e] = occT[order[i]];
      out.count[e] = j - i;
      out.first[e] = index.day[occK[order[i]]];
      out.last[e] = index.day[occK[order[j - 1]]];
      let w = 0;
      for (let r = i; r < j; r++) {
        const k = occK[order[r]];
        w += Math.exp(-decay * Math.max(0, reference - index.day[k]));
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
