import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readTable } from '../../src/node/index.js';
import { tempDir, writeFiles } from '../cli/helpers.js';

// Monthly exports joined with their headers (cat jan.csv feb.csv). ingest reads such a line as
// blank (ef252c5); readTable kept it as a row, { incident_id: 'incident_id', date: 'date' }, which
// ingest then rejected as "date 'date' is not a valid date".
describe('readTable: a row that repeats the header', () => {
  const dir = tempDir('vc-rephead-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const p = writeFiles(dir, {
    'incidents.csv':
      'incident_id,date,severity\n1,2023-01-01,3\nincident_id,date,severity\n2,2023-01-02,3\n' +
      'incident_id,date,severity\n3,2023-01-03,1\n',
    'nominals.csv': 'incident_id,person_id,role\n1,A,victim\n2,A,offender\n3,B,victim\n',
  });

  it('is left out, with one warning naming its lines in the file, as ingest names them', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const rows = readTable(p['incidents.csv']);
      expect(rows).toEqual([
        { incident_id: '1', date: '2023-01-01', severity: '3' },
        { incident_id: '2', date: '2023-01-02', severity: '3' },
        { incident_id: '3', date: '2023-01-03', severity: '1' },
      ]);
      expect(emit).toHaveBeenCalledTimes(1);
      expect(String(emit.mock.calls[0][0])).toMatch(
        /'.*incidents\.csv': 2 lines \(at 3, 5\) repeat the header \(exports joined with their headers\?\) and were left out$/,
      );
      expect(emit.mock.calls[0][1]).toBe('RepeatedHeaderWarning');
      const { data, rejected } = ingest({
        incidents: rows,
        involvements: readTable(p['nominals.csv']),
      });
      expect(rejected).toEqual([]);
      expect(data.incidents.length).toBe(3);
    } finally {
      emit.mockRestore();
    }
  });

  // readTable named "data row 2": the 2nd row after the header, not the line ingest names (5 here:
  // the sep= line, a note line, and a quoted cell over two lines come before it).
  it('names the physical line, counting sep=, note lines and line breaks in quoted cells', () => {
    const text =
      'sep=;\n# a note\nincident_id;date;severity;note\n1;2023-01-01;3;"two\nlines"\n' +
      'incident_id;date;severity;note\n2;2023-01-02;3;x\n';
    const q = writeFiles(dir, { 'odd.csv': text });
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(readTable(q['odd.csv'])).toEqual([
        { incident_id: '1', date: '2023-01-01', severity: '3', note: 'two\nlines' },
        { incident_id: '2', date: '2023-01-02', severity: '3', note: 'x' },
      ]);
      expect(emit).toHaveBeenCalledTimes(1);
      expect(String(emit.mock.calls[0][0])).toMatch(
        /'.*odd\.csv': 1 line \(at 6\) repeats the header \(exports joined with their headers\?\) and was left out$/,
      );
    } finally {
      emit.mockRestore();
    }
    // ingest names the same line.
    const { summary } = ingest({
      incidents: text,
      involvements: [],
    });
    expect(summary.warnings.join('\n')).toMatch(/1 line \(at 6\) repeats the header/);
  });

  it('a row that only starts like the header is kept', () => {
    const q = writeFiles(dir, { 'x.csv': 'incident_id,date\nincident_id,2023-01-01\n' });
    expect(readTable(q['x.csv'])).toEqual([{ incident_id: 'incident_id', date: '2023-01-01' }]);
  });
});
