import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

/**
 * report's refusal on records the model cannot be fitted to named the library's function and
 * option: 'error: analyse refused: … analyse reads the records of the 6 years before asOf, …'.
 */
describe("report's refusal in its own terms", () => {
  it('report refused, --as-of', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv':
        'incident_id,date,offence\nI1,2023-01-05,Shooting\nI2,2023-02-05,Assault\nI3,2023-03-05,Shooting\n',
      'involvements.csv': 'incident_id,person_id,role\nI1,A,offender\nI2,B,offender\nI3,C,victim\n',
    });
    const r = await cli(['report', ...inputArgs(p), '--out', `${tempDir()}/r.html`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: report refused: the contagion model cannot be fitted: .*; the report reads the records of the 6 years before --as-of, so it needs more of them\.$/m,
    );
    expect(r.stderr).not.toMatch(/analyse|\basOf\b/);
  });
});
