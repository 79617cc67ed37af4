import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { dsvFormat } from 'd3-dsv';

const commaDsv = dsvFormat(',');

import { leadingNotes, unguardFormula, writtenHere } from '../core/csv.js';
import { checkOptions, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import { IngestError } from '../ingest/ingest-error.js';
import { isJsonLines, parseJsonLines, wrappedRowsHint } from '../ingest/json-lines.js';
import {
  assertUniqueColumns,
  detectDelimiter,
  parseJsonText,
  SEP_LINE,
} from '../ingest/source-table.js';
import {
  type TextFormulas,
  textFormulaWarning,
  unwrapTextFormula,
} from '../ingest/text-formula.js';
import { checkEncodingLabel, decodeText } from './decode.js';

/**
 * File types {@link readTable} and {@link ingestFiles} read, by extension: `.csv` (also `.tsv`,
 * `.tab` and `.txt`: delimited text, its delimiter found from the header), `.json`, and `.jsonl`
 * or `.ndjson` (JSON Lines: one object per line).
 */
export type TableFileType = 'csv' | 'json' | 'jsonl';

/**
 * Reads a file's text for table `name`, with errors that say what to do: a missing path, a
 * directory, an empty file, an extension that is not `.csv`, `.tsv`, `.tab`, `.txt`, `.json`,
 * `.jsonl` or `.ndjson`, each also gzip-compressed (`.csv.gz`: decompressed). A UTF-8 byte-order
 * mark (Excel's "CSV UTF-8") is removed. Text is UTF-8 unless `encoding` names another (e.g.
 * `'windows-1252'`, `'latin1'`); invalid UTF-8 without it is an `IngestError` naming the file,
 * line and byte offset. A file read with another encoding that is valid UTF-8 with letters beyond
 * ASCII (`José` read as `JosÃ©`) gets a warning in `warnings`.
 */
export function readTableText(
  path: string,
  name = 'table',
  encoding?: string,
  warnings?: string[],
): { text: string; type: TableFileType } {
  return readText(path, name, encoding, warnings);
}

/**
 * {@link readTableText}, its encoding advice in the caller's terms: `fix` ends the refusal of a
 * file that is not UTF-8, `utf8` names the option that reads a file as UTF-8 (see `decodeText`).
 * @internal
 */
export function readText(
  path: string,
  name: string,
  encoding: string | undefined,
  warnings: string[] | undefined,
  fix?: string,
  utf8?: string,
): { text: string; type: TableFileType } {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new TypeError(`${name}: give the path of a .csv or .json file`);
  }
  const full = resolve(path);
  // `incidents.csv.gz` is a .csv file, gzip-compressed (decodeText decompresses it).
  const ext = extname(full.replace(/\.gz$/i, '')).toLowerCase();
  const type: TableFileType | undefined =
    ext === '.csv' || ext === '.tsv' || ext === '.tab' || ext === '.txt'
      ? 'csv'
      : ext === '.json'
        ? 'json'
        : ext === '.jsonl' || ext === '.ndjson'
          ? 'jsonl'
          : undefined;
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(full);
  } catch {
    throw new Error(
      `${name} file '${path}' does not exist (looked for ${full}); check the path, or pass an absolute path`,
    );
  }
  if (stat.isDirectory()) {
    throw new Error(`${name} path '${path}' is a directory; give the .csv or .json file inside it`);
  }
  if (type === undefined) {
    // A Parquet or Arrow file (by its bytes) is told how to read it (readParquet, tableFromIPC),
    // as one named .csv is: 'save or export it as CSV' hid that the library reads them.
    try {
      decodeText(readFileSync(full), path, encoding, undefined, []);
    } catch (e) {
      if (e instanceof IngestError && e.code === 'not-text') throw e;
    }
    throw new Error(
      `${name} file '${path}' is not .csv or .json; save or export it as CSV (UTF-8) or JSON (or JSON Lines, .jsonl)`,
    );
  }
  const text = decodeText(readFileSync(full), path, encoding, fix, warnings, utf8);
  if (text.trim() === '') {
    throw new Error(
      `${name} file '${path}' is empty; export the table again` +
        (type === 'csv'
          ? ' with its header row'
          : type === 'json'
            ? ' as a JSON array of rows'
            : ' with one JSON object per line'),
    );
  }
  return { text, type };
}

/**
 * Reads a CSV (header row, all values as text), JSON (an array of row objects) or JSON Lines
 * (`.jsonl`, `.ndjson`, or a `.json` file whose first line is a whole object and the next starts
 * another: one object per line) file into an array of row objects, chosen by the extension. A
 * JSON Lines line that is not one JSON object is an `IngestError` (code `json-line`) naming the
 * file and the line; JSON that is not valid, one (code `json`) naming the file and the line and
 * column where it breaks. The CSV delimiter is found as `ingest` finds it
 * (a comma, else the semicolon, tab or pipe of the header; or Excel's `sep=;` first line). A file
 * read with an `encoding` other than UTF-8 that is valid UTF-8 with letters beyond ASCII (`José`
 * read as `JosÃ©`) emits a process warning (`EncodingWarning`) saying to read it as UTF-8. A CSV
 * file this library wrote (its first line the purpose label) is read without its notes and
 * without the `'` that guards cells against spreadsheet formulas: the values as written. Cells
 * of another file written as Excel's text formulas (`="00123"`, which keeps leading zeros) are
 * read as the text inside them (`00123`), as `ingest` reads them, with a process warning
 * (`TextFormulaWarning`) giving their count and the first, with its column and line. A row that repeats the header
 * (exports joined with their headers) is left out with a process warning
 * (`RepeatedHeaderWarning`) naming its lines in the file (the header is line 1), as `ingest`
 * names them and reads such a line as blank.
 *
 * @example
 * const incidents = readTable('exports/incidents.csv');
 * const { data } = ingest({ incidents, involvements: readTable('exports/nominals.csv') });
 */
