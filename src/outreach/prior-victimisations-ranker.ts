import { indexDataset } from '../core/dataset-index.js';
import { resolveWindow } from '../core/window.js';
import type { Ranker, RankerInput } from './ranker.js';
import { personRecords } from './records.js';

/** Prior own victimisations (violence of any severity, within retention): the "victim before" baseline. */
export function priorVictimisationsRanker(): Ranker {
  return {
    name: 'prior victimisations',
    baseline: true,
    rank(input) {
      const { index, facts } = windowFacts(input);
      return {
        score: Float64Array.from(input.population, (id) => {
          const p = index.personIndex.get(id);
          return p === undefined ? 0 : facts.victimisations[p];
        }),
      };
    },
  };
}

function windowFacts(input: RankerInput) {
  const index = indexDataset(input.data);
  const window = resolveWindow(index, {
    asOf: input.asOf,
    retentionYears: input.retentionYears,
  });
  return { index, window, facts: personRecords(index, window) };
}
