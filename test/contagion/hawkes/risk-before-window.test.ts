import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes, simulateNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { InputError, OptionError } from '../../../src/core/errors.js';
import { synthCity } from '../../../src/synth/index.js';

describe('model.risk before the window the model was fitted on', () => {
  const { data } = synthCity({ seed: 3, people: 300 });
  const model = fitNetworkHawkes(data, { asOf: '2023-01-01', standardErrors: false });

  it('is refused in plain words naming the window, not 0 for everyone', () => {
    expect(model.diagnostics.since).toBe('2018-01-01');
    // Before: 0 expected events for each of the city's people, without a word (the model has
    // nobody at risk before its window), while from 2018-01-01 on they summed to 0.1 or more.
    let e: unknown;
    try {
      model.risk(undefined, { from: '2010-01-01', horizonDays: 90 });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(OptionError);
    expect((e as Error).message).toBe(
      'model.risk: from 2010-01-01 is before the window the model was fitted on (from 2018-01-01 up to its asOf 2023-01-01): nobody is at risk in the model before 2018-01-01, so every forecast would be 0. Give a from on or after 2018-01-01, or fit the model on a window that holds it.',
    );
    // A horizon that starts a day early is refused too (its first day has nobody at risk); its
    // forecasts would not be 0, as the refusal said, but short of that day.
    expect(() => model.risk(['P-000001'], { from: '2017-12-31', horizonDays: 90 })).toThrow(
      'model.risk: from 2017-12-31 is before the window the model was fitted on (from 2018-01-01 up to its asOf 2023-01-01): nobody is at risk in the model before 2018-01-01, so every forecast would leave out the 1 day of the horizon before it. Give a from',
    );
    expect(() => model.risk(['P-000001'], { from: '2017-12-01', horizonDays: 31 })).toThrow(
      'so every forecast would be 0.',
    );
    expect(() => model.risk(['P-000001'], { from: '2017-12-01', horizonDays: 90 })).toThrow(
      'so every forecast would leave out the 31 days of the horizon before it.',
    );
  });

  it('from the window start on, forecasts are given as before', () => {
    const r = model.risk(undefined, { from: '2018-01-01', horizonDays: 90 });
    expect(r.reduce((s, x) => s + x.expected, 0)).toBeGreaterThan(0);
  });

  it('model.intensity and intensityDecomposed refuse a time before the window too', () => {
    // Before: 0 for everyone (out of the model's risk set), as risk's forecasts were.
    const message =
      'model.intensity: 2010-01-01 is before the window the model was fitted on (from 2018-01-01 up to its asOf 2023-01-01): nobody is at risk in the model before 2018-01-01, so the intensity would be 0. Ask for a time on or after 2018-01-01.';
    expect(() => model.intensity('P-000001', '2010-01-01')).toThrow(message);
    expect(() => model.intensityDecomposed('P-000001', '2010-01-01')).toThrow(
      message.replace('model.intensity:', 'model.intensityDecomposed:'),
    );
    expect(model.intensity('P-000001', '2022-06-01')).toBeGreaterThanOrEqual(0);
  });

  it("names the function the user called: intensityDecomposed's refusals said model.intensity", () => {
    const refusal = (f: () => unknown): InputError => {
      try {
        f();
      } catch (e) {
        if (e instanceof InputError) return e;
        throw e;
      }
      throw new Error('expected an InputError');
    };
    for (const [f, fn] of [
      [() => model.intensityDecomposed('P-000001', '2010-01-01'), 'model.intensityDecomposed'],
      [
        () => model.intensityDecomposed(7 as unknown as string, '2022-06-01'),
        'model.intensityDecomposed',
      ],
      [() => model.intensity('P-000001', '2010-01-01'), 'model.intensity'],
      [() => model.intensity(7 as unknown as string, '2022-06-01'), 'model.intensity'],
    ] as const) {
      const e = refusal(f);
      expect(e.fn).toBe(fn);
      expect(e.message.startsWith(`${fn}: `)).toBe(true);
    }
  });

  it('simulateNetworkHawkes refuses a from before the window too', () => {
    // Before: { mean: 0, lo: 0, hi: 0 } events over 20 runs, without a word.
    expect(() =>
      simulateNetworkHawkes(model, { from: '2010-01-01', days: 90, seed: 1, runs: 2 }),
    ).toThrow(
      'simulateNetworkHawkes: from 2010-01-01 is before the window the model was fitted on (from 2018-01-01 up to its asOf 2023-01-01): nobody is at risk in the model before 2018-01-01, so no event would be simulated there. Give a from on or after 2018-01-01.',
    );
    expect(
      simulateNetworkHawkes(model, { from: '2018-01-01', days: 90, seed: 1, runs: 2 }).events.mean,
    ).toBeGreaterThanOrEqual(0);
  });

  // Before: RangeErrors naming neither the function nor the option's form ("from 'soon' is not a
  // valid date", "runSeeds must list at least one seed").
  it('simulateNetworkHawkes names itself and the option of a bad from or an empty runSeeds', () => {
    expect(() => simulateNetworkHawkes(model, { from: 'soon', days: 90, runs: 2 })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        fn: 'simulateNetworkHawkes',
        option: 'from',
        message:
          "simulateNetworkHawkes: option 'from' ('soon') is not a valid date; give an ISO date (YYYY-MM-DD), a Date, or days since 1970-01-01",
      }),
    );
    expect(() => simulateNetworkHawkes(model, { days: 90, runSeeds: [] })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        fn: 'simulateNetworkHawkes',
        option: 'runSeeds',
        message:
          "simulateNetworkHawkes: option 'runSeeds' must list at least one seed, got an empty array",
      }),
    );
  });
});
