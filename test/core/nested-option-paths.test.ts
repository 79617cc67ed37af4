import { describe, expect, it } from 'vitest';
import { hawkesInference } from '../../src/contagion/hawkes/index.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../src/synth/index.js';
import { makeDataset } from '../helpers.js';

// Before: "<fn> <nested>: unknown option 'x'" (hawkesInference's fit: only when the first refit
// ran, as fitNetworkHawkes's); now the path form analyse's plan uses since 4cfc311.
const data = makeDataset([
  ['I1', '2023-01-10', 0, ['A', 'B'], []],
  ['I2', '2023-03-01', 3, [], ['A']],
]);
const asOf = '2023-06-01';

describe('nested options are named by their full path, with the closest name', () => {
  it("hawkesInference checks its fit with the fit's rules before any fit runs", () => {
    expect(() => hawkesInference(data, { fit: { strat: { alpha: 0.1 } } as never })).toThrow(
      "hawkesInference: unknown option 'fit.strat'. Did you mean 'fit.start'? Valid options of fit:",
    );
    expect(() => hawkesInference(data, { fit: { start: { alfa: 0.1 } } as never })).toThrow(
      "hawkesInference: unknown option 'fit.start.alfa'. Did you mean 'fit.start.alpha'?",
    );
    expect(() => hawkesInference(data, { fit: { maxLagDays: -1 } })).toThrow(
      "hawkesInference: option 'fit.maxLagDays' must be a number > 0, got -1.",
    );
    expect(() =>
      hawkesInference(data, { fit: { recordCovariates: { priorIncident: true } as never } }),
    ).toThrow(
      "hawkesInference: unknown option 'fit.recordCovariates.priorIncident'. Did you mean 'fit.recordCovariates.priorIncidents'?",
    );
  });

  it('rankForOutreach and planOutreach name minEvidence.records', () => {
    expect(() => rankForOutreach(data, { asOf, minEvidence: { record: 2 } as never })).toThrow(
      "rankForOutreach: unknown option 'minEvidence.record'. Did you mean 'minEvidence.records'?",
    );
    expect(() =>
      planOutreach(data, { asOf, model: {} as never, capacity: 1, minEvidence: { records: 0 } }),
    ).toThrow("planOutreach: option 'minEvidence.records' must be a whole number ≥ 1, got 0.");
  });

  it("synthCity names its nested world's and feud's options", () => {
    expect(() => synthCity({ people: 200, feud: { rivalry: 3 } as never })).toThrow(
      /^synthCity: unknown option 'feud\.rivalry'\. Did you mean 'feud\.rivalries'\?/,
    );
    const world = { hotPeriods: { meanDayz: 3 } } as never;
    expect(() => synthCity({ people: 200, world })).toThrow(
      /^synthCity: unknown option 'world\.hotPeriods\.meanDayz'\. Did you mean 'world\.hotPeriods\.meanDays'\?/,
    );
  });
});
