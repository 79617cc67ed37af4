import { csvFormat } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RowProblem, ValidationError } from '../../src/core/errors.js';
import type { Dataset } from '../../src/core/types.js';
import { RowLedger } from '../../src/ingest/accounting.js';
import { type IngestResult, ingest } from '../../src/ingest/index.js';
import { fromObjects, readSource } from '../../src/ingest/source-table.js';

const NOW = '2025-01-01';

describe('RowLedger (the one row-accounting helper of every ingest reader)', () => {
  it('counts each decision once: accepted + rejected === read, blanks apart', () => {
    const ledger = new RowLedger('people', fromObjects([{}, {}, {}, {}]), false);
    ledger.accept(0);
    ledger.skipBlank(1);
    ledger.reject(2, 'person_id', '', 'person id is empty');
    ledger.accept(3);
    expect(ledger.counts()).toEqual({
      read: 3,
      accepted: 2,
      rejected: 1,
      blank: 1,
      lines: 4,
      multiLine: 0,
    });
    expect(ledger.problems()).toEqual([
      { table: 'people', row: 3, field: 'person_id', value: '', reason: 'person id is empty' },
    ]);
    expect(ledger.reason(2)).toBe('person id is empty');
    expect(ledger.isRejected(2) && ledger.isAccepted(0) && !ledger.isAccepted(1)).toBe(true);
  });

  it('refuses a row decided twice and a table with a row left undecided (a reader bug)', () => {
    const ledger = new RowLedger('incidents', fromObjects([{}, {}]), false);
    ledger.accept(0);
    expect(() => ledger.reject(0, 'date', 'x', 'bad')).toThrow(/incidents row 1 decided twice/);
    expect(() => ledger.counts()).toThrow(/incidents row 2 was neither accepted nor rejected/);
    expect(() => ledger.revoke(1, 'role', 'x', 'bad')).toThrow(/revoked but not accepted/);
  });

  it('a revoked row moves from accepted to rejected, and problems stay in row order', () => {
    const ledger = new RowLedger('involvements', fromObjects([{}, {}, {}]), false);
    ledger.accept(0);
    ledger.accept(1);
    ledger.reject(2, 'role', 'victim', 'conflict');
    ledger.revoke(0, 'role', 'offender', 'conflict');
    expect(ledger.counts()).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
    expect(ledger.problems().map((p) => p.row)).toEqual([1, 3]);
  });

  it('strict mode throws the first problem, with its CSV line, and records nothing', () => {
    const src = readSource('person_id\n"a\nb"\n\nc\n', 'people');
    const ledger = new RowLedger('people', src, true);
    ledger.accept(0);
    ledger.skipBlank(1);
    let thrown: unknown;
    try {
      ledger.reject(2, 'person_id', 'c', 'no');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).problem).toEqual({
      table: 'people',
      row: 3,
      field: 'person_id',
      value: 'c',
      reason: 'no',
      line: 5,
    });
    expect(ledger.problems()).toEqual([]);
  });

  it('a quoted cell spanning lines is counted and named', () => {
    const src = readSource('person_id,note\na,"x\ny"\nb,z\n', 'people');
    const ledger = new RowLedger('people', src, false);
    ledger.accept(0);
    ledger.accept(1);
    expect(ledger.counts()).toMatchObject({ read: 2, lines: 3, multiLine: 1 });
    expect(ledger.multiLineWarning()).toMatch(
      /^people: 1 line break is inside a quoted cell, so a row spans two lines: row 1 \(lines 2–3\)/,
    );
  });
});

// ---- messy tables in every form ----------------------------------------------------------------

// What a broken export holds in a cell.
const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant(' '),
  fc.constant(Number.NaN),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.string({ maxLength: 3 }),
  fc.constant({}),
  fc.constant(new Date(Number.NaN)),
);
const messy = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: junk });
const ids = ['I1', 'I2', 'I3', 'I4', 'I5'];
const persons = ['A', 'B', 'C', 'D'];
// Bad and future dates, dd/mm dates under the ISO default, times of day good and bad.
const date = messy(
  fc.constantFrom(
    '2021-01-01',
    '2021-03-04',
    '2021-02-29',
    '2030-01-01',
    '31/12/2021',
    '2021-05-05T10:00',
  ),
);
const incidentFields = {
  date,
  time: messy(fc.constantFrom('', '23:30', '25:00')),
  offence: messy(fc.constantFrom('Shooting', 'Theft', 'Littering', '')),
  severity: messy(fc.constantFrom('0', '3', '', '7', 2.5)),
  weapon: messy(fc.constantFrom('gun', 'knife', 'brick', '')),
  lat: messy(fc.constantFrom('51.5', '', '95', 'x')),
};
// Missing fields: any incident field but the id may be absent from a row.
const incident = (id: fc.Arbitrary<unknown>, required: ('date' | 'severity')[] = []) =>
  fc.record({ incident_id: id, ...incidentFields }, { requiredKeys: ['incident_id', ...required] });
