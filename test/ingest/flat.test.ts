import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../src/core/dataset-index.js';
import { ingest } from '../../src/ingest/ingest.js';
import { IngestError } from '../../src/ingest/ingest-error.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// One row per person per incident, the incident's columns repeated on each row.
const FLAT = [
  'incident_id,date,offence,severity,area,person_id,role',
  'I1,2023-01-05,Assault,2,North,A,offender',
  'I1,2023-01-05,Assault,2,North,B,victim',
  'I2,2023-02-01,Robbery,2,South,A,offender',
  'I2,2023-02-01,Robbery,2,South,C,offender',
  'I2,2023-02-01,Robbery,2,South,D,victim',
  'I3,2023-03-10,Shooting,3,North,B,offender',
  'I3,2023-03-10,Shooting,3,North,E,victim',
].join('\n');

/** The same records split into the long form. */
const LONG = {
  incidents: [
    'incident_id,date,offence,severity,area',
    'I1,2023-01-05,Assault,2,North',
    'I2,2023-02-01,Robbery,2,South',
    'I3,2023-03-10,Shooting,3,North',
  ].join('\n'),
  involvements: [
    'incident_id,person_id,role',
    ...FLAT.split('\n')
      .slice(1)
      .map((l) => {
        const c = l.split(',');
        return [c[0], c[5], c[6]].join(',');
      }),
  ].join('\n'),
};

