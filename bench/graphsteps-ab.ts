// The graph and model steps of bench/pipeline.ts (not ingest, not betweenness), one at a time,
// A/B interleaved in one process: the code of a base checkout (`BASE`, a copy of src/ with
// node_modules next to it) against this checkout, on the pipeline's synthetic city (`RATE`
// incidents per person-year, default 0.5 as the 1M pipeline; copied from bench/graph-steps.ts,
// with the model steps and a count of full collections). Each round runs every step once per side, alternating
// which side goes first; CPU seconds (process.cpuUsage) per call, median per side, and a hash of
// each output so that speed changes can be checked to give identical values.
//   BASE=/work/basecb RATE=0.5 node --expose-gc --max-old-space-size=12000 --import tsx bench/graphsteps-ab.ts \
//     [people] [rounds] [steps,comma,separated]
// Steps: edges, csr, components, degree, kcore, pagerank, louvain, betweenness, asof (the as-of
// prefix index, uncached), exposureFresh (exposure paying the uncached prefix), exposure,
// retaliations, fit, rank (fit and rank: the network Hawkes fit as of asOf, and the list of 1000
// with that side's own fit). Without BASE, only this checkout is timed (and hashed).
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { indexBefore, indexDataset } from '../src/core/dataset-index.js';
import { resolveWindow } from '../src/core/window.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const wanted = (process.argv[4] ?? 'edges,components,exposure,retaliations,fit,rank').split(',');
const base = process.env.BASE;

type Mods = {
  graph: typeof import('../src/graph/index.js');
  metrics: typeof import('../src/metrics/index.js');
  contagion: typeof import('../src/contagion/index.js');
  outreach: typeof import('../src/outreach/index.js');
  core: typeof import('../src/core/dataset-index.js');
};
async function load(root: string): Promise<Mods> {
  return {
    graph: await import(`${root}/graph/index.js`),
    metrics: await import(`${root}/metrics/index.js`),
    contagion: await import(`${root}/contagion/index.js`),
    outreach: await import(`${root}/outreach/index.js`),
    core: await import(`${root}/core/dataset-index.js`),
  };
}
const sides: [string, Mods][] = [['new', await load('../src')]];
if (base) sides.unshift(['base', await load(`${base}/src`)]);

// As bench/pipeline.ts: the city and the raw rows are dropped once ingested, so the heap that
// garbage collections walk is the library's (dataset, index), not the bench's.
const data = ingestedCity(people, Number(process.env.RATE ?? 0.5));
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
    else if (v instanceof Map) for (const [k, y] of v) h.update(`${k}\t${y}\n`);
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
  // The as-of prefix index uncached (a fresh copy of the index object is a new cache key), alone
  // and as exposure pays it in the pipeline (its first caller there).
  asof: (m) => {
    const p = m.core.indexBefore(fresh(), resolveWindow(index, { asOf }).hi);
    const { personIds, day, timed, severity, invOffset, invPerson, invRole } = p;
    const { personIncOffset, personInc, personIncRole, group, groupSince, groupUntil } = p;
    return {
      personIds,
      personIndex: p.personIndex, // (hashed by its entries, outside the timing)
      ...{ day, timed, severity, invOffset, invPerson, invRole, personIncOffset, personInc },
      ...{ personIncRole, group, groupSince, groupUntil, groupNames: p.groupNames },
    };
  },
  exposureFresh: (m) => m.contagion.exposure(fresh(), { asOf }),
  exposureCounts: (m) => m.contagion.exposureCounts(index, { asOf }),
  retaliations: (m) => m.contagion.retaliations(index, { asOf }),
  fit: (m) => {
    const f = fitted(m, true);
    return [f.parameters, f.standardErrors, f.logLikelihood, f.events];
  },
  // The fit with a tie weight (reads the shared days) and with static ties.
  fitLogCount: (m) => {
    const f = m.contagion.fitNetworkHawkes(data, { asOf, tieWeight: 'log-count' });
    return [f.parameters, f.standardErrors, f.logLikelihood, f.events];
  },
  fitStatic: (m) => {
    const f = m.contagion.fitNetworkHawkes(data, { asOf, ties: 'static' });
    return [f.parameters, f.standardErrors, f.logLikelihood, f.events];
  },
  rank: (m) => m.outreach.rankForOutreach(data, { asOf, model: fitted(m, false), limit: 1000 }),
};
function fresh() {
  return Object.create(
    Object.getPrototypeOf(index),
    Object.getOwnPropertyDescriptors(index),
  ) as typeof index;
}
// Each side's fit, kept for its rank step (the rank of a round uses the fit of that round, or of
// the warm-up when fit is not timed).
const fits = new Map<Mods, ReturnType<Mods['contagion']['fitNetworkHawkes']>>();
function fitted(m: Mods, fresh: boolean) {
  let f = fits.get(m);
  if (fresh || !f) fits.set(m, (f = m.contagion.fitNetworkHawkes(data, { asOf })));
  return f;
}

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
  let marks = 0;
  for (const sp of spans.filter((x) => x.name === name && x.side === side))
    for (const g of gcs)
      if (g.start >= sp.t0 && g.start < sp.t1) {
        if (g.kind === 1) minor += g.duration;
        else major += g.duration;
        if (g.kind === 4) marks++;
      }
  return `gc ms/run major ${(major / rounds).toFixed(0)} minor ${(minor / rounds).toFixed(0)}, full marks/run ${(marks / rounds).toFixed(1)}`;
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
