import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A typical UK police export: crimes keyed by URN with day-first dates and offence text but no
// severity, and a nominals table with InvolvementType.
const crimes = `URN,OffenceDate,HOOffence,WeaponUsed,Beat
01/12345/21,04/03/2021,Wounding with intent (s.18 GBH),Knife,K1
01/12346/21,05/03/2021 23:40,Robbery of personal property,,K1
01/12347/21,12/04/2021,Common assault,,K2
01/12348/21,13/04/2021,Possession of cannabis,,K3
`;
const nominals = `URN,NominalID,InvolvementType
01/12345/21,N100,Suspect
01/12345/21,N101,Arrested
01/12345/21,N102,Victim
01/12345/21,N103,Witness
01/12346/21,N102,Suspect
01/12346/21,N104,Victim
01/12347/21,N100,Victim
01/12347/21,N105,Suspect
01/12348/21,N105,Arrested
`;
const mapping = {
  incident_id: 'URN',
  person_id: 'NominalID',
  role: 'InvolvementType',
  date: 'OffenceDate',
  offence: 'HOOffence',
  weapon: 'WeaponUsed',
  area: 'Beat',
};

describe('ingest: a police export through a column mapping', () => {
  it('URN / NominalID / InvolvementType = Suspect/Arrested/Victim/Witness become canonical records', () => {
    const { data, rejected, summary } = ingest(
      { incidents: crimes, involvements: nominals },
      { mapping, dateFormat: 'dmy', now: '2025-01-01' },
    );
    expect(rejected).toEqual([]);
    expect(
      data.incidents.map((x) => [x.incident_id, x.date, x.severity, x.weapon, x.area]),
    ).toEqual([
      ['01/12345/21', '2021-03-04', 3, 'knife', 'K1'],
      ['01/12346/21', '2021-03-05T23:40:00.000Z', 2, undefined, 'K1'],
      ['01/12347/21', '2021-04-12', 1, undefined, 'K2'],
      ['01/12348/21', '2021-04-13', 0, undefined, 'K3'],
    ]);
    // Hand count: 5 offender rows (Suspect/Arrested), 3 victims, 1 witness.
    const byRole = { offender: 0, victim: 0, other: 0 };
    for (const v of data.involvements) byRole[v.role]++;
    expect(byRole).toEqual({ offender: 5, victim: 3, other: 1 });
    expect(data.involvements[1]).toEqual({
      incident_id: '01/12345/21',
      person_id: 'N101',
      role: 'offender',
    });
    expect(summary.severityDerived).toBe(4);
    expect(summary.columns.involvements).toEqual({
      incident_id: 'URN',
      person_id: 'NominalID',
      role: 'InvolvementType',
    });
    expect(summary.totals).toEqual({ read: 13, accepted: 13, rejected: 0 });
  });

  it('the same export as arquero tables gives the same dataset', () => {
    const fromCsv = ingest(
      { incidents: crimes, involvements: nominals },
      { mapping, dateFormat: 'dmy', now: '2025-01-01' },
    );
    const fromArquero = ingest(
      {
        incidents: aq.fromCSV(crimes, { autoType: false }),
        involvements: aq.fromCSV(nominals, { autoType: false }),
      },
      { mapping, dateFormat: 'dmy', now: '2025-01-01' },
    );
    expect(fromArquero).toEqual(fromCsv);
  });

  it('arquero tables with typed columns (parsed dates and numbers) and a filter are read as shown', () => {
    const incidents = aq
      .table({
        incident_id: ['a', 'b', 'c'],
        date: [
          new Date(Date.UTC(2021, 0, 1)),
          new Date(Date.UTC(2021, 0, 2, 6)),
          new Date(Number.NaN),
        ],
        severity: [1, 3, 2],
      })
      .filter((d: { incident_id: string }) => d.incident_id !== 'c');
    const involvements = aq.table({
      incident_id: ['a', 'b'],
      person_id: [1, 2],
      role: ['offender', 'victim'],
    });
    const { data, rejected } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(rejected).toEqual([]);
    expect(data.incidents.map((x) => x.date)).toEqual(['2021-01-01', '2021-01-02T06:00:00.000Z']);
    expect(data.involvements.map((v) => v.person_id)).toEqual(['1', '2']);
  });
});
