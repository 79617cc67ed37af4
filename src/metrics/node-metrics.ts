import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import type { AbstractGraph } from 'graphology-types';
import { InputError, OptionError } from '../core/errors.js';
import { closestName, type NearNames, rule } from '../core/options.js';
import { tieClasses } from '../core/ties.js';
import { type Csr, refuseRepeatedIds } from '../graph/csr.js';
import { betweenness } from './centrality/betweenness.js';
import { closeness } from './centrality/closeness.js';
import { eigenvector } from './centrality/eigenvector.js';
import { harmonic } from './centrality/harmonic.js';
import { pagerank } from './centrality/pagerank.js';
import { louvain } from './community/louvain.js';
import { connectedComponents } from './graph/connected-components.js';
import { clustering } from './node/clustering.js';
import { coreNumber } from './node/core-number.js';
import { degree } from './node/degree.js';
import { strength } from './node/strength.js';
import { checkMeasure, type GraphInput, isCsr } from './shared.js';

/**
 * A per-person measure {@link nodeMetrics} can put in a column; the column has the same name.
 * - `degree`: number of ties; `strength`: Σ tie weight (edge attribute `weight`, e.g. the
 *   recency-decayed co-offence count); `core_number`: k-core;
 * - `pagerank`, `betweenness` (normalised; sampled when `pivots` is set and the graph is
 *   beyond betweenness' exact budget), `closeness`,
 *   `harmonic`, `eigenvector`, `clustering` (local clustering coefficient);
 * - `community`: Louvain community (0 = largest, seeded); `component`: connected component.
 */
export type NodeMeasure =
  | 'degree'
  | 'strength'
  | 'core_number'
  | 'pagerank'
  | 'betweenness'
  | 'closeness'
  | 'harmonic'
  | 'eigenvector'
  | 'clustering'
  | 'community'
  | 'component';

/** Options of {@link nodeMetrics}. */
export interface NodeMetricsOptions {
  /**
   * Measures to compute, one column each, in this order (each once). Default
   * `['degree', 'strength', 'core_number', 'pagerank', 'betweenness', 'community', 'component']`.
   * An unknown one is an `OptionError` naming the measure meant, also for another library's name
   * (`core` or `kcore`: `core_number`; `betweenness_centrality`: `betweenness`).
   */
  measures?: readonly NodeMeasure[];
  /**
   * Node attributes to copy into columns after the measures (e.g. `['group', 'incidents']`);
   * a person without the attribute gets `null`. A name no person has that is close to one they
   * have (`'grup'` beside `'group'`) is an `OptionError` naming it; one close to none gives a
   * column of nulls. Needs a graphology graph. Default `[]` (none). A name that is
   * already a column (`person_id`, a measure in `measures`, an attribute given twice) is an
   * `OptionError`.
   */
  attributes?: readonly string[];
  /**
   * Betweenness from this many sampled source people (k-pivot estimate) when fewer than the
   * people in the graph and people × ties is above betweenness' `exactBudget` (1e8, about a
   * second); below it the values are exact, as cheap as the sample (`betweenness.detailed`'s
   * `method` says which). `0` = exact. Default `0`.
   */
  pivots?: number;
  /** Seed of the Louvain and the betweenness sample. Default `1`. */
  seed?: number;
  /**
   * A measure of `measures` to rank people by: adds a column `<measure>_rank` after the measures,
   * 1 for the highest value. Values within 1e-9 of the largest value of each other share a rank
   * (competition ranks: 1, 1, 3): PageRank of two people in the same position differs in its
   * 14th digit, which would order them; the values themselves are left as computed. Rows keep
   * the graph's order (`.orderby('pagerank_rank', 'person_id')` sorts them). Not `community` or
   * `component`, which number groups. Default none.
   */
  rankBy?: NodeMeasure;
}

