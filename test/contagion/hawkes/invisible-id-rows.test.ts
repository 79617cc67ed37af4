import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { ingest } from '../../../src/ingest/index.js';
import { traceContacts } from '../../../src/outreach/trace-contacts.js';
import { synthCity } from '../../../src/synth/index.js';

const ZWSP = '\u200B';

/**
 * Ingest reads an id pasted with a character that shows as nothing ('I3' + U+200B) as the id
 * without it (f03e5b7), but the rows given beside the records kept it: an exits or covariates row
 * copied from the same export named "a person not in the records", and traceContacts refused the
 * index incident as pasted. They are read as ingest reads ids.
 */
describe('ids given beside the records are read as ingest reads them', () => {
  const data = synthCity({ people: 300, seed: 2 }).data;
  const who = data.people[0].person_id;

  it('an exits row', () => {
    const exits = (id: string) => [{ person_id: id, from: '2020-01-01', to: '2021-01-01' }];
    const m = fitNetworkHawkes(data, { exits: exits(`${who}${ZWSP}`) });
    expect(m.warnings.join(' ')).not.toMatch(/not in the records/);
    const plain = fitNetworkHawkes(data, { exits: exits(who) });
    expect(m.logLikelihood).toBe(plain.logLikelihood);
  });

  it('a covariates row', () => {
    const rows = data.people.map((p, i) => ({
      person_id: i === 0 ? `${p.person_id}${ZWSP}` : p.person_id,
      x: (i % 7) / 7,
    }));
    const m = fitNetworkHawkes(data, { covariates: rows });
    const plain = fitNetworkHawkes(data, {
      covariates: rows.map((r) => ({ ...r, person_id: r.person_id.replace(ZWSP, '') })),
    });
    expect(m.warnings).toEqual(plain.warnings);
    expect(m.logLikelihood).toBe(plain.logLikelihood);
  });

  it("traceContacts' index incident", () => {
    const { data: read } = ingest({
      incidents: `incident_id,date,severity\nI1,2023-01-05,1\nI3${ZWSP},2023-02-01,3\n`,
      involvements: `incident_id,person_id,role\nI1,A,suspect\nI1,B,suspect\nI3${ZWSP},B,victim\n`,
    });
    const asPasted = traceContacts(read, `I3${ZWSP}`, { asOf: '2023-03-01' }).objects() as {
      person_id: string;
    }[];
    expect(asPasted.map((r) => r.person_id)).toEqual(['B', 'A']);
    expect(asPasted).toEqual(traceContacts(read, 'I3', { asOf: '2023-03-01' }).objects());
  });
});
