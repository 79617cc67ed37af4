/**
 * One side of a fresh-process A/B of the heap that ingest leaves: the pipeline's city as raw rows
 * (0.5 incidents a person-year), then ingest, then `indexDataset`, each timed in CPU
 * (process.cpuUsage) after a full collection, then three forced full collections of the resulting
 * heap (the cost every major collection of the later steps pays), with the heap in use.
 * Lines `=== <step>` mark the steps, so that `--trace-gc`'s Mark-Compact lines can be counted in
 * each. Alternate checkouts in fresh processes (the heap is what is measured):
 *
 *   node --expose-gc --trace-gc --max-old-space-size=12000 --import tsx bench/ingest-gc-ab.ts <checkout> [people]
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { indexDataset as IndexFn } from '../src/core/dataset-index.js';
import type { ingest as IngestFn } from '../src/ingest/index.js';
import type { synthCity as SynthFn } from '../src/synth/index.js';

const src = resolve(process.argv[2] ?? '.');
const people = Number(process.argv[3] ?? 1_000_000);
const load = async <T>(path: string): Promise<T> =>
  (await import(pathToFileURL(join(src, path)).href)) as T;
const { synthCity } = await load<{ synthCity: typeof SynthFn }>('src/synth/index.ts');
const { ingest } = await load<{ ingest: typeof IngestFn }>('src/ingest/index.ts');
const { indexDataset } = await load<{ indexDataset: typeof IndexFn }>('src/core/dataset-index.ts');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const cpu = (c: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1e6;
};

let city: ReturnType<typeof SynthFn> | null = synthCity({
  people,
  incidentsPerPersonYear: 0.5,
  seed: 1,
  feud: { rivalries: 100 },
});
let raw: Parameters<typeof IngestFn>[0] | null = {
  incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
  involvements: city.data.involvements,
  people: city.data.people,
};
city = null;
gc();
console.log('=== ingest');
let c = process.cpuUsage();
const { data } = ingest(raw, { now: '2030-01-01' });
const tIngest = cpu(c);
raw = null;
console.log('=== settle');
gc();
console.log('=== index');
c = process.cpuUsage();
const index = indexDataset(data);
const tIndex = cpu(c);
console.log('=== gc');
const full: string[] = [];
for (let i = 0; i < 3; i++) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  gc();
  full.push(`${((performance.now() - w0) / 1000).toFixed(2)} s wall / ${cpu(c0).toFixed(2)} s CPU`);
}
console.log(
  `RESULT ${src}: ingest ${tIngest.toFixed(2)} s CPU, index ${tIndex.toFixed(2)} s CPU; full gc() ${full.join(', ')}; heap used ${(process.memoryUsage().heapUsed / 2 ** 30).toFixed(3)} GiB; load ${loadavg()[0].toFixed(1)}; ${data.incidents.length} incidents, ${index.personIds.length} people`,
);