/**
 * One row of the {@link nodeMetrics} table, one per person, as
 * `nodeMetrics(graph).objects() as NodeMetricsRow[]` reads it. Each measure is a column only
 * when it is in `measures` (the defaults: `degree`, `strength`, `core_number`, `pagerank`,
 * `betweenness`, `community`, `component`), so all are optional here; `<measure>_rank` only with
 * `rankBy`. Node `attributes` add columns of their own names, after these (the attribute's value,
 * or null): type them yourself, `NodeMetricsRow & { group: string | null }`.
 */
export interface NodeMetricsRow {
  /** The person (the graph's node key). */
  person_id: string;
  /** With `degree` in `measures` (a default): number of ties. */
  degree?: number;
  /** With `strength` in `measures` (a default): Σ tie weight (edge attribute `weight`, e.g. the recency-decayed co-offence count): a strength, larger is closer. */
  strength?: number;
  /** With `core_number` in `measures` (a default): k-core number: the largest k of a k-core (every member with ≥ k ties inside it) the person is in. */
  core_number?: number;
  /** With `pagerank` in `measures` (a default): PageRank (0–1; over all people it sums to 1). */
  pagerank?: number;
  /** With `betweenness` in `measures` (a default): betweenness centrality, normalised (0–1); sampled when `pivots` is set and the graph is beyond the exact budget. */
  betweenness?: number;
  /** With `closeness` in `measures`: closeness centrality over hops, Wasserman–Faust scaled as networkx's (0–1; 0 when isolated). */
  closeness?: number;
  /** With `harmonic` in `measures`: harmonic centrality: Σ over the other people of 1 ÷ distance in hops (not normalised). */
  harmonic?: number;
  /** With `eigenvector` in `measures`: eigenvector centrality (see `eigenvector` for its scaling). */
  eigenvector?: number;
  /** With `clustering` in `measures`: local clustering coefficient (0–1; 0 with under two ties). */
  clustering?: number;
  /** With `community` in `measures` (a default): Louvain community (0 = the largest; seeded): a label, not an amount. */
  community?: number;
  /** With `component` in `measures` (a default): connected component (0 = the largest): a label, not an amount. */
  component?: number;
  /** With `rankBy: 'degree'`: the rank by `degree`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  degree_rank?: number;
  /** With `rankBy: 'strength'`: the rank by `strength`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  strength_rank?: number;
  /** With `rankBy: 'core_number'`: the rank by `core_number`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  core_number_rank?: number;
  /** With `rankBy: 'pagerank'`: the rank by `pagerank`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  pagerank_rank?: number;
  /** With `rankBy: 'betweenness'`: the rank by `betweenness`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  betweenness_rank?: number;
  /** With `rankBy: 'closeness'`: the rank by `closeness`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  closeness_rank?: number;
  /** With `rankBy: 'harmonic'`: the rank by `harmonic`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  harmonic_rank?: number;
  /** With `rankBy: 'eigenvector'`: the rank by `eigenvector`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  eigenvector_rank?: number;
  /** With `rankBy: 'clustering'`: the rank by `clustering`, 1 for the highest (values within 1e-9 share a rank: 1, 1, 3). */
  clustering_rank?: number;
}

const MEASURES: readonly NodeMeasure[] = [
  'degree',
  'strength',
  'core_number',
  'pagerank',
  'betweenness',
  'closeness',
  'harmonic',
  'eigenvector',
  'clustering',
  'community',
  'component',
];

/**
 * Other names of the measures (other libraries', the literature's), keyed in lower case without
 * separators: a measure asked for by one (`core`, `kcore`, `betweenness_centrality`, `louvain`)
 * is refused with the name meant, as a misspelt one is.
 */
const MEASURE_NEAR_NAMES: NearNames = {
  core: 'core_number',
  kcore: 'core_number',
  coreness: 'core_number',
  kshell: 'core_number',
  degreecentrality: 'degree',
  weighteddegree: 'strength',
  pagerankcentrality: 'pagerank',
  between: 'betweenness',
  betweennesscentrality: 'betweenness',
  closenesscentrality: 'closeness',
  harmoniccentrality: 'harmonic',
  eigen: 'eigenvector',
  eigencentrality: 'eigenvector',
  eigenvectorcentrality: 'eigenvector',
  clusteringcoefficient: 'clustering',
  localclustering: 'clustering',
  louvain: 'community',
  connectedcomponent: 'component',
  connectedcomponents: 'component',
};

