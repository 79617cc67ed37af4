import { type ColumnTable, table } from 'arquero';
import { createRng, type Rng } from '../../core/rng.js';
import { type DateLike, toDay } from '../../core/time.js';
import { kernelMass, season, seasonIntegral } from './engine.js';
import type { NetworkHawkesModel } from './model.js';
import { eventsFrom, tieG } from './prepare.js';

/** Who an intervention reaches and what it does to the excitation they receive or pass on. */
export interface HawkesIntervention {
  /** Person ids reached (e.g. offered support). Unknown ids are ignored. */
  people: readonly string[];
  /** Multiplier in [0, 1] on the excitation: 0 removes it, 1 changes nothing. */
  factor: number;
  /**
   * `'received'` scales the excitation reaching a reached person, `'passed'` the excitation a
   * reached person's events pass on, `'both'` both (a tie between two reached people is scaled
   * by factor²).
   */
  on: 'received' | 'passed' | 'both';
}

/** Options of {@link simulateNetworkHawkes}. */
export interface SimulateNetworkHawkesOptions {
  /** First day of the simulated period (ISO date, Date or day number). Default: the model's `asOf`. */
  from?: DateLike;
  /** Length of the simulated period in days. Default 365. */
  days?: number;
  /** Seed of the PRNG: same model, options and seed ⇒ identical result. Default 1. */
  seed?: number;
  /** Number of independent runs. Default 100. */
  runs?: number;
  /** An intervention to evaluate against no intervention (same random numbers in both arms). */
  intervention?: HawkesIntervention;
  /** Width of the reported interval over runs. Default 0.9 (5th to 95th percentile). */
  interval?: number;
  /** Stop with an error when one run exceeds this many events (an explosive process). Default 5,000,000. */
  maxEventsPerRun?: number;
}

/** A mean over runs with a percentile interval. */
export interface HawkesRunSummary {
  mean: number;
  lo: number;
  hi: number;
}

/** Result of {@link simulateNetworkHawkes}. */
export interface NetworkHawkesSimulation {
  /** One row per run: `run`, `events` (no intervention), `events_with_intervention`, `averted`, `triggered`. */
  runs: ColumnTable;
  /** Events without intervention. */
  events: HawkesRunSummary;
  /** Events with the intervention (equal to `events` when there is none). */
  eventsWithIntervention: HawkesRunSummary;
  /** Events averted: `events − eventsWithIntervention`, per run (≥ 0 in every run). */
  averted: HawkesRunSummary;
  /** Period simulated: first day and length in days. */
  from: number;
  days: number;
  interval: number;
}

const DEFAULTS = { days: 365, seed: 1, runs: 100, interval: 0.9, maxEventsPerRun: 5_000_000 };

/**
 * Simulates the fitted network Hawkes process forward over [from, from + days) by its branching
 * representation: background events at rate μ₀·s(t)·c_k, the still-pending excitation of every
 * event in the model's history (each associate receives Poisson(α·g·remaining kernel mass)
 * children), and the children of every simulated event, recursively, on the ties known to the
 * model. Both arms of an intervention use the same random numbers: each child carries a uniform
 * mark and exists in the intervention arm only if its parent does and its mark falls below the
 * scaling factor (exact Poisson thinning), so the difference between arms is the intervention
 * alone.
 *
 * @example
 * const sim = simulateNetworkHawkes(model, {
 *   from: '2024-01-01', days: 365, seed: 7,
 *   intervention: { people: ['P-0012', 'P-0450'], factor: 0.5, on: 'both' },
 * });
 * sim.averted; // { mean, lo, hi } events averted over 100 runs
 */
