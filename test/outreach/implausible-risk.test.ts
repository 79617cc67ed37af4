import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/index.js';
import { DataRefusedError } from '../../src/core/errors.js';
import { planOutreach, rankForOutreach, traceContacts } from '../../src/outreach/index.js';
import { cityEventCeiling } from '../../src/outreach/plausible-risk.js';
import { synthCity } from '../../src/synth/index.js';

// The city of the run-off covariate (300 people, 4 years, 9 serious events, at most 2 in any 90
// days): the fit now drops the covariate; parameters given, not fitted (maxIterations 0, μ 0.5 a
// day), forecast as absurdly as the run-off fit did (thousands of events a person in 90 days).
const { data } = synthCity({ people: 300, seed: 2, years: 4 });

describe('a model whose forecasts exceed anything the records could support is no basis for outreach', () => {
  const fitted = fitNetworkHawkes(data);
  const given = fitNetworkHawkes(data, {
    maxIterations: 0,
    standardErrors: false,
    frailty: false,
    start: { mu: 0.5 },
  });
  const asOf = fitted.diagnostics.asOf;

  it("measures the city's busiest horizon-length window of the fit's events", () => {
    const c = cityEventCeiling(fitted, 90);
    expect(c?.events).toBe(2);
    expect(c?.windowDays).toBe(90);
    // A horizon longer than the window: the window's 9 events scaled up to it.
    const long = cityEventCeiling(fitted, 2 * 1459);
    expect(long?.events).toBeCloseTo(18, 9);
    // The exposure score has no fit: no ceiling.
    expect(cityEventCeiling({ name: 'x', risk: () => [] }, 90)).toBeNull();
  });

  it('rankForOutreach, planOutreach and traceContacts refuse it, saying why', () => {
    const top = Math.max(
      ...given.risk(undefined, { from: asOf, horizonDays: 90 }).map((r) => r.expected),
    );
    expect(top).toBeGreaterThan(300);
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as DataRefusedError;
      }
      throw new Error('not refused');
    };
    const rank = refusal(() => rankForOutreach(data, { asOf, model: given }));
    expect(rank).toBeInstanceOf(DataRefusedError);
    expect(rank.code).toBe('not-identified');
    expect(rank.message).toMatch(
      /^rankForOutreach: the model 'network-hawkes' expects \d+ people to have more serious-violence events in 90 days \(up to [\d,.]+\) than the whole city had in any 90 days of the records it was fitted on \(at most 2, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)\. .*Rank with the exposure score \(leave out the model\), or fit the model on more records$/,
    );
    const plan = refusal(() => planOutreach(data, { asOf, model: given, capacity: 5 }));
    expect(plan.message).toMatch(
      /^planOutreach: the model 'network-hawkes' expects .*Fit the model on more records$/,
    );
    const incident = data.incidents.find((i) => i.severity >= 3 && i.date < asOf)!;
    const trace = refusal(() => traceContacts(data, incident.incident_id, { asOf, model: given }));
    expect(trace.message).toMatch(
      /^traceContacts: the model 'network-hawkes' expects .*Trace without the model/,
    );
  });

  it('passes the fitted model, whose top person is far under the ceiling', () => {
    const list = rankForOutreach(data, { asOf, model: fitted });
    const expected = list.array('expected_events') as ArrayLike<number>;
    expect(expected.length).toBeGreaterThan(0);
    expect(Math.max(...Array.from(expected))).toBeLessThan(0.1);
  });
});
