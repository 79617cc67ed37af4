import { describe, expect, it } from 'vitest';
import { coOffenderWarning } from '../../../src/contagion/hawkes/fit.js';

describe("the co-offender check's warning", () => {
  it('counts the kernel means in days with their number: 1 day, not 1 days', () => {
    const w = coOffenderWarning(
      21.3,
      4e-6,
      { identified: true, contagionShare: 0.12, meanDays: 1.2 },
      { contagionShare: 0.31, meanDays: 0.7 },
    );
    expect(w).toContain('a share of 12.0% with a kernel mean of 1 day, against');
    expect(w).toContain("against this fit's 31.0% and 1 day: risk rising");
    expect(w).not.toMatch(/\b1 days\b/);
    const many = coOffenderWarning(
      21.3,
      0.0003,
      { identified: false, contagionShare: 0.12, meanDays: 40 },
      { contagionShare: 0.31, meanDays: 63.4 },
    );
    expect(many).toContain('finds a share of 12.0%, not identified, against');
    expect(many).toContain("this fit's 31.0% and 63 days:");
    expect(many).toContain('p = 0.00030');
  });

  it('says under 1 day for a kernel mean below half a day, not 0 days', () => {
    const w = coOffenderWarning(
      21.3,
      4e-6,
      { identified: true, contagionShare: 0.12, meanDays: 0.3 },
      { contagionShare: 0.31, meanDays: 0.45 },
    );
    expect(w).toContain('a share of 12.0% with a kernel mean of under 1 day, against');
    expect(w).toContain("against this fit's 31.0% and under 1 day: risk rising");
    expect(w).not.toMatch(/\b0 days\b/);
  });
});
