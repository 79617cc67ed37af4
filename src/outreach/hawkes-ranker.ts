import {
  fitNetworkHawkes,
  fitNetworkHawkesForRanking,
  NETWORK_HAWKES_RULES,
} from '../contagion/hawkes/fit.js';
import type { NetworkHawkesOptions } from '../contagion/hawkes/types.js';
import { checkOptions, type OptionRules } from '../core/options.js';
import { modelRanker } from './model-ranker.js';
import type { Ranker } from './ranker.js';

const RULES: OptionRules<NetworkHawkesOptions> = {
  ...NETWORK_HAWKES_RULES,
  asOf: () => 'set by the backtest at each cut (leave it out)',
};

/**
 * The network Hawkes model, fitted at each cut on the past only (`fitNetworkHawkes` with
 * `asOf` = the cut and the backtest's `retentionYears` unless `options` set their own; standard
 * errors are skipped, as ranking does not need them). Options are `fitNetworkHawkes`'s, checked
 * when the ranker is made (a misspelt one is named at once, not at the first cut). A fit at a cut
 * that is explosive (branching ratio ≥ 1) and not identified is refused there (code
 * `not-identified`, `too-little-history` with `cuts: n`), as `planRanker` and `rankForOutreach`
 * refuse it.
 *
 * @example
 * backtest(data, { cuts: 12, rankers: [victimisedAssociatesRanker(), hawkesRanker()] });
 */
export function hawkesRanker(options: Omit<NetworkHawkesOptions, 'asOf'> = {}): Ranker {
  options = checkOptions('hawkesRanker', options, RULES);
  return modelRanker('network hawkes', ({ data, asOf, retentionYears }) =>
    fitNetworkHawkesForRanking(data, { standardErrors: false, retentionYears, ...options, asOf }),
  );
}

/** Defaults: those of `fitNetworkHawkes`, with `standardErrors: false`. */
hawkesRanker.defaults = Object.freeze({ ...fitNetworkHawkes.defaults, standardErrors: false });
