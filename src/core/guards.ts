/**
 * Input guards shared by every public function that takes a graph or a dataset: a wrong input
 * (null, a dataset where a graph is expected, a graph where a dataset is expected…) is an
 * {@link InputError} naming the function, what it got and what it expects, instead of a
 * `Cannot read properties of null` from deep inside.
 * @internal
 */
import {
  hasIncidentRecords,
  hasInvolvementRecords,
  incidentCount,
  involvementCount,
} from './dataset-index.js';
import { InputError } from './errors.js';
import { count } from './plural.js';
import type { Dataset } from './types.js';

/** True for an object carrying the three record arrays of a {@link Dataset}. */
export function isDatasetLike(v: unknown): v is Dataset {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<Dataset>;
  return hasIncidentRecords(d) && hasInvolvementRecords(d) && Array.isArray(d.people);
}

/** True for a graphology graph (duck-typed, so any graphology build or subclass qualifies). */
export function isGraphLike(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const g = v as { forEachNode?: unknown; order?: unknown; type?: unknown; nodes?: unknown };
  return (
    typeof g.forEachNode === 'function' &&
    typeof g.nodes === 'function' &&
    typeof g.order === 'number' &&
    typeof g.type === 'string'
  );
}

/** True for a CSR snapshot (`toCsr`, `csrFromArrays`). */
export function isCsrLike(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as { offsets?: unknown; targets?: unknown };
  return c.offsets instanceof Int32Array && c.targets instanceof Int32Array;
}

/** A short description of what a function was given, for error messages. */
export function describeInput(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (isDatasetLike(v)) {
    return `a dataset (${count(incidentCount(v), 'incident')}, ${count(involvementCount(v), 'involvement')}, ${count(v.people.length, 'person', 'people')})`;
  }
  if (isGraphLike(v)) {
    const g = v as { type: string; order: number; size?: number };
    return `${/^[aeiou]/.test(g.type) ? 'an' : 'a'} ${g.type} graphology graph (${count(g.order, 'node')}${typeof g.size === 'number' ? `, ${count(g.size, 'edge')}` : ''})`;
  }
  if (isCsrLike(v)) return 'a Csr snapshot';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') {
    if (isDatasetLike((v as { data?: unknown }).data))
      return 'an object holding a dataset in `data`';
    const keys = Object.keys(v as object);
    return keys.length
      ? `an object with ${keys
          .slice(0, 5)
          .map((k) => `'${k}'`)
          .join(', ')}${keys.length > 5 ? ', …' : ''}`
      : 'an empty object';
  }
  return `${typeof v} ${String(v)}`;
}

/** True for a fitted risk model (`fitNetworkHawkes`, `exposureRiskModel`): a name and `risk`. */
function isModelLike(v: unknown): v is { name: string } {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as { name?: unknown; risk?: unknown };
  return typeof m.name === 'string' && typeof m.risk === 'function';
}

function hint(v: unknown, expects: 'graph' | 'dataset'): string {
  if (expects === 'graph' && isDatasetLike(v)) {
    return ' Build a network from the dataset first, e.g. coOffendingGraph(data).';
  }
  if (expects === 'dataset' && typeof v === 'object' && v !== null) {
    if (isDatasetLike((v as { data?: unknown }).data)) return ' Pass its `data` (e.g. city.data).';
    if (isGraphLike(v)) return ' Pass the dataset the graph was built from.';
  }
  return '';
}

/**
 * The message of a dataset expected and `data` given (`fn` named first). A fitted model is named
 * here, not in {@link describeInput}, so that the graph measures' bundles do not carry it.
 */
export function datasetExpected(fn: string, data: unknown): string {
  const instead = fn.startsWith('hawkesInference')
    ? "Pass the dataset the model was fitted to: it refits the records itself (give the fit's options as `fit`)."
    : fn.startsWith('fit')
      ? 'Pass the records to fit: a fitted model is what it returns.'
      : 'Pass the dataset the model was fitted to (and the model as the `model` option, where one is taken).';
  const got = isModelLike(data)
    ? `a fitted model ('${data.name}'). ${instead}`
    : `${describeInput(data)}.${hint(data, 'dataset')}`;
  return `${fn}: expected a dataset (incidents, involvements and people arrays, e.g. from ingest or synthCity), got ${got}`;
}

/**
 * Throws unless `data` is a dataset (`incidents`, `involvements` and `people` arrays).
 * @throws {InputError} naming `fn`, what it got and what it expects.
 */
export function checkDataset(fn: string, data: unknown): asserts data is Dataset {
  if (isDatasetLike(data)) return;
  throw new InputError(fn, datasetExpected(fn, data));
}

/**
 * Throws unless `data` is a dataset or a dataset index (`indexDataset`).
 * @throws {InputError} naming `fn`, what it got and what it expects.
 */
export function checkDatasetOrIndex(fn: string, data: unknown): void {
  if (typeof data === 'object' && data !== null && 'personIds' in data && 'day' in data) return;
  checkDataset(fn, data);
}

/**
 * Throws unless `graph` is a graphology graph (or, when `csr` is true, a Csr snapshot).
 * @throws {InputError} naming `fn`, what it got and what it expects.
 */
export function checkGraph(fn: string, graph: unknown, csr = true): void {
  if (isGraphLike(graph) || (csr && isCsrLike(graph))) return;
  throw new InputError(
    fn,
    `${fn}: expected a graphology graph${csr ? ' or a Csr snapshot (toCsr)' : ''}, got ${describeInput(graph)}.${hint(graph, 'graph')}`,
  );
}

/**
 * How a graphology graph's edges behave: its `type`, except that a `mixed` graph (graphology's
 * default `new Graph()`) whose edges are all undirected, or all directed, counts as that kind.
 * @throws {InputError} for a mixed graph holding both kinds of edge.
 */
export function effectiveGraphType(fn: string, graph: unknown): 'directed' | 'undirected' {
  const g = graph as { type: string; directedSize?: number; undirectedSize?: number };
  if (g.type === 'directed' || g.type === 'undirected') return g.type;
  const d = g.directedSize ?? 0;
  const u = g.undirectedSize ?? 0;
  if (d > 0 && u > 0) {
    throw new InputError(
      fn,
      `${fn}: expected a directed or an undirected graph, got a mixed graphology graph with ${d} directed and ${u} undirected edges. Build it as new UndirectedGraph() or new DirectedGraph(), or keep one kind of edge.`,
    );
  }
  return d > 0 ? 'directed' : 'undirected';
}
