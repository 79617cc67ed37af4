/**
 * Outreach plan evaluated under the TRUE process of synthetic worlds (issue 14, item 4).
 *
 *   npx tsx bench/plan-eval.ts [seeds=10]
 *
 * For each world and seed: fit the default network Hawkes model as of 2023-01-01, make the plan
 * (planOutreach, capacity 1% of people, effect 0.2) and the highest-risk list of the same size from
 * that FITTED model, and score both by the events they avert in the next 90 days under the TRUE
 * process: the exact expectation of the horizon system (src/contagion/hawkes/horizon.ts) built at
 * the generator's parameters, with multiplier 1 − effect on the people reached. Worlds whose truth
 * departs from the fitted model are scored under their own truth:
 *
 * - heterogeneous: the true background μ₀·w_k (truth.backgroundWeights) replaces μ₀;
 * - hot-periods: the group hot periods inside the horizon add (factor − 1)·μ₀·w_k to members;
 * - late-onset: the truth is the plain process (onset only removes early records);
 * - gamma-delay: the kernel is gamma of shape 2 (same mean), not exponential, so the exponential
 *   horizon system is not the truth; this script runs its own pass with an Erlang-2 kernel (two
 *   exponential stages of rate 2β, the same steps) and first-generation excitation of the events
 *   before the horizon from the gamma density (untruncated, as in the generator).
 *
 * Paired difference plan − highest risk per seed, its mean with a 95% t-interval, share of seeds
 * with plan ≥ highest risk. Then capacity/effect sensitivity on the default city. Writes
 * bench/results/plan-eval.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelNorm } from '../src/contagion/hawkes/engine.js';
import { fitNetworkHawkes } from '../src/contagion/hawkes/fit.js';
import {
  type HorizonSystem,
  horizonEvents,
  horizonSystem,
} from '../src/contagion/hawkes/horizon.js';
import { forEachFirstGeneration, type NetworkHawkesModel } from '../src/contagion/hawkes/model.js';
import { planOutreach } from '../src/outreach/plan-outreach.js';
import { synthCity } from '../src/synth/city.js';
import { type MisspecifiedWorldName, misspecifiedWorld } from '../src/synth/presets.js';
import type { SynthCity, SynthCityOptions } from '../src/synth/types.js';
import { modelAtParameters } from '../test/helpers.js';

const AS_OF = '2023-01-01';
const PEOPLE = 2000;
const HORIZON = 90;
const CAPACITY = 20;
const EFFECT = 0.2;
const SEEDS = Number(process.argv[2] ?? 10);
/** t(0.975, ν) for ν = 1..30. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The model at the city's true parameters (no covariates, no trend), as in the plan test. */
function trueModel(city: SynthCity): NetworkHawkesModel {
  const c = city.truth.contagion!;
  return modelAtParameters(city.data, AS_OF, { mu: c.mu, alpha: c.alpha, beta: c.beta });
}

/** Expected events in the horizon under multipliers c: a function of c (the truth's evaluator). */
type Truth = (c: Float64Array) => number;