export function simulateNetworkHawkes(
  model: NetworkHawkesModel,
  options: SimulateNetworkHawkesOptions = {},
): NetworkHawkesSimulation {
  const s = model.state;
  const d = s.data;
  const from = options.from === undefined ? d.end : toDay(options.from);
  if (Number.isNaN(from))
    throw new RangeError(`from '${String(options.from)}' is not a valid date`);
  const days = options.days ?? DEFAULTS.days;
  if (!(days > 0)) throw new RangeError('days must be a positive number of days');
  const runs = options.runs ?? DEFAULTS.runs;
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new RangeError('runs must be a positive integer');
  const level = options.interval ?? DEFAULTS.interval;
  if (!(level > 0 && level < 1)) throw new RangeError('interval must be in (0, 1)');
  const maxEvents = options.maxEventsPerRun ?? DEFAULTS.maxEventsPerRun;
  const end = from + days;
  const n = d.nPeople;

  // Intervention as per-person received / passed multipliers.
  const recv = new Float64Array(n).fill(1);
  const pass = new Float64Array(n).fill(1);
  const iv = options.intervention;
  if (iv) {
    if (!(iv.factor >= 0 && iv.factor <= 1))
      throw new RangeError('intervention.factor must be in [0, 1]');
    if (!['received', 'passed', 'both'].includes(iv.on))
      throw new RangeError(`intervention.on must be 'received', 'passed' or 'both'`);
    for (const id of iv.people) {
      const k = d.index.personIndex.get(id);
      if (k === undefined) continue;
      if (iv.on !== 'passed') recv[k] = iv.factor;
      if (iv.on !== 'received') pass[k] = iv.factor;
    }
  }

  // Pending excitation of history events (dated before `from`), computed once for all runs.
  const pendQ: number[] = [];
  const pendP: number[] = [];
  const pendT: number[] = [];
  const pendMass: number[] = [];
  if (s.alpha > 0) {
    for (let p = 0; p < n; p++) {
      const lo = eventsFrom(d, p, from - s.maxLag);
      const hi = eventsFrom(d, p, from);
      for (let x = lo; x < hi; x++) {
        const j = d.personEv[x];
        const tj = d.evDay[j];
        const mass = kernelMass(s.beta, s.maxLag, from - tj, end - tj);
        if (!(mass > 0)) continue;
        for (let e = d.tieOffset[p]; e < d.tieOffset[p + 1]; e++) {
          const g = tieG(d, s.g, e, tj);
          if (g > 0) {
            pendQ.push(d.tieNeighbour[e]);
            pendP.push(p);
            pendT.push(tj);
            pendMass.push(s.alpha * g * mass);
          }
        }
      }
    }
  }

  // Background: total rate and a sampler of people by c_k.
  let C = n;
  let cum: Float64Array | null = null;
  if (s.c) {
    cum = new Float64Array(n);
    let acc = 0;
    for (let k = 0; k < n; k++) cum[k] = acc += s.c[k];
    C = acc;
  }
  const bgMean = s.mu * C * seasonIntegral(s.b1, s.b2, from, end);
  const peak = 1 + Math.hypot(s.b1, s.b2);
  const pickPerson = (rng: Rng) => {
    if (!cum) return rng.int(n);
    const u = rng.random() * C;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] <= u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const truncExp = (rng: Rng, a: number, b: number) => {
    // Delay in [a, b) with density ∝ e^(−βu).
    const span = -Math.expm1(-s.beta * (b - a));
    return a - Math.log1p(-rng.random() * span) / s.beta;
  };

  const root = createRng(options.seed ?? DEFAULTS.seed);
  const base = new Float64Array(runs);
  const withIv = new Float64Array(runs);
  const triggered = new Float64Array(runs);
  const person: number[] = [];
  const time: number[] = [];
  const kept: boolean[] = [];
  for (let r = 0; r < runs; r++) {
    const rng = root.fork();
    person.length = 0;
    time.length = 0;
    kept.length = 0;
    const nb = rng.poisson(bgMean);
    for (let x = 0; x < nb; x++) {
      let t: number;
      do t = from + rng.random() * days;
      while (peak > 1 && rng.random() * peak >= season(s.b1, s.b2, t));
      person.push(pickPerson(rng));
      time.push(t);
      kept.push(true);
    }
    const nBackground = person.length;
    for (let x = 0; x < pendQ.length; x++) {
      const m = rng.poisson(pendMass[x]);
      const q = pendQ[x];
      const tj = pendT[x];
      const scale = pass[pendP[x]] * recv[q];
      for (let c = 0; c < m; c++) {
        const t = tj + truncExp(rng, from - tj, Math.min(end - tj, s.maxLag));
        const u = rng.random();
        person.push(q);
        time.push(t);
        kept.push(u < scale);
      }
    }
    for (let head = 0; head < person.length; head++) {
      if (s.alpha === 0) break;
      const k = person[head];
      const t = time[head];
      const window = Math.min(end - t, s.maxLag);
      if (!(window > 0)) continue;
      const mass = -Math.expm1(-s.beta * window);
      for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) {
        const g = tieG(d, s.g, e, t);
        if (!(g > 0)) continue;
        const m = rng.poisson(s.alpha * g * mass);
        if (m === 0) continue;
        const q = d.tieNeighbour[e];
        const scale = pass[k] * recv[q];
        for (let c = 0; c < m; c++) {
          const tc = t + truncExp(rng, 0, window);
          const u = rng.random();
          person.push(q);
          time.push(tc);
          kept.push(kept[head] && u < scale);
        }
      }
      if (person.length > maxEvents)
        throw new RangeError(
          `simulation exceeded ${maxEvents} events in one run: the process looks explosive`,
        );
    }
    let k = 0;
    for (let x = 0; x < kept.length; x++) if (kept[x]) k++;
    base[r] = person.length;
    withIv[r] = k;
    triggered[r] = person.length - nBackground;
  }
  const averted = base.map((b, r) => b - withIv[r]);
  const summary = (xs: Float64Array): HawkesRunSummary => {
    const sorted = xs.slice().sort();
    let sum = 0;
    for (const x of xs) sum += x;
    return {
      mean: sum / xs.length,
      lo: quantile(sorted, (1 - level) / 2),
      hi: quantile(sorted, 1 - (1 - level) / 2),
    };
  };
  return {
    runs: table({
      run: Array.from({ length: runs }, (_, r) => r + 1),
      events: Array.from(base),
      events_with_intervention: Array.from(withIv),
      averted: Array.from(averted),
      triggered: Array.from(triggered),
    }),
    events: summary(base),
    eventsWithIntervention: summary(withIv),
    averted: summary(averted),
    from,
    days,
    interval: level,
  };
}

/** Linear-interpolation quantile of a sorted array (type 7, as R and numpy default). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
