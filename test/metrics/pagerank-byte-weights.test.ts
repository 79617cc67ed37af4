import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../src/graph/csr.js';
import { pagerank } from '../../src/metrics/index.js';

/**
 * PageRank by networkx's power iteration on a dense matrix, run to a fixed point: an oracle that
 * shares no code with the kernel. Ties `[u, v, w]`; undirected ties walk both ways.
 */
function oracle(n: number, ties: [number, number, number][], directed: boolean): number[] {
  const w = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [u, v, x] of ties) {
    w[u][v] += x;
    if (!directed) w[v][u] += x;
  }
  const out = w.map((row) => row.reduce((a, b) => a + b, 0));
  let x = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < 5000; it++) {
    const dangling = x.reduce((a, xu, u) => a + (out[u] === 0 ? xu : 0), 0);
    const y = new Array<number>(n).fill(0);
    for (let v = 0; v < n; v++) {
      let s = 0;
      for (let u = 0; u < n; u++) if (out[u] > 0) s += (x[u] * w[u][v]) / out[u];
      y[v] = 0.85 * (s + dangling / n) + 0.15 / n;
    }
    x = y;
  }
  return x;
}

function ranks(n: number, ties: [number, number, number][], directed = false): number[] {
  const ids = Array.from({ length: n }, (_, i) => `p${i}`);
  const csr = csrFromArrays(
    ids,
    ties.map((t) => t[0]),
    ties.map((t) => t[1]),
    ties.map((t) => t[2]),
    { directed },
  );
  const r = pagerank(csr, { weight: 'weight' });
  return ids.map((id) => r[id]);
}

// A triangle with a tail and a pendant pair: every person's share depends on every weight.
const shape = (a: number, b: number, c: number): [number, number, number][] => [
  [0, 1, a],
  [1, 2, 1],
  [2, 0, b],
  [2, 3, c],
  [3, 4, 1],
  [4, 5, 2],
];

describe('pagerank on whole-number weights of 0 to 255 (read as bytes in the sweeps)', () => {
  // The sweeps read weights that are all whole numbers from 0 to 255 as bytes (exact), others as
  // doubles: a byte kept for 256 (0) or 2.5 (2) would move every share.
  it.each([
    ['whole, up to 255', shape(255, 3, 7)],
    ['a tie of weight 0', shape(0, 3, 7)],
    ['one weight of 256', shape(256, 3, 7)],
    ['one weight of 2.5', shape(2.5, 3, 7)],
    ['one weight of 1000.75', shape(1000.75, 255, 1)],
  ])('gives the power iteration’s values: %s', (_name, ties) => {
    const got = ranks(6, ties);
    const want = oracle(6, ties, false);
    for (let i = 0; i < 6; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12);
  });

  it('reads the in-weights of a directed snapshot', () => {
    // 5 has no outgoing tie (dangling); the weights into each person differ from theirs out.
    const ties: [number, number, number][] = [
      [0, 1, 200],
      [1, 2, 1],
      [2, 0, 3],
      [2, 3, 255],
      [3, 4, 9],
      [4, 5, 2],
      [1, 5, 40],
    ];
    for (const t of [ties, ties.map(([u, v, w]): [number, number, number] => [u, v, w + 0.5])]) {
      const got = ranks(6, t, true);
      const want = oracle(6, t, true);
      for (let i = 0; i < 6; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12);
    }
  });
});
