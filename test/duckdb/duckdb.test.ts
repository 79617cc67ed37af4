import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { exposure, exposureCounts } from '../../src/contagion/exposure.js';
import { OptionError } from '../../src/core/errors.js';
import type { Dataset } from '../../src/core/types.js';
import {
  coOffendingEdgesSql,
  coOffendingSql,
  exposureCountsSql,
  exposureSql,
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
      disagreeingIncidentIds: 0,
      mixedSeverityIncidentIds: 0,
      missingIncident: 0,
      unknownIncident: 0,
      decimalIncidentIds: 0,
      missingPerson: 0,
      unknownRole: 0,
      missingDay: 0,
      incidentsLeftOut: 0,
      conflictingRoles: 0,
      involvementsLeftOut: 0,
    });
    await con.run(
      "INSERT INTO involvements VALUES ('nope', 'P1', 'offender'), ('nope', '', 'boss')",
    );
    const bad = await validationCountsSql(con);
    expect([bad.unknownIncident, bad.missingPerson, bad.unknownRole]).toEqual([2, 1, 1]);
    expect(bad.involvementsLeftOut).toBe(2);
  });
  it('exposureCountsSql equals exposure / exposureCounts person by person (timed and untimed incidents)', async () => {
    // A third of the incidents get a time of day, so "certainly before the harm" is tested on
    // both of its branches (same calendar day with and without times).
    const timed: Dataset = {
      ...data,
      incidents: data.incidents.map((x, i) => {
        if (i % 3 !== 0) return x;
        const minutes = 1 + ((i * 389) % 1438);
        const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
        const mm = String(minutes % 60).padStart(2, '0');
        return { ...x, date: `${x.date}T${hh}:${mm}:00Z`, day: x.day + minutes / 1440 };
      }),
    };
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    let compared = 0;
    for (const [dataset, options] of [
      [data, { asOf: '2023-06-01' }],
      [timed, { asOf: '2023-06-01' }],
      [timed, { asOf: '2022-11-15', windowDays: 365, minSeverity: 2, halfLifeDays: 30 }],
      [timed, { asOf: '2023-06-01', tiesAt: 'asOf' }],
      [data, { maxDistance: 1, retentionYears: 2, tieHalfLifeDays: 100 }],
      [timed, { tiesAt: 'asOf', maxDistance: 1, retentionYears: Number.POSITIVE_INFINITY }],
    ] as const) {
      await loadDataset(con, dataset);
      const sql = await exposureCountsSql(con, { ...options, via: true });
      const mem = exposureCounts(dataset, options);
      const table = exposure(dataset, options).objects() as { person_id: string; via: string[] }[];
      const viaOf = new Map(table.map((r) => [r.person_id, r.via]));
      const exposed = mem.ids
        .map((id, i) => [id, i] as const)
        .filter(([, i]) => mem.exposed1[i] + mem.exposed2[i] > 0);
      expect(sql.personIds).toEqual(exposed.map(([id]) => id));
      expect(exposed.length).toBeGreaterThan(20);
      exposed.forEach(([id, i], j) => {
        expect([sql.exposed1[j], sql.exposed2[j]]).toEqual([mem.exposed1[i], mem.exposed2[i]]);
        // DuckDB sums in another order: equal to rounding.
        expect(Math.abs(sql.weighted[j] - mem.weighted[i])).toBeLessThan(1e-12 * mem.weighted[i]);
        expect(sql.lastExposureDay[j]).toBe(mem.lastExposureDay[i]);
        expect(sql.via![j]).toEqual(viaOf.get(id));
      });
      compared += exposed.length;
    }
    expect(compared).toBeGreaterThan(500);
    // The query text runs as it is (what a DuckDB CLI user pastes).
    const text = await con.runAndReadAll(exposureSql({ maxDistance: 1 }));
    expect(text.columnNames()).toEqual([
      'person_id',
      'exposed_1',
      'exposed_2',
      'weighted',
      'last_exposure_day',
      'via',
    ]);
    expect(() => exposureSql({ windowDay: 30 } as never)).toThrow(/windowDays/);
  });
  it("the guide's SQL is what coOffendingSql / exposureSql print, and it runs as pasted", async () => {
    const guide = readFileSync(new URL('../../docs/guide/duckdb.md', import.meta.url), 'utf8');
    const blocks = [...guide.matchAll(/```sql\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    const co = coOffendingSql({ asOf: '2024-01-01' });
    const ex = exposureSql({ asOf: '2024-01-01' });
    expect(blocks).toContain(co);
    expect(blocks).toContain(ex);
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    await loadDataset(con, data);
    const ties = await con.runAndReadAll(co);
    const mem = coOffendingEdges(data, { asOf: '2024-01-01' });
    expect(ties.currentRowCount).toBe(mem.source.length);
    const exposed = await con.runAndReadAll(ex);
    const counts = exposureCounts(data, { asOf: '2024-01-01' });
    let n = 0;
    for (let i = 0; i < counts.ids.length; i++)
      if (counts.exposed1[i] + counts.exposed2[i] > 0) n++;
    expect(exposed.currentRowCount).toBe(n);
  });
  it('checks its options (table names are identifiers, unknown options are named)', () => {
    expect(() => coOffendingSql({ incidents: 'x; DROP TABLE y' })).toThrow(OptionError);
    expect(() => coOffendingSql({ halfLife: 3 } as never)).toThrow(/halfLifeDays/);
  });

  it('calls made at once on one connection give what one at a time gives', async () => {
    // Before: Promise.all of three calls interleaved their streamed results (and the temporary
    // tables of coOffendingEdgesSql): on a 3,000-person city, 0, 0, 0 ties (or an error) for
    // 3,893, 6,846 and 10,126, and exposure lists of 0, 0 and 948 people for 71, 183 and 948.
    const city = synthCity({ people: 3000, years: 6, seed: 1 }).data;
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    await loadDataset(con, city);
    const dates = ['2019-06-01', '2021-01-01', '2023-01-01'];
    const ties: number[] = [];
    const exposed: number[] = [];
    for (const asOf of dates) {
      ties.push((await coOffendingEdgesSql(con, { asOf })).source.length);
      exposed.push((await exposureCountsSql(con, { asOf })).personIds.length);
    }
    expect(Math.min(...ties, ...exposed)).toBeGreaterThan(0);
    for (let round = 0; round < 3; round++) {
      const [a, b, c] = await Promise.all([
        Promise.all(dates.map((asOf) => coOffendingEdgesSql(con, { asOf }))),
        Promise.all(dates.map((asOf) => exposureCountsSql(con, { asOf }))),
        validationCountsSql(con),
      ]);
      expect(a.map((e) => e.source.length)).toEqual(ties);
      expect(b.map((e) => e.personIds.length)).toEqual(exposed);
      expect(c.involvementsLeftOut).toBe(0);
    }
  });
});
