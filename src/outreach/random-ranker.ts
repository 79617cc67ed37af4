import { checkOptions, rule } from '../core/options.js';
import type { Ranker } from './ranker.js';

/**
 * Seeded random order: the floor every ranking must clear. The seed (a whole number, default 1)
 * is mixed with the cut.
 */
export function randomRanker(
  options: {
    /** Seed of the order (a whole number): the same seed, the same order at a cut. Default 1. */
    seed?: number;
  } = {},
): Ranker {
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
