import { describe, expect, it } from 'vitest';
import { delayFigure } from '../../src/cli/commands/demo.js';

describe("the demo's summary figures", () => {
  it('a mean delay under a day reads "under 1 day", not "0" (no delay at all)', () => {
    // Before: toFixed(0) printed a fitted 0.4-day delay as '0 (8)'.
    expect(delayFigure(0.4, 8)).toBe('under 1 day (8 days)');
    expect(delayFigure(12.6, 1)).toBe('13 days (1 day)');
    expect(delayFigure(undefined, 125)).toBe('n/a, not identified (125 days)');
    expect(delayFigure(3, undefined)).toBe('3 days (n/a)');
  });
});
