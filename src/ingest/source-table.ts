import type { ColumnTable } from 'arquero';
import { csvParseRows, dsvFormat } from 'd3-dsv';
import { leadingNotes, unguardFormula, writtenHere } from '../core/csv.js';
import { count } from '../core/plural.js';
import { type ArrowTableLike, fromArrow, isArrowTable, typedColumn } from './arrow.js';
import { IngestError } from './ingest-error.js';
import { isJsonLines, jsonLinesLine, parseJsonLines } from './json-lines.js';
import { MARKUP_FIX, MARKUP_JSON_FIX, markupKind } from './markup.js';
import { blankByColumns, type SourceTable } from './table-shape.js';
import { unwrapTextFormulas } from './text-formula.js';

export type { SourceTable };

/** The three canonical tables. */
export type TableName = 'incidents' | 'involvements' | 'people';

/**
 * One input table: an array of row objects, an arquero table, an Apache Arrow table, or text — CSV with a header row,
 * JSON (an array of row objects) when it starts with `[`, or JSON Lines (one object per line)
 * when its first line is a whole object and the next starts another.
 */
export type TableInput = readonly object[] | ColumnTable | ArrowTableLike | string;

/** Duck-typed so tables from another copy of arquero work too. */
export function isArqueroTable(x: unknown): x is ColumnTable {
  const t = x as ColumnTable;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof t.columnNames === 'function' &&
    typeof t.numRows === 'function' &&
    typeof t.array === 'function'
  );
}

/**
 * Rows a loop over millions of row objects first touches together ({@link touchRows}). Rows made
 * in another order than the array's (a merge, a sort) lie scattered in memory, and a loop whose
 * body is long (a `for…in` over a row's keys, a row's validation) waits for each row's cache miss
 * in turn; a tight loop over a block lets the processor fetch the block's rows at once, and the
 * long loop then finds them in cache (at 1M people, 5.9M involvement rows, the keys scan went from
 * ~0.9 s to ~0.3 s of CPU).
 */
export const TOUCH_BLOCK = 256;

/** Sink of {@link touchRows}'s reads, so that they are not optimised away. */
const sink = { touched: 0 };

/**
 * Touches rows `from` to `to` (reads their type, which loads each object's header): no property
 * is read and nothing else is done, so it changes nothing but what is in cache.
 */
export function touchRows(rows: readonly unknown[], from: number, to: number): void {
  let t = 0;
  for (let i = from; i < to; i++) if (typeof rows[i] === 'object') t++;
  sink.touched += t;
}

/** Reads an array of row objects; columns are the union of the rows' own keys, first seen first. */
export function fromObjects(rows: readonly unknown[]): SourceTable {
  const seen = new Set<string>();
  // The keys of the previous row, by position: a key equal to the previous row's key at the same
  // position is known already, so rows shaped alike (the usual case) need no Set look-up.
  const known: string[] = [];
  const n = rows.length;
  for (let from = 0; from < n; from += TOUCH_BLOCK) {
    const to = Math.min(n, from + TOUCH_BLOCK);
    touchRows(rows, from, to);
    for (let i = from; i < to; i++) {
      const r = rows[i];
      if (typeof r !== 'object' || r === null) continue;
      let j = 0;
      for (const k in r) {
        if (known[j] !== k) {
          if (!seen.has(k)) seen.add(k);
          known[j] = k;
        }
        j++;
      }
      if (known.length !== j) known.length = j;
    }
  }
  const columns = [...seen];
  const column = (name: string) => objectColumn(rows as readonly (Row | null)[], name);
  const blank = blankByColumns(columns, column);
  // Rows of JSON Lines text are named by their line in it, as a CSV row is.
  const line = jsonLinesLine(rows);
  return {
    columns,
    length: rows.length,
    column,
    ...(line ? { line } : {}),
    // A row that is not an object is no blank line: it is rejected as such.
    blank: (i) => typeof rows[i] === 'object' && rows[i] !== null && blank(i),
    toucher: (columns) => {
      // Rows whose cells are getters (class instances, row views) are not touched: a getter would
      // run more often than the reader reads it (and a getter's value need not repeat). Judged
      // from the first row object and its prototype chain (own getters), and block by block
      // from each row's prototype: a block with a row that is not a plain object is left alone.
      // (A Proxy over a plain object cannot be told apart from one.)
      const first = rows.find((r) => typeof r === 'object' && r !== null) as object | undefined;
      if (first === undefined || columns.some((c) => c !== undefined && isAccessor(first, c))) {
        return undefined;
      }
      const gets: ((i: number) => unknown)[] = [];
      for (const c of columns)
        if (c !== undefined) gets.push(objectColumn(rows as readonly (Row | null)[], c));
      return (from, to) => {
        for (let i = from; i < to; i++) {
          const r = rows[i];
          if (typeof r === 'object' && r !== null) {
            const proto = Object.getPrototypeOf(r);
            if (proto !== Object.prototype && proto !== null) return false;
          }
        }
        let t = 0;
        for (const get of gets) {
          for (let i = from; i < to; i++) {
            const v = get(i);
            if (typeof v === 'string') t += v.length;
          }
        }
        sink.touched += t;
        return true;
      };
    },
  };
}

