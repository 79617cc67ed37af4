import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// An id pasted with a character that shows as nothing (a zero-width space, a soft hyphen) was
// another id: "incident 'I3​' is not in the incidents table" beside an 'I3' that reads the same,
// and one person split in two.
const Z = '\u200B';
const incidents = `incident_id,date,severity\nI3,2023-01-05,3\nI4${Z},2023-01-06,2\n`;
const involvements = `incident_id,person_id,role\nI3${Z},A,offender\nI3,B\u00AD,victim\nI4,B,offender\nI4,${Z},victim\n`;

describe('ids are read without characters that show as nothing', () => {
  it('matches them, warns once naming the first and its code points, on both paths', () => {
    const arrow = {
      incidents: tableFromArrays({
        incident_id: ['I3', `I4${Z}`],
        date: ['2023-01-05', '2023-01-06'],
        severity: [3, 2],
      }),
      involvements: tableFromArrays({
        incident_id: [`I3${Z}`, 'I3', 'I4', 'I4'],
        person_id: ['A', 'B\u00AD', 'B', Z],
        role: ['offender', 'victim', 'offender', 'victim'],
      }),
    };
    for (const input of [{ incidents, involvements }, arrow]) {
      const { data, rejected, summary } = ingest(input, { now: '2025-01-01' });
      expect(data.incidents.map((x) => x.incident_id)).toEqual(['I3', 'I4']);
      expect(data.involvements.map((v) => [v.incident_id, v.person_id, v.role])).toEqual([
        ['I3', 'A', 'offender'],
        ['I3', 'B', 'victim'],
        ['I4', 'B', 'offender'],
      ]);
      // An id of nothing else is empty.
      expect(rejected.map((r) => [r.table, r.row, r.reason])).toEqual([
        ['involvements', 4, 'person id is empty'],
      ]);
      expect(summary.warnings.filter((w) => w.includes('show as nothing'))).toEqual([
        "4 ids held characters that show as nothing (the first, 'I4', U+200B: text pasted from a web page or a word processor?) and were read without them, so that an id is one id whether it holds them or not; remove them at source",
      ]);
    }
  });

  it('pseudonymised, the id is not quoted', () => {
    const { summary } = ingest(
      { incidents, involvements },
      { now: '2025-01-01', pseudonymise: { key: 'k'.repeat(32) } },
    );
    expect(summary.warnings.filter((w) => w.includes('show as nothing'))).toEqual([
      '4 ids held characters that show as nothing (the first U+200B: text pasted from a web page or a word processor?) and were read without them, so that an id is one id whether it holds them or not; remove them at source',
    ]);
  });
});
