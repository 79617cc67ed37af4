import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { columnarFromCsv } from '../helpers.js';

// A severity column of labels or codes too short to be judged as a whole (under 30 cells: 'High',
// 'S3') was refused row by row as "severity 'S3' is not a number (expected a whole number from 0
// to 4)", naming no way to read such a column.
const incidents =
  "incident_id;date;severity\nI1;2023-01-05;S3\nI2;2023-01-06;Cat A\nI3;2023-01-07;Infinity\nI4;2023-01-08;'x\nI5;2023-01-09;Don't know\n";
const involvements =
  'incident_id;person_id;role\nI1;A;victim\nI2;B;victim\nI3;C;victim\nI4;D;victim\nI5;E;victim\n';
const HEAD = 'is not a number (expected a whole number from 0 to 4)';

describe('a severity label or code names severityLevels', () => {
  it('on the row and columnar paths; not for NaN or Infinity, nor a marked cell', () => {
    for (const input of [
      { incidents, involvements },
      { incidents: columnarFromCsv(incidents), involvements: columnarFromCsv(involvements) },
    ]) {
      const { rejected } = ingest(input, { now: '2025-01-01' });
      expect(rejected.filter((r) => r.table === 'incidents').map((r) => r.reason)).toEqual([
        `severity 'S3' ${HEAD}; if the column holds labels or codes, give each its level 0–4 with severityLevels: { 'S3': <0–4>, … }`,
        `severity 'Cat A' ${HEAD}; if the column holds labels or codes, give each its level 0–4 with severityLevels: { 'Cat A': <0–4>, … }`,
        `severity 'Infinity' ${HEAD}`,
        `severity ''x' ${HEAD}`,
        `severity 'Don't know' ${HEAD}; if the column holds labels or codes, give each its level 0–4 with severityLevels: { 'Don\\'t know': <0–4>, … }`,
      ]);
    }
  });
});
