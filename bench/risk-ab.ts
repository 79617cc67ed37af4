// Model risk A/B in one process (issue 17, fifth pass): the pipeline's city built once and fitted
// once (with this checkout's fit), then rounds alternating which version goes first, each calling
// its `risk` for one person on a fresh copy of the fitted state, which propagates the knock-on of
// everyone (first-generation lists, factors, knock-on steps: the part of the ranked list that grows
// worst with the city). Timed in CPU with a full collection before each call; the collector's
// time inside the call (wall) is given apart, and the knock-on of everyone must be identical.
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/risk-ab.ts <other-checkout> [people] [rate] [rounds]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';

const other = resolve(process.argv[2] ?? '/work/base63');
const people = Number(process.argv[3] ?? 100_000);
const rate = Number(process.argv[4] ?? 1.5);
const rounds = Number(process.argv[5] ?? 3);
const here = resolve(import.meta.dirname, '..');
type Lib = {
  name: string;
  risk: (s: unknown, people: unknown, o: unknown) => unknown;
  riskStates: WeakMap<object, { state: unknown; risk: unknown }>;
};
async function load(root: string, name: string): Promise<Lib> {
  const m = await import(`${root}/src/contagion/hawkes/model.ts`);
  return { name, risk: m.risk, riskStates: m.riskStates };
}
const libs = [await load(other, 'old'), await load(here, 'new')];
const { synthCity } = await import(`${here}/src/synth/index.ts`);
const { ingest } = await import(`${here}/src/ingest/index.ts`);
const { fitNetworkHawkes } = await import(`${here}/src/contagion/index.ts`);
const cpu = <T>(f: () => T): [T, number] => {
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  return [r, (u.user + u.system) / 1e6];
};
let [city, tc] = cpu(() =>
  synthCity({ people, incidentsPerPersonYear: rate, seed: 1, feud: { rivalries: 100 } }),
);
const { data } = ingest(
  {
    incidents: city.data.incidents.map(({ day: _day, ...rest }: { day: number }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  },
  { now: '2030-01-01' },
);
city = null;
const asOf = '2023-10-01';
const [model, tf] = cpu(() => fitNetworkHawkes(data, { asOf }));
console.log(`city ${tc.toFixed(1)} s, fit ${tf.toFixed(1)} s CPU, load ${loadavg()[0].toFixed(1)}`);
const state = libs[1].riskStates.get(model)!.state as object;
const gc = (globalThis as { gc?: () => void }).gc;
let gcMs = 0;
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const h = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 12);
const ids = (state as { data: { index: { personIds: string[] } } }).data.index.personIds;
const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 2000)) === 0);
const times: Record<string, number[]> = { old: [], new: [] };
const gcs: Record<string, number[]> = { old: [], new: [] };
const hashes = new Set<string>();
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? libs : [...libs].reverse();
  for (const lib of order) {
    const s = { ...state };
    gc?.();
    gcMs = 0;
    const [risks, t] = cpu(() => lib.risk(s, sample, { from: asOf, horizonDays: 90 }));
    // The collector's entries reach the observer on a later turn of the event loop.
    await new Promise((r) => setTimeout(r, 50));
    const g = gcMs;
    const hash = h(risks);
    hashes.add(hash);
    times[lib.name].push(t);
    gcs[lib.name].push(g / 1000);
    console.log(
      `round ${r} ${lib.name}: risk ${t.toFixed(2)} s CPU (collector ${(g / 1000).toFixed(2)} s wall), parts ${hash}, load ${loadavg()[0].toFixed(1)}`,
    );
  }
}
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ratios = times.old.map((x, i) => times.new[i] / x);
console.log(
  `risk: old median ${median(times.old).toFixed(2)} [${times.old.map((x) => x.toFixed(2)).join(' ')}], new median ${median(times.new).toFixed(2)} [${times.new.map((x) => x.toFixed(2)).join(' ')}], per-round new/old median ${median(ratios).toFixed(3)}; collector old ${median(gcs.old).toFixed(2)} new ${median(gcs.new).toFixed(2)} s; parts ${hashes.size === 1 ? 'identical' : 'DIFFER'}`,
);
