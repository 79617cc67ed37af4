// Sampled betweenness (k pivots) on the pipeline's own co-offending CSR: the kernel of a base
// checkout (`BASE`, a copy of src/ with node_modules next to it) against this checkout's,
// interleaved in one process (alternating which goes first), CPU seconds (process.cpuUsage)
// per call after a full collection, and the largest relative difference between the values.
//   BASE=/tmp/bcbase node --expose-gc --max-old-space-size=8000 --import tsx \
//     bench/betweenness-batched.ts [people] [incidents/person-year] [rounds] [k] [lanes,...]
// `lanes` adds this checkout's batched kernel at those widths (e.g. 32); `new` is its default.
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { indexDataset } from '../src/core/dataset-index.js';
import { coOffendingEdges, csrFromArrays } from '../src/graph/index.js';
import { ingest } from '../src/ingest/index.js';
import { betweennessKernel, betweennessSources } from '../src/metrics/centrality/betweenness.js';
import { synthCity } from '../src/synth/index.js';

const people = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 1.5);
const rounds = Number(process.argv[4] ?? 5);
const k = Number(process.argv[5] ?? 256);
const laneList = process.argv[6] ? process.argv[6].split(',').map(Number) : [];
const base = process.env.BASE;

// The graph as bench/pipeline.ts builds it: ingest the city's rows, index, co-offending ties
// as of 2023-10-01, a CSR from the edge arrays.
function buildCsr() {
  const city = synthCity({
    people,
    incidentsPerPersonYear: rate,
    seed: 1,
    feud: { rivalries: 100 },
  });
  const rows = {
    incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  };
  const { data } = ingest(rows, { now: '2030-01-01' });
  const edges = coOffendingEdges(indexDataset(data), { asOf: '2023-10-01' });
  return csrFromArrays(edges.index.personIds, edges.source, edges.target, edges.count);
}
const t0 = process.cpuUsage();
const csr = buildCsr();
const tb = process.cpuUsage(t0);
const sources = betweennessSources(csr, csr, { k, seed: 1, exactBudget: 0 });
console.log(
  `${people} people at ${rate}/person-year: ${csr.n} nodes, ${csr.m} ties, ${sources?.length} pivots (built in ${((tb.user + tb.system) / 1e6).toFixed(1)} s CPU); load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

type Kernel = () => Float64Array;
const sides: [string, Kernel][] = [];
if (base) {
  const old = (await import(`${base}/src/metrics/centrality/betweenness.js`)) as {
    betweennessKernel: typeof betweennessKernel;
    betweennessSources: typeof betweennessSources;
  };
  const oldSources = old.betweennessSources(csr, csr, { k, seed: 1, exactBudget: 0 });
  if (!oldSources || !sources || oldSources.join() !== sources.join())
    throw new Error('the base checkout draws other pivots');
  sides.push(['base', () => old.betweennessKernel(csr, null, oldSources)]);
}
sides.push(['new', () => betweennessKernel(csr, null, sources)]);
// Other kernels to time against (experiments): VARIANTS=name=/path/to/betweenness.js,...
for (const spec of process.env.VARIANTS?.split(',') ?? []) {
  const [name, path] = spec.split('=');
  const mod = (await import(path)) as { betweennessKernel: typeof betweennessKernel };
  sides.push([name, () => mod.betweennessKernel(csr, null, sources)]);
}
for (const l of laneList)
  sides.push([`lanes=${l}`, () => betweennessKernel(csr, null, sources, null, l)]);

const hash = (a: Float64Array) =>
  createHash('sha256').update(new Uint8Array(a.buffer)).digest('hex').slice(0, 12);
const cpu: Record<string, number[]> = {};
const out: Record<string, Float64Array> = {};
const gc = (globalThis as { gc?: () => void }).gc;
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? sides : [...sides].reverse();
  for (const [name, run] of order) {
    gc?.();
    const c = process.cpuUsage();
    const v = run();
    const u = process.cpuUsage(c);
    (cpu[name] ??= []).push((u.user + u.system) / 1e6);
    out[name] ??= v;
  }
  console.log(
    `round ${r + 1}: ${sides.map(([s]) => `${s} ${cpu[s][r].toFixed(2)}`).join(', ')}; load ${loadavg()[0].toFixed(1)}`,
  );
}
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ref = out[sides[0][0]];
for (const [name] of sides) {
  let rel = 0;
  for (let i = 0; i < ref.length; i++) {
    const a = ref[i];
    const b = out[name][i];
    if (a !== b) rel = Math.max(rel, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
  }
  const ratio = base ? ` (${(median(cpu[name]) / median(cpu.base)).toFixed(2)}× base)` : '';
  console.log(
    `${name}: median ${median(cpu[name]).toFixed(3)} s CPU${ratio} [${cpu[name].map((x) => x.toFixed(2)).join(' ')}] #${hash(out[name])}, max relative difference to ${sides[0][0]} ${rel.toExponential(2)}`,
  );
}
console.log(
  `load at end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
