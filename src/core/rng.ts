import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A seeded pseudo-random source (xoroshiro128+ from `pure-rand`). Same seed ⇒ same stream,
 * on every platform. Pass one down through a computation instead of calling `Math.random`.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  random(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number;
  /** Poisson with the given mean (inversion for small means, normal approximation above 500). */
  poisson(mean: number): number;
  /** An independent child stream, for reproducible parallel or nested work. */
  fork(): Rng;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[];
}

/**
 * The full 128-bit generator state from a 32-bit seed by splitmix32. pure-rand's own
 * `xoroshiro128plus(seed)` puts the seed into the state almost as is, so nearby seeds (1, 2, 3…)
 * start on strongly correlated streams whose first uniforms are all ≈ 1.
 */
function seedState(seed: number): number[] {
  let x = seed | 0;
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state.push((z ^ (z >>> 16)) | 0);
  }
  if (!state.some((w) => w !== 0)) state[0] = 1; // the all-zero state is a fixed point
  return state;
}

/** Creates a seeded {@link Rng}. `seed` is any integer (taken modulo 2³²). */
export function createRng(seed: number): Rng {
  const gen = xoroshiro128plusFromState(seedState(seed));
  const random = () => uniformFloat64(gen);
  let spare: number | undefined;
  const rng: Rng = {
    random,
    int: (n) => Math.floor(random() * n),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = random();
      const v = random();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    exponential: (rate) => -Math.log(1 - random()) / rate,
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
      let k = 0;
      let p = Math.exp(-mean);
      let cdf = p;
      const u = random();
      while (u > cdf && k < 10_000) {
        k++;
        p *= mean / k;
        cdf += p;
      }
      return k;
    },
    fork: () => createRng(gen.next() ^ 0x5bd1e995),
    shuffle(array) {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = array[i];
        array[i] = array[j];
        array[j] = t;
      }
      return array;
    },
  };
  return rng;
}
