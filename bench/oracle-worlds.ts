/**
 * The fitted Hawkes ranker against the multi-generation oracle (issue 10): top-1% hits as a share
 * of the oracle's, and expected against observed serious-violence totals, over seeds of worlds
 * with and without contagion. Writes bench/results/oracle-worlds.md.
 *
 *   npx tsx bench/oracle-worlds.ts [seeds=10] [people=6000] [variants=default]
 *
 * `variants` is a comma-separated list of ranker variants (see VARIANTS below).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import { createRng } from '../src/core/rng.js';
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
import type { SynthCity, SynthCityOptions } from '../src/synth/types.js';
import {
  aliveOnly,
  feasibleOracleRanker,
  replayPersons,
} from '../test/outreach/feasible-oracle.js';

const seeds = Number(process.argv[2] ?? 10);
const people = Number(process.argv[3] ?? 6000);
// Ranker variants: fitNetworkHawkes options, given the city and its seed. 'true-propensity' is a
// diagnostic, not a ranker one could build: it hands the fit each person's true ln π_k (the
// generator's offending propensity) as a user covariate, to show what knowing π is worth.
const VARIANTS: Record<
  string,
  (city: SynthCity, seed: number) => Omit<NetworkHawkesOptions, 'asOf'>
> = {
  default: () => ({}),
  frailty: () => ({ frailty: true }),
  'no-frailty': () => ({ frailty: false }),
  'no-victimisation-covariate': () => ({ recordCovariates: { priorVictimisation: false } }),
  'no-record-covariates': () => ({ recordCovariates: false }),
  // The trend's bins, which the record counts' growth over the window is measured against.
  'trend-quarter': () => ({ trend: 'quarter' }),
  'no-trend': () => ({ trend: false }),
  'last-bin-182': () => ({ lastTrendBinDays: 182 }),
  // The default before 2026-12-01 16:xx: calendar trend bins only (a last bin of up to 16 months).
  'calendar-bins': () => ({ lastTrendBinDays: Number.POSITIVE_INFINITY }),
  'last-bin-120': () => ({ lastTrendBinDays: 120 }),
  'no-years-covariate': () => ({ recordCovariates: { yearsSinceFirstRecord: false } }),
  // Record counts over a trailing window (recordCountDays): no growth for a person of constant risk.
  'counts-365': () => ({ recordCountDays: 365 }),
  'counts-730': () => ({ recordCountDays: 730 }),
  'counts-365-no-years': () => ({
    recordCountDays: 365,
    recordCovariates: { yearsSinceFirstRecord: false },
  }),
  'counts-730-no-years': () => ({
    recordCountDays: 730,
    recordCovariates: { yearsSinceFirstRecord: false },
  }),
  'counts-1095-no-years': () => ({
    recordCountDays: 1095,
    recordCovariates: { yearsSinceFirstRecord: false },
  }),
  'counts-1461-no-years': () => ({
    recordCountDays: 1461,
    recordCovariates: { yearsSinceFirstRecord: false },
  }),
  // The forecast background divided by the covariates' drift over the last trend bin
  // (`forecastLevel: 'last-bin'`): the same fit, the total held at the bin's level.
  'last-bin-level': () => ({ forecastLevel: 'last-bin' }),
  // The same correction raised to 1 − ρ, ρ the share of the drift the events followed in-sample.
  'drift-checked': () => ({ forecastLevel: 'drift-checked' }),
  // The group covariate (`groupEventDays`): recent serious events in the person's Louvain group.
  'group-90': () => ({ groupEventDays: 90, groupResolution: 8 }),
  'group-90-res1': () => ({ groupEventDays: 90, groupResolution: 1 }),
  'true-propensity': (city, seed) => {
    const known = replayPersons(city, seed);
    if (!known || !city.truth.backgroundWeights) return {};
    return {
      covariates: [...known.c].map(([person_id, c]) => ({ person_id, ln_pi: Math.log(c) })),
    };
  },
  // 'true-multiplier' is the information experiment: the fit is handed each person's whole hidden
  // background multiplier ln w_k (the Gamma draw G_k included) as a user covariate, so what is
  // left between it and the oracle is method (and the hot periods the records cannot show), not
  // information the records do not hold.
  'true-multiplier': (city) => {
    const w = city.truth.backgroundWeights;
    if (!w) return {};
    return {
      covariates: city.data.people.map((p, i) => ({
        person_id: p.person_id,
        ln_w: Math.log(w[i]),
      })),
    };
  },
};
const variants = (process.argv[4] ?? 'default').split(',').filter((v) => v !== '-'); // '-': oracles only
for (const v of variants) if (!(v in VARIANTS)) throw new Error(`unknown variant ${v}`);

// BENCH_FIRST_SEED=n starts the seeds at n (default 1), to split a long run.
const firstSeed = Number(process.env.BENCH_FIRST_SEED ?? 1);
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
  // One departure at a time (only when picked by BENCH_WORLDS): which one moves E/O or the hits.
  ...(['late-onset', 'hot-periods', 'gamma-delay'] as const).flatMap((n) => [
    world(n, true),
    world(n, false),
  ]),
];
// BENCH_WORLDS=a,b picks worlds by name (e.g. 'heterogeneous,all (no contagion)').
const picked = process.env.BENCH_WORLDS?.split(',');
const worlds = picked ? allWorlds.filter((w) => picked.includes(w.name)) : allWorlds.slice(0, 5);

interface Row {
  world: string;
  seed: number;
  ranker: string;
  hits: number;
  expected: number;
  observed: number;
  /** Top-1% people's probability of harm in the horizon under the true process, summed. */
  expectedHits: number;
}
const rows: Row[] = [];
// BENCH_MERGE=a.json,b.json: no run, the table from the rows of earlier runs (BENCH_OUT=x writes
// x.md and x.json instead of bench/results/oracle-worlds.md, so runs can be split and merged).
const merge = process.env.BENCH_MERGE?.split(',');
const runs: {
  cmd: string;
  when: string;
  load0: number[];
  load1: number[];
  wall: number;
  cpu: number;
}[] = [];
if (merge)
  for (const f of merge) {
    const j = JSON.parse(readFileSync(f, 'utf8'));
    rows.push(...j.rows);
    runs.push(j.run);
  }
