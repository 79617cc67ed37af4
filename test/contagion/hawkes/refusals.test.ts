import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { OptionError } from '../../../src/core/errors.js';
import { rankForOutreach } from '../../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../../src/outreach/trace-contacts.js';
import { makeDataset, refusal } from '../../helpers.js';
import { generateNetworkHawkesCity } from './generate.js';

describe('fitNetworkHawkes refuses data it cannot answer', () => {
  const ordinary = makeDataset([
    ['o1', '2020-01-10', 0, ['A', 'B'], []],
    ['o2', '2020-06-10', 1, ['B', 'C'], []],
  ]);

  it('with no events: code no-events, saying what to widen', () => {
    const e = refusal(() => fitNetworkHawkes(ordinary));
    expect(e.code).toBe('no-events');
    expect(e.message).toMatch(/minSeverity/);
  });

  it('with since or outcomeSince on or after asOf: says the window is empty, not "no events from a later date to an earlier one"', () => {
    const e = refusal(() =>
      fitNetworkHawkes(ordinary, { asOf: '2020-06-01', outcomeSince: '2020-07-01' }),
    );
    expect(e.message).toBe(
      'fitNetworkHawkes: the outcome window is empty: it starts on 2020-07-01 (since, outcomeSince or the first record), on or after asOf 2020-06-01; give since and outcomeSince before asOf',
    );
  });

  it('with the as-of date before any record: code outside-records', () => {
    expect(refusal(() => fitNetworkHawkes(ordinary, { asOf: '2019-01-01' })).code).toBe(
      'outside-records',
    );
  });

  it('with every event on one date: code single-date, never NaN', () => {
    const oneDay = makeDataset([
      ['o1', '2020-01-10', 0, ['A', 'B'], []],
      ['s1', '2020-05-01', 3, [], ['A']],
      ['s2', '2020-05-01', 3, [], ['B']],
      ['o2', '2020-09-01', 0, ['A', 'B'], []],
    ]);
    expect(refusal(() => fitNetworkHawkes(oneDay)).code).toBe('single-date');
    // One event: said so (it read "all 1 events fall on one date").
    const once = makeDataset([
      ['o1', '2020-01-10', 0, ['A', 'B'], []],
      ['s1', '2020-05-01', 3, [], ['A']],
      ['o2', '2020-09-01', 0, ['A', 'B'], []],
    ]);
    const e = refusal(() => fitNetworkHawkes(once));
    expect(e.code).toBe('single-date');
    // …and not as a problem of dates ("check the dates (a default date filled in?)").
    expect(e.message).toBe(
      'fitNetworkHawkes: only one event from 2020-01-10 to 2020-09-02 (on 2020-05-01): contagion needs events on two days or more; widen the window (since, outcomeSince, asOf, retentionYears) or lower minSeverity',
    );
  });

  it('with every event on the day its person is first recorded: not converged, not identified, said so', () => {
    // Entry at first record conditions those events out: nothing was modelled, μ fitted 0 and
    // every forecast was 0, reported as converged with no word of why.
    const entries = makeDataset([
      ['o1', '2020-01-10', 0, ['A', 'B'], []],
      ['s1', '2020-03-01', 3, [], ['X']],
      ['o2', '2020-05-10', 1, ['B', 'C'], []],
      ['s2', '2020-06-20', 3, [], ['Y']],
      ['o3', '2020-08-01', 0, ['A', 'C'], []],
    ]);
    const m = fitNetworkHawkes(entries, { asOf: '2020-09-01' });
    expect(m.diagnostics.entryEvents).toBe(2);
    expect(m.converged).toBe(false);
    expect(m.identified).toBe(false);
    expect(m.warnings.join(' ')).toMatch(
      /All 2 serious events in the window fall on the day their person is first recorded.*every forecast is 0/,
    );
    // With everyone at risk from the window start the same records are modelled.
    expect(
      fitNetworkHawkes(entries, { asOf: '2020-09-01', entry: 'window' }).warnings.join(' '),
    ).not.toMatch(/first recorded/);
  });

  it('with a window too short to tell delays from the background: code not-identified', () => {
    const short = makeDataset([
      ['o1', '2020-01-01', 0, ['A', 'B'], []],
      ['s1', '2020-01-10', 3, [], ['A']],
      ['s2', '2020-01-20', 3, [], ['B']],
      ['o2', '2020-01-30', 0, ['A', 'B'], []],
    ]);
    const e = refusal(() => fitNetworkHawkes(short));
    expect(e.code).toBe('not-identified');
    expect(e.message).toMatch(/widen/);
  });

  it('checks its options, naming the closest valid one, and publishes its defaults', () => {
    expect(() => fitNetworkHawkes(ordinary, { maxLagDay: 10 } as never)).toThrow(OptionError);
    expect(() => fitNetworkHawkes(ordinary, { maxLagDay: 10 } as never)).toThrow(/maxLagDays/);
    expect(() => fitNetworkHawkes(ordinary, { trend: 'month' } as never)).toThrow(OptionError);
    expect(fitNetworkHawkes.defaults).toMatchObject({
      minSeverity: 3,
      maxLagDays: 730,
      trend: 'year',
      entry: 'first-record',
      homicideExit: true,
    });
  });
});

