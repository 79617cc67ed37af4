import { checkOptions, rule } from '../core/options.js';
import { assertModelBefore, assertModelForecasts, type RiskModel } from '../core/risk.js';
import type { Ranker, RankerInput } from './ranker.js';

/**
 * Builds a ranker from any risk model, fitted at each cut on what the ranker is given (the past).
 * A model fitted on records dated on or after the cut (its `lastRecordDay`), such as one fitted
 * once on all the records and returned at every cut, is refused (`DataRefusedError`, code
 * `model-from-future`): it has seen the outcomes it would be scored on. A model that is explosive
 * (branching ratio ≥ 1) and not identified, which `rankForOutreach` refuses, is refused at the cut
 * (code `not-identified`; as `too-little-history` with `cuts: n`, so that fewer cuts may do), as
 * `planRanker` refuses it.
 * `options.baseline` (default false): whether it counts as a baseline.
 *
 * @example
 * const mine = modelRanker('my model', ({ data, asOf }) => fitMyModel(data, { asOf }));
 */
export function modelRanker(
  name: string,
  fitModel: (input: RankerInput) => RiskModel,
  options: { baseline?: boolean } = {},
): Ranker {
  if (typeof name !== 'string' || name === '')
    throw new TypeError(
      "modelRanker: the first argument is the ranker's name (a non-empty string)",
    );
  if (typeof fitModel !== 'function')
    throw new TypeError(
      'modelRanker: the second argument fits a risk model at each cut (a function)',
    );
  options = checkOptions('modelRanker', options, { baseline: rule.boolean });
  return {
    name,
    baseline: options.baseline ?? modelRanker.defaults.baseline,
    rank(input) {
      const { asOf, horizonDays, population } = input;
      const model = fitModel(input);
      // A model fitted on records on or after the cut has seen the outcomes it is scored on.
      assertModelBefore(`modelRanker '${name}'`, model, asOf);
      // A fit that is explosive and identifies nothing is refused at the cut, as planRanker's
      // planOutreach and rankForOutreach refuse it: ranking from it scored lists never made.
      assertModelForecasts(`modelRanker '${name}'`, model, '');
      const risks = model.risk(population, { from: asOf, horizonDays });
      const byId = new Map<string, number>();
      for (const r of risks) byId.set(r.person_id, r.expected);
      const expected = Float64Array.from(population, (id) => byId.get(id) ?? 0);
      return { score: expected, expected };
    },
  };
}

modelRanker.defaults = { baseline: false } as const;
