import { describe, expect, it } from 'vitest';
import { updateNetworkHawkes } from '../../src/contagion/hawkes/live.js';
import { backtest } from '../../src/outreach/backtest.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../src/synth/city.js';
import { makeDataset, modelAtParameters } from '../helpers.js';
import { rows, smallCity } from './fixtures.js';

/**
 * A horizon of one day (`horizonDays: 1`) read '1 days' in the list's notes, the plan's
 * sentences, the live update's reasons and the backtest's summary.
 */
describe('a horizon of one day is said in the singular', () => {
  const asOf = '2024-01-01';
  const noSlip = (text: string) => expect(text).not.toMatch(/\b1 days\b/);

  it("rankForOutreach: 'in the 1 day from'", () => {
    const summary = listMetadata(rankForOutreach(smallCity(), { asOf, horizonDays: 1 }))?.summary;
    expect(summary).toContain(
      'Scores are expected serious-violence victimisations in the 1 day from 2024-01-01',
    );
    noSlip(summary ?? '');
  });

  it("planOutreach: 'in the 1 day from', 'in 1 day', '1 person', '1 record'", () => {
    const data = smallCity();
    const model = modelAtParameters(data, asOf, { mu: 0.001, alpha: 0.3, beta: 0.05 });
    const plan = planOutreach(data, { asOf, model, horizonDays: 1, capacity: 1, minEvidence: 1 });
    const summary = listMetadata(plan.list)?.summary ?? '';
    // Before: 'A plan to reach 1 people in the 1 days from …, chosen from 5 people who met the
    // minimum-evidence rule (at least 1 records).', '… for the 1 people with the highest own risk.'
    expect(summary).toContain(
      'A plan to reach 1 person in the 1 day from 2024-01-01, chosen from 5 people who met the minimum-evidence rule (at least 1 record).',
    );
    expect(summary).toMatch(/, against \d\.\d\d for the person with the highest own risk\./);
    expect(summary).not.toMatch(/\b1 (people|records)\b/);
    const sentences = rows<{ explanation: string }>(plan.list).map((r) => r.explanation);
    expect(sentences[0]).toMatch(/serious incidents in 1 day \(/);
    noSlip([summary, ...sentences].join('\n'));
  });

  it("updateNetworkHawkes: 'in the next 1 day'", () => {
    const data = smallCity();
    const model = modelAtParameters(data, asOf, { mu: 0.001, alpha: 0.3, beta: 0.05 });
    const tonight = makeDataset([['N1', '2024-01-02', 3, ['X'], ['B']]]);
    const live = updateNetworkHawkes(model, tonight, { horizonDays: 1 });
    const reasons = rows<{ reason: string }>(live.changes).map((r) => r.reason);
    expect(
      reasons.some((s) => s.includes('expected serious incidents in the next 1 day rise')),
    ).toBe(true);
    noSlip(reasons.join('\n'));
  });

  it("backtest: 'horizon 1 day'", () => {
    const { data } = synthCity({ people: 300, seed: 2, years: 2 });
    const r = backtest(data, { asOf: '2020-06-01', horizonDays: 1, cuts: 1 });
    expect(r.summary).toContain('horizon 1 day,');
    noSlip(r.summary);
  });
});
