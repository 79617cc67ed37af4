import { OptionError } from '../core/errors.js';
import { checkOptions, closestName, rule } from '../core/options.js';
import type { SynthCityOptions, SynthContagionOptions, SynthWorldOptions } from './types.js';

/** Names of the misspecified worlds in {@link MISSPECIFIED_WORLDS}. */
export type MisspecifiedWorldName =
  | 'heterogeneous'
  | 'late-onset'
  | 'hot-periods'
  | 'gamma-delay'
  | 'all';

/**
 * Worlds the network Hawkes model did not generate, as `synthCity` `world` options (issue 10):
 *
 * - `heterogeneous`: person background multipliers w_k ∝ Gamma(1, 1)·π_k (π_k the offending
 *   propensity), so busier offenders carry both more ties and more background risk;
 * - `late-onset`: serious violence recorded only from 2 years after the first records;
 * - `hot-periods`: group hot periods (0.5 per group per year, mean 60 days, background × 6);
 * - `gamma-delay`: a gamma delay kernel of shape 2 (same mean 1/β);
 * - `all`: the four together.
 *
 * Combine with {@link WORLD_CONTAGION} (or `{ alpha: 0 }` for no contagion).
 */
export const MISSPECIFIED_WORLDS: Readonly<Record<MisspecifiedWorldName, SynthWorldOptions>> = {
  heterogeneous: { frailtyShape: 1, propensityPower: 1 },
  'late-onset': { onsetYears: 2 },
  'hot-periods': { hotPeriods: { perGroupPerYear: 0.5, meanDays: 60, factor: 6 } },
  'gamma-delay': { delayShape: 2 },
  all: {
    frailtyShape: 1,
    propensityPower: 1,
    onsetYears: 2,
    hotPeriods: { perGroupPerYear: 0.5, meanDays: 60, factor: 6 },
    delayShape: 2,
  },
};

/**
 * The contagion of the misspecified-world cities: background μ₀ = 1e-4 per person per day,
 * α = 0.05, mean delay 60 days (β = 1/60). With `alpha: 0` the same city has no contagion.
 */
export const WORLD_CONTAGION: Required<Pick<SynthContagionOptions, 'mu' | 'alpha' | 'beta'>> = {
  mu: 1e-4,
  alpha: 0.05,
  beta: 1 / 60,
};

/**
 * `synthCity` options for a misspecified world: `people` people over 6 years, the world's
 * departures, and {@link WORLD_CONTAGION} (α = 0 when `contagion` is false).
 *
 * @example
 * const { data, truth } = synthCity(misspecifiedWorld('heterogeneous', { seed: 3, contagion: false }));
 * truth.triggeredShare; // 0: any contagion a fit reports here is spurious
 */
export function misspecifiedWorld(
  name: MisspecifiedWorldName,
  options: {
    /** Seed of the city. Default 1. */
    seed?: number;
    /** People in the city. Default 6000. */
    people?: number;
    /** With contagion (α = `alpha`); `false` for none (α = 0). Default true. */
    contagion?: boolean;
    /** α, expected events per neighbour. Default 0.05 ({@link WORLD_CONTAGION}'s). */
    alpha?: number;
  } = {},
): SynthCityOptions {
  options = checkOptions('misspecifiedWorld', options, {
    seed: rule.number({ integer: true }),
    people: rule.number({ min: 1, integer: true }),
    contagion: rule.boolean,
    alpha: rule.number({ min: 0 }),
  });
  const world = MISSPECIFIED_WORLDS[name];
  if (!world) {
    const names = Object.keys(MISSPECIFIED_WORLDS);
    const near = closestName(String(name), names);
    throw new OptionError(
      'misspecifiedWorld',
      'name',
      `misspecifiedWorld: unknown world '${String(name)}'${near ? ` (did you mean '${near}'?)` : ''}; the worlds are ${names.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  const alpha = options.contagion === false ? 0 : (options.alpha ?? WORLD_CONTAGION.alpha);
  return {
    people: options.people ?? misspecifiedWorld.defaults.people,
    years: 6,
    seed: options.seed ?? misspecifiedWorld.defaults.seed,
    contagion: { ...WORLD_CONTAGION, alpha },
    world,
  };
}

/** The default of each option (`alpha`: {@link WORLD_CONTAGION}'s). */
misspecifiedWorld.defaults = {
  seed: 1,
  people: 6000,
  contagion: true,
  alpha: WORLD_CONTAGION.alpha,
} as const;
