import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import {
  coOffendingEdgesSql,
  coOffendingSql,
  loadDataset,
  validationCountsSql,
} from '../../src/duckdb/index.js';
import { coOffendingEdges } from '../../src/graph/co-offending-graph.js';
import { synthCity } from '../../src/synth/index.js';

// The DuckDB path's co-offending projection must give the in-memory path's ties.
const { data } = synthCity({ people: 2000, seed: 11, feud: { rivalries: 5 } });

describe('violence-contagion/duckdb', () => {
  it('coOffendingEdgesSql equals coOffendingEdges tie by tie (count, weight, first, last)', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await loadDataset(con, data);
    for (const options of [
      { asOf: '2023-06-01' },
      { asOf: '2022-03-01', retentionYears: 1, halfLifeDays: 90 },
      {},
    ]) {
      const sql = await coOffendingEdgesSql(con, options);
      const mem = coOffendingEdges(data, options);
      const ids = mem.index.personIds;
      const key = (s: string, t: string) => (s < t ? `${s}|${t}` : `${t}|${s}`);
      const want = new Map<string, number[]>();
      for (let e = 0; e < mem.source.length; e++)
        want.set(key(ids[mem.source[e]], ids[mem.target[e]]), [
          mem.count[e],
          mem.weight[e],
          mem.first[e],
          mem.last[e],
        ]);
      expect(sql.source.length).toBe(want.size);
      expect(want.size).toBeGreaterThan(100);
      for (let e = 0; e < sql.source.length; e++) {
        const w = want.get(key(sql.personIds[sql.source[e]], sql.personIds[sql.target[e]]));
        expect(w).toBeDefined();
        expect(sql.count[e]).toBe(w![0]);
        expect(Math.abs(sql.weight[e] - w![1])).toBeLessThan(1e-12 * Math.max(1, w![1]));
        expect(sql.first[e]).toBe(w![2]);
        expect(sql.last[e]).toBe(w![3]);
      }
    }
    const counts = await validationCountsSql(con);
    expect(counts).toEqual({
      incidents: data.incidents.length,
      involvements: data.involvements.length,
      duplicateIncidentIds: 0,
      unknownIncident: 0,
      missingPerson: 0,
      unknownRole: 0,
      missingDay: 0,
    });
    await con.run(
      "INSERT INTO involvements VALUES ('nope', 'P1', 'offender'), ('nope', '', 'boss')",
    );
    const bad = await validationCountsSql(con);
    expect([bad.unknownIncident, bad.missingPerson, bad.unknownRole]).toEqual([2, 1, 1]);
  });
  it('checks its options (table names are identifiers, unknown options are named)', () => {
    expect(() => coOffendingSql({ incidents: 'x; DROP TABLE y' })).toThrow(OptionError);
    expect(() => coOffendingSql({ halfLife: 3 } as never)).toThrow(/halfLifeDays/);
  });
});
