import type { Role } from '../core/types.js';

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

/** The key role text is looked up by: lower case, runs of spaces, `_` and `-` as one space. */
/**
 * The reason for a role that is neither a default synonym nor in `roleSynonyms`. `IP` is said to
 * be ambiguous (injured party, a victim, in UK exports; involved party elsewhere), so never
 * guessed. @internal
 */
export function unknownRoleReason(roleText: string, acceptedRoles: string): string {
  const ambiguous =
    roleKey(roleText) === 'ip'
      ? ": it may be 'injured party' (a victim) or 'involved party' (other), so it is not guessed"
      : '';
  return (
    `role '${roleText}' is not recognised${ambiguous}; accepted roles: ${acceptedRoles}; ` +
    `add it with roleSynonyms: { '${roleText}': 'offender' | 'victim' | 'other' }`
  );
}

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
