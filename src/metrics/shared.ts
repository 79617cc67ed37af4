import type { AbstractGraph, Attributes } from 'graphology-types';
import { InputError, OptionError } from '../core/errors.js';
import { checkGraph, effectiveGraphType } from '../core/guards.js';
import { checkOptions, nearId, type OptionRules, rule } from '../core/options.js';
import { createRng } from '../core/rng.js';
import { assertTiesMatch, type Csr, type EdgeWeightOption, snapshotFor } from '../graph/csr.js';

/**
 * What every measure accepts: a graphology graph (a compact snapshot is built on the fly) or a
 * {@link Csr} snapshot built once with `toCsr` and reused across measures (much faster at scale).
 */
export type GraphInput = AbstractGraph | Csr;

/**
 * How tie strengths become path lengths for shortest-path measures (betweenness, closeness,
 * harmonic). Co-offence counts and decayed weights are strengths (more = closer), so the default
 * `'inverse'` uses 1/w; `'identity'` reads the weight as a distance already (networkx's and
 * graphology's reading of `weight`); a function maps a strength to a positive distance. A tie
 * whose length is not positive and finite (a strength of 0 under `'inverse'`, a weight of 0 under
 * `'identity'`) is refused with an `InputError` naming the measure and the tie.
 */
export type DistanceTransform = 'inverse' | 'identity' | ((strength: number) => number);

/** Options shared by measures that can read tie weights. */
export interface WeightOptions {
  /**
   * Tie strength: an edge attribute name, a function of the edge attributes, or `null` for
   * unweighted. With a {@link Csr} input, any non-null value means "use the snapshot's weights".
   * Each measure documents its default.
   */
  weight?: EdgeWeightOption;
}

/** Options of the `assign` variants. */
export interface AssignOptions {
  /** Node attribute to write. Each measure documents its default. */
  attribute?: string;
}

/** A seeded random source: either a seed or a function returning uniforms in [0, 1). */
export interface RandomOptions {
  /**
   * Seed of the generator (xoroshiro128+): a whole number (another is an `OptionError`: 1.5 drew
   * what 1 draws). Default 1. Ignored when `rng` is given.
   */
  seed?: number;
  /** Uniform random numbers in [0, 1), e.g. from a seeded generator of your own. */
  rng?: () => number;
}

/** True when `x` is a CSR snapshot rather than a graphology graph. */
export function isCsr(x: unknown): x is Csr {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as Csr).offsets instanceof Int32Array &&
    (x as Csr).targets instanceof Int32Array
  );
}

/**
 * The snapshot a measure runs on. For a graph, `weight` picks the edge weight (`undefined` →
 * `fallback`); for a snapshot, `weight: null` drops its weights and anything else keeps them.
 * A snapshot whose weights are kept and that is read as undirected must list each tie from both
 * ends with one weight: one built by hand is checked (an `InputError` from `fn` names the tie and
 * its two weights), one the library built is not.
 */
export function resolveCsr(
  input: GraphInput,
  weight: EdgeWeightOption | undefined,
  fallback: EdgeWeightOption,
  fn?: string,
): Csr {
  const w = weight === undefined ? fallback : weight;
  if (isCsr(input)) {
    if (w === null && input.weights) return unweightedView(input);
    assertTiesMatch(input, fn ?? 'a weighted measure');
    return input;
  }
  if (w === null)
    return snapshotFor(fn ?? 'toCsr', input as AbstractGraph<Attributes, Attributes>, {
      weight: null,
    });
  if (typeof w === 'string' && weight === undefined) {
    // A default attribute is used only when edges carry it.
    let any = false;
    input.someEdge((_e, a) => (any = a[w] !== undefined));
    if (!any)
      return snapshotFor(fn ?? 'toCsr', input as AbstractGraph<Attributes, Attributes>, {
        weight: null,
      });
  }
  return snapshotFor(fn ?? 'toCsr', input as AbstractGraph<Attributes, Attributes>, { weight: w });
}

/**
 * The snapshot without its weights, sharing its arrays. Its id → number map is the snapshot's
 * own, read when first used: copying the snapshot with a spread would read the map's lazy getter,
 * which builds a million-entry Map (about a second at 1M people) that no unweighted measure needs.
 */
