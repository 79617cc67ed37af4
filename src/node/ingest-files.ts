import { OptionError } from '../core/errors.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { type IngestInput, type IngestResult, ingest } from '../ingest/ingest.js';
import { IngestError } from '../ingest/ingest-error.js';
import { checkInputTables } from '../ingest/input-tables.js';
import { parseJsonLines } from '../ingest/json-lines.js';
import { INGEST_OPTION_NAMES, type IngestOptions } from '../ingest/options.js';
import { checkEncodingLabel } from './decode.js';
import { readText } from './read-table.js';

/** Paths of the tables {@link ingestFiles} reads (`.csv`, `.tsv`, `.tab`, `.txt`, `.json`, or `.jsonl`/`.ndjson` each; gzip-compressed too, `.csv.gz`). */
export interface IngestFilePaths {
  /** Incidents: long form, or nested (JSON with a `people` list per incident). Omit for the flat form. */
  incidents?: string;
  /** Involvements; alone, a flat table (incident columns on each row, see `ingest`). */
  involvements?: string;
  people?: string;
}

/**
 * The encodings of {@link ingestFiles}'s files, one per table, for an export whose files differ (a
 * windows-1252 incidents file beside a UTF-8 people file): each a WHATWG label (`'windows-1252'`,
 * `'latin1'`, `'iso-8859-15'`, `'utf-16le'`…); a file not named is read with `default`, else as UTF-8.
 */
export interface IngestFileEncodings {
  /** The incidents file's encoding. */
  incidents?: string;
  /** The involvements file's (a flat table's) encoding. */
  involvements?: string;
  /** The people file's encoding. */
  people?: string;
  /** The encoding of each file not named here. Default `'utf-8'`. */
  default?: string;
}

const TABLES = ['incidents', 'involvements', 'people'] as const;
const LABEL = rule.string(true);
const ENCODINGS_RULES: OptionRules<IngestFileEncodings> = {
  incidents: LABEL,
  involvements: LABEL,
  people: LABEL,
  default: LABEL,
};

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
     * `'iso-8859-15'`…), or one per file by its table ({@link IngestFileEncodings}:
     * `{ incidents: 'windows-1252' }`, the others UTF-8, or `{ people: 'utf-8', default:
     * 'windows-1252' }`). Default `'utf-8'`; invalid UTF-8 is then an `IngestError` naming the
     * file, line and byte offset. A file read with another encoding that is valid UTF-8 with
     * letters beyond ASCII (`José` read as `JosÃ©`) gets a warning in `summary.warnings`.
     */
    encoding?: string | IngestFileEncodings;
  } = {},
): IngestResult {
  // ingest's own options by name (ingest checks their values), and `encoding`.
  checkOptions('ingestFiles', options, {
    ...Object.fromEntries(INGEST_OPTION_NAMES.map((k) => [k, rule.any])),
    encoding: rule.or(LABEL, rule.record()),
  } as OptionRules<typeof options>);
  const { encoding, ...ingestOptions } = options;
  // One per table: a misspelt table is named with the closest ('encoding.incident': incidents).
  const perTable = typeof encoding === 'object' ? encoding : undefined;
  if (perTable) checkOptions('ingestFiles', perTable, ENCODINGS_RULES, 'encoding');
  // A label no decoder knows is named with its option and the closest common label, before any
  // file is read (it was a RangeError naming neither: "encoding 'windows1252' is not known").
  for (const [key, label] of perTable ? Object.entries(perTable) : [['', encoding]])
    checkEncodingLabel('ingestFiles', key ? `encoding.${key}` : 'encoding', label);
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
  for (const name of TABLES) {
    const path = paths[name];
    if (perTable?.[name] !== undefined && path === undefined)
      throw new OptionError(
        'ingestFiles',
        `encoding.${name}`,
        `ingestFiles: option 'encoding.${name}' names the ${name} file, but no ${name} path is given; give the file, or leave encoding.${name} out.`,
      );
    if (path === undefined) continue;
    // The advice names this file's table, so that following it leaves the other files as read.
    const { text, type } = readText(
      path,
      name,
      typeof encoding === 'object' ? (encoding[name] ?? encoding.default) : encoding,
      warnings,
      `pass its encoding, e.g. { encoding: { ${name}: 'windows-1252' } } (Excel on Windows) or 'latin1', or { encoding: 'windows-1252' } for every file`,
      `${perTable ? `encoding.${name}: 'utf-8'` : `encoding: { ${name}: 'utf-8'${encoding === undefined ? '' : `, default: '${encoding}'`} }`} (or no encoding, when every file is UTF-8)`,
    );
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
