import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

/**
 * 'graph --format csv' of a network without ties (each incident names one person) wrote the
 * purpose label and an empty line: no header, which a reader takes for a file of no columns.
 */
describe('graph --format csv without ties', () => {
  it('writes the source and target header', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv':
        'incident_id,date,offence\nI1,2023-01-05,Shooting\nI2,2023-02-05,Assault\nI3,2023-03-05,Shooting\n',
      'involvements.csv': 'incident_id,person_id,role\nI1,A,offender\nI2,B,offender\nI3,C,victim\n',
    });
    const r = await cli(['graph', ...inputArgs(p), '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('co-offending network: 3 people, 0 ties');
    // Before: '# For voluntary outreach …\n\n'.
    expect(r.stdout.split('\n')[1]).toBe('source,target');
  });
});
