// Reading single cells, shared by ingest's row path and its columnar path (column-ingest.ts), so
// that both read a value the same way and give the same reason for the same value.

import type { SourceTable } from './table-shape.js';

/** A cell as text for a problem report (never throws, whatever the cell holds). */
export function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  try {
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return '[unprintable value]';
  }
}

/**
 * `s.trim()`, without the call when `s` cannot need it: its first and last characters are
 * printable ASCII (33–126), which no JavaScript whitespace or line terminator is. Ids and codes
 * read a million times are almost always such strings.
 */
export function trimmed(s: string): string {
  const n = s.length;
  if (n > 0) {
    const a = s.charCodeAt(0);
    const b = s.charCodeAt(n - 1);
    if (a > 32 && a < 127 && b > 32 && b < 127) return s;
  }
  return s.trim();
}

/**
 * A cell as trimmed text; `''` for empty, for a missing-value marker ({@link isNullMarker}) and
 * for values that are not text, numbers or dates.
 */
export function text(v: unknown): string {
  if (typeof v === 'string') {
    const s = trimmed(v);
    return isNullMarker(s) ? '' : s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return '';
}

/**
 * True for the texts exports write for a missing value, case aside: `NULL` (SQL), `(null)`,
 * `NA` (R), `N/A`, `#N/A` (Excel), `-`. Never an id: read as one, every row holding it would be
 * one person (or one incident) tying together people who never met. Cheap for ordinary ids (the
 * first character and the length rule almost all out).
 */
export function isNullMarker(s: string): boolean {
  if (!markers.on) return false;
  const hit = isMarker(s);
  if (hit) markers.seen.add(s.toUpperCase());
  return hit;
}

/**
 * The current ingest call's markers: whether they are read as missing (`missingMarkers`) and
 * which were seen (upper case), for the call's warning; and the ids read in composed form
 * ({@link idText}), for another. One call at a time (ingest is
 * synchronous). @internal
 */
export const markers = {
  on: true,
  seen: new Set<string>(),
  recomposed: new Set<string>(),
  /** Ids read without the invisible characters they held ({@link idText}), as written. */
  invisible: new Set<string>(),
};

/**
 * Characters that show as nothing: the soft hyphen, zero-width space, joiners and no-break
 * (U+00AD, U+200B–U+200D, U+2060) and a byte-order mark inside text (U+FEFF). Text pasted from a
 * web page, a word processor or a PDF carries them; an id holding one looks like the id without
 * it, and was another id ("incident 'I3' is not in the incidents table" beside an 'I3').
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const INVISIBLES = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

function isMarker(s: string): boolean {
  const n = s.length;
  if (n > 6) return false;
  const c = s.charCodeAt(0);
  if (c === 45) return n === 1; // -
  if (c === 78 || c === 110) {
    // N… (a letter's code | 32 is its lower case)
    const d = s.charCodeAt(1) | 32;
    if (n === 2) return d === 97; // NA
    if (n === 3) return d === 47 && (s.charCodeAt(2) | 32) === 97; // N/A ('/' | 32 is '/')
    return n === 4 && d === 117 && (s.charCodeAt(2) | 32) === 108 && (s.charCodeAt(3) | 32) === 108; // NULL
  }
  if (c === 35) return n === 4 && s.toUpperCase() === '#N/A';
  if (c === 40) return n === 6 && s.toLowerCase() === '(null)';
  return false;
}

/**
 * A number as Excel shows one of more than 11 digits (`1.23457E+11`), and saves it so in CSV: its
 * last digits are lost, so distinct ids may have become one. Never an id.
 */
const EXCEL_E = /^\d(?:\.\d+)?E\+\d{1,3}$/i;

/**
 * `s` in Unicode's composed form (NFC), recording in {@link markers} that it was not: one name
 * typed on two systems (`José` with `é`, or with `e` and a combining accent, as macOS writes file
 * names and some forms send text) must be one id, not two people.
 */
function composed(s: string): string {
  let c = s.normalize('NFC');
  if (c !== s) markers.recomposed.add(s);
  if (INVISIBLE.test(c)) {
    markers.invisible.add(s);
    c = c.replace(INVISIBLES, '').trim();
  }
  return c;
}

/**
 * An id cell: text or a number; text with letters beyond ASCII in Unicode's composed form (NFC),
 * so `José` is one id however its accent was typed, and without characters that show as nothing
 * (a zero-width space, a soft hyphen: {@link INVISIBLE}), so `I3` pasted with one is `I3`. `undefined` for other kinds of value
 * (objects, booleans…), for a missing-value marker ({@link isNullMarker}), for a number in
 * Excel's scientific notation (`1.23457E+11`: digits lost) and for a whole number too large to be
 * exact (above 2^53 − 1: JSON and float columns round such ids, so distinct ids may already be
 * one), and for text holding U+FFFD (bytes decoded in the wrong encoding: `José` and `Josè` read
 * as `Jos�`) or a NUL; see {@link badIdReason}.
 */
export function idText(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const s = trimmed(v);
    if (isNullMarker(s)) return undefined;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c > 127) return s.includes('\uFFFD') ? undefined : composed(s);
      if (c < 44) {
        if (c === 43 && EXCEL_E.test(s)) return undefined; // '+': 1.23457E+11?
        if (c === 0) return undefined; // NUL: padding, or UTF-16 read as 8-bit
      }
    }
    return s;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    return Number.isInteger(v) && !Number.isSafeInteger(v) ? undefined : String(v);
  }
  if (typeof v === 'bigint') return String(v);
  if (v === undefined || v === null) return '';
  return undefined;
}

