import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { DataRefusedError, OptionError } from '../../src/core/errors.js';
import { backtest } from '../../src/outreach/backtest.js';
import { randomRanker } from '../../src/outreach/random-ranker.js';
import type { Ranker } from '../../src/outreach/ranker.js';
import { synthCity } from '../../src/synth/city.js';

/** The backtest's options: each fault an OptionError naming the function and the option. */
describe('backtest option errors name the function, the option and what was expected', () => {
  const { data } = synthCity({ people: 200, seed: 3 });
  const rankers = [randomRanker()];

  it('an empty k is refused (it left the comparison with the baselines an empty sentence)', () => {
    expect(() => backtest(data, { cuts: 1, rankers, k: [] })).toThrow(
      new OptionError(
        'backtest',
        'k',
        "backtest: option 'k' must be an array of at least one list length (e.g. [50, 100, '1%']), got an array of 0.",
      ),
    );
  });

  it("a ranker without a name is refused (it read 'undefined' in every table)", () => {
    const nameless = { rank: randomRanker().rank } as unknown as Ranker;
    expect(() => backtest(data, { cuts: 1, rankers: [nameless] })).toThrow(
      new OptionError(
        'backtest',
        'rankers',
        "backtest: option 'rankers' must be an array whose every item is a ranker: an object with a non-empty name and a rank function (item 0 is not), got an array of 1.",
      ),
    );
  });

  it('an exit row whose date is not a date is an OptionError, in the fit too (it was a RangeError)', () => {
    const exits = [{ person_id: 'P-000001', from: '2018-01-05', to: 'soon' }];
    const e = (() => {
      try {
        backtest(data, { cuts: 1, rankers, exits });
      } catch (x) {
        return x;
      }
    })() as OptionError;
    expect(e).toBeInstanceOf(OptionError);
    expect([e.fn, e.option, e.message]).toEqual([
      'backtest',
      'exits',
      'backtest exits row 1: to "soon" is not a date (YYYY-MM-DD; an empty to: still out)',
    ]);
    expect(() => fitNetworkHawkes(data, { exits })).toThrow(
      new OptionError(
        'fitNetworkHawkes',
        'exits',
        'fitNetworkHawkes exits row 1: to "soon" is not a date (YYYY-MM-DD; an empty to: still out)',
      ),
    );
  });

  it('one cut that would start before the records says one cut, not "1 cuts … apart"', () => {
    expect(() => backtest(data, { cuts: 1, rankers, asOf: '2018-02-01' })).toThrow(
      new DataRefusedError(
        'too-little-history',
        'backtest refused: one cut, a whole horizon (90 days) before the end, would start on 2017-11-03, before any record (the records run from 2018-01-01 to 2018-01-31); no cut fits: a cut needs records before it and a whole horizon after it, and the 31 days from the first record to asOf 2018-02-01 are no more than one horizon; give a shorter horizonDays.',
      ),
    );
  });
});
