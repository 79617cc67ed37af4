/**
 * The DuckDB path (issue 17): equality with the in-memory path on a ~1M-involvement export, and
 * the projection of a 50M-involvement export out of core. Each mode is its own process, so peak
 * RSS (`process.resourceUsage().maxRSS`, or `/usr/bin/time -v`) is its own.
 *
 *   # 1. equality: synthCity → Parquet; DuckDB (reading the Parquet) against coOffendingEdges /
 *   #    exposureCounts on the same city, tie by tie and person by person
 *   node --max-old-space-size=8000 --import tsx bench/duckdb.ts sample 60000 /tmp/vc-sample
 *   # 2. a synthetic export written by DuckDB straight to Parquet (no JS rows)
 *   node --import tsx bench/duckdb.ts generate 50000000 /tmp/vc-50m
 *   # 3. the projection (and exposure) out of core: memory_limit, temp_directory, 2 threads
 *   /usr/bin/time -v node --import tsx bench/duckdb.ts project /tmp/vc-50m 8GB
 *   /usr/bin/time -v node --import tsx bench/duckdb.ts project /tmp/vc-50m 2GB edges  # forced to spill
 *   # 4. the in-memory path (readParquet, ingest, index, coOffendingEdges) on the same recipe
 *   /usr/bin/time -v node --max-old-space-size=12000 --import tsx bench/duckdb.ts inmemory 4000000
 *   #    and what it holds per involvement once built (to extrapolate to 50M)
 *   node --expose-gc --max-old-space-size=12000 --import tsx bench/duckdb.ts memory 1000000
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { exposureCounts } from '../src/contagion/exposure.js';
import { indexDataset } from '../src/core/dataset-index.js';
import {
  coOffendingEdgesSql,
  exposureCountsSql,
  loadDataset,
  synthExportSql,
  validationCountsSql,
} from '../src/duckdb/index.js';
import { coOffendingEdges } from '../src/graph/co-offending-graph.js';
import { synthCity } from '../src/synth/index.js';

const [mode, arg, dirArg, limitArg] = process.argv.slice(2);
const gib = (b: number) => b / 2 ** 30;
const peak = () => gib(process.resourceUsage().maxRSS * 1024);

/** Wall and CPU seconds (all threads of this process: DuckDB's included) of an async step. */
async function step<T>(name: string, f: () => Promise<T> | T): Promise<T> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const u = process.cpuUsage(c);
  const wall = (performance.now() - t) / 1000;
  const cpu = (u.user + u.system) / 1e6;
  console.log(
    JSON.stringify({
      step: name,
      wall_s: +wall.toFixed(2),
      cpu_s: +cpu.toFixed(2),
      peak_rss_gib: +peak().toFixed(2),
    }),
  );
  return value;
}

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

async function views(con: Awaited<ReturnType<DuckDBInstance['connect']>>, dir: string) {
  await con.run(`CREATE OR REPLACE VIEW incidents AS SELECT * FROM '${dir}/incidents.parquet'`);
  await con.run(
    `CREATE OR REPLACE VIEW involvements AS SELECT * FROM '${dir}/involvements.parquet'`,
  );
}