function unweightedView(csr: Csr): Csr {
  return {
    n: csr.n,
    m: csr.m,
    directed: csr.directed,
    ids: csr.ids,
    get index() {
      return csr.index;
    },
    offsets: csr.offsets,
    targets: csr.targets,
    weights: null,
    inOffsets: csr.inOffsets,
    inTargets: csr.inTargets,
    inWeights: null,
  };
}

/**
 * Plain `{ id: value }` mapping, filled in the graph's node order (snapshot order for a Csr). A
 * JavaScript object lists integer-like keys ('7', '12') first, in numeric order, whatever the
 * order they were set in: `.values` and `nodeMetrics` keep the graph's order. A node '__proto__'
 * is an own key like any other (assigning it would call the inherited `__proto__` setter, which
 * ignores a number: the node would be missing), through `Object.fromEntries`, slower at scale.
 */
export function toRecord(
  input: GraphInput,
  csr: Csr,
  values: ArrayLike<number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (isCsr(input)) {
    const { n, ids } = csr;
    for (let i = 0; i < n; i++) {
      // (checked here, where the id is read anyway: a pass of its own costs ~20% at 1M; the
      // length first, an inline read, before the string comparison, a call)
      if (ids[i].length === 9 && ids[i] === '__proto__') {
        return Object.fromEntries(Array.from({ length: n }, (_, j) => [ids[j], values[j]]));
      }
      out[ids[i]] = values[i];
    }
  } else {
    if (input.hasNode('__proto__')) {
      return Object.fromEntries(input.mapNodes((id) => [id, values[csr.index.get(id)!]]));
    }
    input.forEachNode((id) => {
      out[id] = values[csr.index.get(id)!];
    });
  }
  return out;
}

/** Values in the graph's node order (snapshot order for a Csr). */
export function toOrdered(input: GraphInput, csr: Csr, values: Float64Array): Float64Array {
  if (isCsr(input)) return values;
  const out = new Float64Array(csr.n);
  let i = 0;
  input.forEachNode((id) => {
    out[i++] = values[csr.index.get(id)!];
  });
  return out;
}

/** Writes `{ id: value }` into a node attribute of a graphology graph. */
export function assignRecord(
  graph: GraphInput,
  attribute: string,
  values: Record<string, unknown>,
  fn = 'assign',
) {
  if (isCsr(graph))
    throw new InputError(
      fn,
      `${fn}: expected a graphology graph to write the '${attribute}' attribute into, got a Csr snapshot (which holds no attributes); pass the graph the snapshot was made from`,
    );
  graph.updateEachNodeAttributes(
    (id, attr) => {
      // Own keys only: `values['__proto__']` of a record without that key is Object.prototype.
      if (Object.hasOwn(values, id)) attr[attribute] = values[id];
      return attr;
    },
    { attributes: [attribute] },
  );
}

/**
 * Edge lengths aligned with `csr.targets` (and with `csr.inTargets`), or `null` when unweighted.
 * Throws an `InputError` from `fn` naming the first tie whose length is not positive and finite
 * (a strength of 0 under `'inverse'` is an infinite length; networkx takes it as one and still
 * counts paths through it): it used to be a `RangeError` naming neither the measure nor the tie.
 */
export function edgeDistances(
  csr: Csr,
  transform: DistanceTransform | undefined,
  fn = 'a shortest-path measure',
): { out: Float64Array; in: Float64Array } | null {
  if (!csr.weights) return null;
  const t = transform ?? 'inverse';
  const map = (w: Float64Array, offsets: Int32Array, targets: Int32Array) => {
    const d = new Float64Array(w.length);
    for (let j = 0; j < w.length; j++) {
      const x = t === 'inverse' ? 1 / w[j] : t === 'identity' ? w[j] : t(w[j]);
      if (!(x > 0) || !Number.isFinite(x)) {
        let u = 0;
        while (offsets[u + 1] <= j) u++;
        const [a, b] = csr.directed && w !== csr.weights ? [targets[j], u] : [u, targets[j]];
        throw new InputError(
          fn,
          `${fn}: the tie ${csr.ids[a]}–${csr.ids[b]} has weight ${w[j]}, which gives distance ${x}; shortest paths need positive finite lengths` +
            (t === 'inverse'
              ? " (with the default distance: 'inverse', strengths must be above 0). Remove the tie, or pass weight: null to count steps"
              : '. Give a distance that maps this weight to a positive finite length, or pass weight: null to count steps.'),
        );
      }
      d[j] = x;
    }
    return d;
  };
  const out = map(csr.weights, csr.offsets, csr.targets);
  const inn =
    csr.directed && csr.inWeights ? map(csr.inWeights, csr.inOffsets, csr.inTargets) : out;
  return { out, in: inn };
}

