import type { Csr } from '../../graph/csr.js';

/**
 * Unweighted, undirected Brandes dependency sums, searching each component's largest block
 * (biconnected component) once per source and everything hanging from it once in all: the same
 * values as one breadth-first search per source on the whole graph, up to summation order (the
 * shattering of Sariyüce, Saule, Kaya & Çatalyürek 2013, "Shattering and compressing networks
 * for betweenness centrality"; its special case for trees is Baglioni, Geraci, Pellegrini &
 * Lastres 2012). Co-offending networks hang many trees and small groups off one big block: at
 * the 1M-people pipeline's graph the giant component has 833k people and 1.63M ties, its
 * largest block 629k people and 1.39M ties.
 *
 * Call C a component's largest block. Everyone else in the component hangs from one person r
 * of C (their root; F(r) the people hanging from r, H(r) = F(r) and r, h(r) = |F(r)|, N the
 * component's size), and no shortest path between two people of C leaves C. So:
 * - from a source s in C, the dependencies on C follow Brandes' recursion on C alone with each
 *   person v carrying h(v): δ(v) = h(v) + Σ_w σ(v)/σ(w)·(1 + δ(w)); on u in F(r) they are r's
 *   own dependencies in H(r), whatever s is;
 * - from a source s in F(r), every shortest path to someone outside H(r) goes through r: the
 *   dependencies outside H(r) are those of a source at r, and inside H(r) they are a search of
 *   H(r) from s in which r starts with δ(r) = N − |H(r)|.
 * One search of C per root that has sources (weighted by how many it stands for), one search of
 * each H(r) from r (weighted by the component's sources outside F(r)), and one of H(r) from each
 * source hanging from r give every (source, person) dependency exactly once, so `squares`
 * (Σδ² per person, for the standard error) follows the same way.
 */
