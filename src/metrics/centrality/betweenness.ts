import { InputError, OptionError } from '../../core/errors.js';
import { type OptionRules, rule } from '../../core/options.js';
import { count } from '../../core/plural.js';
import { builtListedBothWays, type Csr, type EdgeWeightOption } from '../../graph/csr.js';
import {
  checkMeasure,
  type DistanceTransform,
  defineNodeMetric,
  distanceRule,
  edgeDistances,
  type GraphInput,
  IndexHeap,
  isCsr,
  type NodeMetric,
  nodeNumbers,
  type RandomOptions,
  randomRules,
  randomSource,
  resolveCsr,
  toRecord,
  weightRule,
} from '../shared.js';
import { foldedBetweennessKernel, STAGE, stageTies } from './betweenness-folded.js';

/** Options of {@link betweenness}. */
export interface BetweennessOptions extends RandomOptions {
  /**
   * Tie strength (attribute name, function of the edge attributes, or `null`). Default `null`:
   * shortest paths count hops. When set, ties become lengths through `distance`.
   */
  weight?: EdgeWeightOption;
  /**
   * How a strength becomes a path length: `'inverse'` (1/w, default — a tie with 4 co-offences
   * is 4× shorter than a tie with 1), `'identity'` (w is already a distance, networkx's reading
   * of `weight`), or a function from strength to a positive length.
   */
  distance?: DistanceTransform;
  /**
   * Divide by the number of ordered pairs not including the node, (n−1)(n−2), as networkx's
   * `normalized=True`. When false, undirected values count each unordered pair once (networkx's
   * `normalized=False`). Default `true`.
   */
  normalized?: boolean;
  /**
   * Number of pivots for the sampled estimate (Brandes & Pich 2007): `k` distinct sources drawn
   * uniformly without replacement (seeded by `seed`/`rng`), dependencies scaled by n/k, so the
   * estimate is unbiased. Default: every node (exact).
   */
  k?: number;
  /** Explicit pivots (ids, each once: one listed twice, or none, is an `OptionError`) instead of drawing `k`; the scaling n/|sources| applies. */
  sources?: readonly string[];
  /**
   * Exact when cheap: with `k` set, values are still computed exactly (every node a source)
   * when nodes × ties is at most this budget, since exact then costs about as little as
   * sampling. `0` always samples when `k` is given. Default `1e8` (about a second).
   */
  exactBudget?: number;
}

/** Defaults of `betweenness` (shared with `betweennessParallel`). */
export const BETWEENNESS_DEFAULTS = {
  weight: null,
  distance: 'inverse',
  normalized: true,
  exactBudget: 1e8,
  seed: 1,
} as const;
const DEFAULTS = BETWEENNESS_DEFAULTS;

/** Option rules of `betweenness` (shared with `betweennessParallel`). */
export const BETWEENNESS_RULES: OptionRules<BetweennessOptions> = {
  ...randomRules,
  weight: weightRule,
  distance: distanceRule,
  normalized: rule.boolean,
  k: rule.number({ min: 1, integer: true }),
  sources: rule.array(rule.string()),
  exactBudget: rule.number({ min: 0 }),
};
const RULES = BETWEENNESS_RULES;

/**
 * The snapshot with each pair's parallel ties merged into one tie of the shortest length (the
 * lengths aligned with the new lists); the snapshot and lengths themselves when no node lists a
 * neighbour twice (one O(ties) pass). The merged snapshot carries no weights: the kernels read
 * `lengths`. @internal
 */
