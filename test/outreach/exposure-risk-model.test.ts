import { describe, expect, it } from 'vitest';
import { ProtectedAttributeError } from '../../src/core/errors.js';
import { exposureRiskModel } from '../../src/outreach/exposure-risk-model.js';
import { makeDataset } from '../helpers.js';
import { AGE, smallCity } from './fixtures.js';

const asOf = '2024-01-01';
const H = 90;
// The kernel share in the horizon for an event a days before: e^(−a/125) − e^(−(a+90)/125).
const K = (a: number) => Math.exp(-a / 125) - Math.exp(-(a + H) / 125);
// Tie strength with a 365-day half-life, capped at 1.
const tie = (age: number) => Math.min(1, 0.5 ** (age / 365));
// Background: 1 serious victimisation (A, I4) among the 5 people present (A B C D X) over the
// 356 days from the first in-window record (I1) to asOf; violent records A 1, X 1 → mean 0.4.
const bgUnit = ((1 / (5 * 356)) * H) / (1 + 0.5 * 0.4);

describe('exposureRiskModel', () => {
  const data = smallCity();
  const model = exposureRiskModel(data, { asOf });
  const risks = new Map(
    model.risk(undefined, { from: asOf, horizonDays: H }).map((r) => [r.person_id, r]),
  );

  it('scores everyone with a record in the retention window, and nobody else', () => {
    expect([...risks.keys()]).toEqual(['A', 'B', 'C', 'D', 'X']); // E only appears in 2016
  });

  it('a direct co-offender of a shooting victim gets the exposure part computed by hand', () => {
    const b = risks.get('B')!;
    const exp = b.contributions.find((c) => c.kind === 'exposure')!;
    expect(exp).toMatchObject({ via: 'A', incidentId: 'I4' });
    expect(exp.value).toBeCloseTo(0.1 * tie(AGE.I1) * K(AGE.I4), 15);
    expect(b.contributions.find((c) => c.kind === 'background')!.value).toBeCloseTo(bgUnit, 15);
  });

  it('an associate at distance 2 is exposed through the intermediary, scaled by the weaker tie', () => {
    const c = risks.get('C')!;
    const ind = c.contributions.find((x) => x.kind === 'exposure-indirect')!;
    expect(ind).toMatchObject({ via: 'A', through: 'B', incidentId: 'I4' });
    expect(ind.value).toBeCloseTo(0.1 * 0.2 * Math.min(tie(AGE.I1), tie(AGE.I2)) * K(AGE.I4), 15);
    // D is three steps from A: background only.
    expect(risks.get('D')!.contributions.map((x) => x.kind)).toEqual(['background']);
  });

  it("the victim's own recent harm and violent record raise their own score", () => {
    const a = risks.get('A')!;
    const part = (kind: string) => a.contributions.find((x) => x.kind === kind)!.value;
    expect(a.contributions).toHaveLength(2);
    expect(part('own-victimisation')).toBeCloseTo(0.1 * K(AGE.I4), 15);
    expect(part('background')).toBeCloseTo(bgUnit * 1.5, 15); // (1 + 0.5·1) / (1 + 0.5·0.4) × unit
  });

  it('the parts sum exactly to the expected value, largest first', () => {
    for (const r of risks.values()) {
      expect(r.contributions.reduce((s, c) => s + c.value, 0)).toBe(r.expected);
      for (let i = 1; i < r.contributions.length; i++)
        expect(r.contributions[i - 1].value).toBeGreaterThanOrEqual(r.contributions[i].value);
    }
  });

  it('uses only records before `from`: the shooting does not count the day before it', () => {
    const before = model.risk(['B'], { from: '2023-12-01', horizonDays: H })[0];
    expect(before.contributions.map((c) => c.kind)).toEqual(['background']);
  });

  it('harm older than windowDays is not exposure', () => {
    const m = exposureRiskModel(data, { asOf, windowDays: 30 });
    expect(
      m.risk(['B'], { from: asOf, horizonDays: H })[0].contributions.map((c) => c.kind),
    ).toEqual(['background']);
  });

  it('refuses protected attributes and audit-only columns as weights', () => {
    expect(() => exposureRiskModel(data, { weights: { ethnicity: 1 } as never })).toThrow(
      ProtectedAttributeError,
    );
    const withAudit = { ...data, auditColumns: ['postcode'] };
    expect(() => exposureRiskModel(withAudit, { weights: { postcode: 1 } as never })).toThrow(
      ProtectedAttributeError,
    );
    expect(() => exposureRiskModel(data, { weights: { degree: 1 } as never })).toThrow(
      "exposureRiskModel: unknown option 'weights.degree'. Valid options of weights:",
    );
    // Named by its path with the closest name, as every nested option (was "unknown weight
    // 'exposre'. Did you mean 'exposure'?").
    expect(() => exposureRiskModel(data, { weights: { exposre: 1 } as never })).toThrow(
      "exposureRiskModel: unknown option 'weights.exposre'. Did you mean 'weights.exposure'?",
    );
    expect(() => exposureRiskModel(data, { weights: { exposure: -1 } })).toThrow(
      "exposureRiskModel: option 'weights.exposure' must be a finite number ≥ 0, got -1.",
    );
  });

  it('an id in none of the records is refused, naming the closest (it got a background score)', () => {
    // Before: 'nobody' scored the background, bgUnit, as if a person with a clean record.
    expect(() => model.risk(['nobody'], { from: asOf, horizonDays: H })).toThrow(
      "model.risk: person 'nobody' is in none of the records; give ids as in the records (an id the model does not know read as no risk).",
    );
    expect(() => model.risk(['b'], { from: asOf, horizonDays: H })).toThrow(
      "model.risk: person 'b' is in none of the records (did you mean 'B'?);",
    );
    // E, on record only in 2016 (past retention), is a person of the records: scored, not refused.
    expect(model.risk(['E'], { from: asOf, horizonDays: H })[0].person_id).toBe('E');
  });

  it('a tie formed after a shooting carries no exposure (tiesAt: harm, the default)', () => {
    // V is shot on 2023-10-01; P first co-offends with V on 2023-11-01, Q on 2023-06-01. As of
    // 2024-01-01 both are V's associates, but only Q was when V was shot: P gets no exposure
    // part. With tiesAt: 'asOf' (the old behaviour) P's later tie carries the harm backwards.
    const d = makeDataset([
      ['T0', '2023-06-01', 0, ['Q', 'V'], []],
      ['S1', '2023-10-01', 3, [], ['V']],
      ['T1', '2023-11-01', 0, ['P', 'V'], []],
    ]);
    const kinds = (tiesAt: 'harm' | 'asOf') =>
      Object.fromEntries(
        exposureRiskModel(d, { asOf, tiesAt })
          .risk(['P', 'Q'], { from: asOf, horizonDays: H })
          .map((r) => [r.person_id, r.contributions.map((c) => c.kind)]),
      );
    expect(kinds('harm').P).toEqual(['background']);
    expect([...kinds('harm').Q].sort()).toEqual(['background', 'exposure']);
    expect(kinds('asOf').P).toContain('exposure');
  });

  it('refuses a person id typed as a number, or one id as text, as model.risk does', () => {
    // Before: risk([101]) gave 0 where risk(['101']) is not (the number matched nobody), and
    // risk('P-000001') threw a bare 'people.map is not a function'.
    const model = exposureRiskModel(data, { asOf });
    const someone = data.involvements[0].person_id;
    expect(model.risk([someone], { from: asOf, horizonDays: H })[0].person_id).toBe(someone);
    expect(() => model.risk([someone, 101 as never], { from: asOf, horizonDays: H })).toThrow(
      "model.risk: people[1] is 101 (number); person ids are text, as in the records: pass String(id) ('101')",
    );
    expect(() => model.risk(someone as never, { from: asOf, horizonDays: H })).toThrow(
      'model.risk: people must be an array of person ids (or undefined for everyone), got string',
    );
    expect(() => model.risk([null as never], { from: asOf, horizonDays: H })).toThrow(
      'people[0] is null (null); person ids are text, as in the records: give every id as text',
    );
  });
});
