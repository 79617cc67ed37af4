import type { Rng } from '../core/rng.js';
import { type IncidentStore, ROLE_OFFENDER, ROLE_VICTIM } from './store.js';

/**
 * How one stage draws the people of an incident among the living, for {@link amongTheLiving}.
 * Each function returns a person alive on `day` and not in `taken`, or −1 when there is none.
 */
export interface LivingDraws {
  /** A victim in place of dead victim `dead` (`lead`: the incident's first offender as drawn). */
  victim(dead: number, lead: number, day: number, taken: readonly number[]): number;
  /**
   * A lone offender for an incident whose offenders (the first was `lead`) have all died; null
   * when such an incident does not happen at all.
   */
  loneOffender: ((lead: number, day: number, taken: readonly number[]) => number) | null;
}

/**
 * Makes one stage's incidents (drawn before the deaths were known) a draw among the living, in
 * place: `deathDay[p]` is the day person p was killed (+∞ for those who live), and p is dead
 * on every later day (records of the death day itself stay; the city orders the homicide after
 * them). On such a day p is in no incident:
 *
 * - a dead offender is simply not there: the living offenders commit the incident, so every
 *   co-offending tie between two people alive on its day is the same as drawn, and the network
 *   the contagion stage ran on is the network of the records among the living (the only ties
 *   its process can use: the dead have no later events, and receive none). When no offender is
 *   left, `draws.loneOffender` gives one living person in their place (one offender makes no
 *   tie, so the network is unchanged again), or, when it is null or finds nobody, the incident
 *   does not happen; when it has no victim left either way, it does not happen;
 * - a dead victim is replaced by a living one from `draws.victim` (victims make no
 *   co-offending ties), so no incident loses a side;
 * - a dead witness (role other) is replaced by a living person drawn uniformly.
 *
 * Returns `at`: each old incident's number after the change (−1 for those that do not happen),
 * or null when no record involved the dead (the store is then untouched).
 */
export function amongTheLiving(
  store: IncidentStore,
  deathDay: Float64Array,
  rng: Rng,
  draws: LivingDraws,
): Int32Array | null {
  const { day, invOffset, invPerson, invRole } = store;
  const size = store.size;
  let first = -1;
  for (let i = 0; i < size && first < 0; i++) {
    const d = day[i];
    for (let e = invOffset[i]; e < invOffset[i + 1]; e++)
      if (deathDay[invPerson[e]] < d) {
        first = i;
        break;
      }
  }
  if (first < 0) return null;

  const n = deathDay.length;
  const at = new Int32Array(size);
  for (let i = 0; i < first; i++) at[i] = i;
  const taken: number[] = [];
  const person: number[] = [];
  const role: number[] = [];
  let w = first;
  let we = invOffset[first];
  // Incident i's fields to position w (w ≤ i), its involvements starting at we.
  const moveIncident = (i: number, w: number, we: number) => {
    day[w] = day[i];
    store.severity[w] = store.severity[i];
    store.offence[w] = store.offence[i];
    store.weapon[w] = store.weapon[i];
    store.area[w] = store.area[i];
    invOffset[w] = we;
  };
  for (let i = first; i < size; i++) {
    const d = day[i];
    const from = invOffset[i];
    const to = invOffset[i + 1];
    let dead = false;
    for (let e = from; e < to && !dead; e++) dead = deathDay[invPerson[e]] < d;
    if (!dead) {
      // Most incidents: moved down over the removed ones, if any (in place when none yet).
      at[i] = w;
      if (w !== i || we !== from) {
        moveIncident(i, w, we);
        for (let e = from; e < to; e++) {
          invPerson[we] = invPerson[e];
          invRole[we++] = invRole[e];
        }
      } else we = to;
      w++;
      continue;
    }
    // Incidents with the dead in them (stage-local work, rare): the living first (so replacements
    // avoid them), then a replacement for each dead victim and witness, then a lone offender if
    // no offender is left.
    person.length = 0;
    role.length = 0;
    taken.length = 0;
    for (let e = from; e < to; e++) if (!(deathDay[invPerson[e]] < d)) taken.push(invPerson[e]);
    let offenders = 0;
    let victims = 0;
    const lead = invPerson[from];
    let deadOffenders = 0;
    for (let e = from; e < to; e++) {
      const p = invPerson[e];
      const r = invRole[e];
      let q = p;
      if (deathDay[p] < d) {
        if (r === ROLE_OFFENDER) {
          deadOffenders++;
          continue;
        }
        q =
          r === ROLE_VICTIM
            ? draws.victim(p, lead, d, taken)
            : livingAnyone(rng, n, deathDay, d, taken);
        if (q < 0) continue;
        taken.push(q);
      }
      if (r === ROLE_OFFENDER) offenders++;
      else if (r === ROLE_VICTIM) victims++;
      person.push(q);
      role.push(r);
    }
    if (offenders === 0 && deadOffenders > 0) {
      const q = draws.loneOffender ? draws.loneOffender(lead, d, taken) : -1;
      if (q >= 0) {
        person.unshift(q);
        role.unshift(ROLE_OFFENDER);
        offenders = 1;
      }
    }
    const hadVictim = hasRole(invRole, from, to, ROLE_VICTIM);
    if (offenders === 0 || (hadVictim && victims === 0)) {
      at[i] = -1;
      continue;
    }
    at[i] = w;
    moveIncident(i, w, we);
    for (let k = 0; k < person.length; k++) {
      invPerson[we] = person[k];
      invRole[we++] = role[k];
    }
    w++;
  }
  // Removals only shrink the arrays, so the writes above never overtook the reads. Trimmed by
  // pop (setting `length` lower can leave the engine's arrays holey, slower to read).
  invOffset[w] = we;
  trim(invOffset, w + 1);
  trim(invPerson, we);
  trim(invRole, we);
  for (const a of [day, store.severity, store.offence, store.weapon, store.area]) trim(a, w);
  return at;
}

function trim(a: number[], length: number): void {
  while (a.length > length) a.pop();
}

function hasRole(invRole: readonly number[], from: number, to: number, r: number): boolean {
  for (let e = from; e < to; e++) if (invRole[e] === r) return true;
  return false;
}

/** Whether p is alive on `day` and not in `taken`. */
export function isOpen(deathDay: Float64Array, p: number, day: number, taken: readonly number[]) {
  return !(deathDay[p] < day) && !taken.includes(p);
}

/**
 * A person from `draw` (a stage's own distribution) alive on `day` and not in `taken`: up to 64
 * draws, then the first such person of `pool` (everyone when null) from a random start, −1 when
 * there is none.
 */
export function livingFrom(
  rng: Rng,
  draw: () => number,
  pool: ArrayLike<number> | null,
  n: number,
  deathDay: Float64Array,
  day: number,
  taken: readonly number[],
): number {
  for (let tries = 0; tries < 64; tries++) {
    const p = draw();
    if (isOpen(deathDay, p, day, taken)) return p;
  }
  const size = pool ? pool.length : n;
  if (size === 0) return -1;
  const s = rng.int(size);
  for (let k = 0; k < size; k++) {
    const p = pool ? pool[(s + k) % size] : (s + k) % size;
    if (isOpen(deathDay, p, day, taken)) return p;
  }
  return -1;
}

/** Anyone alive on `day` and not in `taken` (the witnesses' distribution), −1 when nobody is. */
function livingAnyone(
  rng: Rng,
  n: number,
  deathDay: Float64Array,
  day: number,
  taken: readonly number[],
): number {
  return livingFrom(rng, () => rng.int(n), null, n, deathDay, day, taken);
}
