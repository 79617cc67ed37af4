/**
 * Interleaved A/B of columnar ingest (Arrow tables, as bench/columnar-ingest.ts reads them) and,
 * with `index`, of `indexDataset` on its output: this checkout against another copy of the
 * source, in one process, alternating which goes first each round, so that both see the same
 * machine load. The Arrow files are read once (the read is the same code on both sides). CPU time
 * (process.cpuUsage, all threads) per step.
 * Run: `mkdir /tmp/base && git archive <commit> src | tar -x -C /tmp/base && ln -s "$PWD/node_modules"
 * /tmp/base/node_modules`, then
 * `node --expose-gc --max-old-space-size=8000 --import tsx bench/ingest-columnar-ab.ts /tmp/base [people] [rounds] [index]`.
 * With `--expose-gc`, a full collection before each timed step keeps one side's garbage from
 * being charged to the other.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableFromIPC } from '@uwdata/flechette';
import { indexDataset as newIndex } from '../src/core/dataset-index.js';
import { ingest as newIngest } from '../src/ingest/index.js';

const BASE = process.argv[2];
if (!BASE)
  throw new Error(
    'usage: bench/ingest-columnar-ab.ts <base checkout with src/> [people] [rounds] [index]',
  );
const PEOPLE = Number(process.argv[3] ?? 1_000_000);
const ROUNDS = Number(process.argv[4] ?? 5);
const WITH_INDEX = process.argv[5] === 'index';
const base = resolve(BASE);
const { ingest: baseIngest } = (await import(
  pathToFileURL(join(base, 'src/ingest/index.ts')).href
)) as { ingest: typeof newIngest };
const { indexDataset: baseIndex } = (await import(
  pathToFileURL(join(base, 'src/core/dataset-index.ts')).href
)) as { indexDataset: typeof newIndex };

const input: Record<string, unknown> = {};
for (const t of ['incidents', 'involvements', 'people'])
  input[t] = tableFromIPC(readFileSync(`bench/data/city-${PEOPLE}-${t}.arrow`));

const cpu = (c: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1e6;
};
const gc = (globalThis as { gc?: () => void }).gc;
const out: Record<string, number[]> = {};
const loads: number[] = [];
const sides = { base: [baseIngest, baseIndex], new: [newIngest, newIndex] } as const;
let rows = 0;
for (let r = 0; r < ROUNDS; r++) {
  for (const which of r % 2 ? (['new', 'base'] as const) : (['base', 'new'] as const)) {
    const [ingestFn, indexFn] = sides[which];
    gc?.();
    let c = process.cpuUsage();
    let res: ReturnType<typeof newIngest> | undefined = ingestFn(input as never, {
      now: '2030-01-01',
    });
    (out[`ingest / ${which}`] ??= []).push(cpu(c));
    rows = res.summary.totals.read;
    if (WITH_INDEX) {
      gc?.();
      c = process.cpuUsage();
      indexFn(res.data);
      (out[`index / ${which}`] ??= []).push(cpu(c));
    }
    res = undefined;
    loads.push(loadavg()[0]);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${new Date().toISOString()} ${cpus().length} × ${cpus()[0]?.model} ${process.version}; Arrow export of ${PEOPLE} people (${rows} rows), ${ROUNDS} rounds interleaved${gc ? ', full GC before each step' : ''}; 1-min load during: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
for (const k of Object.keys(out).sort())
  console.log(
    `${k}: median CPU ${med(out[k]).toFixed(2)} s (${out[k].map((x) => x.toFixed(2)).join(', ')})`,
  );
const keys = Object.keys(out).filter((k) => k.endsWith('/ new'));
for (const k of keys) {
  const b = out[k.replace('/ new', '/ base')];
  const ratios = out[k].map((x, i) => x / b[i]);
  console.log(`${k.replace(' / new', '')}: new/base CPU ratio median ${med(ratios).toFixed(3)}`);
}
