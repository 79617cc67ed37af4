import type { AbstractGraph } from 'graphology-types';
import { type DatasetIndex, ROLE_CODE } from '../../core/dataset-index.js';
import { type Csr, toCsr } from '../../graph/csr.js';

/** A prebuilt co-offending network: a graphology graph (person ids as keys) or its CSR snapshot. */
export type NetworkInput = Csr | AbstractGraph;

/** True when `x` is a {@link Csr} snapshot rather than a graphology graph. */
export function isCsr(x: NetworkInput): x is Csr {
  return (x as Csr).offsets instanceof Int32Array && (x as Csr).targets instanceof Int32Array;
}

/** A supplied network as person-numbered adjacency: `nbr[offsets[p] .. offsets[p+1])`. */
export interface StaticTies {
  offsets: Int32Array;
  nbr: Int32Array;
}

/**
 * Person-numbered ties from a supplied network. Nodes whose id is not a person of the dataset
 * are left out (they cannot take part in an incident of the data).
 */
export function staticTies(index: DatasetIndex, graph: NetworkInput): StaticTies {
  const csr = isCsr(graph) ? graph : toCsr(graph, { order: 'graph', weight: null });
  const n = index.personIds.length;
  const map = new Int32Array(csr.n);
  for (let u = 0; u < csr.n; u++) map[u] = index.personIndex.get(csr.ids[u]) ?? -1;
  const offsets = new Int32Array(n + 1);
  for (let u = 0; u < csr.n; u++) {
    if (map[u] < 0) continue;
    for (let j = csr.offsets[u]; j < csr.offsets[u + 1]; j++) {
      if (map[csr.targets[j]] >= 0) offsets[map[u] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const nbr = new Int32Array(offsets[n]);
  for (let u = 0; u < csr.n; u++) {
    if (map[u] < 0) continue;
    for (let j = csr.offsets[u]; j < csr.offsets[u + 1]; j++) {
      const v = map[csr.targets[j]];
      if (v >= 0) nbr[fill[map[u]]++] = v;
    }
  }
  return { offsets, nbr };
}

/**
 * The positions [startPos, endPos) of the incidents certainly before an event at `day`
 * (`timed` when its time is known), within `retentionDays`: with a time, the earlier incidents
 * of its day count when they have a time too (skip untimed ones from `untimedFrom`).
 */
export function tiesBefore(
  index: DatasetIndex,
  day: number,
  timed: number,
  retentionDays: number,
): { startPos: number; endPos: number; untimedFrom: number } {
  const startPos = index.lowerBound(day - retentionDays);
  if (!timed) {
    const endPos = index.lowerBound(Math.floor(day));
    return { startPos, endPos, untimedFrom: endPos };
  }
  return {
    startPos,
    endPos: index.lowerBound(day),
    untimedFrom: index.lowerBound(Math.floor(day)),
  };
}

/**
 * Calls `visit(q, k)` for every co-offender q of person p in incident k, over p's incidents as
 * an offender at positions in [startPos, endPos), oldest first. Incidents without a time of day
 * at positions ≥ `untimedFrom` are skipped (they share the day of an event with a known time,
 * so whether the tie existed before it is unknown). This is the co-offending network
 * of a window read straight from the person → incidents index: no edge list is built, so asking
 * about a few people is cheap. A co-offender shared in several incidents is visited once per
 * incident.
 */
export function forEachCoOffender(
  index: DatasetIndex,
  p: number,
  startPos: number,
  endPos: number,
  visit: (q: number, k: number) => void,
  untimedFrom: number = endPos,
): void {
  const { personInc, personIncRole, invOffset, invPerson, invRole, timed } = index;
  const lo = index.personIncOffset[p];
  const hi = index.personIncOffset[p + 1];
  for (let j = firstAtLeast(personInc, lo, hi, startPos); j < hi; j++) {
    const k = personInc[j];
    if (k >= endPos) break;
    if (personIncRole[j] !== ROLE_CODE.offender) continue;
    if (k >= untimedFrom && !timed[k]) continue;
    // p may hold two entries for one incident; visit its co-offenders once.
    if (j > lo && personInc[j - 1] === k && personIncRole[j - 1] === ROLE_CODE.offender) continue;
    const first = invOffset[k];
    for (let e = first; e < invOffset[k + 1]; e++) {
      const q = invPerson[e];
      if (q === p || invRole[e] !== ROLE_CODE.offender || listedBefore(index, first, e, q))
        continue;
      visit(q, k);
    }
  }
}

/** First slot in the ascending `list[lo..hi)` holding a value ≥ x. */
function firstAtLeast(list: Int32Array, lo: number, hi: number, x: number): number {
  // A hand loop, not d3-array's bisect: called per event by the detector, and d3's costs 1.3× per
  // search (bench/results/bisect.md).
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether person q is already listed as an offender at involvement slots [from, e). */
function listedBefore(index: DatasetIndex, from: number, e: number, q: number): boolean {
  for (let f = from; f < e; f++) {
    if (index.invPerson[f] === q && index.invRole[f] === ROLE_CODE.offender) return true;
  }
  return false;
}
