/**
 * The one CSV writer of the library and the command line. Every file it writes starts with the
 * purpose label, and every text cell that a spreadsheet would run as a formula is guarded (OWASP
 * "CSV injection"): these files are opened in Excel by people who did not write them.
 */
import { PURPOSE_LABEL } from './purpose.js';

/** Characters that make a spreadsheet read a cell as a formula (OWASP): `=`, `+`, `-`, `@`, tab, CR. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Columns, in order. Default: the union of the rows' own keys, first seen first. */
  columns?: readonly string[];
  /**
   * Lines written after the purpose label and before the header, each as one `# …` cell
   * (e.g. the parameters and data window a list came from). Default none.
   */
  notes?: readonly string[];
}

/**
 * Guards one text cell against formula injection: text starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading `'` (which spreadsheets show as text and do not run).
 * {@link unguardFormula} undoes it.
 * @example guardFormula('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 */
export function guardFormula(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/**
 * A formula start, or quotes before one (so that text which really starts `'=` gets a guard too,
 * and {@link unguardFormula} gives back exactly what was written).
 */
const needsGuard = (text: string) => /^'*[=+\-@\t\r]/.test(text);

/** Undoes {@link guardFormula} on a cell read back from a file this library wrote. */
export function unguardFormula(text: string): string {
  return text[0] === "'" && needsGuard(text.slice(1)) ? text.slice(1) : text;
}

/** Quotes a field when it holds a comma, a quote or a line break (RFC 4180). */
function quote(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A finite number as CSV text: a whole number as it is (ids, counts, days, years: every digit);
 * any other with at most 12 significant digits, trailing zeros trimmed, so that float noise does
 * not show (11.100000000000001 is written 11.1, 0.30000000000000004 is 0.3, 0.1234567890123456 is
 * 0.123456789012, 1.5e-7 stays 1.5e-7). Rounding at 12 digits moves a value by at most 5e-12 of
 * itself, far below the 1e-9 of the largest score within which scores tie (src/core/ties.ts): two
 * rows a list ranks apart never show the same score, and rounding never reverses an order.
 */
export function csvNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  // toPrecision and a trim, not Number(x.toPrecision(12)) read back: as fast as String(x).
  const t = x.toPrecision(12);
  const e = t.indexOf('e');
  // From 1e12 toPrecision writes 1.23456789012e+12, String 1234567890120: String's form.
  if (e >= 0 && t.charCodeAt(e + 1) === 43) return String(Number(t));
  // Below 1e-6 both write an exponent, 1.5e-7: the trim is of the digits before it.
  const digits = e >= 0 ? e : t.length;
  // No point (from 1e11: 266447616590): every zero is a digit of the number.
  if (t.indexOf('.') < 0) return t;
  let end = digits;
  while (t.charCodeAt(end - 1) === 48) end--; // '0'
  if (t.charCodeAt(end - 1) === 46) end--; // '.'
  return end === t.length ? t : t.slice(0, end) + t.slice(digits);
}

/**
 * One CSV field. Numbers are written as numbers (a finite number is never a formula), through
 * `csvNumber` (at most 12 significant digits unless whole), in a list too; `null` and
 * `undefined` as empty; arrays of plain values as `;`-joined text (a list of one item holding a
 * comma with a `;` after it, `Smith,J;`, so that no reader takes it for two), arrays holding
 * objects as JSON; dates as ISO text; other objects as JSON; every text, whatever its source,
 * through {@link guardFormula}; quoted when needed.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return csvNumber(value);
  if (typeof value === 'bigint') return String(value);
  let s: string;
  if (Array.isArray(value))
    s = value.some((v) => typeof v === 'object' && v !== null)
      ? JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))
      : // A list of one whose item holds a comma gets a ';' after it, so that it reads back as
        // one item: 'Smith,J' alone is what arquero's toCSV writes for ['Smith', 'J'].
        value.length === 1 && String(value[0]).includes(',')
        ? `${value[0]};`
        : value
            .map((v) => (typeof v === 'number' && Number.isFinite(v) ? csvNumber(v) : v))
            .join(';');
  else if (value instanceof Date) s = Number.isNaN(value.getTime()) ? '' : value.toISOString();
  else if (typeof value === 'object')
    s = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  else s = String(value);
  return quote(guardFormula(s));
}

function unionOfKeys(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/**
 * Rows as CSV text: the purpose label as the first line (`# For voluntary outreach …`), then any
 * `notes` (`# …`, one cell each), then the header and one line per row, every cell through
 * {@link csvCell}. Lines end with `\n`; the text ends with one. Whole numbers are written in
 * full; other numbers with at most 12 significant digits, trimmed (`csvNumber`: float noise
 * such as 11.100000000000001 is written 11.1); JSON outputs (`exportList`, `--format json`) keep
 * every digit, for a program that reads them back.
 * @example
 * toCsv([{ person_id: 'A', note: '=1+1' }]);
 * // "# For voluntary outreach and support; …\nperson_id,note\nA,'=1+1\n"
 */
export function toCsv(rows: readonly object[], options: CsvOptions = {}): string {
  const names = options.columns ?? unionOfKeys(rows);
  const lines = [`# ${PURPOSE_LABEL}`];
  for (const note of options.notes ?? []) {
    for (const line of note.split('\n')) {
      if (line !== '' && line !== PURPOSE_LABEL) lines.push(quote(`# ${line}`));
    }
  }
  lines.push(names.map((n) => csvCell(n)).join(','));
  for (const r of rows) {
    const o = r as Record<string, unknown>;
    let line = '';
    for (let j = 0; j < names.length; j++) {
      if (j > 0) line += ',';
      line += csvCell(o[names[j]]);
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * True for CSV text this library wrote: its first line (after a byte-order mark) is the purpose
 * label {@link toCsv} puts there. Its text cells went through {@link guardFormula}, so a reader
 * gives them back with {@link unguardFormula} (`'-2` is the id `-2`); other files are read as
 * they are.
 */
export function writtenHere(text: string): boolean {
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const head = `# ${PURPOSE_LABEL}`;
  if (!text.startsWith(head, at)) return false;
  const next = text.charCodeAt(at + head.length);
  return Number.isNaN(next) || next === 10 || next === 13;
}

/** True where a line ends: an LF, or a CR not followed by an LF. */
const lineEndAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
};

/**
 * The leading `# …` lines (label and notes) of CSV text written by {@link toCsv}, so a reader can
 * skip them: how many physical lines they take and the offset where the rest begins (after a
 * byte-order mark, if any). A note quoted as a CSV cell (`"# …"`) counts too.
 */
export function leadingNotes(text: string): { lines: number; end: number } {
  let lines = 0;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < text.length && (text[at] === '#' || text.startsWith('"#', at))) {
    let from = at;
    if (text[at] === '"') {
      // A quoted note: its closing quote (doubled quotes are inside it).
      let k = at + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) return { lines, end: at };
        if (text[q + 1] === '"') k = q + 2;
        else {
          k = q + 1;
          break;
        }
      }
      for (let j = at; j < k; j++) if (lineEndAt(text, j)) lines++;
      from = k;
    }
    // The line ends at LF, CRLF or a lone CR (Excel for Mac), as d3-dsv reads lines.
    let nl = from;
    while (nl < text.length && !lineEndAt(text, nl)) nl++;
    lines++;
    if (nl >= text.length) return { lines, end: text.length };
    at = nl + 1;
  }
  return { lines, end: at };
}
