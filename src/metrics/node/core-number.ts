import { InputError } from '../../core/errors.js';
import { type Csr, hasParallelTies } from '../../graph/csr.js';
import { defineNodeMetric, type GraphInput, isCsr, resolveCsr } from '../shared.js';

/**
 * The snapshot with each tie listed once (no weights): parallel ties (a MultiGraph's, or a pair
 * repeated in `csrFromArrays`' input) become one tie, as structural measures count them
 * (clustering, core number, the network summary). The snapshot itself when none is repeated.
 * @internal
 */
export function distinctTies(csr: Csr): Csr {
  if (!hasParallelTies(csr)) return csr;
  const { n } = csr;
  const seen = new Int32Array(n);
  const dedupe = (offsets: Int32Array, targets: Int32Array) => {
    const o = new Int32Array(n + 1);
    const t = new Int32Array(targets.length);
    let at = 0;
    for (let u = 0; u < n; u++) {
      // An undirected self-loop is listed twice (from both of its ends, as csrFromArrays lists
      // it), so that it is one tie (networkx's count) and not half of one.
      let self = csr.directed ? 1 : 2;
      for (let j = offsets[u]; j < offsets[u + 1]; j++)
        if (targets[j] === u ? self-- > 0 : seen[targets[j]] !== u + 1) {
          seen[targets[j]] = u + 1;
          t[at++] = targets[j];
        }
      o[u + 1] = at;
    }
    return { o, t: t.slice(0, at) };
  };
  const out = dedupe(csr.offsets, csr.targets);
  seen.fill(0);
  const inn = csr.directed ? dedupe(csr.inOffsets, csr.inTargets) : out;
  return {
    n,
    m: csr.directed ? out.o[n] : out.o[n] / 2,
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
  };
}

/** Options of {@link coreNumber} (none yet: ties are unweighted, self-loops refused). */
export type CoreNumberOptions = Record<string, never>;

/**
 * k-core number of every node by peeling level by level (the order-free form of Batagelj &
 * Zaversnik 2003, as in the PKC algorithm of Kabir & Madduri 2017): at level k, every node left
 * with at most k ties has core number k and is removed, which may bring neighbours down to k in
 * turn. O(nodes + ties + Σ nodes left per level). Directed snapshots use total (in + out)
 * degree, as networkx.
 *
 * Core numbers do not depend on the order of removal, so this gives the same values as the
 * bucket-sorted Batagelj–Zaversnik order; it visits nodes in snapshot order (breadth-first for
 * `csrFromArrays`), where neighbours sit close in memory, rather than in order of degree, and
 * touches one array per tie instead of four.
 */
export function coreNumberKernel(csr: Csr): Float64Array {
  const n = csr.n;
  const { offsets, targets, inOffsets, inTargets, directed } = csr;
  // deg[v]: ties left while v is in the graph (> the current level k); −(k + 1) once removed at
  // level k, so that a removed node is never counted down again.
  const deg = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    let d = offsets[v + 1] - offsets[v];
    if (directed) d += inOffsets[v + 1] - inOffsets[v];
    deg[v] = d;
  }
  // The nodes still in the graph (compacted at each level's scan), and the removal queue.
  const rest = new Int32Array(n);
  for (let v = 0; v < n; v++) rest[v] = v;
  let restLen = n;
  const queue = new Int32Array(n);
  let tail = 0;
  for (let k = 0; restLen > 0; k++) {
    let head = tail;
    let kept = 0;
    for (let i = 0; i < restLen; i++) {
      const v = rest[i];
      const d = deg[v];
      if (d < 0) continue;
      if (d <= k) {
        deg[v] = -(k + 1);
        queue[tail++] = v;
      } else rest[kept++] = v;
    }
    restLen = kept;
    while (head < tail) {
      const v = queue[head++];
      for (let j = offsets[v], e = offsets[v + 1]; j < e; j++) {
        const u = targets[j];
        if (deg[u] > k && --deg[u] === k) {
          deg[u] = -(k + 1);
          queue[tail++] = u;
        }
      }
      if (directed) {
        for (let j = inOffsets[v], e = inOffsets[v + 1]; j < e; j++) {
          const u = inTargets[j];
          if (deg[u] > k && --deg[u] === k) {
            deg[u] = -(k + 1);
            queue[tail++] = u;
          }
        }
      }
    }
  }
  const core = new Float64Array(n);
  for (let v = 0; v < n; v++) core[v] = -deg[v] - 1;
  return core;
}

/**
 * Throws when the graph has a self-loop (a tie from a person to themselves), naming them: a
 * person's own loop would count as ties to others (networkx's `core_number` refuses it too).
 * O(1) for a graphology graph, O(ties) for a snapshot.
 */
function refuseSelfLoops(input: GraphInput, csr: Csr): void {
  const people = new Set<string>();
  if (!isCsr(input)) {
    if (input.selfLoopCount > 0) input.forEachEdge((_e, _a, s, t) => s === t && people.add(s));
  } else {
    const { n, offsets, targets } = csr;
    for (let u = 0, j = 0; u < n; u++) {
      const end = offsets[u + 1];
      for (; j < end; j++) if (targets[j] === u) people.add(csr.ids[u]);
    }
  }
  if (people.size === 0) return;
  const named = [...people].slice(0, 5).join(', ');
  throw new InputError(
    'coreNumber',
    `coreNumber: the graph has self-loops (a tie from a person to themselves) on ${named}${people.size > 5 ? ` and ${people.size - 5} more` : ''}; a k-core is not defined with them (networkx's core_number refuses them too). Remove them first: for a graphology graph, for (const e of graph.filterEdges((_e, _a, s, t) => s === t)) graph.dropEdge(e); for csrFromArrays, leave out the pairs of a node with itself.`,
  );
}

/**
 * k-core number: the largest k such that the person belongs to a subgroup where everyone has at
 * least k ties inside it (Seidman 1983) — the dense core of a co-offending network. Parallel ties
 * (a graphology MultiGraph's, or a pair repeated in `csrFromArrays`' input) count as one tie, as
 * clustering counts them: networkx's `core_number` refuses multigraphs, and gives these values
 * on `nx.Graph(multigraph)`. A graph with self-loops (a tie from a person to themselves) is
 * refused with an `InputError` naming them and how to remove them, as networkx refuses it: a
 * loop would count as ties to others. Co-offending and victimisation graphs never hold one.
 *
 * @example
 * coreNumber(graph); // { alice: 3, bob: 1, … }
 * coreNumber.assign(graph); // node attribute `coreNumber`
 */
export const coreNumber = defineNodeMetric<CoreNumberOptions>(
  'coreNumber',
  (input: GraphInput) => {
    const csr = resolveCsr(input, null, null);
    refuseSelfLoops(input, csr);
    return { csr, values: coreNumberKernel(distinctTies(csr)) };
  },
  { name: 'coreNumber', rules: {} },
);
