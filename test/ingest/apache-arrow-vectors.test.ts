// apache-arrow's Table (not flechette's) as ingest input. Its Vector.toArray() gives a number
// column's buffer as it is, whatever the validity bitmap says (a null cell reads 0), and a
// timestamp column as a BigInt64Array of counts of its unit; iterating the vector gives the
// cells (null for null, timestamps in milliseconds). The stand-in below reproduces what
// apache-arrow 21.2.0 gives for these columns (measured: vectorFromArray([1, null, 3],
// new Float64()).toArray() is Float64Array [1, 0, 3]; a TimestampMicrosecond vector of
// 2023-01-02T10:00Z gives BigInt64Array [1672653600000000n]).
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';

type Cell = number | bigint | string | null;
/** An apache-arrow-like vector: toArray ignores nulls (typed arrays), iteration does not. */
function vector(typeId: number, cells: Cell[], raw: () => ArrayLike<unknown>, extra = {}) {
  return {
    type: { typeId, ...extra },
    length: cells.length,
    nullCount: cells.filter((c) => c === null).length,
    toArray: raw,
    [Symbol.iterator]: () => cells[Symbol.iterator](),
  };
}
const float64 = (cells: (number | null)[]) =>
  vector(3, cells, () => Float64Array.from(cells, (c) => c ?? 0));
const int32 = (cells: (number | null)[]) =>
  vector(2, cells, () => Int32Array.from(cells, (c) => c ?? 0));
const utf8 = (cells: (string | null)[]) => vector(5, cells, () => [...cells]);
/** TimestampMicrosecond without a zone: iteration gives ms, toArray BigInt µs. */
const timestampMicros = (ms: (number | null)[]) =>
  vector(10, ms, () => BigInt64Array.from(ms, (c) => BigInt(c ?? 0) * 1000n), {
    unit: 2,
    timezone: null,
  });
function table(columns: Record<string, ReturnType<typeof vector>>) {
  const names = Object.keys(columns);
  return {
    numRows: columns[names[0]].length,
    schema: { fields: names.map((name) => ({ name, type: columns[name].type })) },
    getChild: (name: string) => columns[name] ?? null,
  };
}

const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
const incidents = () =>
  table({
    incident_id: utf8(['I1', 'I2', 'I3']),
    date: timestampMicros([day('2023-01-02'), day('2023-01-05'), null]),
    offence: utf8(['murder', 'assault', 'assault']),
    severity: int32([null, 1, 1]),
    lat: float64([null, 51.5, 51.5]),
  });
const involvements = () =>
  table({
    incident_id: utf8(['I1', 'I1', 'I2', 'I2', 'I3']),
    person_id: utf8(['A', 'B', 'B', 'C', 'C']),
    role: utf8(['victim', 'offender', 'offender', 'victim', 'victim']),
  });
const csv = {
  incidents:
    'incident_id,date,offence,severity,lat\nI1,2023-01-02,murder,,\nI2,2023-01-05,assault,1,51.5\nI3,,assault,1,51.5\n',
  involvements:
    'incident_id,person_id,role\nI1,A,victim\nI1,B,offender\nI2,B,offender\nI2,C,victim\nI3,C,victim\n',
};
const opts = { now: '2025-01-01' };
const seen = (r: ReturnType<typeof ingest>) => ({
  incidents: r.data.incidents.map((i) => [i.incident_id, i.date, i.severity, i.lat ?? null]),
  rejected: r.rejected.map((p) => [p.table, p.row, p.field, p.reason]),
  totals: r.summary.totals,
});

describe('apache-arrow tables read as their cells say (nulls, microsecond timestamps)', () => {
  const reference = seen(ingest(csv, opts));
  it('the CSV reads a null severity as derived (murder: 4), a null lat as none, no date as empty', () => {
    expect(reference.incidents).toEqual([
      ['I1', '2023-01-02', 4, null],
      ['I2', '2023-01-05', 1, 51.5],
    ]);
    expect(reference.rejected[0]).toEqual(['incidents', 3, 'date', 'date is empty']);
  });
  for (const [path, run] of [
    ['by columns', ingestByColumns],
    ['by rows', ingestRows],
  ] as const) {
    it(`${path}: the same records and rejections as the CSV`, () => {
      // Before: µs read as ms ("date '+054973-02-21…' is in the future"), every row rejected;
      // with ms timestamps a null date read 1970-01-01 and a null severity 0.
      expect(seen(run({ incidents: incidents(), involvements: involvements() }, opts))).toEqual(
        reference,
      );
    });
  }
  it('a null birth year in a people table is unknown, not the year 0', () => {
    const people = table({ person_id: utf8(['A', 'B']), birth_year: int32([null, 1990]) });
    const r = ingest({ incidents: incidents(), involvements: involvements(), people }, opts);
    expect(r.rejected.filter((p) => p.table === 'people')).toEqual([]);
    expect(r.data.people.map((p) => [p.person_id, p.birth_year ?? null])).toEqual([
      ['A', null],
      ['B', 1990],
    ]);
  });
});
