import { type ColumnTable, table } from 'arquero';
import { type DatasetIndex, groupAt, happensBefore, indexDataset } from '../core/dataset-index.js';
import { checkDatasetOrIndex } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { refuseSingleDate } from '../core/profile.js';
import { type DateLike, dayToIso } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { DEFAULT_RETENTION_YEARS, refuseOutsideRecords, resolveWindow } from '../core/window.js';
import { coOffendingEdges } from '../graph/co-offending-edges.js';
import { csrFromArrays } from '../graph/csr.js';
import { louvain } from '../metrics/community/louvain.js';
import { forEachCoOffender, tiesBefore } from './reciprocal/network.js';
import { type ViolentIncidents, violentIncidents } from './reciprocal/violent-incidents.js';

/** Options of {@link groupReciprocity}. */
export interface GroupReciprocityOptions {
  /**
   * Where each person's group comes from: `'people'` (the people table's `group`), `'louvain'`
   * (the communities {@link louvain} finds in the co-offending network as of `asOf`, seeded; people without ties
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

const RULES: OptionRules<GroupReciprocityOptions> = {
  groups: (v) =>
    v === 'people' || v === 'louvain' || v instanceof Map || (typeof v === 'object' && v !== null)
      ? undefined
      : "'people', 'louvain', or a map person id → group",
  asOf: rule.date,
  since: rule.date,
  retentionYears: rule.or(rule.number({ above: 0 }), (v) =>
    v === Number.POSITIVE_INFINITY ? undefined : 'Infinity',
  ),
  windowDays: rule.number({ min: 0 }),
  minSeverity: rule.number({ min: 0, max: 4 }),
  seed: rule.number({ integer: true }),
  resolution: rule.number({ above: 0 }),
};

/** Result of {@link groupReciprocity}. */
export interface GroupReciprocity {
  /**
   * One row per ordered pair of groups (g, h) with at least one attack, by `from_group` then
   * `to_group`: `from_group`, `to_group`, `attacks` (incidents with an offender in g and a
   * victim in h); `answered`, the attacks answered: each attack h → g (an answer) is matched to
   * one attack g → h, the latest one certainly before it within `windowDays` (the retaliation
   * detector's recency rule; same-day incidents with an unknown order are simultaneous, and
   * when the latest are simultaneous the answer is shared equally among them), so answered ≤
   * answers; `answers`, the attacks h → g matched to an attack g → h; `open`, the unanswered
   * attacks whose window runs past `asOf` (too recent to tell); `reciprocity` =
   * answered / (attacks − open), `null` when every attack is open. Rows with g = h (violence
   * inside a group) carry `null` in `answered`, `answers`, `open` and `reciprocity`. Rows:
   * {@link GroupPairRow}.
   */
  pairs: ColumnTable;
  /**
   * Overall reciprocity index: Σ answered / Σ (attacks − open) over pairs of different groups;
   * `null` when no attack between groups is closed (none at all, or all too recent to tell).
   */
  reciprocity: number | null;
  /** Attacks between different groups, how many were answered, and how many are still open. */
  attacks: number;
  answered: number;
  open: number;
  /**
   * Pairs of people who co-offended before one of them victimised the other ("turned sour"),
   * one row per ordered pair, by the date of the first such incident: `offender_id`,
   * `victim_id`, `incident_id` and `date` (the first incident of at least `minSeverity` in
   * which the one harmed the other after a shared offence), `severity`, `co_offences` (shared
   * offences dated before it), `last_co_offence` (ISO), `days_since_co_offence`, `incidents`
   * (all such incidents of the pair), `same_group` (whether both are in one group). Rows:
   * {@link TurnedSourRow}.
   */
  turnedSour: ColumnTable;
  /**
   * The group of each person used (`person_id`, `group`), for people who have one known as of
   * `asOf` (a dated label first recorded on or after it is left out, as is anyone first
   * recorded on or after it). Rows: {@link GroupMembershipRow}.
   */
  membership: ColumnTable;
  /** Plain-language warnings, e.g. that undated group labels were treated as timeless. */
  warnings: string[];
}

/**
 * One row of {@link GroupReciprocity}'s `pairs`, one per ordered pair of groups (g, h) with at
 * least one attack, as `r.pairs.objects() as GroupPairRow[]` reads it. Rows with g = h (violence
 * inside a group) carry null in `answered`, `answers`, `open` and `reciprocity`.
 */
export interface GroupPairRow {
  /** The attacking group g. */
  from_group: string;
  /** The attacked group h. */
  to_group: string;
  /** Incidents with an offender in g and a victim in h. */
  attacks: number;
  /**
   * Attacks g → h answered by an attack h → g within `windowDays` (an answer shared equally
   * among simultaneous attacks, so not always whole); ≤ `answers`; null when g = h.
   */
  answered: number | null;
  /** Attacks h → g matched to an attack g → h; null when g = h. */
  answers: number | null;
  /** Unanswered attacks whose window runs past `asOf` (too recent to tell); null when g = h. */
  open: number | null;
  /** `answered ÷ (attacks − open)` (0–1); null when every attack is open, or g = h. */
  reciprocity: number | null;
}

/**
 * One row of {@link GroupReciprocity}'s `turnedSour`, one per ordered pair of people who
 * co-offended before one of them victimised the other.
 */
export interface TurnedSourRow {
  /** The one who harmed. */
  offender_id: string;
  /** The one harmed. */
  victim_id: string;
  /** The first incident of severity ≥ `minSeverity` in which the one harmed the other after a shared offence. */
  incident_id: string;
  /** Its date (ISO, as the records give it). */
  date: string;
  /** Its severity (0–4). */
  severity: number;
  /** Offences the two shared dated before it. */
  co_offences: number;
  /** ISO date of the latest of those. */
  last_co_offence: string;
  /** Days from that shared offence to the incident. */
  days_since_co_offence: number;
  /** How many incidents of the pair are such harm (a count, not ids). */
  incidents: number;
  /** Whether both are in one group. */
  same_group: boolean;
}

/** One row of {@link GroupReciprocity}'s `membership`: the group used for a person. */
export interface GroupMembershipRow {
  /** The person. */
  person_id: string;
  /** Their group as of `asOf`. */
  group: string;
}

/**
 * Group-to-group directed violence and its reciprocity (after Papachristos 2009): how often an
 * attack by group g on group h is answered by h on g within a window, per pair and overall;
 * plus the pairs of people whose co-offending turned sour.
 *
 * A person recorded as both offender and victim of one incident is on neither side of it.
 * Reciprocity is a temporal pattern between groups, not proof that one attack caused another.
 * A window outside the records (`asOf` on or before the first record, or every record
 * past the retention horizon) is refused with a `DataRefusedError` (`outside-records`) naming the
 * records' dates, rather than read as "none found".
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
  checkDatasetOrIndex('groupReciprocity', data);
  options = checkOptions('groupReciprocity', options, RULES);
  const index = 'personIds' in data ? data : indexDataset(data);
  refuseSingleDate('groupReciprocity', index);
  const windowDays = options.windowDays ?? DEFAULTS.windowDays;
  const minSeverity = options.minSeverity ?? DEFAULTS.minSeverity;
  const win = resolveWindow(index, { ...options, fn: 'groupReciprocity' });
  refuseOutsideRecords('groupReciprocity', index, win);
  const { group, names } = resolveGroups(index, options);
  // People-table labels hold in [group_since, group_until) when dated; others always.
  const dated =
    (options.groups ?? (index.groupNames.length > 0 ? 'people' : 'louvain')) === 'people';
  const groupOn = dated ? (p: number, d: number) => groupAt(index, p, d) : (p: number) => group[p];
  const warnings: string[] = [];
  if (dated && index.undatedGroups > 0) {
    warnings.push(
      `${index.undatedGroups === 1 ? '1 group label of the people table carries no dates (group_since / group_until) and was treated as timeless: valid at any date, including before it was' : `${index.undatedGroups} group labels of the people table carry no dates (group_since / group_until) and were treated as timeless: valid at any date, including before they were`} recorded.`,
    );
  }
  const vi = violentIncidents(index, win.lo, win.hi, minSeverity);
  const nV = vi.pos.length;
  const nG = names.length;

  // Attacks per ordered pair of groups: each incident once per (g, h).
  const byPair = new Map<number, number[]>();
  const seenPair = new Set<number>();
  for (let i = 0; i < nV; i++) {
    seenPair.clear();
    const d = index.day[vi.pos[i]];
    for (let j = vi.offOffset[i]; j < vi.offOffset[i + 1]; j++) {
      const g = groupOn(vi.off[j], d);
      if (g < 0) continue;
      for (let k = vi.vicOffset[i]; k < vi.vicOffset[i + 1]; k++) {
        const h = groupOn(vi.vic[k], d);
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
  const timed = (i: number) => index.timed[vi.pos[i]];
  const before = (a: number, b: number) => happensBefore(day(a), timed(a), day(b), timed(b));
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
    answers: [] as (number | null)[],
    open: [] as (number | null)[],
    reciprocity: [] as (number | null)[],
  };
  let attacks = 0;
  let answered = 0;
  let open = 0;
  for (const key of keys) {
    const g = Math.floor(key / nG);
    const h = key % nG;
    const list = byPair.get(key)!;
    cols.from_group.push(names[g]);
    cols.to_group.push(names[h]);
    cols.attacks.push(list.length);
    if (g === h) {
      cols.answered.push(null);
      cols.answers.push(null);
      cols.open.push(null);
      cols.reciprocity.push(null);
      continue;
    }
    const m = matchAnswers(list, byPair.get(h * nG + g) ?? [], before, day, timed, windowDays);
    let ans = 0;
    let opened = 0;
    for (let k = 0; k < list.length; k++) {
      ans += Math.min(1, m.credit[k]);
      // Unanswered, and its window runs past asOf: an answer may yet come.
      if (m.credit[k] === 0 && day(list[k]) + windowDays >= win.reference) opened++;
    }
    cols.answered.push(ans);
    cols.answers.push(m.answers);
    cols.open.push(opened);
    cols.reciprocity.push(list.length > opened ? ans / (list.length - opened) : null);
    attacks += list.length;
    answered += ans;
    open += opened;
  }

  const membershipIds: string[] = [];
  const membershipGroups: string[] = [];
  for (let p = 0; p < index.personIds.length; p++) {
    // Nobody first recorded on or after asOf appears (people-table rows without any record
    // are kept: nothing dates them).
    if (group[p] < 0 || firstRecordedFrom(index, p, win.hi)) continue;
    // A dated label first recorded on or after asOf is not known as of asOf.
    if (dated && !(index.groupSince[p] < win.reference)) continue;
    membershipIds.push(index.personIds[p]);
    membershipGroups.push(names[group[p]]);
  }
  return {
    pairs: table(cols),
    reciprocity: attacks > open ? answered / (attacks - open) : null,
    attacks,
    answered,
    open,
    turnedSour: turnedSour(index, vi, win.lo, group),
    warnings,
    membership: table({ person_id: membershipIds, group: membershipGroups }),
  };
}

/** The default of each option (days, severity 0–4; `groups`: `'people'` when the people table has groups, else `'louvain'`; `retentionYears` 6). */
groupReciprocity.defaults = { ...DEFAULTS, retentionYears: DEFAULT_RETENTION_YEARS };

/** Whether person p has records, all at incident positions ≥ hi (first recorded on or after asOf). */
function firstRecordedFrom(index: DatasetIndex, p: number, hi: number): boolean {
  const a = index.personIncOffset[p];
  return a < index.personIncOffset[p + 1] && index.personInc[a] >= hi;
}

/**
 * Matches each answer (an attack h → g, in `back`) to the attack g → h it answers (in `list`):
 * the latest one certainly before it within `windowDays`; several simultaneous latest ones
 * share it equally. Returns each attack's credit (its answered share, may exceed 1 when
 * several answers follow it) and the number of answers matched.
 */
function matchAnswers(
  list: readonly number[],
  back: readonly number[],
  before: (a: number, b: number) => boolean,
  day: (i: number) => number,
  timed: (i: number) => number,
  windowDays: number,
): { credit: Float64Array; answers: number } {
  const credit = new Float64Array(list.length);
  let answers = 0;
  const latest: number[] = [];
  let k = 0; // list[0..k) are the attacks at ordinals below the answer
  for (const b of back) {
    while (k < list.length && list[k] < b) k++;
    // Walk back over the attacks before b: the latest calendar day with one certainly before b.
    latest.length = 0;
    let lastDay = Number.NaN;
    let lastTime = Number.NEGATIVE_INFINITY;
    for (let j = k - 1; j >= 0; j--) {
      const a = list[j];
      if (!before(a, b)) continue;
      const d = Math.floor(day(a));
      if (Number.isNaN(lastDay)) lastDay = d;
      else if (d !== lastDay) break;
      if (day(b) - day(a) > windowDays) continue;
      latest.push(j);
      if (timed(a)) lastTime = Math.max(lastTime, day(a));
    }
    // On that day, a timed attack earlier than another timed one is not the latest.
    const chosen = latest.filter((j) => !timed(list[j]) || day(list[j]) === lastTime);
    if (chosen.length === 0) continue;
    answers++;
    for (const j of chosen) credit[j] += 1 / chosen.length;
  }
  return { credit, answers };
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
    // The project's own Louvain (the same communities as `louvain` on the co-offending network),
    // on a snapshot of the window's ties built straight from the compact edges.
    const edges = coOffendingEdges(index, {
      asOf: options.asOf,
      since: options.since,
      retentionYears: options.retentionYears,
    });
    const m = edges.source.length;
    if (m === 0) return { group, names };
    const local = new Int32Array(n).fill(-1);
    for (let e = 0; e < m; e++) local[edges.source[e]] = local[edges.target[e]] = 0;
    const ids: string[] = [];
    for (let p = 0; p < n; p++) if (local[p] === 0) local[p] = ids.push(index.personIds[p]) - 1;
    const csr = csrFromArrays(
      ids,
      Int32Array.from(edges.source, (p) => local[p]),
      Int32Array.from(edges.target, (p) => local[p]),
      edges.weight,
    );
    const communities = louvain(csr, {
      resolution: options.resolution ?? DEFAULTS.resolution,
      seed: options.seed ?? DEFAULTS.seed,
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
    const k = vi.pos[i];
    const { endPos, untimedFrom } = tiesBefore(index, index.day[k], index.timed[k], Infinity);
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
        forEachCoOffender(index, o, startPos, endPos, visit, untimedFrom);
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
    const inc = index.incidentAt(vi.pos[row.first]);
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
