import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { OptionError } from '../../src/core/errors.js';
import { toDay } from '../../src/core/time.js';
import { backtest } from '../../src/outreach/backtest.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { planRanker } from '../../src/outreach/plan-ranker.js';
import { synthCity } from '../../src/synth/city.js';

describe('planRanker', () => {
  const city = synthCity({ people: 1500, seed: 6 });
  const asOf = toDay('2023-01-01');
  const data = {
    ...city.data,
    incidents: city.data.incidents.filter((i) => i.day < asOf),
  };
  const keep = new Set(data.incidents.map((i) => i.incident_id));
  data.involvements = city.data.involvements.filter((v) => keep.has(v.incident_id));

  it("puts the plan's people first, in the order chosen, then everyone else by their own risk", () => {
    const population = [...new Set(data.involvements.map((v) => v.person_id))].sort();
    const input = { data, asOf, horizonDays: 90, population, retentionYears: 6 };
    const out = planRanker({ capacityShare: 0.02 }).rank(input);
    const model = fitNetworkHawkes(data, { asOf, standardErrors: false, retentionYears: 6 });
    const plan = planOutreach(data, {
      asOf,
      model,
      capacity: Math.round(0.02 * population.length),
      sensitivity: [0.2],
    });
    const planned = plan.list.array('person_id') as string[];
    expect(planned.length).toBeGreaterThan(5);
    const order = population
      .map((id, i) => ({ id, s: out.score[i], e: out.expected![i] }))
      .sort((a, b) => b.s - a.s);
    expect(order.slice(0, planned.length).map((r) => r.id)).toEqual(planned);
    const rest = order.slice(planned.length);
    for (let i = 1; i < rest.length; i++) expect(rest[i - 1].e).toBeGreaterThanOrEqual(rest[i].e);
    // Its expected events are the model's own risk (calibration is the Hawkes ranker's).
    const hawkes = hawkesRanker().rank(input);
    expect(Array.from(out.expected!)).toEqual(Array.from(hawkes.expected!));
  });

  it('runs in a backtest beside the Hawkes ranker, and checks its options', () => {
    const result = backtest(city.data, {
      cuts: 2,
      rankers: [hawkesRanker(), planRanker()],
    });
    const names = new Set(result.table.array('ranker') as string[]);
    expect(names.has('outreach plan')).toBe(true);
    expect(() => planRanker({ capacity: 10 } as never)).toThrow(OptionError);
  });
});
