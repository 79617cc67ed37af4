import type { AbstractGraph, Attributes } from 'graphology-types';
import { InputError, OptionError } from '../core/errors.js';
import { checkGraph, effectiveGraphType } from '../core/guards.js';
import { checkOptions, closestName, type OptionRules, rule } from '../core/options.js';

/**
 * A compact snapshot of a graph for heavy algorithms (compressed sparse rows).
 * Node u's neighbours are `targets[offsets[u] .. offsets[u+1])` with matching `weights`.
 * Undirected ties appear once in each direction. Node numbers map to ids through `ids`/`index`.
 *
 * Treat a snapshot's arrays as read-only: measures trust the lists that `toCsr`/`csrFromArrays`
 * built (each undirected tie listed from both ends with one weight) without checking them again,
 * and do not notice in-place edits. A snapshot assembled by hand, or from new arrays, is checked.
 */
export interface Csr {
  /** Number of nodes. */
  readonly n: number;
  /** Number of edges (undirected ties counted once; for directed graphs, arcs). */
  readonly m: number;
  readonly directed: boolean;
  /** Node ids by node number, each once (a record by id keeps one value of an id given twice). */
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Out-adjacency (all adjacency when undirected): length n+1. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Tie weights aligned with `targets` (a strength unless said otherwise), or `null` when unweighted. */
  readonly weights: Float64Array | null;
  /** In-adjacency of a directed graph (same layout); equal to the out-adjacency when undirected. */
  readonly inOffsets: Int32Array;
  readonly inTargets: Int32Array;
  readonly inWeights: Float64Array | null;
}

/**
 * The `asOf` attribute of the graph a {@link toCsr} snapshot was made from (an ISO date, or null:
 * the end of the records), by the snapshot's `targets`: the snapshot's ties are the graph's, so
 * they hold records up to that date, and a measure as of an earlier date refuses it as it
 * refuses the graph. Snapshots of graphs without the attribute (and `csrFromArrays` output) have
 * none.
 */
const SNAPSHOT_AS_OF: WeakMap<Int32Array, unknown> = new WeakMap();

/**
 * The `asOf` attribute of the graph `csr` was made from by {@link toCsr} (`undefined` when that
 * graph had none, or `csr` was not made by it). @internal
 */
export function snapshotAsOf(csr: Csr): unknown {
  return SNAPSHOT_AS_OF.get(csr.targets);
}

/**
 * Tie lists that {@link csrFromArrays} built for an undirected snapshot, by their `targets`: each
 * tie listed once from each end with one weight, by construction. The mark holds the `offsets`
 * and `weights` built with them, since the lists are the three together: a snapshot that reuses
 * these `targets` with other offsets (or weights) is not one the library built, and is checked.
 * In-place edits of the arrays are not noticed (typed arrays cannot be frozen).
 */
const LISTED_BOTH_WAYS: WeakMap<Int32Array, { offsets: Int32Array; weights: Float64Array | null }> =
  new WeakMap();

/**
 * Whether tie lists (by their `targets`, with the `offsets` they were read with) list some tie
 * twice: known without a look for snapshots of graphology graphs that are not multi graphs, and
 * for `csrFromArrays` input whose pairs come in strictly increasing order (`coOffendingEdges`).
 */
const PARALLEL: WeakMap<Int32Array, { offsets: Int32Array; parallel: boolean }> = new WeakMap();

/**
 * True when `csr` lists some tie more than once (parallel ties: a graphology multi graph's, or a
 * pair repeated in `csrFromArrays`' input, or in a snapshot made by hand); measures that read the
 * adjacency matrix sum them, structural ones count them once. O(1) for the library's snapshots of
 * simple graphs and sorted edge lists; else one O(n + ties) look, kept for the snapshot.
 * @internal
 */
