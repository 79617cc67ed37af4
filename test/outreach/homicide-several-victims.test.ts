import { describe, expect, it } from 'vitest';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { makeDataset } from '../helpers.js';
import { type ListRow, rows, type TraceRow } from './fixtures.js';

/**
 * One homicide incident H (severity 4) in which Y shot at V1, V2 and V3: the records hold one
 * severity per incident, so they cannot say who died. K is the only victim of homicide IK.
 */
function shootingAtAGroup() {
  return makeDataset([
    ['I1', '2023-01-10', 1, ['V1', 'V2', 'V3'], []],
    ['I2', '2023-02-01', 1, ['V2', 'A'], []],
    ['I0', '2023-03-01', 1, ['K', 'A'], []],
    ['IK', '2023-06-01', 4, ['Z'], ['K']],
    ['H', '2023-12-10', 4, ['Y'], ['V1', 'V2', 'V3']],
  ]);
}

describe('a homicide with several victims: who died is not recorded', () => {
  it('rankForOutreach lists its victims, with a warning; the only victim of a homicide is not listed', () => {
    const list = rankForOutreach(shootingAtAGroup(), { asOf: '2023-12-20' });
    const ids = rows<ListRow>(list).map((r) => r.person_id);
    // Were all left out as 'killed' (the summary said 4 people killed).
    expect(ids).toEqual(expect.arrayContaining(['V1', 'V2', 'V3']));
    expect(ids).not.toContain('K');
    const meta = listMetadata(list)!;
    expect(meta.summary).toContain(
      '1 person killed before 2023-12-20 (only victims of a homicide on record) is not listed.',
    );
    expect(meta.warnings).toContain(
      '3 people were among the victims of a homicide incident with several victims before 2023-12-20: the records do not say who died, so they may be listed; check whether they survived before contacting.',
    );
  });

  it('traceContacts from it lists all its victims and says who died is not recorded', () => {
    const trace = traceContacts(shootingAtAGroup(), 'H', { today: '2023-12-11' });
    const r = rows<TraceRow>(trace);
    expect(r.filter((x) => x.distance === 0).map((x) => x.person_id)).toEqual([
      'V1',
      'V2',
      'V3',
      'Y',
    ]);
    expect(listMetadata(trace)!.warnings).toContain(
      'Incident H is a homicide with several victims: the records do not say who died, so all its victims are listed; check whether they survived before contacting.',
    );
    expect(listMetadata(trace)!.warnings).toContain(
      'Not listed, as killed (the only victim of a homicide on record, in this incident or before 2023-12-10): K. Their families and close contacts may need support; the contacts reached through them are listed.',
    );
  });
});

describe('the words never say "killed" of a victim of a homicide with several victims', () => {
  it('reasons and explanations of the list say "harmed in a homicide"', () => {
    // V2 was listed with "they were themselves killed 10 days ago", and A's reasons read
    // "co-offended with V2 (killed 10 days ago)", beside the warning that who died is not recorded.
    const list = rows<ListRow>(rankForOutreach(shootingAtAGroup(), { asOf: '2023-12-20' }));
    const v2 = list.find((r) => r.person_id === 'V2')!;
    const a = list.find((r) => r.person_id === 'A')!;
    expect(v2.explanation).toMatch(
      /^Recent harm close to them: they were themselves harmed in a homicide 10 days ago, and V1, someone they co-offended with, was harmed in a homicide 10 days ago;/,
    );
    expect(a.reasons).toContain('co-offended with V2 (harmed in a homicide 10 days ago): 0.026');
    for (const r of list)
      expect([r.person_id, `${r.reasons_text} ${r.explanation}`]).not.toEqual([
        r.person_id,
        expect.stringMatching(/killed/),
      ]);
  });

  it("traceContacts' notes say the records do not say who died", () => {
    const trace = rows<TraceRow>(traceContacts(shootingAtAGroup(), 'H', { today: '2023-12-11' }));
    expect(trace.find((r) => r.person_id === 'V1')!.note).toBe(
      'V1 was harmed in this homicide, whose records do not say who died; close to someone harmed: support to stop retaliation before it starts.',
    );
    expect(trace.find((r) => r.person_id === 'A')!.note).toMatch(
      /^Co-offended with V2 \(harmed in this homicide, whose records do not say who died\) once/,
    );
  });

  it('the only victim of a homicide is still "killed"', () => {
    // A co-offended with K, the only victim of homicide IK on 2023-06-01.
    const list = rows<ListRow>(rankForOutreach(shootingAtAGroup(), { asOf: '2023-06-20' }));
    expect(list.find((r) => r.person_id === 'A')!.reasons).toContain(
      'co-offended with K (killed 19 days ago): 0.036',
    );
  });
});

