import { describe, expect, it } from 'vitest';
import { groupReciprocity } from '../../src/contagion/group-reciprocity.js';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { retaliationNullModel } from '../../src/contagion/retaliation-null.js';
import { retaliations } from '../../src/contagion/retaliations.js';
import { DataRefusedError, InputError } from '../../src/core/errors.js';
import { profileData } from '../../src/core/profile.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { analyse } from '../../src/outreach/analyse.js';
import { backtest } from '../../src/outreach/backtest.js';
import type { Ranker } from '../../src/outreach/index.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { exportList, listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { escapeHtml } from '../../src/report/escape.js';
import { renderReport } from '../../src/report/render-report.js';
import { reportInput } from '../../src/report/report-input.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';

/** What `f` throws. */
function caught(f: () => unknown): Error & { code?: string } {
  try {
    f();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a throw');
}

const flat: Ranker = {
  name: 'flat',
  rank: ({ population }) => ({ score: new Float64Array(population.length).fill(1) }),
};

// Records from 2023-01-05 to 2023-12-20: ten people, serious harm spread over the year.
const specs: IncidentSpec[] = [
  ['A1', '2023-01-05', 1, ['P1', 'P2'], ['P3']],
  ['A2', '2023-03-01', 3, ['P4'], ['P1']],
  ['A3', '2023-05-10', 2, ['P2', 'P5'], ['P6']],
  ['A4', '2023-07-01', 3, ['P6'], ['P2']],
  ['A5', '2023-09-15', 1, ['P7', 'P8'], ['P9']],
  ['A6', '2023-11-01', 3, ['P9'], ['P7']],
  ['A7', '2023-12-20', 0, ['P10', 'P1'], []],
];
const data = makeDataset(specs);

describe('backtest refuses cut dates outside the records', () => {
  it('a cut on or before the first record: outside-records, one line naming the cut and the records', () => {
    const e = caught(() => backtest(data, { cuts: ['2022-06-01'], rankers: [flat] }));
    expect(e).toBeInstanceOf(DataRefusedError);
    expect(e.code).toBe('outside-records');
    expect(e.message).toBe(
      'backtest refused: cut 2022-06-01 lies on or before the first record, so there is nothing to rank from (the records run from 2023-01-05 to 2023-12-20).',
    );
    expect(() => backtest(data, { cuts: ['2023-01-05'], rankers: [flat] })).toThrow(
      DataRefusedError,
    );
  });

  it('a cut after the last record: outside-records (no outcome can be seen)', () => {
    const e = caught(() => backtest(data, { cuts: ['2023-06-01', '2024-03-01'], rankers: [flat] }));
    expect(e.code).toBe('outside-records');
    expect(e.message).toContain('cut 2024-03-01 lies after the last record');
    expect(e.message).not.toContain('\n');
  });

  it('more cuts than fit in the records: refused, saying how many fit', () => {
    // 350 days of records, 90-day horizons: the last cut is 2023-09-22; 3 more fit after 2023-01-05.
    const e = caught(() => backtest(data, { cuts: 12, horizonDays: 90, rankers: [flat] }));
    expect(e.code).toBe('too-little-history');
    expect(e.message).toMatch(/^backtest refused: 12 cuts 90 days apart, .* at most 3 cuts fit\.$/);
    const ok = backtest(data, { cuts: 3, horizonDays: 90, k: [1], rankers: [flat] });
    expect(ok.scores.numRows()).toBe(3);
  });

  it('a horizon running past the last record is a warning, in the result and every table', () => {
    const r = backtest(data, { cuts: ['2023-11-15'], horizonDays: 90, k: [1], rankers: [flat] });
    const w = r.warnings.find((x) => x.includes('runs past the last record'));
    expect(w).toBe(
      'The 90-day horizon after cut 2023-11-15 runs past the last record (2023-12-20): victimisations after it are not in the data, so recall and precision there may be too low.',
    );
    expect(listMetadata(r.table)?.warnings).toContain(w);
    expect(listMetadata(r.scores)?.profile?.incidents).toBe(7);
    const inside = backtest(data, {
      cuts: ['2023-06-01'],
      horizonDays: 90,
      k: [1],
      rankers: [flat],
    });
    expect(inside.warnings.some((x) => x.includes('runs past'))).toBe(false);
  });

  it('data on one date: timing refused (single-date), before any cut is looked at', () => {
    const oneDate = makeDataset(specs.map(([id, , s, o, v]) => [id, '2023-06-01', s, o, v]));
    const e = caught(() => backtest(oneDate, { cuts: 2, rankers: [flat] }));
    expect(e.code).toBe('single-date');
    expect(e.message).toMatch(/^backtest refused: all 7 incidents carry the same date/);
  });

  it('not a dataset: InputError naming backtest', () => {
    expect(() => backtest({ data } as never, { cuts: 1 })).toThrow(InputError);
    expect(() => backtest({ data } as never, { cuts: 1 })).toThrow(/^backtest: expected a dataset/);
  });
});

describe('rankForOutreach refuses data that cannot order people', () => {
  it('no serious event in the window: no-events, saying which window', () => {
    // No serious harm at all, or only in 2010, beyond the 6-year retention window before asOf.
    const withSerious = makeDataset([...specs, ['Z0', '2010-01-01', 4, ['P1'], ['P2']]]);
    const quiet = makeDataset(specs.map(([id, d, s, o, v]) => [id, d, Math.min(s, 2), o, v]));
    const e = caught(() => rankForOutreach(quiet, { asOf: '2024-01-01' }));
    expect(e).toBeInstanceOf(DataRefusedError);
    expect(e.code).toBe('no-events');
    const recent = makeDataset([
      ...specs.map(([id, d, s, o, v]): IncidentSpec => [id, d, Math.min(s, 2), o, v]),
      ['Z0', '2010-01-01', 4, ['P1'], ['P2']],
    ]);
    const w = caught(() => rankForOutreach(recent, { asOf: '2024-01-01' }));
    expect(w.code).toBe('no-events');
    expect(w.message).toBe(
      'rankForOutreach refused: no incident of severity 3 or more from 2018-01-01 to 2023-12-31 (the 6-year window before asOf), so there is no serious harm to learn from and the order would only reflect record dates.',
    );
    // With serious harm in the window the same data are ranked.
    expect(
      rankForOutreach(withSerious, { asOf: '2024-01-01', minEvidence: 1 }).numRows(),
    ).toBeGreaterThan(0);
  });

  it('as of a date before the records, or before any serious event: says so, not "the data"', () => {
    // Records from 2022-12-01, serious harm from 2023-03-01; these used to be refused as "the
    // data hold no incidents" and "no incident … in the data".
    const d = makeDataset([['A0', '2022-12-01', 1, ['P1'], ['P2']], ...specs]);
    for (const fn of ['rankForOutreach', 'analyse'] as const) {
      const run = (asOf: string) =>
        fn === 'analyse' ? analyse(d, { asOf }) : rankForOutreach(d, { asOf });
      const early = caught(() => run('2022-11-01'));
      expect(early.code).toBe('outside-records');
      expect(early.message).toBe(
        `${fn} refused: no records before the as-of date 2022-11-01 (the records run from 2022-12-01 to 2023-12-20); choose a later asOf.`,
      );
      const quiet = caught(() => run('2023-02-01'));
      expect(quiet.code).toBe('no-events');
      expect(quiet.message).toBe(
        `${fn} refused: no incident of severity 3 or more before the as-of date 2023-02-01, so there are no serious events to learn from.`,
      );
      const one = caught(() => run('2022-12-02'));
      expect(one.code).toBe('single-date');
      expect(one.message).toMatch(
        new RegExp(
          `^${fn} refused: there is only one incident before the as-of date 2022-12-02 \\(2022-12-01\\)`,
        ),
      );
    }
  });

  it('an empty list says why (it said nothing: read as "nobody needs support")', () => {
    const list = rankForOutreach(data, { asOf: '2025-06-01' });
    expect(list.numRows()).toBe(0);
    expect(listMetadata(list)?.warnings).toContain(
      'Nobody is listed: none of the 10 people with records from 2019-06-02 to 2025-05-31 has a score above 0 with at least 2 records; the latest record is dated 2023-12-20, 529 days before 2025-06-01.',
    );
    // A list of length 0 asked for is not "nobody is listed" for want of a score.
    const asked = rankForOutreach(data, { asOf: '2024-01-01', limit: 0, minEvidence: 1 });
    expect(asked.numRows()).toBe(0);
    expect(listMetadata(asked)?.warnings?.join(' ')).not.toMatch(/Nobody is listed/);
  });

  it('every incident on one date: single-date', () => {
    const oneDate = makeDataset(specs.map(([id, , s, o, v]) => [id, '2023-06-01', s, o, v]));
    const e = caught(() => rankForOutreach(oneDate, { asOf: '2023-07-01' }));
    expect(e.code).toBe('single-date');
  });

  it('scores tied for most of the list: a warning giving the tie-break rule, in the metadata', () => {
    // Four people with the same record and no harm near them share the background score.
    const tied = makeDataset([
      ['T1', '2023-01-10', 1, ['Q1', 'Q2'], []],
      ['T2', '2023-02-10', 1, ['Q3', 'Q4'], []],
      ['T3', '2023-03-10', 1, ['Q1', 'Q2'], []],
      ['T4', '2023-04-10', 1, ['Q3', 'Q4'], []],
      ['T5', '2023-04-20', 3, ['X1'], ['X2']],
    ]);
    const list = rankForOutreach(tied, { asOf: '2023-06-01' });
    const scores = list.array('score') as Float64Array;
    expect(scores.length).toBe(4);
    expect(new Set(scores).size).toBe(1);
    const warnings = listMetadata(list)?.warnings ?? [];
    expect(warnings).toContain(
      `4 of 4 people listed share the same score (${Number(scores[0].toPrecision(3))}), so the score does not order them; their order is set by the most recent evidence first, then person id.`,
    );
    // …and the order is that rule's.
    expect(list.array('person_id')).toEqual(['Q3', 'Q4', 'Q1', 'Q2']);
  });
});

describe('the data profile travels with the results', () => {
  it('its warnings reach the model, the list, the backtest and the report banner', () => {
    const profile = profileData(data);
    expect(profile.warnings.length).toBeGreaterThan(0); // few serious events in a short span
    const asOf = '2024-01-01';
    const list = rankForOutreach(data, { asOf, minEvidence: 1 });
    expect(listMetadata(list)?.profile).toBe(profile);
    for (const w of profile.warnings) expect(listMetadata(list)?.warnings).toContain(w);
    const bt = backtest(data, { cuts: ['2023-06-01'], k: [1], rankers: [flat] });
    for (const w of profile.warnings) expect(bt.warnings).toContain(w);
    const model = fitNetworkHawkes(data, { asOf, standardErrors: false });
    for (const w of profile.warnings) expect(model.warnings).toContain(w);
    const input = reportInput({ data, asOf, graph: coOffendingGraph(data, { asOf }), list });
    for (const w of profile.warnings) expect(input.warnings).toContain(w);
    const html = renderReport(input);
    const banner = html.slice(html.indexOf('id="vc-warnings"'));
    expect(banner).toContain(escapeHtml(profile.warnings[0]));
  });
});

describe("a model's caveats travel with every list made from it", () => {
  it('rankForOutreach, planOutreach and the report repeat the model warnings (here: not identified, covariates ran off)', () => {
    // Ten people, one record per incident and no shared incidents: nothing identifies the
    // network term and the record covariates run off (one person scored 2.4 expected events in
    // 90 days, the others 1e-8 or less). The list carried none of this: its warnings were empty.
    const day0 = Date.UTC(2020, 0, 1);
    const alone: IncidentSpec[] = Array.from({ length: 30 }, (_, i) => {
      const date = new Date(day0 + i * 20 * 86_400_000).toISOString().slice(0, 10);
      const p = `P${i % 10}`;
      return i % 3 === 0 ? [`I${i}`, date, 3, [], [p]] : [`I${i}`, date, 1, [p], []];
    });
    const d = makeDataset(alone);
    const asOf = '2021-05-15';
    const model = fitNetworkHawkes(d, { asOf });
    expect(model.identified).toBe(false);
    expect(model.warnings.some((w) => /ran off/.test(w))).toBe(true);
    const list = rankForOutreach(d, { asOf, model });
    for (const w of model.warnings) expect(listMetadata(list)?.warnings).toContain(w);
    expect(exportList(list, { format: 'csv' })).toContain('ran off');
    const plan = planOutreach(d, { asOf, model, capacity: 3 });
    for (const w of model.warnings) expect(plan.warnings).toContain(w);
    for (const w of model.warnings) expect(listMetadata(plan.list)?.warnings).toContain(w);
    // The report does not state the share as a finding (it showed "0.0%" bare).
    const input = reportInput({ data: d, asOf, graph: coOffendingGraph(d, { asOf }), list, model });
    const share = input.summary?.find((r) => r.label === 'share attributed to contagion');
    expect(share?.value).toBe('0.0% (not identified: not a finding, see the warnings)');
    expect(renderReport(input)).toContain(
      'The contagion model is not identified on these records (see the warnings): the shares attributed to contagion are not findings.',
    );
  });
});

describe('timing analyses refuse data on one date', () => {
  const oneDate = makeDataset(specs.map(([id, , s, o, v]) => [id, '2023-06-01', s, o, v]));
  it('retaliations, groupReciprocity and retaliationNullModel: single-date, naming themselves', () => {
    for (const [fn, run] of [
      ['retaliations', () => retaliations(oneDate)],
      ['groupReciprocity', () => groupReciprocity(oneDate)],
      ['retaliationNullModel', () => retaliationNullModel(oneDate, { runs: 1 })],
    ] as const) {
      const e = caught(run);
      expect(e.code).toBe('single-date');
      expect(e.message).toMatch(
        new RegExp(`^${fn} refused: all 7 incidents carry the same date \\(2023-06-01\\)`),
      );
    }
  });
  it('unless times of day order the incidents', () => {
    const timed = {
      ...oneDate,
      incidents: oneDate.incidents.map((x, i) => ({
        ...x,
        date: `2023-06-01T${String(10 + i).padStart(2, '0')}:00:00Z`,
        day: x.day + (10 + i) / 24,
      })),
    };
    expect(() => retaliations(timed)).not.toThrow();
  });
});
