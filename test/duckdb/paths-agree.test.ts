// The messy export of test/ingest/paths-agree.test.ts through the DuckDB entry: views over the
// raw CSV files (as docs/guide/duckdb.md writes them) must give the ties and the exposure of
// `ingest` + the in-memory path, with the same rows left out (an incident id whose rows
// disagree included: neither row is right, so both paths leave out all its rows).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { exposureCounts } from '../../src/contagion/exposure.js';
import {
  coOffendingEdgesSql,
  exposureCountsSql,
  loadDataset,
  validationCountsSql,
} from '../../src/duckdb/index.js';
import { coOffendingEdges } from '../../src/graph/co-offending-graph.js';
import { readParquet } from '../../src/ingest/columnar.js';
import { ingest } from '../../src/ingest/ingest.js';
import { INCIDENTS_CSV, INVOLVEMENTS_CSV, OPTIONS, outcome } from '../fixtures/messy-export.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-paths-'));
writeFileSync(join(dir, 'incidents.csv'), INCIDENTS_CSV);
writeFileSync(join(dir, 'involvements.csv'), INVOLVEMENTS_CSV);

/** The export in DuckDB: raw text tables, and views in the canonical form over them. */
async function connect() {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(
    `CREATE TABLE raw_incidents AS SELECT * FROM read_csv('${join(dir, 'incidents.csv')}', all_varchar = true)`,
  );
  await con.run(
    `CREATE TABLE raw_involvements AS SELECT * FROM read_csv('${join(dir, 'involvements.csv')}', all_varchar = true)`,
  );
  // The severity map of ingest's rules that the export needs, and its role synonym, as SQL.
  await con.run(`CREATE VIEW incidents AS
SELECT incident_id, epoch(TRY_CAST(date AS TIMESTAMP)) / 86400 AS day,
  coalesce(TRY_CAST(severity AS INTEGER), CASE WHEN offence ILIKE '%shooting%' THEN 3 END) AS severity
FROM raw_incidents`);
  await con.run(`CREATE VIEW involvements AS
SELECT incident_id, person_id,
  CASE lower(trim(role)) WHEN 'suspect' THEN 'offender' ELSE lower(trim(role)) END AS role
FROM raw_involvements`);
  return con;
}

const result = ingest({ incidents: INCIDENTS_CSV, involvements: INVOLVEMENTS_CSV }, OPTIONS);
const reference = outcome(result);

async function sqlEdges(con: Awaited<ReturnType<typeof connect>>, options = {}) {
  const e = await coOffendingEdgesSql(con, options);
  const out: string[] = [];
  const weights = new Map<string, number>();
  for (let i = 0; i < e.source.length; i++) {
    const key = `${e.personIds[e.source[i]]}|${e.personIds[e.target[i]]}`;
    out.push(`${key}|${e.count[i]}|${e.first[i]}|${e.last[i]}`);
    weights.set(key, e.weight[i]);
  }
  return { edges: out.sort(), weights };
}

