/**
 * The warning for involvement rows left out for an empty incident id right below a row that has
 * one: a report that prints an incident's id on its first row only, or cells merged in Excel and
 * saved as CSV, leaves the id cell of the incident's other rows empty. Each such row is rejected
 * ("incident id is empty"), which alone does not say why a whole export lost half its people.
 * @internal
 */

import type { RowProblem } from '../core/errors.js';
import { count } from '../core/plural.js';

const EMPTY_ID = 'incident id is empty';

/**
 * `undefined` unless involvement rows were rejected for an empty incident id and at least two of
 * them come right after a row that was not (so the id column is not empty throughout, and one
 * empty id alone is not taken for the pattern).
 */
export function fillDownWarning(rejected: readonly RowProblem[]): string | undefined {
  const empty = new Set<number>();
  for (const p of rejected) {
    if (p.table === 'involvements' && p.field === 'incident_id' && p.reason === EMPTY_ID) {
      empty.add(p.row);
    }
  }
  if (empty.size < 2) return undefined;
  const below = [...empty].filter((r) => r > 1 && !empty.has(r - 1)).sort((a, b) => a - b);
  // One empty id is a slip; the pattern is one for each incident of two or more.
  if (below.length < 2) return undefined;
  // Named by row, which every input form has (CSV text, rows, Arrow), so all say the same.
  return (
    `involvements: ${count(empty.size, 'row')} left out for an empty incident id, the first (row ${below[0]}) right below a row that has one: ` +
    "an export that gives an incident's id on its first row only, or cells merged in Excel? Fill the id down to the incident's other rows before ingest"
  );
}
