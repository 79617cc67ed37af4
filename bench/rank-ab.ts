// Rank-for-outreach A/B in one process (issue 17, fifth pass): the pipeline's city built once and
// fitted once (with this checkout's fit), then rounds alternating which version ranks first. Each
// call gets a fresh copy of the fitted state (so no version reuses a cached knock-on), registered
// with that version's model module as a fitted model, and is timed in CPU with a full collection
// before it; the lists' hashes must agree. The other version is a checkout of an older commit.
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/rank-ab.ts <other-checkout> [people] [rate] [rounds]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';

const other = resolve(process.argv[2] ?? '/work/basecc');
const people = Number(process.argv[3] ?? 100_000);
const rate = Number(process.argv[4] ?? 1.5);
const rounds = Number(process.argv[5] ?? 3);
const here = resolve(import.meta.dirname, '..');
type Lib = {
  name: string;
  rank: (data: unknown, o: object) => { objects(): unknown[] };
  risk: (s: unknown, people: unknown, o: unknown) => unknown;
  riskStates: WeakMap<object, { state: unknown; risk: unknown }>;
};
async function load(root: string, name: string): Promise<Lib> {
  const o = await import(`${root}/src/outreach/index.ts`);
  const m = await import(`${root}/src/contagion/hawkes/model.ts`);
  return { name, rank: o.rankForOutreach, risk: m.risk, riskStates: m.riskStates };
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
const [city, tc] = cpu(() =>
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
const asOf = '2023-10-01';
const [model, tf] = cpu(() => fitNetworkHawkes(data, { asOf }));
const { driftInEvents } = await import(`${here}/src/contagion/hawkes/model.ts`);
const st = model.state;
console.log(
  `city ${tc.toFixed(1)} s, fit ${tf.toFixed(1)} s CPU, load ${loadavg()[0].toFixed(1)}; ρ ${driftInEvents(st).toFixed(3)}, α ${st.alpha.toPrecision(3)}, α_self ${st.alphaSelf.toPrecision(3)}, β ${st.beta.toPrecision(3)}, people ${st.data.nPeople}, ties ${st.data.tieNeighbour.length}, events ${st.data.evDay.length}`,
);
const state = libs[1].riskStates.get(model)!.state as object;
const gc = (globalThis as { gc?: () => void }).gc;
const h = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 12);
// Mark-compacts that start inside each call (their entries arrive after it: read after a tick).
const majors: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if (
      (e as unknown as { detail?: { kind?: number } }).detail?.kind ===
      perfConstants.NODE_PERFORMANCE_GC_MAJOR
    )
      majors.push(e.startTime);
}).observe({ entryTypes: ['gc'] });
const times: Record<string, number[]> = { old: [], new: [] };
const marks: Record<string, number[]> = { old: [], new: [] };
const hashes = new Set<string>();
// Round −1 warms both versions up (compilation, and the per-index caches the first list fills,
// such as the window's record counts): not timed.
for (let r = -1; r < rounds; r++) {
  const order = r % 2 === 0 ? libs : [...libs].reverse();
  for (const lib of order) {
    const s = { ...state };
    const copy = { ...model, risk: (p: unknown, o: unknown) => lib.risk(s, p, o) };
    lib.riskStates.set(copy, { state: s, risk: copy.risk });
    gc?.();
    const t0 = performance.now();
    const [list, t] = cpu(() => lib.rank(data, { asOf, model: copy, limit: 1000 }));
    const t1 = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    const mc = majors.filter((x) => x >= t0 && x < t1).length;
    if (r >= 0) marks[lib.name].push(mc);
    const hash = h(list.objects());
    hashes.add(hash);
    if (r >= 0) times[lib.name].push(t);
    console.log(
      `round ${r} ${lib.name}: rank ${t.toFixed(2)} s CPU, ${mc} mark-compacts, list ${hash}, load ${loadavg()[0].toFixed(1)}`,
    );
  }
}
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ratios = times.old.map((x, i) => times.new[i] / x);
console.log(
  `rank: old median ${median(times.old).toFixed(2)} [${times.old.map((x) => x.toFixed(2)).join(' ')}], new median ${median(times.new).toFixed(2)} [${times.new.map((x) => x.toFixed(2)).join(' ')}], per-round new/old median ${median(ratios).toFixed(3)}; mark-compacts old [${marks.old.join(' ')}] new [${marks.new.join(' ')}]; lists ${hashes.size === 1 ? 'identical' : 'DIFFER'}`,
);
