import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../src/core/dataset-index.js';
import { OptionError, ProtectedAttributeError, ValidationError } from '../../src/core/errors.js';
import { toDay } from '../../src/core/time.js';
import { ingest, MissingColumnError, problemsTable } from '../../src/ingest/index.js';
import { ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';

const NOW = '2025-01-01';

const incidentsCsv = `incident_id,date,offence,severity,weapon,area,lat,lon
I1,2021-03-04,Robbery,2,knife,E01,51.5,-0.12
I2,2021-03-05T22:30:00Z,Shooting,,handgun,E02,,
I3,2022-07-01,Theft,0,,,,
`;
const involvementsCsv = `incident_id,person_id,role
I1,A,offender
I1,B,offender
I1,C,victim
I2,A,victim
I2,D,suspect
I3,E,Witness
`;

function only<T>(xs: readonly T[]): T {
  expect(xs).toHaveLength(1);
  return xs[0];
}

describe('ingest: clean long-form input', () => {
  it('ingest({ incidents, involvements }) reads CSV text into the canonical dataset', () => {
    const { data, rejected, summary } = ingest(
      { incidents: incidentsCsv, involvements: involvementsCsv },
      { now: NOW },
    );
    expect(rejected).toEqual([]);
    expect(data.incidents).toEqual([
      {
        incident_id: 'I1',
        date: '2021-03-04',
        day: toDay('2021-03-04'),
        offence: 'Robbery',
        severity: 2,
        weapon: 'knife',
        area: 'E01',
        lat: 51.5,
        lon: -0.12,
      },
      {
        incident_id: 'I2',
        date: '2021-03-05T22:30:00.000Z',
        day: toDay('2021-03-05T22:30:00Z'),
        offence: 'Shooting',
        severity: 3,
        weapon: 'firearm',
        area: 'E02',
      },
      {
        incident_id: 'I3',
        date: '2022-07-01',
        day: toDay('2022-07-01'),
        offence: 'Theft',
        severity: 0,
      },
    ]);
    expect(data.involvements.map((v) => `${v.incident_id}/${v.person_id}/${v.role}`)).toEqual([
      'I1/A/offender',
      'I1/B/offender',
      'I1/C/victim',
      'I2/A/victim',
      'I2/D/offender',
      'I3/E/other',
    ]);
    expect(data.people).toEqual([]);
    expect(data.auditColumns).toEqual([]);
    expect(summary.form).toBe('long');
    expect(summary.tables.incidents).toEqual({
      read: 3,
      accepted: 3,
      rejected: 0,
      blank: 0,
      lines: 3,
      multiLine: 0,
    });
    expect(summary.tables.involvements).toEqual({
      read: 6,
      accepted: 6,
      rejected: 0,
      blank: 0,
      lines: 6,
      multiLine: 0,
    });
    expect(summary.totals).toEqual({ read: 9, accepted: 9, rejected: 0 });
    expect(summary.severityDerived).toBe(1);
  });

  it('ingest reads arrays of objects with numbers, Dates and text alike', () => {
    const { data, rejected } = ingest(
      {
        incidents: [
          { incident_id: 7, date: new Date(Date.UTC(2020, 0, 2)), offence: 'Affray', severity: 1 },
        ],
        involvements: [{ incident_id: '7', person_id: 42, role: 'offender' }],
      },
      { now: NOW },
    );
    expect(rejected).toEqual([]);
    expect(data.incidents[0]).toMatchObject({ incident_id: '7', date: '2020-01-02', severity: 1 });
    expect(data.involvements).toEqual([{ incident_id: '7', person_id: '42', role: 'offender' }]);
  });

  it('ingest accepts incidents alone (no involvements table)', () => {
    const { data, summary } = ingest({ incidents: incidentsCsv }, { now: NOW });
    expect(data.incidents).toHaveLength(3);
    expect(data.involvements).toEqual([]);
    expect(summary.tables.involvements.read).toBe(0);
  });

  it('blank CSV lines are skipped and counted apart, and row numbers still match the file', () => {
    const { rejected, summary } = ingest(
      { incidents: 'incident_id,date,severity\nI1,2021-01-01,1\n\nI2,2021-13-01,1\n\n' },
      { now: NOW },
    );
    expect(summary.tables.incidents).toEqual({
      read: 2,
      accepted: 1,
      rejected: 1,
      blank: 2,
      lines: 4,
      multiLine: 0,
    });
    expect(only(rejected).row).toBe(3);
  });

  it('a CSV line with more cells than the header (an unquoted comma) is rejected as a whole row, not cut short', () => {
    const { data, rejected } = ingest(
      {
        incidents:
          'incident_id,date,severity,offence\nI1,2021-01-01,1,Assault, common\nI2,2021-01-02,1,"Assault, common",\n',
        involvements: 'incident_id,person_id,role\nI2,A,offender,x\nI2,B,offender\n',
        people: 'person_id,group\nB,North,1999\n',
      },
      { now: NOW },
    );
    // A trailing empty cell (I2's trailing comma) reads nothing, so it is no problem.
    expect(data.incidents.map((x) => [x.incident_id, x.offence])).toEqual([
      ['I2', 'Assault, common'],
    ]);
    expect(data.involvements.map((v) => v.person_id)).toEqual(['B']);
    expect(data.people).toEqual([]);
    expect(rejected.map((p) => [p.table, p.row, p.field, p.value])).toEqual([
      ['incidents', 1, '', ' common'],
      ['involvements', 1, '', 'x'],
      ['people', 1, '', '1999'],
    ]);
    expect(rejected[0].reason).toMatch(/more cells than the header's 4 columns.*quote values/);
  });

  it('a UTF-8 byte-order mark before the header does not hide the first column', () => {
    const { data } = ingest(
      { incidents: '\uFEFFincident_id,date,severity\nI1,2021-01-01,1\n' },
      { now: NOW },
    );
    expect(data.incidents).toHaveLength(1);
  });

  it('a byte-order mark before JSON text is ignored too', () => {
    const { data } = ingest(
      {
        incidents: '\uFEFF[{"incident_id":"I1","date":"2021-01-01","severity":1}]',
        involvements: '\uFEFF[{"incident_id":"I1","person_id":"A","role":"victim"}]',
      },
      { now: NOW },
    );
    expect(data.involvements.map((v) => v.person_id)).toEqual(['A']);
  });

  it('columns are found ignoring case, spaces and punctuation, and reported in summary.columns', () => {
    const { data, summary } = ingest(
      { incidents: 'Incident ID,Date,Offense,Latitude,Longitude\nI1,2021-01-01,Murder,10,20\n' },
      { now: NOW },
    );
    expect(data.incidents[0]).toMatchObject({ severity: 4, lat: 10, lon: 20, offence: 'Murder' });
    expect(summary.columns.incidents).toEqual({
      incident_id: 'Incident ID',
      date: 'Date',
      offence: 'Offense',
      lat: 'Latitude',
      lon: 'Longitude',
    });
  });

  it('columns that are not read are listed in summary.ignoredColumns, never dropped silently', () => {
    const { summary } = ingest(
      {
        incidents: 'incident_id,date,severity,officer,notes\nI1,2021-01-01,1,PC 1,x\n',
        involvements: 'incident_id,person_id,role,age_at_offence\nI1,A,offender,19\n',
      },
      { now: NOW },
    );
    expect(summary.ignoredColumns).toEqual({
      incidents: ['officer', 'notes'],
      involvements: ['age_at_offence'],
      people: [],
    });
  });
});

describe('ingest: each problem is rejected with its table, row, field, value and reason', () => {
  const incidents = (rows: string) => `incident_id,date,offence,severity\n${rows}`;

  it('duplicate incident ids that agree: the later row is rejected and the reason names both rows', () => {
    const { data, rejected } = ingest(
      {
        incidents: incidents(
          'I1,2021-01-01,Assault,1\nI2,2021-01-02,Assault,1\nI1,2021-01-01,Assault,1\n',
        ),
      },
      { now: NOW },
    );
    expect(data.incidents.map((x) => x.incident_id)).toEqual(['I1', 'I2']);
    expect(only(rejected)).toEqual({
      table: 'incidents',
      row: 3,
      line: 4,
      field: 'incident_id',
      value: 'I1',
      reason: "incident id 'I1' is used by rows 1 and 3, which agree; only row 1 is kept",
    });
  });

  it('duplicate incident ids that disagree: neither row is kept, nor the involvements of the id', () => {
    // Before: row 1 was kept (date 2021-01-01, severity 1) and row 3 rejected, though nothing
    // says which of the two records is right.
    const { data, rejected, summary } = ingest(
      {
        incidents: incidents(
          'I1,2021-01-01,Assault,1\nI2,2021-01-02,Assault,1\nI1,2021-01-03,Theft,0\n',
        ),
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI2,A,offender\n',
      },
      { now: NOW },
    );
    expect(data.incidents.map((x) => x.incident_id)).toEqual(['I2']);
    expect(data.involvements.map((x) => x.incident_id)).toEqual(['I2']);
    const why =
      "incident id 'I1' is used by rows 1 and 3, which disagree about date: '2021-01-01' and '2021-01-03'; which row is right cannot be known, so neither is kept";
    expect(rejected).toEqual([
      { table: 'incidents', row: 1, line: 2, field: 'date', value: '2021-01-01', reason: why },
      { table: 'incidents', row: 3, line: 4, field: 'date', value: '2021-01-03', reason: why },
      {
        table: 'involvements',
        row: 1,
        line: 2,
        field: 'incident_id',
        value: 'I1',
        reason: `incident 'I1' was rejected (incidents row 1: ${why})`,
      },
    ]);
    expect(summary.tables.incidents).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
    // Strict mode stops at the later row, the first one found wrong.
    expect(() =>
      ingest(
        { incidents: incidents('I1,2021-01-01,Assault,1\nI1,2021-01-02,Assault,1\n') },
        { now: NOW, strict: true },
      ),
    ).toThrow(/row 2.*disagree about date: '2021-01-01' and '2021-01-02'/);
  });

  it('rows of one incident that differ in weapon keep neither (outcome filters read it)', () => {
    const { data, rejected } = ingest(
      {
        incidents:
          'incident_id,date,offence,severity,weapon\nI1,2021-01-01,Assault,3,knife\nI1,2021-01-01,Shooting,3,firearm\n',
      },
      { now: NOW },
    );
    expect(data.incidents).toHaveLength(0);
    expect(rejected.map((r) => [r.row, r.field])).toEqual([
      [1, 'weapon'],
      [2, 'weapon'],
    ]);
    expect(rejected[0].reason).toContain("disagree about weapon: 'knife' and 'firearm'");
  });

  it('an incident given a row per offence (same date and severity) keeps its first row', () => {
    // Exports with a row per offence of one incident: the shooting must not be lost over its
    // second offence, as the date and severity every analysis reads agree.
    const { data, rejected } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Shooting,3\nI1,2021-01-01,Possession,3\n'),
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\n',
      },
      { now: NOW },
    );
    expect(data.incidents.map((x) => [x.incident_id, x.offence, x.severity])).toEqual([
      ['I1', 'Shooting', 3],
    ]);
    expect(data.involvements).toHaveLength(2);
    expect(rejected).toEqual([
      {
        table: 'incidents',
        row: 2,
        line: 3,
        field: 'offence',
        value: 'Possession',
        reason:
          "incident id 'I1' is used by rows 1 and 2, which differ in offence: 'Shooting' and 'Possession', not date, severity or weapon; row 1 is kept",
      },
    ]);
  });

  it('an empty incident id is rejected', () => {
    const { rejected } = ingest({ incidents: incidents(',2021-01-01,Assault,1\n') }, { now: NOW });
    expect(only(rejected)).toMatchObject({
      row: 1,
      field: 'incident_id',
      reason: 'incident id is empty',
    });
  });

  it("an impossible date is rejected: date '31/02/2021' is not a valid date", () => {
    const { rejected } = ingest(
      { incidents: incidents('I1,31/02/2021,Assault,1\n') },
      { now: NOW, dateFormat: 'dmy' },
    );
    expect(only(rejected)).toEqual({
      table: 'incidents',
      row: 1,
      line: 2,
      field: 'date',
      value: '31/02/2021',
      reason: "date '31/02/2021' is not a valid date",
    });
  });

  it('an ISO date that does not exist (2021-02-29) is rejected, not rolled into March', () => {
    const { rejected } = ingest(
      { incidents: incidents('I1,2021-02-29,Assault,1\n') },
      { now: NOW },
    );
    expect(only(rejected).reason).toBe("date '2021-02-29' is not a valid date");
  });

  it('day-first dates without dateFormat are rejected with a hint at dateFormat', () => {
    const { rejected } = ingest(
      { incidents: incidents('I1,04/03/2021,Assault,1\n') },
      { now: NOW },
    );
    expect(only(rejected).reason).toMatch(
      /^date '04\/03\/2021' is not a valid date; .*dateFormat: 'dmy'/,
    );
  });

  it("dateFormat: 'dmy' and 'mdy' read slashed dates (with optional times) as UTC", () => {
    const rows = incidents('I1,04/03/2021,Assault,1\nI2,04/03/2021 10:15,Assault,1\n');
    const dmy = ingest({ incidents: rows }, { now: NOW, dateFormat: 'dmy' }).data.incidents;
    expect(dmy.map((x) => x.date)).toEqual(['2021-03-04', '2021-03-04T10:15:00.000Z']);
    expect(dmy[1].day).toBe(toDay('2021-03-04T10:15:00Z'));
    const mdy = ingest({ incidents: rows }, { now: NOW, dateFormat: 'mdy' }).data.incidents;
    expect(mdy[0].date).toBe('2021-04-03');
  });

  it('an empty date is rejected', () => {
    const { rejected } = ingest({ incidents: incidents('I1,,Assault,1\n') }, { now: NOW });
    expect(only(rejected)).toMatchObject({ field: 'date', reason: 'date is empty' });
  });

  it('future dates (after `now`) are rejected', () => {
    const { data, rejected } = ingest(
      { incidents: incidents('I1,2025-01-01,Assault,1\nI2,2025-01-02,Assault,1\n') },
      { now: NOW },
    );
    expect(data.incidents.map((x) => x.incident_id)).toEqual(['I1']);
    expect(only(rejected)).toMatchObject({
      row: 2,
      field: 'date',
      value: '2025-01-02',
      reason: "date '2025-01-02' is in the future (after 2025-01-01)",
    });
  });

  it('dates before 1900-01-02 (placeholders for an unknown date) are rejected, by rows and by columns alike', () => {
    const dates = [
      '1900-01-01',
      '1899-12-30',
      '1753-01-01',
      '1900-01-01T20:00:00',
      '1900-01-02',
      '1969-07-20',
    ];
    const text = incidents(dates.map((d, k) => `I${k},${d},Assault,1\n`).join(''));
    const { data, rejected } = ingest({ incidents: text }, { now: NOW });
    expect(data.incidents.map((x) => x.date)).toEqual(['1900-01-02', '1969-07-20']);
    expect(rejected.map((p) => [p.row, p.field, p.value])).toEqual([
      [1, 'date', '1900-01-01'],
      [2, 'date', '1899-12-30'],
      [3, 'date', '1753-01-01'],
      [4, 'date', '1900-01-01T20:00:00'],
    ]);
    expect(rejected[0].reason).toMatch(
      /^date '1900-01-01' is before 1900-01-02: a placeholder for an unknown date\? \(1900-01-01 is/,
    );
    const columns = {
      incident_id: dates.map((_, k) => `I${k}`),
      date: dates,
      severity: dates.map(() => 1),
    };
    const involvements = {
      incident_id: ['I0', 'I5'],
      person_id: ['A', 'B'],
      role: ['victim', 'offender'],
    };
    const byColumns = ingestByColumns(
      { incidents: tableFromArrays(columns), involvements: tableFromArrays(involvements) },
      { now: NOW },
    );
    const byRows = ingestRows(
      { incidents: tableFromArrays(columns), involvements: tableFromArrays(involvements) },
      { now: NOW },
    );
    expect(JSON.stringify(byColumns)).toBe(JSON.stringify(byRows));
    expect(byColumns.rejected.map((p) => [p.table, p.row])).toEqual([
      ['incidents', 1],
      ['incidents', 2],
      ['incidents', 3],
      ['incidents', 4],
      ['involvements', 1],
    ]);
  });

  it('an Excel serial day number for a date is rejected with how to fix it, by rows and columns alike', () => {
    const { rejected } = ingest({ incidents: incidents('I1,44197,Assault,1\n') }, { now: NOW });
    expect(only(rejected).reason).toBe(
      "date '44197' is not a valid date; an Excel serial day? Format the column as dates (YYYY-MM-DD) before saving",
    );
    const columns = { incident_id: ['I1', 'I2'], date: [44197, 44197.5], severity: [1, 1] };
    const involvements = { incident_id: ['I1'], person_id: ['A'], role: ['victim'] };
    const input = () => ({
      incidents: tableFromArrays(columns),
      involvements: tableFromArrays(involvements),
    });
    const byColumns = ingestByColumns(input(), { now: NOW });
    expect(JSON.stringify(byColumns)).toBe(JSON.stringify(ingestRows(input(), { now: NOW })));
    expect(byColumns.rejected.slice(0, 2).map((p) => p.reason)).toEqual([
      expect.stringMatching(/^date '44197' is not a valid date; an Excel serial day\?/),
      expect.stringMatching(/^date '44197.5' is not a valid date; an Excel serial day\?/),
    ]);
  });

  it('severity out of range or not a whole number is rejected', () => {
    const { rejected } = ingest(
      {
        incidents: incidents(
          'I1,2021-01-01,x,5\nI2,2021-01-01,x,2.5\nI3,2021-01-01,x,-1\nI4,2021-01-01,x,high\n',
        ),
      },
      { now: NOW },
    );
    expect(rejected.map((p) => [p.row, p.field, p.value, p.reason])).toEqual([
      [1, 'severity', '5', "severity '5' is out of range (expected 0 to 4)"],
      [2, 'severity', '2.5', "severity '2.5' is not a whole number (expected 0 to 4)"],
      [3, 'severity', '-1', "severity '-1' is out of range (expected 0 to 4)"],
      [
        4,
        'severity',
        'high',
        "severity 'high' is not a number (expected a whole number from 0 to 4); if the column holds labels or codes, give each its level 0–4 with severityLevels: { 'high': <0–4>, … }",
      ],
    ]);
  });

  it('a row without severity whose offence matches no rule is rejected, saying how to map it', () => {
    const { rejected } = ingest(
      { incidents: incidents('I1,2021-01-01,Littering,\n') },
      { now: NOW },
    );
    expect(only(rejected)).toMatchObject({ field: 'offence', value: 'Littering' });
    expect(only(rejected).reason).toContain("severityMap: { 'Littering': 0 }");
  });

  it('a row with neither severity nor offence is rejected', () => {
    const { rejected } = ingest({ incidents: incidents('I1,2021-01-01,,\n') }, { now: NOW });
    expect(only(rejected).reason).toBe(
      'severity is missing and there is no offence to derive it from',
    );
  });

  it('lat/lon out of range or not numbers are rejected', () => {
    const { rejected } = ingest(
      {
        incidents:
          'incident_id,date,severity,lat,lon\nI1,2021-01-01,1,91,0\nI2,2021-01-01,1,0,-181\nI3,2021-01-01,1,north,0\nI4,2021-01-01,1,-90,180\n',
      },
      { now: NOW },
    );
    expect(rejected.map((p) => [p.row, p.field, p.reason])).toEqual([
      [1, 'lat', "lat '91' is out of range (−90 to 90)"],
      [2, 'lon', "lon '-181' is out of range (−180 to 180)"],
      [3, 'lat', "lat 'north' is not a number"],
    ]);
  });

  it('a decimal comma in lat/lon (a European export) is a decimal point; still checked for range', () => {
    const { data, rejected } = ingest(
      {
        incidents:
          'incident_id;date;severity;lat;lon\nI1;2021-01-01;1;51,5074;-0,1278\nI2;2021-01-01;1;1,234;0\nI3;2021-01-01;1;51,5;181,5\nI4;2021-01-01;1;1,234,5;0\n',
      },
      { now: NOW },
    );
    expect(data.incidents.map((i) => [i.incident_id, i.lat, i.lon])).toEqual([
      ['I1', 51.5074, -0.1278],
      ['I2', 1.234, 0],
    ]);
    expect(rejected.map((p) => [p.row, p.field, p.reason])).toEqual([
      [3, 'lon', "lon '181,5' is out of range (−180 to 180)"],
      [4, 'lat', "lat '1,234,5' is not a number"],
    ]);
  });

  it('involvements pointing at an unknown incident are rejected', () => {
    const { rejected } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Assault,1\n'),
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI9,A,offender\n',
      },
      { now: NOW },
    );
    expect(only(rejected)).toEqual({
      table: 'involvements',
      row: 2,
      line: 3,
      field: 'incident_id',
      value: 'I9',
      reason: "incident 'I9' is not in the incidents table",
    });
  });

  it('involvements pointing at a rejected incident are rejected, with the incident’s reason', () => {
    const { rejected, summary } = ingest(
      {
        incidents: incidents('I1,2021-02-30,Assault,1\n'),
        involvements: 'incident_id,person_id,role\nI1,A,offender\n',
      },
      { now: NOW },
    );
    expect(rejected[1]).toMatchObject({
      table: 'involvements',
      row: 1,
      reason: "incident 'I1' was rejected (incidents row 1: date '2021-02-30' is not a valid date)",
    });
    expect(summary.tables.involvements).toMatchObject({ read: 1, accepted: 0, rejected: 1 });
  });

  it('empty person ids are rejected', () => {
    const { rejected } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Assault,1\n'),
        involvements: 'incident_id,person_id,role\nI1,  ,offender\n',
      },
      { now: NOW },
    );
    expect(only(rejected)).toMatchObject({ field: 'person_id', reason: 'person id is empty' });
  });

  it('unknown roles are rejected and the reason lists the accepted roles', () => {
    const { rejected } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Assault,1\n'),
        involvements: 'incident_id,person_id,role\nI1,A,Bystander\nI1,B,\n',
      },
      { now: NOW },
    );
    expect(rejected[0]).toMatchObject({ row: 1, field: 'role', value: 'Bystander' });
    expect(rejected[0].reason).toMatch(
      /^role 'Bystander' is not recognised; accepted roles: .*offender.*victim.*witness/,
    );
    expect(rejected[0].reason).toContain("roleSynonyms: { 'Bystander'");
    expect(rejected[1].reason).toMatch(/^role is empty; accepted roles: /);
  });

  it("UK exports' 'Person Reporting' is a role of its own kind, 'other', by rows and by columns", () => {
    // It was rejected: "role 'Person Reporting' is not recognised", though 'reporting person' was known.
    const involvements =
      'incident_id,person_id,role\nI1,A,Suspect\nI1,B,Person Reporting\nI1,C,Reporter\n';
    const input = { incidents: incidents('I1,2021-01-01,Assault,1\n'), involvements };
    const { data, rejected } = ingest(input, { now: NOW });
    expect(rejected).toEqual([]);
    expect(data.involvements.map((v) => v.role)).toEqual(['offender', 'other', 'other']);
    const byColumns = ingestByColumns(
      {
        incidents: tableFromArrays({
          incident_id: ['I1'],
          date: ['2021-01-01'],
          offence: ['Assault'],
          severity: [1],
        }),
        involvements: tableFromArrays({
          incident_id: ['I1', 'I1'],
          person_id: ['A', 'B'],
          role: ['Suspect', 'PERSON_REPORTING'],
        }),
      },
      { now: NOW },
    );
    expect(byColumns.rejected).toEqual([]);
    expect(byColumns.data.involvements.map((v) => v.role)).toEqual(['offender', 'other']);
  });

  it('roleSynonyms extend the defaults, case-insensitively', () => {
    const { data, rejected } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Assault,1\n'),
        involvements:
          'incident_id,person_id,role\nI1,A,BYSTANDER\nI1,B,CO-ARRESTEE\nI1,C,Injured_Party\n',
      },
      { now: NOW, roleSynonyms: { bystander: 'other' } },
    );
    expect(rejected).toEqual([]);
    expect(data.involvements.map((v) => v.role)).toEqual(['other', 'offender', 'victim']);
  });

  it('a person listed twice in one incident with the same role: the later row is a duplicate naming the first', () => {
    const { data, rejected } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Assault,1\n'),
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI1,A,suspect\n',
      },
      { now: NOW },
    );
    expect(data.involvements).toHaveLength(2);
    expect(only(rejected)).toMatchObject({
      row: 3,
      field: 'person_id',
      reason:
        "person 'A' is listed twice in incident 'I1' as offender (rows 1 and 3); row 3 is a duplicate",
    });
  });

  it('a person listed twice in one incident with conflicting roles: both rows are rejected by default', () => {
    const { data, rejected, summary } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Assault,1\n'),
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI1,A,victim\n',
      },
      { now: NOW },
    );
    expect(data.involvements).toEqual([{ incident_id: 'I1', person_id: 'B', role: 'victim' }]);
    const reason =
      "person 'A' is listed in incident 'I1' as both offender (row 1) and victim (row 3); both rows are rejected (set conflictingRoles: 'keep' to keep both)";
    expect(rejected).toEqual([
      { table: 'involvements', row: 1, field: 'role', value: 'offender', reason, line: 2 },
      { table: 'involvements', row: 3, field: 'role', value: 'victim', reason, line: 4 },
    ]);
    expect(summary.tables.involvements).toEqual({
      read: 3,
      accepted: 1,
      rejected: 2,
      blank: 0,
      lines: 3,
      multiLine: 0,
    });
  });

  it("conflictingRoles: 'keep' keeps self-victimisation records, one row per role", () => {
    const { data, rejected } = ingest(
      {
        incidents: incidents('I1,2021-01-01,Assault,1\n'),
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,A,victim\nI1,A,victim\n',
      },
      { now: NOW, conflictingRoles: 'keep' },
    );
    expect(data.involvements.map((v) => v.role)).toEqual(['offender', 'victim']);
    expect(only(rejected).reason).toBe(
      "person 'A' is listed twice in incident 'I1' as victim (rows 2 and 3); row 3 is a duplicate",
    );
  });

  it('only the first problem of a row is reported (one entry per rejected row)', () => {
    const { rejected } = ingest(
      { incidents: incidents('I1,2099-99-99,Assault,9\n') },
      { now: NOW },
    );
    expect(only(rejected).field).toBe('date');
  });
});