function memo(r: Ranker | null): Ranker | null {
  if (!r) return null;
  const byCut = new Map<number, ReturnType<Ranker['rank']>>();
  return {
    ...r,
    rank(input) {
      let out = byCut.get(input.asOf);
      if (!out) byCut.set(input.asOf, (out = r.rank(input)));
      return out;
    },
  };
}
// BENCH_CALIB=1: expected and observed events by the person's record count at the cut and by
// the oracle's true expected events (deciles of the population at each cut), per world and ranker:
// where the over-prediction sits.
const COUNT_EDGES = [0, 2, 4, 8, 16, 32, Number.POSITIVE_INFINITY];
const calibRows = new Map<string, { e: number[]; o: number[]; n: number[]; te: number[] }>();
function addCalibration(
  world: string,
  city: SynthCity,
  rankings: {
    cut: string;
    ranker: string;
    person_id: readonly string[];
    expected: Float64Array;
    observed: Int32Array;
  }[],
  oracle: Map<number, { population: readonly string[]; expected?: Float64Array }>,
) {
  const dayOf = new Map(
    city.data.incidents.map((i) => [i.incident_id, Date.parse(i.date) / 86400000]),
  );
  const days = new Map<string, number[]>();
  for (const v of city.data.involvements) {
    let a = days.get(v.person_id);
    if (!a) days.set(v.person_id, (a = []));
    a.push(dayOf.get(v.incident_id)!);
  }
  for (const rk of rankings) {
    const cut = Date.parse(rk.cut) / 86400000;
    const truth = oracle.get(cut);
    if (!truth?.expected) continue;
    const tByPerson = new Map(truth.population.map((id, i) => [id, truth.expected![i]]));
    const te = rk.person_id.map((id) => tByPerson.get(id) ?? 0);
    const sorted = [...te].sort((a, b) => a - b);
    const dec = (x: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (sorted[m] < x) lo = m + 1;
        else hi = m;
      }
      return Math.min(9, Math.floor((10 * lo) / sorted.length));
    };
    for (let i = 0; i < rk.person_id.length; i++) {
      const n = (days.get(rk.person_id[i]) ?? []).filter((d) => d < cut).length;
      let b = 0;
      while (n >= COUNT_EDGES[b + 1]) b++;
      for (const key of [
        `${world}|${rk.ranker}|count ${COUNT_EDGES[b]}–${COUNT_EDGES[b + 1] - 1}`,
        `${world}|${rk.ranker}|true decile ${dec(te[i]) + 1}`,
      ]) {
        let c = calibRows.get(key);
        if (!c) calibRows.set(key, (c = { e: [0], o: [0], n: [0], te: [0] }));
        c.e[0] += rk.expected[i];
        c.o[0] += rk.observed[i];
        c.n[0]++;
        c.te[0] += te[i];
      }
    }
  }
}
const load0 = loadavg();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
function runInfo() {
  const cpu = process.cpuUsage(cpu0);
  const done = new Set(rows.map((r) => `${r.world}/${r.seed}`)).size;
  return {
    cmd: `${Object.entries(process.env)
      .filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_OUT')
      .map(([k, v]) => `${k}="${v}" `)
      .join(
        '',
      )}npx tsx bench/oracle-worlds.ts ${seeds} ${people} ${variants.join(',') || '-'} (${done} cities done)`,
    when: new Date().toISOString().slice(0, 16),
    load0,
    load1: loadavg(),
    wall: (performance.now() - t0) / 1000,
    cpu: (cpu.user + cpu.system) / 1e6,
  };
}
for (const w of merge ? [] : worlds)
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const city = synthCity(w.options(seed));
    // Oracles memoised by cut, so their '(alive)' versions reuse the same forecast.
    const feasible = memo(feasibleOracleRanker(city, seed));
    const hotFiltered = memo(feasibleOracleRanker(city, seed, 'filtered'));
    const oracle = memo(oracleRanker(trueExpectedEvents(city)))!;
    // On worlds with hot periods: the same truth forecast at the cut (hot periods under way last on
    // their mean length, new ones at the world's rate) instead of read from the horizon.
    const atCut = city.truth.hotPeriods?.length
      ? memo({
          ...oracleRanker(trueExpectedEvents(city, { hotPeriods: 'expected' })),
          name: 'oracle at the cut',
        })
      : null;
    const rankers: Ranker[] = [
      ...variants.map((v) => ({ ...hawkesRanker(VARIANTS[v](city, seed)), name: v })),
      ...(feasible ? [feasible] : []),
      ...(hotFiltered ? [hotFiltered] : []),
      oracle,
      ...(atCut ? [atCut] : []),
      ...(process.env.BENCH_ALIVE !== '0'
        ? [
            ...(feasible ? [aliveOnly(feasible)] : []),
            ...(hotFiltered ? [aliveOnly(hotFiltered)] : []),
            aliveOnly(oracle),
          ]
        : []),
    ];
    // Every ranker's scores at each cut, to score its top 1% by the oracle's expected events.
    const seen = new Map<
      string,
      Map<number, { population: readonly string[]; score: Float64Array; expected?: Float64Array }>
    >();
    const recorded = rankers.map(
      (x): Ranker => ({
        ...x,
        rank(input) {
          const out = x.rank(input);
          let m = seen.get(x.name);
          if (!m) seen.set(x.name, (m = new Map()));
          m.set(input.asOf, { population: input.population, ...out });
          return out;
        },
      }),
    );
    const calib = process.env.BENCH_CALIB === '1';
    const r = backtest(city.data, {
      cuts: CUTS,
      horizonDays: HORIZON,
      k: ['1%'],
      rankers: recorded,
      keepScores: calib,
    });
    if (calib) addCalibration(w.name, city, r.rankings!, seen.get('oracle')!);
    const acc = new Map<string, Row>();
    for (const name of rankers.map((x) => x.name))
      acc.set(name, {
        world: w.name,
        seed,
        ranker: name,
        hits: 0,
        expected: 0,
        observed: 0,
        expectedHits: 0,
      });
    // Expected hits under the true process: Σ over the top 1% of P(harmed) = 1 − e^(−E_oracle).
    for (const [name, byCut] of seen)
      for (const [asOf, out] of byCut) {
        const truth = seen.get('oracle')!.get(asOf)!;
        const kn = Math.min(out.population.length, Math.ceil(0.01 * out.population.length - 1e-9));
        const order = Array.from(out.score.keys()).sort((a, b) => out.score[b] - out.score[a]);
        let e = 0;
        for (let i = 0; i < kn; i++) e += 1 - Math.exp(-truth.expected![order[i]]);
        acc.get(name)!.expectedHits += e;
      }
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
    // With BENCH_OUT, the rows so far after every seed (a run cut short still merges).
    if (process.env.BENCH_OUT)
      writeFileSync(`${process.env.BENCH_OUT}.json`, JSON.stringify({ run: runInfo(), rows }));
    const o = acc.get('oracle')!;
    console.log(
      `${w.name} seed ${seed}: ${[...acc.values()]
        .map(
          (a) =>
            `${a.ranker} ${a.hits} hits (${((100 * a.hits) / Math.max(1, o.hits)).toFixed(0)}%), expected hits ${a.expectedHits.toFixed(1)} (${((100 * a.expectedHits) / o.expectedHits).toFixed(0)}%), E/O ${(a.expected / a.observed).toFixed(3)}`,
        )
        .join('; ')}`,
    );
  }
