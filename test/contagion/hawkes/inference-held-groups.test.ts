import { describe, expect, it } from 'vitest';
import {
  boundaryRun,
  fitCovariates,
  fitGroups,
  refitNetworkHawkes,
} from '../../../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes, hawkesInference } from '../../../src/contagion/hawkes/index.js';
import { indexWithRewiredTies } from '../../../src/contagion/hawkes/replicate-data.js';
import { createRng } from '../../../src/core/rng.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';

/**
 * The no-contagion test's refits hold the groups of the test's fit to the records (inference.ts:
 * `groups: fitGroups(ctx.model)`), asserted through a hawkesInference run: a rewired-ties
 * replicate swaps co-offenders, and Louvain on its ties would find other groups, so another
 * group covariate and another likelihood. Small city (hot periods, no contagion, seed 11, 600
 * people), 2 rewired replicates, the default testFit (the group covariate over 90 days).
 */
const { data } = synthCity(
  misspecifiedWorld('hot-periods', { seed: 11, people: 600, contagion: false }),
);

describe("hawkesInference's rewired refits hold the records' groups", () => {
  it("each rewired row is the refit with the test fit's groups, not with its own Louvain groups", () => {
    const inf = hawkesInference(data, {
      replicates: 0,
      nullReplicates: 2,
      nullReference: 'rewired-ties',
      placeboReplicates: 0,
      kernelCheck: false,
    });
    expect(inf.noContagionTest!.groupEventDays).toBe(90);
    const rows = inf.replicates
      .objects()
      .filter((r) => (r as { kind: string }).kind === 'rewired') as {
      seed: number;
      log_lik: number;
      error: string;
    }[];
    expect(rows.map((r) => r.error)).toEqual(['', '']);
    // The test's fit to the records (testFit over fit: no standard errors or frailty), and the
    // refit of each row's rewired records as the run makes it, with and without held groups.
    const test = fitNetworkHawkes(data, {
      groupEventDays: 90,
      standardErrors: false,
      frailty: false,
    });
    const groups = fitGroups(test)!;
    const o = {
      groupEventDays: 90,
      asOf: test.diagnostics.asOf,
      standardErrors: false,
      frailty: false,
    };
    const how = {
      covariates: fitCovariates(test),
      boundaryStart: boundaryRun(test)?.params,
      withoutSeRule: true,
    };
    let apart = 0;
    for (const r of rows) {
      const rewired = indexWithRewiredTies(test, createRng(r.seed), { victimOffender: false });
      const held = refitNetworkHawkes(rewired, o, { ...how, groups }).logLikelihood;
      const own = refitNetworkHawkes(rewired, o, how).logLikelihood;
      expect(r.log_lik).toBeCloseTo(held, 6);
      apart = Math.max(apart, Math.abs(own - held));
    }
    // Groups found on the rewired ties give another fit (0.05 and 0.15 log-likelihood units
    // here), so a row refitted with them fails the match above.
    expect(apart).toBeGreaterThan(0.01);
  });
});
