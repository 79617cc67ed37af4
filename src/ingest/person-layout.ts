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

/**
 * With a people table: a warning when people named in accepted involvements have no row in it
 * (their group and birth year are then unknown), naming how many and one of them. Often the two
 * exports write ids differently (`007` and `7`), which would otherwise leave every person without
 * a group unnoticed. One pass over the involvements' person numbers.
 */
export function unlistedPeopleWarning(layout: PersonLayout): string | undefined {
  const { ids, ofInvolvement, people } = layout;
  if (people.length === 0) return undefined;
  const ofPerson = layout.ofPerson();
  const seen = new Uint8Array(ids.length); // 1 listed in the people table, 2 counted
  for (let r = 0; r < ofPerson.length; r++) seen[ofPerson[r]] = 1;
  let named = 0;
  let missing = 0;
  let example = -1;
  for (let k = 0; k < ofInvolvement.length; k++) {
    const p = ofInvolvement[k];
    if (seen[p] === 2 || seen[p] === 3) continue;
    named++;
    if (seen[p] === 0) {
      missing++;
      if (example < 0) example = p;
    }
    seen[p] += 2;
  }
  if (missing === 0) return undefined;
  return (
    `people: ${missing} of ${named} people in the involvements are not in the people table (e.g. '${ids[example]}'), so have no group or birth year; ` +
    "are ids written alike ('007' is not '7')?"
  );
}
