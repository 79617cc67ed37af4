import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';

describe('createRng', () => {
  it('createRng(seed) gives the same stream for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 100; i++) expect(a.random()).toBe(b.random());
  });

  it('nearby seeds start on uncorrelated streams (first uniforms spread over [0, 1))', () => {
    // With the seed put into the state as is, the first uniform is ≈ 1 for every small seed.
    const first = Array.from({ length: 200 }, (_, s) => createRng(s + 1).random());
    const mean = first.reduce((x, y) => x + y, 0) / first.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.06); // 3 standard errors of U(0,1) with n = 200
    const below = first.filter((u) => u < 0.5).length;
    expect(below).toBeGreaterThan(70);
    expect(below).toBeLessThan(130);
    // Lag-0 correlation between the streams of seeds s and s+1 over their first 1000 draws.
    const a = createRng(1);
    const b = createRng(2);
    let sxy = 0;
    for (let i = 0; i < 1000; i++) sxy += (a.random() - 0.5) * (b.random() - 0.5);
    expect(Math.abs(sxy / 1000 / (1 / 12))).toBeLessThan(0.1);
  });

  it('poisson(mean) and exponential(rate) have the right means', () => {
    const r = createRng(7);
    let p = 0;
    let e = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      p += r.poisson(3);
      e += r.exponential(0.5);
    }
    expect(p / n).toBeCloseTo(3, 1); // sd of mean 0.012
    expect(e / n).toBeGreaterThan(1.95); // mean 2, sd of mean 0.014
    expect(e / n).toBeLessThan(2.05);
  });
});
