/**
 * Arrow tables as ingest input (arquero's own format, from `@uwdata/flechette` or
 * `apache-arrow`), duck-typed: this module imports neither arquero nor an Arrow library, so
 * `ingest` does not bring them into a browser bundle. Columns are read as whole arrays: no
 * object is built per row.
 */
import { IngestError } from './ingest-error.js';
import { blankByColumns, type SourceTable } from './table-shape.js';

/** What an Arrow table exposes (flechette's and apache-arrow's `Table` both fit). */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: {
    readonly fields: readonly {
      name: string;
      type: {
        typeId: number;
        timezone?: string | null;
        /** The value type of a dictionary-encoded column (typeId -1). */
        dictionary?: { typeId: number; timezone?: string | null };
      };
    }[];
  };
  getChild(name: string): { toArray(): ArrayLike<unknown> } | null;
}

/** An Arrow field's type (flechette's and apache-arrow's `DataType`), as far as ingest reads it. */
type ArrowTypeLike = ArrowTableLike['schema']['fields'][number]['type'];

/** Arrow type id of a dictionary-encoded column (flechette's and apache-arrow's). */
const ARROW_DICTIONARY = -1;
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
 * How a cell of an Arrow date or timestamp column (epoch milliseconds, or a `Date`) is read, or `null` for
 * other columns; a dictionary-encoded column is read by its values' type. Dates are `Date`s at midnight UTC (plain dates, as a `Date` cell). A timestamp
 * with a zone is an instant: ISO text with `Z`, so that its time is kept even at midnight UTC and
 * `timeZone` turns it into local time. A timestamp without a zone is a wall-clock time: ISO text
 * without `Z` (taken as local time already, as such text is), a plain date at midnight (how
 * date-only columns are written as timestamps, by pandas for one). @internal
 */
export function arrowDateCell(field: ArrowTypeLike): ((v: unknown) => unknown) | null {
  // A dictionary of dates (or timestamps) holds the values the column would hold.
  const type =
    field.typeId === ARROW_DICTIONARY && field.dictionary !== undefined ? field.dictionary : field;
  if (type.typeId !== ARROW_DATE && type.typeId !== ARROW_TIMESTAMP) return null;
  const zoned = type.typeId === ARROW_TIMESTAMP && !!type.timezone;
  const naive = type.typeId === ARROW_TIMESTAMP && !type.timezone;
  return (v) => {
    // A reader may give `Date`s (flechette's `useDate`): read by the column's type all the same.
    const ms =
      typeof v === 'number'
        ? v
        : typeof v === 'bigint'
          ? Number(v)
          : v instanceof Date
            ? v.getTime()
            : Number.NaN;
    if (!Number.isFinite(ms)) return v;
    // A `Date` off midnight UTC is read as an instant already: text only where it would not be.
    if (ms % 86_400_000 === 0) return zoned ? new Date(ms).toISOString() : asDate(v, ms);
    return naive ? new Date(ms).toISOString().slice(0, -1) : asDate(v, ms);
  };
}

/** `v` when it is the `Date` already (a Parquet cell), else a new one. */
const asDate = (v: unknown, ms: number) => (v instanceof Date ? v : new Date(ms));

/**
 * The date and timestamp types of the columns of tables `readParquet` made (an arquero table
 * carries no column types), so that ingest reads their cells by type as Arrow's. A table derived
 * from one (filtered, joined…) is not here: its `Date` cells follow the per-value rule. @internal
 */
export const columnTypes: WeakMap<
  object,
  Map<string, { typeId: number; timezone?: string | null }>
> = new WeakMap();

/** The cell reader of a column of a table `readParquet` made, or `null`. @internal */
export const typedColumn = (table: object, name: string) => {
  const type = columnTypes.get(table)?.get(name);
  return type ? arrowDateCell(type) : null;
};

/**
 * The values of an Arrow column (`child.toArray()`). flechette, unless the table was read with
 * `useBigInt: true`, gives Int64 columns as numbers and throws on a value above 2^53 − 1 (which
 * no number holds exactly) with a message naming neither table nor column: that failure becomes
 * an {@link IngestError} (code `bigint-column`) naming both and the remedy. @internal
 */
export function arrowValues(
  child: { toArray(): ArrayLike<unknown> },
  table: string,
  column: string,
): ArrayLike<unknown> {
  let values: ArrayLike<unknown>;
  try {
    values = child.toArray();
  } catch (e) {
    const m = /BigInt exceeds integer number representation: (-?\d+)/.exec(
      String((e as Error)?.message),
    );
    if (!m) throw e;
    throw new IngestError(
      'bigint-column',
      table,
      `${table}: column '${column}' holds the 64-bit integer ${m[1]}, above 2^53 − 1, which the Arrow reader ` +
        'cannot give exactly as a number (ids would merge); read the table with tableFromIPC(bytes, { useBigInt: true }), ' +
        'which keeps such integers exact, or export the column as text',
    );
  }
  // apache-arrow's toArray gives a number column's buffer as it is, whatever its validity
  // bitmap says (a null severity, coordinate or birth year read 0), and a timestamp column as
  // BigInt counts of its unit (microseconds read as milliseconds, and a null as 1970-01-01).
  // Its vectors iterate the cells as they are: nulls as null, timestamps in milliseconds.
  // flechette gives an array with nulls, and timestamps in milliseconds, already.
  const c = child as {
    nullCount?: number;
    type?: { typeId?: number };
    [Symbol.iterator]?: unknown;
  };
  if (
    ArrayBuffer.isView(values) &&
    ((c.nullCount ?? 0) > 0 ||
      (c.type?.typeId === ARROW_TIMESTAMP && values instanceof BigInt64Array)) &&
    typeof c[Symbol.iterator] === 'function'
  ) {
    return Array.from(child as unknown as Iterable<unknown>);
  }
  return values;
}

/**
 * An Arrow table as ingest reads it: each column decoded once into an array (typed arrays for
 * numbers), date and timestamp cells read by {@link arrowDateCell}.
 */
export function fromArrow(table: ArrowTableLike, tableName: string): SourceTable {
  const fields = table.schema.fields;
  const columns = fields.map((f) => f.name);
  // Each column decoded once, whether the reader or the blank-row check asks first.
  const decoded = new Map<string, (i: number) => unknown>();
  const column = (name: string): ((i: number) => unknown) => {
    let get = decoded.get(name);
    if (get) return get;
    const child = table.getChild(name);
    if (!child) get = () => undefined;
    else {
      const values = arrowValues(child, tableName, name);
      const field = fields.find((f) => f.name === name);
      const date = field ? arrowDateCell(field.type) : null;
      get = date ? (i) => date(values[i]) : (i) => values[i];
    }
    decoded.set(name, get);
    return get;
  };
  return { columns, length: table.numRows, column, blank: blankByColumns(columns, column) };
}
