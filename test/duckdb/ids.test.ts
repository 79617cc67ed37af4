// Ids as ingest reads them, in the SQL queries: trimmed of every white space JavaScript's trim()
// removes (tabs, non-breaking spaces…), in Unicode's composed form (NFC), and an id in Excel's
// scientific notation refused (its digits are lost). Before, the SQL trimmed only spaces and
// read 'Jose' + a combining accent and 'José' as two people, 'B\t' and 'B' as two.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { exposureCounts } from '../../src/contagion/exposure.js';
import {
  coOffendingEdgesSql,
  exposureCountsSql,
  validationCountsSql,
} from '../../src/duckdb/index.js';
import { coOffendingEdges } from '../../src/graph/co-offending-graph.js';
import { ingest } from '../../src/ingest/ingest.js';

const incidents = [
  { incident_id: 'I1', date: '2023-01-02', severity: 3 },
  { incident_id: 'I2', date: '2023-01-03', severity: 3 },
  { incident_id: 'I3', date: '2023-01-04', severity: 3 },
  { incident_id: 'I4', date: '2023-01-05', severity: 3 },
  { incident_id: '\u00a0I5\t', date: '2023-01-06', severity: 3 },
  { incident_id: '1E+12', date: '2023-01-07', severity: 3 }, // Excel's notation: refused
  { incident_id: 'I6', date: '2023-01-08', severity: 3 },
];
const involvements = [
  ['I1', 'Jose\u0301', 'offender'], // NFD: e + combining acute
  ['I1', 'B', 'offender'],
  ['I2', 'Jos\u00e9', 'offender'], // NFC: the same person
  ['I2', 'B', 'offender'],
  ['I3', 'C\u00a0', 'offender'], // no-break space
  ['I3', '\u3000B\t', 'offender'],
  ['I4', '1.23457E+11', 'offender'], // Excel's notation: refused
  ['I4', 'B', 'offender'],
  ['I4', 'D', 'offender'],
  ['I5', 'E', 'offender'],
  ['I5', 'F\r', 'victim'],
  ['\u2003I5', 'G', 'offender'],
  ['1E+12', 'H', 'offender'],
  ['1E+12', 'K', 'offender'],
  ['I6', 'E\u00a0', 'victim'],
  ['I2', '1E5', 'offender'], // an ordinary id (no '+'), not Excel's notation
].map(([incident_id, person_id, role]) => ({ incident_id, person_id, role }));

async function connect() {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run('CREATE TABLE incidents (incident_id VARCHAR, day DOUBLE, severity INTEGER)');
  await con.run('CREATE TABLE involvements (incident_id VARCHAR, person_id VARCHAR, role VARCHAR)');
  const a = await con.createAppender('incidents');
  for (const x of incidents) {
    a.appendVarchar(x.incident_id);
    a.appendDouble(Date.parse(x.date) / 864e5);
    a.appendInteger(x.severity);
    a.endRow();
  }
  a.closeSync();
  const b = await con.createAppender('involvements');
  for (const v of involvements) {
    b.appendVarchar(v.incident_id);
    b.appendVarchar(v.person_id);
    b.appendVarchar(v.role);
    b.endRow();
  }
  b.closeSync();
  return con;
}

describe('duckdb: ids as ingest reads them (white space, NFC, Excel scientific notation)', () => {
  const result = ingest({ incidents, involvements }, { now: '2024-01-01' });

  it('the ties equal ingest + coOffendingEdges', async () => {
    const mem = coOffendingEdges(result.data);
    const ids = mem.index.personIds;
    const want = Array.from(mem.source, (s, i) =>
      [ids[s], ids[mem.target[i]]].sort().concat(String(mem.count[i])).join('|'),
    ).sort();
    expect(want).toEqual(['1E5|B|1', '1E5|José|1', 'B|C|1', 'B|D|1', 'B|José|2', 'E|G|1']);
    const e = await coOffendingEdgesSql(await connect());
    const got = Array.from(e.source, (s, i) =>
      [e.personIds[s], e.personIds[e.target[i]], String(e.count[i])].join('|'),
    ).sort();
    expect(got).toEqual(want);
  });

  it('exposure reads the same ids', async () => {
    // E, a victim of I6, offended with G in I5 (incident '\u00a0I5\t', involvement '\u2003I5').
    const options = { asOf: '2023-02-01', maxDistance: 1 } as const;
    const e = await exposureCountsSql(await connect(), options);
    const mem = exposureCounts(result.data, options);
    expect(e.personIds).toEqual(mem.ids.filter((_, i) => mem.exposed1[i] > 0));
    expect(e.personIds).toEqual(['G']);
  });

  it('validationCountsSql counts the Excel ids with the missing ones', async () => {
    expect(await validationCountsSql(await connect())).toMatchObject({
      duplicateIncidentIds: 0,
      unknownIncident: 0, // '\u2003I5' is I5
      missingPerson: 1, // '1.23457E+11'
      incidentsLeftOut: 1, // '1E+12'
    });
    // Rows without an incident id are left out as such, not counted as a duplicated id.
    const con = await connect();
    await con.run(
      "INSERT INTO incidents VALUES ('', 19400, 3), (' ', 19401, 3), ('NULL', 19402, 3), ('null', 19403, 3)",
    );
    expect(await validationCountsSql(con)).toMatchObject({
      duplicateIncidentIds: 0,
      incidentsLeftOut: 5,
    });
  });
});
