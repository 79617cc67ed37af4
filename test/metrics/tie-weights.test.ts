import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exposure } from '../../src/contagion/exposure.js';
import { InputError } from '../../src/core/errors.js';
import { type Csr, csrFromArrays, unmatchedListing } from '../../src/graph/csr.js';
import {
  betweenness,
  closeness,
  eigenvector,
  harmonic,
  laplacian,
  louvain,
  modularity,
  pagerank,
  strength,
} from '../../src/metrics/index.js';
import { makeDataset } from '../helpers.js';

// A triangle a–b (1), b–c (4), a–c (2), in graph order: a [b c], b [a c], c [b a].
const ids = ['a', 'b', 'c'];
const built = csrFromArrays(ids, [0, 1, 0], [1, 2, 2], [1, 4, 2], { order: 'graph' });

/** A snapshot of new arrays holding `built`'s lists, with `edit` applied to its weights. */
function byHand(edit: (w: Float64Array, slot: (u: number, v: number) => number) => void): Csr {
  const offsets = built.offsets.slice();
  const targets = built.targets.slice();
  const weights = built.weights!.slice();
  const slot = (u: number, v: number) => {
    for (let j = offsets[u]; j < offsets[u + 1]; j++) if (targets[j] === v) return j;
    throw new Error('no such tie');
  };
  edit(weights, slot);
  return {
    ...built,
    index: built.index,
    offsets,
    targets,
    weights,
    inOffsets: offsets,
    inTargets: targets,
    inWeights: weights,
  };
}

const measures: [string, (g: Csr) => unknown][] = [
  ['strength', (g) => strength(g)],
  ['closeness', (g) => closeness(g, { weight: 'weight' })],
  ['harmonic', (g) => harmonic(g, { weight: 'weight' })],
  ['betweenness', (g) => betweenness(g, { weight: 'weight' })],
  ['pagerank', (g) => pagerank(g)],
  ['eigenvector', (g) => eigenvector(g, { weight: 'weight' })],
  ['laplacian', (g) => laplacian(g)],
  ['louvain', (g) => louvain(g)],
  ['modularity', (g) => modularity(g, { communities: { a: 0, b: 0, c: 1 } })],
];

