import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { backtest } from '../../src/outreach/backtest.js';
import {
  degreeRanker,
  exposureRanker,
  priorVictimisationsRanker,
  type Ranker,
  randomRanker,
  victimisedAssociatesRanker,
} from '../../src/outreach/index.js';
import { listMetadata, PURPOSE_LABEL } from '../../src/outreach/purpose.js';
import { hitsAt, recallCurves } from '../../src/report/chart-data.js';
import { synthCity } from '../../src/synth/city.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';
import { rows, type ScoreRow, type TopKRow } from './fixtures.js';

// Ten people with one record each in 2022; P2 is seriously harmed on 2022-11-01 (inside the
// horizon before the cut); after the cut 2023-01-01, P1, P3 and P11 (unknown at the cut) are.
const ids = Array.from({ length: 10 }, (_, i) => `P${i + 1}`);
const specs: IncidentSpec[] = [
  ...ids.map((id, i): IncidentSpec => [`R${i + 1}`, '2022-01-01', 0, [id], []]),
  ['S0', '2022-11-01', 3, [], ['P2']],
  ['S1', '2023-01-05', 3, [], ['P1']],
  ['S2', '2023-02-01', 3, [], ['P3']],
  ['S3', '2023-03-01', 3, [], ['P11']],
];
const data = makeDataset(specs);
const cut = '2023-01-01';
const cutDay = toDay(cut);

/** Scores P1 > P2 > … > P10; with `expected`, 0.1 for everyone. Records what it was given. */
function fixedRanker(withExpected: boolean, seen: number[] = []): Ranker {
  return {
    name: withExpected ? 'fixed with expectations' : 'fixed',
    rank({ data, population }) {
      seen.push(Math.max(...data.incidents.map((x) => x.day)));
      const score = Float64Array.from(population, (id) => 100 - Number(id.slice(1)));
      return withExpected
        ? { score, expected: new Float64Array(population.length).fill(0.1) }
        : { score };
    },
  };
}

const tied: Ranker = {
  name: 'all tied',
  rank: ({ population }) => ({
    score: new Float64Array(population.length).fill(1),
    expected: new Float64Array(population.length).fill(0.1),
  }),
};

