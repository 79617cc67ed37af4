import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { columnarFromCsv } from '../helpers.js';

// A severityLevels key a spreadsheet export marked as text ('High) or wrote as a formula
// (="High" in rows of objects) was refused as "severity ''High' is not one of severityLevels'
// keys (…): add it with its level 0–4", with none of the hint numbers and dates get; a misspelt
// label named no key.
const LEVELS = { High: 4, Medium: 2, Low: 1, '5': 3 };
const KEYS = "'5', 'High', 'Medium', 'Low'";
const incidents =
  "incident_id;date;severity\nI1;2023-01-05;'High\nI2;2023-01-06;Low\nI3;2023-01-07;Hihg\nI4;2023-01-08;'5\nI5;2023-01-09;6\nI6;2023-01-10;'Unknown\n";
const involvements =
  'incident_id;person_id;role\nI1;A;victim\nI2;B;victim\nI3;C;victim\nI4;D;victim\nI5;E;victim\nI6;F;victim\n';

describe('severityLevels: a marked or misspelt key says so', () => {
  it("'High names the mark and the key; Hihg the closest key; on the row and columnar paths", () => {
    for (const input of [
      { incidents, involvements },
      { incidents: columnarFromCsv(incidents), involvements: columnarFromCsv(involvements) },
    ]) {
      const { rejected, data } = ingest(input, { now: '2025-01-01', severityLevels: LEVELS });
      expect(data.incidents.map((x) => [x.incident_id, x.severity])).toEqual([['I2', 1]]);
      expect(
        rejected.filter((r) => r.table === 'incidents').map((r) => [r.row, r.value, r.reason]),
      ).toEqual([
        [
          1,
          "'High",
          `severity ''High' is not one of severityLevels' keys (${KEYS}); without its leading ' it reads as 'High', the key at level 4: a spreadsheet export marked the cell as text; save the column without the marks`,
        ],
        [
          3,
          'Hihg',
          `severity 'Hihg' is not one of severityLevels' keys (${KEYS}) (did you mean 'High'?): add it with its level 0–4`,
        ],
        [
          4,
          "'5",
          `severity ''5' is not one of severityLevels' keys (${KEYS}); without its leading ' it reads as '5', the key at level 3: a spreadsheet export marked the cell as text; save the column without the marks`,
        ],
        // A number off the map is no typo of its neighbour; a marked value that is no key
        // either is told to add it, as before.
        [
          5,
          '6',
          `severity '6' is not one of severityLevels' keys (${KEYS}): add it with its level 0–4`,
        ],
        [
          6,
          "'Unknown",
          `severity ''Unknown' is not one of severityLevels' keys (${KEYS}): add it with its level 0–4`,
        ],
      ]);
    }
  });

  it('a formula (="medium") in rows of objects, which no CSV reader unwrapped', () => {
    const { rejected } = ingest(
      {
        incidents: [{ incident_id: 'I1', date: '2023-01-05', severity: '="medium"' }],
        involvements: [{ incident_id: 'I1', person_id: 'a', role: 'victim' }],
      },
      { now: '2025-01-01', severityLevels: LEVELS },
    );
    expect(rejected[0].reason).toBe(
      `severity '="medium"' is not one of severityLevels' keys (${KEYS}); without its leading = it reads as 'medium', the key at level 2: a spreadsheet export marked the cell as a formula; save the column without the marks`,
    );
  });
});