export function hasParallelTies(csr: Csr): boolean {
  const known = PARALLEL.get(csr.targets);
  if (known && known.offsets === csr.offsets) return known.parallel;
  const { n, offsets, targets } = csr;
  const seen = new Int32Array(n);
  let parallel = false;
  for (let u = 0; u < n && !parallel; u++)
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      if (seen[targets[j]] === u + 1) {
        parallel = true;
        break;
      }
      seen[targets[j]] = u + 1;
    }
  PARALLEL.set(targets, { offsets, parallel });
  return parallel;
}

/**
 * True when `csr`'s tie lists are ones {@link csrFromArrays} built undirected (each tie listed
 * from both ends; with `weights`, each listing of a tie with the same weight, and in-weights that
 * are the weights), so kernels that rely on that can skip checking it. An O(1) look-up.
 * @internal
 */
export function builtListedBothWays(csr: Csr, weights = false): boolean {
  const built = LISTED_BOTH_WAYS.get(csr.targets);
  return (
    built !== undefined &&
    built.offsets === csr.offsets &&
    csr.offsets.length === csr.n + 1 &&
    (!weights || (built.weights === csr.weights && csr.inWeights === csr.weights))
  );
}

/**
 * Id arrays known to hold no id twice: those of the library's snapshots (checked as they were
 * built) and hand-made snapshots' once checked. O(1) for them after.
 */
const DISTINCT_IDS: WeakSet<readonly string[]> = new WeakSet();

/**
 * Refuses ids that name one node twice (an InputError from `fn`: `{ id: value }` records kept
 * one of the two values, `nodeMetrics` gave two rows). Ids in ascending order (a dataset index's,
 * `coOffendingEdges`') are distinct as read: one comparison each, ~10 ms at 1M; others go into a
 * Set (~0.3 s at 1M). Checked arrays are remembered.
 * @internal
 */
export function refuseRepeatedIds(fn: string, ids: readonly string[]): void {
  if (!DISTINCT_IDS.has(ids) && !ids.every((id, k) => !k || ids[k - 1] < id)) {
    const seen = new Set<string>();
    ids.forEach((id, k) => {
      if (seen.has(id))
        throw new InputError(
          fn,
          `${fn}: ids[${ids.indexOf(id)}] and ids[${k}] are both '${id}'; each node needs an id of its own`,
        );
      seen.add(id);
    });
  }
  DISTINCT_IDS.add(ids);
}

/**
 * Refuses an `index` option of {@link csrFromArrays} that is not the map of `ids` to their
 * positions (`ids[k] → k`, every id once): it became the snapshot's `index`, so a wrong one sent
 * every look-up by id to another person. One pass over its entries with a typed array, no
 * look-ups (~30 ms at 1M ids); a `Map` holds each key once, so the ids are then distinct too
 * (another map-like's ids are checked as {@link refuseRepeatedIds} does).
 * @internal
 */
export function checkIndexOption(ids: readonly string[], index: unknown): void {
  const n = ids.length;
  const fail = (
    what: string,
    fix = 'give the map of each id to its position in ids (ids[k] → k)',
  ) => {
    throw new OptionError(
      'csrFromArrays',
      'index',
      `csrFromArrays: option 'index' ${what}; ${fix}, or leave index out`,
    );
  };
  const map = index as ReadonlyMap<unknown, unknown>;
  if (
    typeof map !== 'object' ||
    map === null ||
    typeof map.size !== 'number' ||
    typeof map.get !== 'function' ||
    typeof map[Symbol.iterator] !== 'function'
  )
    fail(...notAMap(index));
  const seen = new Uint8Array(n);
  for (const [id, k] of map) {
    if (typeof k !== 'number' || !(k >= 0 && k < n && k % 1 === 0))
      fail(
        `maps '${String(id)}' to ${typeof k === 'string' ? `'${k}'` : String(k)}, ${n > 0 ? `not a position 0 to ${n - 1} in ids` : 'and ids is empty'}`,
      );
    const at = k as number;
    if (ids[at] !== id) fail(`maps '${String(id)}' to ${at}, where ids[${at}] is '${ids[at]}'`);
    if (seen[at]) fail(`maps '${String(id)}' to ${at} twice`);
    seen[at] = 1;
  }
  if (map.size !== n) {
    // Every entry it lists is right, so an id is given twice in ids (refused as without an
    // index), or missing from it.
    refuseRepeatedIds('csrFromArrays', ids);
    const k = seen.indexOf(0);
    fail(
      `has ${map.size} entries for ${n} ids${k >= 0 ? `: ids[${k}] '${ids[k]}' is not in it` : ''}`,
    );
  }
  if (!(index instanceof Map)) refuseRepeatedIds('csrFromArrays', ids);
}

