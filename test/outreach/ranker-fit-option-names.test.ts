import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/outreach/analyse.js';
import { backtest } from '../../src/outreach/backtest.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { planRanker } from '../../src/outreach/plan-ranker.js';
import { synthCity } from '../../src/synth/city.js';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return `${(e as Error).constructor.name} [${(e as { option?: string }).option}]: ${(e as Error).message}`;
  }
  throw new Error('expected an error, got an answer');
}

/**
 * The wrappers that fit the network Hawkes model on the user's behalf passed its options on:
 * a misspelt nested one (hawkesRanker's start.alfa, planRanker's model.start.alfa) or a badly
 * typed one of planRanker's model (maxLagDays: 'x') was taken unchecked, and an error found while
 * fitting named fitNetworkHawkes, which the user did not call, without the option's path.
 */
describe('the fit options of hawkesRanker, planRanker and analyse are named as the user gave them', () => {
  const { data } = synthCity({ people: 300, seed: 1 });

  it('hawkesRanker: a misspelt start value, when the ranker is made', () => {
    expect(message(() => hawkesRanker({ start: { alfa: 0.1 } } as never))).toMatch(
      /^OptionError \[start\.alfa\]: hawkesRanker: unknown option 'start\.alfa'\. Did you mean 'start\.alpha'\?/,
    );
  });

  it('hawkesRanker: a start value of a part that is off, at the cut', () => {
    const ranker = hawkesRanker({ start: { alphaSelf: 0.1 } });
    expect(message(() => backtest(data, { cuts: 1, rankers: [ranker] }))).toBe(
      'OptionError [start]: hawkesRanker: start.alphaSelf is the excitation of a person by their own events, which is off: set selfExcitation: true or leave it out',
    );
  });

  it('planRanker: a misspelt and a badly typed option of its model, when the ranker is made', () => {
    expect(message(() => planRanker({ model: { start: { alfa: 0.1 } } } as never))).toMatch(
      /^OptionError \[model\.start\.alfa\]: planRanker: unknown option 'model\.start\.alfa'\. Did you mean 'model\.start\.alpha'\?/,
    );
    expect(message(() => planRanker({ model: { maxLagDays: 'x' } } as never))).toBe(
      "OptionError [model.maxLagDays]: planRanker: option 'model.maxLagDays' must be a number > 0, got 'x'.",
    );
    expect(message(() => planRanker({ model: { asOf: '2023-01-01' } } as never))).toMatch(
      /^OptionError \[model\.asOf\]: planRanker: option 'model\.asOf' /,
    );
  });

  it("planRanker: its model's start value of a part that is off, at the cut", () => {
    const ranker = planRanker({ model: { start: { alphaSelf: 0.1 } } });
    expect(message(() => backtest(data, { cuts: 1, rankers: [ranker] }))).toBe(
      'OptionError [model.start]: planRanker: model.start.alphaSelf is the excitation of a person by their own events, which is off: set model.selfExcitation: true or leave it out',
    );
  });

  it('analyse: an exits row, its own option', () => {
    expect(
      message(() => analyse(data, { cuts: 0, exits: [{ person_id: 'P-000001' } as never] })),
    ).toBe(
      "OptionError [exits]: analyse exits row 1: no 'from' (the first day out, YYYY-MM-DD); every exit needs one",
    );
  });
});