describe('an undirected snapshot lists each tie from both ends with one weight', () => {
  it('every measure reading weights refuses a tie whose two listings differ, naming both ends and weights', () => {
    // b lists its tie to a with 9; a lists it with 1.
    const bad = byHand((w, slot) => {
      w[slot(1, 0)] = 9;
    });
    for (const [name, run] of measures) {
      expect(() => run(bad), name).toThrow(InputError);
      expect(() => run(bad), name).toThrow(
        new RegExp(
          `^${name}: the snapshot's node 0 \\("a"\\) lists its tie to node 1 \\("b"\\) with weight 1, but node 1 \\("b"\\) lists it with weight 9`,
        ),
      );
    }
    // Without weights nothing is read from them, so nothing is refused.
    expect(closeness(bad, { weight: null })).toEqual(closeness(built, { weight: null }));
  });

  it('the same lists in new arrays pass, with the values of the library-built snapshot', () => {
    const copy = byHand(() => {});
    for (const [name, run] of measures) expect(run(copy), name).toEqual(run(built));
  });

  it('in-weights of a shared adjacency must be its weights', () => {
    const copy = byHand(() => {});
    const nullIn: Csr = { ...copy, index: copy.index, inWeights: null };
    expect(() => pagerank(nullIn)).toThrow(
      /^pagerank: the snapshot's in-weights are not its weights: node 0 \("a"\)'s tie to node 1 \("b"\) weighs 1 in weights, nothing in inWeights/,
    );
    const inW = copy.weights!.slice();
    inW[copy.offsets[2]] = 5; // c's first listing
    const otherIn: Csr = { ...copy, index: copy.index, inWeights: inW };
    expect(() => eigenvector(otherIn, { weight: 'weight' })).toThrow(
      /node 2 \("c"\)'s tie to node 1 \("b"\) weighs 4 in weights, 5 in inWeights/,
    );
    // An equal copy of the weights as in-weights is fine.
    const equalIn: Csr = { ...copy, index: copy.index, inWeights: copy.weights!.slice() };
    expect(pagerank(equalIn)).toEqual(pagerank(built));
  });

  it('library-built weights reused with weights of their own are checked', () => {
    const weights = built.weights!.slice();
    weights[0] = 7; // a's listing of b
    const reused: Csr = { ...built, index: built.index, weights, inWeights: weights };
    expect(() => strength(reused)).toThrow(
      /node 0 \("a"\) lists its tie to node 1 \("b"\) with weight 7, but node 1 \("b"\) lists it with weight 1/,
    );
  });

  it('exposure refuses such a snapshot as its network', () => {
    const data = makeDataset([
      ['C1', '2020-01-01', 0, ['a', 'b', 'c'], []],
      ['V1', '2020-05-01', 3, [], ['b']],
    ]);
    const bad = byHand((w, slot) => {
      w[slot(1, 0)] = 9;
    });
    const asOf = '2020-06-01';
    expect(exposure(data, { asOf, graph: byHand(() => {}) }).objects()).toEqual(
      exposure(data, { asOf, graph: built }).objects(),
    );
    expect(() => exposure(data, { asOf, graph: bad })).toThrow(
      /^exposure: the snapshot's node 0 \("a"\) lists its tie to node 1 \("b"\) with weight 1, but node 1 \("b"\) lists it with weight 9/,
    );
  });

  it('unmatchedListing finds an unmatched tie or weight exactly when there is one', () => {
    // Symmetric listings, shuffled, parallel ties and self-loops included; sometimes one listing's
    // weight is changed, one listing moved to another node, or the far ends of two listings
    // swapped. Parallel ties with other weights
    // come in another order at their two ends, which is still a match.
    const arb = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        ties: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
            fc.constantFrom(1, 2, 3),
          ),
          { maxLength: 30 },
        ),
        keys: fc.array(fc.double({ noNaN: true }), { minLength: 60, maxLength: 60 }),
        change: fc.option(
          fc.tuple(
            fc.constantFrom('weight', 'target', 'swap'),
            fc.nat(),
            fc.integer({ min: 1, max: 3 }),
          ),
        ),
      }),
    );
    const seen = { targets: 0, weights: 0, parallel: 0 };
    fc.assert(
      fc.property(arb, ({ n, ties, keys, change }) => {
        let arcs: [number, number, number][] = ties.flatMap(([u, v, w]) => [
          [u, v, w],
          [v, u, w],
        ]);
        const order = arcs.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
        arcs = order.map((i) => arcs[i]);
        if (change && arcs.length > 0) {
          const arc = arcs[change[1] % arcs.length];
          const other = arcs[(change[1] + change[2]) % arcs.length];
          if (change[0] === 'weight') arc[2] = change[2];
          else if (change[0] === 'target') arc[1] = (arc[1] + change[2]) % n;
          // Every node keeps as many ties out and in: only the lists tell.
          else [arc[1], other[1]] = [other[1], arc[1]];
        }
        const offsets = new Int32Array(n + 1);
        for (const [u] of arcs) offsets[u + 1]++;
        for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
        const fill = offsets.slice(0, n);
        const targets = new Int32Array(arcs.length);
        const weights = new Float64Array(arcs.length);
        for (const [u, v, w] of arcs) {
          targets[fill[u]] = v;
          weights[fill[u]++] = w;
        }
        // Brute force: each node's neighbours against the nodes listing it, then each ordered
        // pair's weights, as a sorted list, against the reverse pair's.
        const sorted = (a: number[]) => a.sort((x, y) => x - y).join();
        const out = (u: number) => sorted(arcs.filter(([a]) => a === u).map(([, b]) => b));
        const back = (u: number) => sorted(arcs.filter(([, b]) => b === u).map(([a]) => a));
        const key = (u: number, v: number) =>
          sorted(arcs.filter(([a, b]) => a === u && b === v).map(([, , w]) => w));
        const nodes = Array.from({ length: n }, (_, u) => u);
        const targetsDiffer = nodes.some((u) => out(u) !== back(u));
        const weightsDiffer = arcs.some(([u, v]) => key(u, v) !== key(v, u));
        if (arcs.some(([u, v], i) => arcs.some(([a, b], k) => k !== i && a === u && b === v)))
          seen.parallel++;
        const found = unmatchedListing(n, offsets, targets, weights);
        if (targetsDiffer) {
          seen.targets++;
          expect(found?.v).toBe(-1);
          expect(out(found!.u)).not.toBe(back(found!.u));
        } else if (weightsDiffer) {
          seen.weights++;
          expect(found).not.toBeNull();
          const { u, v, a, b } = found!;
          expect(a).not.toBe(b);
          expect(key(u, v).split(',').map(Number)).toContain(a);
          expect(key(v, u).split(',').map(Number)).toContain(b);
        } else expect(found).toBeNull();
      }),
      { numRuns: 800, seed: 3 },
    );
    expect(seen.targets).toBeGreaterThan(100);
    expect(seen.weights).toBeGreaterThan(100);
    expect(seen.parallel).toBeGreaterThan(100);
  });
});
