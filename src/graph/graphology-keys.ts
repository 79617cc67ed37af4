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
