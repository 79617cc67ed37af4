import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { backtest } from '../../src/outreach/backtest.js';
import { degreeRanker } from '../../src/outreach/degree-ranker.js';
import { randomRanker } from '../../src/outreach/random-ranker.js';
import { synthCity } from '../../src/synth/city.js';

describe('backtest cut dates given by hand', () => {
  const { data } = synthCity({ people: 300, seed: 3 });
  const rankers = [randomRanker(), degreeRanker()];

  it('refuses the same date twice (it would count twice in every mean and interval)', () => {
    // Before: "2 cuts from 2023-01-01 to 2023-01-01", the one cut weighing double.
    expect(() =>
      backtest(data, { cuts: ['2023-01-01', new Date(Date.UTC(2023, 0, 1))], rankers }),
    ).toThrow(
      new OptionError(
        'backtest',
        'cuts',
        "backtest: option 'cuts' holds the same date twice, 2023-01-01 (items 0 and 1); each cut would count twice in the means and intervals: give each date once",
      ),
    );
  });

  it('takes cut dates in date order, whatever order they are given in', () => {
    const a = backtest(data, { cuts: ['2023-06-01', '2023-01-01'], rankers });
    const b = backtest(data, { cuts: ['2023-01-01', '2023-06-01'], rankers });
    // Before: the summary read "2 cuts from 2023-06-01 to 2023-01-01".
    expect(a.summary).toContain('2 cuts from 2023-01-01 to 2023-06-01');
    expect(a.table.objects()).toEqual(b.table.objects());
  });

  it('with an asOf after the last record, warns of horizons running past it (a stale extract)', () => {
    // The records end on 2023-12-31; a report as of 2024-03-01 backtests with that asOf.
    const late = backtest(data, { cuts: 2, rankers, asOf: '2024-03-01' });
    // Before: none, as if nobody had been harmed in January and February 2024.
    expect(late.warnings).toContain(
      'The 90-day horizon after cut 2023-12-02 runs past the last record (2023-12-31): victimisations after it are not in the data, so recall and precision there may be too low.',
    );
    // Records up to asOf: complete, no warning.
    expect(backtest(data, { cuts: 2, rankers, asOf: '2024-01-01' }).warnings).toEqual([]);
    // An extract a few days behind its asOf (up to a tenth of the horizon): no warning on every
    // report for days that change nothing (it fired at 2 days of a 90-day horizon).
    expect(backtest(data, { cuts: 2, rankers, asOf: '2024-01-03' }).warnings).toEqual([]);
    expect(backtest(data, { cuts: 2, rankers, asOf: '2024-01-10' }).warnings).toEqual([]);
    expect(backtest(data, { cuts: 2, rankers, asOf: '2024-01-11' }).warnings).toHaveLength(1);
  });
});
