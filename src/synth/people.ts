import type { Rng } from '../core/rng.js';
import { AREAS } from './store.js';

/** The synthetic population: people, their groups and who they usually offend with. */
export interface Population {
  n: number;
  /** 'P-000001' … (zero-padded, so sorted order = numeric order). */
  ids: string[];
  /** Offending propensity, lognormal with mean 1. */
  propensity: Float64Array;
  birthYear: Int32Array;
  /** Group number of each person, −1 for none. */
  group: Int32Array;
  groupNames: string[];
  /** Members of each group, ascending. */
  members: Int32Array[];
  /** Everyone in some group, ascending. */
  grouped: Int32Array;
  /** Everyone in no group, ascending. */
  ungrouped: Int32Array;
  /** Each group's turf (area number). */
  groupArea: Int32Array;
  /** Each person's home area: the group's turf, or a random area for people in no group. */
  homeArea: Int32Array;
  /** Usual partners of person p: `partner[partnerOffset[p] .. partnerOffset[p+1])` (symmetric). */
  partnerOffset: Int32Array;
  partner: Int32Array;
}

/** Lognormal σ of offending propensity (mean 1): the top 1% offend ~10× the average. */
const PROPENSITY_SIGMA = 1;
/** Lognormal σ of group-size weights. */
const GROUP_SIZE_SIGMA = 1;
/** Share of people in no group. */
const UNGROUPED_SHARE = 0.3;
/** Mean number of usual partners each person chooses (partnerships are mutual, so degree ≈ 2×). */
const PARTNERS_GROUPED = 1;
const PARTNERS_UNGROUPED = 0.6;

/** Pads `i + 1` to `width` digits behind `prefix`. */
export function padId(prefix: string, i: number, width: number): string {
  return `${prefix}${String(i + 1).padStart(width, '0')}`;
}

/** Builds the population (ids, propensity, groups, turf, usual partners) from its own stream. */
export function makePopulation(
  rng: Rng,
  n: number,
  nGroups: number,
  startYear: number,
): Population {
  const width = Math.max(6, String(n).length);
  const ids = new Array<string>(n);
  const propensity = new Float64Array(n);
  const birthYear = new Int32Array(n);
  const s = PROPENSITY_SIGMA;
  for (let p = 0; p < n; p++) {
    ids[p] = padId('P-', p, width);
    propensity[p] = Math.exp(s * rng.normal() - (s * s) / 2);
    // Ages at the start: 15 plus an exponential with mean 9 years, capped at 60.
    birthYear[p] = startYear - Math.min(60, 15 + Math.floor(rng.exponential(1 / 9)));
  }

  // Groups: heavy-tailed sizes (each at least 2 when there are enough people), some people in none.
  const group = new Int32Array(n).fill(-1);
  const gWidth = Math.max(3, String(nGroups).length);
  const groupNames = Array.from({ length: nGroups }, (_, g) => padId('G-', g, gWidth));
  const nGrouped = nGroups === 0 ? 0 : Math.max(nGroups, Math.round((1 - UNGROUPED_SHARE) * n));
  const order = rng.shuffle(Array.from({ length: n }, (_, p) => p));
  if (nGroups > 0) {
    const base = nGrouped >= 2 * nGroups ? 2 : 1;
    const sizes = new Int32Array(nGroups).fill(base);
    const cum = new Float64Array(nGroups);
    let acc = 0;
    for (let g = 0; g < nGroups; g++) {
      acc += Math.exp(GROUP_SIZE_SIGMA * rng.normal());
      cum[g] = acc;
    }
    for (let r = base * nGroups; r < nGrouped; r++) sizes[upperBound(cum, rng.random() * acc)]++;
    let at = 0;
    for (let g = 0; g < nGroups; g++) {
      for (let k = 0; k < sizes[g]; k++) group[order[at++]] = g;
    }
  }
  const memberLists: number[][] = Array.from({ length: nGroups }, () => []);
  const groupedList: number[] = [];
  const ungroupedList: number[] = [];
  for (let p = 0; p < n; p++) {
    if (group[p] >= 0) {
      memberLists[group[p]].push(p);
      groupedList.push(p);
    } else ungroupedList.push(p);
  }
  const members = memberLists.map((m) => Int32Array.from(m));
  const grouped = Int32Array.from(groupedList);
  const ungrouped = Int32Array.from(ungroupedList);

  const groupArea = new Int32Array(nGroups);
  for (let g = 0; g < nGroups; g++) groupArea[g] = rng.int(AREAS);
  const homeArea = new Int32Array(n);
  for (let p = 0; p < n; p++) homeArea[p] = group[p] >= 0 ? groupArea[group[p]] : rng.int(AREAS);

  // Usual partners: each person picks a few inside their group (or among people in no group);
  // partnerships are mutual. Most co-offending happens along these, which keeps the network
  // sparse and clustered, as real co-offending networks are.
  const a: number[] = [];
  const b: number[] = [];
  for (let p = 0; p < n; p++) {
    const pool = group[p] >= 0 ? members[group[p]] : ungrouped;
    if (pool.length < 2) continue;
    const m = rng.poisson(group[p] >= 0 ? PARTNERS_GROUPED : PARTNERS_UNGROUPED);
    for (let k = 0; k < m; k++) {
      const q = pool[rng.int(pool.length)];
      if (q === p) continue;
      a.push(p);
      b.push(q);
    }
  }
  const partnerOffset = new Int32Array(n + 1);
  for (let e = 0; e < a.length; e++) {
    partnerOffset[a[e] + 1]++;
    partnerOffset[b[e] + 1]++;
  }
  for (let p = 0; p < n; p++) partnerOffset[p + 1] += partnerOffset[p];
  const fill = partnerOffset.slice(0, n);
  const partner = new Int32Array(partnerOffset[n]);
  for (let e = 0; e < a.length; e++) {
    partner[fill[a[e]]++] = b[e];
    partner[fill[b[e]]++] = a[e];
  }

  return {
    n,
    ids,
    propensity,
    birthYear,
    group,
    groupNames,
    members,
    grouped,
    ungrouped,
    groupArea,
    homeArea,
    partnerOffset,
    partner,
  };
}

/** First index i with cum[i] > x (cum ascending). */
export function upperBound(cum: Float64Array, x: number): number {
  // A hand loop, not d3-array's bisect: called per weighted draw, and d3's costs 1.3× per search
  // (bench/results/bisect.md).
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
