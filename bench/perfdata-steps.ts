// The data and graph steps of bench/pipeline.ts (ingest → index → co-offending edges → CSR
// snapshot → components, degree, k-core, PageRank, Louvain with their `{ id: value }` records),
// run as the pipeline runs them, from the src/ of any checkout (so that one file times old and new
// code in alternating fresh processes). CPU seconds per step (process.cpuUsage) and their sum;
// with HASH=1 a hash of each step's output (outside the timing); with PROF=<dir> one
// .cpuprofile per step.
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/perfdata-steps.ts <checkout> [people] [rate]
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = resolve(process.argv[2] ?? '.');
const people = Number(process.argv[3] ?? 1_000_000);
const rate = Number(process.argv[4] ?? 0.5);
const hashing = process.env.HASH === '1';
// Steps not to hash (HASH_SKIP=ingest,index: hashing ten million records takes a while).
const hashSkip = new Set((process.env.HASH_SKIP ?? '').split(','));
const profDir = process.env.PROF;
const mod = async <T>(p: string): Promise<T> =>
  (await import(pathToFileURL(join(root, 'src', p)).href)) as T;
const { synthCity } = await mod<typeof import('../src/synth/index.js')>('synth/index.ts');
const { ingest } = await mod<typeof import('../src/ingest/index.js')>('ingest/index.ts');
const { indexDataset } =
  await mod<typeof import('../src/core/dataset-index.js')>('core/dataset-index.ts');
const { coOffendingEdges, csrFromArrays } =
  await mod<typeof import('../src/graph/index.js')>('graph/index.ts');
const M = await mod<typeof import('../src/metrics/index.js')>('metrics/index.ts');

function hash(x: unknown): string {
  const h = createHash('sha256');
  const num = new Float64Array(1);
  const feed = (v: unknown) => {
    if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (v instanceof Map) for (const [k, y] of v) h.update(`${k}\t${y}\n`);
    else if (Array.isArray(v)) {
      h.update(`[${v.length}`);
      for (const y of v) feed(y);
    } else if (v && typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      h.update(proto === Object.prototype ? '{' : proto === null ? '{null' : '{?');
      for (const k of Object.keys(v)) {
        h.update(k);
        feed((v as Record<string, unknown>)[k]);
      }
      h.update('}');
    } else if (typeof v === 'number') {
      num[0] = v;
      h.update(new Uint8Array(num.buffer));
      h.update(Object.is(v, -0) ? 'z' : 'n');
    } else h.update(`${typeof v}:${String(v)}`);
  };
  feed(x);
  return h.digest('hex').slice(0, 12);
}

const city = synthCity({ people, incidentsPerPersonYear: rate, seed: 1, feud: { rivalries: 100 } });
let raw: Record<string, unknown> | null = {
  incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
  involvements: city.data.involvements,
  people: city.data.people,
};
(city as { data: unknown }).data = null;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const session = profDir ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
}
const rows: [string, number, number][] = [];
// Mark-compact collections (main-thread pause entries), charged to the step they start in.
const majors: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if (
      (e as unknown as { detail?: { kind?: number } }).detail?.kind ===
      perfConstants.NODE_PERFORMANCE_GC_MAJOR
    )
      majors.push(e.startTime);
}).observe({ entryTypes: ['gc'] });
const spans: [number, number][] = [];
const hashes: [string, string][] = [];
async function step<T>(name: string, f: () => T, h: (r: T) => unknown = (r) => r): Promise<T> {
  if (session) await session.post('Profiler.start');
  const ga = globalThis as { __allocBytes?: number };
  const a0 = ga.__allocBytes ?? 0;
  const t = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  const t1 = performance.now();
  spans.push([t, t1]);
  if (ga.__allocBytes !== undefined)
    console.error(`${name}: typed arrays ${((ga.__allocBytes - a0) / 2 ** 20).toFixed(1)} MiB`);
  const wall = (t1 - t) / 1000;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${profDir}/${name}.cpuprofile`, JSON.stringify(profile));
  }
  rows.push([name, (u.user + u.system) / 1e6, wall]);
  console.error(
    `${name}: ${((u.user + u.system) / 1e6).toFixed(2)} s CPU, ${wall.toFixed(2)} wall`,
  );
  if (hashing && !hashSkip.has(name)) hashes.push([name, hash(h(r))]);
  return r;
}
const load0 = loadavg()[0];
const { data } = await step(
  'ingest',
  () => ingest(raw!, { now: '2030-01-01' }),
  (r) => [r.data, r.rejected, r.summary],
);
raw = null;
const index = await step(
  'index',
  () => indexDataset(data),
  (ix) => Object.entries(ix).filter(([, v]) => typeof v !== 'function'),
);
const asOf = '2023-10-01';
const edges = await step(
  'edges',
  () => coOffendingEdges(data, { asOf }),
  (e) => Object.entries(e).filter(([k]) => k !== 'index'),
);
const csr = await step(
  'csr',
  () => csrFromArrays(edges.index.personIds, edges.source, edges.target, edges.count),
  (c) => [c.n, c.m, c.ids, c.offsets, c.targets, c.weights, c.inOffsets, c.inTargets, c.inWeights],
);
// STOP=csr: end after the snapshot (for A/B runs of the data steps alone).
if (process.env.STOP !== 'csr') {
  await step('components', () => M.connectedComponents(csr));
  await step('degree', () => M.degree(csr));
  await step('kcore', () => M.coreNumber(csr));
  await step('pagerank', () => M.pagerank(csr));
  await step('louvain', () => M.louvain(csr, { seed: 1 }));
}
await new Promise((r) => setTimeout(r, 50));
const majorsPerStep = spans.map(([a, b]) => majors.filter((s) => s >= a && s < b).length);
const total = rows.reduce((s, r) => s + r[1], 0);
const wall = rows.reduce((s, r) => s + r[2], 0);
console.log(
  JSON.stringify({
    root,
    people,
    rate,
    load: [load0, loadavg()[0]],
    steps: Object.fromEntries(rows.map(([n, c]) => [n, +c.toFixed(3)])),
    total: +total.toFixed(3),
    majors: Object.fromEntries(rows.map(([n], i) => [n, majorsPerStep[i]])),
    wall: +wall.toFixed(3),
    hashes: hashing ? Object.fromEntries(hashes) : undefined,
    n: index.personIds.length,
  }),
);
