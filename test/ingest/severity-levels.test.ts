import { int32, tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';
import { ingestFiles } from '../../src/node/index.js';
import { cli, inputArgs, tempDir, writeFiles } from '../cli/helpers.js';

// Police exports grade severity on their own scales: a force's 1–5 (5 the most serious), labels
// (High / Medium / Low), a priority (1 the most serious). `severityLevels` reads such a column's
// own values as this library's 0–4.
const NOW = '2025-01-01';
const OFFENCES = ['Murder', 'Wounding', 'Robbery', 'Common assault', 'Theft'];

/** `n` incidents cycling through the offences, severity `grade(offence index, row)`. */
function csv(n: number, grade: (k: number, i: number) => string | number) {
  const ids: string[] = [];
  const dates: string[] = [];
  const offences: string[] = [];
  const grades: (string | number)[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(`I${i}`);
    dates.push(`2023-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    offences.push(OFFENCES[i % 5]);
    grades.push(grade(i % 5, i));
  }
  const incidents = `incident_id,date,offence,Grade\n${ids.map((id, i) => `${id},${dates[i]},${offences[i]},${grades[i]}`).join('\n')}\n`;
  const involvements = `incident_id,person_id,role\n${ids.map((id, i) => `${id},P${i % 7},offender`).join('\n')}\n`;
  const inv = {
    incident_id: ids,
    person_id: ids.map((_, i) => `P${i % 7}`),
    role: ids.map(() => 'offender'),
  };
  return { incidents, involvements, ids, dates, offences, grades, inv };
}

const FIVE = { '5': 4, '4': 3, '3': 2, '2': 1, '1': 0 };
const mapping = { severity: 'Grade' };

describe('severityLevels reads a column graded on another scale', () => {
  it("a force's 1–5 grade (5 the most serious): every row kept, each read on 0–4, on both paths", () => {
    const t = csv(50, (k) => 5 - k);
    const r = ingest(
      { incidents: t.incidents, involvements: t.involvements },
      { now: NOW, mapping, severityLevels: FIVE },
    );
    expect(r.summary.tables.incidents).toMatchObject({ read: 50, accepted: 50, rejected: 0 });
    expect(r.data.incidents.slice(0, 5).map((x) => [x.offence, x.severity])).toEqual([
      ['Murder', 4],
      ['Wounding', 3],
      ['Robbery', 2],
      ['Common assault', 1],
      ['Theft', 0],
    ]);
    expect(r.summary.severityDerived).toBe(0);
    // Arrow input, the grade as an int32 column: the number 5 is the key '5'.
    const arrow = {
      incidents: tableFromArrays(
        { incident_id: t.ids, date: t.dates, offence: t.offences, Grade: t.grades.map(Number) },
        { types: { Grade: int32() } },
      ),
      involvements: tableFromArrays(t.inv),
    };
    for (const run of [ingest, ingestByColumns, ingestRows]) {
      const c = run(arrow, { now: NOW, mapping, severityLevels: FIVE });
      expect(c.summary.tables.incidents.accepted).toBe(50);
      expect(Array.from(c.data.incidents, (x) => x.severity).slice(0, 5)).toEqual([4, 3, 2, 1, 0]);
    }
  });

  it('labels, matched trimmed and case-insensitively; numbers as numbers (5.0 is 5)', () => {
    const labels = ['HIGH', ' High ', 'medium', 'Low', 'low'];
    const t = csv(10, (k) => labels[k]);
    const r = ingest(
      { incidents: t.incidents, involvements: t.involvements },
      { now: NOW, mapping, severityLevels: { High: 4, Medium: 2, Low: 1 } },
    );
    expect(r.data.incidents.map((x) => x.severity)).toEqual([4, 4, 2, 1, 1, 4, 4, 2, 1, 1]);
    const n = csv(5, (k) => ['5.0', '05', '3', ' 2', '1'][k]);
    const r2 = ingest(
      { incidents: n.incidents, involvements: n.involvements },
      { now: NOW, mapping, severityLevels: FIVE },
    );
    expect(r2.data.incidents.map((x) => x.severity)).toEqual([4, 4, 2, 1, 0]);
  });

  it('a value that is no key is rejected naming the row, the value and the keys; empty cells are derived', () => {
    const t = csv(10, (k, i) =>
      i === 3 ? 'Unknown' : i === 4 ? '' : ['High', 'High', 'Medium', 'Low', 'Low'][k],
    );
    const levels = { High: 4, Medium: 2, Low: 1 };
    const input = { incidents: t.incidents, involvements: t.involvements };
    const r = ingest(input, { now: NOW, mapping, severityLevels: levels });
    expect(r.summary.tables.incidents).toMatchObject({ read: 10, accepted: 9, rejected: 1 });
    const reason =
      "severity 'Unknown' is not one of severityLevels' keys ('High', 'Medium', 'Low'): add it with its level 0–4";
    expect(r.rejected.filter((p) => p.table === 'incidents')).toEqual([
      { table: 'incidents', row: 4, line: 5, field: 'severity', value: 'Unknown', reason },
    ]);
    // Row 5 (Theft, no grade) derived from its offence.
    expect(r.data.incidents[3]).toMatchObject({ incident_id: 'I4', severity: 0 });
    expect(r.summary.severityDerived).toBe(1);
    expect(() =>
      ingest(input, { now: NOW, mapping, severityLevels: levels, strict: true }),
    ).toThrow(reason);
    const c = ingestByColumns(
      {
        incidents: tableFromArrays({
          incident_id: t.ids,
          date: t.dates,
          offence: t.offences,
          Grade: t.grades.map(String),
        }),
        involvements: tableFromArrays(t.inv),
      },
      { now: NOW, mapping, severityLevels: levels },
    );
    expect(c.rejected.filter((p) => p.table === 'incidents')).toEqual([
      { table: 'incidents', row: 4, field: 'severity', value: 'Unknown', reason },
    ]);
  });

  it('is validated like every option: the key named', () => {
    const t = csv(5, (k) => 5 - k);
    const input = { incidents: t.incidents, involvements: t.involvements };
    const refused = (o: object) => {
      try {
        ingest(input, { now: NOW, ...o });
      } catch (e) {
        return e as OptionError;
      }
      throw new Error('not refused');
    };
    const out = refused({ severityLevels: { '5': 5, '4': 3 } });
    expect(out).toBeInstanceOf(OptionError);
    expect(out.option).toBe('severityLevels');
    expect(out.message).toBe(
      "ingest: option 'severityLevels' must be an object whose every value is a whole number ≥ 0 and ≤ 4 ('5' is 5), got an object.",
    );
    expect(refused({ severityLevels: { High: 2.5 } }).message).toContain("('High' is 2.5)");
    // A level written as text is shown so: '4', not 4.
    expect(refused({ severityLevels: { High: '4' } }).message).toContain("('High' is '4')");
    expect(refused({ severityLevels: [4, 3] }).message).toContain('must be an object');
    expect(refused({ severityLevels: { High: 4, ' high': 3 } }).message).toBe(
      "ingest: option 'severityLevels' has ' high' at 3, and another spelling at 4",
    );
    expect(refused({ severityLevels: { ' ': 1 } }).message).toContain('has an empty key');
    // An empty map is refused up front (it would reject every given severity, row by row).
    const empty = refused({ mapping, severityLevels: {} });
    expect(empty).toBeInstanceOf(OptionError);
    expect(empty.option).toBe('severityLevels');
    expect(empty.message).toBe(
      "ingest: option 'severityLevels' is empty: give each value of the severity column its level 0–4 ({ '5': 4, '4': 3, … }), or leave it out to read the column as 0–4",
    );
    const typo = refused({ severityLevel: FIVE });
    expect(typo.message).toContain(
      "unknown option 'severityLevel'. Did you mean 'severityLevels'?",
    );
  });

  it('ingestFiles and the command line (a --map file) take it', async () => {
    const t = csv(50, (k) => 5 - k);
    const p = writeFiles(tempDir(), {
      'incidents.csv': t.incidents,
      'involvements.csv': t.involvements,
      'levels.json': JSON.stringify({ mapping, severityLevels: FIVE }),
    });
    const r = ingestFiles(
      { incidents: p['incidents.csv'], involvements: p['involvements.csv'] },
      { now: NOW, mapping, severityLevels: FIVE },
    );
    expect(r.data.incidents.slice(0, 5).map((x) => x.severity)).toEqual([4, 3, 2, 1, 0]);
    const v = await cli(['validate', ...inputArgs(p), '--map', p['levels.json'], '--now', NOW]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('incidents: 50 rows read, 50 accepted, 0 left out');
  });
});
