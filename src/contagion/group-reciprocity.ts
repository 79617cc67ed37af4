import { type ColumnTable, table } from 'arquero';
import louvain from 'graphology-communities-louvain';
import { type DatasetIndex, indexDataset } from '../core/dataset-index.js';
import { createRng } from '../core/rng.js';
import { type DateLike, dayToIso } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { resolveWindow } from '../core/window.js';
import { coOffendingGraph } from '../graph/co-offending-graph.js';
import { forEachCoOffender } from './reciprocal/network.js';
import {
  upperBound,
  type ViolentIncidents,
  violentIncidents,
} from './reciprocal/violent-incidents.js';

/** Options of {@link groupReciprocity}. */
export interface GroupReciprocityOptions {
  /**
   * Where each person's group comes from: `'people'` (the people table's `group`), `'louvain'`
   * (Louvain communities of the co-offending network as of `asOf`, seeded; people without ties
   * have none), or an explicit map person id → group name (a `Map` or a plain object).
   * Default: `'people'` when the people table names any group, else `'louvain'`.
   */
  groups?: 'people' | 'louvain' | ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Use only incidents dated strictly before this date. Default: all records. */
  asOf?: DateLike;
  /** Use only incidents dated on or after this date. Default: `asOf − retentionYears`. */
  since?: DateLike;
  /** Retention horizon in years (see `WindowOptions`). Default 6. */
  retentionYears?: number;
  /** An attack g → h is answered when h attacks g within this many days after it. Default 90. */
  windowDays?: number;
  /** Incidents count as attacks when their severity is at least this (0–4). Default 2. */
  minSeverity?: number;
  /** Seed of the Louvain run (`groups: 'louvain'`). Default 1. */
  seed?: number;
  /** Louvain resolution (`groups: 'louvain'`); higher gives smaller communities. Default 1. */
  resolution?: number;
}

const DEFAULTS = { windowDays: 90, minSeverity: 2, seed: 1, resolution: 1 } as const;

/** Result of {@link groupReciprocity}. */
export interface GroupReciprocity {
  /**
   * One row per ordered pair of groups (g, h) with at least one attack, by `from_group` then
   * `to_group`: `from_group`, `to_group`, `attacks` (incidents with an offender in g and a
   * victim in h), `answered` (those followed by an attack h → g within `windowDays`; same-day
   * incidents are ordered by time, then id), `reciprocity` = answered / attacks. Rows with
   * g = h (violence inside a group) carry `null` in `answered` and `reciprocity`.
   */
  pairs: ColumnTable;
  /** Overall reciprocity index: Σ answered / Σ attacks over pairs of different groups (NaN if none). */
  reciprocity: number;
  /** Attacks between different groups, and how many were answered. */
  attacks: number;
  answered: number;
  /**
   * Pairs of people who co-offended before one of them victimised the other ("turned sour"),
   * one row per ordered pair, by the date of the first such incident: `offender_id`,
   * `victim_id`, `incident_id` and `date` (the first incident of at least `minSeverity` in
   * which the one harmed the other after a shared offence), `severity`, `co_offences` (shared
   * offences dated before it), `last_co_offence` (ISO), `days_since_co_offence`, `incidents`
   * (all such incidents of the pair), `same_group` (whether both are in one group).
   */
  turnedSour: ColumnTable;
  /** The group of each person used (`person_id`, `group`), for people who have one. */
  membership: ColumnTable;
}

/**
 * Group-to-group directed violence and its reciprocity (after Papachristos 2009): how often an
 * attack by group g on group h is answered by h on g within a window, per pair and overall;
 * plus the pairs of people whose co-offending turned sour.
 *
 * A person recorded as both offender and victim of one incident is on neither side of it.
 * Reciprocity is a temporal pattern between groups, not proof that one attack caused another.
 *
 * @example
 * const r = groupReciprocity(data, { asOf: '2024-01-01', windowDays: 90 });
 * r.reciprocity; // share of between-group attacks answered within 90 days
 * r.pairs.orderby(aq.desc('attacks')).print();
 */