function truthOf(city: SynthCity): {
  truth: Truth;
  index: Map<string, number>;
  n: number;
  note: string;
} {
  const model = trueModel(city);
  const s = model.state;
  const from = s.data.end;
  const sys = horizonSystem(s, from, HORIZON);
  const n = sys.n;
  const index = s.data.index.personIndex as Map<string, number>;
  const mu = city.truth.contagion!.mu;
  const world = city.truth.world;
  const notes: string[] = [];
  // Person background multipliers and groups, by model index.
  const weights = new Float64Array(n).fill(1);
  const group: (string | null)[] = new Array(n).fill(null);
  const people = city.data.people as readonly { person_id: string; group?: string | null }[];
  const w = city.truth.backgroundWeights;
  for (let i = 0; i < people.length; i++) {
    const k = index.get(people[i].person_id);
    if (k === undefined) continue;
    if (w) weights[k] = w[i];
    group[k] = people[i].group ?? null;
  }
  if (w) {
    for (let st = 0; st < sys.steps; st++)
      for (let k = 0; k < n; k++) sys.base[st * n + k] += (weights[k] - 1) * mu;
    notes.push('true background μ₀·w_k');
  }
  if (world?.hotPeriods) {
    const f = world.hotPeriods.factor;
    const byGroup = new Map<string, number[]>();
    for (let k = 0; k < n; k++)
      if (group[k] !== null) {
        const g = group[k]!;
        if (!byGroup.has(g)) byGroup.set(g, []);
        byGroup.get(g)!.push(k);
      }
    let hot = 0;
    for (const h of city.truth.hotPeriods) {
      if (h.endDay <= from || h.startDay >= from + HORIZON) continue;
      hot++;
      for (let st = 0; st < sys.steps; st++) {
        const t = from + (st + 0.5) * sys.dt;
        if (t < h.startDay || t >= h.endDay) continue;
        for (const k of byGroup.get(h.group) ?? [])
          sys.base[st * n + k] += (f - 1) * mu * weights[k];
      }
    }
    notes.push(`${hot} hot periods in the horizon`);
  }
  if (world && world.delayShape !== 1) {
    // Swap the first generation of earlier events from the exponential to the gamma kernel.
    const shape = world.delayShape;
    if (shape !== 2) throw new Error('gamma-delay evaluation is written for shape 2');
    const beta = s.beta;
    const r = 2 * beta;
    const Z = kernelNorm(beta, s.maxLag);
    for (let k = 0; k < n; k++)
      forEachFirstGeneration(s, k, from, from - s.maxLag, (j, wt) => {
        const tj = s.data.evDay[j];
        for (let st = 0; st < sys.steps; st++) {
          const delta = from + (st + 0.5) * sys.dt - tj;
          const exp = delta <= s.maxLag ? (beta * Math.exp(-beta * delta)) / Z : 0;
          const gam = r * r * delta * Math.exp(-r * delta);
          sys.base[st * n + k] += wt * (gam - exp);
        }
      });
    const expTotal = horizonEvents(
      horizonSystem(s, from, HORIZON),
      new Float64Array(n).fill(1),
    ).reduce((a, b) => a + b, 0);
    notes.push(
      `Erlang-2 kernel pass (the exponential kernel's total would be ${expTotal.toFixed(2)})`,
    );
    return { truth: (c) => erlang2(sys, c, r, Z), index, n, note: notes.join('; ') };
  }
  return {
    truth: (c) => horizonEvents(sys, c).reduce((a, b) => a + b, 0),
    index,
    n,
    note: notes.join('; ') || 'model at the true parameters',
  };
}

/**
 * Expected events under a gamma(2) kernel of mean 1/β: excitation passes two exponential stages of
 * rate r = 2β (z1 ← e^{−r dt} z1 + (1 − e^{−r dt})·S, z2 likewise from z1), S the α·g-weighted
 * rate of neighbours (the system's weights × Z: no truncation at the lag cap).
 */
function erlang2(sys: HorizonSystem, c: Float64Array, r: number, Z: number): number {
  const { n, steps, dt, base, tieOffset, tieNeighbour, tieWeight } = sys;
  const decay = Math.exp(-r * dt);
  const keep = 1 - decay;
  const z1 = new Float64Array(n);
  const z2 = new Float64Array(n);
  const rate = new Float64Array(n);
  let total = 0;
  for (let st = 0; st < steps; st++) {
    const off = st * n;
    for (let k = 0; k < n; k++) {
      rate[k] = c[k] * (base[off + k] + z2[k]);
      total += rate[k] * dt;
    }
    for (let k = 0; k < n; k++) {
      let x = 0;
      for (let e = tieOffset[k]; e < tieOffset[k + 1]; e++)
        x += tieWeight[e] * Z * rate[tieNeighbour[e]];
      z2[k] = decay * z2[k] + keep * z1[k];
      z1[k] = decay * z1[k] + keep * x;
    }
  }
  return total;
}

