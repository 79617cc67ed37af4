import { describe, expect, it } from 'vitest';
import { IngestError, ingest } from '../../src/ingest/index.js';
import { ingestFiles, readTable } from '../../src/node/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// A records system's "Export to Excel" that writes an HTML table under a .csv (.xls) name was
// read as CSV: its first line a header of one column ('<html><body><table>…'), the file "a header
// but no records" with no error from ingest, and every involvement "not in the incidents table".
const HTML =
  '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body><table>\n<tr><td>incident_id</td><td>date</td></tr>\n<tr><td>I1</td><td>2023-01-05</td></tr>\n</table></body></html>\n';
const XML =
  '\uFEFF<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>\n';
const involvements = 'incident_id,person_id,role\nI1,A,victim\n';
const FIX =
  'not CSV (a report tool\'s "Export to Excel" often writes one under an .xls or .csv name): open it in Excel and save it as CSV UTF-8 (File › Save As), or export the table as CSV';

function thrown(run: () => unknown): IngestError {
  try {
    run();
  } catch (e) {
    return e as IngestError;
  }
  throw new Error('did not throw');
}

describe('an HTML page or XML spreadsheet where a CSV was expected', () => {
  it('ingest of the text: an IngestError (not-text) naming the table', () => {
    const e = thrown(() => ingest({ incidents: HTML, involvements }));
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe('not-text');
    // Text may be CSV or JSON: both are named.
    expect(e.message).toBe(
      `incidents is an HTML page, ${FIX.replace('not CSV', 'not CSV or JSON')}`,
    );
  });

  it('ingestFiles and readTable name the file; the command line exits 1', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv': HTML,
      'people.xls.csv': XML,
      'involvements.csv': involvements,
    });
    expect(() =>
      ingestFiles({ incidents: p['incidents.csv'], involvements: p['involvements.csv'] }),
    ).toThrow(`'${p['incidents.csv']}' is an HTML page, ${FIX}`);
    expect(() => readTable(p['people.xls.csv'])).toThrow(
      `'${p['people.xls.csv']}' is an Excel 2003 XML Spreadsheet, ${FIX}`,
    );
    const r = await cli([
      'validate',
      '--incidents',
      p['incidents.csv'],
      '--involvements',
      p['involvements.csv'],
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`'${p['incidents.csv']}' is an HTML page, ${FIX}`);
  });

  it('a CSV whose cells hold markup is read as CSV', () => {
    const { data } = ingest(
      {
        incidents: 'incident_id,date,offence\nI1,2023-01-05,<b>Murder</b>\n',
        involvements,
      },
      { now: '2025-01-01' },
    );
    expect(data.incidents.map((x) => [x.incident_id, x.offence, x.severity])).toEqual([
      ['I1', '<b>Murder</b>', 4],
    ]);
  });

  // A page that starts with a comment ('<!-- saved from url=… -->', as a browser's "Save page"
  // writes) or a fragment ('<div>', an error page served in place of the data) was read as a
  // CSV header of one column; a .json file that was a page was told "not CSV" and how to save an
  // Excel export.
  const JSON_FIX =
    'not JSON (a web service or data portal answers with a page, a sign-in, an error or a notice, in place of its data): open it to read what the page says, then download the data again';
  it('a page starting with a comment or a fragment is an HTML page too; a .json file is told not JSON', async () => {
    for (const page of [
      '<!-- saved from url=(0040)https://portal.example/export -->\n<html><body>Sign in</body></html>\n',
      '\uFEFF<div class="error">Your session has expired.</div>\n',
      '<!-- error --><p>Too many requests</p>',
    ]) {
      const e = thrown(() => ingest({ incidents: page, involvements }));
      expect(e.code).toBe('not-text');
      expect(e.message).toBe(
        `incidents is an HTML page, ${FIX.replace('not CSV', 'not CSV or JSON')}`,
      );
    }
    const p = writeFiles(tempDir(), {
      'incidents.json': '<div class="error">Your session has expired.</div>\n',
      'incidents.csv': '<!-- saved -->\n<html><body></body></html>\n',
      'involvements.csv': involvements,
      'map.json': '<!DOCTYPE html><html><body>Not found</body></html>',
    });
    const json = thrown(() =>
      ingestFiles({ incidents: p['incidents.json'], involvements: p['involvements.csv'] }),
    );
    expect(json.code).toBe('not-text');
    expect(json.message).toBe(`'${p['incidents.json']}' is an HTML page, ${JSON_FIX}`);
    expect(thrown(() => readTable(p['incidents.csv'])).message).toBe(
      `'${p['incidents.csv']}' is an HTML page, ${FIX}`,
    );
    const r = await cli([
      'validate',
      '--incidents',
      p['incidents.json'],
      '--involvements',
      p['involvements.csv'],
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`'${p['incidents.json']}' is an HTML page, ${JSON_FIX}`);
  });

  it('a CSV whose header starts with < but no tag is read as CSV', () => {
    const { data } = ingest(
      { incidents: '<incident_id>,date,severity\nI1,2023-01-05,3\n', involvements },
      { now: '2025-01-01', mapping: { incident_id: '<incident_id>' } },
    );
    expect(data.incidents.map((x) => x.incident_id)).toEqual(['I1']);
  });
});
