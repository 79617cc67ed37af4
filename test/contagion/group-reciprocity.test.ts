import { describe, expect, it } from 'vitest';
import { groupReciprocity } from '../../src/contagion/group-reciprocity.js';
import { makeDataset } from '../helpers.js';

type Row = Record<string, unknown>;

// Groups Ga {a1, a2}, Gb {b1, b2}, Gc {c1}. Counted by hand (window 90 days):
//   G1 2024-01-01 a1→b1  Ga→Gb, answered by G2 (19 days)
//   G2 2024-01-20 b2→a2  Gb→Ga, answered by G3 (41 days)
//   G3 2024-03-01 a1→b2  Ga→Gb, not answered (G5 is 136 days later)
//   G4 2024-03-05 a2→c1  Ga→Gc, not answered
//   G5 2024-07-15 b1→a1  Gb→Ga, not answered
//   G6 2024-08-01 a1→a2  inside Ga
// Ga→Gb 1/2, Ga→Gc 0/1. Gb→Ga: G2 answered; G5 unanswered but only 18 days before the last
// record (asOf defaults to the day after it, 2024-08-02), so its 90-day window is still open:
// reported as open, not unanswered, and Gb→Ga reciprocity is 1/1. Overall 2 / (5 − 1).
// Turned sour: a1 and b1 co-offended (S1, 2023-12-01) before a1 hurt b1 (G1) and b1 hurt a1
// (G5); a2 and c1 co-offend only after G4 (S2), so that pair did not turn sour.
const groups = { a1: 'Ga', a2: 'Ga', b1: 'Gb', b2: 'Gb', c1: 'Gc' };
const data = makeDataset(
  [
    ['S1', '2023-12-01', 0, ['a1', 'b1'], []],
    ['G1', '2024-01-01', 2, ['a1'], ['b1']],
    ['G2', '2024-01-20', 2, ['b2'], ['a2']],
    ['G3', '2024-03-01', 2, ['a1'], ['b2']],
    ['G4', '2024-03-05', 3, ['a2'], ['c1']],
    ['S2', '2024-04-01', 0, ['a2', 'c1'], []],
    ['G5', '2024-07-15', 2, ['b1'], ['a1']],
    ['G6', '2024-08-01', 2, ['a1'], ['a2']],
  ],
  groups,
);

