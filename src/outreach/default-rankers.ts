import { degreeRanker } from './degree-ranker.js';
import { exposureRanker } from './exposure-ranker.js';
import { hawkesRanker } from './hawkes-ranker.js';
import { priorVictimisationsRanker } from './prior-victimisations-ranker.js';
import { randomRanker } from './random-ranker.js';
import type { Ranker } from './ranker.js';
import { victimisedAssociatesRanker } from './victimised-associates-ranker.js';

/**
 * The rankers a backtest compares by default: the four baselines (random, prior
 * victimisations, degree, victimised associates), the exposure score and the network contagion
 * model.
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
