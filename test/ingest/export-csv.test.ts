// CSV text as spreadsheets save it.
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

describe("Excel's 'sep=' line", () => {
  it('names the delimiter and is not the header; lines are still counted from the top', () => {
    const { data, rejected, summary } = ingest(
      {
        incidents:
          'sep=;\r\nincident_id;date;severity;lat\r\nI1;2021-01-01;2;51,5\r\nI2;bad;2;1\r\n',
        involvements: 'sep=,\nincident_id,person_id,role\nI1,A,offender\n',
      },
      { now: '2025-01-01' },
    );
    expect(data.incidents.map((i) => [i.incident_id, i.lat])).toEqual([['I1', 51.5]]);
    expect(data.involvements.map((v) => v.person_id)).toEqual(['A']);
    expect(rejected.find((p) => p.table === 'incidents')).toMatchObject({
      row: 2,
      line: 4,
      reason:
        "date 'bad' is not a valid date; expected YYYY-MM-DD (ISO 8601), optionally with a time of day (YYYY-MM-DD HH:MM)",
    });
    expect(summary.tables.incidents).toMatchObject({ read: 2, lines: 2 });
  });

  it('quoted, padded with spaces or carriage returns, or padded with delimiters, it is still the sep= line', () => {
    // Before: each was read as the header (columns '"sep=;"', 'sep=; '…), and the table refused
    // for lacking incident_id.
    for (const first of ['"sep=;"', 'sep=; ', 'sep=;  \r', 'sep=;\r\r', '"sep=;";;;', 'SEP=;\t']) {
      const { data, rejected, summary } = ingest(
        {
          incidents: `${first}\nincident_id;date;severity\nI1;2021-01-01;2\nI2;bad;2\n`,
          involvements: 'incident_id,person_id,role\nI1,A,offender\n',
        },
        { now: '2025-01-01' },
      );
      expect(
        data.incidents.map((i) => i.incident_id),
        first,
      ).toEqual(['I1']);
      expect(rejected[0], first).toMatchObject({ row: 2, line: 4 });
      expect(summary.tables.incidents, first).toMatchObject({ read: 2, lines: 2 });
    }
  });
});

describe('readTable and the delimiter', () => {
  it('reads a semicolon, tab or sep= file into the same rows as a comma file', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { readTable } = await import('../../src/node/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'vc-delim-'));
    const want = [{ incident_id: 'I1', date: '2021-01-01', lat: '51,5' }];
    const files = {
      'semicolon.csv': 'incident_id;date;lat\nI1;2021-01-01;51,5\n',
      'tab.csv': 'incident_id\tdate\tlat\nI1\t2021-01-01\t51,5\n',
      'sep.csv': 'sep=;\r\nincident_id;date;lat\r\nI1;2021-01-01;51,5\r\n',
      'quoted-sep.csv': '"sep=;" \r\nincident_id;date;lat\r\nI1;2021-01-01;51,5\r\n',
      'comma.csv': 'incident_id,date,lat\nI1,2021-01-01,"51,5"\n',
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
      expect(readTable(join(dir, name)), name).toEqual(want);
    }
  });
});
