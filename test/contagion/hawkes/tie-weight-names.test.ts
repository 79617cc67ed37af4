import { describe, expect, it } from 'vitest';
import {
  fitNetworkHawkes,
  hawkesInference,
  networkHawkesLogLikelihood,
} from '../../../src/contagion/hawkes/index.js';
import { OptionError } from '../../../src/core/errors.js';
import { backtest, hawkesRanker, planRanker } from '../../../src/outreach/index.js';
import { synthCity } from '../../../src/synth/index.js';
import { makeDataset } from '../../helpers.js';

/** The OptionError `f` throws. */
function optionError(f: () => unknown): OptionError {
  try {
    f();
  } catch (e) {
    if (e instanceof OptionError) return e;
    throw e;
  }
  throw new Error('expected an OptionError, got an answer');
}

const quick = { replicates: 2, nullReplicates: 0, placeboReplicates: 0 };
const MUST = "it must return a finite number ≥ 0 (a tie's strength g; 0 for no excitation)";

/**
 * A tieWeight function that threw passed its own exception through, unnamed ("boom"), and one
 * that returned NaN, a negative or text was refused in the name of fitNetworkHawkes whatever the
 * user called (hawkesInference's fit, a ranker's, networkHawkesLogLikelihood), and so were the
 * refits hawkesInference runs: each names the function called and the option as written.
 */
describe('a bad tieWeight function names the function the user called', () => {
  const { data } = synthCity({ people: 400, seed: 3 });

  it('fitNetworkHawkes: one that throws is an OptionError carrying the exception', () => {
    const boom = new Error('boom');
    const e = optionError(() =>
      fitNetworkHawkes(data, {
        tieWeight: () => {
          throw boom;
        },
      }),
    );
    expect(e.message).toBe(
      "fitNetworkHawkes: option 'tieWeight' threw for 1 shared offence (boom); it must return a finite number ≥ 0 for every count (a tie's strength g; 0 for no excitation)",
    );
    expect([e.fn, e.option, e.cause]).toEqual(['fitNetworkHawkes', 'tieWeight', boom]);
  });

  it("hawkesInference names 'fit.tieWeight'", () => {
    const e = optionError(() =>
      hawkesInference(data, { ...quick, fit: { tieWeight: () => Number.NaN } }),
    );
    expect(e.message).toBe(
      `hawkesInference: option 'fit.tieWeight' returned NaN for 1 shared offence; ${MUST}`,
    );
    expect([e.fn, e.option]).toEqual(['hawkesInference', 'fit.tieWeight']);
  });

  it('networkHawkesLogLikelihood names itself', () => {
    const e = optionError(() =>
      networkHawkesLogLikelihood(data, {}, { tieWeight: (c) => (c > 1 ? -1 : 1) }),
    );
    expect(e.message).toBe(
      `networkHawkesLogLikelihood: option 'tieWeight' returned -1 for 2 shared offences; ${MUST}`,
    );
  });

  it("the rankers name themselves, planRanker 'model.tieWeight'", () => {
    const text = (() => 'x') as unknown as (c: number) => number;
    expect(
      optionError(() => backtest(data, { cuts: 1, rankers: [hawkesRanker({ tieWeight: text })] }))
        .message,
    ).toBe(`hawkesRanker: option 'tieWeight' returned 'x' (text) for 1 shared offence; ${MUST}`);
    expect(
      optionError(() =>
        backtest(data, { cuts: 1, rankers: [planRanker({ model: { tieWeight: text } })] }),
      ).message,
    ).toBe(
      `planRanker: option 'model.tieWeight' returned 'x' (text) for 1 shared offence; ${MUST}`,
    );
  });

  it("hawkesInference's refits name it too", () => {
    // Good for the fit to the records, NaN from then on: what the refits meet.
    let calls = 0;
    let limit = Number.POSITIVE_INFINITY;
    const tieWeight = (c: number) => (++calls > limit ? Number.NaN : c);
    fitNetworkHawkes(data, { tieWeight });
    limit = calls;
    calls = 0;
    // The bootstrap refits, refused, are counted in a warning.
    const r = hawkesInference(data, { ...quick, fit: { tieWeight } });
    expect(r.warnings).toContain(
      `All 2 replicate fits were refused or failed (first: hawkesInference: option 'fit.tieWeight' returned NaN for 1 shared offence; ${MUST}), so no figure here rests on a refit: no interval, no-contagion test or placebo is given.`,
    );
    // The α = 0 refit of the no-contagion test throws.
    calls = 0;
    const e = optionError(() =>
      hawkesInference(data, { ...quick, nullReplicates: 1, fit: { tieWeight } }),
    );
    expect(e.message).toBe(
      `hawkesInference: option 'fit.tieWeight' returned NaN for 1 shared offence; ${MUST}`,
    );
  });
});

describe('the fit checks a tieWeight function at every count its ties reach', () => {
  it('a fault at a count no event reaches is found by the fit, not by model.risk later', () => {
    // A and B share a second offence after the last event: the fit's likelihood never asks for
    // g(2), a forecast from asOf does. The fit used to return (α = 0 here) with a NaN weight kept.
    const data = makeDataset([
      ['I1', '2023-01-10', 1, ['A', 'B'], []],
      ['I2', '2023-02-10', 3, ['C'], ['A']],
      ['I3', '2023-03-10', 1, ['B', 'D'], []],
      ['I4', '2023-04-10', 3, ['E'], ['B']],
      ['I5', '2023-05-10', 1, ['A', 'B'], []],
    ]);
    const e = optionError(() =>
      fitNetworkHawkes(data, { asOf: '2023-06-01', tieWeight: (c) => (c >= 2 ? Number.NaN : 1) }),
    );
    expect(e.message).toBe(
      `fitNetworkHawkes: option 'tieWeight' returned NaN for 2 shared offences; ${MUST}`,
    );
  });
});
