import { InputError } from '../core/errors.js';
import { describeInput } from '../core/guards.js';
import { checkOptions, rule } from '../core/options.js';
import {
  assertModelBefore,
  assertModelForecasts,
  forecastFit,
  modelCaveats,
  type RiskModel,
  riskOfPopulation,
} from '../core/risk.js';
import type { Ranker, RankerInput } from './ranker.js';

/**
 * Builds a ranker from any risk model, fitted at each cut on what the ranker is given (the past).
 * A model fitted on records dated on or after the cut (its `lastRecordDay`), such as one fitted
 * once on all the records and returned at every cut, is refused (`DataRefusedError`, code
 * `model-from-future`): it has seen the outcomes it would be scored on. A model that is explosive
 * (branching ratio ≥ 1) and not identified, which `rankForOutreach` refuses, is refused at the cut
 * (code `not-identified`; as `too-little-history` with `cuts: n`, so that fewer cuts may do), as
 * `planRanker` refuses it. A model that is not identified at a cut but not explosive ranks there,
 * and its list carries a warning that the backtest repeats with the cut. The model's own
 * `warnings` are passed on too (`RankerOutput.modelWarnings`), which the backtest gathers with
 * their cuts.
 * `options.baseline` (default false): whether it counts as a baseline.
 *
 * @example
 * const mine = modelRanker('my model', ({ data, asOf }) => fitMyModel(data, { asOf }));
 */
export function modelRanker(
  name: string,
  fitModel: (input: RankerInput) => RiskModel,
  options: {
    /** Whether the ranker counts as a baseline in the backtest's comparison. Default false. */
    baseline?: boolean;
  } = {},
): Ranker {
  if (typeof name !== 'string' || name.trim() === '')
    throw new InputError(
      'modelRanker',
      `modelRanker: the first argument is the ranker's name (text that is not empty, e.g. 'my model'), got ${typeof name === 'string' ? `'${name}'` : describeInput(name)}`,
    );
  if (typeof fitModel !== 'function')
    throw new InputError(
      'modelRanker',
      `modelRanker: the second argument fits a risk model at each cut (a function ({ data, asOf }) => model), got ${describeInput(fitModel)}`,
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
      const risks = riskOfPopulation(model, population, { from: asOf, horizonDays });
      const byId = new Map<string, number>();
      for (const r of risks) byId.set(r.person_id, r.expected);
      const expected = Float64Array.from(population, (id) => byId.get(id) ?? 0);
      const unidentified = notIdentifiedAtCut(model);
      const modelWarnings = modelCaveats(model);
      return {
        score: expected,
        expected,
        ...(unidentified ? { warnings: [unidentified] } : {}),
        ...(modelWarnings.length > 0 ? { modelWarnings } : {}),
      };
    },
  };
}

modelRanker.defaults = { baseline: false } as const;

/**
 * The caveat of a list made at a cut from a model that is not identified there (`identified:
 * false`, or an update of such a fit), in words the backtest repeats for every such cut; none for
 * an identified model or one without the field. A network Hawkes fit that found no contagion
 * (α = 0, and α_vo = 0 with victimOffenderTies) ranks by the background alone; one whose α is under two standard errors, or is not
 * identified for another reason, adds a contagion part the records do not pin down.
 * @internal
 */
export function notIdentifiedAtCut(model: RiskModel): string | undefined {
  const { fit } = forecastFit(model);
  if (fit.identified !== false) return undefined;
  const alpha = fit.parameters?.alpha;
  // With victim–offender ties, α = 0 is no contagion only when α_vo is 0 too.
  const alphaVo = (fit.parameters as { alphaVictimOffender?: number } | undefined)
    ?.alphaVictimOffender;
  if (typeof alpha === 'number' && !(alpha > 0) && !((alphaVo ?? 0) > 0))
    return "the model fitted there found no contagion (α = 0), so its list is its background rate alone (each person's own record): no evidence for or against contagion";
  return 'the model fitted there is not identified (α under two standard errors, or another reason its warnings give), so the contagion part of its scores rests on nothing the records pin down: read its figures there as no evidence for or against contagion';
}