const DEFAULTS = {
  measures: [
    'degree',
    'strength',
    'core_number',
    'pagerank',
    'betweenness',
    'community',
    'component',
  ] as readonly NodeMeasure[],
  attributes: [] as readonly string[],
  pivots: 0,
  seed: 1,
} as const;

const RULES = {
  measures: rule.array(rule.oneOf(MEASURES, MEASURE_NEAR_NAMES)),
  attributes: rule.array(rule.string(true)),
  pivots: rule.number({ min: 0, integer: true }),
  seed: rule.number({ integer: true }),
  rankBy: rule.oneOf(MEASURES, MEASURE_NEAR_NAMES),
};

/**
 * Per-person network measures as one arquero table: one row per person (`person_id`, in the
 * graph's node order) and one snake_case column per measure, computed on one compact snapshot
 * of the graph ({@link NodeMetricsRow}). Measures are descriptions of the network, not lists of
 * people, so the table carries no purpose label. A snapshot that names a person twice (made by hand; `csrFromArrays`
 * refuses one) is an `InputError`: its rows would share the id.
 *
 * @example
 * const graph = coOffendingGraph(data, { asOf: '2024-01-01' });
 * // Highest PageRank first; people whose values differ only in the last digits share a rank.
 * nodeMetrics(graph, { measures: ['degree', 'pagerank', 'community'], rankBy: 'pagerank' })
 *   .orderby('pagerank_rank', 'person_id')
 *   .print();
 */
export function nodeMetrics(graph: GraphInput, options: NodeMetricsOptions = {}): ColumnTable {
  const o = checkMeasure('nodeMetrics', graph, options, RULES);
  const csrInput = isCsr(graph);
  // A snapshot made by hand may name a person twice: two rows of one id (the library's own
  // snapshots refuse it as built, and cost nothing here).
  if (csrInput) refuseRepeatedIds('nodeMetrics', (graph as Csr).ids);
  const measures = o.measures ?? DEFAULTS.measures;
  const attributes = o.attributes ?? DEFAULTS.attributes;
  if (csrInput && attributes.length > 0) {
    throw new InputError(
      'nodeMetrics',
      'nodeMetrics: node attributes need a graphology graph; a Csr snapshot carries none',
    );
  }
  // One column per name: a repeated measure, or an attribute named like a column, would write
  // over that column (attributes: ['degree'] gave a degree column of nulls).
  const names = ['person_id', ...measures, ...attributes];
  for (let i = 1; i < names.length; i++) {
    if (names.indexOf(names[i]) < i) {
      throw new OptionError(
        'nodeMetrics',
        i > measures.length ? 'attributes' : 'measures',
        `nodeMetrics: '${names[i]}' would be a second column of that name; name each column once in measures and attributes`,
      );
    }
  }
  const rankBy = o.rankBy;
  if (rankBy !== undefined && (rankBy === 'community' || rankBy === 'component'))
    throw new OptionError(
      'nodeMetrics',
      'rankBy',
      `nodeMetrics: option 'rankBy' is '${rankBy}', which numbers groups (0 = the largest), not a value to rank people by; give one of the other measures`,
    );
  if (rankBy !== undefined && !measures.includes(rankBy))
    throw new OptionError(
      'nodeMetrics',
      'rankBy',
      `nodeMetrics: option 'rankBy' is '${rankBy}', which is not among measures (${measures.join(', ')}); add it to measures`,
    );
  if (rankBy !== undefined && attributes.includes(`${rankBy}_rank`))
    throw new OptionError(
      'nodeMetrics',
      'attributes',
      `nodeMetrics: '${rankBy}_rank' would be a second column of that name (rankBy: '${rankBy}'); name each column once`,
    );
  const seed = o.seed ?? DEFAULTS.seed;
  const pivots = o.pivots ?? DEFAULTS.pivots;
  const ids: string[] = csrInput ? [...(graph as Csr).ids] : (graph as AbstractGraph).nodes();
  const n = ids.length;
  const sampled = pivots > 0 && pivots < n;

  // A misspelt attribute ('grup' for 'group') gave a column of nulls without a word: refused
  // before the measures run.
  for (const name of attributes)
    if (n > 0 && !(graph as AbstractGraph).someNode((_id, a) => a[name] !== undefined))
      refuseMisspeltAttribute(graph as AbstractGraph, name);
  const columns: Record<string, ArrayLike<unknown>> = { person_id: ids };
  for (const m of measures) {
    try {
      columns[m] = values(graph, m, seed, sampled ? pivots : 0);
    } catch (e) {
      // A measure refusing the graph (coreNumber a self-loop, louvain a directed graph): say
      // which measure asked, and that it can be left out.
      if (!(e instanceof InputError) || e.fn === 'nodeMetrics') throw e;
      const why = e.message.replace(/^[\w.]+: /, '');
      throw new InputError(
        'nodeMetrics',
        `nodeMetrics, measure '${m}'${o.measures ? '' : ' (one of the default measures)'}: ${why}${/[.!?]$/.test(why) ? '' : '.'} Or leave '${m}' out of measures.`,
      );
    }
  }
  if (rankBy !== undefined)
    columns[`${rankBy}_rank`] = tiedRanks(columns[rankBy] as ArrayLike<number>);
  for (const name of attributes) {
    const col = new Array<unknown>(n);
    let i = 0;
    (graph as AbstractGraph).forEachNode((_id, a) => {
      col[i++] = a[name] ?? null;
    });
    columns[name] = col;
  }
  return aq.table(columns);
}

