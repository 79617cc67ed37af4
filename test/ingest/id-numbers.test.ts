import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdNumbers } from '../../src/ingest/id-numbers.js';

/** The plain definition: numbers in the order first met, through a Map. */
function byMap(ids: readonly string[]): { numbers: number[]; distinct: string[] } {
  const m = new Map<string, number>();
  const distinct: string[] = [];
  const numbers = ids.map((id) => {
    let x = m.get(id);
    if (x === undefined) {
      x = distinct.length;
      m.set(id, x);
      distinct.push(id);
    }
    return x;
  });
  return { numbers, distinct };
}

const byTable = (ids: readonly string[], expected = 0) => {
  const t = new IdNumbers(expected);
  const numbers = ids.map((id) => t.number(id));
  return { numbers, distinct: t.ids };
};

describe('IdNumbers', () => {
  it('numbers patterned ids apart by digit count, and other ids through the map', () => {
    const ids = ['P01', 'P1', 'P001', 'P01', 'Q1', '1', 'P', 'P1x', 'P1', 'P0', 'P00', 'P0'];
    expect(byTable(ids)).toEqual(byMap(ids));
    expect(byTable(ids).numbers).toEqual([0, 1, 2, 0, 3, 4, 5, 6, 1, 7, 8, 7]);
  });

  it('takes ids with more digits than the tables hold, or values past the limit, through the map', () => {
    const ids = ['A1', 'A1234567890', 'A999999999', 'A1234567890', 'A999999999', 'A5000000', 'A1'];
    expect(byTable(ids, 10)).toEqual(byMap(ids));
    // The first id all digits (no prefix), ten of them: the prefix keeps the first digit.
    const digits = ['1234567890', '1234567891', '2234567890', '1234567890', '7', '12'];
    expect(byTable(digits)).toEqual(byMap(digits));
  });

  it('grows its tables as values rise', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `N${(k * 7919) % 200_000}`);
    const twice = [...ids, ...ids.slice().reverse()];
    expect(byTable(twice)).toEqual(byMap(twice));
  });

  it('keeps sparse ids in the map: the tables stay near 8 slots per id they hold', () => {
    // 50k random nine-digit ids in an export of 6M rows: the tables may not grow towards the
    // 24M-slot bound (96 MB) for the few values under it (a review found 96–188 MB).
    let x = 12345;
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const ids = Array.from({ length: 50_000 }, () => `X${String(rand() % 1e9).padStart(9, '0')}`);
    const t = new IdNumbers(6_000_000);
    const numbers = ids.map((id) => t.number(id));
    expect({ numbers, distinct: t.ids }).toEqual(byMap(ids));
    expect(t.slots).toBeLessThanOrEqual((1 << 20) + 8 * 50_000);
    // Dense ids still fill their table.
    const dense = new IdNumbers(6_000_000);
    for (let k = 1; k <= 300_000; k++) dense.number(`P-${String(k).padStart(7, '0')}`);
    expect(dense.slots).toBeGreaterThan(300_000);
    expect(dense.slots).toBeLessThanOrEqual(1 << 20);
  });

  it('numbers any ids as a Map does (property)', () => {
    const id = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc
        .tuple(fc.constantFrom('', 'P', 'P0', 'NOM-', 'Q'), fc.nat({ max: 3_000_000 }), fc.nat(3))
        .map(([p, v, pad]) => p + String(v).padStart(pad + 1, '0')),
      fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 200 }), fc.nat(1000), (ids, expected) => {
        expect(byTable(ids, expected)).toEqual(byMap(ids));
      }),
      { numRuns: 300 },
    );
  });

  it('of(ids) numbers distinct ids by their position', () => {
    const t = IdNumbers.of(['b7', 'a', 'b07', 'b8']);
    expect(t.ids).toEqual(['b7', 'a', 'b07', 'b8']);
    expect(['b8', 'b07', 'a', 'b7', 'c'].map((id) => t.number(id))).toEqual([3, 2, 1, 0, 4]);
  });
});
