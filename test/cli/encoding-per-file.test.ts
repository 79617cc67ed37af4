import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

// A police export often mixes a UTF-8 people file with a windows-1252 incidents file; --encoding
// named every file of a run, so one of the two was always read wrong (José as JosÃ©).
const dir = tempDir('vc-enc-');
const inc = join(dir, 'incidents.csv');
const inv = join(dir, 'involvements.csv');
const ppl = join(dir, 'people.csv');
// windows-1252: é is the one byte 0xE9.
writeFileSync(
  inc,
  Buffer.from(
    'incident_id,date,severity,area\nI1,2021-01-01,2,Bégles\nI2,2021-02-03,3,Sète\n',
    'latin1',
  ),
);
writeFileSync(inv, 'incident_id,person_id,role\nI1,José,offender\nI2,Bø,victim\n');
writeFileSync(ppl, 'person_id,birth_year\nJosé,1990\nBø,1991\n');
const base = ['--incidents', inc, '--involvements', inv, '--people', ppl, '--now', '2025-01-01'];
const validate = (...extra: string[]) => cli(['validate', ...base, ...extra]);

describe('--encoding <table>=<label>', () => {
  it("reads each file in its own encoding; a bare label is every other file's", async () => {
    const r = await validate('--encoding', 'incidents=windows-1252', '--format', 'json');
    expect(r.stderr).not.toContain('warning');
    expect(r.code).toBe(0);
    const { summary } = JSON.parse(r.stdout);
    expect(summary.warnings).toEqual([]);
    expect(summary.tables.people).toMatchObject({ read: 2, accepted: 2 });
    // The bare form as before, with a table's own label over it.
    const both = await validate(
      '--encoding',
      'windows-1252',
      '--encoding',
      'involvements=utf-8',
      '--encoding',
      'people=utf-8',
      '--format',
      'json',
    );
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout).summary.warnings).toEqual([]);
  });

  it('the bare form still names every file, and its warning names the file to read as UTF-8', async () => {
    const r = await validate('--encoding', 'windows-1252', '--format', 'json');
    const { summary } = JSON.parse(r.stdout);
    expect(summary.warnings[0]).toMatch(
      /^'.*involvements\.csv' was read as windows-1252, but it is valid UTF-8 .*read it with --encoding involvements=utf-8 \(or no --encoding, when every file is UTF-8\), or ids such as 'José' become 'JosÃ©'$/,
    );
  });

  it('a file declared UTF-8 holding windows-1252 bytes is refused, naming the file and its first bad line', async () => {
    for (const label of ['utf-8', 'UTF8', 'unicode-1-1-utf-8']) {
      const r = await validate('--encoding', `incidents=${label}`);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^error: --incidents '.*incidents\.csv' is not UTF-8: at byte offset 48 \(line 2, byte 18 of the line\) is 0xe9; .*; give its encoding with --encoding incidents=<label>, e\.g\. --encoding incidents=windows-1252/,
      );
    }
  });

  it('an unknown table, an unknown label, a label given twice or for a file not given is a usage error naming the fix', async () => {
    const table = await validate('--encoding', 'incident=windows-1252');
    expect(table.code).toBe(2);
    expect(table.stderr).toContain(
      "'incident' is not a table (did you mean incidents?); give <table>=<label> with a table of incidents, involvements, people, exits (the file of its flag), e.g. --encoding incidents=windows-1252, or a bare label for every file.",
    );
    const label = await validate('--encoding', 'people=windows1252');
    expect(label.code).toBe(2);
    expect(label.stderr).toContain("'windows1252' is not an encoding (did you mean windows-1252?)");
    const twice = await validate('--encoding', 'people=utf-8', '--encoding', 'people=latin1');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(
      "the people file's encoding is given twice ('utf-8' and 'latin1'); give it once.",
    );
    const bare = await validate('--encoding', 'utf-8', '--encoding', 'latin1');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("every file's encoding is given twice ('utf-8' and 'latin1')");
    const none = await cli([
      'validate',
      '--incidents',
      inc,
      '--involvements',
      inv,
      '--encoding',
      'incidents=windows-1252',
      '--encoding',
      'people=latin1',
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'error: --encoding people=latin1 names the --people file, but no --people is given; give the file, or leave that --encoding out.\n',
    );
  });

  it('is in the help', async () => {
    const r = await cli(['validate', '--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      "one file's as <table>=<label>, repeatable: --encoding incidents=windows-1252 --encoding people=utf-8",
    );
  });
});
