import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../src/graph/csr.js';
import { eigenvector, laplacian } from '../../src/metrics/index.js';

// Self-loops given to csrFromArrays, against networkx 3.6.1 (nx.Graph, tol=1e-13):
//   loops on a, b, c                 eigenvector_centrality 0.57735 each (its starting vector);
//                                    eigenvector_centrality_numpy raises AmbiguousSolution;
//                                    laplacian_centrality NaN each; normalized=False 0 each
//   a loop on a of a, b, c           eigenvector_centrality a 1, b and c 1.1e-13; numpy raises
//   loops a 2, b 1 (weight)          eigenvector_centrality a 1, b 4.7e-13, c 4e-34; numpy raises
//   path a–b–c, loop on a            laplacian_centrality a 0.6, b 1, c 0.6 (6, 10, 6)
//   a–b 1, b–c 2, loop a 2 (weight)  laplacian_centrality a 1/3, b 1, c 5/6 (8, 24, 20)
//   path a–b–c, loop d (weight 1)    eigenvector_centrality a 0.5, b 0.70711, c 0.5, d 1.7e-12;
//                                    laplacian_centrality a 0.6, b 1, c 0.6, d 0
//   path a–b–c, loop d 5 (weight)    eigenvector_centrality d 1, a–b–c under 1.1e-13 (the whole
//                                    graph's vector); on the component a–b–c alone 0.5, 0.70711, 0.5
//   a loop of weight 0 on a (weight) eigenvector_centrality 0.57735 each (its starting vector);
//                                    laplacian_centrality raises ZeroDivisionError "graph with no
//                                    edges has zero full energy"; weight=None: the loop counts
//   loops a 0, b 2 (weight)          eigenvector_centrality b 1, a and c 6.3e-7; laplacian NaN each
//   a–b 1, b–c 2, loop a 0 (weight)  as without the loop: eigenvector_centrality 0.31623, 0.70711,
//                                    0.63246; laplacian_centrality 1/3, 1, 5/6
// An undirected loop counts twice in eigenvector centrality here (igraph's reading, see
// self-loop-snapshot.test.ts): networkx's values for a loop of weight 2w are ours for one of w:
//   a–b 1, b–c 1, loop a 2           eigenvector_centrality a 0.88765, b 0.42713, c 0.17215
//   a–b 1, b–c 2, loop a 4           eigenvector_centrality a 0.95029, b 0.28230, c 0.13139
const snap = (ids: string, s: number[], t: number[], w: number[] | null) =>
  csrFromArrays([...ids], s, t, w, { order: 'graph' });

function expectClose(got: Record<string, number>, want: Record<string, number>, digits = 9) {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const k of Object.keys(want)) expect(got[k]).toBeCloseTo(want[k], digits);
}

describe('a graph whose only ties are self-loops', () => {
  const all = snap('abc', [0, 1, 2], [0, 1, 2], null);
  const one = snap('abc', [0], [0], null);
  const weighted = snap('abc', [0, 1], [0, 1], [2, 1]);
  const single = snap('a', [0], [0], [3]);

  it('eigenvector refuses, saying the ties are to oneself (it said "no ties … of weight above 0")', () => {
    expect(() => eigenvector(all)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'eigenvector',
        message:
          "eigenvector: the graph's 3 people have no ties to one another, only ties to themselves (each has a self-loop), which tie no one to anyone, so it has no leading eigenvector (networkx's eigenvector_centrality_numpy raises; its power iteration puts all on whoever has the heaviest self-loop, or 1/√n each when the loops weigh alike) and no one is more central than another; measure a graph with ties",
      }),
    );
    expect(() => eigenvector.detailed(one)).toThrow(
      "eigenvector: the graph's 3 people have no ties to one another, only ties to themselves (1 of them has a self-loop), which tie no one to anyone, so it has no leading eigenvector",
    );
    expect(() => eigenvector(weighted, { weight: 'weight' })).toThrow(
      /3 people have no ties to one another, only ties to themselves \(2 of them have a self-loop\)/,
    );
    expect(() => eigenvector(single, { weight: 'weight' })).toThrow(
      "eigenvector: the graph's 1 person has a tie to themselves only (a self-loop), which ties them to no one, so it has no leading eigenvector",
    );
  });

  it('laplacian refuses the share (networkx: NaN each) and gives the drops, 0 each', () => {
    expect(() => laplacian(weighted)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'laplacian',
        message:
          "laplacian: the graph's 3 people have no ties to one another, only ties to themselves (2 of them have a self-loop), which tie no one to anyone, so its Laplacian energy is 0 (a tie to oneself is no part of the Laplacian D − A) and each person's share of it (normalized: true) is 0 ÷ 0, not defined (networkx gives NaN); use normalized: false for the drop in energy (0 for everyone), or measure a graph with ties",
      }),
    );
    expect(() => laplacian(single)).toThrow(/1 person has a tie to themselves only/);
    expect(laplacian(all, { normalized: false })).toEqual({ a: 0, b: 0, c: 0 });
    expect(laplacian(weighted, { normalized: false })).toEqual({ a: 0, b: 0, c: 0 });
  });

  it('a graph of no ties and one of weight-0 ties keep their wording', () => {
    expect(() => eigenvector(snap('abc', [], [], null))).toThrow(
      "eigenvector: the graph's 3 people have no ties, so it has no leading eigenvector (every vector is one of a matrix of zeros",
    );
    const zeroAndLoop = snap('abc', [0, 2], [1, 2], [0, 1]);
    expect(() => laplacian(zeroAndLoop)).toThrow(
      "laplacian: the graph's 3 people have no ties to one another of weight above 0, only ties to themselves (1 of them has a self-loop), which tie no one to anyone",
    );
    expect(() => laplacian(snap('abc', [0], [1], [0]))).toThrow(
      "laplacian: the graph's 3 people have no ties to one another of weight above 0, so its Laplacian energy is 0 and",
    );
  });
});

