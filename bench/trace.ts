/**
 * Contact tracing from a new shooting (issue 17): on a synthetic city, the index built once
 * (as the pipeline has it), then traceContacts from each of the 5 latest shootings, read from the
 * index in place. CPU and wall medians; peak RSS.
 *
 *   node --max-old-space-size=12000 --import tsx bench/trace.ts 1000000 0.5
 */
import { indexDataset } from '../src/core/dataset-index.js';
import { traceContacts } from '../src/outreach/index.js';
import { synthCity } from '../src/synth/index.js';
import { median, time } from './timing.js';

const people = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 1.5);
const city = time(() =>
  synthCity({ people, incidentsPerPersonYear: rate, seed: 1, feud: { rivalries: 100 } }),
);
const { data } = city.value;
const idx = time(() => indexDataset(data));
const shootings = idx.value.incidents.filter((x) => x.severity >= 3).slice(-5);
const runs = shootings.map((s) => time(() => traceContacts(data, s.incident_id)));
console.log(
  JSON.stringify({
    people,
    incidents: data.incidents.length,
    involvements: data.involvements.length,
    index_cpu_s: idx.cpuMs / 1000,
    trace_cpu_ms: runs.map((r) => Math.round(r.cpuMs)),
    trace_cpu_median_ms: median(runs.map((r) => r.cpuMs)),
    trace_wall_median_ms: median(runs.map((r) => r.ms)),
    listed: runs.map((r) => r.value.numRows()),
    peak_rss_gib: process.resourceUsage().maxRSS / 2 ** 20,
  }),
);
