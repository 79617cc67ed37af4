import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import type { RiskModel } from '../../src/core/risk.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { listMetadata, PURPOSE_LABEL } from '../../src/outreach/purpose.js';
import { type TraceContactsOptions, traceContacts } from '../../src/outreach/trace-contacts.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';
import { rows, type TraceRow } from './fixtures.js';

// Hand-made network around a shooting (I6, 2023-05-01: O shoots V):
//   V — B — C        (I1 2023-01-01, I2 2023-02-01)
//   O — D — E — F    (I3 2023-03-01, I4 2023-04-01, I5 2023-04-15)
//       D — C        (I8 2023-03-15): C is two steps from both V and O
//   V — G            (I7 2023-06-01, after the shooting: must not appear)
const specs: IncidentSpec[] = [
  ['I1', '2023-01-01', 0, ['V', 'B'], []],
  ['I2', '2023-02-01', 0, ['B', 'C'], []],
  ['I3', '2023-03-01', 0, ['O', 'D'], []],
  ['I4', '2023-04-01', 0, ['D', 'E'], []],
  ['I5', '2023-04-15', 0, ['E', 'F'], []],
  ['I6', '2023-05-01', 3, ['O'], ['V']],
  ['I7', '2023-06-01', 0, ['V', 'G'], []],
  ['I8', '2023-03-15', 0, ['C', 'D'], []],
];
const data = makeDataset(specs);
data.incidents.find((x) => x.incident_id === 'I6')!.weapon = 'firearm';
// Tie strength: 0.5^(days from the last shared incident to 2023-05-01 / 365).
const w = (days: number) => 0.5 ** (days / 365);

describe('traceContacts from a non-violent incident', () => {
  it('names its people by their roles and warns that no retaliation is to be expected from it', () => {
    // I9: V reports a theft by D (severity 0). It read "V was involved in an incident in this
    // incident; close to someone harmed: support to stop retaliation…", and D "involved in
    // causing harm … may face counter-retaliation".
    const d = makeDataset([...specs, ['I9', '2023-05-10', 0, ['D'], ['V']]]);
    const t = traceContacts(d, 'I9', { today: '2023-05-11' });
    const notes = rows<TraceRow>(t)
      .slice(0, 2)
      .map((r) => r.note);
    expect(notes).toEqual([
      'V was recorded as a victim in this incident; close to a victim of this non-violent incident.',
      'D was recorded as an offender in this incident; close to an offender of this non-violent incident.',
    ]);
    expect(listMetadata(t)?.warnings).toContain(
      'Incident I9 is recorded as non-violent (severity 0): nobody was harmed in it, so the retaliation this list is made for is not to be expected from it; trace from an incident of violence.',
    );
  });
});

