// One messy police export through every input path of `ingest`: CSV text, rows of objects,
// arquero, Apache Arrow (plain, dictionary-encoded, nulls for empty cells, typed columns) and
// Parquet (`readParquet`). Every path must give the same accepted rows, the same rejections
// (table, row, field, value, reason), the same warnings and the same co-offending edges.
import {
  type DataType,
  DateUnit,
  date,
  dictionary,
  float64,
  int32,
  int64,
  TimeUnit,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  timestamp,
  utf8,
} from '@uwdata/flechette';
import * as aq from 'arquero';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/ingest/columnar.js';
import type { IngestResult } from '../../src/ingest/ingest.js';
import { ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';
import type { IngestOptions } from '../../src/ingest/options.js';
import { INCIDENTS_CSV, INVOLVEMENTS_CSV, OPTIONS, outcome } from '../fixtures/messy-export.js';

type Rows = Record<string, string>[];
const rowsOf = (csv: string) => aq.fromCSV(csv, { autoType: false }).objects() as Rows;
const columnsOf = (rows: Rows, empty: '' | null) => {
  const out: Record<string, (string | null)[]> = {};
  for (const k of Object.keys(rows[0] ?? {}))
    out[k] = rows.map((r) => (r[k] === '' ? empty : r[k]));
  return out;
};
/** An Arrow table of text columns, through IPC bytes (as files are read). */
function arrowOf(
  rows: Rows,
  opts: { dictionary?: boolean; empty?: '' | null; maxBatchRows?: number } = {},
) {
  const data = columnsOf(rows, opts.empty ?? '');
  const types: Record<string, DataType> = {};
  for (const k in data) types[k] = opts.dictionary ? dictionary(utf8()) : utf8();
  const table = tableFromArrays(data, { types, maxBatchRows: opts.maxBatchRows });
  return tableFromIPC(tableToIPC(table, {})!);
}
/** A Parquet file of text columns (hyparquet-writer), read by `readParquet`. */
async function parquetOf(rows: Rows, empty: '' | null = '', rowGroupSize?: number) {
  const data = columnsOf(rows, empty);
  const bytes = parquetWriteBuffer({
    rowGroupSize,
    columnData: Object.entries(data).map(([name, values]) => ({
      name,
      data: values,
      type: 'STRING' as const,
    })),
  });
  return readParquet(bytes);
}

const incRows = rowsOf(INCIDENTS_CSV);
const invRows = rowsOf(INVOLVEMENTS_CSV);
const nulled = (rows: Rows) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : v])));

