import { type DatasetIndex, isExactIndex, ROLE_CODE } from '../core/dataset-index.js';
import { killedDay, killedIn } from '../core/killed.js';
import { count } from '../core/plural.js';
import type { RiskModel } from '../core/risk.js';
import { dayToIso } from '../core/time.js';
import type { Incident } from '../core/types.js';
import type { ResolvedWindow } from '../core/window.js';
import { coOffendingEdges } from '../graph/co-offending-edges.js';
import { incidentFor } from './describe.js';

/**
 * Per-person facts over one time window, in person-number order (`index.personIds`).
 * Internal to outreach: one pass over the window's incidents, shared by the risk model,
 * the ranking's evidence rules, the audit and the backtest baselines.
 */
export interface PersonRecords {
  /** Distinct incidents the person is recorded in (any role). */
  records: Int32Array;
  /** Violent incidents (severity ≥ 1), any role. */
  violent: Int32Array;
  /** Incidents in which the person was a victim of violence (severity ≥ 1). */
  victimisations: Int32Array;
  /** Day of the person's most recent record (−∞ when none). */
  lastDay: Float64Array;
  /** Most frequent `area` of the person's incidents (ties: alphabetical first), or null. */
  area: (string | null)[] | null;
  /** People with at least one record in the window. */
  present: number;
}

const recordCache = new WeakMap<DatasetIndex, Map<string, PersonRecords>>();

/** Per-person record counts over the window `[w.lo, w.hi)` (cached per index and window). */
export function personRecords(
  index: DatasetIndex,
  w: Pick<ResolvedWindow, 'lo' | 'hi'>,
  withArea = false,
): PersonRecords {
  let byIndex = recordCache.get(index);
  if (!byIndex) recordCache.set(index, (byIndex = new Map()));
  const key = `${w.lo}:${w.hi}:${withArea}`;
  const hit = byIndex.get(key);
  if (hit) return hit;
  const n = index.personIds.length;
  const records = new Int32Array(n);
  const violent = new Int32Array(n);
  const victimisations = new Int32Array(n);
  const lastDay = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const areaCounts: (Map<string, number> | undefined)[] | null = withArea ? new Array(n) : null;
  // Person by person through their own incident lists (ascending positions, so in time order):
  // each person's counts are written once, in order, and only the incidents' severities (a byte
  // each) are read at random, where a walk over the incidents would write six person-sized arrays
  // at random (at a million people, cache misses on nearly every involvement).
  const { personIncOffset, personInc, personIncRole, severity, day } = index;
  const VIC = ROLE_CODE.victim;
  for (let p = 0; p < n; p++) {
    const end = personIncOffset[p + 1];
    let j = personIncOffset[p];
    while (j < end && personInc[j] < w.lo) j++;
    let nRec = 0;
    let nViolent = 0;
    let nVictim = 0;
    let last = -1;
    while (j < end) {
      const k = personInc[j];
      if (k >= w.hi) break;
      // The person's involvements in incident k are adjacent.
      let victim = false;
      for (; j < end && personInc[j] === k; j++) if (personIncRole[j] === VIC) victim = true;
      const sev = severity[k];
      nRec++;
      if (sev >= 1) {
        nViolent++;
        if (victim) nVictim++;
      }
      last = k;
      if (areaCounts) {
        const area = index.incidentArea(k);
        if (area !== undefined && area !== '') {
          let m = areaCounts[p];
          if (!m) areaCounts[p] = m = new Map();
          m.set(area, (m.get(area) ?? 0) + 1);
        }
      }
    }
    records[p] = nRec;
    violent[p] = nViolent;
    victimisations[p] = nVictim;
    if (last >= 0) lastDay[p] = day[last];
  }
  let present = 0;
  for (let p = 0; p < n; p++) if (records[p] > 0) present++;
  let area: (string | null)[] | null = null;
  if (areaCounts) {
    area = new Array(n).fill(null);
    for (let p = 0; p < n; p++) {
      const m = areaCounts[p];
      if (!m) continue;
      let best: string | null = null;
      let bestN = 0;
      for (const [a, c] of m) {
        if (c > bestN || (c === bestN && best !== null && a < best)) {
          best = a;
          bestN = c;
        }
      }
      area[p] = best;
    }
  }
  const out = { records, violent, victimisations, lastDay, area, present };
  byIndex.set(key, out);
  return out;
}

