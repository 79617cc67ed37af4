import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { OptionError } from '../core/errors.js';
import type { Dataset } from '../core/types.js';

/**
 * A pseudonymisation key: text (UTF-8) or raw bytes, at least `MIN_KEY_BYTES` bytes (128
 * bits). Keep it secret and keep it stable. Generate one with
 * `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`
 * (or `openssl rand -base64 32`).
 */
export type PseudonymKey = string | Uint8Array;

/** The shortest key accepted: 16 bytes (128 bits), so the pseudonyms cannot be reversed by trying keys. */
export const MIN_KEY_BYTES = 16;

const HEX_CHARS = 12;

const HOW_TO_GENERATE =
  "generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";

/**
 * The key as bytes, refusing anything shorter than 16 bytes (128 bits): a short key lets anyone
 * with the ids re-create the pseudonyms by trying keys. Throws an `OptionError` for `fn`.
 */
export function checkPseudonymKey(key: unknown, fn = 'pseudonymise'): PseudonymKey {
  keyBytes(key, fn);
  return key as PseudonymKey;
}

function keyBytes(key: unknown, fn = 'pseudonymise'): Uint8Array {
  let bytes: Uint8Array;
  if (typeof key === 'string') bytes = utf8ToBytes(key);
  else if (key instanceof Uint8Array) bytes = key;
  else
    throw new OptionError(
      fn,
      'key',
      `${fn}: the pseudonymisation key must be text or a Uint8Array of at least ${MIN_KEY_BYTES} bytes; ${HOW_TO_GENERATE}`,
    );
  if (bytes.length < MIN_KEY_BYTES) {
    throw new OptionError(
      fn,
      'key',
      `${fn}: the pseudonymisation key is ${bytes.length} byte${bytes.length === 1 ? '' : 's'}; at least ${MIN_KEY_BYTES} bytes (128 bits) ` +
        `are needed, or the pseudonyms can be reversed by trying keys; ${HOW_TO_GENERATE}`,
    );
  }
  return bytes;
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
    ...(data.allowedAttributes ? { allowedAttributes: data.allowedAttributes } : {}),
    pseudonymised: true,
  };
}
