import { checkOptions } from '../core/options.js';
import { EXPOSURE_RANKER_RULES } from './exposure-ranker.js';
import { type ExposureRiskOptions, exposureRiskModel } from './exposure-risk-model.js';
import { modelRanker } from './model-ranker.js';
import type { Ranker } from './ranker.js';

/**
 * Background only: the `background` part of the exposure score (the city's recent rate, scaled
 * by each person's own violent record), with no exposure at all. A model that claims more than
 * this on a city without contagion is claiming what it cannot have.
 */
export function backgroundRanker(options: ExposureRiskOptions = {}): Ranker {
  options = checkOptions('backgroundRanker', options, EXPOSURE_RANKER_RULES);
  return modelRanker(
    'background only',
    ({ data, asOf, retentionYears }) =>
      exposureRiskModel(data, {
        retentionYears,
        ...options,
        asOf,
        weights: { ...options.weights, exposure: 0, ownVictimisation: 0 },
      }),
    { baseline: true },
  );
}

/** Defaults: those of `exposureRiskModel` (`exposure` and `ownVictimisation` weights set to 0). */
backgroundRanker.defaults = Object.freeze({
  ...exposureRiskModel.defaults,
  weights: { ...exposureRiskModel.defaults.weights, exposure: 0, ownVictimisation: 0 },
});
