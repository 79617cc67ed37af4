import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/core/types.js';
import { explanationSentence, reasonText, unusedHarmReasons } from '../../src/outreach/describe.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { cli, EXPORT_ARGS } from '../cli/helpers.js';
import { makeDataset } from '../helpers.js';
import { type ListRow, rows, smallCity } from './fixtures.js';

const OWN_RECORD_LINE =
  /^their own record \(expected events at the usual rate for people with records like theirs\): (\d\.\d{3})$/;

describe('the part of a score from a person’s own record, in plain words', () => {
  it('reasonText names it "their own record" with its value and unit, not "background"', () => {
    // It read "background: 0.252", which a team lead cannot read.
    expect(reasonText({ kind: 'background', value: 0.252 })).toBe(
      'their own record (expected events at the usual rate for people with records like theirs): 0.252',
    );
  });

  it('rankForOutreach says it in the reasons, keeps kind "background", and the parts still sum to the score', () => {
    const list = rows<ListRow>(rankForOutreach(smallCity(), { asOf: '2024-01-01' }));
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) {
      const i = r.contributions.findIndex((c) => c.kind === 'background');
      expect(i).toBeGreaterThanOrEqual(0);
      const m = OWN_RECORD_LINE.exec(r.reasons[i]);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBeCloseTo(r.contributions[i].value, 3);
      expect(r.reasons.join('; ')).not.toMatch(/\bbackground\b/);
      expect(r.explanation).not.toMatch(/\bbackground\b/);
      expect(r.contributions.reduce((s, c) => s + c.value, 0)).toBe(r.score);
    }
  });

  it('the sentence says the score comes from their own record, and how much of it', () => {
    const hurt = {
      incident_id: 'I25',
      date: '2023-05-01',
      day: 19478,
      offence: '',
      severity: 3 as const,
    };
    expect(
      explanationSentence([
        { kind: 'background', value: 0.004 },
        { kind: 'exposure', value: 1.6e-15, via: 'P25', incident: hurt, days: 510 },
      ]),
    ).toBe(
      'On record, P25, someone they co-offended with, was seriously hurt 510 days ago, which counts for under 1% of the score; the score comes from their own record (the usual rate of serious harm for people with records like theirs). A check-in and an offer of support may still help.',
    );
    expect(
      explanationSentence([
        { kind: 'background', value: 0.03 },
        { kind: 'exposure', value: 0.01, via: 'P25', incident: hurt, days: 20 },
      ]),
    ).toBe(
      'Recent harm close to them: P25, someone they co-offended with, was seriously hurt 20 days ago; an offer of support now could help. Most of the score (75%) comes from their own record (the usual rate for people with records like theirs).',
    );
  });
});

describe('their own harm on record that no part of the score names says how the score counts it', () => {
  const shooting: Incident = {
    incident_id: 'S',
    date: '2023-12-26',
    day: 19717,
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
      incident: { ...shooting, incident_id: 'T' },
      days: 10,
    },
  ];
  const own = { own: { incident: shooting, days: 6 } };

  it('a model that counts it through their record (selfExcitation off) says so, not "not counted"', () => {
    // It read "Also on record, not counted in the score: they were themselves stabbed 6 days ago."
    const s = explanationSentence(parts, own, { throughRecord: true });
    expect(s).toBe(
      'Recent harm close to them: P2, someone they co-offended with, was stabbed 10 days ago; an offer of support now could help. Most of the score (67%) comes from their own record (the usual rate for people with records like theirs). Also on record: they were themselves stabbed 6 days ago. The score counts this only through their record, not as a part of its own.',
    );
    expect(unusedHarmReasons(parts, own, { throughRecord: true })).toEqual([
      'victim of a stabbing 6 days ago (on record; counted only through their own record)',
    ]);
  });

  it('a model that does not count it at all says so', () => {
    const s = explanationSentence(parts, own, { throughRecord: false });
    expect(s).toMatch(
      /Also on record: they were themselves stabbed 6 days ago\. The score does not count this\.$/,
    );
    expect(unusedHarmReasons(parts, own, { throughRecord: false })).toEqual([
      'victim of a stabbing 6 days ago (on record; not part of the score)',
    ]);
  });

  // The example police export's fit drops prior_victimisation (it ran off: coefficient 0, said in
  // the fit's warnings), so their own harm counts nowhere in the score; it read "counted only
  // through their own record" and "The score counts this only through their record".
  it('a fitted model whose prior-victimisation coefficient is 0 (the CLI rank of the example police export) says its own harm is not counted', async () => {
    const r = await cli(['rank', ...EXPORT_ARGS, '--format', 'json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    const list: { person_id: string; reasons: string[]; explanation: string }[] = Array.isArray(
      parsed,
    )
      ? parsed
      : parsed.rows;
    const n003 = list.find((x) => x.person_id === 'N003')!;
    expect(n003.reasons).toContain(
      'victim of a serious assault 39 days ago (on record; not part of the score)',
    );
    expect(n003.explanation).toBe(
      'On record, they were themselves seriously hurt 39 days ago, and N005 was seriously hurt 83 days ago, in an incident in which they themselves were recorded as an offender; the score comes from their own record (the usual rate of serious harm for people with records like theirs) and does not count their own harm or the harm to N005. An offer of support now could help.',
    );
  });

  it('the exposure score, past its 180 days of own harm as a part, says it counts through the record unless its history weight is 0', () => {
    // A was shot 214 days before asOf: past the exposure score's 180 days.
    const data = makeDataset([
      ['I1', '2023-01-10', 0, ['A', 'B'], []],
      ['I2', '2023-03-01', 0, ['A', 'C'], []],
      ['I3', '2023-06-01', 3, ['X'], ['A']],
    ]);
    data.incidents.find((x) => x.incident_id === 'I3')!.weapon = 'firearm';
    const a = (weights?: { history: number }) =>
      rows<ListRow>(rankForOutreach(data, { asOf: '2024-01-01', weights })).find(
        (r) => r.person_id === 'A',
      )!;
    expect(a().explanation).toBe(
      'On record, they were themselves shot 214 days ago; the score comes from their own record (the usual rate of serious harm for people with records like theirs), and counts their own harm only as part of that record. An offer of support now could help.',
    );
    expect(a({ history: 0 }).explanation).toBe(
      'On record, they were themselves shot 214 days ago; the score comes from their own record (the usual rate of serious harm for people with records like theirs) and does not count their own harm. An offer of support now could help.',
    );
  });
});
