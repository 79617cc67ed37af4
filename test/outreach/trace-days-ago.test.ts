import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/index.js';
import { rankForOutreach, traceContacts } from '../../src/index.js';
import { makeDataset } from '../helpers.js';

/**
 * A trace read days after its incident counted the "days ago" of its risk reasons from the
 * incident's day: read on 2020-05-18, a homicide of 2020-05-01 was "killed today" in the trace
 * and "killed 17 days ago" in the ranked list made the same morning. Both count from the day the
 * list is read.
 */
const data = makeDataset([
  ['c1', '2020-01-05', 0, ['A', 'V'], []],
  ['c2', '2020-01-20', 0, ['B', 'V'], []],
  ['s1', '2020-02-01', 3, ['X'], ['B']],
  ['s2', '2020-03-01', 3, ['Z'], ['A']],
  ['K', '2020-05-01', 4, ['Y'], ['V']], // V killed
  ['c3', '2020-05-17', 0, ['Q', 'R'], []],
]);
const fitAsOf = (asOf: string) =>
  fitNetworkHawkes(data, {
    asOf,
    start: { mu: 1e-3, alpha: 0.3, beta: 1 / 60 },
    maxIterations: 0,
    refine: false,
    standardErrors: false,
    recordCovariates: false,
    trend: false,
    frailty: false,
    entry: 'window',
    kernel: 'exponential',
  });

describe('traceContacts: days ago in the risk reasons', () => {
  it('counts them from the day the list is read, as the ranked list does', () => {
    const today = '2020-05-18';
    // The CLI's trace: a model that has read the incident (as of the day after it).
    const trace = traceContacts(data, 'K', { model: fitAsOf('2020-05-02'), today }).objects() as {
      person_id: string;
      risk_reason: string | null;
    }[];
    const a = trace.find((r) => r.person_id === 'A')!;
    expect(a.risk_reason).toMatch(/^co-offended with V \(killed 17 days ago\): /);
    for (const r of trace) expect(r.risk_reason ?? '').not.toMatch(/today/);
    const list = rankForOutreach(data, { asOf: today, model: fitAsOf(today) }).objects() as {
      person_id: string;
      reasons: string[];
    }[];
    expect(list.find((r) => r.person_id === 'A')!.reasons[0]).toMatch(
      /^co-offended with V \(killed 17 days ago\): /,
    );
  });
});
