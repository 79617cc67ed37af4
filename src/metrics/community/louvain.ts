import { type OptionRules, rule } from '../../core/options.js';
import type { Csr, EdgeWeightOption } from '../../graph/csr.js';
import {
  checkMeasure,
  defineNodeMetric,
  type GraphInput,
  isCsr,
  type NodeMetric,
  orderBySize,
  type RandomOptions,
  randomRules,
  randomSource,
  refuseDirected,
  refuseNegativeWeights,
  resolveCsr,
  toOrdered,
  toRecord,
  weightRule,
} from '../shared.js';

/** Options of {@link louvain}. */
export interface LouvainOptions extends RandomOptions {
  /**
   * Tie strength (attribute, function or `null`). Default `'weight'` when edges have it, else
   * unweighted (as networkx and graphology).
   */
  weight?: EdgeWeightOption;
  /** Resolution γ of modularity: above 1 favours smaller communities, below 1 larger ones. Default `1`. */
  resolution?: number;
  /** Stop when a level gains less modularity than this (networkx's `threshold`). Default `1e-7`. */
  threshold?: number;
  /** Cap on aggregation levels. Default `100`. */
  maxLevels?: number;
  /**
   * Extra passes of iterated Louvain: the procedure restarts from the partition found, alternately
   * letting single people move out of it and re-merging refined sub-communities (Leiden-style, so
   * a community merged too early can split), while modularity improves by more than `threshold`.
   * Each pass costs about as much as the first run. `0` gives plain Louvain. Default: `6` on
   * graphs with at most 100,000 ties (karate then reaches its proven optimum for every seed
   * tried), `0` above (on the 100k-person benchmark graph six passes cost 4.5× for +0.0014).
   */
  passes?: number;
  /**
   * Cap on the local moves of one level, in sweeps (visits of every node once). Local moving
   * normally settles within a few dozen sweeps; at the cap it stops and `louvain.detailed`
   * reports `converged: false`. Default `100`.
   */
  maxSweeps?: number;
}

const DEFAULTS = {
  weight: 'weight',
  resolution: 1,
  threshold: 1e-7,
  maxLevels: 100,
  passes: 6,
  passesUpToTies: 100_000,
  maxSweeps: 100,
  seed: 1,
} as const;

const RULES: OptionRules<LouvainOptions> = {
  ...randomRules,
  weight: weightRule,
  resolution: rule.number({ above: 0 }),
  threshold: rule.number({ min: 0 }),
  maxLevels: rule.number({ min: 1, integer: true }),
  passes: rule.number({ min: 0, integer: true }),
  maxSweeps: rule.number({ above: 0 }),
};

/** What `louvain.detailed` returns. */
export interface LouvainDetailed {
  /** Community of each person, 0 = largest community, then by decreasing size. */
  communities: Record<string, number>;
  /** Number of communities. */
  count: number;
  /** Modularity of the partition at the given resolution (networkx's definition). */
  modularity: number;
  resolution: number;
  /** Aggregation levels run. */
  levels: number;
  /** Node moves made at each level. */
  moves: number[];
  /** Modularity after each level. */
  modularities: number[];
  /**
   * `false` when some level's local moves stopped at the `maxSweeps` cap instead of settling
   * (the partition is still valid, but a longer run might improve it).
   */
  converged: boolean;
  /** Most sweeps (node visits ÷ nodes) any level's local moves took. */
  sweeps: number;
  /**
   * Community of each person after each level (graph node order, or snapshot order for a Csr):
   * the dendrogram; the last entry is the final partition (numbered by first appearance).
   */
  dendrogram: Int32Array[];
}

/** Fields of a community's record in the local moves' packed array (see `cs`). */
const STAMP = 0;
const W = 1;
const TOT = 2;
const SIZE = 3;

interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /**
   * Weight inside each node, over ordered pairs (twice the undirected internal weight); `null`
   * at the first level, where it is 0 for every node.
   */
  loops: Float64Array | null;
  /** Strength including `loops`. */
  k: Float64Array;
}

function levelModularity(level: Level, m2: number, gamma: number): number {
  let q = 0;
  const { loops } = level;
  for (let c = 0; c < level.n; c++)
    q += (loops ? loops[c] : 0) / m2 - gamma * (level.k[c] / m2) ** 2;
  return q;
}

