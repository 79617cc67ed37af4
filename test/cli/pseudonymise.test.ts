import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PURPOSE_LABEL } from '../../src/outreach/purpose.js';
import { rawCity } from '../helpers.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

describe('CLI --pseudonymise: no raw id in any output', () => {
  it('rank, plan, trace, graph, report write keyed pseudonyms only, each with the purpose label', async () => {
    const args = datasetCsvArgs(tempDir(), rawCity());
    const env = { VC_PSEUDONYM_KEY: 'k'.repeat(32) };
    const out = tempDir();
    const runs: string[][] = [
      ['rank', '--as-of', '2024-02-01', '-o', join(out, 'rank.csv')],
      ['plan', '--as-of', '2024-02-01', '--capacity', '5', '-o', join(out, 'plan.json')],
      ['trace', 'HS', '-o', join(out, 'trace.csv')],
      ['graph', '-o', join(out, 'g.gexf')],
      ['graph', '-o', join(out, 'g.graphml')],
      // Stopped before: "this list is pseudonymised: pass the same pseudonymise.key to audit it".
      ['report', '--as-of', '2024-02-01', '-o', join(out, 'report.html')],
    ];
    for (const a of runs) {
      const r = await cli([...a, ...args, '--pseudonymise'], { env });
      expect([a[0], r.code, r.stderr.match(/^error:.*/m)?.[0]]).toEqual([a[0], 0, undefined]);
      expect(r.stdout + r.stderr).not.toMatch(/RAWID/);
    }
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'g.gexf',
      'g.graphml',
      'plan.json',
      'rank.csv',
      'report.html',
      'trace.csv',
    ]);
    for (const f of files) {
      const text = readFileSync(join(out, f), 'utf8');
      expect([f, text.match(/RAWID-\d+/)?.[0]]).toEqual([f, undefined]);
      expect([f, text.includes(PURPOSE_LABEL)]).toEqual([f, true]);
      expect([f, /P-[0-9a-f]{12}/.test(text)]).toEqual([f, true]);
    }
  });
});
