import { exposureCounts } from '../contagion/exposure.js';
import { indexDataset } from '../core/dataset-index.js';
import type { RiskModel } from '../core/risk.js';
import type { Dataset } from '../core/types.js';
import { resolveWindow } from '../core/window.js';
import type { SynthTruth } from '../synth/types.js';
import { type ExposureRiskOptions, exposureRiskModel } from './exposure-risk-model.js';
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
}

/** Anything that ranks people at a cut from the past alone. */
export interface Ranker {
  /** Short name, used in result tables. */
  readonly name: string;
  /** Counts as a baseline (for "lift over the best baseline"). Default false. */
  readonly baseline?: boolean;
  rank(input: RankerInput): RankerOutput;
}

/**
 * Builds a ranker from any risk model, fitted at each cut on what the ranker is given (the past).
 *
 * @example
 * const mine = modelRanker('my model', ({ data, asOf }) => fitMyModel(data, { asOf }));
 */
export function modelRanker(
  name: string,
  fitModel: (input: RankerInput) => RiskModel,
  options: { baseline?: boolean } = {},
): Ranker {
  return {
    name,
    baseline: options.baseline ?? false,
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

/** Seeded random order: the floor every ranking must clear. The seed is mixed with the cut. */
export function randomRanker(options: { seed?: number } = {}): Ranker {
  const seed = options.seed ?? 1;
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
 * Count of direct co-offenders seriously harmed (severity ≥ 3) in the `windowDays` before the cut:
 * the exposure baseline of Papachristos and colleagues, via `exposureCounts`.
 */
export function victimisedAssociatesRanker(options: { windowDays?: number } = {}): Ranker {
  const windowDays = options.windowDays ?? 180;
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

/**
 * Background only: the `background` part of the exposure score (the city's recent rate, scaled
 * by each person's own violent record), with no exposure at all. A model that claims more than
 * this on a city without contagion is claiming what it cannot have.
 */
export function backgroundRanker(options: ExposureRiskOptions = {}): Ranker {
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

/** The transparent exposure score ({@link exposureRiskModel}) as a ranker. */
export function exposureRanker(options: ExposureRiskOptions = {}): Ranker {
  return modelRanker('exposure score', ({ data, asOf, retentionYears }) =>
    exposureRiskModel(data, { retentionYears, ...options, asOf }),
  );
}

/**
 * For synthetic cities: ranks by the true expected number of events in the horizon, from the
 * true parameters and the true event times (background μ₀ × horizon, seasonal when the city has a
 * season, plus α·(e^(−β(cut−t)) − e^(−β(cut+H−t))) for every true event at t before the cut of a
 * co-offending neighbour whose tie began before t's day). The ceiling a model can approach.
 */
export function oracleRanker(truth: SynthTruth): Ranker {
  const c = truth.contagion;
  return {
    name: 'oracle',
    rank(input) {
      const { population, asOf, horizonDays: H } = input;
      const expected = new Float64Array(population.length);
      if (!c) {
        // No contagion: every person has the same background; nothing beats chance.
        return { score: expected.fill(0), expected: expected.fill(0) };
      }
      const bg = c.mu * seasonMass(c.seasonalAmplitude, c.seasonalPhase, asOf, asOf + H);
      expected.fill(bg);
      const index = indexDataset(input.data);
      const { edges, csr } = networkOf(index, { asOf, retentionYears: Number.POSITIVE_INFINITY });
      const pos = new Int32Array(index.personIds.length).fill(-1);
      for (let i = 0; i < population.length; i++) {
        const p = index.personIndex.get(population[i]);
        if (p !== undefined) pos[p] = i;
      }
      for (const ev of truth.events) {
        if (ev.time >= asOf) break;
        const j = index.personIndex.get(ev.person_id);
        if (j === undefined) continue;
        const mass =
          c.alpha *
          (Math.exp(-c.beta * (asOf - ev.time)) - Math.exp(-c.beta * (asOf + H - ev.time)));
        for (let x = csr.offsets[j]; x < csr.offsets[j + 1]; x++) {
          const i = pos[csr.targets[x]];
          if (i >= 0 && edges.first[findTie(edges, j, csr.targets[x])] < ev.day)
            expected[i] += mass;
        }
      }
      return { score: expected, expected };
    },
  };
}

/** ∫ s(t) dt over [a, b) for s(t) = 1 + A·sin(2πt/365.25 + φ). */
function seasonMass(A: number, phi: number, a: number, b: number): number {
  if (A === 0) return b - a;
  const w = (2 * Math.PI) / 365.25;
  return b - a - (A / w) * (Math.cos(w * b + phi) - Math.cos(w * a + phi));
}
