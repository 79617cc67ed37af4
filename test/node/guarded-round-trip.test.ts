// CSV files this library writes guard text a spreadsheet would run as a formula with a leading
// `'` (OWASP CSV injection). Read back by the library's own readers (readTable, ingest,
// ingestFiles), their cells are the values written, not the guarded text: an id '-2' read back
// as "'-2" matched nobody (a list saved and read back, a links file given to cascades, the
// demo's dataset files).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/core/csv.js';
import { ingest } from '../../src/ingest/ingest.js';
import { ingestFiles } from '../../src/node/ingest-files.js';
import { readTable } from '../../src/node/read-table.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = ['-2', '+44 20', '=HYPERLINK("x")', '@home', "'=quoted", 'plain', 'a,b'];
const involvements = ids.map((person_id, k) => ({
  incident_id: `I${k % 2}`,
  person_id,
  role: 'offender',
}));
const incidents = [
  { incident_id: 'I0', date: '2023-01-01', severity: 3, offence: '-' },
  { incident_id: 'I1', date: '2023-01-02', severity: 1, offence: '=1+1' },
];

describe('a CSV this library wrote reads back as written', () => {
  it('the file is guarded', () => {
    expect(toCsv(involvements)).toContain("\nI0,'-2,offender\n");
  });

  it('readTable gives the values written', () => {
    const path = join(dir, 'involvements.csv');
    writeFileSync(path, toCsv(involvements));
    expect(readTable(path)).toEqual(involvements);
  });

  it('ingest and ingestFiles read the ids and text written', () => {
    const text = { incidents: toCsv(incidents), involvements: toCsv(involvements) };
    const r = ingest(text, { now: '2025-01-01', missingMarkers: false });
    expect(r.data.involvements.map((i) => i.person_id)).toEqual(ids);
    expect(r.data.incidents.map((i) => i.offence)).toEqual(['-', '=1+1']);
    writeFileSync(join(dir, 'inc.csv'), text.incidents);
    writeFileSync(join(dir, 'inv.csv'), text.involvements);
    const f = ingestFiles(
      { incidents: join(dir, 'inc.csv'), involvements: join(dir, 'inv.csv') },
      { now: '2025-01-01', missingMarkers: false },
    );
    expect(f.data.involvements).toEqual(r.data.involvements);
  });

  it('a file without the purpose label is read as it is', () => {
    const path = join(dir, 'other.csv');
    writeFileSync(path, "person_id\n'-2\n");
    expect(readTable(path)).toEqual([{ person_id: "'-2" }]);
  });
});
