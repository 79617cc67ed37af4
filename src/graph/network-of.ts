import type { DatasetIndex } from '../core/dataset-index.js';
import { resolveWindow } from '../core/window.js';
import { type CoOffendingEdges, windowEdges } from './co-offending-edges.js';
import { type Csr, csrFromArrays } from './csr.js';

/** A co-offending network as of a window, as an edge list and a CSR in person-number order. */
export interface Network {
  edges: CoOffendingEdges;
  /** Node u of the CSR is person number u (`index.personIds[u]`); weights are `edges.weight`. */
  csr: Csr;
}

const networkCache = new WeakMap<DatasetIndex, Map<string, Network>>();

/**
 * The co-offending network of the window (cached per index, window and half-life), with node
 * numbers equal to person numbers so per-person arrays index it directly.
 */
export function networkOf(
  index: DatasetIndex,
  options: { asOf: number; since?: number; retentionYears?: number; halfLifeDays?: number },
): Network {
  let byIndex = networkCache.get(index);
  if (!byIndex) networkCache.set(index, (byIndex = new Map()));
  const windowOptions = {
    asOf: Number.isFinite(options.asOf) ? options.asOf : undefined,
    since:
      options.since !== undefined && Number.isFinite(options.since) ? options.since : undefined,
    retentionYears: options.retentionYears,
  };
  // Keyed by the records the window holds, so callers with different retention options that
  // select the same records share one network.
  const w = resolveWindow(index, windowOptions);
  const halfLifeDays = options.halfLifeDays ?? 365;
  const key = `${w.lo}:${w.hi}:${w.reference}:${halfLifeDays}`;
  const hit = byIndex.get(key);
  if (hit) return hit;
  const edges = windowEdges(index, { ...windowOptions, halfLifeDays });
  const csr = csrFromArrays(index.personIds, edges.source, edges.target, edges.weight, {
    order: 'graph',
  });
  const net = { edges, csr };
  byIndex.set(key, net);
  return net;
}

/** Edge position (into `edges`) of the tie between person numbers a and b, or −1. */
export function findTie(edges: CoOffendingEdges, a: number, b: number): number {
  const s = Math.min(a, b);
  const t = Math.max(a, b);
  // Ties are sorted by (source, target): binary search on two keys (a hand loop, as d3-array's
  // bisector searches one array).
  let lo = 0;
  let hi = edges.source.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges.source[mid] < s || (edges.source[mid] === s && edges.target[mid] < t)) lo = mid + 1;
    else hi = mid;
  }
  return lo < edges.source.length && edges.source[lo] === s && edges.target[lo] === t ? lo : -1;
}
