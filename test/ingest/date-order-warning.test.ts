import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { cli, inputArgs, tempDir, writeFiles } from '../cli/helpers.js';
import { columnarFromCsv } from '../helpers.js';

// Month-first dates read with dateFormat: 'dmy': '04/13/2023' and '12/25/2023' were rejected
// ("it is a valid date as mdy"), while '04/05/2023' and '01/02/2023' were kept as 4 May and 1
// February, the wrong way round, with no word in the warnings: the rows kept carried no problem.
const dates = ['04/05/2023', '04/13/2023', '12/25/2023', '01/02/2023'];
const incidents = `incident_id;date;severity\n${dates.map((d, i) => `I${i};${d};2`).join('\n')}\n`;
const involvements = `incident_id;person_id;role\n${dates.map((_, i) => `I${i};P${i};victim`).join('\n')}\n`;
const WARNING =
  "incidents: 2 dates (the first, row 2: '04/13/2023') are valid only as mdy, not as dmy: if the column is mdy, the dates kept with a day up to 12 (of 2 rows kept) were read the wrong way round; set dateFormat: 'mdy' and run again";

describe('dates valid only in the other order warn of the dates kept', () => {
  it('one warning naming the first and the format, on the row and columnar paths', () => {
    for (const input of [
      { incidents, involvements },
      { incidents: columnarFromCsv(incidents), involvements: columnarFromCsv(involvements) },
    ]) {
      const { data, summary } = ingest(input, { now: '2025-01-01', dateFormat: 'dmy' });
      expect(data.incidents.map((x) => x.date)).toEqual(['2023-05-04', '2023-02-01']);
      expect(summary.warnings).toContain(WARNING);
    }
    // Read as mdy: every date kept, no warning.
    const mdy = ingest({ incidents, involvements }, { now: '2025-01-01', dateFormat: 'mdy' });
    expect(mdy.data.incidents.map((x) => x.date)).toEqual([
      '2023-04-05',
      '2023-04-13',
      '2023-12-25',
      '2023-01-02',
    ]);
    expect(mdy.summary.warnings.some((w) => w.includes('valid only as'))).toBe(false);
  });

  it('the command line names --date-format', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv': incidents.replace(/;/g, ','),
      'involvements.csv': involvements.replace(/;/g, ','),
    });
    const r = await cli([
      'validate',
      ...inputArgs(p),
      '--date-format',
      'dmy',
      '--now',
      '2025-01-01',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      'are valid only as mdy, not as dmy: if the column is mdy, the dates kept with a day up to 12 (of 2 rows kept) were read the wrong way round; give --date-format mdy and run again',
    );
  });
});