describe('ingest: missing columns, strict mode and options', () => {
  it('a missing required column throws one clear error naming the column and the mapping to fix it', () => {
    const run = () => ingest({ incidents: 'URN,date,severity\nU1,2021-01-01,1\n' }, { now: NOW });
    expect(run).toThrow(MissingColumnError);
    expect(run).toThrow(
      "incidents has no 'incident_id' column; its columns are 'URN', 'date', 'severity'. " +
        "If the incident_id is in another column, map it: ingest(input, { mapping: { incident_id: '<column name>' } }).",
    );
  });

  it('a mapped column that is not there is named in the error', () => {
    expect(() =>
      ingest(
        { incidents: 'URN,date,severity\nU1,2021-01-01,1\n' },
        { now: NOW, mapping: { incident_id: 'CrimeRef' } },
      ),
    ).toThrow("incidents has no column 'CrimeRef' (mapping.incident_id)");
  });

  it('missing columns throw in lenient mode too, for each table', () => {
    const incidents = 'incident_id,date,severity\nI1,2021-01-01,1\n';
    expect(() =>
      ingest({ incidents, involvements: 'incident_id,person,role\nI1,A,offender\n' }, { now: NOW }),
    ).toThrow(/involvements has no 'person_id' column/);
    expect(() =>
      ingest({ incidents, involvements: 'incident_id,person_id\nI1,A\n' }, { now: NOW }),
    ).toThrow(/involvements has no 'role' column/);
    expect(() => ingest({ incidents, people: 'name\nA\n' }, { now: NOW })).toThrow(
      /people has no 'person_id' column/,
    );
    expect(() => ingest({ incidents: 'incident_id,date\nI1,2021-01-01\n' }, { now: NOW })).toThrow(
      /no 'severity' column and no 'offence' column/,
    );
  });

  it('strict: true throws a ValidationError carrying the first problem', () => {
    let caught: unknown;
    try {
      ingest(
        {
          incidents: 'incident_id,date,severity\nI1,2021-01-01,1\nI2,2021-02-30,1\nI3,x,1\n',
        },
        { now: NOW, strict: true },
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).problem).toEqual({
      table: 'incidents',
      row: 2,
      line: 3,
      field: 'date',
      value: '2021-02-30',
      reason: "date '2021-02-30' is not a valid date",
    });
    expect((caught as Error).message).toBe(
      "incidents row 2, field 'date': date '2021-02-30' is not a valid date",
    );
  });

  it('strict: true on clean input returns the same result as lenient mode', () => {
    const input = { incidents: incidentsCsv, involvements: involvementsCsv };
    expect(ingest(input, { now: NOW, strict: true })).toEqual(ingest(input, { now: NOW }));
  });

  it('invalid options are refused with a TypeError naming the option', () => {
    // @ts-expect-error: misspelt option
    expect(() => ingest({ incidents: incidentsCsv }, { maping: {} })).toThrow(
      "ingest: unknown option 'maping'. Did you mean 'mapping'?",
    );
    // @ts-expect-error: misspelt option
    expect(() => ingest({ incidents: incidentsCsv }, { allowAtribute: ['x'] })).toThrow(
      OptionError,
    );
    expect(() => ingest({ incidents: incidentsCsv }, { dateFormat: 'ymd' as 'iso' })).toThrow(
      // Year, month, day is ISO's order: told 'iso', never 'dmy' (two edits of three).
      "ingest: option 'dateFormat' must be one of 'iso', 'dmy', 'mdy' (did you mean 'iso'?), got 'ymd'.",
    );
    expect(() =>
      // @ts-expect-error: not a role
      ingest({ incidents: incidentsCsv }, { roleSynonyms: { suspect: 'bad' } }),
    ).toThrow(TypeError);
    expect(() => ingest({ incidents: incidentsCsv }, { severityMap: { x: 7 } })).toThrow(TypeError);
    expect(() =>
      // @ts-expect-error: not a canonical field
      ingest({ incidents: incidentsCsv }, { mapping: { crimeRef: 'URN' } }),
    ).toThrow(/^ingest: option 'mapping': key 'crimeRef' is not a canonical field/);
    // A misspelt field is an OptionError naming the closest; a reversed mapping says so.
    const refused = (mapping: object) => {
      try {
        ingest({ incidents: incidentsCsv }, { mapping } as never);
      } catch (e) {
        return e;
      }
    };
    expect(refused({ personid: 'NominalID' })).toBeInstanceOf(OptionError);
    expect((refused({ personid: 'NominalID' }) as Error).message).toMatch(
      /^ingest: option 'mapping': key 'personid' is not a canonical field; did you mean 'person_id'\? use one of incident_id, /,
    );
    expect((refused({ URN: 'incident_id' }) as Error).message).toBe(
      "ingest: option 'mapping': key 'URN' is not a canonical field; reversed? Write { incident_id: 'URN' } (mapping is { canonical field: 'source column' })",
    );
    expect(() => ingest({ incidents: incidentsCsv }, { now: 'tomorrow' })).toThrow(RangeError);
    // A misspelt zone was a RangeError naming neither ingest nor the zone meant ("ingest option
    // timeZone 'Europe/Lodnon' is not valid: expected an IANA time zone name …").
    expect(() => ingest({ incidents: incidentsCsv }, { timeZone: 'Europe/Lodnon' })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        fn: 'ingest',
        option: 'timeZone',
        message:
          "ingest: option 'timeZone' 'Europe/Lodnon' is not a time zone (did you mean 'Europe/London'?); expected an IANA time zone name such as 'America/Chicago' or 'UTC'",
      }),
    );
  });

  it('inputs that are not tables are refused with a TypeError', () => {
    // @ts-expect-error: not a table
    expect(() => ingest({ incidents: 42 })).toThrow(/incidents must be an array of row objects/);
    // Broken JSON text: an IngestError (code 'json') naming the line and column.
    expect(() => ingest({ incidents: '[{"incident_id": ' })).toThrow(
      /^incidents: line 1, column 17 is not valid JSON \(/,
    );
  });

  it('severityMap entries win over the default rules; severityRules: [] turns keyword matching off', () => {
    const incidents =
      'incident_id,date,offence\nI1,2021-01-01,Section 47 assault\nI2,2021-01-01,Murder\n';
    const mapped = ingest({ incidents }, { now: NOW, severityMap: { 'section 47 ASSAULT': 2 } });
    expect(mapped.data.incidents.map((x) => x.severity)).toEqual([2, 4]);
    const off = ingest({ incidents }, { now: NOW, severityRules: [] });
    expect(off.data.incidents).toEqual([]);
    expect(off.rejected.map((p) => p.field)).toEqual(['offence', 'offence']);
  });

  it('weapon synonyms map to firearm/knife/other/none; unknown weapons become other and are counted', () => {
    const { data, summary } = ingest(
      {
        incidents:
          'incident_id,date,severity,weapon\nI1,2021-01-01,3,Handgun\nI2,2021-01-01,3,Blade\nI3,2021-01-01,1,Brick\nI4,2021-01-01,1,Taser\nI5,2021-01-01,1,\n',
      },
      { now: NOW, weaponSynonyms: { taser: 'other' } },
    );
    expect(data.incidents.map((x) => x.weapon)).toEqual([
      'firearm',
      'knife',
      'other',
      'other',
      undefined,
    ]);
    expect(summary.weaponsReadAsOther).toEqual({ Brick: 1 });
  });
});

