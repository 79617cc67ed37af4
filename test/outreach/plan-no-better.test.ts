// A plan that averts no more than simply taking the people with the highest own risk said only
// "the plan would avert about 0.35, against 0.35 for the 20 people with the highest own risk":
// the reader had to compare the figures. It now says so plainly, in a warning.
import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { noBetterThanRiskWarning, planOutreach } from '../../src/outreach/plan-outreach.js';
import { synthCity } from '../../src/synth/city.js';

describe('noBetterThanRiskWarning', () => {
  it('the same people: counting knock-on harm changed no one', () => {
    expect(
      noBetterThanRiskWarning(
        { averted: 0.12, people: [3, 1, 2] },
        { averted: 0.12, people: [1, 2, 3] },
      ),
    ).toBe(
      'The plan chose the same people as the highest-risk list (the 3 people with the highest own risk, perhaps in another order): counting knock-on harm changed no one on it, so simply taking the highest-risk list does as well.',
    );
  });

  it('other people averting less than 1% more: no better than the highest-risk list', () => {
    expect(
      noBetterThanRiskWarning(
        { averted: 0.3501, people: [1, 2, 4] },
        { averted: 0.3486, people: [1, 2, 3] },
      ),
    ).toBe(
      'The plan would avert less than 1% more than the 3 people with the highest own risk (0.350 against 0.349 events), a difference too small to rely on: it is no better than simply taking the highest-risk list.',
    );
    expect(
      noBetterThanRiskWarning({ averted: 0.0449, people: [4] }, { averted: 0.045, people: [3] }),
    ).toMatch(
      /^The plan would avert less than the person with the highest own risk \(0\.0449 against 0\.0450 events\)/,
    );
  });

  it('1% more or above, or nothing averted: no warning', () => {
    expect(
      noBetterThanRiskWarning(
        { averted: 0.0186, people: [1, 4] },
        { averted: 0.0181, people: [1, 3] },
      ),
    ).toBeUndefined();
    expect(
      noBetterThanRiskWarning(
        { averted: 0.0101, people: [1, 4] },
        { averted: 0.01, people: [1, 3] },
      ),
    ).toBeUndefined();
    expect(
      noBetterThanRiskWarning({ averted: 0, people: [1] }, { averted: 0, people: [2] }),
    ).toBeUndefined();
    expect(
      noBetterThanRiskWarning({ averted: 0, people: [] }, { averted: 0, people: [] }),
    ).toBeUndefined();
  });
});

describe('planOutreach says when it is no better than the highest-risk list', () => {
  // A synthetic city with contagion (fitted alpha 0.16): with 20 people the plan averts 0.4% more
  // than the 20 with the highest own risk (18 of them shared); with 5 it chooses the same 5.
  const { data } = synthCity({ people: 600, years: 3, seed: 3, feud: {} });
  const asOf = '2021-01-01';
  const model = fitNetworkHawkes(data, { asOf, standardErrors: false });

  it('less than 1% more, and the same people', () => {
    const twenty = planOutreach(data, { asOf, model, capacity: 20 });
    expect(twenty.expected.averted / twenty.highestRisk.averted - 1).toBeLessThan(0.01);
    expect(twenty.warnings).toContainEqual(
      expect.stringMatching(
        /^The plan would avert less than 1% more than the 20 people with the highest own risk \(0\.\d{3} against 0\.\d{3} events\)/,
      ),
    );
    const five = planOutreach(data, { asOf, model, capacity: 5 });
    expect(new Set(five.list.array('person_id') as string[])).toEqual(
      new Set(five.highestRisk.people),
    );
    expect(five.warnings).toContainEqual(
      expect.stringMatching(
        /^The plan chose the same people as the highest-risk list \(the 5 people/,
      ),
    );
  });

  it('no such warning when the plan averts clearly more', () => {
    const city = synthCity({ people: 400, years: 3, seed: 5, feud: {} });
    const m = fitNetworkHawkes(city.data, { asOf, standardErrors: false });
    const plan = planOutreach(city.data, { asOf, model: m, capacity: 5 });
    expect(plan.expected.averted / plan.highestRisk.averted - 1).toBeGreaterThan(0.02);
    expect(plan.warnings.filter((w) => /highest-risk list|highest own risk/.test(w))).toEqual([]);
  });
});
