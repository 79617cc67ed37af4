import { hawkesRanker } from './hawkes-ranker.js';
import {
  degreeRanker,
  exposureRanker,
  priorVictimisationsRanker,
  type Ranker,
  randomRanker,
  victimisedAssociatesRanker,
} from './rankers.js';

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
