import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, syntheticCsv, tempDir } from './helpers.js';

/**
 * fit never printed the model's warnings: they were only in its JSON output, so 'fit --format
 * csv' and 'fit --events' gave the estimates with no word that, say, α is under two standard
 * errors ('Do not report the share as a finding'), and the note's '(see the warnings)' pointed
 * at nothing.
 */
describe('fit prints the model warnings on stderr', () => {
  it('with --format csv and --events, even with --quiet', async () => {
    const args = syntheticCsv(join(tempDir(), 'd'), { people: 300, seed: 2 });
    const json = await cli(['fit', ...args, '--format', 'json']);
    expect(json.code).toBe(0);
    const modelWarnings = JSON.parse(json.stdout).warnings as string[];
    expect(modelWarnings.length).toBeGreaterThan(0);
    for (const extra of [['--format', 'csv'], ['--events'], ['--format', 'csv', '--quiet']]) {
      const r = await cli(['fit', ...args, ...extra]);
      expect(r.code).toBe(0);
      // Before: none of them.
      for (const w of modelWarnings) expect(r.stderr, extra.join(' ')).toContain(`warning: ${w}`);
    }
  });
});
