/**
 * The person layout a dataset keeps for its involvements (see `defineInvolvementColumns`): each
 * involvement's person as a number into distinct ids, and the people rows' numbers (people with
 * no records join the ids). Shared by ingest's row and columnar paths. Made outside the readers
 * so that nothing of their scope stays alive with the dataset.
 */
import type { PersonLayout } from '../core/dataset-index.js';
import type { Person } from '../core/types.js';
import { folded, unprefixed, wholeDecimal } from './cells.js';
import { IdNumbers } from './id-numbers.js';
import type { RejectedPeople } from './read-people.js';

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
 * a group unnoticed. People whose row was rejected (`rejected`: a birth year or group date that
 * cannot be read) are counted apart, with one of those rows and its reason, and the ids are not
 * blamed for them. One pass over the involvements' person numbers. With `emptyTable` (a people
 * table was given and has no rows), a warning that nobody has a group or birth year.
 */
export function unlistedPeopleWarning(
  layout: PersonLayout,
  rejected: RejectedPeople,
  emptyTable = false,
): string | undefined {
  const { ids, ofInvolvement, people } = layout;
  if (people.length === 0 && rejected.size === 0) {
    // A people table given with no rows (a header-only export, a filter that kept nobody) left
    // everyone without a group or birth year, and said nothing.
    if (!emptyTable) return undefined;
    const seen = new Uint8Array(ids.length);
    let named = 0;
    for (let k = 0; k < ofInvolvement.length; k++) {
      if (seen[ofInvolvement[k]] === 0) named++;
      seen[ofInvolvement[k]] = 1;
    }
    if (named === 0) return undefined;
    return `people: the people table has no rows, so ${named === 1 ? 'the one person in the involvements has no' : `none of the ${named} people in the involvements has a`} group or birth year; check the export (or leave the people table out)`;
  }
  const ofPerson = layout.ofPerson();
  const seen = new Uint8Array(ids.length); // 1 listed in the people table, 2 counted
  for (let r = 0; r < ofPerson.length; r++) seen[ofPerson[r]] = 1;
  let named = 0;
  let missing = 0;
  let example = -1;
  let refused = 0;
  let firstRefused: { row: number; reason: string } | undefined;
  for (let k = 0; k < ofInvolvement.length; k++) {
    const p = ofInvolvement[k];
    if (seen[p] === 2 || seen[p] === 3) continue;
    named++;
    if (seen[p] === 0) {
      const row = rejected.size > 0 ? rejected.get(ids[p]) : undefined;
      if (row !== undefined) {
        refused++;
        if (firstRefused === undefined || row.row < firstRefused.row) firstRefused = row;
      } else {
        missing++;
        if (example < 0) example = p;
      }
    }
    seen[p] += 2;
  }
  if (missing === 0 && refused === 0) return undefined;
  if (refused === 0) {
    return (
      `people: ${missing} of ${named} people in the involvements ${missing === 1 ? 'is' : 'are'} not in the people table (e.g. '${ids[example]}'), so ${missing === 1 ? 'has' : 'have'} no group or birth year; ` +
      "are ids written alike ('007' is not '7')?"
    );
  }
  const why =
    `${refused === 1 ? 'its row was' : 'their rows were'} rejected ` +
    `(e.g. people row ${firstRefused!.row + 1}: ${firstRefused!.reason}; see the rejected rows)`;
  if (missing === 0) {
    return `people: ${refused} of ${named} people in the involvements ${refused === 1 ? 'is' : 'are'} not in the people table because ${why}, so ${refused === 1 ? 'has' : 'have'} no group or birth year`;
  }
  return (
    `people: ${missing + refused} of ${named} people in the involvements are not in the people table, so have no group or birth year: ` +
    `${refused} because ${why}, and ${missing} with no row (e.g. '${ids[example]}'): are ids written alike ('007' is not '7')?`
  );
}

/**
 * An id's hash with ASCII letters in lower case and white space left out, and, for an id of
 * digits alone, its leading zeros (the last digit kept: '007' reads as '7', '000' as '0'; an
 * Excel round trip drops them) and a `.0` ending ('388.0' reads as '388': pandas writes a number
 * column with an empty cell as decimals), and without a leading `'` or `=` (FNV-1a, 32 bits).
 */
