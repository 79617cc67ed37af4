/**
 * Worlds nobody had tried (2026-12-03): a synthCity city post-processed into records the network
 * Hawkes model did not generate — a city-wide surge or a riot with no contagion, co-victims of
 * one shooting recorded as two incidents on consecutive days, whole incidents recorded twice, and
 * co-offending ties that were never recorded. Shared by `bench/worlds-unseen.ts` and the tests.
 */

import { createRng } from '../src/core/rng.js';
import type { Dataset, Incident, Involvement } from '../src/core/types.js';
import { synthCity } from '../src/synth/index.js';
import { WORLD_CONTAGION } from '../src/synth/presets.js';
import type { SynthTruth } from '../src/synth/types.js';

/** The unseen worlds. */
export type UnseenWorld =
  | 'plain'
  | 'surge'
  | 'riot'
  | 'covictims-same-incident'
  | 'covictims-split'
  | 'duplicates'
  | 'missing-ties';

/** What a world added or removed, and the truth of the city it was made from. */
export interface UnseenCity {
  data: Dataset;
  truth: SynthTruth;
  /** Serious events (victimisations) the post-processing added; all spurious or background. */
  added: number;
  /** Co-offending ties (offender pairs of one incident) the post-processing removed. */
  removedPairs: number;
  /** Co-offending pairs in the city before the post-processing. */
  pairs: number;
}

/** Options of {@link unseenCity}. */
export interface UnseenOptions {
  seed: number;
  people?: number;
  /** Contagion in the city the world is made from (α = 0.05, 1/β = 60 days), or none. */
  contagion: boolean;
  /** surge: background multiplier for 3 weeks each summer (default 4). */
  surgeFactor?: number;
  /** riot: events in one weekend (default 30). */
  riotEvents?: number;
  /** covictims / duplicates: share of serious incidents affected (default 0.15). */
  fraction?: number;
  /** missing-ties: share of co-offending incidents whose co-offenders are recorded apart (default 0.4). */
  dropShare?: number;
}

const SERIOUS = 3;