/**
 * The problem of an id cell that {@link idText} refuses (`what`: 'incident' or 'person'), as
 * [value, reason]; `display` shows a person id as problem reports do (its pseudonym).
 */
export function badIdReason(
  what: 'incident' | 'person',
  raw: unknown,
  display: (id: string) => string = (id) => id,
): [value: string, reason: string] {
  if (typeof raw === 'number') {
    const v = display(String(raw));
    return [
      v,
      `${what} id ${v} is too large to be exact (above 2^53 − 1; ids may have merged): export ids as text`,
    ];
  }
  if (typeof raw === 'string') {
    const v = raw.trim();
    if (/[\0\uFFFD]/.test(v)) {
      const d = display(v).replace(/\0/g, '\\0');
      return [
        d,
        `${what} id '${d}' holds ${
          v.includes('\0')
            ? 'a NUL (padding?): remove it'
            : "U+FFFD, left by decoding in the wrong encoding ('José' and 'Josè' would be one id): decode the file in its own, e.g. new TextDecoder('windows-1252')"
        }`,
      ];
    }
    if (EXCEL_E.test(v)) {
      return [
        display(v),
        `${what} id '${display(v)}' is a number in scientific notation, as Excel shows long numbers: its last digits are lost (ids may have merged); format the id column as text before saving`,
      ];
    }
    return [v, `${what} id '${v}' is a missing-value marker, not an id`];
  }
  const v = show(raw);
  return [v, `${what} id ${v} is not text or a number`];
}

/** `s` without a `.0` (`.00`…) ending when it is digits before it (`388.0`), else `s`. */
export function wholeDecimal(s: string): string {
  const m = /^([\s\u00a0]*[0-9]+)\.0+[\s\u00a0]*$/.exec(s);
  return m ? m[1] : s;
}

/**
 * `s` without a leading `'` or `=` (before no other `'` or `=`): the apostrophe an export puts
 * before a cell to keep a spreadsheet from reading it as a number or a formula (`'00123`), or the
 * `=` of a formula (`=123`), which one table of an export has and the other not.
 */
export function unprefixed(s: string): string {
  const c = s.charCodeAt(0);
  return (c === 39 || c === 61) && s.length > 1 && s[1] !== "'" && s[1] !== '=' ? s.slice(1) : s;
}

/**
 * An id folded as two systems (or an Excel round trip) write one id differently: lower case, no
 * white space, no leading zeros of digits alone (`'007'` is `'7'`), no `.0` ending of digits,
 * no leading `'` or `=` ({@link unprefixed}).
 */
export function folded(s: string): string {
  const f = wholeDecimal(unprefixed(s))
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, '');
  return /^[0-9]+$/.test(f) ? f.replace(/^0+(?=[0-9])/, '') : f;
}

/**
 * The reason for an involvement whose incident id is not in the incidents table; `known` says
 * whether an id is. When the id is a whole number written as a decimal (`'56.0'`) and the table
 * has it as an integer (`'56'`), or the other way round, it says so: pandas writes a number column
 * with empty cells as decimals, and ids are compared as text. `alike`, when given, names an id of
 * the table that differs from `id` only in leading zeros of digits alone (`'00123'` for `'123'`:
 * a table saved through Excel loses them), letter case or spaces ({@link folded}), and the
 * reason names it too.
 */
