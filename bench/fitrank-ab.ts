// Fit + rank (+ exposure) A/B in one process (issue 17): the pipeline's city built once, then
// rounds alternating which version goes first, each version fitting the default network Hawkes
// model, ranking for outreach (1000 listed) and computing exposure, timed in CPU
// (process.cpuUsage, all threads). The other version is a checkout of an older commit, e.g.
// `git worktree add /tmp/base7e 7efc29a` with node_modules symlinked.
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/fitrank-ab.ts <other-checkout> [people] [rate] [rounds]
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const other = resolve(process.argv[2] ?? '/tmp/base7e');
const people = Number(process.argv[3] ?? 100_000);
const rate = Number(process.argv[4] ?? 1.5);
const rounds = Number(process.argv[5] ?? 5);
const here = resolve(import.meta.dirname, '..');
type Lib = {
  name: string;
  fit: (data: unknown, o: object) => unknown;
  rank: (data: unknown, o: object) => { numRows(): number };
  exposure: (data: unknown, o: object) => { numRows(): number };
};
async function load(root: string, name: string): Promise<Lib> {
  const c = await import(`${root}/src/contagion/index.ts`);
  const o = await import(`${root}/src/outreach/index.ts`);
  return { name, fit: c.fitNetworkHawkes, rank: o.rankForOutreach, exposure: c.exposure };
}
const libs = [await load(other, 'old'), await load(here, 'new')];
const { synthCity } = await import(`${here}/src/synth/index.ts`);
const { ingest } = await import(`${here}/src/ingest/index.ts`);
const city = synthCity({ people, incidentsPerPersonYear: rate, seed: 1, feud: { rivalries: 100 } });
const { data } = ingest(
  {
    incidents: city.data.incidents.map(({ day: _day, ...rest }: { day: number }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  },
  { now: '2030-01-01' },
);
const gc = (globalThis as { gc?: () => void }).gc;
const asOf = '2023-10-01';
const cpu = <T>(f: () => T): [T, number] => {
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  return [r, (u.user + u.system) / 1e6];
};
const times: Record<string, Record<string, number[]>> = { old: {}, new: {} };
const add = (v: string, step: string, t: number) => (times[v][step] ??= []).push(t);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? libs : [...libs].reverse();
  for (const lib of order) {
    gc?.();
    const [model, tf] = cpu(() => lib.fit(data, { asOf }));
    const [, tr] = cpu(() => lib.rank(data, { asOf, model, limit: 1000 }));
    const [, te] = cpu(() => lib.exposure(data, { asOf }));
    add(lib.name, 'fit', tf);
    add(lib.name, 'rank', tr);
    add(lib.name, 'exposure', te);
    console.log(
      `round ${r} ${lib.name}: fit ${tf.toFixed(2)} rank ${tr.toFixed(2)} exposure ${te.toFixed(2)} s CPU, load ${loadavg()[0].toFixed(1)}`,
    );
  }
}
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const step of ['fit', 'rank', 'exposure']) {
  const o = times.old[step];
  const n = times.new[step];
  const ratios = o.map((x, i) => n[i] / x);
  console.log(
    `${step}: old median ${median(o).toFixed(2)} [${o.map((x) => x.toFixed(2)).join(' ')}], new median ${median(n).toFixed(2)} [${n.map((x) => x.toFixed(2)).join(' ')}], per-round new/old median ${median(ratios).toFixed(3)}`,
  );
}