export function foldedBetweennessKernel(
  csr: Csr,
  sources: Int32Array | null,
  squares: Float64Array | null = null,
  spare: readonly [Int32Array, Int32Array, Int32Array] | null = null,
): Float64Array {
  const n = csr.n;
  const { offsets, targets } = csr;
  const result = new Float64Array(n);
  if (n === 0) return result;

  // At a million people every 64 MB of new typed arrays (live or garbage) starts a full mark of
  // the caller's heap, so scratch arrays are few and reused: the block search's n-long arrays
  // serve the later steps, per-centre counts are kept for the centre people only (`rn` of them),
  // and the searches of what hangs from the centre index σ and δ by position in their order.
  const { inC, comp, compSize, dfs, stamp, scratch } = centres(csr, spare);
  const { rn, gOf, rOffsets, rTargets } = centreSnapshot(csr, inC, stamp);
  const rOf = stamp;

  // Who hangs from which centre person (their root r), how many (h(r)), and the sources: per
  // component, and per root (its own plus those hanging from it: the weight of r's search).
  const rootOf = scratch[0].fill(-1);
  const queue = dfs;
  let qt = 0;
  for (let v = 0; v < n; v++) {
    if (inC[v]) {
      rootOf[v] = v;
      queue[qt++] = v;
    }
  }
  for (let qh = 0; qh < qt; qh++) {
    const x = queue[qh];
    const r = rootOf[x];
    for (let j = offsets[x], e = offsets[x + 1]; j < e; j++) {
      const y = targets[j];
      if (rootOf[y] < 0) {
        rootOf[y] = r;
        queue[qt++] = y;
      }
    }
  }
  // h(r), the sources per root (mult) and those hanging from it (insideF), by centre number.
  const rHang = new Float64Array(rn);
  for (let v = 0; v < n; v++) if (!inC[v]) rHang[rOf[rootOf[v]]]++;
  const mult = new Int32Array(rn);
  const insideF = new Int32Array(rn);
  const compSources = new Float64Array(compSize.length);
  const count = sources ? sources.length : n;
  for (let i = 0; i < count; i++) {
    const g = sources ? sources[i] : i;
    const r = rOf[rootOf[g]];
    mult[r]++;
    if (!inC[g]) insideF[r]++;
    compSources[comp[g]]++;
  }
  let largestH = 1;
  for (let r = 0; r < rn; r++) if (rHang[r] + 1 > largestH) largestH = rHang[r] + 1;

  // Brandes on H(r) (r and the people hanging from it), from `start`: r's ties into the centre
  // are not followed, and when `start` hangs from r, the `beyond` people outside H(r) depend on
  // r (every shortest path from `start` to them goes through r), so δ(r) starts at their number.
  // `dist` is by person (reset after use); σ and δ are by position in the search's order
  // (`at`: person → position), so they need only |H(r)| entries. The centre's search reuses them.
  const dist = scratch[1].fill(-1);
  const at = scratch[2];
  const lorder = queue;
  const fa = new Float64Array(Math.max(rn, largestH));
  const fb = new Float64Array(Math.max(rn, largestH));
  const lsig = fa;
  const ldelta = fb;
  const local = (start: number, r: number, beyond: number, times: number) => {
    let tail = 1;
    lorder[0] = start;
    dist[start] = 0;
    at[start] = 0;
    lsig[0] = 1;
    for (let head = 0; head < tail; head++) {
      const x = lorder[head];
      const dx = dist[x] + 1;
      const sx = lsig[head];
      const fromCentre = x === r;
      for (let j = offsets[x], e = offsets[x + 1]; j < e; j++) {
        const y = targets[j];
        if (fromCentre && inC[y]) continue;
        if (dist[y] < 0) {
          dist[y] = dx;
          at[y] = tail;
          lsig[tail] = 0;
          lorder[tail++] = y;
        }
        if (dist[y] === dx) lsig[at[y]] += sx;
      }
    }
    ldelta[at[r]] = beyond;
    for (let i = tail - 1; i > 0; i--) {
      const w = lorder[i];
      const coeff = (1 + ldelta[i]) / lsig[i];
      const dw = dist[w] - 1;
      const toCentre = w === r;
      for (let j = offsets[w], e = offsets[w + 1]; j < e; j++) {
        const v = targets[j];
        if (toCentre && inC[v]) continue;
        if (dist[v] === dw) ldelta[at[v]] += lsig[at[v]] * coeff;
      }
      const d = ldelta[i];
      result[w] += times * d;
      if (squares) squares[w] += times * d * d;
    }
    for (let i = 0; i < tail; i++) {
      dist[lorder[i]] = -1;
      ldelta[i] = 0;
    }
  };
  // Sources outside F(r) see r's own dependencies on the people hanging from it.
  for (let r = 0; r < n; r++) {
    if (!inC[r]) continue;
    const c = rOf[r];
    if (rHang[c] === 0) continue;
    const outside = compSources[comp[r]] - insideF[c];
    if (outside > 0) local(r, r, 0, outside);
  }
  // Sources hanging from r: their dependencies inside H(r), r included.
  for (let i = 0; i < count; i++) {
    const g = sources ? sources[i] : i;
    if (inC[g]) continue;
    const r = rootOf[g];
    local(g, r, compSize[comp[r]] - 1 - rHang[rOf[r]], 1);
  }

  // One search of the centre per root that has sources (in order of first appearance among the
  // sources), weighted by their number.
  const roots: number[] = [];
  for (let si = 0; si < count; si++) {
    const g = sources ? sources[si] : si;
    const s = rOf[rootOf[g]];
    if (mult[s] > 0) {
      roots.push(s);
      mult[s] = -mult[s];
    }
  }
  for (let r = 0; r < rn; r++) mult[r] = -mult[r];
  const rRes = fb.fill(0, 0, rn).subarray(0, rn);
  const rSq = squares ? new Float64Array(rn) : null;
  searchCentres(
    rn,
    rOffsets,
    rTargets,
    rHang,
    Int32Array.from(roots),
    mult,
    { order: scratch[0], pos: scratch[1], segment: scratch[2], sig: fa },
    rRes,
    rSq,
  );
  for (let r = 0; r < rn; r++) {
    result[gOf[r]] += rRes[r];
    if (rSq) squares![gOf[r]] += rSq[r];
  }
  return result;
}