export function singleTies(
  csr: Csr,
  lengths: { out: Float64Array; in: Float64Array } | null,
): { csr: Csr; lengths: { out: Float64Array; in: Float64Array } | null } {
  const { n, offsets, targets } = csr;
  const seen = new Int32Array(n).fill(-1);
  const hasParallel = (off: Int32Array, tgt: Int32Array) => {
    seen.fill(-1);
    for (let u = 0; u < n; u++) {
      for (let j = off[u], e = off[u + 1]; j < e; j++) {
        if (seen[tgt[j]] === u) return true;
        seen[tgt[j]] = u;
      }
    }
    return false;
  };
  const shared = csr.inOffsets === offsets && csr.inTargets === targets;
  if (!hasParallel(offsets, targets) && (shared || !hasParallel(csr.inOffsets, csr.inTargets))) {
    return { csr, lengths };
  }
  const merge = (off: Int32Array, tgt: Int32Array, len: Float64Array | null) => {
    const o = new Int32Array(n + 1);
    const t = new Int32Array(tgt.length);
    const l = len ? new Float64Array(tgt.length) : null;
    const at = seen.fill(-1); // where u's tie to v sits in the new lists
    let k = 0;
    for (let u = 0; u < n; u++) {
      o[u] = k;
      for (let j = off[u], e = off[u + 1]; j < e; j++) {
        const v = tgt[j];
        const p = at[v];
        if (p >= o[u]) {
          if (l && len![j] < l[p]) l[p] = len![j];
        } else {
          at[v] = k;
          t[k] = v;
          if (l) l[k] = len![j];
          k++;
        }
      }
    }
    o[n] = k;
    return { o, t: t.slice(0, k), l: l ? l.slice(0, k) : null };
  };
  const out = merge(offsets, targets, lengths ? lengths.out : null);
  const inn = shared ? out : merge(csr.inOffsets, csr.inTargets, lengths ? lengths.in : null);
  return {
    csr: {
      n,
      m: csr.directed ? out.t.length : out.t.length / 2,
      directed: csr.directed,
      ids: csr.ids,
      get index() {
        return csr.index;
      },
      offsets: out.o,
      targets: out.t,
      weights: null,
      inOffsets: inn.o,
      inTargets: inn.t,
      inWeights: null,
    },
    lengths: lengths ? { out: out.l!, in: inn.l! } : null,
  };
}

/**
 * Raw dependency sums δ(v) = Σ_s Σ_t σ_st(v)/σ_st over the given sources (all when `null`), by
 * Brandes (2001) without predecessor lists: the backward pass re-scans each node's in-ties and
 * keeps those on a shortest path (d(v) = d(w) − 1, or d(v) + ℓ(v,w) = d(w) exactly as computed
 * forward), so nothing is allocated per source.
 */
