// Whole pipeline at city scale, one run: synthetic city → ingest (validation of every row) →
// co-offending graph → snapshot → network measures → exposure → retaliations → cascades →
// network Hawkes fit → ranked list with reasons → contact tracing. Writes
// bench/results/pipeline-<people>.md. "The pipeline" is every step from ingest on: the synthetic
// city is the data (its generation is timed for reference, not counted in the pipeline's total).
//   [MEASURES=values|table] node --expose-gc --max-old-space-size=12000 --import tsx bench/pipeline.ts [people] [incidentsPerPersonYear]
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { cascades, exposure, fitNetworkHawkes, retaliations } from '../src/contagion/index.js';
import { indexDataset } from '../src/core/dataset-index.js';
import { coOffendingEdges, csrFromArrays } from '../src/graph/index.js';
import { ingest } from '../src/ingest/index.js';
import {
  betweenness,
  connectedComponents,
  coreNumber,
  degree,
  louvain,
  nodeMetrics,
  pagerank,
} from '../src/metrics/index.js';
import { rankForOutreach, traceContacts } from '../src/outreach/index.js';
import { synthCity } from '../src/synth/index.js';

const people = Number(process.argv[2] ?? 100_000);
const incidentsPerPersonYear = Number(process.argv[3] ?? 1.5);
const rows: {
  step: string;
  wall: number;
  cpu: number;
  note: string;
  /** Memory after the step, GiB: peak resident set so far, resident set, V8 heap in use, typed-array buffers. */
  peak: number;
  rss: number;
  heap: number;
  buffers: number;
  /** performance.now() at the step's start and end, to charge garbage-collector pauses to it. */
  t0: number;
  t1: number;
}[] = [];
// Garbage-collector pauses on the main thread (entries arrive after the synchronous run; each is
// charged to the step it started in). Concurrent marking on V8's helper threads is not a pause:
// it shows as CPU above wall time.
const gcPauses: { start: number; ms: number; major: boolean }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    gcPauses.push({
      start: e.startTime,
      ms: e.duration,
      major: kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR,
    });
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
const gib = (b: number) => b / 1024 ** 3;
function step<T>(name: string, f: () => T, note: (r: T) => string = () => ''): T {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  const m = process.memoryUsage();
  const row = {
    step: name,
    wall: (performance.now() - t) / 1000,
    cpu: (u.user + u.system) / 1e6,
    note: note(r),
    peak: gib(process.resourceUsage().maxRSS * 1024),
    rss: gib(m.rss),
    heap: gib(m.heapUsed),
    buffers: gib(m.arrayBuffers),
    t0: t,
    t1: performance.now(),
  };
  rows.push(row);
  console.error(
    `${name}: ${row.wall.toFixed(2)} s wall, ${row.cpu.toFixed(2)} s CPU ${row.note} ` +
      `[peak ${row.peak.toFixed(2)}, rss ${row.rss.toFixed(2)}, heap ${row.heap.toFixed(2)}, buffers ${row.buffers.toFixed(2)} GiB]`,
  );
  return r;
}

