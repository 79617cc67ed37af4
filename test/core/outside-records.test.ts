import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/index.js';
import {
  cascades,
  exposure,
  exposureCounts,
  groupReciprocity,
  retaliationNullModel,
  retaliations,
} from '../../src/contagion/index.js';
import { coOffendingEdges, coOffendingGraph, victimisationGraph } from '../../src/graph/index.js';
import {
  analyse,
  auditList,
  exposureRiskModel,
  planOutreach,
  rankForOutreach,
} from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/city.js';
import { fiveIncidents, makeDataset, refusal } from '../helpers.js';

const RECORDS = 'the records run from 2023-01-10 to 2023-05-10';

/** Every public function taking asOf whose answer was empty without a word, called as of `asOf`. */
const CALLS: Record<string, (asOf: string, data: ReturnType<typeof fiveIncidents>) => unknown> = {
  coOffendingGraph: (asOf, d) => coOffendingGraph(d, { asOf }),
  coOffendingEdges: (asOf, d) => coOffendingEdges(d, { asOf }),
  victimisationGraph: (asOf, d) => victimisationGraph(d, { asOf }),
  retaliations: (asOf, d) => cascades(retaliations(d, { asOf })),
  exposure: (asOf, d) => exposure(d, { asOf }),
  exposureCounts: (asOf, d) => exposureCounts(d, { asOf }),
  groupReciprocity: (asOf, d) => groupReciprocity(d, { asOf }),
  retaliationNullModel: (asOf, d) => retaliationNullModel(d, { asOf, runs: 2 }),
  exposureRiskModel: (asOf, d) => exposureRiskModel(d, { asOf }),
  auditList: (asOf, d) =>
    auditList(d, rankForOutreach(d, { asOf: '2023-06-01', minEvidence: 1 }), { asOf }),
};

describe('a window outside the records is refused, naming the records’ dates', () => {
  it('an asOf on or before the first record (a wrong year): every analysis refuses, none answers "no network"', () => {
    const data = fiveIncidents();
    for (const [fn, call] of Object.entries(CALLS)) {
      for (const asOf of ['2013-06-01', '2023-01-10']) {
        const e = refusal(() => call(asOf, data));
        expect(e.code, fn).toBe('outside-records');
        expect(e.message).toBe(
          `${fn} refused: no records before the as-of date ${asOf} (${RECORDS}); choose a later asOf.`,
        );
      }
    }
    // rankForOutreach and fitNetworkHawkes refused already (their own words): still refused.
    expect(refusal(() => rankForOutreach(data, { asOf: '2013-06-01' })).code).toBe(
      'outside-records',
    );
    expect(refusal(() => fitNetworkHawkes(data, { asOf: '2013-06-01' })).code).toBe(
      'outside-records',
    );
  });

  it('an asOf so late that every record is past the retention horizon: refused, saying so', () => {
    const data = fiveIncidents();
    for (const [fn, call] of Object.entries(CALLS)) {
      const e = refusal(() => call('2033-06-01', data));
      expect(e.code, fn).toBe('outside-records');
      expect(e.message).toBe(
        `${fn} refused: no records between 2027-06-02 and the as-of date 2033-06-01 (${RECORDS}): all are past the retention horizon; choose an earlier asOf.`,
      );
    }
  });

  it('a since after the last record before asOf: refused naming since', () => {
    const e = refusal(() =>
      coOffendingGraph(fiveIncidents(), { since: '2023-07-01', asOf: '2023-08-01' }),
    );
    expect(e.message).toBe(
      `coOffendingGraph refused: no records between since 2023-07-01 and the as-of date 2023-08-01 (${RECORDS}); choose an earlier since.`,
    );
  });

  it('a window inside the records, a gap between them, and data with no incidents give their answer', () => {
    const data = fiveIncidents();
    for (const call of Object.values(CALLS)) expect(() => call('2023-06-01', data)).not.toThrow();
    // [2023-03-11, 2023-04-01) holds no record, with records on both sides: an empty graph is
    // true of the records.
    const gap = coOffendingGraph(data, { since: '2023-03-11', asOf: '2023-04-01' });
    expect(gap.order).toBe(0);
    expect(retaliations(data, { since: '2023-03-11', asOf: '2023-04-01' }).numRows()).toBe(0);
    const none = makeDataset([]);
    expect(coOffendingGraph(none, { asOf: '2023-06-01' }).order).toBe(0);
    expect(exposure(none, { asOf: '2023-06-01' }).numRows()).toBe(0);
    // The first record's day is out (records strictly before asOf); the day after it is in.
    expect(coOffendingGraph(data, { asOf: '2023-01-11' }).order).toBe(3);
  });

  it("exposureRiskModel's risk from a date on or before the first record: refused naming from", () => {
    const model = exposureRiskModel(fiveIncidents(), { asOf: '2023-06-01' });
    const e = refusal(() => model.risk(['A'], { from: '2022-12-01', horizonDays: 90 }));
    expect(e.code).toBe('outside-records');
    expect(e.message).toBe(
      `model.risk refused: no records before the from date 2022-12-01 (${RECORDS}); choose a later from.`,
    );
    expect(model.risk(['A'], { from: '2023-03-01', horizonDays: 90 })[0].expected).toBeGreaterThan(
      0,
    );
  });

  it('planOutreach as of a date every record is past retention of: refused, not an empty plan', () => {
    const data = synthCity({ people: 600, seed: 3, years: 4 }).data;
    const model = fitNetworkHawkes(data, { asOf: '2022-01-01', standardErrors: false });
    const e = refusal(() => planOutreach(data, { asOf: '2032-01-01', model, capacity: 2 }));
    expect(e.code).toBe('outside-records');
    expect(e.message).toBe(
      'planOutreach refused: no records between 2026-01-01 and the as-of date 2032-01-01 (the records run from 2018-01-01 to 2021-12-31): all are past the retention horizon; choose an earlier asOf.',
    );
  });
});

describe('the lists and the fit refuse an asOf years after the last record in the same words', () => {
  it('rankForOutreach, analyse and fitNetworkHawkes: outside-records, not "no incident of severity 3 or more"', () => {
    const data = fiveIncidents();
    for (const [fn, call] of [
      ['rankForOutreach', () => rankForOutreach(data, { asOf: '2033-06-01' })],
      ['analyse', () => analyse(data, { asOf: '2033-06-01' })],
      ['fitNetworkHawkes', () => fitNetworkHawkes(data, { asOf: '2033-06-01' })],
    ] as const) {
      const e = refusal(call);
      // Before: rankForOutreach and fitNetworkHawkes said no-events ("no incident of severity 3
      // or more between 2027-06-02 and 2033-06-01"), of records that are all past retention.
      expect(e.code, fn).toBe('outside-records');
      expect(e.message).toBe(
        `${fn} refused: no records between 2027-06-02 and the as-of date 2033-06-01 (${RECORDS}): all are past the retention horizon; choose an earlier asOf.`,
      );
    }
  });
});
