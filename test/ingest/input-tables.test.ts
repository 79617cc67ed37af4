import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/index.js';
import { ingestFiles } from '../../src/node/index.js';

const incidents = 'incident_id,date,severity\nI1,2023-01-05,3\n';
const involvements = 'incident_id,person_id,role\nI1,A,victim\n';

describe("a misspelt table name in ingest's input", () => {
  it("is an InputError naming the closest table, not a flat table's missing date column", () => {
    // Before: { incident, involvements } read involvements alone as a flat table and threw
    // "involvements (a flat table: incident columns on each row) has no 'date' column".
    const call = () => ingest({ incident: incidents, involvements } as never);
    expect(call).toThrow(InputError);
    expect(call).toThrow(
      "ingest: unknown table 'incident' in the input. Did you mean 'incidents'? The tables are incidents, involvements and people.",
    );
    // Before: the people table was silently not read.
    expect(() => ingest({ incidents, involvements, peopel: 'person_id\nA\n' } as never)).toThrow(
      "Did you mean 'people'?",
    );
    expect(() => ingest({ incidents, involvements, extra: [] } as never)).toThrow(
      "ingest: unknown table 'extra' in the input. The tables are incidents, involvements and people.",
    );
    expect(ingest({ incidents, involvements }).summary.totals.accepted).toBe(2);
  });

  it('ingestFiles refuses one the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-input-tables-'));
    writeFileSync(join(dir, 'inc.csv'), incidents);
    writeFileSync(join(dir, 'inv.csv'), involvements);
    const paths = { incidents: join(dir, 'inc.csv'), involvement: join(dir, 'inv.csv') };
    expect(() => ingestFiles(paths as never)).toThrow(
      "ingestFiles: unknown table 'involvement' in the input. Did you mean 'involvements'?",
    );
  });
});