export function betweennessKernel(
  input: Csr,
  inputLengths: { out: Float64Array; in: Float64Array } | null,
  sources: Int32Array | null,
  squares: Float64Array | null = null,
): Float64Array {
  // Undirected and unweighted, with much hanging off the big blocks (at least 10% of the people
  // with ties have one tie): what hangs off each component's largest block is searched once for
  // all sources, not once per source (same values; betweenness-folded.ts). At the 1M pipeline's
  // graph (17% with one tie) that took 0.84x the CPU; at 100k (1.5/person-year, 2.8% with one
  // tie) it took 1.09x (the block search and the carried counts cost more than the 4% of the
  // search it saves), so there the one-source kernel runs. Undirected is read from the shared
  // in/out adjacency (worker threads get the arrays, not `directed`).
  const undirected = input.inOffsets === input.offsets && input.inTargets === input.targets;
  const n = input.n;
  // Shared in/out adjacency is read as undirected: each tie listed once from each end. The block
  // kernel, the half-size successor array and the weighted backward pass all rely on that, so a
  // listing that is not symmetric (a directed snapshot built with its out-adjacency as its
  // in-adjacency) is refused rather than given wrong values. The check (0.1–0.2 s at 1M) is
  // skipped for lists the library built undirected; its scratch arrays are the kernels' own.
  const scratch = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)] as const;
  if (undirected) assertListedBothWays(input, scratch);
  // Parallel ties (a MultiGraph, a pair given twice to csrFromArrays) are one step between the
  // pair, at the shortest one's length, as in networkx: counted apart, each doubled the shortest
  // paths through the pair (igraph's reading), 0.0185 instead of 0.0168 for one person.
  const { csr, lengths } = singleTies(input, inputLengths);
  if (!lengths && undirected && oneTieShare(csr) >= 0.1) {
    return foldedBetweennessKernel(csr, sources, squares, scratch);
  }
  const result = new Float64Array(n);
  const sigma = new Float64Array(n);
  const order = scratch[0].subarray(0, n);
  const { offsets, targets, inOffsets, inTargets } = csr;
  const count = sources ? sources.length : n;
  if (!lengths) {
    // Unweighted. Each source's breadth-first order is its own numbering: σ, then (1 + δ)/σ on
    // the way back, live in `sig` at the node's position in `order`, so the forward pass reads
    // σ sequentially and the backward pass reads successors that sit together in the next
    // level. The only per-tie random access is `pos` (4 bytes a node, small enough to stay in
    // cache): the node's position stamped with the source's base (base + position), so nothing
    // is reset between sources; a node is in the next level when its stamp is at least the
    // next level's first position. The forward pass writes each node's successors' positions
    // into one reusable array, and the backward pass pulls (1 + δ)/σ from them only — a flat
    // array of O(ties) allocated once, not per-node predecessor lists. Sums run in the same
    // order as the textbook version, so values are bit-identical to it.
    const pos = scratch[1].fill(-1);
    const sig = sigma;
    // One successor entry per tie at most: undirected ties are listed in both directions.
    const succ = new Int32Array(undirected ? (offsets[n] >> 1) + 1 : offsets[n]);
    const segment = scratch[2];
    const from = new Int32Array(STAGE);
    const to = new Int32Array(STAGE);
    const limit = 2147483647 - 2 * n - 2;
    let base = 0;
    for (let si = 0; si < count; si++) {
      const s = sources ? sources[si] : si;
      if (base > limit) {
        pos.fill(-1);
        base = 0;
      }
      let head = 0;
      let tail = 1;
      let ns = 0;
      order[0] = s;
      pos[s] = base;
      sig[0] = 1;
      let levelEnd = 1;
      let next = base + 1;
      while (head < tail) {
        stageTies(order, head, tail, offsets, targets, from, to);
        for (let c = 0, m = Math.min(tail - head, STAGE); c < m; c++) {
          if (head === levelEnd) {
            levelEnd = tail;
            next = base + tail;
          }
          segment[head] = ns;
          const sv = sig[head++];
          for (let j = from[c], e = to[c]; j < e; j++) {
            const w = targets[j];
            const pw = pos[w];
            if (pw < base) {
              pos[w] = base + tail;
              sig[tail] = sv;
              succ[ns++] = tail;
              order[tail++] = w;
            } else if (pw >= next) {
              const p = pw - base;
              sig[p] += sv;
              succ[ns++] = p;
            }
          }
        }
      }
      segment[tail] = ns;
      base += tail;
      for (let i = tail - 1; i >= 0; i--) {
        let acc = 0;
        for (let x = segment[i], e = segment[i + 1]; x < e; x++) acc += sig[succ[x]];
        const sv = sig[i];
        const delta = sv * acc;
        if (i > 0) {
          const v = order[i];
          result[v] += delta;
          if (squares) squares[v] += delta * delta;
        }
        sig[i] = (1 + delta) / sv;
      }
    }
    return result;
  }
  const delta = new Float64Array(n);
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const heap = new IndexHeap(n, dist);
  // Pop positions: v precedes w on a shortest path when d(v) + ℓ(v,w) = d(w) as computed and v
  // left the heap first — the forward pass's own rule. Comparing d(v) < d(w) instead dropped a
  // predecessor whose tie length vanished in the sum (lengths 1e-20 beside 1: 1 + 1e-20 = 1),
  // crediting σ through v forward but δ not backward (half the value on a 3-person path).
  const pos = scratch[1];
  const lenOut = lengths.out;
  const lenIn = lengths.in;
  for (let si = 0; si < count; si++) {
    const s = sources ? sources[si] : si;
    let tail = 0;
    dist[s] = 0;
    sigma[s] = 1;
    heap.push(s);
    while (heap.size > 0) {
      const v = heap.pop();
      done[v] = 1;
      pos[v] = tail;
      order[tail++] = v;
      const dv = dist[v];
      const sv = sigma[v];
      for (let j = offsets[v], e = offsets[v + 1]; j < e; j++) {
        const w = targets[j];
        if (done[w]) continue;
        const alt = dv + lenOut[j];
        const dw = dist[w];
        if (alt < dw) {
          dist[w] = alt;
          sigma[w] = sv;
          if (dw === Infinity) heap.push(w);
          else heap.decrease(w);
        } else if (alt === dw) {
          sigma[w] += sv;
        }
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i];
      const coeff = (1 + delta[w]) / sigma[w];
      const dw = dist[w];
      const pw = pos[w];
      for (let j = inOffsets[w], e = inOffsets[w + 1]; j < e; j++) {
        const v = inTargets[j];
        // d(v) < d(w) implies v left first; the pop order is read only on a tie.
        if (done[v] && dist[v] + lenIn[j] === dw && (dist[v] < dw || pos[v] < pw)) {
          delta[v] += sigma[v] * coeff;
        }
      }
      result[w] += delta[w];
      if (squares) squares[w] += delta[w] * delta[w];
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i];
      dist[v] = Infinity;
      sigma[v] = 0;
      delta[v] = 0;
      done[v] = 0;
    }
  }
  return result;
}

