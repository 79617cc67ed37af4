// The 1M pipeline's steps from co-offending edges to retaliations, in the pipeline's order, A/B
// interleaved in one process: the code of a base checkout (`BASE`, its src/ with node_modules
// next to it) against this checkout, on one ingested city and index (this checkout's), each
// sequence on a fresh copy of the index object (so the as-of prefix and other per-index caches
// are paid in every sequence, as the pipeline pays them once). A full collection before each
// sequence, not between its steps: the collections a step's allocations start fall where the
// pipeline's would. CPU s per step (process.cpuUsage) and per sequence; the side that goes first
// alternates by round.
//   BASE=/work/base-e3 node --expose-gc --max-old-space-size=12000 --import tsx bench/early-seq-ab.ts [people] [rounds]
import { loadavg } from 'node:os';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
const base = process.env.BASE;
if (!base) throw new Error('BASE: a checkout to compare with');
async function load(root: string) {
  return {
    graph: await import(`${root}/graph/index.js`),
    metrics: await import(`${root}/metrics/index.js`),
    contagion: await import(`${root}/contagion/index.js`),
  };
}
type Mods = Awaited<ReturnType<typeof load>>;
const sides: [string, Mods][] = [
  ['base', await load(`${base}/src`)],
  ['new', await load('../src')],
];
const { indexDataset } = await import('../src/core/dataset-index.js');
const data = ingestedCity(people, 0.5);
const index = indexDataset(data);
const fresh = () =>
  Object.create(
    Object.getPrototypeOf(index),
    Object.getOwnPropertyDescriptors(index),
  ) as typeof index;
const asOf = '2023-10-01';
function sequence(m: Mods) {
  const cpu: Record<string, number> = {};
  const step = <T>(name: string, f: () => T): T => {
    const c = process.cpuUsage();
    const r = f();
    const u = process.cpuUsage(c);
    cpu[name] = (u.user + u.system) / 1e6;
    return r;
  };
  const ix = fresh();
  const edges = step('edges', () => m.graph.coOffendingEdges(ix, { asOf }));
  const csr = step('csr', () =>
    m.graph.csrFromArrays(edges.index.personIds, edges.source, edges.target, edges.count),
  );
  step('components', () => m.metrics.connectedComponents(csr));
  step('degree', () => m.metrics.degree(csr));
  step('kcore', () => m.metrics.coreNumber(csr));
  step('pagerank', () => m.metrics.pagerank(csr));
  step('louvain', () => m.metrics.louvain(csr, { seed: 1 }));
  step('betweenness', () => m.metrics.betweenness(csr, { k: 256, seed: 1 }));
  step('exposure', () => m.contagion.exposure(ix, { asOf }));
  step('retaliations', () => m.contagion.retaliations(ix, { asOf }));
  return cpu;
}
const gc = (globalThis as { gc?: () => void }).gc;
const runs: {
  round: number;
  side: string;
  load: number;
  total: number;
  cpu: Record<string, number>;
}[] = [];
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? sides : [...sides].reverse();
  for (const [side, m] of order) {
    gc?.();
    const load = loadavg()[0];
    const cpu = sequence(m);
    const total = Object.values(cpu).reduce((a, b) => a + b, 0);
    runs.push({ round: r, side, load, total, cpu });
    console.log(JSON.stringify(runs.at(-1)));
  }
}
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const name of ['total', ...Object.keys(runs[0].cpu)]) {
  const of = (side: string) =>
    runs.filter((x) => x.side === side).map((x) => (name === 'total' ? x.total : x.cpu[name]));
  const b = of('base');
  const n = of('new');
  console.log(
    `${name}: base ${median(b).toFixed(2)} [${b.map((x) => x.toFixed(2)).join(' ')}] new ${median(n).toFixed(2)} [${n.map((x) => x.toFixed(2)).join(' ')}] ratio ${(median(n) / median(b)).toFixed(3)}`,
  );
}
console.log(
  `load at end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
