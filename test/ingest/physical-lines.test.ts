import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest, MissingColumnError } from '../../src/ingest/index.js';
import { IngestError } from '../../src/ingest/ingest-error.js';

const NOW = '2025-01-01';
const HEADER = 'incident_id,date,severity,offence';

describe('ingest accounts for every physical line', () => {
  it('an unbalanced quote is an IngestError naming the line where it opened', () => {
    const lines = [
      HEADER,
      ...Array.from({ length: 12 }, (_, i) => `I${i},2021-01-0${(i % 9) + 1},1,x`),
    ];
    lines[3] = 'I2,"2021-01-03,1,assault';
    let err: unknown;
    try {
      ingest({ incidents: `${lines.join('\n')}\n` }, { now: NOW });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('unbalanced-quote');
    expect((err as IngestError).line).toBe(4);
    expect((err as Error).message).toMatch(
      /^incidents: the quote that opens a cell on line 4 is never closed/,
    );
  });

  it('lines ended by a lone CR (Excel for Mac) are counted and numbered as lines', () => {
    const text = `# notes\r${HEADER}\rI1,2021-01-01,1,x\rI2,"2021-01-02\r",9,x\rI3,2021-02-30,1,x\r\r`;
    const r = ingest({ incidents: text }, { now: NOW });
    expect(r.summary.tables.incidents).toEqual({
      read: 3,
      accepted: 1,
      rejected: 2,
      blank: 1,
      lines: 5,
      multiLine: 1,
    });
    expect(r.rejected.map((p) => [p.row, p.line, p.field])).toEqual([
      [2, 4, 'severity'],
      [3, 6, 'date'],
    ]);
  });

  it('a line of delimiters only (Excel pads the rows it thinks are used) is blank, not a rejected row', () => {
    const text = `${HEADER}\nI1,2021-01-01,1,x\n,,,\n , ,"",\nI2,2021-01-02,1,x\n,,,\n`;
    const r = ingest(
      { incidents: text, involvements: 'incident_id;person_id;role\nI1;A;victim\n;;\n' },
      { now: NOW },
    );
    expect(r.rejected).toEqual([]);
    expect(r.summary.tables.incidents).toMatchObject({ read: 2, accepted: 2, blank: 3, lines: 5 });
    expect(r.summary.tables.involvements).toMatchObject({
      read: 1,
      accepted: 1,
      blank: 1,
      lines: 2,
    });
  });

  it('a quote closed lines later is reported: rows, lines and a warning naming them', () => {
    const text = `${HEADER}\nI1,2021-01-01,1,x\nI2,"2021-01-02,1,x\nI3,2021-01-03",1,x\nI4,2021-01-04,1,x\n`;
    const r = ingest({ incidents: text }, { now: NOW });
    expect(r.summary.tables.incidents).toEqual({
      read: 3,
      accepted: 2,
      rejected: 1,
      blank: 0,
      lines: 4,
      multiLine: 1,
    });
    expect(r.rejected[0]).toMatchObject({ row: 2, line: 3, field: 'date' });
    expect(r.summary.warnings[0]).toMatch(
      /^incidents: 1 line break is inside a quoted cell, so a row spans two lines: row 2 \(lines 3–4\); /,
    );
  });

  it('the warning counts its line breaks and rows in the number they take', () => {
    // It read '1 line breaks are inside quoted cells, so some rows span several lines: row 2'.
    const one = `${HEADER}\nI1,2021-01-01,1,"x\nx"\n`;
    const twoInOne = `${HEADER}\nI1,2021-01-01,1,"x\nx\nx"\n`;
    const twoRows = `${HEADER}\nI1,2021-01-01,1,"x\nx"\nI2,2021-01-01,1,"x\nx"\n`;
    const warning = (text: string) => ingest({ incidents: text }, { now: NOW }).summary.warnings[0];
    expect(warning(one)).toMatch(
      /^incidents: 1 line break is inside a quoted cell, so a row spans two lines: row 1 \(lines 2–3\); /,
    );
    expect(warning(twoInOne)).toMatch(
      /^incidents: 2 line breaks are inside quoted cells, so a row spans several lines: row 1 \(lines 2–4\); /,
    );
    expect(warning(twoRows)).toMatch(
      /^incidents: 2 line breaks are inside quoted cells, so some rows span several lines: row 1 \(lines 2–3\), row 2 \(lines 4–5\); /,
    );
  });

  it('semicolon, tab and pipe files are read by their delimiter', () => {
    for (const d of [';', '\t', '|']) {
      const text = `incident_id${d}date${d}severity\nI1${d}2021-01-01${d}1\nI2${d}2021-02-01${d}3\n`;
      const r = ingest({ incidents: text }, { now: NOW });
      expect(r.data.incidents.map((i) => [i.incident_id, i.severity])).toEqual([
        ['I1', 1],
        ['I2', 3],
      ]);
    }
  });

  it('a file that mixes delimiters is told to use one, not to map a column', () => {
    // The header has a comma (so the file is read as comma-separated), the rest semicolons.
    const text = 'incident_id,date;offence;severity\nI1,2021-01-01;Assault;2\n';
    let e: unknown;
    try {
      ingest({ incidents: text }, { now: NOW });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(MissingColumnError);
    expect((e as MissingColumnError).delimiter).toBe(';');
    expect((e as Error).message).toMatch(
      /The column 'date;offence;severity' holds semicolons: .*read as comma-separated\. Save the file with one delimiter throughout.*a column mapping will not fix this\.$/,
    );
    expect((e as Error).message).not.toMatch(/map it: ingest/);
    // An ordinary missing column still suggests the mapping.
    expect(() => ingest({ incidents: 'URN,date\nI1,2021-01-01\n' }, { now: NOW })).toThrow(
      /map it: ingest\(input, \{ mapping: \{ incident_id/,
    );
  });

  it('rows parsed as comma-separated from semicolon text (d3.csvParse, aq.fromCSV) are told how to parse them', () => {
    // A notebook's file.csv() or d3.csvParse of a European export: one column per row. The file
    // has one delimiter throughout; "its header line also has a comma" would be untrue.
    const rows = [{ 'incident_id;date;offence': 'I1;01/03/2021;shooting' }];
    for (const incidents of [rows, aq.from(rows)]) {
      let e: unknown;
      try {
        ingest({ incidents, involvements: [] }, { now: NOW });
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(MissingColumnError);
      expect((e as MissingColumnError).delimiter).toBe(';');
      expect((e as Error).message).toBe(
        "incidents has no 'incident_id' column; its columns are 'incident_id;date;offence'. The column 'incident_id;date;offence' holds semicolons: the rows were parsed as comma-separated from semicolon-separated text. Give ingest the text (it finds the delimiter), or parse it with its delimiter (d3.dsvFormat(';')); a column mapping will not fix this.",
      );
    }
  });

  it('a duplicate header column is a typed IngestError', () => {
    expect(() =>
      ingest({ incidents: 'incident_id,date,date\nI1,2021-01-01,x\n' }, { now: NOW }),
    ).toThrow(IngestError);
  });

  it('a header-only table is 0 rows, every count 0', () => {
    const r = ingest({ incidents: `${HEADER}\n` }, { now: NOW });
    expect(r.summary.tables.incidents).toEqual({
      read: 0,
      accepted: 0,
      rejected: 0,
      blank: 0,
      lines: 0,
      multiLine: 0,
    });
    expect(r.data.incidents).toEqual([]);
  });

  it('fuzz, 10,000 files: accepted + rejected + blank + multi-line = physical data lines, or a typed refusal', () => {
    const line = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.nat(30).map((k) => `I${k},2021-0${(k % 9) + 1}-1${k % 10},${k % 5},assault`),
      },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.nat(30).map((k) => `I${k},"2021-01-01,1,x`) }, // stray opening quote
      { weight: 1, arbitrary: fc.nat(30).map((k) => `I${k},2021-01-01",1,x`) }, // quote inside a cell
      { weight: 1, arbitrary: fc.nat(30).map((k) => `I${k},2021-01-01,1,"Assault, common"`) },
      { weight: 1, arbitrary: fc.nat(30).map((k) => `I${k},2021-01-01,1,Assault, common`) },
      { weight: 1, arbitrary: fc.nat(30).map((k) => `I${k},31/02/2021,9,x`) },
      { weight: 1, arbitrary: fc.constant(',,,') },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' ')) },
    );
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (body, eol) => {
          const text = [HEADER, ...body].join(eol) + eol;
          const physical = body.length;
          let r: ReturnType<typeof ingest>;
          try {
            r = ingest({ incidents: text }, { now: NOW });
          } catch (e) {
            refused++;
            expect(e instanceof IngestError || e instanceof MissingColumnError).toBe(true);
            return;
          }
          const c = r.summary.tables.incidents;
          expect(c.accepted + c.rejected).toBe(c.read);
          expect(c.read + c.blank + c.multiLine).toBe(physical);
          expect(c.lines).toBe(physical);
          expect(r.rejected).toHaveLength(c.rejected);
          expect(r.data.incidents).toHaveLength(c.accepted);
          for (const p of r.rejected) expect(p.line).toBeGreaterThan(1);
        },
      ),
      { numRuns: 10_000 },
    );
    expect(refused).toBeGreaterThan(0);
  });
});
