/**
 * The person layout a dataset keeps for its involvements (see `defineInvolvementColumns`): each
 * involvement's person as a number into distinct ids, and the people rows' numbers (people with
 * no records join the ids). Shared by ingest's row and columnar paths. Made outside the readers
 * so that nothing of their scope stays alive with the dataset.
 */
import type { PersonLayout } from '../core/dataset-index.js';
import type { Person } from '../core/types.js';
import { IdNumbers } from './id-numbers.js';

/**
 * The layout of involvements numbered into `numbers.ids` (extended here with the people rows'
 * ids that no involvement names).
 */
export function numberedLayout(
  numbers: IdNumbers,
  ofInvolvement: Int32Array,
  role: Uint8Array,
  people: readonly Person[],
): PersonLayout {
  const ofPerson = new Int32Array(people.length);
  for (let r = 0; r < people.length; r++) ofPerson[r] = numbers.number(people[r].person_id);
  return { ids: numbers.ids, ofInvolvement, role, people, ofPerson: () => ofPerson };
}

/**
 * The layout under pseudonyms: each distinct id's pseudonym (distinct, since the pseudonymiser
 * refuses a collision), the people rows (already renamed) looked up by pseudonym.
 */
export function pseudonymLayout(
  ids: readonly string[],
  display: (id: string) => string,
  ofInvolvement: Int32Array,
  role: Uint8Array,
  people: readonly Person[],
): PersonLayout {
  return numberedLayout(IdNumbers.of(ids.map(display)), ofInvolvement, role, people);
}
