/**
 * Evidence from worlds the network Hawkes model did not generate (issue 10): fit the model with
 * its defaults on cities from `misspecifiedWorld` and compare with the truth. Shared by
 * `bench/worlds.ts` (the full run, ≥ 20 seeds per world) and
 * `test/contagion/hawkes/misspecified-worlds.test.ts` (a smaller run that asserts the targets).
 */
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';

/** One fit on one seed of one world. */
export interface WorldRow {
  world: MisspecifiedWorldName;
  contagion: boolean;
  seed: number;
  events: number;
  /** True share of events with a parent, and the fitted share (mean posterior probability). */
  trueShare: number;
  share: number;
  /** Fitted − true share, percentage points. */
  shareErrorPp: number;
  /** Realised mean parent→child delay (days; null without triggered events) and the fit's. */
  trueDelay: number | null;
  delay: number;
  /** (fit − truth) / truth of the attributed mean delay, percent (null without contagion). */
  delayErrorPct: number | null;
  /** The fit's kernel mean 1/β and the true kernel mean, days. */
  kernelMean: number;
  trueKernelMean: number | null;
  kernelErrorPct: number | null;
  alpha: number;
  alphaSe: number;
  converged: boolean;
  /** The fit's own verdict on whether the kernel is identified. */
  identified: boolean;
  alphaAtBoundary: boolean;
  /** The kernel the fit used: 'exponential', or e.g. 'erlang 2' (shape), as `kernel: 'auto'` chose it. */
  kernel: string;
  fitMs: number;
  /** CPU time of the fit, ms. */
  fitCpuMs: number;
}

/** Summary over the seeds of one world and contagion setting. */
export interface WorldSummary {
  world: MisspecifiedWorldName;
  contagion: boolean;
  seeds: number;
  medianEvents: number;
  medianTrueShare: number;
  medianShare: number;
  /** Median and worst |share error| in percentage points, with the worst seed. */
  medianAbsShareErrorPp: number;
  worstAbsShareErrorPp: number;
  worstShareSeed: number;
  /** Median and worst |delay error| in percent, with the worst seed (null without contagion). */
  medianAbsDelayErrorPct: number | null;
  worstAbsDelayErrorPct: number | null;
  worstDelaySeed: number | null;
  medianAbsKernelErrorPct: number | null;
  /** Share of seeds where the reported share is ≥ 5% (only meaningful without contagion). */
  shareAtLeast5pct: number;
  /** Kernels used, with how many seeds (e.g. 'erlang 2 ×18, exponential ×2'). */
  kernels: string;
  /** Median CPU time of a fit, s. */
  medianFitCpuS: number;
}

