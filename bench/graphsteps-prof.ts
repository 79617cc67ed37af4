// CPU profile of the pipeline's graph and model steps (not ingest, not betweenness) at one city
// size: the city built and ingested once, then each step once after a full collection, with the
// V8 sampling profiler on (one .cpuprofile per step in OUT) and a marker line on stdout so that
// `--trace-gc` lines can be charged to the step they fall in.
//   node --expose-gc --trace-gc --max-old-space-size=12000 --import tsx bench/graphsteps-prof.ts \
//     [people] [rate] [steps,comma,separated] > log
// Steps: edges, csr, components, degree, kcore, pagerank, louvain, exposure, retaliations, fit, rank.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { exposure, fitNetworkHawkes, retaliations } from '../src/contagion/index.js';
import { indexDataset } from '../src/core/dataset-index.js';
import { coOffendingEdges, csrFromArrays } from '../src/graph/index.js';
import {
  connectedComponents,
  coreNumber,
  degree,
  louvain,
  pagerank,
} from '../src/metrics/index.js';
import { rankForOutreach } from '../src/outreach/index.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 0.5);
const wanted = (process.argv[4] ?? 'edges,csr,components,exposure,retaliations,fit,rank').split(
  ',',
);
const out = process.env.OUT ?? '/tmp/graphsteps';
mkdirSync(out, { recursive: true });
const gc = (globalThis as { gc?: () => void }).gc;

const data = ingestedCity(people, rate);
indexDataset(data);
const asOf = '2023-10-01';
gc?.();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 500 });
let edges: ReturnType<typeof coOffendingEdges> | undefined;
let csr: ReturnType<typeof csrFromArrays> | undefined;
let model: ReturnType<typeof fitNetworkHawkes> | undefined;
const needEdges = () => (edges ??= coOffendingEdges(data, { asOf }));
const needCsr = () => {
  const e = needEdges();
  return (csr ??= csrFromArrays(e.index.personIds, e.source, e.target, e.count));
};
const steps: Record<string, () => unknown> = {
  edges: () => (edges = coOffendingEdges(data, { asOf })),
  csr: () => {
    const e = needEdges();
    return (csr = csrFromArrays(e.index.personIds, e.source, e.target, e.count));
  },
  components: () => connectedComponents(needCsr()),
  degree: () => degree(needCsr()),
  kcore: () => coreNumber(needCsr()),
  pagerank: () => pagerank(needCsr()),
  louvain: () => louvain(needCsr(), { seed: 1 }),
  exposure: () => exposure(data, { asOf }),
  retaliations: () => retaliations(data, { asOf }),
  fit: () => (model = fitNetworkHawkes(data, { asOf })),
  rank: () =>
    rankForOutreach(data, {
      asOf,
      model: (model ??= fitNetworkHawkes(data, { asOf })),
      limit: 1000,
    }),
};
for (const name of wanted) {
  // prerequisites outside the profile
  if (['components', 'degree', 'kcore', 'pagerank', 'louvain'].includes(name)) needCsr();
  if (name === 'csr') needEdges();
  if (name === 'rank') model ??= fitNetworkHawkes(data, { asOf });
  gc?.();
  console.log(`=== STEP ${name} start`);
  await session.post('Profiler.start');
  const c = process.cpuUsage();
  const t = performance.now();
  const g = globalThis as { __allocBytes?: number; __allocTrace?: boolean; __allocBig?: unknown[] };
  const a0 = g.__allocBytes ?? 0;
  g.__allocTrace = true;
  if (g.__allocBig) g.__allocBig.length = 0;
  steps[name]();
  const u = process.cpuUsage(c);
  g.__allocTrace = false;
  if (g.__allocBytes !== undefined) {
    console.log(
      `=== STEP ${name} typed arrays: ${((g.__allocBytes - a0) / 2 ** 20).toFixed(1)} MiB`,
    );
    for (const b of g.__allocBig ?? []) console.log(`   ${JSON.stringify(b)}`);
  }
  const w = (performance.now() - t) / 1000;
  const { profile } = await session.post('Profiler.stop');
  console.log(
    `=== STEP ${name} end: ${((u.user + u.system) / 1e6).toFixed(2)} s CPU, ${w.toFixed(2)} s wall, load ${loadavg()[0].toFixed(1)}`,
  );
  writeFileSync(`${out}/prof-${people}-${name}.cpuprofile`, JSON.stringify(profile));
}
