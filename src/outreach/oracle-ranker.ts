import { InputError } from '../core/errors.js';
import { checkOptions, rule } from '../core/options.js';
import type { Dataset } from '../core/types.js';
import type { Ranker } from './ranker.js';

/**
 * Expected serious-violence victimisations of each of `people` in the horizon
 * [fromDay, fromDay + horizonDays) (days since 1970-01-01 UTC), aligned with `people`: what an
 * oracle knows and a ranker has to estimate. `records` are the records dated before `fromDay`
 * (the past a ranker is given at the cut), for an oracle that needs the network known then.
 * Every value must be a finite number ≥ 0.
 *
 * @example
 * const known: ExpectedEvents = (people) => people.map((id) => (id === 'p1' ? 2 : 0.1));
 */
export type ExpectedEvents = (
  people: readonly string[],
  fromDay: number,
  horizonDays: number,
  records: Dataset,
) => ArrayLike<number>;

/**
 * Ranks by expected events known from outside the records — a ceiling, not a model. On a
 * synthetic city, `oracleRanker(trueExpectedEvents(city))` ranks by the true expected events
 * under the process that made the city (every generation included); any function of the
 * people and the horizon works. `options.name` (default `'oracle'`) names it in result tables.
 *
 * @example
 * backtest(city.data, { cuts: 4, rankers: [hawkesRanker(), oracleRanker(trueExpectedEvents(city))] });
 */
export function oracleRanker(
  expectedEvents: ExpectedEvents,
  options: { name?: string } = {},
): Ranker {
  if (typeof expectedEvents !== 'function')
    throw new InputError(
      'oracleRanker',
      `oracleRanker: expected a function giving each person's expected events in the horizon, got ${
        expectedEvents === null ? 'null' : typeof expectedEvents
      }${
        typeof expectedEvents === 'object' && expectedEvents !== null
          ? ' (for a synthetic city: oracleRanker(trueExpectedEvents(city)))'
          : ''
      }`,
    );
  options = checkOptions('oracleRanker', options, { name: rule.string(true) });
  const name = options.name ?? oracleRanker.defaults.name;
  return {
    name,
    rank({ data, asOf, horizonDays, population }) {
      const got = expectedEvents(population, asOf, horizonDays, data);
      if (got?.length !== population.length)
        throw new InputError(
          'oracleRanker',
          `oracleRanker '${name}': the expected-events function returned ${
            got?.length ?? String(got)
          } values for ${population.length} people`,
        );
      const expected = Float64Array.from(got);
      for (let i = 0; i < expected.length; i++)
        if (!(expected[i] >= 0 && expected[i] < Number.POSITIVE_INFINITY))
          throw new InputError(
            'oracleRanker',
            `oracleRanker '${name}': expected events of ${population[i]} is ${got[i]}, not a finite number ≥ 0`,
          );
      return { score: expected, expected };
    },
  };
}

oracleRanker.defaults = { name: 'oracle' } as const;
