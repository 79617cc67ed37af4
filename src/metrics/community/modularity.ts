import { OptionError } from '../../core/errors.js';
import { rule } from '../../core/options.js';
import { count } from '../../core/plural.js';
import type { EdgeWeightOption } from '../../graph/csr.js';
import {
  checkMeasure,
  type GraphInput,
  isCsr,
  refuseDirected,
  refuseNegativeWeights,
  resolveCsr,
  weightRule,
} from '../shared.js';

/** Options of {@link modularity}. */
export interface ModularityOptions {
  /**
   * The partition: `{ id: community }` (e.g. from {@link louvain}), or the name of a node
   * attribute holding it. Default `'community'` (the attribute `louvain.assign` writes). A
   * record must give every person of the graph a community and name nobody else (an
   * `OptionError` otherwise, as networkx's `NotAPartition`); so must an attribute (a `Csr`
   * snapshot carries none: give a record).
   */
  communities?: Record<string, string | number> | string;
  /** Tie strength (attribute, function or `null`). Default `'weight'` when edges have it. */
  weight?: EdgeWeightOption;
  /** Resolution γ. Default `1`. */
  resolution?: number;
}

const DEFAULTS = { communities: 'community', weight: 'weight', resolution: 1 } as const;

/**
 * Newman–Girvan modularity of a partition, Q = Σ_c [L_c/m − γ (d_c/2m)²], as networkx's
 * `modularity` (L_c: weight inside c; d_c: total strength of c; m: total weight). Undirected.
 * A graph without ties, or whose ties all weigh 0 (m = 0, Q = 0/0), gives 0: networkx raises
 * `ZeroDivisionError` there and igraph gives NaN.
 *
 * @example
 * modularity(graph, { communities: louvain(graph) }); // 0.41…
 * modularity(graph, { communities: 'club', weight: null }); // from a node attribute
 */
export function modularity(graph: GraphInput, options?: ModularityOptions): number {
  options = checkMeasure('modularity', graph, options, {
    communities: rule.or(rule.string(true), rule.record(rule.or(rule.string(), rule.number()))),
    weight: weightRule,
    resolution: rule.number({ above: 0 }),
  });
  const csr = resolveCsr(graph, options.weight, DEFAULTS.weight, 'modularity');
  refuseNegativeWeights(csr, 'modularity');
  refuseDirected(csr, 'modularity');
  const gamma = options.resolution ?? DEFAULTS.resolution;
  const spec = options.communities ?? DEFAULTS.communities;
  const labelOf = new Map<string | number, number>();
  const label = new Int32Array(csr.n);
  const refuse = (what: string): never => {
    throw new OptionError(
      'modularity',
      'communities',
      `modularity: option 'communities' ${what}; give exactly one community to each person of the graph`,
    );
  };
  if (typeof spec !== 'string') {
    // networkx refuses such a partition (NotAPartition): Q would be of another partition.
    const stray = Object.keys(spec).filter((id) => !csr.index.has(id));
    if (stray.length > 0) {
      const shown = stray.slice(0, 3).map((id) => `'${id}'`);
      if (stray.length > 3) shown.push('…');
      refuse(`names ${count(stray.length, 'id')} not in the graph (${shown.join(', ')})`);
    }
  }
  const read = (id: string): string | number => {
    if (typeof spec !== 'string') {
      const c = spec[id];
      if (c === undefined) refuse(`gives no community for '${id}'`);
      return c;
    }
    if (isCsr(graph))
      return refuse(
        `names a node attribute ('${spec}'), which a Csr snapshot does not carry: pass the partition as { id: community } (e.g. from louvain)`,
      );
    const c = graph.getNodeAttribute(id, spec);
    if (c === undefined)
      refuse(
        `names the node attribute '${spec}', which '${id}' does not have (louvain.assign writes 'community')`,
      );
    return c;
  };
  for (let i = 0; i < csr.n; i++) {
    const c = read(csr.ids[i]);
    let l = labelOf.get(c);
    if (l === undefined) labelOf.set(c, (l = labelOf.size));
    label[i] = l;
  }
  const inside = new Float64Array(labelOf.size);
  const total = new Float64Array(labelOf.size);
  const { offsets, targets, weights } = csr;
  // Q does not change when every weight is divided by one constant: divided by the largest, the
  // sums stay finite (weights near 1e308 summed to Infinity and Q was NaN).
  let top = 0;
  if (weights) for (let j = 0; j < offsets[csr.n]; j++) top = Math.max(top, Math.abs(weights[j]));
  let m2 = 0;
  for (let u = 0; u < csr.n; u++) {
    const cu = label[u];
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const w = weights ? (top > 0 ? weights[j] / top : 0) : 1;
      m2 += w;
      total[cu] += w;
      if (label[targets[j]] === cu) inside[cu] += w;
    }
  }
  if (m2 === 0) return 0;
  let q = 0;
  for (let c = 0; c < inside.length; c++) q += inside[c] / m2 - gamma * (total[c] / m2) ** 2;
  return q;
}

/** The default of each option. */
modularity.defaults = DEFAULTS;
