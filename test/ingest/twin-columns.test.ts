import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// An export merged from two systems, or a column added by hand, can hold two columns that both
// name a field ('Incident_ID' and 'INCIDENTID', 'Offence' and 'Offense'). The first was read with
// no word, and the other listed among columns "a name no field has".
const NOW = '2025-01-01';
const INVOLVEMENTS = 'incident_id,person_id,role\nI1,A,offender\nI1,B,offender\nX2,C,offender\n';
const twin = (warnings: readonly string[]) => warnings.find((w) => w.includes('both name'));

describe('two columns that both name a field', () => {
  it('are named in a warning, with the one read and the mapping that reads the other', () => {
    const incidents =
      'Incident_ID,INCIDENTID,date,severity\nI1,X1,2023-01-05,1\nI2,X2,2023-01-06,3\n';
    const r = ingest({ incidents, involvements: INVOLVEMENTS }, { now: NOW });
    expect(twin(r.summary.warnings)).toBe(
      "incidents: the columns 'Incident_ID' and 'INCIDENTID' both name incident_id; 'Incident_ID' was read, 'INCIDENTID' was not (if it holds the incident_id, map it: mapping: { incident_id: 'INCIDENTID' })",
    );
    // Read as before: the first.
    expect(r.summary.columns.incidents.incident_id).toBe('Incident_ID');
  });

  it('an alternative name (offense beside Offence) and the columnar path say the same', () => {
    const arrow = tableFromArrays({
      incident_id: ['I1', 'I2'],
      date: ['2023-01-05', '2023-01-06'],
      Offence: ['Assault', 'Robbery'],
      offense: ['ASSAULT-COMMON', 'ROBBERY-PERSONAL'],
    });
    const involvements = tableFromArrays({
      incident_id: ['I1', 'I2'],
      person_id: ['A', 'B'],
      role: ['offender', 'victim'],
    });
    const expected =
      "incidents: the columns 'Offence' and 'offense' both name offence; 'Offence' was read, 'offense' was not (if it holds the offence, map it: mapping: { offence: 'offense' })";
    expect(twin(ingest({ incidents: arrow, involvements }, { now: NOW }).summary.warnings)).toBe(
      expected,
    );
  });

  it('a flat table names its own columns, and a mapping says nothing', () => {
    const flat =
      'incident_id,person_id,role,Date,date_,severity\nI1,A,offender,2023-01-05,2023-01-04,1\n';
    expect(twin(ingest({ involvements: flat }, { now: NOW }).summary.warnings)).toBe(
      "involvements: the columns 'Date' and 'date_' both name date; 'Date' was read, 'date_' was not (if it holds the date, map it: mapping: { date: 'date_' })",
    );
    const mapped = ingest({ involvements: flat }, { now: NOW, mapping: { date: 'date_' } });
    expect(twin(mapped.summary.warnings)).toBeUndefined();
    expect(mapped.data.incidents[0].date).toBe('2023-01-04');
  });
});

describe('validate on the command line', () => {
  it('gives the warning with the --map entry, and does not call the twin a name no field has', async () => {
    const files = writeFiles(tempDir(), {
      'incidents.csv':
        'incident_id,Incident ID,date,severity,Notes\nI1,X1,2023-01-05,1,a\nI2,X2,2023-01-06,3,b\n',
      'involvements.csv': INVOLVEMENTS,
    });
    const r = await cli([
      'validate',
      '--incidents',
      files['incidents.csv'],
      '--involvements',
      files['involvements.csv'],
      '--now',
      NOW,
    ]);
    expect(r.stdout).toContain(
      `incidents: the columns 'incident_id' and 'Incident ID' both name incident_id; 'incident_id' was read, 'Incident ID' was not (if it holds the incident_id, map it in a --map file: { "mapping": { "incident_id": "Incident ID" } })`,
    );
    expect(r.stdout).toContain("incidents: 1 column not read, a name no field has: 'Notes'\n");
  });
});
