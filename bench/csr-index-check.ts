// What checking csrFromArrays' `index` option costs at 1M people: the check alone (one pass over
// the map's entries with a typed array; a Map holds each key once, so it also proves the ids
// distinct), against n look-ups (index.get(ids[k]) === k, the obvious check) and the whole
// snapshot in graph order with the index given, for scale. CPU ms, median of 5.
//   npx tsx bench/csr-index-check.ts [n=1000000]
import { checkIndexOption, csrFromArrays } from '../src/graph/csr.js';

const n = Number(process.argv[2] ?? 1_000_000);
const m = 3 * n;
const ids = Array.from({ length: n }, (_, i) => `P${String(i + 1).padStart(7, '0')}`);
const index = new Map<string, number>();
for (let i = 0; i < n; i++) index.set(ids[i], i);
let seed = 7;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) | 0;
  return (seed >>> 0) / 2 ** 32;
};
const source = new Int32Array(m);
const target = new Int32Array(m);
for (let e = 0; e < m; e++) {
  source[e] = Math.floor(rand() * n);
  target[e] = (source[e] + 1 + Math.floor(rand() * (n - 1))) % n;
}
const cpu = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const median = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const rows: Record<string, number[]> = { check: [], lookups: [], snapshot: [] };
for (let r = 0; r < 5; r++) {
  rows.check.push(cpu(() => checkIndexOption(ids, index)));
  rows.lookups.push(
    cpu(() => {
      for (let k = 0; k < n; k++) if (index.get(ids[k]) !== k) throw new Error(`bad at ${k}`);
    }),
  );
  rows.snapshot.push(
    cpu(() => csrFromArrays(ids, source, target, null, { order: 'graph', index })),
  );
}
for (const [k, v] of Object.entries(rows))
  console.log(
    `${k}: ${v.map((x) => x.toFixed(0)).join(', ')} ms CPU, median ${median(v).toFixed(0)}`,
  );
