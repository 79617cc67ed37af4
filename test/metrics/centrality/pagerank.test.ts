import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../../src/graph/csr.js';
import { pagerank } from '../../../src/metrics/index.js';

/**
 * networkx's power iteration written out plainly (pagerank_python, networkx 2.8), run far past
 * convergence: the Gauss–Seidel solver must reach the same fixed point.
 */
function powerReference(
  n: number,
  edges: [number, number, number][],
  directed: boolean,
  alpha: number,
  p: number[] | null,
  d: number[] | null,
): number[] {
  const out: [number, number][][] = Array.from({ length: n }, () => []);
  for (const [u, v, w] of edges) {
    if (u === v) continue;
    out[u].push([v, w]);
    if (!directed) out[v].push([u, w]);
  }
  const strength = out.map((l) => l.reduce((a, [, w]) => a + w, 0));
  const pers = p ?? new Array(n).fill(1 / n);
  const dang = d ?? pers;
  let x = new Array(n).fill(1 / n);
  for (let it = 0; it < 5000; it++) {
    const y = new Array(n).fill(0);
    let dsum = 0;
    for (let u = 0; u < n; u++) if (strength[u] === 0) dsum += x[u];
    for (let u = 0; u < n; u++)
      for (const [v, w] of out[u]) y[v] += (alpha * x[u] * w) / strength[u];
    for (let v = 0; v < n; v++) y[v] += alpha * dsum * dang[v] + (1 - alpha) * pers[v];
    x = y;
  }
  return x;
}

const arb = fc.integer({ min: 2, max: 25 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    directed: fc.boolean(),
    alpha: fc.constantFrom(0.5, 0.85, 0.95),
    edges: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 1, max: 5 }),
      ),
      { maxLength: 3 * n },
    ),
    pers: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n })),
    dang: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n })),
  }),
);

const norm = (xs: number[] | null) => {
  if (!xs) return null;
  const s = xs.reduce((a, b) => a + b, 0);
  return s > 0 ? xs.map((x) => x / s) : null;
};

describe('pagerank Gauss–Seidel solver', () => {
  it('reaches networkx power iteration fixed point (directed, dangling, personalised) within its stopping rule', () => {
    fc.assert(
      fc.property(arb, ({ n, directed, alpha, edges, pers, dang }) => {
        const simple = edges.filter(([u, v]) => u !== v);
        const ids = Array.from({ length: n }, (_, i) => `n${i}`);
        const csr = csrFromArrays(
          ids,
          simple.map((e) => e[0]),
          simple.map((e) => e[1]),
          simple.map((e) => e[2]),
          { directed },
        );
        const p = norm(pers);
        const d = norm(dang);
        const record = (xs: number[] | null) =>
          xs ? Object.fromEntries(xs.map((x, i) => [`n${i}`, x])) : undefined;
        const got = pagerank.detailed(csr, {
          alpha,
          personalization: record(p),
          dangling: record(d),
        });
        expect(got.converged).toBe(true);
        const ref = powerReference(n, simple, directed, alpha, p, d);
        // The solver stops once a sweep changes the values by less than n × tolerance (1e-14) in
        // all; the fixed point can then still be α / (1 − α) times that away (19× at α = 0.95:
        // n = 25 with one tie gave 1.05e-12, within it). The reference is the fixed point.
        const bound = 1e-12 + (alpha / (1 - alpha)) * n * 1e-14;
        for (let i = 0; i < n; i++)
          expect(Math.abs(got.centrality[`n${i}`] - ref[i])).toBeLessThan(bound);
      }),
      { numRuns: 150 },
    );
  });
  it('alpha = 1 falls back to the power iteration and still sums to 1', () => {
    const csr = csrFromArrays(['a', 'b', 'c'], [0, 1], [1, 2], null);
    const d = pagerank.detailed(csr, { alpha: 1 });
    const total = Object.values(d.centrality).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
  });
});
