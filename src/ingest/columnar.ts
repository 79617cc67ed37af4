/**
 * Parquet files for ingest (read with hyparquet, pure JS, so it works in the browser too), column
 * by column: no object is built per row, and ingest validates and counts rows exactly as for any
 * other table. Arrow tables are read by `./arrow.ts`; this module is kept apart from ingest
 * (it needs arquero, and hyparquet is loaded only when a Parquet file is read).
 */
import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { checkOptions } from '../core/options.js';
import { columnTypes } from './arrow.js';

/** Options of {@link readParquet}. */
export interface ReadParquetOptions {
  /** Columns to read (others are skipped without decoding). Default: all. */
  columns?: string[];
}

/**
 * Reads a Parquet file into an arquero table, column by column (hyparquet; no object per row).
 * Pass the result to `ingest` like any table (arquero tables are validated row by row; Arrow
 * tables column by column). hyparquet decodes in JavaScript, so on a large file (millions of
 * rows) the read costs as much as the ingest; Arrow IPC reads far faster. `file` is the file's bytes (in Node,
 * `readFileSync(path)`; in a browser, `await file.arrayBuffer()`). Dates and timestamps come as
 * `Date`s; `ingest` reads them by the file's column types (a timestamp adjusted to UTC is an
 * instant, one not adjusted is local wall-clock time) when given this table itself, not one
 * derived from it. A struct or list column is one column (of objects or arrays). Pages compressed
 * with Snappy or none (the default of pandas, pyarrow, DuckDB and Spark) are read; another codec
 * (ZSTD, Polars' default; GZIP…) is refused, naming it and how to rewrite the file.
 *
 * @example
 * const involvements = await readParquet(readFileSync('exports/involvements.parquet'));
 * const { data } = ingest({ incidents, involvements });
 */
export async function readParquet(
  file: ArrayBuffer | Uint8Array,
  options: ReadParquetOptions = {},
): Promise<ColumnTable> {
  checkOptions('readParquet', options, {
    columns: (v) =>
      Array.isArray(v) && v.every((c) => typeof c === 'string') ? undefined : 'an array of names',
  });
  if (!(file instanceof ArrayBuffer || file instanceof Uint8Array)) {
    throw new TypeError(
      `readParquet needs the file's bytes (an ArrayBuffer or Uint8Array); got ${
        typeof (file as Blob | null)?.arrayBuffer === 'function'
          ? 'a File, Blob or Response: pass await file.arrayBuffer()'
          : file === null
            ? 'null'
            : typeof file
      }`,
    );
  }
  const buffer =
    file instanceof ArrayBuffer
      ? file
      : (file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  // Loaded on first use: a bundle (or an Observable notebook) that never reads Parquet skips it.
  const { parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  const metadata = await parquetMetadataAsync(buffer);
  // The top-level columns: a struct or list column is one column (its leaves, 'lat' of a struct
  // or a list's 'element', are no columns of the table: asked for, they threw 'column not found').
  const top = parquetSchema(metadata).children.map((c) => c.element);
  const names = top.map((s) => s.name);
  const wanted = options.columns ?? names;
  const missing = wanted.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new Error(
      `readParquet: the file has no column ${missing.map((c) => `'${c}'`).join(', ')}; it has ${names.join(', ')}`,
    );
  }
  // hyparquet decodes Snappy and uncompressed pages only: any other codec is named up front.
  for (const g of metadata.row_groups) {
    for (const { meta_data: m } of g.columns) {
      if (m && !/^(SNAPPY|UNCOMPRESSED)$/.test(m.codec) && wanted.includes(m.path_in_schema[0])) {
        throw new Error(
          `readParquet: column '${m.path_in_schema[0]}' is compressed with ${m.codec}, which readParquet cannot decode (Snappy or none); ` +
            `write the file with Snappy, e.g. duckdb -c "COPY (FROM 'in.parquet') TO 'out.parquet' (COMPRESSION snappy)"`,
        );
      }
    }
  }
  const rows = Number(metadata.num_rows);
  const chunks = new Map<string, { start: number; data: ArrayLike<unknown> }[]>();
  for (const c of wanted) chunks.set(c, []);
  await parquetRead({
    file: buffer,
    metadata,
    columns: wanted,
    onChunk: ({ columnName, columnData, rowStart }) => {
      chunks.get(columnName)?.push({ start: rowStart, data: columnData });
    },
  });
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const [name, parts] of chunks) {
    parts.sort((a, b) => a.start - b.start);
    if (parts.length === 1 && parts[0].start === 0 && parts[0].data.length === rows) {
      columns[name] = parts[0].data;
      continue;
    }
    const numeric = parts.every((p) => p.data instanceof Float64Array);
    const out: unknown[] | Float64Array = numeric ? new Float64Array(rows) : new Array(rows);
    for (const p of parts) {
      const n = Math.min(p.data.length, rows - p.start);
      for (let i = 0; i < n; i++) (out as unknown[])[p.start + i] = p.data[i];
    }
    columns[name] = out;
  }
  // A DATE column with the logical type alone: hyparquet gives its day numbers (it makes `Date`s
  // only with the converted type); they are dates, made so here (as the converted type's are).
  for (const s of top) {
    const values = columns[s.name];
    if (values && s.logical_type?.type === 'DATE' && s.converted_type !== 'DATE') {
      columns[s.name] = Array.from(values, (v) =>
        typeof v === 'number' ? new Date(v * 86_400_000) : v,
      );
    }
  }
  const table = aq.table(columns as Record<string, unknown[]>);
  // Dates and timestamps, which hyparquet gives as `Date`s, are read by ingest by their type, as
  // Arrow's (arrowDateCell): a timestamp adjusted to UTC (and the legacy TIMESTAMP_* types) is an
  // instant, midnight UTC included; one not adjusted is local wall-clock time.
  const types = new Map<string, { typeId: number; timezone?: string | null }>();
  for (const s of top) {
    const t = s.logical_type;
    // hyparquet gives `Date`s for DATE only with the converted type; with the logical type alone
    // it gives the day numbers, which a typed reading would take for milliseconds (1970).
    if (s.converted_type === 'DATE') types.set(s.name, { typeId: 8 });
    else if (t?.type === 'TIMESTAMP')
      types.set(s.name, { typeId: 10, timezone: t.isAdjustedToUTC ? 'UTC' : null });
    else if (s.converted_type === 'TIMESTAMP_MILLIS' || s.converted_type === 'TIMESTAMP_MICROS')
      types.set(s.name, { typeId: 10, timezone: 'UTC' });
  }
  if (types.size > 0) columnTypes.set(table, types);
  return table;
}