describe('one messy export, every input path: the same rows, rejections, warnings and edges', () => {
  const reference = outcome(
    ingest({ incidents: INCIDENTS_CSV, involvements: INVOLVEMENTS_CSV }, OPTIONS),
  );

  it('the reference (CSV text) reads the export as documented', () => {
    // Trimmed ids, markers refused as ids, 007 and 7 two incidents, decimal commas, an incident
    // id whose rows disagree (I1) or one of whose rows is wrong (I15) rejected with its
    // involvements, the first of a repeated row kept (I14), a person in two roles rejected twice.
    expect(reference.incidents.map((x) => x.incident_id)).toEqual([
      'I2',
      'I4',
      '007',
      '7',
      'I9',
      'I12',
      'I14',
    ]);
    expect(reference.incidents.find((x) => x.incident_id === 'I9')).toMatchObject({
      lat: 51.5,
      lon: -0.1,
    });
    expect(reference.edges).toEqual([
      'P10|P11|1|18698|18698',
      'P10|p10|1|18698|18698',
      'P11|p10|1|18698|18698',
      'P12|P13|1|18695|18695',
      'P20|P21|1|18700|18700',
      'P5|P6|1|18690|18690',
      'P7|P8|1|18693|18693',
      'P7|P9|1|18694|18694',
    ]);
    const disagree =
      "incident id 'I1' is used by rows 1 and 6, which disagree about date: '2021-03-01' and '2021-03-06'; which row is right cannot be known, so neither is kept";
    expect(reference.rejected.filter((p) => /'I1[45]?'|incidents row 17 /.test(p))).toEqual([
      `incidents row 1 date='2021-03-01': ${disagree}`,
      `incidents row 6 date='2021-03-06': ${disagree}`,
      "incidents row 15 incident_id='I14': incident id 'I14' is used by rows 14 and 15, which agree; only row 14 is kept",
      "incidents row 16 incident_id='I15': incident id 'I15' is used by rows 16 and 17, and row 17 was rejected (severity '7' is out of range (expected 0 to 4)); which row is right cannot be known, so neither is kept",
      "incidents row 17 severity='7': severity '7' is out of range (expected 0 to 4)",
      ...[1, 2, 3, 4].map(
        (r) =>
          `involvements row ${r} incident_id='I1': incident 'I1' was rejected (incidents row 1: ${disagree})`,
      ),
      "involvements row 31 person_id='P21': person 'P21' is listed twice in incident 'I14' as offender (rows 30 and 31); row 31 is a duplicate",
      ...[34, 35].map(
        (r) =>
          `involvements row ${r} incident_id='I15': incident 'I15' was rejected (incidents row 16: incident id 'I15' is used by rows 16 and 17, and row 17 was rejected (severity '7' is out of range (expected 0 to 4)); which row is right cannot be known, so neither is kept)`,
      ),
    ]);
    expect(reference.rejected.slice(-2)).toEqual([
      "involvements row 36 incident_id='': incident id is empty",
      "involvements row 37 incident_id='NULL': incident id 'NULL' is a missing-value marker, not an id",
    ]);
    expect(reference.rejected).toHaveLength(31);
    // 'P10' and 'p10' in incident I12: one person written two ways (kept apart, said so).
    expect(reference.warnings).toHaveLength(2);
    expect(reference.warnings[0]).toMatch(
      /^people: 1 person id differs from another only in letter case, spaces, leading zeros or a trailing '.0' \(e\.g\. 'P10' and 'p10'\)/,
    );
  });

  const paths: [string, () => IngestResult | Promise<IngestResult>][] = [
    ['rows of text', () => ingest({ incidents: incRows, involvements: invRows }, OPTIONS)],
    [
      'rows, null for empty',
      () => ingest({ incidents: nulled(incRows), involvements: nulled(invRows) }, OPTIONS),
    ],
    [
      'arquero',
      () => ingest({ incidents: aq.from(incRows), involvements: aq.from(invRows) }, OPTIONS),
    ],
    [
      'arquero by columns',
      () =>
        ingestByColumns({ incidents: aq.from(incRows), involvements: aq.from(invRows) }, OPTIONS),
    ],
    [
      'Arrow utf8',
      () => ingest({ incidents: arrowOf(incRows), involvements: arrowOf(invRows) }, OPTIONS),
    ],
    [
      'Arrow utf8 by rows',
      () => ingestRows({ incidents: arrowOf(incRows), involvements: arrowOf(invRows) }, OPTIONS),
    ],
    [
      'Arrow utf8, null for empty',
      () =>
        ingest(
          {
            incidents: arrowOf(incRows, { empty: null }),
            involvements: arrowOf(invRows, { empty: null }),
          },
          OPTIONS,
        ),
    ],
    [
      'Arrow dictionary',
      () =>
        ingest(
          {
            incidents: arrowOf(incRows, { dictionary: true }),
            involvements: arrowOf(invRows, { dictionary: true }),
          },
          OPTIONS,
        ),
    ],
    [
      'Arrow dictionary, null for empty',
      () =>
        ingest(
          {
            incidents: arrowOf(incRows, { dictionary: true, empty: null }),
            involvements: arrowOf(invRows, { dictionary: true, empty: null }),
          },
          OPTIONS,
        ),
    ],
    [
      'Arrow dictionary in batches of 4 rows, null for empty',
      () =>
        ingest(
          {
            incidents: arrowOf(incRows, { dictionary: true, empty: null, maxBatchRows: 4 }),
            involvements: arrowOf(invRows, { dictionary: true, empty: null, maxBatchRows: 4 }),
          },
          OPTIONS,
        ),
    ],
    [
      'Parquet in row groups of 4',
      async () =>
        ingest(
          {
            incidents: await parquetOf(incRows, null, 4),
            involvements: await parquetOf(invRows, null, 4),
          },
          OPTIONS,
        ),
    ],
    [
      'Arrow incidents, rows of involvements',
      () => ingest({ incidents: arrowOf(incRows), involvements: invRows }, OPTIONS),
    ],
    [
      'Parquet',
      async () =>
        ingest(
          { incidents: await parquetOf(incRows), involvements: await parquetOf(invRows) },
          OPTIONS,
        ),
    ],
    [
      'Parquet, null for empty',
      async () =>
        ingest(
          {
            incidents: await parquetOf(incRows, null),
            involvements: await parquetOf(invRows, null),
          },
          OPTIONS,
        ),
    ],
    [
      'Parquet by columns',
      async () =>
        ingestByColumns(
          { incidents: await parquetOf(incRows), involvements: await parquetOf(invRows) },
          OPTIONS,
        ),
    ],
  ];
  for (const [name, run] of paths) {
    it(name, async () => {
      expect(outcome(await run())).toEqual(reference);
    });
  }
});

