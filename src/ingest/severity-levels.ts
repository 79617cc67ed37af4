// The `severityLevels` option: a severity column's own values (a force's 1–5 grade, 'High' /
// 'Medium' / 'Low', a reversed scale) read as this library's 0–4. Shared by the row path and the
// columnar path, so that both read a cell the same way and give the same reason.

import { OptionError } from '../core/errors.js';
import { closestName } from '../core/options.js';
import type { Severity } from '../core/types.js';
import { markedInner, NUMERIC, show } from './cells.js';

/** `severityLevels` resolved: each key as {@link levelKey} reads it → its level 0–4. */
export interface SeverityLevels {
  readonly map: ReadonlyMap<string, Severity>;
  /** The keys as the caller wrote them, quoted, for a row's reason. */
  readonly keys: string;
  /** The keys as the caller wrote them, for the closest to a misspelt value. */
  readonly names: readonly string[];
}

/**
 * The key a severity value is matched by: trimmed; a number as its value (`'05'`, `'5.0'` and
 * the number 5 are `'5'`); text in lower case. `undefined` for a value that is neither text nor a
 * number.
 */
export function levelKey(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v !== 'string') return typeof v === 'bigint' ? String(v) : undefined;
  const s = v.trim();
  return NUMERIC.test(s) ? String(Number(s)) : s.toLowerCase();
}

/**
 * Checks `severityLevels` beyond its values (already whole numbers 0–4): at least one key (an
 * empty map would reject every given severity), no empty key, and no two keys that are one value
 * once trimmed and compared case-insensitively (`'High'` and `' high'`) with different levels.
 * Throws an `OptionError` naming the option or the key.
 */
export function resolveSeverityLevels(levels: Readonly<Record<string, number>>): SeverityLevels {
  const map = new Map<string, Severity>();
  if (!Object.keys(levels).length) {
    throw new OptionError(
      'ingest',
      'severityLevels',
      "ingest: option 'severityLevels' is empty: give each value of the severity column its level 0–4 ({ '5': 4, '4': 3, … }), or leave it out to read the column as 0–4",
    );
  }
  for (const [k, v] of Object.entries(levels)) {
    const key = levelKey(k)!;
    if (key === '' || (map.get(key) ?? v) !== v) {
      throw new OptionError(
        'ingest',
        'severityLevels',
        `ingest: option 'severityLevels' has ${key === '' ? 'an empty key' : `'${k}' at ${v}, and another spelling at ${map.get(key)}`}`,
      );
    }
    map.set(key, v as Severity);
  }
  return {
    map,
    names: Object.keys(levels),
    keys: Object.keys(levels)
      .map((k) => `'${k}'`)
      .join(', '),
  };
}

/**
 * A given (non-empty) severity cell read through `severityLevels`: its level, or the problem
 * [field, value, reason] naming the value and the keys. A cell a spreadsheet export marked as
 * text (`'High`) or wrote as a formula (`="High"` in rows of objects) whose text inside is a key
 * says so, and so does a key misspelt (`Hihg`: did you mean 'High'?), so that adding the cell as
 * a key of its own is not the only fix offered.
 */
export function levelCell(
  raw: unknown,
  levels: SeverityLevels,
): number | [field: string, value: string, reason: string] {
  const key = levelKey(raw);
  const level = key === undefined ? undefined : levels.map.get(key);
  if (level !== undefined) return level;
  const v = show(raw).trim();
  const inner = markedInner(v);
  const innerKey = inner === undefined ? undefined : levelKey(inner);
  const innerLevel = innerKey === undefined ? undefined : levels.map.get(innerKey);
  if (inner !== undefined && innerLevel !== undefined) {
    return [
      'severity',
      v,
      `severity '${v}' is not one of severityLevels' keys (${levels.keys}); without its leading ${v[0]} it reads as '${inner.trim()}', the key at level ${innerLevel}: a spreadsheet export marked the cell as ${v[0] === "'" ? 'text' : 'a formula'}; save the column without the marks`,
    ];
  }
  // Text only: a number off the map ('6' beside '5') is no typo of its neighbour.
  const near =
    typeof raw === 'string' && !NUMERIC.test(v) ? closestName(v, levels.names) : undefined;
  return [
    'severity',
    v,
    `severity '${v}' is not one of severityLevels' keys (${levels.keys})${near === undefined ? '' : ` (did you mean '${near}'?)`}: add it with its level 0–4`,
  ];
}