/**
 * Louvain (Blondel et al. 2008) on the snapshot: local moves with a work queue (a node is
 * revisited only when a neighbour changed community, as in Traag et al.'s fast local move),
 * then aggregation, until a level stops gaining. Deterministic for a given random source.
 */
export function louvainKernel(
  csr: Csr,
  random: () => number,
  gamma: number,
  threshold: number,
  maxLevels: number,
  initial: Int32Array | null = null,
  refine = false,
  maxSweeps = Number.POSITIVE_INFINITY,
  keepDendrogram = true,
) {
  if (csr.directed) throw new TypeError('louvain needs an undirected graph');
  const n0 = csr.n;
  let level: Level;
  {
    let weights = csr.weights ?? new Float64Array(csr.targets.length).fill(1);
    // The partition does not change when every weight is divided by one constant. Totals near the
    // largest double overflowed to Infinity (a triangle at 1e308 was split into three), and near
    // the smallest lost their digits: such weights are divided by the largest first. Weights in
    // the ordinary range are used as given, so their results are unchanged to the bit.
    let total = 0;
    let top = 0;
    for (let j = 0; j < csr.offsets[n0]; j++) {
      total += weights[j];
      if (weights[j] > top) top = weights[j];
    }
    if (top > 0 && !(total >= 1e-280 && total <= 1e280)) {
      const scaled = new Float64Array(weights.length);
      for (let j = 0; j < weights.length; j++) scaled[j] = weights[j] / top;
      weights = scaled;
    }
    const k = new Float64Array(n0);
    for (let u = 0; u < n0; u++) {
      let s = 0;
      for (let j = csr.offsets[u]; j < csr.offsets[u + 1]; j++) s += weights[j];
      k[u] = s;
    }
    level = {
      n: n0,
      offsets: csr.offsets,
      targets: csr.targets,
      weights,
      loops: null,
      k,
    };
  }
  let m2 = 0;
  for (let u = 0; u < n0; u++) m2 += level.k[u];
  const membership = new Int32Array(n0);
  for (let i = 0; i < n0; i++) membership[i] = i;
  const dendrogram: Int32Array[] = [];
  const moves: number[] = [];
  const modularities: number[] = [];
  // Largest number of node visits of one level's local moves, in sweeps (visits / nodes), and
  // whether every level's local moves ended by themselves rather than at the `maxSweeps` cap.
  let sweeps = 0;
  let converged = true;
  if (m2 === 0) {
    return { membership, modularity: 0, dendrogram, moves, modularities, sweeps, converged };
  }
  let q = levelModularity(level, m2, gamma);

  // Scratch arrays sized for level 0, reused by smaller levels.
  const comm = new Int32Array(n0);
  // Per community, side by side (one cache line rather than four arrays' worth of misses per
  // community the local moves touch): the stamp of the last visit that saw it, the tie weight
  // from the visited node into it, its total strength, and its size.
  const cs = new Float64Array(4 * n0);
  // The aggregation's scratch lives in the same buffer (`cs` is dead between the end of a
  // level's local moves and the next level's start, which refills it): no more typed-array
  // memory than separate arrays for stamps, totals, tie weights and sizes would take.
  const stamp = new Int32Array(cs.buffer, 0, n0);
  const neighW = new Float64Array(cs.buffer, 8 * n0, n0);
  const csize = new Int32Array(cs.buffer, 16 * n0, n0);
  const neighList = new Int32Array(n0);
  const queue = new Int32Array(n0);
  const inQueue = new Uint8Array(n0);
  const empty = new Int32Array(n0);

  // A restart from `initial` (iterated Louvain with Leiden-style refinement, Traag et al. 2019):
  // level 0 merges singletons only within their initial community, then level 1 starts from the
  // initial communities over those sub-communities, so a community merged too early can split.
  // Without `refine`, level 0 simply starts from `initial` and nodes may move out of it.
  let constraint: Int32Array | null = refine ? initial : null;
  type LevelArrays = {
    off: Int32Array;
    tg: Int32Array;
    w: Float64Array;
    loops: Float64Array;
    k: Float64Array;
  };
  let current: LevelArrays | null = null;
  let spare: LevelArrays | null = null;
  let init: Int32Array | null = refine ? null : initial;
  for (let lv = 0; lv < maxLevels; lv++) {
    const { n, offsets, targets, weights, k } = level;
    const forced = constraint !== null || init !== null;
    // The work queue, seeded in random order (shuffled in place).
    const order = queue;
    for (let i = 0; i < n; i++) order[i] = i;
    cs.fill(0, 0, 4 * n);
    for (let i = 0; i < n; i++) {
      const c = init ? init[i] : i;
      comm[i] = c;
      cs[4 * c + TOT] += k[i];
      cs[4 * c + SIZE]++;
    }
    // Unused labels: moving to one (gain 0) lets a node leave a community it no longer fits.
    let emptyTop = 0;
    for (let c = 0; c < n; c++) if (cs[4 * c + SIZE] === 0) empty[emptyTop++] = c;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    // Circular work queue.
    let head = 0;
    let size = n;
    for (let i = 0; i < n; i++) inQueue[queue[i]] = 1;
    let moved = 0;
    let visit = 0;
    const cap = maxSweeps * n;
    while (size > 0) {
      if (visit >= cap) {
        converged = false;
        break;
      }
      const i = queue[head];
      head = head + 1 === n ? 0 : head + 1;
      size--;
      inQueue[i] = 0;
      visit++;
      const ci = comm[i];
      // Refinement visits each node once and only moves nodes still on their own (Leiden).
      const bi = 4 * ci;
      if (constraint && cs[bi + SIZE] > 1) continue;
      const ki = k[i];
      let count = 0;
      cs[bi + STAMP] = visit;
      cs[bi + W] = 0;
      neighList[count++] = ci;
      for (let j = offsets[i], e = offsets[i + 1]; j < e; j++) {
        const t = targets[j];
        if (t === i) continue;
        const c = comm[t];
        const bc = 4 * c;
        if (cs[bc + STAMP] !== visit) {
          cs[bc + STAMP] = visit;
          cs[bc + W] = 0;
          neighList[count++] = c;
        }
        cs[bc + W] += weights[j];
      }
      // A node alone in its community leaves it exactly empty: no floating-point leftover of
      // the community's total, which would make a lone node hop between empty communities.
      const alone = cs[bi + SIZE] === 1;
      cs[bi + TOT] = alone ? 0 : cs[bi + TOT] - ki;
      const scale = (gamma * ki) / m2;
      // A move must gain more than rounding noise (every term is at most (1 + γ)·k_i), so two
      // communities of equal gain up to rounding cannot trade a node back and forth.
      const tol = 1e-10 * (1 + gamma) * ki;
      const stay = cs[bi + W] - scale * cs[bi + TOT];
      let best = ci;
      let bestGain = stay;
      for (let x = 1; x < count; x++) {
        const c = neighList[x];
        if (constraint && constraint[c] !== constraint[i]) continue;
        const gain = cs[4 * c + W] - scale * cs[4 * c + TOT];
        if (gain > bestGain) {
          best = c;
          bestGain = gain;
        }
      }
      // An unused label gains 0: better than every candidate when all lose by staying together.
      const toEmpty = bestGain < 0 && !alone && !constraint && emptyTop > 0;
      if (toEmpty) bestGain = 0;
      if (bestGain > stay + tol) {
        if (toEmpty) best = empty[--emptyTop];
        cs[4 * best + TOT] += ki;
        comm[i] = best;
        if (--cs[bi + SIZE] === 0) {
          empty[emptyTop++] = ci;
          cs[bi + TOT] = 0;
        }
        cs[4 * best + SIZE]++;
        moved++;
        if (constraint) continue;
        for (let j = offsets[i], e = offsets[i + 1]; j < e; j++) {
          const t = targets[j];
          if (!inQueue[t] && comm[t] !== best) {
            inQueue[t] = 1;
            let at = head + size;
            if (at >= n) at -= n;
            queue[at] = t;
            size++;
          }
        }
      } else cs[bi + TOT] += ki;
    }
    if (visit / n > sweeps) sweeps = visit / n;
    if (moved === 0 && !forced) break;
    // Renumber communities 0..C−1 by first appearance, then aggregate. The local-move scratch
    // arrays are free until the next level starts (which re-initialises them), so the renumbering,
    // the member lists and the counting sort reuse them: each large allocation here pushes the
    // garbage collector toward a full mark of the caller's heap.
    const renum = stamp.fill(-1, 0, n);
    let C = 0;
    for (let i = 0; i < n; i++) if (renum[comm[i]] < 0) renum[comm[i]] = C++;
    for (let i = 0; i < n; i++) comm[i] = renum[comm[i]];
    if (constraint) {
      const group = new Int32Array(n0).fill(-1);
      let G = 0;
      init = new Int32Array(C);
      for (let i = 0; i < n; i++) {
        const g = constraint[i];
        if (group[g] < 0) group[g] = G++;
        init[comm[i]] = group[g];
      }
      constraint = null;
    } else init = null;
    for (let u = 0; u < n0; u++) membership[u] = comm[membership[u]];
    // Members of each community (counting sort).
    const start = C < n0 ? csize.fill(0, 0, C + 1) : new Int32Array(C + 1);
    for (let i = 0; i < n; i++) start[comm[i] + 1]++;
    for (let c = 0; c < C; c++) start[c + 1] += start[c];
    const fill = empty;
    fill.set(start.subarray(0, C));
    const members = queue;
    for (let i = 0; i < n; i++) members[fill[comm[i]]++] = i;
    // The next level has at most one tie per tie between communities: count those, rather than
    // sizing it by every tie of this level (most fall inside a community).
    let crossing = 0;
    for (let u = 0; u < n; u++) {
      const cu = comm[u];
      for (let j = offsets[u], e = offsets[u + 1]; j < e; j++)
        if (comm[targets[j]] !== cu) crossing++;
    }
    // Levels alternate between two sets of arrays: a level is built while the one before it is
    // read, and the one before that is free by then (each level is no larger than the last).
    let set: LevelArrays | null = spare;
    if (!set || set.off.length < C + 1 || set.tg.length < crossing) {
      set = {
        off: new Int32Array(C + 1),
        tg: new Int32Array(crossing),
        w: new Float64Array(crossing),
        loops: new Float64Array(C),
        k: new Float64Array(C),
      };
    }
    spare = current;
    current = set;
    const nOff = set.off.subarray(0, C + 1);
    const nTg = set.tg;
    const nW = set.w;
    const nLoops = set.loops.subarray(0, C);
    const nK = set.k.subarray(0, C);
    const acc = neighW;
    const seen = stamp;
    seen.fill(-1, 0, C);
    let at = 0;
    for (let c = 0; c < C; c++) {
      let count = 0;
      let loop = 0;
      let kc = 0;
      for (let x = start[c]; x < start[c + 1]; x++) {
        const u = members[x];
        loop += level.loops ? level.loops[u] : 0;
        kc += k[u];
        for (let j = offsets[u], e = offsets[u + 1]; j < e; j++) {
          const d = comm[targets[j]];
          if (d === c) loop += weights[j];
          else {
            if (seen[d] !== c) {
              seen[d] = c;
              acc[d] = 0;
              neighList[count++] = d;
            }
            acc[d] += weights[j];
          }
        }
      }
      for (let x = 0; x < count; x++) {
        const d = neighList[x];
        nTg[at] = d;
        nW[at] = acc[d];
        at++;
      }
      nOff[c + 1] = at;
      nLoops[c] = loop;
      nK[c] = kc;
    }
    level = {
      n: C,
      offsets: nOff,
      // Views, not copies: the next level only reads its first `at` entries.
      targets: nTg.subarray(0, at),
      weights: nW.subarray(0, at),
      loops: nLoops,
      k: nK,
    };
    const q2 = levelModularity(level, m2, gamma);
    if (keepDendrogram) dendrogram.push(membership.slice());
    moves.push(moved);
    modularities.push(q2);
    const gained = q2 - q;
    q = q2;
    if (gained < threshold && !forced) break;
  }
  return { membership, modularity: q, dendrogram, moves, modularities, sweeps, converged };
}