// Unknown, empty and synonym roles; empty and junk person ids.
const role = messy(fc.constantFrom('offender', 'Suspect', 'victim', 'witness', 'boss', ''));
const entry = fc.record({ person_id: messy(fc.constantFrom(...persons, '')), role });
// Orphans (I9 is never an incident) and junk incident ids.
const involvement = fc.record({
  incident_id: messy(fc.constantFrom(...ids, 'I9')),
  person_id: entry.map((e) => e.person_id),
  role,
});
const person = fc.record(
  {
    person_id: messy(fc.constantFrom(...persons, 'E')),
    birth_year: messy(fc.constantFrom('1990', '', '2040')),
    group_since: messy(fc.constantFrom('2020-01-01', 'soon', '')),
    prior: messy(fc.constantFrom('1', 'many')),
  },
  { requiredKeys: ['person_id'] },
);
const people = fc.option(fc.array(person, { maxLength: 6 }), { nil: undefined });
// Duplicates: ids are drawn from a few, so repeated incident ids, people and involvements abound.
const long = fc.record({
  incidents: fc.array(incident(messy(fc.constantFrom(...ids))), { maxLength: 8 }),
  involvements: fc.array(involvement, { maxLength: 20 }),
  people,
});
const nested = fc.record({
  incidents: fc.array(
    fc
      .tuple(incident(messy(fc.constantFrom(...ids))), messy(fc.array(entry, { maxLength: 4 })))
      .map(([r, list]) => ({ ...r, people: list })),
    { maxLength: 8 },
  ),
  people,
});
const flat = fc.record({
  involvements: fc.array(
    fc.tuple(incident(messy(fc.constantFrom(...ids))), entry).map(([r, e]) => ({ ...r, ...e })),
    { maxLength: 20 },
  ),
  people,
});

/** CSV text of rows of objects (cells as an export would write them). */
function asCsv(rows: readonly object[] | undefined): string | undefined {
  if (rows === undefined) return undefined;
  const cell = (v: unknown) =>
    v === undefined || v === null
      ? ''
      : v instanceof Date
        ? 'Invalid Date'
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  return csvFormat(
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)]))),
  );
}
type Tables = { incidents?: object[]; involvements?: object[]; people?: object[] };
const forms = fc.oneof(long, nested, flat);
const inputs = fc
  .tuple(forms as fc.Arbitrary<Tables>, fc.boolean())
  .map(([t, csv]) =>
    csv
      ? Object.fromEntries(Object.entries(t).map(([k, rows]) => [k, asCsv(rows as object[])]))
      : t,
  );
const options = fc.record({
  conflictingRoles: fc.constantFrom('reject' as const, 'keep' as const),
  dateFormat: fc.constantFrom('iso' as const, 'dmy' as const),
});

/** Rows given as objects, or the data lines of CSV text (none of them blank here). */
function given(t: unknown): number | undefined {
  if (Array.isArray(t)) return t.length;
  return undefined;
}

function checkAccounting(input: Tables, r: IngestResult) {
  const { data, rejected, summary } = r;
  for (const t of ['incidents', 'involvements', 'people'] as const) {
    const c = summary.tables[t];
    expect(c.accepted + c.rejected).toBe(c.read);
    expect(c.accepted).toBe(data[t].length);
    const rows = rejected.filter((p) => p.table === t).map((p) => p.row);
    expect(rows.length).toBe(c.rejected);
    // One problem per rejected row, in row order, each a row of the table.
    expect(rows).toEqual([...new Set(rows)].sort((a, b) => a - b));
    for (const row of rows) expect(row >= 1 && row <= c.read + c.blank).toBe(true);
  }
  // Every row given is read, or blank (every cell empty: counted apart, as a blank CSV line);
  // the flat form's incidents are its distinct ids, counted apart.
  const readOrBlank = (t: 'incidents' | 'involvements' | 'people') =>
    summary.tables[t].read + summary.tables[t].blank;
  if (summary.form !== 'flat')
    expect(readOrBlank('incidents')).toBe(given(input.incidents) ?? readOrBlank('incidents'));
  if (summary.form !== 'nested') {
    expect(readOrBlank('involvements')).toBe(
      given(input.involvements) ?? readOrBlank('involvements'),
    );
  }
  expect(readOrBlank('people')).toBe(given(input.people) ?? readOrBlank('people'));
  const order = { incidents: 0, involvements: 1, people: 2 };
  expect(rejected.map((p) => order[p.table])).toEqual(
    rejected.map((p) => order[p.table]).sort((a, b) => a - b),
  );
  expect(summary.totals).toEqual({
    read: summary.read,
    accepted: summary.accepted,
    rejected: summary.rejected,
  });
  expect(summary.accepted + summary.rejected).toBe(summary.read);
  expect(rejected.length).toBe(summary.rejected);
}