/** One person's co-offending ties in a window, read from the index in place. */
export interface LocalTies {
  /** Person numbers of the people tied to the person, ascending. */
  people: Int32Array;
  /** Shared incidents, decayed strength and last shared day, aligned with `people`. */
  count: Int32Array;
  weight: Float64Array;
  last: Float64Array;
}

/**
 * The co-offending ties of person `p` over incidents `[lo, hi)`, straight from the index's
 * person → incidents and incident → people arrays: the same ties, counts, weights (summed in the
 * same order, so bit-identical) and last days as {@link coOffendingEdges} of that window, at a
 * cost proportional to the person's own incidents instead of the whole network. `scratch` (one
 * Int32Array of n, filled with −1) is reused across calls.
 */
export function localTies(
  index: DatasetIndex,
  p: number,
  w: Pick<ResolvedWindow, 'lo' | 'hi' | 'reference'>,
  halfLifeDays: number,
  scratch: Int32Array,
): LocalTies {
  const { personIncOffset, personInc, personIncRole, invOffset, invPerson, invRole, day } = index;
  const decay = Math.LN2 / halfLifeDays;
  const found: number[] = [];
  const count: number[] = [];
  const weight: number[] = [];
  const last: number[] = [];
  const end = personIncOffset[p + 1];
  let j = personIncOffset[p];
  while (j < end) {
    const k = personInc[j];
    // A person may hold several involvements in one incident (adjacent here): offender in any.
    let offender = false;
    for (; j < end && personInc[j] === k; j++)
      if (personIncRole[j] === ROLE_CODE.offender) offender = true;
    if (!offender || k < w.lo || k >= w.hi) continue;
    const contribution = Math.exp(-decay * Math.max(0, w.reference - day[k]));
    for (let e = invOffset[k]; e < invOffset[k + 1]; e++) {
      const q = invPerson[e];
      if (q === p || invRole[e] !== ROLE_CODE.offender) continue;
      let at = scratch[q];
      if (at >= 0 && last[at] === -Infinity) continue; // q listed twice in this incident
      if (at < 0) {
        at = found.length;
        scratch[q] = at;
        found.push(q);
        count.push(0);
        weight.push(0);
        last.push(0);
      }
      count[at]++;
      weight[at] += contribution;
      last[at] = -Infinity; // marks "seen in incident k"
    }
    for (let e = invOffset[k]; e < invOffset[k + 1]; e++) {
      const at = scratch[invPerson[e]];
      if (at >= 0 && last[at] === -Infinity) last[at] = day[k];
    }
  }
  const order = found.map((_, i) => i).sort((a, b) => found[a] - found[b]);
  const out: LocalTies = {
    people: new Int32Array(order.length),
    count: new Int32Array(order.length),
    weight: new Float64Array(order.length),
    last: new Float64Array(order.length),
  };
  for (let i = 0; i < order.length; i++) {
    const a = order[i];
    out.people[i] = found[a];
    out.count[i] = count[a];
    out.weight[i] = weight[a];
    out.last[i] = last[a];
    scratch[found[a]] = -1;
  }
  return out;
}

/**
 * The incidents with the given ids, by id (unknown ids skipped). An id given with the day of its
 * incident (a score's part: `{ incidentId, day }`) is looked for among that day's incidents when
 * ids are unique in the index; the others by one pass over the incidents. `hi`: the incidents
 * `[0, hi)` the list reads, for the words of a homicide (see `incidentFor`).
 */
export function incidentsById(
  index: DatasetIndex,
  ids: Iterable<string | undefined | { incidentId?: string; day?: number }>,
  hi: number,
): Map<string, Incident> {
  const out = new Map<string, Incident>();
  const wanted = new Set<string>();
  const exact = isExactIndex(index);
  for (const item of ids) {
    if (item === undefined) continue;
    if (typeof item === 'string') {
      wanted.add(item);
      continue;
    }
    const id = item.incidentId;
    if (id === undefined || out.has(id)) continue;
    if (exact && item.day !== undefined && Number.isFinite(item.day)) {
      const d = Math.floor(item.day);
      const end = index.lowerBound(d + 1);
      let found = false;
      for (let k = index.lowerBound(d); k < end; k++) {
        if (index.incidentId(k) === id) {
          out.set(id, incidentFor(index, k, hi));
          found = true;
          break;
        }
      }
      if (found) continue;
    }
    wanted.add(id);
  }
  for (const id of out.keys()) wanted.delete(id);
  if (wanted.size === 0) return out;
  for (let k = 0; k < index.day.length; k++)
    if (wanted.has(index.incidentId(k))) out.set(index.incidentId(k), incidentFor(index, k, hi));
  return out;
}