// Raw rows as an export would give them (no derived `day`), so ingest validates everything. A
// user holds their export's rows while ingesting, not the synthetic city (its truth and its
// `day`-carrying incidents): the city is dropped once the rows are made, and the rows once they
// are ingested, so peak memory is the library's (rows + what it builds), not the bench's.
function exportRows() {
  const city = step(
    'synthetic city',
    () => synthCity({ people, incidentsPerPersonYear, seed: 1, feud: { rivalries: 100 } }),
    (c) => `${c.data.incidents.length} incidents, ${c.data.involvements.length} involvements`,
  );
  return {
    incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  };
}
let raw: ReturnType<typeof exportRows> | null = exportRows();
// Under `--expose-gc`, the synthetic city's garbage is collected here, outside any timed step, so
// that its collection (the city is the bench's data, not the library's work) is not charged to
// ingest; without the flag it falls on whichever steps run next, as before.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const { data } = step(
  'ingest (validate every row)',
  () => ingest(raw!, { now: '2030-01-01' }),
  (r) => `${r.summary.accepted} accepted, ${r.summary.rejected} rejected`,
);
raw = null;
step('dataset index', () => indexDataset(data));
const asOf = '2023-10-01';
// The heavy path needs no graphology graph: co-offending edge arrays straight from the index,
// then the snapshot (build `coOffendingGraph` only when a graphology graph is wanted).
const edges = step(
  'co-offending edges (from the index)',
  () => coOffendingEdges(data, { asOf }),
  (e) => `${e.present.reduce((a, b) => a + b, 0)} people, ${e.source.length} ties`,
);
const csr = step('CSR snapshot (BFS order)', () =>
  csrFromArrays(edges.index.personIds, edges.source, edges.target, edges.count),
);
// The six measures, as each measure's `{ id: value }` record (default: a million-key object at
// 1M people, 0.7-1.4 s CPU to build per measure there); MEASURES=values: each measure's
// `Float64Array` in snapshot order (`.values`); MEASURES=table: the same six as one arquero table
// (`nodeMetrics` on the snapshot: a `person_id` column and one column per measure, built from
// the `.values` arrays), the library's one call for per-person measures of a large network.
const measuresAs = process.env.MEASURES ?? 'records';
if (!['records', 'values', 'table'].includes(measuresAs))
  throw new Error(`MEASURES: records (default), values or table, not '${measuresAs}'`);
const asValues = measuresAs === 'values';
if (measuresAs === 'table') {
  step(
    'measures table (nodeMetrics: component, degree, k-core, PageRank, Louvain, betweenness 256 pivots)',
    () =>
      nodeMetrics(csr, {
        measures: ['component', 'degree', 'core_number', 'pagerank', 'community', 'betweenness'],
        pivots: 256,
        seed: 1,
      }),
    (t) => `${t.numRows()} rows, ${t.numCols()} columns`,
  );
} else {
  step('components', () => (asValues ? connectedComponents.values(csr) : connectedComponents(csr)));
  step('degree', () => (asValues ? degree.values(csr) : degree(csr)));
  step('k-core', () => (asValues ? coreNumber.values(csr) : coreNumber(csr)));
  step('PageRank', () => (asValues ? pagerank.values(csr) : pagerank(csr)));
  step('Louvain', () => (asValues ? louvain.values(csr, { seed: 1 }) : louvain(csr, { seed: 1 })));
  step('betweenness, 256 pivots', () =>
    asValues ? betweenness.values(csr, { k: 256, seed: 1 }) : betweenness(csr, { k: 256, seed: 1 }),
  );
}
step(
  'exposure (180 days, distance 2)',
  () => exposure(data, { asOf }),
  (t) => `${t.numRows()} rows`,
);
const links = step(
  'retaliations',
  () => retaliations(data, { asOf }),
  (t) => `${t.numRows()} links`,
);
step(
  'cascades',
  () => cascades(links),
  (c) => `${c.table.numRows()} cascades`,
);
const model = step(
  'network Hawkes fit',
  () => fitNetworkHawkes(data, { asOf }),
  (m) =>
    `${m.events.numRows()} events, α ${m.parameters.alpha.toPrecision(3)}, ${m.iterations} iterations`,
);
step(
  'rank for outreach (everyone, with reasons)',
  () => rankForOutreach(data, { asOf, model, limit: 1000 }),
  (t) => `${t.numRows()} listed`,
);
const lastShooting = data.incidents.filter((i) => i.severity >= 3 && i.date < asOf).at(-1)!;
step(
  'trace contacts from the latest shooting (network only)',
  () => traceContacts(data, lastShooting.incident_id),
  (t) => `${t.numRows()} people`,
);
step(
  'trace contacts from the latest shooting, with model risk',
  () => traceContacts(data, lastShooting.incident_id, { model, asOf }),
  (t) => `${t.numRows()} people`,
);

