import type { AbstractGraph } from 'graphology-types';
import { InputError } from '../../core/errors.js';
import { checkGraph } from '../../core/guards.js';
import { checkOptions, nearId, rule } from '../../core/options.js';
import { refuseGraphologyKeys, takenKeysIn } from '../../graph/graphology-keys.js';

/** Options of {@link egoNetwork}. */
export interface EgoNetworkOptions {
  /** How many steps out from the person to include. Default `1`. */
  radius?: number;
  /** Keep the person themself. Default `true` (as networkx's `ego_graph`). */
  center?: boolean;
  /** Node attribute to hold each person's distance (steps) from the centre, or `null`. Default `null`. */
  distanceAttribute?: string | null;
}

const DEFAULTS = { radius: 1, center: true, distanceAttribute: null } as const;

/**
 * The ego network of a person: everyone within `radius` steps (ties followed in either direction
 * on directed graphs), with every tie among them and copies of their attributes, as a new graph
 * of the same type (graphology's `nullCopy`). The input graph is not changed. A person given as
 * a number (an id column typed as numbers) is its text, as graphology keys it. A graph holding a
 * node named like an `Object.prototype` property (`'__proto__'`, `'constructor'`, …) is refused
 * (`InputError`): graphology cannot list the ties of its neighbours. A person not in the graph is
 * an `InputError` naming the closest id (`egoNetwork: unknown node 'carla': not a node of the
 * graph (did you mean 'carl'?); …`).
 *
 * @example
 * const ego = egoNetwork(graph, 'P123', { radius: 2 });
 * ego.order; // people within two steps, the person included
 */
export function egoNetwork<G extends AbstractGraph>(
  graph: G,
  person: string,
  options?: EgoNetworkOptions,
): G {
  checkGraph('egoNetwork', graph, false);
  if (typeof person !== 'string' && typeof person !== 'number') {
    throw new InputError(
      'egoNetwork',
      `egoNetwork: expected a person id as second argument, got ${typeof person}.`,
    );
  }
  options = checkOptions('egoNetwork', options, {
    radius: rule.number({ min: 0, integer: true }),
    center: rule.boolean,
    distanceAttribute: rule.or(rule.string(true), (v) => (v === null ? undefined : 'null')),
  });
  // graphology keys nodes by text: a number id (as read from a typed column) is that text. Kept a
  // number, the centre was not found among the ties' ends, and its ties were left out.
  person = String(person);
  if (!graph.hasNode(person)) {
    // As reach and betweenness's sources name an unknown id (it was a RangeError without the
    // closest id).
    const near = nearId(person, graph.nodes());
    throw new InputError(
      'egoNetwork',
      `egoNetwork: unknown node '${person}': not a node of the graph${near ? ` (did you mean '${near}'?)` : ''}; give the id of one of the graph's nodes`,
    );
  }
  // graphology's neighbour iteration fails on them (TypeError reading 'key', from its internals).
  refuseGraphologyKeys('egoNetwork', 'person ids', takenKeysIn(graph));
  const radius = options.radius ?? DEFAULTS.radius;
  const distAttr = options.distanceAttribute ?? DEFAULTS.distanceAttribute;
  const dist = new Map<string, number>([[person, 0]]);
  let frontier = [person];
  for (let d = 1; d <= radius && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      graph.forEachNeighbor(u, (v) => {
        if (!dist.has(v)) {
          dist.set(v, d);
          next.push(v);
        }
      });
    }
    frontier = next;
  }
  if (!(options.center ?? DEFAULTS.center)) dist.delete(person);
  const sub = graph.nullCopy() as G;
  for (const [id, d] of dist) {
    const attr = { ...graph.getNodeAttributes(id) };
    if (distAttr) (attr as Record<string, unknown>)[distAttr] = d;
    sub.addNode(id, attr);
  }
  for (const id of dist.keys()) {
    graph.forEachEdge(id, (e, attr, s, t, _sa, _ta, undirected) => {
      if (!dist.has(s) || !dist.has(t) || sub.hasEdge(e)) return;
      if (undirected) sub.addUndirectedEdgeWithKey(e, s, t, { ...attr });
      else sub.addDirectedEdgeWithKey(e, s, t, { ...attr });
    });
  }
  return sub;
}

/** The default of each option. */
egoNetwork.defaults = DEFAULTS;
