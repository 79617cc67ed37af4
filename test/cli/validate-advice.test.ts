import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

/** Day/month/year dates, and a person both offender and victim in one incident. */
function exportFiles(dir: string) {
  return writeFiles(dir, {
    'incidents.csv': 'incident_id,date,offence\n1,08/10/2023,Assault\n2,27/08/2022,Shooting\n',
    'involvements.csv':
      'incident_id,person_id,role\n1,7,offender\n1,8,victim\n2,7,offender\n2,7,victim\n2,9,victim\n',
    'keep.json': '{ "conflictingRoles": "keep" }\n',
  });
}

describe("validate's reasons are whole and their advice is in the command line's terms", () => {
  it('a day/month/year date: the reason names --date-format and is not cut short', async () => {
    const p = exportFiles(tempDir());
    const r = await cli(['validate', ...inputArgs(p)]);
    expect(r.code).toBe(1);
    const row = r.stdout.split('\n').find((l) => l.startsWith('incidents     1'));
    expect(row).toMatch(
      /date '08\/10\/2023' is not a valid date; dates are read as ISO \(YYYY-MM-DD\): give --date-format dmy \(or mdy\) for day\/month\/year dates$/,
    );
    expect(r.stdout).not.toContain('dateFormat');
    expect(r.stdout).not.toContain('…');
    const strict = await cli(['validate', ...inputArgs(p), '--strict']);
    expect(strict.stderr).toContain('give --date-format dmy (or mdy)');
  });

  it('both offender and victim: the advice is a --map file, and that file keeps both rows', async () => {
    const p = exportFiles(tempDir());
    const r = await cli(['validate', ...inputArgs(p), '--date-format', 'dmy']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `both rows are rejected (put "conflictingRoles": "keep" in a --map file to keep both)`,
    );
    expect(r.stdout).not.toContain('conflictingRoles:');
    const kept = await cli([
      'validate',
      ...inputArgs(p),
      '--date-format',
      'dmy',
      '--map',
      p['keep.json'],
    ]);
    expect(kept.code).toBe(0);
  });
});

describe('validate says how many blank lines it skipped', () => {
  it('a BOM, semicolon, CRLF export padded with empty and delimiter-only lines', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv':
        '\uFEFFincident_id;date;offence\r\n1;2023-05-01;Assault\r\n2;2023-06-01;Shooting\r\n;;\r\n\r\n',
      'involvements.csv': 'incident_id;person_id;role\r\n1;7;offender\r\n2;7;victim\r\n',
    });
    const r = await cli(['validate', ...inputArgs(p)]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'incidents: 2 rows read, 2 accepted, 0 left out; 2 blank lines skipped (empty, or delimiters only)',
      'involvements: 2 rows read, 2 accepted, 0 left out',
    ]);
  });
});
