import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';

// Ids as messy exports write them: missing-value markers where an id is missing, and whole
// numbers beyond 2^53 (JSON and float columns round them, so two ids may already be one).

const now = '2025-01-01';

describe('ids that are not ids', () => {
  it('a missing-value marker (NULL, N/A, NA, #N/A, (null), -) is rejected, never one person for every row', () => {
    const incidents =
      'incident_id,date,severity\nI1,2021-01-01,2\nI2,2021-01-02,2\nNULL,2021-01-03,2\n';
    const involvements =
      'incident_id,person_id,role\nI1,A,offender\nI1,NULL,victim\nI2,B,offender\nI2,null,victim\nI2,N/A,other\nI1,#N/A,other\nI2,-,other\nI1,(null),other\nI1,na,other\nNULL,C,offender\n';
    const people = 'person_id,birth_year\nA,1990\nNULL,1991\n';
    const r = ingest({ incidents, involvements, people }, { now });
    expect(r.data.people.map((p) => p.person_id)).toEqual(['A']);
    expect(r.data.involvements.map((v) => v.person_id)).toEqual(['A', 'B']);
    expect(r.data.incidents.map((i) => i.incident_id)).toEqual(['I1', 'I2']);
    expect(r.rejected.map((p) => [p.table, p.row, p.field, p.value])).toEqual([
      ['incidents', 3, 'incident_id', 'NULL'],
      ['involvements', 2, 'person_id', 'NULL'],
      ['involvements', 4, 'person_id', 'null'],
      ['involvements', 5, 'person_id', 'N/A'],
      ['involvements', 6, 'person_id', '#N/A'],
      ['involvements', 7, 'person_id', '-'],
      ['involvements', 8, 'person_id', '(null)'],
      ['involvements', 9, 'person_id', 'na'],
      ['involvements', 10, 'incident_id', 'NULL'],
      ['people', 2, 'person_id', 'NULL'],
    ]);
    expect(r.rejected[1].reason).toBe("person id 'NULL' is a missing-value marker, not an id");
    // Ids that merely start like a marker are ids.
    const ok = ingest(
      {
        incidents: 'incident_id,date,severity\nN1,2021-01-01,2\n',
        involvements: 'incident_id,person_id,role\nN1,NA1,offender\nN1,-1,victim\nN1,NULLA,other\n',
      },
      { now },
    );
    expect(ok.rejected).toEqual([]);
  });

  it('a whole number above 2^53 − 1 is rejected: two such ids may already be one', () => {
    const r = ingest(
      {
        incidents:
          '[{"incident_id":1,"date":"2021-01-01","severity":2},{"incident_id":2,"date":"2021-01-02","severity":2}]',
        involvements:
          '[{"incident_id":1,"person_id":12345678901234567891,"role":"offender"},{"incident_id":2,"person_id":12345678901234567892,"role":"offender"},{"incident_id":2,"person_id":9007199254740991,"role":"victim"}]',
      },
      { now },
    );
    expect(r.data.involvements.map((v) => v.person_id)).toEqual(['9007199254740991']);
    expect(r.rejected.map((p) => [p.row, p.field, p.value])).toEqual([
      [1, 'person_id', '12345678901234567000'],
      [2, 'person_id', '12345678901234567000'],
    ]);
    expect(r.rejected[0].reason).toMatch(/too large to be exact .*export ids as text/);
  });

  it('the columnar path says the same of them', () => {
    const incidents = tableFromArrays({
      incident_id: ['I1', 'NULL', 'I3'],
      date: ['2021-01-01', '2021-01-02', '2021-01-03'],
      severity: [2, 2, 2],
    });
    const involvements = tableFromArrays({
      incident_id: ['I1', 'I1', 'N/A', 'I3'],
      person_id: ['A', '#N/A', 'B', '-'],
      role: ['offender', 'victim', 'offender', 'victim'],
    });
    const big = tableFromArrays({
      incident_id: ['I1', 'I3'],
      person_id: [2 ** 60, 7],
      role: ['victim', 'offender'],
    });
    for (const inv of [involvements, big]) {
      const a = ingestByColumns({ incidents, involvements: inv }, { now });
      const b = ingestRows({ incidents, involvements: inv }, { now });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a.rejected.length).toBeGreaterThan(0);
    }
    expect(
      ingestByColumns({ incidents, involvements }, { now }).rejected.map((p) => p.value),
    ).toEqual(['NULL', '#N/A', 'N/A', '-']);
  });
});

describe('missing-value markers in other cells', () => {
  it('are empty cells: a severity derived, no coordinates, weapon, area, time, group or birth year', () => {
    const r = ingest(
      {
        incidents:
          'incident_id,date,time,severity,offence,weapon,area,lat,lon\nI1,2021-01-01,NULL,NULL,Robbery,N/A,NULL,N/A,N/A\nI2,2021-01-02,-,-,Murder,-,-,-,-\nI3,2021-01-03,NA,NA,NULL,knife,E01,51.5,-0.1\n',
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI2,A,victim\nI2,B,NULL\n',
        people:
          'person_id,group,birth_year,group_since,ethnicity\nA,NULL,NULL,N/A,NULL\nB,G1,1990,-,-\n',
      },
      { now },
    );
    expect(
      r.data.incidents.map((i) => [
        i.incident_id,
        i.date,
        i.severity,
        i.weapon,
        i.area,
        i.lat,
        i.lon,
      ]),
    ).toEqual([
      ['I1', '2021-01-01', 2, undefined, undefined, undefined, undefined],
      ['I2', '2021-01-02', 4, undefined, undefined, undefined, undefined],
    ]);
    expect(r.summary.weaponsReadAsOther).toEqual({});
    expect(r.data.people).toEqual([
      { person_id: 'A' },
      { person_id: 'B', group: 'G1', birth_year: 1990 },
    ]);
    expect(r.rejected.map((p) => [p.table, p.row, p.field, p.value, p.reason])).toEqual([
      [
        'incidents',
        3,
        'severity',
        '',
        'severity is missing and there is no offence to derive it from',
      ],
      [
        'involvements',
        3,
        'role',
        'NULL',
        expect.stringMatching(/^role is empty; accepted roles: /),
      ],
    ]);
  });
});

