import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * trace's refusals of its dates came from the library, in its option names, after a model fit that
 * had nothing to do: '--as-of 2010-01-01' before the incident printed 'note: no model risk column
 * (fitNetworkHawkes: … choose an asOf …)' and then 'error: asOf 2010-01-01 is before the index
 * incident …' with exit 1, a data problem; an incident past retention said 'Pass today'.
 */
describe('trace: dates refused in its flags, before any fit', () => {
  const args = datasetCsvArgs(
    join(tempDir(), 'd'),
    makeDataset([
      ['OLD', '2015-03-01', 3, ['A'], ['B']],
      ['I1', '2023-01-10', 3, ['A', 'C'], ['D']],
      ['I2', '2023-02-10', 3, ['D'], ['A']],
      ['I3', '2023-03-10', 2, ['C', 'E'], ['B']],
      ['I4', '2023-04-10', 3, ['E'], ['C']],
    ]),
  );
  const noLibrary = (stderr: string) => {
    expect(stderr).not.toMatch(
      /fitNetworkHawkes|traceContacts|\basOf\b|(?<!--)\btoday\b|Pass today/,
    );
    expect(stderr).not.toMatch(/note: no model risk column/);
  };

  it('--as-of before the incident is a usage error naming the flag', async () => {
    const r = await cli(['trace', 'I2', ...args, '--as-of', '2023-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: --as-of 2023-01-01 is before incident I2 (2023-02-10): a trace rests on the records up to its index incident; give its date or a later one, or leave --as-of out (the incident's date).\n",
    );
    noLibrary(r.stderr);
  });

  it('--today before the incident is a usage error naming the flag', async () => {
    const r = await cli(['trace', 'I2', ...args, '--today', '2023-02-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --today 2023-02-01 is before incident I2 \(2023-02-10\)/);
    noLibrary(r.stderr);
  });

  it('an incident past retention is refused in the flags', async () => {
    const r = await cli(['trace', 'OLD', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: trace refused: incident OLD \(2015-03-01\) is older than the 6-year retention horizon counted back from 2023-04-11 \(the day after the last record\)/m,
    );
    noLibrary(r.stderr);
    const t = await cli(['trace', 'I1', ...args, '--today', '2030-01-01']);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/counted back from --today 2030-01-01: .* Check --today/);
    noLibrary(t.stderr);
  });
});