// The same incidents with their dates in typed columns: each type must give the records (and
// edges) of the same dates written as text.
const DAYS = [18687, 18688, 18687, 18690]; // 2021-03-01, 03-02, 03-01 (a repeat), 03-04
const HOUR = 3_600_000;
const typedIncidents = (type: DataType, values: unknown[], maxBatchRows?: number) =>
  tableFromIPC(
    tableToIPC(
      tableFromArrays(
        { incident_id: ['I1', 'I2', 'I3', 'I4'], date: values, severity: [3, 3, 3, 3] },
        { types: { incident_id: utf8(), date: type, severity: int32() }, maxBatchRows },
      ),
      {},
    )!,
  );
const typedInvolvements = tableFromIPC(
  tableToIPC(
    tableFromArrays(
      {
        incident_id: ['I1', 'I1', 'I2', 'I2', 'I3', 'I3', 'I4', 'I4'],
        person_id: ['P1', 'P2', 'P1', 'P3', 'P2', 'P3', 'P1', 'P2'],
        role: [
          'offender',
          'offender',
          'offender',
          'offender',
          'offender',
          'offender',
          'offender',
          'victim',
        ],
      },
      { types: { incident_id: utf8(), person_id: utf8(), role: utf8() } },
    ),
    {},
  )!,
);
const asText = (dates: string[]) => ({
  incidents: dates.map((d, i) => ({ incident_id: `I${i + 1}`, date: d, severity: 3 })),
  involvements: typedInvolvements,
});
const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

