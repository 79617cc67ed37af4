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
    // It reports what its list and the highest-risk list would avert under the model.
    expect(out.averted!.list).toBeCloseTo(plan.expected.averted, 12);
    expect(out.averted!.highestRisk).toBeCloseTo(plan.highestRisk.averted, 12);
    expect(out.averted!.list).toBeGreaterThanOrEqual(out.averted!.highestRisk - 1e-12);
  });

  it('runs in a backtest beside the Hawkes ranker, and checks its options', () => {
    const result = backtest(city.data, {
      cuts: 2,
      rankers: [hawkesRanker(), planRanker()],
    });
    const names = new Set(result.table.array('ranker') as string[]);
    expect(names.has('outreach plan')).toBe(true);
    // Events averted under the fitted model per cut, for the planning ranker only, and their
    // mean with an interval across the two cuts in the summary.
    const rows = result.scores.objects() as {
      ranker: string;
      averted: number | null;
      averted_highest_risk: number | null;
    }[];
    for (const r of rows) {
      if (r.ranker === 'outreach plan') {
        expect(r.averted).toBeGreaterThan(0);
        expect(r.averted!).toBeGreaterThanOrEqual(r.averted_highest_risk! - 1e-12);
      } else expect(r.averted).toBeNull();
    }
    expect(result.summary).toMatch(
      /outreach plan: events averted in the horizon under its fitted model mean [\d.]+ \(95% interval -?[\d.]+ to [\d.]+ across 2 cuts\)/,
    );
    expect(() => planRanker({ capacity: 10 } as never)).toThrow(OptionError);
  });
});
