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
): Float64Array {
  const n = csr.n;
  const { offsets, targets } = csr;
  const result = new Float64Array(n);
  if (n === 0) return result;

  const { inC, comp, compSize, dfs, stamp } = centres(csr);

  // Who hangs from which centre person (their root r), how many (h(r)), and the sources: per
  // component, and per root (its own plus those hanging from it: the weight of r's search).
  const rootOf = new Int32Array(n).fill(-1);
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
  const hang = new Float64Array(n);
  for (let v = 0; v < n; v++) if (!inC[v]) hang[rootOf[v]]++;
  const weight = new Float64Array(n);
  const compSources = new Float64Array(compSize.length);
  const count = sources ? sources.length : n;
  for (let i = 0; i < count; i++) {
    const g = sources ? sources[i] : i;
    weight[rootOf[g]]++;
    compSources[comp[g]]++;
  }

  // Brandes on H(r) (r and the people hanging from it), from `start`: r's ties into the centre
  // are not followed, and when `start` hangs from r, the `beyond` people outside H(r) depend on
  // r (every shortest path from `start` to them goes through r), so δ(r) starts at their number. Vertex-indexed arrays, reset after use.
  const dist = new Int32Array(n).fill(-1);
  const lsig = new Float64Array(n);
  const ldelta = new Float64Array(n);
  const lorder = new Int32Array(n);
  const local = (start: number, r: number, beyond: number, times: number) => {
    let tail = 1;
    lorder[0] = start;
    dist[start] = 0;
    lsig[start] = 1;
    for (let head = 0; head < tail; head++) {
      const x = lorder[head];
      const dx = dist[x] + 1;
      const sx = lsig[x];
      const fromCentre = x === r;
      for (let j = offsets[x], e = offsets[x + 1]; j < e; j++) {
        const y = targets[j];
        if (fromCentre && inC[y]) continue;
        if (dist[y] < 0) {
          dist[y] = dx;
          lorder[tail++] = y;
        }
        if (dist[y] === dx) lsig[y] += sx;
      }
    }
    ldelta[r] = beyond;
    for (let i = tail - 1; i > 0; i--) {
      const w = lorder[i];
      const coeff = (1 + ldelta[w]) / lsig[w];
      const dw = dist[w] - 1;
      const toCentre = w === r;
      for (let j = offsets[w], e = offsets[w + 1]; j < e; j++) {
        const v = targets[j];
        if (toCentre && inC[v]) continue;
        if (dist[v] === dw) ldelta[v] += lsig[v] * coeff;
      }
      const d = ldelta[w];
      result[w] += times * d;
      if (squares) squares[w] += times * d * d;
    }
    for (let i = 0; i < tail; i++) {
      const v = lorder[i];
      dist[v] = -1;
      lsig[v] = 0;
      ldelta[v] = 0;
    }
  };
  // Sources outside F(r) see r's own dependencies on the people hanging from it.
  const insideF = new Float64Array(n);
  for (let i = 0; i < count; i++) {
    const g = sources ? sources[i] : i;
    if (!inC[g]) insideF[rootOf[g]]++;
  }
  for (let r = 0; r < n; r++) {
    if (!inC[r] || hang[r] === 0) continue;
    const outside = compSources[comp[r]] - insideF[r];
    if (outside > 0) local(r, r, 0, outside);
  }
  // Sources hanging from r: their dependencies inside H(r), r included.
  for (let i = 0; i < count; i++) {
    const g = sources ? sources[i] : i;
    if (inC[g]) continue;
    const r = rootOf[g];
    local(g, r, compSize[comp[r]] - 1 - hang[r], 1);
  }

  const { rn, gOf, rOffsets, rTargets } = centreSnapshot(csr, inC, stamp);
  const rOf = stamp;
  const rHang = new Float64Array(rn);
  for (let r = 0; r < rn; r++) rHang[r] = hang[gOf[r]];

  // One search of the centre per root that has sources, weighted by their number.
  const mult = new Float64Array(rn);
  const roots: number[] = [];
  for (let si = 0; si < count; si++) {
    const g = sources ? sources[si] : si;
    const s = rOf[rootOf[g]];
    if (mult[s] === 0) roots.push(s);
    mult[s] = weight[gOf[s]];
  }
  const { rRes, rSq } = searchCentres(
    rn,
    rOffsets,
    rTargets,
    rHang,
    Int32Array.from(roots),
    mult,
    !!squares,
  );
  for (let r = 0; r < rn; r++) {
    result[gOf[r]] += rRes[r];
    if (squares) squares[gOf[r]] += rSq![r];
  }
  return result;
}

