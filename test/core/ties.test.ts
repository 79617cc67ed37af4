import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tiedScoresWarning } from '../../src/core/profile.js';
import { competitionRanks, TIE_TOLERANCE, tieClasses, tieGap } from '../../src/core/ties.js';

/** Competition ranks of scores listed in descending order, through their tie classes. */
const ranksOf = (sortedDescending: number[]) => {
  const c = tieClasses(sortedDescending);
  return Array.from(competitionRanks(sortedDescending.length, (i) => c[i] === c[i - 1]));
};

describe('ties between scores', () => {
  it('tieGap is 1e-9 of the largest |score| (0 for a list of zeros)', () => {
    expect(TIE_TOLERANCE).toBe(1e-9);
    expect(tieGap([0.2, -0.5, 0.1])).toBe(0.5e-9);
    expect(tieGap([0, 0])).toBe(0);
    expect(tieGap([Number.NEGATIVE_INFINITY, 2])).toBe(2e-9);
  });

  it('tieClasses(scores) groups equal scores and scores within the gap, highest class first', () => {
    expect(Array.from(tieClasses([0.3, 0.1, 0.3, 0.2]))).toEqual([0, 2, 0, 1]);
    // 0.1 + 0.2 is 0.30000000000000004: the same score as 0.3.
    expect(Array.from(tieClasses([0.1 + 0.2, 0.3, 0.29]))).toEqual([0, 0, 1]);
    // A step of 1e-8 of the scale is a difference, not noise.
    expect(Array.from(tieClasses([1, 1 - 1e-8]))).toEqual([0, 1]);
    // Groups are led by their highest score, never chained by small steps.
    const step = 0.6e-9;
    expect(Array.from(tieClasses([1, 1 - step, 1 - 2 * step, 1 - 3 * step]))).toEqual([0, 0, 1, 1]);
    // Non-finite scores are tied only with an equal one.
    const inf = Number.NEGATIVE_INFINITY;
    expect(Array.from(tieClasses([inf, 0.1, inf]))).toEqual([1, 0, 1]);
  });

  it('competitionRanks gives tied rows the rank of the first of their run: 1, 1, 3', () => {
    expect(ranksOf([0.5, 0.5, 0.2, 0.1, 0.1, 0.1, 0.05])).toEqual([1, 1, 3, 4, 4, 4, 7]);
    expect(ranksOf([0.3, 0.1 + 0.2, 0.2])).toEqual([1, 1, 3]);
    expect(ranksOf([])).toEqual([]);
  });

  it('the tie classes of scores do not depend on the order they are given in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: -1e-12, max: 1e-12, noNaN: true }), {
          minLength: 30,
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (levels, noise, seed) => {
          // Scores on a few levels (0.1 apart), each carrying relative noise of up to 1e-12.
          const scores = levels.map((l, i) => (0.1 + 0.1 * l) * (1 + noise[i]));
          const perm = shuffle(levels.length, seed);
          const a = tieClasses(scores);
          const b = tieClasses(perm.map((i) => scores[i]));
          expect(Array.from(b)).toEqual(perm.map((i) => a[i]));
          // Same level, same class; another level, another class.
          for (let i = 0; i < levels.length; i++)
            for (let j = 0; j < levels.length; j++)
              expect(a[i] === a[j]).toBe(levels[i] === levels[j]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('NaN scores come last, in one class, never tied with a number, whatever the order', () => {
    const nan = Number.NaN;
    expect(Array.from(tieClasses([3, nan, 3]))).toEqual([0, 1, 0]);
    expect(Array.from(tieClasses([nan, 0.2, nan, Number.NEGATIVE_INFINITY]))).toEqual([2, 0, 2, 1]);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(nan),
            fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 1, 1 + 1e-12),
            fc.double({ min: -2, max: 2, noNaN: true }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (scores, seed) => {
          const a = tieClasses(scores);
          // The same classes in any order.
          const perm = shuffle(scores.length, seed);
          expect(Array.from(tieClasses(perm.map((i) => scores[i])))).toEqual(perm.map((i) => a[i]));
          // The numbers' classes are those of the numbers alone (same gap); NaNs share the last.
          const numbers = scores.filter((x) => !Number.isNaN(x));
          const alone = tieClasses(numbers, tieGap(scores));
          const numberClasses = Array.from(a).filter((_, i) => !Number.isNaN(scores[i]));
          expect(numberClasses).toEqual(Array.from(alone));
          const last = numbers.length === 0 ? 0 : Math.max(...alone) + 1;
          for (let i = 0; i < scores.length; i++)
            if (Number.isNaN(scores[i])) expect(a[i]).toBe(last);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tiedScoresWarning counts scores that differ only by noise as one score', () => {
    // PageRank of the two ends of a path of five differs in the 14th digit (measured).
    const ends = [0.1345270270270304, 0.1345270270270226];
    expect(ends[0]).not.toBe(ends[1]);
    expect(tiedScoresWarning([...ends, 0.1345270270270304, 0.2], 'person id')).toBe(
      '3 of 4 people listed share the same score (0.135), so the score does not order them; their order is set by person id.',
    );
  });
});

/** A seeded permutation of 0..n−1 (Fisher–Yates on a small LCG). */
function shuffle(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