/**
 * Renumbers labels by decreasing community size (ties: first appearance in `order`), into `out`.
 */
function bySize<T extends Int32Array | Float64Array>(labels: Int32Array, out: T): T {
  let C = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] + 1 > C) C = labels[i] + 1;
  const size = new Int32Array(C);
  const first = new Int32Array(C).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    size[labels[i]]++;
    if (first[labels[i]] < 0) first[labels[i]] = i;
  }
  // The labels in use, in order of first appearance, then by decreasing size (stable).
  let used = 0;
  for (let c = 0; c < C; c++) if (size[c] > 0) used++;
  const seen = new Int32Array(used);
  for (let i = 0, k = 0; i < labels.length; i++) if (first[labels[i]] === i) seen[k++] = labels[i];
  const ord = orderBySize(size, seen);
  const rank = new Int32Array(C);
  for (let r = 0; r < ord.length; r++) rank[ord[r]] = r;
  for (let i = 0; i < labels.length; i++) out[i] = rank[labels[i]];
  return out;
}

/** Louvain on the input; the dendrogram (a copy of the membership per level) only when asked. */
function compute(input: GraphInput, options: LouvainOptions, withDendrogram = false) {
  const csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'louvain');
  refuseDirected(csr, 'louvain');
  refuseNegativeWeights(csr, 'louvain');
  const random = randomSource(options, 'louvain');
  const gamma = options.resolution ?? DEFAULTS.resolution;
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const maxLevels = options.maxLevels ?? DEFAULTS.maxLevels;
  const maxSweeps = options.maxSweeps ?? DEFAULTS.maxSweeps;
  const r = louvainKernel(
    csr,
    random,
    gamma,
    threshold,
    maxLevels,
    null,
    false,
    maxSweeps,
    withDendrogram,
  );
  // Alternate the two restarts (node moves from the partition; refined split-and-merge) until
  // neither gains.
  let stale = 0;
  const passes = options.passes ?? (csr.m <= DEFAULTS.passesUpToTies ? DEFAULTS.passes : 0);
  for (let pass = 0; pass < passes && stale < 4; pass++) {
    const next = louvainKernel(
      csr,
      random,
      gamma,
      threshold,
      maxLevels,
      r.membership,
      pass % 2 === 1,
      maxSweeps,
      withDendrogram,
    );
    r.sweeps = Math.max(r.sweeps, next.sweeps);
    r.converged &&= next.converged;
    if (!(next.modularity - r.modularity > threshold)) {
      stale++;
      continue;
    }
    stale = 0;
    r.membership = next.membership;
    r.modularity = next.modularity;
    r.dendrogram.push(...next.dendrogram);
    r.moves.push(...next.moves);
    r.modularities.push(...next.modularities);
  }
  // Number communities by size in the caller's node order, so output does not depend on layout.
  // (typed-array copies through the constructor: `TypedArray.from` walks an iterator, ~10× slower)
  const values = new Float64Array(csr.n);
  if (isCsr(input)) bySize(r.membership, values);
  else {
    const ordered = new Int32Array(toOrdered(input, csr, new Float64Array(r.membership)));
    const ranked = bySize(ordered, new Int32Array(csr.n));
    let i = 0;
    input.forEachNode((id) => {
      values[csr.index.get(id)!] = ranked[i++];
    });
  }
  return { csr, values, ...r };
}