describe('typed Arrow date columns, plain and dictionary-encoded, read as the same dates as text', () => {
  const chicago: IngestOptions = { now: '2030-01-01', timeZone: 'America/Chicago' };
  const cases: [string, DataType, unknown[], string[]][] = [];
  const dates = DAYS.map((d) => new Date(d * 86_400_000));
  const plain = DAYS.map(isoDay);
  for (const [label, type] of [
    ['DATE32 (days)', date(DateUnit.DAY)],
    ['DATE64 (ms)', date(DateUnit.MILLISECOND)],
  ] as const) {
    cases.push([label, type, dates, plain]);
    cases.push([`dictionary of ${label}`, dictionary(type), dates, plain]);
  }
  // 01:00 UTC on each day: an instant (19:00 the day before in Chicago) when zoned; wall-clock
  // 01:00 local when not.
  const oneAm = DAYS.map((d) => d * 86_400_000 + HOUR);
  for (const unit of [
    TimeUnit.SECOND,
    TimeUnit.MILLISECOND,
    TimeUnit.MICROSECOND,
    TimeUnit.NANOSECOND,
  ]) {
    const zoned = oneAm.map((ms) => `${new Date(ms).toISOString()}`);
    const naive = oneAm.map((ms) => new Date(ms).toISOString().slice(0, -1));
    cases.push([`TIMESTAMP unit ${unit} UTC`, timestamp(unit, 'UTC'), oneAm, zoned]);
    cases.push([`TIMESTAMP unit ${unit} no zone`, timestamp(unit), oneAm, naive]);
    cases.push([
      `dictionary of TIMESTAMP unit ${unit} UTC`,
      dictionary(timestamp(unit, 'UTC')),
      oneAm,
      zoned,
    ]);
    cases.push([
      `dictionary of TIMESTAMP unit ${unit} no zone`,
      dictionary(timestamp(unit)),
      oneAm,
      naive,
    ]);
  }
  for (const [label, type, values, text] of cases) {
    it(label, () => {
      const want = outcome(ingest(asText(text), chicago));
      expect(want.rejected).toEqual([]);
      const t = typedIncidents(type, values);
      // Both ingest paths (by columns, and by rows), dates also given as `Date`s (useDate).
      expect(outcome(ingest({ incidents: t, involvements: typedInvolvements }, chicago))).toEqual(
        want,
      );
      expect(
        outcome(ingestRows({ incidents: t, involvements: typedInvolvements }, chicago)),
      ).toEqual(want);
      const useDate = tableFromIPC(tableToIPC(t, {})!, { useDate: true });
      expect(
        outcome(ingest({ incidents: useDate, involvements: typedInvolvements }, chicago)),
      ).toEqual(want);
      // In record batches of 3 and 1 rows (a dictionary per batch).
      const batches = typedIncidents(type, values, 3);
      expect(
        outcome(ingest({ incidents: batches, involvements: typedInvolvements }, chicago)),
      ).toEqual(want);
    });
  }
});

describe('numeric id columns in Arrow', () => {
  const incidentsWithIds = (type: DataType, ids: unknown[], opts = {}) =>
    tableFromIPC(
      tableToIPC(
        tableFromArrays(
          {
            incident_id: ids,
            date: ['2021-03-01', '2021-03-02', '2021-03-03'],
            severity: [3, 3, 3],
          },
          { types: { incident_id: type, date: utf8(), severity: int32() } },
        ),
        {},
      )!,
      opts,
    );
  const inv = tableFromArrays(
    {
      incident_id: ['1', '2', '3'],
      person_id: ['P1', 'P2', 'P3'],
      role: ['victim', 'victim', 'victim'],
    },
    { types: { incident_id: utf8(), person_id: utf8(), role: utf8() } },
  );
  it('Int64, Int32 and Float64 (1.0) ids are the texts 1, 2, 3', () => {
    const want = outcome(
      ingest({ incidents: incidentsWithIds(utf8(), ['1', '2', '3']), involvements: inv }, OPTIONS),
    );
    for (const [type, ids] of [
      [int64(), [1, 2, 3]],
      [int32(), [1, 2, 3]],
      [float64(), [1.0, 2.0, 3.0]],
    ] as const) {
      expect(
        outcome(
          ingest({ incidents: incidentsWithIds(type, [...ids]), involvements: inv }, OPTIONS),
        ),
      ).toEqual(want);
    }
  });
  it('Int64 ids above 2^53: exact with useBigInt; without it, an error naming the table and column', () => {
    const big = [1n, 2n, 2n ** 60n + 1n];
    const exact = ingest(
      { incidents: incidentsWithIds(int64(), big, { useBigInt: true }), involvements: inv },
      OPTIONS,
    );
    expect(exact.data.incidents.map((x) => x.incident_id)).toEqual([
      '1',
      '2',
      '1152921504606846977',
    ]);
    // flechette converts Int64 to numbers and throws on a value it cannot hold exactly; its
    // message named neither the table nor the column.
    for (const read of [ingest, ingestRows]) {
      expect(() =>
        read({ incidents: incidentsWithIds(int64(), big), involvements: inv }, OPTIONS),
      ).toThrow(/incidents: column 'incident_id'.*1152921504606846977.*useBigInt: true/);
    }
  });
  it('Int64 numbers read with useBigInt (or DuckDB BIGINT rows) are numbers: severity, birth year, HHMM time', () => {
    // The advice above (useBigInt: true) gives every Int64 cell as a bigint; each was refused
    // ("severity '2' is not a number", "birth year '1990' is not a year").
    const ipc = (cols: Record<string, unknown>) =>
      tableFromIPC(
        tableToIPC(tableFromArrays(cols as Parameters<typeof tableFromArrays>[0]), {})!,
        {
          useBigInt: true,
        },
      );
    const tables = {
      incidents: ipc({
        incident_id: ['I1', 'I2'],
        date: ['2021-03-01', '2021-03-02'],
        time: new BigInt64Array([2330n, 930n]),
        severity: new BigInt64Array([2n, 3n]),
      }),
      involvements: ipc({
        incident_id: ['I1', 'I1', 'I2'],
        person_id: ['A', 'B', 'A'],
        role: ['offender', 'offender', 'victim'],
      }),
      people: ipc({ person_id: ['A', 'B'], birth_year: new BigInt64Array([1990n, 1985n]) }),
    };
    const rows = (t: { toArray(): unknown[] }) => t.toArray().map((r) => ({ ...(r as object) }));
    const want = ingest({
      incidents: 'incident_id,date,time,severity\nI1,2021-03-01,2330,2\nI2,2021-03-02,930,3\n',
      involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,B,offender\nI2,A,victim\n',
      people: 'person_id,birth_year\nA,1990\nB,1985\n',
    });
    expect(want.rejected).toEqual([]);
    for (const got of [
      ingest(tables),
      ingestRows(tables),
      ingest({
        incidents: rows(tables.incidents),
        involvements: rows(tables.involvements),
        people: rows(tables.people),
      }),
    ]) {
      expect(got.rejected).toEqual([]);
      expect(got.data).toEqual(want.data);
    }
  });
});