describe('ingest: people, protected attributes and audit columns', () => {
  const incidents = 'incident_id,date,severity\nI1,2021-01-01,1\n';

  it('protected people columns go to Person.audit and data.auditColumns; others to Person.attributes', () => {
    const { data, summary } = ingest(
      {
        incidents,
        people:
          'person_id,birth_year,group,Ethnicity,gender,postcode_district,prior_arrests\nA,2001,Crew 1,X,M,E8,3\nB,,,,F,,0\n',
      },
      { now: NOW, auditOnly: ['postcode_district'] },
    );
    expect(data.auditColumns).toEqual(['Ethnicity', 'gender', 'postcode_district']);
    expect(summary.attributeColumns).toEqual(['prior_arrests']);
    expect(data.people).toEqual([
      {
        person_id: 'A',
        birth_year: 2001,
        group: 'Crew 1',
        audit: { Ethnicity: 'X', gender: 'M', postcode_district: 'E8' },
        attributes: { prior_arrests: 3 },
      },
      { person_id: 'B', audit: { gender: 'F' }, attributes: { prior_arrests: 0 } },
    ]);
  });

  it('protected columns are found by meaning; allowAttribute overrides one, logged everywhere', () => {
    const people =
      'person_id,SelfDefinedEthnicity,IC_Code,DefendantSex,Race_Code,Disabled,sector,essex_ref\n' +
      'A,W1,IC1,M,W,N,3,E1\n';
    const r = ingest({ incidents, people }, { now: NOW });
    expect(r.summary.auditColumns).toEqual([
      'SelfDefinedEthnicity',
      'IC_Code',
      'DefendantSex',
      'Race_Code',
      'Disabled',
    ]);
    expect(r.summary.attributeColumns).toEqual(['sector', 'essex_ref']);
    expect(r.data.people[0].attributes).toEqual({ sector: 3, essex_ref: 'E1' });
    expect(r.summary.warnings).toEqual([]);
    expect(r.data.allowedAttributes).toBeUndefined();

    const allowed = ingest({ incidents, people }, { now: NOW, allowAttribute: ['Disabled'] });
    expect(allowed.summary.attributeColumns).toEqual(['Disabled', 'sector', 'essex_ref']);
    expect(allowed.summary.allowedAttributes).toEqual([
      { column: 'Disabled', attribute: 'disability' },
    ]);
    expect(allowed.summary.warnings).toEqual([
      "people column 'Disabled' looks like a protected characteristic (disability) but is read as an ordinary attribute, usable by models, because allowAttribute names it; every output made from these data says so",
    ]);
    expect(allowed.data.allowedAttributes).toEqual(['Disabled']);
    // A second, serious incident on another date, so the list is not refused as undated.
    const first = allowed.data.incidents[0];
    const extra = {
      ...first,
      incident_id: 'extra',
      date: '2024-12-01',
      day: first.day + 30,
      severity: 3 as const,
    };
    const ranked = {
      ...allowed.data,
      incidents: [...allowed.data.incidents, extra],
      involvements: [
        ...allowed.data.involvements,
        {
          incident_id: 'extra',
          person_id: allowed.data.people[0].person_id,
          role: 'victim' as const,
        },
      ],
    };
    const meta = listMetadata(rankForOutreach(ranked, { asOf: NOW }))!;
    expect(meta.allowedAttributes).toEqual(['Disabled']);
    expect(meta.summary).toContain('(allowAttribute): Disabled.');
    // A group mapped to a protected-looking column is still refused unless allowed.
    expect(() =>
      ingest({ incidents, people }, { now: NOW, mapping: { group: 'IC_Code' } }),
    ).toThrow(ProtectedAttributeError);
  });

  it('a protected column mapped as the group is refused', () => {
    expect(() =>
      ingest(
        { incidents, people: 'person_id,ethnic_group\nA,X\n' },
        { now: NOW, mapping: { group: 'ethnic_group' } },
      ),
    ).toThrow(/'ethnic_group' is a protected or audit-only attribute/);
  });

  it('a group column declared auditOnly is carried as audit, not as the group', () => {
    const { data } = ingest(
      { incidents, people: 'person_id,group\nA,Crew 1\n' },
      { now: NOW, auditOnly: ['group'] },
    );
    expect(data.people).toEqual([{ person_id: 'A', audit: { group: 'Crew 1' } }]);
  });

  it('people rows with empty or duplicate ids or impossible birth years are rejected', () => {
    const { data, rejected, summary } = ingest(
      { incidents, people: 'person_id,birth_year\nA,1990\n,1991\nA,1992\nB,19x0\nC,2030\n' },
      { now: NOW },
    );
    expect(data.people).toEqual([{ person_id: 'A', birth_year: 1990 }]);
    expect(rejected.map((p) => [p.row, p.field, p.reason])).toEqual([
      [2, 'person_id', 'person id is empty'],
      [
        3,
        'person_id',
        "person 'A' is listed in rows 1 and 3, which disagree about birth_year: '1990' and '1992'; only row 1 is kept (which is right cannot be known: correct the record at source)",
      ],
      [4, 'birth_year', "birth year '19x0' is not a year from 1880 to 2025"],
      [5, 'birth_year', "birth year '2030' is not a year from 1880 to 2025"],
    ]);
    expect(summary.tables.people).toEqual({
      read: 5,
      accepted: 1,
      rejected: 4,
      blank: 0,
      lines: 5,
      multiLine: 0,
    });
  });

  it('a birth year given as a full date keeps the person, without a birth year, and warns with a count and a row', () => {
    // Before: each such row was rejected ("birth year '1990-05-04' is not a year…"), and the
    // person lost their group and attributes over an audit detail.
    const people =
      'person_id,birth_year,group\nA,1990-05-04,G1\nB,1991,G1\nC,04/05/1992,\nD,19x0,\n';
    const { data, rejected, summary } = ingest({ incidents, people }, { now: NOW });
    expect(data.people).toEqual([
      { person_id: 'A', group: 'G1' },
      { person_id: 'B', birth_year: 1991, group: 'G1' },
      { person_id: 'C' },
    ]);
    // A year that is no year is still refused.
    expect(rejected.map((p) => [p.row, p.field])).toEqual([[4, 'birth_year']]);
    expect(summary.warnings).toContain(
      "people: 2 birth_year cells hold a full date, not a year (row 1: '1990-05-04'), read as no birth year (the people are kept): give the year only",
    );
    // Dates as Date objects (arquero's autoType, JSON revivers) alike.
    const rows = [{ person_id: 'A', birth_year: new Date('1990-05-04T00:00:00Z') }];
    const r = ingest({ incidents, people: rows }, { now: NOW });
    expect(r.data.people).toEqual([{ person_id: 'A' }]);
    expect(r.summary.warnings.join()).toMatch(/1 birth_year cell holds a full date.*'1990-05-04'/);
  });

  it('a repeated person id names its first row whether ids ascend, stop ascending or never do', () => {
    // Ascending ids need no look-up until one is not above the one before it; the rows named
    // must be the same as when every id is looked up.
    const people =
      'person_id,birth_year\nA,1990\nB,18x0\nD,1991\nB,1992\nC,1993\nD,1994\nA,1995\nE,1996\nE,1997\n';
    const { data, rejected } = ingest({ incidents, people }, { now: NOW });
    expect(data.people.map((p) => p.person_id)).toEqual(['A', 'D', 'C', 'E']);
    expect(rejected.map((p) => [p.row, p.reason])).toEqual([
      [2, "birth year '18x0' is not a year from 1880 to 2025"],
      // Row 2 was rejected itself: no row of B's is kept.
      [
        4,
        "person 'B' is listed in rows 2 and 4; row 2 was rejected (birth year '18x0' is not a year from 1880 to 2025), and so is this one",
      ],
      [
        6,
        "person 'D' is listed in rows 3 and 6, which disagree about birth_year: '1991' and '1994'; only row 3 is kept (which is right cannot be known: correct the record at source)",
      ],
      [
        7,
        "person 'A' is listed in rows 1 and 7, which disagree about birth_year: '1990' and '1995'; only row 1 is kept (which is right cannot be known: correct the record at source)",
      ],
      [
        9,
        "person 'E' is listed in rows 8 and 9, which disagree about birth_year: '1996' and '1997'; only row 8 is kept (which is right cannot be known: correct the record at source)",
      ],
    ]);
    const ascending = ingest({ incidents, people: 'person_id\nA\nB\nB\n' }, { now: NOW });
    expect(ascending.rejected.map((p) => p.reason)).toEqual([
      "person 'B' is listed in rows 2 and 3; only row 2 is kept",
    ]);
  });

  it('people records keep their keys in one order, whatever fields they have', () => {
    const { data } = ingest(
      {
        incidents,
        people:
          'person_id,group,birth_year,group_since\nA,G1,1990,2020-01-01\nB,,1991,\nC,G2,,\nD,,,\n',
      },
      { now: NOW },
    );
    expect(data.people.map((p) => Object.keys(p).join(' '))).toEqual([
      'person_id birth_year group group_since',
      'person_id birth_year',
      'person_id group',
      'person_id',
    ]);
  });
});

