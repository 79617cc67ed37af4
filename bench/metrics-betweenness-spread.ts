// Per-call spread of the sampled betweenness block kernel in one process (issue 17): the same call
// (k pivots, seed 1) repeated with its three n-long scratch arrays either fresh each call or taken
// from one pool (the same arrays every call; they hold the centre search's order, positions and
// segments), alternating which goes first. Per call: CPU seconds (process.cpuUsage), wall seconds,
// the steal jiffies of /proc/stat (cpu line, field 8; 0 on a VM that does not report steal) and
// the CPU the other processes used meanwhile (busy jiffies of /proc/stat minus this call's CPU),
// to tell placement of fresh arrays from machine contention. Values are checked bit-identical
// across calls. The graph is read from CACHE (g<people>-<rate>.*, written by
// bench/metrics-betweenness-ab.ts).
//   CACHE=/tmp/bc node --expose-gc --max-old-space-size=12000 --import tsx \
//     bench/metrics-betweenness-spread.ts [people] [rate] [k] [calls]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csrFromArrays } from '../src/graph/index.js';
import { drawPivots } from '../src/metrics/centrality/betweenness.js';
import { foldedBetweennessKernel } from '../src/metrics/centrality/betweenness-folded.js';
import { randomSource } from '../src/metrics/shared.js';

const people = Number(process.argv[2] ?? 1_000_000);
const rate = Number(process.argv[3] ?? 0.5);
const k = Number(process.argv[4] ?? 64);
const calls = Number(process.argv[5] ?? 6);
const cache = process.env.CACHE;
if (!cache) throw new Error('set CACHE to the directory bench/metrics-betweenness-ab.ts wrote');
const stem = join(cache, `g${people}-${rate}`);
const read = <T>(f: string, T: new (b: ArrayBuffer, o: number, l: number) => T, bytes: number) => {
  const b = readFileSync(f);
  return new T(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength / bytes);
};
const csr = csrFromArrays(
  readFileSync(`${stem}.ids`, 'utf8').split('\n'),
  read(`${stem}.src`, Int32Array, 4),
  read(`${stem}.tgt`, Int32Array, 4),
  read(`${stem}.cnt`, Float64Array, 8),
);
const n = csr.n;
const sources = drawPivots(n, k, randomSource({ seed: 1 }));
const fresh = () => [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)] as const;
const pool = fresh();
const stat = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return { steal: f[8], busy: f[1] + f[2] + f[3] + f[6] + f[7] };
};
const gc = (globalThis as { gc?: () => void }).gc;
const cpu: Record<string, number[]> = { fresh: [], pooled: [] };
let first: Float64Array | null = null;
console.log(`${n} nodes, ${csr.m} ties, k ${k}`);
for (let c = 0; c < calls; c++) {
  for (const name of c % 2 ? ['pooled', 'fresh'] : ['fresh', 'pooled']) {
    gc?.();
    const s0 = stat();
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    const out = foldedBetweennessKernel(csr, sources, null, name === 'fresh' ? fresh() : pool);
    const u = process.cpuUsage(c0);
    const wall = (performance.now() - w0) / 1000;
    const s1 = stat();
    const own = (u.user + u.system) / 1e6;
    const others = (s1.busy - s0.busy) / 100 - own;
    if (first) {
      for (let i = 0; i < n; i++)
        if (!Object.is(first[i], out[i])) throw new Error('values differ');
    } else first = out;
    cpu[name].push(own);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    console.log(
      `call ${c} ${name.padEnd(6)} cpu ${own.toFixed(2)} s, wall ${wall.toFixed(2)} s, steal ${((s1.steal - s0.steal) / 100).toFixed(2)} s, others ${others.toFixed(1)} s (${(others / wall).toFixed(2)} cores), load ${load}`,
    );
  }
}
for (const [name, t] of Object.entries(cpu)) {
  const s = [...t].sort((a, b) => a - b);
  console.log(
    `${name}: CPU min ${s[0].toFixed(2)}, median ${s[(s.length - 1) >> 1].toFixed(2)}, max ${s[s.length - 1].toFixed(2)} s (max/min ${(s[s.length - 1] / s[0]).toFixed(2)})`,
  );
}
