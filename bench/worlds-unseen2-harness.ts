/**
 * More worlds nobody had tried (2026-12-04, issue #10): the ordinary records (and so the
 * co-offending and victim–offender ties) of a synthCity city without serious violence, and
 * serious-violence events drawn here by a branching process of our own — not synthCity's and not
 * the fit's — so that the delay's shape, the ties contagion travels along, the season, custody
 * and recording can all depart from what the network Hawkes model assumes.
 *
 * Each person is at risk from the day after their first ordinary record (the fit's entry at
 * first record) to the end, except in custody. Background events at rate μ₀ per person-day
 * (× 2 in June–August with `season: 'summer2'`); each event of person j at t gives children by
 * `channel`:
 * - `'co-offending'`: Poisson(α·m), m = j's co-offenders tied strictly before t's day, each on a
 *   uniform one of them (the model's own mechanism);
 * - `'recent-ties'`: the same over the co-offenders j last offended with less than 730 days
 *   before (older ties do not transmit);
 * - `'victim-offender'`: every event has an offender (recorded); the event of victim v by
 *   offender o gives Poisson(α·(1 + m_o)) children, each on o or on a uniform co-offender of o
 *   (the shooter's side is retaliated on), each recorded with v or a uniform co-offender of v
 *   as its offender (the victim's side retaliates);
 * - `'both'`: the two at once, 'victim-offender' with `alphaVo` and 'co-offending' with α, every
 *   event with an offender (recorded).
 * Delays by `delay`. Events land only on people at risk then (alive, out of custody); all
 * serious events are severity 3 (no homicides, so nobody leaves at death).
 */

import { createRng, type Rng } from '../src/core/rng.js';
import type { Dataset, Incident, Involvement } from '../src/core/types.js';
import { synthCity } from '../src/synth/index.js';
import { gammaVariate } from '../src/synth/worlds.js';

export type DelayShape = 'exp60' | 'lognormal' | 'lognormal1' | 'gamma4' | 'mixture';
export type Channel = 'co-offending' | 'recent-ties' | 'victim-offender' | 'both';

export interface World2Options {
  seed: number;
  people?: number;
  years?: number;
  /** Background μ₀ per person-day at risk (default 1e-4). */
  mu?: number;
  /** α (default 0.05; 0 for no contagion). */
  alpha?: number;
  /** With channel 'both': the victim–offender α (default α). */
  alphaVo?: number;
  delay?: DelayShape;
  channel?: Channel;
  /**
   * 'summer2': background × 2 from 1 June to 31 August; 'sine2': background ∝ 1 + ⅓·sin, peak
   * (mid-July) 2 × the trough (mid-January) (default none).
   */
  season?: 'summer2' | 'sine2' | false;
  /**
   * Mass events (a shooting at a party): this many incidents of severity 3, each with 8–20
   * people at risk from one group (a person's co-offenders first), half recorded as offenders
   * (so up to 45 co-offending ties made on one day) and half as victims (each a background
   * event that can trigger children). Days uniform in the window's middle 80% (default 0).
   */
  massEvents?: number;
  /** Share of people with one custody spell of 2–3 years, unrecorded (default 0). */
  custody?: number;
  /** Share of serious incidents whose victim row is lost (default 0). */
  dropVictims?: number;
}

export interface World2 {
  data: Dataset;
  /** Events drawn (recorded or not). */
  events: number;
  /** Events whose victim row is in the records. */
  recorded: number;
  /** Share of the drawn events that were triggered. */
  trueShare: number;
  /** Share of the recorded events that were triggered (by a recorded parent or not). */
  trueShareRecorded: number;
  /** The same, by the channel of the parent's excitation. */
  trueShareRecordedBy: { coOffending: number; victimOffender: number };
  /** Realised parent→child delays (days): mean and median; null without children. */
  trueDelayMean: number | null;
  trueDelayMedian: number | null;
  /** The delay distribution's mean (before the window cuts it). */
  kernelMean: number | null;
  /** Mean children per event (the realised branching ratio, window-cut). */
  branching: number;
  /** People put in custody. */
  custodyPeople: number;
  /** Ordinary involvements removed by custody. */
  custodyRowsRemoved: number;
  /** Every serious event's incident: whether it was triggered, and its parent's incident. */
  serious: { id: string; day: number; triggered: boolean; parent: string | null }[];
  /** Victims and offenders in the mass events. */
  massPeople: number;
}

