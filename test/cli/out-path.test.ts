import { copyFileSync, linkSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXPORT_DIR, tempDir } from './helpers.js';

/** A copy of the made-up police export, so a wrong write cannot touch examples/data. */
function exportCopy(): { dir: string; args: string[]; files: Record<string, string> } {
  const dir = tempDir('vc-out-');
  const files: Record<string, string> = {};
  for (const name of ['incidents.csv', 'nominals.csv', 'people.csv', 'mapping.json']) {
    files[name] = join(dir, name);
    copyFileSync(join(EXPORT_DIR, name), files[name]);
  }
  const args = [
    '--incidents',
    files['incidents.csv'],
    '--involvements',
    files['nominals.csv'],
    '--people',
    files['people.csv'],
    '--map',
    files['mapping.json'],
  ];
  return { dir, args, files };
}

describe('--out never overwrites an input', () => {
  it('--out naming an input file is a usage error naming the flag, and the file is untouched', async () => {
    const { dir, args, files } = exportCopy();
    const cases: [string[], string, string][] = [
      [['validate'], files['incidents.csv'], '--incidents'],
      [['validate'], files['nominals.csv'], '--involvements'],
      [['graph', '--format', 'csv'], files['people.csv'], '--people'],
      [['validate', '--format', 'json'], files['mapping.json'], '--map'],
      // Spelt another way: relative to the working folder.
      [['validate'], relative(dir, files['incidents.csv']), '--incidents'],
    ];
    for (const [command, out, flag] of cases) {
      const target = resolve(dir, out);
      const before = readFileSync(target, 'utf8');
      const r = await cli([...command, ...args, '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `error: --out '${out}' is the ${flag} file: writing there would overwrite the records this command reads; choose another file name.\n`,
      );
      expect(readFileSync(target, 'utf8')).toBe(before);
    }
  });

  it('another name for the same file (a hard link) is refused too', async () => {
    const { dir, args, files } = exportCopy();
    const alias = join(dir, 'alias.csv');
    linkSync(files['incidents.csv'], alias);
    const r = await cli(['validate', ...args, '--out', alias]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is the --incidents file');
    expect(readFileSync(files['incidents.csv'], 'utf8')).toBe(
      readFileSync(join(EXPORT_DIR, 'incidents.csv'), 'utf8'),
    );
  });

  it('--out naming a folder is a usage error before anything is read', async () => {
    const { dir, args } = exportCopy();
    const folder = join(dir, 'results');
    mkdirSync(folder);
    const r = await cli(['rank', ...args, '--out', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: --out '${folder}' is a folder; give the path of the file to write.\n`,
    );
  });

  it('an ordinary --out beside the inputs is written', async () => {
    const { dir, args } = exportCopy();
    const r = await cli(['validate', ...args, '--out', join(dir, 'problems.csv')]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'problems.csv'), 'utf8')).toContain('table,row,line');
  });
});
