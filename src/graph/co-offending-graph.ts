import { UndirectedGraph } from 'graphology';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { checkDatasetOrIndex } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { dayToIso } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import {
  type ResolvedWindow,
  resolveWindow,
  type WindowOptions,
  windowRules,
} from '../core/window.js';

/** Node attributes of a co-offending graph (one node per person seen in the window). */
export interface PersonNodeAttributes {
  /** Incidents the person is recorded in, any role. */
  incidents: number;
  /** Incidents as offender. */
  offences: number;
  /** Violent incidents (severity ≥ 1), any role. */
  violent: number;
  /** Times recorded as a victim, any severity. */
  victimisations: number;
  /** Times recorded as a victim of serious violence (severity ≥ 3). */
  seriousVictimisations: number;
  /** First and last record dates (ISO `YYYY-MM-DD`). */
  firstSeen: string;
  lastSeen: string;
  /** Known group, when the `people` table gives one. */
  group?: string;
}

/** Edge attributes of a co-offending tie. */
export interface CoOffendingEdgeAttributes {
  /** Incidents in which both were offenders. A strength, not a distance. */
  count: number;
  /** Dates (ISO) of the first and last shared incident. */
  first: string;
  last: string;
  /** Ids of the shared incidents, oldest first. */
  incidents: string[];
  /**
   * Recency-decayed strength: Σ over shared incidents of 0.5^(age / halfLifeDays), age measured
   * from `asOf` (or the day after the last record). A strength, not a distance.
   */
  weight: number;
}

/** Options of {@link coOffendingGraph}. */
export interface CoOffendingGraphOptions extends WindowOptions {
  /** Half-life in days of a shared incident's contribution to `weight`. Default 365. */
  halfLifeDays?: number;
  /** Keep only ties with at least this many shared incidents. Default 1. */
  minCount?: number;
  /** Add people who have no tie in the window as isolated nodes. Default true. */
  includeIsolates?: boolean;
}

const DEFAULTS = { halfLifeDays: 365, minCount: 1, includeIsolates: true } as const;

const RULES: OptionRules<CoOffendingGraphOptions> = {
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
  options = checkOptions('coOffendingEdges', options, RULES);
  const index = 'personIds' in data ? data : indexDataset(data);
  const halfLife = options.halfLifeDays ?? DEFAULTS.halfLifeDays;
  const minCount = options.minCount ?? DEFAULTS.minCount;
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

/**
 * The co-offending network as of a date: an undirected graphology graph whose nodes are people
 * ({@link PersonNodeAttributes}) and whose edges are shared offences ({@link CoOffendingEdgeAttributes}).
 * Only records dated before `asOf` and within the retention horizon are used.
 *
 * @example
 * const g = coOffendingGraph(data, { asOf: '2024-01-01', halfLifeDays: 365 });
 * g.getEdgeAttribute('P1', 'P2', 'count'); // shared incidents
 */
export function coOffendingGraph(
  data: Dataset | DatasetIndex,
  options?: CoOffendingGraphOptions,
): UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes> {
  checkDatasetOrIndex('coOffendingGraph', data);
  options = checkOptions('coOffendingGraph', options, RULES);
  const edges = coOffendingEdges(data, options);
  const { index, window } = edges;
  const includeIsolates = options.includeIsolates ?? DEFAULTS.includeIsolates;
  const graph = new UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes>();
  graph.setAttribute('kind', 'co-offending');
  graph.setAttribute('asOf', Number.isFinite(window.asOf) ? dayToIso(window.asOf) : null);
  graph.setAttribute('since', Number.isFinite(window.since) ? dayToIso(window.since) : null);
  graph.setAttribute('halfLifeDays', options.halfLifeDays ?? DEFAULTS.halfLifeDays);

  const hasTie = new Uint8Array(index.personIds.length);
  for (let e = 0; e < edges.source.length; e++) {
    hasTie[edges.source[e]] = 1;
    hasTie[edges.target[e]] = 1;
  }
  for (let p = 0; p < index.personIds.length; p++) {
    if (!edges.present[p] || (!includeIsolates && !hasTie[p])) continue;
    graph.addNode(index.personIds[p], personAttributes(index, p, window));
  }
  for (let e = 0; e < edges.source.length; e++) {
    const incs: string[] = [];
    for (let j = edges.incOffset[e]; j < edges.incOffset[e + 1]; j++) {
      incs.push(index.incidents[edges.incidents[j]].incident_id);
    }
    const s = index.personIds[edges.source[e]];
    const t = index.personIds[edges.target[e]];
    graph.addUndirectedEdgeWithKey(`${s}--${t}`, s, t, {
      count: edges.count[e],
      first: dayToIso(edges.first[e]),
      last: dayToIso(edges.last[e]),
      incidents: incs,
      weight: edges.weight[e],
    });
  }
  return graph;
}

function personAttributes(index: DatasetIndex, p: number, w: ResolvedWindow): PersonNodeAttributes {
  let incidents = 0;
  let offences = 0;
  let violent = 0;
  let victimisations = 0;
  let serious = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  // A person may hold several involvements in one incident (offender and victim); they are
  // adjacent in `personInc`, and each incident / role is counted once.
  let prevK = -1;
  let rolesSeen = 0;
  for (let j = index.personIncOffset[p]; j < index.personIncOffset[p + 1]; j++) {
    const k = index.personInc[j];
    if (k < w.lo || k >= w.hi) continue;
    const role = index.personIncRole[j];
    const sev = index.severity[k];
    if (k !== prevK) {
      prevK = k;
      rolesSeen = 0;
      incidents++;
      if (sev >= 1) violent++;
    }
    if (rolesSeen & (1 << role)) continue;
    rolesSeen |= 1 << role;
    if (role === ROLE_CODE.offender) offences++;
    if (role === ROLE_CODE.victim) {
      victimisations++;
      if (sev >= 3) serious++;
    }
    first = Math.min(first, index.day[k]);
    last = Math.max(last, index.day[k]);
  }
  const attrs: PersonNodeAttributes = {
    incidents,
    offences,
    violent,
    victimisations,
    seriousVictimisations: serious,
    firstSeen: dayToIso(first),
    lastSeen: dayToIso(last),
  };
  const g = index.group[p];
  if (g >= 0) attrs.group = index.groupNames[g];
  return attrs;
}

/** The default of each option. */
coOffendingGraph.defaults = DEFAULTS;
coOffendingEdges.defaults = DEFAULTS;
