import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/core/types.js';
import { explanationSentence, unusedHarmReasons } from '../../src/outreach/describe.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { cli, EXPORT_ARGS } from '../cli/helpers.js';
import { makeDataset } from '../helpers.js';
import { type ListRow, rows } from './fixtures.js';

interface Row {
  person_id: string;
  reasons: string[];
  explanation: string;
}

describe('reasons state only what the records show (example police export)', () => {
  it('N003, seriously hurt 39 days before asOf, has their own harm named and is never "no harm nearby"', async () => {
    const r = await cli(['rank', ...EXPORT_ARGS, '--format', 'json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    const rows: Row[] = Array.isArray(parsed) ? parsed : parsed.rows;
    const byId = new Map(rows.map((x) => [x.person_id, x]));
    const n003 = byId.get('N003')!;
    // The fitted model's prior-victimisation coefficient is 0 (dropped: it ran off), so their
    // own harm is in no part of the score, not even through their record.
    expect(n003.reasons).toContain(
      'victim of a serious assault 39 days ago (on record; not part of the score)',
    );
    expect(n003.explanation).toMatch(/^On record, they were themselves seriously hurt 39 days ago/);
    const n001 = byId.get('N001')!;
    expect(n001.explanation).toContain('they were themselves seriously hurt 101 days ago');
    // N002 shared an incident with N003.
    expect(byId.get('N002')!.explanation).toContain(
      'N003, who shared an incident with them, was seriously hurt 39 days ago',
    );
    for (const row of rows) {
      const harmed = row.reasons.some((x) => x.includes('(on record; '));
      if (harmed) expect(row.explanation).not.toMatch(/no (recent )?(serious )?harm/);
      expect(row.explanation).not.toContain('no recent harm nearby');
    }
    // Someone the records show nothing about is described as such, truthfully.
    expect(byId.get('N008')!.explanation).toBe(
      'Listed on their own record history alone; the records show no serious harm to them or to anyone they shared an incident with in the period analysed. A check-in and an offer of support may still help.',
    );
  });
});

describe('explanationSentence with harm on record', () => {
  const shooting: Incident = {
    incident_id: 'x',
    date: '2023-05-01',
    day: 0,
    offence: '',
    severity: 3,
    weapon: 'firearm',
  };
  it('names own harm the model did not count, after the events it did', () => {
    const parts = [
      {
        kind: 'exposure',
        value: 0.2,
        via: 'P2',
        incident: { ...shooting, incident_id: 'y' },
        days: 10,
      },
    ];
    const s = explanationSentence(parts, { own: { incident: shooting, days: 39 } });
    expect(s).toBe(
      'Recent harm close to them: P2, someone they co-offended with, was shot 10 days ago; an offer of support now could help. Also on record, not counted in the score: they were themselves shot 39 days ago.',
    );
    expect(unusedHarmReasons(parts, { own: { incident: shooting, days: 39 } })).toEqual([
      'victim of a shooting 39 days ago (on record; not part of the score)',
    ]);
  });
  it('calls harm recent only when the newest harm it names is at most half a year old', () => {
    const parts = (days: number) => [
      { kind: 'own-victimisation', value: 0.3, incident: shooting, days },
    ];
    expect(explanationSentence(parts(182))).toBe(
      'Recent harm close to them: they were themselves shot 182 days ago; an offer of support now could help.',
    );
    // It read "Recent harm close to them: they were themselves shot 500 days ago".
    expect(explanationSentence(parts(500))).toBe(
      'Harm close to them: they were themselves shot 500 days ago; an offer of support now could help.',
    );
    // The newest named harm decides: one old, one recent is recent.
    const both = [
      ...parts(500),
      {
        kind: 'exposure',
        value: 0.2,
        via: 'P2',
        incident: { ...shooting, incident_id: 'y' },
        days: 20,
      },
    ];
    expect(explanationSentence(both)).toMatch(/^Recent harm close to them: /);
  });
  it('does not repeat harm the score already names', () => {
    const parts = [{ kind: 'own-victimisation', value: 0.3, incident: shooting, days: 39 }];
    const s = explanationSentence(parts, { own: { incident: shooting, days: 39 } });
    expect(s).toBe(
      'Recent harm close to them: they were themselves shot 39 days ago; an offer of support now could help.',
    );
    expect(unusedHarmReasons(parts, { own: { incident: shooting, days: 39 } })).toEqual([]);
  });
  it('knows the incident it names when the records hand it over as another object', () => {
    // An index over incident columns makes a new object at each read: equal incidents, not one.
    const parts = [{ kind: 'own-victimisation', value: 0.3, incident: { ...shooting }, days: 39 }];
    const harm = { own: { incident: { ...shooting }, days: 39 } };
    expect(unusedHarmReasons(parts, harm)).toEqual([]);
    expect(explanationSentence(parts, harm)).toBe(
      'Recent harm close to them: they were themselves shot 39 days ago; an offer of support now could help.',
    );
    // Another incident of the same day is still named as unused harm.
    const other = { own: { incident: { ...shooting, incident_id: 'z' }, days: 39 } };
    expect(unusedHarmReasons(parts, other)).toEqual([
      'victim of a shooting 39 days ago (on record; not part of the score)',
    ]);
  });
});

describe('an explanation names each person once', () => {
  // B, who co-offended with A, C and E, was seriously hurt in I2 and I3; C in I5.
  const data = () =>
    makeDataset([
      ['I1', '2023-01-05', 2, ['A', 'B', 'C'], []],
      ['I2', '2023-05-01', 3, ['Z'], ['B']],
      ['I3', '2023-05-20', 3, ['Y'], ['B']],
      ['I4', '2023-02-01', 2, ['A', 'D'], []],
      ['I5', '2023-05-25', 3, ['X'], ['C']],
      ['I6', '2023-03-01', 2, ['B', 'E'], []],
    ]);
  const byId = () =>
    new Map(
      rows<ListRow>(rankForOutreach(data(), { asOf: '2023-06-01' })).map((r) => [r.person_id, r]),
    );

  it('two events of their own: "they were themselves" once', () => {
    // Read 'they were themselves seriously hurt 12 days ago, and they were themselves seriously
    // hurt 31 days ago'.
    expect(byId().get('B')!.explanation).toMatch(
      /^Recent harm close to them: they were themselves seriously hurt 12 days ago and 31 days ago; /,
    );
  });

  it('two events of one associate: the associate once; two associates: each named', () => {
    const list = byId();
    // C's two largest parts are their own harm and B's; the two parts of B's harm both name B.
    const c = list.get('C')!;
    expect(c.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^co-offended with B \(seriously hurt 12 days ago\)/),
        expect.stringMatching(/^co-offended with B \(seriously hurt 31 days ago\)/),
      ]),
    );
    expect(c.explanation).toMatch(
      /^Recent harm close to them: they were themselves seriously hurt 7 days ago, and B, someone they co-offended with, was seriously hurt 12 days ago;/,
    );
    expect(list.get('A')!.explanation).toMatch(
      /^Recent harm close to them: C, someone they co-offended with, was seriously hurt 7 days ago, and B, someone they co-offended with, was seriously hurt 12 days ago;/,
    );
    // Read 'B, someone they co-offended with, was seriously hurt 12 days ago, and B, someone
    // they co-offended with, was seriously hurt 31 days ago'.
    expect(list.get('E')!.explanation).toMatch(
      /^Recent harm close to them: B, someone they co-offended with, was seriously hurt 12 days ago and 31 days ago;/,
    );
    for (const r of list.values()) {
      const named = [...r.explanation.matchAll(/(\w+), (?:someone|linked)/g)].map((m) => m[1]);
      expect([r.person_id, new Set(named).size]).toEqual([r.person_id, named.length]);
      expect(r.explanation.match(/they were themselves/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it('explanationSentence: one associate twice, once; one event from two parts, once', () => {
    const shot = (id: string, days: number) => ({
      kind: 'exposure',
      value: 0.2,
      via: 'P2',
      incident: {
        incident_id: id,
        date: '2023-05-01',
        day: 0,
        offence: '',
        severity: 3,
        weapon: 'firearm',
      } as Incident,
      days,
    });
    expect(explanationSentence([shot('x', 10), { ...shot('y', 40), value: 0.1 }])).toBe(
      'Recent harm close to them: P2, someone they co-offended with, was shot 10 days ago and 40 days ago; an offer of support now could help.',
    );
    expect(explanationSentence([shot('x', 10), { ...shot('x', 10), value: 0.1 }])).toBe(
      'Recent harm close to them: P2, someone they co-offended with, was shot 10 days ago; an offer of support now could help.',
    );
    expect(
      explanationSentence([
        shot('x', 10),
        { ...shot('y', 40), value: 0.1, incident: { ...shot('y', 40).incident, weapon: 'knife' } },
      ]),
    ).toBe(
      'Recent harm close to them: P2, someone they co-offended with, was shot 10 days ago and stabbed 40 days ago; an offer of support now could help.',
    );
    // Another kind of tie is another subject, said as such (the model's paths, not merged).
    expect(
      explanationSentence([
        shot('x', 10),
        { ...shot('y', 40), kind: 'exposure-indirect', through: 'P9' },
      ]),
    ).toBe(
      'Recent harm close to them: P2, someone they co-offended with, was shot 10 days ago, and P2, linked to them through P9, was shot 40 days ago; an offer of support now could help.',
    );
  });
});

describe('a named event that is a sliver of the score is not its reason', () => {
  const hurt: Incident = {
    incident_id: 'I25',
    date: '2023-05-01',
    day: 19478,
    offence: '',
    severity: 3,
  };
  const near = { via: 'P25', incident: hurt, days: 510 };

  it('an exposure worth 1.6e-15 of a 0.004 score does not lead the sentence', () => {
    // It read "Harm close to them: P25, someone they co-offended with, was seriously hurt 510 days
    // ago; an offer of support now could help. Most of the score (100%) is …" (found on the London
    // gang network's report).
    const parts = [
      { kind: 'background', value: 0.004 },
      { kind: 'exposure', value: 1.6e-15, via: 'P25', incident: hurt, days: 510 },
    ];
    expect(explanationSentence(parts, { near })).toBe(
      'On record, P25, someone they co-offended with, was seriously hurt 510 days ago, which counts for under 1% of the score; the score comes from their own record (the usual rate of serious harm for people with records like theirs). A check-in and an offer of support may still help.',
    );
    // Never "does not count this": the score counts it, slightly.
    expect(explanationSentence(parts, { near })).not.toMatch(/does not count/);
  });

  it('own harm not in the score is still said not to be counted', () => {
    const parts = [
      { kind: 'background', value: 0.004 },
      { kind: 'exposure', value: 1e-6, via: 'P25', incident: hurt, days: 510 },
    ];
    const own = { incident: { ...hurt, incident_id: 'I30', weapon: 'firearm' as const }, days: 20 };
    expect(explanationSentence(parts, { near, own })).toBe(
      'On record, P25, someone they co-offended with, was seriously hurt 510 days ago, which counts for under 1% of the score, and they were themselves shot 20 days ago (not counted in the score); the score comes from their own record (the usual rate of serious harm for people with records like theirs). A check-in and an offer of support may still help.',
    );
  });

  it('at 1% of the score or more the event is the reason, as before', () => {
    const parts = [
      { kind: 'background', value: 0.099 },
      { kind: 'exposure', value: 0.001, via: 'P25', incident: hurt, days: 510 },
    ];
    expect(explanationSentence(parts, { near })).toMatch(
      /^Harm close to them: P25, someone they co-offended with, was seriously hurt 510 days ago;/,
    );
  });

  it('beside a real reason, the sliver is left to the reason lines', () => {
    const shot = { ...hurt, incident_id: 'I40', weapon: 'firearm' as const };
    const parts = [
      { kind: 'exposure', value: 0.05, via: 'P7', incident: shot, days: 12 },
      { kind: 'exposure', value: 1e-9, via: 'P25', incident: hurt, days: 510 },
    ];
    expect(explanationSentence(parts)).toBe(
      'Recent harm close to them: P7, someone they co-offended with, was shot 12 days ago; an offer of support now could help.',
    );
  });
});

// Every branch of the sentence read for words that point at nothing or say something false about
// what the score counts.
describe('the sentence says how the score counts harm where it names it, never "this" of nothing', () => {
  const hurt: Incident = {
    incident_id: 'I25',
    date: '2023-05-01',
    day: 19478,
    offence: '',
    severity: 3,
  };
  const slight = [
    { kind: 'background', value: 0.004 },
    { kind: 'exposure', value: 1e-6, via: 'P25', incident: hurt, days: 510 },
  ];
  const own = { incident: { ...hurt, incident_id: 'I30', weapon: 'firearm' as const }, days: 20 };
  const near = { via: 'N005', incident: { ...hurt, incident_id: 'I31' }, days: 30 };
  const head =
    'On record, P25, someone they co-offended with, was seriously hurt 510 days ago, which counts for under 1% of the score, and they were themselves shot 20 days ago';
  const record =
    'the score comes from their own record (the usual rate of serious harm for people with records like theirs)';

  it('after a slight event, how their own harm counts is said in the clause, not "The score counts this …" at the end', () => {
    // It ended "… A check-in and an offer of support may still help. The score counts this only
    // through their record, not as a part of its own.", "this" reading as the slight event.
    expect(explanationSentence(slight, { own }, { throughRecord: true })).toBe(
      `${head}; ${record}, and counts their own harm only as part of that record. A check-in and an offer of support may still help.`,
    );
    expect(explanationSentence(slight, { own }, { throughRecord: false })).toBe(
      `${head}; ${record} and does not count their own harm. A check-in and an offer of support may still help.`,
    );
    expect(
      explanationSentence(
        slight,
        { own },
        { throughRecord: true, recordDays: 10, countedFrom: own.incident.day + 1 },
      ),
    ).toBe(
      `${head}; ${record} and does not count their own harm (it counts only the last 10 days of their record). A check-in and an offer of support may still help.`,
    );
    // With harm near them that no part names, in the same clause.
    const both = `${head}, and N005, who shared an incident with them, was seriously hurt 30 days ago; ${record}`;
    expect(explanationSentence(slight, { own, near }, { throughRecord: true })).toBe(
      `${both}, and counts their own harm only as part of that record, not the harm to N005. A check-in and an offer of support may still help.`,
    );
    expect(explanationSentence(slight, { own, near }, { throughRecord: false })).toBe(
      `${both} and does not count their own harm or the harm to N005. A check-in and an offer of support may still help.`,
    );
    for (const how of [true, false]) {
      expect(explanationSentence(slight, { own, near }, { throughRecord: how })).not.toMatch(
        /this/,
      );
    }
  });

  it('two harms not counted are "either of these", not "this"', () => {
    const parts = [
      { kind: 'background', value: 0.097 },
      { kind: 'knock-on', value: 0.003 },
    ];
    expect(explanationSentence(parts, { own, near })).toBe(
      `On record, they were themselves shot 20 days ago, and N005, who shared an incident with them, was seriously hurt 30 days ago; ${record} and does not count either of these. An offer of support now could help. Harm that may travel to them through others in the network is a small part of the score (3%).`,
    );
    expect(explanationSentence(parts, { near })).toMatch(/ and does not count this\. /);
  });

  it('beside knock-on, harm on record that the score counts for slivers is not "no harm on record"', () => {
    // It read "the score names no harm on record to them or to anyone they shared an incident
    // with" while a reason line named P25's harm, a part of the score.
    const knockOn = [
      { kind: 'background', value: 0.9 },
      { kind: 'knock-on', value: 0.09 },
    ];
    const sliver = { kind: 'exposure', value: 1e-4, via: 'P25', incident: hurt, days: 510 };
    const tail =
      ' An offer of support now could help. Most of the score (91%) comes from their own record (the usual rate for people with records like theirs).';
    expect(explanationSentence([...knockOn, sliver], {})).toBe(
      `Harm now spreading through the network may reach them; harm on record near them is a small part of the score (under 1%).${tail}`,
    );
    // Slivers together: their sum.
    const three = [1, 2, 3].map((k) => ({ ...sliver, value: 0.005, via: `P${k}` }));
    expect(explanationSentence([...knockOn, ...three], {})).toMatch(
      /harm on record near them is a small part of the score \(1%\)\./,
    );
    // Without such a part, as before.
    expect(explanationSentence(knockOn, {})).toBe(
      `Harm now spreading through the network may reach them; the score names no harm on record to them or to anyone they shared an incident with.${tail}`,
    );
  });
});