const DAY = 86400000;

export function delaySampler(shape: DelayShape, rng: Rng): { draw: () => number; mean: number } {
  switch (shape) {
    case 'exp60':
      return { draw: () => rng.exponential(1 / 60), mean: 60 };
    case 'lognormal':
      // median 20 days, σ 1.5: mean 20·e^(1.125) = 61.6 days, 0.8% beyond 730 days
      return {
        draw: () => Math.exp(Math.log(20) + 1.5 * rng.normal()),
        mean: 20 * Math.exp(1.125),
      };
    case 'lognormal1':
      // σ 1, mean 60 days (the default world's): median 60·e^(−½) = 36.4 days
      return {
        draw: () => Math.exp(Math.log(60) - 0.5 + rng.normal()),
        mean: 60,
      };
    case 'gamma4':
      // shape 4, mean 90 days: peak at 67.5 days
      return { draw: () => (gammaVariate(rng, 4) * 90) / 4, mean: 90 };
    case 'mixture':
      // half uniform within a week, half gamma(16) of mean 200 days (sd 50)
      return {
        draw: () => (rng.random() < 0.5 ? 7 * rng.random() : (gammaVariate(rng, 16) * 200) / 16),
        mean: 0.5 * 3.5 + 0.5 * 200,
      };
  }
}

const isSummer = (t: number) => {
  const d = new Date(Math.floor(t) * DAY);
  const m = d.getUTCMonth();
  return m >= 5 && m <= 7;
};

