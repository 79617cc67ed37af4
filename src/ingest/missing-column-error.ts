import { closestName } from '../core/options.js';

const OTHER_DELIMITERS: readonly [string, string][] = [
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'pipe'],
];

/** Cells quoted for a message, the first eight and a count of the rest. */
function shown(cells: readonly string[]): string {
  const head = cells.slice(0, 8).map((c) => `'${c}'`);
  if (cells.length > 8) head.push(`… (${cells.length} in all)`);
  return head.join(', ');
}

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
  /**
   * Set when a column name holds another delimiter (`;`, tab or `|`): the file mixes delimiters,
   * and the message says to save it with one instead of mapping a column.
   */
  readonly delimiter: string | undefined;
  /**
   * The column whose name is closest to the one looked for (`'dat'` for `date`, `'Date of
   * Offence'` for a mapping to `'Date of Ofence'`), when one is close enough to be a typo.
   */
  readonly closest: string | undefined;
  /**
   * CSV text only: the physical line (from 1) of a row below the first that names the column, as
   * a header does: the file has lines above its header (a report's title, run date or filters),
   * and the message says to delete them instead of mapping a column.
   */
  readonly headerLine: number | undefined;
  constructor(
    table: string,
    field: string,
    columns: readonly string[],
    mapped?: string,
    hint = '',
    /** False when the table came parsed (rows, arquero, Arrow), not as text `ingest` split. */
    text = true,
    /** A row below the first that names the column (CSV text): its line and cells. */
    header?: { line: number; cells: readonly string[] },
  ) {
    // A column named close to the one looked for (the field, or the mapping's column): named.
    const closest = closestName(
      mapped ?? field,
      columns.filter((c) => c !== '' && c !== mapped),
    );
    const have = columns.length ? columns.map((c) => `'${c}'`).join(', ') : 'no columns at all';
    const what = mapped
      ? `has no column '${mapped}' (mapping.${field})${hint}`
      : `has no '${field}' column${hint}`;
    // A column name holding another delimiter: the header and the rows disagree on the delimiter
    // (a mapping cannot fix that).
    const mixed = columns.find((c) => OTHER_DELIMITERS.some(([d]) => c.includes(d)));
    const other = mixed ? OTHER_DELIMITERS.find(([d]) => mixed.includes(d))! : undefined;
    const above = header && header.line - 1;
    super(
      header && above
        ? `${table} ${what}; its columns are ${have}. Line ${header.line} reads as the header (${shown(header.cells)}): ${
            above === 1
              ? 'the line above it (a report title?) is not part of the table. Delete it'
              : `the ${above} lines above it (a report title?) are not part of the table. Delete them`
          }, so that the header is the first line, and read the file again; a column mapping will not fix this.`
        : mixed && other
          ? `${table} ${what}; its columns are ${have}. The column '${mixed}' holds ${other[1]}s: ${
              text
                ? `the table looks ${other[1]}-separated, but its header line also has a comma, so it was read as comma-separated. Save the file with one delimiter throughout (${other[1]}s only, or commas only, with any comma inside a cell quoted)`
                : `the rows were parsed as comma-separated from ${other[1]}-separated text. Give ingest the text (it finds the delimiter), or parse it with its delimiter (d3.dsvFormat('${other[0] === '\t' ? '\\t' : other[0]}'))`
            }; a column mapping will not fix this.`
          : `${table} ${what}; its columns are ${have}. ` +
            (closest !== undefined
              ? `If the ${field} is in '${closest}' (the closest column name), map it: ingest(input, { mapping: { ${field}: '${closest}' } }).`
              : columns.includes('') && mapped === undefined
                ? `If the ${field} is in the column without a name (R's write.csv writes one for row names), map it: ingest(input, { mapping: { ${field}: '' } }).`
                : `If the ${field} is in another column, map it: ingest(input, { mapping: { ${field}: '<column name>' } }).`),
    );
    this.delimiter = header ? undefined : other?.[0];
    this.headerLine = header?.line;
    this.closest = closest;
    this.name = 'MissingColumnError';
    this.table = table;
    this.field = field;
    this.columns = columns;
  }
}