/**
 * Throws an `InputError` naming the node when `csr` shares its in- and out-adjacency (read as
 * undirected) but does not list each tie from both ends; lists the library built undirected are
 * not checked. `scratch`: three arrays of n + 1, overwritten. @internal
 */
export function assertListedBothWays(
  csr: Csr,
  scratch: readonly [Int32Array, Int32Array, Int32Array] = [
    new Int32Array(csr.n + 1),
    new Int32Array(csr.n + 1),
    new Int32Array(csr.n + 1),
  ],
): void {
  if (!(csr.inOffsets === csr.offsets && csr.inTargets === csr.targets)) return;
  if (builtListedBothWays(csr)) return;
  const v = unmatchedTie(csr.n, csr.offsets, csr.targets, scratch);
  if (v < 0) return;
  const id = csr.ids?.[v];
  throw new InputError(
    'betweenness',
    `the snapshot's in-adjacency is its out-adjacency, so each tie must be listed from both ends, but node ${v}${id === undefined ? '' : ` ("${id}")`} lists ties that are not listed back (a directed snapshot needs inOffsets/inTargets of its own)`,
  );
}

/**
 * A node whose ties, as a multiset of neighbours, differ from the ties listed to it (the
 * neighbours that list it, as often as they do), or −1 when every tie u→v of the listing has a
 * matching v→u: the listing of an undirected graph. O(n + ties) time: in-degrees first, then the
 * lists to each node gathered by counting sort, a range of nodes at a time so the gathered lists
 * fit in `scratch[1]` (a pass over the ties per range), and compared by counts. `scratch` is
 * three arrays of at least n + 1 (left with no meaning); a node with more ties than n (parallel
 * ties) gets a buffer of its own.
 */
export function unmatchedTie(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  scratch: readonly [Int32Array, Int32Array, Int32Array],
): number {
  const [at, gathered, count] = scratch;
  const arcs = offsets[n];
  at.fill(0, 0, n);
  for (let j = 0; j < arcs; j++) at[targets[j]]++;
  let most = 0;
  for (let v = 0; v < n; v++) {
    const d = offsets[v + 1] - offsets[v];
    if (at[v] !== d) return v;
    if (d > most) most = d;
  }
  // At most about four passes over the ties, whatever the degrees (each pass gathers the lists
  // of the nodes whose ties fit the buffer).
  const size = Math.max(most, Math.ceil(arcs / 4));
  const buf = size > gathered.length ? new Int32Array(size) : gathered;
  count.fill(0, 0, n);
  for (let lo = 0; lo < n; ) {
    let hi = lo + 1;
    while (hi < n && offsets[hi + 1] - offsets[lo] <= buf.length) hi++;
    const first = offsets[lo];
    for (let v = lo; v < hi; v++) at[v] = offsets[v] - first;
    for (let u = 0; u < n; u++) {
      for (let j = offsets[u], e = offsets[u + 1]; j < e; j++) {
        const v = targets[j];
        if (v >= lo && v < hi) buf[at[v]++] = u;
      }
    }
    // In-degree equals out-degree, so when no count goes below zero the multisets are equal.
    for (let v = lo; v < hi; v++) {
      for (let x = offsets[v] - first, e = offsets[v + 1] - first; x < e; x++) count[buf[x]]++;
      for (let j = offsets[v], e = offsets[v + 1]; j < e; j++) {
        if (--count[targets[j]] < 0) return v;
      }
    }
    lo = hi;
  }
  return -1;
}