describe('the DuckDB path on a messy export: the in-memory ties and exposure, the same rows left out', () => {
  it('an incident id whose rows disagree, or one of whose rows is left out, is left out with its ties, as ingest rejects it', async () => {
    const con = await connect();
    // Before: the two rows of I1 (days 18687 and 18692) made the runners throw, while ingest
    // kept the first row; now neither path reads I1 (nor I15, whose second row has severity 7).
    const sql = (await sqlEdges(con)).edges;
    expect(sql).toEqual(reference.edges);
    expect(sql.some((e) => /P1\|P2|P30/.test(e))).toBe(false);
    // The repeated identical row (I14) is read once.
    expect(sql).toContain('P20|P21|1|18700|18700');
  });

  it('validationCountsSql counts every kind of row the queries leave out, by their rules', async () => {
    const con = await connect();
    expect(await validationCountsSql(con)).toEqual({
      incidents: 17,
      involvements: 37,
      duplicateIncidentIds: 3, // I1, I15 (a row left out) and I14 (the same row twice)
      disagreeingIncidentIds: 1, // I1 (days)
      mixedSeverityIncidentIds: 0, // I15's severity 7 is no severity: its rows are left out
      // An empty incident id and 'NULL': ingest rejects them as no id, not as unknown incidents
      // (before, they were counted in unknownIncident)
      missingIncident: 2,
      unknownIncident: 2, // I99 twice; ' I2 ' is I2, trimmed as the queries trim it
      decimalIncidentIds: 0,
      missingPerson: 2, // 'NULL' (a marker, no id) and an empty cell
      unknownRole: 0,
      missingDay: 2, // I3 and I10: their markers are no dates
      // I3, I10 (no day), I5, I13 (no severity), I11 (severity 5), I1 and I15 (both rows each),
      // the second I14: every row ingest rejects
      incidentsLeftOut: 10,
      conflictingRoles: 2, // P4, offender and victim of I2: both rows
      // The rows above, P3 and P21 listed twice in I1 and I14, and the rows of the incidents
      // left out (I1, I3, I11, I13, I15): before, no count gave them all
      involvementsLeftOut: 21,
    });
    // involvements − involvementsLeftOut is what ingest accepts.
    expect(result.summary.tables.involvements).toMatchObject({ read: 37, rejected: 21 });
    // With conflictingRoles: 'keep', P4's two rows of I2 are kept, as ingest keeps them.
    const kept = ingest(
      { incidents: INCIDENTS_CSV, involvements: INVOLVEMENTS_CSV },
      { ...OPTIONS, conflictingRoles: 'keep' },
    ).summary.tables.involvements;
    expect(kept.rejected).toBe(19);
    expect((await validationCountsSql(con, { conflictingRoles: 'keep' })).involvementsLeftOut).toBe(
      19,
    );
    // Fewer markers with missingMarkers: false ('NULL' is then a person id).
    expect((await validationCountsSql(con, { missingMarkers: false })).missingPerson).toBe(1);
  });

  it('the ties equal ingest + coOffendingEdges: rejected rows make no ties (markers, spaces, bad severities, two roles)', async () => {
    const con = await connect();
    for (const options of [{}, { asOf: '2021-03-10' }, { asOf: '2021-06-01', halfLifeDays: 30 }]) {
      const sql = await sqlEdges(con, options);
      const mem = coOffendingEdges(result.data, options);
      const ids = mem.index.personIds;
      const want: string[] = [];
      for (let i = 0; i < mem.source.length; i++) {
        const [a, b] = [ids[mem.source[i]], ids[mem.target[i]]].sort();
        want.push(`${a}|${b}|${mem.count[i]}|${mem.first[i]}|${mem.last[i]}`);
        const w = sql.weights.get(`${a}|${b}`);
        expect(Math.abs((w ?? Number.NaN) - mem.weight[i])).toBeLessThan(1e-12);
      }
      expect(sql.edges).toEqual(want.sort());
    }
    // All of them, as the in-memory paths give them.
    expect((await sqlEdges(con)).edges).toEqual(reference.edges);
  });

  it('exposure equals exposureCounts person by person', async () => {
    const con = await connect();
    for (const options of [
      { asOf: '2021-04-01', tiesAt: 'asOf' },
      { asOf: '2021-04-01' },
      { asOf: '2021-04-01', minSeverity: 2, tiesAt: 'asOf', maxDistance: 1 },
    ] as const) {
      const sql = await exposureCountsSql(con, options);
      const mem = exposureCounts(result.data, options);
      const exposed = mem.ids
        .map((id, i) => [id, i] as const)
        .filter(([, i]) => mem.exposed1[i] + mem.exposed2[i] > 0);
      expect(sql.personIds).toEqual(exposed.map(([id]) => id));
      exposed.forEach(([, i], j) => {
        expect([sql.exposed1[j], sql.exposed2[j], sql.lastExposureDay[j]]).toEqual([
          mem.exposed1[i],
          mem.exposed2[i],
          mem.lastExposureDay[i],
        ]);
        expect(Math.abs(sql.weighted[j] - mem.weighted[i])).toBeLessThan(1e-12);
      });
    }
    // The harm of I4 (P9, a victim there) reaches P7 and, two ties away, P8.
    const e = await exposureCountsSql(con, { asOf: '2021-04-01', tiesAt: 'asOf' });
    expect(e.personIds).toEqual(['P7', 'P8']);
  });

  it("conflictingRoles: 'keep' and missingMarkers: false match data ingested so (loadDataset)", async () => {
    const options = { conflictingRoles: 'keep', missingMarkers: false } as const;
    const kept = ingest(
      { incidents: INCIDENTS_CSV, involvements: INVOLVEMENTS_CSV },
      { ...OPTIONS, ...options },
    );
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await loadDataset(con, kept.data);
    const mem = coOffendingEdges(kept.data);
    const ids = mem.index.personIds;
    const want: string[] = [];
    for (let i = 0; i < mem.source.length; i++) {
      const [a, b] = [ids[mem.source[i]], ids[mem.target[i]]].sort();
      want.push(`${a}|${b}|${mem.count[i]}|${mem.first[i]}|${mem.last[i]}`);
    }
    expect((await sqlEdges(con, options)).edges).toEqual(want.sort());
    // P4, an offender and a victim of I2, is kept: tied to P1 there.
    expect(want).toContain('P1|P4|1|18688|18688');
    // With the defaults the SQL leaves such rows out, as ingest's defaults do.
    expect((await sqlEdges(con)).edges).not.toContain('P1|P4|1|18688|18688');
  });

  it('typed id columns: integers are the same ids in both paths; float and decimal-place ids are refused, naming the column', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const file = (name: string) => join(dir, name);
    // DECIMAL(12,2) and DECIMAL(38,10) (Spark's type for Oracle NUMBER ids): before, read by the
    // SQL as '10.00' and '10.0000000000' (ingest: '10'), the same people under other ids.
    for (const type of [
      'BIGINT',
      'INTEGER',
      'DECIMAL(12,0)',
      'DOUBLE',
      'DECIMAL(12,2)',
      'DECIMAL(38,10)',
    ]) {
      await con.run(`COPY (SELECT CAST(i AS ${type}) AS incident_id, DATE '2021-03-01' + CAST(i AS INTEGER) AS date,
  3 AS severity FROM range(1, 4) r(i)) TO '${file('typed-incidents.parquet')}' (FORMAT parquet)`);
      await con.run(`COPY (SELECT CAST(i AS ${type}) AS incident_id, CAST(10 + p AS ${type}) AS person_id, 'offender' AS role
FROM range(1, 4) r(i), range(0, 3) q(p)) TO '${file('typed-involvements.parquet')}' (FORMAT parquet)`);
      const read = ingest(
        {
          incidents: await readParquet(readFileSync(file('typed-incidents.parquet'))),
          involvements: await readParquet(readFileSync(file('typed-involvements.parquet'))),
        },
        OPTIONS,
      );
      const mem = coOffendingEdges(read.data);
      // ingest reads each number as its text: 10, 11, 12 (a DOUBLE 10.0 too).
      expect(mem.index.personIds).toEqual(['10', '11', '12']);
      await con.run(`CREATE OR REPLACE VIEW incidents AS SELECT incident_id, epoch(CAST(date AS TIMESTAMP)) / 86400 AS day,
  severity FROM '${file('typed-incidents.parquet')}'`);
      await con.run(
        `CREATE OR REPLACE VIEW involvements AS SELECT * FROM '${file('typed-involvements.parquet')}'`,
      );
      const ten = { DOUBLE: '10.0', 'DECIMAL(12,2)': '10.00', 'DECIMAL(38,10)': '10.0000000000' }[
        type as string
      ];
      if (ten !== undefined) {
        // DuckDB writes a DOUBLE 10 as '10.0' (a DECIMAL(12,2) as '10.00'): the same person under
        // another id.
        for (const run of [
          () => coOffendingEdgesSql(con),
          () => exposureCountsSql(con),
          () => validationCountsSql(con),
        ]) {
          const said = `incidents.incident_id is ${type}: DuckDB writes the id 10 as '${ten}' where ingest reads '10'`;
          await expect(run()).rejects.toThrow(
            new RegExp(
              `${said.replace(/[()]/g, '\\$&')}.*CAST\\(CAST\\(incident_id AS BIGINT\\) AS VARCHAR\\)`,
            ),
          );
        }
        continue;
      }
      const sql = await coOffendingEdgesSql(con);
      expect(sql.personIds).toEqual(['10', '11', '12']);
      expect(Array.from(sql.count)).toEqual(Array.from(mem.count));
    }
  });

  it('Parquet that DuckDB writes (DATE, TIMESTAMP s/ms/us/ns, TIMESTAMPTZ, text dates) reads as the same dates as text', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run("SET TimeZone = 'UTC'");
    const chicago = { now: '2030-01-01', timeZone: 'America/Chicago' };
    const at = (i: string) =>
      `TIMESTAMP '2021-03-01 00:00:00' + to_hours(CAST(7 * ${i} AS BIGINT))`;
    const file = join(dir, 'typed-dates.parquet');
    const involvements = Array.from({ length: 4 }, (_, i) => ({
      incident_id: `I${i + 1}`,
      person_id: `P${i}`,
      role: 'victim',
    }));
    // 00:00, 07:00, 14:00, 21:00 on 1 March 2021 (wall clock, or UTC instants when zoned).
    const wall = [
      '2021-03-01',
      '2021-03-01T07:00:00',
      '2021-03-01T14:00:00',
      '2021-03-01T21:00:00',
    ];
    const instants = [
      '2021-03-01T00:00:00Z',
      '2021-03-01T07:00:00Z',
      '2021-03-01T14:00:00Z',
      '2021-03-01T21:00:00Z',
    ];
    const text = (dates: string[]) =>
      outcome(
        ingest(
          {
            incidents: dates.map((date, i) => ({ incident_id: `I${i + 1}`, date, severity: 3 })),
            involvements,
          },
          chicago,
        ),
      );
    for (const [expr, want] of [
      [`CAST(${at('i')} AS DATE)`, ['2021-03-01', '2021-03-01', '2021-03-01', '2021-03-01']],
      [at('i'), wall],
      [`CAST(${at('i')} AS TIMESTAMP_S)`, wall],
      [`CAST(${at('i')} AS TIMESTAMP_MS)`, wall],
      [`CAST(${at('i')} AS TIMESTAMP_NS)`, wall],
      [`CAST(${at('i')} AS TIMESTAMPTZ)`, instants],
      [`strftime(${at('i')}, '%Y-%m-%dT%H:%M:%SZ')`, instants],
    ] as const) {
      await con.run(`COPY (SELECT 'I' || CAST(i + 1 AS VARCHAR) AS incident_id, ${expr} AS date, 3 AS severity
FROM range(4) r(i)) TO '${file}' (FORMAT parquet)`);
      const got = ingest(
        { incidents: await readParquet(readFileSync(file)), involvements },
        chicago,
      );
      expect(outcome(got)).toEqual(text([...want]));
    }
  });
});

