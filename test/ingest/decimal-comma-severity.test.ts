import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { columnarFromCsv } from '../helpers.js';

// A severity column held as decimals in a European spreadsheet is saved as '2,0' (as pandas saves
// '2.0', which was read as 2). Coordinates with a decimal comma were read; a severity was
// rejected as "severity '2,0' is not a number", and with it the incident and its people.
const incidents =
  'incident_id;date;severity\nI1;2021-03-04;2,0\nI2;2021-03-05;3,00\nI3;2021-03-06;2,5\nI4;2021-03-07;0,0\n';
const involvements = 'incident_id;person_id;role\nI1;A;offender\nI2;B;victim\nI4;C;victim\n';

describe("a severity written with a decimal comma ('2,0')", () => {
  it('is read as its whole number, on both paths; 2,5 is not a whole number', () => {
    for (const input of [
      { incidents, involvements },
      { incidents: columnarFromCsv(incidents), involvements: columnarFromCsv(involvements) },
    ]) {
      const { data, rejected } = ingest(input, { now: '2025-01-01' });
      expect(data.incidents.map((i) => [i.incident_id, i.severity])).toEqual([
        ['I1', 2],
        ['I2', 3],
        ['I4', 0],
      ]);
      expect(rejected.map((p) => [p.row, p.field, p.reason])).toEqual([
        [3, 'severity', "severity '2,5' is not a whole number (expected 0 to 4)"],
      ]);
    }
  });
});
