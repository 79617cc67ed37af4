import { ProtectedAttributeError } from './errors.js';

/**
 * Attribute names treated as protected: carried for audits only, refused by every model input.
 * Matched case-insensitively after removing non-letters (so `Ethnic_Group` and `ethnicGroup` match).
 */
export const PROTECTED_ATTRIBUTES: readonly string[] = [
  'ethnicity',
  'ethnic',
  'ethnicgroup',
  'ethnicorigin',
  'race',
  'religion',
  'faith',
  'sex',
  'gender',
  'nationality',
  'birthplace',
  'countryofbirth',
  'sexualorientation',
  'disability',
  'immigrationstatus',
  'caste',
];

const norm = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

/** True when `name` is protected, or declared audit-only by the caller. */
export function isProtectedAttribute(name: string, auditOnly: readonly string[] = []): boolean {
  const n = norm(name);
  return PROTECTED_ATTRIBUTES.includes(n) || auditOnly.some((a) => norm(a) === n);
}

/**
 * Throws {@link ProtectedAttributeError} if any of `names` is protected or audit-only.
 * Every model input (covariates, ranking weights, group columns) passes through this.
 */
export function assertNoProtected(
  names: readonly string[],
  where: string,
  auditOnly: readonly string[] = [],
): void {
  for (const name of names) {
    if (isProtectedAttribute(name, auditOnly)) throw new ProtectedAttributeError(name, where);
  }
}
