import { beforeAll, describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import type { NetworkHawkesModel } from '../../src/contagion/hawkes/model.js';
import type { Dataset } from '../../src/core/types.js';
import { formatValue } from '../../src/outreach/describe.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { synthCity } from '../../src/synth/city.js';

// Found by userhunt3 on a UK-style export: the plan's own_risk for a person was up to 15% off the
// model's risk for them (0.0169 against 0.0147), because the planner held each person's background
// at its value on the plan's date, while the model's risk lets the years-since-first-record
// covariate step up at the anniversary falling inside the horizon.
describe("planOutreach's own_risk", () => {
  const asOf = '2021-10-01';
  let data: Dataset;
  let model: NetworkHawkesModel;
  beforeAll(() => {
    data = synthCity({ people: 800, seed: 3, years: 4 }).data;
    model = fitNetworkHawkes(data, { asOf, standardErrors: false });
  });

  it("is the model's risk for each person, within the planner's 1% discretisation", () => {
    expect(model.parameters.covariates?.years_since_first_record).not.toBe(0);
    const plan = planOutreach(data, { asOf, model, capacity: 100 });
    const rows = plan.list.objects() as { person_id: string; own_risk: number }[];
    const risk = new Map(
      model
        .risk(
          rows.map((r) => r.person_id),
          { from: asOf, horizonDays: 90 },
        )
        .map((r) => [r.person_id, r.expected]),
    );
    // Before: 4.9% off at worst on this city (a person's first-record anniversary in the horizon).
    const worst = Math.max(...rows.map((r) => Math.abs(r.own_risk / risk.get(r.person_id)! - 1)));
    expect(worst).toBeLessThan(0.01);
  });

  it('names the part of the events averted that is harm to them as such, not as their own risk', () => {
    // Found by userhunt3: a plan's first reason read 'their own risk: 0.006' beside own_risk 0.029
    // (the reason was effect × own risk, the harm to them that reaching them would prevent).
    const plan = planOutreach(data, { asOf, model, capacity: 5 });
    for (const r of plan.list.objects() as {
      reasons: string[];
      averted_own: number;
      averted_onward: number;
    }[]) {
      expect(r.reasons).toEqual([
        `harm to them it would prevent: ${formatValue(r.averted_own)}`,
        `harm it would stop spreading: ${formatValue(r.averted_onward)}`,
      ]);
    }
  });
});