/**
 * A uniform [0, 1) source from `seed`/`rng` options. A user's `rng` is checked on every draw: one
 * returning 1, a negative number or NaN picked pivot `undefined` ("unknown node 'undefined'") or
 * steered Louvain's shuffle without a word.
 */
export function randomSource(options: RandomOptions, fn = 'a seeded measure'): () => number {
  const { rng } = options;
  if (!rng) return createRng(options.seed ?? 1).random;
  return () => {
    const u = rng();
    if (!(u >= 0 && u < 1)) {
      throw new OptionError(
        fn,
        'rng',
        `${fn}: option 'rng' returned ${u}, expected a number in [0, 1)`,
      );
    }
    return u;
  };
}

/**
 * Node numbers of ids (throws on unknown ids). A number id is read as its text, as graphology
 * keys nodes (`graph.addNode(7)` makes node '7'). An unknown id is an error naming `fn`, the id
 * and the closest id of the graph: an `OptionError` of `option` when the ids are an option's
 * (betweenness's `sources`), else an `InputError` (reach's people).
 */
export function nodeNumbers(
  csr: Csr,
  ids: readonly string[],
  fn: string,
  option?: string,
): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    let v = csr.index.get(ids[i]);
    if (v === undefined && typeof ids[i] === 'number') v = csr.index.get(String(ids[i]));
    if (v === undefined) {
      const id = String(ids[i]);
      const near = nearId(id, csr.ids);
      const message = `${fn}: ${option ? `option '${option}' names ` : ''}unknown node '${id}': not a node of the graph${near ? ` (did you mean '${near}'?)` : ''}; give ids of the graph's nodes`;
      throw option ? new OptionError(fn, option, message) : new InputError(fn, message);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Indexed binary min-heap on typed arrays (decrease-key), for Dijkstra without allocation per
 * source. Keys live in the caller's `dist` array.
 */
export class IndexHeap {
  readonly heap: Int32Array;
  readonly pos: Int32Array;
  size = 0;
  constructor(
    n: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }
  push(v: number) {
    const i = this.size++;
    this.heap[i] = v;
    this.pos[v] = i;
    this.up(i);
  }
  /** Call after `key[v]` decreased. */
  decrease(v: number) {
    this.up(this.pos[v]);
  }
  has(v: number) {
    return this.pos[v] >= 0;
  }
  pop(): number {
    const h = this.heap;
    const top = h[0];
    this.pos[top] = -1;
    const last = h[--this.size];
    if (this.size > 0) {
      h[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }
  private up(i: number) {
    const h = this.heap;
    const k = this.key;
    const v = h[i];
    const kv = k[v];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const u = h[p];
      if (k[u] <= kv) break;
      h[i] = u;
      this.pos[u] = i;
      i = p;
    }
    h[i] = v;
    this.pos[v] = i;
  }
  private down(i: number) {
    const h = this.heap;
    const k = this.key;
    const n = this.size;
    const v = h[i];
    const kv = k[v];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && k[h[c + 1]] < k[h[c]]) c++;
      const u = h[c];
      if (k[u] >= kv) break;
      h[i] = u;
      this.pos[u] = i;
      i = c;
    }
    h[i] = v;
    this.pos[v] = i;
  }
}

/** Connected (weak, for directed snapshots) component labels 0..count−1, in order of discovery. */
export function componentLabels(csr: Csr): { label: Int32Array; count: number } {
  const n = csr.n;
  const label = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const { offsets, targets, inOffsets, inTargets, directed } = csr;
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (label[s] >= 0) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    label[s] = count;
    while (head < tail) {
      const u = queue[head++];
      for (let j = offsets[u], e = offsets[u + 1]; j < e; j++) {
        const v = targets[j];
        if (label[v] < 0) {
          label[v] = count;
          queue[tail++] = v;
        }
      }
      if (directed) {
        for (let j = inOffsets[u], e = inOffsets[u + 1]; j < e; j++) {
          const v = inTargets[j];
          if (label[v] < 0) {
            label[v] = count;
            queue[tail++] = v;
          }
        }
      }
    }
    count++;
  }
  return { label, count };
}

