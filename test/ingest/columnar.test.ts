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
});