/** Fits one seed of one world with `fitOptions` (default: the model's defaults). */
export function fitWorld(
  world: MisspecifiedWorldName,
  seed: number,
  options: { people?: number; contagion?: boolean; fitOptions?: NetworkHawkesOptions } = {},
): WorldRow {
  const contagion = options.contagion ?? true;
  const { data, truth } = synthCity(
    misspecifiedWorld(world, { seed, people: options.people, contagion }),
  );
  const t = performance.now();
  const c0 = process.cpuUsage();
  const model = fitNetworkHawkes(data, { standardErrors: true, ...options.fitOptions });
  const cpu = process.cpuUsage(c0);
  const fitMs = performance.now() - t;
  const pct = (x: number, truthValue: number | null) =>
    truthValue === null || !(truthValue > 0) ? null : (100 * (x - truthValue)) / truthValue;
  const kernelMean = model.kernel.meanDays;
  return {
    world,
    contagion,
    seed,
    events: truth.events.length,
    trueShare: truth.triggeredShare,
    share: model.contagionShare,
    shareErrorPp: 100 * (model.contagionShare - truth.triggeredShare),
    trueDelay: truth.meanDelay,
    delay: model.delays.mean,
    delayErrorPct: pct(model.delays.mean, truth.meanDelay),
    kernelMean,
    trueKernelMean: truth.kernelMeanDelay,
    kernelErrorPct: pct(kernelMean, truth.kernelMeanDelay),
    alpha: model.parameters.alpha,
    alphaSe: model.standardErrors.alpha ?? Number.NaN,
    converged: model.converged,
    identified: model.identified,
    alphaAtBoundary: model.diagnostics.alphaAtBoundary,
    kernel:
      model.kernel.type === 'exponential' || model.kernel.type === 'histogram'
        ? model.kernel.type
        : `${model.kernel.type} ${Number(model.kernel.shape.toFixed(2))}`,
    fitMs,
    fitCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function worst(rows: readonly WorldRow[], f: (r: WorldRow) => number | null) {
  let best: { value: number; seed: number } | null = null;
  for (const r of rows) {
    const v = f(r);
    if (v === null || !Number.isFinite(v)) continue;
    if (!best || Math.abs(v) > best.value) best = { value: Math.abs(v), seed: r.seed };
  }
  return best;
}

function countBy(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Medians and worst seeds of a set of rows from one world and contagion setting. */
export function summarise(rows: readonly WorldRow[]): WorldSummary {
  const abs = (f: (r: WorldRow) => number | null) =>
    rows
      .map(f)
      .filter((v): v is number => v !== null && Number.isFinite(v))
      .map(Math.abs);
  const share = worst(rows, (r) => r.shareErrorPp)!;
  const delays = abs((r) => r.delayErrorPct);
  const kernels = abs((r) => r.kernelErrorPct);
  const delay = worst(rows, (r) => r.delayErrorPct);
  return {
    world: rows[0].world,
    contagion: rows[0].contagion,
    seeds: rows.length,
    medianEvents: median(rows.map((r) => r.events)),
    medianTrueShare: median(rows.map((r) => r.trueShare)),
    medianShare: median(rows.map((r) => r.share)),
    medianAbsShareErrorPp: median(abs((r) => r.shareErrorPp)),
    worstAbsShareErrorPp: share.value,
    worstShareSeed: share.seed,
    medianAbsDelayErrorPct: delays.length ? median(delays) : null,
    worstAbsDelayErrorPct: delay ? delay.value : null,
    worstDelaySeed: delay ? delay.seed : null,
    medianAbsKernelErrorPct: kernels.length ? median(kernels) : null,
    shareAtLeast5pct: rows.filter((r) => r.share >= 0.05).length / rows.length,
    kernels: [...countBy(rows.map((r) => r.kernel))]
      .sort((a, b) => b[1] - a[1])
      .map(([k, c]) => `${k} ×${c}`)
      .join(', '),
    medianFitCpuS: median(rows.map((r) => r.fitCpuMs)) / 1000,
  };
}

/** A Markdown table of summaries. */
export function summaryTable(summaries: readonly WorldSummary[]): string {
  const f = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));
  const lines = [
    '| world | contagion | seeds | events (median) | true share | fitted share | share error, pp: median / worst (seed) | delay error, %: median / worst (seed) | 1/β error, % (median) | seeds with share ≥ 5% | kernel used (seeds) | fit CPU, s (median) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of summaries) {
    lines.push(
      `| ${s.world} | ${s.contagion ? 'yes' : 'no'} | ${s.seeds} | ${s.medianEvents} | ${f(100 * s.medianTrueShare)}% | ${f(100 * s.medianShare)}% | ${f(s.medianAbsShareErrorPp)} / ${f(s.worstAbsShareErrorPp)} (${s.worstShareSeed}) | ${f(s.medianAbsDelayErrorPct)} / ${f(s.worstAbsDelayErrorPct)} (${s.worstDelaySeed ?? '—'}) | ${f(s.medianAbsKernelErrorPct)} | ${s.contagion ? '—' : `${f(100 * s.shareAtLeast5pct, 0)}%`} | ${s.kernels} | ${f(s.medianFitCpuS, 2)} |`,
    );
  }
  return lines.join('\n');
}