/**
 * What a value given as `index` is, and how to make the Map from it: a plain object (the usual
 * slip, `{ a: 0, b: 1 }`, read "got object") is `new Map(Object.entries(index))`, an array of
 * `[id, position]` pairs `new Map(index)`.
 */
function notAMap(index: unknown): [string, string?] {
  const made = (how: string) => `make the Map of each id to its position in ids with ${how}`;
  if (index === null) return ['must be a Map, got null'];
  if (Array.isArray(index))
    return index.length > 0 && index.every((e) => Array.isArray(e) && e.length === 2)
      ? ['must be a Map, got an array of [id, position] pairs', made('new Map(index)')]
      : ['must be a Map, got an array', made('new Map(ids.map((id, k) => [id, k]))')];
  if (typeof index === 'function') return ['must be a Map, got a function'];
  if (typeof index !== 'object')
    return [`must be a Map, got a ${typeof index} (${JSON.stringify(index) ?? String(index)})`];
  const proto = Object.getPrototypeOf(index);
  if (proto === null || proto === Object.prototype)
    return ['must be a Map, got a plain object', made('new Map(Object.entries(index))')];
  return [`must be a Map, got a ${proto.constructor?.name ?? 'object'}`];
}

/** The id → node number map, built on first use (a million-entry Map costs about a second). */
function withLazyIndex<T extends Omit<Csr, 'index'>>(
  csr: T,
  prebuilt?: Map<string, number>,
): T & Csr {
  let index = prebuilt;
  DISTINCT_IDS.add(csr.ids);
  return Object.defineProperty(csr, 'index', {
    enumerable: true,
    get() {
      if (!index) {
        index = new Map();
        for (let i = 0; i < csr.ids.length; i++) index.set(csr.ids[i], i);
      }
      return index;
    },
  }) as T & Csr;
}

/** How to read a tie's weight: an attribute name, a function of the edge attributes, or `null`. */
export type EdgeWeightOption<A extends Attributes = Attributes> =
  | string
  | null
  | ((attributes: A, source: string, target: string) => number);

/** Options of {@link toCsr}. */
export interface ToCsrOptions<A extends Attributes = Attributes> {
  /** Edge weight to copy into the snapshot. Default `'weight'` if edges have it, else unweighted. */
  weight?: EdgeWeightOption<A>;
  /**
   * Node numbering: `'bfs'` lays nodes out in breadth-first order (much better memory locality on
   * large sparse graphs), `'graph'` keeps the graph's node order. Default `'bfs'`.
   */
  order?: 'bfs' | 'graph';
}

/** An edge weight option: an attribute name, a function of the edge, or `null` (unweighted). */
export const weightRule = rule.or(rule.string(true), rule.func, (v) =>
  v === null ? undefined : 'null',
);

const TO_CSR_RULES: OptionRules<ToCsrOptions> = {
  weight: weightRule,
  order: rule.oneOf(['bfs', 'graph']),
};

/**
 * Builds the compact CSR snapshot of a graphology graph: build it once per graph and pass it to
 * heavy algorithms. Parallel edges are kept as separate entries (their weights are not summed).
 * Self-loops are dropped. A weight attribute holding a number as text (`'2'`) is read as that
 * number; one holding null, empty text, a boolean, other text, NaN or ±Infinity is refused
 * (`InputError` naming the edge and the attribute; a measure given the graph names itself); a
 * missing one counts 1. A `weight` naming an attribute no edge has, close to one they have
 * (`'wieght'`), is an `OptionError` naming the one meant (every tie weighed 1, unsaid).
 *
 * @example
 * const csr = toCsr(graph, { weight: 'count' });
 * for (let j = csr.offsets[0]; j < csr.offsets[1]; j++) console.log(csr.ids[csr.targets[j]]);
 */