/** The victims of incident `k`, counted (person numbers are not needed). */
function victimCount(index: DatasetIndex, k: number): number {
  let n = 0;
  for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++)
    if (index.invRole[e] === ROLE_CODE.victim) n++;
  return n;
}

/**
 * Who was killed in incidents `[lo, hi)` (the retention window: a record past retention says
 * nothing about anyone), by person number: 1 for the only victim of a homicide
 * (severity 4: certainly killed), 2 for one of several victims of one (the records hold one
 * severity per incident, so who died is not recorded: such people stay listed, with a warning).
 * Nobody killed is listed for outreach (`rankForOutreach`, `planOutreach`). One pass over the
 * incidents' severities; only homicides' involvements are read.
 */
export function killedBefore(index: DatasetIndex, lo: number, hi: number): Uint8Array {
  const out = new Uint8Array(index.personIds.length);
  const { severity, invOffset, invPerson, invRole } = index;
  for (let k = lo; k < hi; k++) {
    if (severity[k] < 4) continue;
    const mark = killedIn(index, k) >= 0 ? 1 : 2;
    for (let e = invOffset[k]; e < invOffset[k + 1]; e++)
      if (invRole[e] === ROLE_CODE.victim && out[invPerson[e]] !== 1) out[invPerson[e]] = mark;
  }
  // 3: recorded killed, yet with records dated after it (a reused id, or a data error): the
  // records contradict each other, so the person stays listed, with a warning.
  for (let p = 0; p < out.length; p++)
    if (out[p] === 1 && killedDay(index, p, hi, lo) === undefined) out[p] = 3;
  return out;
}

/** Whether incident `k` is a homicide with several victims (who died is not recorded). */
export function severalHomicideVictims(index: DatasetIndex, k: number): boolean {
  return index.severity[k] >= 4 && victimCount(index, k) > 1;
}

/**
 * A warning when the records hold incidents a fitted model has not seen: dated after the latest
 * record it was fitted on (`model.lastRecordDay`) and before `asOf`. Its scores count none of
 * them, so harm since the fit is missing from a list or trace made with it.
 */
export function unseenByModel(
  index: DatasetIndex,
  model: RiskModel | undefined,
  asOf: number,
): string | undefined {
  const last = model?.lastRecordDay;
  if (last === undefined || !Number.isFinite(last)) return undefined;
  // The incidents are in date order: from the first dated on or after asOf's date, back to the
  // fit's last. A trace as of a time of day leaves out that day's earlier records: a model is
  // fitted as of a date, so refitting could not add them.
  const { day } = index;
  let all = 0;
  let serious = 0;
  for (let k = index.lowerBound(Math.floor(asOf)) - 1; k >= 0 && day[k] > last; k--) {
    all++;
    if (index.severity[k] >= 3) serious++;
  }
  if (all === 0) return undefined;
  return `The model '${model!.name}' was fitted on records up to ${dayToIso(last)}: ${all === 1 ? '1 incident' : `${all} incidents`} dated after that and before ${dayToIso(Math.floor(asOf))} (${serious} of severity 3 or more) ${all === 1 ? 'is' : 'are'} in the records but not in its scores, so harm since the fit is missing from them. Refit the model as of ${dayToIso(Math.floor(asOf))}, or add the new records with updateNetworkHawkes.`;
}

/** Days between the latest record and `asOf` past which a list warns that its records are stale (two months). */
const STALE_DAYS = 60;

/**
 * A warning when the latest record in the window `[lo, hi)` is more than 60 days before `asOf`:
 * harm since then is not in the records, so a list made from them cannot reflect it.
 */
export function staleRecords(
  index: DatasetIndex,
  w: Pick<ResolvedWindow, 'lo' | 'hi'>,
  asOf: number,
): string | undefined {
  if (w.hi <= w.lo) return undefined;
  const latest = Math.floor(index.day[w.hi - 1]);
  const gap = Math.round(asOf - latest);
  return gap > STALE_DAYS
    ? `The latest record is dated ${dayToIso(latest)}, ${count(gap, 'day')} before the as-of date ${dayToIso(asOf)}: anything since then is missing from these records, so this list cannot reflect it. Check that the extract is current.`
    : undefined;
}
