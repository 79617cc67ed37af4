import { fitNetworkHawkes } from '../contagion/hawkes/fit.js';
import type { NetworkHawkesOptions } from '../contagion/hawkes/types.js';
import { modelRanker, type Ranker } from './rankers.js';

/**
 * The network Hawkes model, fitted at each cut on the past only (`fitNetworkHawkes` with
 * `asOf` = the cut and the backtest's `retentionYears` unless `options` set their own; standard
 * errors are skipped, as ranking does not need them).
 *
 * @example
 * backtest(data, { cuts: 12, rankers: [victimisedAssociatesRanker(), hawkesRanker()] });
 */
export function hawkesRanker(options: Omit<NetworkHawkesOptions, 'asOf'> = {}): Ranker {
  return modelRanker('network hawkes', ({ data, asOf, retentionYears }) =>
    fitNetworkHawkes(data, { standardErrors: false, retentionYears, ...options, asOf }),
  );
}