export function toCsr<A extends Attributes>(
  graph: AbstractGraph<Attributes, A>,
  options: ToCsrOptions<A> = {},
): Csr {
  return snapshotFor('toCsr', graph, options);
}

/**
 * Refuses a `weight` naming an edge attribute no edge has when it is close to one they have
 * (`'wieght'` beside `'weight'`): an edge without it counts 1, so every tie weighed 1, unsaid.
 * One close to none is kept (every tie 1), as for a graph whose edges carry no weights.
 */
function refuseMisspeltWeight(fn: string, graph: AbstractGraph, name: string): void {
  const held = new Set<string>();
  graph.forEachEdge((_e, a) => {
    for (const k of Object.keys(a)) held.add(k);
  });
  const near = closestName(name, [...held]);
  if (near === undefined) return;
  throw new OptionError(
    fn,
    'weight',
    `${fn}: option 'weight' names the edge attribute '${name}', which no edge of the graph has (every tie would weigh 1); did you mean '${near}'?`,
  );
}

/**
 * {@link toCsr} for the public function `fn` (a measure), which its refusals name: a weight that
 * is not a finite number (NaN, Infinity, from the attribute or the weight function) was a
 * `RangeError` naming neither the measure nor the attribute.
 * @internal
 */
export function snapshotFor<A extends Attributes>(
  fn: string,
  graph: AbstractGraph<Attributes, A>,
  options: ToCsrOptions<A> = {},
): Csr {
  checkGraph(fn, graph, false);
  checkOptions(fn, options, TO_CSR_RULES);
  // A mixed graph (graphology's default `new Graph()`) counts as the one kind of edge it holds.
  const directed = effectiveGraphType(fn, graph) === 'directed';
  const graphIds = graph.nodes();
  const n = graphIds.length;
  const tmpIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) tmpIndex.set(graphIds[i], i);

  let weightOf: ((a: A, s: string, t: string) => number) | null = null;
  const w = options.weight === undefined ? 'weight' : options.weight;
  if (typeof w === 'function') weightOf = w;
  else if (typeof w === 'string') {
    let any = false;
    graph.someEdge((_e, a) => (any = (a as Attributes)[w] !== undefined));
    if (!any && options.weight !== undefined) refuseMisspeltWeight(fn, graph, w);
    if (any || options.weight !== undefined) {
      weightOf = (a, s, t) => {
        const v = (a as Attributes)[w];
        if (typeof v === 'number') return v;
        if (v === undefined) return 1;
        // A number written as text ('2', from a CSV) is read; anything else (null, '', true, 'x')
        // would become 0, 1 or NaN unseen, so it is refused by name.
        const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
        if (Number.isFinite(x)) return x;
        throw new InputError(
          fn,
          `${fn}: edge ${s}–${t}: weight attribute '${w}' is ${typeof v === 'string' ? `'${v}'` : String(v)}, expected a finite number (or a number as text)`,
        );
      };
    }
  }

  // Typed arrays sized up front: on a million-node graph, growing JS arrays feeds the GC, which
  // then has to mark the whole (large) graphology heap again and again.
  const src = new Int32Array(graph.size);
  const dst = new Int32Array(graph.size);
  const wts = weightOf ? new Float64Array(graph.size) : null;
  let m = 0;
  graph.forEachEdge((_e, a, s, t) => {
    const u = tmpIndex.get(s)!;
    const v = tmpIndex.get(t)!;
    if (u === v) return;
    src[m] = u;
    dst[m] = v;
    if (wts) {
      const x = weightOf!(a, s, t);
      if (!Number.isFinite(x))
        throw new InputError(
          fn,
          `${fn}: edge ${s}–${t}: ${typeof w === 'function' ? 'the weight function gives' : `weight attribute '${w}' is`} ${typeof x === 'string' ? `'${x}'` : String(x)}, expected a finite number${typeof w === 'function' ? '' : ' (or a number as text)'}`,
        );
      wts[m] = x;
    }
    m++;
  });
  const csr = csrFromArrays(
    graphIds,
    src.subarray(0, m),
    dst.subarray(0, m),
    wts ? wts.subarray(0, m) : null,
    {
      directed,
      order: options.order ?? 'bfs',
      index: tmpIndex,
    },
  );
  // A graph that is not a multi graph holds no parallel edges (self-loops are dropped above).
  if (!graph.multi) PARALLEL.set(csr.targets, { offsets: csr.offsets, parallel: false });
  // The graph's as-of date travels with its ties (exposure refuses a later one).
  const asOf = graph.getAttribute('asOf');
  if (asOf !== undefined) SNAPSHOT_AS_OF.set(csr.targets, asOf);
  return csr;
}

