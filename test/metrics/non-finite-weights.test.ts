import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import {
  betweenness,
  laplacian,
  louvain,
  nodeMetrics,
  pagerank,
  strength,
  toCsr,
} from '../../src/index.js';

/** a–b with the given weight, b–c with weight 1. */
function pathWith(w: number): UndirectedGraph {
  const g = new UndirectedGraph();
  for (const id of ['a', 'b', 'c']) g.addNode(id);
  g.addEdge('a', 'b', { weight: w });
  g.addEdge('b', 'c', { weight: 1 });
  return g;
}

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('no refusal');
}

describe('a tie weight of NaN or ±Infinity on a graphology graph', () => {
  it.each([NaN, Infinity, -Infinity])(
    'weight %s: an InputError naming the measure, the edge and the attribute (it was a RangeError naming neither measure nor attribute)',
    (w) => {
      const measures = {
        strength: () => strength(pathWith(w)),
        pagerank: () => pagerank(pathWith(w)),
        louvain: () => louvain(pathWith(w)),
        laplacian: () => laplacian(pathWith(w)),
        betweenness: () => betweenness(pathWith(w), { weight: 'weight' }),
        toCsr: () => toCsr(pathWith(w)),
      };
      for (const [fn, run] of Object.entries(measures)) {
        const e = refusal(run);
        expect(e, fn).toBeInstanceOf(InputError);
        expect((e as InputError).fn).toBe(fn);
        expect(e.message).toBe(
          `${fn}: edge a–b: weight attribute 'weight' is ${w}, expected a finite number (or a number as text)`,
        );
      }
    },
  );

  it('from a weight function: names the function, not an attribute', () => {
    const e = refusal(() => pagerank(pathWith(1), { weight: (a) => (a.weight === 1 ? NaN : 1) }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe(
      'pagerank: edge a–b: the weight function gives NaN, expected a finite number',
    );
  });

  it('nodeMetrics names the measure and how to leave it out', () => {
    const e = refusal(() => nodeMetrics(pathWith(NaN), { measures: ['degree', 'strength'] }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe(
      "nodeMetrics, measure 'strength': edge a–b: weight attribute 'weight' is NaN, expected a finite number (or a number as text). Or leave 'strength' out of measures.",
    );
  });
});

describe('csrFromArrays given a weight as text', () => {
  it('says it is text: "weights[0] is \'3\' (text)", not "weights[0] is 3, expected a finite number"', async () => {
    const { csrFromArrays } = await import('../../src/index.js');
    expect(() => csrFromArrays(['a', 'b'], [0], [1], ['3'] as unknown as number[])).toThrow(
      "csrFromArrays: weights[0] is '3' (text), expected a finite number",
    );
  });
});
