import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { checkOptions, closestName, closestOptionName, rule } from '../../src/core/options.js';

interface DemoOptions {
  seasonal?: boolean;
  halfLifeDays?: number;
  roles?: readonly string[];
  mode?: 'a' | 'b';
}
const rules = {
  seasonal: rule.boolean,
  halfLifeDays: rule.number({ above: 0 }),
  roles: rule.array(rule.oneOf(['victim', 'offender'])),
  mode: rule.oneOf(['a', 'b']),
};

describe('checkOptions', () => {
  it('checkOptions(fn, undefined) is an empty options object', () => {
    expect(checkOptions<DemoOptions>('demo', undefined, rules)).toEqual({});
  });

  it('a misspelt option is an OptionError naming it and the closest valid name', () => {
    const call = () => checkOptions<DemoOptions>('demo', { seasonl: true } as DemoOptions, rules);
    expect(call).toThrow(OptionError);
    expect(call).toThrow("demo: unknown option 'seasonl'. Did you mean 'seasonal'?");
  });

  it('a case slip (halfLife for halfLifeDays) still finds the option', () => {
    expect(() =>
      checkOptions<DemoOptions>('demo', { halfLife: 30 } as unknown as DemoOptions, rules),
    ).toThrow("Did you mean 'halfLifeDays'?");
  });

  it('an unrelated name lists the valid options without a wrong guess', () => {
    let err: unknown;
    try {
      checkOptions<DemoOptions>('demo', { zzzzzzzz: 1 } as unknown as DemoOptions, rules);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OptionError);
    expect((err as Error).message).not.toContain('Did you mean');
    expect((err as Error).message).toContain('Valid options: seasonal, halfLifeDays, roles, mode.');
    expect((err as OptionError).option).toBe('zzzzzzzz');
  });

  it('a value of the wrong kind says what was expected and what was given', () => {
    expect(() => checkOptions<DemoOptions>('demo', { halfLifeDays: 0 }, rules)).toThrow(
      "demo: option 'halfLifeDays' must be a number > 0, got 0.",
    );
    expect(() => checkOptions<DemoOptions>('demo', { halfLifeDays: Number.NaN }, rules)).toThrow(
      OptionError,
    );
    expect(() => checkOptions<DemoOptions>('demo', { roles: ['victim', 'x'] }, rules)).toThrow(
      "(item 1, 'x', is not)",
    );
    expect(() => checkOptions<DemoOptions>('demo', { mode: 'c' as 'a' }, rules)).toThrow(
      "must be one of 'a', 'b', got 'c'",
    );
  });

  it('a misspelt value of a list names the closest valid one, in a list or alone', () => {
    // Before: "… must be an array whose every item is one of 'victim', 'offender' (item 1 is not)".
    expect(() =>
      checkOptions<DemoOptions>('demo', { roles: ['victim', 'ofender'] }, rules),
    ).toThrow(
      "demo: option 'roles' must be an array whose every item is one of 'victim', 'offender' (item 1, 'ofender', is not: did you mean 'offender'?), got an array of 2.",
    );
    const kernel = { kernel: rule.oneOf(['exponential', 'gamma']) };
    expect(() => checkOptions('demo', { kernel: 'gama' }, kernel)).toThrow(
      "demo: option 'kernel' must be one of 'exponential', 'gamma' (did you mean 'gamma'?), got 'gama'.",
    );
    // Nothing close, or too short to tell: no suggestion.
    expect(() => checkOptions('demo', { kernel: 'zzzzzz' }, kernel)).toThrow(
      "must be one of 'exponential', 'gamma', got 'zzzzzz'.",
    );
    expect(() => checkOptions<DemoOptions>('demo', { mode: 'c' as 'a' }, rules)).toThrow(
      "must be one of 'a', 'b', got 'c'.",
    );
  });

  it('an option set to undefined means the default and is not checked', () => {
    expect(checkOptions<DemoOptions>('demo', { halfLifeDays: undefined }, rules)).toEqual({
      halfLifeDays: undefined,
    });
  });

  it('a non-object options argument is refused', () => {
    expect(() => checkOptions<DemoOptions>('demo', 5 as unknown as DemoOptions, rules)).toThrow(
      'demo: options must be an object, got 5',
    );
  });

  it('inherited names such as toString are not options', () => {
    expect(() =>
      checkOptions<DemoOptions>('demo', { toString: 1 } as unknown as DemoOptions, rules),
    ).toThrow("unknown option 'toString'");
  });
});

describe('closestName', () => {
  it('closestName(name, candidates) finds swaps, drops and case slips, and nothing for noise', () => {
    const names = ['asOf', 'since', 'retentionYears', 'minSeverity', 'maxLagDays'];
    expect(closestName('asof', names)).toBe('asOf');
    expect(closestName('sinec', names)).toBe('since');
    expect(closestName('minSeverty', names)).toBe('minSeverity');
    expect(closestName('maxLag', names)).toBe('maxLagDays');
    expect(closestName('qqqq', names)).toBeUndefined();
  });
});

describe('closestOptionName: near-synonyms of option names', () => {
  // rankForOutreach's options: `minRecords` got no suggestion (8 edits from minEvidence).
  const rank = ['asOf', 'horizonDays', 'model', 'limit', 'cap', 'weights', 'minEvidence'];

  it('offers the option a near-synonym names', () => {
    expect(closestOptionName('minRecords', rank)).toBe('minEvidence');
    expect(closestOptionName('min_records', rank)).toBe('minEvidence');
    expect(closestOptionName('from', ['since', 'asOf', 'retentionYears'])).toBe('since');
    // fitNetworkHawkes has both `since` (a date) and `start` (start values): 'from' is `since`.
    expect(closestOptionName('from', ['since', 'start', 'asOf'])).toBe('since');
    const given = { minRecords: 3 } as unknown as Record<string, unknown>;
    expect(() => checkOptions('rankForOutreach', given, rulesOf(rank))).toThrow(
      "rankForOutreach: unknown option 'minRecords'. Did you mean 'minEvidence'?",
    );
  });

  it('offers nothing, or the typo, for names that are not synonyms', () => {
    expect(closestOptionName('maxRecords', rank)).toBeUndefined();
    expect(closestOptionName('records', rank)).toBeUndefined();
    expect(closestOptionName('minPeople', rank)).toBeUndefined();
    expect(closestOptionName('seed', rank)).toBeUndefined();
    // A look-back window is not a forecast horizon (exposureRiskModel has windowDays): no synonym.
    expect(closestOptionName('horizonDays', ['windowDays', 'asOf', 'minSeverity'])).toBeUndefined();
    expect(closestOptionName('windowDays', rank)).toBeUndefined();
    expect(closestOptionName('limt', rank)).toBe('limit');
    expect(closestOptionName('horizon', rank)).toBe('horizonDays');
    // A name that is a candidate (in another case) is that candidate, not a synonym's.
    expect(closestOptionName('since', ['from', 'Since'])).toBe('Since');
  });

  it('leaves closestName to typos, for callers with a message of their own for other names', () => {
    // An exits row's 'until' is told it holds a date under another name, not "did you mean 'to'".
    expect(closestName('until', ['person_id', 'from', 'to'])).toBeUndefined();
    expect(closestName('minRecords', rank)).toBeUndefined();
    expect(closestName('limt', rank)).toBe('limit');
  });
});

function rulesOf(names: string[]): Record<string, () => undefined> {
  return Object.fromEntries(names.map((n) => [n, () => undefined]));
}