describe('recorded killed, yet with later records (a reused id or a data error)', () => {
  /** K is the only victim of homicide IK on 2023-06-01, and an offender in I9 on 2023-09-01. */
  const contradicted = () =>
    makeDataset([
      ['I1', '2023-01-10', 1, ['K', 'A'], []],
      ['IK', '2023-06-01', 4, ['Z'], ['K']],
      ['I9', '2023-09-01', 3, ['K', 'B'], ['A']],
      ['I10', '2023-10-01', 1, ['K', 'A'], []],
      ['S', '2023-12-10', 3, ['Y'], ['A']],
    ]);

  it('rankForOutreach lists them and says the records contradict each other', () => {
    const list = rankForOutreach(contradicted(), { asOf: '2023-12-20' });
    // Was left out as killed, with no word of the records after it.
    expect(rows<ListRow>(list).map((r) => r.person_id)).toContain('K');
    expect(listMetadata(list)!.summary).not.toContain('killed before');
    expect(listMetadata(list)!.warnings).toContain(
      '1 person is recorded as the only victim of a homicide and yet has records dated after it (a reused id or a data error?): K. They may be listed; check the records before contacting.',
    );
  });

  it('the words never say "killed" of them while they are listed', () => {
    // K, the only victim of homicide IK (2023-06-01), is an offender on 2023-07-01 and 07-11.
    const data = makeDataset([
      ['I1', '2023-01-10', 1, ['K', 'A'], []],
      ['IK', '2023-06-01', 4, ['Z'], ['K']],
      ['I9', '2023-07-01', 1, ['K', 'B'], []],
      ['I10', '2023-07-11', 1, ['K', 'A'], []],
    ]);
    const later = rows<ListRow>(rankForOutreach(data, { asOf: '2023-07-20' }));
    const k = later.find((r) => r.person_id === 'K')!;
    // Listed, with the warning that they may be alive, and explained as 'they were themselves
    // killed 49 days ago'; A's reason read 'co-offended with K (killed 49 days ago)'.
    expect(k.explanation).toMatch(
      /^Recent harm close to them: they were themselves harmed in a homicide 49 days ago;/,
    );
    expect(k.reasons).toContain('victim of a homicide 49 days ago: 0.035');
    expect(later.find((r) => r.person_id === 'A')!.reasons).toContain(
      'co-offended with K (harmed in a homicide 49 days ago): 0.024',
    );
    // As of a date before their later records, K is taken as killed (not listed) and named so,
    // whichever list was made first.
    const before = rows<ListRow>(rankForOutreach(data, { asOf: '2023-06-20' }));
    expect(before.map((r) => r.person_id)).not.toContain('K');
    expect(before.find((r) => r.person_id === 'A')!.reasons).toContain(
      'co-offended with K (killed 19 days ago): 0.032',
    );
  });

  it('traceContacts from that very homicide lists them, warned, and never says "killed"', () => {
    // K, the only victim of homicide IK (2023-06-01), is an offender with B on 2023-07-01.
    const data = makeDataset([
      ['I1', '2023-01-10', 1, ['K', 'A'], []],
      ['IK', '2023-06-01', 4, ['Z'], ['K']],
      ['I9', '2023-07-01', 1, ['K', 'B'], []],
    ]);
    const trace = traceContacts(data, 'IK', { asOf: '2023-07-20', today: '2023-07-20' });
    const r = rows<TraceRow>(trace);
    // Before: K left out ('Not listed, as killed … : K') and A's and B's notes read
    // 'Co-offended with K (killed in this incident)'.
    expect(r.map((x) => x.person_id)).toContain('K');
    expect(listMetadata(trace)!.warnings).toContain(
      'Recorded as the only victim of a homicide and yet with records dated after it (a reused id or a data error?): K. Listed; check the records before contacting.',
    );
    expect((listMetadata(trace)!.warnings ?? []).join(' ')).not.toMatch(/Not listed, as killed/);
    expect(r.find((x) => x.person_id === 'B')!.note).toMatch(
      /^Co-offended with K \(harmed in a homicide in this incident\) once/,
    );
    for (const x of r)
      expect([x.person_id, x.note]).not.toEqual([x.person_id, expect.stringMatching(/killed/)]);
    // As of the homicide's own date nothing contradicts it: K is killed, and named so.
    const atOnce = traceContacts(data, 'IK', { today: '2023-07-20' });
    expect(rows<TraceRow>(atOnce).map((x) => x.person_id)).not.toContain('K');
    expect(rows<TraceRow>(atOnce).find((x) => x.person_id === 'A')!.note).toMatch(
      /^Co-offended with K \(killed in this incident\) once/,
    );
  });

  it('a homicide past the retention horizon says nothing about anyone', () => {
    // K the only victim of IK in 2015, more than 6 years before the list: that record is
    // excluded, so K's later records contradict nothing.
    const data = makeDataset([
      ['IK', '2015-06-01', 4, ['Z'], ['K']],
      ['I1', '2023-01-10', 1, ['K', 'A'], []],
      ['I2', '2023-05-01', 3, ['Y'], ['A']],
      ['I9', '2023-07-01', 1, ['K', 'B'], []],
      ['I10', '2023-07-11', 1, ['K', 'A'], []],
    ]);
    // Both warned "recorded as the only victim of a homicide and yet … records dated after it: K".
    const list = rankForOutreach(data, { asOf: '2023-07-20' });
    expect(listMetadata(list)!.summary).toContain('1 incident older than the 6-year retention');
    expect(listMetadata(list)!.warnings!.join(' ')).not.toMatch(/only victim of a homicide/);
    expect(rows<ListRow>(list).map((r) => r.person_id)).toContain('K');
    const trace = traceContacts(data, 'I2', { today: '2023-07-20' });
    expect(listMetadata(trace)!.warnings!.join(' ')).not.toMatch(/only victim of a homicide/);
    // Within retention the contradiction is still warned of.
    const within = rankForOutreach(data, { asOf: '2023-07-20', retentionYears: 10 });
    expect(listMetadata(within)!.warnings).toContain(
      '1 person is recorded as the only victim of a homicide and yet has records dated after it (a reused id or a data error?): K. They may be listed; check the records before contacting.',
    );
  });

  it('traceContacts lists them, with the same warning', () => {
    const trace = traceContacts(contradicted(), 'S', { today: '2023-12-11' });
    expect(rows<TraceRow>(trace).map((r) => r.person_id)).toContain('K');
    expect(listMetadata(trace)!.warnings).toContain(
      'Recorded as the only victim of a homicide and yet with records dated after it (a reused id or a data error?): K. Listed; check the records before contacting.',
    );
  });
});