describe('rows of one incident id on one day at different times of day, or none', () => {
  // Before: a plain date beside the same date at 00:00 kept the incident in SQL (the same day
  // number) but neither row in ingest (another date text); a plain date beside 14:30 kept neither
  // in either path, losing the incident over a time cell filled on one row only.
  const incidents = `incident_id,date,severity
T1,2021-03-01,3
T1,2021-03-01 14:30,3
T2,2021-03-02 09:00,3
T2,2021-03-02 10:00,3
T3,2021-03-03 00:00,3
T3,2021-03-03,3
T4,2021-03-04,3
T4,2021-03-05 08:00,3
T5,2021-03-06 10:00,3
T5,2021-03-06 11:00,3
T5,2021-03-06 10:00,3
T6,2021-03-07 12:00,3
T6,2021-03-07,2
T7,2021-03-08 00:00,3
T7,2021-03-08 10:00,3
`;
  const involvements = `incident_id,person_id,role
${['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']
  .map((t) => `${t},${t}a,offender\n${t},${t}b,offender\n`)
  .join('')}`;

  it('are one incident in both paths, at the one time of day given, else at the day alone', async () => {
    writeFileSync(join(dir, 'timed-incidents.csv'), incidents);
    writeFileSync(join(dir, 'timed-involvements.csv'), involvements);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`CREATE VIEW incidents AS SELECT incident_id,
  epoch(CAST(date AS TIMESTAMP)) / 86400 AS day, CAST(severity AS INTEGER) AS severity
FROM read_csv('${join(dir, 'timed-incidents.csv')}', all_varchar = true)`);
    await con.run(
      `CREATE VIEW involvements AS SELECT * FROM read_csv('${join(dir, 'timed-involvements.csv')}', all_varchar = true)`,
    );
    const mem = outcome(ingest({ incidents, involvements }, OPTIONS)).edges;
    expect(mem).toEqual([
      `T1a|T1b|1|${18687 + 14.5 / 24}|${18687 + 14.5 / 24}`,
      'T2a|T2b|1|18688|18688',
      'T3a|T3b|1|18689|18689',
      'T5a|T5b|1|18692|18692',
      // Two severities of one day: the highest kept, at the one time of day given.
      'T6a|T6b|1|18693.5|18693.5',
      // 00:00 beside 10:00: 00:00 is no time of day (the day number SQL sees cannot tell them
      // apart); ingest kept the day alone, as if the rows gave two times, and SQL 10:00.
      `T7a|T7b|1|${18694 + 10 / 24}|${18694 + 10 / 24}`,
    ]);
    expect((await sqlEdges(con)).edges).toEqual(mem);
    expect(await validationCountsSql(con)).toMatchObject({
      duplicateIncidentIds: 7,
      disagreeingIncidentIds: 1, // T4 (two days)
      mixedSeverityIncidentIds: 1, // T6 (3 and 2), kept with 3
      incidentsLeftOut: 15 - 6,
    });
  });
});

