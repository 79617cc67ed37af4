import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OptionError, ProtectedAttributeError } from '../../src/core/errors.js';
import type { RiskModel } from '../../src/core/risk.js';
import { pseudonymise } from '../../src/ingest/pseudonymise.js';
import { exposureRiskModel } from '../../src/outreach/exposure-risk-model.js';
import { exportList, listMetadata, PURPOSE_LABEL } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { makeDataset } from '../helpers.js';
import { type ListRow, rows, smallCity } from './fixtures.js';

const asOf = '2024-01-01';

/** A fake model with fixed parts, to test the list machinery apart from any scoring rule. */
function fixedModel(
  parts: Record<
    string,
    { kind: string; value: number; via?: string; incidentId?: string; day?: number }[]
  >,
): RiskModel {
  return {
    name: 'fixed test model',
    risk(people) {
      return (people ?? Object.keys(parts)).map((id) => {
        const contributions = (parts[id] ?? []).map((c) => ({ ...c }));
        return {
          person_id: id,
          expected: contributions.reduce((s, c) => s + c.value, 0),
          contributions,
        };
      });
    },
  };
}

describe('rankForOutreach', () => {
  const data = smallCity();

  it('lists people by score with reasons that sum exactly to the score', () => {
    const list = rankForOutreach(data, { asOf });
    const rs = rows<ListRow>(list);
    // D and X rest on a single record each, E only on a record older than retention: not listed.
    expect(rs.map((r) => r.person_id)).toEqual(['A', 'B', 'C']);
    expect(rs.map((r) => r.rank)).toEqual([1, 2, 3]);
    for (const r of rs) {
      expect(r.contributions.reduce((s, c) => s + c.value, 0)).toBe(r.score);
      expect(r.reasons).toHaveLength(r.contributions.length);
      expect(r.score).toBe(r.expected_events);
    }
    const b = rs[1];
    expect(b.reasons).toHaveLength(2);
    expect(b.reasons).toContainEqual(
      expect.stringMatching(/^co-offended with A \(shot 31 days ago\): 0\.0\d\d$/),
    );
    expect(b.reasons).toContainEqual(
      expect.stringMatching(
        /^their own record \(expected events at the usual rate for people with records like theirs\): 0\.0\d\d$/,
      ),
    );
    expect(b.explanation).toBe(
      'Recent harm close to them: A, someone they co-offended with, was shot 31 days ago; an offer of support now could help. Most of the score (67%) comes from their own record (the usual rate for people with records like theirs).',
    );
    expect(rs[2].reasons.join('; ')).toMatch(/linked through B to A \(shot 31 days ago\)/);
    expect(rs[0].reasons.some((s: string) => /^victim of a shooting 31 days ago: /.test(s))).toBe(
      true,
    );
  });

  it('the scores are those of the exposure model the list defaults to', () => {
    const list = rankForOutreach(data, { asOf });
    const byModel = new Map(
      exposureRiskModel(data, { asOf })
        .risk(undefined, { from: asOf, horizonDays: 90 })
        .map((r) => [r.person_id, r.expected]),
    );
    for (const r of list.objects() as { person_id: string; score: number }[])
      expect(r.score).toBe(byModel.get(r.person_id));
  });

  it('carries the purpose label, parameters and data window, also after arquero verbs', () => {
    const list = rankForOutreach(data, { asOf, limit: 2 });
    const meta = listMetadata(list.filter((d: { rank: number }) => d.rank === 1))!;
    expect(meta.purpose).toBe(PURPOSE_LABEL);
    expect(meta.parameters).toMatchObject({
      asOf,
      horizonDays: 90,
      limit: 2,
      cap: 1000,
      retentionYears: 6,
    });
    expect(meta.dataWindow).toEqual({ from: '2018-01-01', to: asOf, incidents: 4 });
    expect(meta.excludedByRetention).toBe(1);
    expect(meta.summary).toContain(
      '1 incident older than the 6-year retention horizon was excluded',
    );
    expect(list.numRows()).toBe(2);
  });

  it('every export starts with the purpose label; a table without it cannot be exported', () => {
    const list = rankForOutreach(data, { asOf });
    const csv = exportList(list);
    expect(csv.split('\n')[0]).toBe(`# ${PURPOSE_LABEL}`);
    expect(csv.split(PURPOSE_LABEL)).toHaveLength(2); // once, at the head
    expect(csv).toContain(';co-offended with A (shot 31 days ago): 0.020,');
    const json = JSON.parse(exportList(list, { format: 'json' }));
    expect(json.purpose).toBe(PURPOSE_LABEL);
    expect(json.rows).toHaveLength(3);
    const stripped = list.params({ outreach: undefined }) as typeof list;
    expect(() => exportList(stripped)).toThrow(/purpose label/);
  });

  it('pseudonymises ids everywhere with a keyed hash (HMAC-SHA256, first 12 hex digits)', () => {
    const key = 'a test key of 16+ bytes';
    const ps = (id: string) =>
      `P-${createHmac('sha256', key).update(id).digest('hex').slice(0, 12)}`;
    const list = rankForOutreach(data, { asOf, pseudonymise: { key } });
    const rs = rows<ListRow>(list);
    expect(rs.map((r) => r.person_id)).toEqual(['A', 'B', 'C'].map(ps));
    // …the same pseudonyms as ingest's, so a list matches a pseudonymised dataset.
    expect(rs.map((r) => r.person_id)).toEqual(['A', 'B', 'C'].map((id) => pseudonymise(id, key)));
    expect(rs[1].reasons_text).toContain(`co-offended with ${ps('A')} (shot 31 days ago)`);
    expect(exportList(list)).not.toMatch(/\bA\b|\bB\b/);
    expect(listMetadata(list)!.parameters.pseudonymised).toBe(true);
    expect(JSON.stringify(listMetadata(list))).not.toContain(key);
  });

  it('nobody is ranked on a single record; the rule is configurable', () => {
    const one = rankForOutreach(data, { asOf, minEvidence: { records: 1 } });
    // X's background (one violent record) outweighs B's exposure in this tiny city.
    expect(one.array('person_id')).toEqual(['A', 'X', 'B', 'C', 'D']);
    // Evidence: A has I1 and I4 (2); B has I1, I2 and the shooting of A (3); C has I2, I3 and I4 (3).
    const three = rankForOutreach(data, { asOf, minEvidence: 3 });
    expect(three.array('person_id')).toEqual(['B', 'C']);
  });

  it('caps the list length: a limit above the cap is refused unless the cap is raised', () => {
    // Before: "limit 5000 is above the cap of 1000; …", naming neither the function nor why.
    expect(() => rankForOutreach(data, { asOf, limit: 5000 })).toThrow(
      new OptionError(
        'rankForOutreach',
        'limit',
        "rankForOutreach: option 'limit' (5000) is above the cap of 1000 people, which keeps a whole population from being listed in one export by accident; raise 'cap' explicitly if a longer list is really needed",
      ),
    );
    expect(() => rankForOutreach(data, { asOf, limit: 5000 })).toThrow(OptionError);
    expect(() => rankForOutreach(data, { asOf, limit: 600, cap: 500 })).toThrow(
      "rankForOutreach: option 'limit' (600) is above option 'cap' (500), which keeps",
    );
    expect(rankForOutreach(data, { asOf, limit: 5000, cap: 5000 }).numRows()).toBe(3);
  });

  it('refuses protected attributes as inputs and as parts of a model score', () => {
    expect(() => rankForOutreach(data, { asOf, weights: { race: 2 } as never })).toThrow(
      ProtectedAttributeError,
    );
    const model = fixedModel({ A: [{ kind: 'ethnicity', value: 1 }] });
    expect(() => rankForOutreach(data, { asOf, model })).toThrow(ProtectedAttributeError);
  });

  it('breaks ties deterministically: equal scores go by most recent evidence, then id', () => {
    const tied = makeDataset([
      ['J1', '2023-01-01', 0, ['Q', 'R'], []],
      ['J2', '2023-01-01', 0, ['S', 'T'], []],
      ['J3', '2023-06-01', 0, ['T', 'U'], []],
      // A serious event (V scores nothing): without one the list is refused (no-events).
      ['J4', '2023-03-01', 3, [], ['V']],
    ]);
    const model = fixedModel(
      Object.fromEntries(
        ['Q', 'R', 'S', 'T', 'U'].map((id) => [id, [{ kind: 'background', value: 0.01 }]]),
      ),
    );
    const ids = rankForOutreach(tied, { asOf, model, minEvidence: 1 }).array('person_id');
    expect(ids).toEqual(['T', 'U', 'Q', 'R', 'S']);
    const shuffled = {
      ...tied,
      incidents: [...tied.incidents].reverse(),
      involvements: [...tied.involvements].reverse(),
    };
    expect(rankForOutreach(shuffled, { asOf, model, minEvidence: 1 }).array('person_id')).toEqual(
      ids,
    );
  });

  it('removes model parts resting on records older than retention, and says so', () => {
    const model = fixedModel({
      A: [
        { kind: 'exposure', via: 'E', incidentId: 'I0', day: 16953, value: 0.5 },
        { kind: 'background', value: 0.01 },
      ],
      B: [{ kind: 'background', value: 0.02 }],
    });
    const list = rankForOutreach(data, { asOf, model });
    const rs = rows<ListRow>(list);
    expect(rs.map((r) => [r.person_id, r.score])).toEqual([
      ['B', 0.02],
      ['A', 0.01],
    ]);
    expect(rs[1].expected_events).toBe(0.51);
    expect(listMetadata(list)!.summary).toContain(
      '1 part of model scores resting on them was removed',
    );
  });
});
