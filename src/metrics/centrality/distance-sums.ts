import type { Csr } from '../../graph/csr.js';
import { IndexHeap } from '../shared.js';

/**
 * For every node u, from one shortest-path search (BFS, or Dijkstra on `lengths`) over u's
 * in-ties — distances *to* u, as networkx's closeness on directed graphs; the same thing on
 * undirected ones: `total[u]` = Σ d(v,u), `reached[u]` = nodes reached including u,
 * `inverse[u]` = Σ 1/d(v,u) over v ≠ u.
 */
export function distanceSums(
  csr: Csr,
  lengths: { out: Float64Array; in: Float64Array } | null,
): { total: Float64Array; reached: Int32Array; inverse: Float64Array } {
  const n = csr.n;
  const total = new Float64Array(n);
  const reached = new Int32Array(n);
  const inverse = new Float64Array(n);
  const { inOffsets: off, inTargets: tg } = csr;
  const order = new Int32Array(n);
  if (!lengths) {
    multiSourceBfs(csr, total, reached, inverse);
    return { total, reached, inverse };
  }
  const len = lengths.in;
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const heap = new IndexHeap(n, dist);
  for (let s = 0; s < n; s++) {
    let tail = 0;
    dist[s] = 0;
    heap.push(s);
    let sum = 0;
    let hsum = 0;
    while (heap.size > 0) {
      const v = heap.pop();
      done[v] = 1;
      order[tail++] = v;
      const dv = dist[v];
      if (v !== s) {
        sum += dv;
        hsum += 1 / dv;
      }
      for (let j = off[v], e = off[v + 1]; j < e; j++) {
        const w = tg[j];
        if (done[w]) continue;
        const alt = dv + len[j];
        const dw = dist[w];
        if (alt < dw) {
          dist[w] = alt;
          if (dw === Infinity) heap.push(w);
          else heap.decrease(w);
        }
      }
    }
    total[s] = sum;
    inverse[s] = hsum;
    reached[s] = tail;
    for (let i = 0; i < tail; i++) {
      const v = order[i];
      dist[v] = Infinity;
      done[v] = 0;
    }
  }
  return { total, reached, inverse };
}

/**
 * Unweighted distance sums from every node by multi-source BFS (Then et al. 2014, "The more the
 * merrier"): 32 sources share one traversal, one bit each, so a tie is scanned once per level
 * for all of them instead of once per source. Sources are taken in snapshot (BFS) order, so a
 * batch sits close together and its frontiers overlap.
 */
function multiSourceBfs(csr: Csr, total: Float64Array, reached: Int32Array, inverse: Float64Array) {
  const n = csr.n;
  const { inOffsets: off, inTargets: tg } = csr;
  const seen = new Int32Array(n);
  const frontier = new Int32Array(n);
  const next = new Int32Array(n);
  let active = new Int32Array(n);
  let touched = new Int32Array(n);
  const visited = new Int32Array(n);
  const levelCount = new Int32Array(32);
  const sum = new Float64Array(32);
  const hsum = new Float64Array(32);
  const count = new Int32Array(32);
  for (let base = 0; base < n; base += 32) {
    const B = Math.min(32, n - base);
    let nActive = 0;
    let nVisited = 0;
    for (let b = 0; b < B; b++) {
      const s = base + b;
      seen[s] |= 1 << b;
      frontier[s] |= 1 << b;
      if (frontier[s] === 1 << b) active[nActive++] = s;
      visited[nVisited++] = s;
      sum[b] = 0;
      hsum[b] = 0;
      count[b] = 1;
    }
    for (let d = 1; nActive > 0; d++) {
      let nTouched = 0;
      for (let a = 0; a < nActive; a++) {
        const v = active[a];
        const f = frontier[v];
        for (let j = off[v], e = off[v + 1]; j < e; j++) {
          const w = tg[j];
          const x = f & ~seen[w];
          if (x !== 0) {
            if (next[w] === 0) touched[nTouched++] = w;
            next[w] |= x;
          }
        }
      }
      for (let a = 0; a < nActive; a++) frontier[active[a]] = 0;
      levelCount.fill(0);
      for (let t = 0; t < nTouched; t++) {
        const w = touched[t];
        let x = next[w];
        next[w] = 0;
        if (seen[w] === 0) visited[nVisited++] = w;
        seen[w] |= x;
        frontier[w] = x;
        while (x !== 0) {
          const low = x & -x;
          levelCount[31 - Math.clz32(low)]++;
          x ^= low;
        }
      }
      // \`touched\` becomes the new active list (same contents); swap buffers.
      const tmp = active;
      active = touched;
      touched = tmp;
      nActive = nTouched;
      for (let b = 0; b < B; b++) {
        const c = levelCount[b];
        if (c) {
          sum[b] += c * d;
          hsum[b] += c / d;
          count[b] += c;
        }
      }
    }
    for (let b = 0; b < B; b++) {
      total[base + b] = sum[b];
      inverse[base + b] = hsum[b];
      reached[base + b] = count[b];
    }
    for (let i = 0; i < nVisited; i++) seen[visited[i]] = 0;
  }
}