describe('missing-value markers are never read silently', () => {
  const input = {
    incidents: 'incident_id,date,severity,area\nI1,2021-01-01,2,NA\nI2,2021-02-01,3,NB\n',
    involvements: 'incident_id,person_id,role\nI1,NA,offender\nI2,A,offender\nI2,B,victim\n',
  };
  it('a warning names the markers read as missing (an area NA left empty said nothing)', () => {
    const r = ingest(input, { now: '2025-01-01' });
    expect(r.data.incidents.map((i) => i.area ?? null)).toEqual([null, 'NB']);
    expect(r.rejected.map((p) => p.value)).toEqual(['NA']);
    expect(r.summary.warnings.filter((w) => /'NA'.*missing values/.test(w))).toHaveLength(1);
    // None seen, no warning.
    const clean = ingest(
      {
        incidents: input.incidents.replace(',NA\n', ',NC\n'),
        involvements: 'incident_id,person_id,role\nI1,C,offender\n',
      },
      { now: '2025-01-01' },
    );
    expect(clean.summary.warnings.some((w) => /missing values/.test(w))).toBe(false);
  });
  it('missingMarkers: false keeps them as values (an area coded NA, a person with initials NA)', () => {
    const r = ingest(input, { now: '2025-01-01', missingMarkers: false });
    expect(r.data.incidents.map((i) => i.area)).toEqual(['NA', 'NB']);
    expect(r.rejected).toEqual([]);
    expect(r.data.involvements.map((v) => v.person_id)).toEqual(['NA', 'A', 'B']);
    expect(r.summary.warnings.some((w) => /missing values/.test(w))).toBe(false);
    // The setting is the call's own: the next call reads markers again.
    expect(ingest(input, { now: '2025-01-01' }).rejected).toHaveLength(1);
  });
  it('the columnar path warns alike', () => {
    const incidents = tableFromArrays({
      incident_id: ['I1', 'I2'],
      date: ['2021-01-01', '2021-02-01'],
      severity: [2, 3],
      area: ['NA', 'NB'],
    });
    const involvements = tableFromArrays({
      incident_id: ['I1', 'I2', 'I2'],
      person_id: ['NA', 'A', 'B'],
      role: ['offender', 'offender', 'victim'],
    });
    const byColumns = ingestByColumns({ incidents, involvements }, { now: '2025-01-01' });
    const byRows = ingestRows({ incidents, involvements }, { now: '2025-01-01' });
    expect(byColumns.summary.warnings).toEqual(byRows.summary.warnings);
    expect(byColumns.summary.warnings.some((w) => /'NA'.*missing values/.test(w))).toBe(true);
    const kept = ingestByColumns(
      { incidents, involvements },
      { now: '2025-01-01', missingMarkers: false },
    );
    expect(kept.rejected).toEqual([]);
  });
});

describe('a people table that does not match the involvements', () => {
  it('is warned of, by rows and by columns alike: ids written differently leave everyone without a group', () => {
    const incidents = {
      incident_id: ['I1', 'I2'],
      date: ['2021-01-01', '2021-01-02'],
      severity: [2, 1],
    };
    const involvements = {
      incident_id: ['I1', 'I1', 'I2', 'I2'],
      person_id: ['7', '8', '7', '9'],
      role: ['offender', 'victim', 'offender', 'NULL'],
    };
    const people = 'person_id,group\n007,G1\n008,G2\n9,G3\n';
    const input = () => ({
      incidents: tableFromArrays(incidents),
      involvements: tableFromArrays(involvements),
      people,
    });
    const byColumns = ingestByColumns(input(), { now });
    expect(JSON.stringify(byColumns)).toBe(JSON.stringify(ingestRows(input(), { now })));
    // '9' is only in a rejected row (role NULL): two people in the accepted involvements.
    const nullRole =
      "cells holding 'NULL' (any case) were read as missing values: refused as ids, left empty elsewhere; pass missingMarkers: false to keep them as values";
    expect(byColumns.summary.warnings).toEqual([
      "people: 2 of 2 people in the involvements are not in the people table (e.g. '7'), so have no group or birth year; are ids written alike ('007' is not '7')?",
      nullRole,
    ]);
    const matched = ingest({ ...input(), people: 'person_id,group\n7,G1\n8,G2\n' }, { now });
    expect(matched.summary.warnings).toEqual([nullRole]);
    expect(ingest({ ...input(), people: undefined }, { now }).summary.warnings).toEqual([nullRole]);
  });
});
