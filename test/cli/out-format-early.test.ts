import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

/**
 * An --out whose extension is not one of the command's formats ('rank --out list.xlsx') was
 * refused only when the output was written: after the records were read and the model fitted,
 * minutes on a city's records. Now before anything is read (here: before the missing inputs are
 * found missing).
 */
describe('--out with a wrong extension is refused before anything is read', () => {
  it.each([
    ['rank', 'list.xlsx', 'csv, json'],
    ['fit', 'model.txt', 'json, csv'],
    ['metrics', 'm.html', 'csv, json'],
    ['trace', 't.gexf', 'csv, json'],
  ])('%s --out %s', async (command, file, formats) => {
    const dir = tempDir();
    const missing = join(dir, 'missing.csv');
    const args = [command, ...(command === 'trace' ? ['I1'] : [])];
    const r = await cli([
      ...args,
      '--incidents',
      missing,
      '--involvements',
      missing,
      '--out',
      join(dir, file),
    ]);
    expect(r.code).toBe(2);
    // Before: "error: --incidents '…missing.csv': no such file. …".
    expect(r.stderr).toBe(
      `error: the extension of '${join(dir, file)}' is not an output format here; use one of: ${formats}.\n`,
    );
  });
});
