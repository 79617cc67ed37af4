import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { PURPOSE_LABEL } from '../core/purpose.js';
import { IngestError } from '../ingest/ingest-error.js';
import { parseJsonText } from '../ingest/source-table.js';
import { type Columnar, decodeText } from '../node/decode.js';
import { CliError, dataError, EXIT, usageError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * Reads a text file named by an option, turning every failure into a one-line message that
 * says what to do: a wrong path is a usage error (exit 2), an empty file a data problem (exit 1).
 */
export function readInputFile(
  io: CliIo,
  path: string,
  option: string,
  encoding?: string,
  warnings?: string[],
): string {
  const full = resolve(io.cwd, path);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(full);
  } catch {
    throw usageError(
      `${option} '${path}': no such file. Check the path (relative paths start at ${io.cwd}).`,
    );
  }
  if (stat.isDirectory()) {
    throw usageError(`${option} '${path}' is a folder; give the path of a CSV or JSON file.`);
  }
  let text: string;
  try {
    const bytes = readFileSync(full);
    try {
      // A table's file is named by its flag's table in the advice (--encoding people=utf-8), so
      // that the advice for one file of a run does not change how the others are read.
      const table = /^--(incidents|involvements|people|exits)$/.exec(option)?.[1];
      text = decodeText(
        bytes,
        path,
        encoding,
        table
          ? `give its encoding with --encoding ${table}=<label>, e.g. --encoding ${table}=windows-1252 (Excel on Windows) or ${table}=latin1 (a bare --encoding windows-1252 is every file's)`
          : 'give its encoding with --encoding, e.g. --encoding windows-1252 (Excel on Windows) or --encoding latin1',
        warnings,
        table
          ? `--encoding ${table}=utf-8 (or no --encoding, when every file is UTF-8)`
          : '--encoding utf-8 (or no --encoding)',
        cliColumnar(path),
      );
    } catch (e) {
      if (e instanceof RangeError) throw usageError(`--encoding: ${e.message}.`);
      throw dataError(`${option} ${(e as Error).message}.`);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw usageError(
      `${option} '${path}' cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`,
    );
  }
  if (text.trim() === '') {
    throw dataError(
      `${option} '${path}' is empty; export the table again with a header row and at least one record.`,
    );
  }
  return text;
}

/**
 * What a command-line user can do with a Parquet or Arrow file (the library's `readParquet` and
 * `tableFromIPC` are out of their reach): export it as CSV, with a DuckDB one-liner for Parquet.
 */
function cliColumnar(path: string): Columnar {
  const stem = path.replace(/\.[^./\\]*$/, '');
  const csv = `${stem}.csv` === path ? `${stem}-table.csv` : `${stem}.csv`;
  const reads = 'the command line reads CSV and JSON only';
  const script = 'or, in a Node script, read it with';
  // A path as an SQL string inside a double-quoted shell argument: ' doubled, then " $ ` \ escaped.
  const quoted = (p: string) => p.replace(/'/g, "''").replace(/["$`\\]/g, '\\$&');
  return {
    parquet: `${reads}: export it as CSV, e.g. with DuckDB: duckdb -c "COPY (SELECT * FROM '${quoted(path)}') TO '${quoted(csv)}' (HEADER)", and pass that file (${script} readParquet and pass the table to ingest)`,
    arrow: `${reads}: export the table as CSV from the tool that wrote it and pass that file (${script} tableFromIPC and pass the table to ingest)`,
  };
}

/**
 * Reads and parses a JSON file named by an option (e.g. `--map`); text that is not valid JSON is
 * a data error naming the option, the file and the line and column where it breaks, and what it
 * should hold (`expected`), as the tables' JSON is named.
 */
export function readJsonFile(
  io: CliIo,
  path: string,
  option: string,
  expected: string,
  usage = false,
): unknown {
  let text: string;
  try {
    text = readInputFile(io, path, option);
  } catch (e) {
    // An empty or undecodable --map file is a usage error too.
    if (usage && e instanceof CliError && e.exitCode === EXIT.data) throw usageError(e.message);
    throw e;
  }
  try {
    return parseJsonText(
      text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
      `${option} '${path}'`,
      expected,
    );
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    // A file of options (--map) holds no records: what it holds is the run's usage (exit 2).
    throw (usage ? usageError : dataError)(`${e.message}; fix the file and run again.`);
  }
}

/** Output formats the CLI writes. */
export type OutputFormat = 'csv' | 'json' | 'html' | 'gexf' | 'graphml' | 'txt';

/** The format from `--format`, else from the extension of `--out`, else the fallback. */
export function outputFormat(
  out: string | undefined,
  format: string | undefined,
  allowed: readonly OutputFormat[],
  fallback: OutputFormat,
): OutputFormat {
  const chosen = format ?? (out && out !== '-' ? extname(out).slice(1).toLowerCase() : '');
  const f = (chosen === 'xml' ? 'graphml' : chosen) || fallback;
  if (!allowed.includes(f as OutputFormat)) {
    const why = format ? `--format ${format}` : `the extension of '${out}'`;
    throw usageError(`${why} is not an output format here; use one of: ${allowed.join(', ')}.`);
  }
  return f as OutputFormat;
}

/** The options naming files a command reads, as commander stores them, with their flags. */
const INPUT_FLAGS = {
  incidents: '--incidents',
  involvements: '--involvements',
  people: '--people',
  map: '--map',
  alreadyReached: '--already-reached',
} as const;

/**
 * Refuses, before anything is read, an `--out` that is a folder or one of the command's own input
 * files: writing the output over the police export it reads would destroy it.
 */
export function checkOutPath(io: CliIo, opts: Record<string, unknown>): void {
  const out = opts.out;
  if (typeof out !== 'string' || out === '-') return;
  const full = resolve(io.cwd, out);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    throw usageError(`--out '${out}' is a folder; give the path of the file to write.`);
  }
  for (const [key, flag] of Object.entries(INPUT_FLAGS)) {
    const input = opts[key];
    if (typeof input !== 'string') continue;
    const path = resolve(io.cwd, input);
    const s = statSync(path, { throwIfNoEntry: false });
    // The same path, or another name for the same file (a link, ./ or ../ spelt differently).
    if (path === full || (s && s.ino !== 0 && s.ino === stat.ino && s.dev === stat.dev)) {
      throw usageError(
        `--out '${out}' is the ${flag} file: writing there would overwrite the records this command reads; choose another file name.`,
      );
    }
  }
}

/** Writes to the file `out` (creating its folder) or, without one, to stdout. */
export function writeOutput(io: CliIo, out: string | undefined, content: string): void {
  if (!out || out === '-') {
    io.stdout.write(content.endsWith('\n') ? content : `${content}\n`);
    return;
  }
  writeFile(io, out, content);
}

/**
 * A JSON value with the purpose label as its first field: an object gains `purpose` (unless it has
 * one), an array becomes `{ purpose, rows }`. Every JSON the command line writes goes through it.
 */
export function labelJson(value: unknown): unknown {
  if (Array.isArray(value)) return { purpose: PURPOSE_LABEL, rows: value };
  if (typeof value === 'object' && value !== null && !('purpose' in value))
    return { purpose: PURPOSE_LABEL, ...value };
  return value;
}

/**
 * The purpose label where a reader of a file meets it first, by the file's kind: CSV and the
 * library's other writers already start with it (kept as they are); an XML file (GEXF, GraphML)
 * gets a comment after its declaration, JSON a top-level `purpose` field, HTML a comment after
 * its doctype, anything else (text) a first line. The guarantee behind "every file the command
 * line writes carries the label".
 */
export function withPurposeLabel(path: string, content: string): string {
  if (content.slice(0, 4000).includes(PURPOSE_LABEL)) return content;
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return `${JSON.stringify(labelJson(JSON.parse(content)), null, 2)}\n`;
  if (ext === '.csv') return `# ${PURPOSE_LABEL}\n${content}`;
  const comment = `<!-- ${PURPOSE_LABEL} -->`;
  if (ext === '.gexf' || ext === '.graphml' || ext === '.xml' || ext === '.html') {
    const m = /^(\uFEFF?<\?xml[^>]*\?>|<!doctype[^>]*>)\s*/i.exec(content);
    return m ? `${m[1]}\n${comment}\n${content.slice(m[0].length)}` : `${comment}\n${content}`;
  }
  return `${PURPOSE_LABEL}\n\n${content}`;
}

/** Writes a file relative to the working directory, creating its folder, with the purpose label. */
export function writeFile(io: CliIo, path: string, content: string): string {
  const full = resolve(io.cwd, path);
  try {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, withPurposeLabel(path, content));
  } catch (e) {
    throw usageError(
      `cannot write '${path}' (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose a folder you can write to.`,
    );
  }
  return full;
}