function foldedHash(s: string): number {
  // A leading ' or = (an export's text mark or formula): the id after it.
  s = unprefixed(s);
  // Digits with a '.0' ending (pandas' '388.0'): its digits alone.
  if (s.charCodeAt(s.length - 1) === 48 && s.includes('.')) s = wholeDecimal(s);
  let left = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 160) continue;
    if (c < 48 || c > 57) {
      left = 0;
      break;
    }
    left++;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 160) continue;
    // Digits alone: a leading zero is skipped while another digit follows.
    if (left > 1 && c === 48) {
      left--;
      continue;
    }
    left = 0;
    if (c >= 65 && c <= 90) c |= 32;
    else if (c > 127) c = s.charAt(i).toLowerCase().charCodeAt(0);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h | 0;
}

/**
 * A warning when distinct person ids of accepted involvements (`ids[ofInvolvement[k]]`; the
 * ids as read, before any pseudonym) differ only in letter case or white space (`'AB12'`,
 * `'ab12'`, `'AB 12'`), or, ids of digits alone, in leading zeros (`'00388'`, `'388'`: an Excel
 * round trip drops them) or a `.0` ending (`'388.0'`: pandas writes a number column with an empty
 * cell as decimals): exports merged from two systems, or typed by hand, often write one
 * person's id both ways, and the network then holds them as two people, each with half the
 * record. Ids are not merged (they may be two people); the warning says how many ids and, unless
 * the ids are to be pseudonymised, one pair. Hashes of the folded ids are sorted and only equal
 * hashes compared as text: about 0.1 s at a million ids.
 */
export function caseVariantWarning(
  ids: readonly string[],
  ofInvolvement: Int32Array,
  pseudonymised: boolean,
): string | undefined {
  const n = ids.length;
  if (n < 2) return undefined;
  // Only the ids of accepted involvements (not of rejected rows, nor people-table rows alone).
  const used = new Uint8Array(n);
  for (let k = 0; k < ofInvolvement.length; k++) used[ofInvolvement[k]] = 1;
  let m = 0;
  for (let i = 0; i < n; i++) m += used[i];
  if (m < 2) return undefined;
  const hashes = new Int32Array(n);
  const sorted = new Int32Array(m);
  for (let i = 0, j = 0; i < n; i++) if (used[i]) sorted[j++] = hashes[i] = foldedHash(ids[i]);
  sorted.sort();
  const shared = new Set<number>();
  for (let i = 1; i < m; i++) if (sorted[i] === sorted[i - 1]) shared.add(sorted[i]);
  if (shared.size === 0) return undefined;
  // Per folded id, its two smallest ids in code-unit order: the pair named is the first of
  // those pairs, whatever the ids' numbering (row and columnar paths number them differently,
  // and with three ways of writing one id the first two read are not the first two in order).
  const least = new Map<string, [string, string | null]>();
  let variants = 0;
  // Whether a leading ' or = tells some of them apart (named then, with the other ways).
  let prefixed = false;
  for (let i = 0; i < n; i++) {
    if (!used[i] || !shared.has(hashes[i])) continue;
    const key = folded(ids[i]);
    const id = ids[i];
    const two = least.get(key);
    if (two === undefined) least.set(key, [id, null]);
    else {
      variants++;
      if (unprefixed(id) !== id || unprefixed(two[0]) !== two[0]) prefixed = true;
      if (id < two[0]) {
        two[1] = two[0];
        two[0] = id;
      } else if (two[1] === null || id < two[1]) two[1] = id;
    }
  }
  let example: [string, string] | null = null;
  for (const [a, b] of least.values()) {
    if (b === null) continue;
    if (!example || a < example[0] || (a === example[0] && b < example[1])) example = [a, b];
  }
  if (variants === 0 || !example) return undefined;
  return (
    `people: ${variants} person id${variants === 1 ? ' differs' : 's differ'} from another only in letter case, spaces, leading zeros or a trailing '.0'${prefixed ? " (or a leading ' or =)" : ''}${pseudonymised ? '' : ` (e.g. '${example[0]}' and '${example[1]}')`}, so ` +
    `${variants === 1 ? 'the two are' : 'they are'} read as different people; if the export wrote one person's id both ways, write it one way before ingest (the network would split them)`
  );
}
