/**
 * Arrow tables as ingest input (arquero's own format, from `@uwdata/flechette` or
 * `apache-arrow`), duck-typed: this module imports neither arquero nor an Arrow library, so
 * `ingest` does not bring them into a browser bundle. Columns are read as whole arrays: no
 * object is built per row.
 */
import type { SourceTable } from './table-shape.js';

/** What an Arrow table exposes (flechette's and apache-arrow's `Table` both fit). */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { name: string; type: { typeId: number } }[] };
  getChild(name: string): { toArray(): ArrayLike<unknown> } | null;
}

/** Arrow type ids of dates and timestamps (read by Arrow libraries as epoch milliseconds). */
const ARROW_DATE = 8;
const ARROW_TIMESTAMP = 10;

/** True for an Apache Arrow table (duck-typed: flechette and apache-arrow tables). */
export function isArrowTable(x: unknown): x is ArrowTableLike {
  const t = x as ArrowTableLike;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof t.numRows === 'number' &&
    typeof t.getChild === 'function' &&
    Array.isArray(t.schema?.fields)
  );
}

/**
 * An Arrow table as ingest reads it: each column decoded once into an array (typed arrays for
 * numbers). Date and timestamp columns, which Arrow readers give as epoch milliseconds, are read
 * as instants (a `Date` made only for the cell being read), as ingest reads a `Date` cell.
 */
export function fromArrow(table: ArrowTableLike): SourceTable {
  const fields = table.schema.fields;
  const dateLike = new Set(
    fields
      .filter((f) => f.type.typeId === ARROW_DATE || f.type.typeId === ARROW_TIMESTAMP)
      .map((f) => f.name),
  );
  return {
    columns: fields.map((f) => f.name),
    length: table.numRows,
    column: (name) => {
      const child = table.getChild(name);
      if (!child) return () => undefined;
      const values = child.toArray();
      if (dateLike.has(name)) {
        return (i) => {
          const v = values[i];
          if (typeof v === 'number') return new Date(v);
          if (typeof v === 'bigint') return new Date(Number(v));
          return v;
        };
      }
      return (i) => values[i];
    },
    blank: () => false,
  };
}