/**
 * The labels of `keys` ordered by decreasing `size[label]`, labels of equal size kept in their
 * order in `keys`: a stable counting sort (the same order as a comparison sort on size, then
 * position in `keys`, without its O(k log k) comparator calls on hundreds of thousands of labels).
 */
export function orderBySize(size: Int32Array, keys: Int32Array): Int32Array {
  let max = 0;
  for (let i = 0; i < keys.length; i++) if (size[keys[i]] > max) max = size[keys[i]];
  // at[s] = first slot of the labels of size s (larger sizes first).
  const at = new Int32Array(max + 2);
  for (let i = 0; i < keys.length; i++) at[max - size[keys[i]] + 1]++;
  for (let s = 1; s <= max + 1; s++) at[s] += at[s - 1];
  const out = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[at[max - size[keys[i]]]++] = keys[i];
  return out;
}

/**
 * The call shape of every per-node measure, as in graphology-metrics: `metric(graph, options)`
 * returns `{ id: value }` (look values up by id: a JavaScript object lists integer-like ids such
 * as '7' first, in numeric order, not in the graph's), `metric.values` returns a `Float64Array` in
 * the graph's node order (the snapshot's order for a {@link Csr}), and `metric.assign` writes a
 * node attribute.
 */
export interface NodeMetric<O> {
  (graph: GraphInput, options?: O): Record<string, number>;
  /** Values in the graph's node order (or the snapshot's), without building an object. */
  values(graph: GraphInput, options?: O): Float64Array;
  /** Writes the values into node attribute `options.attribute`. */
  assign(graph: AbstractGraph, options?: O & AssignOptions): void;
  /** The default of each option (graphology's convention); defaults that depend on the graph are described in the option's documentation. */
  readonly defaults: Readonly<Record<string, unknown>>;
}

/**
 * Checks the arguments of the public measure `fn`: the input is a graphology graph (a mixed one
 * whose edges are all of one kind counts as that kind) or a Csr snapshot, and the options are
 * known and well-typed.
 * @throws {InputError} for anything else than a graph or snapshot, or a graph mixing both kinds
 * of edge.
 * @throws {OptionError} for an unknown or ill-typed option (naming the closest valid one).
 */
export function checkMeasure<O extends object>(
  fn: string,
  input: unknown,
  options: O | undefined,
  rules: OptionRules<O>,
): O {
  checkGraph(fn, input);
  if (!isCsr(input)) effectiveGraphType(fn, input);
  return checkOptions(fn, options, rules);
}

/** What {@link defineNodeMetric} checks: the measure's public name and one rule per option. */
export interface MeasureSpec<O> {
  name: string;
  rules: OptionRules<O>;
  /** Published as `metric.defaults`. */
  defaults?: Readonly<Record<string, unknown>>;
}

/** Builds a {@link NodeMetric} from a kernel that runs on the snapshot. */
export function defineNodeMetric<O extends object>(
  defaultAttribute: string,
  compute: (input: GraphInput, options: O) => { csr: Csr; values: Float64Array },
  spec: MeasureSpec<O>,
): NodeMetric<O> {
  const { name, rules } = spec;
  const metric = ((graph: GraphInput, options?: O) => {
    const o = checkMeasure(name, graph, options, rules);
    const { csr, values } = compute(graph, o);
    return toRecord(graph, csr, values);
  }) as NodeMetric<O>;
  metric.values = (graph, options) => {
    const o = checkMeasure(`${name}.values`, graph, options, rules);
    const { csr, values } = compute(graph, o);
    return toOrdered(graph, csr, values);
  };
  metric.assign = (graph, options) => {
    const fn = `${name}.assign`;
    checkGraph(fn, graph, false);
    const { attribute, ...rest } = (options ?? {}) as O & AssignOptions;
    if (attribute !== undefined && (typeof attribute !== 'string' || attribute === '')) {
      throw new OptionError(
        fn,
        'attribute',
        `${fn}: option 'attribute' must be a non-empty string.`,
      );
    }
    const o = checkMeasure(fn, graph, rest as O, rules);
    assignRecord(graph, attribute ?? defaultAttribute, metric(graph, o), fn);
  };
  (metric as { defaults: Readonly<Record<string, unknown>> }).defaults = Object.freeze({
    ...(spec.defaults ?? {}),
  });
  return metric;
}