type Row = Record<string, unknown>;

/** Whether `key` of `row` (its own or inherited) is an accessor property (a getter or setter). */
function isAccessor(row: object, key: string): boolean {
  for (let o: object | null = row; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d.get !== undefined || d.set !== undefined;
  }
  return false;
}

/**
 * The accessor of one column of row objects. The canonical column names get an accessor of their
 * own that reads the property by name: a property load that sees one name stays fast, where a
 * single accessor shared by every column (`r[name]`) sees them all. Same values either way.
 */
function objectColumn(rows: readonly (Row | null)[], name: string): (i: number) => unknown {
  const ok = (r: unknown): r is Row => typeof r === 'object' && r !== null;
  switch (name) {
    case 'incident_id':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.incident_id : undefined;
      };
    case 'person_id':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.person_id : undefined;
      };
    case 'role':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.role : undefined;
      };
    case 'date':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.date : undefined;
      };
    case 'severity':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.severity : undefined;
      };
    case 'offence':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.offence : undefined;
      };
    case 'weapon':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.weapon : undefined;
      };
    case 'area':
      return (i) => {
        const r = rows[i];
        return ok(r) ? r.area : undefined;
      };
    default:
      return (i) => {
        const r = rows[i];
        return ok(r) ? r[name] : undefined;
      };
  }
}

function fromArquero(t: ColumnTable): SourceTable {
  const columns = t.columnNames();
  const column = (name: string) => {
    // `array` respects any filter or order on the table.
    const values = t.array(name) as ArrayLike<unknown>;
    const date = typedColumn(t, name);
    if (date) return (i: number) => date(values[i]);
    return (i: number) => values[i];
  };
  return {
    columns,
    length: t.numRows(),
    column,
    blank: blankByColumns(columns, column),
  };
}

/** Delimiters recognised in a header line, with their names for messages. */
const DELIMITERS: readonly [string, string][] = [
  [',', 'comma'],
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'pipe'],
];

/**
 * The delimiter of CSV text, from its header line: a comma when the header has one (outside
 * quotes), else the semicolon, tab or pipe it has most of (Excel in many European locales writes
 * `;`), else a comma.
 */
