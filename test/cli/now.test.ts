import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

// ingest's `now` on the command line: the future-date check against the export's day, not the
// machine's, so the same files give the same answer on any day.
const files = () =>
  writeFiles(tempDir(), {
    'incidents.csv': 'incident_id,date,severity\nI1,2024-05-01,2\nI2,2024-07-01,3\n',
    'involvements.csv': 'incident_id,person_id,role\nI1,A,offender\nI2,B,victim\n',
  });

describe('--now', () => {
  it('records after --now are left out as future-dated, naming it', async () => {
    const p = files();
    const args = ['validate', ...inputArgs(p)];
    const r = await cli([...args, '--now', '2024-06-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("date '2024-07-01' is in the future (after 2024-06-01)");
    expect((await cli([...args, '--now', '2024-08-01'])).code).toBe(0);
  });

  it('a --now that is not a date is a usage error', async () => {
    const p = files();
    const r = await cli(['validate', ...inputArgs(p), '--now', '01/06/2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'01/06/2024' is not a date; write it as YYYY-MM-DD.");
  });

  it('every command that reads records takes it', async () => {
    for (const command of [
      'rank',
      'graph',
      'metrics',
      'cascades',
      'fit',
      'report',
      'backtest',
      'trace',
      'plan',
    ]) {
      const r = await cli([command, '--help']);
      expect(r.stdout, command).toContain('--now <date>');
    }
  });
});
