// A blank line (empty, or delimiters and spaces only, as Excel pads rows) is not a row: the CSV
// text path skips it and counts it as `blank`. Read by another reader first (d3's csvParse, as
// readTable does; arquero; DuckDB or an Arrow writer, which give nulls), it arrives as a row whose
// every cell is '' or null, and must be skipped and counted the same way, keeping row numbers.
import { tableFromArrays, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import * as aq from 'arquero';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import type { IngestResult } from '../../src/ingest/ingest.js';
import { ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';

const INCIDENTS =
  'incident_id,date,severity\nI1,2021-03-01,3\n,,\nI2,2021-31-03,3\n\nI3,2021-03-05,2\n , ,\n';
const INVOLVEMENTS =
  'incident_id,person_id,role\nI1,A,offender\n,,\nI1,B,victim\nI3,C,offender\n,,\n,X,victim\n';
const OPTIONS = { now: '2025-01-01' };

type Rows = Record<string, string | null>[];
const rowsOf = (csv: string) => [...csvParse(csv)] as Rows;
const nulled = (rows: Rows) =>
  rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v?.trim() === '' ? null : v])),
  );
const arrowOf = (rows: Rows) => {
  const data: Record<string, (string | null)[]> = {};
  for (const k of Object.keys(rows[0])) data[k] = rows.map((r) => r[k]);
  const types = Object.fromEntries(Object.keys(data).map((k) => [k, utf8()]));
  return tableFromIPC(tableToIPC(tableFromArrays(data, { types }), {})!);
};
const seen = (r: IngestResult) => ({
  incidents: r.data.incidents.map((x) => x.incident_id),
  involvements: r.data.involvements.map((x) => `${x.incident_id}/${x.person_id}/${x.role}`),
  rejected: r.rejected.map((p) => `${p.table} row ${p.row} ${p.field}='${p.value}': ${p.reason}`),
  counts: Object.fromEntries(
    Object.entries(r.summary.tables).map(([t, c]) => [
      t,
      c && { read: c.read, accepted: c.accepted, rejected: c.rejected, blank: c.blank },
    ]),
  ),
});

describe('blank rows are skipped and counted on every input path, keeping row numbers', () => {
  const reference = seen(ingest({ incidents: INCIDENTS, involvements: INVOLVEMENTS }, OPTIONS));

  it('the CSV text path', () => {
    expect(reference.incidents).toEqual(['I1', 'I3']);
    expect(reference.involvements).toEqual(['I1/A/offender', 'I1/B/victim', 'I3/C/offender']);
    // Rows are numbered counting the blank lines (row 3 is I2, after the blank row 2).
    expect(reference.rejected).toEqual([
      "incidents row 3 date='2021-31-03': date '2021-31-03' is not a valid date",
      "involvements row 6 incident_id='': incident id is empty",
    ]);
    expect(reference.counts.incidents).toEqual({ read: 3, accepted: 2, rejected: 1, blank: 3 });
    expect(reference.counts.involvements).toEqual({ read: 4, accepted: 3, rejected: 1, blank: 2 });
  });

  it("rows of objects as readTable's reader (d3) gives them: all ''", () => {
    const incidents = rowsOf(INCIDENTS);
    expect(incidents).toHaveLength(6); // the empty line is a row of '' too
    // Before: blank 0, and the three blank rows rejected as 'incident id is empty'.
    expect(seen(ingest({ incidents, involvements: rowsOf(INVOLVEMENTS) }, OPTIONS))).toEqual(
      reference,
    );
  });

  it('rows with null cells, arquero tables, and Arrow tables by rows and by columns', () => {
    const inc = rowsOf(INCIDENTS);
    const inv = rowsOf(INVOLVEMENTS);
    const ins = [
      { incidents: nulled(inc), involvements: nulled(inv) },
      { incidents: aq.from(inc), involvements: aq.from(inv) },
      { incidents: aq.from(nulled(inc)), involvements: aq.from(nulled(inv)) },
    ];
    for (const input of ins) expect(seen(ingest(input, OPTIONS))).toEqual(reference);
    const arrow = { incidents: arrowOf(nulled(inc)), involvements: arrowOf(nulled(inv)) };
    expect(seen(ingestByColumns(arrow, OPTIONS))).toEqual(reference);
    expect(seen(ingestRows(arrow, OPTIONS))).toEqual(reference);
    const arrowText = { incidents: arrowOf(inc), involvements: arrowOf(inv) };
    expect(seen(ingestByColumns(arrowText, OPTIONS))).toEqual(reference);
    expect(seen(ingestRows(arrowText, OPTIONS))).toEqual(reference);
  });

  it('a row with a value anywhere is no blank row, and neither is a row that is not an object', () => {
    const r = ingest(
      {
        incidents: [{ incident_id: 'I1', date: '2021-03-01', severity: 3 }],
        involvements: [
          { incident_id: 'I1', person_id: 'A', role: 'offender' },
          { incident_id: '', person_id: '', role: 'NULL' },
          null as unknown as object,
          { incident_id: ' ', person_id: null, role: undefined },
        ],
      },
      OPTIONS,
    );
    expect(r.rejected.map((p) => `${p.row} ${p.reason}`)).toEqual([
      '2 incident id is empty',
      '3 incident id is empty',
    ]);
    expect(r.summary.tables.involvements).toMatchObject({ read: 3, rejected: 2, blank: 1 });
  });
});
