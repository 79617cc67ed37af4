import { describe, expect, it } from 'vitest';
import { planOutreach, sameAvertedWarning } from '../../src/outreach/plan-outreach.js';
import { makeDataset, modelAtParameters } from '../helpers.js';

// A path A — B — C — D of co-offending, A and D shot on one day: A and D, B and C are mirror
// images, so what reaching each would avert is the same for the two of a pair.
const data = makeDataset([
  ['I1', '2023-01-10', 0, ['A', 'B'], []],
  ['I2', '2023-01-10', 0, ['B', 'C'], []],
  ['I3', '2023-01-10', 0, ['C', 'D'], []],
  ['I4', '2023-03-01', 3, [], ['A']],
  ['I5', '2023-03-01', 3, [], ['D']],
  ['I6', '2022-06-01', 3, ['Z1'], ['Z2']],
]);
const asOf = '2023-06-01';

describe('planOutreach: people who avert the same share a rank', () => {
  it('mirror images chosen in one batch get one rank (1, 1, 3, 3)', () => {
    const model = modelAtParameters(data, asOf, { mu: 0.002, alpha: 0.3, beta: 0.02 });
    const plan = planOutreach(data, { asOf, model, capacity: 4, batch: 4 });
    const averted = Array.from(plan.list.array('averted') as Float64Array);
    const ids = plan.list.array('person_id') as string[];
    expect(Math.abs(averted[0] - averted[1])).toBeLessThanOrEqual(1e-9 * averted[0]);
    expect(Math.abs(averted[2] - averted[3])).toBeLessThanOrEqual(1e-9 * averted[0]);
    expect(averted[1] - averted[2]).toBeGreaterThan(1e-6 * averted[0]);
    // Before: ranks 1 to 4, as if B would avert more than C.
    expect(Array.from(plan.list.array('rank') as Int32Array)).toEqual([1, 1, 3, 3]);
    // Within a pair, the tie-break rule: most recent evidence, then person id.
    expect(ids).toEqual(['B', 'C', 'A', 'D']);
  });
});

describe("planOutreach's warning that its people avert the same", () => {
  it('reads "the same" by the tie rule of the ranks, and reads every pick', () => {
    // Tied (0.1 + 0.2 against 0.3): they share rank 1, the tie-break sets the order.
    expect(sameAvertedWarning([0.3, 0.1 + 0.2])).toMatch(
      /^Every chosen person averts the same events \(they share rank 1\)/,
    );
    // Within 0.1% but not tied: ranks 1, 2, said to be weak, not set by the tie-break.
    // Before: "ties broken by the most recent evidence, then id", which did not set this order.
    expect(sameAvertedWarning([0.1, 0.09995])).toMatch(
      /^Every chosen person averts about the same events \(all within 0\.1% of the largest\)/,
    );
    // Before: the first and last only: [1, 0.5, 1] warned that everyone averts about the same.
    expect(sameAvertedWarning([1, 0.5, 1])).toBeUndefined();
    expect(sameAvertedWarning([0.2, 0.1])).toBeUndefined();
    expect(sameAvertedWarning([0.2])).toBeUndefined();
    expect(sameAvertedWarning([0, 0])).toBeUndefined();
  });

  it('a plan of two mirror images warns that they share rank 1', () => {
    const model = modelAtParameters(data, asOf, { mu: 0.002, alpha: 0.3, beta: 0.02 });
    const plan = planOutreach(data, { asOf, model, capacity: 2, batch: 2 });
    expect(Array.from(plan.list.array('rank') as Int32Array)).toEqual([1, 1]);
    expect(plan.warnings).toContain(
      'Every chosen person averts the same events (they share rank 1): their order is set by the tie-break alone, the most recent evidence, then id.',
    );
  });
});
