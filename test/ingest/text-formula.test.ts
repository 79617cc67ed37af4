import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { unwrapTextFormula } from '../../src/ingest/text-formula.js';
import { readTable } from '../../src/node/index.js';
import { tempDir, writeFiles } from '../cli/helpers.js';

// Excel keeps an id's leading zeros when a CSV cell is written ="00123"; exports made to be opened
// in Excel write ids so. Read as written, ="00123" in the incidents and 00123 in the involvements
// were two ids: the incident's involvements were rejected as "not in the incidents table".
const incidents =
  'incident_id,date,severity,offence\n' +
  '="00123",="2023-01-05",2,Robbery\n' +
  '"=""00124""",2023-01-06,3,="Assault ""GBH"""\n' +
  '00125,2023-01-07,1,="A"&"B"\n';
const involvements =
  'incident_id,person_id,role\n' +
  '00123,="0042",offender\n' +
  '00124,0042,offender\n' +
  '00125,="0043",victim\n';

describe('Excel text formulas (="00123")', () => {
  it('unwrapTextFormula gives the text inside, and leaves other formulas alone', () => {
    expect(unwrapTextFormula('="00123"')).toBe('00123');
    expect(unwrapTextFormula('="a""b"')).toBe('a"b');
    expect(unwrapTextFormula('=""')).toBe('');
    expect(unwrapTextFormula('="A"&"B"')).toBeUndefined();
    expect(unwrapTextFormula('=SUM(A1)')).toBeUndefined();
    expect(unwrapTextFormula('00123')).toBeUndefined();
  });

  it('ingest reads ="00123" as 00123 in every column, and says so once with the count and an example', () => {
    const { data, rejected, summary } = ingest({ incidents, involvements }, { now: '2025-01-01' });
    expect(rejected).toEqual([]);
    expect(data.incidents.map((i) => [i.incident_id, i.date, i.offence])).toEqual([
      ['00123', '2023-01-05', 'Robbery'],
      ['00124', '2023-01-06', 'Assault "GBH"'],
      ['00125', '2023-01-07', '="A"&"B"'],
    ]);
    expect(data.involvements.map((v) => `${v.incident_id}:${v.person_id}`)).toEqual([
      '00123:0042',
      '00124:0042',
      '00125:0043',
    ]);
    const w = summary.warnings.filter((s) => s.includes('Excel text formulas'));
    expect(w).toEqual([
      `Excel text formulas (="...") were read as the text inside in 6 cells: '="00123"' as '00123' (incidents, column 'incident_id', line 2)`,
    ]);
  });

  it('a file without them gets no such warning', () => {
    const { summary } = ingest(
      { incidents: 'incident_id,date,severity\n00123,2023-01-05,2\n' },
      { now: '2025-01-01' },
    );
    expect(summary.warnings.join('\n')).not.toMatch(/text formula/);
  });

  it('readTable unwraps them too, with a process warning naming the file', () => {
    const dir = tempDir('vc-formula-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const p = writeFiles(dir, { 'inv.csv': involvements });
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(readTable(p['inv.csv'])).toEqual([
        { incident_id: '00123', person_id: '0042', role: 'offender' },
        { incident_id: '00124', person_id: '0042', role: 'offender' },
        { incident_id: '00125', person_id: '0043', role: 'victim' },
      ]);
      expect(emit).toHaveBeenCalledTimes(1);
      expect(String(emit.mock.calls[0][0])).toMatch(
        /^Excel text formulas \(="\.\.\."\) were read as the text inside in 2 cells: '="0042"' as '0042' \('.*inv\.csv', column 'person_id', line 2\)$/,
      );
    } finally {
      emit.mockRestore();
    }
  });

  it("readTable names the first one's physical line, as ingest does: after a sep= line and a cell spanning two lines", () => {
    const dir = tempDir('vc-formula-');
    const text =
      'sep=,\n' +
      'incident_id,note,person_id\n' +
      'I1,"two\nlines",P1\n' +
      'I2,plain,="0042"\n' +
      'I3,x,="0043"\n';
    const p = writeFiles(dir, { 'inv.csv': text });
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(readTable(p['inv.csv']).map((r) => r.person_id)).toEqual(['P1', '0042', '0043']);
      expect(String(emit.mock.calls[0][0])).toMatch(
        /in 2 cells: '="0042"' as '0042' \('.*inv\.csv', column 'person_id', line 5\)$/,
      );
    } finally {
      emit.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    // ingest names the same line of such a file.
    const { summary } = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2023-01-01,1\nI2,2023-01-02,1\nI3,2023-01-03,1\n',
        involvements:
          'sep=,\n' +
          'incident_id,note,person_id,role\n' +
          'I1,"two\nlines",P1,offender\n' +
          'I2,plain,="0042",offender\n' +
          'I3,x,="0043",offender\n',
      },
      { now: '2025-01-01' },
    );
    expect(summary.warnings.join('\n')).toContain("(involvements, column 'person_id', line 5)");
  });
});
