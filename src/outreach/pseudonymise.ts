import { checkOptions } from '../core/options.js';
import { pseudonymiser as keyedPseudonymiser, type PseudonymKey } from '../ingest/pseudonymise.js';

/** How to pseudonymise person ids in a list: a caller-held secret key (never stored in outputs). */
export interface PseudonymiseOption {
  /**
   * Secret key of the keyed hash (ingest's `pseudonymise`: HMAC-SHA256, `P-` + 12 hex digits).
   * Same key ⇒ same pseudonyms, run after run, and the same as `pseudonymiseDataset` gives.
   */
  key: PseudonymKey;
}

/**
 * id → display id: the keyed pseudonym when an option is given, else the id itself. The option is
 * checked as `fn`'s: a misspelt or unknown name in it (`kye`, `salt`) is an `OptionError`.
 */
export function pseudonymiser(
  option: PseudonymiseOption | undefined,
  fn = 'pseudonymise',
): (id: string) => string {
  if (!option) return (id) => id;
  // The key itself is checked by the keyed pseudonymiser (text or bytes, 16 bytes at least).
  checkOptions(fn, option, { key: () => undefined }, 'pseudonymise');
  return keyedPseudonymiser(option.key);
}

/**
 * Why a keyed list (or plan) cannot be reported beside raw data, and the fix: the words
 * `reportInput` refuses it with, and `analyse` (which makes what the report shows) before it starts.
 */
export const KEYED_BESIDE_RAW =
  'the data has raw ids, which the report would show beside them (network, incidents); pseudonymise the data instead (pseudonymiseDataset(data, key), or ingest with pseudonymise) and make the list from it';