describe('fitNetworkHawkes flags a kernel it does not identify', () => {
  it('on a world without contagion: share near zero, identified false, never NaN', () => {
    const { data } = generateNetworkHawkesCity({
      people: 1500,
      years: 4,
      seed: 12,
      mu: 3e-4,
      alpha: 0,
      beta: 1 / 40,
    });
    const m = fitNetworkHawkes(data);
    expect(m.identified).toBe(false);
    expect(m.warnings.length).toBeGreaterThan(0);
    expect(m.contagionShare).toBeLessThan(0.05);
    for (const v of [
      m.parameters.mu,
      m.parameters.alpha,
      m.parameters.beta,
      m.delays.mean,
      m.delays.median,
      m.delays.kernelMean,
    ])
      expect(Number.isFinite(v)).toBe(true);
  });

  it('keeps β inside delayRangeDays and says so when it runs to an end', () => {
    const { data } = generateNetworkHawkesCity({
      people: 1500,
      years: 4,
      seed: 13,
      mu: 3e-4,
      alpha: 0.12,
      beta: 1 / 40,
    });
    const m = fitNetworkHawkes(data, { delayRangeDays: [60, 400] });
    expect(1 / m.parameters.beta).toBeGreaterThanOrEqual(60 - 1e-9);
    expect(m.diagnostics.betaAtBound).toBe(true);
    expect(m.identified).toBe(false);
    expect(m.converged).toBe(false);
    expect(m.warnings.join(' ')).toMatch(/shortest/);
  });

  it('says a delay pinned by delayRangeDays was pinned, not that it ran to an end', () => {
    const { data } = generateNetworkHawkesCity({
      people: 600,
      years: 3,
      seed: 13,
      mu: 3e-4,
      alpha: 0.12,
      beta: 1 / 40,
    });
    const m = fitNetworkHawkes(data, { delayRangeDays: [30, 30] });
    expect(1 / m.parameters.beta).toBeCloseTo(30, 9);
    expect(m.identified).toBe(false);
    expect(m.diagnostics.betaAtBound).toBe(true);
    const w = m.warnings.join(' ');
    expect(w).not.toMatch(/ran to the/);
    expect(w).toMatch(/pinned by delayRangeDays \[30, 30\]/);
    expect(w).toMatch(/conditional on that delay/);
    expect(m.kernel.choice?.reason).toMatch(/pinned by delayRangeDays/);
  });

  it('says a delay pinned under a day is under 1 day, not "1/β = 0.0 days"', () => {
    const { data } = generateNetworkHawkesCity({
      people: 600,
      years: 3,
      seed: 13,
      mu: 3e-4,
      alpha: 0.12,
      beta: 1 / 40,
    });
    const m = fitNetworkHawkes(data, { delayRangeDays: [0.04, 0.04] });
    const w = m.warnings.join(' ');
    expect(w).toContain('pinned by delayRangeDays [0.04, 0.04] (1/β: under 1 day), not estimated');
    expect(w).not.toMatch(/0\.0 days/);
    expect(fitNetworkHawkes(data, { delayRangeDays: [30, 30] }).warnings.join(' ')).toContain(
      '(1/β: 30 days)',
    );
  });
});

describe('lists and traces refuse a model fitted on records from their future', () => {
  const { data } = generateNetworkHawkesCity({
    people: 400,
    years: 3,
    seed: 3,
    mu: 5e-4,
    alpha: 0.1,
    beta: 1 / 40,
  });
  const model = fitNetworkHawkes(data, { standardErrors: false });
  const early = '2019-06-01';

  it('rankForOutreach: code model-from-future', () => {
    const e = refusal(() => rankForOutreach(data, { asOf: early, model }));
    expect(e.code).toBe('model-from-future');
    expect(e.message).toMatch(/asOf/);
    const ok = fitNetworkHawkes(data, { asOf: early, standardErrors: false });
    expect(() => rankForOutreach(data, { asOf: early, model: ok })).not.toThrow();
  });

  it('traceContacts: code model-from-future', () => {
    const inc = data.incidents.find((i) => i.day > model.lastRecordDay - 400 && i.severity >= 3)!;
    const e = refusal(() => traceContacts(data, inc.incident_id, { model }));
    expect(e.code).toBe('model-from-future');
    // The way out for a model updated with the shooting: the day after its latest record (the
    // message said only to refit as of the trace's date, wrong advice for an updated model).
    const after = new Date((Math.floor(model.lastRecordDay) + 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(e.message).toContain(`make this as of ${after}, the day after its latest record`);
  });
});