export function world2(o: World2Options): World2 {
  const people = o.people ?? 3000;
  const years = o.years ?? 6;
  const mu = o.mu ?? 1e-4;
  const alpha = o.alpha ?? 0.05;
  const channel = o.channel ?? 'co-offending';
  const base = synthCity({ people, years, seed: o.seed, contagion: false });
  const { startDay, endDay } = base.truth.period;
  const rng = createRng(7919 * o.seed + 17);
  const delay = delaySampler(o.delay ?? 'exp60', rng.fork());
  const ids = base.data.people.map((p) => p.person_id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;

  // Custody: one spell of 2–3 years for a share of people; their ordinary records inside it go.
  const custodyFrom = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const custodyTo = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let custodyPeople = 0;
  if (o.custody) {
    for (let i = 0; i < n; i++) {
      if (rng.random() >= o.custody) continue;
      const len = 730 + 365 * rng.random();
      const from = startDay + rng.random() * Math.max(1, endDay - startDay - 365);
      custodyFrom[i] = Math.floor(from);
      custodyTo[i] = Math.floor(from + len);
      custodyPeople++;
    }
  }
  const inCustody = (i: number, t: number) => t >= custodyFrom[i] && t < custodyTo[i];
  const incById = new Map(base.data.incidents.map((i) => [i.incident_id, i]));
  let custodyRowsRemoved = 0;
  const involvements: Involvement[] = [];
  for (const v of base.data.involvements) {
    const i = index.get(v.person_id)!;
    if (inCustody(i, incById.get(v.incident_id)!.day)) {
      custodyRowsRemoved++;
      continue;
    }
    involvements.push(v);
  }
  const byIncident = new Map<string, Involvement[]>();
  for (const v of involvements) {
    let a = byIncident.get(v.incident_id);
    if (!a) byIncident.set(v.incident_id, (a = []));
    a.push(v);
  }
  const incidents: Incident[] = base.data.incidents.filter((i) => byIncident.has(i.incident_id));
  const mass: { day: number; victims: number[] }[] = [];
  let massPeople = 0;
  if (o.massEvents) {
    // Entry and ties as of the records so far, to pick who is at the party.
    const first = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const coOff = new Map<number, Set<number>>();
    for (const inc of incidents) {
      const rows = byIncident.get(inc.incident_id)!;
      for (const r of rows) {
        const i = index.get(r.person_id)!;
        if (inc.day < first[i]) first[i] = inc.day;
      }
      const off = rows.filter((r) => r.role === 'offender').map((r) => index.get(r.person_id)!);
      for (const a of off)
        for (const b of off) {
          if (a === b) continue;
          let s = coOff.get(a);
          if (!s) coOff.set(a, (s = new Set()));
          s.add(b);
        }
    }
    const groupOfMass = base.data.people.map((p) => p.group ?? '');
    const span = endDay - startDay;
    for (let m = 0; m < o.massEvents; m++) {
      const day = Math.floor(startDay + span * (0.1 + 0.8 * rng.random()));
      const size = 8 + rng.int(13);
      const ok = (i: number) => first[i] < day && !inCustody(i, day) && !inCustody(i, day + 1);
      let host = -1;
      for (let tries = 0; tries < 1000 && host < 0; tries++) {
        const k = rng.int(n);
        if (ok(k) && (coOff.get(k)?.size ?? 0) > 0) host = k;
      }
      if (host < 0) continue;
      const chosen = new Set<number>([host]);
      for (const k of coOff.get(host) ?? []) if (chosen.size < size && ok(k)) chosen.add(k);
      for (let tries = 0; tries < 20000 && chosen.size < size; tries++) {
        const k = rng.int(n);
        if (ok(k) && groupOfMass[k] === groupOfMass[host]) chosen.add(k);
      }
      const list = [...chosen];
      const id = `M-${String(m + 1).padStart(4, '0')}`;
      incidents.push({
        incident_id: id,
        date: new Date(day * DAY).toISOString().slice(0, 10),
        day,
        offence: 'shooting',
        severity: 3,
        weapon: 'firearm',
      });
      const rows: Involvement[] = [];
      const victims: number[] = [];
      list.forEach((k, x) => {
        const role = x % 2 === 0 ? 'offender' : 'victim';
        rows.push({ incident_id: id, person_id: ids[k], role });
        if (role === 'victim') victims.push(k);
      });
      involvements.push(...rows);
      byIncident.set(id, rows);
      mass.push({ day, victims });
      massPeople += list.length;
    }
  }

  // Entry (first record) and dated co-offending ties: for each pair, every shared day.
  const entry = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const pairDays = new Map<number, Map<number, number[]>>();
  for (const inc of incidents) {
    const rows = byIncident.get(inc.incident_id)!;
    for (const r of rows) {
      const i = index.get(r.person_id)!;
      if (inc.day < entry[i]) entry[i] = inc.day;
    }
    const off = rows.filter((r) => r.role === 'offender').map((r) => index.get(r.person_id)!);
    for (let a = 0; a < off.length; a++)
      for (let b = 0; b < off.length; b++) {
        if (a === b || off[a] === off[b]) continue;
        let m = pairDays.get(off[a]);
        if (!m) pairDays.set(off[a], (m = new Map()));
        let d = m.get(off[b]);
        if (!d) m.set(off[b], (d = []));
        d.push(inc.day);
      }
  }
  for (const m of pairDays.values()) for (const d of m.values()) d.sort((x, y) => x - y);
  /** j's co-offenders tied strictly before `day` (with recent: last shared day within 730 days). */
  const neighbours = (j: number, day: number, recent: boolean): number[] => {
    const out: number[] = [];
    const m = pairDays.get(j);
    if (!m) return out;
    for (const [k, days] of m) {
      if (days[0] >= day) continue;
      if (recent) {
        let last = days[0];
        for (const d of days) if (d < day) last = d;
        if (day - last >= 730) continue;
      }
      out.push(k);
    }
    return out;
  };
  const atRisk = (i: number, t: number) => t > entry[i] + 1 && t < endDay && !inCustody(i, t);
  const groupOf = base.data.people.map((p) => p.group ?? '');

  // Background: per person, on (entry + 1, end), thinned for custody and season.
  const time: number[] = [];
  const person: number[] = [];
  const parent: number[] = [];
  const offender: number[] = [];
  const peak = o.season === 'summer2' ? 2 : o.season === 'sine2' ? 4 / 3 : 1;
  // sine2: rate ∝ 1 + ⅓·sin(2π(t − 15 April)/365.25): peak mid-July, trough mid-January
  const sineKeep = (t: number) => (1 + Math.sin((2 * Math.PI * (t - 104)) / 365.25) / 3) / (4 / 3);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(entry[i])) continue;
    let t = entry[i] + 1;
    for (;;) {
      t += rng.exponential(mu * peak);
      if (t >= endDay) break;
      if (o.season === 'summer2' && !isSummer(t) && rng.random() * peak >= 1) continue;
      if (o.season === 'sine2' && rng.random() >= sineKeep(t)) continue;
      if (inCustody(i, t)) continue;
      time.push(t);
      person.push(i);
      parent.push(-1);
      offender.push(-1);
    }
  }
  const preRecorded: (string | null)[] = time.map(() => null);
  for (const [x, m] of mass.entries())
    for (const v of m.victims) {
      time.push(m.day + 0.5);
      person.push(v);
      parent.push(-1);
      offender.push(-1);
      preRecorded.push(`M-${String(x + 1).padStart(4, '0')}`);
    }
  // Who shot a background event: in the victim–offender world always someone (from another
  // group), otherwise in 60% of incidents, as synthCity.
  const someoneElse = (v: number, t: number): number => {
    for (let tries = 0; tries < 64; tries++) {
      const k = rng.int(n);
      if (k !== v && groupOf[k] !== groupOf[v] && atRisk(k, t)) return k;
    }
    return -1;
  };
  for (let e = 0; e < time.length; e++)
    if (
      preRecorded[e] === null &&
      (channel === 'victim-offender' || channel === 'both' || rng.random() < 0.6)
    )
      offender[e] = someoneElse(person[e], time[e]);
  const bgEvents = time.length;

  // Children, generation by generation (the list grows as we walk it).
  const limit = 4 * n;
  let children = 0;
  const viaVo: boolean[] = time.map(() => false);
  const alphaVo = o.alphaVo ?? alpha;
  for (let e = 0; e < time.length && alpha > 0; e++) {
    const j = person[e];
    const tj = time[e];
    const day = Math.floor(tj);
    if (channel === 'both' && offender[e] >= 0) {
      // 'both': the victim–offender children first, then the co-offending ones below.
      const o2 = offender[e];
      const side = [o2, ...neighbours(o2, day, false)];
      const count = rng.poisson(alphaVo * side.length);
      const mine = neighbours(j, day, false);
      for (let c = 0; c < count; c++) {
        const k = side[rng.int(side.length)];
        const tc = tj + delay.draw();
        if (!atRisk(k, tc)) continue;
        const shooterSide = [j, ...mine];
        let by = shooterSide[rng.int(shooterSide.length)];
        if (!atRisk(by, tc) || by === k) by = -1;
        time.push(tc);
        person.push(k);
        parent.push(e);
        offender.push(by);
        viaVo.push(true);
        children++;
      }
    }
    if (channel === 'victim-offender') {
      const o2 = offender[e];
      if (o2 < 0) continue;
      const side = [o2, ...neighbours(o2, day, false)];
      const count = rng.poisson(alpha * side.length);
      const mine = neighbours(j, day, false);
      for (let c = 0; c < count; c++) {
        const k = side[rng.int(side.length)];
        const tc = tj + delay.draw();
        if (!atRisk(k, tc)) continue;
        const shooterSide = [j, ...mine];
        let by = shooterSide[rng.int(shooterSide.length)];
        if (!atRisk(by, tc) || by === k) by = -1;
        time.push(tc);
        person.push(k);
        parent.push(e);
        offender.push(by);
        viaVo.push(true);
        children++;
      }
    } else {
      const nb = neighbours(j, day, channel === 'recent-ties');
      if (nb.length === 0) continue;
      const count = rng.poisson(alpha * nb.length);
      for (let c = 0; c < count; c++) {
        const k = nb[rng.int(nb.length)];
        const tc = tj + delay.draw();
        if (!atRisk(k, tc)) continue;
        time.push(tc);
        person.push(k);
        parent.push(e);
        offender.push(channel === 'both' || rng.random() < 0.6 ? someoneElse(k, tc) : -1);
        viaVo.push(false);
        children++;
      }
    }
    if (time.length > limit) throw new Error(`explosive: over ${limit} events`);
  }

  // Records: one incident per event, severity 3; a share lose their victim row.
  const order = Array.from(time.keys()).sort((a, b) => time[a] - time[b] || a - b);
  const drop = o.dropVictims ?? 0;
  let recorded = 0;
  let triggeredRecorded = 0;
  let triggeredVo = 0;
  let triggered = 0;
  const delays: number[] = [];
  const idOf: string[] = [];
  const serious: World2['serious'] = [];
  let nextId = 1;
  const newInc: Incident[] = [];
  const newInv: Involvement[] = [];
  for (const e of order) {
    const day = Math.floor(time[e]);
    if (e < bgEvents && preRecorded[e] !== null) {
      idOf[e] = preRecorded[e]!;
      serious.push({ id: idOf[e], day, triggered: false, parent: null });
      recorded++;
      continue;
    }
    const id = `W-${String(nextId++).padStart(7, '0')}`;
    idOf[e] = id;
    serious.push({
      id,
      day,
      triggered: parent[e] >= 0,
      parent: parent[e] >= 0 ? idOf[parent[e]] : null,
    });
    newInc.push({
      incident_id: id,
      date: new Date(day * DAY).toISOString().slice(0, 10),
      day,
      offence: 'shooting',
      severity: 3,
      weapon: 'firearm',
    });
    if (offender[e] >= 0)
      newInv.push({ incident_id: id, person_id: ids[offender[e]], role: 'offender' });
    const kept = !(drop > 0 && rng.random() < drop);
    if (kept) {
      newInv.push({ incident_id: id, person_id: ids[person[e]], role: 'victim' });
      recorded++;
    }
    if (parent[e] >= 0) {
      triggered++;
      if (kept) triggeredRecorded++;
      if (kept && viaVo[e]) triggeredVo++;
      delays.push(time[e] - time[parent[e]]);
    }
  }
  // Incidents with no involvement left (victim lost, no offender) stay in the records.
  const allIncidents = incidents.concat(newInc).sort((a, b) => a.day - b.day);
  delays.sort((a, b) => a - b);
  return {
    data: { ...base.data, incidents: allIncidents, involvements: involvements.concat(newInv) },
    events: time.length,
    recorded,
    trueShare: time.length ? triggered / time.length : 0,
    trueShareRecorded: recorded ? triggeredRecorded / recorded : 0,
    trueShareRecordedBy: {
      coOffending: recorded ? (triggeredRecorded - triggeredVo) / recorded : 0,
      victimOffender: recorded ? triggeredVo / recorded : 0,
    },
    trueDelayMean: delays.length ? delays.reduce((s, x) => s + x, 0) / delays.length : null,
    trueDelayMedian: delays.length ? delays[delays.length >> 1] : null,
    kernelMean: alpha > 0 ? delay.mean : null,
    branching: time.length ? children / time.length : 0,
    custodyPeople,
    custodyRowsRemoved,
    serious,
    massPeople,
  };
}
