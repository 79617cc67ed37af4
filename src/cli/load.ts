import { ValidationError } from '../core/index.js';
import { closestOptionName } from '../core/options.js';
import {
  type IngestInput,
  type IngestOptions,
  type IngestResult,
  ingest,
  MissingColumnError,
} from '../ingest/index.js';
import { IngestError } from '../ingest/ingest-error.js';
import { isJsonLines, parseJsonLines, wrappedRowsHint } from '../ingest/json-lines.js';
import { CANONICAL_FIELDS, INGEST_OPTION_NAMES } from '../ingest/options.js';
import { parseJsonText } from '../ingest/source-table.js';
import { dataError, usageError } from './errors.js';
import { readInputFile, readJsonFile } from './files.js';
import type { CliIo } from './io.js';
import { type EncodingChoice, encodingOf } from './options.js';

/** Input options shared by every subcommand that reads records. */
export interface InputOptions {
  incidents?: string;
  involvements?: string;
  people?: string;
  map?: string;
  strict?: boolean;
  /** `--encoding`, as its parser gives it (a bare label for every file, and labels by table). */
  encoding?: EncodingChoice;
  pseudonymise?: boolean;
  dateFormat?: string;
  timeZone?: string;
  now?: string;
}

/** What ingest returns. */
export type Loaded = IngestResult;

/** The environment variable that holds the pseudonymisation key (never a command-line flag). */
export const PSEUDONYM_KEY_ENV = 'VC_PSEUDONYM_KEY';

/** What a `--map` file holds, as its errors say it. */
const MAP_EXPECTED =
  'a JSON object of ingest options or column names, e.g. { "mapping": { "incident_id": "URN", "person_id": "NominalID" } }';

/** Turns a `--map` file into ingest options: either `{ mapping, roleSynonyms, … }` or a bare mapping. */
export function ingestOptionsFromMap(map: unknown, path: string): IngestOptions {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw usageError(`--map '${path}' must be ${MAP_EXPECTED}.`);
  }
  // A file with any ingest option's name (`timeZone`, `severityRules`, …) holds options; no
  // canonical field is named like one.
  const keys = Object.keys(map);
  if (!keys.some((k) => INGEST_OPTION_NAMES.includes(k))) {
    // A bare mapping holds column names (text): a key holding anything else is a misspelt option
    // ('maping', 'severityMapp'), which ingest would report as a bad value of option 'mapping'.
    const odd = keys.find((k) => typeof (map as Record<string, unknown>)[k] !== 'string');
    if (odd !== undefined && !(CANONICAL_FIELDS as readonly string[]).includes(odd)) {
      // The library's one rule for "did you mean" (near-synonyms too: 'seriousnessMap' is
      // 'severityMap'); pseudonymise is never read from a file, so never suggested.
      const options = INGEST_OPTION_NAMES.filter((k) => k !== 'pseudonymise');
      const near = closestOptionName(odd, options);
      throw usageError(
        `--map '${path}': '${odd}' is neither an ingest option nor a canonical field${near ? `; did you mean '${near}'?` : ''} (options: ${options.join(', ')}; column names go under "mapping").`,
      );
    }
    return { mapping: map as IngestOptions['mapping'] };
  }
  if (keys.includes('pseudonymise')) {
    throw usageError(
      `--map '${path}' holds a pseudonymisation key; keys are never read from files: put it in the environment variable ${PSEUDONYM_KEY_ENV} and pass --pseudonymise.`,
    );
  }
  // Canonical field names beside the options: a mapping written at the top level. Any other
  // unknown key is left to ingest, which names the closest option (a typo such as 'dateFromat').
  const columns = keys.filter((k) => (CANONICAL_FIELDS as readonly string[]).includes(k));
  if (columns.length > 0) {
    throw usageError(
      `--map '${path}' holds ingest options (${keys.filter((k) => INGEST_OPTION_NAMES.includes(k)).join(', ')}) and also ${columns.map((k) => `'${k}'`).join(', ')}, which ${columns.length > 1 ? 'are not options' : 'is not an option'}: put column names under "mapping", e.g. { "mapping": { "incident_id": "URN" }, "timeZone": "America/Chicago" }.`,
    );
  }
  return { ...map } as IngestOptions;
}

/** Reads the input files and runs the real ingest on their text; problems become one-line errors. */
export function loadRecords(
  io: CliIo,
  options: InputOptions,
  env: Record<string, string | undefined> = process.env,
): Loaded {
  if (!options.incidents && !options.involvements) {
    throw usageError(
      '--incidents <file> is required: a CSV or JSON export of incidents (add --involvements <file> for the long form; a flat table, one row per person per incident with the incident columns on each row, goes alone as --involvements <file>).',
    );
  }
  // A file's own encoding named for a file not given (a --people forgotten, a typo in the path's
  // flag) would leave the run read otherwise than meant, with no word: refused.
  const given = options as InputOptions & { exits?: string };
  for (const [table, label] of Object.entries(options.encoding?.tables ?? {})) {
    if (given[table as 'incidents'] === undefined) {
      throw usageError(
        `--encoding ${table}=${label} names the --${table} file, but no --${table} is given; give the file, or leave that --encoding out.`,
      );
    }
  }
  const input: IngestInput = {};
  // Warnings about the files' text (UTF-8 read as windows-1252), put before ingest's.
  const warnings: string[] = [];
  for (const name of ['incidents', 'involvements', 'people'] as const) {
    const path = options[name];
    if (path)
      input[name] = readTableFile(
        io,
        path,
        `--${name}`,
        encodingOf(options.encoding, name),
        warnings,
      );
  }

  // The --map file's content is checked by ingest itself (a wrong option is a usage error below).
  const ingestOptions: IngestOptions = options.map
    ? ingestOptionsFromMap(readJsonFile(io, options.map, '--map', MAP_EXPECTED, true), options.map)
    : {};
  if (options.strict) ingestOptions.strict = true;
  if (options.dateFormat)
    ingestOptions.dateFormat = options.dateFormat as IngestOptions['dateFormat'];
  if (options.timeZone) ingestOptions.timeZone = options.timeZone;
  if (options.now) ingestOptions.now = options.now;
  if (options.pseudonymise) {
    const key = env[PSEUDONYM_KEY_ENV];
    if (!key) {
      throw usageError(
        `--pseudonymise needs the key in the environment variable ${PSEUDONYM_KEY_ENV} (keys are never passed on the command line).`,
      );
    }
    ingestOptions.pseudonymise = { key };
  }

  let result: ReturnType<typeof ingest>;
  try {
    result = ingest(input, ingestOptions);
  } catch (e) {
    throw ingestFailure(e, options);
  }
  result.summary.warnings.unshift(...warnings);
  // The reasons and warnings are read by someone at a command line: their advice in its terms.
  for (const p of result.rejected) p.reason = inCliTerms(p.reason);
  result.summary.warnings = result.summary.warnings.map(inCliTerms);
  return result;
}

