import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import type { Incident } from '../../src/core/types.js';
import { explanationSentence, unusedHarmReasons } from '../../src/outreach/describe.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../src/synth/index.js';
import { type ListRow, rows } from './fixtures.js';

// With a finite recordCountDays, a fitted model's record counts (prior_victimisation among them)
// hold only the records of the last recordCountDays before the horizon: harm of their own older
// than that is in no part of the score. The list said it "counts only through their record".
describe('their own harm older than the days of record a fitted model counts (recordCountDays)', () => {
  const stabbing: Incident = {
    incident_id: 'S',
    date: '2023-10-01',
    day: 19631,
    offence: '',
    severity: 3,
    weapon: 'knife',
  };
  const parts = [
    { kind: 'background', value: 0.2 },
    {
      kind: 'exposure',
      value: 0.1,
      via: 'P2',
      incident: { ...stabbing, incident_id: 'T' },
      days: 10,
    },
  ];
  const own = { own: { incident: stabbing, days: 92 } };

  it('is said not to be counted, and why; harm inside the window still counts through the record', () => {
    const outside = { throughRecord: true, recordDays: 60, countedFrom: stabbing.day + 32 };
    expect(explanationSentence(parts, own, outside)).toBe(
      'Recent harm close to them: P2, someone they co-offended with, was stabbed 10 days ago; an offer of support now could help. Most of the score (67%) comes from their own record (the usual rate for people with records like theirs). Also on record: they were themselves stabbed 92 days ago. The score does not count this: it counts only the last 60 days of their record.',
    );
    expect(unusedHarmReasons(parts, own, outside)).toEqual([
      'victim of a stabbing 92 days ago (on record; not part of the score: it counts only the last 60 days of their record)',
    ]);
    // Dated on the first day the count holds: counted (a record dated d counts over [d, d + W)).
    const inside = { throughRecord: true, recordDays: 92, countedFrom: stabbing.day };
    expect(unusedHarmReasons(parts, own, inside)).toEqual([
      'victim of a stabbing 92 days ago (on record; counted only through their own record)',
    ]);
    expect(explanationSentence(parts, own, inside)).toMatch(
      / The score counts this only through their record, not as a part of its own\.$/,
    );
  });

  it('rankForOutreach with a model fitted with recordCountDays: 365 says so of harm 433 days old', () => {
    const { data } = synthCity({ people: 400, seed: 3 });
    const asOf = '2023-07-01';
    const person = (recordCountDays?: number) => {
      const model = fitNetworkHawkes(data, { asOf, recordCountDays, standardErrors: false });
      // The covariate counts (its coefficient is not 0): else nothing would count the harm.
      expect(model.parameters.covariates?.prior_victimisation).not.toBe(0);
      return rows<ListRow>(rankForOutreach(data, { asOf, model, limit: 400, cap: 1000 })).find(
        (r) => r.person_id === 'P-000221',
      )!;
    };
    const year = person(365);
    expect(year.reasons.at(-1)).toBe(
      'victim of a stabbing 433 days ago (on record; not part of the score: it counts only the last 365 days of their record)',
    );
    expect(year.explanation).toBe(
      'Harm close to them: P-000329, someone they co-offended with, was stabbed 265 days ago, and harm now spreading through the network may reach them; an offer of support now could help. Also on record: they were themselves stabbed 433 days ago. The score does not count this: it counts only the last 365 days of their record.',
    );
    // Every earlier record counted (the default): through their record, as before.
    const all = person();
    expect(all.reasons.at(-1)).toBe(
      'victim of a stabbing 433 days ago (on record; counted only through their own record)',
    );
    expect(all.explanation).toMatch(
      /Also on record: they were themselves stabbed 433 days ago\. The score counts this only through their record, not as a part of its own\.$/,
    );
  });
});

// A model fitted with selfExcitation gives their own harm a part of its own (kind
// 'own-victimisation'); the sentences about it had no test.
describe('their own harm under a model with selfExcitation', () => {
  const { data } = synthCity({ people: 400, seed: 3 });
  const asOf = '2023-07-01';
  const listOf = (model: ReturnType<typeof fitNetworkHawkes>) => {
    const list = rows<ListRow>(rankForOutreach(data, { asOf, model, limit: 400, cap: 1000 }));
    return (id: string) => list.find((r) => r.person_id === id)!;
  };

  it('with α_self > 0 their own harm is a part, named as the reason; never "only through their record"', () => {
    const person = listOf(
      fitNetworkHawkes(data, {
        asOf,
        selfExcitation: true,
        start: { mu: 6e-5, alpha: 0.12, beta: 0.0066, alphaSelf: 0.3 },
        maxIterations: 0,
        refine: false,
        standardErrors: false,
      }),
    );
    const shot = person('P-000313');
    expect(shot.reasons[0]).toBe('victim of a shooting 4 days ago: 0.132');
    expect(shot.explanation).toBe(
      'Recent harm close to them: they were themselves shot 4 days ago, and harm now spreading through the network may reach them; an offer of support now could help.',
    );
    // A third part (0.008) that the sentence does not name is still counted: it read "Also on
    // record: they were themselves stabbed 433 days ago. The score counts this only through
    // their record, not as a part of its own."
    const third = person('P-000221');
    expect(third.reasons[2]).toBe('victim of a stabbing 433 days ago: 0.008');
    expect(third.explanation).toBe(
      'Harm close to them: harm now spreading through the network may reach them, and P-000329, someone they co-offended with, was stabbed 265 days ago; an offer of support now could help.',
    );
  });

  it('fitted with α_self at 0, their own harm counts only through their record, and says so', () => {
    const model = fitNetworkHawkes(data, { asOf, selfExcitation: true, standardErrors: false });
    expect(model.parameters.alphaSelf).toBe(0);
    const shot = listOf(model)('P-000313');
    expect(shot.reasons.at(-1)).toBe(
      'victim of a shooting 4 days ago (on record; counted only through their own record)',
    );
    expect(shot.explanation).toBe(
      'Recent harm close to them: harm now spreading through the network may reach them, and P-000399, someone they co-offended with, was shot 71 days ago; an offer of support now could help. Also on record: they were themselves shot 4 days ago. The score counts this only through their record, not as a part of its own.',
    );
  });
});
