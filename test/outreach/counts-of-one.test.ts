import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import type { RiskModel } from '../../src/core/risk.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { oracleRanker } from '../../src/outreach/oracle-ranker.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import type { RankerInput } from '../../src/outreach/ranker.js';
import { cascadeOverview, contagionChart } from '../../src/report/charts.js';
import { synthCity } from '../../src/synth/city.js';

/** Texts that count one thing said '1 people', '1 values', '1 risks', '1 of … are', '1 cascades'. */
describe('outreach and report texts count one thing in the singular', () => {
  it('oracleRanker: 1 value for 2 people, 2 values for 1 person', () => {
    const empty: Dataset = { incidents: [], involvements: [], people: [], auditColumns: [] };
    const input = (population: string[]): RankerInput => ({
      data: empty,
      asOf: toDay('2024-01-01'),
      horizonDays: 90,
      population,
      retentionYears: 5,
    });
    // Before: 'returned 1 values for 2 people' and 'returned 2 values for 1 people'.
    expect(() => oracleRanker(() => [1]).rank(input(['a', 'b']))).toThrow(
      "oracleRanker 'oracle': the expected-events function returned 1 value for 2 people",
    );
    expect(() => oracleRanker(() => [1, 2]).rank(input(['a']))).toThrow(
      "oracleRanker 'oracle': the expected-events function returned 2 values for 1 person",
    );
  });

  const { data } = synthCity({ people: 800, seed: 4 });
  const asOf = '2023-01-01';

  it("rankForOutreach: a model of one's own that returned 1 risk", () => {
    const one: RiskModel = {
      name: 'own',
      risk: (people) => [
        {
          person_id: people![0],
          expected: 0.1,
          contributions: [{ kind: 'background', value: 0.1 }],
        },
      ],
    };
    // Before: "the model 'own' returned 1 risks for … people".
    expect(() => rankForOutreach(data, { asOf, model: one })).toThrow(
      /the model 'own' returned 1 risk for \d+ people;/,
    );
  });

  it('rankForOutreach and planOutreach: 1 of the people here is unknown to the model', () => {
    const fitDate = '2022-01-01';
    const early = data.incidents.filter((i) => toDay(i.date) < toDay(fitDate));
    const earlyIds = new Set(early.map((i) => i.incident_id));
    const old = fitNetworkHawkes(
      {
        ...data,
        incidents: early,
        involvements: data.involvements.filter((v) => earlyIds.has(v.incident_id)),
      },
      { asOf: fitDate },
    );
    // One person first recorded since the fit, in two incidents.
    const now: Dataset = {
      ...data,
      incidents: [
        ...data.incidents,
        ...['2022-06-01', '2022-07-01'].map((date, i) => ({
          incident_id: `NEW-${i + 1}`,
          date,
          day: toDay(date),
          offence: 'theft',
          severity: 0 as const,
        })),
      ],
      involvements: [
        ...data.involvements,
        ...['NEW-1', 'NEW-2'].map((incident_id) => ({
          incident_id,
          person_id: 'N-1',
          role: 'offender' as const,
        })),
      ],
    };
    const list = rankForOutreach(now, { asOf, model: old, limit: 10 });
    const pop = Number(/out of (\d+) people/.exec(listMetadata(list)?.summary ?? '')?.[1]);
    expect(pop).toBeGreaterThan(100);
    // Before: '1 of the … people here are unknown to the model'.
    expect(listMetadata(list)?.warnings).toContain(
      `1 of the ${pop} people here is unknown to the model (recorded since its fit?): no score, so not listed.`,
    );
    const plan = planOutreach(now, {
      asOf,
      model: old,
      capacity: 5,
      alreadyReached: ['NOBODY-1'],
    });
    expect(plan.warnings).toContain(
      `1 of the ${pop} people here is unknown to the model (recorded since its fit?): no score, so not planned for.`,
    );
    // Before: '1 of the 1 alreadyReached ids match nobody in the records and were not counted'.
    expect(plan.warnings).toContain(
      "1 of the 1 alreadyReached id matches nobody in the records and was not counted: 'NOBODY-1'. Ids are matched exactly.",
    );
  });

  it('the report: 1 cascade over 2 incidents, 1 serious-violence event in a quarter', () => {
    const cascade = cascadeOverview([
      {
        cascade_id: 'C1',
        events: [
          { incident_id: 'I1', date: '2023-01-05', severity: 3 },
          { incident_id: 'I2', date: '2023-01-06', severity: 3, parent: 'I1' },
        ],
      },
    ]);
    // Before: '1 cascades between 2023-01-05 and 2023-01-06; …'.
    expect(cascade).toContain(
      '1 cascade between 2023-01-05 and 2023-01-06; the longest, C1, ran 1 day over 2 incidents.',
    );
    const chart = contagionChart([{ period: '2023-Q1', from: '2023-01-01', events: 1, share: 0 }]);
    // Before: '1 serious-violence events from …' and '2023-Q1: 1 events, 0% …'.
    expect(chart).toContain(
      '1 serious-violence event from 2023-Q1 to 2023-Q1; the model attributes 0% of it to contagion overall',
    );
    expect(chart).toContain('2023-Q1: 1 event, 0% attributed to contagion');
    expect(cascade + chart).not.toMatch(/\b1 (cascades|events|incidents|people)\b/);
  });
});