/**
 * Blocks (biconnected components) by Hopcroft–Tarjan, iteratively, with a stack of people (a
 * block is the people popped when it closes, plus the person it closes at) rather than of ties;
 * per component, the block with the most people (the first found, among equals) becomes its
 * centre (`inC`); a person without ties is their own centre. Also the component of each person
 * and each component's size; `dfs`, `stamp` and `scratch` are scratch arrays handed on for reuse
 * (n + 1 long; `spare`, when given, supplies the three of `scratch`).
 */
function centres(csr: Csr, spare: readonly [Int32Array, Int32Array, Int32Array] | null) {
  const n = csr.n;
  const { offsets, targets } = csr;
  const [disc, low, next] = (spare ?? [0, 0, 0].map(() => new Int32Array(n + 1))).map((a) =>
    a.subarray(0, n + 1),
  );
  disc.fill(-1);
  const comp = new Int32Array(n);
  const dfs = new Int32Array(n + 1);
  const people = new Int32Array(n);
  // The largest block so far of the current component.
  const best = new Int32Array(n + 1);
  const inC = new Uint8Array(n);
  const compSize: number[] = [];
  let time = 0;
  for (let s = 0; s < n; s++) {
    if (disc[s] >= 0) continue;
    const c = compSize.length;
    let size = 1;
    let bestLen = 0;
    let pp = 0;
    let dp = 0;
    dfs[dp++] = s;
    disc[s] = low[s] = time++;
    next[s] = offsets[s];
    comp[s] = c;
    while (dp > 0) {
      const v = dfs[dp - 1];
      if (next[v] < offsets[v + 1]) {
        const w = targets[next[v]++];
        if (disc[w] < 0) {
          disc[w] = low[w] = time++;
          next[w] = offsets[w];
          comp[w] = c;
          size++;
          people[pp++] = w;
          dfs[dp++] = w;
        } else if (dp > 1 && w === dfs[dp - 2]) {
          // the tie back to the parent (and its parallel copies)
        } else if (disc[w] < low[v]) {
          low[v] = disc[w];
        }
      } else {
        dp--;
        if (dp === 0) continue;
        const p = dfs[dp - 1];
        if (low[v] < low[p]) low[p] = low[v];
        if (low[v] >= disc[p]) {
          // The block ends with the tie p–v: its people are those pushed since v, and p.
          let from = pp - 1;
          while (people[from] !== v) from--;
          const len = pp - from + 1;
          if (len > bestLen) {
            best.set(people.subarray(from, pp));
            best[len - 1] = p;
            bestLen = len;
          }
          pp = from;
        }
      }
    }
    compSize.push(size);
    if (bestLen === 0) inC[s] = 1;
    else for (let i = 0; i < bestLen; i++) inC[best[i]] = 1;
  }

  return { inC, comp, compSize, dfs, stamp: best, scratch: [disc, low, next] as const };
}

/**
 * The centres' ties, compactly numbered in the snapshot's order: `rOf` (n-long, overwritten)
 * gets each centre person's number there, −1 for the others.
 */
function centreSnapshot(csr: Csr, inC: Uint8Array, rOf: Int32Array) {
  const n = csr.n;
  const { offsets, targets } = csr;
  let rn = 0;
  for (let v = 0; v < n; v++) {
    rOf[v] = inC[v] ? rn++ : -1;
  }
  const gOf = new Int32Array(rn);
  const rOffsets = new Int32Array(rn + 1);
  for (let v = 0; v < n; v++) {
    const r = rOf[v];
    if (r < 0) continue;
    gOf[r] = v;
    let d = 0;
    for (let j = offsets[v], e = offsets[v + 1]; j < e; j++) if (inC[targets[j]]) d++;
    rOffsets[r + 1] = d;
  }
  for (let r = 0; r < rn; r++) rOffsets[r + 1] += rOffsets[r];
  const rTargets = new Int32Array(rOffsets[rn]);
  for (let r = 0, at = 0; r < rn; r++) {
    const v = gOf[r];
    for (let j = offsets[v], e = offsets[v + 1]; j < e; j++) {
      const w = rOf[targets[j]];
      if (w >= 0) rTargets[at++] = w;
    }
  }
  return { rn, gOf, rOffsets, rTargets };
}

