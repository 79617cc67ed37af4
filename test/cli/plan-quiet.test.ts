import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, syntheticCsv, tempDir } from './helpers.js';

/**
 * plan printed its warnings (the model's, 'knock-on figures are not reliable', ids matching
 * nobody) as notes, which --quiet silences: every other command prints warnings even with --quiet.
 */
describe('plan --quiet still prints its warnings', () => {
  it('the same warnings with and without --quiet', async () => {
    const args = syntheticCsv(join(tempDir(), 'd'), { people: 300, seed: 2 });
    const loud = await cli(['plan', ...args, '--capacity', '2']);
    const quiet = await cli(['plan', ...args, '--capacity', '2', '--quiet']);
    expect(loud.code).toBe(0);
    expect(quiet.code).toBe(0);
    const warnings = (s: string) => s.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings(loud.stderr).length).toBeGreaterThan(0);
    // Before: none with --quiet.
    expect(warnings(quiet.stderr)).toEqual(warnings(loud.stderr));
    expect(quiet.stderr).not.toMatch(/planned as of/);
  });
});

describe('plan: ids in --already-reached matching nobody are named by the flag', () => {
  it('not the library option alreadyReached', async () => {
    const dir = tempDir();
    const args = syntheticCsv(join(dir, 'd'), { people: 300, seed: 2 });
    const reached = join(dir, 'reached.txt');
    writeFileSync(reached, 'NOBODY-1\n');
    const r = await cli(['plan', ...args, '--capacity', '2', '--already-reached', reached]);
    expect(r.code).toBe(0);
    // Before: 'warning: 1 of the 1 alreadyReached ids match nobody …'.
    // And before: '1 of the 1 alreadyReached ids match nobody in the records and were not counted'.
    expect(r.stderr).toMatch(
      /^warning: 1 of the 1 --already-reached id matches nobody in the records and was not counted/m,
    );
    expect(r.stderr).not.toMatch(/alreadyReached/);
  });
});