type Louvain = NodeMetric<LouvainOptions> & {
  /** Communities with modularity, levels, moves and the dendrogram. */
  detailed(graph: GraphInput, options?: LouvainOptions): LouvainDetailed;
};

/**
 * Louvain community detection on the snapshot, seeded and deterministic: the same seed (or
 * `rng`) gives the same partition. Partitions of equal modularity differ between tools; compare
 * modularity, not labels.
 *
 * @example
 * louvain(graph, { seed: 3 }); // { alice: 0, bob: 0, carl: 2, … } (0 = largest)
 * louvain.detailed(graph, { resolution: 1.5 }).modularity; // 0.41…
 * louvain.assign(graph); // node attribute `community`
 */
export const louvain = defineNodeMetric<LouvainOptions>(
  'community',
  (g, o) => {
    const { csr, values } = compute(g, o);
    return { csr, values };
  },
  { name: 'louvain', rules: RULES, defaults: DEFAULTS },
) as Louvain;

louvain.detailed = (graph, options) => {
  options = checkMeasure('louvain.detailed', graph, options, RULES);
  const r = compute(graph, options, true);
  const perm = isCsr(graph) ? null : (graph.nodes() as string[]).map((id) => r.csr.index.get(id)!);
  const dendrogram = r.dendrogram.map((m) => (perm ? Int32Array.from(perm, (i) => m[i]) : m));
  let count = 0;
  for (let i = 0; i < r.values.length; i++) if (r.values[i] + 1 > count) count = r.values[i] + 1;
  return {
    communities: toRecord(graph, r.csr, r.values),
    count,
    modularity: r.modularity,
    resolution: options.resolution ?? DEFAULTS.resolution,
    levels: r.moves.length,
    moves: r.moves,
    modularities: r.modularities,
    converged: r.converged,
    sweeps: r.sweeps,
    dendrogram,
  };
};
