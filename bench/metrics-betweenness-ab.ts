// Sampled betweenness (k pivots, seed 1) on the pipeline's graph, this checkout against a base
// checkout, interleaved in one process: CPU seconds (process.cpuUsage) per call with a full
// collection before each, alternating which side goes first, and the largest relative difference
// of the values. The graph is built once as bench/pipeline.ts builds it (synthetic city → ingest
// → index → co-offending edges → breadth-first CSR); with CACHE=dir its edge arrays are saved
// there on the first run and read back after (building a 1M city takes minutes).
//   BASE=/work/base63 node --expose-gc --max-old-space-size=12000 --import tsx \
//     bench/metrics-betweenness-ab.ts [people] [incidentsPerPersonYear] [rounds] [k]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { indexDataset } from '../src/core/dataset-index.js';
import { coOffendingEdges, csrFromArrays } from '../src/graph/index.js';
import { betweenness } from '../src/metrics/index.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 1.5);
const rounds = Number(process.argv[4] ?? 3);
const k = Number(process.argv[5] ?? 256);
const baseDir = process.env.BASE;
const cache = process.env.CACHE;

function edgesOf(): { ids: string[]; source: Int32Array; target: Int32Array; count: Float64Array } {
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
    return {
      ids: readFileSync(`${stem}.ids`, 'utf8').split('\n'),
      source: read(`${stem}.src`, Int32Array, 4),
      target: read(`${stem}.tgt`, Int32Array, 4),
      count: read(`${stem}.cnt`, Float64Array, 8),
    };
  }
  const data = ingestedCity(people, rate);
  const e = coOffendingEdges(indexDataset(data), { asOf: '2023-10-01' });
  const out = {
    ids: e.index.personIds.slice(),
    source: Int32Array.from(e.source),
    target: Int32Array.from(e.target),
    count: Float64Array.from(e.count),
  };
  if (stem && cache) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(`${stem}.ids`, out.ids.join('\n'));
    writeFileSync(`${stem}.src`, Buffer.from(out.source.buffer));
    writeFileSync(`${stem}.tgt`, Buffer.from(out.target.buffer));
    writeFileSync(`${stem}.cnt`, Buffer.from(out.count.buffer));
  }
  return out;
}

const e = edgesOf();
const csr = csrFromArrays(e.ids, e.source, e.target, e.count);
console.error(`${people} people at ${rate}/person-year: ${csr.n} nodes, ${csr.m} ties, k ${k}`);
type Fn = typeof betweenness.values;
const sides: [string, Fn][] = [['new', betweenness.values]];
if (baseDir) {
  const m = await import(`${baseDir}/src/metrics/index.js`);
  sides.unshift(['base', m.betweenness.values]);
}
const gc = (globalThis as { gc?: () => void }).gc;
const times: Record<string, number[]> = {};
const out: Record<string, Float64Array> = {};
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...sides].reverse() : sides;
  for (const [name, f] of order) {
    gc?.();
    const c = process.cpuUsage();
    out[name] = f(csr, { k, seed: 1 });
    const u = process.cpuUsage(c);
    (times[name] ??= []).push((u.user + u.system) / 1e6);
  }
  console.log(
    `round ${r + 1}, load ${loadavg()[0].toFixed(1)}: ` +
      sides.map(([name]) => `${name} ${times[name][r].toFixed(2)} s`).join(', '),
  );
}
const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const [name] of sides) console.log(`${name}: median ${median(times[name]).toFixed(2)} s CPU`);
if (baseDir) {
  let maxRel = 0;
  for (let i = 0; i < csr.n; i++) {
    const a = out.base[i];
    const d = Math.abs(a - out.new[i]);
    if (d > 0) maxRel = Math.max(maxRel, a === 0 ? Number.POSITIVE_INFINITY : d / Math.abs(a));
  }
  console.log(
    `ratio of medians ${(median(times.new) / median(times.base)).toFixed(3)}; largest relative difference ${maxRel.toExponential(2)}`,
  );
}