/** The default of each option of {@link toCsr}. */
toCsr.defaults = { weight: 'weight', order: 'bfs' } as const;

const CSR_FROM_ARRAYS_RULES = {
  directed: rule.boolean,
  order: TO_CSR_RULES.order,
  index: rule.any,
};

/**
 * Builds a CSR snapshot straight from an edge list (no graphology graph needed), e.g. from
 * `coOffendingEdges`. `source`/`target` are node numbers into `ids`. A pair given twice is a
 * parallel tie, read as a MultiGraph's parallel edges are (see the metrics guide). A self-loop
 * (`source[j] === target[j]`) is kept: undirected, it counts 2 in `degree` (networkx's `G.degree`)
 * and is followed twice by `pagerank` and `eigenvector` (igraph's reading; networkx's puts it once
 * on the diagonal, so their values differ); `coreNumber` refuses it.
 *
 * @throws {OptionError} for an unknown option (naming the closest one) or a wrong value.
 * @throws {InputError} when `target` (or `weights`, unless `null`) is not as long as `source`, an
 * end is not a whole number from 0 to `ids.length − 1`, a weight is not finite, an id is not
 * text or an id is given twice (`ids[0] and ids[1] are both 'a'`; its `{ id: value }` records
 * kept one of the two values, `nodeMetrics` gave two rows). Ids in ascending order (a dataset
 * index's, as `coOffendingEdges` gives them) are checked in ~10 ms at 1M people, others in ~0.3 s.
 * @throws {OptionError} when `index` is not the map of `ids` to their positions: `option 'index'
 * maps 'b' to 0, where ids[0] is 'a'`, `has 2 entries for 3 ids: ids[2] 'c' is not in it` (it
 * became the snapshot's `index` unchecked, and a look-up by id read another person's values),
 * or is not a Map: `got a plain object; make the Map … with new Map(Object.entries(index))`.
 */