export function unknownIncidentReason(
  id: string,
  known: (id: string) => boolean,
  alike?: (id: string) => string | undefined,
): string {
  const reason = `incident '${id}' is not in the incidents table`;
  const m = /^(\d+)\.0+$/.exec(id);
  const alt = m ? m[1] : /^\d+$/.test(id) ? `${id}.0` : undefined;
  if (alt !== undefined && known(alt)) {
    return `${reason}, which has '${alt}' (ids are compared as text): export ids as whole numbers or text`;
  }
  const other = alike?.(id);
  if (other === undefined || other === id) return reason;
  const zeros = /^\d+$/.test(wholeDecimal(id).trim()) && /^\d+$/.test(wholeDecimal(other).trim());
  const prefix = (x: string) => unprefixed(x) !== x;
  return `${reason}, which has '${other}' (ids are compared as text, so ${
    prefix(id) !== prefix(other)
      ? "a leading ' or = counts): an export that marks cells as text for a spreadsheet (') or writes them as formulas (=) in one table only; write the id one way in both tables"
      : zeros
        ? 'leading zeros count): a table saved through Excel loses them; export the id column as text in both tables'
        : 'letter case and spaces count): write the id one way in both tables'
  }`;
}

/**
 * A lookup, for {@link unknownIncidentReason}, of the first of `ids` (`undefined` entries
 * skipped) that reads as `id` {@link folded}; the table is made on the first call (an export
 * with no unknown incident never pays for it).
 */
export function alikeIds(
  ids: () => Iterable<string | undefined>,
): (id: string) => string | undefined {
  let byFold: Map<string, string> | undefined;
  return (id) => {
    if (byFold === undefined) {
      byFold = new Map();
      for (const x of ids())
        if (x !== undefined && !byFold.has(folded(x))) byFold.set(folded(x), x);
    }
    return byFold.get(folded(id));
  };
}

/** True for a missing cell: undefined, null, NaN, blank text, or a missing-value marker. */
export function isEmpty(v: unknown): boolean {
  if (typeof v === 'string') {
    const s = trimmed(v);
    return s === '' || isNullMarker(s);
  }
  return v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v));
}

export const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A number written with a decimal comma (`51,5074`, `-0,1278`), as European exports write them. */
export const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;

/** A number cell: finite number, or numeric text. `undefined` when it is not a number. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const s = v.trim();
    return NUMERIC.test(s) ? Number(s) : undefined;
  }
  // A 64-bit integer cell (Arrow read with `useBigInt`, DuckDB's BIGINT rows).
  return typeof v === 'bigint' ? Number(v) : undefined;
}

/**
 * The hint for a severity cell that is a label or a code (`High`, `S3`, `Cat A`): the option that
 * reads such a column, `severityLevels`, with the cell as its key; '' for other text (a cell a
 * spreadsheet marked has its own hint, and `NaN` or `Infinity` is no label). A column of 30 or
 * more such cells stops ingest with the whole map to fill in; a few were refused as "not a
 * number" alone, naming no way to read them.
 */
function labelHint(v: string): string {
  if (!/\p{L}/u.test(v) || /^[+-]?(?:nan|infinity)$/i.test(v) || markedInner(v) !== undefined)
    return '';
  return `; if the column holds labels or codes, give each its level 0–4 with severityLevels: { '${v.replace(/[\\']/g, '\\$&')}': <0–4>, … }`;
}

/**
 * A given (non-empty) severity cell: its whole number 0–4, or the problem [field, value, reason].
 * One check for the row path and the columnar path, so both say the same of every cell.
 */
export function severityCell(
  raw: unknown,
): number | [field: string, value: string, reason: string] {
  let n: number;
  if (typeof raw === 'string') {
    const s = raw.trim();
    // Fast path for the common single-digit cell.
    const c = s.length === 1 ? s.charCodeAt(0) - 48 : -1;
    n =
      c >= 0 && c <= 9
        ? c
        : NUMERIC.test(s)
          ? Number(s)
          : // A decimal comma ('2,0', European exports): a severity needs no thousands separator.
            DECIMAL_COMMA.test(s)
            ? Number(s.replace(',', '.'))
            : Number.NaN;
  } else n = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : Number.NaN;
  if (Number.isInteger(n) && n >= 0 && n <= 4) return n;
  const v = show(raw).trim();
  if (Number.isNaN(n))
    return [
      'severity',
      v,
      `severity '${v}' is not a number (expected a whole number from 0 to 4)${numberMarkHint(v, (x) => Number.isInteger(x) && x >= 0 && x <= 4, 'a whole number from 0 to 4') || labelHint(v)}`,
    ];
  if (!Number.isInteger(n))
    return ['severity', v, `severity '${v}' is not a whole number (expected 0 to 4)`];
  return ['severity', v, `severity '${v}' is out of range (expected 0 to 4)`];
}

