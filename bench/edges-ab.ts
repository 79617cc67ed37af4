// Co-offending edges, old checkout vs this one: outputs compared element by element under four
// option sets, then CPU time interleaved (a full collection before each call).
//   BASE=/path/to/old node --expose-gc --import tsx bench/edges-ab.ts <people> <incidentsPerPersonYear> [rounds]
import { loadavg } from 'node:os';
import { indexDataset } from '../src/core/dataset-index.js';
import { coOffendingEdges } from '../src/graph/co-offending-edges.js';
import { synthCity } from '../src/synth/index.js';

// The old checkout to compare against (a git worktree with node_modules linked), e.g.
//   git worktree add --detach /work/base7e 7efc29a && ln -s "$PWD/node_modules" /work/base7e/
const base = process.env.BASE ?? '/work/base7e';
const { coOffendingEdges: oldEdges } = (await import(
  `${base}/src/graph/co-offending-edges.ts`
)) as {
  coOffendingEdges: typeof coOffendingEdges;
};
const { indexDataset: oldIndex } = (await import(`${base}/src/core/dataset-index.ts`)) as {
  indexDataset: typeof indexDataset;
};
const people = Number(process.argv[2]);
const rate = Number(process.argv[3]);
const rounds = Number(process.argv[4] ?? 5);
const city = synthCity({ people, incidentsPerPersonYear: rate, seed: 1, feud: { rivalries: 100 } });
const data = city.data;
const ni = indexDataset(data);
const oi = oldIndex(data);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpu = (f: () => unknown) => {
  gc();
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  return [(u.user + u.system) / 1e6, r] as const;
};
for (const opts of [
  { asOf: '2023-10-01' },
  { asOf: '2022-01-01', minCount: 2, halfLifeDays: 100 },
  { since: '2021-06-01' },
  {},
]) {
  const a = oldEdges(oi, opts) as unknown as Record<string, ArrayLike<number>>;
  const b = coOffendingEdges(ni, opts) as unknown as Record<string, ArrayLike<number>>;
  for (const key of [
    'source',
    'target',
    'count',
    'weight',
    'first',
    'last',
    'incOffset',
    'incidents',
    'present',
  ]) {
    const x = a[key],
      y = b[key];
    if (x.length !== y.length) throw new Error(`${key} length ${x.length} vs ${y.length}`);
    for (let i = 0; i < x.length; i++)
      if (!Object.is(x[i], y[i])) throw new Error(`${key}[${i}] ${x[i]} vs ${y[i]}`);
  }
  console.log('identical', JSON.stringify(opts), b.source.length, 'ties');
}
const o: number[] = [],
  nn: number[] = [];
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? ['new', 'old'] : ['old', 'new'];
  for (const side of order) {
    const [t] =
      side === 'old'
        ? cpu(() => oldEdges(oi, { asOf: '2023-10-01' }))
        : cpu(() => coOffendingEdges(ni, { asOf: '2023-10-01' }));
    (side === 'old' ? o : nn).push(t);
  }
}
const med = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
console.log(
  `old ${o.map((x) => x.toFixed(3)).join(' ')} | new ${nn.map((x) => x.toFixed(3)).join(' ')} | median ${med(o).toFixed(3)} -> ${med(nn).toFixed(3)} (${(med(nn) / med(o)).toFixed(2)}x) load ${loadavg()[0].toFixed(1)}`,
);
