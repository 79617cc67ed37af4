/**
 * Thrown (in lenient mode too) when a table lacks a column every row needs, so no row of it
 * could be read. The message names the column, the columns that are there, and the `mapping`
 * entry that fixes it.
 */
export class MissingColumnError extends Error {
  /** `incidents`, `involvements` or `people`. */
  readonly table: string;
  /** The canonical field that could not be found, e.g. `incident_id`. */
  readonly field: string;
  /** The columns the table does have. */
  readonly columns: readonly string[];
  constructor(
    table: string,
    field: string,
    columns: readonly string[],
    mapped?: string,
    hint = '',
  ) {
    const have = columns.length ? columns.map((c) => `'${c}'`).join(', ') : 'no columns at all';
    const what = mapped
      ? `has no column '${mapped}' (mapping.${field})${hint}`
      : `has no '${field}' column${hint}`;
    super(
      `${table} ${what}; its columns are ${have}. ` +
        `If the ${field} is in another column, map it: ingest(input, { mapping: { ${field}: '<column name>' } }).`,
    );
    this.name = 'MissingColumnError';
    this.table = table;
    this.field = field;
    this.columns = columns;
  }
}
