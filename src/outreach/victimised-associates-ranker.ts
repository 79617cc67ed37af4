import { exposureCounts } from '../contagion/exposure.js';
import { indexDataset } from '../core/dataset-index.js';
import { checkOptions, rule } from '../core/options.js';
import { networkOf } from '../graph/network-of.js';
import type { Ranker } from './ranker.js';

/**
 * Count of direct co-offenders seriously harmed (severity ≥ 3) in the `windowDays` before the cut
 * (days, default 180): the exposure baseline of Papachristos and colleagues, via `exposureCounts`.
 */
export function victimisedAssociatesRanker(
  options: {
    /** Days before the cut in which a co-offender's serious harm counts. Default 180. */
    windowDays?: number;
  } = {},
): Ranker {
  options = checkOptions('victimisedAssociatesRanker', options, {
    windowDays: rule.number({ above: 0 }),
  });
  const windowDays = options.windowDays ?? victimisedAssociatesRanker.defaults.windowDays;
  return {
    name: `victimised associates (${windowDays} d)`,
    baseline: true,
    rank(input) {
      // The co-offending network of the cut, shared with the other rankers.
      const { csr } = networkOf(indexDataset(input.data), {
        asOf: input.asOf,
        retentionYears: input.retentionYears,
        halfLifeDays: 365,
      });
      const c = exposureCounts(input.data, {
        asOf: input.asOf,
        windowDays,
        maxDistance: 1,
        graph: csr,
      });
      return {
        score: Float64Array.from(input.population, (id) => {
          const p = c.index.get(id);
          return p === undefined ? 0 : c.exposed1[p];
        }),
      };
    },
  };
}

victimisedAssociatesRanker.defaults = { windowDays: 180 } as const;
