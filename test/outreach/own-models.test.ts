import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { DataRefusedError, InputError } from '../../src/core/errors.js';
import type { RiskModel } from '../../src/core/risk.js';
import { backtest } from '../../src/outreach/backtest.js';
import { modelRanker } from '../../src/outreach/model-ranker.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../src/synth/city.js';

/** A model of one's own (the public RiskModel interface): one background part per person. */
function ownModel(value: (id: string) => unknown, expected?: (id: string) => unknown): RiskModel {
  return {
    name: 'own',
    risk: (people) =>
      (people ?? []).map((id) => ({
        person_id: id,
        expected: (expected ?? value)(id) as number,
        contributions: [{ kind: 'background', value: value(id) as number }],
      })),
  };
}
/** 0.01 for everyone but P-000001. */
const oneOff = (x: unknown) => ownModel((id) => (id === 'P-000001' ? x : 0.01));

describe("a model of one's own", () => {
  const { data } = synthCity({ people: 300, seed: 3 });
  const asOf = '2023-01-01';

  it('rankForOutreach refuses NaN, Infinity, negative or non-number parts, naming the person', () => {
    // Before: a NaN or a negative value dropped the person as "too little evidence or no score",
    // Infinity listed them first with a score of Infinity, and text crashed in a reason.
    for (const [x, shown] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['0.3', '"0.3"'],
    ] as const) {
      expect(() => rankForOutreach(data, { asOf, model: oneOff(x), limit: 3 })).toThrow(
        new InputError(
          'rankForOutreach',
          `rankForOutreach: the model 'own' gave P-000001 a part 'background' of ${shown}; it must give each person a finite expected value ≥ 0 that its finite parts sum to`,
        ),
      );
    }
    expect(() => rankForOutreach(data, { asOf, model: oneOff(-0.5), limit: 3 })).toThrow(
      "the model 'own' gave P-000001 an expected -0.5 from parts summing to -0.5",
    );
  });

  it('rankForOutreach refuses parts that do not sum to the expected value, and missing people', () => {
    // Before: listed with score 0.5 (the parts) beside expected_events 1.
    const off = ownModel(
      () => 0.5,
      () => 1,
    );
    expect(() => rankForOutreach(data, { asOf, model: off, limit: 2 })).toThrow(
      "the model 'own' gave P-000001 an expected 1 from parts summing to 0.5",
    );
    // Before: an empty list, "298 people were not listed: too little evidence or no score".
    const none: RiskModel = { name: 'own', risk: () => [] };
    expect(() => rankForOutreach(data, { asOf, model: none })).toThrow(
      "the model 'own' returned 0 risks for 298 people",
    );
    // A well-formed model still lists.
    expect(
      rankForOutreach(data, { asOf, model: oneOff(0.02), limit: 1 }).array('person_id'),
    ).toEqual(['P-000001']);
  });

  it('backtest refuses expected events that are infinite or negative, naming person and cut', () => {
    // Before: Infinity printed expected/observed 'n/a/7', and -0.5 a negative expected total.
    for (const x of [Number.POSITIVE_INFINITY, -0.5])
      expect(() =>
        backtest(data, { cuts: 2, rankers: [modelRanker('mine', () => oneOff(x))] }),
      ).toThrow(
        `ranker 'mine' returned expected events of ${x} for P-000001 at the cut 2023-07-05, not a finite number ≥ 0`,
      );
  });

  it('modelRanker refuses a model fitted on records on or after the cut', () => {
    // Fitted once on every record and returned at each cut: it has seen the outcomes.
    const leaky = fitNetworkHawkes(data, { asOf: '2024-01-01' });
    let err: unknown;
    try {
      backtest(data, { cuts: 2, rankers: [modelRanker('leaky', () => leaky)] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataRefusedError);
    expect((err as DataRefusedError).code).toBe('model-from-future');
    expect((err as Error).message).toMatch(
      /^modelRanker 'leaky': the model 'network-hawkes' was fitted on records up to 2023-12-\d\d, on or after the as-of date 2023-07-05;/,
    );
  });
});