describe('ingest: arquero tables and problemsTable', () => {
  it('problemsTable(rejected) is an arquero table with one row per rejected row', () => {
    const { rejected } = ingest(
      { incidents: 'incident_id,date,severity\nI1,2021-02-30,1\nI1,2021-01-01,1\n' },
      { now: NOW },
    );
    const t = problemsTable(rejected);
    expect(t.columnNames()).toEqual(['table', 'row', 'field', 'value', 'reason', 'line']);
    expect(t.numRows()).toBe(2);
    expect(t.objects()).toEqual(rejected);
    expect(problemsTable([]).numRows()).toBe(0);
  });
});

describe('ingest: large incidents', () => {
  it('a person listed twice in an incident with many people is still caught (the Map path)', () => {
    const rows = ['incident_id,person_id,role'];
    for (let k = 0; k < 40; k++) rows.push(`I1,P${k},${k % 2 ? 'offender' : 'victim'}`);
    rows.push('I1,P3,offender', 'I1,P5,victim', 'I1,P39,offender');
    const { data, rejected } = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2021-01-01,3\n',
        involvements: `${rows.join('\n')}\n`,
      },
      { now: NOW },
    );
    // Rows k + 1 hold P<k>; odd k are offenders. Row 41 repeats row 4, row 42 contradicts row 6,
    // row 43 repeats row 40.
    expect(rejected.map((p) => [p.row, p.field])).toEqual([
      [6, 'role'],
      [41, 'person_id'],
      [42, 'role'],
      [43, 'person_id'],
    ]);
    expect(rejected[1].reason).toBe(
      "person 'P3' is listed twice in incident 'I1' as offender (rows 4 and 41); row 41 is a duplicate",
    );
    expect(data.involvements).toHaveLength(39);
  });
});

