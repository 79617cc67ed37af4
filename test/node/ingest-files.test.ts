import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError, ingest } from '../../src/ingest/index.js';
import { ingestFiles, readTable } from '../../src/node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const incidentsCsv = '\uFEFFincident_id,date,severity\nI1,2021-01-01,2\nI2,2021-01-02,3\n';
const involvementsCsv = 'incident_id,person_id,role\nI1,A,offender\nI2,A,victim\n';

describe('node: readTable and ingestFiles', () => {
  it('readTable(path) reads CSV (all text) and JSON files into row objects', () => {
    expect(readTable(file('inc.csv', incidentsCsv))).toEqual([
      { incident_id: 'I1', date: '2021-01-01', severity: '2' },
      { incident_id: 'I2', date: '2021-01-02', severity: '3' },
    ]);
    expect(readTable(file('inc.json', '[{"incident_id":"I1","severity":2}]'))).toEqual([
      { incident_id: 'I1', severity: 2 },
    ]);
  });

  it("ingest(readTable(path)) reads Excel's padded ',,' lines and empty lines as ingestFiles does: blank", () => {
    const inc = file(
      'padded.csv',
      'incident_id,date,severity\nI1,2021-01-01,2\n,,\n\nI2,2021-01-02,3\n',
    );
    const inv = file(
      'padded-inv.csv',
      'incident_id,person_id,role\nI1,A,offender\n,,\nI2,A,victim\n',
    );
    const byFiles = ingestFiles({ incidents: inc, involvements: inv }, { now: '2025-01-01' });
    const byRows = ingest(
      { incidents: readTable(inc), involvements: readTable(inv) },
      { now: '2025-01-01' },
    );
    // Before: read 4, rejected 2 ('incident id is empty') by rows; blank 2 by files.
    expect(byRows.summary.tables.incidents).toMatchObject({ read: 2, rejected: 0, blank: 2 });
    expect(byFiles.summary.tables.incidents).toMatchObject({ read: 2, rejected: 0, blank: 2 });
    expect(byRows.summary.tables.involvements).toMatchObject({ read: 2, rejected: 0, blank: 1 });
    expect(byRows.rejected).toEqual([]);
    expect(byRows.data.incidents).toEqual(byFiles.data.incidents);
  });

  it('ingestFiles({ incidents, involvements }) equals ingest on the same text', () => {
    const paths = {
      incidents: file('i.csv', incidentsCsv),
      involvements: file('v.csv', involvementsCsv),
    };
    const fromFiles = ingestFiles(paths, { now: '2025-01-01' });
    expect(fromFiles).toEqual(
      ingest({ incidents: incidentsCsv, involvements: involvementsCsv }, { now: '2025-01-01' }),
    );
    expect(fromFiles.data.involvements).toHaveLength(2);
  });

  it('ingestFiles reads the nested form from a JSON file', () => {
    const nested = [
      {
        incident_id: 'I1',
        date: '2021-01-01',
        severity: 1,
        people: [{ person_id: 'A', role: 'victim' }],
      },
    ];
    const { data, summary } = ingestFiles(
      { incidents: file('nested.json', JSON.stringify(nested)) },
      { now: '2025-01-01' },
    );
    expect(summary.form).toBe('nested');
    expect(data.involvements).toEqual([{ incident_id: 'I1', person_id: 'A', role: 'victim' }]);
  });

  it('a wrong path says the file does not exist and where it looked', () => {
    expect(() => ingestFiles({ incidents: join(dir, 'nope.csv') })).toThrow(
      /incidents file '.*nope\.csv' does not exist \(looked for .*\); check the path/,
    );
  });

  it('an empty file, a directory or another extension each say what to do', () => {
    expect(() => readTable(file('empty.csv', '  \n'))).toThrow(
      /is empty; export the table again with its header row/,
    );
    const sub = join(dir, 'folder.csv');
    mkdirSync(sub);
    expect(() => readTable(sub)).toThrow(/is a directory/);
    expect(() => readTable(file('x.xlsx', 'PK'))).toThrow(
      /is not \.csv or \.json; save or export it as CSV/,
    );
    expect(() => readTable(file('bad.json', '{"a":1}'))).toThrow(/not an array of rows/);
  });

  it('a .parquet or .arrow file is told how to read it, as one named .csv is', () => {
    // It read "is not .csv or .json; save or export it as CSV (UTF-8) or JSON", hiding that
    // readParquet and tableFromIPC read them.
    const parquet = join(dir, 'incidents.parquet');
    writeFileSync(parquet, Buffer.from('PAR1\x15\x00\x15\x1c payload PAR1', 'latin1'));
    const arrow = join(dir, 'incidents.arrow');
    writeFileSync(arrow, Buffer.from('ARROW1\x00\x00\xff\xff', 'latin1'));
    expect(() => readTable(parquet)).toThrow(
      /is not a text file but a Parquet file; read it with readParquet and pass the table to ingest/,
    );
    expect(() => ingestFiles({ incidents: parquet })).toThrow(IngestError);
    expect(() => readTable(arrow)).toThrow(/an Apache Arrow file; read it with tableFromIPC/);
    // Another file of another extension is still told its extension.
    expect(() => readTable(file('notes.xml', '<a>1</a>'))).toThrow(/is not \.csv or \.json/);
    expect(() => readTable(file('broken.json', '[{'))).toThrow(/is not valid JSON/);
  });
});

