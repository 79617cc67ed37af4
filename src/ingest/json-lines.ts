// JSON Lines (NDJSON): one JSON object per line, as log pipelines, `jq -c`, BigQuery, MongoDB's
// mongoexport and many record systems' APIs write tables. Read as one JSON text it was refused as
// "not valid JSON" ("Unexpected non-whitespace character after JSON"), with no word of why.
// Browser-safe: no Node import. Kept small: it is in every bundle that ingests.

import { count } from '../core/plural.js';
import { IngestError } from './ingest-error.js';

const isRow = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The file line of each row of the arrays {@link parseJsonLines} made, with the rows as made: a
 * row's line is used only while the array still holds those rows in that order (an array sorted,
 * spliced or pushed to in place loses its lines; a new array, filtered or joined, has none).
 */
const LINES = new WeakMap<readonly unknown[], { rows: readonly unknown[]; lines: Int32Array }>();

/**
 * The 1-based file line of row `i` of `rows`, when {@link parseJsonLines} made the array and it
 * still holds the rows it made, in their order; else `undefined`. @internal
 */
export function jsonLinesLine(rows: readonly unknown[]): ((i: number) => number) | undefined {
  const made = LINES.get(rows);
  if (made === undefined || made.rows.length !== rows.length) return undefined;
  for (let i = 0; i < rows.length; i++) if (made.rows[i] !== rows[i]) return undefined;
  const { lines } = made;
  return (i) => lines[i];
}

/** The first non-blank line when it starts with `{`, and the next non-blank line starts with `{`. */
const TWO_OBJECT_LINES = /^\s*(\{[^\n]*)\n\s*\{/;

/**
 * Whether `text` is JSON Lines: its first non-blank line is a whole JSON object, and the next
 * non-blank line starts another (`{`). A JSON array, a pretty-printed object (its first line is
 * `{` alone) and a single object on one line are not. Parses the first line only.
 */
export function isJsonLines(text: string): boolean {
  const m = TWO_OBJECT_LINES.exec(text);
  try {
    return m !== null && isRow(JSON.parse(m[1]));
  } catch {
    return false;
  }
}

/**
 * The rows of JSON Lines text: one JSON object per line (LF or CRLF ends a line; blank lines are
 * skipped). A line that is not valid JSON, or holds something other than an object, is an
 * {@link IngestError} (code `json-line`) naming `name`, the 1-based line and what was expected:
 * no row of a file cut short or pretty-printed can be trusted to be read as meant. Each row's
 * line in `text` (blank lines counted) is kept beside the array, so that ingest names a rejected
 * row's line (`RowProblem.line`) as it names a CSV row's.
 */
export function parseJsonLines(text: string, name: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const at: number[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const s = lines[k].trim();
    if (s === '') continue;
    let v: unknown;
    let why: string | undefined;
    try {
      v = JSON.parse(s);
      if (!isRow(v))
        why = `holds ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}, not an object`;
    } catch (e) {
      // V8 says "Unexpected end of JSON input" for a line cut short (an interrupted copy).
      why = `is not valid JSON (${(e as Error).message})`;
    }
    if (why !== undefined) {
      throw new IngestError(
        'json-line',
        name,
        `${name}: line ${k + 1} ${why}; expected one JSON object per line`,
        k + 1,
      );
    }
    rows.push(v as Record<string, unknown>);
    at.push(k + 1);
  }
  LINES.set(rows, { rows: rows.slice(), lines: Int32Array.from(at) });
  return rows;
}

/**
 * What a JSON value that is not an array of rows holds, for a message that follows "holds JSON
 * but not an array of rows": for an object (an API's `{ "data": [...] }`, `{ "results": [...] }`),
 * the properties that hold arrays of objects, which look like the rows, and how to pass one
 * (`pass` says so, given the property as `.data` or `["two words"]`); '' when it has none. Such an array is not read in its place: the object may be one page of many
 * (`{ "next": …, "data": […] }`), and which property holds the table is the caller's to say.
 */
export function wrappedRowsHint(value: unknown, pass: (access: string) => string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '';
  const arrays = Object.entries(value).filter(
    ([, v]) => Array.isArray(v) && v.length > 0 && v.every(isRow),
  ) as [string, unknown[]][];
  if (arrays.length === 0) return '';
  const list = arrays.map(([k, v]) => `'${k}' (${count(v.length, 'object')})`);
  const [key] = arrays[0];
  // The property as JavaScript and jq read it: `.data`, or `["two words"]`.
  const access = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return arrays.length === 1
    ? `; it is an object whose ${list[0]} looks like the rows: ${pass(access)}`
    : `; it is an object whose arrays ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]} look like tables: pass each as its own table`;
}