/**
 * A lat/lon cell: the number, `undefined` when empty, or the problem [field, value, reason]. A
 * decimal comma is read as a decimal point (`51,5074` is 51.5074): a coordinate never needs a
 * thousands separator, so that is the only reading that can be in range.
 */
export function coordinate(
  raw: unknown,
  field: 'lat' | 'lon',
  limit: number,
): number | undefined | [string, string, string] {
  if (isEmpty(raw)) return undefined;
  let n = toNumber(raw);
  const v = show(raw).trim();
  if (n === undefined && typeof raw === 'string' && DECIMAL_COMMA.test(v)) {
    n = Number(v.replace(',', '.'));
  }
  if (n === undefined) return [field, v, `${field} '${v}' is not a number${numberMarkHint(v)}`];
  if (n < -limit || n > limit) {
    return [field, v, `${field} '${v}' is out of range (−${limit} to ${limit})`];
  }
  return n;
}

/**
 * The text inside a cell a spreadsheet export marked as text (`'3` is `3`) or wrote as a formula
 * (`="3"` and `=3` are `3`), or `undefined` for a cell with no such mark.
 */
export function markedInner(v: string): string | undefined {
  const inner = /^(?:'|="?)(.*?)"?$/.exec(v)?.[1];
  return inner === v ? undefined : inner;
}

/**
 * The hint for a cell a spreadsheet export marked as text (`'3`) or wrote as a formula (`="3"`)
 * that reads without the mark, to end a reason with: "; without its leading ' it reads as the
 * number 3: a spreadsheet export marked the cell as text; save the column as plain numbers".
 * `reads(inner)` is what the text inside reads as, in words, or `undefined` (then '': the mark is
 * not the cell's only problem). `plain` names the column's values ("numbers", "dates").
 */
export function spreadsheetMarkHint(
  v: string,
  reads: (inner: string) => string | undefined,
  plain: string,
): string {
  const inner = markedInner(v);
  const as = inner !== undefined ? reads(inner) : undefined;
  return as === undefined
    ? ''
    : `; without its leading ${v[0]} it reads as ${as}: a spreadsheet export marked the cell as ${v[0] === "'" ? 'text' : 'a formula'}; save the column as plain ${plain}`;
}

/**
 * {@link spreadsheetMarkHint} for a number column: "it reads as the number 3". With `expected`
 * (what the column takes, e.g. "a whole number from 0 to 4") and `fits`, a number inside the mark
 * that the column would refuse too is said to be ("…the number 7, which is not a whole number from
 * 0 to 4 either"), so removing the mark is not offered as the whole fix.
 */
export function numberMarkHint(
  v: string,
  fits?: (n: number) => boolean,
  expected?: string,
): string {
  return spreadsheetMarkHint(
    v,
    (inner) => {
      const s = inner.trim();
      const n = NUMERIC.test(s)
        ? Number(s)
        : DECIMAL_COMMA.test(s)
          ? Number(s.replace(',', '.'))
          : Number.NaN;
      if (!Number.isFinite(n)) return undefined;
      return fits === undefined || fits(n)
        ? `the number ${n}`
        : `the number ${n}, which is not ${expected} either`;
    },
    'numbers',
  );
}

/** The key a weapon text is matched by (case, spaces, `_` and `-` ignored). */
export const weaponKey = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ');

/**
 * The reason for a CSV line (row `i`) with more cells than its header has columns, or with text
 * after a quoted cell's closing quote ({@link SourceTable.afterQuote}).
 */
export const surplusReason = (src: SourceTable, extra: string, i: number) => {
  const after = src.afterQuote?.(i);
  if (after) {
    return (
      `the quoted cell in column '${after.column}' is followed by '${after.text}' after its closing quote, ` +
      'so the line cannot be split into cells as meant (a CSV reader ends the cell at the quote and takes the character after it for the delimiter); ' +
      'put the whole value inside the quotes, doubling any quote that is part of it ("")'
    );
  }
  return surplusText(src, extra);
};

const surplusText = (src: SourceTable, extra: string) =>
  `the line has more cells than the header's ${src.columns.length === 1 ? 'one column' : `${src.columns.length} columns`} (extra: '${extra}'); ` +
  'quote values that contain a comma, e.g. "Assault, common"';