export function detectDelimiter(text: string): string {
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  const head = text.slice(0, end).replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const [d] of DELIMITERS) {
    let n = 0;
    for (let k = head.indexOf(d); k >= 0; k = head.indexOf(d, k + 1)) n++;
    if (d === ',' && n > 0) return ',';
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

/** The line breaks inside the quoted cell that {@link quotedEnd} last scanned. */
let quotedLines = 0;

/**
 * The index after the closing quote of the quoted cell whose opening quote is at `i` in `text`
 * (`""` is a quote inside; past `n` when it never closes), its line breaks in
 * {@link quotedLines}. One scan for {@link spacedQuotes} and {@link quoteTails}.
 */
function quotedEnd(text: string, i: number, n: number): number {
  let lines = 0;
  for (i++; i < n; i++) {
    const q = text.charCodeAt(i);
    if (q === 10) lines++;
    else if (q === 34) {
      if (text.charCodeAt(i + 1) === 34) i++;
      else break;
    }
  }
  quotedLines = lines;
  return i + 1;
}

/**
 * Text written with a space after each delimiter (`incident_id, date, offence`, as some tools and
 * hand-made files write CSV) holds its quoted cells after that space (`I1, "Wounding, GBH", 3`),
 * where a quote does not open a quoted cell: the quotes were read as text (`'"2023-01-05"' is not
 * a valid date`) and a delimiter inside split the cell ("quote values that contain a comma", of a
 * value quoted). When the header puts a space after every delimiter, the spaces before a quote
 * that starts a cell are dropped, so the quote opens it; `undefined` when there are none (the
 * text unchanged). `cells`: how many cells, and the first's line (1-based, in `text`).
 */
export function spacedQuotes(
  text: string,
  delimiter: string,
): { text: string; cells: number; line: number } | undefined {
  if (text.indexOf(`${delimiter} "`) < 0) return undefined;
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  const header = text.slice(0, end).replace(/\r$/, '');
  const parts = header.split(delimiter);
  if (parts.length < 2 || !parts.slice(1).every((p) => p.startsWith(' '))) return undefined;
  const d = delimiter.charCodeAt(0);
  const out: string[] = [];
  let from = 0;
  let cells = 0;
  let firstLine = 0;
  let line = 1;
  let cellStart = true;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (cellStart && c === 32) {
      let j = i;
      while (text.charCodeAt(j) === 32) j++;
      if (text.charCodeAt(j) === 34) {
        out.push(text.slice(from, i));
        from = j;
        cells++;
        firstLine ||= line;
        i = j;
        continue;
      }
    }
    if (cellStart && c === 34) {
      i = quotedEnd(text, i, n);
      line += quotedLines;
      cellStart = false;
      continue;
    }
    if (c === 10) line++;
    cellStart = c === d || c === 10 || c === 13;
    i++;
  }
  if (cells === 0) return undefined;
  out.push(text.slice(from));
  return { text: out.join(''), cells, line: firstLine };
}

/**
 * What follows the closing quote of quoted cells. A CSV reader (d3-dsv) takes the character after
 * a closing quote as the delimiter, whatever it is: `"Wounding, GBH" ,3` was read as the cells
 * 'Wounding, GBH', '' and '3' (refused as "more cells than the header"), and `"Smith"x,3` lost the
 * 'x'. Spaces (and tabs, unless the delimiter is a tab) between a closing quote and the delimiter
 * or the line's end are dropped, so the cell reads as quoted: `spaces` counts such cells before a
 * delimiter (at a line's end they made only an empty cell past the last), with the first's line (1-based, in `text`) and column (0-based). Other text there is left as it is, and
 * `stray` maps the record (0 the header) to its first such cell: column and the text, up to the
 * next delimiter or line end. `undefined` when there is neither (the text unchanged).
 */
export function quoteTails(
  text: string,
  delimiter: string,
):
  | {
      text: string;
      spaces: number;
      line: number;
      column: number;
      stray: Map<number, { column: number; text: string }>;
    }
  | undefined {
  if (text.indexOf('"') < 0) return undefined;
  const d = delimiter.charCodeAt(0);
  const tab = d !== 9;
  const out: string[] = [];
  const stray = new Map<number, { column: number; text: string }>();
  let from = 0;
  let spaces = 0;
  let firstLine = 0;
  let firstColumn = 0;
  let line = 1;
  let record = 0;
  let column = 0;
  let cellStart = true;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (cellStart && c === 34) {
      i = quotedEnd(text, i, n);
      line += quotedLines;
      cellStart = false;
      if (i >= n) break;
      let j = i;
      for (let q = text.charCodeAt(j); q === 32 || (tab && q === 9); q = text.charCodeAt(++j));
      const next = text.charCodeAt(j);
      if (j >= n || next === d || next === 10 || next === 13) {
        if (j > i) {
          out.push(text.slice(from, i));
          from = j;
          // At a line's end the space only made an empty cell past the last: not counted.
          if (next === d && spaces++ === 0) {
            firstLine = line;
            firstColumn = column;
          }
          i = j;
        }
      } else if (!stray.has(record)) {
        let k = j;
        for (let q = text.charCodeAt(k); k < n && q !== d && q !== 10 && q !== 13; )
          q = text.charCodeAt(++k);
        stray.set(record, { column, text: text.slice(i, k) });
      }
      continue;
    }
    if (c === d) {
      column++;
      cellStart = true;
    } else if (c === 10) {
      line++;
      record++;
      column = 0;
      cellStart = true;
    } else cellStart = false;
    i++;
  }
  if (spaces === 0 && stray.size === 0) return undefined;
  out.push(text.slice(from));
  return { text: out.join(''), spaces, line: firstLine, column: firstColumn, stray };
}