describe('groupReciprocity', () => {
  it('groupReciprocity(data) counts attacks per ordered pair of groups and the share answered', () => {
    const r = groupReciprocity(data);
    const none = { answered: null, answers: null, open: null, reciprocity: null };
    expect(r.pairs.objects()).toEqual([
      { from_group: 'Ga', to_group: 'Ga', attacks: 1, ...none },
      {
        from_group: 'Ga',
        to_group: 'Gb',
        attacks: 2,
        answered: 1,
        answers: 1,
        open: 0,
        reciprocity: 0.5,
      },
      {
        from_group: 'Ga',
        to_group: 'Gc',
        attacks: 1,
        answered: 0,
        answers: 0,
        open: 0,
        reciprocity: 0,
      },
      {
        from_group: 'Gb',
        to_group: 'Ga',
        attacks: 2,
        answered: 1,
        answers: 1,
        open: 1,
        reciprocity: 1,
      },
    ]);
    expect([r.attacks, r.answered, r.open, r.reciprocity]).toEqual([5, 2, 1, 0.5]);
    // As of a date 200 days after the last record, G5's window is complete: unanswered.
    const later = groupReciprocity(data, { asOf: '2025-02-18' });
    expect([later.attacks, later.answered, later.open, later.reciprocity]).toEqual([5, 2, 0, 0.4]);
  });

  it('flags pairs whose co-offending turned sour, one row per ordered pair', () => {
    const rows = groupReciprocity(data).turnedSour.objects() as Row[];
    expect(rows).toEqual([
      {
        offender_id: 'a1',
        victim_id: 'b1',
        incident_id: 'G1',
        date: '2024-01-01',
        severity: 2,
        co_offences: 1,
        last_co_offence: '2023-12-01',
        days_since_co_offence: 31,
        incidents: 1,
        same_group: false,
      },
      expect.objectContaining({ offender_id: 'b1', victim_id: 'a1', incident_id: 'G5' }),
    ]);
  });

  it('windowDays, asOf and minSeverity change what counts', () => {
    expect(groupReciprocity(data, { windowDays: 200 }).answered).toBe(3); // G3 answered by G5
    expect(groupReciprocity(data, { asOf: '2024-03-02' }).attacks).toBe(3);
    expect(groupReciprocity(data, { minSeverity: 3 }).attacks).toBe(1);
  });

  it('groups can be given as a map; self-victimisation records are on neither side', () => {
    const d = makeDataset([
      ['X1', '2024-01-01', 2, ['p'], ['q']],
      ['X2', '2024-01-10', 2, ['q'], ['q', 'p']], // q recorded as offender and victim
    ]);
    const r = groupReciprocity(d, { groups: { p: 'P', q: 'Q' } });
    // X2 keeps only p as victim and no offender, so it is no attack: P→Q unanswered, and with
    // its window still open (asOf is the day after the last record) it is open, not a failure.
    expect(r.pairs.objects()).toEqual([
      {
        from_group: 'P',
        to_group: 'Q',
        attacks: 1,
        answered: 0,
        answers: 0,
        open: 1,
        reciprocity: null,
      },
    ]);
    expect(
      groupReciprocity(d, { groups: { p: 'P', q: 'Q' }, asOf: '2025-01-01' }).reciprocity,
    ).toBe(0);
  });

  it("groups: 'louvain' finds co-offending communities, the same for the same seed", () => {
    // Two crews that offend together (triangles), and violence between them.
    const d = makeDataset([
      ['K1', '2023-01-01', 0, ['a', 'b', 'c'], []],
      ['K2', '2023-01-02', 0, ['a', 'b'], []],
      ['K3', '2023-01-03', 0, ['x', 'y', 'z'], []],
      ['K4', '2023-01-04', 0, ['y', 'z'], []],
      ['K5', '2023-02-01', 2, ['a'], ['x']],
      ['K6', '2023-02-10', 2, ['y'], ['b']],
    ]);
    const r = groupReciprocity(d, { groups: 'louvain', seed: 7 });
    expect(r.membership.numRows()).toBe(6);
    const group = Object.fromEntries(
      (r.membership.objects() as Row[]).map((m) => [m.person_id, m.group]),
    );
    expect(new Set([group.a, group.b, group.c]).size).toBe(1);
    expect(new Set([group.x, group.y, group.z]).size).toBe(1);
    expect(group.a).not.toBe(group.x);
    expect([r.attacks, r.answered]).toEqual([2, 1]);
    expect(groupReciprocity(d, { groups: 'louvain', seed: 7 }).membership.objects()).toEqual(
      r.membership.objects(),
    );
  });

  it('an attack near asOf is open, not unanswered (censoring)', () => {
    // A1 is answered 10 days later (B1). A2 is a week before asOf: its 90-day window runs past
    // asOf, so it has had no time to be answered — open, reported apart. Reciprocity 1/1, not
    // 1/2. Once asOf is past A2 + 90 days without an answer, A2 counts as unanswered.
    const d = makeDataset(
      [
        ['A1', '2021-01-01', 2, ['g1'], ['h1']],
        ['B1', '2021-01-11', 2, ['h1'], ['g1']],
        ['A2', '2021-12-24', 2, ['g1'], ['h1']],
      ],
      { g1: 'G', h1: 'H' },
    );
    const r = groupReciprocity(d, { asOf: '2021-12-31' });
    // Overall, B1 (H → G) is unanswered with a complete window: 1 answered of 3 − 1 open.
    expect([r.attacks, r.answered, r.open, r.reciprocity]).toEqual([3, 1, 1, 0.5]);
    expect(r.pairs.objects()[0]).toMatchObject({
      from_group: 'G',
      attacks: 2,
      answered: 1,
      open: 1,
      reciprocity: 1,
    });
    const late = groupReciprocity(d, { asOf: '2022-06-01' });
    expect(late.pairs.objects()[0]).toMatchObject({ answered: 1, open: 0, reciprocity: 0.5 });
  });

  it('four attacks and one answer: the answer is matched to one attack (answered ≤ answers)', () => {
    // G attacks H four times, H answers once on 2021-02-01. The answer is matched to the latest
    // attack before it (A4, the retaliation detector's recency rule), so 1 of 4 is answered —
    // before, each of the four counted as answered by the same single incident (4/4).
    const d = makeDataset(
      [
        ['A1', '2021-01-01', 2, ['g1'], ['h1']],
        ['A2', '2021-01-05', 2, ['g2'], ['h2']],
        ['A3', '2021-01-10', 2, ['g1'], ['h2']],
        ['A4', '2021-01-20', 2, ['g2'], ['h1']],
        ['B1', '2021-02-01', 2, ['h1'], ['g1']],
      ],
      { g1: 'G', g2: 'G', h1: 'H', h2: 'H' },
    );
    const r = groupReciprocity(d, { asOf: '2022-01-01' });
    expect(r.pairs.objects()[0]).toMatchObject({
      from_group: 'G',
      attacks: 4,
      answered: 1,
      answers: 1,
      open: 0,
      reciprocity: 0.25,
    });
    // Two simultaneous latest attacks (same day, no times) share the answer: 0.5 each.
    const tie = makeDataset(
      [
        ['A1', '2021-01-20', 2, ['g1'], ['h1']],
        ['A2', '2021-01-20', 2, ['g2'], ['h2']],
        ['B1', '2021-02-01', 2, ['h1'], ['g1']],
      ],
      { g1: 'G', g2: 'G', h1: 'H', h2: 'H' },
    );
    expect(groupReciprocity(tie, { asOf: '2022-01-01' }).pairs.objects()[0]).toMatchObject({
      attacks: 2,
      answered: 1,
      answers: 1,
      reciprocity: 0.5,
    });
    // An answer the same day as the attack, times unknown: simultaneous, answers nothing.
    const sameDay = makeDataset(
      [
        // Another date, so the data are not all on one date (which is refused, single-date).
        ['Z1', '2020-06-01', 0, ['z1'], []],
        ['A1', '2021-01-20', 2, ['g1'], ['h1']],
        ['B1', '2021-01-20', 2, ['h1'], ['g1']],
      ],
      { g1: 'G', h1: 'H' },
    );
    expect(groupReciprocity(sameDay, { asOf: '2022-01-01' }).answered).toBe(0);
  });

  it('membership leaves out people first recorded on or after asOf', () => {
    // z1 (group H) is first recorded in 2022; as of 2022-01-01 nobody has seen z1 yet.
    const d = makeDataset(
      [
        ['A1', '2021-01-01', 2, ['g1'], ['h1']],
        ['A2', '2022-03-01', 2, ['z1'], ['g1']],
      ],
      { g1: 'G', h1: 'H', z1: 'H' },
    );
    const ids = (asOf: string) =>
      groupReciprocity(d, { asOf })
        .membership.objects()
        .map((r) => (r as Row).person_id);
    expect(ids('2022-01-01')).toEqual(['g1', 'h1']);
    expect(ids('2023-01-01')).toEqual(['g1', 'h1', 'z1']);
  });
});
