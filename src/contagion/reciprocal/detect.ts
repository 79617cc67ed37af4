import { type ColumnTable, table } from 'arquero';
import {
  type DatasetIndex,
  groupAt,
  happensBefore,
  indexDataset,
} from '../../core/dataset-index.js';
import { checkDatasetOrIndex } from '../../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../../core/options.js';
import { refuseSingleDate } from '../../core/profile.js';
import { DAYS_PER_YEAR } from '../../core/time.js';
import type { Dataset } from '../../core/types.js';
import { DEFAULT_RETENTION_YEARS, refuseOutsideRecords, resolveWindow } from '../../core/window.js';
import { forEachCoOffender, type StaticTies, staticTies, tiesBefore } from './network.js';
import type { RetaliationOptions, RetaliationRoute } from './options.js';
import {
  offenderIncidents,
  upperBound,
  type ViolentIncidents,
  violentIncidents,
} from './violent-incidents.js';

/** Defaults of {@link RetaliationOptions}. */
export const RETALIATION_DEFAULTS = {
  windowDays: 90,
  associateDistance: 1,
  useGroups: true,
  minSeverity: 2,
  antecedents: 'closest',
  maxSteps: 2,
  sameDay: false,
  retentionYears: DEFAULT_RETENTION_YEARS,
} as const;
const DEFAULTS = RETALIATION_DEFAULTS;

/** Option rules of {@link RetaliationOptions} (see `checkOptions`). */
export const RETALIATION_RULES: OptionRules<RetaliationOptions> = {
  asOf: rule.date,
  since: rule.date,
  retentionYears: rule.or(rule.number({ above: 0 }), (v) =>
    v === Number.POSITIVE_INFINITY ? undefined : 'Infinity',
  ),
  windowDays: rule.number({ min: 0 }),
  associateDistance: rule.oneOf([0, 1, 2]),
  useGroups: rule.boolean,
  minSeverity: rule.number({ min: 0, max: 4 }),
  antecedents: rule.oneOf(['all', 'closest']),
  maxSteps: rule.number({ min: 0 }),
  sameDay: rule.boolean,
  graph: (v) => (typeof v === 'object' && v !== null ? undefined : 'a graphology graph or CSR'),
};

const ROUTE: readonly RetaliationRoute[] = ['direct', 'associate', 'second-degree', 'group'];
const GROUP = 3;
const NONE = 255;
/**
 * Steps from A's people along each route: the person (0), a co-offender (1), a co-offender's
 * co-offender (2), a fellow group member (2: person → group → person in the affiliation network).
 */
const STEPS = [0, 1, 2, 2];

/** Detected links on typed arrays (ordinals into `vi`). */
export interface DetectedLinks {
  vi: ViolentIncidents;
  from: Int32Array;
  to: Int32Array;
  offenderRoute: Uint8Array;
  victimRoute: Uint8Array;
  /** 1 when the two incidents share a day and their order is unknown (`sameDay: true` only). */
  sameDay: Uint8Array;
}

