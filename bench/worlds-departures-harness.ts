/**
 * Departures real police records have and the earlier worlds did not cover (2026-12-04, issue
 * #10): a recording-practice break, a smooth season, a lognormal delay of the default world's
 * mean, mass events, and serious incidents recorded twice. Built on `world2`
 * (bench/worlds-unseen2-harness.ts: ordinary records of a synthCity city, serious events drawn
 * by a branching process of its own) by options of it (season 'sine2', delay 'lognormal1',
 * massEvents) or by post-processing its Dataset here (the break, the duplicates). Shared by
 * bench/worlds-departures.ts and the tests.
 */

import { createRng } from '../src/core/rng.js';
import type { Dataset, Incident, Involvement } from '../src/core/types.js';
import { type World2Options, world2 } from './worlds-unseen2-harness.js';

export type Departure = 'control' | 'break' | 'sine2' | 'lognormal1' | 'mass' | 'duplicates';

export interface DepartureCity {
  data: Dataset;
  /** Share of the serious events in the records that were triggered (duplicates not counted). */
  trueShare: number;
  /** Share of them triggered by a parent that is itself in the records (all the fit can see). */
  trueShareVisible: number;
  /** break: the day recording changed (ISO) and the true share of the recorded events from then. */
  after?: { since: string; trueShare: number };
  /** The delay distribution's mean, days (null without contagion). */
  trueDelay: number | null;
  /** What the departure did, in a few words (e.g. "×1.73 from 2021-01-02", "41 copies"). */
  note: string;
  /** Serious events (victim rows of severity ≥ 3) in the records. */
  events: number;
}

const DAY = 86400000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * One city of `departure`, with contagion (α 0.05, delays of mean 60 days) or without.
 * - break: from 1 April of the fourth year (91 days past the window's middle) every incident (ordinary and serious) is recorded at
 *   r × the rate before, r uniform in 1.5–2 per seed: before it each incident is kept with
 *   probability 1/r (the people and ties it would have shown go with it).
 * - sine2: background ∝ 1 + ⅓·sin, summer peak 2 × the winter trough.
 * - lognormal1: delays lognormal, σ 1, mean 60 days (median 36.4).
 * - mass: 4 shootings at parties, each 8–20 people of one group (half offenders, half victims).
 * - duplicates: a share f (uniform 5–10% per seed) of serious incidents recorded again the next
 *   day (new id, same rows).
 */
export function departureCity(
  departure: Departure,
  o: { seed: number; contagion: boolean; people?: number },
): DepartureCity {
  const w2: World2Options = {
    seed: o.seed,
    people: o.people ?? 3000,
    alpha: o.contagion ? 0.05 : 0,
  };
  if (departure === 'sine2') w2.season = 'sine2';
  if (departure === 'lognormal1') w2.delay = 'lognormal1';
  if (departure === 'mass') w2.massEvents = 4;
  const w = world2(w2);
  const rng = createRng(104_729 * o.seed + departure.length);
  let data = w.data;
  let serious = w.serious;
  let note = '';
  let after: DepartureCity['after'];
  let breakAt = Number.NaN;
  if (departure === 'mass') note = `${w.massPeople} people in 4 incidents`;
  if (departure === 'break') {
    const days = data.incidents.map((i) => i.day);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const d of days) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    // 91 days past the middle: 1 April of the fourth year, inside a calendar-year trend bin
    const breakDay = Math.floor((lo + hi) / 2) + 91;
    breakAt = breakDay;
    const r = 1.5 + 0.5 * rng.random();
    const dropped = new Set<string>();
    for (const inc of data.incidents)
      if (inc.day < breakDay && rng.random() >= 1 / r) dropped.add(inc.incident_id);
    data = {
      ...data,
      incidents: data.incidents.filter((i) => !dropped.has(i.incident_id)),
      involvements: data.involvements.filter((v) => !dropped.has(v.incident_id)),
    };
    serious = serious.filter((s) => !dropped.has(s.id));
    note = `×${r.toFixed(2)} from ${iso(breakDay)}`;
  }
  if (departure === 'duplicates') {
    const f = 0.05 + 0.05 * rng.random();
    const byId = new Map(data.incidents.map((i) => [i.incident_id, i]));
    const rows = new Map<string, Involvement[]>();
    for (const v of data.involvements) {
      let a = rows.get(v.incident_id);
      if (!a) rows.set(v.incident_id, (a = []));
      a.push(v);
    }
    const end = Math.max(...data.incidents.map((i) => i.day));
    const incidents: Incident[] = data.incidents.slice();
    const involvements = data.involvements.slice();
    let copies = 0;
    for (const s of serious) {
      const inc = byId.get(s.id);
      if (!inc || rng.random() >= f || inc.day + 1 > end) continue;
      const id = `D-${s.id}`;
      incidents.push({ ...inc, incident_id: id, day: inc.day + 1, date: iso(inc.day + 1) });
      for (const r of rows.get(s.id) ?? []) involvements.push({ ...r, incident_id: id });
      copies++;
    }
    incidents.sort((a, b) => a.day - b.day);
    data = { ...data, incidents, involvements };
    note = `${copies} copies (f ${(100 * f).toFixed(1)}%)`;
  }
  const victimIncidents = new Set(
    data.involvements.filter((v) => v.role === 'victim').map((v) => v.incident_id),
  );
  const recorded = serious.filter((s) => victimIncidents.has(s.id));
  const trig = recorded.filter((s) => s.triggered).length;
  const kept = new Set(recorded.map((s) => s.id));
  const visible = recorded.filter((s) => s.parent !== null && kept.has(s.parent)).length;
  if (departure === 'break') {
    const late = recorded.filter((s) => s.day >= breakAt);
    after = {
      since: iso(breakAt),
      trueShare: late.length ? late.filter((s) => s.triggered).length / late.length : 0,
    };
  }
  let events = 0;
  const sev = new Map(data.incidents.map((i) => [i.incident_id, i.severity]));
  for (const v of data.involvements)
    if (v.role === 'victim' && (sev.get(v.incident_id) ?? 0) >= 3) events++;
  return {
    data,
    trueShare: recorded.length ? trig / recorded.length : 0,
    trueShareVisible: recorded.length ? visible / recorded.length : 0,
    trueDelay: o.contagion ? w.kernelMean : null,
    note,
    after,
    events,
  };
}