if (!merge) runs.push(runInfo());

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const worldNames = [...new Set(rows.map((r) => r.world))];
const rankerNames = [...new Set(rows.map((r) => r.ranker))];
const mineNames = rankerNames.filter((n) => !n.includes('oracle'));
const of = (world: string, ranker: string) =>
  rows.filter((r) => r.world === world && r.ranker === ranker).sort((a, b) => a.seed - b.seed);
const sum = (xs: Row[], f: (r: Row) => number) => xs.reduce((s, r) => s + f(r), 0);
/** Pooled ratio and per-seed median / worst of a field of `a` over `b`. */
const ratio = (a: Row[], b: Row[], f: (r: Row) => number) => {
  if (a.length === 0 || b.length === 0) return '–';
  const per = a.map((r, i) => f(r) / Math.max(1e-9, f(b[i])));
  return `${pct(sum(a, f) / sum(b, f))} (${pct(median(per))} / ${pct(Math.min(...per))})`;
};
const lines: string[] = [];
const ceilingLines: string[] = [];
for (const w of worldNames) {
  const oracle = of(w, 'oracle');
  const alive = of(w, 'oracle (alive)');
  const feasibleName = of(w, 'feasible oracle (hot periods filtered)').length
    ? 'feasible oracle (hot periods filtered)'
    : 'feasible oracle';
  const feasibleAlive = of(w, `${feasibleName} (alive)`);
  for (const v of mineNames) {
    const mine = of(w, v);
    if (mine.length === 0) continue;
    const eo = mine.map((r) => r.expected / r.observed);
    const worst = eo.reduce((a, b) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a), 1);
    const obs = sum(mine, (r) => r.observed);
    lines.push(
      `| ${w} | ${v} | ${mine.length} | ${sum(mine, (r) => r.hits)} / ${sum(oracle, (r) => r.hits)} = ${ratio(mine, oracle, (r) => r.hits)} | ${ratio(mine, oracle, (r) => r.expectedHits)} | ${ratio(mine, alive, (r) => r.hits)} | ${ratio(mine, feasibleAlive, (r) => r.expectedHits)} | ${sum(mine, (r) => r.expected).toFixed(0)} / ${obs} = ${(sum(mine, (r) => r.expected) / obs).toFixed(3)} | ${median(eo).toFixed(3)} / ${worst.toFixed(3)} | ${(sum(oracle, (r) => r.expected) / obs).toFixed(3)} |`,
    );
  }
  const e = (name: string) => {
    const x = of(w, name);
    return x.length
      ? `${sum(x, (r) => r.expectedHits).toFixed(0)} (${pct(sum(x, (r) => r.expectedHits) / sum(oracle, (r) => r.expectedHits))})`
      : '–';
  };
  ceilingLines.push(
    `| ${w} | ${oracle.length} | ${e('oracle')} | ${e('oracle (alive)')} | ${e('oracle at the cut')} | ${e('feasible oracle')} | ${e('feasible oracle (alive)')} | ${e('feasible oracle (hot periods filtered)')} | ${e('feasible oracle (hot periods filtered) (alive)')} | ${mineNames.map((v) => `${v} ${e(v)}`).join('; ')} |`,
  );
}
// Ratios with a 95% interval: the pooled ratio Σa / Σb over seeds, its per-seed median and worst,
// and a percentile bootstrap over seeds (2,000 resamples of whole seeds, fixed stream) — the
// spread a new set of seeds of the same world would give.
const rng = createRng(20261201);
function interval(a: number[], b: number[]) {
  const n = a.length;
  const pooled =
    a.reduce((s, x) => s + x, 0) /
    Math.max(
      1e-9,
      b.reduce((s, x) => s + x, 0),
    );
  const per = a.map((x, i) => x / Math.max(1e-9, b[i]));
  const boot: number[] = [];
  for (let r = 0; r < 2000; r++) {
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      sa += a[j];
      sb += b[j];
    }
    boot.push(sa / Math.max(1e-9, sb));
  }
  boot.sort((x, y) => x - y);
  const q = (p: number) => boot[Math.min(n > 0 ? 1999 : 0, Math.floor(p * 2000))];
  return { pooled, median: median(per), worst: Math.min(...per), lo: q(0.025), hi: q(0.975) };
}
const fmt = (x: ReturnType<typeof interval>, d = 0) =>
  d === 0
    ? `${pct(x.pooled)} [${pct(x.lo)}, ${pct(x.hi)}] (${pct(x.median)} / ${pct(x.worst)})`
    : `${x.pooled.toFixed(d)} [${x.lo.toFixed(d)}, ${x.hi.toFixed(d)}] (${x.median.toFixed(d)})`;
