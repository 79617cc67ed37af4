// CPU profile of the pipeline's fit and rank steps (issue 17): the pipeline's city (synthCity →
// ingest → index → exposure, so the fit finds the as-of index cached as in bench/pipeline.ts), then
// the network Hawkes fit and the ranked list (1000, with reasons), each profiled on its own with the
// inspector (sampling every 200 µs) and written to <outDir>/fit.cpuprofile and rank.cpuprofile,
// with the step's CPU (process.cpuUsage) and major GCs printed.
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/fitrank-prof.ts [people] [rate] [outDir]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { exposure, fitNetworkHawkes } from '../src/contagion/index.js';
import { rankForOutreach } from '../src/outreach/index.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 0.5);
const outDir = process.argv[4] ?? '/tmp';
const data = ingestedCity(people, rate);
const asOf = '2023-10-01';
exposure(data, { asOf });
const gc = (globalThis as { gc?: () => void }).gc;
const majors: number[] = [];
const obs = new PerformanceObserver((l) => {
  for (const e of l.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) majors.push(e.startTime);
  }
});
obs.observe({ entryTypes: ['gc'] });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
async function prof<T>(name: string, f: () => T): Promise<T> {
  gc?.();
  await new Promise((r) => setTimeout(r, 20));
  await session.post('Profiler.start');
  const t = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  const t1 = performance.now();
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(`${outDir}/${name}.cpuprofile`, JSON.stringify(profile));
  await new Promise((res) => setTimeout(res, 20));
  const m = majors.filter((s) => s >= t && s < t1).length;
  console.log(
    `${name}: ${((u.user + u.system) / 1e6).toFixed(2)} s CPU, ${((t1 - t) / 1000).toFixed(2)} s wall, ${m} major GCs, load ${loadavg()[0].toFixed(1)}`,
  );
  return r;
}
const model = await prof('fit', () => fitNetworkHawkes(data, { asOf }));
console.log(JSON.stringify(model.diagnostics.timings));
await prof('rank', () => rankForOutreach(data, { asOf, model, limit: 1000 }));