if (mode === 'sample') {
  const people = Number(arg ?? 60_000);
  const dir = dirArg ?? '/tmp/vc-sample';
  mkdirSync(dir, { recursive: true });
  const { data } = await step('synthCity', () =>
    synthCity({ people, seed: 7, feud: { rivalries: 60 } }),
  );
  console.log(
    JSON.stringify({
      people,
      incidents: data.incidents.length,
      involvements: data.involvements.length,
    }),
  );
  {
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    await step('write Parquet (loadDataset + COPY)', async () => {
      await loadDataset(con, data);
      await con.run(`COPY incidents TO '${dir}/incidents.parquet' (FORMAT parquet)`);
      await con.run(`COPY involvements TO '${dir}/involvements.parquet' (FORMAT parquet)`);
    });
    con.closeSync();
  }
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await db.connect();
  await views(con, dir);
  const asOf = '2023-06-01';
  const sqlEdges = await step('DuckDB: co-offending edges from Parquet', () =>
    coOffendingEdgesSql(con, { asOf }),
  );
  const index = await step('in memory: dataset index', () => indexDataset(data));
  const memEdges = await step('in memory: coOffendingEdges', () =>
    coOffendingEdges(index, { asOf }),
  );
  // Tie by tie: both lists sorted by (smaller id, larger id).
  const ids = memEdges.index.personIds;
  const mem = Array.from(memEdges.source.keys(), (e) => {
    const [s, t] = [ids[memEdges.source[e]], ids[memEdges.target[e]]];
    return s < t ? { a: s, b: t, e } : { a: t, b: s, e };
  }).sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  let edgeMismatch = 0;
  let maxWeightRel = 0;
  if (mem.length !== sqlEdges.source.length) edgeMismatch = -1;
  else
    for (let i = 0; i < mem.length; i++) {
      const m = mem[i];
      const ok =
        sqlEdges.personIds[sqlEdges.source[i]] === m.a &&
        sqlEdges.personIds[sqlEdges.target[i]] === m.b &&
        sqlEdges.count[i] === memEdges.count[m.e] &&
        sqlEdges.first[i] === memEdges.first[m.e] &&
        sqlEdges.last[i] === memEdges.last[m.e];
      if (!ok) edgeMismatch++;
      maxWeightRel = Math.max(
        maxWeightRel,
        Math.abs(sqlEdges.weight[i] - memEdges.weight[m.e]) / memEdges.weight[m.e],
      );
    }
  console.log(
    JSON.stringify({
      ties_sql: sqlEdges.source.length,
      ties_memory: mem.length,
      edgeMismatch,
      maxWeightRel,
    }),
  );
  for (const tiesAt of ['harm', 'asOf'] as const) {
    const sqlExp = await step(`DuckDB: exposure (tiesAt ${tiesAt}) from Parquet`, () =>
      exposureCountsSql(con, { asOf, tiesAt }),
    );
    const memExp = await step(`in memory: exposureCounts (tiesAt ${tiesAt})`, () =>
      exposureCounts(index, { asOf, tiesAt }),
    );
    let j = 0;
    let mismatch = 0;
    let maxRel = 0;
    for (let i = 0; i < memExp.ids.length; i++) {
      if (memExp.exposed1[i] + memExp.exposed2[i] === 0) continue;
      const ok =
        sqlExp.personIds[j] === memExp.ids[i] &&
        sqlExp.exposed1[j] === memExp.exposed1[i] &&
        sqlExp.exposed2[j] === memExp.exposed2[i] &&
        sqlExp.lastExposureDay[j] === memExp.lastExposureDay[i];
      if (!ok) mismatch++;
      maxRel = Math.max(
        maxRel,
        Math.abs(sqlExp.weighted[j] - memExp.weighted[i]) / memExp.weighted[i],
      );
      j++;
    }
    console.log(
      JSON.stringify({
        tiesAt,
        exposed_sql: sqlExp.personIds.length,
        exposed_memory: j,
        mismatch,
        maxWeightedRel: maxRel,
      }),
    );
  }
  rmSync(dir, { recursive: true, force: true });
} else if (mode === 'generate') {
  const involvements = Number(arg ?? 50_000_000);
  const dir = dirArg ?? '/tmp/vc-50m';
  mkdirSync(dir, { recursive: true });
  const s = synthExportSql({ involvements });
  const db = await DuckDBInstance.create(':memory:', {
    threads: '2',
    memory_limit: limitArg ?? '4GB',
    temp_directory: join(dir, 'tmp'),
  });
  const con = await db.connect();
  await step('generate incidents.parquet', () =>
    con.run(`COPY (${s.incidents}) TO '${dir}/incidents.parquet' (FORMAT parquet)`),
  );
  await step('generate involvements.parquet', () =>
    con.run(`COPY (${s.involvements}) TO '${dir}/involvements.parquet' (FORMAT parquet)`),
  );
  rmSync(join(dir, 'tmp'), { recursive: true, force: true });
  console.log(
    JSON.stringify({
      incidents: s.incidentCount,
      people: s.people,
      parquet_gib: +gib(dirSize(dir)).toFixed(2),
    }),
  );
} else if (mode === 'project') {
  const dir = arg ?? '/tmp/vc-50m';
  const limit = dirArg ?? '8GB';
  const tmp = join(dir, 'tmp');
  const db = await DuckDBInstance.create(':memory:', {
    threads: '2',
    memory_limit: limit,
    temp_directory: tmp,
  });
  const con = await db.connect();
  await views(con, dir);
  const only = limitArg; // 'edges': the projection alone
  if (only !== 'edges') {
    const counts = await step('validation counts', () => validationCountsSql(con));
    console.log(JSON.stringify(counts));
  }
  let tempPeak = 0;
  const watch = setInterval(() => {
    try {
      tempPeak = Math.max(tempPeak, dirSize(tmp));
    } catch {}
  }, 2000);
  const edges = await step('co-offending edges (SQL, handed to JS as typed arrays)', () =>
    coOffendingEdgesSql(con),
  );
  console.log(
    JSON.stringify({ people_on_ties: edges.personIds.length, ties: edges.source.length }),
  );
  if (only !== 'edges') {
    const exp = await step('exposure counts (SQL, tiesAt harm, distance 2)', () =>
      exposureCountsSql(con),
    );
    console.log(JSON.stringify({ exposed: exp.personIds.length }));
  }
  clearInterval(watch);
  console.log(JSON.stringify({ memory_limit: limit, temp_peak_gib: +gib(tempPeak).toFixed(2) }));
  rmSync(tmp, { recursive: true, force: true });
} else if (mode === 'inmemory') {
  // The in-memory path itself on the same recipe: the export as Parquet with a date column,
  // read with readParquet, validated by ingest, indexed, projected by coOffendingEdges. Peak RSS
  // per involvement, extrapolated, is what 50M would need on this path.
  const involvements = Number(arg ?? 4_000_000);
  const dir = dirArg ?? '/tmp/vc-inmemory';
  mkdirSync(dir, { recursive: true });
  const s = synthExportSql({ involvements });
  await step('write Parquet with a date column (DuckDB)', async () => {
    const con = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
    await con.run(
      `COPY (SELECT incident_id, strftime(DATE '1970-01-01' + CAST(day AS INTEGER), '%Y-%m-%d') AS date, '' AS offence, severity FROM (${s.incidents})) TO '${dir}/incidents.parquet' (FORMAT parquet)`,
    );
    await con.run(`COPY (${s.involvements}) TO '${dir}/involvements.parquet' (FORMAT parquet)`);
    con.closeSync();
  });
  const { readFileSync } = await import('node:fs');
  const { ingest, readParquet } = await import('../src/ingest/index.js');
  const baseline = process.memoryUsage().rss;
  const input = await step('readParquet (hyparquet)', async () => ({
    incidents: await readParquet(readFileSync(`${dir}/incidents.parquet`)),
    involvements: await readParquet(readFileSync(`${dir}/involvements.parquet`)),
  }));
  const { data } = await step('ingest (validate every row)', () =>
    ingest(input as never, { now: '2025-01-01' }),
  );
  const index = await step('dataset index', () => indexDataset(data));
  const edges = await step('coOffendingEdges', () => coOffendingEdges(index));
  const n = data.involvements.length;
  const peakBytes = process.resourceUsage().maxRSS * 1024;
  const bytes = peakBytes - baseline; // the path's own peak, above the process it started in
  console.log(
    JSON.stringify({
      involvements: n,
      incidents: data.incidents.length,
      ties: edges.source.length,
      peak_rss_gib: +gib(peakBytes).toFixed(2),
      baseline_rss_gib: +gib(baseline).toFixed(2),
      bytes_per_involvement: Math.round(bytes / n),
      at_50M_gib: +gib((bytes / n) * 50e6).toFixed(1),
    }),
  );
  rmSync(dir, { recursive: true, force: true });
} else if (mode === 'memory') {
  // The in-memory path's own footprint per involvement, on the same recipe as the 50M export:
  // the rows as `ingest` returns them (a Dataset), the dataset index and the co-offending edges.
  // A lower bound for the path from a file: `ingest` also holds the raw rows while it works.
  const involvements = Number(arg ?? 1_000_000);
  const s = synthExportSql({ involvements });
  const con = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  const gc = (globalThis as { gc?: () => void }).gc!;
  const readDataset = async () => {
    const inc = (await con.runAndReadAll(`${s.incidents} ORDER BY i`)).getColumnsJS() as [
      string[],
      number[],
      number[],
    ];
    const data = {
      incidents: inc[0].map((incident_id, k) => ({
        incident_id,
        date: new Date(inc[1][k] * 864e5).toISOString().slice(0, 10),
        day: inc[1][k],
        offence: '',
        severity: inc[2][k] as 0 | 1 | 2 | 3 | 4,
      })),
      involvements: [] as {
        incident_id: string;
        person_id: string;
        role: 'offender' | 'victim' | 'other';
      }[],
      people: [],
    };
    const [incId, person, role] = (
      await con.runAndReadAll(s.involvements)
    ).getColumnsJS() as string[][];
    for (let e = 0; e < incId.length; e++)
      data.involvements.push({
        incident_id: incId[e],
        person_id: person[e],
        role: role[e] as 'offender',
      });
    return data;
  };
  gc();
  const before = process.memoryUsage();
  const data = await readDataset();
  gc();
  const rows = process.memoryUsage();
  const index = indexDataset(data as never);
  const edges = coOffendingEdges(index);
  gc();
  const after = process.memoryUsage();
  const held = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const heap = held(after) - held(before);
  const n = data.involvements.length;
  console.log(
    JSON.stringify({
      involvements: n,
      incidents: data.incidents.length,
      ties: edges.source.length,
      rows_gib: +gib(held(rows) - held(before)).toFixed(2),
      rows_index_edges_gib: +gib(heap).toFixed(2),
      bytes_per_involvement: Math.round(heap / n),
      at_50M_gib: +gib((heap / n) * 50e6).toFixed(1),
      peak_rss_gib: +peak().toFixed(2),
    }),
  );
}
