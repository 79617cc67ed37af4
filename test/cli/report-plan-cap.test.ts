import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, syntheticCsv, tempDir } from './helpers.js';

describe('report --plan above 1000', () => {
  it('plans for that capacity, as the plan command does (it was refused after the whole pipeline)', async () => {
    // Before: "planOutreach: capacity 1500 is above the cap of 1000; raise 'cap' explicitly",
    // once the model was fitted, with no flag to raise it.
    const out = join(tempDir(), 'report.html');
    const r = await cli([
      'report',
      ...syntheticCsv(tempDir(), { people: 400, seed: 1 }),
      '--cuts',
      '0',
      '--plan',
      '1500',
      '--out',
      out,
      '-q',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('id="vc-planned"');
  });
});
