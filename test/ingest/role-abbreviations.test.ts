import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// Exports abbreviate roles: 'SUSP', 'VIC'. They were rejected as "role 'VIC' is not
// recognised", and 'IP' with them, with no word that 'IP' is read two ways.
const incidents = 'incident_id,date,severity\nI1,2021-03-04,2\nI2,2021-03-05,3\n';
const involvements =
  'incident_id,person_id,role\nI1,A,SUSP\nI1,B,VIC\nI2,C,Susp\nI2,D,vic\nI2,E,IP\n';

function table(csv: string) {
  const [h, ...rs] = csv
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  return tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
}

describe('abbreviated roles', () => {
  it("'SUSP' and 'VIC' are read; 'IP' is refused as ambiguous, on both paths", () => {
    for (const input of [
      { incidents, involvements },
      { incidents: table(incidents), involvements: table(involvements) },
    ]) {
      const { data, rejected } = ingest(input, { now: '2025-01-01' });
      expect(data.involvements.map((v) => [v.person_id, v.role])).toEqual([
        ['A', 'offender'],
        ['B', 'victim'],
        ['C', 'offender'],
        ['D', 'victim'],
      ]);
      expect(rejected.map((p) => [p.row, p.field, p.value])).toEqual([[5, 'role', 'IP']]);
      expect(rejected[0].reason).toMatch(
        /^role 'IP' is not recognised: it may be 'injured party' \(a victim\) or 'involved party' \(other\), so it is not guessed; accepted roles: .*; add it with roleSynonyms: \{ 'IP': 'offender' \| 'victim' \| 'other' \}$/,
      );
    }
    expect(
      ingest({ incidents, involvements }, { now: '2025-01-01', roleSynonyms: { IP: 'victim' } })
        .rejected,
    ).toEqual([]);
  });
});