export function csrFromArrays(
  ids: readonly string[],
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  options: {
    /** Read `source` → `target` as directed ties. Default `false` (each tie both ways). */
    directed?: boolean;
    /** Node numbering: `'bfs'` (breadth-first, for memory locality) or `'graph'` (`ids`' order). Default `'bfs'`. */
    order?: 'bfs' | 'graph';
    /**
     * The id → number map of `ids` (`ids[k] → k`, every id once), when the caller has one already
     * (reused in graph order). Checked in one pass over its entries (~30 ms at 1M ids): a map
     * that lacks an id, sends one elsewhere or holds more is an `OptionError` naming the first
     * such entry. Default none.
     */
    index?: Map<string, number>;
  } = {},
): Csr {
  checkOptions('csrFromArrays', options, CSR_FROM_ARRAYS_RULES);
  const n = ids.length;
  const m = source.length;
  const directed = options.directed ?? false;
  checkEdgeArrays(ids, source, target, weights);
  // A given index is checked to map each id to its position, which proves the ids distinct too.
  if (options.index) checkIndexOption(ids, options.index);
  else refuseRepeatedIds('csrFromArrays', ids);
  // Adjacency in `number` order (the input's, or the breadth-first one): node u's ties in edge
  // order, both directions of an undirected tie at the edge's turn. `into`: arrays of the right
  // sizes to fill (the search's input-order lists, dead once it is done) instead of new ones.
  const build = (
    from: ArrayLike<number>,
    to: ArrayLike<number>,
    both: boolean,
    number: Int32Array | null,
    withWeights: boolean,
    into?: { offsets: Int32Array; targets: Int32Array },
  ) => {
    const offsets = into ? into.offsets.fill(0) : new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      offsets[(number ? number[from[e]] : from[e]) + 1]++;
      if (both) offsets[(number ? number[to[e]] : to[e]) + 1]++;
    }
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const targets = into ? into.targets : new Int32Array(offsets[n]);
    const w = weights && withWeights ? new Float64Array(offsets[n]) : null;
    // Each node's next free slot is kept in its own offset (no copy of the offsets); afterwards
    // offset i holds the start of i + 1, and one shift puts them back.
    for (let e = 0; e < m; e++) {
      const a = number ? number[from[e]] : from[e];
      const b = number ? number[to[e]] : to[e];
      let at = offsets[a]++;
      targets[at] = b;
      if (w) w[at] = weights![e];
      if (both) {
        at = offsets[b]++;
        targets[at] = a;
        if (w) w[at] = weights![e];
      }
    }
    for (let i = n; i > 0; i--) offsets[i] = offsets[i - 1];
    offsets[0] = 0;
    return { offsets, targets, w };
  };
  const bfs = (options.order ?? 'bfs') === 'bfs' && n > 0;
  // Pairs in strictly increasing order (as `coOffendingEdges` gives them) repeat none: one
  // sequential pass, stopped at the first pair out of order (then looked for when asked).
  let increasing = true;
  for (let e = 0, a0 = -1, b0 = -1; e < m && increasing; e++) {
    const s = source[e];
    const t = target[e];
    const a = directed || s < t ? s : t;
    const b = directed || s < t ? t : s;
    increasing = a > a0 || (a === a0 && b > b0);
    a0 = a;
    b0 = b;
  }
  const listed = (lists: { offsets: Int32Array; targets: Int32Array; w: Float64Array | null }) => {
    if (!directed)
      LISTED_BOTH_WAYS.set(lists.targets, { offsets: lists.offsets, weights: lists.w });
    if (increasing) PARALLEL.set(lists.targets, { offsets: lists.offsets, parallel: false });
    return lists.targets;
  };
  // For the breadth-first layout, the input-order adjacency only serves the search: no weights,
  // and the snapshot is then built straight in the new numbering (the same lists as renumbering
  // the input-order one, without its copy).
  const out = build(source, target, !directed, null, !bfs);
  const inn = directed ? build(target, source, false, null, !bfs) : out;

  if (!bfs) {
    return withLazyIndex(
      {
        n,
        m,
        directed,
        ids: ids.slice(),
        offsets: out.offsets,
        targets: listed(out),
        weights: out.w,
        inOffsets: inn.offsets,
        inTargets: inn.targets,
        inWeights: inn.w,
      },
      options.index,
    );
  }
  const perm = bfsOrder(n, out.offsets, out.targets, directed ? inn : null); // perm[old] = new
  const newIds: string[] = new Array(n);
  for (let i = 0; i < n; i++) newIds[perm[i]] = ids[i];
  // The input-order lists served the search only: the snapshot's lists are written over them.
  const o = build(source, target, !directed, perm, true, out);
  const i2 = directed ? build(target, source, false, perm, true, inn) : o;
  return withLazyIndex({
    n,
    m,
    directed,
    ids: newIds,
    offsets: o.offsets,
    targets: listed(o),
    weights: o.w,
    inOffsets: i2.offsets,
    inTargets: i2.targets,
    inWeights: i2.w,
  });
}