/**
 * One search of the centre from each root, weighted by `mult` (the sources it stands for): the
 * snapshot kernel's search (positions stamped with a running base, successors in one flat array,
 * (1 + δ)/σ stored in place of σ on the way back), with δ(v) starting at h(v) (`hang`). Adds to
 * `rRes` (and `rSq`); `scratch` holds the search's arrays (at least rn + 1 long).
 */
function searchCentres(
  rn: number,
  rOffsets: Int32Array,
  rTargets: Int32Array,
  rHang: Float64Array,
  roots: Int32Array,
  mult: Int32Array,
  scratch: { order: Int32Array; pos: Int32Array; segment: Int32Array; sig: Float64Array },
  rRes: Float64Array,
  rSq: Float64Array | null,
) {
  const { order, segment, sig } = scratch;
  const pos = scratch.pos.fill(-1, 0, rn);
  // Each tie is a successor entry in one direction at most (both directions are in rTargets).
  const succ = new Int32Array((rOffsets[rn] >> 1) + 1);
  const from = new Int32Array(STAGE);
  const to = new Int32Array(STAGE);
  const limit = 2147483647 - 2 * rn - 2;
  let base = 0;
  for (let ri = 0; ri < roots.length; ri++) {
    const s = roots[ri];
    const weight = mult[s];
    if (rOffsets[s + 1] === rOffsets[s]) continue;
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
    let nextLevel = base + 1;
    while (head < tail) {
      stageTies(order, head, tail, rOffsets, rTargets, from, to);
      for (let c = 0, m = Math.min(tail - head, STAGE); c < m; c++) {
        if (head === levelEnd) {
          levelEnd = tail;
          nextLevel = base + tail;
        }
        segment[head] = ns;
        const sv = sig[head++];
        for (let j = from[c], e = to[c]; j < e; j++) {
          const w = rTargets[j];
          const pw = pos[w];
          if (pw < base) {
            pos[w] = base + tail;
            sig[tail] = sv;
            succ[ns++] = tail;
            order[tail++] = w;
          } else if (pw >= nextLevel) {
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
      const v = order[i];
      const delta = sv * acc + rHang[v];
      if (i > 0) {
        rRes[v] += weight * delta;
        if (rSq) rSq[v] += weight * delta * delta;
      }
      sig[i] = (1 + delta) / sv;
    }
  }
}

/** Nodes whose ties a breadth-first pass stages at a time (see {@link stageTies}). */
export const STAGE = 256;
/** Where {@link stageTies} leaves what it read, so that the reads are not optimised away. */
let _stageSink = 0;

/**
 * The tie ranges of the next (up to) {@link STAGE} nodes of a breadth-first order, from `head`
 * on (`from`/`to`: offsets[v], offsets[v + 1]), and a read of each one's first tie. In a large
 * sparse graph each node's offsets and ties are a cache miss, and inside the pass each miss
 * waits for the previous node's branches; here the reads are independent, so the processor
 * issues them together and the pass then finds the ties in cache. Values are unchanged (this
 * reads, it computes nothing); at the 1M pipeline's graph it took the searches' CPU to about
 * 0.75× (bench/results/metrics-betweenness-stage.md).
 */
export function stageTies(
  order: Int32Array,
  head: number,
  tail: number,
  offsets: Int32Array,
  targets: Int32Array,
  from: Int32Array,
  to: Int32Array,
): void {
  const m = Math.min(tail - head, STAGE);
  for (let c = 0; c < m; c++) {
    const v = order[head + c];
    from[c] = offsets[v];
    to[c] = offsets[v + 1];
  }
  let t = 0;
  for (let c = 0; c < m; c++) if (from[c] < to[c]) t ^= targets[from[c]];
  _stageSink ^= t;
}
