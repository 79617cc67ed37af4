import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/outreach/backtest.js';
import { defaultRankers } from '../../src/outreach/default-rankers.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { synthCity } from '../../src/synth/city.js';

/**
 * defaultRankers' TSDoc said they were what a backtest compares by default, but backtest()
 * without rankers leaves out the model: the docs now say what each compares, and this holds them.
 */
describe('defaultRankers and backtest’s default', () => {
  it('backtest() compares defaultRankers() without the network contagion model', () => {
    const { data } = synthCity({ people: 200, seed: 2, years: 2 });
    const r = backtest(data, { cuts: 1 });
    const used = [...new Set(r.scores.array('ranker') as string[])];
    const model = hawkesRanker().name;
    expect(defaultRankers().map((x) => x.name)).toContain(model);
    expect(used).toEqual(
      defaultRankers()
        .map((x) => x.name)
        .filter((n) => n !== model),
    );
  });
});
