import { describe, expect, it } from 'vitest';
import { type Csr, csrFromArrays } from '../../src/graph/csr.js';
import { betweenness, connectedComponents, coreNumber, degree } from '../../src/metrics/index.js';
import { resolveCsr } from '../../src/metrics/shared.js';

/** A weighted snapshot whose id → number map counts how often it is read. */
function counted(): { csr: Csr; reads: () => number } {
  const base = csrFromArrays(
    ['a', 'b', 'c', 'd', 'e'],
    [0, 1, 2, 3, 0],
    [1, 2, 3, 4, 2],
    [2, 1, 3, 1, 5],
    { order: 'graph' },
  );
  let reads = 0;
  const map = new Map(base.ids.map((id, i) => [id, i]));
  const csr = {
    n: base.n,
    m: base.m,
    directed: base.directed,
    ids: base.ids,
    offsets: base.offsets,
    targets: base.targets,
    weights: base.weights,
    inOffsets: base.inOffsets,
    inTargets: base.inTargets,
    inWeights: base.inWeights,
    get index() {
      reads++;
      return map;
    },
  } as Csr;
  return { csr, reads: () => reads };
}

describe('unweighted measures on a weighted snapshot', () => {
  it('share its arrays and do not read its id map (a million-entry Map at city scale)', () => {
    const { csr, reads } = counted();
    const view = resolveCsr(csr, null, null);
    expect(view.weights).toBeNull();
    expect(view.inWeights).toBeNull();
    expect(view.targets).toBe(csr.targets);
    expect(view.offsets).toBe(csr.offsets);
    expect(Array.from(connectedComponents.values(csr))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(degree.values(csr))).toEqual([2, 2, 3, 2, 1]);
    expect(Array.from(coreNumber.values(csr))).toEqual([2, 2, 2, 1, 1]);
    // path a–b–c–d–e plus a–c: d lies on c–e, a–e, b–e; c on (a|b)–(d|e)
    expect(betweenness(csr, { normalized: false, weight: null })).toEqual({
      a: 0,
      b: 0,
      c: 4,
      d: 3,
      e: 0,
    });
    expect(reads()).toBe(0);
    // The view's map is the snapshot's own, read when asked for.
    expect(view.index).toBe(csr.index);
    expect(reads()).toBe(2);
  });
});
