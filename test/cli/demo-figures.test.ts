import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { delayFigure, topOfList } from '../../src/cli/commands/demo.js';

describe("the demo's summary figures", () => {
  it('a mean delay under a day reads "under 1 day", not "0" (no delay at all)', () => {
    // Before: toFixed(0) printed a fitted 0.4-day delay as '0 (8)'.
    expect(delayFigure(0.4, 8)).toBe('under 1 day (8 days)');
    expect(delayFigure(12.6, 1)).toBe('13 days (1 day)');
    expect(delayFigure(undefined, 125)).toBe('n/a, not identified (125 days)');
    expect(delayFigure(3, undefined)).toBe('3 days (n/a)');
  });
});

describe("the demo's top of the list", () => {
  it('marks a shared rank "1=" as the report does, also when the tie runs past the rows shown', () => {
    // Before: ranks 1, 1, 3, 4, 5 with nothing saying the first two (or the fifth and sixth) tie.
    const list = aq.table({
      rank: [1, 1, 3, 4, 5, 5, 7],
      person_id: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      score: [0.5, 0.5, 0.4, 0.3, 0.2, 0.2, 0.1],
      explanation: ['x', 'x', 'x', 'x', 'x', 'x', 'x'],
    });
    const top = topOfList(list, 5);
    expect(top.map((r) => r.rank)).toEqual(['1=', '1=', '3', '4', '5=']);
    expect(top[0]).toEqual({ rank: '1=', person: 'a', score: '0.500', why: 'x' });
  });
});
