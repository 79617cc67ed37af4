/**
 * The CSV writer (src/core/csv.ts `toCsv`) on a large table shaped like `metrics.csv`: 300,000
 * rows of an id, four whole numbers, four fractions (17 digits as computed) and a group. CPU ms
 * of each of 7 runs (interleaved with the writer given by `CSV_WRITER`, a path to another
 * csv.ts, e.g. main's, for an A/B), and the median.
 * Run: `npx tsx bench/csv-writer.ts` (add `CSV_WRITER=/path/to/csv.ts` for an A/B).
 */
import { toCsv } from '../src/core/csv.js';
import { createRng } from '../src/core/rng.js';
import { median, time } from './timing.js';

const N = 300_000;
const r = createRng(1);
const rng = () => r.random();
const rows = Array.from({ length: N }, (_, i) => ({
  person_id: `P-${String(i).padStart(7, '0')}`,
  degree: Math.floor(rng() * 40),
  strength: rng() * 12,
  core_number: Math.floor(rng() * 8),
  pagerank: rng() / N,
  betweenness: rng() ** 4 * 1e-3,
  community: Math.floor(rng() * 500),
  component: 0,
  group: rng() < 0.5 ? null : `G-${Math.floor(rng() * 100)}`,
  share: (Math.floor(rng() * 1000) * 0.1) / 3,
}));
const writers: [string, typeof toCsv][] = [['this tree', toCsv]];
if (process.env.CSV_WRITER)
  writers.push(['CSV_WRITER', (await import(process.env.CSV_WRITER)).toCsv as typeof toCsv]);
const cpu = new Map<string, number[]>(writers.map(([name]) => [name, []]));
const size = new Map<string, number>();
for (let run = 0; run < 7; run++)
  for (const [name, write] of run % 2 ? [...writers].reverse() : writers) {
    const t = time(() => write(rows));
    cpu.get(name)?.push(t.cpuMs);
    size.set(name, t.value.length);
  }
for (const [name, ms] of cpu)
  console.log(
    `${name}: median ${median(ms).toFixed(0)} ms CPU (${ms.map((m) => m.toFixed(0)).join(', ')}), ${(size.get(name)! / 1e6).toFixed(1)} MB`,
  );