const summaryLines: string[] = [];
for (const w of worldNames) {
  const oracle = of(w, 'oracle');
  const feasibleName = of(w, 'feasible oracle (hot periods filtered)').length
    ? 'feasible oracle (hot periods filtered)'
    : 'feasible oracle';
  const feasibleAlive = of(w, `${feasibleName} (alive)`);
  const bySeed = (xs: Row[]) => new Map(xs.map((r) => [r.seed, r]));
  for (const v of mineNames) {
    const mine = of(w, v);
    if (mine.length === 0) continue;
    const o = bySeed(oracle);
    const f = bySeed(feasibleAlive);
    const seedsBoth = mine.filter((r) => o.has(r.seed));
    const hitsO = interval(
      seedsBoth.map((r) => r.hits),
      seedsBoth.map((r) => o.get(r.seed)!.hits),
    );
    const ehO = interval(
      seedsBoth.map((r) => r.expectedHits),
      seedsBoth.map((r) => o.get(r.seed)!.expectedHits),
    );
    const withF = mine.filter((r) => f.has(r.seed) && o.has(r.seed));
    const ehF = withF.length
      ? fmt(
          interval(
            withF.map((r) => r.expectedHits),
            withF.map((r) => f.get(r.seed)!.expectedHits),
          ),
        )
      : '–';
    const fO = withF.length
      ? fmt(
          interval(
            withF.map((r) => f.get(r.seed)!.expectedHits),
            withF.map((r) => o.get(r.seed)!.expectedHits),
          ),
        )
      : '–';
    const eo = interval(
      mine.map((r) => r.expected),
      mine.map((r) => r.observed),
    );
    // Against the oracle at the cut (worlds with hot periods; the oracle itself elsewhere).
    const c = bySeed(of(w, 'oracle at the cut').length ? of(w, 'oracle at the cut') : oracle);
    const withC = mine.filter((r) => c.has(r.seed));
    const vsCut = (f: (r: Row) => number) =>
      withC.length
        ? fmt(
            interval(
              withC.map(f),
              withC.map((r) => f(c.get(r.seed)!)),
            ),
          )
        : '–';
    summaryLines.push(
      `| ${w} | ${v} | ${mine.length} | ${fmt(hitsO)} | ${fmt(ehO)} | ${vsCut((r) => r.hits)} | ${vsCut((r) => r.expectedHits)} | ${ehF} | ${fO} | ${fmt(eo, 3)} |`,
    );
  }
}
// Paired with the default fit on the same cities: differences of pooled ratios (variant minus
// default), with a 95% percentile bootstrap over whole seeds (2,000 resamples, fixed stream).
const pairedLines: string[] = [];
if (mineNames.includes('default'))
  for (const w of worldNames) {
    const base = new Map(of(w, 'default').map((r) => [r.seed, r]));
    const oracle = new Map(of(w, 'oracle').map((r) => [r.seed, r]));
    for (const v of mineNames) {
      if (v === 'default') continue;
      const mine = of(w, v).filter((r) => base.has(r.seed) && oracle.has(r.seed));
      if (mine.length === 0) continue;
      const stat = (xs: Row[]) => {
        const sum = (f: (r: Row) => number) => xs.reduce((t, r) => t + f(r), 0);
        const b = (r: Row) => base.get(r.seed)!;
        const o = (r: Row) => oracle.get(r.seed)!;
        const obs = sum((r) => r.observed);
        const oEh = sum((r) => o(r).expectedHits);
        const oH = Math.max(
          1,
          sum((r) => o(r).hits),
        );
        return [
          sum((r) => r.expected) / obs - sum((r) => b(r).expected) / obs,
          (100 * (sum((r) => r.expectedHits) - sum((r) => b(r).expectedHits))) / oEh,
          (100 * (sum((r) => r.hits) - sum((r) => b(r).hits))) / oH,
        ];
      };
      const point = stat(mine);
      const boot: number[][] = [[], [], []];
      for (let it = 0; it < 2000; it++) {
        const xs = Array.from({ length: mine.length }, () => mine[rng.int(mine.length)]);
        const st = stat(xs);
        for (let i = 0; i < st.length; i++) boot[i].push(st[i]);
      }
      const ci = (i: number, d: number) => {
        const b = boot[i].sort((x, y) => x - y);
        return `${point[i] >= 0 ? '+' : ''}${point[i].toFixed(d)} [${b[Math.floor(0.025 * 2000)].toFixed(d)}, ${b[Math.floor(0.975 * 2000)].toFixed(d)}]`;
      };
      const outside = (rs: Row[]) => rs.filter((r) => Math.abs(r.expected / r.observed - 1) > 0.15);
      const eo = (rs: Row[]) =>
        rs.reduce((t, r) => t + r.expected, 0) / rs.reduce((t, r) => t + r.observed, 0);
      const worst = (rs: Row[]) =>
        rs
          .map((r) => r.expected / r.observed)
          .reduce((a, b) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a), 1);
      const bs = mine.map((r) => base.get(r.seed)!);
      pairedLines.push(
        `| ${w} | ${v} | ${mine.length} | ${eo(bs).toFixed(3)} → ${eo(mine).toFixed(3)} | ${ci(0, 3)} | ${ci(1, 1)} | ${ci(2, 1)} | ${outside(bs).length} → ${outside(mine).length} (worst ${worst(bs).toFixed(3)} → ${worst(mine).toFixed(3)}) |`,
      );
    }
  }
