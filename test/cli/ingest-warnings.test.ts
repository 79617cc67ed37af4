import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

// Ingest's warnings say where the reading of the records may be wrong; the command line must show
// them (it printed "No problems found." over three of them).
const files = () =>
  writeFiles(tempDir(), {
    'incidents.csv':
      'incident_id,date,severity,area\nI1,2021-01-01,2,NULL\nI2,2021-02-03,3,"B\nC"\nI3,2021-03-05,1,A\n',
    'involvements.csv':
      'incident_id,person_id,role\nI1,A,offender\nI2,B,victim\nI3,A,offender\nI3,B,offender\n',
    'people.csv': 'person_id,birth_year\nZ,1990\n',
  });

const WARNINGS = [
  /1 line break is inside a quoted cell, so a row spans two lines: row 2 \(lines 3–4\)/,
  /2 of 2 people in the involvements are not in the people table/,
  /cells holding 'NULL' \(any case\) were read as missing values/,
];

describe('ingest warnings on the command line', () => {
  it('validate lists them under the counts, and does not say "No problems found"', async () => {
    const p = files();
    const r = await cli(['validate', ...inputArgs(p)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 warnings:');
    for (const w of WARNINGS) expect(r.stdout).toMatch(w);
    expect(r.stdout).not.toContain('No problems found');
    expect(r.stdout).toContain('No rows left out.');
  });

  it('validate --out problems.csv puts them on stderr', async () => {
    const p = files();
    const out = `${tempDir()}/problems.csv`;
    const r = await cli(['validate', ...inputArgs(p), '--out', out]);
    for (const w of WARNINGS) expect(r.stderr).toMatch(w);
  });

  it('an analysis prints them on stderr, even with --quiet', async () => {
    const p = files();
    const r = await cli(['graph', '-q', ...inputArgs(p)]);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n');
    for (const w of WARNINGS)
      expect(lines.some((l) => l.startsWith('warning: ') && w.test(l))).toBe(true);
  });
});
