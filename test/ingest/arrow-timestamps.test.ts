import {
  int32,
  TimeUnit,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  timestamp,
  utf8,
} from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/ingest/columnar.js';
import { ingest, ingestByColumns } from '../../src/ingest/ingest.js';

// 03:00 and 00:00 on 1 March 2021 as epoch milliseconds. In an Arrow timestamp column with a
// zone they are instants (21:00 and 18:00 on 28 February in Chicago); without a zone they are
// wall-clock times, already local.
const ms = [Date.UTC(2021, 2, 1, 3, 0), Date.UTC(2021, 2, 1, 0, 0)];
const incidents = (zone: string | null) =>
  tableFromArrays(
    { incident_id: ['I1', 'I2'], date: ms, severity: [3, 3] },
    {
      types: {
        incident_id: utf8(),
        date: timestamp(TimeUnit.MILLISECOND, zone),
        severity: int32(),
      },
    },
  );
const involvementRows = [
  { incident_id: 'I1', person_id: 'P1', role: 'victim' },
  { incident_id: 'I2', person_id: 'P2', role: 'victim' },
];
const involvementTable = tableFromArrays(
  { incident_id: ['I1', 'I2'], person_id: ['P1', 'P2'], role: ['victim', 'victim'] },
  { types: { incident_id: utf8(), person_id: utf8(), role: utf8() } },
);
const chicago = { timeZone: 'America/Chicago', now: '2030-01-01' };

describe('Arrow timestamp columns are read by their zone (both columnar paths)', () => {
  for (const [path, involvements] of [
    ['Arrow incidents, row involvements', involvementRows],
    ['Arrow incidents and involvements (by columns)', involvementTable],
  ] as const) {
    it(`${path}: a zoned timestamp is an instant, midnight UTC included`, () => {
      const r = ingest({ incidents: incidents('UTC'), involvements }, chicago);
      // Midnight UTC was read as the plain date 2021-03-01, a day late for Chicago.
      expect(r.data.incidents.map((i) => i.date)).toEqual([
        '2021-02-28T21:00:00.000',
        '2021-02-28T18:00:00.000',
      ]);
    });
    it(`${path}: a timestamp without a zone is local wall-clock time, midnight a plain date`, () => {
      const r = ingest({ incidents: incidents(null), involvements }, chicago);
      // 03:00 was shifted as if UTC, to 21:00 the day before.
      expect(r.data.incidents.map((i) => i.date)).toEqual([
        '2021-03-01T03:00:00.000',
        '2021-03-01',
      ]);
      // The same wall-clock text is read the same way.
      const text = ingest(
        {
          incidents: [
            { incident_id: 'I1', date: '2021-03-01T03:00:00', severity: 3 },
            { incident_id: 'I2', date: '2021-03-01', severity: 3 },
          ],
          involvements: involvementRows,
        },
        chicago,
      );
      expect(r.data.incidents.map((i) => i.day)).toEqual(text.data.incidents.map((i) => i.day));
    });
    it(`${path}: read by the type when the reader gives Dates (flechette's useDate)`, () => {
      const asDates = (t: ReturnType<typeof incidents>) =>
        tableFromIPC(tableToIPC(t, {})!, { useDate: true });
      // The Dates were read one by one: midnight UTC a plain date a day late, 03:00 wall clock
      // shifted to 21:00 the day before.
      const zoned = ingest({ incidents: asDates(incidents('UTC')), involvements }, chicago);
      expect(zoned.data.incidents.map((i) => i.date)).toEqual([
        '2021-02-28T21:00:00.000',
        '2021-02-28T18:00:00.000',
      ]);
      const naive = ingest({ incidents: asDates(incidents(null)), involvements }, chicago);
      expect(naive.data.incidents.map((i) => i.date)).toEqual([
        '2021-03-01T03:00:00.000',
        '2021-03-01',
      ]);
    });
  }
});

/** A Parquet incidents file (I1, I2…, severity 3) whose `date` column has the given schema. */
const parquetIncidents = (dates: unknown[], date: Record<string, unknown>) =>
  readParquet(
    parquetWriteBuffer({
      columnData: [
        { name: 'incident_id', data: dates.map((_, i) => `I${i + 1}`) },
        { name: 'date', data: dates },
        { name: 'severity', data: dates.map(() => 3) },
      ],
      schema: [
        { name: 'root', num_children: 3 },
        {
          name: 'incident_id',
          type: 'BYTE_ARRAY',
          converted_type: 'UTF8',
          repetition_type: 'REQUIRED',
        },
        { name: 'date', repetition_type: 'REQUIRED', ...date },
        { name: 'severity', type: 'INT32', repetition_type: 'REQUIRED' },
      ],
    } as Parameters<typeof parquetWriteBuffer>[0]),
  );

describe('Parquet timestamp columns are read by their type too (readParquet)', () => {
  const parquet = (isAdjustedToUTC: boolean) =>
    parquetIncidents(
      ms.map((m) => new Date(m)),
      { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC, unit: 'MILLIS' } },
    );
  it('adjusted to UTC: instants, midnight UTC included; not adjusted: wall-clock time', async () => {
    for (const read of [ingest, ingestByColumns]) {
      const utc = read({ incidents: await parquet(true), involvements: involvementTable }, chicago);
      expect(utc.data.incidents.map((i) => i.date)).toEqual([
        '2021-02-28T21:00:00.000',
        '2021-02-28T18:00:00.000',
      ]);
      const local = read(
        { incidents: await parquet(false), involvements: involvementTable },
        chicago,
      );
      expect(local.data.incidents.map((i) => i.date)).toEqual([
        '2021-03-01T03:00:00.000',
        '2021-03-01',
      ]);
    }
  });
  it('a table derived from it has no types: its Dates follow the per-value rule (documented)', async () => {
    const derived = (await parquet(true)).filter(() => true).reify();
    const r = ingest({ incidents: derived, involvements: involvementRows }, chicago);
    expect(r.data.incidents.map((i) => i.date)).toEqual(['2021-02-28T21:00:00.000', '2021-03-01']);
  });
});

describe('a Parquet DATE column with the logical type alone (hyparquet gives its day numbers)', () => {
  it('is read as dates, not as milliseconds since 1970 (review of 8bd25be)', async () => {
    const incidents = await parquetIncidents([18687], {
      type: 'INT32',
      logical_type: { type: 'DATE' },
    }); // 1 March 2021
    // readParquet makes the day numbers dates, as hyparquet does with the converted type: the
    // date is read (it was rejected before 8bd25be, and 1970 with it).
    expect(incidents.array('date')).toEqual([new Date(Date.UTC(2021, 2, 1))]);
    for (const read of [ingest, ingestByColumns]) {
      const r = read({ incidents, involvements: involvementTable }, chicago);
      expect(r.data.incidents.map((i) => i.date)).toEqual(['2021-03-01']);
      expect(r.rejected.filter((p) => p.table === 'incidents')).toEqual([]);
    }
  });
});
