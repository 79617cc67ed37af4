import { exposureCounts } from '../contagion/exposure.js';
import { gammaP } from '../contagion/hawkes/kernel.js';
import { indexDataset } from '../core/dataset-index.js';
import { InputError } from '../core/errors.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import type { RiskModel } from '../core/risk.js';
import type { Dataset } from '../core/types.js';
import { resolveWindow } from '../core/window.js';
import type { SynthCity, SynthTruth } from '../synth/types.js';
import {
  EXPOSURE_RISK_RULES,
  type ExposureRiskOptions,
  exposureRiskModel,
} from './exposure-risk-model.js';
import { findTie, networkOf, personRecords } from './records.js';

/** What a ranker is given at one cut of a backtest. */
export interface RankerInput {
  /** Only the records dated before `asOf` (the backtest slices the dataset). */
  data: Dataset;
  /** The cut, in days since 1970-01-01 UTC. */
  asOf: number;
  /** Horizon in days being predicted: [asOf, asOf + horizonDays). */
  horizonDays: number;
  /** Ids to score, sorted: everyone with a record in the retention window before the cut. */
  population: readonly string[];
  /** Retention horizon in years the backtest uses. */
  retentionYears: number;
}

/** A ranker's answer, aligned with `population`. */
export interface RankerOutput {
  /** Higher = earlier on the list. */
  score: Float64Array;
  /**
   * Expected serious-violence victimisations in the horizon, when the ranker has them (a model).
   * Rankers without them are scored by a calibrated-by-rank fallback (see `backtest`).
   */
  expected?: Float64Array;
  /**
   * Rankers that plan outreach: serious-violence events their planned people would avert in the
   * horizon under the ranker's own fitted model (`list`), and those the highest-risk list of the
   * same size would avert under the same model and effect (`highestRisk`). `backtest` reports
   * them per cut and their mean with a 95% interval across cuts.
   */
  averted?: { list: number; highestRisk: number };
}

/** Anything that ranks people at a cut from the past alone. */
export interface Ranker {
  /** Short name, used in result tables. */
  readonly name: string;
  /** Counts as a baseline (for "lift over the best baseline"). Default false. */
  readonly baseline?: boolean;
  rank(input: RankerInput): RankerOutput;
}

/** The options of the exposure-score rankers: those of `exposureRiskModel`; the cut sets `asOf`. */
const EXPOSURE_RANKER_RULES: OptionRules<ExposureRiskOptions> = {
  ...EXPOSURE_RISK_RULES,
  asOf: () => 'set by the backtest at each cut (leave it out)',
};

/**
 * Builds a ranker from any risk model, fitted at each cut on what the ranker is given (the past).
 * `options.baseline` (default false): whether it counts as a baseline.
 *
 * @example
 * const mine = modelRanker('my model', ({ data, asOf }) => fitMyModel(data, { asOf }));
 */
export function modelRanker(
  name: string,
  fitModel: (input: RankerInput) => RiskModel,
  options: { baseline?: boolean } = {},
): Ranker {
  if (typeof name !== 'string' || name === '')
    throw new TypeError(
      "modelRanker: the first argument is the ranker's name (a non-empty string)",
    );
  if (typeof fitModel !== 'function')
    throw new TypeError(
      'modelRanker: the second argument fits a risk model at each cut (a function)',
    );
  options = checkOptions('modelRanker', options, { baseline: rule.boolean });
  return {
    name,
    baseline: options.baseline ?? modelRanker.defaults.baseline,
    rank(input) {
      const { asOf, horizonDays, population } = input;
      const risks = fitModel(input).risk(population, { from: asOf, horizonDays });
      const byId = new Map<string, number>();
      for (const r of risks) byId.set(r.person_id, r.expected);
      const expected = Float64Array.from(population, (id) => byId.get(id) ?? 0);
      return { score: expected, expected };
    },
  };
}

