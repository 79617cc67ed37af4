import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { type IngestInput, type IngestResult, ingest } from '../ingest/ingest.js';
import { IngestError } from '../ingest/ingest-error.js';
import { checkInputTables } from '../ingest/input-tables.js';
import { parseJsonLines } from '../ingest/json-lines.js';
import { INGEST_OPTION_NAMES, type IngestOptions } from '../ingest/options.js';
import { ENCODING_RULES, readTableText } from './read-table.js';

/** Paths of the tables {@link ingestFiles} reads (`.csv`, `.tsv`, `.tab`, `.txt`, `.json`, or `.jsonl`/`.ndjson` each; gzip-compressed too, `.csv.gz`). */
export interface IngestFilePaths {
  /** Incidents: long form, or nested (JSON with a `people` list per incident). Omit for the flat form. */
  incidents?: string;
  /** Involvements; alone, a flat table (incident columns on each row, see `ingest`). */
  involvements?: string;
  people?: string;
}

/**
 * Reads incident files (CSV, JSON, or JSON Lines: `.jsonl`, `.ndjson`, or a `.json` file with one
 * object per line; by extension and content) and ingests them: {@link ingest} with file errors
 * that say what to do (wrong path, a directory, an empty file, an unknown extension, a JSON Lines
 * line that is not one object, by its line number, JSON that is not valid, by its line and
 * column, each an `IngestError` naming the file). CSV text goes straight to ingest's fast parser.
 *
 * @example
 * const { data, rejected, summary } = ingestFiles(
 *   { incidents: 'exports/crimes.csv', involvements: 'exports/nominals.csv' },
 *   { mapping: { incident_id: 'URN', person_id: 'NominalID', role: 'InvolvementType' } },
 * );
 */
export function ingestFiles(
  paths: IngestFilePaths,
  options: IngestOptions & {
    /**
     * Text encoding of the files (a WHATWG label: `'windows-1252'`, `'latin1'`,
     * `'iso-8859-15'`…). Default `'utf-8'`; invalid UTF-8 is then an `IngestError` naming the file,
     * line and byte offset. A file read with another encoding that is valid UTF-8 with letters
     * beyond ASCII (`José` read as `JosÃ©`) gets a warning in `summary.warnings`.
     */
    encoding?: string;
  } = {},
): IngestResult {
  // ingest's own options by name (ingest checks their values), and `encoding`.
  checkOptions('ingestFiles', options, {
    ...Object.fromEntries(INGEST_OPTION_NAMES.map((k) => [k, rule.any])),
    ...ENCODING_RULES,
  } as OptionRules<typeof options>);
  const { encoding, ...ingestOptions } = options;
  checkInputTables('ingestFiles', paths);
  if (
    typeof paths !== 'object' ||
    paths === null ||
    (typeof paths.incidents !== 'string' && typeof paths.involvements !== 'string')
  ) {
    throw new TypeError(
      "ingestFiles needs { incidents: 'path.csv', involvements?: 'path.csv', people?: 'path.csv' } (or a flat table alone as { involvements: 'path.csv' })",
    );
  }
  const input: IngestInput = {};
  const warnings: string[] = [];
  for (const name of ['incidents', 'involvements', 'people'] as const) {
    const path = paths[name];
    if (path === undefined) continue;
    const { text, type } = readTableText(path, name, encoding, warnings);
    // A .jsonl file of one line is JSON Lines too (ingest tells JSON Lines text from its first two lines).
    input[name] = type === 'jsonl' ? parseJsonLines(text, `${name} file '${path}'`) : text;
  }
  let result: IngestResult;
  try {
    result = ingest(input, ingestOptions);
  } catch (e) {
    // Broken JSON named by its file, as a JSON Lines line is ('incidents file 'a.json': line 3…').
    const path = e instanceof IngestError && e.code === 'json' && paths[e.table as 'incidents'];
    if (!path) throw e;
    const file = `${e.table} file '${path}'`;
    throw new IngestError('json', file, file + e.message.slice(e.table.length), e.line);
  }
  result.summary.warnings.unshift(...warnings);
  return result;
}

/** The default of each option of {@link ingestFiles}: `ingest`'s, and `encoding` UTF-8. */
ingestFiles.defaults = { ...ingest.defaults, encoding: 'utf-8' } as const;