describe('backtest', () => {
  it('precision, recall, lift, PR-AUC and log-likelihood equal the hand-computed values', () => {
    const r = backtest(data, {
      cuts: [cut],
      k: [1, 3, '20%', '25%'],
      rankers: [fixedRanker(true)],
    });
    const rs = rows<TopKRow>(r.table);
    expect(rs.map((x) => [x.k, x.k_n, x.hits])).toEqual([
      ['1', 1, 1],
      ['3', 3, 2],
      ['20%', 2, 1],
      ['25%', 3, 2], // 25% of 10 people rounds up to 3
    ]);
    expect(rs[0].precision).toBe(1);
    expect(rs[0].recall).toBeCloseTo(1 / 3, 15); // P11 was unknown at the cut, but is a victim
    expect(rs[0].lift).toBeCloseTo(5, 12); // precision 1 ÷ victim rate 2/10
    expect(rs[1].precision).toBeCloseTo(2 / 3, 15);
    const s = rows<ScoreRow>(r.scores)[0];
    expect(s).toMatchObject({
      population: 10,
      victims: 3,
      victims_known: 2,
      expected_source: 'model',
      observed: 2,
    });
    expect(s.pr_auc).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 15); // hits at ranks 1 and 3
    const p = 1 - Math.exp(-0.1);
    expect(s.log_lik).toBeCloseTo(2 * Math.log(p) + 8 * Math.log(1 - p), 12);
    expect(s.expected).toBeCloseTo(1, 12);
  });

  it('a tie straddling k shares its hits pro rata, and PR-AUC treats it as one threshold', () => {
    const r = backtest(data, { cuts: [cut], k: [1], rankers: [tied] });
    expect(rows<TopKRow>(r.table)[0].hits).toBeCloseTo(0.2, 15);
    expect(rows<ScoreRow>(r.scores)[0].pr_auc).toBeCloseTo(0.2, 15);
  });

  it('scores that differ only by rounding noise are one tie group (pro rata hits, one PR-AUC threshold)', () => {
    // 1 + i·1e-15: every score distinct, by noise alone (before: hits 0 or 1 by that noise).
    const noisy: Ranker = {
      name: 'tied but for noise',
      rank: ({ population }) => ({
        score: Float64Array.from(population, (_, i) => 1 + i * 1e-15),
        expected: new Float64Array(population.length).fill(0.1),
      }),
    };
    const r = backtest(data, { cuts: [cut], k: [1], rankers: [noisy] });
    expect(rows<TopKRow>(r.table)[0].hits).toBeCloseTo(0.2, 15);
    expect(rows<ScoreRow>(r.scores)[0].pr_auc).toBeCloseTo(0.2, 15);
    // The report's recall curve counts the same way.
    expect(hitsAt([1, 1 + 1e-15, 1 + 2e-15, 0.5], [0, 0, 1, 1], [1, 3, 4])).toEqual([1 / 3, 1, 2]);
  });

  it('rankers without expectations are calibrated by rank on the horizon before the cut', () => {
    const r = backtest(data, {
      cuts: [cut],
      k: [1],
      rankers: [fixedRanker(false)],
      keepScores: true,
    });
    // One horizon earlier (2022-10-03) the same order; P2 (2nd, mid-rank share 0.15, band
    // 10–20%) was harmed. Rate per band = (events + 10 × 0.1) / (people + 10).
    const want = [1 / 11, 2 / 11, 1 / 13, 1 / 13, 1 / 13, 1 / 15, 1 / 15, 1 / 15, 1 / 15, 1 / 15];
    const { person_id, expected } = r.rankings![0];
    person_id.forEach((id, i) => {
      expect(expected[i]).toBeCloseTo(want[Number(id.slice(1)) - 1], 15);
    });
    expect(rows<ScoreRow>(r.scores)[0].expected_source).toBe('rank');
  });

  it('with no victim in the horizon before the cut, the by-rank rates shrink towards the longer past', () => {
    // P2 harmed on 2022-06-01, before the horizon before the cut (2022-10-03 to 2023-01-01).
    const quiet = makeDataset(
      specs.map((x) => (x[0] === 'S0' ? ['S0', '2022-06-01', 3, [], ['P2']] : x)),
    );
    const r = backtest(quiet, {
      cuts: [cut],
      k: [1],
      rankers: [fixedRanker(false)],
      keepScores: true,
    });
    // Every band forecast 0 events for everyone, so each of the victims P1 and P3 cost the ranker
    // ln(1e-9): log-likelihood −41.4. Now the rate over the records before the cut, 1 event among
    // 10 people in the 365 days from 2022-01-01, per 90 days: r = 0.1 × 90 / 365; band rates
    // (0 + 10 r) / (people + 10).
    const rate = (0.1 * 90) / 365;
    const want = [11, 11, 13, 13, 13, 15, 15, 15, 15, 15].map((n) => (10 * rate) / n);
    const { person_id, expected } = r.rankings![0];
    person_id.forEach((id, i) => {
      expect(expected[i]).toBeCloseTo(want[Number(id.slice(1)) - 1], 15);
    });
    const p = (x: number) => 1 - Math.exp(-x);
    let ll = 0;
    person_id.forEach((id, i) => {
      ll += id === 'P1' || id === 'P3' ? Math.log(p(expected[i])) : Math.log(1 - p(expected[i]));
    });
    expect(rows<ScoreRow>(r.scores)[0].log_lik).toBeCloseTo(ll, 12);
    expect(ll).toBeCloseTo(-7.926, 3);
  });

  it('a cut with no victim has no recall: null, and left out of the mean', () => {
    // The victims S1-S3 fall in the horizon after 2023-01-01; none after 2023-04-01 (to 06-30).
    const later = makeDataset([...specs, ['R0', '2023-06-30', 0, ['P4'], []]]);
    const r = backtest(later, {
      cuts: ['2023-01-01', '2023-04-01'],
      k: [3],
      rankers: [fixedRanker(true)],
    });
    // Recall at 2023-04-01 was 0 (as if every victim had been missed), and the summary's mean
    // recall@3 was 0.333 (2/3 and 0 over two cuts).
    expect(rows<TopKRow>(r.table).map((x) => [x.cut, x.recall])).toEqual([
      ['2023-01-01', 2 / 3],
      ['2023-04-01', null],
    ]);
    expect(r.summary).toContain('fixed with expectations | 0.667 |');
    // The victims line counts people, expected/observed counts events over every cut: the
    // summary read "Victims … mean 82" beside "…/83" with no unit (userhunt).
    expect(r.summary).toContain('Victims per horizon (people harmed): mean ');
    expect(r.summary).toContain('| expected/observed events (all cuts)');
    // The report's recall curve too (it drew 1/3 at 3 people).
    const [curve] = recallCurves(r);
    expect(curve.points.find((p) => p.k === 3)).toEqual({
      k: 3,
      recall: 2 / 3,
      low: 2 / 3,
      high: 2 / 3,
    });
  });

  it('with no victim in any horizon, the summary compares no ranker with the baselines', () => {
    const later = makeDataset([...specs, ['R0', '2023-06-30', 0, ['P4'], []]]);
    const r = backtest(later, {
      cuts: ['2023-04-01'],
      k: [3],
      rankers: [{ ...fixedRanker(false), name: 'baseline', baseline: true }, fixedRanker(true)],
    });
    // Read 'fixed with expectations: log-likelihood +0.774 against the best baseline (baseline)',
    // a comparison on nobody harmed (the baseline expected 1.87 events, the other 1.10).
    expect(r.summary).not.toContain('against the best baseline');
    expect(r.summary).toContain(
      'No victim in the horizon: there is nothing to score the rankers on.',
    );
  });

  it('a log-likelihood that rounds to zero reads 0.000, not -0.000', () => {
    const tiny: Ranker = {
      name: 'tiny',
      rank: ({ population }) => ({
        score: new Float64Array(population.length),
        expected: new Float64Array(population.length).fill(1e-8),
      }),
    };
    const later = makeDataset([...specs, ['R0', '2023-06-30', 0, ['P4'], []]]);
    const r = backtest(later, { cuts: ['2023-04-01'], k: [3], rankers: [tiny] });
    expect(r.summary).toContain('tiny | n/a | n/a | 0.000 | 0.000/0');
  });

  it('every ranker gets only records dated before the cut, in the rank calibration too', () => {
    const seen: number[] = [];
    backtest(data, { cuts: [cut], rankers: [fixedRanker(false, seen)] });
    expect(seen).toEqual([toDay('2022-11-01'), toDay('2022-01-01')]); // at the cut, then one horizon before
    expect(seen.every((d) => d < cutDay)).toBe(true);
  });

  it('a record dated after the cut changes nothing at that cut (no leakage)', () => {
    const city = synthCity({ people: 600, years: 3, seed: 5 });
    const cuts = ['2020-06-01'];
    const rankers = () => [
      randomRanker({ seed: 3 }),
      priorVictimisationsRanker(),
      degreeRanker(),
      victimisedAssociatesRanker(),
      exposureRanker(),
    ];
    const a = backtest(city.data, { cuts, rankers: rankers(), keepScores: true });
    // A serious shooting a day after the cut, between two people of the population, who also
    // co-offend in a new incident that day.
    const [x, y, z] = a.rankings![0].person_id;
    const later: Dataset = {
      ...city.data,
      incidents: [
        ...city.data.incidents,
        {
          incident_id: 'LATE-1',
          date: '2020-06-02',
          day: toDay('2020-06-02'),
          offence: 'shooting',
          severity: 3,
          weapon: 'firearm',
        },
        {
          incident_id: 'LATE-2',
          date: '2020-06-02',
          day: toDay('2020-06-02'),
          offence: 'theft',
          severity: 0,
        },
      ],
      involvements: [
        ...city.data.involvements,
        { incident_id: 'LATE-1', person_id: x, role: 'offender' },
        { incident_id: 'LATE-1', person_id: y, role: 'victim' },
        { incident_id: 'LATE-2', person_id: y, role: 'offender' },
        { incident_id: 'LATE-2', person_id: z, role: 'offender' },
      ],
    };
    const b = backtest(later, { cuts, rankers: rankers(), keepScores: true });
    for (let i = 0; i < a.rankings!.length; i++) {
      expect(b.rankings![i].person_id).toEqual(a.rankings![i].person_id);
      expect(b.rankings![i].score).toEqual(a.rankings![i].score);
      expect(b.rankings![i].expected).toEqual(a.rankings![i].expected);
    }
    // …and only the outcome moved: y is now a victim in the horizon.
    expect(rows<ScoreRow>(b.scores)[0].victims).toBe(rows<ScoreRow>(a.scores)[0].victims + 1);
  });

  it('cuts: n places n cuts one horizon apart, the last leaving a whole horizon of data', () => {
    const r = backtest(data, { cuts: 2, horizonDays: 30, k: [1], rankers: [tied] });
    // Last record 2023-03-01 → data end 2023-03-02; cuts 2023-01-01 and 2023-01-31.
    expect(listMetadata(r.table)!.parameters.cuts).toEqual(['2023-01-01', '2023-01-31']);
    expect(listMetadata(r.scores)!.purpose).toBe(PURPOSE_LABEL);
    expect(r.summary.split('\n')[0]).toBe(PURPOSE_LABEL);
  });

  it('horizonDays is whole days: a fractional horizon would make cuts with a time of day', () => {
    // 30.5-day spacing would put a cut at 12:00, ranked on half that day's records while the
    // tables name the whole day.
    expect(() => backtest(data, { cuts: 2, horizonDays: 30.5, k: [1], rankers: [tied] })).toThrow(
      /horizonDays.*whole number/,
    );
  });

  it('refuses malformed options', () => {
    expect(() => backtest(data, { cuts: [cut], k: ['1 pc' as never] })).toThrow(/'1%'/);
    expect(() => backtest(data, { cuts: [cut], rankers: [tied, tied] })).toThrow(/two rankers/);
    const bad: Ranker = { name: 'bad', rank: () => ({ score: new Float64Array(1) }) };
    expect(() => backtest(data, { cuts: [cut], rankers: [bad] })).toThrow(
      /^backtest: ranker 'bad' returned 1 score at the cut 2023-01-01, for a population of 10 people: a ranker must return one score per person of the population/,
    );
  });

  // Before, these named neither the function nor the option (a RangeError or a TypeError:
  // "backtest needs cuts: …", "k '0%' must look like '1%'", "backtest needs at least one ranker",
  // "two rankers are named 'all tied'"); now each is an OptionError naming both, as checkOptions words it.
  it('names the function and the option of each refused option (OptionError)', () => {
    const refused = (options: unknown, option: string, message: string) => {
      let e: unknown;
      try {
        backtest(data, options as never);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(OptionError);
      expect((e as OptionError).fn).toBe('backtest');
      expect((e as OptionError).option).toBe(option);
      expect((e as Error).message).toBe(message);
    };
    refused(
      { rankers: [tied] },
      'cuts',
      "backtest: option 'cuts' is required: the cut dates, or how many cuts to make (e.g. cuts: 12)",
    );
    refused(
      { cuts: [], rankers: [tied] },
      'cuts',
      "backtest: option 'cuts' must be a whole number ≥ 1, or an array of at least one cut date, got an array of 0.",
    );
    for (const k of ['0%', '150%'])
      refused(
        { cuts: [cut], k: [k], rankers: [tied] },
        'k',
        `backtest: option 'k' must be an array whose every item is a whole number ≥ 1, or a share like '1%' (above 0% and at most 100%) (item 0, '${k}', is not), got an array of 1.`,
      );
    refused(
      { cuts: [cut], rankers: [] },
      'rankers',
      "backtest: option 'rankers' must be an array of at least one ranker, got an array of 0.",
    );
    refused(
      { cuts: [cut], rankers: [tied, tied] },
      'rankers',
      "backtest: option 'rankers' holds two rankers named 'all tied' (items 0 and 1); the results are told apart by name: give each its own",
    );
    refused(
      { cuts: [cut], horizonDays: 0, rankers: [tied] },
      'horizonDays',
      "backtest: option 'horizonDays' must be a whole number > 0 and ≤ 3650, got 0.",
    );
  });

  it('a cut is a date, as asOf: a date-time is refused naming the two dates to give', () => {
    // It was an instant: the rankings used that day's records dated before it while every
    // table and summary named the cut by its date.
    expect(() => backtest(data, { cuts: ['2023-03-01T12:00'] })).toThrow(
      "cut '2023-03-01T12:00' has a time of day: cut is a date, and records dated before it are used; give '2023-03-01' (that day's records left out) or '2023-03-02' (in)",
    );
    expect(() => backtest(data, { cuts: ['soon'] })).toThrow("cut 'soon' is not a valid date");
  });
});