const out = `# The Hawkes ranker against the multi-generation oracle and the feasible oracle

## Summary with intervals

Each cell: pooled ratio over seeds [95% bootstrap interval over seeds] (per-seed median / worst seed).
"feasible": the feasible oracle among the living (on worlds with hot periods, the one that filters them from the records too).
'true-multiplier' is not a ranker one could build: the fit is handed each person's hidden background multiplier ln w_k
(the Gamma draw included) as a covariate — what is left between it and the oracle is method (and, on \`all\`, the hot periods), not information.

| world | ranker | seeds | hits / oracle's | expected hits / oracle's | hits / oracle at the cut's | expected hits / oracle at the cut's | expected hits / feasible's | feasible / oracle (expected hits) | expected / observed [interval] (median) |
|---|---|---|---|---|---|---|---|---|---|
${summaryLines.join('\n')}

${
  pairedLines.length
    ? `## Paired with the default fit on the same cities

Variant minus default: pooled E/O; expected hits and hits in points of the oracle's; [95% bootstrap interval over seeds].

| world | variant | seeds | E/O: default → variant | Δ E/O | Δ expected hits (points of the oracle's) | Δ hits (points of the oracle's) | cities outside ±15% |
|---|---|---|---|---|---|---|---|
${pairedLines.join('\n')}

