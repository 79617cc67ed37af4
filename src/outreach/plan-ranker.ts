import { fitNetworkHawkesForRanking } from '../contagion/hawkes/fit.js';
import type { NetworkHawkesOptions } from '../contagion/hawkes/types.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { modelCaveats } from '../core/risk.js';
import { checkRankerFitOptions, refuseRankerExits } from './hawkes-ranker.js';
import { notIdentifiedAtCut } from './model-ranker.js';
import { planOutreach } from './plan-outreach.js';
import type { Ranker } from './ranker.js';

/** Options of {@link planRanker}. */
export interface PlanRankerOptions {
  /**
   * People planned at each cut, as a share of the cut's population (the planned people come
   * first, in the order chosen; everyone after them in order of their own risk). Default 0.01.
   */
  capacityShare?: number;
  /** Outreach effect assumed by the plan (see `planOutreach`). Default 0.2. */
  effect?: number;
  /**
   * Options of the network Hawkes fit at each cut (as `hawkesRanker`: standard errors are
   * computed, so that α under two of them is not identified; `exits` are the backtest's, given
   * at each cut as known then, and refused here, as is `asOf`, the cut's). Checked when the ranker
   * is made by the fit's rules, each named under `model` ("planRanker: unknown option
   * 'model.start.alfa'. Did you mean 'model.start.alpha'?"); one found while fitting names
   * planRanker too. Default: the fit's defaults.
   */
  model?: Omit<NetworkHawkesOptions, 'asOf'>;
}

const DEFAULTS = { capacityShare: 0.01, effect: 0.2 };

const RULES: OptionRules<PlanRankerOptions> = {
  capacityShare: rule.number({ above: 0, max: 1 }),
  effect: rule.number({ above: 0, max: 1 }),
  model: rule.record(),
};

/**
 * The outreach plan as a backtest ranker: at each cut, the network Hawkes model is fitted on the
 * past, `planOutreach` chooses `capacityShare` of the population to avert the most events
 * (knock-on harm included), and those people lead the list in the order chosen; the rest follow
 * by their own expected events. `expected` is the model's risk, so calibration is scored as for
 * `hawkesRanker`. Compare the two on recall at the plan's size: the plan trades a little of its
 * own-risk recall for harm prevented among people close to them. A fit at a cut that is
 * explosive and not identified is refused there (`planOutreach`'s refusal); one that is not
 * identified but not explosive is planned from, and the backtest's warnings and summary name
 * the cuts.
 *
 * @example
 * backtest(data, { cuts: 8, rankers: [hawkesRanker(), planRanker({ capacityShare: 0.01 })] });
 */
export function planRanker(options: PlanRankerOptions = {}): Ranker {
  checkOptions('planRanker', options, RULES);
  // The backtest gives each cut the exits known then: given here, every cut would see them all.
  refuseRankerExits('planRanker', 'model.exits', options.model);
  // The fit's options by its rules, each named under 'model' ('model.start.alfa'), when the
  // ranker is made: they were passed to the fit at each cut unchecked.
  if (options.model) checkRankerFitOptions('planRanker', options.model, 'model');
  const share = options.capacityShare ?? DEFAULTS.capacityShare;
  const effect = options.effect ?? DEFAULTS.effect;
  return {
    name: 'outreach plan',
    rank({ data, asOf, horizonDays, population, retentionYears, exits }) {
      // With standard errors, as hawkesRanker: α under two of them is not identified.
      const model = fitNetworkHawkesForRanking(
        data,
        {
          retentionYears,
          ...options.model,
          asOf,
          // The backtest's exits known at the cut.
          ...(exits ? { exits } : {}),
        },
        // Errors found while fitting name planRanker and the option under 'model'.
        'planRanker',
        'model',
      );
      const risks = model.risk(population, { from: asOf, horizonDays });
      const expected = new Float64Array(population.length);
      const position = new Map<string, number>();
      for (const [i, id] of population.entries()) position.set(id, i);
      let top = 0;
      for (let i = 0; i < risks.length; i++) {
        expected[i] = risks[i].expected;
        if (expected[i] > top) top = expected[i];
      }
      const score = new Float64Array(expected);
      const capacity = Math.max(1, Math.round(share * population.length));
      const plan = planOutreach(data, {
        asOf,
        model,
        capacity,
        effect,
        horizonDays,
        retentionYears,
        cap: Math.max(1000, capacity),
        sensitivity: [effect],
      });
      const ids = plan.list.array('person_id') as string[];
      // Planned people above everyone else, in the order chosen.
      ids.forEach((id, r) => {
        const i = position.get(id);
        if (i !== undefined) score[i] = top + 1 + (ids.length - r);
      });
      const warnings = [notIdentifiedAtCut(model)].filter((w): w is string => w !== undefined);
      const modelWarnings = modelCaveats(model);
      return {
        score,
        expected,
        averted: { list: plan.expected.averted, highestRisk: plan.highestRisk.averted },
        ...(warnings.length ? { warnings } : {}),
        ...(modelWarnings.length > 0 ? { modelWarnings } : {}),
      };
    },
  };
}

planRanker.defaults = Object.freeze({ ...DEFAULTS });