describe('a TIMESTAMP WITH TIME ZONE column on a machine in another zone', () => {
  // Before: the guide's only view, epoch(CAST(date AS TIMESTAMP)) / 86400, read the instants in
  // DuckDB's session TimeZone (the machine's), where ingest reads them in its timeZone option: on
  // a machine in Tokyo, incidents ingest dates 2021-03-01 20:00 and 23:00 in Chicago (02:00 and
  // 05:00 UTC on 2 March) fell on 2 March, 11:00 and 14:00.
  it("the guide's view names ingest's zone and gives ingest's days, whatever DuckDB's TimeZone", async () => {
    const guide = readFileSync(new URL('../../docs/guide/duckdb.md', import.meta.url), 'utf8');
    const view = [...guide.matchAll(/```sql\n([\s\S]*?)\n```/g)]
      .map((m) => m[1])
      .find((b) => b.includes('TIMESTAMP WITH TIME ZONE'));
    expect(view).toContain("timezone('America/Chicago', date)");
    const file = join(dir, 'zoned.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run("SET TimeZone = 'Asia/Tokyo'"); // the machine's zone, not ingest's
    // T1 and T2 at 20:00 and 23:00 in Chicago on 1 March 2021 (02:00 and 05:00 UTC on 2 March).
    await con.run(`COPY (SELECT 'T' || CAST(i AS VARCHAR) AS incident_id,
  TIMESTAMPTZ '2021-03-02 02:00:00+00' + to_hours(CAST(3 * (i - 1) AS BIGINT)) AS date, 3 AS severity
FROM range(1, 3) r(i)) TO '${file}' (FORMAT parquet)`);
    await con.run((view ?? '').replace("'exports/incidents/*.parquet'", `'${file}'`));
    await con.run(`CREATE VIEW involvements AS SELECT * FROM (VALUES
  ('T1', 'A', 'offender'), ('T1', 'B', 'offender'), ('T2', 'A', 'offender'), ('T2', 'C', 'offender')
) v(incident_id, person_id, role)`);
    const involvements = [
      { incident_id: 'T1', person_id: 'A', role: 'offender' },
      { incident_id: 'T1', person_id: 'B', role: 'offender' },
      { incident_id: 'T2', person_id: 'A', role: 'offender' },
      { incident_id: 'T2', person_id: 'C', role: 'offender' },
    ];
    const mem = outcome(
      ingest(
        { incidents: await readParquet(readFileSync(file)), involvements },
        { now: '2030-01-01', timeZone: 'America/Chicago' },
      ),
    ).edges;
    const day = 18687; // 2021-03-01
    expect(mem).toEqual([
      `A|B|1|${day + 20 / 24}|${day + 20 / 24}`,
      `A|C|1|${day + 23 / 24}|${day + 23 / 24}`,
    ]);
    expect((await sqlEdges(con)).edges).toEqual(mem);
    // As of 2 March the two ties are in both paths (before: in ingest's only).
    expect((await sqlEdges(con, { asOf: '2021-03-02' })).edges).toEqual(mem);
  });
});

describe('a day or severity column that holds no number of days or severity', () => {
  // Before: a DATE, TIMESTAMP or text day stopped the queries with DuckDB's binder error
  // ("Cannot compare values of type DATE and type INTEGER_LITERAL"), and epoch(date) without
  // / 86400 (seconds) was read as days: 1.6e9 "days", six years of retention 36 minutes long,
  // ties and weights from it without a word.
  it('is refused by every runner, saying what to write in the view', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`CREATE VIEW involvements AS SELECT * FROM (VALUES
  ('I1', 'A', 'offender'), ('I1', 'B', 'offender')) v(incident_id, person_id, role)`);
    const view = (day: string) =>
      con.run(
        `CREATE OR REPLACE VIEW incidents AS SELECT 'I1' AS incident_id, ${day} AS day, 3 AS severity`,
      );
    const runners = [
      () => coOffendingEdgesSql(con),
      () => exposureCountsSql(con),
      () => validationCountsSql(con),
    ];
    for (const [day, type] of [
      ["DATE '2021-03-01'", 'DATE'],
      ["TIMESTAMP '2021-03-01 10:00'", 'TIMESTAMP'],
      ["'2021-03-01'", 'VARCHAR'],
    ]) {
      await view(day);
      for (const run of runners) {
        await expect(run()).rejects.toThrow(
          new RegExp(
            `incidents\\.day is ${type}: .*epoch\\(CAST\\(date AS TIMESTAMP\\)\\) / 86400 AS day`,
          ),
        );
      }
    }
    for (const [day, value] of [
      ["epoch(TIMESTAMP '2021-03-01')", 1614556800],
      ["epoch_ms(TIMESTAMP '2021-03-01')", 1614556800000],
    ] as const) {
      await view(day);
      for (const run of runners) {
        await expect(run()).rejects.toThrow(
          `incidents.day reaches ${value}, after the year 9999: the queries read days since 1970-01-01`,
        );
      }
    }
    // A severity as text (read_csv with all_varchar) or a boolean: before, DuckDB's 'Cannot mix
    // values of type VARCHAR and INTEGER_LITERAL in BETWEEN clause'.
    for (const [severity, type] of [
      ["'3'", 'VARCHAR'],
      ['true', 'BOOLEAN'],
    ]) {
      await con.run(
        `CREATE OR REPLACE VIEW incidents AS SELECT 'I1' AS incident_id, 18687 AS day, ${severity} AS severity`,
      );
      for (const run of runners) {
        await expect(run()).rejects.toThrow(
          new RegExp(
            `incidents\\.severity is ${type}: .*TRY_CAST\\(severity AS DOUBLE\\) AS severity \\(not INTEGER, which reads 2\\.5 as 3`,
          ),
        );
      }
    }
    // Days, whole or fractional, of any numeric type are read.
    for (const day of [
      '18687',
      'CAST(18687 AS BIGINT)',
      'CAST(18687.5 AS DECIMAL(8,1))',
      "epoch(TIMESTAMP '2021-03-01') / 86400",
    ]) {
      await view(day);
      expect((await sqlEdges(con)).edges).toEqual([
        `A|B|1|${day.includes('18687.5') ? 18687.5 : 18687}|${day.includes('18687.5') ? 18687.5 : 18687}`,
      ]);
    }
  });
});
