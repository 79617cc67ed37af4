import type { Role } from '../core/types.js';
import { markedInner, NUMERIC } from './cells.js';

/**
 * Role synonyms every ingest starts from (matched case-insensitively, with spaces, `_` and `-`
 * treated alike, so `Co-Arrestee`, `co_arrestee` and `co arrestee` are one word). The caller's
 * `roleSynonyms` are merged over these.
 *
 * - `offender`: suspect, arrested, arrestee, accused, perpetrator, co-arrestee, co-offender,
 *   defendant, charged.
 * - `victim`: injured party, complainant, aggrieved.
 * - `other`: witness, informant, reporting person (UK exports: person reporting), reporter,
 *   involved party.
 */
export const DEFAULT_ROLE_SYNONYMS: Readonly<Record<string, Role>> = {
  offender: 'offender',
  suspect: 'offender',
  susp: 'offender',
  arrested: 'offender',
  arrestee: 'offender',
  accused: 'offender',
  perpetrator: 'offender',
  'co-arrestee': 'offender',
  'co-offender': 'offender',
  defendant: 'offender',
  charged: 'offender',
  victim: 'victim',
  vic: 'victim',
  'injured party': 'victim',
  complainant: 'victim',
  aggrieved: 'victim',
  other: 'other',
  witness: 'other',
  informant: 'other',
  'reporting person': 'other',
  'person reporting': 'other',
  reporter: 'other',
  'involved party': 'other',
};

/**
 * The reason for a role that is neither a default synonym nor in `roleSynonyms` (`roles`, the
 * lookup). `IP` is said to be ambiguous (injured party, a victim, in UK exports; involved party
 * elsewhere), so never guessed. A role a spreadsheet export marked as text (`'Victim`) or wrote
 * as a formula (`="Victim"` in rows of objects) is said to read as its role without the mark; a
 * misspelt one (`Vicitm`, `Suspect.`) names the closest accepted spelling and what it reads as.
 * @internal
 */
export function unknownRoleReason(
  roleText: string,
  acceptedRoles: string,
  roles?: ReadonlyMap<string, Role>,
): string {
  const key = roleKey(roleText);
  const inner = markedInner(roleText.trim());
  const innerRole = inner === undefined ? undefined : roles?.get(roleKey(inner));
  if (inner !== undefined && innerRole !== undefined) {
    const mark = roleText.trim()[0];
    return `role '${roleText}' is not recognised; without its leading ${mark} it reads as '${inner.trim()}' (${innerRole}): a spreadsheet export marked the cell as ${mark === "'" ? 'text' : 'a formula'}; save the column without the marks`;
  }
  // Accepted spellings the text holds as words ('Suspect/Victim' holds suspect and victim): of
  // two roles, the text is not guessed at (the closest spelling would pick one).
  const words = ` ${key.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const held =
    roles === undefined ? [] : [...roles].filter(([k]) => k !== key && words.includes(` ${k} `));
  const two = new Set(held.map(([, r]) => r)).size > 1;
  // The spelling meant: one a single slip away ('Vicitm', 'Suspect.'). Not a word two away,
  // another word as often as a slip ('Subject' is not 'suspect'), nor one the text holds among
  // others ("Victim's friend" is no victim).
  const near =
    key === 'ip' || roles === undefined || two || NUMERIC.test(key)
      ? undefined
      : [...roles.keys()].find((k) => oneSlip(key, k));
  const ambiguous =
    key === 'ip'
      ? ": it may be 'injured party' (a victim) or 'involved party' (other), so it is not guessed"
      : two
        ? `: it names more than one role (${held.map(([k, r]) => `'${k}', ${r}`).join('; ')}), so it is not guessed`
        : near !== undefined
          ? ` (did you mean '${near}', read as ${roles!.get(near)}?)`
          : '';
  return (
    `role '${roleText}' is not recognised${ambiguous}; accepted roles: ${acceptedRoles}; ` +
    `add it with roleSynonyms: { '${roleText.replace(/[\\']/g, '\\$&')}': 'offender' | 'victim' | 'other' }`
  );
}

/**
 * Whether `a` and `b` are one insertion, deletion, substitution or swap of neighbours apart.
 */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, k: number) => x.slice(i + k);
  return (
    rest(a, 1) === rest(b, 1) ||
    rest(a, 1) === rest(b, 0) ||
    rest(a, 0) === rest(b, 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, 2) === rest(b, 2))
  );
}

/**
 * {@link unknownRoleReason} for each distinct text once (a column of role codes is one text on
 * many rows), with `roles`' spellings as the accepted roles. @internal
 */
export function unknownRoleReasons(roles: ReadonlyMap<string, Role>) {
  const accepted = [...new Set(roles.keys())].sort().join(', ');
  const seen = new Map<string, string>();
  return {
    accepted,
    reason(roleText: string): string {
      let r = seen.get(roleText);
      if (r === undefined) {
        r = unknownRoleReason(roleText, accepted, roles);
        seen.set(roleText, r);
      }
      return r;
    },
  };
}

/** The key role text is looked up by: lower case, runs of spaces, `_` and `-` as one space. */
export function roleKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** Builds the lookup table (normalised synonym → role) from the defaults and the caller's map. */
export function roleLookup(synonyms: Readonly<Record<string, Role>> = {}): Map<string, Role> {
  const lookup = new Map<string, Role>();
  for (const [k, v] of Object.entries(DEFAULT_ROLE_SYNONYMS)) lookup.set(roleKey(k), v);
  for (const [k, v] of Object.entries(synonyms)) lookup.set(roleKey(k), v);
  return lookup;
}