/**
 * Blocks (biconnected components) by Hopcroft–Tarjan, iteratively; per component, the block
 * with the most people becomes its centre (`inC`); a person without ties is their own centre.
 * Also the component of each person and each component's size; `dfs` and `stamp` are n-long
 * scratch arrays handed on for reuse.
 */
function centres(csr: Csr) {
  const n = csr.n;
  const { offsets, targets } = csr;
  const entries = offsets[n];
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const up = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  const comp = new Int32Array(n);
  const dfs = new Int32Array(n);
  const edges = new Int32Array(2 * entries + 2);
  const log = new Int32Array(entries + 1);
  const stamp = new Int32Array(n).fill(-1);
  const inC = new Uint8Array(n);
  const compSize: number[] = [];
  let time = 0;
  let blockId = 0;
  for (let s = 0; s < n; s++) {
    if (disc[s] >= 0) continue;
    const c = compSize.length;
    let size = 1;
    let bestStart = -1;
    let bestLen = 0;
    let logLen = 0;
    let ep = 0;
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
          up[w] = v;
          disc[w] = low[w] = time++;
          next[w] = offsets[w];
          comp[w] = c;
          size++;
          edges[ep++] = v;
          edges[ep++] = w;
          dfs[dp++] = w;
        } else if (w !== up[v] && disc[w] < disc[v]) {
          if (disc[w] < low[v]) low[v] = disc[w];
          edges[ep++] = v;
          edges[ep++] = w;
        }
      } else {
        dp--;
        const p = up[v];
        if (p < 0) continue;
        if (low[v] < low[p]) low[p] = low[v];
        if (low[v] >= disc[p]) {
          // The block ends with the tree edge p–v: its people go to the log.
          const start = logLen;
          blockId++;
          for (;;) {
            const b = edges[--ep];
            const a = edges[--ep];
            if (stamp[a] !== blockId) {
              stamp[a] = blockId;
              log[logLen++] = a;
            }
            if (stamp[b] !== blockId) {
              stamp[b] = blockId;
              log[logLen++] = b;
            }
            if (a === p && b === v) break;
          }
          const len = logLen - start;
          if (len > bestLen) {
            // Keep only the largest block's people at the front of the log.
            if (start > 0) log.copyWithin(0, start, logLen);
            bestStart = 0;
            bestLen = len;
            logLen = len;
          } else {
            logLen = bestLen;
          }
        }
      }
    }
    compSize.push(size);
    if (bestStart < 0) inC[s] = 1;
    else for (let i = 0; i < bestLen; i++) inC[log[i]] = 1;
  }

  return { inC, comp, compSize, dfs, stamp };
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
 * (1 + δ)/σ stored in place of σ on the way back), with δ(v) starting at h(v) (`hang`).
 */
function searchCentres(
  rn: number,
  rOffsets: Int32Array,
  rTargets: Int32Array,
  rHang: Float64Array,
  roots: Int32Array,
  mult: Float64Array,
  withSquares: boolean,
) {
  const order = new Int32Array(rn);
  const sig = new Float64Array(rn);
  const pos = new Int32Array(rn).fill(-1);
  const succ = new Int32Array(rOffsets[rn]);
  const segment = new Int32Array(rn + 1);
  const rRes = new Float64Array(rn);
  const rSq = withSquares ? new Float64Array(rn) : null;
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
      if (head === levelEnd) {
        levelEnd = tail;
        nextLevel = base + tail;
      }
      segment[head] = ns;
      const v = order[head];
      const sv = sig[head++];
      for (let j = rOffsets[v], e = rOffsets[v + 1]; j < e; j++) {
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
  return { rRes, rSq };
}
