// The shapes of ingest's input and result, apart from ingest.ts so that its columnar path
// (column-ingest.ts) can build the same result without importing ingest.ts.
import type { RowProblem } from '../core/errors.js';
import type { Dataset } from '../core/types.js';
import type { CanonicalField } from './options.js';
import type { TableInput, TableName } from './source-table.js';

/**
 * What {@link ingest} reads. Long form: `incidents` + `involvements` (+ `people`). Nested form:
 * `incidents` alone, each with a `people` list of `{ person_id, role }` (an array, or JSON text
 * of one), given as objects, an arquero table or JSON text. Flat form: `involvements` alone, one
 * row per person per incident with the incident's columns (date, offence, severity, …) repeated
 * on each row; the rows of one incident are read as the long form's repeated incident rows (one
 * incident when they differ only in time of day, severity, offence, area, coordinates or a
 * weapon one row alone gives, with a warning; rejected, with the lines and values that differ,
 * when they disagree about the day or give two weapons). A flat table passed as `incidents` is
 * refused
 * (`IngestError`, code `flat-table`) with how to pass it.
 */
export interface IngestInput {
  /** One row per incident (long and nested forms). Omit it for the flat form. */
  incidents?: TableInput;
  involvements?: TableInput;
  people?: TableInput;
}

/** Row accounting of one table. `accepted + rejected === read`, always. */
export interface TableCounts {
  /** Rows read (blank CSV lines, and rows of other inputs whose every cell is empty, are not rows). */
  read: number;
  accepted: number;
  rejected: number;
  /** Blank CSV lines, and rows whose every cell is empty text, spaces, null or undefined, skipped (not counted in `read`). */
  blank: number;
  /**
   * Physical lines after the header (CSV text; for other inputs, the rows). Every line is
   * accounted for: `read + blank + multiLine === lines`, always.
   */
  lines: number;
  /**
   * Extra physical lines taken by rows with a quoted cell that spans lines (a line break inside
   * quotes); a warning names the rows when there are any.
   */
  multiLine: number;
}

/** What {@link ingest} did, for the data owner: counts, the columns used and those left out. */
export interface IngestSummary {
  /**
   * `long` (separate involvements table), `nested` (a `people` list per incident) or `flat`
   * (involvements alone with incident columns on each row; `tables.incidents` then counts the
   * incidents found in it, one per id, and lines there are those incidents).
   */
  form: 'long' | 'nested' | 'flat';
  tables: Record<TableName, TableCounts>;
  /** Rows read over all tables (= `accepted + rejected`, always). */
  read: number;
  /** Rows accepted over all tables. */
  accepted: number;
  /** Rows rejected over all tables; each has an entry in `rejected`. */
  rejected: number;
  /** Sums over the three tables (the same three numbers). */
  totals: { read: number; accepted: number; rejected: number };
  /** The source column used for each canonical field, per table. */
  columns: Record<TableName, Partial<Record<CanonicalField, string>>>;
  /**
   * Source columns not read at all, per table (people columns are never ignored: they become
   * audit columns or attributes).
   */
  ignoredColumns: Record<TableName, string[]>;
  /** People columns carried only for audits (protected or declared `auditOnly`). */
  auditColumns: string[];
  /** Other people columns, carried in `Person.attributes` (usable as model covariates). */
  attributeColumns: string[];
  /** Accepted incidents whose severity was derived from the offence (none was given). */
  severityDerived: number;
  /** Weapon texts no synonym matched, kept as `other`, with their counts. */
  weaponsReadAsOther: Record<string, number>;
  /** True when person ids were replaced by keyed pseudonyms. */
  pseudonymised: boolean;
  /**
   * People columns read as ordinary attributes although their names match a protected
   * characteristic, because `allowAttribute` names them (the logged override), with the
   * characteristic each matched.
   */
  allowedAttributes: { column: string; attribute: string }[];
  /** Plain-language warnings about the data as read (overrides used, …); `[]` when none. */
  warnings: string[];
}

/** The result of {@link ingest}. */
export interface IngestResult {
  /** The accepted records in canonical form, in input order. */
  data: Dataset;
  /** One entry per rejected row, by table (incidents, involvements, people) then row. */
  rejected: RowProblem[];
  summary: IngestSummary;
}
