// An involvement naming incident '388.0' where the incidents have '388' (pandas writes a number
// column with empty cells as decimals): ingest rejects it with a reason naming the id the
// incidents have; the DuckDB queries left it out counted only as an unknown incident.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { validationCountsSql } from '../../src/duckdb/index.js';
import { ingest } from '../../src/ingest/ingest.js';

describe("validationCountsSql counts incident ids written '388.0' beside '388'", () => {
  it('as ingest tells them, both ways round, and not other unknown ids', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run('CREATE TABLE incidents (incident_id VARCHAR, day DOUBLE, severity INTEGER)');
    await con.run(
      "INSERT INTO incidents VALUES ('388', 19360, 3), ('389.0', 19361, 3), ('390', 19362, 2)",
    );
    await con.run(
      'CREATE TABLE involvements (incident_id VARCHAR, person_id VARCHAR, role VARCHAR)',
    );
    await con.run(`INSERT INTO involvements VALUES
      ('388.0', 'A', 'offender'), ('388.00', 'B', 'offender'), ('389', 'C', 'offender'),
      ('390', 'D', 'offender'), ('391', 'E', 'offender'), ('39O', 'F', 'offender')`);
    const counts = await validationCountsSql(con);
    expect([counts.unknownIncident, counts.decimalIncidentIds]).toEqual([5, 3]);
    expect(counts.involvementsLeftOut).toBe(5);
    // ingest on the same rows: the same three rejections say so.
    const r = ingest(
      {
        incidents:
          'incident_id,date,severity\n388,2023-01-02,3\n389.0,2023-01-03,3\n390,2023-01-04,2\n',
        involvements:
          'incident_id,person_id,role\n388.0,A,offender\n388.00,B,offender\n389,C,offender\n390,D,offender\n391,E,offender\n39O,F,offender\n',
      },
      { now: '2025-01-01' },
    );
    const told = r.rejected.filter((p) => p.reason.includes('ids are compared as text'));
    expect(told.map((p) => p.value)).toEqual(['388.0', '388.00', '389']);
    expect(r.summary.tables.involvements.rejected).toBe(5);
  });
});
