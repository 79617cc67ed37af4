import { describe, expect, it } from 'vitest';
import { cli, EXPORT_ARGS } from './helpers.js';

const RECORDS = 'the records run from 2023-01-04 to 2023-06-19';

describe('an --as-of that leaves no record to use is a usage error naming the records’ dates', () => {
  it('on or before the first record: graph and cascades wrote an empty network and "0 cascades"', async () => {
    for (const command of ['graph', 'cascades', 'metrics', 'rank', 'fit']) {
      const r = await cli([command, ...EXPORT_ARGS, '--as-of', '2010-01-01', '-q']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `error: --as-of 2010-01-01 is on or before the first record, so no record would be used (${RECORDS}); give a date within them, or leave --as-of out (the day after the last record, 2023-06-20).`,
      );
    }
  });

  it('past the retention horizon after the last record: rank advised "a later --as-of"', async () => {
    for (const command of ['rank', 'cascades']) {
      const r = await cli([command, ...EXPORT_ARGS, '--as-of', '2031-01-01', '-q']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `error: --as-of 2031-01-01 is more than the 6-year retention horizon after the last record, so every record would be past retention and none used (${RECORDS});`,
      );
      expect(r.stderr).not.toContain('a later --as-of');
    }
  });

  it('an --as-of inside the records is used', async () => {
    const r = await cli(['cascades', ...EXPORT_ARGS, '--as-of', '2023-05-01', '-q']);
    expect(r.code).toBe(0);
  });
});
