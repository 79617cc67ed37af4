import { describe, expect, it } from 'vitest';
import { toDay } from '../../src/core/time.js';
import { isTimeZone, localDay } from '../../src/core/time-zone.js';
import { ingest, parseDate } from '../../src/ingest/index.js';

const NOW = '2025-01-01';
const H = 1 / 24;

describe('time of day and timeZone', () => {
  it('a 23:30 shooting in Chicago on 31 December is dated 31 December in local days', () => {
    // 05:30 UTC on 1 January is 23:30 CST (UTC−6) on 31 December: with timeZone the local
    // calendar decides the day, so an analysis "as of 1 January" includes it.
    const p = parseDate('2024-01-01T05:30:00Z', 'iso', 'America/Chicago');
    expect(p).toEqual({ date: '2023-12-31T23:30:00.000', day: toDay('2023-12-31') + 23.5 * H });
    expect(p!.day).toBeLessThan(toDay('2024-01-01'));
    // The same text in UTC (the default) is 1 January.
    expect(parseDate('2024-01-01T05:30:00Z')?.date).toBe('2024-01-01T05:30:00.000Z');
    // A date-time without a zone is already local time; a plain date stays a plain date.
    expect(parseDate('2023-12-31 23:30', 'iso', 'America/Chicago')).toEqual(p);
    expect(parseDate('2023-12-31', 'iso', 'America/Chicago')).toEqual({
      date: '2023-12-31',
      day: toDay('2023-12-31'),
    });
    // toDay of the written local date-time gives the same local day back.
    expect(toDay(p!.date)).toBeCloseTo(p!.day, 9);
  });

  it('summer time is applied: 23:30 UTC on 1 July is 00:30 on 2 July in London', () => {
    expect(parseDate('2023-07-01T23:30:00Z', 'iso', 'Europe/London')?.date).toBe(
      '2023-07-02T00:30:00.000',
    );
    expect(parseDate('2023-01-01T23:30:00Z', 'iso', 'Europe/London')?.date).toBe(
      '2023-01-01T23:30:00.000',
    );
    expect(localDay(Date.UTC(2023, 6, 1, 23, 30), 'Europe/London')).toBeCloseTo(
      toDay('2023-07-02') + 0.5 * H,
      9,
    );
  });

  it('ingest reads a separate time column (mapped) and the timeZone option', () => {
    const incidents = [
      { id: 'S1', day: '2023-12-31', at: '23:30', severity: 3 },
      { id: 'S2', day: '2023-12-31', at: '0815', severity: 3 },
      { id: 'S3', day: '2023-12-31', at: '', severity: 3 }, // time unknown: a plain date
      { id: 'S4', day: '2024-01-01T05:30:00Z', at: '', severity: 3 },
      { id: 'S5', day: '2023-12-31', at: '25:00', severity: 3 }, // not a time of day
      { id: 'S6', day: '2023-12-31T10:00:00Z', at: '11:00', severity: 3 }, // two times
    ];
    const involvements = incidents.map((x) => ({
      incident_id: x.id,
      person_id: 'A',
      role: 'victim',
    }));
    const { data, rejected } = ingest(
      { incidents, involvements },
      {
        now: NOW,
        timeZone: 'America/Chicago',
        mapping: { incident_id: 'id', date: 'day', time: 'at' },
      },
    );
    const byId = Object.fromEntries(data.incidents.map((x) => [x.incident_id, x]));
    expect(byId.S1.date).toBe('2023-12-31T23:30:00.000');
    expect(byId.S1.day).toBeCloseTo(toDay('2023-12-31') + 23.5 * H, 9);
    expect(byId.S2.date).toBe('2023-12-31T08:15:00.000');
    expect(byId.S3).toMatchObject({ date: '2023-12-31', day: toDay('2023-12-31') });
    expect(byId.S4.date).toBe(byId.S1.date);
    const bad = rejected.filter((r) => r.table === 'incidents');
    expect(bad.map((r) => [r.row, r.field])).toEqual([
      [5, 'time'],
      [6, 'time'],
    ]);
    expect(bad[0].reason).toContain('not a time of day');
    expect(bad[1].reason).toContain('already carries a time');
  });

  it('a time column without timeZone gives UTC date-times; a column named "time" is found', () => {
    const csv = 'incident_id,date,time,severity\nT1,2023-12-31,23:30,3\n';
    const { data } = ingest(
      { incidents: csv, involvements: 'incident_id,person_id,role\nT1,A,victim\n' },
      { now: NOW },
    );
    expect(data.incidents[0].date).toBe('2023-12-31T23:30:00.000Z');
  });

  it('an unknown time zone is refused, naming the option', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => ingest({ incidents: [], involvements: [] }, { timeZone: 'Mars/Olympus' })).toThrow(
      /^ingest: option 'timeZone' 'Mars\/Olympus' is not a time zone.*IANA/,
    );
  });

  it('people may carry dated memberships: group_since / group_until', () => {
    const people =
      'person_id,group,group_since,group_until\nA,Ga,2021-03-01,\nB,Gb,,2022-01-01\nC,Gc,soon,\nD,Gd,,\n';
    const { data, rejected } = ingest({ incidents: [], involvements: [], people }, { now: NOW });
    expect(data.people).toEqual([
      { person_id: 'A', group: 'Ga', group_since: '2021-03-01' },
      { person_id: 'B', group: 'Gb', group_until: '2022-01-01' },
      { person_id: 'D', group: 'Gd' },
    ]);
    expect(rejected).toMatchObject([{ table: 'people', row: 3, field: 'group_since' }]);
  });
});