describe('ingest: incidents whose rows are not together', () => {
  it('a person listed twice is caught after the incident comes back (small and big incidents)', () => {
    // Rows of I1 and I3 come back after another incident's rows: the same-person check then walks
    // every position of the incident, not only the current run of rows.
    const rows = ['incident_id,person_id,role', 'I1,A,offender', 'I2,B,victim', 'I1,A,offender'];
    for (let k = 0; k < 20; k++) rows.push(`I3,P${k},offender`); // rows 4 to 23: P<k> on row 4 + k
    rows.push('I2,C,victim', 'I3,P5,offender', 'I3,P7,victim', 'I1,D,other');
    const { data, rejected } = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2021-01-01,3\nI2,2021-01-02,2\nI3,2021-01-03,1\n',
        involvements: `${rows.join('\n')}\n`,
      },
      { now: NOW },
    );
    expect(rejected.map((p) => [p.row, p.field])).toEqual([
      [3, 'person_id'],
      [11, 'role'],
      [25, 'person_id'],
      [26, 'role'],
    ]);
    expect(rejected[0].reason).toBe(
      "person 'A' is listed twice in incident 'I1' as offender (rows 1 and 3); row 3 is a duplicate",
    );
    expect(rejected[2].reason).toBe(
      "person 'P5' is listed twice in incident 'I3' as offender (rows 9 and 25); row 25 is a duplicate",
    );
    expect(rejected[1].reason).toContain('as both offender (row 11) and victim (row 26)');
    expect(data.involvements.map((v) => v.person_id).join(' ')).toBe(
      `A B ${[0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((k) => `P${k}`).join(' ')} C D`,
    );
    // The index finds every record where ingest put it.
    const index = indexDataset(data);
    expect(Array.from(index.invOffset)).toEqual([0, 2, 4, 23]);
    expect(index.personIds[index.invPerson[1]]).toBe('D');
  });
});

