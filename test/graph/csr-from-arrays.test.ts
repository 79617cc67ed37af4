import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../src/graph/csr.js';
import { degree, nodeMetrics, reach, strength } from '../../src/metrics/index.js';

describe('csrFromArrays refuses edge arrays it would misread', () => {
  const ids = ['a', 'b', 'c'];
  const refused = (f: () => unknown, message: string) =>
    expect(f).toThrow(
      expect.objectContaining({ name: 'InputError', fn: 'csrFromArrays', message }),
    );

  it('an end that is not a node number', () => {
    // Before: a tie to -1 gave c a degree of 1, a tie to 5 a TypeError reading 'length', and
    // node 1.5 was read as node 1.
    refused(
      () => csrFromArrays(ids, [0, -1], [1, 2], null),
      'csrFromArrays: tie 1 is -1–2; source and target are node numbers 0 to 2',
    );
    refused(
      () => csrFromArrays(ids, [0, 1], [1, 3], null),
      'csrFromArrays: tie 1 is 1–3; source and target are node numbers 0 to 2',
    );
    refused(
      () => csrFromArrays(ids, new Float64Array([0, 1.5]), [1, 2], null),
      'csrFromArrays: tie 1 is 1.5–2; source and target are node numbers 0 to 2',
    );
    refused(
      () => csrFromArrays(ids, [0, Number.NaN], [1, 2], null),
      'csrFromArrays: tie 1 is NaN–2; source and target are node numbers 0 to 2',
    );
  });

  it('arrays of different lengths', () => {
    // Before: the missing target counted as a tie b–a (degree b 2), the missing weight as NaN.
    refused(
      () => csrFromArrays(ids, [0, 1], [1], null),
      'csrFromArrays: source, target and weights (or null) need one entry per tie, got 2, 1, undefined',
    );
    refused(
      () => csrFromArrays(ids, [0, 1], [1, 2], [2]),
      'csrFromArrays: source, target and weights (or null) need one entry per tie, got 2, 2, 1',
    );
  });

  it('a weight that is not finite, and an id that is not text', () => {
    // Before: strength and PageRank NaN; number ids made a record with number person_ids and
    // an id map that '1' could not find.
    refused(
      () => csrFromArrays(ids, [0, 1], [1, 2], [Number.NaN, 1]),
      'csrFromArrays: weights[0] is NaN, expected a finite number',
    );
    refused(
      () => csrFromArrays(ids, [0, 1], [1, 2], [1, Number.POSITIVE_INFINITY]),
      'csrFromArrays: weights[1] is Infinity, expected a finite number',
    );
    refused(
      () => csrFromArrays([1, 2, 3] as unknown as string[], [0], [1], null),
      'csrFromArrays: ids[0] is 1, expected text',
    );
  });

  it('an id given twice, as the snapshot is built (records kept one node’s value)', () => {
    // Before: refused only when a look-up by id built the id map; degree(csr) read { a: 0, b: 1 }
    // for nodes 'a' of degree 1 and 0, nodeMetrics gave two rows 'a'.
    for (const order of ['graph', 'bfs'] as const)
      refused(
        () => csrFromArrays(['a', 'a', 'b'], [0], [2], null, { order }),
        "csrFromArrays: ids[0] and ids[1] are both 'a'; each node needs an id of its own",
      );
    refused(
      () => csrFromArrays(['c', 'b', 'a', 'x', 'b'], [0], [1], null),
      "csrFromArrays: ids[1] and ids[4] are both 'b'; each node needs an id of its own",
    );
    // Ascending ids (one comparison each) and ids in any other order alike.
    expect(csrFromArrays(['a', 'b', 'c'], [0], [2], null).n).toBe(3);
    expect(csrFromArrays(['c', 'a', 'b'], [0], [2], null).n).toBe(3);
  });

  it('an index option that is not the map of ids to their positions (it was taken unchecked)', () => {
    const star = ['a', 'b', 'c', 'd'];
    const given =
      (index: unknown, of = star, order: 'graph' | 'bfs' = 'graph') =>
      () =>
        // a star around ids[0]
        csrFromArrays(
          of,
          new Array(of.length - 1).fill(0),
          of.slice(1).map((_, k) => k + 1),
          null,
          {
            order,
            index: index as Map<string, number>,
          },
        );
    const optionRefused = (f: () => unknown, message: string) =>
      expect(f).toThrow(
        expect.objectContaining({
          name: 'OptionError',
          fn: 'csrFromArrays',
          option: 'index',
          message,
        }),
      );
    const advice =
      '; give the map of each id to its position in ids (ids[k] → k), or leave index out';
    // Before: a and b swapped in it read reach(csr, 'a', { maxDistance: 1 }) as 1, b's, not 3.
    for (const order of ['graph', 'bfs'] as const)
      optionRefused(
        given(
          new Map([
            ['a', 1],
            ['b', 0],
            ['c', 2],
            ['d', 3],
          ]),
          star,
          order,
        ),
        `csrFromArrays: option 'index' maps 'a' to 1, where ids[1] is 'b'${advice}`,
      );
    optionRefused(
      given(
        new Map([
          ['a', 0],
          ['b', 1],
          ['c', 2],
        ]),
      ),
      `csrFromArrays: option 'index' has 3 entries for 4 ids: ids[3] 'd' is not in it${advice}`,
    );
    optionRefused(
      given(
        new Map([
          ['a', 0],
          ['b', 1],
          ['c', 2],
          ['d', 3],
          ['e', 4],
        ]),
      ),
      `csrFromArrays: option 'index' maps 'e' to 4, not a position 0 to 3 in ids${advice}`,
    );
    optionRefused(
      given(
        new Map<string, unknown>([
          ['a', 0],
          ['b', 1],
          ['c', '2'],
          ['d', 3],
        ]),
      ),
      `csrFromArrays: option 'index' maps 'c' to '2', not a position 0 to 3 in ids${advice}`,
    );
    // A plain object read "must be a Map, got object", a Set "got object" too: it says what it
    // is, and for an object or array of pairs how to make the Map from it.
    optionRefused(
      given({ a: 0, b: 1, c: 2, d: 3 }),
      "csrFromArrays: option 'index' must be a Map, got a plain object; make the Map of each id to its position in ids with new Map(Object.entries(index)), or leave index out",
    );
    optionRefused(
      given([
        ['a', 0],
        ['b', 1],
      ]),
      "csrFromArrays: option 'index' must be a Map, got an array of [id, position] pairs; make the Map of each id to its position in ids with new Map(index), or leave index out",
    );
    optionRefused(
      given(['a', 'b', 'c', 'd']),
      "csrFromArrays: option 'index' must be a Map, got an array; make the Map of each id to its position in ids with new Map(ids.map((id, k) => [id, k])), or leave index out",
    );
    optionRefused(
      given(new Set(['a'])),
      `csrFromArrays: option 'index' must be a Map, got a Set${advice}`,
    );
    optionRefused(
      given('a'),
      `csrFromArrays: option 'index' must be a Map, got a string ("a")${advice}`,
    );
    // What the advice makes is taken.
    expect(given(new Map(Object.entries({ a: 0, b: 1, c: 2, d: 3 })))().n).toBe(4);
    // Ids given twice beside an index (refuseRepeatedIds was skipped for one).
    refused(
      given(
        new Map([
          ['a', 0],
          ['b', 2],
        ]),
        ['a', 'a', 'b'],
      ),
      "csrFromArrays: ids[0] and ids[1] are both 'a'; each node needs an id of its own",
    );
    // A right one is taken and kept.
    const index = new Map(star.map((id, k) => [id, k]));
    const csr = given(index)();
    expect(csr.index).toBe(index);
    expect(reach(csr, 'a', { maxDistance: 1 })).toEqual({ a: 3 });
  });

  it('a snapshot made by hand that names a node twice, by nodeMetrics (it gave two rows)', () => {
    const base = csrFromArrays(['a', 'b', 'c'], [0], [2], null, { order: 'graph' });
    const csr = { ...base, ids: ['a', 'a', 'b'] };
    expect(() => nodeMetrics(csr, { measures: ['degree'] })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'nodeMetrics',
        message: "nodeMetrics: ids[0] and ids[1] are both 'a'; each node needs an id of its own",
      }),
    );
    // Its own ids, distinct: measured as before.
    expect(
      nodeMetrics({ ...base, ids: ['x', 'y', 'z'] }, { measures: ['degree'] }).objects(),
    ).toEqual([
      { person_id: 'x', degree: 1 },
      { person_id: 'y', degree: 0 },
      { person_id: 'z', degree: 1 },
    ]);
  });

  it('valid arrays, typed or not, build the same snapshot as before', () => {
    const csr = csrFromArrays(ids, new Int32Array([0, 1]), new Int32Array([1, 2]), [2, 0.5]);
    expect(degree(csr)).toEqual({ a: 1, b: 2, c: 1 });
    expect(strength(csr)).toEqual({ a: 2, b: 2.5, c: 0.5 });
    expect(csrFromArrays([], [], [], null).n).toBe(0);
  });
});
