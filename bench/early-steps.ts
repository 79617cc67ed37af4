// The 1M pipeline's steps from ingest to retaliations (bench/pipeline.ts's order and calls), in
// one fresh process, with the library loaded from a given checkout's src/, so that two checkouts
// can be compared in alternating fresh processes (the garbage collections of one step depend on
// what the earlier steps left, so the steps run in sequence, as in the pipeline). Prints one JSON
// line: CPU s per step (process.cpuUsage), the total, the load; with HASH=1 also a hash of each
// step's output, computed after the timed run (outside every timing). With --trace-gc, a marker
// line `=== <step>` goes to stdout before each step, so the collections can be placed.
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/early-steps.ts <checkout> [people] [rate]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';

const root = process.argv[2] ?? '..';
const people = Number(process.argv[3] ?? 1_000_000);
const rate = Number(process.argv[4] ?? 0.5);
const src = `${root.startsWith('/') ? root : `${process.cwd()}/${root}`}/src`;
const { synthCity } = await import(`${src}/synth/index.js`);
const { ingest } = await import(`${src}/ingest/index.js`);
const { indexDataset } = await import(`${src}/core/dataset-index.js`);
const { coOffendingEdges, csrFromArrays } = await import(`${src}/graph/index.js`);
const m = await import(`${src}/metrics/index.js`);
const { exposure, retaliations } = await import(`${src}/contagion/index.js`);

function exportRows() {
  const city = synthCity({
    people,
    incidentsPerPersonYear: rate,
    seed: 1,
    feud: { rivalries: 100 },
  });
  return {
    incidents: city.data.incidents.map(({ day: _day, ...rest }: { day: number }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  };
}
let raw: ReturnType<typeof exportRows> | null = exportRows();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const load0 = loadavg()[0];
// ALLOC=1: bytes of typed arrays made per step (the constructors wrapped; subarray views and
// `slice` copies not counted). Changes the timings: only for counting.
let made = 0;
const allocated = () => {
  const x = made;
  made = 0;
  return x;
};
// SAB_ALL=1 (an experiment, not a mode of the library): every typed array made with a length
// gets a SharedArrayBuffer, whose memory V8 does not count as the isolate's external memory
// (no "external memory pressure" full marks): the upper bound of what scratch arrays on shared
// buffers could save.
const TYPED = [
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
];
/** Replaces each typed-array constructor by `construct(C, args, newTarget)`. */
const wrapTyped = (
  construct: (C: (typeof TYPED)[number], args: unknown[], nt: NewableFunction) => object,
) => {
  for (const C of TYPED)
    (globalThis as Record<string, unknown>)[C.name] = new Proxy(C, {
      construct: (t, args, nt) => construct(t, args, nt),
    });
};
if (process.env.SAB_ALL === '1')
  wrapTyped((C, args, nt) =>
    typeof args[0] === 'number'
      ? Reflect.construct(C, [new SharedArrayBuffer(args[0] * C.BYTES_PER_ELEMENT)], nt)
      : Reflect.construct(C, args, nt),
  );
if (process.env.ALLOC === '1')
  wrapTyped((C, args, nt) => {
    const a = Reflect.construct(C, args, nt) as { byteLength: number };
    if (!(args[0] instanceof ArrayBuffer)) made += a.byteLength;
    return a;
  });
const cpu: Record<string, number> = {};
const outs: Record<string, unknown> = {};
function step<T>(name: string, f: () => T): T {
  console.log(`=== ${name}`);
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  cpu[name] = (u.user + u.system) / 1e6;
  if (process.env.ALLOC === '1') {
    console.log(`typed arrays made in ${name}: ${(allocated() / 2 ** 20).toFixed(1)} MiB`);
  }
  // (kept only to hash: the pipeline drops the measures' outputs, and what stays alive changes
  // the collections of the later steps)
  if (process.env.HASH === '1' || name === 'ingest') outs[name] = r;
  return r;
}
const asOf = '2023-10-01';
const { data } = step('ingest', () => ingest(raw!, { now: '2030-01-01' }));
raw = null;
step('index', () => indexDataset(data));
const edges = step('edges', () => coOffendingEdges(data, { asOf }));
const csr = step('csr', () =>
  csrFromArrays(edges.index.personIds, edges.source, edges.target, edges.count),
);
step('components', () => m.connectedComponents(csr));
step('degree', () => m.degree(csr));
step('kcore', () => m.coreNumber(csr));
step('pagerank', () => m.pagerank(csr));
step('louvain', () => m.louvain(csr, { seed: 1 }));
if (process.env.NO_BC !== '1') step('betweenness', () => m.betweenness(csr, { k: 256, seed: 1 }));
step('exposure', () => exposure(data, { asOf }));
step('retaliations', () => retaliations(data, { asOf }));
console.log('=== end');
const total = Object.values(cpu).reduce((a, b) => a + b, 0);
const hashes: Record<string, string> = {};
if (process.env.HASH === '1') {
  const hashOf = (x: unknown): string => {
    const h = createHash('sha256');
    const feed = (v: unknown) => {
      if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      else if (v instanceof Map) for (const [k, y] of v) h.update(`${k}\t${y}\n`);
      else if (v && typeof v === 'object' && 'objects' in v && typeof v.objects === 'function')
        h.update(JSON.stringify(v.objects()));
      else if (Array.isArray(v)) {
        h.update(`[${v.length}`);
        for (const y of v) feed(y);
      } else if (v && typeof v === 'object') {
        for (const [k, y] of Object.entries(v)) {
          h.update(k);
          if (typeof y === 'number') h.update(new Float64Array([y]));
          else feed(y);
        }
      } else h.update(`${JSON.stringify(v) ?? 'undefined'}|`);
    };
    feed(x);
    return h.digest('hex').slice(0, 12);
  };
  const d = data as unknown as Record<string, unknown>;
  hashes.ingest = hashOf([
    d.incidents,
    d.involvements,
    d.people,
    (outs.ingest as { summary: unknown }).summary,
    (outs.ingest as { rejected: unknown }).rejected,
  ]);
  const ix = outs.index as Record<string, unknown>;
  hashes.index = hashOf(
    Object.keys(ix)
      .filter((k) => k !== 'personIndex' && k !== 'incidents' && k !== 'data')
      .sort()
      .map((k) => [k, ix[k]]),
  );
  const e = outs.edges as Record<string, unknown>;
  hashes.edges = hashOf([
    e.source,
    e.target,
    e.count,
    e.present,
    (e.index as { personIds: unknown }).personIds,
  ]);
  const c = outs.csr as Record<string, unknown>;
  hashes.csr = hashOf([c.ids, c.offsets, c.targets, c.weights]);
  for (const k of [
    'components',
    'degree',
    'kcore',
    'pagerank',
    'louvain',
    'betweenness',
    'exposure',
    'retaliations',
  ])
    if (k in outs) hashes[k] = hashOf(outs[k]);
}
console.log(
  JSON.stringify({
    root,
    people,
    rate,
    load0,
    load1: loadavg()[0],
    total,
    maxRssGiB: process.resourceUsage().maxRSS / 2 ** 20,
    cpu,
    hashes,
  }),
);
