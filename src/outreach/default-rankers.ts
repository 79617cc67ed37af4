import type { NetworkHawkesOptions } from '../contagion/hawkes/types.js';
import { checkOptions, rule } from '../core/options.js';
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
 * `rankers: defaultRankers()` to include it. `options.model`: the model's fit options at each
 * cut, as `hawkesRanker` takes them (e.g. `{ victimOffenderTies: 'sides' }`, what
 * `backtest --victim-offender-ties sides` compares); default none, `fitNetworkHawkes`' defaults.
 *
 * @example
 * backtest(data, { cuts: 6, rankers: [...defaultRankers(), myRanker] });
 */
export function defaultRankers(
  options: {
    /** Fit options of the network contagion model at each cut (`hawkesRanker`'s). Default `{}`. */
    model?: Omit<NetworkHawkesOptions, 'asOf'>;
  } = {},
): Ranker[] {
  const o = checkOptions('defaultRankers', options, { model: rule.record() });
  return [
    randomRanker(),
    priorVictimisationsRanker(),
    degreeRanker(),
    victimisedAssociatesRanker(),
    exposureRanker(),
    hawkesRanker(o.model ?? {}),
  ];
}
