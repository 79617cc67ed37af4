import { type DatasetIndex, ROLE_CODE } from './dataset-index.js';

/**
 * Who the records say was killed in incident `k`: its only victim when it is a homicide
 * (severity 4), else −1. The records hold one severity per incident, so a homicide with several
 * victims does not say who died: none of them is taken as killed. The one rule for who is dead,
 * shared by the outreach lists, contact tracing and the network Hawkes fit's at-risk exits.
 */
export function killedIn(index: DatasetIndex, k: number): number {
  if (index.severity[k] < 4) return -1;
  let who = -1;
  for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++)
    if (index.invRole[e] === ROLE_CODE.victim) {
      if (who >= 0) return -1;
      who = index.invPerson[e];
    }
  return who;
}

/**
 * The day person `p` was killed (the only victim of a homicide) in incidents `[lo, hi)` (`lo`:
 * the retention window's first, so that a record past retention says nothing), or
 * `undefined`: read from the person's own incidents (for a few people, as `traceContacts` needs).
 * Also `undefined` when the person has records dated after that day (see {@link laterThanKilled}).
 */
export function killedDay(index: DatasetIndex, p: number, hi: number, lo = 0): number | undefined {
  const { personIncOffset, personInc, day } = index;
  let killed: number | undefined;
  for (let j = personIncOffset[p]; j < personIncOffset[p + 1]; j++) {
    const k = personInc[j];
    if (k >= hi) break;
    if (k < lo) continue;
    if (killed !== undefined && Math.floor(day[k]) > Math.floor(killed)) return undefined;
    if (killed === undefined && killedIn(index, k) === p) killed = day[k];
  }
  return killed;
}

/**
 * Whether person `p` is the only victim of a homicide in incidents `[lo, hi)` and yet has records
 * dated after it (a reused id, or a data error): such people are listed, with a warning.
 */
export function laterThanKilled(index: DatasetIndex, p: number, hi: number, lo = 0): boolean {
  const { personIncOffset, personInc } = index;
  for (let j = personIncOffset[p]; j < personIncOffset[p + 1]; j++) {
    const k = personInc[j];
    if (k >= hi) break;
    if (k < lo) continue;
    if (killedIn(index, k) === p) return killedDay(index, p, hi, lo) === undefined;
  }
  return false;
}