describe("backtest's comparison with the best baseline says when a difference could be chance", () => {
  // 200 people with one record each in 2022; after the cut, P1–P20 are seriously harmed.
  const people = Array.from({ length: 200 }, (_, i) => `P${i + 1}`);
  const city = makeDataset([
    ...people.map((id, i): IncidentSpec => [`R${i + 1}`, '2022-01-01', 0, [id], []]),
    ...people.slice(0, 20).map((id, i): IncidentSpec => [`V${i + 1}`, '2023-02-01', 3, [], [id]]),
  ]);
  /** Puts exactly `top` (20 people) in its top 20; everyone else tied below. */
  const listing = (name: string, top: string[], baseline = false): Ranker => ({
    name,
    baseline,
    rank: ({ population }) => ({
      score: Float64Array.from(population, (id) => (top.includes(id) ? 2 : 1)),
    }),
  });
  const range = (a: number, b: number) => people.slice(a - 1, b);
  const summary = (top: string[]) =>
    backtest(city, {
      cuts: ['2023-01-01'],
      k: [20],
      rankers: [listing('baseline', [...range(1, 4), ...range(101, 116)], true), listing('A', top)],
    }).summary;

  it("McNemar's exact test on the victims the two lists do not share (scipy's binomtest)", () => {
    // 6 victims found by A only, none by the baseline only: p = 2·2^-6 = 0.03125.
    expect(summary([...range(1, 10), ...range(101, 110)])).toContain(
      '@20 10 against 4 (more, p = 0.031)',
    );
    // 5 and 0: p = 0.0625, which could be chance (the old summary said 'recall ratio 2.25').
    expect(summary([...range(1, 9), ...range(101, 111)])).toContain(
      '@20 9 against 4 (not told apart, p = 0.063)',
    );
    // 7 and 2: p = 2·P(X ≤ 2 | n = 9) = 0.1797.
    const mixed = summary([...range(1, 2), ...range(5, 11), ...range(101, 111)]);
    expect(mixed).toContain('@20 9 against 4 (not told apart, p = 0.18)');
    expect(mixed).toContain('"Not told apart": at this number of victims');
    // The baseline's own list: the same victims.
    expect(summary([...range(1, 4), ...range(101, 116)])).toContain(
      '@20 4 against 4 (as many, p = 1)',
    );
    // 0 and 4 (A finds none of them): p = 0.125.
    expect(summary(range(101, 120))).toContain('@20 0 against 4 (not told apart, p = 0.13)');
  });

  it("says 'as many' for equal hits made of a tie group's shares", () => {
    // A finds P1–P5 and a tenth of each of the 10 victims in a tie of 100 for its last 10 places
    // (ten shares of 0.1 sum to 0.9999999999999999); the baseline finds P1–P6. Read '@15 6
    // against 6 (not told apart, p = 1)', with the note that the difference could be chance.
    const scored = (name: string, score: (id: string) => number, baseline = false): Ranker => ({
      name,
      baseline,
      rank: ({ population }) => ({ score: Float64Array.from(population, score) }),
    });
    const tie = [...range(6, 15), ...range(101, 190)];
    const text = backtest(city, {
      cuts: ['2023-01-01'],
      k: [15],
      rankers: [
        scored(
          'baseline',
          (id) => ([...range(1, 6), ...range(101, 109)].includes(id) ? 2 : 1),
          true,
        ),
        scored('A', (id) => (range(1, 5).includes(id) ? 3 : tie.includes(id) ? 2 : 1)),
      ],
    }).summary;
    expect(text).toContain('@15 6 against 6 (as many, p = 1)');
  });

  it('says one cut as one cut', () => {
    // Read 'Backtest: 1 cuts from 2023-01-01 to 2023-01-01, … before each cut.'
    expect(summary(range(1, 20))).toContain(
      'Backtest: one cut, on 2023-01-01, horizon 90 days, outcome: victim of violence of severity ≥ 3. Each ranker saw only records dated before the cut.',
    );
  });

  it('refuses the same list length twice, which counted its victims twice in the test', () => {
    // k: [20, 20] read '@20 18 against 8 (more, p = 0.0020)' for 9 against 4 (p = 0.063).
    const rankers = [
      listing('baseline', [...range(1, 4), ...range(101, 116)], true),
      listing('A', [...range(1, 9), ...range(101, 111)]),
    ];
    expect(() => backtest(city, { cuts: ['2023-01-01'], k: [20, 20], rankers })).toThrow(
      "backtest: option 'k' holds the same list length twice, 20 (items 0 and 1); its victims would count twice",
    );
    expect(() => backtest(city, { cuts: ['2023-01-01'], k: ['5%', 20, '5%'], rankers })).toThrow(
      "backtest: option 'k' holds the same list length twice, '5%' (items 0 and 2)",
    );
  });

  it('the victims found are compared with the baseline that found the most at that k', () => {
    const top = [...range(1, 10), ...range(101, 110)];
    // B1: the best log-likelihood (a flat 0.1 for everyone, 20 victims in 200), 4 victims in its
    // top 20; B2: A's own list, no expectations (calibrated by rank on a past with no victim).
    const b1 = listing('B1', [...range(1, 4), ...range(101, 116)], true);
    const flat: Ranker = {
      ...b1,
      rank: (input) => ({
        ...b1.rank(input),
        expected: new Float64Array(input.population.length).fill(0.1),
      }),
    };
    const r = backtest(city, {
      cuts: ['2023-01-01'],
      k: [20],
      rankers: [flat, listing('B2', top, true), listing('A', top)],
    });
    // Read '@20 10 against 4 (more, p = 0.031)' against B1, while B2 found the same 10.
    expect(r.summary).toContain('against the best baseline (B1)');
    expect(r.summary).toContain('@20 10 against 10 by B2 (as many, p = 1)');
  });

  it("the log-likelihood difference is tested person by person (Vuong's z), recomputed here", () => {
    const r = backtest(synthCity({ people: 1500, years: 4, seed: 3 }).data, {
      cuts: 3,
      horizonDays: 90,
      k: ['1%'],
      rankers: [victimisedAssociatesRanker(), exposureRanker()],
      keepScores: true,
    });
    const ll = (e: number, o: number) => {
      const p = Math.min(1 - 1e-9, Math.max(1e-9, -Math.expm1(-e)));
      return o > 0 ? Math.log(p) : Math.log1p(-p);
    };
    const d: number[] = [];
    const rankings = r.rankings!;
    for (const a of rankings.filter((x) => x.ranker === 'exposure score')) {
      const b = rankings.find((x) => x.cut === a.cut && x.ranker !== a.ranker)!;
      for (let i = 0; i < a.expected.length; i++)
        d.push(ll(a.expected[i], a.observed[i]) - ll(b.expected[i], b.observed[i]));
    }
    const m = d.reduce((x, y) => x + y, 0) / d.length;
    const sd = Math.sqrt(d.reduce((x, y) => x + (y - m) ** 2, 0) / (d.length - 1));
    const z = (m * Math.sqrt(d.length)) / sd;
    const line = r.summary.split('\n').find((l) => l.startsWith('exposure score:'))!;
    const printed = Number(/z = (-?[0-9]+\.[0-9]+)/.exec(line)![1]);
    expect(Math.abs(printed - z)).toBeLessThan(0.006);
    expect(line).toContain(
      Math.abs(z) >= 1.96 ? (z > 0 ? 'better than it' : 'worse than it') : 'not told apart',
    );
  });
});
