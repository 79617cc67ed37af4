import { describe, expect, it } from 'vitest';
import type { RiskModel } from '../../src/core/risk.js';
import { ingest } from '../../src/ingest/index.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { makeDataset } from '../helpers.js';

const data = makeDataset([
  ['00000381', '2023-01-10', 0, ['A', 'C'], []],
  ['00000388', '2023-02-10', 3, ['D'], ['A']],
  ['INC-17', '2023-03-10', 3, ['C', 'E'], ['B']],
]);

describe('traceContacts: a model’s warnings', () => {
  it('are carried in the list’s warnings, as rankForOutreach carries them', () => {
    // A trace with a risk column from a fit that is not identified read as if the fit were sound.
    const caveat =
      'α = 0.0722 is under two standard errors (0.0444): the data do not show contagion.';
    const model: RiskModel & { identified: boolean } = {
      name: 'network-hawkes',
      identified: false,
      warnings: [caveat, 'Only 3 serious events: too few to fit the contagion model reliably.'],
      risk: (people) =>
        people!.map((id) => ({
          person_id: id,
          expected: 0.01,
          contributions: [{ kind: 'background', value: 0.01 }],
        })),
    };
    const warnings =
      listMetadata(traceContacts(data, 'INC-17', { model, today: '2023-03-11' }))!.warnings ?? [];
    expect(warnings).toContain(caveat);
    expect(warnings).toContain(
      'Only 3 serious events: too few to fit the contagion model reliably.',
    );
    // Each once, and none without a model.
    expect(warnings.filter((w) => w === caveat)).toHaveLength(1);
    expect(listMetadata(traceContacts(data, 'INC-17', { today: '2023-03-11' }))!.warnings).toEqual(
      [],
    );
  });
});

describe('traceContacts: the incident id', () => {
  it('is read without surrounding spaces, as ingest reads the ids', () => {
    const t = traceContacts(data, '  INC-17 ', { today: '2023-03-11' });
    expect(t.array('person_id')).toEqual(['B', 'C', 'E', 'A']);
    expect(listMetadata(t)!.parameters.indexIncidentId).toBe('INC-17');
    expect(listMetadata(t)!.summary).toContain('in incident INC-17 (2023-03-10)');
  });

  it('refuses an empty id in plain words', () => {
    expect(() => traceContacts(data, '   ')).toThrow(
      'traceContacts: the index incident id is empty (only spaces); give the id of an incident in the data',
    );
  });

  it('not found, names the closest id the data hold', () => {
    expect(() => traceContacts(data, 'INC-71')).toThrow(
      "traceContacts: index incident 'INC-71' is not in the data; check the id (ids are matched exactly, as text): did you mean 'INC-17'?",
    );
    expect(() => traceContacts(data, '388')).toThrow("did you mean '00000388'?");
    expect(() => traceContacts(data, 'inc-17')).toThrow("did you mean 'INC-17'?");
    expect(() => traceContacts(data, 'X9')).toThrow(
      "traceContacts: index incident 'X9' is not in the data; check the id (ids are matched exactly, as text).",
    );
  });
});

describe('traceContacts: an id not in the data, on ingest’s columnar dataset', () => {
  it('names the closest id without making every incident record', () => {
    // Before: the message read data.incidents, which makes all the incident records of ingest's
    // output (at 100k people: 957 ms and ~88 MB, load 5.6) for one suggestion.
    const { data: ingested } = ingest({
      incidents: 'incident_id,date,severity\nINC-17,2023-03-10,3\nINC-18,2023-03-11,0\n',
      involvements: 'incident_id,person_id,role\nINC-17,A,victim\nINC-18,B,offender\n',
    });
    expect(Object.getOwnPropertyDescriptor(ingested, 'incidents')?.get).toBeTypeOf('function');
    expect(() => traceContacts(ingested, 'INC-71')).toThrow("did you mean 'INC-17'?");
    expect(Object.getOwnPropertyDescriptor(ingested, 'incidents')?.get).toBeTypeOf('function');
  });
});

describe('traceContacts: an id the data hold with its surrounding spaces', () => {
  it('is found as given (a Dataset built by hand keeps them; ingest trims them)', () => {
    // Trimmed before the look-up, ' I6 ' was refused: "index incident 'I6' is not in the data
    // … did you mean ' I6 '?", the very id given.
    const padded = makeDataset([
      [' I6 ', '2023-01-10', 3, ['A', 'C'], ['B']],
      ['I7', '2023-02-10', 3, ['D'], ['A']],
    ]);
    const t = traceContacts(padded, ' I6 ', { today: '2023-03-11' });
    expect(t.array('person_id')).toEqual(['B', 'A', 'C']);
    expect(listMetadata(t)!.parameters.indexIncidentId).toBe(' I6 ');
    // The trimmed id still finds an id held without spaces.
    expect(
      listMetadata(traceContacts(padded, ' I7', { today: '2023-03-11' }))!.parameters
        .indexIncidentId,
    ).toBe('I7');
  });
});
