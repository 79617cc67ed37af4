import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/node/index.js';
import { cli, tempDir } from './helpers.js';

// Excel's "Unicode Text" (Save As) is tab-separated UTF-16 LE with a byte-order mark.
const INC = 'incident_id\tdate\tseverity\r\nI1\t2021-01-01\t2\r\nI2\t2021-02-03\t3\r\n';
const INV = 'incident_id\tperson_id\trole\r\nI1\tJosé\toffender\r\nI2\tBø\tvictim\r\n';

const utf16 = (text: string, order: 'le' | 'be', bom = true) => {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
};

function files(order: 'le' | 'be', bom = true) {
  const dir = tempDir();
  const inc = join(dir, 'incidents.csv');
  const inv = join(dir, 'involvements.csv');
  writeFileSync(inc, utf16(INC, order, bom));
  writeFileSync(inv, utf16(INV, order, bom));
  return { inc, inv };
}

describe('UTF-16 files', () => {
  for (const order of ['le', 'be'] as const) {
    it(`UTF-16 ${order.toUpperCase()} with a byte-order mark is read as such, without --encoding`, async () => {
      const { inc, inv } = files(order);
      const r = await cli(['validate', '--incidents', inc, '--involvements', inv]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('involvements: 2 rows read, 2 accepted, 0 left out');
      const { data } = ingestFiles({ incidents: inc, involvements: inv }, { now: '2025-01-01' });
      expect(data.involvements.map((v) => v.person_id)).toEqual(['José', 'Bø']);
    });
  }

  it('the mark wins over a wrong --encoding (never read as windows-1252)', async () => {
    const { inc, inv } = files('le');
    const { data } = ingestFiles(
      { incidents: inc, involvements: inv },
      { now: '2025-01-01', encoding: 'windows-1252' },
    );
    expect(data.involvements.map((v) => v.person_id)).toEqual(['José', 'Bø']);
  });

  it('UTF-16 without a mark is refused naming the NUL bytes and utf-16le; --encoding utf-16le reads it', async () => {
    const { inc, inv } = files('le', false);
    const r = await cli(['validate', '--incidents', inc, '--involvements', inv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: --incidents '.*incidents\.csv' holds a NUL character \(line 1\).*UTF-16 LE without a byte-order mark.*--encoding incidents=utf-16le/,
    );
    const ok = await cli([
      'validate',
      '--incidents',
      inc,
      '--involvements',
      inv,
      '--encoding',
      'utf-16le',
    ]);
    expect(ok.code).toBe(0);
  });
});

describe('UTF-16 without a mark (SQL Server bcp -w) beside UTF-8 files', () => {
  // Letters beyond ASCII (José) made the first check "not UTF-8 … e.g. --encoding windows-1252",
  // which then refused it as "is its encoding 'windows-1252'?"; --encoding utf-16le, which names
  // every file, read the UTF-8 incidents as a line of CJK characters ("a header but no records").
  const dir = tempDir();
  const inc = join(dir, 'incidents.csv');
  const le = join(dir, 'nominals-le.csv');
  const be = join(dir, 'nominals-be.csv');
  writeFileSync(inc, 'incident_id,date,severity\nI1,2021-01-01,2\nI2,2021-02-03,3\n');
  writeFileSync(le, utf16(INV, 'le', false));
  writeFileSync(be, utf16(INV, 'be', false));
  const hint = (file: string, order: string, not = '') =>
    `error: --involvements '${file}' holds a NUL character (line 1), which no CSV or JSON text does: its bytes are UTF-16 ${order.toUpperCase()} without a byte-order mark (a NUL byte beside every ASCII character, as SQL Server's bcp -w writes)${not}; give its encoding, --encoding involvements=utf-16${order}, or save it as CSV UTF-8.\n`;

  it('is refused naming its order, also after a first letter beyond ASCII and under --encoding windows-1252', async () => {
    for (const [file, order] of [
      [le, 'le'],
      [be, 'be'],
    ] as const) {
      const r = await cli(['validate', '--incidents', inc, '--involvements', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(hint(file, order));
    }
    const w = await cli([
      'validate',
      '--incidents',
      inc,
      '--involvements',
      le,
      '--encoding',
      'windows-1252',
    ]);
    expect(w.code).toBe(1);
    expect(w.stderr).toBe(hint(le, 'le', ', not windows-1252'));
  });

  it('--encoding utf-16le reads it in its own order, and the UTF-8 file beside it as UTF-8, with a warning', async () => {
    for (const file of [le, be]) {
      const r = await cli([
        'validate',
        '--incidents',
        inc,
        '--involvements',
        file,
        '--encoding',
        'utf-16le',
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('incidents: 2 rows read, 2 accepted, 0 left out');
      expect(r.stdout).toContain('involvements: 2 rows read, 2 accepted, 0 left out');
      expect(r.stdout).toContain(
        `- '${inc}' was read as UTF-8, not utf-16le: its bytes are not UTF-16 (no NUL byte beside its ASCII characters) and it has no byte-order mark; the encoding is used for the files that are`,
      );
    }
    const { data } = ingestFiles(
      { incidents: inc, involvements: be },
      { now: '2025-01-01', encoding: 'utf-16le' },
    );
    expect(data.involvements.map((v) => v.person_id)).toEqual(['José', 'Bø']);
  });
});

describe('a stray NUL in a UTF-8 file', () => {
  it('is refused naming its line, without the UTF-16 hint (a CHAR column padding is not an encoding)', async () => {
    const dir = tempDir('vc-nul-');
    const inc = join(dir, 'incidents.csv');
    const inv = join(dir, 'involvements.csv');
    writeFileSync(inc, 'incident_id,date,severity\nI1,2021-01-01,3\nI2,2021-02-01,3\n');
    writeFileSync(inv, 'incident_id,person_id,role\nI1,A,victim\nI2,B\u0000\u0000,offender\n');
    const r = await cli(['validate', '--incidents', inc, '--involvements', inv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds a NUL character \(line 3\).*remove it/);
    expect(r.stderr).not.toMatch(/UTF-16/);
  });
});

describe('files that are not text', () => {
  const cases: [string, number[], RegExp][] = [
    [
      'book.xlsx',
      [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x86],
      /a ZIP archive \(an Excel workbook, \.xlsx\?\); open it and save it as CSV UTF-8/,
    ],
    ['saved-as.csv', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x86], /a ZIP archive/],
    [
      'old.xls',
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00],
      /an Excel 97–2003 workbook \(\.xls\)/,
    ],
    ['data.csv', [0x50, 0x41, 0x52, 0x31, 0x00, 0x15], /a Parquet file; the command line reads/],
    [
      'cut.csv',
      [0x50, 0x41, 0x52, 0x31, 0x15, 0x04, 0x15, 0x90, 0x4e, 0xff],
      /a Parquet file cut short: it begins like one \(PAR1\) but does not end like one/,
    ],
    // Cut short: a whole gzip file is read (test/node/file-formats.test.ts).
    [
      'data.csv.gz',
      [0x1f, 0x8b, 0x08, 0x00],
      /gzip-compressed, and cannot be decompressed \(.+\): cut short or damaged\? Copy or download it again in full/,
    ],
  ];
  for (const [name, bytes, message] of cases) {
    it(`${name} is named for what it is (never an encoding hint), with or without --encoding`, async () => {
      const dir = tempDir();
      const inc = join(dir, name);
      // Parquet also ends with PAR1 (a text file only beginning so is read as text; a binary one
      // is a Parquet file cut short).
      const tail = name === 'data.csv' ? [0x50, 0x41, 0x52, 0x31] : [];
      writeFileSync(inc, Buffer.from([...bytes, ...Array(64).fill(0x41), ...tail]));
      for (const extra of [[], ['--encoding', 'windows-1252']]) {
        const r = await cli(['validate', '--incidents', inc, ...extra]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(
          new RegExp(`^error: --incidents '.*${name.replace('.', '\\.')}' is not a text file but `),
        );
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/encoding|UTF-16/);
      }
    });
  }
});

describe('a Parquet or Arrow file given to the command line', () => {
  // Before: "…; read it with readParquet and pass the table to ingest", which a command-line user
  // cannot do.
  const PARQUET = [
    0x50,
    0x41,
    0x52,
    0x31,
    0x15,
    0x04,
    ...Array(64).fill(0x41),
    0x50,
    0x41,
    0x52,
    0x31,
  ];
  const ARROW = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31, 0x00, 0x00, ...Array(64).fill(0x41)];

  it('says to export it as CSV (DuckDB for Parquet), the library functions second', async () => {
    const dir = tempDir();
    const pq = join(dir, 'involvements.parquet');
    const pqCsv = join(dir, 'incidents.csv');
    const arrow = join(dir, 'involvements.arrow');
    writeFileSync(pq, Buffer.from(PARQUET));
    writeFileSync(pqCsv, Buffer.from(PARQUET));
    writeFileSync(arrow, Buffer.from(ARROW));
    const run = async (option: string, path: string) => {
      const r = await cli(['validate', option, path]);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/; read it with/);
      return r.stderr;
    };
    expect(await run('--involvements', pq)).toBe(
      `error: --involvements '${pq}' is not a text file but a Parquet file; the command line reads CSV and JSON only: ` +
        `export it as CSV, e.g. with DuckDB: duckdb -c "COPY (SELECT * FROM '${pq}') TO '${join(dir, 'involvements.csv')}' (HEADER)", ` +
        'and pass that file (or, in a Node script, read it with readParquet and pass the table to ingest).\n',
    );
    // A Parquet file saved under a .csv name: the export is not written over it.
    expect(await run('--incidents', pqCsv)).toContain(
      `TO '${join(dir, 'incidents-table.csv')}' (HEADER)`,
    );
    // A quote in the path is doubled for SQL (o'hare → o''hare), and $ escaped for the shell.
    const odd = join(dir, "o'hare $x.parquet");
    writeFileSync(odd, Buffer.from(PARQUET));
    expect(await run('--involvements', odd)).toContain(
      `duckdb -c "COPY (SELECT * FROM '${join(dir, "o''hare \\$x.parquet")}') TO '${join(dir, "o''hare \\$x.csv")}' (HEADER)"`,
    );
    expect(await run('--involvements', arrow)).toBe(
      `error: --involvements '${arrow}' is not a text file but an Apache Arrow file; the command line reads CSV and JSON only: ` +
        'export the table as CSV from the tool that wrote it and pass that file (or, in a Node script, read it with tableFromIPC and pass the table to ingest).\n',
    );
  });

  it('the library keeps its wording (readTable, ingestFiles)', () => {
    const dir = tempDir();
    const pq = join(dir, 'involvements.csv');
    writeFileSync(pq, Buffer.from(PARQUET));
    expect(() => ingestFiles({ involvements: pq })).toThrow(
      /is not a text file but a Parquet file; read it with readParquet and pass the table to ingest, or export it as CSV$/,
    );
  });
});

describe('a UTF-8 file read with --encoding windows-1252', () => {
  it('is read so, with a warning that names the file and line and says --encoding utf-8', async () => {
    // Before: 'José' became 'JosÃ©' without a word.
    const dir = tempDir();
    const inc = join(dir, 'incidents.csv');
    const inv = join(dir, 'involvements.csv');
    writeFileSync(inc, 'incident_id,date,severity\nI1,2021-01-01,2\n');
    writeFileSync(inv, 'incident_id,person_id,role\nI1,José,offender\n');
    const r = await cli([
      'validate',
      '--incidents',
      inc,
      '--involvements',
      inv,
      '--encoding',
      'windows-1252',
    ]);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      `'${inv}' was read as windows-1252, but it is valid UTF-8 with 1 letter beyond ASCII, each read as two or three characters (line 2: 'I1,JosÃ©,offender', in UTF-8 'I1,José,offender'): if it was saved as UTF-8, read it with --encoding involvements=utf-8 (or no --encoding, when every file is UTF-8)`,
    );
    const plain = await cli(['validate', '--incidents', inc, '--involvements', inv]);
    expect(plain.stdout + plain.stderr).not.toMatch(/valid UTF-8/);
  });
});