/**
 * Ingest's advice names its options (`dateFormat: 'dmy'`, `conflictingRoles: 'keep'`), which a
 * command-line user cannot type: the flag that sets it, or the `--map` file that can hold it.
 */
export function inCliTerms(text: string): string {
  return text
    .replace(/set dateFormat: '(\w+)' \(or '(\w+)'\)/g, 'give --date-format $1 (or $2)')
    .replace(/set dateFormat: '(\w+)'/g, 'give --date-format $1')
    .replace(/set conflictingRoles: 'keep'/g, 'put "conflictingRoles": "keep" in a --map file')
    .replace(/pass missingMarkers: false/g, 'put "missingMarkers": false in a --map file')
    .replace(
      /map it: mapping: \{ (\w+): '([^']*)' \}/g,
      (_m, field: string, column: string) =>
        `map it in a --map file: { "mapping": { "${field}": ${JSON.stringify(column)} } }`,
    );
}

/**
 * A table file's text, or its rows when it holds JSON or JSON Lines (`.jsonl`, `.ndjson`, or one
 * object per line by content): broken JSON, JSON that is not an array of rows, or a JSON Lines
 * line that is not one object (named by its line) is a data problem naming the file (exit 1),
 * not a usage error.
 */
function readTableFile(
  io: CliIo,
  path: string,
  option: string,
  encoding: string | undefined,
  warnings: string[],
): string | object[] {
  const text = readInputFile(io, path, option, encoding, warnings);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const head = body.trimStart()[0];
  if (head !== '[' && head !== '{') return text;
  if (/\.(?:jsonl|ndjson)(?:\.gz)?$/i.test(path) || isJsonLines(body)) {
    try {
      return parseJsonLines(body, `${option} '${path}'`);
    } catch (e) {
      if (e instanceof IngestError) throw dataError(`${e.message}.`);
      throw e;
    }
  }
  let rows: unknown;
  try {
    rows = parseJsonText(body, `${option} '${path}'`);
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    throw dataError(`${e.message}; fix the file, or export the table as CSV with a header row.`);
  }
  if (!Array.isArray(rows)) {
    throw dataError(
      `${option} '${path}' holds JSON but not an array of rows${wrappedRowsHint(rows, (a) => `save that array alone as a file and pass that, e.g. jq '${a.startsWith('.') ? a : `.${a}`}' ${path} > rows.json`)}; export the table as [{…}, {…}], or as CSV with a header row.`,
    );
  }
  return rows;
}

/** Maps what ingest throws to a one-line CLI error. */
function ingestFailure(e: unknown, options: InputOptions): Error {
  const err = e as Error;
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, '; ');
  if (err instanceof ValidationError)
    return dataError(
      `${oneLine(inCliTerms(err.message))} (--strict stops at the first problem; run 'violence-contagion validate' to list them all).`,
    );
  if (err instanceof MissingColumnError && (err.delimiter ?? err.headerLine) !== undefined)
    return dataError(oneLine(err.message));
  if (err instanceof MissingColumnError) {
    const fix = options.map
      ? `fix the mapping in '${options.map}'`
      : 'add a column mapping with --map mapping.json';
    return dataError(
      // The example names the field that is missing (it named incident_id for any field).
      `${oneLine(err.message.replace(/ If the .*$/s, ''))} ${capitalise(fix)}, e.g. { "mapping": { "${err.field}": "${err.closest ?? '<column name>'}" } }${err.closest ? ` ('${err.closest}' is the closest column name)` : ''}.`,
    );
  }
  if (err instanceof IngestError && err.code === 'severity-scale') {
    // The maps it gives written as a --map file holds them (JSON).
    const json = err.message
      .replace(/severityLevels: \{/g, '"severityLevels": {')
      .replace(
        /'((?:[^'\\]|\\.)*)': (\d|<0–4>)/g,
        (_m, k: string, v: string) => `${JSON.stringify(k.replace(/\\'/g, "'"))}: ${v}`,
      );
    return dataError(
      `${oneLine(json)} Put "severityLevels" in a --map file of ingest options (beside "mapping"${options.map ? `, in '${options.map}'` : ''}).`,
    );
  }
  if (err instanceof TypeError || err instanceof RangeError) {
    return usageError(`${oneLine(err.message)}${options.map ? ` (check '${options.map}')` : ''}`);
  }
  return dataError(oneLine(err?.message ?? String(e)));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
