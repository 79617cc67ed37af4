import { degreeRanker } from './degree-ranker.js';
import { exposureRanker } from './exposure-ranker.js';
import { hawkesRanker } from './hawkes-ranker.js';
import { priorVictimisationsRanker } from './prior-victimisations-ranker.js';
import { randomRanker } from './random-ranker.js';
import type { Ranker } from './ranker.js';
import { victimisedAssociatesRanker } from './victimised-associates-ranker.js';

/**
 * The rankers `analyse` and the CLI's `backtest` compare by default: the four baselines (random,
 * prior victimisations, degree, victimised associates), the exposure score and the network
 * contagion model (`hawkesRanker()`). `backtest()` called without `rankers` compares the same
 * without the model (fitting it at every cut is most of a backtest's time): pass
 * `rankers: defaultRankers()` to include it.
 *
 * @example
 * backtest(data, { cuts: 6, rankers: [...defaultRankers(), myRanker] });
 */
export function defaultRankers(): Ranker[] {
  return [
    randomRanker(),
    priorVictimisationsRanker(),
    degreeRanker(),
    victimisedAssociatesRanker(),
    exposureRanker(),
    hawkesRanker(),
  ];
}
