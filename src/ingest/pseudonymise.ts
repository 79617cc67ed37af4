import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Dataset } from '../core/types.js';

/** A pseudonymisation key: text (UTF-8) or raw bytes. Keep it secret and keep it stable. */
export type PseudonymKey = string | Uint8Array;

const HEX_CHARS = 12;

function keyBytes(key: PseudonymKey): Uint8Array {
  if (typeof key === 'string') {
    if (key.length === 0) throw new TypeError('pseudonymisation key must not be empty');
    return utf8ToBytes(key);
  }
  if (!(key instanceof Uint8Array) || key.length === 0) {
    throw new TypeError('pseudonymisation key must be a non-empty string or Uint8Array');
  }
  return key;
}

/**
 * A reusable pseudonymiser: keyed once, then `id → P-xxxxxxxxxxxx`, cached, with a collision
 * check across every id it has seen.
 */
export function pseudonymiser(key: PseudonymKey): (id: string) => string {
  const base = hmac.create(sha256, keyBytes(key));
  const byId = new Map<string, string>();
  const byPseudonym = new Map<string, string>();
  return (id: string) => {
    let p = byId.get(id);
    if (p !== undefined) return p;
    const mac = base.clone().update(utf8ToBytes(id)).digest();
    p = `P-${bytesToHex(mac.subarray(0, HEX_CHARS / 2))}`;
    const other = byPseudonym.get(p);
    if (other !== undefined && other !== id) {
      // Ids are deliberately not named: this message may end up in logs.
      throw new Error(
        `pseudonym collision: two different person ids both map to ${p}; use a different key`,
      );
    }
    byId.set(id, p);
    byPseudonym.set(p, id);
    return p;
  };
}

/**
 * Pseudonymises one person id with a keyed hash: HMAC-SHA256(key, id), first 12 hex digits,
 * prefixed `P-`. The same key gives the same pseudonym on every run and platform; without the
 * key the original id cannot be recovered or checked.
 *
 * @example
 * pseudonymise('NOM-001234', 'a long secret kept by the data owner'); // 'P-…' (12 hex digits)
 */
export function pseudonymise(id: string, key: PseudonymKey): string {
  return pseudonymiser(key)(id);
}

/**
 * Returns a copy of `data` with every `person_id` (involvements and people) replaced by its
 * pseudonym under `key`. Throws if two different ids would share a pseudonym (48-bit
 * pseudonyms: about a 1-in-500 chance at a million people).
 *
 * @example
 * const safe = pseudonymiseDataset(data, process.env.PSEUDONYM_KEY!);
 */
export function pseudonymiseDataset(data: Dataset, key: PseudonymKey): Dataset {
  const p = pseudonymiser(key);
  return {
    incidents: data.incidents,
    involvements: data.involvements.map((v) => ({ ...v, person_id: p(v.person_id) })),
    people: data.people.map((x) => ({ ...x, person_id: p(x.person_id) })),
    auditColumns: data.auditColumns,
  };
}
