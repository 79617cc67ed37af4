import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../src/core/plural.js';

describe('count(n, one, many)', () => {
  it('writes the number, then the singular for exactly 1 and the plural for any other number', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.double({ noNaN: true })),
        fc.stringMatching(/^[a-z]{1,12}$/),
        (n, noun) => {
          const text = count(n, noun, `${noun}-many`);
          expect(text).toBe(`${n} ${n === 1 ? noun : `${noun}-many`}`);
          // The default plural adds an 's'.
          expect(count(n, noun)).toBe(`${n} ${noun}${n === 1 ? '' : 's'}`);
        },
      ),
    );
    expect([count(1, 'person', 'people'), count(0, 'person', 'people'), count(2, 'day')]).toEqual([
      '1 person',
      '0 people',
      '2 days',
    ]);
  });
});
