// The graph steps of bench/pipeline.ts, one at a time, A/B interleaved in one process: the code
// of a base checkout (`BASE`, a copy of src/ with node_modules next to it) against this
// checkout, on the same synthetic city. Each round runs every step once per side, alternating
// which side goes first; CPU seconds (process.cpuUsage) per call, median per side, and a hash of
// each output so that speed changes can be checked to give identical values.
//   BASE=/tmp/graphab node --expose-gc --max-old-space-size=8000 --import tsx bench/graph-steps.ts \
//     [people] [rounds] [steps,comma,separated]
// Steps: edges, csr, components, degree, kcore, pagerank, louvain, betweenness, exposure,
// retaliations. Without BASE, only this checkout is timed (and hashed).
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { indexBefore, indexDataset } from '../src/core/dataset-index.js';
import { resolveWindow } from '../src/core/window.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const wanted = (
  process.argv[4] ?? 'edges,csr,components,pagerank,louvain,betweenness,exposure,retaliations'
).split(',');
const base = process.env.BASE;

type Mods = {
  graph: typeof import('../src/graph/index.js');
  metrics: typeof import('../src/metrics/index.js');
  contagion: typeof import('../src/contagion/index.js');
};
async function load(root: string): Promise<Mods> {
  return {
    graph: await import(`${root}/graph/index.js`),
    metrics: await import(`${root}/metrics/index.js`),
    contagion: await import(`${root}/contagion/index.js`),
  };
}
const sides: [string, Mods][] = [['new', await load('../src')]];
if (base) sides.unshift(['base', await load(`${base}/src`)]);

// As bench/pipeline.ts: the city and the raw rows are dropped once ingested, so the heap that
// garbage collections walk is the library's (dataset, index), not the bench's.
const data = ingestedCity(people, 1.5);
const index = indexDataset(data);
const asOf = '2023-10-01';
// The as-of prefix is cached per index object and per module copy: pay it up front on this
// copy (each side's exposure then pays its own copy's first call in round 1 only).
{
  const c = process.cpuUsage();
  indexBefore(index, resolveWindow(index, { asOf }).hi);
  const u = process.cpuUsage(c);
  console.error(
    `as-of index (first call, cached after): ${((u.user + u.system) / 1e6).toFixed(3)} s CPU`,
  );
}
const newMods = sides.at(-1)![1];
const edges = newMods.graph.coOffendingEdges(index, { asOf });
const csr = newMods.graph.csrFromArrays(
  edges.index.personIds,
  edges.source,
  edges.target,
  edges.count,
);
console.error(`${people} people: ${csr.n} nodes, ${csr.m} ties; load ${loadavg()[0].toFixed(1)}`);

function hash(x: unknown): string {
  const h = createHash('sha256');
  const feed = (v: unknown) => {
    if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (v && typeof v === 'object' && 'objects' in v && typeof v.objects === 'function')
      h.update(JSON.stringify(v.objects()));
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, y] of Object.entries(v)) {
        h.update(k);
        if (typeof y === 'number') h.update(new Float64Array([y]));
        else feed(y);
      }
    } else h.update(JSON.stringify(v) ?? 'undefined');
  };
  feed(x);
  return h.digest('hex').slice(0, 12);
}

const steps: Record<string, (m: Mods) => unknown> = {
  edges: (m) => {
    const e = m.graph.coOffendingEdges(index, { asOf });
    return [e.source, e.target, e.count, e.present];
  },
  csr: (m) => {
    const c = m.graph.csrFromArrays(edges.index.personIds, edges.source, edges.target, edges.count);
    return [c.ids, c.offsets, c.targets, c.weights];
  },
  components: (m) => m.metrics.connectedComponents(csr),
  degree: (m) => m.metrics.degree(csr),
  kcore: (m) => m.metrics.coreNumber(csr),
  pagerank: (m) => m.metrics.pagerank(csr),
  louvain: (m) => m.metrics.louvain(csr, { seed: 1 }),
  betweenness: (m) => m.metrics.betweenness(csr, { k: 256, seed: 1 }),
  exposure: (m) => m.contagion.exposure(index, { asOf }),
  exposureCounts: (m) => m.contagion.exposureCounts(index, { asOf }),
  retaliations: (m) => m.contagion.retaliations(index, { asOf }),
};

const gcs: { start: number; duration: number; kind: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    gcs.push({
      start: e.startTime,
      duration: e.duration,
      kind: (e as unknown as { detail: { kind: number } }).detail.kind,
    });
}).observe({ entryTypes: ['gc'] });
const spans: { name: string; side: string; t0: number; t1: number }[] = [];
const cpu: Record<string, Record<string, number[]>> = {};
const hashes: Record<string, Record<string, string>> = {};
// Round −1 warms up (compilation, each module copy's as-of index cache) and is not counted.
for (let r = -1; r < rounds; r++) {
  for (const name of wanted) {
    if (r < 0) {
      for (const [, m] of sides) steps[name](m);
      continue;
    }
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const [side, m] of order) {
      // A full collection first (with --expose-gc), so that a step pays for the collections its
      // own allocations cause, not for those the previous steps left due.
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      const c = process.cpuUsage();
      const out = steps[name](m);
      const u = process.cpuUsage(c);
      spans.push({ name, side, t0, t1: performance.now() });
      ((cpu[name] ??= {})[side] ??= []).push((u.user + u.system) / 1e6);
      if (r === 0) (hashes[name] ??= {})[side] = hash(out);
    }
  }
}
await new Promise((r) => setTimeout(r, 50));
const gcOf = (name: string, side: string) => {
  let major = 0;
  let minor = 0;
  for (const sp of spans.filter((x) => x.name === name && x.side === side))
    for (const g of gcs)
      if (g.start >= sp.t0 && g.start < sp.t1) {
        if (g.kind === 1) minor += g.duration;
        else major += g.duration;
      }
  return `gc ms/run major ${(major / rounds).toFixed(0)} minor ${(minor / rounds).toFixed(0)}`;
};
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(
  `\n${people} people, ${rounds} rounds, load at end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const name of wanted) {
  const parts = sides.map(
    ([side]) =>
      `${side} ${median(cpu[name][side]).toFixed(3)} [${cpu[name][side].map((x) => x.toFixed(2)).join(' ')}] #${hashes[name][side]} (${gcOf(name, side)})`,
  );
  const ratio = base ? ` ratio ${(median(cpu[name].new) / median(cpu[name].base)).toFixed(2)}` : '';
  const same = base ? (hashes[name].new === hashes[name].base ? ' same' : ' DIFFERENT') : '';
  console.log(`${name}: ${parts.join(' | ')}${ratio}${same}`);
}