/**
 * Scans CSV text as d3-dsv parses it (a quote opens a quoted cell only at the start of a cell),
 * giving the physical line (0-based, from the start of `text`) on which each record starts, and
 * throwing an {@link IngestError} for a quote that never closes, naming the line where it opened.
 */
function recordLines(text: string, delimiter: string, name: string, lineOffset: number): number[] {
  const starts: number[] = [];
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let line = 0;
  let i = 0;
  let recordStart = true;
  let cellStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (recordStart) {
      starts.push(line);
      recordStart = false;
    }
    if (cellStart && c === 34) {
      const openLine = line;
      i++;
      for (;;) {
        if (i >= n) {
          throw new IngestError(
            'unbalanced-quote',
            name,
            `${name}: the quote that opens a cell on line ${openLine + 1 + lineOffset} is never closed, so every line after it would be read into that one cell; ` +
              'close the quote, or double a quote that is part of the text ("")',
            openLine + 1 + lineOffset,
          );
        }
        const q = text.charCodeAt(i);
        if (q === 34) {
          if (text.charCodeAt(i + 1) === 34) i += 2;
          else {
            i++;
            break;
          }
        } else {
          if (q === 10) line++;
          i++;
        }
      }
      cellStart = false;
      continue;
    }
    if (c === d) cellStart = true;
    else if (c === 10) {
      line++;
      recordStart = true;
      cellStart = true;
    } else cellStart = false;
    i++;
  }
  return starts;
}

/**
 * Excel's first line naming the delimiter (`sep=;`), after any byte-order mark; also quoted
 * (`"sep=;"`), padded with spaces or carriage returns, or with the delimiter repeated after it
 * (`sep=;;;`, a row padded to the header's width).
 */
export const SEP_LINE = /^\uFEFF?"?sep=([^\r\n"])"?[ \t\r]*(?:\1[ \t\r]*)*\n/i;

/** A carriage return that is not followed by a line feed: a line break of its own. */
const LONE_CR = /\r(?!\n)/;

