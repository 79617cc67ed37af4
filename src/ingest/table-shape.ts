// The shape ingest reads every table through (CSV, rows of objects, arquero, Arrow, Parquet), apart
// from the readers so that columnar.ts and source-table.ts need not import each other (and the
// blank-row rule they share).

import type { TextFormulas } from './text-formula.js';

/** A table as ingest reads it: column names and a fast accessor per column. */
export interface SourceTable {
  /** Column names as found (trimmed), in source order. */
  columns: string[];
  /** Rows, including blank CSV lines. */
  length: number;
  /** Accessor of one column; `undefined` for a row that lacks it. */
  column(name: string): (i: number) => unknown;
  /**
   * True for a blank CSV line, or one of delimiters and spaces only, or a row of another input
   * whose every cell is blank (see {@link blankByColumns}): skipped and counted apart, never read
   * as a row.
   */
  blank(i: number): boolean;
  /**
   * Row objects only: a function that touches rows `from` to `to` and their cells of `columns`
   * that are text (reads them, and each text's length), so that a reader's long loop over those
   * rows then finds them in cache. It only reads: each touched cell once more than the reader
   * does (and the involvements reader reads a person id once more again, for its id table's
   * slot). `undefined` (no touching) when the first row's cells are getters; the function
   * returns false, touching nothing, for a block holding a row that is not a plain object.
   */
  toucher?(
    columns: readonly (string | undefined)[],
  ): ((from: number, to: number) => boolean) | undefined;
  /** CSV only: the delimiter read (detected from the header line). */
  delimiter?: string;
  /** CSV only: physical lines after the header (a quoted cell may span several). */
  lines?: number;
  /**
   * CSV, and JSON Lines read by `parseJsonLines`: the 1-based physical line of the file on which
   * row `i` starts.
   */
  line?(i: number): number;
  /**
   * The non-empty cells of a CSV line beyond the header's columns (joined by `,`), which no
   * column can read (an unquoted comma, usually); `undefined` when there are none.
   */
  surplus?(i: number): string | undefined;
  /**
   * CSV only: the first quoted cell of row `i` that is followed by text other than spaces before
   * the next delimiter (`"Smith" Jr,…`), by its column and that text; such a row is refused,
   * {@link surplus} giving that text. `undefined` when there is none.
   */
  afterQuote?(i: number): { column: string; text: string } | undefined;
  /**
   * CSV only: the cells written as Excel text formulas (`="00123"`), read as the text inside them,
   * when there were any: how many, and the first.
   */
  textFormulas?: TextFormulas;
  /** CSV only: a warning about the table as a whole (lines that repeat the header). */
  warning?: string;
  /** CSV only: the cells of row `i` as parsed, however many the header has. */
  cells?(i: number): readonly string[];
}

/**
 * `blank` of a table of cells (rows of objects, arquero, Arrow): row `i` is blank when every
 * column's cell is undefined, null or spaces, as a line of delimiters only is in CSV text (a
 * padded line read by d3's or arquero's CSV reader is all '', by DuckDB or an Arrow writer all
 * null). Columns are read in order, each fetched when first needed: the first cell that is not
 * blank (almost always the first column's) ends the check.
 */
export function blankByColumns(
  columns: readonly string[],
  column: (name: string) => (i: number) => unknown,
): (i: number) => boolean {
  const gets: ((i: number) => unknown)[] = [];
  return (i) => {
    for (let j = 0; j < columns.length; j++) {
      const v = (gets[j] ??= column(columns[j]))(i);
      if (v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '')) return false;
    }
    return true;
  };
}

/**
 * Whether `src` has a column without a name whose every cell is blank: the padding a trailing
 * delimiter makes (`incident_id,date,severity,` and `I1,2023-01-05,2,`, as Excel and report
 * writers leave it), which holds no data. Such a column is not "a column not read", nor a person
 * attribute. A column without a name that holds values (R's row names) is not padding.
 */
export function unnamedPadding(src: SourceTable): boolean {
  const at: number[] = [];
  src.columns.forEach((c, j) => {
    if (c === '') at.push(j);
  });
  if (at.length === 0) return false;
  const blank = (v: unknown) =>
    v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  if (src.cells !== undefined) {
    for (let i = 0; i < src.length; i++) {
      const cells = src.cells(i);
      for (const j of at) if (!blank(cells[j])) return false;
    }
    return true;
  }
  const get = src.column('');
  for (let i = 0; i < src.length; i++) if (!blank(get(i))) return false;
  return true;
}

/**
 * The columns of `src` that `unused` says no field read, without the padding of a trailing
 * delimiter ({@link unnamedPadding}).
 */
export function unread(src: SourceTable, unused: (c: string) => boolean): string[] {
  const cols = src.columns.filter(unused);
  return cols.includes('') && unnamedPadding(src) ? cols.filter((c) => c !== '') : cols;
}