describe('a self-loop of weight 0 is a tie of weight 0, as networkx reads it', () => {
  // It was counted as a self-loop: "… no ties to one another, only ties to themselves (1 of them
  // has a self-loop), which tie no one to anyone … (networkx's eigenvector_centrality_numpy
  // raises; its power iteration puts all on whoever has the heaviest self-loop …)", where
  // networkx gives its starting vector (eigenvector) and "no edges" (laplacian).
  const zero = snap('abc', [0], [0], [0]);

  it('alone, the graph has no ties of weight above 0', () => {
    expect(() => eigenvector(zero, { weight: 'weight' })).toThrow(
      "eigenvector: the graph's 3 people have no ties of weight above 0, so it has no leading eigenvector (every vector is one of a matrix of zeros; networkx returns its starting vector, 1/√n each)",
    );
    expect(() => laplacian(zero)).toThrow(
      "laplacian: the graph's 3 people have no ties of weight above 0, so its Laplacian energy is 0 and each person's share of it (normalized: true) is 0 ÷ 0, not defined; use normalized: false",
    );
    expect(() => laplacian(snap('a', [0], [0], [0]))).toThrow(
      "laplacian: the graph's 1 person has no ties of weight above 0, so",
    );
    // Unweighted, a loop is a loop whatever its weight (networkx's weight=None).
    expect(() => eigenvector(zero)).toThrow(
      /only ties to themselves \(1 of them has a self-loop\)/,
    );
  });

  it('beside a loop of weight above 0, only that one counts', () => {
    const g = snap('abc', [0, 1], [0, 1], [0, 2]);
    expect(() => eigenvector(g, { weight: 'weight' })).toThrow(
      "eigenvector: the graph's 3 people have no ties to one another, only ties to themselves (1 of them has a self-loop of weight above 0), which tie no one to anyone, so it has no leading eigenvector (networkx's eigenvector_centrality_numpy raises; its power iteration puts all on whoever has the heaviest self-loop",
    );
    expect(() => laplacian(g)).toThrow(/\(1 of them has a self-loop of weight above 0\)/);
    // Beside a weight-0 tie between people: no loop is named.
    expect(() => laplacian(snap('abc', [0, 1], [0, 2], [0, 0]))).toThrow(
      "laplacian: the graph's 3 people have no ties to one another of weight above 0, so its Laplacian energy is 0 and",
    );
  });

  it('beside ties between people, the values are those without it (networkx)', () => {
    const g = snap('abc', [0, 0, 1], [0, 1, 2], [0, 1, 2]);
    const want = { a: 0.31622776601683794, b: Math.SQRT1_2, c: 0.6324555320336759 };
    expectClose(eigenvector(g, { weight: 'weight' }), want);
    expectClose(laplacian(g), { a: 1 / 3, b: 1, c: 5 / 6 }, 12);
  });
});

describe('self-loops beside ties between people (networkx values)', () => {
  it('laplacian leaves the loop out', () => {
    const path = snap('abc', [0, 1, 0], [1, 2, 0], null);
    expectClose(laplacian(path), { a: 0.6, b: 1, c: 0.6 }, 12);
    const w = snap('abc', [0, 1, 0], [1, 2, 0], [1, 2, 2]);
    expectClose(laplacian(w), { a: 1 / 3, b: 1, c: 5 / 6 }, 12);
    expectClose(laplacian(w, { normalized: false }), { a: 8, b: 24, c: 20 }, 12);
  });

  it('a loop on a person beside a component: 0 for them, the component as networkx', () => {
    for (const w of [null, [1, 1, 1], [1, 1, 5]]) {
      const g = snap('abcd', [0, 1, 3], [1, 2, 3], w);
      // networkx on the whole graph (loop weight 1) and on the component alone
      expectClose(
        eigenvector(g, { weight: w ? 'weight' : null }),
        { a: 0.5, b: Math.SQRT1_2, c: 0.5, d: 0 },
        12,
      );
      expectClose(laplacian(g), { a: 0.6, b: 1, c: 0.6, d: 0 }, 12);
      expect(eigenvector.detailed(g).components).toBe(1);
    }
  });

  it('eigenvector follows an undirected loop twice: networkx with the loop weighing double', () => {
    expectClose(eigenvector(snap('abc', [0, 1, 0], [1, 2, 0], null)), {
      a: 0.8876503388204439,
      b: 0.4271322870657517,
      c: 0.1721478589408867,
    });
    expectClose(eigenvector(snap('abc', [0, 1, 0], [1, 2, 0], [1, 2, 2]), { weight: 'weight' }), {
      a: 0.9502850750409775,
      b: 0.2823017045427307,
      c: 0.13139263208655383,
    });
  });
});