describe('ingest: a CSV header that names a column twice', () => {
  it('throws, naming the table, the column and both positions, instead of leaving one unread', () => {
    const incidents = 'incident_id,date,offence,date\nI1,2021-01-01,Assault,2021-02-01\n';
    expect(() => ingest({ incidents }, { now: '2030-01-01' })).toThrow(
      "incidents has the column 'date' twice in its header (columns 2 and 4)",
    );
    expect(() => ingest({ incidents }, { now: '2030-01-01', strict: true })).toThrow(/twice/);
  });
});

describe('ingest: rows found by position until one is not accepted (issue 17)', () => {
  // Incidents ascend until a rejected row (I2, bad date), then a blank line, then one that does
  // not ascend (I0): each involvement still finds its incident's row, and I2's are rejected.
  const incidents = `incident_id,date,offence,severity
I1,2021-01-01,Robbery,2
I2,2021-02-30,Robbery,2

I3,2021-01-03,Robbery,2
I0,2021-01-04,Robbery,2
I3,2021-01-03,Robbery,2
`;
  const involvements = `incident_id,person_id,role
I1,P1,offender
I3,P3,victim
I0,P5,offender
I2,P1,victim
I1,P2,victim
I0,P3,victim
`;
  it('finds each incident by id after rejected, blank and unordered rows', () => {
    const { data, rejected, summary } = ingest({ incidents, involvements }, { now: NOW });
    expect(data.incidents.map((x) => x.incident_id)).toEqual(['I1', 'I3', 'I0']);
    expect(data.involvements.map((x) => `${x.incident_id}:${x.person_id}`)).toEqual([
      'I1:P1',
      'I3:P3',
      'I0:P5',
      'I1:P2',
      'I0:P3',
    ]);
    expect(rejected.map((r) => `${r.table}:${r.row}:${r.field}`)).toEqual([
      'incidents:2:date',
      'incidents:6:incident_id',
      'involvements:4:incident_id',
    ]);
    expect(rejected[2].reason).toMatch(/incident 'I2' was rejected/);
    expect(summary.tables.incidents.accepted).toBe(3);
  });
  it('finds repeated person ids after a rejected row while ids ascend', () => {
    const people = [
      { person_id: 'P1' },
      { person_id: 'P3' },
      { person_id: 'NULL' },
      { person_id: 'P5' },
      { person_id: 'P2' },
      { person_id: 'P3' },
      { person_id: 'P5' },
    ];
    const { data, rejected } = ingest({ incidents, involvements, people }, { now: NOW });
    expect(data.people.map((p) => p.person_id)).toEqual(['P1', 'P3', 'P5', 'P2']);
    const inPeople = rejected.filter((r) => r.table === 'people');
    expect(inPeople.map((r) => r.row)).toEqual([3, 6, 7]);
    expect(inPeople[1].reason).toMatch(/listed in rows 2 and 6/);
    expect(inPeople[2].reason).toMatch(/listed in rows 4 and 7/);
  });
});

