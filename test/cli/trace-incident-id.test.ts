import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * Found by userhunt3 with a UK RMS export whose URNs carry leading zeros and, in some cells,
 * trailing spaces: ingest trims an id's surrounding spaces, but `trace '00000388  '` (copied from
 * the export) said "incident '00000388  ' is not in the records", and `trace 388` gave no hint
 * that the records hold '00000388'.
 */
describe('trace: the incident id argument', () => {
  const args = datasetCsvArgs(
    join(tempDir(), 'd'),
    makeDataset([
      ['00000381', '2023-01-10', 3, ['A', 'C'], ['D']],
      ['00000388', '2023-02-10', 3, ['D'], ['A']],
      ['AB-12', '2023-03-10', 3, ['C', 'E'], ['B']],
    ]),
  );

  it('is read without surrounding spaces, as ingest reads the ids', async () => {
    const r = await cli(['trace', ' 00000388  ', ...args, '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('incident 00000388 (2023-02-10)');
  });

  it('not found, names the id the records hold with other leading zeros or letter case', async () => {
    const r = await cli(['trace', '388', ...args, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "error: incident '388' is not in the records; check the id (ids are matched exactly, as text): did you mean '00000388'?\n",
    );
    const c = await cli(['trace', 'ab-12', ...args, '-q']);
    expect(c.stderr).toBe(
      "error: incident 'ab-12' is not in the records; check the id (ids are matched exactly, as text): did you mean 'AB-12'?\n",
    );
    const none = await cli(['trace', 'I9', ...args, '-q']);
    expect(none.stderr).toBe(
      "error: incident 'I9' is not in the records; check the id (ids are matched exactly, as text).\n",
    );
  });
});

describe('trace: a blank incident id', () => {
  it('is a usage error saying an id is required, before any file is read', async () => {
    // It read "error: incident '' is not in the records" after loading the records.
    const r = await cli(['trace', '  ', '--incidents', 'no-such-file.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: an incident id is required (got only spaces): give the id of the index incident, e.g. 'violence-contagion trace I-000123 --incidents incidents.csv …' (run 'violence-contagion trace --help' for usage and an example).\n",
    );
    const empty = await cli(['trace', '', '--incidents', 'no-such-file.csv']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('an incident id is required (got an empty one)');
  });
});
