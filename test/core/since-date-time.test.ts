import { describe, expect, it } from 'vitest';
import { exposure, exposureCounts } from '../../src/contagion/exposure.js';
import { groupReciprocity } from '../../src/contagion/group-reciprocity.js';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { retaliationNullModel } from '../../src/contagion/retaliation-null.js';
import { retaliations } from '../../src/contagion/retaliations.js';
import { OptionError } from '../../src/core/errors.js';
import { coOffendingEdges } from '../../src/graph/co-offending-edges.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { victimisationGraph } from '../../src/graph/victimisation-graph.js';
import { exposureRiskModel } from '../../src/outreach/exposure-risk-model.js';
import { synthCity } from '../../src/synth/index.js';

const SINCE =
  "since '2022-01-01T12:00' has a time of day: since is a date, and records dated on or after it are used; give '2022-01-01' (that day's records in) or '2022-01-02' (left out)";

describe('a window start given as a date-time', () => {
  const { data } = synthCity({ seed: 1, people: 400 });

  it('since is refused alike by every function, naming the two dates to give', () => {
    // It was read as an instant: the plain-dated records of 2022-01-01 were dropped (573 ties
    // against 571) while the graph's `since` said 2022-01-01.
    const asOf = '2023-10-01';
    const since = '2022-01-01T12:00';
    expect(() => coOffendingEdges(data, { asOf, since })).toThrow(SINCE);
    expect(() => coOffendingGraph(data, { asOf, since })).toThrow(SINCE);
    expect(() => victimisationGraph(data, { asOf, since })).toThrow(SINCE);
    expect(() => retaliations(data, { asOf, since })).toThrow(SINCE);
    expect(() => groupReciprocity(data, { asOf, since })).toThrow(SINCE);
    expect(() => exposureRiskModel(data, { asOf, since })).toThrow(SINCE);
    expect(() => fitNetworkHawkes(data, { asOf, since })).toThrow(SINCE);
    expect(() => coOffendingEdges(data, { asOf, since: new Date('2022-01-01T12:00Z') })).toThrow(
      "since '2022-01-01T12:00:00.000Z' has a time of day",
    );
    // A date keeps that day's records, whatever their time.
    expect(coOffendingEdges(data, { asOf, since: '2022-01-01' }).source.length).toBe(573);
    expect(coOffendingEdges(data, { asOf, since: '2022-01-02' }).source.length).toBe(571);
    expect(
      coOffendingGraph(data, { asOf, since: new Date('2022-01-01') }).getAttribute('since'),
    ).toBe('2022-01-01');
  });

  it('an asOf or since that is not a date, or has a time of day, is an OptionError naming the function and the option', () => {
    // Before: a RangeError naming neither ("asOf 'soon' is not a valid date: …"), and
    // coOffendingGraph's named the coOffendingEdges it calls (since on or after asOf named it).
    const calls: [string, (o: object) => unknown][] = [
      ['coOffendingEdges', (o) => coOffendingEdges(data, o)],
      ['coOffendingGraph', (o) => coOffendingGraph(data, o)],
      ['victimisationGraph', (o) => victimisationGraph(data, o)],
      ['retaliations', (o) => retaliations(data, o)],
      ['groupReciprocity', (o) => groupReciprocity(data, o)],
      ['retaliationNullModel', (o) => retaliationNullModel(data, o)],
      ['exposure', (o) => exposure(data, o)],
      ['exposureCounts', (o) => exposureCounts(data, o)],
      ['fitNetworkHawkes', (o) => fitNetworkHawkes(data, o)],
    ];
    for (const [fn, call] of calls) {
      expect(() => call({ asOf: 'soon' }), fn).toThrow(
        expect.objectContaining({
          name: 'OptionError',
          fn,
          option: 'asOf',
          message: `${fn}: asOf 'soon' is not a valid date: expected text 'YYYY-MM-DD' (such as '2023-07-01'), a Date, or a day number`,
        }),
      );
      if (fn === 'exposure' || fn === 'exposureCounts') continue; // no since option
      expect(() => call({ asOf: '2023-10-01', since: '2022-01-01T12:00' }), fn).toThrow(
        expect.objectContaining({
          name: 'OptionError',
          fn,
          option: 'since',
          message: `${fn}: ${SINCE}`,
        }),
      );
    }
  });

  it('outcomeSince is refused with its own wording', () => {
    expect(() =>
      fitNetworkHawkes(data, { asOf: '2023-10-01', outcomeSince: '2022-01-01T12:00' }),
    ).toThrow(
      "outcomeSince '2022-01-01T12:00' has a time of day: outcomeSince is a date, and events dated on or after it are modelled; give '2022-01-01' (that day's events modelled) or '2022-01-02' (left out)",
    );
  });

  it('a since on or after asOf (swapped dates) is refused alike by every function, not read as an empty window', () => {
    // Before: coOffendingGraph 0 people, coOffendingEdges 0 ties, retaliations 0 links, no word.
    const swapped =
      'since 2023-10-01 is on or after asOf 2022-01-01: the window [since, asOf) holds no records. Give a since before asOf (were the two dates swapped?).';
    const o = { asOf: '2022-01-01', since: '2023-10-01' };
    expect(() => coOffendingEdges(data, o)).toThrow(swapped);
    expect(() => coOffendingGraph(data, o)).toThrow(swapped);
    expect(() => victimisationGraph(data, o)).toThrow(swapped);
    expect(() => retaliations(data, o)).toThrow(swapped);
    expect(() => groupReciprocity(data, o)).toThrow(swapped);
    expect(() => exposureRiskModel(data, o)).toThrow(swapped);
    expect(() => coOffendingEdges(data, { asOf: '2022-01-01', since: '2022-01-01' })).toThrow(
      'since 2022-01-01 is on or after asOf 2022-01-01',
    );
    expect(() => coOffendingEdges(data, { since: '2099-01-01' })).toThrow(
      /^coOffendingEdges: since 2099-01-01 is after the latest record \(\d{4}-\d\d-\d\d\): the window from since holds no records/,
    );
    // With no records and no asOf there is no latest record: the graph is empty, with a since
    // as without (before: 'since 2020-01-01 is after the latest record (1969-12-31)').
    const empty = { ...data, incidents: [], involvements: [] };
    expect(coOffendingGraph(empty, { since: '2020-01-01' }).order).toBe(
      coOffendingGraph(empty).order,
    );
    // A since before asOf is as before.
    expect(
      coOffendingEdges(data, { asOf: '2023-10-01', since: '2022-01-01' }).source.length,
    ).toBeGreaterThan(0);
  });

  it('the refusal names the function called (OptionError.fn and the message), not the shared window', () => {
    // Before: fn 'window' and a message naming no function, whichever was called.
    const o = { asOf: '2022-01-01', since: '2023-10-01' };
    const calls: [string, () => unknown][] = [
      ['coOffendingEdges', () => coOffendingEdges(data, o)],
      ['coOffendingGraph', () => coOffendingGraph(data, o)],
      ['victimisationGraph', () => victimisationGraph(data, o)],
      ['retaliations', () => retaliations(data, o)],
      ['groupReciprocity', () => groupReciprocity(data, o)],
      ['retaliationNullModel', () => retaliationNullModel(data, o)],
      ['exposureRiskModel', () => exposureRiskModel(data, o)],
      ['fitNetworkHawkes', () => fitNetworkHawkes(data, o)],
    ];
    for (const [fn, call] of calls) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OptionError);
      expect([(error as OptionError).fn, (error as OptionError).option]).toEqual([fn, 'since']);
      expect((error as Error).message.startsWith(`${fn}: since 2023-10-01 is on or after`)).toBe(
        true,
      );
    }
  });
});