export function groupReciprocity(
  data: Dataset | DatasetIndex,
  options: GroupReciprocityOptions = {},
): GroupReciprocity {
  const index = 'personIds' in data ? data : indexDataset(data);
  const windowDays = options.windowDays ?? DEFAULTS.windowDays;
  const minSeverity = options.minSeverity ?? DEFAULTS.minSeverity;
  if (!(windowDays >= 0)) throw new RangeError('windowDays must be a number of days ≥ 0');
  const win = resolveWindow(index, options);
  const { group, names } = resolveGroups(index, options);
  const vi = violentIncidents(index, win.lo, win.hi, minSeverity);
  const nV = vi.pos.length;
  const nG = names.length;

  // Attacks per ordered pair of groups: each incident once per (g, h).
  const byPair = new Map<number, number[]>();
  const seenPair = new Set<number>();
  for (let i = 0; i < nV; i++) {
    seenPair.clear();
    for (let j = vi.offOffset[i]; j < vi.offOffset[i + 1]; j++) {
      const g = group[vi.off[j]];
      if (g < 0) continue;
      for (let k = vi.vicOffset[i]; k < vi.vicOffset[i + 1]; k++) {
        const h = group[vi.vic[k]];
        if (h < 0) continue;
        const key = g * nG + h;
        if (seenPair.has(key)) continue;
        seenPair.add(key);
        let list = byPair.get(key);
        if (!list) byPair.set(key, (list = []));
        list.push(i);
      }
    }
  }
  const day = (i: number) => index.day[vi.pos[i]];
  const keys = [...byPair.keys()].sort((x, y) => {
    const gx = Math.floor(x / nG);
    const gy = Math.floor(y / nG);
    return cmp(names[gx], names[gy]) || cmp(names[x % nG], names[y % nG]);
  });
  const cols = {
    from_group: [] as string[],
    to_group: [] as string[],
    attacks: [] as number[],
    answered: [] as (number | null)[],
    reciprocity: [] as (number | null)[],
  };
  let attacks = 0;
  let answered = 0;
  for (const key of keys) {
    const g = Math.floor(key / nG);
    const h = key % nG;
    const list = byPair.get(key)!;
    cols.from_group.push(names[g]);
    cols.to_group.push(names[h]);
    cols.attacks.push(list.length);
    if (g === h) {
      cols.answered.push(null);
      cols.reciprocity.push(null);
      continue;
    }
    const back = Int32Array.from(byPair.get(h * nG + g) ?? []);
    let ans = 0;
    for (const a of list) {
      const at = upperBound(back, 0, back.length, a);
      if (at < back.length && day(back[at]) - day(a) <= windowDays) ans++;
    }
    cols.answered.push(ans);
    cols.reciprocity.push(ans / list.length);
    attacks += list.length;
    answered += ans;
  }

  const membershipIds: string[] = [];
  const membershipGroups: string[] = [];
  for (let p = 0; p < index.personIds.length; p++) {
    if (group[p] < 0) continue;
    membershipIds.push(index.personIds[p]);
    membershipGroups.push(names[group[p]]);
  }
  return {
    pairs: table(cols),
    reciprocity: attacks > 0 ? answered / attacks : Number.NaN,
    attacks,
    answered,
    turnedSour: turnedSour(index, vi, win.lo, group),
    membership: table({ person_id: membershipIds, group: membershipGroups }),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Person number → group number, and group names. */
function resolveGroups(
  index: DatasetIndex,
  options: GroupReciprocityOptions,
): { group: Int32Array; names: string[] } {
  const n = index.personIds.length;
  const source = options.groups ?? (index.groupNames.length > 0 ? 'people' : 'louvain');
  if (source === 'people')
    return { group: index.group as Int32Array, names: [...index.groupNames] };
  const group = new Int32Array(n).fill(-1);
  const names: string[] = [];
  const number = new Map<string, number>();
  const assign = (p: number, name: string) => {
    let g = number.get(name);
    if (g === undefined) {
      g = names.length;
      names.push(name);
      number.set(name, g);
    }
    group[p] = g;
  };
  if (source === 'louvain') {
    const graph = coOffendingGraph(index, {
      asOf: options.asOf,
      since: options.since,
      retentionYears: options.retentionYears,
      includeIsolates: false,
    });
    if (graph.size === 0) return { group, names };
    const rng = createRng(options.seed ?? DEFAULTS.seed);
    const communities = louvain(graph, {
      getEdgeWeight: 'weight',
      resolution: options.resolution ?? DEFAULTS.resolution,
      rng: rng.random,
    });
    // Name communities C1, C2, … in order of their first member's id, so names are stable.
    const label = new Map<number, string>();
    for (let p = 0; p < n; p++) {
      const c = communities[index.personIds[p]];
      if (c === undefined) continue;
      if (!label.has(c)) label.set(c, `C${label.size + 1}`);
      assign(p, label.get(c)!);
    }
    return { group, names };
  }
  const map: ReadonlyMap<string, string> =
    source instanceof Map ? source : new Map(Object.entries(source as Record<string, string>));
  for (const [id, name] of map) {
    const p = index.personIndex.get(id);
    if (p !== undefined && name !== '') assign(p, name);
  }
  return { group, names };
}

function turnedSour(
  index: DatasetIndex,
  vi: ViolentIncidents,
  startPos: number,
  group: Int32Array,
): ColumnTable {
  const n = index.personIds.length;
  const rows = new Map<
    number,
    { first: number; shared: number; lastShared: number; count: number }
  >();
  const order: number[] = [];
  let other = -1;
  let shared = 0;
  let lastShared = Number.NaN;
  let lastK = -1;
  const visit = (q: number, k: number) => {
    if (q !== other || k === lastK) return;
    lastK = k;
    shared++;
    if (!(lastShared >= index.day[k])) lastShared = index.day[k];
  };
  for (let i = 0; i < vi.pos.length; i++) {
    const endPos = index.lowerBound(index.day[vi.pos[i]]);
    for (let j = vi.offOffset[i]; j < vi.offOffset[i + 1]; j++) {
      const o = vi.off[j];
      for (let m = vi.vicOffset[i]; m < vi.vicOffset[i + 1]; m++) {
        const v = vi.vic[m];
        const key = o * n + v;
        const row = rows.get(key);
        if (row) {
          row.count++;
          continue;
        }
        // Shared offences dated before this incident's day, in the analysis window.
        other = v;
        shared = 0;
        lastShared = Number.NaN;
        lastK = -1;
        forEachCoOffender(index, o, startPos, endPos, visit);
        if (shared === 0) continue;
        rows.set(key, { first: i, shared, lastShared, count: 1 });
        order.push(key);
      }
    }
  }
  const cols = {
    offender_id: [] as string[],
    victim_id: [] as string[],
    incident_id: [] as string[],
    date: [] as string[],
    severity: [] as number[],
    co_offences: [] as number[],
    last_co_offence: [] as string[],
    days_since_co_offence: [] as number[],
    incidents: [] as number[],
    same_group: [] as boolean[],
  };
  for (const key of order) {
    const row = rows.get(key)!;
    const o = Math.floor(key / n);
    const v = key % n;
    const inc = index.incidents[vi.pos[row.first]];
    cols.offender_id.push(index.personIds[o]);
    cols.victim_id.push(index.personIds[v]);
    cols.incident_id.push(inc.incident_id);
    cols.date.push(inc.date);
    cols.severity.push(inc.severity);
    cols.co_offences.push(row.shared);
    cols.last_co_offence.push(dayToIso(row.lastShared));
    cols.days_since_co_offence.push(inc.day - row.lastShared);
    cols.incidents.push(row.count);
    cols.same_group.push(group[o] >= 0 && group[o] === group[v]);
  }
  return table(cols);
}