function fromCsv(text: string, name: string): SourceTable {
  // Lines ended by a lone CR (Excel for Mac's "CSV (Macintosh)", old exports) are lines as d3-dsv
  // reads them; written as LF they are counted and numbered as such too (the line counts and
  // numbers below look for LF only). A CRLF or LF file is not copied.
  // Excel's `sep=;` first line names the delimiter; it is not the header (which was read as the
  // columns 'sep=' and ''). Looked for before the lone CRs are made line breaks, so that a CR
  // padding it (`sep=;\r\r\n`) leaves no empty line to be read as the header; and after, for a
  // file whose lines all end in a lone CR.
  let sep = SEP_LINE.exec(text);
  if (sep) text = text.slice(sep[0].length);
  if (text.indexOf('\r') >= 0 && LONE_CR.test(text)) text = text.replace(/\r\n?/g, '\n');
  if (!sep) {
    sep = SEP_LINE.exec(text);
    if (sep) text = text.slice(sep[0].length);
  }
  // The purpose label and notes this library writes at the head of its own CSV files; their
  // text cells are read back as written, without the formula guard ('-2 is the id -2).
  const guarded = writtenHere(text);
  const notes = leadingNotes(text);
  text = text.slice(notes.end);
  if (sep) notes.lines++;
  const delimiter = sep ? sep[1] : detectDelimiter(text);
  const spaced = spacedQuotes(text, delimiter);
  if (spaced) text = spaced.text;
  const tails = quoteTails(text, delimiter);
  if (tails) text = tails.text;
  const starts = recordLines(text, delimiter, name, notes.lines);
  const rows = delimiter === ',' ? csvParseRows(text) : dsvFormat(delimiter).parseRows(text);
  if (guarded) for (const r of rows) for (let j = 0; j < r.length; j++) r[j] = unguardFormula(r[j]);
  const header = rows.length ? rows[0].map((c) => c.trim()) : [];
  // Physical lines after the header (a final line break ends the last line, it starts none).
  let physical = 0;
  if (text.length > 0) {
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) physical++;
    if (!text.endsWith('\n')) physical++;
  }
  const headerLines = rows.length > 1 ? starts[1] : physical;
  // 1-based physical line of a data row in the file, counting the header and label lines.
  const line = (i: number) => (starts[i + 1] ?? physical) + 1 + notes.lines;
  // Excel's text formulas (="00123"), read as the text inside them; one look through the text
  // first, so that a file without them costs nothing more. Not in a file this library wrote:
  // its cells are read as written.
  const textFormulas =
    !guarded && text.indexOf('="') >= 0 ? unwrapTextFormulas(rows, header, name, line) : undefined;
  // Lines that repeat the header, as exports joined with their headers have (cat jan.csv
  // feb.csv): read as blank lines, with a warning. They were rejected as records, for reasons
  // such as "date 'date' is not a valid date" or "role 'role' is not a known role".
  const repeats = new Set<number>();
  const h = rows[0];
  for (let i = 2; i < rows.length; i++)
    if (rows[i][0] === h[0] && rows[i].join('\0') === h.join('\0')) repeats.add(i - 1);
  const lines = [...repeats].slice(0, 5).map(line);
  const one = repeats.size === 1;
  // Summary lines at the end of a report export ('Total: 1234', 'Grand total,56', '(1234 rows)'):
  // read as blank lines, with a warning. They were rejected as records ("date is empty",
  // "incident 'Total: 2' is not in the incidents table"), which says nothing of what they are.
  const footers = footerRows(rows);
  const footer = footers.map((i) => line(i - 1));
  const warnings = [
    ...(spaced
      ? [
          `${name}: the file puts a space after each delimiter ('${delimiter} '), and ${count(spaced.cells, 'quoted cell')} (the first on line ${spaced.line + notes.lines}) ${spaced.cells === 1 ? 'starts' : 'start'} after one; the spaces before ${spaced.cells === 1 ? 'its quote were' : 'their quotes were'} passed over, so that the quotes open the cells (read as text, they were part of the value and a delimiter inside split the cell)`,
        ]
      : []),
    ...(tails?.spaces
      ? [
          `${name}: ${count(tails.spaces, 'quoted cell')} (the first on line ${tails.line + notes.lines}, column '${header[tails.column] ?? tails.column + 1}') ${tails.spaces === 1 ? 'has' : 'have'} spaces after ${tails.spaces === 1 ? 'its' : 'their'} closing quote, before the delimiter; they were passed over, so that ${tails.spaces === 1 ? 'the cell reads' : 'the cells read'} as quoted (a CSV reader takes the character after a closing quote for the delimiter: the space ended the cell, and the delimiter after it made an empty cell that shifted the others)`,
        ]
      : []),
    ...(repeats.size
      ? [
          `${name}: ${count(repeats.size, 'line')} (at ${lines.join(', ')}${repeats.size > 5 ? ', …' : ''}) ${one ? 'repeats' : 'repeat'} the header (exports joined with their headers?) and ${one ? 'was' : 'were'} read as blank`,
        ]
      : []),
    ...(footers.length
      ? [
          `${name}: the last ${footers.length === 1 ? `line (${footer[0]}), ${quoteCells(rows[footers[0]])}, looks like a summary row of a report (its other cells empty or numbers) and was` : `${footers.length} lines (${footer.join(', ')}), ${footers.map((i) => quoteCells(rows[i])).join(', ')}, look like summary rows of a report (their other cells empty or numbers) and were`} read as blank`,
        ]
      : []),
  ];
  for (const i of footers) repeats.add(i - 1);
  return {
    ...(warnings.length ? { warning: warnings.join('; ') } : {}),
    columns: header,
    length: Math.max(0, rows.length - 1),
    delimiter,
    lines: Math.max(0, physical - headerLines),
    line,
    ...(textFormulas ? { textFormulas } : {}),
    column: (col) => {
      const j = header.indexOf(col);
      return (i) => rows[i + 1][j];
    },
    // A line of delimiters only (`,,,`: Excel pads the rows it thinks are used) is blank too; a
    // row whose first cell is not empty (almost every row) is told at once.
    blank: (i) => {
      const r = rows[i + 1];
      if (r[0] !== '' && r[0].trim() !== '') return repeats.has(i);
      for (let j = 1; j < r.length; j++) if (r[j].trim() !== '') return false;
      return true;
    },
    ...(tails?.stray.size
      ? {
          afterQuote: (i: number) => {
            const at = tails.stray.get(i + 1);
            return at && { column: header[at.column] ?? `${at.column + 1}`, text: at.text };
          },
        }
      : {}),
    surplus: (i) => {
      const after = tails?.stray.get(i + 1);
      if (after) return after.text;
      const r = rows[i + 1];
      if (r.length <= header.length) return undefined;
      const extra = r.slice(header.length);
      return extra.some((c) => c.trim() !== '') ? extra.join(delimiter) : undefined;
    },
    cells: (i) => rows[i + 1],
  };
}

