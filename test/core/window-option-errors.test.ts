import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { indexDataset } from '../../src/core/dataset-index.js';
import { OptionError } from '../../src/core/errors.js';
import { resolveWindow } from '../../src/core/window.js';
import { fiveIncidents } from '../helpers.js';

function optionError(f: () => unknown): OptionError {
  try {
    f();
  } catch (e) {
    if (e instanceof OptionError) return e;
    throw e;
  }
  throw new Error('expected an OptionError');
}

describe('resolveWindow and the fit name the function and option of a bad window value', () => {
  const index = indexDataset(fiveIncidents());

  it('retentionYears that is not a number of years > 0: an OptionError, not a plain RangeError', () => {
    // Before: RangeError 'retentionYears must be a positive number', naming no function.
    for (const [v, got] of [
      [0, '0'],
      [-1, '-1'],
      [Number.NaN, 'NaN'],
      ['6', '"6" (string)'],
    ] as const) {
      const e = optionError(() =>
        resolveWindow(index, { retentionYears: v as number, fn: 'coOffendingGraph' }),
      );
      expect([e.fn, e.option]).toEqual(['coOffendingGraph', 'retentionYears']);
      expect(e.message).toBe(
        `coOffendingGraph: option 'retentionYears' must be a number of years > 0 (Infinity keeps all), got ${got}.`,
      );
    }
    expect(resolveWindow(index, { retentionYears: Number.POSITIVE_INFINITY }).lo).toBe(0);
  });

  it("fitNetworkHawkes' outcomeSince that is not a date: an OptionError naming the function, as asOf and since", () => {
    // Before: RangeError "outcomeSince 'soon' is not a valid date: …", naming no function.
    const e = optionError(() =>
      fitNetworkHawkes(fiveIncidents(), { asOf: '2023-06-01', outcomeSince: 'soon' }),
    );
    expect([e.fn, e.option]).toEqual(['fitNetworkHawkes', 'outcomeSince']);
    expect(e.message).toMatch(
      /^fitNetworkHawkes: outcomeSince 'soon' is not a valid date: expected/,
    );
  });
});
