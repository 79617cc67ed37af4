import { type IncidentStore, ROLE_OFFENDER } from './store.js';

/**
 * Co-offending ties with the day each began: person p's neighbours are
 * `neighbour[offset[p] .. offset[p+1])`, ascending by `since` (the day of the first incident
 * they were both offenders in), ties broken by neighbour number. The neighbours of p as of a
 * day D — ties dated strictly before D — are the prefix of length {@link TieTimeline.countBefore}.
 */
export interface TieTimeline {
  offset: Int32Array;
  neighbour: Int32Array;
  since: Int32Array;
  /** Number of p's ties that began strictly before day `day`. */
  countBefore(p: number, day: number): number;
}

const DAY_SHIFT = 2 ** 21;

/** Builds the tie timeline from the offenders of every incident in `stores`, in O(ties · log). */
export function buildTieTimeline(n: number, stores: readonly IncidentStore[]): TieTimeline {
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (const s of stores) {
    for (const d of s.day) {
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    }
  }
  if (maxDay - minDay >= DAY_SHIFT) throw new RangeError('synthetic period too long');

  // One entry per (person, co-offender, incident) occurrence.
  const count = new Int32Array(n + 1);
  const offenders: number[] = [];
  const forEachOffenderSet = (fn: (day: number) => void) => {
    for (const s of stores) {
      for (let i = 0; i < s.size; i++) {
        offenders.length = 0;
        for (let e = s.invOffset[i]; e < s.invOffset[i + 1]; e++) {
          if (s.invRole[e] === ROLE_OFFENDER) offenders.push(s.invPerson[e]);
        }
        if (offenders.length > 1) fn(s.day[i]);
      }
    }
  };
  forEachOffenderSet(() => {
    for (const p of offenders) count[p + 1] += offenders.length - 1;
  });
  for (let p = 0; p < n; p++) count[p + 1] += count[p];
  const fill = count.slice(0, n);
  // Key: neighbour · 2^21 + relative day, exact in a double for up to 2^31 people.
  const key = new Float64Array(count[n]);
  forEachOffenderSet((day) => {
    const rel = day - minDay;
    for (const p of offenders) {
      for (const q of offenders) if (q !== p) key[fill[p]++] = q * DAY_SHIFT + rel;
    }
  });

  // Per person: sort by (neighbour, day), keep each neighbour's first day, re-sort by (day, neighbour).
  const offset = new Int32Array(n + 1);
  const firstKey = new Float64Array(count[n]);
  let out = 0;
  for (let p = 0; p < n; p++) {
    const seg = key.subarray(count[p], count[p + 1]).sort();
    const from = out;
    let last = -1;
    for (let e = 0; e < seg.length; e++) {
      const q = Math.floor(seg[e] / DAY_SHIFT);
      if (q === last) continue;
      last = q;
      firstKey[out++] = (seg[e] - q * DAY_SHIFT) * DAY_SHIFT * 1024 + q;
    }
    firstKey.subarray(from, out).sort();
    offset[p + 1] = out;
  }
  const neighbour = new Int32Array(out);
  const since = new Int32Array(out);
  const SCALE = DAY_SHIFT * 1024;
  for (let e = 0; e < out; e++) {
    const rel = Math.floor(firstKey[e] / SCALE);
    neighbour[e] = firstKey[e] - rel * SCALE;
    since[e] = rel + minDay;
  }

  return {
    offset,
    neighbour,
    since,
    // A hand loop, not d3-array's bisect: called per simulated event, and d3's costs 1.3× per
    // search (bench/results/bisect.md).
    countBefore(p, day) {
      let lo = offset[p];
      let hi = offset[p + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (since[mid] < day) lo = mid + 1;
        else hi = mid;
      }
      return lo - offset[p];
    },
  };
}
