// GC trace of the pipeline's fit and rank (issue 17): the pipeline's city (synthCity → ingest →
// index → exposure), then the fit and the ranked list, each between markers on stdout, so that
// `--trace-gc` lines can be read per step.
//   node --expose-gc --trace-gc --max-old-space-size=12000 --import tsx bench/fitrank-gc.ts [people] [rate]
import { exposure, fitNetworkHawkes } from '../src/contagion/index.js';
import { rankForOutreach } from '../src/outreach/index.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 0.5);
const data = ingestedCity(people, rate);
const asOf = '2023-10-01';
exposure(data, { asOf });
const gc = (globalThis as { gc?: () => void }).gc;
const step = <T>(name: string, f: () => T): T => {
  gc?.();
  const m0 = process.memoryUsage();
  console.log(
    `=== ${name} start: heap ${(m0.heapUsed / 2 ** 30).toFixed(2)} GiB, buffers ${(m0.arrayBuffers / 2 ** 30).toFixed(2)} GiB`,
  );
  const c = process.cpuUsage();
  const t = performance.now();
  const r = f();
  const u = process.cpuUsage(c);
  const m = process.memoryUsage();
  console.log(
    `=== ${name} end: ${((u.user + u.system) / 1e6).toFixed(2)} s CPU, ${((performance.now() - t) / 1000).toFixed(2)} s wall, heap ${(m.heapUsed / 2 ** 30).toFixed(2)} GiB, buffers ${(m.arrayBuffers / 2 ** 30).toFixed(2)} GiB`,
  );
  return r;
};
const model = step('fit', () => fitNetworkHawkes(data, { asOf }));
step('rank', () => rankForOutreach(data, { asOf, model, limit: 1000 }));
