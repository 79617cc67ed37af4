import { describe, expect, it } from 'vitest';
import { hawkesInference } from '../../../src/contagion/hawkes/index.js';
import { fiveIncidents, refusal } from '../../helpers.js';

/**
 * hawkesInference's fit with an empty outcome window named the options as fitNetworkHawkes'
 * ("(since, outcomeSince or the first record), on or after asOf …; give since and outcomeSince
 * before asOf"), which the user gave as fit.since, fit.outcomeSince and fit.asOf.
 */
describe('hawkesInference with an empty outcome window names the options under fit', () => {
  it('an outcomeSince after asOf', () => {
    const e = refusal(() =>
      hawkesInference(fiveIncidents(), {
        replicates: 2,
        nullReplicates: 0,
        placeboReplicates: 0,
        fit: { asOf: '2023-04-01', outcomeSince: '2023-05-01' },
      }),
    );
    expect(e.code).toBe('no-events');
    expect(e.message).toBe(
      'hawkesInference: the outcome window is empty: it starts on 2023-05-01 (fit.since, fit.outcomeSince or the first record), on or after fit.asOf 2023-04-01; give fit.since and fit.outcomeSince before fit.asOf',
    );
  });
});
