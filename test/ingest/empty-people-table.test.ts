import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns } from '../../src/ingest/ingest.js';

// Found by userhunt3 in a notebook: a people table with no rows (a header-only export, or a
// filter that kept nobody) gave no word at all, while one that missed 24 of 424 people was warned
// of: everyone silently had no group and no birth year.
describe('ingest: a people table without rows', () => {
  const incidents = 'incident_id,date,severity\nI1,2021-01-01,3\nI2,2021-02-01,1\n';
  const involvements = 'incident_id,person_id,role\nI1,A,victim\nI1,B,offender\nI2,B,offender\n';
  const warned = (w: readonly string[]) =>
    w.filter((x) => x.startsWith('people: the people table has no rows'));

  const expected = [
    'people: the people table has no rows, so none of the 2 people in the involvements has a group or birth year; check the export (or leave the people table out)',
  ];

  it('is warned of, as CSV text, rows of objects and an arquero table', () => {
    const tables = ['person_id,birth_year,group\n', [] as object[], aq.table({ person_id: [] })];
    for (const people of tables) {
      const { summary } = ingest({ incidents, involvements, people }, { now: '2025-01-01' });
      expect(summary.tables.people.read).toBe(0);
      expect(warned(summary.warnings)).toEqual(expected);
    }
  });

  it('is warned of once by the columnar path', () => {
    const { summary } = ingestByColumns(
      {
        incidents: aq.fromCSV(incidents, { autoType: false }),
        involvements: aq.fromCSV(involvements, { autoType: false }),
        people: [],
      },
      { now: '2025-01-01' },
    );
    expect(warned(summary.warnings)).toEqual(expected);
  });

  it('is not warned of when no people table is given', () => {
    const { summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(warned(summary.warnings)).toEqual([]);
  });
});