/**
 * The first cell of a report's summary line: a total or count ('Total: 1234', 'Grand total',
 * 'Count = 56', 'Number of records: 12', 'Records: 12'), a count of rows ('(1234 rows)',
 * '56 records selected'), or the end of the report ('End of report').
 */
const FOOTER =
  /^\(?\s*(?:(?:grand\s+|sub-?)?totals?\b|(?:record|row)\s+count\b|count\b|number\s+of\s+\w+\s*[:=]|(?:records|rows)\s*[:=]|\d[\d,. ]*\s+(?:rows?|records?)\b|end\s+of\s+(?:report|file|data|export)\b)/i;

/**
 * The rows (by index into `rows`, the header at 0) that end the file as a report's summary lines:
 * from the last row up (blank rows passed over), each whose first cell reads as {@link FOOTER}
 * and whose other cells are empty or numbers (a count in the next column). Never the header, nor
 * the only data row.
 */
function footerRows(rows: readonly string[][]): number[] {
  const found: number[] = [];
  for (let i = rows.length - 1; i >= 2; i--) {
    const r = rows[i];
    const first = r[0]?.trim() ?? '';
    if (first === '' && r.every((c) => c.trim() === '')) continue;
    if (!FOOTER.test(first)) break;
    if (!r.every((c, j) => j === 0 || c.trim() === '' || /^[-+]?[\d,.]+$/.test(c.trim()))) break;
    found.push(i);
  }
  return found.reverse();
}

/** A row's non-empty cells, quoted, as a warning shows them. */
function quoteCells(r: readonly string[]): string {
  return `'${r
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' ')}'`;
}

/**
 * CSV text read as ingest reads a table's (an Excel `sep=` line, a lone CR, the delimiter from
 * the header, this library's label lines; a quote never closed and a column named twice throw an
 * {@link IngestError} naming `name` and the line), for another file: the CLI's `--exits`, whose
 * rows then carry their physical lines (`line(i)`) as the incidents' do. @internal
 */
export function readCsvTable(text: string, name: string): SourceTable {
  const table = fromCsv(text, name);
  assertUniqueColumns(table.columns, name);
  return table;
}

/**
 * Parses JSON text for a table (`name`: the table, or a file). Text that is not valid JSON is an
 * {@link IngestError} (code `json`) naming `name` and the line and column where the parser
 * stopped, as a JSON Lines line is named: no row of it could be read. `expected` says what the
 * text should hold (default a JSON array of row objects; the CLI's `--map` file, an object).
 */
export function parseJsonText(
  text: string,
  name: string,
  expected = 'a JSON array of row objects',
): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // A page where JSON was expected (a portal's sign-in or error page): "Unexpected token '<'".
    const markup = text.trimStart().charCodeAt(0) === 60 ? markupKind(text) : undefined;
    if (markup !== undefined)
      throw new IngestError(
        'not-text',
        name,
        `${name} is ${markup}, not JSON (${expected}) ${MARKUP_JSON_FIX}`,
      );
    // V8 gives the offset ("… in JSON at position 17"), or none at the end ("Unexpected end of
    // JSON input", a file cut short).
    const why = (e as Error).message;
    const m = /position (\d+)/.exec(why);
    const at = m ? +m[1] : /end/i.test(why) ? text.trimEnd().length : -1;
    const line = at < 0 ? undefined : lineNumberAt(text, at);
    const column = at - Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1));
    throw new IngestError(
      'json',
      name,
      `${name}: ${line ? `line ${line}, column ${column}` : 'its text'} is not valid JSON (${why}); expected ${expected}`,
      line,
    );
  }
}

