import { indexDataset } from '../core/dataset-index.js';
import { networkOf } from '../graph/network-of.js';
import type { Ranker } from './ranker.js';

/** Co-offending degree as of the cut (distinct co-offenders within retention). */
export function degreeRanker(): Ranker {
  return {
    name: 'degree',
    baseline: true,
    rank(input) {
      const index = indexDataset(input.data);
      const { csr } = networkOf(index, {
        asOf: input.asOf,
        retentionYears: input.retentionYears,
        halfLifeDays: 365,
      });
      return {
        score: Float64Array.from(input.population, (id) => {
          const p = index.personIndex.get(id);
          return p === undefined ? 0 : csr.offsets[p + 1] - csr.offsets[p];
        }),
      };
    },
  };
}
