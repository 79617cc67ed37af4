import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { columnarFromCsv } from '../helpers.js';

// A number cell a spreadsheet export marked as text ('3) or wrote as a formula (="3") was refused
// as "severity ''3' is not a number (expected a whole number from 0 to 4)", the form the cell
// already has; dates got the hint in 493d229.
const TEXT =
  "; without its leading ' it reads as the number 3: a spreadsheet export marked the cell as text; save the column as plain numbers";

const incidents =
  "incident_id;date;severity;lat;lon\nI1;2023-01-05;'3;;\nI2;2023-01-06;2;'51,5;=-0.1\nI3;2023-01-07;'x;;\nI4;2023-01-08;'7;;\n";
const involvements =
  'incident_id;person_id;role\nI1;A;victim\nI2;B;victim\nI3;C;victim\nI4;D;victim\n';

describe('a number cell with a spreadsheet mark says so', () => {
  it("severity, lat and lon name the leading ' or =, on the row and columnar paths", () => {
    for (const input of [
      { incidents, involvements },
      { incidents: columnarFromCsv(incidents), involvements: columnarFromCsv(involvements) },
    ]) {
      const { rejected } = ingest(input, { now: '2025-01-01' });
      expect(
        rejected.filter((r) => r.table === 'incidents').map((r) => [r.row, r.field, r.reason]),
      ).toEqual([
        [
          1,
          'severity',
          `severity ''3' is not a number (expected a whole number from 0 to 4)${TEXT}`,
        ],
        [
          2,
          'lat',
          "lat ''51,5' is not a number; without its leading ' it reads as the number 51.5: a spreadsheet export marked the cell as text; save the column as plain numbers",
        ],
        // Text that is no number without the mark: as before.
        [3, 'severity', "severity ''x' is not a number (expected a whole number from 0 to 4)"],
        // A number out of range without it: the mark is named, the range given.
        [
          4,
          'severity',
          "severity ''7' is not a number (expected a whole number from 0 to 4); without its leading ' it reads as the number 7, which is not a whole number from 0 to 4 either: a spreadsheet export marked the cell as text; save the column as plain numbers",
        ],
      ]);
    }
  });

  it('a formula (="3", =-0.1) in rows of objects, which no CSV reader unwrapped', () => {
    const { rejected } = ingest({
      incidents: [
        { incident_id: 'I1', date: '2023-01-05', severity: '="3"', lat: 51.5, lon: '=-0.1' },
      ],
      involvements: [{ incident_id: 'I1', person_id: 'a', role: 'victim' }],
    });
    expect(rejected[0].reason).toBe(
      'severity \'="3"\' is not a number (expected a whole number from 0 to 4); without its leading = it reads as the number 3: a spreadsheet export marked the cell as a formula; save the column as plain numbers',
    );
    const lon = ingest({
      incidents: [{ incident_id: 'I1', date: '2023-01-05', severity: 3, lat: 51.5, lon: '=-0.1' }],
      involvements: [{ incident_id: 'I1', person_id: 'a', role: 'victim' }],
    }).rejected[0].reason;
    expect(lon).toBe(
      "lon '=-0.1' is not a number; without its leading = it reads as the number -0.1: a spreadsheet export marked the cell as a formula; save the column as plain numbers",
    );
  });

  it("a birth year '1990 in the people table", () => {
    const { rejected } = ingest({
      incidents: [{ incident_id: 'I1', date: '2023-01-05', severity: 3 }],
      involvements: [{ incident_id: 'I1', person_id: 'a', role: 'victim' }],
      people: [{ person_id: 'a', birth_year: "'1990" }],
    });
    expect(rejected.find((r) => r.table === 'people')?.reason).toMatch(
      /^birth year ''1990' is not a year from 1880 to \d{4}; without its leading ' it reads as the number 1990: a spreadsheet export marked the cell as text; save the column as plain numbers$/,
    );
  });

  it("a marked birth year the column would refuse anyway ('1790) is said to be", () => {
    // It read "… it reads as the number 1790: … save the column as plain numbers", a fix that
    // would only bring the next refusal.
    const { rejected } = ingest({
      incidents: [{ incident_id: 'I1', date: '2023-01-05', severity: 3 }],
      involvements: [{ incident_id: 'I1', person_id: 'a', role: 'victim' }],
      people: [{ person_id: 'a', birth_year: "'1790" }],
    });
    expect(rejected.find((r) => r.table === 'people')?.reason).toMatch(
      /^birth year ''1790' is not a year from 1880 to (\d{4}); without its leading ' it reads as the number 1790, which is not a year from 1880 to \1 either: a spreadsheet export marked the cell as text; save the column as plain numbers$/,
    );
  });

  it('a whole severity column so marked is said to be, not another scale', () => {
    // It read "… is not on a 0–4 scale … Set severityLevels to each value's level 0–4: { ''0': <0–4>, … }".
    const rows = Array.from({ length: 40 }, (_, k) => ({
      incident_id: `I${k}`,
      date: '2023-01-05',
      severity: `'${k % 5}`,
    }));
    expect(() =>
      ingest({
        incidents: rows,
        involvements: rows.map((r) => ({
          incident_id: r.incident_id,
          person_id: 'a',
          role: 'victim',
        })),
      }),
    ).toThrow(
      "incidents: the severity column 'severity' has 40 of its 40 values marked by a spreadsheet export (''0' (8), ''1' (8), ''2' (8), ''3' (8), ''4' (8)): without the leading ' (a text mark) or = (a formula) they read as whole numbers 0–4; save the column as plain numbers.",
    );
  });
});
