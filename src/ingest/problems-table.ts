import { table } from 'arquero';
import type { RowProblem } from '../core/errors.js';

/**
 * One row of the {@link problemsTable} table, one per rejected input row, as
 * `problemsTable(rejected).objects() as ProblemsTableRow[]` reads it: a {@link RowProblem} with
 * `line` null where the problem has none.
 */
export interface ProblemsTableRow {
  /** Which input table: `incidents`, `involvements` or `people`. */
  table: 'incidents' | 'involvements' | 'people';
  /** 1-based row number in that table as read (the header is not counted). */
  row: number;
  /** The field at fault (after column mapping), or `''` for a whole-row problem. */
  field: string;
  /** The offending value as text. */
  value: string;
  /** A sentence a person can act on, e.g. "date '31/02/2021' is not a valid date". */
  reason: string;
  /** The file line of CSV or JSON Lines input where the row starts (1-based); null for other inputs. */
  line: number | null;
}

/**
 * The rejected rows of an ingest as an arquero table with columns `table`, `row`, `field`,
 * `value`, `reason`, `line` (the file line of CSV or JSON Lines input, else `null`) (one row per
 * rejected input row, in the order given: {@link ProblemsTableRow}), ready to print or save as CSV
 * for the data owner.
 *
 * @example
 * const { rejected } = ingest(input, options);
 * console.log(problemsTable(rejected).toMarkdown());
 */
export function problemsTable(rejected: readonly RowProblem[]) {
  return table({
    table: rejected.map((p) => p.table),
    row: rejected.map((p) => p.row),
    field: rejected.map((p) => p.field),
    value: rejected.map((p) => p.value),
    reason: rejected.map((p) => p.reason),
    line: rejected.map((p) => p.line ?? null),
  });
}