describe('empty, header-only and one-row tables', () => {
  const shapes: [string, string, string][] = [
    ['header only', 'incident_id,date,severity\n', 'incident_id,person_id,role\n'],
    [
      'one row',
      'incident_id,date,severity\nI1,2021-03-01,3\n',
      'incident_id,person_id,role\nI1,P1,victim\n',
    ],
  ];
  for (const [label, inc, inv] of shapes) {
    it(label, async () => {
      const want = outcome(ingest({ incidents: inc, involvements: inv }, OPTIONS));
      const ir = rowsOf(inc);
      const vr = rowsOf(inv);
      // Header-only: a table with its columns but no rows.
      const cols = (csv: string) => csv.split('\n')[0].split(',');
      const arrow = (csv: string, rows: Rows) =>
        tableFromIPC(
          tableToIPC(
            tableFromArrays(Object.fromEntries(cols(csv).map((c) => [c, rows.map((r) => r[c])])), {
              types: Object.fromEntries(cols(csv).map((c) => [c, utf8()])),
            }),
            {},
          )!,
        );
      const pq = (csv: string, rows: Rows) =>
        readParquet(
          parquetWriteBuffer({
            columnData: cols(csv).map((c) => ({
              name: c,
              data: rows.map((r) => r[c]),
              type: 'STRING' as const,
            })),
          }),
        );
      expect(
        outcome(ingest({ incidents: arrow(inc, ir), involvements: arrow(inv, vr) }, OPTIONS)),
      ).toEqual(want);
      expect(
        outcome(ingest({ incidents: await pq(inc, ir), involvements: await pq(inv, vr) }, OPTIONS)),
      ).toEqual(want);
      const aqt = (csv: string, rows: Rows) =>
        aq.table(Object.fromEntries(cols(csv).map((c) => [c, rows.map((r) => r[c])])));
      expect(
        outcome(ingest({ incidents: aqt(inc, ir), involvements: aqt(inv, vr) }, OPTIONS)),
      ).toEqual(want);
    });
  }
});