describe('the flat form', () => {
  it('ingest({ involvements: flat }) gives the same dataset as the long form', () => {
    const flat = ingest({ involvements: FLAT });
    const long = ingest(LONG);
    expect(flat.data).toEqual(long.data);
    expect(flat.data.involvements).toHaveLength(7);
    expect(flat.summary.form).toBe('flat');
    expect(flat.summary.tables.incidents).toMatchObject({ read: 3, accepted: 3, rejected: 0 });
    expect(flat.summary.tables.involvements).toMatchObject({
      read: 7,
      accepted: 7,
      rejected: 0,
      lines: 7,
    });
    expect(flat.summary.ignoredColumns.involvements).toEqual([]);
    // The index ingest hands on for later stages is the same too.
    const a = indexDataset(flat.data);
    const b = indexDataset(long.data);
    expect([...a.personIds]).toEqual([...b.personIds]);
    expect(Array.from(a.invPerson)).toEqual(Array.from(b.invPerson));
    expect(Array.from(a.invOffset)).toEqual(Array.from(b.invOffset));
    // Rows of objects work the same way.
    const rows = FLAT.split('\n')
      .slice(1)
      .map((l) => {
        const [incident_id, date, offence, severity, area, person_id, role] = l.split(',');
        return { incident_id, date, offence, severity: +severity, area, person_id, role };
      });
    expect(ingest({ involvements: rows }).data).toEqual(long.data);
  });

  it('an incident whose rows disagree is rejected with the lines and values that differ', () => {
    const bad = FLAT.replace('I2,2023-02-01,Robbery,2,South,C', 'I2,2023-02-02,Robbery,2,South,C');
    const r = ingest({ involvements: bad });
    expect(r.data.incidents.map((i) => i.incident_id)).toEqual(['I1', 'I3']);
    const inc = r.rejected.filter((p) => p.table === 'incidents');
    expect(inc).toEqual([
      {
        table: 'incidents',
        row: 2,
        line: 4,
        field: 'date',
        value: '2023-02-02',
        reason:
          "the rows of incident 'I2' disagree about date (column date): '2023-02-01' on line 4, '2023-02-02' on line 5; which is right cannot be known, so the incident is not kept (its rows must give the same day and at most one weapon; or split the table into incidents and involvements)",
      },
    ]);
    // Its three rows are rejected too, each at its own line, and every line is accounted for.
    const inv = r.rejected.filter((p) => p.table === 'involvements');
    expect(inv.map((p) => p.line)).toEqual([4, 5, 6]);
    expect(inv[0].reason).toMatch(
      /^incident 'I2' was rejected \(its first row on line 4: the rows/,
    );
    const t = r.summary.tables.involvements;
    expect(t.accepted + t.rejected).toBe(7);
    expect(t).toMatchObject({ accepted: 4, rejected: 3 });
  });

  it('rows that differ in time of day, severity or offence are one incident, as in the long form', () => {
    // Before: compared as text, so a time of day on one row only, or a row per offence with its
    // own severity, rejected the incident and every involvement of it (the long form and the
    // DuckDB queries kept it).
    const header = 'incident_id,date,time,offence,severity,weapon,person_id,role';
    const rows = [
      'I1,2023-01-05,,Assault,2,,A,offender',
      'I1,2023-01-05,21:30,Assault,2,,B,victim',
      'I2,2023-02-01,,Possession of weapon,1,Knife,A,offender',
      'I2,2023-02-01,,Wounding with intent,3,knife,C,offender',
      'I2,2023-02-01,,Affray,2,Knife,D,victim',
      'I3,2023-03-10,,Shooting,3,,B,offender',
      'I3,2023-03-10,,Firearm discharge,3,,E,victim',
    ];
    const flat = ingest({ involvements: [header, ...rows].join('\n') }, { now: '2024-01-01' });
    expect(
      flat.data.incidents.map((x) => [x.incident_id, x.date, x.severity, x.offence, x.weapon]),
    ).toEqual([
      ['I1', '2023-01-05T21:30:00.000Z', 2, 'Assault', undefined],
      ['I2', '2023-02-01', 3, 'Wounding with intent', 'knife'],
      ['I3', '2023-03-10', 3, 'Shooting', undefined],
    ]);
    expect(flat.rejected).toEqual([]);
    expect(flat.data.involvements).toHaveLength(7);
    expect(flat.summary.tables.incidents).toMatchObject({ read: 3, accepted: 3, rejected: 0 });
    expect(flat.summary.warnings).toEqual([
      "involvements (a flat table): 1 incident with rows of different severities (a row per offence?) is kept with the highest, and that row's offence: 'I2' (line 4 and line 5: 1 and 3), 'I2' (line 5 and line 6: 3 and 2); if they are different incidents, give them different ids",
      "involvements (a flat table): the rows of 2 incidents differ in time of day, offence, area, coordinates or a weapon given on one row only, and each is read as one incident, as in the long form (the first row's; a time of day given on one row only is kept, two different ones leave the day alone): 'I1' (line 2 and line 3: time of day '2023-01-05' and '2023-01-05 21:30'; line 3's time of day kept), 'I3' (line 7 and line 8: offence 'Shooting' and 'Firearm discharge')",
    ]);
    // Two times of day: the day alone, and the warning says so (it said the one time was kept).
    const two = ingest(
      {
        involvements: [
          header,
          'I1,2023-01-05,10:00,Assault,2,,A,offender',
          'I1,2023-01-05,11:00,Assault,2,,B,victim',
          'I2,2023-01-06,,Assault,1,,A,offender',
          'I2,2023-01-06,09:15,Wounding,3,,C,victim',
        ].join('\n'),
      },
      { now: '2024-01-01' },
    );
    expect(two.data.incidents.map((x) => [x.incident_id, x.date, x.severity])).toEqual([
      ['I1', '2023-01-05', 2],
      ['I2', '2023-01-06T09:15:00.000Z', 3],
    ]);
    expect(two.summary.warnings[1]).toContain(
      "'I1' (line 2 and line 3: time of day '2023-01-05 10:00' and '2023-01-05 11:00'; the day alone, as they give two times of day), 'I2' (line 4 and line 5: time of day; line 5's time of day kept)",
    );
    // The long form with the same rows as repeated incident rows gives the same incidents.
    const cells = rows.map((r) => r.split(','));
    const long = ingest(
      {
        incidents: [
          'incident_id,date,time,offence,severity,weapon',
          ...cells.map((c) => c.slice(0, 6).join(',')),
        ].join('\n'),
        involvements: [
          'incident_id,person_id,role',
          ...cells.map((c) => [c[0], c[6], c[7]].join(',')),
        ].join('\n'),
      },
      { now: '2024-01-01' },
    );
    expect(flat.data).toEqual(long.data);
    // A weapon on one row only is the incident's; two weapons reject it (outcome filters read
    // it), naming the lines.
    const knife = ingest(
      { involvements: [header, rows[0], rows[1].replace(',,B', ',Knife,B')].join('\n') },
      { now: '2024-01-01' },
    );
    expect(knife.data.incidents.map((x) => x.weapon)).toEqual(['knife']);
    const twoWeapons = ingest(
      {
        involvements: [
          header,
          'I1,2023-01-05,,Assault,2,Handgun,A,offender',
          'I1,2023-01-05,21:30,Assault,2,Knife,B,victim',
        ].join('\n'),
      },
      { now: '2024-01-01' },
    );
    expect(twoWeapons.data.incidents).toEqual([]);
    expect(twoWeapons.rejected[0].reason).toBe(
      "the rows of incident 'I1' disagree about weapon (column weapon): 'Handgun' on line 2, 'Knife' on line 3; which is right cannot be known, so the incident is not kept (its rows must give the same day and at most one weapon; or split the table into incidents and involvements)",
    );
    // A later row with a problem of its own (a date that is no date) rejects it too.
    const bad = ingest(
      { involvements: [header, rows[0], rows[1].replace('2023-01-05', '2023-13-45')].join('\n') },
      { now: '2024-01-01' },
    );
    expect(bad.data.incidents).toEqual([]);
    expect(bad.rejected[0].reason).toMatch(
      /^the rows of incident 'I1' disagree: line 3 has a problem of its own \(.*2023-13-45.*\); which is right cannot be known, so the incident is not kept$/,
    );
  });

  it('two weapons on later rows of an incident are named on their own lines', () => {
    // Before: the first line, which gives no weapon, was quoted with the second's ('firearm').
    const flat = [
      'incident_id,date,offence,severity,weapon,person_id,role',
      'I1,2023-01-05,Assault,2,,A,offender',
      'I1,2023-01-05,Assault,2,firearm,B,offender',
      'I1,2023-01-05,Assault,2,knife,C,victim',
    ].join('\n');
    const r = ingest({ involvements: flat }, { now: '2024-01-01' });
    expect(r.data.incidents).toEqual([]);
    expect(r.rejected.find((p) => p.table === 'incidents')?.reason).toContain(
      "disagree about weapon (column weapon): 'firearm' on line 3, 'knife' on line 4;",
    );
  });

  it('a flat table with neither severity nor offence names the involvements table, not incidents', () => {
    // Before: "incidents has no 'severity' column …", though no incidents table was given.
    const flat = 'incident_id,date,person_id,role\nI1,2023-01-05,A,victim\n';
    expect(() => ingest({ involvements: flat })).toThrow(
      "involvements (a flat table: incident columns on each row) has no 'severity' column and no 'offence' column to derive it from (mapping.offence); its columns are 'incident_id', 'date', 'person_id', 'role'.",
    );
  });

  it('a flat table passed as incidents is refused with how to pass it', () => {
    let e: unknown;
    try {
      ingest({ incidents: FLAT });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('flat-table');
    expect((e as IngestError).message).toMatch(
      /looks like a flat table.*ingest\(\{ involvements: rows \}\).*--involvements <file> without --incidents.*Or split it/,
    );
    // With a separate involvements table, person columns on incidents are only ignored columns.
    expect(() => ingest({ incidents: FLAT, involvements: LONG.involvements })).not.toThrow();
  });

  it('the CLI reads a flat file given alone as --involvements', async () => {
    const p = writeFiles(tempDir(), { 'flat.csv': FLAT });
    const r = await cli(['validate', '--involvements', p['flat.csv']]);
    expect(r.code).toBe(0);
    const asIncidents = await cli(['validate', '--incidents', p['flat.csv']]);
    expect(asIncidents.code).toBe(1);
    expect(asIncidents.stderr).toMatch(/error: .*looks like a flat table/);
  });
});

describe('a flat table missing a column', () => {
  it('names the table as given, the column, the columns present and the closest name', () => {
    // Before: "involvements has no 'role' column; … If the role is in another column, map it:
    // … '<column name>'" (the flat table's 'date' error said "a flat table"; neither named 'rol').
    const noRole = 'incident_id,date,severity,person_id,rol\nI1,2023-01-05,2,A,victim\n';
    expect(() => ingest({ involvements: noRole })).toThrow(
      "involvements (a flat table: incident columns on each row) has no 'role' column; its columns are 'incident_id', 'date', 'severity', 'person_id', 'rol'. If the role is in 'rol' (the closest column name), map it: ingest(input, { mapping: { role: 'rol' } }).",
    );
    const noDate = 'incident_id,dat,severity,person_id,role\nI1,2023-01-05,2,A,victim\n';
    expect(() => ingest({ involvements: noDate })).toThrow(
      "involvements (a flat table: incident columns on each row) has no 'date' column; its columns are 'incident_id', 'dat', 'severity', 'person_id', 'role'. If the date is in 'dat' (the closest column name), map it: ingest(input, { mapping: { date: 'dat' } }).",
    );
    // A mapping to a misspelt column names the column it meant.
    const mapped =
      'incident_id,Date of Offence,severity,person_id,role\nI1,2023-01-05,2,A,victim\n';
    expect(() => ingest({ involvements: mapped }, { mapping: { date: 'Date of Ofence' } })).toThrow(
      "has no column 'Date of Ofence' (mapping.date); its columns are 'incident_id', 'Date of Offence', 'severity', 'person_id', 'role'. If the date is in 'Date of Offence' (the closest column name)",
    );
    // No close name: no guess.
    const far = 'incident_id,when,severity,person_id,role\nI1,2023-01-05,2,A,victim\n';
    expect(() => ingest({ involvements: far })).toThrow(
      "its columns are 'incident_id', 'when', 'severity', 'person_id', 'role'. If the date is in another column, map it: ingest(input, { mapping: { date: '<column name>' } }).",
    );
  });

  it('on the command line, the mapping example is the closest column', async () => {
    const p = writeFiles(tempDir(), {
      'flat.csv': 'incident_id,date,severity,person_id,rol\nI1,2023-01-05,2,A,victim\n',
    });
    const r = await cli(['validate', '--involvements', p['flat.csv']]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: involvements (a flat table: incident columns on each row) has no 'role' column; its columns are 'incident_id', 'date', 'severity', 'person_id', 'rol'. Add a column mapping with --map mapping.json, e.g. { "mapping": { "role": "rol" } } ('rol' is the closest column name).\n`,
    );
  });
});
