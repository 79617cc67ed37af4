import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { parseJsonLines } from '../../src/ingest/json-lines.js';
import { ingestFiles, readTable } from '../../src/node/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// A bad JSON Lines row's problem carried no line (a CSV row's names the line it starts on): the
// analyst had to count objects, blank lines aside, to find it in the file.
const incidents =
  '{"incident_id":"I1","date":"2023-01-05","severity":2}\n' +
  '\n' +
  '{"incident_id":"I2","date":"2023-13-45","severity":3}\r\n' +
  '{"incident_id":"I3","date":"2023-01-07","severity":1}\n' +
  '\n' +
  '\n' +
  '{"incident_id":"I4","date":"2023-01-08","severity":9}\n';
const involvements =
  '{"incident_id":"I1","person_id":"A","role":"offender"}\n' +
  '{"incident_id":"I1","person_id":"B","role":"offender"}\n' +
  '{"incident_id":"I3","person_id":"B","role":"offender"}\n' +
  '\n' +
  '{"incident_id":"I3","person_id":"C","role":"bystander"}\n';

const dir = tempDir('vc-jsonl-line-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const p = writeFiles(dir, { 'incidents.jsonl': incidents, 'involvements.jsonl': involvements });

const where = (rejected: { table: string; row: number; line?: number }[]) =>
  rejected.map((r) => `${r.table} row ${r.row} line ${r.line}`);
const expected = ['incidents row 2 line 3', 'incidents row 4 line 7', 'involvements row 4 line 5'];

describe('JSON Lines problems name the line of the file', () => {
  it('ingest of JSON Lines text', () => {
    const { rejected } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(where(rejected)).toEqual(expected);
  });

  it('rows from parseJsonLines, readTable and ingestFiles', () => {
    const rows = ingest(
      {
        incidents: parseJsonLines(incidents, 'incidents'),
        involvements: readTable(p['involvements.jsonl']),
      },
      { now: '2025-01-01' },
    );
    expect(where(rows.rejected)).toEqual(expected);
    const files = ingestFiles(
      { incidents: p['incidents.jsonl'], involvements: p['involvements.jsonl'] },
      { now: '2025-01-01' },
    );
    expect(where(files.rejected)).toEqual(expected);
  });

  it('an array changed after parsing has no lines, never wrong ones', () => {
    const rows = parseJsonLines(incidents, 'incidents');
    rows.reverse();
    const r = ingest({ incidents: rows, involvements }, { now: '2025-01-01' });
    expect(r.rejected.filter((x) => x.table === 'incidents').map((x) => x.line)).toEqual([
      undefined,
      undefined,
    ]);
    const kept = parseJsonLines(incidents, 'incidents').filter(() => true);
    const k = ingest({ incidents: kept, involvements }, { now: '2025-01-01' });
    expect(k.rejected[0].line).toBeUndefined();
  });

  it('the command line lists the line as it does for CSV', async () => {
    const r = await cli([
      'validate',
      '--incidents',
      p['incidents.jsonl'],
      '--involvements',
      p['involvements.jsonl'],
      '--now',
      '2025-01-01',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(
      lines
        .filter((l) => /^incidents|^involvements/.test(l))
        .map((l) => l.split(',').slice(0, 3).join(',')),
    ).toEqual(['incidents,2,3', 'incidents,4,7', 'involvements,4,5']);
  });
});
