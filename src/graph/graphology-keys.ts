import type { AbstractGraph, Attributes } from 'graphology-types';
import { InputError } from '../core/errors.js';

/**
 * Names graphology cannot take as node keys: it keeps each node's neighbours in a plain object,
 * where `Object.prototype`'s own names (`constructor`, `toString`, `__proto__`, …) are already
 * taken, so a tie to such a node is refused as "already exists" (or, with `mergeEdge`, silently
 * not added). graphology 0.26.0; the snapshot (`Csr`) path holds any id.
 */
const TAKEN = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The node keys of `graph` that graphology's neighbour objects cannot hold (up to a dozen
 * `hasNode` look-ups): its per-node iteration (neighbours, a node's edges) throws a TypeError
 * reading 'key' on their neighbours.
 * @internal
 */
export function takenKeysIn(graph: { hasNode(k: string): boolean }): string[] {
  return [...TAKEN].filter((k) => graph.hasNode(k));
}

/**
 * Refuses, before a graphology graph is built, node keys its neighbour objects cannot hold,
 * naming them (up to 5) and what to do. `what` names the keys (`'person ids'`, `'incident ids'`).
 * @internal
 */
export function refuseGraphologyKeys(fn: string, what: string, keys: Iterable<string>): void {
  let bad: string[] | undefined;
  for (const k of keys) if (TAKEN.has(k)) (bad ??= []).includes(k) || bad.push(k);
  if (!bad) return;
  const named = bad
    .slice(0, 5)
    .map((k) => `'${k}'`)
    .join(', ');
  throw new InputError(
    fn,
    `${fn}: the ${what} ${named}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''} cannot be node keys of a graphology graph: graphology keeps each node's neighbours in a plain object, where JavaScript's Object.prototype already holds these names, so ties to them would be lost. Rename them in the source data${what.startsWith('person') ? ", or ingest with pseudonymise; the measures on a snapshot (csrFromArrays with coOffendingEdges' arrays) take any id" : ''}.`,
  );
}

/**
 * Adds the tie `source`–`target` (`source` → `target` when `directed`) under `key`, or, when an
 * edge already holds that key, under the first free one of `key#2`, `key#3`, …: keys made by
 * joining two ids (`'a--b'` with `'c'`, and `'a'` with `'b--c'`, both give `'a--b--c'`) can name
 * two different ties, and graphology threw "the edge already exists" on the second, naming
 * neither the tie nor the ids. The usual key costs nothing more: the fallback runs after a refusal.
 * @internal
 */
export function addEdgeWithFreeKey<A extends Attributes>(
  graph: AbstractGraph<Attributes, A>,
  key: string,
  source: string,
  target: string,
  attributes: A,
  directed: boolean,
): string {
  const add = (k: string) =>
    directed
      ? graph.addDirectedEdgeWithKey(k, source, target, attributes)
      : graph.addUndirectedEdgeWithKey(k, source, target, attributes);
  try {
    add(key);
    return key;
  } catch (e) {
    if (!graph.hasEdge(key)) throw e;
  }
  let i = 2;
  while (graph.hasEdge(`${key}#${i}`)) i++;
  add(`${key}#${i}`);
  return `${key}#${i}`;
}
