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
