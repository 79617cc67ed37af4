import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, syntheticCsv, tempDir } from './helpers.js';

/**
 * report printed only the data profile's warnings and the backtest note on stderr: the model's
 * ('α … is under two standard errors … Do not report the share as a finding') and the list's
 * were in the HTML banner alone, though the README says the CLI prints every warning on stderr.
 */
describe("report prints the banner's warnings on stderr", () => {
  it('each once, even with --quiet', async () => {
    const dir = tempDir();
    const args = syntheticCsv(join(dir, 'd'), { people: 300, seed: 2 });
    const out = join(dir, 'r.html');
    const r = await cli(['report', ...args, '--cuts', '0', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const fit = await cli(['fit', ...args, '--format', 'json']);
    const modelWarnings = JSON.parse(fit.stdout).warnings as string[];
    expect(modelWarnings.length).toBeGreaterThan(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('id="vc-warnings"');
    // Before: none of the model's.
    for (const w of modelWarnings) expect(r.stderr).toContain(`warning: ${w}\n`);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(new Set(lines).size).toBe(lines.length);
  });
});
