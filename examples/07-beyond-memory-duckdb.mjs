// Beyond memory: validation counts, the co-offending projection and exposure as SQL in embedded
// DuckDB (out of core, capped memory), on a synthetic export written straight to Parquet.
//   node examples/07-beyond-memory-duckdb.mjs            # 200,000 involvements, seconds
//   node examples/07-beyond-memory-duckdb.mjs 50000000   # 50M involvements (see bench/results/duckdb.md)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  coOffendingEdgesSql,
  exposureCountsSql,
  synthExportSql,
  validationCountsSql,
} from '../dist/duckdb/index.js';
import { csrFromArrays, pagerank } from '../dist/index.js';

const involvements = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'vc-duckdb-'));
const db = await DuckDBInstance.create(':memory:', {
  memory_limit: '8GB', // DuckDB spills to temp_directory beyond this
  temp_directory: join(dir, 'spill'),
  threads: '2',
});
const con = await db.connect();

// A synthetic police export as Parquet, generated inside DuckDB (yours would already exist).
const recipe = synthExportSql({ involvements, seed: 1 });
for (const table of ['incidents', 'involvements']) {
  const file = join(dir, `${table}.parquet`);
  await con.run(`COPY (${recipe[table]}) TO '${file}' (FORMAT parquet)`);
  await con.run(`CREATE VIEW ${table} AS SELECT * FROM '${file}'`);
}

// What ingest would reject, counted over the whole export.
const c = await validationCountsSql(con);
console.log(`${c.involvements} involvements, ${c.incidents} incidents`);
console.log(
  `would be rejected: ${c.incidentsLeftOut} incidents, ${c.involvementsLeftOut} involvements`,
);

// The co-offending projection, handed over as typed arrays; the library measures them.
const edges = await coOffendingEdgesSql(con, { halfLifeDays: 365 });
console.log(`${edges.personIds.length} people, ${edges.source.length} ties`);
const csr = csrFromArrays(edges.personIds, edges.source, edges.target, edges.weight);
const rank = pagerank.values(csr);
let top = 0;
for (let i = 1; i < rank.length; i++) if (rank[i] > rank[top]) top = i;
console.log(`highest PageRank: ${csr.ids[top]}`);

// Exposure to serious harm in the last 180 days, one and two ties away, as SQL.
const e = await exposureCountsSql(con, { windowDays: 180, maxDistance: 2 });
let near = 0;
for (let i = 0; i < e.personIds.length; i++) if (e.exposed1[i] > 0) near++;
console.log(`${e.personIds.length} people exposed, ${near} of them one tie away`);

con.closeSync();
rmSync(dir, { recursive: true, force: true });
