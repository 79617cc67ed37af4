import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

// A date format written the way people write one — dd/mm/yyyy, DMY, UK — was refused listing the
// three values ("Allowed choices are iso, dmy, mdy"; ingest's "got 'dd/mm/yyyy'") without saying
// which of them reads it.
describe('a date format under another name names the one that reads it', () => {
  it('--date-format dd/mm/yyyy, DMY, mm/dd/yyyy: a usage error naming dmy or mdy (exit 2)', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv': 'incident_id,date,severity\nI1,05/04/2023,2\n',
      'involvements.csv': 'incident_id,person_id,role\nI1,A,victim\n',
    });
    const tail =
      '; give iso (2023-04-05), dmy (05/04/2023, day first) or mdy (04/05/2023, month first).';
    for (const [given, meant] of [
      ['dd/mm/yyyy', 'dmy'],
      ['DMY', 'dmy'],
      ['mm/dd/yyyy', 'mdy'],
      ['UK', 'dmy'],
    ]) {
      const r = await cli(['validate', ...inputArgs(p), '--date-format', given]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`'${given}' is not a date format (did you mean ${meant}?)${tail}`);
    }
    const none = await cli(['validate', ...inputArgs(p), '--date-format', 'xyz']);
    expect(none.stderr).toContain(`'xyz' is not a date format${tail}`);
    const ok = await cli([
      'validate',
      ...inputArgs(p),
      '--date-format',
      'dmy',
      '--now',
      '2025-01-01',
    ]);
    expect(ok.code).toBe(0);
  });

  it("ingest's dateFormat (and so a --map file) says the same", () => {
    const input = {
      incidents: 'incident_id,date\nI1,2023-01-01\n',
      involvements: 'incident_id,person_id,role\nI1,A,victim\n',
    };
    const refused = (f: string) => {
      try {
        ingest(input, { dateFormat: f as 'dmy' });
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(refused('dd/mm/yyyy')).toBe(
      "ingest: option 'dateFormat' must be one of 'iso', 'dmy', 'mdy' (did you mean 'dmy'?), got 'dd/mm/yyyy'.",
    );
    expect(refused('MM-DD-YYYY')).toContain("(did you mean 'mdy'?)");
    expect(refused('yyyy-mm-dd')).toContain("(did you mean 'iso'?)");
  });
});