/** Share of the people with ties who have exactly one (0 when nobody has a tie). */
export function oneTieShare(csr: Csr): number {
  const { n, offsets } = csr;
  let withTies = 0;
  let one = 0;
  for (let v = 0; v < n; v++) {
    const d = offsets[v + 1] - offsets[v];
    if (d > 0) withTies++;
    if (d === 1) one++;
  }
  return withTies ? one / withTies : 0;
}

/**
 * Draws `k` distinct node numbers uniformly (partial Fisher–Yates). Only the swapped entries of
 * the identity permutation are stored (a map of at most 2k entries, not an array of n), with the
 * same draws and swaps, so the pivots are those of the full array.
 */
export function drawPivots(n: number, k: number, random: () => number): Int32Array {
  const moved = new Map<number, number>();
  const at = (i: number) => moved.get(i) ?? i;
  const out = new Int32Array(Math.min(k, n));
  for (let i = 0; i < out.length; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = at(i);
    out[i] = at(j);
    moved.set(j, t);
  }
  return out;
}

/** What `betweenness.detailed` returns. */
export interface BetweennessDetailed {
  centrality: Record<string, number>;
  /** Ids of the sources used (every node when exact). */
  pivots: string[];
  /** True when every node was a source. */
  exact: boolean;
  /**
   * How the values were computed, in words: "exact" (and why, when `k` was asked for but the
   * graph was under `exactBudget`), or "estimated from k pivots".
   */
  method: string;
  /**
   * Standard error of each sampled value (same scale as `centrality`), from the spread of the
   * pivots' dependencies, corrected for sampling without replacement; `null` when exact.
   */
  standardError: Record<string, number> | null;
  /** Factor applied to the raw dependency sums. */
  scale: number;
}

/**
 * The source nodes (snapshot numbers) a betweenness run uses: `options.sources`, or `k` pivots
 * drawn with the seeded sampler, or `null` for every node. Shared with the worker-thread variant
 * so that a seed gives the same pivots there.
 */
export function betweennessSources(
  input: GraphInput,
  csr: Csr,
  options: BetweennessOptions,
): Int32Array | null {
  const n = csr.n;
  if (options.sources) {
    // A source listed twice counts twice in the n / |sources| scaling: a biased estimate.
    const s = nodeNumbers(csr, options.sources, 'betweenness', 'sources');
    // No pivot estimates nothing: n/0 scaling (networkx's k=0 divides by zero) returned zeros.
    if (s.length === 0 && n > 0) {
      throw new OptionError(
        'betweenness',
        'sources',
        "betweenness: option 'sources' is empty; list at least one source id, or leave 'sources' out for exact values",
      );
    }
    const seen = new Uint8Array(n);
    for (let i = 0; i < s.length; i++) {
      if (seen[s[i]]++) {
        throw new OptionError(
          'betweenness',
          'sources',
          `betweenness: option 'sources' lists '${csr.ids[s[i]]}' twice; list each source once`,
        );
      }
    }
    return s;
  }
  if (options.k === undefined || options.k >= n) return null;
  if (n * csr.m <= (options.exactBudget ?? DEFAULTS.exactBudget)) return null;
  const k = Math.max(0, Math.floor(options.k));
  // Draw in the caller's node order so the pivots for a seed do not depend on snapshot layout.
  const picked = drawPivots(n, k, randomSource(options, 'betweenness'));
  if (isCsr(input)) return picked;
  const ids = (input as { nodes(): string[] }).nodes();
  return nodeNumbers(
    csr,
    Array.from(picked, (i) => ids[i]),
    'betweenness',
  );
}

