import { InputError } from '../core/errors.js';
import { checkOptions, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import type { ExpectedEvents } from '../core/risk.js';
import type { Ranker } from './ranker.js';

export type { ExpectedEvents } from '../core/risk.js';

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
  options: {
    /** The ranker's name in result tables. Default `'oracle'`. */
    name?: string;
  } = {},
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
          } value${got?.length === 1 ? '' : 's'} for ${count(population.length, 'person', 'people')}`,
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
