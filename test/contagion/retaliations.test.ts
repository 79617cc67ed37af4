import { describe, expect, it } from 'vitest';
import { groupReciprocity } from '../../src/contagion/group-reciprocity.js';
import { retaliations } from '../../src/contagion/retaliations.js';
import { OptionError } from '../../src/core/errors.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';

type Row = Record<string, unknown>;
const rows = (t: { objects(): object[] }) => t.objects() as Row[];
const pairs = (t: { objects(): object[] }) =>
  rows(t).map((r) => `${r.from_incident}->${r.to_incident}`);

describe('retaliations', () => {
  // X and Y trade attacks: I1 X→Y, I2 Y→X (19 days later), I3 X→Y (21 days later),
  // I4 Y→X 173 days after I3 (outside the 90-day window). Counted by hand: I1→I2, I2→I3.
  // I1→I3 is not a link: I3's offender X is not on I1's victim side.
  const feud = makeDataset([
    ['I1', '2020-01-01', 2, ['X'], ['Y']],
    ['I2', '2020-01-20', 3, ['Y'], ['X']],
    ['I3', '2020-02-10', 3, ['X'], ['Y']],
    ['I4', '2020-08-01', 2, ['Y'], ['X']],
  ]);

  it('retaliations(data) links a victim striking back at their attacker within the window', () => {
    const t = retaliations(feud);
    expect(pairs(t)).toEqual(['I1->I2', 'I2->I3']);
    expect(rows(t)[0]).toMatchObject({
      from_date: '2020-01-01',
      to_date: '2020-01-20',
      lag_days: 19,
      kind: 'direct',
      offender_route: 'direct',
      victim_route: 'direct',
      severity_from: 2,
      severity_to: 3,
      severity_change: 1,
      people: ['X', 'Y'],
      groups: [],
    });
  });

  it('a back-and-forth A → B → A between two people is a chain of distinct incidents, each pair once', () => {
    // With a year's window I4 (Y→X) fits the pattern of answering both X→Y attacks, I1 and I3;
    // I2 (Y→X) is not answered by I4, whose offender Y was I2's offender, not its victim.
    const all = retaliations(feud, { windowDays: 365, antecedents: 'all' });
    expect(pairs(all)).toEqual(['I1->I2', 'I1->I4', 'I2->I3', 'I3->I4']);
    expect(new Set(pairs(all)).size).toBe(all.numRows());
    // By default I4 answers the most recent of the two equally direct attacks, I3.
    expect(pairs(retaliations(feud, { windowDays: 365 }))).toEqual(['I1->I2', 'I2->I3', 'I3->I4']);
  });

  it('an incident with several offenders and victims is linked once, whatever the pairs', () => {
    const data = makeDataset([
      ['J1', '2021-01-01', 2, ['P', 'Q'], ['R', 'S']],
      ['J2', '2021-01-05', 2, ['R', 'S'], ['P', 'Q']], // 4 × 4 matching pairs, one link
      ['J3', '2021-01-06', 2, ['S'], ['Q', 'T']], // answers J1 (S was its victim, Q its offender)
    ]);
    // J2→J3: J3's offender S was J2's offender, not its victim; P–Q co-offended but S is no
    // associate of theirs. So exactly two links.
    expect(pairs(retaliations(data))).toEqual(['J1->J2', 'J1->J3']);
  });

  it('self-victimisation records are ignored for links', () => {
    const data = makeDataset([
      // U is recorded as both offender and victim of K1: U is on neither side of K1.
      ['K1', '2022-01-01', 2, ['U'], ['U', 'V']],
      ['K2', '2022-01-10', 2, ['V'], ['U']], // would be a direct answer if U counted as K1's offender
      ['K3', '2022-01-20', 2, ['W'], ['W']], // nothing but a self-record: no sides at all
      ['K4', '2022-01-25', 2, ['W'], ['V']],
    ]);
    expect(retaliations(data).numRows()).toBe(0);
  });

  it('same-day incidents: ordered by time when both times are known, else simultaneous', () => {
    const data = makeDataset([
      // L1 and L2 share a day and carry no time: which came first is unknown, so they are
      // simultaneous and neither answers the other (before this rule, L1 → L2 was a link only
      // because 'L1' < 'L2' as strings; renaming L2 to L0 reversed it).
      ['L1', '2023-03-01', 2, ['M'], ['N']],
      ['L2', '2023-03-01', 2, ['N'], ['M']],
      // L9 at 10:00 and L3 at 18:00 the same day: both times known, L3 answers L9.
      ['L9', '2023-06-05T10:00:00Z', 2, ['M'], ['N']],
      ['L3', '2023-06-05T18:00:00Z', 2, ['N'], ['M']],
      // L5 has a time, L6 (same day) has none: their order is unknown, no link.
      ['L5', '2023-12-01T08:00:00Z', 2, ['M'], ['N']],
      ['L6', '2023-12-01', 2, ['N'], ['M']],
    ]);
    const t = retaliations(data);
    expect(pairs(t)).toEqual(['L9->L3']);
    expect(rows(t)[0].lag_days).toBeCloseTo(8 / 24, 9);
    expect(rows(t)[0].same_day).toBe(false);
    const reversed = { ...data, incidents: [...data.incidents].reverse() };
    expect(pairs(retaliations(reversed))).toEqual(pairs(t));
    // sameDay: true links the unordered same-day pairs, labelled as such; the direction is
    // unknown (from = first in the index: an undated time sorts at the start of its day, then
    // the input's order).
    const same = retaliations(data, { sameDay: true });
    expect(pairs(same)).toEqual(['L1->L2', 'L9->L3', 'L6->L5']);
    expect(rows(same).map((r) => r.same_day)).toEqual([true, false, true]);
  });

  it('associates answer as proxies, with ties taken as of the first incident (no future leakage)', () => {
    const data = makeDataset([
      ['C0', '2019-06-01', 0, ['Y2', 'W'], []], // W and Y2 co-offend
      ['A1', '2019-07-01', 2, ['G1'], ['Y2']],
      ['B1', '2019-07-15', 2, ['W'], ['G1']], // W, Y2's co-offender, harms G1
      ['A2', '2019-09-01', 2, ['G2'], ['Z']],
      ['C1', '2019-09-05', 0, ['Z', 'W2'], []], // a tie formed after A2
      ['B2', '2019-09-10', 2, ['W2'], ['G2']],
    ]);
    const t = retaliations(data);
    expect(pairs(t)).toEqual(['A1->B1']);
    expect(rows(t)[0]).toMatchObject({
      kind: 'proxy',
      offender_route: 'associate',
      victim_route: 'direct',
    });
    expect(retaliations(data, { associateDistance: 0 }).numRows()).toBe(0);
  });

  it('second-degree associates answer only when associateDistance is 2', () => {
    const data = makeDataset([
      ['C0', '2019-06-01', 0, ['V1', 'M1'], []],
      ['C1', '2019-06-02', 0, ['M1', 'F1'], []], // V1 – M1 – F1
      ['A1', '2019-07-01', 2, ['O1'], ['V1']],
      ['B1', '2019-07-15', 2, ['F1'], ['O1']],
    ]);
    expect(retaliations(data).numRows()).toBe(0);
    const t = retaliations(data, { associateDistance: 2 });
    expect(rows(t)).toMatchObject([{ offender_route: 'second-degree', kind: 'proxy' }]);
  });

  it('group members answer for their group, but violence inside a group reaches no side', () => {
    const groups = { a1: 'Ga', a2: 'Ga', a3: 'Ga', a4: 'Ga', b1: 'Gb', b2: 'Gb' };
    const data = makeDataset(
      [
        ['H1', '2024-01-01', 2, ['a1'], ['b1']],
        ['H2', '2024-02-01', 3, ['b2'], ['a2']], // Gb answers Ga: group proxy on both sides
        ['H3', '2024-02-10', 2, ['b1'], ['a3']], // H1's victim strikes back at Ga
        ['H5', '2024-05-01', 2, ['a1'], ['a2']], // inside Ga
        ['H6', '2024-05-10', 2, ['a3'], ['a4']], // inside Ga again: not an answer to H5
      ],
      groups,
    );
    // Every match (the literal definition): H1→H2 and H1→H3. H2→H3 is no match: H3's offender
    // b1 is in H2's offenders' group, not its victims'.
    const all = retaliations(data, { antecedents: 'all' });
    expect(pairs(all)).toEqual(['H1->H2', 'H1->H3']);
    expect(rows(all)[0]).toMatchObject({
      kind: 'proxy',
      offender_route: 'group',
      victim_route: 'group',
      groups: ['Ga', 'Gb'],
      severity_change: 1,
    });
    // By default a link leaning on groups on both sides (4 steps) is left out; the victim
    // striking back at a member of the attacking group (0 + 2 steps) is kept.
    const t = retaliations(data);
    expect(pairs(t)).toEqual(['H1->H3']);
    expect(rows(t)[0]).toMatchObject({ offender_route: 'direct', victim_route: 'group' });
    expect(pairs(retaliations(data, { maxSteps: 4 }))).toEqual(['H1->H2', 'H1->H3']);
    expect(retaliations(data, { useGroups: false }).numRows()).toBe(0);
  });

  it('minSeverity, windowDays and asOf bound which incidents can be linked', () => {
    expect(pairs(retaliations(feud, { minSeverity: 3 }))).toEqual(['I2->I3']);
    expect(pairs(retaliations(feud, { windowDays: 19 }))).toEqual(['I1->I2']);
    expect(pairs(retaliations(feud, { asOf: '2020-02-10' }))).toEqual(['I1->I2']);
  });

  it('retaliations(data) resolves each incident to one antecedent: tied through people on both sides first, then the most recent', () => {
    const groups = { x1: 'Gx', x2: 'Gx', y1: 'Gy', y2: 'Gy' };
    const data = makeDataset(
      [
        ['A1', '2024-01-01', 2, ['x1'], ['y1']],
        ['A2', '2024-01-20', 2, ['x2'], ['y2']],
        // y1 (A1's victim) harms x1 (A1's offender) and x2 (A2's offender). For A1 both sides
        // are the very people; for A2 the offender side is only y2's group (0 + 2 steps).
        ['B', '2024-02-01', 2, ['y1'], ['x1', 'x2']],
      ],
      groups,
    );
    const all = rows(retaliations(data, { antecedents: 'all' }));
    expect(all.map((r) => `${r.from_incident}->${r.to_incident}`)).toEqual(['A1->B', 'A2->B']);
    expect(all[1]).toMatchObject({ offender_route: 'group', victim_route: 'direct' });
    // The older, person-level A1 is preferred to the more recent A2 that leans on a group.
    expect(pairs(retaliations(data))).toEqual(['A1->B']);
  });

  it('links through an associate on one side and a group on the other (3 steps) need maxSteps ≥ 3', () => {
    const groups = { o1: 'Go', o2: 'Go', v1: 'Gv', w1: 'Gv' };
    const data = makeDataset(
      [
        ['C0', '2024-01-01', 0, ['v1', 'w1'], []], // w1 co-offends with v1
        ['A1', '2024-02-01', 2, ['o1'], ['v1']],
        ['B1', '2024-02-20', 2, ['w1'], ['o2']], // v1's associate harms another member of Go
      ],
      groups,
    );
    expect(retaliations(data).numRows()).toBe(0);
    const t = retaliations(data, { maxSteps: 3 });
    expect(rows(t)).toMatchObject([
      {
        from_incident: 'A1',
        to_incident: 'B1',
        offender_route: 'associate',
        victim_route: 'group',
      },
    ]);
    expect(() => retaliations(data, { maxSteps: -1 })).toThrow(OptionError);
    expect(() => retaliations(data, { maxStep: 3 } as never)).toThrow(/maxSteps/);
  });

  it('a group label dated after the cut (or after the event) is not used', () => {
    // b1 (victim of H1 by a1) strikes a3 in H3. a3 is in Ga like a1 only by a label recorded on
    // 2024-06-01: as of 2024-03-01 nobody knew it, so H1 → H3 is no link (before, the undated
    // label turned "no link" into a link). As of 2024-12-01 the label exists but did not hold on
    // H3's date (2024-02-10), so still no link. An undated label is timeless: the link appears.
    const specs: IncidentSpec[] = [
      ['H1', '2024-01-01', 2, ['a1'], ['b1']],
      ['H3', '2024-02-10', 2, ['b1'], ['a3']],
    ];
    const dated = makeDataset(specs, { a1: 'Ga', b1: 'Gb' });
    dated.people.push({ person_id: 'a3', group: 'Ga', group_since: '2024-06-01' });
    expect(retaliations(dated, { asOf: '2024-03-01' }).numRows()).toBe(0);
    expect(retaliations(dated, { asOf: '2024-12-01' }).numRows()).toBe(0);
    const undated = makeDataset(specs, { a1: 'Ga', b1: 'Gb', a3: 'Ga' });
    expect(pairs(retaliations(undated, { asOf: '2024-03-01' }))).toEqual(['H1->H3']);
    // Group reciprocity: with the dated label H3 is no Gb → Ga attack (a3 had no group then):
    // 0 answered; with the undated one, 1 of 1, and a warning says labels were timeless.
    const r = groupReciprocity(dated, { asOf: '2024-12-01' });
    expect([r.attacks, r.answered]).toEqual([1, 0]);
    expect(r.membership.objects().map((x) => (x as Row).person_id)).toEqual(['a1', 'a3', 'b1']);
    expect(groupReciprocity(dated, { asOf: '2024-03-01' }).membership.numRows()).toBe(2);
    const u = groupReciprocity(undated, { asOf: '2024-12-01' });
    expect([u.attacks, u.answered]).toEqual([2, 1]);
    expect(u.warnings[0]).toMatch(/3 group labels .*treated as timeless/);
  });
});
