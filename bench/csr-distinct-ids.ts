// What refusing an id given twice costs csrFromArrays at 1M people: the check alone on ascending
// ids (a dataset index's, as the 1M pipeline passes them), on the same ids shuffled (a Set), and
// the whole snapshot for scale. CPU ms, median of 5 (fresh id arrays each round: a checked array
// is remembered).
//   npx tsx bench/csr-distinct-ids.ts [n=1000000]
import { csrFromArrays, refuseRepeatedIds } from '../src/graph/csr.js';

const n = Number(process.argv[2] ?? 1_000_000);
const m = 3 * n;
const ids = Array.from({ length: n }, (_, i) => `P${String(i + 1).padStart(7, '0')}`);
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
const shuffled = ids.slice();
for (let i = n - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
}
const cpu = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const median = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const rows: Record<string, number[]> = { ascending: [], shuffled: [], snapshot: [] };
for (let r = 0; r < 5; r++) {
  const a = ids.slice();
  rows.ascending.push(cpu(() => refuseRepeatedIds('bench', a)));
  const s = shuffled.slice();
  rows.shuffled.push(cpu(() => refuseRepeatedIds('bench', s)));
  const b = ids.slice();
  rows.snapshot.push(cpu(() => csrFromArrays(b, source, target, null)));
}
for (const [k, v] of Object.entries(rows))
  console.log(
    `${k}: ${v.map((x) => x.toFixed(0)).join(', ')} ms CPU, median ${median(v).toFixed(0)}`,
  );
