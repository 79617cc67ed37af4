import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** How to pseudonymise person ids in a list: a caller-held secret key (never stored in outputs). */
export interface PseudonymiseOption {
  /** Secret key of the keyed hash (HMAC-SHA256). Same key ⇒ same pseudonyms, run after run. */
  key: string;
}

/**
 * Returns a memoised id → pseudonym function for a key: `P-` and the first 12 hex digits of
 * HMAC-SHA256(key, id). Local until the ingest stage exports its own helper.
 */
export function pseudonymiser(option: PseudonymiseOption | undefined): (id: string) => string {
  if (!option) return (id) => id;
  if (typeof option.key !== 'string' || option.key.length === 0)
    throw new TypeError('pseudonymise.key must be a non-empty string');
  const key = utf8ToBytes(option.key);
  const memo = new Map<string, string>();
  return (id) => {
    let p = memo.get(id);
    if (p === undefined) {
      p = `P-${bytesToHex(hmac(sha256, key, utf8ToBytes(id))).slice(0, 12)}`;
      memo.set(id, p);
    }
    return p;
  };
}
