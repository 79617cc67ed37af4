import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromArrays } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { ingest, readParquet } from '../../src/ingest/index.js';
import { synthCity } from '../../src/synth/index.js';

// Columnar inputs (Arrow tables, Parquet files) must give exactly what rows of objects give:
// the same accepted records, the same rejected rows with the same reasons, the same counts.
const { data } = synthCity({ people: 400, seed: 7 });
const incidents = data.incidents.map(({ day: _day, ...rest }) => rest);
const involvements = data.involvements.map((v) => ({ ...v }));
// A few bad rows, so validation and accounting are exercised too.
involvements.push({ incident_id: 'NOPE', person_id: 'P-x', role: 'offender' } as never);
involvements.push({
  incident_id: incidents[0].incident_id,
  person_id: '',
  role: 'victim',
} as never);
involvements.push({
  incident_id: incidents[1].incident_id,
  person_id: 'P-y',
  role: 'bystander?',
} as never);

const columns = <T extends object>(rows: T[]) => {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    names.map((n) => [n, rows.map((r) => (r as Record<string, unknown>)[n] ?? null)]),
  ) as Record<string, unknown[]>;
};

const strip = (r: ReturnType<typeof ingest>) => ({
  data: r.data,
  summary: r.summary,
  rejected: r.rejected,
});

describe('columnar ingest', () => {
  const expected = strip(
    ingest({ incidents, involvements, people: data.people }, { now: '2030-01-01' }),
  );
  it('the sample has rejected rows, so accounting is compared too', () => {
    expect(expected.rejected.length).toBeGreaterThanOrEqual(3);
  });
  it('an Arrow table ingests exactly as rows of objects', () => {
    const arrow = (rows: object[]) => tableFromArrays(columns(rows));
    const got = ingest(
      {
        incidents: arrow(incidents),
        involvements: arrow(involvements),
        people: arrow(data.people),
      },
      { now: '2030-01-01' },
    );
    expect(strip(got)).toEqual(expected);
  });
  it('a Parquet file read with readParquet ingests exactly as rows of objects', async () => {
    const parquet = async (rows: object[]) =>
      readParquet(
        parquetWriteBuffer({
          columnData: Object.entries(columns(rows)).map(([name, data]) => ({ name, data })),
          rowGroupSize: 500, // several row groups
        }),
      );
    const got = ingest(
      {
        incidents: await parquet(incidents),
        involvements: await parquet(involvements),
        people: await parquet(data.people),
      },
      { now: '2030-01-01' },
    );
    expect(strip(got)).toEqual(expected);
  });
  it('readParquet reads only the columns asked for and refuses unknown options and columns', async () => {
    const file = parquetWriteBuffer({
      columnData: [
        { name: 'a', data: ['x', 'y'] },
        { name: 'b', data: [1, 2] },
      ],
    });
    const t = await readParquet(file, { columns: ['a'] });
    expect(t.columnNames()).toEqual(['a']);
    expect(t.array('a')).toEqual(['x', 'y']);
    await expect(readParquet(file, { column: ['a'] } as never)).rejects.toThrow(OptionError);
    await expect(readParquet(file, { columns: ['zz'] })).rejects.toThrow(/no column 'zz'/);
  });
  it("a File or Blob (a browser's upload) is refused saying to pass its bytes", async () => {
    const file = parquetWriteBuffer({ columnData: [{ name: 'a', data: ['x'] }] });
    for (const given of [new Blob([file]), new File([file], 'x.parquet')]) {
      await expect(readParquet(given as never)).rejects.toThrow(
        "readParquet needs the file's bytes (an ArrayBuffer or Uint8Array); got a File, Blob or Response: pass await file.arrayBuffer()",
      );
    }
    expect((await readParquet(await new Blob([file]).arrayBuffer())).array('a')).toEqual(['x']);
  });
});

describe('readParquet on files as exports write them', () => {
  // Written by DuckDB, as pandas, Spark and BigQuery write such files.
  const dir = mkdtempSync(join(tmpdir(), 'vc-parquet-'));
  const write = async (sql: string, name: string, options = '') => {
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    await con.run(`COPY (${sql}) TO '${join(dir, name)}' (FORMAT parquet${options})`);
    return readFileSync(join(dir, name));
  };
  const rows = `SELECT 'I' || CAST(i AS VARCHAR) AS incident_id, DATE '2021-03-01' + CAST(i AS INTEGER) AS date, 3 AS severity
FROM range(1, 4) r(i)`;

  it('a struct or list column is one column, and the others are read as without it', async () => {
    // Before: the leaves ('lat', 'lon', a list's 'element', a struct's own 'date') were taken
    // for columns, and readParquet threw "parquet column not found: lat".
    const nested = await write(
      `SELECT *, {'lat': 41.8, 'lon': -87.6, 'date': 'x'} AS loc, ['a', 'b'] AS codes FROM (${rows})`,
      'nested.parquet',
    );
    const t = await readParquet(nested);
    expect(t.columnNames()).toEqual(['incident_id', 'date', 'severity', 'loc', 'codes']);
    expect(t.array('codes')[0]).toEqual(['a', 'b']);
    const involvements = [
      { incident_id: 'I1', person_id: 'A', role: 'offender' },
      { incident_id: 'I2', person_id: 'B', role: 'victim' },
    ];
    const got = ingest({ incidents: t, involvements }, { now: '2030-01-01' });
    const flat = await readParquet(await write(rows, 'flat.parquet'));
    const want = ingest({ incidents: flat, involvements }, { now: '2030-01-01' });
    expect([got.data, got.rejected]).toEqual([want.data, want.rejected]);
    // The nested columns are reported as ignored, as any extra column is.
    expect(got.summary.ignoredColumns.incidents).toEqual(['loc', 'codes']);
    expect(got.data.incidents.map((x) => x.date)).toEqual([
      '2021-03-02',
      '2021-03-03',
      '2021-03-04',
    ]);
  });

  it('a codec it cannot decode (ZSTD: Polars writes it by default) is named, with the way to rewrite the file', async () => {
    const zstd = await write(rows, 'zstd.parquet', ', COMPRESSION zstd');
    // Before: hyparquet's 'parquet unsupported compression codec: ZSTD'.
    await expect(readParquet(zstd)).rejects.toThrow(
      /readParquet: column 'incident_id' is compressed with ZSTD, which readParquet cannot decode.*COMPRESSION snappy/,
    );
    // A column not asked for is not decoded, so its codec does not matter.
    expect(
      (await readParquet(await write(rows, 'snappy.parquet', ', COMPRESSION snappy'))).numRows(),
    ).toBe(3);
  });
});
