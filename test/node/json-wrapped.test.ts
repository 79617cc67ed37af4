import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/node/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// API exports wrap their rows: { "data": [...] }, { "results": [...], "next": … }. readTable and
// the command line said only "holds JSON but not an array of rows; export the table as
// [{…}, {…}]", with no word of where the rows are. The array is not read in the object's place:
// the object may be one page of many, and which property holds the table is the user's to say.
const wrapped = JSON.stringify({
  total: 2,
  data: [
    { incident_id: 'I1', date: '2023-01-05', severity: 2 },
    { incident_id: 'I2', date: '2023-01-06', severity: 3 },
  ],
});
const twoTables = JSON.stringify({
  incidents: [{ incident_id: 'I1' }],
  'all people': [{ person_id: 'A' }, { person_id: 'B' }],
});

describe('JSON that wraps its rows in an object', () => {
  const dir = tempDir('vc-wrapped-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const p = writeFiles(dir, {
    'api.json': wrapped,
    'two.json': twoTables,
    'none.json': '{"a": 1, "b": []}',
  });

  it('readTable names the array that looks like the rows, and how to pass it', () => {
    expect(() => readTable(p['api.json'])).toThrow(
      `'${p['api.json']}' holds JSON but not an array of rows; it is an object whose 'data' (2 objects) looks like the rows: pass that array, JSON.parse(readFileSync(path, 'utf8')).data, to ingest; export the table as [{…}, {…}]`,
    );
    expect(() => readTable(p['none.json'])).toThrow(
      `'${p['none.json']}' holds JSON but not an array of rows; export the table as [{…}, {…}]`,
    );
    // It was a plain Error: an IngestError with its code, as readTable's other refusals are.
    for (const f of ['api.json', 'none.json'])
      expect(() => readTable(p[f])).toThrow(
        expect.objectContaining({ name: 'IngestError', code: 'json-rows', table: p[f] }),
      );
  });

  it('the command line names it too, or the arrays when there are several (exit 1)', async () => {
    const one = await cli(['validate', '--incidents', p['api.json'], '-q']);
    expect(one.code).toBe(1);
    expect(one.stderr).toBe(
      `error: --incidents '${p['api.json']}' holds JSON but not an array of rows; it is an object whose 'data' (2 objects) looks like the rows: save that array alone as a file and pass that, e.g. jq '.data' ${p['api.json']} > rows.json; export the table as [{…}, {…}], or as CSV with a header row.\n`,
    );
    const two = await cli(['validate', '--incidents', p['two.json'], '-q']);
    expect(two.code).toBe(1);
    expect(two.stderr).toBe(
      `error: --incidents '${p['two.json']}' holds JSON but not an array of rows; it is an object whose arrays 'incidents' (1 object) and 'all people' (2 objects) look like tables: pass each as its own table; export the table as [{…}, {…}], or as CSV with a header row.\n`,
    );
  });
});
