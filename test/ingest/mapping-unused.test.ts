import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

const incidents = 'Incident ID,Date,Severity,Area Code\nI1,2023-03-05,2,N1\nI2,2023-04-12,3,N2\n';
const involvements = 'Incident ID,Person ID,Role\nI1,A,offender\nI1,B,victim\nI2,A,victim\n';

// A mapping entry whose column the table does not have was passed over in silence: mapped
// { area: 'Area Codee' } beside a column 'Area Code', ingest read no area and said nothing.
describe('a mapping entry naming a column the table does not have', () => {
  it('is warned of: the field, the column, what was read instead, the closest column', () => {
    const { summary, data } = ingest(
      { incidents, involvements },
      { mapping: { area: 'Area Codee', date: 'Dat' }, now: '2025-01-01' },
    );
    expect(data.incidents.map((i) => i.area)).toEqual([undefined, undefined]);
    expect(summary.warnings).toEqual([
      "mapping: area → 'Area Codee' is no column of incidents, so no area was read (did you mean 'Area Code'?); date → 'Dat' is no column of incidents, so date was read from 'Date', named like it. Check the column names in the mapping against the file's header.",
    ]);
  });

  it('a column read as another field, and a people field, are named too; a used mapping is not', () => {
    const { summary } = ingest(
      { incidents, involvements, people: 'person_id,KnownGroup\nA,G1\nB,G2\n' },
      { mapping: { area: 'Date', group: 'Gang' }, now: '2025-01-01' },
    );
    expect(summary.warnings).toEqual([
      "mapping: area → 'Date': that column of incidents was read as date; group → 'Gang' is no column of people, so no group was read. Check the column names in the mapping against the file's header.",
    ]);
    const used = ingest({ incidents, involvements }, { mapping: { area: 'Area Code' } });
    expect(used.summary.warnings).toEqual([]);
    // A table not given reads nothing: its fields' entries are not warned of.
    const noPeople = ingest({ incidents, involvements }, { mapping: { group: 'KnownGroup' } });
    expect(noPeople.summary.warnings).toEqual([]);
  });

  // A field of two tables mapped for one of them (incident_id → '' for R's row names in the
  // incidents, as the missing-column error advises) was warned of for the other, which read its
  // own 'incident_id': "incident_id → '' is no column of involvements, so incident_id was read
  // from 'incident_id', named like it".
  it('a field mapped for one table and read by its own name in another is not warned of', () => {
    const rNames = ingest(
      {
        incidents: ',date,severity\nI1,2023-01-02,2\n',
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\n',
      },
      { mapping: { incident_id: '' }, now: '2025-01-01' },
    );
    expect(rNames.summary.columns.incidents.incident_id).toBe('');
    expect(rNames.summary.warnings).toEqual([]);
    const urn = ingest(
      {
        incidents: 'URN,date,severity\nI1,2023-01-02,2\n',
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\n',
      },
      { mapping: { incident_id: 'URN', date: 'Dat' }, now: '2025-01-01' },
    );
    // The entry that served no table is still named.
    expect(urn.summary.warnings).toEqual([
      "mapping: date → 'Dat' is no column of incidents, so date was read from 'date', named like it. Check the column names in the mapping against the file's header.",
    ]);
  });

  it('Arrow tables, read by columns, say the same', () => {
    const arrow = (csv: string) => {
      const [head, ...rows] = csv
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      return tableFromArrays(Object.fromEntries(head.map((c, j) => [c, rows.map((r) => r[j])])));
    };
    const options = { mapping: { area: 'Area Codee' }, now: '2025-01-01' };
    const byColumns = ingest(
      { incidents: arrow(incidents), involvements: arrow(involvements) },
      options,
    );
    expect(byColumns.summary.warnings).toEqual(
      ingest({ incidents, involvements }, options).summary.warnings,
    );
    expect(byColumns.summary.warnings[0]).toMatch(/^mapping: area → 'Area Codee'/);
  });
});