nodeMetrics.defaults = DEFAULTS;

/**
 * Competition ranks (1, 1, 3) of `values`, 1 for the highest; values within 1e-9 of the largest
 * |value| of a tie group's first (highest) share its rank (the lists' rule, core/ties.ts), so a
 * difference in the last digits (PageRank of two people in the same position) orders no one.
 * @internal
 */
export function tiedRanks(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  const cls = tieClasses(values);
  const before = new Int32Array(n + 1); // people in the classes before each class
  for (let i = 0; i < n; i++) before[cls[i] + 1]++;
  for (let c = 1; c <= n; c++) before[c] += before[c - 1];
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = before[cls[i]] + 1;
  return rank;
}

function values(graph: GraphInput, m: NodeMeasure, seed: number, pivots: number): Float64Array {
  switch (m) {
    case 'degree':
      return degree.values(graph);
    case 'strength':
      return strength.values(graph, { weight: 'weight' });
    case 'core_number':
      return coreNumber.values(graph);
    case 'pagerank':
      return pagerank.values(graph);
    case 'betweenness':
      return betweenness.values(graph, {
        normalized: true,
        ...(pivots > 0 ? { k: pivots, seed } : {}),
      });
    case 'closeness':
      return closeness.values(graph);
    case 'harmonic':
      return harmonic.values(graph);
    case 'eigenvector':
      return eigenvector.values(graph);
    case 'clustering':
      return clustering.values(graph);
    case 'community':
      return louvain.values(graph, { seed });
    case 'component':
      return connectedComponents.values(graph);
  }
}

/**
 * Refuses `attributes` naming an attribute that no node holds when it is close to one they hold
 * (a misspelling, told the name meant). One close to none is kept, a column of nulls: the CLI
 * asks for `group` of a graph whose records name no group.
 */
function refuseMisspeltAttribute(graph: AbstractGraph, name: string): void {
  const held = new Set<string>();
  graph.forEachNode((_id, a) => {
    for (const k of Object.keys(a)) held.add(k);
  });
  const near = closestName(name, [...held]);
  if (near === undefined) return;
  throw new OptionError(
    'nodeMetrics',
    'attributes',
    `nodeMetrics: option 'attributes' names '${name}', which no node of the graph has; did you mean '${near}'?`,
  );
}
