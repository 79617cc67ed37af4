import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

// A column whose name is no field's ('Area Code' beside 'Incident ID', 'Date'…) is not read: its
// data reaches no analysis or audit. validate said "No problems found." over it; the column was
// named only in the JSON summary's ignoredColumns.
const files = () =>
  writeFiles(tempDir(), {
    'incidents.csv':
      'Incident ID,Date,Offence,Severity,Area Code,Notes\nI1,2023-03-05,Assault,2,N1,x\nI2,2023-04-12,Shooting,3,N2,y\n',
    'involvements.csv': 'Incident ID,Person ID,Role\nI1,A,Suspect\nI1,B,Victim\nI2,A,Victim\n',
  });

describe('validate names the columns it did not read', () => {
  it('in its text, with the field a name is close to and the --map entry that reads it', async () => {
    const r = await cli(['validate', ...inputArgs(files())]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `incidents: 2 columns not read, a name no field has: 'Area Code' (area? map it in a --map file: { "mapping": { "area": "Area Code" } }), 'Notes'`,
    );
    expect(r.stdout).not.toContain('No problems found');
    expect(r.stdout).toContain('No rows left out.');
    expect(r.stdout).not.toContain('involvements: 1 column');
  });

  it('mapped, the column is read and nothing is said', async () => {
    const p = files();
    const map = writeFiles(tempDir(), { 'map.json': '{ "mapping": { "area": "Area Code" } }' });
    const r = await cli(['validate', ...inputArgs(p), '--map', map['map.json']]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("incidents: 1 column not read, a name no field has: 'Notes'\n");
  });

  it('with --out, on stderr', async () => {
    const out = `${tempDir()}/problems.csv`;
    const r = await cli(['validate', ...inputArgs(files()), '--out', out]);
    expect(r.stderr).toContain("'Area Code' (area?");
  });
});

describe('a missing column on the command line', () => {
  it('the mapping example names the missing field (it named incident_id for any field)', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv': 'incident_id,when,severity\nI1,2023-01-01,2\n',
      'involvements.csv': 'incident_id,person_id,role\nI1,A,victim\n',
    });
    const r = await cli(['validate', ...inputArgs(p)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: incidents has no 'date' column; its columns are 'incident_id', 'when', 'severity'. Add a column mapping with --map mapping.json, e.g. { "mapping": { "date": "<column name>" } }.\n`,
    );
  });
});

describe('a misspelt option in a --map file', () => {
  it("is named, with the closest option, not reported as a bad value of option 'mapping'", async () => {
    // Before: "error: ingest: option 'mapping' must be an object whose every value is a string
    // ('maping' is not), got an object."
    const p = files();
    const map = writeFiles(tempDir(), {
      'map.json': '{ "maping": { "area": "Area Code" } }',
    });
    const r = await cli(['validate', ...inputArgs(p), '--map', map['map.json']]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `'maping' is neither an ingest option nor a canonical field; did you mean 'mapping'?`,
    );
    expect(r.stderr).not.toContain("option 'mapping' must be");
  });

  it('is told the option it names under a near-synonym, as the library tells options', async () => {
    // Before: "'seriousnessMap' is neither an ingest option nor a canonical field (options: …"
    // with no suggestion (closestName, which knows no synonyms).
    const p = files();
    const map = writeFiles(tempDir(), {
      'map.json': '{ "seriousnessMap": { "Murder": 4 } }',
    });
    const r = await cli(['validate', ...inputArgs(p), '--map', map['map.json']]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `'seriousnessMap' is neither an ingest option nor a canonical field; did you mean 'severityMap'?`,
    );
  });
});
