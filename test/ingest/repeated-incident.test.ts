import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns } from '../../src/ingest/ingest.js';

// An incident id used by two rows (see src/ingest/repeated-incident.ts): reasons quote the cells
// as the file has them, and rows of one day that differ only in their time of day agree.

const NOW = '2024-06-01';
const involvements = 'incident_id,person_id,role\nI1,A,offender\nI1,B,offender\n';
const read = (rows: string, header = 'incident_id,date,severity,weapon') =>
  ingest(
    { incidents: `${header}\n${rows}`, involvements },
    { now: NOW, dateFormat: 'dmy', timeZone: 'Europe/London' },
  );

describe('a repeated incident id', () => {
  it('a disagreement quotes the cells as written, not the values read', () => {
    // Before: "'2021-03-01T00:00:00.000' and '2021-03-06'", text the file does not hold.
    const r = read('I1,01/03/2021 00:00,3,Handgun\nI1,06/03/2021,3,Handgun\n');
    expect(r.data.incidents).toHaveLength(0);
    const why =
      "incident id 'I1' is used by rows 1 and 2, which disagree about date: '01/03/2021 00:00' and '06/03/2021'; which row is right cannot be known, so neither is kept";
    expect(r.rejected.slice(0, 2)).toEqual(
      [
        { table: 'incidents', row: 2, line: 3, field: 'date', value: '06/03/2021', reason: why },
        {
          table: 'incidents',
          row: 1,
          line: 2,
          field: 'date',
          value: '01/03/2021 00:00',
          reason: why,
        },
      ].sort((a, b) => a.row - b.row),
    );
    // The weapon as written (before: the category read, 'firearm' and 'knife').
    const w = read('I1,01/03/2021,3,Handgun\nI1,01/03/2021,3, Kitchen knife\n');
    expect(w.rejected[0].reason).toContain("disagree about weapon: 'Handgun' and 'Kitchen knife'");
    // A separate time cell is quoted with its date; a derived severity by its value.
    const t = read(
      'I1,01/03/2021,21:30,Shooting\nI1,02/03/2021,,Shooting\n',
      'incident_id,date,time,offence',
    );
    expect(t.rejected[0].reason).toContain(
      "disagree about date: '01/03/2021 21:30' and '02/03/2021'",
    );
    const d = read(
      'I1,01/03/2021,,Shooting\nI1,02/03/2021,2,Shooting\n',
      'incident_id,date,severity,offence',
    );
    expect(d.rejected[0].reason).toContain("disagree about date: '01/03/2021' and '02/03/2021'");
  });

  it('rows of one day, one with a time of day and one without, are one incident at that time', () => {
    // Before: "disagree about date", neither kept (nor the involvements), where the DuckDB
    // queries (comparing days) kept it: a multi-row export giving the time on one row only.
    for (const [rows, date] of [
      ['I1,01/03/2021,3,\nI1,01/03/2021 14:30,3,\n', '2021-03-01T14:30:00.000'],
      ['I1,01/03/2021 14:30,3,\nI1,01/03/2021,3,\n', '2021-03-01T14:30:00.000'],
      // 00:00 is no time of day (exports write it for an unknown time; DuckDB sees the same
      // day number): beside 14:30 the incident is at 14:30 (before: the day alone, "two times").
      ['I1,01/03/2021,3,\nI1,01/03/2021 00:00,3,\n', '2021-03-01'],
      ['I1,01/03/2021 00:00,3,\nI1,01/03/2021 14:30,3,\n', '2021-03-01T14:30:00.000'],
      ['I1,01/03/2021 14:30,3,\nI1,01/03/2021 00:00,3,\n', '2021-03-01T14:30:00.000'],
    ] as const) {
      const r = read(rows);
      expect(r.data.incidents.map((x) => [x.incident_id, x.date, x.day])).toEqual([
        ['I1', date, 18687 + (date.endsWith('14:30:00.000') ? 14.5 / 24 : 0)],
      ]);
      expect(r.data.involvements).toHaveLength(2);
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0]).toMatchObject({ row: 2, field: 'date' });
    }
    expect(read('I1,01/03/2021,3,\nI1,01/03/2021 14:30,3,\n').rejected[0].reason).toBe(
      "incident id 'I1' is used by rows 1 and 2, which differ in time of day: '01/03/2021' and '01/03/2021 14:30', not day, severity or weapon; row 1 is kept, with row 2's time of day",
    );
  });

  it('two times of one day keep the day without a time of day, whatever the order of the rows', () => {
    for (const rows of [
      'I1,01/03/2021 10:00,3,\nI1,01/03/2021 11:00,3,\n',
      'I1,01/03/2021 10:00,3,\nI1,01/03/2021 11:00,3,\nI1,01/03/2021 10:00,3,\n',
      'I1,01/03/2021,3,\nI1,01/03/2021 10:00,3,\nI1,01/03/2021 11:00,3,\nI1,01/03/2021 10:00,3,\n',
    ]) {
      const r = read(rows);
      expect(r.data.incidents.map((x) => [x.date, x.day])).toEqual([['2021-03-01', 18687]]);
      expect(r.rejected.every((p) => p.field === 'date')).toBe(true);
    }
    expect(read('I1,01/03/2021 10:00,3,\nI1,01/03/2021 11:00,3,\n').rejected[0].reason).toBe(
      "incident id 'I1' is used by rows 1 and 2, which differ in time of day: '01/03/2021 10:00' and '01/03/2021 11:00', not day, severity or weapon; row 1 is kept, without a time of day (its rows give two)",
    );
    // Another day, or two different weapons, still keeps neither.
    expect(
      read('I1,01/03/2021,3,Handgun\nI1,01/03/2021 10:00,3,Knife\n').data.incidents,
    ).toHaveLength(0);
    expect(read('I1,01/03/2021 23:00,3,\nI1,02/03/2021 01:00,3,\n').data.incidents).toHaveLength(0);
  });

  it("a weapon given on one row only is the incident's (a row per offence); two weapons keep neither", () => {
    // Before: '' beside 'Handgun' was a disagreement about weapon, and the incident and its
    // people were lost (the DuckDB queries, which read no weapon, kept it).
    for (const rows of [
      'I1,01/03/2021,3,\nI1,01/03/2021,1,Handgun\n',
      'I1,01/03/2021,1,Handgun\nI1,01/03/2021,3,\n',
      'I1,01/03/2021,3,Handgun\nI1,01/03/2021,3,\n',
    ]) {
      const r = read(rows);
      expect(r.data.incidents.map((x) => [x.incident_id, x.severity, x.weapon])).toEqual([
        ['I1', 3, 'firearm'],
      ]);
      expect(r.data.involvements).toHaveLength(2);
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0].row).toBe(2);
    }
    expect(read('I1,01/03/2021,3,\nI1,01/03/2021,1,Handgun\n').rejected[0].reason).toBe(
      "incident id 'I1' is used by rows 1 and 2, which differ in severity: '3' and '1', not day; row 1 is kept, with its severity, 3, the highest, with row 2's weapon, 'Handgun', the only one given",
    );
    expect(read('I1,01/03/2021,2,\nI1,01/03/2021,2,Knife\n').rejected[0].reason).toBe(
      "incident id 'I1' is used by rows 1 and 2, which differ in weapon (given on one row only): '' and 'Knife', not date or severity; row 1 is kept, with row 2's weapon, 'Knife', the only one given",
    );
    const two = read('I1,01/03/2021,3,Knife\nI1,01/03/2021,3,Handgun\n');
    expect(two.data.incidents).toEqual([]);
    expect(two.rejected[0].reason).toContain("disagree about weapon: 'Knife' and 'Handgun'");
  });

  it('with strict, a repeated incident id stops ingest, and the reason says what lenient ingest keeps', () => {
    // Before: "… row 1 is kept, with its severity, 3, the highest", thrown, so nothing was kept.
    const strict = (rows: string) => () =>
      ingest(
        { incidents: `incident_id,date,severity,weapon\n${rows}`, involvements },
        { now: NOW, strict: true },
      );
    expect(strict('I1,2021-03-01,3,\nI1,2021-03-01,1,\n')).toThrow(
      "incidents row 2, field 'severity': incident id 'I1' is used by rows 1 and 2, which differ in severity: '3' and '1', not day or weapon; row 1 is kept, with its severity, 3, the highest (without strict; with it, a repeated incident id stops ingest)",
    );
    expect(strict('I1,2021-03-01,3,\nI1,2021-03-01,3,\n')).toThrow(
      'which agree; only row 1 is kept (without strict; with it, a repeated incident id stops ingest)',
    );
    // Lenient ingest says nothing of strict.
    expect(read('I1,01/03/2021,3,\nI1,01/03/2021,3,\n').rejected[0].reason).toBe(
      "incident id 'I1' is used by rows 1 and 2, which agree; only row 1 is kept",
    );
  });

  it('the columnar path reads them alike, reasons included', () => {
    const ids = ['I1', 'I1', 'I2', 'I2', 'I2', 'I3', 'I3'];
    const dates = [
      '01/03/2021',
      '01/03/2021 14:30',
      '02/03/2021 10:00',
      '02/03/2021 11:00',
      '02/03/2021',
      '03/03/2021 10:00',
      '04/03/2021',
    ];
    const sev = ['3', '3', '3', '3', '3', '3', '3'];
    const inv = {
      incident_id: ['I1', 'I2', 'I3'],
      person_id: ['A', 'A', 'A'],
      role: ['offender', 'offender', 'offender'],
    };
    const o = { now: NOW, dateFormat: 'dmy', timeZone: 'Europe/London' } as const;
    const cols = ingestByColumns(
      {
        incidents: tableFromArrays({ incident_id: ids, date: dates, severity: sev }),
        involvements: tableFromArrays(inv),
      },
      o,
    );
    const rows = ingest(
      {
        incidents: ids.map((id, k) => ({ incident_id: id, date: dates[k], severity: sev[k] })),
        involvements: inv.incident_id.map((id, k) => ({
          incident_id: id,
          person_id: 'A',
          role: inv.role[k],
        })),
      },
      o,
    );
    expect(cols.rejected).toEqual(rows.rejected);
    expect(cols.data.incidents).toEqual(rows.data.incidents);
    expect(rows.data.incidents.map((x) => x.date)).toEqual([
      '2021-03-01T14:30:00.000',
      '2021-03-02',
    ]);
    expect(rows.rejected.map((p) => p.reason)).toContain(
      "incident id 'I3' is used by rows 6 and 7, which disagree about date: '03/03/2021 10:00' and '04/03/2021'; which row is right cannot be known, so neither is kept",
    );
  });

  it('a third row of an id is compared with the row that gave what the incident keeps, and the reason names it', () => {
    // Before: each later row was compared with the incident as kept, but the reason named row 1
    // and quoted values row 1 does not give: "rows 1 and 3, which differ in severity: '3' and
    // '2'" (row 1 gives 2, as row 3), "rows 4 and 7 disagree about weapon: 'firearm' and
    // 'knife'" (row 4 gives none), "'2023-01-03 10:00' and '2023-01-03 10:00'" (the same time).
    const inc = [
      'incident_id,date,time,severity,offence,weapon',
      'A,2023-01-01,,2,Wounding,',
      'A,2023-01-01,,3,Shooting,',
      'A,2023-01-01,,2,Wounding,',
      'A,2023-01-01,,3,Shooting,',
      'B,2023-01-02,,2,x,',
      'B,2023-01-02,,2,x,firearm',
      'B,2023-01-02,,2,x,knife',
      'C,2023-01-03,10:00,2,x,',
      'C,2023-01-03,12:00,2,x,',
      'C,2023-01-03,10:00,2,x,',
      'D,2023-01-04,,2,x,',
      'D,2023-01-04,10:00,2,x,',
      'D,2023-01-04,,2,x,',
    ].join('\n');
    const inv =
      'incident_id,person_id,role\nA,P1,offender\nB,P2,offender\nC,P3,offender\nD,P4,offender\n';
    const r = ingest({ incidents: inc, involvements: inv }, { now: NOW });
    expect(r.data.incidents.map((x) => [x.incident_id, x.severity, x.offence, x.date])).toEqual([
      ['A', 3, 'Shooting', '2023-01-01'],
      ['C', 2, 'x', '2023-01-03'],
      ['D', 2, 'x', '2023-01-04T10:00:00.000Z'],
    ]);
    const reasons = new Map(
      r.rejected.map((p) => [`${p.table} ${p.row}`, [p.field, p.value, p.reason]]),
    );
    expect(reasons.get('incidents 3')).toEqual([
      'severity',
      '2',
      "incident id 'A' is used by rows 1, 2 and 3, of which rows 2 and 3 differ in severity: '3' and '2', not day or weapon; row 1 is kept, with row 2's severity, 3, the highest",
    ]);
    expect(reasons.get('incidents 4')?.[2]).toBe(
      "incident id 'A' is used by rows 1 and 4; row 4 gives the incident as kept (row 1 with values later rows gave); only row 1 is kept",
    );
    // Row 5 gave no weapon: it is revoked for its id, and the rows named are 6 and 7.
    const weapons =
      "incident id 'B' is used by rows 5, 6 and 7, of which rows 6 and 7 disagree about weapon: 'firearm' and 'knife'; which row is right cannot be known, so neither is kept";
    expect(reasons.get('incidents 5')).toEqual(['incident_id', 'B', weapons]);
    expect(reasons.get('incidents 7')).toEqual(['weapon', 'knife', weapons]);
    expect(reasons.get('incidents 10')?.[2]).toBe(
      "incident id 'C' is used by rows 8, 9 and 10, of which rows 9 and 10 differ in time of day: '2023-01-03 12:00' and '2023-01-03 10:00', not day, severity or weapon; row 8 is kept, without a time of day (its rows give two)",
    );
    expect(reasons.get('incidents 13')?.[2]).toBe(
      "incident id 'D' is used by rows 11, 12 and 13, of which rows 12 and 13 differ in time of day: '2023-01-04 10:00' and '2023-01-04', not day, severity or weapon; row 11 is kept, with row 12's time of day",
    );
    expect(r.summary.warnings[0]).toContain(
      "'A' (rows 1 and 2: 2 and 3), 'A' (rows 2 and 3: 3 and 2)",
    );
    // The columnar path gives the same reasons.
    const lines = inc.split('\n').map((x) => x.split(','));
    const col = (k: number) => lines.slice(1).map((x) => x[k] || null);
    const cols = ingestByColumns(
      {
        incidents: tableFromArrays({
          incident_id: col(0),
          date: col(1),
          time: col(2),
          severity: col(3),
          offence: col(4),
          weapon: col(5),
        }),
        involvements: tableFromArrays({
          incident_id: ['A', 'B', 'C', 'D'],
          person_id: ['P1', 'P2', 'P3', 'P4'],
          role: ['offender', 'offender', 'offender', 'offender'],
        }),
      },
      { now: NOW },
    );
    expect(cols.rejected.map((p) => [p.table, p.row, p.field, p.value, p.reason])).toEqual(
      r.rejected.map((p) => [p.table, p.row, p.field, p.value, p.reason]),
    );
  });

  it('rows with different severities (a row per offence) keep the incident at the highest, with its offence', () => {
    // Before: "disagree about severity", neither row kept, nor the incident's involvements: a
    // wounding recorded with a possession offence on a second row was lost.
    const header = 'incident_id,date,offence,severity,weapon';
    const rows = [
      'I1,01/03/2021,Possession of weapon,1,Knife',
      'I1,01/03/2021 21:30,Wounding with intent,3,Knife',
      'I1,01/03/2021,Affray,2,Knife',
      'I2,02/03/2021,Robbery,2,',
      'I2,02/03/2021,Theft,0,',
    ];
    const o = { now: NOW, dateFormat: 'dmy', timeZone: 'Europe/London' } as const;
    const inv = 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI2,A,offender\n';
    const r = ingest({ incidents: `${header}\n${rows.join('\n')}\n`, involvements: inv }, o);
    expect(
      r.data.incidents.map((x) => [x.incident_id, x.severity, x.offence, x.weapon, x.date]),
    ).toEqual([
      ['I1', 3, 'Wounding with intent', 'knife', '2021-03-01T21:30:00.000'],
      ['I2', 2, 'Robbery', undefined, '2021-03-02'],
    ]);
    expect(r.data.involvements).toHaveLength(3);
    expect(r.rejected.map((p) => [p.row, p.field, p.value, p.reason])).toEqual([
      [
        2,
        'severity',
        '3',
        "incident id 'I1' is used by rows 1 and 2, which differ in severity: '1' and '3', not day or weapon; row 1 is kept, with row 2's severity, 3, the highest, and its offence 'Wounding with intent', with row 2's time of day",
      ],
      [
        3,
        'severity',
        '2',
        "incident id 'I1' is used by rows 1, 2 and 3, of which rows 2 and 3 differ in severity: '3' and '2', not day or weapon; row 1 is kept, with row 2's severity, 3, the highest",
      ],
      [
        5,
        'severity',
        '0',
        "incident id 'I2' is used by rows 4 and 5, which differ in severity: '2' and '0', not day or weapon; row 4 is kept, with its severity, 2, the highest",
      ],
    ]);
    const w =
      "incidents: 2 incidents with rows of different severities (a row per offence?) are kept with the highest, and that row's offence: " +
      "'I1' (rows 1 and 2: 1 and 3), 'I1' (rows 2 and 3: 3 and 2), 'I2' (rows 4 and 5: 2 and 0); if they are different incidents, give them different ids";
    expect(r.summary.warnings).toContain(w);
    expect(r.summary.tables.incidents).toMatchObject({ read: 5, accepted: 2, rejected: 3 });
    // The columnar path reads them alike.
    const cols = ingestByColumns(
      {
        incidents: tableFromArrays({
          incident_id: rows.map((x) => x.split(',')[0]),
          date: rows.map((x) => x.split(',')[1]),
          offence: rows.map((x) => x.split(',')[2]),
          severity: rows.map((x) => x.split(',')[3]),
          weapon: rows.map((x) => x.split(',')[4]),
        }),
        involvements: tableFromArrays({
          incident_id: ['I1', 'I1', 'I2'],
          person_id: ['A', 'B', 'A'],
          role: ['offender', 'victim', 'offender'],
        }),
      },
      o,
    );
    expect(cols.data.incidents).toEqual(r.data.incidents);
    expect(cols.rejected.map((p) => p.reason)).toEqual(r.rejected.map((p) => p.reason));
    expect(cols.summary.warnings).toContain(w);
    // A severity derived from the offence: the count of derived severities follows the one kept.
    const derived = ingest(
      {
        incidents:
          'incident_id,date,offence,severity\nI1,2021-03-01,Possession,1\nI1,2021-03-01,Murder,\n',
      },
      { now: NOW, severityMap: { Murder: 4, Possession: 1 } },
    );
    expect(derived.data.incidents.map((x) => [x.severity, x.offence])).toEqual([[4, 'Murder']]);
    expect(derived.summary.severityDerived).toBe(1);
    // Another day still keeps neither (which is right cannot be known).
    const days = read('I1,01/03/2021,3,\nI1,02/03/2021,2,\n');
    expect(days.data.incidents).toHaveLength(0);
    expect(days.rejected[0].reason).toContain("disagree about date: '01/03/2021' and '02/03/2021'");
  });

  it("an area or coordinates given on one row only are the incident's, in every path", () => {
    // A row per offence where only the wounding's row has the location. Before: the incident kept
    // the first row's none, so it counted in no area (maxPerArea, the report's area tables) and
    // had no coordinates, and the reason named only the severity.
    const header = 'incident_id,date,severity,offence,area,lat,lon';
    const lines = [
      'I1,01/03/2021,1,possession,,,',
      'I1,01/03/2021,3,wounding,North,"51,5",-0.1',
      'I2,02/03/2021,2,assault,,,',
      'I2,02/03/2021,2,assault,South,,',
      'I2,02/03/2021,2,assault,East,51.4,-0.2',
    ];
    const o = { now: NOW, dateFormat: 'dmy', timeZone: 'Europe/London' } as const;
    const inv = 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI2,A,victim\n';
    const r = ingest({ incidents: [header, ...lines].join('\n'), involvements: inv }, o);
    expect(r.data.incidents.map((x) => [x.incident_id, x.severity, x.area, x.lat, x.lon])).toEqual([
      ['I1', 3, 'North', 51.5, -0.1],
      // The area of the first row that gives one; the coordinates of the only row with them.
      ['I2', 2, 'South', 51.4, -0.2],
    ]);
    expect(r.data.involvements).toHaveLength(3);
    expect(r.rejected.map((p) => p.reason)).toEqual([
      "incident id 'I1' is used by rows 1 and 2, which differ in severity: '1' and '3', not day or weapon; row 1 is kept, with row 2's severity, 3, the highest, and its offence 'wounding', with row 2's area and coordinates, the only ones given",
      "incident id 'I2' is used by rows 3 and 4, which differ in area: '' and 'South', not date, severity or weapon; row 3 is kept, with row 4's area, the only one given",
      // A third row names the row that gave the area it differs from.
      "incident id 'I2' is used by rows 3, 4 and 5, of which rows 4 and 5 differ in area: 'South' and 'East', not date, severity or weapon; row 3 is kept, with row 5's coordinates, the only ones given",
    ]);
    // The columnar path reads them alike, reasons included.
    const cells = lines.map((l) =>
      l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/"/g, '')),
    );
    const col = (j: number) => cells.map((c) => c[j]);
    const cols = ingestByColumns(
      {
        incidents: tableFromArrays({
          incident_id: col(0),
          date: col(1),
          severity: col(2),
          offence: col(3),
          area: col(4),
          lat: col(5),
          lon: col(6),
        }),
        involvements: tableFromArrays({
          incident_id: ['I1', 'I1', 'I2'],
          person_id: ['A', 'B', 'A'],
          role: ['offender', 'victim', 'victim'],
        }),
      },
      o,
    );
    expect(cols.data.incidents).toEqual(r.data.incidents);
    expect(cols.rejected.map((p) => p.reason)).toEqual(r.rejected.map((p) => p.reason));
    // The flat form (a row per person, the incident's columns repeated) too.
    const flat = ingest(
      {
        involvements: [
          'incident_id,date,severity,offence,area,lat,lon,person_id,role',
          'I1,01/03/2021,1,possession,,,,A,offender',
          'I1,01/03/2021,3,wounding,North,51.5,-0.1,B,victim',
        ].join('\n'),
      },
      o,
    );
    expect(flat.data.incidents.map((x) => [x.severity, x.area, x.lat, x.lon])).toEqual([
      [3, 'North', 51.5, -0.1],
    ]);
  });
});
