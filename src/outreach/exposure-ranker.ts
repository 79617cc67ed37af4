import { checkOptions, type OptionRules } from '../core/options.js';
import {
  EXPOSURE_RISK_RULES,
  type ExposureRiskOptions,
  exposureRiskModel,
} from './exposure-risk-model.js';
import { modelRanker } from './model-ranker.js';
import type { Ranker } from './ranker.js';

/** The options of the exposure-score rankers: those of `exposureRiskModel`; the cut sets `asOf`. */
export const EXPOSURE_RANKER_RULES: OptionRules<ExposureRiskOptions> = {
  ...EXPOSURE_RISK_RULES,
  asOf: () => 'set by the backtest at each cut (leave it out)',
};

/**
 * The transparent exposure score ({@link exposureRiskModel}) as a ranker; options are those of
 * `exposureRiskModel` except `asOf` (each cut), with the backtest's `retentionYears` unless set.
 */
export function exposureRanker(options: ExposureRiskOptions = {}): Ranker {
  options = checkOptions('exposureRanker', options, EXPOSURE_RANKER_RULES);
  return modelRanker('exposure score', ({ data, asOf, retentionYears }) =>
    exposureRiskModel(data, { retentionYears, ...options, asOf }),
  );
}

/** Defaults: those of `exposureRiskModel`. */
exposureRanker.defaults = exposureRiskModel.defaults;
