import type { ColumnTable } from 'arquero';
import { csvParseRows } from 'd3';
import { leadingNotes } from '../core/csv.js';
import { type ArrowTableLike, fromArrow, isArrowTable } from './columnar.js';

/** The three canonical tables. */
export type TableName = 'incidents' | 'involvements' | 'people';

/**
 * One input table: an array of row objects, an arquero table, an Apache Arrow table, or text — CSV with a header row,
 * or JSON (an array of row objects) when it starts with `[`.
 */
export type TableInput = readonly object[] | ColumnTable | ArrowTableLike | string;

/** A table as ingest reads it: column names and a fast accessor per column. */
export interface SourceTable {
  /** Column names as found (trimmed), in source order. */
  columns: string[];
  /** Rows, including blank CSV lines. */
  length: number;
  /** Accessor of one column; `undefined` for a row that lacks it. */
  column(name: string): (i: number) => unknown;
  /** True for a blank CSV line (skipped and counted apart, never read as a row). */
  blank(i: number): boolean;
  /**
   * The non-empty cells of a CSV line beyond the header's columns (joined by `,`), which no
   * column can read (an unquoted comma, usually); `undefined` when there are none.
   */
  surplus?(i: number): string | undefined;
}

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

const never = () => false;

/** Reads an array of row objects; columns are the union of the rows' own keys, first seen first. */
export function fromObjects(rows: readonly unknown[]): SourceTable {
  const seen = new Set<string>();
  for (const r of rows) {
    if (typeof r !== 'object' || r === null) continue;
    for (const k in r) if (!seen.has(k)) seen.add(k);
  }
  return {
    columns: [...seen],
    length: rows.length,
    column: (name) => (i) => {
      const r = rows[i] as Record<string, unknown> | null;
      return typeof r === 'object' && r !== null ? r[name] : undefined;
    },
    blank: never,
  };
}

function fromArquero(t: ColumnTable): SourceTable {
  const columns = t.columnNames();
  return {
    columns,
    length: t.numRows(),
    column: (name) => {
      // `array` respects any filter or order on the table.
      const values = t.array(name) as ArrayLike<unknown>;
      return (i) => values[i];
    },
    blank: never,
  };
}

function fromCsv(text: string): SourceTable {
  // The purpose label and notes this library writes at the head of its own CSV files.
  text = text.slice(leadingNotes(text).end);
  const rows = csvParseRows(text);
  const header = rows.length ? rows[0].map((c) => c.trim()) : [];
  return {
    columns: header,
    length: Math.max(0, rows.length - 1),
    column: (name) => {
      const j = header.indexOf(name);
      return (i) => rows[i + 1][j];
    },
    blank: (i) => {
      const r = rows[i + 1];
      return r.length === 1 && r[0].trim() === '';
    },
    surplus: (i) => {
      const r = rows[i + 1];
      if (r.length <= header.length) return undefined;
      const extra = r.slice(header.length);
      return extra.some((c) => c.trim() !== '') ? extra.join(',') : undefined;
    },
  };
}

/**
 * Parses JSON text for a table. Throws a `TypeError` naming the table when the text is not
 * valid JSON: no row of it could be read.
 */
export function parseJsonText(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TypeError(
      `${name} looks like JSON (it starts with '${text.trim()[0]}') but cannot be parsed: ${(e as Error).message}`,
    );
  }
}

/**
 * A CSV header naming one column twice would leave the second never read; that is an error about
 * the whole file (no row can be trusted to be read as meant), so it throws in lenient mode too.
 */
function assertUniqueColumns(columns: readonly string[], name: TableName): void {
  const first = new Map<string, number>();
  columns.forEach((c, j) => {
    if (c === '') return;
    const at = first.get(c);
    if (at !== undefined) {
      throw new Error(
        `${name} has the column '${c}' twice in its header (columns ${at + 1} and ${j + 1}); ` +
          'rename or remove one so that every column is read',
      );
    }
    first.set(c, j);
  });
}

/** Turns any {@link TableInput} into a {@link SourceTable}; throws a `TypeError` for anything else. */
export function readSource(input: unknown, name: TableName): SourceTable {
  if (typeof input === 'string') {
    const head = input.trimStart()[0];
    if (head === '[' || head === '{') return readSource(parseJsonText(input, name), name);
    const table = fromCsv(input);
    assertUniqueColumns(table.columns, name);
    return table;
  }
  if (Array.isArray(input)) return fromObjects(input);
  if (isArqueroTable(input)) return fromArquero(input);
  if (isArrowTable(input)) return fromArrow(input);
  const what = input === null ? 'null' : typeof input;
  throw new TypeError(
    `${name} must be an array of row objects, an arquero table, or CSV/JSON text; got ${what}`,
  );
}