/** The `weight` option's rule: an attribute name, a function of the edge, or `null`. */
export { weightRule } from '../graph/csr.js';

/** The `distance` option's rule (see {@link DistanceTransform}). */
export const distanceRule = rule.or(rule.oneOf(['inverse', 'identity']), rule.func);

/** Rules of {@link RandomOptions}. */
// A seed that is not a whole number (1.5) drew what its whole part draws (the generator takes
// `seed | 0`): seeds 1, 1.1 and 1.9 gave one result, which looked like stability.
export const randomRules = { seed: rule.number({ integer: true }), rng: rule.func } as const;

/**
 * How a graph in which no two people are tied by a weight above 0 lacks ties, for a measure's
 * refusal: "the graph's 3 people have no ties", "… have no ties to one another of weight above 0"
 * (ties of weight 0), or, when people have ties to themselves (self-loops, which `csrFromArrays`
 * keeps), "… have no ties to one another, only ties to themselves (2 of them have a self-loop),
 * which tie no one to anyone": the ties are there but connect no one. `looped`: how many people
 * have a self-loop of weight above 0 (a loop of weight 0 is read as a tie of weight 0, as
 * networkx reads it: its laplacian_centrality says "no edges", its eigenvector_centrality gives
 * its starting vector). O(ties).
 * @internal
 */
export function noTiesClause(csr: Csr): { clause: string; looped: number } {
  const { n, offsets, targets, weights } = csr;
  let looped = 0;
  let others = false;
  let zeroLoops = false;
  for (let u = 0; u < n; u++) {
    let loop = false;
    for (let j = offsets[u]; j < offsets[u + 1]; j++)
      if (targets[j] !== u) others = true;
      // A loop of weight 0 is no loop in the measure (networkx: "no edges", 1/√n each), but a
      // tie of weight 0; unweighted (weights null) every loop counts, as networkx's weight=None.
      else if (weights && weights[j] === 0) zeroLoops = true;
      else loop = true;
    if (loop) looped++;
  }
  const who = `the graph's ${n} ${n === 1 ? 'person has' : 'people have'}`;
  const weight = others ? ' of weight above 0' : '';
  if (looped === 0)
    return {
      clause: `${who} no ties${others ? ` to one another${weight}` : zeroLoops ? ' of weight above 0' : ''}`,
      looped,
    };
  const above = zeroLoops ? ' of weight above 0' : '';
  if (n === 1)
    return {
      clause: `${who} a tie to themselves only (a self-loop), which ties them to no one`,
      looped,
    };
  const loops =
    looped === n
      ? `each has a self-loop${above}`
      : `${looped} of them ${looped === 1 ? 'has' : 'have'} a self-loop${above}`;
  return {
    clause: `${who} no ties to one another${weight}, only ties to themselves (${loops}), which tie no one to anyone`,
    looped,
  };
}

/**
 * Throws an `InputError` from `fn` when the snapshot is directed: the measure reads ties without
 * direction (a `TypeError` without the measure's name or the way out, before).
 * @internal
 */
export function refuseDirected(csr: Csr, fn: string): void {
  if (csr.directed) {
    throw new InputError(
      fn,
      `${fn}: needs an undirected graph, got a directed one; pass an undirected copy (toUndirected from graphology-operators, or csrFromArrays without directed: true).`,
    );
  }
}

/**
 * Throws an `InputError` from `fn` naming the first tie whose weight is below 0: measures that read
 * weights as strengths (PageRank, eigenvector, Louvain, modularity) give meaningless values on
 * them (networkx returns a negative PageRank). O(ties), and only when the snapshot has weights.
 * @internal
 */
export function refuseNegativeWeights(csr: Csr, fn: string): void {
  const w = csr.weights;
  if (!w) return;
  for (let j = 0; j < w.length; j++) {
    if (w[j] < 0) {
      let u = 0;
      while (csr.offsets[u + 1] <= j) u++;
      throw new InputError(
        fn,
        `${fn}: the tie ${csr.ids[u]}–${csr.ids[csr.targets[j]]} has weight ${w[j]}; tie weights are strengths and must be 0 or more`,
      );
    }
  }
}