/** The default of each option of {@link csrFromArrays}. */
csrFromArrays.defaults = { directed: false, order: 'bfs' } as const;

/**
 * Refuses edge arrays `csrFromArrays` would misread: lengths that differ, an end that is not a
 * node number (a tie to -1 or to n was dropped or gave a TypeError; 1.5 read as 1), a weight that
 * is not finite (NaN strengths and PageRank), an id that is not text. O(n + ties), about 10 ms at
 * 1M people and 3M ties. Distinct ids are checked by {@link refuseRepeatedIds}.
 */
function checkEdgeArrays(
  ids: readonly string[],
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weights: ArrayLike<number> | null,
): void {
  const n = ids.length;
  const m = source.length;
  const bad = (what: string) => {
    throw new InputError('csrFromArrays', `csrFromArrays: ${what}`);
  };
  if (target.length !== m || (weights && weights.length !== m))
    bad(
      `source, target and weights (or null) need one entry per tie, got ${m}, ${target.length}, ${weights?.length}`,
    );
  for (let i = 0; i < n; i++)
    if (typeof ids[i] !== 'string') bad(`ids[${i}] is ${ids[i]}, expected text`);
  for (let e = 0; e < m; e++) {
    const s = source[e];
    const t = target[e];
    if ((s | 0) !== s || s < 0 || s >= n || (t | 0) !== t || t < 0 || t >= n)
      bad(`tie ${e} is ${s}–${t}; source and target are node numbers 0 to ${n - 1}`);
  }
  if (weights)
    for (let e = 0; e < m; e++)
      if (!Number.isFinite(weights[e]))
        bad(
          `weights[${e}] is ${typeof weights[e] === 'string' ? `'${weights[e]}' (text)` : weights[e]}, expected a finite number`,
        );
}

/** Breadth-first numbering (over both directions when directed); returns perm[old] = new. */
function bfsOrder(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  inn: { offsets: Int32Array; targets: Int32Array } | null,
): Int32Array {
  const order = breadthFirstOrder(n, offsets, targets, undefined, inn);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[order[i]] = i;
  return perm;
}

/**
 * Vertices in breadth-first order over the ties `targets[offsets[k] .. offsets[k+1])` (then the
 * in-ties, when given): each search starts at the lowest-numbered vertex not yet reached,
 * neighbours in tie order. Vertices for which `keep` is false are left out and never entered.
 * @internal
 */
export function breadthFirstOrder(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  keep?: (k: number) => boolean,
  inn?: { offsets: Int32Array; targets: Int32Array } | null,
): Int32Array {
  const seen = new Uint8Array(n);
  let size = n;
  if (keep) {
    size = 0;
    for (let k = 0; k < n; k++)
      if (keep(k)) size++;
      else seen[k] = 1;
  }
  const order = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let r = 0; r < n; r++) {
    if (seen[r]) continue;
    seen[r] = 1;
    order[tail++] = r;
    while (head < tail) {
      const u = order[head++];
      for (let j = offsets[u]; j < offsets[u + 1]; j++) {
        const v = targets[j];
        if (!seen[v]) {
          seen[v] = 1;
          order[tail++] = v;
        }
      }
      if (inn)
        for (let j = inn.offsets[u]; j < inn.offsets[u + 1]; j++) {
          const v = inn.targets[j];
          if (!seen[v]) {
            seen[v] = 1;
            order[tail++] = v;
          }
        }
    }
  }
  return order;
}

/** Equal weights, NaN matching NaN (a NaN weight is not this check's to report). */
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * Where a listing fails to list each tie from both ends with one weight, or `null` when it does
 * (parallel ties compared as multisets of weights): `{ u, v: -1 }` when u's ties, as neighbours,
 * are not the ties listed to u; else u lists its tie to v with weight `a`, v lists it with `b`.
 * O(n + ties): the lists to each node are gathered in source order (a counting sort), and
 * gathered back, which gives each node's own list in neighbour order; the two then run in step.
 * 24 bytes a listing.
 * @internal
 */
