import { describe, expect, it } from 'vitest';
import { explanationSentence, reasonText } from '../../src/outreach/describe.js';

const stabbing = {
  incident_id: 'I9',
  date: '2023-05-01',
  day: 19478,
  offence: '',
  severity: 3 as const,
  weapon: 'knife' as const,
};

describe("the explanation names a model's knock-on part in words", () => {
  it('never "knock-on recently"', () => {
    const incident = stabbing;
    // It read "Recent harm close to them: knock-on recently, and P-2, someone they co-offended with, …".
    expect(
      explanationSentence([
        { kind: 'knock-on', value: 0.05 },
        { kind: 'exposure', value: 0.04, via: 'P-2', incident, days: 12 },
      ]),
    ).toBe(
      'Recent harm close to them: harm now spreading through the network may reach them, and P-2, someone they co-offended with, was stabbed 12 days ago; an offer of support now could help.',
    );
  });

  it('the reason line names it in words, not as "knock-on: 0.041"', () => {
    // The list's and the plan's reasons read "knock-on: 0.041" (the model's internal kind).
    expect(reasonText({ kind: 'knock-on', value: 0.041 })).toBe(
      'harm spreading to them through others in the network: 0.041',
    );
  });

  it('a score that is mostly background, with a knock-on part, is not "recent harm close to them"', () => {
    // It read "Recent harm close to them: harm now spreading through the network may reach them"
    // for a person whose score was 94% background and who had no harm on record near them.
    expect(
      explanationSentence([
        { kind: 'background', value: 0.094 },
        { kind: 'knock-on', value: 0.006 },
      ]),
    ).toBe(
      'Harm now spreading through the network may reach them; the score names no harm on record to them or to anyone they shared an incident with. An offer of support now could help. Most of the score (94%) comes from their own record (the usual rate for people with records like theirs).',
    );
  });

  it('knock-on parts are judged together, not one by one', () => {
    // A model of one's own may give several knock-on parts: five of 4% each read "Listed on their
    // own record history alone; ... is a small part of the score (20%)."
    const k = { kind: 'knock-on', value: 0.04 };
    const one = explanationSentence([
      { kind: 'background', value: 0.8 },
      { kind: 'knock-on', value: 0.2 },
    ]);
    expect(one).toMatch(/^Harm now spreading through the network may reach them/);
    expect(explanationSentence([{ kind: 'background', value: 0.8 }, k, k, k, k, k])).toBe(one);
    // Two of 2% each (4% together) are still a small part.
    const two = explanationSentence(
      [
        { kind: 'background', value: 0.96 },
        { ...k, value: 0.02 },
        { ...k, value: 0.02 },
      ],
      {},
    );
    expect(two).toMatch(/is a small part of the score \(4%\)\.$/);
  });

  it('a small part is not rounded up to the 5% it is under', () => {
    // 4.6% of the score read "a small part of the score (5%)".
    expect(
      explanationSentence(
        [
          { kind: 'background', value: 0.954 },
          { kind: 'knock-on', value: 0.046 },
        ],
        {},
      ),
    ).toMatch(/is a small part of the score \(under 5%\)\.$/);
  });

  it('a knock-on sliver of the score is not given as the reason', () => {
    // On a 400-person city whose fit had α under two standard errors, the top of the list read
    // "Harm now spreading through the network may reach them; the score names no harm on record to
    // them or to anyone they shared an incident with" for scores 99.8% background, while its reason
    // lines named a co-offender shot 63 days ago.
    const near = { via: 'P-2', incident: { ...stabbing, weapon: 'firearm' as const }, days: 63 };
    expect(
      explanationSentence(
        [
          { kind: 'background', value: 0.044 },
          { kind: 'knock-on', value: 0.0001 },
        ],
        { near },
      ),
    ).toBe(
      'On record, P-2, who shared an incident with them, was shot 63 days ago; the score comes from their own record (the usual rate of serious harm for people with records like theirs) and does not count this. An offer of support now could help. Harm that may travel to them through others in the network is a small part of the score (under 1%).',
    );
    expect(
      explanationSentence(
        [
          { kind: 'background', value: 0.097 },
          { kind: 'knock-on', value: 0.003 },
        ],
        {},
      ),
    ).toBe(
      // Not "alone": it read "Listed on their own record history alone; … Harm that may travel to
      // them … is a small part of the score (3%)."
      'Listed on their own record history; the records show no serious harm to them or to anyone they shared an incident with in the period analysed. A check-in and an offer of support may still help. Harm that may travel to them through others in the network is a small part of the score (3%).',
    );
    expect(
      explanationSentence([
        { kind: 'background', value: 0.097 },
        { kind: 'knock-on', value: 0.003 },
      ]),
    ).toBe(
      'Listed on their own record history (the score names no harm nearby); a check-in and an offer of support may still help. Harm that may travel to them through others in the network is a small part of the score (3%).',
    );
    // Beside named harm, a sliver of knock-on is left out of the sentence.
    const exposure = { kind: 'exposure', value: 0.02, via: 'P-2', incident: stabbing, days: 12 };
    expect(
      explanationSentence([
        exposure,
        { kind: 'background', value: 0.01 },
        { kind: 'knock-on', value: 0.001 },
      ]),
    ).toBe(
      'Recent harm close to them: P-2, someone they co-offended with, was stabbed 12 days ago; an offer of support now could help.',
    );
  });

  it('says when the background is most of a score that also names harm', () => {
    const incident = { ...stabbing, weapon: 'firearm' as const };
    const exposure = { kind: 'exposure', value: 0.02, via: 'P-2', incident, days: 12 };
    expect(explanationSentence([{ kind: 'background', value: 0.08 }, exposure])).toMatch(
      /could help\. Most of the score \(80%\) comes from their own record \(the usual rate for people with records like theirs\)\.$/,
    );
    // Half or less: not said.
    expect(explanationSentence([{ kind: 'background', value: 0.02 }, exposure])).toMatch(
      /could help\.$/,
    );
  });

  it("a model's own undated kind still reads as harm close to them", () => {
    // Only the knock-on names no harm on record; a model of one's own may give undated parts.
    expect(
      explanationSentence([
        { kind: 'rivalry', value: 0.05 },
        { kind: 'background', value: 0.01 },
      ]),
    ).toBe('Recent harm close to them: rivalry recently; an offer of support now could help.');
  });
});
