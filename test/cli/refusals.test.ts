import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXPORT_ARGS, EXPORT_DIR, syntheticCsv, tempDir, writeFiles } from './helpers.js';

/** The example police export with every incident dated 01/06/2023 (an "undated" export). */
function oneDateExport(): string[] {
  const dir = tempDir('vc-one-date-');
  const text = readFileSync(join(EXPORT_DIR, 'incidents.csv'), 'utf8');
  const lines = text.trimEnd().split('\n');
  const oneDate = [
    lines[0],
    ...lines.slice(1).map((l) => l.replace(/,\d\d\/\d\d\/\d{4},/, ',01/06/2023,')),
  ].join('\n');
  const p = writeFiles(dir, { 'incidents.csv': `${oneDate}\n` });
  const args = [...EXPORT_ARGS];
  args[args.indexOf(join(EXPORT_DIR, 'incidents.csv'))] = p['incidents.csv'];
  return args;
}

describe('CLI on data where every incident shares one date', () => {
  const args = oneDateExport();
  for (const command of ['fit', 'rank', 'backtest']) {
    it(`${command} prints the warning and refuses with exit 1 and a one-line reason`, async () => {
      const r = await cli([command, ...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        'warning: All 12 incidents carry the same date (2023-06-01), so nothing about timing can be learnt',
      );
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
      expect(errors).toEqual([
        expect.stringMatching(
          new RegExp(
            `^error: ${command} refused: all 12 incidents carry the same date \\(2023-06-01\\), so .+; check that the export carries each incident's own date\\.$`,
          ),
        ),
      ]);
    });
  }

  it('metrics still runs (no timing involved) but prints the warning', async () => {
    const r = await cli(['metrics', ...args]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: All 12 incidents carry the same date');
  });
});

describe('CLI metrics says how betweenness was computed', () => {
  it('exact when cheap, naming the budget; estimates with their error otherwise', async () => {
    const args = syntheticCsv(tempDir(), { people: 600, seed: 3 });
    const exact = await cli(['metrics', ...args]);
    expect(exact.code).toBe(0);
    expect(exact.stderr).toMatch(
      /betweenness: exact \(\d+ people × \d+ ties is within the exact budget of 1e\+8, so all \d+ people were sources instead of 256 pivots\)\./,
    );
    const small = await cli(['metrics', ...args, '--pivots', '0']);
    expect(small.stderr).toContain('betweenness: exact.');
  });
});
