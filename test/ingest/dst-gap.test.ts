import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns } from '../../src/ingest/ingest.js';

// A local time in a daylight-saving gap (no clock showed it) is kept as written, with a warning
// naming its row and the time it names after the change (src/ingest/dst-gap.ts).

const NOW = '2024-01-01';
const LONDON = { now: NOW, timeZone: 'Europe/London' } as const;
const gapWarnings = (w: readonly string[]) => w.filter((x) => x.includes('no clock showed'));

describe('a local date-time in a daylight-saving gap', () => {
  const incidents =
    'incident_id,date,severity\n' +
    'I0,2021-03-27 01:30,3\n' + // the day before: a clock showed it
    'I1,2021-03-28 00:59,3\n' + // before the gap
    'I2,2021-03-28 01:30,3\n' + // in the gap (01:00-02:00 on 28 March 2021)
    'I3,2021-03-28 02:00,3\n' + // after it
    'I4,2021-03-28 01:00,3\n' + // in it
    'I5,2021-10-31 01:30,3\n' + // the autumn hour shown twice: a clock showed it
    'I6,2021-03-28T01:30:00Z,3\n'; // an instant: 02:30 in London, shown

  it('is kept as written, with a warning naming the row and the time after the change', () => {
    // Before: no warning (38c5f53 documented the reading only).
    const r = ingest({ incidents }, LONDON);
    expect(r.data.incidents.map((x) => x.date)).toContain('2021-03-28T01:30:00.000');
    expect(gapWarnings(r.summary.warnings)).toEqual([
      "incident 'I2' (incidents row 3): '2021-03-28T01:30:00.000' is a local time no clock showed in Europe/London: the clocks went forward over it (daylight saving), and it names 2021-03-28 02:30 after the change; kept as written (2 such date-times). Check the time zone of the export's times",
    ]);
    // None in UTC, nor in a zone whose change falls on another day.
    expect(gapWarnings(ingest({ incidents }, { now: NOW }).summary.warnings)).toEqual([]);
    expect(
      gapWarnings(
        ingest({ incidents }, { ...LONDON, timeZone: 'America/Chicago' }).summary.warnings,
      ),
    ).toEqual([]);
  });

  it('names the row of the incident when rows before it were rejected, and a date + time cell', () => {
    const r = ingest(
      {
        incidents:
          'incident_id,date,time,severity\nI1,2021-03-14,10:00,9\nI2,14/03/2021,0230,3\nI3,14/03/2021,0330,3\n',
      },
      { now: NOW, timeZone: 'America/Chicago', dateFormat: 'dmy' },
    );
    expect(r.data.incidents.map((x) => x.date)).toEqual([
      '2021-03-14T02:30:00.000',
      '2021-03-14T03:30:00.000',
    ]);
    expect(gapWarnings(r.summary.warnings)).toEqual([
      "incident 'I2' (incidents row 2): '2021-03-14T02:30:00.000' is a local time no clock showed in America/Chicago: the clocks went forward over it (daylight saving), and it names 2021-03-14 03:30 after the change; kept as written. Check the time zone of the export's times",
    ]);
  });

  it('the columnar path warns alike; the flat form names the line', () => {
    const ids = ['I1', 'I2', 'I2'];
    const dates = ['2021-03-27 01:30', '2021-03-28 01:30', '2021-03-28 01:30'];
    const inv = { incident_id: ['I1', 'I2'], person_id: ['A', 'B'], role: ['offender', 'victim'] };
    const cols = ingestByColumns(
      {
        incidents: tableFromArrays({ incident_id: ids, date: dates, severity: ['3', '3', '3'] }),
        involvements: tableFromArrays(inv),
      },
      LONDON,
    );
    const rows = ingest(
      {
        incidents: ids.map((id, k) => ({ incident_id: id, date: dates[k], severity: '3' })),
        involvements: inv.incident_id.map((id, k) => ({
          incident_id: id,
          person_id: inv.person_id[k],
          role: inv.role[k],
        })),
      },
      LONDON,
    );
    expect(cols.summary.warnings).toEqual(rows.summary.warnings);
    expect(gapWarnings(rows.summary.warnings)[0]).toMatch(
      /^incident 'I2' \(incidents row 2\): '2021-03-28T01:30/,
    );
    const flat = ingest(
      {
        involvements:
          'incident_id,date,severity,person_id,role\nI1,2021-03-27 09:00,3,A,offender\nI2,2021-03-28 01:30,3,B,victim\nI2,2021-03-28 01:30,3,C,offender\n',
      },
      LONDON,
    );
    expect(gapWarnings(flat.summary.warnings)[0]).toMatch(
      /^incident 'I2' \(its first row on line 3\): '2021-03-28T01:30:00.000' is a local time no clock showed/,
    );
  });
});
