/** Why a whole input file or table could not be read as meant. */
export type IngestErrorCode =
  /** A quote opened a cell and never closed: the rest of the file would be swallowed into it. */
  | 'unbalanced-quote'
  /** The header names one column twice. */
  | 'duplicate-column'
  /** The text is not UTF-8 and no `encoding` was given (or holds a NUL character). */
  | 'encoding'
  /** The file is not text but a workbook (`.xlsx`, `.xls`), a Parquet, Arrow or compressed file. */
  | 'not-text'
  /** A flat table (one row per person per incident) passed as `incidents`: pass it as `involvements`. */
  | 'flat-table'
  /** JSON text (a `.json` file) is not valid JSON: `line` is where the parser stopped. */
  | 'json'
  /** A line of a JSON Lines file is not valid JSON, or not one object. */
  | 'json-line'
  /**
   * JSON text (a `.json` file) is valid JSON but not an array of rows: an object (an API's
   * `{ "data": […] }`, whose rows the message names) or a single value.
   */
  | 'json-rows'
  /**
   * An Arrow column holds a 64-bit integer the reader cannot give as a number exactly (flechette
   * without `useBigInt`): read the table with `useBigInt: true`, or export the column as text.
   */
  | 'bigint-column'
  /**
   * The severity column is evidently on another scale than 0–4 (a 1–5 grade, labels such as
   * 'High', or graded the other way up against the offences): give `severityLevels`.
   */
  | 'severity-scale';

/**
 * Thrown (in lenient mode too) when a table cannot be read as meant as a whole: no row of it can
 * be trusted, so no row is returned. `code` is stable; `line` is the 1-based physical line of
 * the file (the header is line 1) where the problem is, when there is one; the message says what
 * to do.
 */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  /** `incidents`, `involvements`, `people`, or a file name. */
  readonly table: string;
  /** 1-based physical line (counting the header and any label lines), when known. */
  readonly line: number | undefined;
  constructor(code: IngestErrorCode, table: string, message: string, line?: number) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
    this.table = table;
    this.line = line;
  }
}
