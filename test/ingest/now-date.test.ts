// A date-only `now` ('2024-12-31', the day the export was made, as `--now` documents it) is the
// whole of that day: the day's own timed records are not "in the future".
import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

const INC = [
  ['I1', '2024-12-31T14:00:00'],
  ['I2', '2024-12-31'],
  ['I3', '2024-12-31T23:59:59'],
  ['I4', '2025-01-01T00:00:00'],
  ['I5', '2025-01-01'],
];
const csv = (h: string[], rs: string[][]) => [h, ...rs].map((r) => r.join(',')).join('\n');
const arrow = (h: string[], rs: string[][]) =>
  tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
const incH = ['incident_id', 'date', 'severity'];
const invH = ['incident_id', 'person_id', 'role'];
const incRows = INC.map(([id, d]) => [id, d, '2']);
const invRows = INC.map(([id]) => [id, 'A', 'offender']);

describe("a date-only 'now' is the end of that day", () => {
  for (const timeZone of [undefined, 'America/Chicago']) {
    it(`keeps the day's own timed records, rejects the next day's (timeZone ${timeZone ?? 'UTC'}; CSV and Arrow)`, () => {
      const opts = { now: '2024-12-31', timeZone };
      const fromCsv = ingest(
        { incidents: csv(incH, incRows), involvements: csv(invH, invRows) },
        opts,
      );
      const fromArrow = ingest(
        { incidents: arrow(incH, incRows), involvements: arrow(invH, invRows) },
        opts,
      );
      for (const r of [fromCsv, fromArrow]) {
        expect(r.data.incidents.map((i) => i.incident_id)).toEqual(['I1', 'I2', 'I3']);
        expect(r.rejected.filter((p) => p.table === 'incidents').map((p) => p.reason)).toEqual([
          "date '2025-01-01T00:00:00' is in the future (after 2024-12-31)",
          "date '2025-01-01' is in the future (after 2024-12-31)",
        ]);
      }
    });
  }

  it('a date-time now is that instant, as before', () => {
    const r = ingest(
      { incidents: csv(incH, incRows), involvements: csv(invH, invRows) },
      { now: '2024-12-31T12:00:00' },
    );
    expect(r.data.incidents.map((i) => i.incident_id)).toEqual(['I2']);
    expect(r.rejected[0].reason).toBe(
      "date '2024-12-31T14:00:00' is in the future (after 2024-12-31T12:00:00.000Z)",
    );
  });
});