export function unmatchedListing(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
): { u: number; v: number; a: number; b: number } | null {
  const arcs = offsets[n];
  const fill = new Int32Array(n);
  for (let j = 0; j < arcs; j++) fill[targets[j]]++;
  for (let u = 0; u < n; u++) {
    if (fill[u] !== offsets[u + 1] - offsets[u]) return { u, v: -1, a: 0, b: 0 };
  }
  // At v: (u, weight of u's listing of v), by u; then at u: (v, weight), by v.
  const inFrom = new Int32Array(arcs);
  const inWeight = new Float64Array(arcs);
  const ownTo = new Int32Array(arcs);
  const own = new Float64Array(arcs);
  const pass = (from: Int32Array | null, w: Float64Array, to: Int32Array, tw: Float64Array) => {
    fill.set(offsets.subarray(0, n));
    for (let u = 0; u < n; u++) {
      for (let j = offsets[u], e = offsets[u + 1]; j < e; j++) {
        const k = fill[from ? from[j] : targets[j]]++;
        to[k] = u;
        tw[k] = w[j];
      }
    }
  };
  pass(null, weights, inFrom, inWeight);
  pass(inFrom, inWeight, ownTo, own);
  for (let v = 0; v < n; v++) {
    const e = offsets[v + 1];
    for (let k = offsets[v]; k < e; k++)
      if (ownTo[k] !== inFrom[k]) return { u: v, v: -1, a: 0, b: 0 };
    for (let k = offsets[v]; k < e; ) {
      const u = inFrom[k];
      let g = k + 1;
      while (g < e && inFrom[g] === u) g++;
      // Parallel ties: the same weights in another order are a match.
      const mine = own.slice(k, g).sort();
      const theirs = inWeight.slice(k, g).sort();
      for (let x = 0; x < g - k; x++) {
        if (!same(mine[x], theirs[x])) return { u: v, v: u, a: mine[x], b: theirs[x] };
      }
      k = g;
    }
  }
  return null;
}

/**
 * Throws an `InputError` (from `fn`) unless a weighted snapshot read as undirected
 * (`directed: false`, or in-adjacency that is its out-adjacency) lists each tie from both ends
 * with one weight, with in-weights, when it shares its adjacency, that are its weights. Snapshots
 * the library built are not checked (an O(1) look-up); others cost O(n + ties).
 * @internal
 */
export function assertTiesMatch(csr: Csr, fn: string): void {
  const { n, offsets, targets, weights, inWeights } = csr;
  const shared = csr.inOffsets === offsets && csr.inTargets === targets;
  if ((csr.directed && !shared) || !weights || builtListedBothWays(csr, true)) return;
  const name = (v: number) => `node ${v}${csr.ids?.[v] === undefined ? '' : ` ("${csr.ids[v]}")`}`;
  const refuse = (what: string) => {
    throw new InputError(
      fn,
      `${fn}: the snapshot's ${what}; an undirected snapshot lists each tie from both ends with one weight (a directed one needs directed: true and in-adjacency of its own)`,
    );
  };
  const tie = unmatchedListing(n, offsets, targets, weights);
  if (tie?.v === -1) refuse(`${name(tie.u)} lists ties that are not listed back`);
  if (tie) {
    refuse(
      `${name(tie.u)} lists its tie to ${name(tie.v)} with weight ${tie.a}, but ${name(tie.v)} lists it with weight ${tie.b}`,
    );
  }
  if (shared && inWeights !== weights) {
    for (let u = 0; u < n; u++) {
      for (let j = offsets[u]; j < offsets[u + 1]; j++) {
        if (!inWeights || !same(inWeights[j], weights[j])) {
          refuse(
            `in-weights are not its weights: ${name(u)}'s tie to ${name(targets[j])} weighs ${weights[j]} in weights, ${inWeights ? inWeights[j] : 'nothing'} in inWeights (pass inWeights: weights)`,
          );
        }
      }
    }
  }
}
