import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { IngestError } from '../../src/ingest/ingest-error.js';
import { ingestFiles, readTable } from '../../src/node/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// Invalid JSON text was a plain TypeError ("incidents looks like JSON (it starts with '[') but
// cannot be parsed: …") from ingest and a plain Error from readTable, where a JSON Lines line is
// an IngestError ('json-line') naming the table or file and the line.
const TRAILING_COMMA =
  '[\n  {"incident_id": "I1", "date": "2023-01-05"},\n  {"incident_id": "I2",}\n]\n';
const CUT_SHORT = '[\n  {"incident_id": "I1", "date": "2023-01-05"},\n  {"incident_id": "I2", "da';

function thrown(f: () => unknown): IngestError {
  try {
    f();
  } catch (e) {
    return e as IngestError;
  }
  throw new Error('not thrown');
}

describe('JSON text that is not valid JSON', () => {
  it('ingest refuses it with an IngestError (code json) naming the table, line and column', () => {
    const e = thrown(() => ingest({ incidents: TRAILING_COMMA }));
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe('json');
    expect(e.table).toBe('incidents');
    expect(e.line).toBe(3);
    // Column 24: the '}' after the trailing comma.
    expect(e.message).toMatch(
      /^incidents: line 3, column 24 is not valid JSON \(.+\); expected a JSON array of row objects$/,
    );
    // Cut short (an interrupted copy): its last line.
    const cut = thrown(() => ingest({ incidents: CUT_SHORT }));
    expect(cut.code).toBe('json');
    expect(cut.line).toBe(3);
    expect(cut.message).toMatch(/^incidents: line 3, column 28 is not valid JSON \(/);
  });

  it('readTable, ingestFiles and the command line name the file (the command line: one line, exit 1)', async () => {
    const dir = tempDir('vc-json-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const p = writeFiles(dir, { 'broken.json': TRAILING_COMMA });
    const path = p['broken.json'];
    const r = thrown(() => readTable(path));
    expect(r).toBeInstanceOf(IngestError);
    expect(r.code).toBe('json');
    expect(r.line).toBe(3);
    expect(r.message).toMatch(/^'.*broken\.json': line 3, column 24 is not valid JSON \(/);
    const f = thrown(() => ingestFiles({ incidents: path }));
    expect(f).toBeInstanceOf(IngestError);
    expect(f.code).toBe('json');
    expect(f.table).toBe(`incidents file '${path}'`);
    expect(f.line).toBe(3);
    expect(f.message).toBe(
      `incidents file '${path}': line 3, column 24 is not valid JSON (${r.message.split(' (')[1].split(');')[0]}); expected a JSON array of row objects`,
    );
    const c = await cli(['validate', '--incidents', path, '-q']);
    expect(c.code).toBe(1);
    expect(c.stderr).toBe(
      `error: --incidents '${join(dir, 'broken.json')}': line 3, column 24 is not valid JSON (${r.message.split(' (')[1].split(');')[0]}); expected a JSON array of row objects; fix the file, or export the table as CSV with a header row.\n`,
    );
  });
});