modelRanker.defaults = { baseline: false } as const;

/**
 * Seeded random order: the floor every ranking must clear. The seed (a whole number, default 1)
 * is mixed with the cut.
 */
export function randomRanker(options: { seed?: number } = {}): Ranker {
  options = checkOptions('randomRanker', options, { seed: rule.number({ integer: true }) });
  const seed = options.seed ?? randomRanker.defaults.seed;
  return {
    name: 'random',
    baseline: true,
    rank({ asOf, population }) {
      const score = new Float64Array(population.length);
      let s = (Math.imul(seed, 0x9e3779b1) ^ Math.floor(asOf)) >>> 0;
      for (let i = 0; i < score.length; i++) {
        // mulberry32: small, seeded, platform-independent.
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        score[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      }
      return { score };
    },
  };
}

randomRanker.defaults = { seed: 1 } as const;

function windowFacts(input: RankerInput) {
  const index = indexDataset(input.data);
  const window = resolveWindow(index, {
    asOf: input.asOf,
    retentionYears: input.retentionYears,
  });
  return { index, window, facts: personRecords(index, window) };
}

/** Prior own victimisations (violence of any severity, within retention): the "victim before" baseline. */
export function priorVictimisationsRanker(): Ranker {
  return {
    name: 'prior victimisations',
    baseline: true,
    rank(input) {
      const { index, facts } = windowFacts(input);
      return {
        score: Float64Array.from(input.population, (id) => {
          const p = index.personIndex.get(id);
          return p === undefined ? 0 : facts.victimisations[p];
        }),
      };
    },
  };
}

/** Co-offending degree as of the cut (distinct co-offenders within retention). */
export function degreeRanker(): Ranker {
  return {
    name: 'degree',
    baseline: true,
    rank(input) {
      const index = indexDataset(input.data);
      const { csr } = networkOf(index, {
        asOf: input.asOf,
        retentionYears: input.retentionYears,
        halfLifeDays: 365,
      });
      return {
        score: Float64Array.from(input.population, (id) => {
          const p = index.personIndex.get(id);
          return p === undefined ? 0 : csr.offsets[p + 1] - csr.offsets[p];
        }),
      };
    },
  };
}

/**
 * Count of direct co-offenders seriously harmed (severity ≥ 3) in the `windowDays` before the cut
 * (days, default 180): the exposure baseline of Papachristos and colleagues, via `exposureCounts`.
 */
export function victimisedAssociatesRanker(options: { windowDays?: number } = {}): Ranker {
  options = checkOptions('victimisedAssociatesRanker', options, {
    windowDays: rule.number({ above: 0 }),
  });
  const windowDays = options.windowDays ?? victimisedAssociatesRanker.defaults.windowDays;
  return {
    name: `victimised associates (${windowDays} d)`,
    baseline: true,
    rank(input) {
      // The co-offending network of the cut, shared with the other rankers.
      const { csr } = networkOf(indexDataset(input.data), {
        asOf: input.asOf,
        retentionYears: input.retentionYears,
        halfLifeDays: 365,
      });
      const c = exposureCounts(input.data, {
        asOf: input.asOf,
        windowDays,
        maxDistance: 1,
        graph: csr,
      });
      return {
        score: Float64Array.from(input.population, (id) => {
          const p = c.index.get(id);
          return p === undefined ? 0 : c.exposed1[p];
        }),
      };
    },
  };
}

victimisedAssociatesRanker.defaults = { windowDays: 180 } as const;

/**
 * Background only: the `background` part of the exposure score (the city's recent rate, scaled
 * by each person's own violent record), with no exposure at all. A model that claims more than
 * this on a city without contagion is claiming what it cannot have.
 */
export function backgroundRanker(options: ExposureRiskOptions = {}): Ranker {
  options = checkOptions('backgroundRanker', options, EXPOSURE_RANKER_RULES);
  return modelRanker(
    'background only',
    ({ data, asOf, retentionYears }) =>
      exposureRiskModel(data, {
        retentionYears,
        ...options,
        asOf,
        weights: { ...options.weights, exposure: 0, ownVictimisation: 0 },
      }),
    { baseline: true },
  );
}

/** Defaults: those of `exposureRiskModel` (`exposure` and `ownVictimisation` weights set to 0). */
backgroundRanker.defaults = Object.freeze({
  ...exposureRiskModel.defaults,
  weights: { ...exposureRiskModel.defaults.weights, exposure: 0, ownVictimisation: 0 },
});

/**
 * The transparent exposure score ({@link exposureRiskModel}) as a ranker; options are those of
 * `exposureRiskModel` except `asOf` (each cut), with the backtest's `retentionYears` unless set.
 */
export function exposureRanker(options: ExposureRiskOptions = {}): Ranker {
  options = checkOptions('exposureRanker', options, EXPOSURE_RANKER_RULES);
  return modelRanker('exposure score', ({ data, asOf, retentionYears }) =>
    exposureRiskModel(data, { retentionYears, ...options, asOf }),
  );
}

/** Defaults: those of `exposureRiskModel`. */
exposureRanker.defaults = exposureRiskModel.defaults;

/**
 * For synthetic cities: ranks by the true expected number of serious-violence events in the
 * horizon under the process that made the city, every generation included — a real ceiling.
 * From the true parameters and the true event times before the cut: each person's true
 * background (μ₀ × their background weight × season × their group's hot periods, from the
 * onset of recorded violence), the first-generation excitation of every true event before the
 * cut through ties formed before its day (exponential or gamma delay, as the city's), and the
 * expected knock-on events inside the horizon through the ties known at the cut (a discretised
 * convolution in one-day steps). Pass the whole city when it has person backgrounds
 * (`oracleRanker(city)`); `generations: 'first'` gives the first-generation figure alone.
 */
export function oracleRanker(
  truthOrCity: SynthTruth | SynthCity,
  options: { generations?: 'all' | 'first' } = {},
): Ranker {
  if (
    typeof truthOrCity !== 'object' ||
    truthOrCity === null ||
    !('truth' in truthOrCity || 'events' in truthOrCity)
  )
    throw new InputError(
      'oracleRanker',
      'oracleRanker: expected a synthetic city (synthCity) or its truth, got ' +
        (truthOrCity === null ? 'null' : typeof truthOrCity),
    );
  options = checkOptions('oracleRanker', options, { generations: rule.oneOf(['all', 'first']) });
  const truth = 'truth' in truthOrCity ? truthOrCity.truth : truthOrCity;
  const cityPeople = 'truth' in truthOrCity ? truthOrCity.data.people : null;
  if (truth.backgroundWeights && !cityPeople)
    throw new InputError(
      'oracleRanker',
      'oracleRanker: this city gives people different backgrounds; pass the whole city, oracleRanker(city), so the weights can be matched to people',
    );
  const weightOf = new Map<string, number>();
  if (truth.backgroundWeights && cityPeople)
    cityPeople.forEach((p, i) => {
      weightOf.set(p.person_id, truth.backgroundWeights![i]);
    });
  const generations = options.generations ?? oracleRanker.defaults.generations;
  const c = truth.contagion;
  const shape = truth.world?.delayShape ?? 1;
  const hot = new Map<string, { a: number; b: number }[]>();
  for (const h of truth.hotPeriods ?? []) {
    let l = hot.get(h.group);
    if (!l) hot.set(h.group, (l = []));
    l.push({ a: h.startDay, b: h.endDay });
  }
  const hotFactor = truth.world?.hotPeriods ? truth.world.hotPeriods.factor : 1;
  const onset = truth.period.onsetDay ?? truth.period.startDay;
  const endDay = truth.period.endDay;
  return {
    name: 'oracle',
    rank(input) {
      const { population, asOf, horizonDays: H } = input;
      const expected = new Float64Array(population.length);
      if (!c) return { score: expected, expected };
      const index = indexDataset(input.data);
      const n = index.personIds.length;
      const { edges, csr } = networkOf(index, { asOf, retentionYears: Number.POSITIVE_INFINITY });
      const rate = shape * c.beta;
      const F = (u: number) => (u <= 0 ? 0 : gammaP(shape, rate * u));
      const steps = Math.max(1, Math.ceil(H));
      const dt = H / steps;
      // Background per person and step (expected events per day).
      const w = new Float64Array(n);
      for (let k = 0; k < n; k++)
        w[k] = weightOf.size ? (weightOf.get(index.personIds[k]) ?? 1) : 1;
      const bgAt = (k: number, t: number) => {
        if (t < onset || t >= endDay) return 0;
        let f = c.mu * w[k] * seasonAt(c.seasonalAmplitude, c.seasonalPhase, t);
        const g = index.group[k];
        if (g >= 0 && hot.size) {
          const list = hot.get(index.groupNames[g]);
          if (list) {
            let extra = 0;
            for (const h of list) if (h.a <= t && t < h.b) extra += hotFactor - 1;
            f *= 1 + extra;
          }
        }
        return f;
      };
      // First generation of true events before the cut, per person and step (events per day).
      const fg = new Float64Array(n * steps);
      for (const ev of truth.events) {
        if (ev.time >= asOf) break;
        const j = index.personIndex.get(ev.person_id);
        if (j === undefined) continue;
        if (!(F(asOf + H - ev.time) - F(asOf - ev.time) > 1e-12)) continue;
        for (let x = csr.offsets[j]; x < csr.offsets[j + 1]; x++) {
          const q = csr.targets[x];
          if (!(edges.first[findTie(edges, j, q)] < ev.day)) continue;
          for (let st = 0; st < steps; st++) {
            const a = asOf + st * dt - ev.time;
            const m = c.alpha * (F(a + dt) - F(a));
            if (m > 0 && asOf + st * dt < endDay) fg[q * steps + st] += m / dt;
          }
        }
      }
      // Knock-on: children of events inside the horizon, by discrete convolution.
      const K = new Float64Array(steps);
      for (let l = 0; l < steps; l++) K[l] = F((l + 0.5) * dt) - F(Math.max(0, (l - 0.5) * dt));
      const total = new Float64Array(n);
      const mHist = new Float64Array(n * steps);
      const xHist = new Float64Array(n * steps);
      for (let st = 0; st < steps; st++) {
        const t = asOf + (st + 0.5) * dt;
        for (let k = 0; k < n; k++) {
          let y = 0;
          if (generations === 'all')
            for (let s2 = 0; s2 < st; s2++) y += xHist[k * steps + s2] * K[st - s2];
          const m = t < endDay ? bgAt(k, t) + fg[k * steps + st] + y / dt : 0;
          mHist[k * steps + st] = m;
          total[k] += m * dt;
        }
        if (generations === 'all')
          for (let k = 0; k < n; k++) {
            let x = 0;
            for (let e = csr.offsets[k]; e < csr.offsets[k + 1]; e++)
              x += mHist[csr.targets[e] * steps + st];
            xHist[k * steps + st] = c.alpha * x * dt;
          }
      }
      for (let i = 0; i < population.length; i++) {
        const p = index.personIndex.get(population[i]);
        expected[i] = p === undefined ? 0 : total[p];
      }
      return { score: expected, expected };
    },
  };
}

oracleRanker.defaults = { generations: 'all' } as { readonly generations: 'all' | 'first' };

/** s(t) = 1 + A·sin(2πt/365.25 + φ). */
function seasonAt(A: number, phi: number, t: number): number {
  return A === 0 ? 1 : 1 + A * Math.sin((2 * Math.PI * t) / 365.25 + phi);
}