describe('traceContacts', () => {
  it('lists the victim, the offender and their contacts at distance 1–2, in priority order', () => {
    // Used the day after the shooting (the data's own today, 2023-06-02, is past the window).
    const t = traceContacts(data, 'I6', { today: '2023-05-02' });
    const rs = rows<TraceRow>(t);
    expect(rs.map((r) => [r.priority, r.person_id, r.side, r.distance, r.path])).toEqual([
      [1, 'V', 'victim-side', 0, 'V'],
      [2, 'O', 'offender-side', 0, 'O'],
      [3, 'D', 'offender-side', 1, 'O — D'], // tie 61 days old: stronger than V–B (120 days)
      [4, 'B', 'victim-side', 1, 'V — B'],
      // C: via D from O (weaker tie 61 days) beats via B from V (120 days); reached from both.
      [5, 'C', 'both', 2, 'O — D — C'],
      // Equal strength and recency to C: the same priority (it read 6, as if E came after C).
      [5, 'E', 'offender-side', 2, 'O — D — E'],
    ]);
    expect(rs[2]).toMatchObject({
      tie_count: 1,
      last_contact: '2023-03-01',
      days_since_contact: 61,
    });
    expect(rs[2].tie_strength).toBeCloseTo(w(61), 12);
    expect(rs[4].tie_strength).toBeCloseTo(Math.min(w(61), w(47)), 12);
    expect(rs[4].last_contact).toBe('2023-03-01');
    expect(rs.every((r) => r.respond_by === '2023-05-15')).toBe(true);
    expect(rs[0].note).toBe(
      'V was shot in this incident; close to someone harmed: support to stop retaliation before it starts.',
    );
    expect(rs[3].note).toBe(
      'Co-offended with V (shot in this incident) once, last together 2023-01-01; close to someone harmed: support to stop retaliation before it starts.',
    );
    expect(rs.map((r) => r.risk)).toEqual(rs.map(() => null));
  });

  it('reads nothing dated after the incident: a later tie changes nothing', () => {
    const before = traceContacts(data, 'I6').objects();
    const later = makeDataset([...specs, ['I9', '2023-05-02', 3, ['B', 'Z'], ['Y']]]);
    later.incidents.find((x) => x.incident_id === 'I6')!.weapon = 'firearm';
    expect(traceContacts(later, 'I6').objects()).toEqual(before);
    expect(rows<TraceRow>(traceContacts(data, 'I6')).map((r) => r.person_id)).not.toContain('G');
  });

  it('maxDistance 1 keeps direct contacts only; includeIndexPeople false drops the index people', () => {
    const t = traceContacts(data, 'I6', { maxDistance: 1, includeIndexPeople: false });
    expect(t.array('person_id')).toEqual(['D', 'B']);
    expect(Array.from(t.array('priority'))).toEqual([1, 2]);
  });

  it('orders contacts at the same distance by current risk when a model is given', () => {
    const model: RiskModel = {
      name: 'fake',
      risk: (people) =>
        people!.map((id) => {
          const value = id === 'E' ? 0.3 : 0.01;
          return { person_id: id, expected: value, contributions: [{ kind: 'background', value }] };
        }),
    };
    const t = traceContacts(data, 'I6', { model });
    expect(t.array('person_id')).toEqual(['V', 'O', 'D', 'B', 'E', 'C']);
    const e = rows<TraceRow>(t).find((r) => r.person_id === 'E')!;
    expect(e.risk).toBe(0.3);
    expect(e.risk_reason).toBe(
      'their own record (expected events at the usual rate for people with records like theirs): 0.300',
    );
    expect(listMetadata(t)!.model).toBe('fake');
  });

  it('risks that differ only by rounding noise are tied: tie strength orders them, and equal rows share a priority', () => {
    // B's risk is 0.1 + 0.2 = 0.30000000000000004, D's 0.3: noise, not more risk.
    const risks: Record<string, number> = { B: 0.1 + 0.2, D: 0.3, C: 0.05, E: 0.05 };
    const model: RiskModel = {
      name: 'noisy',
      risk: (people) =>
        people!.map((id) => {
          const value = risks[id] ?? 0.01;
          return { person_id: id, expected: value, contributions: [{ kind: 'background', value }] };
        }),
    };
    const rs = rows<TraceRow>(traceContacts(data, 'I6', { model, today: '2023-05-02' }));
    // Before: B, by 4e-17 of risk, before D's stronger tie, and priorities 1 to 6.
    expect(rs.map((r) => [r.priority, r.person_id])).toEqual([
      [1, 'V'],
      [2, 'O'],
      [3, 'D'],
      [4, 'B'],
      [5, 'C'],
      [5, 'E'],
    ]);
  });

  it('accepts a graph as of the incident, and refuses one that holds later records', () => {
    const g = coOffendingGraph(data, { asOf: '2023-05-01' });
    expect(traceContacts(data, 'I6', { graph: g }).objects()).toEqual(
      traceContacts(data, 'I6').objects(),
    );
    expect(() => traceContacts(data, 'I6', { graph: coOffendingGraph(data) })).toThrow(
      /after the trace date/,
    );
  });

  // Before: RangeErrors naming neither the function nor the option ("asOf 2023-04-01 is before
  // the index incident (2023-05-01); …", "today 2023-04-30 is before asOf 2023-05-01; …", "the
  // graph is as of …, after the trace date 2023-05-01: …").
  it('names the function and the option it refuses, as an OptionError', () => {
    const refused = (options: TraceContactsOptions, option: string, message: RegExp) => {
      let e: unknown;
      try {
        traceContacts(data, 'I6', options);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(OptionError);
      expect((e as OptionError).fn).toBe('traceContacts');
      expect((e as OptionError).option).toBe(option);
      expect((e as Error).message).toMatch(message);
    };
    refused(
      { asOf: '2023-04-01' },
      'asOf',
      /^traceContacts: option 'asOf' \(2023-04-01\) is before the index incident \(2023-05-01\); trace as of its date or later$/,
    );
    refused(
      { today: '2023-04-30' },
      'today',
      /^traceContacts: option 'today' \(2023-04-30\) is before asOf 2023-05-01; a trace cannot rest on records from after the day it is used$/,
    );
    refused(
      { graph: coOffendingGraph(data) },
      'graph',
      /^traceContacts: option 'graph' is as of .+, after the trace date 2023-05-01: build it with coOffendingGraph\(data, \{ asOf \}\)/,
    );
  });

  it('refuses a graph with no asOf attribute saying so (it was called as of the end of the data)', () => {
    // A network from another source (the London gang's adjacency matrix, say) carries no asOf.
    const g = coOffendingGraph(data, { asOf: '2023-05-01' });
    g.removeAttribute('asOf');
    expect(() => traceContacts(data, 'I6', { graph: g })).toThrow(
      "traceContacts: option 'graph' has no 'asOf' attribute, so nothing shows its ties predate the trace date 2023-05-01: build it with coOffendingGraph(data, { asOf: '2023-05-01' }), or set graph.setAttribute('asOf', …) to the date its ties are as of",
    );
    g.setAttribute('asOf', '2023-05-01');
    expect(traceContacts(data, 'I6', { graph: g }).numRows()).toBeGreaterThan(0);
  });

  it('carries the purpose label and the response window; unknown incidents are an error', () => {
    const meta = listMetadata(traceContacts(data, 'I6'))!;
    expect(meta.purpose).toBe(PURPOSE_LABEL);
    expect(meta.kind).toBe('contact-trace');
    expect(meta.parameters).toMatchObject({
      indexIncidentId: 'I6',
      asOf: '2023-05-01',
      responseDays: 14,
    });
    expect(meta.dataWindow.incidents).toBe(6); // I1–I5 and I8: all dated before the shooting
    expect(() => traceContacts(data, 'nope')).toThrow(/'nope' is not in the data/);
    expect(() => traceContacts(data, 'I6', { asOf: '2023-04-01' })).toThrow(
      /before the index incident/,
    );
  });

  it('pseudonymises every id, including those inside paths', () => {
    const t = traceContacts(data, 'I6', { pseudonymise: { key: 'a sixteen-byte+ test key' } });
    const text = JSON.stringify(t.objects());
    expect(text).not.toMatch(/"(V|O|B|C|D|E)"|— [A-Z][ "]|[A-Z] —/);
    expect(rows<TraceRow>(t)[4].path).toMatch(/^P-[0-9a-f]{12} — P-[0-9a-f]{12} — P-[0-9a-f]{12}$/);
  });
});

describe('traceContacts from an incident that names no victim or offender', () => {
  it('says why the list is empty (only a witness, or nobody) instead of an empty list alone', () => {
    const d = makeDataset([
      ...specs,
      ['W1', '2023-05-02', 3, [], [], ['V']], // a shooting with only a witness on record
      ['W2', '2023-05-03', 3, [], []], // its involvement rows were all left out at ingest
    ]);
    const witness = traceContacts(d, 'W1', { today: '2023-05-03' });
    expect(witness.numRows()).toBe(0);
    expect(listMetadata(witness)?.warnings).toEqual([
      "Incident W1 names no victim or offender (only 1 person in another role, such as a witness), so there is nobody to trace contacts from and the list is empty; that does not mean nobody needs support. Check the incident's records (rows left out at ingest?).",
    ]);
    expect(listMetadata(traceContacts(d, 'W2', { today: '2023-05-03' }))?.warnings?.[0]).toMatch(
      /^Incident W2 names no victim or offender \(nobody is recorded in it\), so there is nobody to trace contacts from/,
    );
    // An incident with people has no such warning.
    expect(listMetadata(traceContacts(d, 'I6'))?.warnings?.join(' ') ?? '').not.toMatch(
      /names no victim/,
    );
  });
});