function compute(input: GraphInput, options: BetweennessOptions, withError = false) {
  const csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'betweenness');
  const lengths = edgeDistances(csr, options.distance ?? DEFAULTS.distance, 'betweenness');
  const sources = betweennessSources(input, csr, options);
  const squares = withError && sources ? new Float64Array(csr.n) : null;
  const raw = betweennessKernel(csr, lengths, sources, squares);
  let error: Float64Array | null = null;
  if (squares && sources) {
    // Σδ and Σδ² over k pivots drawn without replacement from n: the scaled value is
    // c·(n/k)·Σδ, whose standard error is c·n·sqrt((1 − k/n)·s²/k), s² the pivots' variance.
    const k = sources.length;
    const n = csr.n;
    error = new Float64Array(n);
    if (k > 1) {
      for (let v = 0; v < n; v++) {
        const s2 = Math.max(0, (squares[v] - (raw[v] * raw[v]) / k) / (k - 1));
        error[v] = n * Math.sqrt(((1 - k / n) * s2) / k);
      }
    }
  }
  const scale = scaleBetweenness(raw, csr, sources, options);
  if (error) {
    const c = sources && sources.length > 0 ? scale / (csr.n / sources.length) : scale;
    for (let v = 0; v < csr.n; v++) error[v] *= c;
  }
  return { csr, values: raw, sources, scale, error };
}

/**
 * Scales raw dependency sums in place as networkx does (÷(n−1)(n−2) when normalised, ÷2 for
 * undirected graphs otherwise) and by n/k for k sampled sources; returns the factor. Shared with
 * the worker-thread variant, whose summed partial results go through the same step.
 */
export function scaleBetweenness(
  raw: Float64Array,
  csr: Csr,
  sources: Int32Array | null,
  options: BetweennessOptions,
): number {
  const n = csr.n;
  let scale = 1;
  if (options.normalized ?? DEFAULTS.normalized) scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  else if (!csr.directed) scale = 0.5;
  if (sources && sources.length > 0) scale *= n / sources.length;
  if (scale !== 1) for (let i = 0; i < n; i++) raw[i] *= scale;
  return scale;
}

type Betweenness = NodeMetric<BetweennessOptions> & {
  /** Centrality with the pivots used and the scale factor. */
  detailed(graph: GraphInput, options?: BetweennessOptions): BetweennessDetailed;
};

/**
 * Betweenness centrality: the share of shortest paths between others that pass through each
 * person — brokers between groups. Exact by default (Brandes); pass `k` for the sampled estimate
 * on city-scale graphs. Values equal networkx's `betweenness_centrality` (same normalisation;
 * with `weight`, ties are lengths through `distance`, 1/strength by default). Parallel ties (a
 * `MultiGraph`, a pair given twice to `csrFromArrays`) are one step between the pair, at the
 * shortest one's length, as in networkx (igraph counts each as a path of its own).
 *
 * @example
 * betweenness(graph); // exact, unweighted, normalised
 * betweenness(graph, { weight: 'count' }); // paths through strong ties are shorter (1/count)
 * betweenness(csr, { k: 256, seed: 7 }); // sampled, unbiased, deterministic for the seed
 * betweenness.assign(graph); // node attribute `betweennessCentrality`
 */
export const betweenness = defineNodeMetric<BetweennessOptions>('betweennessCentrality', compute, {
  name: 'betweenness',
  rules: RULES,
  defaults: DEFAULTS,
}) as Betweenness;

betweenness.detailed = (graph, options) => {
  options = checkMeasure('betweenness.detailed', graph, options, RULES);
  const { csr, values, sources, scale, error } = compute(graph, options, true);
  const asked = options.k !== undefined && options.k < csr.n && !options.sources;
  const budget = options.exactBudget ?? DEFAULTS.exactBudget;
  return {
    centrality: toRecord(graph, csr, values),
    pivots: sources ? Array.from(sources, (i) => csr.ids[i]) : csr.ids.slice(),
    exact: !sources,
    method: sources
      ? `estimated from ${count(sources.length, 'pivot')} of ${count(csr.n, 'person', 'people')}`
      : asked
        ? `exact (${count(csr.n, 'person', 'people')} × ${count(csr.m, 'tie')} is within the exact budget of ${budget.toExponential(0)}, so ${csr.n === 1 ? 'the one person was the source' : `all ${csr.n} people were sources`} instead of ${count(options.k!, 'pivot')})`
        : 'exact',
    standardError: error ? toRecord(graph, csr, error) : null,
    scale,
  };
};
