import { csrFromArrays } from '../../graph/csr.js';
import { louvain } from '../../metrics/community/louvain.js';
import type { HawkesData } from './prepare.js';

/**
 * The events of each person's group, for the group background covariate ("recent serious
 * violence in the person's group"): the number of events of other members of the person's
 * group dated in the trailing `days` days. An event dated d counts over [d, d + days) for every
 * other member (the left limit at t: d < t ≤ d + days), as a record counts in the record counts.
 */
export interface GroupEvents {
  /** Days an event counts for the other members of its group. */
  days: number;
  /** Group of each person (−1: none). A group may have one member (its count is always 0). */
  group: Int32Array;
  /** The events of group g are positions `offset[g] .. offset[g+1]` of `day` / `person`, in time order. */
  offset: Int32Array;
  day: Float64Array;
  person: Int32Array;
  /** Number of group numbers (groups of one member included). */
  count: number;
}

/**
 * Louvain communities (seeded, unweighted) of the co-offending ties of a fit's records window
 * (every tie of the window, whatever its date): the group of each person, −1 for people without
 * ties. Groups numbered 0 = largest.
 */
export function louvainGroups(data: HawkesData, seed: number, resolution = 1): Int32Array {
  const n = data.nPeople;
  const { tieOffset, tieNeighbour } = data;
  let m = 0;
  for (let p = 0; p < n; p++)
    for (let x = tieOffset[p]; x < tieOffset[p + 1]; x++) if (tieNeighbour[x] > p) m++;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  m = 0;
  for (let p = 0; p < n; p++)
    for (let x = tieOffset[p]; x < tieOffset[p + 1]; x++)
      if (tieNeighbour[x] > p) {
        src[m] = p;
        dst[m++] = tieNeighbour[x];
      }
  const ids = data.index.personIds.slice(0, n) as string[];
  const csr = csrFromArrays(ids, src, dst, null, { order: 'graph' });
  const values = louvain.values(csr, { seed, weight: null, resolution }) as ArrayLike<number>;
  const group = new Int32Array(n);
  for (let p = 0; p < n; p++) group[p] = tieOffset[p + 1] > tieOffset[p] ? values[p] : -1;
  return group;
}

/** The event lists of each group (every event of the fit's data: history and modelled). */
export function buildGroupEvents(data: HawkesData, group: Int32Array, days: number): GroupEvents {
  let count = 0;
  for (let p = 0; p < group.length; p++) count = Math.max(count, group[p] + 1);
  const offset = new Int32Array(count + 1);
  const nEv = data.evDay.length;
  for (let i = 0; i < nEv; i++) {
    const g = group[data.evPerson[i]];
    if (g >= 0) offset[g + 1]++;
  }
  for (let g = 0; g < count; g++) offset[g + 1] += offset[g];
  const fill = offset.slice(0, count);
  const day = new Float64Array(offset[count]);
  const person = new Int32Array(offset[count]);
  // Events are in time order, so each group's list is too.
  for (let i = 0; i < nEv; i++) {
    const p = data.evPerson[i];
    const g = group[p];
    if (g < 0) continue;
    const at = fill[g]++;
    day[at] = data.evDay[i];
    person[at] = p;
  }
  return { days, group, offset, day, person, count };
}

/**
 * The group count of person p at `day`: other members' events dated before `day` and after
 * `day − days` (the left limit at `day`: d < day ≤ d + days), or, with `inclusive`, the value on
 * [day, …): d ≤ day < d + days.
 */
export function groupCountAt(G: GroupEvents, p: number, day: number, inclusive = false): number {
  const g = p >= 0 && p < G.group.length ? G.group[p] : -1;
  if (g < 0) return 0;
  let c = 0;
  for (let x = G.offset[g]; x < G.offset[g + 1]; x++) {
    const d = G.day[x];
    if (inclusive ? d > day : d >= day) break;
    if (G.person[x] === p) continue;
    if (inclusive ? d + G.days <= day : d + G.days < day) continue;
    c++;
  }
  return c;
}

/**
 * The people table's groups of a fit's people (−1 for none); a dated label counts when it holds
 * at the end of the records window.
 */
export function peopleGroups(data: HawkesData): Int32Array {
  const n = data.nPeople;
  const group = new Int32Array(n);
  const idx = data.index;
  const at = data.end - 1;
  for (let p = 0; p < n; p++) {
    const g = idx.group[p];
    group[p] = g >= 0 && idx.groupSince[p] <= at && at < idx.groupUntil[p] ? g : -1;
  }
  return group;
}
