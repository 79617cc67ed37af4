import { describe, expect, it } from 'vitest';
import { fitNetworkHawkesForRanking } from '../../src/contagion/hawkes/fit.js';
import {
  backtest,
  exposureRanker,
  hawkesRanker,
  modelRanker,
  planRanker,
} from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/city.js';

/**
 * backtest's Hawkes rankers fitted without standard errors, so the rule "α under two standard
 * errors: not identified" could not apply at a cut: on 400-600-person cities, 20 of 22 cut fits
 * with α > 0 read identified without them and not with them, and the backtest said nothing; a
 * list from such a fit was scored as the contagion model's. The full information costs 1-77 ms
 * (median 3 ms, 2.5% of the fit) on 1,500-3,000 people (the α-alone approximation gave standard
 * errors 1-22% smaller, so it would not be enough).
 */
describe('backtest: identification of the model fitted at a cut', () => {
  const data = synthCity({ people: 400, seed: 4, years: 4, contagion: { alpha: 0.05 } }).data;
  const cut = '2021-07-01';
  const run = (ranker: ReturnType<typeof hawkesRanker>) =>
    backtest(data, { cuts: [cut], horizonDays: 90, rankers: [exposureRanker(), ranker] });

  it('is judged with standard errors, as a list would judge it, and the output says so', () => {
    // α = 0.072 is under two standard errors (0.044); without them the fit read identified, and
    // now judges it by the information it computes anyway (identified-without-standard-errors).
    expect(fitNetworkHawkesForRanking(data, { asOf: cut, standardErrors: false }).identified).toBe(
      false,
    );
    expect(fitNetworkHawkesForRanking(data, { asOf: cut }).identified).toBe(false);
    const r = run(hawkesRanker());
    const said =
      "'network hawkes' at the cut (2021-07-01): the model fitted there is not identified (α under two standard errors, or another reason its warnings give), so the contagion part of its scores rests on nothing the records pin down: read its figures there as no evidence for or against contagion.";
    expect(r.warnings).toContain(said);
    expect(r.summary).toContain(said);
    // The exposure score has no such caveat.
    expect(r.warnings.filter((w) => w.startsWith("'exposure score'"))).toEqual([]);
  });

  it('without standard errors, is judged by them all the same', () => {
    // It said "the model's identification there was judged without standard errors
    // (standardErrors: false), so a fit whose α is under two of them … counts as identified".
    const r = run(hawkesRanker({ standardErrors: false }));
    expect(r.warnings).toContain(
      "'network hawkes' at the cut (2021-07-01): the model fitted there is not identified (α under two standard errors, or another reason its warnings give), so the contagion part of its scores rests on nothing the records pin down: read its figures there as no evidence for or against contagion.",
    );
    expect(r.warnings.join('\n')).not.toContain('judged without standard errors');
  });

  it("the plan ranker's fit alike", () => {
    const r = run(planRanker());
    expect(r.warnings).toContain(
      "'outreach plan' at the cut (2021-07-01): the model fitted there is not identified (α under two standard errors, or another reason its warnings give), so the contagion part of its scores rests on nothing the records pin down: read its figures there as no evidence for or against contagion.",
    );
  });

  it('counts the cuts a caveat holds at, and a fit that found no contagion says so', () => {
    // A model of one's own that is identified at one cut and found no contagion at two.
    let calls = 0;
    const ranker = modelRanker('mine', ({ asOf, population }) => {
      const alpha = calls++ === 1 ? 0.1 : 0;
      return {
        name: 'mine',
        identified: alpha > 0,
        parameters: { alpha },
        lastRecordDay: asOf - 1,
        risk: () => population.map((id) => ({ person_id: id, expected: 0.01, contributions: [] })),
      };
    });
    const r = backtest(data, {
      cuts: ['2021-01-01', '2021-04-01', '2021-07-01'],
      horizonDays: 90,
      rankers: [exposureRanker(), ranker],
    });
    expect(r.warnings).toContain(
      "'mine' at 2 of the 3 cuts (2021-01-01, 2021-07-01): the model fitted there found no contagion (α = 0), so its list is its background rate alone (each person's own record): no evidence for or against contagion.",
    );
  });

  it('a fit with α = 0 but excitation along victim–offender ties is not said to have found no contagion', () => {
    // With victimOffenderTies a fit is identified by either α; with α = 0 and α_vo > 0 under two
    // standard errors its list is not the background alone (the victim–offender parts count).
    const ranker = modelRanker('vo', ({ asOf, population }) => ({
      name: 'vo',
      identified: false,
      parameters: { alpha: 0, alphaVictimOffender: 0.02 },
      lastRecordDay: asOf - 1,
      risk: () => population.map((id) => ({ person_id: id, expected: 0.01, contributions: [] })),
    }));
    const r = backtest(data, { cuts: [cut], horizonDays: 90, rankers: [exposureRanker(), ranker] });
    expect(r.warnings.join('\n')).not.toContain('found no contagion');
    expect(r.warnings).toContain(
      `'vo' at the cut (${cut}): the model fitted there is not identified (α under two standard errors, or another reason its warnings give), so the contagion part of its scores rests on nothing the records pin down: read its figures there as no evidence for or against contagion.`,
    );
  });
});
