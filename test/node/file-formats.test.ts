import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/index.js';
import { ingestFiles, readTable } from '../../src/node/index.js';
import { cli } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const incidentsTsv = 'incident_id\tdate\tseverity\nI1\t2023-01-05\t2\nI2\t2023-01-06\t3\n';
const involvementsTsv = 'incident_id\tperson_id\trole\nI1\tA\toffender\nI2\tA\tvictim\n';

describe('file formats by extension', () => {
  it('ingestFiles and readTable read .tsv, .tab and .txt files as delimited text (they were refused as "not .csv or .json")', () => {
    const r = ingestFiles(
      {
        incidents: file('incidents.tsv', incidentsTsv),
        involvements: file('inv.tab', involvementsTsv),
      },
      { now: '2025-01-01' },
    );
    expect(r.data.incidents.map((i) => [i.incident_id, i.date, i.severity])).toEqual([
      ['I1', '2023-01-05', 2],
      ['I2', '2023-01-06', 3],
    ]);
    expect(r.data.involvements.map((v) => `${v.incident_id}:${v.person_id}:${v.role}`)).toEqual([
      'I1:A:offender',
      'I2:A:victim',
    ]);
    // Excel's "Unicode Text" (.txt): UTF-16 LE with a byte-order mark, tab-separated.
    const unicodeText = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(incidentsTsv.replace('I1', 'Ié1'), 'utf16le'),
    ]);
    const txt = file('incidents.txt', unicodeText);
    expect(readTable(txt)).toEqual([
      { incident_id: 'Ié1', date: '2023-01-05', severity: '2' },
      { incident_id: 'I2', date: '2023-01-06', severity: '3' },
    ]);
    const byTxt = ingestFiles({ incidents: txt }, { now: '2025-01-01' });
    expect(byTxt.data.incidents.map((i) => i.incident_id)).toEqual(['Ié1', 'I2']);
    // Another extension is still refused, naming it.
    expect(() => readTable(file('notes.xml', '<a/>'))).toThrow(/is not \.csv or \.json/);
  });

  it('a gzip-compressed file (.csv.gz, .jsonl.gz) is read as its text; one cut short is refused as such', async () => {
    // It was refused as "gzip-compressed; decompress it first (gunzip)".
    const inc = file('incidents.csv.gz', gzipSync(Buffer.from(incidentsTsv.replace(/\t/g, ','))));
    const inv = file(
      'inv.jsonl.gz',
      gzipSync(
        Buffer.from(
          '{"incident_id":"I1","person_id":"A","role":"offender"}\n{"incident_id":"I2","person_id":"A","role":"victim"}\n',
        ),
      ),
    );
    const r = ingestFiles({ incidents: inc, involvements: inv }, { now: '2025-01-01' });
    expect(r.data.incidents.map((i) => [i.incident_id, i.date, i.severity])).toEqual([
      ['I1', '2023-01-05', 2],
      ['I2', '2023-01-06', 3],
    ]);
    expect(r.data.involvements.map((v) => `${v.incident_id}:${v.person_id}:${v.role}`)).toEqual([
      'I1:A:offender',
      'I2:A:victim',
    ]);
    expect(readTable(inc)).toEqual([
      { incident_id: 'I1', date: '2023-01-05', severity: '2' },
      { incident_id: 'I2', date: '2023-01-06', severity: '3' },
    ]);
    const v = await cli([
      'validate',
      '--incidents',
      inc,
      '--involvements',
      inv,
      '--now',
      '2025-01-01',
    ]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(
      /^incidents: 2 rows read, 2 accepted, 0 left out\ninvolvements: 2 rows read, 2 accepted/,
    );
    const whole = gzipSync(Buffer.from(incidentsTsv));
    const cut = file('cut.csv.gz', whole.subarray(0, whole.length - 12));
    expect(() => readTable(cut)).toThrow(
      `'${cut}' is not a text file but gzip-compressed, and cannot be decompressed (unexpected end of file): cut short or damaged? Copy or download it again in full`,
    );
  });

  it('a ZIP of exports is told to be unzipped, not to be saved as CSV from Excel', () => {
    // A local file header: PK\3\4, 22 bytes, the name's length at 26, the extra length, the name.
    const zipOf = (name: string) => {
      const head = Buffer.alloc(30);
      head.write('PK\x03\x04', 0, 'latin1');
      head.writeUInt16LE(Buffer.byteLength(name), 26);
      return Buffer.concat([head, Buffer.from(name), Buffer.from('incident_id,date\n')]);
    };
    const zip = file('export.csv', zipOf('export/incidents 2023.csv'));
    expect(() => readTable(zip)).toThrow(
      `'${zip}' is not a text file but a ZIP archive holding 'export/incidents 2023.csv'; unzip it and pass the file inside`,
    );
    expect(() => ingestFiles({ incidents: zip })).toThrow(
      /holding 'export\/incidents 2023\.csv'; unzip it/,
    );
    // A workbook (its first file [Content_Types].xml) is told as before.
    const xlsx = file('book.csv', zipOf('[Content_Types].xml'));
    expect(() => readTable(xlsx)).toThrow(
      /a ZIP archive \(an Excel workbook, \.xlsx\?\); open it and save it as CSV UTF-8/,
    );
  });

  it("readTable refuses a header naming a column twice, as ingest does (it kept the last column's cells)", () => {
    const p = file('dup.csv', 'incident_id,date,date\nI1,2023-01-05,Robbery\n');
    let err: unknown;
    try {
      readTable(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('duplicate-column');
    expect((err as IngestError).message).toBe(
      `'${p}' has the column 'date' twice in its header (columns 2 and 3); rename or remove one so that every column is read`,
    );
  });
});
