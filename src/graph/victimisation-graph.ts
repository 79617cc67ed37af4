import { DirectedGraph } from 'graphology';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { checkDatasetOrIndex } from '../core/guards.js';
import { checkOptions } from '../core/options.js';
import { dayToIso } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  refuseOutsideRecords,
  resolveWindow,
  type WindowOptions,
  windowRules,
} from '../core/window.js';
import { addEdgeWithFreeKey, refuseGraphologyKeys } from './graphology-keys.js';

/** Edge attributes of an offender → victim tie (aggregated over incidents). */
export interface VictimisationEdgeAttributes {
  /** Incidents in which the source offended against the target. */
  count: number;
  /** Incident ids, dates (ISO) and severities, oldest first, aligned. */
  incidents: string[];
  dates: string[];
  severities: number[];
  /** Highest severity among them. */
  maxSeverity: number;
  first: string;
  last: string;
}

/** Options of {@link victimisationGraph}. */
export interface VictimisationGraphOptions extends WindowOptions {
  /**
   * Only incidents of at least this severity (a severity from 0 to 4; another value is an
   * `OptionError`). Default 1 (any violence).
   */
  minSeverity?: number;
}

/**
 * The directed victimisation network as of a date: an edge offender → victim for each pair in a
 * violent incident (severity ≥ `minSeverity`), aggregated over incidents. Self-victimisation
 * records (same person as offender and victim) are not edges. The graph's attributes say which
 * records: `asOf` (records before that day; `null` without one), `since` (the first day whose
 * records are in) and `minSeverity`, beside `kind`. A window outside the records (`asOf` on or
 * before the first record, every record past the retention horizon) is refused with a
 * `DataRefusedError` (`outside-records`) naming the records' dates, as {@link coOffendingGraph}
 * refuses it. An arc's key is `'P1->P2'` (the
 * exports' edge id); when ids holding `->` make one key for two arcs (`'x->y'` → `'z'`, `'x'` →
 * `'y->z'`), the later arc's is `'x->y->z#2'`.
 *
 * @example
 * const v = victimisationGraph(data, { asOf: '2024-01-01', minSeverity: 3 });
 * v.outDegree('P7'); // people P7 is recorded as having harmed
 */
export function victimisationGraph(
  data: Dataset | DatasetIndex,
  options?: VictimisationGraphOptions,
): DirectedGraph<{ group?: string }, VictimisationEdgeAttributes> {
  checkDatasetOrIndex('victimisationGraph', data);
  options = checkOptions('victimisationGraph', options, {
    ...windowRules,
    // Its own words: 'a number ≥ 0 and ≤ 4' did not say the number is a severity.
    minSeverity: (v) =>
      typeof v === 'number' && v >= 0 && v <= 4
        ? undefined
        : 'a severity from 0 to 4 (incidents of at least that severity make arcs)',
  });
  const index = 'personIds' in data ? data : indexDataset(data);
  const minSeverity = options.minSeverity ?? 1;
  const window = resolveWindow(index, { ...options, fn: 'victimisationGraph' });
  refuseOutsideRecords('victimisationGraph', index, window);
  const { lo, hi } = window;
  const graph = new DirectedGraph<{ group?: string }, VictimisationEdgeAttributes>();
  graph.setAttribute('kind', 'victimisation');
  // Which records the arcs come from, as coOffendingGraph says it (its exports carried no date).
  graph.setAttribute('asOf', Number.isFinite(window.asOf) ? dayToIso(window.asOf) : null);
  graph.setAttribute(
    'since',
    Number.isFinite(window.since) ? dayToIso(Math.ceil(window.since)) : null,
  );
  graph.setAttribute('minSeverity', minSeverity);
  const node = (p: number) => {
    const id = index.personIds[p];
    if (!graph.hasNode(id)) {
      refuseGraphologyKeys('victimisationGraph', 'person id', [id]);
      const g = index.group[p];
      graph.addNode(id, g >= 0 ? { group: index.groupNames[g] } : {});
    }
    return id;
  };
  // An incident's involvements are walked in person order, so node and arc order (and so every
  // export) never depend on the order of the input rows.
  const rows: number[] = [];
  const byPerson = (x: number, y: number) => index.invPerson[x] - index.invPerson[y];
  for (let k = lo; k < hi; k++) {
    if (index.severity[k] < minSeverity) continue;
    rows.length = 0;
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++) rows.push(e);
    rows.sort(byPerson);
    for (const i of rows) {
      if (index.invRole[i] !== ROLE_CODE.offender) continue;
      for (const j of rows) {
        if (index.invRole[j] !== ROLE_CODE.victim || index.invPerson[j] === index.invPerson[i])
          continue;
        const s = node(index.invPerson[i]);
        const t = node(index.invPerson[j]);
        const inc = index.incidentAt(k);
        const date = dayToIso(inc.day);
        if (graph.hasDirectedEdge(s, t)) {
          const at = graph.getDirectedEdgeAttributes(s, t);
          if (at.incidents.includes(inc.incident_id)) continue;
          at.count++;
          at.incidents.push(inc.incident_id);
          at.dates.push(date);
          at.severities.push(inc.severity);
          at.maxSeverity = Math.max(at.maxSeverity, inc.severity);
          at.last = date;
        } else {
          // (ids holding '->' can make one key for two ties: the second takes `${s}->${t}#2`)
          addEdgeWithFreeKey(
            graph,
            `${s}->${t}`,
            s,
            t,
            {
              count: 1,
              incidents: [inc.incident_id],
              dates: [date],
              severities: [inc.severity],
              maxSeverity: inc.severity,
              first: date,
              last: date,
            },
            true,
          );
        }
      }
    }
  }
  return graph;
}

/** The default of each option. */
victimisationGraph.defaults = { minSeverity: 1, retentionYears: DEFAULT_RETENTION_YEARS } as const;
