// The 1M pipeline's graph steps as bench/pipeline.ts calls them, this checkout against a base
// checkout, interleaved in one process: CPU seconds per call (process.cpuUsage, a full collection
// before each), the major collections that start inside the call (at 1M every ~64 MB of new typed
// arrays starts a full mark of the caller's heap, ~2.5 s of CPU in the pipeline), and whether the
// outputs are identical. The graph is read from CACHE (written by bench/metrics-betweenness-ab.ts:
// g<people>-<rate>.{ids,src,tgt,cnt}) or built from the synthetic city.
//   BASE=/work/base07 CACHE=/tmp/bc node --expose-gc --max-old-space-size=12000 --import tsx \
//     bench/metrics-alloc-ab.ts [people] [rate] [rounds] [steps,comma,separated]
// Steps: components, louvain, betweenness (k = 256, seed 1), each as `.values` (no record) or,
// with a `:record` suffix, as the plain call that builds the `{ id: value }` record.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { indexDataset } from '../src/core/dataset-index.js';
import { coOffendingEdges, csrFromArrays } from '../src/graph/index.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 1_000_000);
const rate = Number(process.argv[3] ?? 0.5);
const rounds = Number(process.argv[4] ?? 3);
const wanted = (process.argv[5] ?? 'components,louvain,betweenness').split(',');
const baseDir = process.env.BASE;
const cache = process.env.CACHE;

function graph() {
  const stem = cache ? join(cache, `g${people}-${rate}`) : null;
  if (stem && existsSync(`${stem}.ids`)) {
    const read = <T>(
      f: string,
      T: new (b: ArrayBuffer, o: number, l: number) => T,
      bytes: number,
    ) => {
      const b = readFileSync(f);
      return new T(b.buffer, b.byteOffset, b.byteLength / bytes);
    };
    return csrFromArrays(
      readFileSync(`${stem}.ids`, 'utf8').split('\n'),
      read(`${stem}.src`, Int32Array, 4),
      read(`${stem}.tgt`, Int32Array, 4),
      read(`${stem}.cnt`, Float64Array, 8),
    );
  }
  const data = ingestedCity(people, rate);
  const e = coOffendingEdges(indexDataset(data), { asOf: '2023-10-01' });
  return csrFromArrays(e.index.personIds, e.source, e.target, e.count);
}

type Metrics = typeof import('../src/metrics/index.js');
const sides: [string, Metrics][] = [['new', await import('../src/metrics/index.js')]];
if (baseDir) sides.unshift(['base', await import(`${baseDir}/src/metrics/index.js`)]);
const csr = graph();
console.log(`${people} people at ${rate}/person-year: ${csr.n} nodes, ${csr.m} ties`);

const calls: Record<string, (m: Metrics) => unknown> = {
  components: (m) => m.connectedComponents.values(csr),
  'components:record': (m) => m.connectedComponents(csr),
  louvain: (m) => m.louvain.values(csr, { seed: 1 }),
  'louvain:record': (m) => m.louvain(csr, { seed: 1 }),
  betweenness: (m) => m.betweenness.values(csr, { k: 256, seed: 1 }),
  'betweenness:record': (m) => m.betweenness(csr, { k: 256, seed: 1 }),
};
let majors = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      majors++;
}).observe({ entryTypes: ['gc'] });
const gc = (globalThis as { gc?: () => void }).gc!;
const settle = () => new Promise((r) => setTimeout(r, 50));
const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const same = (a: unknown, b: unknown) => {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as Float64Array;
    const y = b as Float64Array;
    return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  }
  return JSON.stringify(a) === JSON.stringify(b);
};
for (const step of wanted) {
  const cpu: Record<string, number[]> = {};
  const marks: Record<string, number[]> = {};
  const out: Record<string, unknown> = {};
  for (let r = 0; r < rounds; r++) {
    const line: string[] = [];
    for (const [name, m] of r % 2 ? [...sides].reverse() : sides) {
      out[name] = null;
      gc();
      await settle();
      const m0 = majors;
      const c = process.cpuUsage();
      out[name] = calls[step](m);
      const u = process.cpuUsage(c);
      await settle();
      (cpu[name] ??= []).push((u.user + u.system) / 1e6);
      (marks[name] ??= []).push(majors - m0);
      line.push(`${name} ${cpu[name][r].toFixed(2)} s (${marks[name][r]} major)`);
    }
    console.log(`${step} round ${r + 1}, load ${loadavg()[0].toFixed(1)}: ${line.join(', ')}`);
  }
  const summary = sides.map(
    ([name]) =>
      `${name} median ${median(cpu[name]).toFixed(2)} s CPU, majors ${marks[name].join('/')}`,
  );
  const identical = baseDir ? `; identical: ${same(out.base, out.new)}` : '';
  console.log(`${step}: ${summary.join('; ')}${identical}`);
}
