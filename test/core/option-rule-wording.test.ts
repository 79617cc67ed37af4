import { describe, expect, it } from 'vitest';
import { checkOptions, type OptionRule, rule } from '../../src/core/options.js';

// Every kind of shared option rule, with what it says of one value and of an array of them.
const kinds: [string, OptionRule, string, string][] = [
  ['number', rule.number(), 'a number', 'an array of numbers'],
  [
    'whole number in a range',
    rule.number({ integer: true, min: 0, max: 4 }),
    'a whole number ≥ 0 and ≤ 4',
    'an array of whole numbers ≥ 0 and ≤ 4',
  ],
  ['number above', rule.number({ above: 0 }), 'a number > 0', 'an array of numbers > 0'],
  ['boolean', rule.boolean, 'true or false', 'an array whose every item is true or false'],
  ['string', rule.string(), 'a string', 'an array of strings'],
  ['non-empty string', rule.string(true), 'a non-empty string', 'an array of non-empty strings'],
  [
    'oneOf',
    rule.oneOf(['victim', 'offender']),
    "one of 'victim', 'offender'",
    "an array whose every item is one of 'victim', 'offender'",
  ],
  [
    'date',
    rule.date,
    'a date (ISO text, a Date, or days since 1970-01-01)',
    'an array of dates (ISO text, a Date, or days since 1970-01-01)',
  ],
  ['function', rule.func, 'a function', 'an array of functions'],
  ['record', rule.record(), 'an object', 'an array of objects'],
  [
    'or',
    rule.or(rule.string(true), rule.number({ integer: true })),
    'a non-empty string, or a whole number',
    'an array of non-empty strings or whole numbers',
  ],
  [
    'array of numbers',
    rule.array(rule.number()),
    'an array of numbers',
    'an array of arrays of numbers',
  ],
];

describe('shared option rules read as English', () => {
  it.each(kinds)('%s: one value and an array of them', (_, r, one, many) => {
    expect(() => checkOptions('demo', { x: Symbol('bad') }, { x: r })).toThrow(
      `demo: option 'x' must be ${one}, got Symbol(bad).`,
    );
    expect(() => checkOptions('demo', { x: 5 }, { x: rule.array(r) })).toThrow(
      `demo: option 'x' must be ${many}, got 5.`,
    );
    // Never "an array of a date" / "an array of an object".
    expect(many).not.toMatch(/\bof an? /);
  });

  it('an item described with a colon is not made plural across it', () => {
    // It read "an array of ranker: an objects with a non-empty name and a rank function"
    // (backtest's rankers).
    const ranker = (v: unknown) =>
      typeof v === 'object' ? undefined : 'a ranker: an object with a name and a rank function';
    expect(() => checkOptions('demo', { x: 'x' }, { x: rule.array(ranker) })).toThrow(
      "demo: option 'x' must be an array whose every item is a ranker: an object with a name and a rank function, got 'x'.",
    );
  });

  it('an array of any value, and of arrays of any value', () => {
    expect(rule.array()(5)).toBe('an array');
    expect(rule.array(rule.array())(5)).toBe('an array of arrays');
  });
});
