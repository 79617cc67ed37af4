import { describe, expect, it } from 'vitest';
import {
  exposureRiskModel,
  fitNetworkHawkes,
  hawkesInference,
  rankForOutreach,
  synthCity,
} from '../../src/index.js';

// A user new to the library passes the fitted model where the data go (hawkesInference(model),
// rankForOutreach(model, …)): the refusal says what it got and what to pass instead.
describe('a fitted model given where a dataset is expected', () => {
  const { data } = synthCity({ people: 300, seed: 2, years: 3 });
  const model = fitNetworkHawkes(data, { asOf: '2020-07-01', standardErrors: false });

  it('hawkesInference names the model and says to pass the data and the fit options', () => {
    // Before: "hawkesInference: expected a dataset (incidents, involvements, people), got object".
    expect(() => hawkesInference(model as never, {})).toThrow(
      "hawkesInference: expected a dataset (incidents, involvements and people arrays, e.g. from ingest or synthCity), got a fitted model ('network-hawkes'). Pass the dataset the model was fitted to: it refits the records itself (give the fit's options as `fit`).",
    );
    // Each caller's own advice: fitNetworkHawkes(model) was told that hawkesInference refits.
    expect(() => fitNetworkHawkes(model as never)).toThrow(
      "fitNetworkHawkes: expected a dataset (incidents, involvements and people arrays, e.g. from ingest or synthCity), got a fitted model ('network-hawkes'). Pass the records to fit: a fitted model is what it returns.",
    );
    expect(() => fitNetworkHawkes(null as never)).toThrow(
      'fitNetworkHawkes: expected a dataset (incidents, involvements and people arrays, e.g. from ingest or synthCity), got null.',
    );
  });

  it('rankForOutreach given a model (its own or an exposure model) says the same', () => {
    // Before: "… got an object with 'name', 'description', 'parameters', …".
    expect(() => rankForOutreach(model as never, { asOf: '2020-07-01' })).toThrow(
      "rankForOutreach: expected a dataset (incidents, involvements and people arrays, e.g. from ingest or synthCity), got a fitted model ('network-hawkes'). Pass the dataset the model was fitted to (and the model as the `model` option, where one is taken).",
    );
    const exposureModel = exposureRiskModel(data, { asOf: '2020-07-01' });
    expect(() => rankForOutreach(exposureModel as never, { asOf: '2020-07-01' })).toThrow(
      /got a fitted model \('.+'\)\. Pass the dataset/,
    );
  });
});
