import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { planOutreach } from '../../src/outreach/plan-outreach.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { synthCity } from '../../src/synth/city.js';
import { makeDataset } from '../helpers.js';
import { type ListRow, rows, type TraceRow } from './fixtures.js';

/**
 * smallCity's records, and B (A's co-offender, close to A's shooting) killed on 2023-12-10:
 *   I1 2023-01-10 A, B co-offend; I2 2023-02-01 B, C; I3 2023-03-01 C, D;
 *   I4 2023-12-01 X shoots A; I5 2023-12-10 Y kills B (severity 4).
 */
function cityWithHomicide() {
  return makeDataset([
    ['I1', '2023-01-10', 0, ['A', 'B'], []],
    ['I2', '2023-02-01', 0, ['B', 'C'], []],
    ['I3', '2023-03-01', 0, ['C', 'D'], []],
    ['I4', '2023-12-01', 3, ['X'], ['A']],
    ['I5', '2023-12-10', 4, ['Y'], ['B']],
  ]);
}

/** The people killed (victims of severity-4 incidents) before `asOf`. */
function killedBefore(data: ReturnType<typeof makeDataset>, asOf: string): Set<string> {
  const homicide = new Set(
    data.incidents.filter((i) => i.severity === 4 && i.date < asOf).map((i) => i.incident_id),
  );
  return new Set(
    data.involvements
      .filter((v) => v.role === 'victim' && homicide.has(v.incident_id))
      .map((v) => v.person_id),
  );
}

describe('nobody killed is listed for outreach', () => {
  it('rankForOutreach leaves out a homicide victim, however exposed, and says so', () => {
    const data = cityWithHomicide();
    const list = rankForOutreach(data, { asOf: '2024-01-01' });
    const ids = rows<ListRow>(list).map((r) => r.person_id);
    expect(ids).not.toContain('B'); // was rank 1: killed 22 days ago, close to A's shooting
    expect(ids).toContain('A');
    expect(listMetadata(list)!.summary).toContain(
      '1 person killed before 2024-01-01 (only victims of a homicide on record) is not listed.',
    );
    // Before the killing B is listed as usual.
    expect(
      rows<ListRow>(rankForOutreach(data, { asOf: '2023-12-05' })).map((r) => r.person_id),
    ).toContain('B');
  });

  it('traceContacts from a homicide does not list the person killed, names them, and keeps their contacts', () => {
    const data = cityWithHomicide();
    const trace = traceContacts(data, 'I5', { today: '2023-12-11' });
    const r = rows<TraceRow>(trace);
    expect(r.map((x) => x.person_id)).not.toContain('B');
    expect(r.find((x) => x.person_id === 'A')?.note).toBe(
      'Co-offended with B (killed in this incident) once, last together 2023-01-10; close to someone harmed: support to stop retaliation before it starts.',
    );
    expect(listMetadata(trace)!.warnings).toContain(
      'Not listed, as killed (the only victim of a homicide on record, in this incident or before 2023-12-10): B. Their families and close contacts may need support; the contacts reached through them are listed.',
    );
    // A contact killed before the traced incident is not listed either.
    const later = makeDataset([
      ...([
        ['I1', '2023-01-10', 0, ['A', 'B'], []],
        ['I2', '2023-02-01', 0, ['B', 'C'], []],
        ['I5', '2023-12-10', 4, ['Y'], ['B']],
      ] as const),
      ['I6', '2023-12-20', 3, ['Z'], ['C']],
    ] as never);
    const t2 = rows<TraceRow>(traceContacts(later, 'I6', { today: '2023-12-21' }));
    expect(t2.map((x) => x.person_id)).toEqual(['C', 'Z', 'A']); // B, between C and A, is not listed
  });

  it('planOutreach plans for nobody killed before asOf', () => {
    const { data } = synthCity({ people: 1500, seed: 3 });
    const asOf = '2023-07-01';
    const killed = killedBefore(data as never, asOf);
    const model = fitNetworkHawkes(data, { asOf, standardErrors: false });
    const plan = planOutreach(data, { asOf, model, capacity: 300, cap: 1000 });
    const planned = rows<{ person_id: string }>(plan.list).map((r) => r.person_id);
    expect(killed.size).toBeGreaterThan(0);
    expect(planned.filter((id) => killed.has(id))).toEqual([]);
    // The list made from the same model too.
    const list = rows<ListRow>(rankForOutreach(data, { asOf, model, limit: 1000 }));
    expect(list.filter((r) => killed.has(r.person_id))).toEqual([]);
  });
});

describe('a list made long after the latest record says how old it is', () => {
  it('warns when the latest record is more than 60 days before asOf, and not otherwise', () => {
    const data = cityWithHomicide();
    const stale = listMetadata(rankForOutreach(data, { asOf: '2024-06-01' }))!.warnings;
    expect(stale).toContain(
      'The latest record is dated 2023-12-10, 174 days before the as-of date 2024-06-01: anything since then is missing from these records, so this list cannot reflect it. Check that the extract is current.',
    );
    const fresh = listMetadata(rankForOutreach(data, { asOf: '2024-01-01' }))!.warnings;
    expect((fresh ?? []).filter((w) => w.startsWith('The latest record'))).toEqual([]);
  });
});
