import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { synthCity } from '../../src/synth/index.js';

/**
 * A plan short of its capacity says why. With everyone but four people in custody over the
 * horizon, 383 people met the minimum-evidence rule and yet the plan read 'Only 4 people could be
 * chosen for a capacity of 10: the rest did not meet the minimum-evidence rule or the caps'.
 */
describe('a plan short of its capacity names the reason that held', () => {
  const { data } = synthCity({ people: 400, seed: 2, years: 3 });
  const asOf = '2021-01-01';
  const ids = [...new Set(data.involvements.map((v) => v.person_id))];
  const free = new Set(ids.slice(0, 4));
  const model = fitNetworkHawkes(data, {
    asOf,
    standardErrors: false,
    exits: ids.filter((p) => !free.has(p)).map((p) => ({ person_id: p, from: '2020-12-01' })),
  });

  it('nothing left to avert (custody), not the minimum-evidence rule', () => {
    const plan = planOutreach(data, { asOf, model, capacity: 10 });
    const n = plan.list.numRows();
    expect(n).toBeLessThan(10);
    const w = plan.warnings.find((x) => x.includes('could be chosen'));
    expect(w).toBe(
      `Only ${n} people could be chosen for a capacity of 10: the others who met the minimum-evidence rule (at least 2 records) have nothing to avert under the model in the horizon (no risk there: out of the risk set, such as exits for custody, or no forecast).`,
    );
  });

  it('a cap that leaves out people with something to avert is named', () => {
    const plain = fitNetworkHawkes(data, { asOf, standardErrors: false });
    const plan = planOutreach(data, { asOf, model: plain, capacity: 100, maxPerArea: 1 });
    expect(plan.list.numRows()).toBe(37);
    expect(plan.warnings).toContain(
      'Only 37 people could be chosen for a capacity of 100: the caps (maxPerGroup, maxPerArea) left out others.',
    );
  });
});