describe('ingest: rows whose cells are getters', () => {
  it('reads each getter once per row, as a plain row is read (no cache-warming pass over them)', () => {
    const n = 600; // more than two of the readers' 256-row blocks
    const reads = new Int32Array(2 * n);
    const incidents = Array.from({ length: n }, (_, i) => ({
      incident_id: `I${i}`,
      date: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      severity: 2,
    }));
    // A getter whose value changes after its first read: read twice, it would rename the person.
    const involvements = Array.from({ length: 2 * n }, (_, r) => ({
      incident_id: `I${r >> 1}`,
      role: r % 2 ? 'victim' : 'offender',
      get person_id() {
        return `P${(r * 7) % 50}${reads[r]++ > 0 ? '-again' : ''}`;
      },
    }));
    const { data, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(summary.rejected).toBe(0);
    expect([...reads]).toEqual(Array(2 * n).fill(1));
    expect(data.involvements.some((v) => v.person_id.endsWith('-again'))).toBe(false);
    expect(new Set(data.involvements.map((v) => v.person_id)).size).toBe(50);
  });

  it('reads once the rows of a class with getters that follow plain rows (two sources joined)', () => {
    const n = 600;
    const incidents = Array.from({ length: n }, (_, i) => ({
      incident_id: `I${i}`,
      date: '2020-01-01',
      severity: 2,
    }));
    const reads = new Int32Array(2 * n);
    class ViewRow {
      constructor(readonly r: number) {}
      get incident_id() {
        return `I${this.r >> 1}`;
      }
      get role() {
        return this.r % 2 ? 'victim' : 'offender';
      }
      get person_id() {
        return `P${this.r % 50}${reads[this.r]++ > 0 ? '-again' : ''}`;
      }
    }
    // Enumerable, as a row view's columns are (a class's own getters are not).
    for (const k of ['incident_id', 'role', 'person_id'])
      Object.defineProperty(ViewRow.prototype, k, { enumerable: true });
    const plain = { incident_id: 'I0', role: 'offender', person_id: 'P0' };
    const involvements = [
      plain,
      ...Array.from({ length: 2 * n - 1 }, (_, r) => new ViewRow(r + 1)),
    ];
    const { data, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(summary.rejected).toBe(0);
    expect([...reads.subarray(1)]).toEqual(Array(2 * n - 1).fill(1));
    expect(data.involvements.some((v) => v.person_id.endsWith('-again'))).toBe(false);
  });
});
