import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { oracleRanker } from '../../src/outreach/oracle-ranker.js';
import type { RankerInput } from '../../src/outreach/ranker.js';
import { synthCity } from '../../src/synth/city.js';

const data: Dataset = { incidents: [], involvements: [], people: [], auditColumns: [] };
const input = (population: string[]): RankerInput => ({
  data,
  asOf: toDay('2024-01-01'),
  horizonDays: 90,
  population,
  retentionYears: 5,
});

describe('oracleRanker takes a plain expected-events function', () => {
  it('ranks by what the function says, given the people, the cut, the horizon and the past records', () => {
    const seen: unknown[] = [];
    const known = new Map([
      ['a', 0.5],
      ['b', 2],
      ['c', 0],
    ]);
    const r = oracleRanker((people, fromDay, horizonDays, records) => {
      seen.push(fromDay, horizonDays, records);
      return people.map((id) => known.get(id)!);
    });
    const out = r.rank(input(['a', 'b', 'c']));
    expect(r.name).toBe('oracle');
    expect([...out.expected!]).toEqual([0.5, 2, 0]);
    expect([...out.score]).toEqual([0.5, 2, 0]);
    expect(seen).toEqual([toDay('2024-01-01'), 90, data]);
    expect(oracleRanker(() => [1], { name: 'truth' }).name).toBe('truth');
  });

  it('refuses an answer of the wrong length, a NaN, a negative or an infinite value, naming the person', () => {
    expect(() => oracleRanker(() => [1]).rank(input(['a', 'b']))).toThrow(
      /returned 1 value for 2 people/,
    );
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY])
      expect(() => oracleRanker(() => [1, bad]).rank(input(['a', 'b']))).toThrow(
        /expected events of b is .*not a finite number ≥ 0/,
      );
  });

  it('a city (the old call) is an InputError pointing to trueExpectedEvents', () => {
    const city = synthCity({ people: 20, years: 1 });
    expect(() => oracleRanker(city as never)).toThrow(InputError);
    expect(() => oracleRanker(city as never)).toThrow(/oracleRanker\(trueExpectedEvents\(city\)\)/);
  });
});
