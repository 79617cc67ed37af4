// Ids as real exports write them: one name typed on two systems must be one person.
import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../src/core/index.js';
import { ingest } from '../../src/ingest/index.js';
import { decodeText } from '../../src/node/decode.js';

const COMPOSED = 'Jos\u00e9'; // é as one character (NFC)
const DECOMPOSED = 'Jose\u0301'; // e + combining acute accent (NFD: macOS, some web forms)

/** A simple CSV (no quotes) as an Arrow table of text columns. */
function table(csv: string) {
  const [h, ...rs] = csv
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  return tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
}

/** The columnar path (Arrow tables) rejects what the row path rejected, for the same reasons. */
function expectSameRejections(
  incidents: string,
  involvements: string,
  byRows: readonly RowProblem[],
) {
  const byColumns = ingest(
    { incidents: table(incidents), involvements: table(involvements) },
    { now: '2025-01-01' },
  );
  expect(byColumns.rejected.map(({ line: _l, ...p }) => p)).toEqual(
    byRows.map(({ line: _l, ...p }) => p),
  );
}

describe('Unicode forms of one id', () => {
  const incidents = 'incident_id,date,severity\nI1,2021-03-04,2\nI2,2021-04-05,3\n';
  const involvements = `incident_id,person_id,role\nI1,${COMPOSED},offender\nI1,B,victim\nI2,${DECOMPOSED},victim\nI2,B,offender\n`;
  const people = `person_id,birth_year\n${DECOMPOSED},1990\nB,1991\n`;

  it('an accent typed as a combining mark is the same person (NFC), with a warning', () => {
    const { data, rejected, summary } = ingest(
      { incidents, involvements, people },
      { now: '2025-01-01' },
    );
    expect(rejected).toEqual([]);
    expect(data.involvements.map((v) => v.person_id)).toEqual([COMPOSED, 'B', COMPOSED, 'B']);
    expect(data.people.map((p) => [p.person_id, p.birth_year])).toEqual([
      [COMPOSED, 1990],
      ['B', 1991],
    ]);
    expect(summary.warnings).toContainEqual(
      expect.stringMatching(/^1 id was written with accents as separate marks \(Unicode NFD/),
    );
  });

  it('the columnar path reads them alike', () => {
    const rows = (csv: string) => {
      const [h, ...rs] = csv
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      return tableFromArrays(Object.fromEntries(h.map((c, j) => [c, rs.map((r) => r[j])])));
    };
    const byRows = ingest({ incidents, involvements }, { now: '2025-01-01' });
    const byColumns = ingest(
      { incidents: rows(incidents), involvements: rows(involvements) },
      { now: '2025-01-01' },
    );
    expect(byColumns.data.involvements).toEqual(byRows.data.involvements);
    expect(byColumns.summary.warnings).toEqual(byRows.summary.warnings);
    expect(new Set(byRows.data.involvements.map((v) => v.person_id))).toEqual(
      new Set([COMPOSED, 'B']),
    );
  });

  it('ids in composed form, or ASCII, give no warning', () => {
    const { summary } = ingest(
      { incidents, involvements: involvements.replace(DECOMPOSED, COMPOSED) },
      { now: '2025-01-01' },
    );
    expect(summary.warnings).toEqual([]);
  });
});

describe("ids Excel saved in scientific notation ('1.23457E+11')", () => {
  it('are refused naming the row and the fix, on both paths, never merged', () => {
    const incidents = 'incident_id,date,severity\nI1,2021-03-04,2\n';
    // 123456789012 and 123457000000 both show as 1.23457E+11: two people would be one.
    const involvements =
      'incident_id,person_id,role\nI1,1.23457E+11,offender\nI1,1.23457E+11,victim\nI1,123456789012,offender\nI1,1E+12,offender\n';
    const byRows = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(byRows.data.involvements.map((v) => v.person_id)).toEqual(['123456789012']);
    expect(byRows.rejected.map((p) => [p.row, p.field, p.value, p.reason])).toEqual(
      [1, 2, 4].map((row) => {
        const v = row === 4 ? '1E+12' : '1.23457E+11';
        return [
          row,
          'person_id',
          v,
          `person id '${v}' is a number in scientific notation, as Excel shows long numbers: its last digits are lost (ids may have merged); format the id column as text before saving`,
        ];
      }),
    );
    expectSameRejections(incidents, involvements, byRows.rejected);
  });

  it('ids with a plus that are not such numbers are read as they are', () => {
    const { data, rejected } = ingest(
      {
        incidents: 'incident_id,date,severity\nI+1,2021-03-04,2\n',
        involvements: 'incident_id,person_id,role\nI+1,A+B,offender\nI+1,1E+5X,victim\n',
      },
      { now: '2025-01-01' },
    );
    expect(rejected).toEqual([]);
    expect(data.involvements.map((v) => v.person_id)).toEqual(['A+B', '1E+5X']);
  });
});

describe("incident ids written as decimals ('56.0', pandas)", () => {
  it("the reason says the incidents table has '56', on both paths", () => {
    const incidents = 'incident_id,date,severity\n56,2021-03-04,2\n57,bad,2\n59.0,2021-03-05,1\n';
    const involvements =
      'incident_id,person_id,role\n56.0,A,offender\n57.0,A,offender\n58.0,A,offender\n59,B,victim\n';
    const byRows = ingest({ incidents, involvements }, { now: '2025-01-01' });
    const why = (id: string, alt: string) =>
      `incident '${id}' is not in the incidents table, which has '${alt}' (ids are compared as text): export ids as whole numbers or text`;
    expect(byRows.rejected.filter((p) => p.table === 'involvements').map((p) => p.reason)).toEqual([
      why('56.0', '56'),
      why('57.0', '57'),
      "incident '58.0' is not in the incidents table",
      why('59', '59.0'),
    ]);
    expectSameRejections(incidents, involvements, byRows.rejected);
  });
});

describe("incident ids written another way in the two tables ('00123' and '123')", () => {
  it('the reason names the id the incidents table has, on both paths', () => {
    const incidents =
      'incident_id,date,severity\n00123,2021-03-04,2\nAB-7,2021-03-05,1\n0042,bad,2\nX9,2021-03-06,1\n';
    const involvements =
      'incident_id,person_id,role\n123,A,offender\n0123,B,victim\nab-7,A,offender\n42,C,victim\nX 9,C,offender\n124,D,victim\n';
    const byRows = ingest({ incidents, involvements }, { now: '2025-01-01' });
    const zeros = (id: string, alt: string) =>
      `incident '${id}' is not in the incidents table, which has '${alt}' (ids are compared as text, so leading zeros count): a table saved through Excel loses them; export the id column as text in both tables`;
    const cased = (id: string, alt: string) =>
      `incident '${id}' is not in the incidents table, which has '${alt}' (ids are compared as text, so letter case and spaces count): write the id one way in both tables`;
    expect(byRows.rejected.filter((p) => p.table === 'involvements').map((p) => p.reason)).toEqual([
      zeros('123', '00123'),
      zeros('0123', '00123'),
      cased('ab-7', 'AB-7'),
      zeros('42', '0042'),
      cased('X 9', 'X9'),
      "incident '124' is not in the incidents table",
    ]);
    expectSameRejections(incidents, involvements, byRows.rejected);
  });
});

describe('text decoded in the wrong encoding (a browser reading a windows-1252 file as UTF-8)', () => {
  // new TextDecoder().decode(windows-1252 bytes of 'José' and 'Josè'): both 'Jos\uFFFD'.
  const incidents = 'incident_id,date,severity\nI1,2021-03-04,3\nI2,2021-04-05,3\n';
  const involvements =
    'incident_id,person_id,role\nI1,Jos\uFFFD,offender\nI1,B,victim\nI2,Jos\uFFFD,victim\nI2,C,offender\n';

  it('an id holding U+FFFD is rejected naming the decoding, never merged, on both paths', () => {
    const byRows = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(byRows.data.involvements.map((v) => v.person_id)).toEqual(['B', 'C']);
    expect(byRows.rejected.map((p) => [p.row, p.field, p.value, p.line])).toEqual([
      [1, 'person_id', 'Jos\uFFFD', 2],
      [3, 'person_id', 'Jos\uFFFD', 4],
    ]);
    expect(byRows.rejected[0].reason).toBe(
      "person id 'Jos\uFFFD' holds U+FFFD, left by decoding in the wrong encoding ('José' and 'Josè' would be one id): decode the file in its own, e.g. new TextDecoder('windows-1252')",
    );
    expectSameRejections(incidents, involvements, byRows.rejected);
  });

  it('an id holding a NUL is rejected (rows of objects), not another person', () => {
    const { data, rejected } = ingest(
      {
        incidents: [{ incident_id: 'I1', date: '2021-03-04', severity: 3 }],
        involvements: [
          { incident_id: 'I1', person_id: 'A\0\0', role: 'offender' },
          { incident_id: 'I1', person_id: 'A', role: 'victim' },
        ],
      },
      { now: '2025-01-01' },
    );
    expect(data.involvements.map((v) => v.person_id)).toEqual(['A']);
    expect(rejected.map((p) => [p.row, p.field, p.value, p.reason])).toEqual([
      [1, 'person_id', 'A\\0\\0', "person id 'A\\0\\0' holds a NUL (padding?): remove it"],
    ]);
  });

  it('CSV text holding a NUL is refused as a whole, with the line and a UTF-16 hint', () => {
    // UTF-16 LE bytes decoded as UTF-8 (what file.text() gives for Excel's "Unicode Text").
    const utf16 = (s: string) =>
      new TextDecoder().decode(new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0), 0])));
    const read = (inv: string) => () => ingest({ incidents, involvements: inv });
    expect(read(utf16(involvements.replace(/\uFFFD/g, 'e')))).toThrow(
      expect.objectContaining({
        name: 'IngestError',
        code: 'encoding',
        table: 'involvements',
        line: 1,
        message: "involvements holds a NUL (line 1): UTF-16? Decode it as 'utf-16le'",
      }),
    );
    expect(read('incident_id,person_id,role\nI1,A,offender\nI2,A\0,victim\n')).toThrow(
      'involvements holds a NUL (line 3): remove it',
    );
  });

  it('names the line of a NUL in text with lone CR line endings (old Mac exports) or CRLF', () => {
    // Before: lines were counted by LF alone, so a lone-CR file always read 'line 1'.
    const read = (inv: string) => () => ingest({ incidents, involvements: inv });
    expect(read('incident_id,person_id,role\rI1,A,offender\rI2,A\0,victim\r')).toThrow(
      expect.objectContaining({ line: 3, message: 'involvements holds a NUL (line 3): remove it' }),
    );
    expect(read('incident_id,person_id,role\r\nI1,A,offender\r\nI2,A\0,victim\r\n')).toThrow(
      'involvements holds a NUL (line 3): remove it',
    );
    // The file reader's own check (violence-contagion/node), and its not-UTF-8 byte, alike.
    const bytes = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
    expect(() => decodeText(bytes('a,b\rc,d\re\0,f\r'), 'x.csv')).toThrow(
      "'x.csv' holds a NUL character (line 3)",
    );
    expect(() => decodeText(bytes('a,b\rc,d\re\xe9,f\r'), 'x.csv')).toThrow(
      /is not UTF-8: at byte offset 9 \(line 3, byte 2 of the line\)/,
    );
    // And the warning on a UTF-8 file read as windows-1252: it said 'line 1' and quoted the file
    // from its start ('a,b\rc,d\rJosÃ©,f') for a lone-CR file.
    const warnings: string[] = [];
    const utf8 = new TextEncoder().encode('a,b\rc,d\rJosé,f\r');
    decodeText(utf8, 'x.csv', 'windows-1252', undefined, warnings);
    expect(warnings[0]).toContain("(line 3: 'JosÃ©,f', in UTF-8 'José,f')");
    warnings.length = 0;
    const crlf = new TextEncoder().encode('a,b\r\nc,d\r\nJosé,f\r\n');
    decodeText(crlf, 'x.csv', 'windows-1252', undefined, warnings);
    expect(warnings[0]).toContain("(line 3: 'JosÃ©,f', in UTF-8 'José,f')");
  });
});
