/**
 * Ingest from columnar files (issue 17): Parquet (readParquet, hyparquet) and Arrow IPC
 * (flechette) against rows of objects, on a synthetic city's export. Each mode runs in its own
 * process so peak RSS is its own.
 *
 *   npx tsx bench/columnar-ingest.ts prepare 100000 [incidentsPerPersonYear]   # writes bench/data/city-<n>.{parquet,arrow} files
 *   /usr/bin/time -v node --max-old-space-size=8000 --import tsx bench/columnar-ingest.ts parquet 100000
 *   /usr/bin/time -v node --max-old-space-size=8000 --import tsx bench/columnar-ingest.ts arrow 100000
 *   … arrow 100000 rows     # the same tables through the row path (ingestRows), for comparison
 *
 * Prints read and ingest CPU (process.cpuUsage: all threads, GC included) and wall seconds, peak
 * RSS and the load average before and after (the machine is shared: CPU is the figure to compare).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tableFromArrays, tableFromIPC, tableToIPC } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ingest, readParquet } from '../src/ingest/index.js';
import { ingestRows } from '../src/ingest/ingest.js';
import { synthCity } from '../src/synth/index.js';
import { time } from './timing.js';

const [mode, peopleArg, rateArg] = process.argv.slice(2);
const path = rateArg === 'rows' ? 'rows' : 'columnar';
const people = Number(peopleArg ?? 100_000);
const base = `bench/data/city-${people}`;
const tables = ['incidents', 'involvements', 'people'] as const;

function columnsOf(rows: readonly object[]): Record<string, unknown[]> {
  const names = [...new Set(rows.slice(0, 1000).flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    names.map((n) => [n, rows.map((r) => (r as Record<string, unknown>)[n] ?? null)]),
  );
}

if (mode === 'prepare') {
  mkdirSync('bench/data', { recursive: true });
  const incidentsPerPersonYear = Number(rateArg ?? 1.5);
  const { data } = synthCity({ people, incidentsPerPersonYear, seed: 1, feud: { rivalries: 100 } });
  const raw = {
    incidents: data.incidents.map(({ day: _d, ...rest }) => rest),
    involvements: data.involvements,
    people: data.people,
  };
  for (const t of tables) {
    const cols = columnsOf(raw[t]);
    writeFileSync(
      `${base}-${t}.parquet`,
      Buffer.from(
        parquetWriteBuffer({
          columnData: Object.entries(cols).map(([name, d]) => ({ name, data: d })),
        }),
      ),
    );
    writeFileSync(`${base}-${t}.arrow`, tableToIPC(tableFromArrays(cols), {})!);
  }
  console.log(`${raw.involvements.length} involvement rows written to ${base}-*.{parquet,arrow}`);
} else {
  const loadBefore = loadavg();
  const input: Record<string, unknown> = {};
  let readCpu = 0;
  let readWall = 0;
  for (const t of tables) {
    const bytes = readFileSync(`${base}-${t}.${mode === 'arrow' ? 'arrow' : 'parquet'}`);
    const r = await timeAsync(async () =>
      mode === 'arrow' ? tableFromIPC(bytes) : await readParquet(bytes),
    );
    input[t] = r.value;
    readCpu += r.cpuMs / 1000;
    readWall += r.ms / 1000;
  }
  const r = time(() =>
    (path === 'rows' ? ingestRows : ingest)(input as never, { now: '2030-01-01' }),
  );
  const rss = process.resourceUsage().maxRSS / 2 ** 20;
  console.log(
    JSON.stringify({
      mode,
      path,
      people,
      rows: r.value.summary.totals,
      read_cpu_s: readCpu,
      read_wall_s: readWall,
      ingest_cpu_s: r.cpuMs / 1000,
      ingest_wall_s: r.ms / 1000,
      peak_rss_gib: rss,
      load_before: loadBefore,
      load_after: loadavg(),
    }),
  );
}

/** {@link time} of an async call. */
async function timeAsync<T>(f: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const u = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000, value };
}
