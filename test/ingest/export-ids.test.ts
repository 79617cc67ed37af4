// Ids as real exports write them: one name typed on two systems must be one person.
import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

const COMPOSED = 'Jos\u00e9'; // é as one character (NFC)
const DECOMPOSED = 'Jose\u0301'; // e + combining acute accent (NFD: macOS, some web forms)

describe('Unicode forms of one id', () => {
  const incidents = 'incident_id,date,severity\nI1,2021-03-04,2\nI2,2021-04-05,3\n';
  const involvements = `incident_id,person_id,role\nI1,${COMPOSED},offender\nI1,B,victim\nI2,${DECOMPOSED},victim\nI2,B,offender\n`;
  const people = `person_id,birth_year\n${DECOMPOSED},1990\nB,1991\n`;

  it('an accent typed as a combining mark is the same person (NFC), with a warning', () => {
    const { data, rejected, summary } = ingest(
      { incidents, involvements, people },
      { now: '2025-01-01' },
    );
    expect(rejected).toEqual([]);
    expect(data.involvements.map((v) => v.person_id)).toEqual([COMPOSED, 'B', COMPOSED, 'B']);
    expect(data.people.map((p) => [p.person_id, p.birth_year])).toEqual([
      [COMPOSED, 1990],
      ['B', 1991],
    ]);
    expect(summary.warnings).toContainEqual(
      expect.stringMatching(/^1 id was written with accents as separate marks \(Unicode NFD/),
    );
  });

  it('the columnar path reads them alike', () => {
    const rows = (csv: string) => {
      const [h, ...rs] = csv
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      return tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
    };
    const byRows = ingest({ incidents, involvements }, { now: '2025-01-01' });
    const byColumns = ingest(
      { incidents: rows(incidents), involvements: rows(involvements) },
      { now: '2025-01-01' },
    );
    expect(byColumns.data.involvements).toEqual(byRows.data.involvements);
    expect(byColumns.summary.warnings).toEqual(byRows.summary.warnings);
    expect(new Set(byRows.data.involvements.map((v) => v.person_id))).toEqual(
      new Set([COMPOSED, 'B']),
    );
  });

  it('ids in composed form, or ASCII, give no warning', () => {
    const { summary } = ingest(
      { incidents, involvements: involvements.replace(DECOMPOSED, COMPOSED) },
      { now: '2025-01-01' },
    );
    expect(summary.warnings).toEqual([]);
  });
});