/** A synthCity city (6 years, μ₀ = 1e-4, the misspecified worlds' contagion) turned into `world`. */
export function unseenCity(world: UnseenWorld, o: UnseenOptions): UnseenCity {
  const { data, truth } = synthCity({
    people: o.people ?? 3000,
    years: 6,
    seed: o.seed,
    contagion: { ...WORLD_CONTAGION, alpha: o.contagion ? WORLD_CONTAGION.alpha : 0 },
  });
  const rng = createRng(1_000_003 * o.seed + world.length);
  const incidents: Incident[] = data.incidents.slice();
  const involvements: Involvement[] = data.involvements.slice();
  const byIncident = new Map<string, Involvement[]>();
  for (const v of involvements) {
    let a = byIncident.get(v.incident_id);
    if (!a) byIncident.set(v.incident_id, (a = []));
    a.push(v);
  }
  // First record and death of each person; dated co-offending ties.
  const first = new Map<string, number>();
  const death = new Map<string, number>();
  const ties = new Map<string, { day: number; other: string }[]>();
  let pairs = 0;
  for (const inc of incidents) {
    const rows = byIncident.get(inc.incident_id) ?? [];
    for (const r of rows) if (!first.has(r.person_id)) first.set(r.person_id, inc.day);
    if (inc.severity === 4) {
      const victims = rows.filter((r) => r.role === 'victim');
      if (victims.length === 1) death.set(victims[0].person_id, inc.day);
    }
    const off = rows.filter((r) => r.role === 'offender');
    for (let a = 0; a < off.length; a++)
      for (let b = a + 1; b < off.length; b++) {
        pairs++;
        for (const [x, y] of [
          [off[a].person_id, off[b].person_id],
          [off[b].person_id, off[a].person_id],
        ]) {
          let l = ties.get(x);
          if (!l) ties.set(x, (l = []));
          l.push({ day: inc.day, other: y });
        }
      }
  }
  const alive = (p: string, day: number) => (death.get(p) ?? Number.POSITIVE_INFINITY) > day;
  const people = [...first.keys()];
  const { startDay, endDay } = truth.period;
  let nextId = 1;
  const newId = () => `U-${String(nextId++).padStart(7, '0')}`;
  const addEvent = (day: number, victim: string, offence = 'shooting') => {
    const id = newId();
    incidents.push({
      incident_id: id,
      date: new Date(day * 86400000).toISOString().slice(0, 10),
      day,
      offence,
      severity: SERIOUS,
      weapon: 'firearm',
    });
    involvements.push({ incident_id: id, person_id: victim, role: 'victim' });
    return id;
  };
  /** A person on record before `day` and alive after it (uniform). */
  const anyone = (day: number) => {
    for (let tries = 0; tries < 1000; tries++) {
      const p = people[rng.int(people.length)];
      if ((first.get(p) ?? Number.POSITIVE_INFINITY) < day && alive(p, day + 1)) return p;
    }
    return null;
  };
  let added = 0;
  let removedPairs = 0;
  const serious = incidents.filter((i) => i.severity >= SERIOUS && i.severity < 4);
  if (world === 'surge') {
    // Every summer, 3 weeks at `surgeFactor` × the background for everyone on record.
    const factor = o.surgeFactor ?? 4;
    for (let y = 0; y < 6; y++) {
      const s = startDay + Math.round(365.25 * y) + 181; // about 1 July
      for (let d = s; d < s + 21 && d < endDay; d++) {
        const atRisk = people.filter((p) => (first.get(p) ?? Number.POSITIVE_INFINITY) < d).length;
        const n = poisson(rng, (factor - 1) * WORLD_CONTAGION.mu * atRisk);
        for (let k = 0; k < n; k++) {
          const p = anyone(d);
          if (p) {
            addEvent(d, p);
            added++;
          }
        }
      }
    }
  } else if (world === 'riot') {
    // One weekend in the fourth year: `riotEvents` victims anywhere in the city.
    const d = startDay + Math.round(365.25 * 3) + 200;
    const n = o.riotEvents ?? 30;
    for (let k = 0; k < n; k++) {
      const p = anyone(d + (k % 2));
      if (p) {
        addEvent(d + (k % 2), p);
        added++;
      }
    }
  } else if (world === 'covictims-same-incident' || world === 'covictims-split') {
    // A share of shootings also hit a co-offender of the victim (tied before the day): recorded
    // in the same incident, or as a second incident dated the next day (one shooting across
    // midnight, or each victim's report taken separately).
    const f = o.fraction ?? 0.15;
    for (const inc of serious) {
      if (rng.random() >= f) continue;
      const victim = (byIncident.get(inc.incident_id) ?? []).find((r) => r.role === 'victim');
      if (!victim) continue;
      const cands = (ties.get(victim.person_id) ?? []).filter(
        (t) => t.day < inc.day && alive(t.other, inc.day + 1),
      );
      if (!cands.length) continue;
      const other = cands[rng.int(cands.length)].other;
      if (world === 'covictims-same-incident')
        involvements.push({ incident_id: inc.incident_id, person_id: other, role: 'victim' });
      else addEvent(inc.day + 1, other, inc.offence);
      added++;
    }
  } else if (world === 'duplicates') {
    // A share of serious incidents recorded twice: every row again, new id, dated the next day.
    const f = o.fraction ?? 0.15;
    for (const inc of serious) {
      if (rng.random() >= f || inc.day + 1 >= endDay) continue;
      const rows = byIncident.get(inc.incident_id) ?? [];
      if (!rows.every((r) => alive(r.person_id, inc.day + 1))) continue;
      const id = newId();
      const day = inc.day + 1;
      incidents.push({
        ...inc,
        incident_id: id,
        date: new Date(day * 86400000).toISOString().slice(0, 10),
        day,
      });
      for (const r of rows) involvements.push({ ...r, incident_id: id });
      added += rows.filter((r) => r.role === 'victim').length;
    }
  } else if (world === 'missing-ties') {
    // Co-offending under-recorded: in a share of incidents with several offenders each offender
    // is recorded in an incident of their own (same day and offence), so nobody's record count
    // changes but the ties of that incident are lost.
    const share = o.dropShare ?? 0.4;
    const out: Involvement[] = [];
    for (const v of involvements) out.push(v);
    involvements.length = 0;
    const split = new Set<string>();
    for (const inc of data.incidents) {
      const off = (byIncident.get(inc.incident_id) ?? []).filter((r) => r.role === 'offender');
      if (off.length >= 2 && inc.severity < SERIOUS && rng.random() < share) {
        split.add(inc.incident_id);
        removedPairs += (off.length * (off.length - 1)) / 2;
      }
    }
    const seen = new Map<string, number>();
    const incById = new Map(data.incidents.map((i) => [i.incident_id, i]));
    for (const v of out) {
      if (!split.has(v.incident_id) || v.role !== 'offender') {
        involvements.push(v);
        continue;
      }
      const k = seen.get(v.incident_id) ?? 0;
      seen.set(v.incident_id, k + 1);
      if (k === 0) {
        involvements.push(v);
        continue;
      }
      const inc = incById.get(v.incident_id)!;
      const id = newId();
      incidents.push({ ...inc, incident_id: id });
      involvements.push({ ...v, incident_id: id });
    }
  }
  if (world !== 'plain' && world !== 'missing-ties' && world !== 'covictims-same-incident') {
    // keep incidents in date order (as an extract would be)
    incidents.sort((a, b) => a.day - b.day || (a.incident_id < b.incident_id ? -1 : 1));
  }
  return {
    data: { ...data, incidents, involvements, people: data.people },
    truth,
    added,
    removedPairs,
    pairs,
  };
}

function poisson(rng: { random(): number }, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = rng.random();
  while (u > s && k < 1000) {
    k++;
    p *= mean / k;
    s += p;
  }
  return k;
}