/**
 * A CSV header naming one column twice would leave the second never read; that is an error about
 * the whole file (no row can be trusted to be read as meant), so it throws in lenient mode too.
 * @internal
 */
export function assertUniqueColumns(columns: readonly string[], name: string): void {
  const first = new Map<string, number>();
  columns.forEach((c, j) => {
    if (c === '') return;
    const at = first.get(c);
    if (at !== undefined) {
      throw new IngestError(
        'duplicate-column',
        name,
        `${name} has the column '${c}' twice in its header (columns ${at + 1} and ${j + 1}); ` +
          'rename or remove one so that every column is read',
        1,
      );
    }
    first.set(c, j);
  });
}

/**
 * The line (from 1) holding position `at` of `text`, with CRLF, LF and a lone CR (old Mac
 * exports) each ending a line, as the CSV reader reads them. @internal
 */
export function lineNumberAt(text: string, at: number): number {
  let line = 1;
  for (let k = 0; k < at; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
  }
  return line;
}

/** Turns any {@link TableInput} into a {@link SourceTable}; throws a `TypeError` for anything else. */
export function readSource(input: unknown, name: TableName): SourceTable {
  if (typeof input === 'string') {
    // A NUL (from UTF-16 text read as UTF-8, or CHAR padding) would split one id in two.
    const nul = input.indexOf('\0');
    if (nul >= 0) {
      const line = lineNumberAt(input, nul);
      throw new IngestError(
        'encoding',
        name,
        `${name} holds a NUL (line ${line}): ${nul < 4 ? "UTF-16? Decode it as 'utf-16le'" : 'remove it'}`,
        line,
      );
    }
    const head = input.trimStart()[0];
    const markup = head === '<' ? markupKind(input) : undefined;
    if (markup !== undefined) {
      throw new IngestError(
        'not-text',
        name,
        `${name} is ${markup}, not CSV or JSON ${MARKUP_FIX}`,
      );
    }
    if (head === '[' || head === '{') {
      // A byte-order mark (trimStart passes over it) is not part of the JSON.
      const json = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
      // JSON Lines (one object per line) was refused as "cannot be parsed: Unexpected
      // non-whitespace character after JSON".
      if (isJsonLines(json)) return fromObjects(parseJsonLines(json, name));
      const parsed = parseJsonText(json, name);
      // An API's { "data": [...] } was told "must be an array of row objects, … or CSV/JSON
      // text; got object", though it was JSON text: name its keys (the rows are under one).
      if (!Array.isArray(parsed) && typeof parsed === 'object' && parsed !== null)
        throw new IngestError(
          'json-rows',
          name,
          `${name} holds a JSON object (keys ${Object.keys(parsed).join(', ')}), not an array of rows: pass the array of rows`,
        );
      return readSource(parsed, name);
    }
    const table = fromCsv(input, name);
    assertUniqueColumns(table.columns, name);
    return table;
  }
  if (Array.isArray(input)) return fromObjects(input);
  if (isArqueroTable(input)) return fromArquero(input);
  if (isArrowTable(input)) return fromArrow(input, name);
  const what = input === null ? 'null' : typeof input;
  throw new TypeError(
    `${name} must be an array of row objects, an arquero table, or CSV/JSON text; got ${what}`,
  );
}
