/**
 * The fitted Hawkes ranker against the multi-generation oracle (issue 10): top-1% hits as a share
 * of the oracle's, and expected against observed serious-violence totals, over seeds of worlds
 * with and without contagion. Writes bench/results/oracle-worlds.md.
 *
 *   npx tsx bench/oracle-worlds.ts [seeds=10] [people=6000] [variants=default]
 *
 * `variants` is a comma-separated list of ranker variants (see VARIANTS below).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import { backtest } from '../src/outreach/backtest.js';
import { hawkesRanker } from '../src/outreach/hawkes-ranker.js';
import { oracleRanker } from '../src/outreach/oracle-ranker.js';
import type { Ranker } from '../src/outreach/ranker.js';
import {
  type MisspecifiedWorldName,
  misspecifiedWorld,
  synthCity,
  trueExpectedEvents,
} from '../src/synth/index.js';
import type { SynthCityOptions } from '../src/synth/types.js';

const seeds = Number(process.argv[2] ?? 10);
const people = Number(process.argv[3] ?? 6000);
const VARIANTS: Record<string, Omit<NetworkHawkesOptions, 'asOf'>> = {
  default: {},
  frailty: { frailty: true },
  'no-frailty': { frailty: false },
};
const variants = (process.argv[4] ?? 'default').split(',');
for (const v of variants) if (!(v in VARIANTS)) throw new Error(`unknown variant ${v}`);

const CUTS = 6;
const HORIZON = 180;
type World = { name: string; options: (seed: number) => SynthCityOptions };
const world = (name: MisspecifiedWorldName, contagion: boolean): World => ({
  name: `${name}${contagion ? '' : ' (no contagion)'}`,
  options: (seed) => misspecifiedWorld(name, { seed, people, contagion }),
});
const allWorlds: World[] = [
  {
    name: 'default city',
    options: (seed) => ({ ...misspecifiedWorld('heterogeneous', { seed, people }), world: {} }),
  },
  world('heterogeneous', true),
  world('heterogeneous', false),
  world('all', true),
  world('all', false),
];
// BENCH_WORLDS=a,b picks worlds by name (e.g. 'heterogeneous,all (no contagion)').
const picked = process.env.BENCH_WORLDS?.split(',');
const worlds = picked ? allWorlds.filter((w) => picked.includes(w.name)) : allWorlds;

interface Row {
  world: string;
  seed: number;
  ranker: string;
  hits: number;
  expected: number;
  observed: number;
  harmed: number;
}
const rows: Row[] = [];
const load0 = loadavg();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const w of worlds)
  for (let seed = 1; seed <= seeds; seed++) {
    const city = synthCity(w.options(seed));
    const rankers: Ranker[] = [
      ...variants.map((v) => ({ ...hawkesRanker(VARIANTS[v]), name: v })),
      oracleRanker(trueExpectedEvents(city)),
    ];
    const r = backtest(city.data, { cuts: CUTS, horizonDays: HORIZON, k: ['1%'], rankers });
    const acc = new Map<string, Row>();
    for (const name of rankers.map((x) => x.name))
      acc.set(name, {
        world: w.name,
        seed,
        ranker: name,
        hits: 0,
        expected: 0,
        observed: 0,
        harmed: 0,
      });
    for (const s of r.scores.objects() as {
      ranker: string;
      expected: number;
      observed: number;
    }[]) {
      const a = acc.get(s.ranker)!;
      a.expected += s.expected;
      a.observed += s.observed;
    }
    for (const t of r.table.objects() as { ranker: string; hits: number; harmed?: number }[]) {
      const a = acc.get(t.ranker)!;
      a.hits += t.hits;
    }
    rows.push(...acc.values());
    const o = acc.get('oracle')!;
    console.log(
      `${w.name} seed ${seed}: ${[...acc.values()]
        .map(
          (a) =>
            `${a.ranker} ${a.hits} hits (${((100 * a.hits) / Math.max(1, o.hits)).toFixed(0)}%), E/O ${(a.expected / a.observed).toFixed(3)}`,
        )
        .join('; ')}`,
    );
  }
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - t0) / 1000;
const load1 = loadavg();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const lines: string[] = [];
for (const w of worlds)
  for (const v of variants) {
    const mine = rows.filter((r) => r.world === w.name && r.ranker === v);
    const oracle = rows.filter((r) => r.world === w.name && r.ranker === 'oracle');
    const hits = mine.reduce((s, r) => s + r.hits, 0);
    const oHits = oracle.reduce((s, r) => s + r.hits, 0);
    const ratios = mine.map((r, i) => r.hits / Math.max(1, oracle[i].hits));
    const eo = mine.map((r) => r.expected / r.observed);
    const exp = mine.reduce((s, r) => s + r.expected, 0);
    const obs = mine.reduce((s, r) => s + r.observed, 0);
    const worst = eo.reduce((a, b) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a), 1);
    const oe = oracle.reduce((s, r) => s + r.expected, 0);
    lines.push(
      `| ${w.name} | ${v} | ${mine.length} | ${hits} / ${oHits} = ${pct(hits / oHits)} | ${pct(median(ratios))} / ${pct(Math.min(...ratios))} | ${exp.toFixed(0)} / ${obs} = ${(exp / obs).toFixed(3)} | ${median(eo).toFixed(3)} / ${worst.toFixed(3)} | ${(oe / obs).toFixed(3)} |`,
    );
  }
const out = `# The Hawkes ranker against the multi-generation oracle

\`npx tsx bench/oracle-worlds.ts ${seeds} ${people} ${variants.join(',')}\` — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${load1.map((x) => x.toFixed(1)).join(' / ')} at the end (other agents' work on the same 2 cores).
Wall ${wall.toFixed(0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s.

Cities: \`synthCity(misspecifiedWorld(world, { seed, people: ${people}, contagion }))\` (6 years, μ₀ = 1e-4, α = 0.05 or 0, β = 1/60), seeds 1–${seeds}; 'default city' is the same city with no departure (\`world: {}\`).
Backtest: ${CUTS} cuts, horizon ${HORIZON} days, top 1% of the people with a record in the retention window; rankers fitted at each cut on the past only (\`hawkesRanker(options)\`) and \`oracleRanker(trueExpectedEvents(city))\` (true parameters, every person's true background multiplier, every generation).
Hits: people on the top-1% list harmed in the horizon, summed over cuts (and seeds for the pooled share). E/O: expected over observed serious-violence events (victims) in the horizons.
Issue 10 targets: top-1% recall ≥ 80% of the oracle's; expected/observed within ±15%.

| world | variant | seeds | hits / oracle hits (pooled) | per seed: median / worst | expected / observed (pooled) | E/O per seed: median / worst | oracle E/O |
|---|---|---|---|---|---|---|---|
${lines.join('\n')}

## Every seed

| world | seed | ranker | hits | expected | observed |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.world} | ${r.seed} | ${r.ranker} | ${r.hits} | ${r.expected.toFixed(1)} | ${r.observed} |`).join('\n')}
`;
if (process.env.BENCH_NO_WRITE !== '1') writeFileSync('bench/results/oracle-worlds.md', out);
console.log(lines.join('\n'));
