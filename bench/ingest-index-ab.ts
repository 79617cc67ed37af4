/**
 * Interleaved A/B of the pipeline's first two steps, `ingest` (validation of every row) and
 * `indexDataset`, on bench/pipeline.ts's synthetic city (raw rows, as the pipeline feeds them):
 * this checkout against another copy of the source, in one process, alternating which goes first
 * each round, so that both see the same machine load. CPU time (process.cpuUsage) per step.
 * Run: `mkdir /tmp/base && git archive <commit> src | tar -x -C /tmp/base && ln -s "$PWD/node_modules"
 * /tmp/base/node_modules`, then
 * `node --expose-gc --max-old-space-size=12000 --import tsx bench/ingest-index-ab.ts /tmp/base [people] [rounds] [rate]`
 * (rate: incidents a person-year, bench/pipeline.ts's by default: 1.5, or 0.5 from 1M people).
 * With `--expose-gc`, a full collection before each timed step keeps one side's garbage (and
 * concurrent marking it started) from being charged to the other side.
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { indexDataset as newIndex } from '../src/core/dataset-index.js';
import { ingest as newIngest } from '../src/ingest/index.js';
import { synthCity } from '../src/synth/index.js';

const BASE = process.argv[2];
if (!BASE)
  throw new Error(
    'usage: bench/ingest-index-ab.ts <base checkout with src/> [people] [rounds] [rate]',
  );
const PEOPLE = Number(process.argv[3] ?? 100_000);
const ROUNDS = Number(process.argv[4] ?? 3);
// bench/pipeline.ts's rate: 1.5 incidents a person-year at 100k, 0.5 at 1M.
const RATE = Number(process.argv[5] ?? (PEOPLE >= 1_000_000 ? 0.5 : 1.5));
const base = resolve(BASE);
const { ingest: baseIngest } = (await import(
  pathToFileURL(join(base, 'src/ingest/index.ts')).href
)) as { ingest: typeof newIngest };
const { indexDataset: baseIndex } = (await import(
  pathToFileURL(join(base, 'src/core/dataset-index.ts')).href
)) as { indexDataset: typeof newIndex };

const city = synthCity({
  people: PEOPLE,
  incidentsPerPersonYear: RATE,
  seed: 1,
  feud: { rivalries: 100 },
});
const raw = {
  incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
  involvements: city.data.involvements,
  people: city.data.people,
};
const cpu = (c: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1e6;
};
const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => gc?.();
// With AB_MARKS=1, a line before each timed step, to place `--trace-gc`'s lines in the steps.
const mark = (what: string) => {
  if (process.env.AB_MARKS) console.log(`=== ${what}`);
};
const out: Record<string, number[]> = {};
const loads: number[] = [];
const sides = { base: [baseIngest, baseIndex], new: [newIngest, newIndex] } as const;
for (let r = 0; r < ROUNDS; r++) {
  for (const which of r % 2 ? (['new', 'base'] as const) : (['base', 'new'] as const)) {
    const [ingestFn, indexFn] = sides[which];
    settle();
    mark(`ingest / ${which}`);
    let c = process.cpuUsage();
    const res = ingestFn(raw, { now: '2030-01-01' });
    (out[`ingest / ${which}`] ??= []).push(cpu(c));
    settle();
    mark(`index / ${which}`);
    c = process.cpuUsage();
    indexFn(res.data);
    (out[`index / ${which}`] ??= []).push(cpu(c));
    mark('end');
    loads.push(loadavg()[0]);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${new Date().toISOString()} ${cpus().length} × ${cpus()[0]?.model} ${process.version}; ${PEOPLE} people (${raw.incidents.length} incidents, ${raw.involvements.length} involvements), ${ROUNDS} rounds interleaved${gc ? ', full GC before each step' : ''}; 1-min load during: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
for (const k of Object.keys(out).sort())
  console.log(
    `${k}: median CPU ${med(out[k]).toFixed(2)} s (${out[k].map((x) => x.toFixed(2)).join(', ')})`,
  );
