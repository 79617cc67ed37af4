import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { type Csr, csrFromArrays } from '../../../src/graph/csr.js';
import { betweenness, unmatchedTie } from '../../../src/metrics/centrality/betweenness.js';

/** Out-adjacency of arcs in the given order (lists in arc order). */
function listing(n: number, arcs: [number, number][]) {
  const offsets = new Int32Array(n + 1);
  for (const [u] of arcs) offsets[u + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(arcs.length);
  for (const [u, v] of arcs) targets[fill[u]++] = v;
  return { offsets, targets };
}

/** True when the arcs, as a multiset, equal their reverses. */
function symmetric(arcs: [number, number][]): boolean {
  const key = (a: [number, number][]) =>
    a
      .map(([u, v]) => `${u},${v}`)
      .sort()
      .join(';');
  return key(arcs) === key(arcs.map(([u, v]) => [v, u]));
}

const scratch = (n: number) =>
  [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)] as const;

describe('betweenness refuses a shared in/out adjacency that does not list each tie both ways', () => {
  it('unmatchedTie finds an unmatched tie exactly when the listing is not symmetric', () => {
    // Symmetric listings (ties in both directions, shuffled), some with one arc moved, dropped
    // or doubled; parallel ties and self-loops included. More arcs than n + 1, so the gathered
    // lists take several ranges, and nodes with more ties than n + 1 need a buffer of their own.
    const arb = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        ties: fc.array(
          fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })),
          { maxLength: 40 },
        ),
        keys: fc.array(fc.double({ noNaN: true }), { minLength: 80, maxLength: 80 }),
        change: fc.constantFrom('none', 'drop', 'double', 'retarget'),
        at: fc.nat(),
        to: fc.nat(),
      }),
    );
    let asymmetric = 0;
    let several = 0;
    fc.assert(
      fc.property(arb, ({ n, ties, keys, change, at, to }) => {
        let arcs: [number, number][] = ties.flatMap(([u, v]) => [
          [u, v],
          [v, u],
        ]);
        const order = arcs.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
        arcs = order.map((i) => arcs[i]);
        if (arcs.length > 0 && change !== 'none') {
          const i = at % arcs.length;
          if (change === 'drop') arcs.splice(i, 1);
          else if (change === 'double') arcs.push(arcs[i]);
          else arcs[i] = [arcs[i][0], to % n];
        }
        const { offsets, targets } = listing(n, arcs);
        const v = unmatchedTie(n, offsets, targets, scratch(n));
        if (!symmetric(arcs)) asymmetric++;
        if (arcs.length > n + 1) several++;
        expect(v >= 0).toBe(!symmetric(arcs));
        if (v >= 0) {
          // The node named lists (or is listed by) a tie without its match.
          const out = arcs.filter(([u]) => u === v).map(([, w]) => w);
          const back = arcs.filter(([, w]) => w === v).map(([u]) => u);
          expect(out.sort().join()).not.toBe(back.sort().join());
        }
      }),
      { numRuns: 500, seed: 5 },
    );
    // The generator reaches both outcomes and the several-range path.
    expect(asymmetric).toBeGreaterThan(100);
    expect(several).toBeGreaterThan(100);
  });

  it('a directed snapshot given its out-adjacency as in-adjacency is refused, naming the node', () => {
    // A directed 3-cycle: every node has one tie out and one in, so only the lists tell.
    const d = csrFromArrays(['a', 'b', 'c'], [0, 1, 2], [1, 2, 0], null, {
      directed: true,
      order: 'graph',
    });
    const shared: Csr = { ...d, index: d.index, inOffsets: d.offsets, inTargets: d.targets };
    expect(() => betweenness(shared)).toThrow(InputError);
    expect(() => betweenness(shared)).toThrow(/node 0 \("a"\) lists ties that are not listed back/);
    expect(() => betweenness(shared, { weight: null, k: 2, seed: 1, exactBudget: 0 })).toThrow(
      InputError,
    );
    // With its own in-adjacency it is a directed cycle: each node is between the other two once.
    expect(Object.values(betweenness(d, { normalized: false }))).toEqual([1, 1, 1]);
  });

  it('an undirected snapshot (each tie listed from both ends) passes', () => {
    const u = csrFromArrays(['a', 'b', 'c'], [0, 1], [1, 2], null);
    expect(u.inOffsets).toBe(u.offsets);
    expect(unmatchedTie(u.n, u.offsets, u.targets, scratch(u.n))).toBe(-1);
    expect(betweenness(u, { normalized: false })).toEqual({ a: 0, b: 1, c: 0 });
    // A copy of the lists is not known to the library as symmetric: it is checked, and passes.
    const targets = u.targets.slice();
    const copy: Csr = { ...u, index: u.index, targets, inTargets: targets };
    expect(betweenness(copy, { normalized: false })).toEqual({ a: 0, b: 1, c: 0 });
    // Moving one end of a tie in the copy makes it refused.
    targets[0] = 2;
    expect(() => betweenness(copy)).toThrow(InputError);
  });

  it('library-built tie lists reused with other offsets are checked, not trusted', () => {
    // A star b–a, b–c, b–d: targets [b | a c d | b | b]. The same targets with the offsets
    // [0, 2, 3, 5, 6] read a–b, a–a, b–c, c–d, c–b, d–b: not symmetric (a lists b, b does not).
    const u = csrFromArrays(['a', 'b', 'c', 'd'], [1, 1, 1], [0, 2, 3], null, { order: 'graph' });
    expect(Array.from(u.targets)).toEqual([1, 0, 2, 3, 1, 1]);
    expect(betweenness(u, { normalized: false })).toEqual({ a: 0, b: 3, c: 0, d: 0 });
    const offsets = Int32Array.from([0, 2, 3, 5, 6]);
    const other: Csr = { ...u, index: u.index, offsets, inOffsets: offsets };
    expect(() => betweenness(other)).toThrow(/node 0 \("a"\) lists ties that are not listed back/);
    // A snapshot object of its own holding the library's very arrays is still trusted.
    const same: Csr = { ...u, index: u.index };
    expect(betweenness(same, { normalized: false })).toEqual({ a: 0, b: 3, c: 0, d: 0 });
  });
});
