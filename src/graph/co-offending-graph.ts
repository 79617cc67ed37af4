import { UndirectedGraph } from 'graphology';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { checkDatasetOrIndex } from '../core/guards.js';
import { checkOptions } from '../core/options.js';
import { dayToIso } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { type ResolvedWindow, refuseOutsideRecords, resolveWindow } from '../core/window.js';
import {
  type CoOffendingGraphOptions,
  CO_OFFENDING_DEFAULTS as DEFAULTS,
  CO_OFFENDING_RULES as RULES,
  windowEdges,
} from './co-offending-edges.js';
import { addEdgeWithFreeKey, refuseGraphologyKeys } from './graphology-keys.js';

export {
  type CoOffendingEdges,
  type CoOffendingGraphOptions,
  coOffendingEdges,
} from './co-offending-edges.js';

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

/**
 * The co-offending network as of a date: an undirected graphology graph whose nodes are people
 * ({@link PersonNodeAttributes}) and whose edges are shared offences ({@link CoOffendingEdgeAttributes}).
 * Only records dated before `asOf` and within the retention horizon are used; the graph's
 * attributes say which: `asOf` (records before that day) and `since` (the first day whose records
 * are in; `null` when the window has no start), beside `kind` and `halfLifeDays`. A window
 * outside the records — `asOf` on or before the first record, or so late that every record is
 * past the retention horizon — is refused with a `DataRefusedError` (`outside-records`) naming
 * the records' first and last dates: its empty graph read as "no network" (a wrong year). Data
 * with no incidents, and a window in a gap between records, give the empty graph. A person id that
 * is one of `Object.prototype`'s own names (`constructor`, `toString`, …) is refused with an
 * `InputError`: graphology cannot hold ties to such a node key (use {@link coOffendingEdges}).
 * A tie's key is `'P1--P2'` (the exports' edge id); when ids holding `--` make one key for two
 * ties (`'a--b'` with `'c'`, `'a'` with `'b--c'`), the later tie's is `'a--b--c#2'`.
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
  // An asOf or since that is not a date, a since on or after asOf, and a window outside the
  // records are refused naming this function, not the coOffendingEdges it calls.
  const full = 'personIds' in data ? data : indexDataset(data);
  refuseOutsideRecords(
    'coOffendingGraph',
    full,
    resolveWindow(full, {
      asOf: options.asOf,
      since: options.since,
      retentionYears: options.retentionYears,
      fn: 'coOffendingGraph',
    }),
  );
  const edges = windowEdges(full, options);
  const { index, window } = edges;
  const includeIsolates = options.includeIsolates ?? DEFAULTS.includeIsolates;
  const graph = new UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes>();
  graph.setAttribute('kind', 'co-offending');
  graph.setAttribute('asOf', Number.isFinite(window.asOf) ? dayToIso(window.asOf) : null);
  // The first day whose records are in: the retention horizon falls mid-day (asOf − 6 × 365.25
  // days), and its day itself is out. Rounded down, it named a day whose records were left out.
  graph.setAttribute(
    'since',
    Number.isFinite(window.since) ? dayToIso(Math.ceil(window.since)) : null,
  );
  graph.setAttribute('halfLifeDays', options.halfLifeDays ?? DEFAULTS.halfLifeDays);

  const hasTie = new Uint8Array(index.personIds.length);
  for (let e = 0; e < edges.source.length; e++) {
    hasTie[edges.source[e]] = 1;
    hasTie[edges.target[e]] = 1;
  }
  const nodes: number[] = [];
  for (let p = 0; p < index.personIds.length; p++)
    if (edges.present[p] && (includeIsolates || hasTie[p])) nodes.push(p);
  refuseGraphologyKeys(
    'coOffendingGraph',
    'person ids',
    nodes.map((p) => index.personIds[p]),
  );
  for (const p of nodes) graph.addNode(index.personIds[p], personAttributes(index, p, window));
  for (let e = 0; e < edges.source.length; e++) {
    const incs: string[] = [];
    for (let j = edges.incOffset[e]; j < edges.incOffset[e + 1]; j++) {
      incs.push(index.incidentId(edges.incidents[j]));
    }
    const s = index.personIds[edges.source[e]];
    const t = index.personIds[edges.target[e]];
    // (ids holding '--' can make one key for two ties: the second takes `${s}--${t}#2`)
    addEdgeWithFreeKey(
      graph,
      `${s}--${t}`,
      s,
      t,
      {
        count: edges.count[e],
        first: dayToIso(edges.first[e]),
        last: dayToIso(edges.last[e]),
        incidents: incs,
        weight: edges.weight[e],
      },
      false,
    );
  }
  return graph;
}

/** The node attributes of person `p` in window `w` (as {@link coOffendingGraph} sets them). @internal */
export function personAttributes(
  index: DatasetIndex,
  p: number,
  w: ResolvedWindow,
): PersonNodeAttributes {
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