interface Row {
  seed: number;
  plan: number;
  risk: number;
  without: number;
  overlap: number;
  fittedPlan: number;
  /** The fitted model's kernel (default 'auto': exponential, or Erlang of shape κ). */
  kernel: string;
}

function evaluateCity(
  options: SynthCityOptions,
  configs: { capacity: number; effect: number }[],
): { rows: Row[]; note: string; triggered: number } {
  const city = synthCity(options);
  const fitted = fitNetworkHawkes(city.data, { asOf: AS_OF, standardErrors: false });
  const { truth, index, n, note } = truthOf(city);
  const without = truth(new Float64Array(n).fill(1));
  const expected = (people: readonly string[], effect: number) => {
    const c = new Float64Array(n).fill(1);
    for (const id of people) {
      const k = index.get(id);
      if (k !== undefined) c[k] = 1 - effect;
    }
    return truth(c);
  };
  const rows = configs.map(({ capacity, effect }) => {
    const plan = planOutreach(city.data, {
      asOf: AS_OF,
      model: fitted,
      capacity,
      effect,
      sensitivity: [],
    });
    const planned = plan.list.array('person_id') as string[];
    const top = plan.highestRisk.people;
    const inTop = new Set(top);
    return {
      seed: options.seed ?? 1,
      plan: without - expected(planned, effect),
      risk: without - expected(top, effect),
      without,
      overlap: planned.filter((id) => inTop.has(id)).length,
      fittedPlan: plan.expected.averted,
      kernel:
        fitted.kernel.type === 'exponential'
          ? 'exponential'
          : `${fitted.kernel.type} ${fitted.kernel.shape}`,
    };
  });
  return { rows, note, triggered: city.truth.triggeredShare };
}

function summary(rows: Row[]) {
  const d = rows.map((r) => r.plan - r.risk);
  const m = d.length;
  const mean = d.reduce((a, b) => a + b, 0) / m;
  const sd = Math.sqrt(d.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, m - 1));
  const half = m > 1 ? (T975[Math.min(m - 2, T975.length - 1)] * sd) / Math.sqrt(m) : 0;
  const avg = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0) / m;
  return {
    plan: avg((r) => r.plan),
    risk: avg((r) => r.risk),
    without: avg((r) => r.without),
    overlap: avg((r) => r.overlap),
    mean,
    half,
    // "plan ≥ highest risk" up to the horizon system's rounding (1e-9 events).
    share: d.filter((x) => x >= -1e-9).length / m,
    strictly: d.filter((x) => x > 1e-9).length / m,
    worst: Math.min(...d),
  };
}

const kernels = (rows: Row[]) => {
  const c = new Map<string, number>();
  for (const r of rows) c.set(r.kernel, (c.get(r.kernel) ?? 0) + 1);
  return [...c].map(([k, n]) => `${k} ×${n}`).join(', ');
};
const fmt = (x: number, p = 4) => (Object.is(Math.round(x * 10 ** p), -0) ? 0 : x).toFixed(p);
const worlds: { name: string; options: (seed: number) => SynthCityOptions; contagion: boolean }[] =
  [
    { name: 'default (α 0.1)', options: (seed) => ({ people: PEOPLE, seed }), contagion: true },
    {
      name: 'no contagion',
      options: (seed) => ({ people: PEOPLE, seed, contagion: { alpha: 0, mu: 6e-5 } }),
      contagion: false,
    },
    ...(
      ['heterogeneous', 'late-onset', 'hot-periods', 'gamma-delay'] as MisspecifiedWorldName[]
    ).map((w) => ({
      name: `${w} (α 0.05)`,
      options: (seed: number) => misspecifiedWorld(w, { seed, people: PEOPLE }),
      contagion: true,
    })),
    ...(['heterogeneous', 'hot-periods'] as MisspecifiedWorldName[]).map((w) => ({
      name: `${w}, no contagion`,
      options: (seed: number) => misspecifiedWorld(w, { seed, people: PEOPLE, contagion: false }),
      contagion: false,
    })),
  ];