/** The link detection of {@link retaliations}, without building the table. */
export function detectRetaliations(
  data: Dataset | DatasetIndex,
  options: RetaliationOptions = {},
): DetectedLinks {
  checkDatasetOrIndex('retaliations', data);
  options = checkOptions('retaliations', options, RETALIATION_RULES);
  const index = 'personIds' in data ? data : indexDataset(data);
  refuseSingleDate('retaliations', index);
  const windowDays = options.windowDays ?? DEFAULTS.windowDays;
  const allowSameDay = options.sameDay ?? DEFAULTS.sameDay;
  const distance = options.associateDistance ?? DEFAULTS.associateDistance;
  const useGroups = options.useGroups ?? DEFAULTS.useGroups;
  const minSeverity = options.minSeverity ?? DEFAULTS.minSeverity;
  const antecedents = options.antecedents ?? DEFAULTS.antecedents;
  const maxSteps = options.maxSteps ?? DEFAULTS.maxSteps;
  const retentionYears = options.retentionYears ?? DEFAULT_RETENTION_YEARS;

  const win = resolveWindow(index, {
    asOf: options.asOf,
    since: options.since,
    retentionYears,
    fn: 'retaliations',
  });
  refuseOutsideRecords('retaliations', index, win);
  const vi = violentIncidents(index, win.lo, win.hi, minSeverity);
  const nV = vi.pos.length;
  const nP = index.personIds.length;
  const retentionDays = retentionYears * DAYS_PER_YEAR;
  const vday = new Float64Array(nV);
  const vtimed = new Uint8Array(nV);
  for (let i = 0; i < nV; i++) {
    vday[i] = index.day[vi.pos[i]];
    vtimed[i] = index.timed[vi.pos[i]];
  }

  const byOffender = offenderIncidents(vi, nP);
  const byGroup = useGroups ? groupIncidents(vi, index) : null;
  // Associates come from a supplied static network, or else from the person → incidents index
  // as of each A's date.
  const ties: StaticTies | null =
    distance > 0 && options.graph ? staticTies(index, options.graph) : null;

  // Per-A marks, stamped with A's ordinal so nothing needs clearing between incidents.
  const isOffA = new Int32Array(nP).fill(-1);
  const isVicA = new Int32Array(nP).fill(-1);
  const stampO = new Int32Array(nP).fill(-1);
  const stampV = new Int32Array(nP).fill(-1);
  const routeO = new Uint8Array(nP);
  const routeV = new Uint8Array(nP);
  const nG = index.groupNames.length;
  const groupO = new Int32Array(nG).fill(-1);
  const groupV = new Int32Array(nG).fill(-1);
  const groupBoth = new Int32Array(nG).fill(-1);
  const candidate = new Int32Array(nV).fill(-1);
  const sideO: number[] = [];
  const sideV: number[] = [];
  const groupsV: number[] = [];
  const cands: number[] = [];

  const from: number[] = [];
  const to: number[] = [];
  const offRoute: number[] = [];
  const vicRoute: number[] = [];

  // Marks a side: its own people at route 0, then co-offenders ring by ring, skipping `banned`.
  // The side being marked (module-level state of `reach`, so no closure or object per incident).
  let markA = -1;
  let markR = 0;
  let markSide: number[] = sideO;
  let markStamp: Int32Array = stampO;
  let markRoute: Uint8Array = routeO;
  let markBanned: Int32Array = isVicA;
  const reach = (v: number) => {
    if (markStamp[v] === markA || markBanned[v] === markA) return;
    markStamp[v] = markA;
    markRoute[v] = markR;
    markSide.push(v);
  };
  const expand = (
    a: number,
    side: number[],
    stamp: Int32Array,
    route: Uint8Array,
    banned: Int32Array,
  ) => {
    if (distance === 0) return;
    markA = a;
    markR = 0;
    markSide = side;
    markStamp = stamp;
    markRoute = route;
    markBanned = banned;
    // Ties as of A's date: shared offences certainly before A (an earlier day, or earlier the
    // same day when both times are known), within the retention horizon.
    const { startPos, endPos, untimedFrom } = tiesBefore(index, vday[a], vtimed[a], retentionDays);
    let start = 0;
    for (let r = 1; r <= distance; r++) {
      markR = r;
      const end = side.length;
      for (let s = start; s < end; s++) {
        const u = side[s];
        if (ties) for (let j = ties.offsets[u]; j < ties.offsets[u + 1]; j++) reach(ties.nbr[j]);
        else forEachCoOffender(index, u, startPos, endPos, reach, untimedFrom);
      }
      start = end;
    }
  };

  // Candidate Bs of the current A: incidents after A within the window where someone on A's
  // victim side offends. Incidents of A's day whose order with A is unknown are simultaneous:
  // never candidates, unless `sameDay` (then checked in index order, later positions only).
  let scanA = -1;
  let scanLast = 0;
  const scan = (list: Int32Array, lo: number, hi: number) => {
    const a = scanA;
    for (let j = upperBound(list, lo, hi, a); j < hi; j++) {
      const b = list[j];
      if (vday[b] > scanLast) break;
      if (!allowSameDay && !happensBefore(vday[a], vtimed[a], vday[b], vtimed[b])) continue;
      if (candidate[b] !== a) {
        candidate[b] = a;
        cands.push(b);
      }
    }
  };

  for (let a = 0; a < nV; a++) {
    const o0 = vi.offOffset[a];
    const o1 = vi.offOffset[a + 1];
    const v0 = vi.vicOffset[a];
    const v1 = vi.vicOffset[a + 1];
    if (o0 === o1 || v0 === v1) continue;
    sideO.length = 0;
    sideV.length = 0;
    for (let j = o0; j < o1; j++) {
      const p = vi.off[j];
      isOffA[p] = a;
      stampO[p] = a;
      routeO[p] = 0;
      sideO.push(p);
    }
    for (let j = v0; j < v1; j++) {
      const p = vi.vic[j];
      isVicA[p] = a;
      stampV[p] = a;
      routeV[p] = 0;
      sideV.push(p);
    }
    // The victim side first: it finds the candidates; the offender side is only needed when
    // there are some (the two sides' marks are independent).
    expand(a, sideV, stampV, routeV, isOffA);

    groupsV.length = 0;
    if (byGroup) {
      // Groups of one side only: a group found on both sides of A reaches neither.
      for (let j = o0; j < o1; j++) {
        const g = groupAt(index, vi.off[j], vday[a]);
        if (g >= 0) groupO[g] = a;
      }
      for (let j = v0; j < v1; j++) {
        const g = groupAt(index, vi.vic[j], vday[a]);
        if (g < 0 || groupV[g] === a) continue;
        groupV[g] = a;
        if (groupO[g] === a) groupBoth[g] = a;
        else groupsV.push(g);
      }
    }

    scanA = a;
    scanLast = vday[a] + windowDays;
    cands.length = 0;
    for (const p of sideV) scan(byOffender.list, byOffender.offsets[p], byOffender.offsets[p + 1]);
    if (byGroup)
      for (const g of groupsV) scan(byGroup.list, byGroup.offsets[g], byGroup.offsets[g + 1]);
    if (cands.length === 0) continue;
    cands.sort((x, y) => x - y);
    expand(a, sideO, stampO, routeO, isVicA);

    for (const b of cands) {
      let ro = NONE;
      for (let j = vi.offOffset[b]; j < vi.offOffset[b + 1]; j++) {
        const p = vi.off[j];
        if (stampV[p] === a) ro = Math.min(ro, routeV[p]);
        else if (byGroup && oneSided(groupV, groupAt(index, p, vday[b]), a))
          ro = Math.min(ro, GROUP);
      }
      if (ro === NONE) continue;
      let rv = NONE;
      for (let j = vi.vicOffset[b]; j < vi.vicOffset[b + 1]; j++) {
        const p = vi.vic[j];
        if (stampO[p] === a) rv = Math.min(rv, routeO[p]);
        else if (byGroup && oneSided(groupO, groupAt(index, p, vday[b]), a))
          rv = Math.min(rv, GROUP);
      }
      if (rv === NONE) continue;
      from.push(a);
      to.push(b);
      offRoute.push(ro);
      vicRoute.push(rv);
    }
  }

  function oneSided(side: Int32Array, g: number, a: number): boolean {
    return g >= 0 && side[g] === a && groupBoth[g] !== a;
  }

  const isSameDay = (l: number) =>
    happensBefore(vday[from[l]], vtimed[from[l]], vday[to[l]], vtimed[to[l]]) ? 0 : 1;
  let keep: number[] | null = null;
  if (antecedents === 'closest') keep = closest(from.map((_, l) => l));
  /**
   * For each B, among its links within maxSteps: fewest group-level sides, then the latest A.
   * "Latest" follows {@link happensBefore}: when the latest antecedents are simultaneous (same
   * day, a time unknown), B keeps each of them — nothing else (no id) could choose.
   */
  function closest(links: number[]): number[] {
    const byB = new Map<number, number[]>();
    for (const l of links) {
      if (STEPS[offRoute[l]] + STEPS[vicRoute[l]] > maxSteps) continue;
      const list = byB.get(to[l]);
      if (list) list.push(l);
      else byB.set(to[l], [l]);
    }
    const out: number[] = [];
    const groupSides = (l: number) => +(offRoute[l] === GROUP) + +(vicRoute[l] === GROUP);
    for (const list of byB.values()) {
      if (list.length === 1) {
        out.push(list[0]);
        continue;
      }
      let fewest = 2;
      for (const l of list) fewest = Math.min(fewest, groupSides(l));
      let lastDay = Number.NEGATIVE_INFINITY;
      for (const l of list)
        if (groupSides(l) === fewest) lastDay = Math.max(lastDay, Math.floor(vday[from[l]]));
      let lastTime = Number.NEGATIVE_INFINITY;
      for (const l of list) {
        const a = from[l];
        if (groupSides(l) === fewest && Math.floor(vday[a]) === lastDay && vtimed[a])
          lastTime = Math.max(lastTime, vday[a]);
      }
      for (const l of list) {
        const a = from[l];
        if (groupSides(l) !== fewest || Math.floor(vday[a]) !== lastDay) continue;
        if (!vtimed[a] || vday[a] === lastTime) out.push(l);
      }
    }
    return out.sort((x, y) => x - y);
  }
  const pick = <T extends Int32Array | Uint8Array>(xs: number[], Type: new (n: number) => T) => {
    const ids = keep ?? xs.map((_, i) => i);
    const out = new Type(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = xs[ids[i]];
    return out;
  };
  return {
    vi,
    from: pick(from, Int32Array),
    to: pick(to, Int32Array),
    offenderRoute: pick(offRoute, Uint8Array),
    victimRoute: pick(vicRoute, Uint8Array),
    sameDay: pick(
      from.map((_, l) => isSameDay(l)),
      Uint8Array,
    ),
  };
}

/** For each known group, the violent incidents with an offender in it (ascending, once each). */
function groupIncidents(
  vi: ViolentIncidents,
  index: DatasetIndex,
): { offsets: Int32Array; list: Int32Array } {
  const nG = index.groupNames.length;
  const offsets = new Int32Array(nG + 1);
  const last = new Int32Array(nG).fill(-1);
  const pass = (emit: ((g: number, i: number) => void) | null) => {
    last.fill(-1);
    for (let i = 0; i < vi.pos.length; i++) {
      for (let j = vi.offOffset[i]; j < vi.offOffset[i + 1]; j++) {
        const g = groupAt(index, vi.off[j], index.day[vi.pos[i]]);
        if (g < 0 || last[g] === i) continue;
        last[g] = i;
        if (emit) emit(g, i);
        else offsets[g + 1]++;
      }
    }
  };
  pass(null);
  for (let g = 0; g < nG; g++) offsets[g + 1] += offsets[g];
  const fill = offsets.slice(0, nG);
  const list = new Int32Array(offsets[nG]);
  pass((g, i) => {
    list[fill[g]++] = i;
  });
  return { offsets, list };
}

/** The arquero table of detected links (see {@link retaliations} for the columns). */
export function linksTable(links: DetectedLinks): ColumnTable {
  const { vi } = links;
  const { index } = vi;
  const n = links.from.length;
  const cols = {
    from_incident: new Array<string>(n),
    to_incident: new Array<string>(n),
    from_date: new Array<string>(n),
    to_date: new Array<string>(n),
    lag_days: new Float64Array(n),
    same_day: new Array<boolean>(n),
    kind: new Array<'direct' | 'proxy'>(n),
    severity_from: new Int32Array(n),
    severity_to: new Int32Array(n),
    severity_change: new Int32Array(n),
    offender_route: new Array<RetaliationRoute>(n),
    victim_route: new Array<RetaliationRoute>(n),
    people: new Array<string[]>(n),
    groups: new Array<string[]>(n),
  };
  const people = new Set<number>();
  for (let l = 0; l < n; l++) {
    const a = links.from[l];
    const b = links.to[l];
    const A = index.incidentAt(vi.pos[a]);
    const B = index.incidentAt(vi.pos[b]);
    cols.from_incident[l] = A.incident_id;
    cols.to_incident[l] = B.incident_id;
    cols.from_date[l] = A.date;
    cols.to_date[l] = B.date;
    cols.lag_days[l] = B.day - A.day;
    cols.same_day[l] = links.sameDay[l] === 1;
    const ro = links.offenderRoute[l];
    const rv = links.victimRoute[l];
    cols.kind[l] = ro === 0 && rv === 0 ? 'direct' : 'proxy';
    cols.offender_route[l] = ROUTE[ro];
    cols.victim_route[l] = ROUTE[rv];
    cols.severity_from[l] = A.severity;
    cols.severity_to[l] = B.severity;
    cols.severity_change[l] = B.severity - A.severity;
    people.clear();
    for (const i of [a, b]) {
      for (let j = vi.offOffset[i]; j < vi.offOffset[i + 1]; j++) people.add(vi.off[j]);
      for (let j = vi.vicOffset[i]; j < vi.vicOffset[i + 1]; j++) people.add(vi.vic[j]);
    }
    // Person numbers follow sorted ids, so sorting numbers sorts ids.
    const ps = [...people].sort((x, y) => x - y);
    cols.people[l] = ps.map((p) => index.personIds[p]);
    // Groups valid at the time of each incident.
    const gs = new Set<string>();
    for (const i of [a, b]) {
      const d = index.day[vi.pos[i]];
      for (let j = vi.offOffset[i]; j < vi.offOffset[i + 1]; j++) {
        const g = groupAt(index, vi.off[j], d);
        if (g >= 0) gs.add(index.groupNames[g]);
      }
      for (let j = vi.vicOffset[i]; j < vi.vicOffset[i + 1]; j++) {
        const g = groupAt(index, vi.vic[j], d);
        if (g >= 0) gs.add(index.groupNames[g]);
      }
    }
    cols.groups[l] = [...gs].sort();
  }
  return table(cols);
}