/** Ingest, or the error when the input is refused as a whole (a flat table as incidents, …). */
function attempt(input: Tables, opts: object) {
  try {
    return { result: ingest(input, { ...opts, now: NOW }) };
  } catch (e) {
    return { error: e as Error };
  }
}

describe('row accounting across forms (fast-check)', () => {
  it('every row of a messy table is accepted or rejected once, in the long, nested and flat forms, from objects and CSV', () => {
    const seen = { long: 0, nested: 0, flat: 0, rejections: 0 };
    fc.assert(
      fc.property(inputs, options, (input, opts) => {
        const { result, error } = attempt(input, opts);
        // Only whole-table refusals may throw in lenient mode, never a row's problem.
        if (error) {
          expect(error).not.toBeInstanceOf(ValidationError);
          expect(error.name).toMatch(/MissingColumnError|IngestError/);
          return;
        }
        seen[result!.summary.form]++;
        if (result!.rejected.length) seen.rejections++;
        checkAccounting(input, result!);
      }),
      { numRuns: 400 },
    );
    // The generators reach every form, and most inputs have rejected rows.
    expect(Math.min(seen.long, seen.nested, seen.flat)).toBeGreaterThan(40);
    expect(seen.rejections).toBeGreaterThan(200);
  });

  it('strict mode throws on the first problem: a ValidationError exactly when lenient mode rejects a row, naming one of its problems from the first table with one', () => {
    fc.assert(
      fc.property(inputs, options, (input, opts) => {
        const lenient = attempt(input, opts);
        if (lenient.error) return;
        const strict = attempt(input, { ...opts, strict: true });
        const problems = lenient.result!.rejected;
        if (problems.length === 0) {
          expect(strict.error).toBeUndefined();
          expect(strict.result).toEqual(lenient.result);
          return;
        }
        expect(strict.error).toBeInstanceOf(ValidationError);
        const problem: RowProblem = (strict.error as ValidationError).problem;
        // A repeated incident id's reason says, under strict, what lenient ingest keeps.
        const STRICT = ' (without strict; with it, a repeated incident id stops ingest)';
        expect(problems).toContainEqual({ ...problem, reason: problem.reason.replace(STRICT, '') });
        expect(problem.table).toBe(problems[0].table);
      }),
      { numRuns: 300 },
    );
  });

  it('the same records read in the long, nested and flat forms give the same data', () => {
    // Unique incident ids, so that each involvement has one incident to be nested in or flattened
    // with; the date and severity columns present (their cells may still be anything).
    const records = fc.record({
      incidents: fc
        .uniqueArray(fc.constantFrom(...ids), { maxLength: 5 })
        .chain((unique) =>
          fc.tuple(...unique.map((id) => incident(fc.constant(id), ['date', 'severity']))),
        ),
      involvements: fc.array(involvement, { maxLength: 20 }),
    });
    const sorted = (d: Dataset) => ({
      incidents: [...d.incidents].sort((a, b) => a.incident_id.localeCompare(b.incident_id)),
      involvements: d.involvements.map((v) => `${v.incident_id}|${v.person_id}|${v.role}`).sort(),
    });
    fc.assert(
      fc.property(records, options, ({ incidents, involvements }, opts) => {
        const ofIncident = (id: string) => involvements.filter((v) => v.incident_id === id);
        const longForm = ingest({ incidents, involvements }, { ...opts, now: NOW });
        const nestedForm = ingest(
          {
            incidents: incidents.map((r) => ({
              ...r,
              people: ofIncident(r.incident_id as string).map(({ person_id, role }) => ({
                person_id,
                role,
              })),
            })),
          },
          { ...opts, now: NOW },
        );
        // (Without rows, no column says the table is nested.)
        expect(nestedForm.summary.form).toBe(incidents.length ? 'nested' : 'long');
        expect(sorted(nestedForm.data)).toEqual(sorted(longForm.data));
        // Flat: one row per involvement with its incident's columns; incidents without
        // involvements have no row, and orphans no incident to be flattened with.
        const flatRows = incidents.flatMap((r) =>
          ofIncident(r.incident_id as string).map((v) => ({ ...r, ...v })),
        );
        if (flatRows.length === 0) return;
        const flatForm = ingest({ involvements: flatRows }, { ...opts, now: NOW });
        expect(flatForm.summary.form).toBe('flat');
        const involved = new Set(flatRows.map((r) => r.incident_id));
        const expected = sorted(longForm.data);
        expected.incidents = expected.incidents.filter((x) => involved.has(x.incident_id));
        expect(sorted(flatForm.data)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
