import { describe, expect, it } from 'vitest';
import { ingest, MissingColumnError } from '../../src/ingest/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// Reporting tools (Business Objects, SSRS, a records system's "export to CSV") often write a
// title, a run date or the filters used above the header. The title was read as the header, and
// the error said to map a column, which cannot fix it.
const NOW = '2025-01-01';
const INVOLVEMENTS = 'incident_id,person_id,role\nI1,A,offender\nI1,B,offender\n';

function thrown(f: () => unknown): MissingColumnError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MissingColumnError);
    return e as MissingColumnError;
  }
  throw new Error('did not throw');
}

describe('lines above the header', () => {
  it('a title and a blank line: the error names the line that reads as the header', () => {
    const incidents =
      'Crime Report - generated 05/01/2024\n\nincident_id,date,severity\nI1,2023-01-05,1\n';
    const e = thrown(() => ingest({ incidents, involvements: INVOLVEMENTS }, { now: NOW }));
    expect(e.headerLine).toBe(3);
    expect(e.message).toBe(
      "incidents has no 'incident_id' column; its columns are 'Crime Report - generated 05/01/2024'. " +
        "Line 3 reads as the header ('incident_id', 'date', 'severity'): the 2 lines above it (a report title?) are not part of the table. " +
        'Delete them, so that the header is the first line, and read the file again; a column mapping will not fix this.',
    );
  });

  it('found in the involvements, and in a semicolon file whose title has no semicolon', () => {
    const involvements = 'Nominals;\nRun by: J Smith\nincident_id;person_id;role\nI1;A;offender\n';
    const e = thrown(() =>
      ingest(
        { incidents: 'incident_id,date,severity\nI1,2023-01-05,1\n', involvements },
        { now: NOW },
      ),
    );
    expect(e.table).toBe('involvements');
    expect(e.headerLine).toBe(3);
    expect(e.message).toContain(
      "Line 3 reads as the header ('incident_id', 'person_id', 'role'): the 2 lines above it",
    );
  });

  it('a header with a mapped name is found by its mapping', () => {
    const incidents = 'Report\nURN,OffenceDate,severity\nI1,2023-01-05,1\n';
    const e = thrown(() =>
      ingest(
        { incidents, involvements: INVOLVEMENTS },
        { now: NOW, mapping: { incident_id: 'URN', date: 'OffenceDate' } },
      ),
    );
    expect(e.headerLine).toBe(2);
    expect(e.message).toContain(
      'the line above it (a report title?) is not part of the table. Delete it, so that the header is the first line',
    );
  });

  it('a table that is only missing the column is told to map it, as before', () => {
    const e = thrown(() =>
      ingest(
        { incidents: 'URN,date,severity\nI1,2023-01-05,1\n', involvements: INVOLVEMENTS },
        { now: NOW },
      ),
    );
    expect(e.headerLine).toBeUndefined();
    expect(e.message).toMatch(/map it: ingest\(input, \{ mapping: \{ incident_id/);
  });

  it('the command line says so, without the --map advice', async () => {
    const files = writeFiles(tempDir(), {
      'incidents.csv': 'Crime Report\nincident_id,date,severity\nI1,2023-01-05,1\n',
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
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Line 2 reads as the header ('incident_id', 'date', 'severity')");
    expect(r.stderr).not.toContain('--map');
  });
});
