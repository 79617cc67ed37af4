/**
 * The datasets that `hawkesInference` refits, built straight from the fitted model's index arrays
 * (never through a `Dataset` and `indexDataset` again): the records with the outcome events
 * replaced (bootstrap, shuffled-days placebo), or with co-offenders swapped between incidents
 * (rewired-ties placebo). The people, their numbering and groups are those of the fit.
 * @packageDocumentation
 */
import { bisectLeft } from 'd3-array';
import { type DatasetIndex, isTimed, ROLE_CODE, ROLE_NAME } from '../../core/dataset-index.js';
import { DataRefusedError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { dayToIso } from '../../core/time.js';
import type { Dataset, Incident, Involvement, Severity } from '../../core/types.js';
import type { NetworkHawkesModel } from './model.js';
import { conditionOnVictimOffenderTies } from './prepare.js';
import type { SimulatedEvent } from './simulate.js';

/** A DatasetIndex over new incident rows and involvement arrays, the people of `base`. */
function assemble(
  base: DatasetIndex,
  incidents: Incident[],
  invOffset: Int32Array,
  invPerson: Int32Array,
  invRole: Uint8Array,
): DatasetIndex {
  const nInc = incidents.length;
  const day = new Float64Array(nInc);
  const timed = new Uint8Array(nInc);
  const severity = new Uint8Array(nInc);
  for (let k = 0; k < nInc; k++) {
    const x = incidents[k];
    day[k] = x.day;
    timed[k] = isTimed(x) ? 1 : 0;
    severity[k] = x.severity;
  }
  const nP = base.personIds.length;
  const total = invOffset[nInc];
  const personIncOffset = new Int32Array(nP + 1);
  for (let e = 0; e < total; e++) personIncOffset[invPerson[e] + 1]++;
  for (let p = 0; p < nP; p++) personIncOffset[p + 1] += personIncOffset[p];
  const personInc = new Int32Array(total);
  const personIncRole = new Uint8Array(total);
  const fill = personIncOffset.slice(0, nP);
  for (let k = 0; k < nInc; k++) {
    for (let e = invOffset[k]; e < invOffset[k + 1]; e++) {
      const at = fill[invPerson[e]]++;
      personInc[at] = k;
      personIncRole[at] = invRole[e];
    }
  }
  // The records as a Dataset (involvement rows made only if something asks for them).
  let involvements: Involvement[] | null = null;
  const data = {
    ...base.data,
    incidents,
    get involvements(): Involvement[] {
      if (!involvements) {
        involvements = [];
        for (let k = 0; k < nInc; k++)
          for (let e = invOffset[k]; e < invOffset[k + 1]; e++)
            involvements.push({
              incident_id: incidents[k].incident_id,
              person_id: base.personIds[invPerson[e]],
              role: ROLE_NAME[invRole[e]],
            });
      }
      return involvements;
    },
  } as Dataset;
  return {
    data,
    personIds: base.personIds,
    personIndex: base.personIndex,
    incidents,
    incidentId: (k: number) => incidents[k].incident_id,
    incidentArea: (k: number) => incidents[k].area,
    incidentAt: (k: number) => incidents[k],
    day,
    timed,
    severity,
    invOffset,
    invPerson,
    invRole,
    personIncOffset,
    personInc,
    personIncRole,
    group: base.group,
    groupNames: base.groupNames,
    groupSince: base.groupSince,
    groupUntil: base.groupUntil,
    undatedGroups: base.undatedGroups,
    lowerBound: (d: number) => bisectLeft(day, d),
  };
}

/** The simulated incidents of {@link indexWithOutcomes}: the refits take them as events. */
export const SIMULATED = new WeakSet<Incident>();

/**
 * The fit's records with every modelled outcome event dated in [from, from + days) replaced by
 * `events` (each a severity-3 incident with the person as its victim): the same records as
 * `withSimulatedOutcomes` gives, in the same order, so a refit is the same fit — but built from
 * the index arrays in O(records) without re-indexing. Outcome incidents go whole (as the
 * simulation, which does not count their other records either); entry events stay.
 */
export function indexWithOutcomes(
  model: NetworkHawkesModel,
  events: readonly SimulatedEvent[],
  period: { from: number; days: number },
  as: { severity?: number; role?: 'victim' | 'offender' } = {},
): DatasetIndex {
  const d = model.state.data;
  const base = d.index;
  const end = period.from + period.days;
  const outcome = new Uint8Array(base.day.length);
  for (let i = 0; i < d.evIncident.length; i++) {
    if (model.state.bg.evRow[i] <= -2) continue; // entry and exit events are conditioned on: kept
    const k = d.evIncident[i];
    if (base.day[k] >= period.from && base.day[k] < end) outcome[k] = 1;
  }
  // Simulated events by day (stable), merged after base incidents of the same day, as a stable
  // sort of [kept records…, simulated…] orders them.
  const sim = Array.from(events.keys()).sort((a, b) => events[a].day - events[b].day || a - b);
  const lo = d.window.lo;
  const hi = d.window.hi;
  let kept = 0;
  let keptInv = 0;
  for (let k = lo; k < hi; k++)
    if (!outcome[k]) {
      kept++;
      keptInv += base.invOffset[k + 1] - base.invOffset[k];
    }
  const nInc = kept + sim.length;
  const incidents: Incident[] = new Array(nInc);
  const invOffset = new Int32Array(nInc + 1);
  const invPerson = new Int32Array(keptInv + sim.length);
  const invRole = new Uint8Array(keptInv + sim.length);
  const VICTIM = ROLE_CODE.victim;
  let at = 0;
  let e = 0;
  let s = 0;
  const pushSim = () => {
    const x = sim[s++];
    const ev = events[x];
    const p = base.personIndex.get(ev.person_id);
    if (p === undefined) throw new RangeError(`simulated event of unknown person ${ev.person_id}`);
    incidents[at] = {
      incident_id: `SIM-${String(x).padStart(7, '0')}`,
      date: dayToIso(ev.day),
      day: ev.day,
      offence: 'simulated',
      severity: (as.severity ?? 3) as Severity,
    };
    SIMULATED.add(incidents[at]);
    invPerson[e] = p;
    invRole[e] = as.role === 'offender' ? ROLE_CODE.offender : VICTIM;
    e++;
    invOffset[++at] = e;
  };
  for (let k = lo; k < hi; k++) {
    if (outcome[k]) continue;
    while (s < sim.length && events[sim[s]].day < base.day[k]) pushSim();
    incidents[at] = base.incidents[k];
    for (let v = base.invOffset[k]; v < base.invOffset[k + 1]; v++) {
      invPerson[e] = base.invPerson[v];
      invRole[e] = base.invRole[v];
      e++;
    }
    invOffset[++at] = e;
  }
  while (s < sim.length) pushSim();
  const out = assemble(base, incidents, invOffset, invPerson, invRole);
  // The refit reads the fit's victim–offender ties, not the replicate's incidents' (the simulated
  // events have no offenders): the bootstrap conditions on the observed ties of both kinds.
  conditionOnVictimOffenderTies(out, d);
  return out;
}

/** Width in days of the time bins within which {@link indexWithRewiredTies} swaps co-offenders. */
export const REWIRE_BIN_DAYS = 30;

/**
 * The fit's records with co-offenders swapped between incidents (a placebo network): the
 * offender places of incidents with two or more offenders are shuffled among incidents of the
 * same severity within the same {@link REWIRE_BIN_DAYS}-day bin, avoiding a person twice in one
 * incident. Every person keeps their number of co-offending incidents (so their degree, up to
 * repeat partners), every incident its size, every record its date to within the bin and its
 * severity, and every serious-violence event stays where it was; who is tied to whom is random,
 * so contagion through the ties cannot be in these data.
 *
 * With `victimOffender` (a fit with victim–offender ties) the offender places of every incident
 * with an offender are shuffled, one-offender incidents too, so that who harmed whom is random as
 * well (the victims stay: every event stays; every person keeps their number of offender
 * records); the refit derives both kinds of tie from the rewired records.
 */
export function indexWithRewiredTies(
  model: NetworkHawkesModel,
  rng: Rng,
  options: { victimOffender?: boolean } = {},
): DatasetIndex {
  const minOffenders = options.victimOffender ? 1 : 2;
  const d = model.state.data;
  const base = d.index;
  const { lo, hi } = d.window;
  const OFF = ROLE_CODE.offender;
  const invPerson = base.invPerson.slice();
  const origin = lo < base.incidents.length ? Math.floor(base.day[lo]) : 0;
  // Offender places of co-offending incidents, by (bin, severity).
  const groups = new Map<number, number[]>();
  for (let k = lo; k < hi; k++) {
    let offenders = 0;
    for (let v = base.invOffset[k]; v < base.invOffset[k + 1]; v++)
      if (base.invRole[v] === OFF) offenders++;
    if (offenders < minOffenders) continue;
    const key = Math.floor((base.day[k] - origin) / REWIRE_BIN_DAYS) * 8 + base.severity[k];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    for (let v = base.invOffset[k]; v < base.invOffset[k + 1]; v++)
      if (base.invRole[v] === OFF) g.push(v);
  }
  // Incident of each involvement place.
  const incOf = new Int32Array(base.invPerson.length);
  for (let k = lo; k < hi; k++)
    for (let v = base.invOffset[k]; v < base.invOffset[k + 1]; v++) incOf[v] = k;
  // A swap can move a tie only between two incidents of one bin and severity whose offenders
  // differ enough (see offenderSetsDiffer). Without such a pair every rewiring is the records' own network (one gang tied through
  // one incident: the placebo read the fit's own share as 'what degree and timing alone
  // produce', and the rewired reference gave p = 1, so the default test read p = 1).
  const movable = options.victimOffender
    ? (places: number[]) => places.some((v) => base.invPerson[v] !== base.invPerson[places[0]])
    : (places: number[]) => offenderSetsDiffer(places, incOf, base.invPerson);
  if (![...groups.values()].some(movable))
    throw new DataRefusedError(
      'not-identified',
      `co-offenders cannot be rewired: no two co-offending incidents of one severity and ${REWIRE_BIN_DAYS}-day bin differ in their offenders so that a swap could move a tie, so a rewired network is the records' own. Use nullReference: 'parametric'.`,
    );
  const twice = (v: number, p: number) => {
    const k = incOf[v];
    for (let w = base.invOffset[k]; w < base.invOffset[k + 1]; w++)
      if (w !== v && invPerson[w] === p) return true;
    return false;
  };
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const places = groups.get(key)!;
    const people = places.map((v) => base.invPerson[v]);
    rng.shuffle(people);
    places.forEach((v, i) => {
      invPerson[v] = people[i];
    });
    // Repair a person placed twice in one incident by swapping with another place (a few tries).
    for (const v of places) {
      if (!twice(v, invPerson[v])) continue;
      for (let t = 0; t < 20; t++) {
        const w = places[rng.int(places.length)];
        const a = invPerson[v];
        const b = invPerson[w];
        if (a === b) continue;
        invPerson[v] = b;
        invPerson[w] = a;
        if (!twice(v, b) && !twice(w, a)) break;
        invPerson[v] = a;
        invPerson[w] = b;
      }
    }
  }
  return assemble(
    base,
    base.incidents.slice(),
    base.invOffset.slice(),
    invPerson,
    base.invRole.slice(),
  );
}

/**
 * Whether the offender places `places` (of incidents `incOf`) hold two incidents between which a
 * swap moves a tie: x of A not in B and y of B not in A, with A − x ≠ B − y, i.e. each has someone
 * the other lacks and they differ in more than those two (A = {x, z}, B = {y, z}: the swap gives
 * the same ties; A ⊂ B: no swap is possible at all).
 */
function offenderSetsDiffer(
  places: readonly number[],
  incOf: Int32Array,
  person: Int32Array,
): boolean {
  const byIncident = new Map<number, Set<number>>();
  for (const v of places) {
    let g = byIncident.get(incOf[v]);
    if (!g) byIncident.set(incOf[v], (g = new Set()));
    g.add(person[v]);
  }
  const sets = [...byIncident.values()];
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      let onlyA = 0;
      let onlyB = 0;
      for (const p of sets[i]) if (!sets[j].has(p)) onlyA++;
      for (const p of sets[j]) if (!sets[i].has(p)) onlyB++;
      if (onlyA > 0 && onlyB > 0 && onlyA + onlyB > 2) return true;
    }
  return false;
}