// Let the observer receive the pauses of the synchronous run, then charge each to its step.
await new Promise((r) => setTimeout(r, 50));
gcObserver.disconnect();
const pauses = rows.map((r) => {
  let all = 0;
  let major = 0;
  let majors = 0;
  for (const g of gcPauses)
    if (g.start >= r.t0 && g.start < r.t1) {
      all += g.ms / 1000;
      if (g.major) {
        major += g.ms / 1000;
        majors++;
      }
    }
  return { all, major, majors };
});
const total = rows.reduce((s, r) => [s[0] + r.wall, s[1] + r.cpu], [0, 0]);
// "The pipeline" is every step from ingest on: the synthetic city is the data, not the pipeline.
const pipeline = rows
  .filter((r) => r.step !== 'synthetic city')
  .reduce((s, r) => [s[0] + r.wall, s[1] + r.cpu], [0, 0]);
const pipelinePauses = rows.reduce(
  (s, r, i) => (r.step === 'synthetic city' ? s : [s[0] + pauses[i].all, s[1] + pauses[i].major]),
  [0, 0],
);
const peak = process.resourceUsage().maxRSS / 1024 / 1024;
const md = [
  `# Whole pipeline, ${people.toLocaleString('en')} people (one run)`,
  '',
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  `Command: \`${measuresAs === 'records' ? '' : `MEASURES=${measuresAs} `}node ${process.execArgv.join(' ')} bench/pipeline.ts ${people} ${incidentsPerPersonYear}\`.`,
  '',
  '| step | wall (s) | CPU (s) | GC pauses (s) | of which major | major GCs | note | peak RSS so far (GiB) | RSS after | heap after | buffers after |',
  '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ...rows.map(
    (r, i) =>
      `| ${r.step} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${pauses[i].all.toFixed(2)} | ${pauses[i].major.toFixed(2)} | ${pauses[i].majors} | ${r.note} | ${r.peak.toFixed(2)} | ${r.rss.toFixed(2)} | ${r.heap.toFixed(2)} | ${r.buffers.toFixed(2)} |`,
  ),
  `| **pipeline** (ingest → trace, without the city) | **${pipeline[0].toFixed(1)}** | **${pipeline[1].toFixed(1)}** | **${pipelinePauses[0].toFixed(1)}** | **${pipelinePauses[1].toFixed(1)}** | **${pauses.reduce((s, p, i) => (rows[i].step === 'synthetic city' ? s : s + p.majors), 0)}** | | | | | |`,
  `| total, with the synthetic city | ${total[0].toFixed(1)} | ${total[1].toFixed(1)} | | | | peak RSS ${peak.toFixed(2)} GiB | | | | |`,
  '',
  `Load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')} (1, 5, 15 min). "The pipeline" is every step from ingest on; the synthetic`,
  'city is the data it runs on (its generation is timed above for reference, not counted).',
  'GC pauses: the main-thread pauses of the garbage collector that started in the step (all kinds,',
  'then mark-compact alone, and how many mark-compacts), from `PerformanceObserver` `gc` entries;',
  'they are part of its wall time.',
  'Memory columns, after each step: the peak resident set so far (`process.resourceUsage`), then',
  '`process.memoryUsage()`: resident set, V8 heap in use (JS objects), typed-array buffers (outside',
  'the heap). The bench drops the synthetic city once the export rows are made and the rows once',
  'they are ingested, as a user holding only their export would.',
  gc
    ? "With `--expose-gc`, the city's garbage is collected before ingest is timed (not counted)."
    : "Without `--expose-gc`, collecting the city's garbage falls on the first steps timed.",
  '',
].join('\n');
writeFileSync(`bench/results/pipeline-${people}.md`, md);
console.log(md);
