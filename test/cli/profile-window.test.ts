import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IncidentSpec, makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * The CLI printed the data profile's warnings of every record read, though its commands use only
 * those before --as-of and within the retention horizon (as the library profiles them): a
 * date-heaping warning made only of records from 2010, past retention for a list as of
 * 2024-01-01, was printed with a list that dropped them.
 */
describe('the CLI warns of the records the command uses', () => {
  const old: IncidentSpec[] = Array.from({ length: 6 }, (_, i) => [
    `O${i}`,
    `2010-0${i + 1}-01`,
    i % 2 ? 3 : 1,
    [`Q${i}`],
    [`R${i}`],
  ]);
  const recent: IncidentSpec[] = Array.from({ length: 12 }, (_, i) => [
    `N${i}`,
    `2023-0${1 + Math.floor(i / 2)}-${String(7 + 9 * (i % 2)).padStart(2, '0')}`,
    i % 3 ? 1 : 3,
    [`P${i % 5}`, `P${(i + 1) % 5}`],
    [`V${i % 4}`],
  ]);
  const args = datasetCsvArgs(join(tempDir(), 'd'), makeDataset([...old, ...recent]));

  it('no warning made only of records past retention', async () => {
    for (const cmd of ['graph', 'rank']) {
      const r = await cli([cmd, ...args, '--as-of', '2024-01-01']);
      // Before: 'warning: … dates … 1st of the month …' of the 2010 records.
      expect(r.stderr).not.toMatch(/1st of/);
    }
  });
});
