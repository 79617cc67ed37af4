import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// A date column turned into a timestamp on its way out (JSON, a BI tool, a JavaScript export)
// reads '2023-01-05T00:00:00.000Z' for 5 January. With timeZone America/Chicago each was read as
// 18:00 on the 4th, every incident a day early, without a word.
const csv = (h: string[], rs: string[][]) => [h, ...rs].map((r) => r.join(',')).join('\n');
const arrow = (h: string[], rs: string[][]) =>
  tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
const run = (dates: string[], timeZone: string) =>
  [csv, arrow].map((make) =>
    ingest(
      {
        incidents: make(
          ['incident_id', 'date', 'severity'],
          dates.map((d, k) => [`I${k + 1}`, d, '2']),
        ),
        involvements: make(['incident_id', 'person_id', 'role'], [['I1', 'A', 'offender']]),
      },
      { now: '2025-01-01', timeZone },
    ),
  );

describe('days saved as midnight UTC, read in a zone west of UTC', () => {
  it('are read as given, with a warning that each falls on the day before (both paths)', () => {
    for (const r of run(
      ['2023-01-05T00:00:00.000Z', '2023-07-05T00:00:00Z', '2023-03-01'],
      'America/Chicago',
    )) {
      expect(r.data.incidents.map((i) => i.date)).toEqual([
        '2023-01-04T18:00:00.000',
        '2023-07-04T19:00:00.000',
        '2023-03-01',
      ]);
      expect(r.summary.warnings).toContain(
        "incidents: every date-time (2) is midnight UTC, read in America/Chicago as the evening before ('2023-01-04T18:00:00.000' is 2023-01-05T00:00Z): if the export saved days as midnight UTC (a date column turned into a timestamp), each incident is counted a day early; write the dates as days (2023-01-05) or leave the time zone out. Read as given",
      );
    }
  });

  it('no warning for real times, one date-time alone, a zone east of UTC, or UTC', () => {
    const quiet = [
      run(['2023-01-05T00:00:00Z', '2023-01-06T15:30:00Z'], 'America/Chicago'),
      run(['2023-01-05T00:00:00Z', '2023-01-06'], 'America/Chicago'),
      run(['2023-01-05T00:00:00Z', '2023-01-06T00:00:00Z'], 'Europe/Berlin'),
      run(['2023-01-05T00:00:00Z', '2023-01-06T00:00:00Z'], 'UTC'),
    ];
    for (const rs of quiet)
      for (const r of rs)
        expect(r.summary.warnings.filter((w) => /midnight UTC/.test(w))).toEqual([]);
  });
});
