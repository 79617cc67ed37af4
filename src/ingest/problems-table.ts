import { table } from 'arquero';
import type { RowProblem } from '../core/errors.js';

/**
 * The rejected rows of an ingest as an arquero table with columns `table`, `row`, `field`,
 * `value`, `reason`, `line` (the file line of CSV or JSON Lines input, else `null`) (one row per rejected input row, in the order given), ready to print or
 * save as CSV for the data owner.
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
