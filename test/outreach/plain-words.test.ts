import { describe, expect, it } from 'vitest';
import { explanationSentence, reasonText } from '../../src/outreach/describe.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
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
