import { describe, expect, it } from 'vitest';
import { kernelAdvice } from '../../../src/contagion/hawkes/inference.js';

/**
 * The kernel check's warning points at what the user can do with the kernels there are: an
 * Erlang kernel (chosen by the default 'auto' when it beats the exponential at 1%) for a shape
 * near a whole number ≥ 2, the gamma or histogram kernel below that.
 */
describe('kernel check advice', () => {
  it('a shape near 2 after an explicit exponential fit: auto or erlang', () => {
    const a = kernelAdvice(2.1, { kernel: 'exponential' });
    expect(a).toContain("kernel: 'auto'");
    expect(a).toContain("kernel: 'erlang' } (shape about 2)");
    expect(a).not.toContain("'gamma'");
  });
  it("a shape near 3 after 'auto' kept the exponential: erlang, and why auto did not", () => {
    for (const kernel of ['auto', undefined] as const) {
      const a = kernelAdvice(2.8, { kernel });
      expect(a).toContain("kernel: 'erlang' } (shape about 3");
      expect(a).toContain('did not beat it at 1%');
    }
  });
  it('a shape under 1.5 (no whole shape but 1 is near): gamma or histogram, planOutreach refuses', () => {
    const a = kernelAdvice(0.6, {});
    expect(a).toContain("kernel: 'gamma' } (shape 0.60");
    expect(a).toContain('planOutreach will refuse');
    expect(a).toContain("'histogram'");
    expect(a).not.toContain("'erlang'");
  });
  it('with selfExcitation (exponential only) it says to drop it first', () => {
    expect(kernelAdvice(2, { selfExcitation: true })).toMatch(/^refit without selfExcitation/);
    expect(kernelAdvice(0.7, { selfExcitation: true })).toMatch(/^refit without selfExcitation/);
  });
});