export function readTable(
  path: string,
  options: {
    /** Text encoding of the file, a WHATWG label (`'windows-1252'`, `'latin1'`, `'utf-16le'`). Default `'utf-8'`. */
    encoding?: string;
  } = {},
): Record<string, unknown>[] {
  checkOptions('readTable', options, ENCODING_RULES);
  checkEncodingLabel('readTable', 'encoding', options.encoding);
  const warnings: string[] = [];
  const { text, type } = readTableText(path, 'table', options.encoding, warnings);
  for (const w of warnings) process.emitWarning(w, 'EncodingWarning');
  // A plain array: d3's extra `columns` property would surprise a caller comparing rows. The
  // delimiter as ingest reads it (a European `;` file was one column named 'a;b;c').
  if (type === 'csv') {
    let body = text;
    const sep = SEP_LINE.exec(body);
    if (sep) body = body.slice(sep[0].length);
    const guarded = writtenHere(body);
    const notes = leadingNotes(body);
    body = body.slice(notes.end);
    const d = sep ? sep[1] : detectDelimiter(body);
    const parser = d === ',' ? commaDsv : dsvFormat(d);
    // A file this library wrote: its cells without the formula guard, as they were written.
    // Excel's text formulas (="00123") read as the text inside them, as ingest reads them, the
    // first named by its physical line, as ingest names it: the line breaks inside quoted cells
    // of the rows before it are counted, and the `sep=` and note lines above the header.
    let formulas: TextFormulas | undefined;
    let line = (sep ? 2 : 1) + notes.lines;
    const rows = guarded
      ? parser.parse(body, (row) => {
          for (const k in row) row[k] = unguardFormula(row[k] as string);
          return row;
        })
      : body.indexOf('="') < 0
        ? parser.parse(body)
        : parser.parse(body, (row, i, columns) => {
            if (i === 0) line += breaks(columns);
            line++;
            for (const k in row) {
              const raw = row[k] as string;
              const v = unwrapTextFormula(raw);
              if (v === undefined) continue;
              row[k] = v;
              formulas ??= { cells: 0, raw, where: `'${path}', column '${k}', line ${line}` };
              formulas.cells++;
            }
            if (formulas === undefined) line += breaks(Object.values(row) as string[]);
            return row;
          });
    // A column named twice kept only its last cells in each row object, with no word (the date
    // of 'incident_id,date,date' was the second column's): refused, as ingest refuses it.
    assertUniqueColumns(rows.columns, `'${path}'`);
    const w = textFormulaWarning([formulas]);
    if (w !== undefined) process.emitWarning(w, 'TextFormulaWarning');
    // Exports joined with their headers (cat jan.csv feb.csv): a row whose cells are the header's
    // names is the header again, left out with a warning, as ingest reads such a line as blank.
    // Named by their physical lines, as ingest names them: the `sep=` and note lines above the
    // header and the line breaks inside quoted cells of the rows before each are counted.
    const cols = rows.columns;
    const skip = new Set<number>();
    const lines: number[] = [];
    let at = (sep ? 2 : 1) + notes.lines + breaks(cols) + 1;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (cols.every((c) => row[c] === c)) {
        skip.add(i);
        lines.push(at);
      }
      at += 1 + breaks(Object.values(row) as string[]);
    }
    if (skip.size > 0) {
      const one = skip.size === 1;
      process.emitWarning(
        `'${path}': ${count(skip.size, 'line')} (at ${lines.slice(0, 5).join(', ')}${skip.size > 5 ? ', …' : ''}) ${one ? 'repeats' : 'repeat'} the header (exports joined with their headers?) and ${one ? 'was' : 'were'} left out`,
        'RepeatedHeaderWarning',
      );
      const kept = rows.filter((_, i) => !skip.has(i));
      return (guarded ? kept.map(unguardKeys) : kept) as Record<string, unknown>[];
    }
    // The header's names were guarded too.
    if (guarded) return rows.map(unguardKeys);
    return [...rows] as Record<string, unknown>[];
  }
  if (type === 'jsonl' || isJsonLines(text)) return parseJsonLines(text, `'${path}'`);
  const parsed = parseJsonText(text, `'${path}'`);
  if (!Array.isArray(parsed)) {
    throw new IngestError(
      'json-rows',
      path,
      `'${path}' holds JSON but not an array of rows${wrappedRowsHint(parsed, (a) => `pass that array, JSON.parse(readFileSync(path, 'utf8'))${a}, to ingest`)}; export the table as [{…}, {…}]`,
    );
  }
  return parsed as Record<string, unknown>[];
}

/** The line breaks inside the cells of a row (quoted cells spanning lines). */
function breaks(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) for (let k = c.indexOf('\n'); k >= 0; k = c.indexOf('\n', k + 1)) n++;
  return n;
}

/** A row of a file this library wrote, its names without the formula guard. */
function unguardKeys(r: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [unguardFormula(k), v]));
}

/** The default of each option of {@link readTable}: UTF-8 (a byte-order mark names another). */
readTable.defaults = { encoding: 'utf-8' } as const;

/** `encoding`: a WHATWG label (checked by `TextDecoder` when read). */
export const ENCODING_RULES = { encoding: rule.string(true) };
