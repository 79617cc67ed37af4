import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { exposureCounts } from '../../src/contagion/exposure.js';
import { coOffendingEdgesSql, exposureCountsSql, loadDataset } from '../../src/duckdb/index.js';
import { coOffendingEdges } from '../../src/graph/co-offending-graph.js';
import { synthCity } from '../../src/synth/index.js';

// An asOf whose window holds no record (on or before the first record, or every record past the
// retention horizon) is refused by coOffendingEdges and exposureCounts (DataRefusedError
// 'outside-records'); the DuckDB helpers answered it with no ties and nobody exposed.
const { data } = synthCity({ people: 300, seed: 3 });

function refusal(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal');
}

describe('the DuckDB helpers refuse a window outside the records, as the in-memory functions', () => {
  const days = data.incidents.map((r) => String(r.date)).sort();
  const first = days[0];
  const last = days[days.length - 1];

  it('with the in-memory message, in their own name', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await loadDataset(con, data);
    for (const options of [
      { asOf: '2001-01-01' }, // before every record
      { asOf: first }, // on the first: records strictly before asOf only
      { asOf: '2045-01-01', retentionYears: 1 }, // every record past the horizon
    ]) {
      const mem = refusal(() => coOffendingEdges(data, options));
      expect(mem).toMatchObject({ name: 'DataRefusedError', code: 'outside-records' });
      await expect(coOffendingEdgesSql(con, options)).rejects.toMatchObject({
        name: 'DataRefusedError',
        code: 'outside-records',
        message: mem.message.replace(/^coOffendingEdges /, 'coOffendingEdgesSql '),
      });
      const memExposure = refusal(() => exposureCounts(data, options));
      await expect(exposureCountsSql(con, options)).rejects.toMatchObject({
        name: 'DataRefusedError',
        code: 'outside-records',
        message: memExposure.message.replace(/^exposureCounts /, 'exposureCountsSql '),
      });
    }
    const before = refusal(() => coOffendingEdges(data, { asOf: '2001-01-01' }));
    expect(before.message).toBe(
      `coOffendingEdges refused: no records before the as-of date 2001-01-01 (the records run from ${first.slice(0, 10)} to ${last.slice(0, 10)}); choose a later asOf.`,
    );
  });

  it('answers windows that hold records as before', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await loadDataset(con, data);
    for (const options of [{}, { asOf: '2025-01-01' }, { asOf: last, retentionYears: 1 }]) {
      const sql = await coOffendingEdgesSql(con, options);
      expect(sql.source.length).toBe(coOffendingEdges(data, options).source.length);
      expect(sql.source.length).toBeGreaterThan(0);
      const e = await exposureCountsSql(con, options);
      const mem = exposureCounts(data, options);
      let exposed = 0;
      for (let i = 0; i < mem.exposed1.length; i++)
        if (mem.exposed1[i] + mem.exposed2[i] > 0) exposed++;
      expect(e.personIds.length).toBe(exposed);
    }
  });
});
