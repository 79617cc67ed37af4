import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError, ingest } from '../../src/ingest/index.js';
import { isJsonLines, parseJsonLines } from '../../src/ingest/json-lines.js';
import { ingestFiles, readTable } from '../../src/node/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// JSON Lines (NDJSON): one object per line, as jq -c, BigQuery, mongoexport and record APIs write
// tables. Read as one JSON text, it was refused as "not valid JSON" with no hint.
const incidentsJsonl =
  '{"incident_id":"I1","date":"2023-01-05","severity":2}\n' +
  '{"incident_id":"I2","date":"2023-01-06","severity":3}\r\n' +
  '\n' +
  '{"incident_id":"I3","date":"2023-01-07","severity":1}\n';
const involvementsJsonl =
  '{"incident_id":"I1","person_id":"A","role":"offender"}\n' +
  '{"incident_id":"I1","person_id":"B","role":"offender"}\n' +
  '{"incident_id":"I2","person_id":"A","role":"victim"}\n' +
  '{"incident_id":"I3","person_id":"B","role":"offender"}\n';

const dir = tempDir('vc-jsonl-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const p = writeFiles(dir, {
  'incidents.jsonl': incidentsJsonl,
  'involvements.ndjson': involvementsJsonl,
  'incidents.json': incidentsJsonl,
  'one.jsonl': '{"incident_id":"I1","date":"2023-01-05","severity":2}\n',
  'cut.jsonl': `${incidentsJsonl}{"incident_id":"I4","date":"2023-`,
  'arrays.json': '{"incident_id":"I1","date":"2023-01-05"}\n{"incident_id":"I2"}\n["I3"]\n',
});

describe('JSON Lines', () => {
  it('isJsonLines tells one object per line from a JSON array, a pretty-printed object and one object', () => {
    expect(isJsonLines(incidentsJsonl)).toBe(true);
    expect(isJsonLines('\uFEFF\n  {"a":1}\n{"a":2}')).toBe(true);
    expect(isJsonLines('[{"a":1},\n{"a":2}]')).toBe(false);
    expect(isJsonLines('{\n  "a": 1\n}\n')).toBe(false);
    expect(isJsonLines('{"a":1}\n')).toBe(false);
    expect(isJsonLines('{"rows": [\n{"a":1}]}')).toBe(false);
  });

  it('ingest(text) reads JSON Lines text as rows (CRLF and blank lines too)', () => {
    const { data, summary } = ingest(
      { incidents: incidentsJsonl, involvements: involvementsJsonl },
      { now: '2025-01-01' },
    );
    expect(summary.tables.incidents).toMatchObject({ read: 3, accepted: 3, rejected: 0 });
    expect(data.incidents.map((i) => [i.incident_id, i.date, i.severity])).toEqual([
      ['I1', '2023-01-05', 2],
      ['I2', '2023-01-06', 3],
      ['I3', '2023-01-07', 1],
    ]);
    expect(data.involvements.map((v) => `${v.incident_id}:${v.person_id}:${v.role}`)).toEqual([
      'I1:A:offender',
      'I1:B:offender',
      'I2:A:victim',
      'I3:B:offender',
    ]);
  });

  it('a bad line is an IngestError naming the line and what was expected', () => {
    const text = '{"incident_id":"I1"}\n{"incident_id":"I2"}\n\n{"incident_id": "I3",\n';
    let err: unknown;
    try {
      ingest({ incidents: text, involvements: involvementsJsonl });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('json-line');
    expect((err as IngestError).line).toBe(4);
    expect((err as IngestError).message).toMatch(
      /^incidents: line 4 is not valid JSON \(.+\); expected one JSON object per line$/,
    );
    expect(() => parseJsonLines('{"a":1}\n[1,2]\n', 'rows')).toThrow(
      'rows: line 2 holds an array, not an object; expected one JSON object per line',
    );
  });

  it('ingestFiles and readTable read .jsonl, .ndjson and a .json file of JSON Lines', () => {
    const r = ingestFiles(
      { incidents: p['incidents.jsonl'], involvements: p['involvements.ndjson'] },
      { now: '2025-01-01' },
    );
    expect(r.data.incidents.map((i) => i.incident_id)).toEqual(['I1', 'I2', 'I3']);
    expect(r.data.involvements).toHaveLength(4);
    const byJson = ingestFiles(
      { incidents: p['incidents.json'], involvements: p['involvements.ndjson'] },
      { now: '2025-01-01' },
    );
    expect(byJson.data.incidents).toEqual(r.data.incidents);
    // One line: JSON Lines by its extension (by content it is one object, not a table).
    const one = ingestFiles({ incidents: p['one.jsonl'] }, { now: '2025-01-01' });
    expect(one.data.incidents.map((i) => [i.incident_id, i.severity])).toEqual([['I1', 2]]);
    expect(readTable(p['incidents.json'])).toEqual([
      { incident_id: 'I1', date: '2023-01-05', severity: 2 },
      { incident_id: 'I2', date: '2023-01-06', severity: 3 },
      { incident_id: 'I3', date: '2023-01-07', severity: 1 },
    ]);
    expect(readTable(p['one.jsonl'])).toEqual([
      { incident_id: 'I1', date: '2023-01-05', severity: 2 },
    ]);
    expect(() => readTable(p['cut.jsonl'])).toThrow(
      /cut\.jsonl': line 5 is not valid JSON \(.+\); expected one JSON object per line/,
    );
    expect(() => ingestFiles({ incidents: p['arrays.json'] })).toThrow(
      /^incidents: line 3 holds an array, not an object/,
    );
  });

  it('the command line reads JSON Lines files, and names the line of a bad one (exit 1)', async () => {
    const ok = await cli([
      'validate',
      '--incidents',
      p['incidents.json'],
      '--involvements',
      p['involvements.ndjson'],
      '--now',
      '2025-01-01',
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^incidents: 3 rows read, 3 accepted, 0 left out\ninvolvements: 4 rows read, 4 accepted/,
    );
    const cut = await cli(['validate', '--incidents', p['cut.jsonl'], '-q']);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(
      new RegExp(
        `^error: --incidents '${join(dir, 'cut.jsonl').replace(/[.\\]/g, '\\$&')}': line 5 is not valid JSON \\(`,
      ),
    );
    expect(cut.stderr.trim().split('\n')).toHaveLength(1);
  });
});