const only = process.env.PLAN_EVAL_WORLDS?.split(',');
const sensitivity = [
  { capacity: CAPACITY, effect: EFFECT },
  { capacity: CAPACITY, effect: 0.4 },
  { capacity: 3 * CAPACITY, effect: EFFECT },
];

const load0 = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const results: { name: string; note: string; rows: Row[]; triggered: number }[] = [];
const sens: Row[][] = sensitivity.map(() => []);
for (const w of worlds) {
  if (only && !only.some((o) => w.name.startsWith(o))) continue;
  const rows: Row[] = [];
  let note = '';
  let triggered = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const first = w === worlds[0];
    const r = evaluateCity(w.options(seed), first ? sensitivity : [sensitivity[0]]);
    rows.push(r.rows[0]);
    if (first) for (let i = 0; i < r.rows.length; i++) sens[i].push(r.rows[i]);
    note = r.note;
    triggered += r.triggered / SEEDS;
    console.error(
      `${w.name} seed ${seed}: plan ${fmt(r.rows[0].plan)} highest risk ${fmt(r.rows[0].risk)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  results.push({ name: w.name, note, rows, triggered });
}
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - t0) / 1000;
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');

const lines = [
  '# Outreach plan vs highest-risk list under the true process',
  '',
  `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; load average at the end ${load} (machine shared with other jobs). Load average at the start ${load0}. Whole run ${wall.toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU. \`npx tsx bench/plan-eval.ts ${SEEDS}\`; the fit is \`fitNetworkHawkes\`'s default (kernel 'auto').`,
  '',
  `Each world: ${SEEDS} seeds, ${PEOPLE.toLocaleString('en')} people over 6 years. The default model is fitted as of ${AS_OF}; the plan (planOutreach) and the highest-risk list (\`plan.highestRisk\`) are both made from the FITTED model, capacity ${CAPACITY} (1%), effect ${EFFECT}. Both are scored by the events they avert in the next ${HORIZON} days under the TRUE process — the exact expectation of the horizon system at the generator's parameters (background per person and group hot periods where the world has them; an Erlang-2 pass for the gamma(2) kernel), not a Monte-Carlo mean. Difference = plan − highest risk, paired by seed; 95% t-interval over seeds.`,
  '',
  '| world | true triggered share | events without outreach | averted: plan | averted: highest risk | plan − highest risk (95% t-interval) | seeds plan ≥ highest risk (strictly >) | worst seed | shared people | fitted kernel (seeds) | truth |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const s = summary(r.rows);
    return `| ${r.name} | ${(100 * r.triggered).toFixed(1)}% | ${s.without.toFixed(2)} | ${fmt(s.plan)} | ${fmt(s.risk)} | ${fmt(s.mean)} ± ${fmt(s.half)} | ${Math.round(s.share * SEEDS)}/${SEEDS} (${Math.round(s.strictly * SEEDS)}) | ${fmt(s.worst)} | ${s.overlap.toFixed(1)}/${CAPACITY} | ${kernels(r.rows)} | ${r.note} |`;
  }),
  '',
  ...(sens[0].length > 0
    ? [
        `Sensitivity on the default world (${SEEDS} seeds; plan and list re-made at each capacity and effect):`,
        '',
        '| capacity | effect | averted: plan | averted: highest risk | plan − highest risk (95% t-interval) | seeds plan ≥ highest risk |',
        '|---|---|---|---|---|---|',
        ...sensitivity.map((c, i) => {
          const s = summary(sens[i]);
          return `| ${c.capacity} | ${c.effect} | ${fmt(s.plan)} | ${fmt(s.risk)} | ${fmt(s.mean)} ± ${fmt(s.half)} | ${Math.round(s.share * SEEDS)}/${SEEDS} |`;
        }),
        '',
      ]
    : []),
  'Per seed (plan / highest risk, events averted):',
  '',
  ...results.map(
    (r) => `- ${r.name}: ${r.rows.map((x) => `${fmt(x.plan, 3)}/${fmt(x.risk, 3)}`).join(', ')}`,
  ),
  '',
];
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'plan-eval.md');
if (!only) writeFileSync(out, lines.join('\n'));
console.log(lines.join('\n'));
