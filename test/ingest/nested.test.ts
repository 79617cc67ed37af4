import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

const NOW = '2025-01-01';
const nested = [
  {
    incident_id: 'I1',
    date: '2021-05-01',
    offence: 'Stabbing',
    people: [
      { person_id: 'A', role: 'offender' },
      { person_id: 'B', role: 'suspect' },
      { person_id: 'C', role: 'victim' },
    ],
  },
  {
    incident_id: 'I2',
    date: '2021-05-02',
    severity: 1,
    people: [{ person_id: 'C', role: 'offender' }],
  },
  { incident_id: 'I3', date: '2021-05-03', severity: 0, people: [] },
];

describe('ingest: the nested form (incidents with a people list)', () => {
  it('ingest({ incidents }) with people lists gives the same dataset as the long form', () => {
    const n = ingest({ incidents: nested }, { now: NOW });
    const long = ingest(
      {
        incidents: nested.map(({ people: _, ...rest }) => rest),
        involvements: nested.flatMap((x) =>
          x.people.map((p) => ({ incident_id: x.incident_id, ...p })),
        ),
      },
      { now: NOW },
    );
    expect(n.rejected).toEqual([]);
    expect(n.data).toEqual(long.data);
    expect(n.summary.form).toBe('nested');
    expect(n.summary.tables.involvements).toEqual({
      read: 4,
      accepted: 4,
      rejected: 0,
      blank: 0,
      lines: 4,
      multiLine: 0,
    });
    expect(n.summary.ignoredColumns.incidents).toEqual([]);
  });

  it('nested incidents given as JSON text, with people lists as JSON text, are read too', () => {
    const json = JSON.stringify(
      nested.map((x, i) => (i === 0 ? { ...x, people: JSON.stringify(x.people) } : x)),
    );
    const { data, rejected } = ingest({ incidents: json }, { now: NOW });
    expect(rejected).toEqual([]);
    expect(data.involvements).toHaveLength(4);
  });

  it('nested incidents as an arquero table are read too', () => {
    // aq.from takes column names from the first object unless they are given.
    const t = aq.from(nested, ['incident_id', 'date', 'offence', 'severity', 'people']);
    const { data, rejected } = ingest({ incidents: t }, { now: NOW });
    expect(rejected).toEqual([]);
    expect(data).toEqual(ingest({ incidents: nested }, { now: NOW }).data);
  });

  it('people of a rejected incident are rejected with the incident’s reason; every entry is counted', () => {
    const { data, rejected, summary } = ingest(
      {
        incidents: [
          {
            incident_id: 'I1',
            date: '2021-02-30',
            severity: 1,
            people: [{ person_id: 'A', role: 'offender' }],
          },
          {
            incident_id: '',
            date: '2021-03-01',
            severity: 1,
            people: [{ person_id: 'B', role: 'victim' }],
          },
          { incident_id: 'I3', date: '2021-03-01', severity: 1, people: 'not json' },
          {
            incident_id: 'I4',
            date: '2021-03-01',
            severity: 1,
            people: [{ person_id: 'C', role: 'boss' }, { person_id: 'D' }, { role: 'victim' }, 'E'],
          },
        ],
      },
      { now: NOW },
    );
    expect(data.incidents.map((x) => x.incident_id)).toEqual(['I4']);
    expect(rejected.map((p) => [p.table, p.row, p.field])).toEqual([
      ['incidents', 1, 'date'],
      ['incidents', 2, 'incident_id'],
      ['incidents', 3, 'people'],
      ['involvements', 1, 'incident_id'],
      ['involvements', 2, 'incident_id'],
      ['involvements', 3, 'role'],
      ['involvements', 4, 'role'],
      ['involvements', 5, 'person_id'],
      ['involvements', 6, 'person_id'],
    ]);
    expect(rejected[3].reason).toBe(
      "incident 'I1' was rejected (incidents row 1: date '2021-02-30' is not a valid date)",
    );
    expect(rejected[4].reason).toBe(
      'its incident was rejected (incidents row 2: incident id is empty)',
    );
    expect(summary.tables.involvements).toEqual({
      read: 6,
      accepted: 0,
      rejected: 6,
      blank: 0,
      lines: 6,
      multiLine: 0,
    });
  });

  it('the people of a later row of an incident read as one with its first are the incident’s, as in the flat form', () => {
    // Before: the wounding's victim B (and D of a repeated row) was rejected with "incident 'I1'
    // was rejected", while I1 was kept with that row's severity.
    const incidents = [
      {
        incident_id: 'I1',
        date: '2023-01-01',
        severity: 1,
        offence: 'Possession',
        people: [{ person_id: 'A', role: 'offender' }],
      },
      {
        incident_id: 'I1',
        date: '2023-01-01',
        severity: 3,
        offence: 'Wounding',
        people: [
          { person_id: 'A', role: 'offender' },
          { person_id: 'B', role: 'victim' },
        ],
      },
      {
        incident_id: 'I2',
        date: '2023-01-02',
        severity: 3,
        people: [{ person_id: 'C', role: 'offender' }],
      },
      {
        incident_id: 'I2',
        date: '2023-01-02',
        severity: 3,
        people: [{ person_id: 'D', role: 'offender' }],
      },
      {
        incident_id: 'I3',
        date: '2023-01-03',
        severity: 3,
        people: [{ person_id: 'E', role: 'offender' }],
      },
      {
        incident_id: 'I3',
        date: '2023-01-04',
        severity: 3,
        people: [{ person_id: 'F', role: 'offender' }],
      },
    ];
    const r = ingest({ incidents }, { now: NOW });
    expect(r.data.incidents.map((x) => [x.incident_id, x.severity])).toEqual([
      ['I1', 3],
      ['I2', 3],
    ]);
    expect(r.data.involvements.map((v) => `${v.incident_id}/${v.person_id}/${v.role}`)).toEqual([
      'I1/A/offender',
      'I1/B/victim',
      'I2/C/offender',
      'I2/D/offender',
    ]);
    // A twice in I1 is a duplicate; I3's rows disagree about the day: neither is kept, nor its people.
    expect(
      r.rejected.filter((p) => p.table === 'involvements').map((p) => [p.row, p.field, p.reason]),
    ).toEqual([
      [
        2,
        'person_id',
        "person 'A' is listed twice in incident 'I1' as offender (rows 1 and 2); row 2 is a duplicate",
      ],
      [6, 'incident_id', expect.stringContaining("incident 'I3' was rejected (incidents row 5:")],
      [7, 'incident_id', expect.stringContaining("incident 'I3' was rejected (incidents row 6:")],
    ]);
  });

  it('a later row of an incident id with an unreadable people list is rejected for it, as a first row is', () => {
    // Before: the row was rejected with the merge's reason, the incident kept with its severity,
    // and nothing said that its people ('B victim') were lost.
    const incidents = [
      {
        incident_id: 'I1',
        date: '2023-01-01',
        severity: 1,
        people: [{ person_id: 'A', role: 'offender' }],
      },
      { incident_id: 'I1', date: '2023-01-01', severity: 3, people: 'B victim' },
    ];
    const r = ingest({ incidents }, { now: NOW });
    expect(r.data.incidents).toEqual([]);
    expect(r.rejected.map((p) => [p.table, p.row, p.field, p.value])).toEqual([
      ['incidents', 1, 'incident_id', 'I1'],
      ['incidents', 2, 'people', 'B victim'],
      ['involvements', 1, 'incident_id', 'I1'],
    ]);
    expect(r.rejected[0].reason).toBe(
      "incident id 'I1' is used by rows 1 and 2, and row 2 was rejected (people is not a list of { person_id, role } entries (an array, or JSON text of one)); which row is right cannot be known, so neither is kept",
    );
  });

  it('a mapped people key and mapped entry fields are honoured', () => {
    const { data } = ingest(
      {
        incidents: [
          {
            URN: 'U1',
            date: '2021-01-01',
            severity: 2,
            Nominals: [{ NominalID: 'N1', Type: 'Arrested' }],
          },
        ],
      },
      {
        now: NOW,
        mapping: { incident_id: 'URN', people: 'Nominals', person_id: 'NominalID', role: 'Type' },
      },
    );
    expect(data.involvements).toEqual([{ incident_id: 'U1', person_id: 'N1', role: 'offender' }]);
  });

  it('with an involvements table, an incidents column called people is an ignored column', () => {
    const { data, summary } = ingest(
      {
        incidents: 'incident_id,date,severity,people\nI1,2021-01-01,1,3\n',
        involvements: 'incident_id,person_id,role\nI1,A,offender\n',
      },
      { now: NOW },
    );
    expect(summary.form).toBe('long');
    expect(summary.ignoredColumns.incidents).toEqual(['people']);
    expect(data.involvements).toHaveLength(1);
  });
});