`
    : ''
}## Runs

${runs.map((r) => `\`${r.cmd}\` — ended ${r.when} UTC; load average ${r.load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${r.load1.map((x) => x.toFixed(1)).join(' / ')} at the end; wall ${r.wall.toFixed(0)} s, CPU ${r.cpu.toFixed(0)} s.`).join('\n')}
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; the load is other agents' work on the same 2 cores.

Cities: \`synthCity(misspecifiedWorld(world, { seed, people: ${people}, contagion }))\` (6 years, μ₀ = 1e-4, α = 0.05 or 0, β = 1/60); 'default city' is the same city with no departure (\`world: {}\`).
Backtest: ${CUTS} cuts, horizon ${HORIZON} days, top 1% of the people with a record in the retention window; rankers fitted at each cut on the past only (\`hawkesRanker(options)\`).
Hits: people on the top-1% list harmed in the horizon, summed over cuts (and seeds when pooled). Expected hits: the same lists scored by the true process,
Σ over listed people of 1 − e^(−E), E the oracle's expected events for the person (no sampling noise). E/O: expected over observed serious-violence events in the horizons.
Ratios: pooled over seeds (per-seed median / worst in brackets).

The rankers compared:
- **oracle**: \`oracleRanker(trueExpectedEvents(city))\` — true parameters, every person's true background multiplier, each group's true hot periods, every generation;
- **oracle at the cut** (worlds with hot periods): \`oracleRanker(trueExpectedEvents(city, { hotPeriods: 'expected' }))\` — the same truth, but the hot periods
  forecast from the state at the cut (those under way last on their mean length, new ones start at the world's rate) instead of read from the horizon:
  the best forecast at the cut by someone who knows the whole process and its state then. On worlds without hot periods it is the oracle;
- **oracle (alive)**: the same list without the people the records show killed before the cut. Before 2003184 synthCity kept drawing events for homicide victims,
  so the oracle listed them and gained hits; the fitted model takes them out of the risk set (\`homicideExit\`), as anyone reading real records would (now the killed expect 0 under the oracle too);
- **feasible oracle** (bench/feasible-oracle.ts): true parameters, hot periods and offending propensities, but not the hidden Gamma draw G_k of each
  person's background multiplier — in its place the exact posterior mean of G_k given the person's serious events before the cut under the true process;
- **feasible oracle (hot periods filtered)**: nor the hot periods — a forward filter on each group's number of active hot periods from the group's events;
- **(alive)**: without the people the records show killed.
The feasible oracle still knows each person's offending propensity, which the records show only through their incidents: it bounds what any ranker from
records can reach from above.

Issue 10 targets: top-1% recall ≥ 80% of the oracle's; expected/observed within ±15%.

| world | ranker | seeds | hits / oracle hits | expected hits / oracle's | hits / oracle (alive) hits | expected hits / feasible (alive)'s | expected / observed (pooled) | E/O per seed: median / worst | oracle E/O |
|---|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}

## Ceilings: expected hits under the true process (pooled over seeds; share of the oracle's)

| world | seeds | oracle | oracle (alive) | oracle at the cut | feasible | feasible (alive) | feasible, hot periods filtered | the same (alive) | ours |
|---|---|---|---|---|---|---|---|---|---|
${ceilingLines.join('\n')}

## Every seed

| world | seed | ranker | hits | expected hits | expected | observed |
|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.world} | ${r.seed} | ${r.ranker} | ${r.hits} | ${r.expectedHits.toFixed(1)} | ${r.expected.toFixed(1)} | ${r.observed} |`).join('\n')}
`;
const outPath = process.env.BENCH_OUT;
if (outPath) {
  writeFileSync(`${outPath}.md`, out);
  writeFileSync(`${outPath}.json`, JSON.stringify({ run: runs[0], rows }));
} else if (process.env.BENCH_NO_WRITE !== '1') writeFileSync('bench/results/oracle-worlds.md', out);
if (calibRows.size) {
  const calibOut = [...calibRows]
    .sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }))
    .map(
      ([k, c]) =>
        `| ${k.split('|').join(' | ')} | ${c.n[0]} | ${c.e[0].toFixed(1)} | ${c.te[0].toFixed(1)} | ${c.o[0]} | ${(c.e[0] / Math.max(1, c.o[0])).toFixed(3)} | ${(c.te[0] / Math.max(1, c.o[0])).toFixed(3)} |`,
    )
    .join('\n');
  const t = `| world | ranker | group | person-cuts | expected | oracle's expected | observed | E/O | oracle E/O |\n|---|---|---|---|---|---|---|---|---|\n${calibOut}\n`;
  if (outPath) writeFileSync(`${outPath}-calibration.md`, t);
  console.log(t);
}
console.log(pairedLines.join('\n'));
console.log(summaryLines.join('\n'));
console.log(lines.join('\n'));
console.log(ceilingLines.join('\n'));
