// JSON Lines (NDJSON): one JSON object per line, as log pipelines, `jq -c`, BigQuery, MongoDB's
// mongoexport and many record systems' APIs write tables. Read as one JSON text it was refused as
// "not valid JSON" ("Unexpected non-whitespace character after JSON"), with no word of why.
// Browser-safe: no Node import. Kept small: it is in every bundle that ingests.

import { IngestError } from './ingest-error.js';

const isRow = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

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
 * no row of a file cut short or pretty-printed can be trusted to be read as meant.
 */
export function parseJsonLines(text: string, name: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
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
  }
  return rows;
}