describe('encodings', () => {
  const latin1 = join(dir, 'latin1-involvements.csv');
  writeFileSync(
    latin1,
    Buffer.from('incident_id,person_id,role\nI1,José,offender\nI1,Josè,victim\n', 'latin1'),
  );
  const incidents = join(dir, 'enc-incidents.csv');
  writeFileSync(incidents, 'incident_id,date,severity\nI1,2021-01-01,3\n');

  it('invalid UTF-8 is an IngestError naming file, line and byte offset, never merged ids', () => {
    let err: unknown;
    try {
      ingestFiles({ incidents, involvements: latin1 }, { now: '2025-01-01' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('encoding');
    expect((err as IngestError).line).toBe(2);
    expect((err as Error).message).toContain(
      'is not UTF-8: at byte offset 33 (line 2, byte 7 of the line) is 0xe9',
    );
    expect((err as Error).message).toContain("{ encoding: 'windows-1252' }");
  });

  it("encoding: 'latin1' reads José and Josè as two people", () => {
    const r = ingestFiles(
      { incidents, involvements: latin1 },
      { now: '2025-01-01', encoding: 'latin1' },
    );
    expect(r.data.involvements.map((v) => v.person_id)).toEqual(['José', 'Josè']);
    expect(readTable(latin1, { encoding: 'windows-1252' })[1].person_id).toBe('Josè');
  });

  it('a UTF-8 file read as windows-1252 (José as JosÃ©) is read so, with a warning saying to read it as UTF-8', () => {
    // Before: read without a word, every accented id of the file a different id from the same
    // person's in a UTF-8 file.
    const utf8 = file(
      'utf8-involvements.csv',
      'incident_id,person_id,role\nI1,José,offender\nI1,Bø,victim\n',
    );
    const r = ingestFiles(
      { incidents, involvements: utf8 },
      { now: '2025-01-01', encoding: 'windows-1252' },
    );
    expect(r.data.involvements.map((v) => v.person_id)).toEqual(['JosÃ©', 'BÃ¸']);
    expect(r.summary.warnings[0]).toBe(
      `'${utf8}' was read as windows-1252, but it is valid UTF-8 with 2 letters beyond ASCII, each read as two or three characters (line 2: 'I1,JosÃ©,offender', in UTF-8 'I1,José,offender'): if it was saved as UTF-8, read it with encoding: { involvements: 'utf-8', default: 'windows-1252' } (or no encoding, when every file is UTF-8), or ids such as 'José' become 'JosÃ©'`,
    );
    // Real windows-1252 text (é is one byte, 0xE9) and ASCII-only files get no warning.
    const ascii = file('ascii-involvements.csv', 'incident_id,person_id,role\nI1,Jose,offender\n');
    for (const path of [latin1, ascii]) {
      const ok = ingestFiles(
        { incidents, involvements: path },
        { now: '2025-01-01', encoding: 'windows-1252' },
      );
      expect(ok.summary.warnings.join()).not.toMatch(/valid UTF-8/);
    }
    // readTable, which returns rows, emits it as a process warning.
    const emitted: string[] = [];
    const emit = process.emitWarning;
    process.emitWarning = ((w: string) => emitted.push(w)) as typeof process.emitWarning;
    try {
      expect(readTable(utf8, { encoding: 'latin1' })[0].person_id).toBe('JosÃ©');
    } finally {
      process.emitWarning = emit;
    }
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatch(/was read as latin1, but it is valid UTF-8/);
  });

  it('a CSV file that begins with PAR1 is read as text (Parquet also ends with PAR1)', () => {
    // Before: refused as "not a text file but a Parquet file".
    const csv = file('par1.csv', 'PAR1_ref,incident_id\nx,I1\n');
    expect(readTable(csv)).toEqual([{ PAR1_ref: 'x', incident_id: 'I1' }]);
    const parquet = file('real.csv', 'PAR1\u0000\u0015xxxxxxxxxxPAR1');
    expect(() => readTable(parquet)).toThrow(/not a text file but a Parquet file/);
  });

  it('a Parquet file cut short (PAR1 at its start only) is named so, never an encoding hint', () => {
    // Before: "is not UTF-8 … pass the file's encoding, e.g. { encoding: 'windows-1252' }".
    const page = [0x50, 0x41, 0x52, 0x31, 0x15, 0x04, 0x15, 0x90, 0x4e, 0x15, 0xc8, 0xe1, 0x01];
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, Buffer.from([...page, ...Array(40).fill(0x41), 0x1c, 0x8f, 0xff]));
    for (const options of [{}, { encoding: 'windows-1252' }]) {
      let err: unknown;
      try {
        readTable(cut, options);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).code).toBe('not-text');
      expect((err as Error).message).toMatch(
        /'.*cut\.csv' is not a text file but a Parquet file cut short: it begins like one \(PAR1\) but does not end like one \(an interrupted download or copy, or a file still being written\?\); copy or download it again in full/,
      );
      expect((err as Error).message).not.toMatch(/UTF-8|encoding|windows-1252/);
    }
    // A windows-1252 CSV whose first cell begins with PAR1 still gets the encoding hint.
    const latin = join(dir, 'par1-latin.csv');
    writeFileSync(latin, Buffer.from('PAR1_ref,person_id\nx,Jos\xe9\n', 'latin1'));
    expect(() => readTable(latin)).toThrow(/is not UTF-8.*windows-1252/);
    expect(readTable(latin, { encoding: 'windows-1252' })).toEqual([
      { PAR1_ref: 'x', person_id: 'José' },
    ]);
  });
});
