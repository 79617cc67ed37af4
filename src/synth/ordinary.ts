import type { Rng } from '../core/rng.js';
import type { Population } from './people.js';
import {
  AREAS,
  IncidentStore,
  ROLE_OFFENDER,
  ROLE_OTHER,
  ROLE_VICTIM,
  SEVERITY0_OFFENCES,
  SEVERITY1_OFFENCES,
  SEVERITY2_OFFENCES,
  W_KNIFE,
  W_NONE,
  W_OTHER,
} from './store.js';

/** Cumulative shares of incidents with 1, 2, 3, 4 offenders. */
const OFFENDER_COUNT_CUM = [0.45, 0.78, 0.93, 1];
/** Where each co-offender comes from: a usual partner, else anyone in the group, else anyone. */
const P_PARTNER = 0.85;
const P_SAME_GROUP = 0.12;
/** Cumulative shares of severities 0, 1, 2 among ordinary incidents. */
const SEVERITY_CUM = [0.85, 0.95, 1];
/** Share of violent incidents with a second victim; share of incidents with a witness. */
const P_SECOND_VICTIM = 0.15;
/** Where victims of ordinary violence come from: people in no group, the lead's group, anyone. */
const P_VICTIM_UNGROUPED = 0.75;
const P_VICTIM_OWN_GROUP = 0;
const P_WITNESS = 0.05;
/** Share of incidents in the lead offender's home area (the rest anywhere). */
const P_HOME_AREA = 0.75;

/**
 * Ordinary incidents (severity 0–2): each person leads Poisson(propensity × rate × years)
 * incidents on uniform days of the period, with 0–3 co-offenders mostly drawn from their usual
 * partners and group, and victims for violent ones.
 */
export function ordinaryIncidents(
  rng: Rng,
  pop: Population,
  startDay: number,
  periodDays: number,
  incidentsPerPersonYear: number,
): IncidentStore {
  const store = new IncidentStore();
  const years = periodDays / 365.25;
  const { n, group, members, partnerOffset, partner } = pop;
  for (let lead = 0; lead < n; lead++) {
    const count = rng.poisson(pop.propensity[lead] * incidentsPerPersonYear * years);
    for (let c = 0; c < count; c++) {
      const day = startDay + rng.int(periodDays);
      const severity = pick(rng, SEVERITY_CUM);
      const [offence, weapon] = offenceAndWeapon(rng, severity);
      const area = rng.random() < P_HOME_AREA ? pop.homeArea[lead] : rng.int(AREAS);
      store.begin(day, severity, offence, weapon, area);
      store.add(lead, ROLE_OFFENDER);
      const nOff = pick(rng, OFFENDER_COUNT_CUM) + 1;
      const p0 = partnerOffset[lead];
      const nPartners = partnerOffset[lead + 1] - p0;
      const g = group[lead];
      for (let k = 1; k < nOff; k++) {
        // A usual partner (anyone in the group for people without partners), else anyone in the
        // group, else anyone at all: ties cluster inside groups, with a few across.
        const u = rng.random();
        let q: number;
        if (u < P_PARTNER && nPartners > 0) q = partner[p0 + rng.int(nPartners)];
        else if (u < P_PARTNER + P_SAME_GROUP && g >= 0) q = members[g][rng.int(members[g].length)];
        else q = rng.int(n);
        // A repeat draw just makes the incident one offender smaller.
        if (!store.has(q)) store.add(q, ROLE_OFFENDER);
      }
      if (severity > 0) {
        const nVictims = rng.random() < P_SECOND_VICTIM ? 2 : 1;
        for (let k = 0; k < nVictims; k++) {
          // Redraw the few that hit a person already in the incident, so each has a victim.
          for (let tries = 0; tries < 8; tries++) {
            const v = victim(rng, pop, lead);
            if (store.has(v)) continue;
            store.add(v, ROLE_VICTIM);
            break;
          }
        }
      }
      if (rng.random() < P_WITNESS) {
        const w = rng.int(n);
        if (!store.has(w)) store.add(w, ROLE_OTHER);
      }
      store.end();
    }
  }
  return store;
}

/**
 * A victim of ordinary violence: mostly someone in no group or in the lead offender's own group
 * (fights among associates), rarely a member of another group, so that ordinary violence seldom
 * looks like one group answering another (that pattern is left to the feuds, which have truth).
 */
export function victim(rng: Rng, pop: Population, lead: number): number {
  const u = rng.random();
  const g = pop.group[lead];
  if (u < P_VICTIM_UNGROUPED && pop.ungrouped.length > 0) {
    return pop.ungrouped[rng.int(pop.ungrouped.length)];
  }
  if (u < P_VICTIM_UNGROUPED + P_VICTIM_OWN_GROUP && g >= 0) {
    return pop.members[g][rng.int(pop.members[g].length)];
  }
  return rng.int(pop.n);
}

/** Index of the first cumulative share above a uniform draw. */
function pick(rng: Rng, cum: readonly number[]): number {
  const u = rng.random();
  let i = 0;
  while (i < cum.length - 1 && u >= cum[i]) i++;
  return i;
}

/** An offence text and weapon consistent with a severity of 0, 1 or 2. */
export function offenceAndWeapon(rng: Rng, severity: number): [number, number] {
  if (severity === 0) return [SEVERITY0_OFFENCES[rng.int(SEVERITY0_OFFENCES.length)], W_NONE];
  if (severity === 1) {
    return [
      SEVERITY1_OFFENCES[rng.int(SEVERITY1_OFFENCES.length)],
      rng.random() < 0.7 ? W_NONE : W_OTHER,
    ];
  }
  const u = rng.random();
  return [
    SEVERITY2_OFFENCES[rng.int(SEVERITY2_OFFENCES.length)],
    u < 0.4 ? W_NONE : u < 0.75 ? W_OTHER : W_KNIFE,
  ];
}
