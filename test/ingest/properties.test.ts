import { csvFormatRows } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { toDay } from '../../src/core/time.js';
import { type IngestInput, type IngestResult, ingest } from '../../src/ingest/index.js';

const NOW = '2025-01-01';
const ids = ['I1', 'I2', 'I3', 'I4', 'I5'];
const persons = ['A', 'B', 'C', 'D'];

// Anything a broken export might hold in a cell.
const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('   '),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.integer({ min: -10, max: 10 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.constant({}),
  fc.constant([1, 2]),
  fc.constant(new Date(Number.NaN)),
  fc.constant(Object.create(null)),
);
const validOr = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk });

const incidentRow = fc.record({
  incident_id: validOr(fc.constantFrom(...ids, 9)),
  date: validOr(
    fc.constantFrom('2021-01-01', '2022-06-30T12:00:00Z', '2021-02-29', '2030-01-01', '31/12/2021'),
  ),
  offence: validOr(fc.constantFrom('Shooting', 'Theft', 'Common assault', 'Littering', '')),
  severity: validOr(fc.constantFrom('0', '3', '', 4, 2.5, '7')),
  weapon: validOr(fc.constantFrom('gun', 'knife', 'brick', '')),
  lat: validOr(fc.constantFrom('51.5', '', '95', 'x', -33.9)),
});
const involvementRow = fc.record({
  incident_id: validOr(fc.constantFrom(...ids, 'I9')),
  person_id: validOr(fc.constantFrom(...persons, '')),
  role: validOr(fc.constantFrom('offender', 'Suspect', 'victim', 'witness', 'boss', '')),
});
const personRow = fc.record({
  person_id: validOr(fc.constantFrom(...persons, 'E')),
  birth_year: validOr(fc.constantFrom('1990', '', '2040', 2001)),
  group: validOr(fc.constantFrom('g1', 'g2', '')),
  ethnicity: validOr(fc.constantFrom('x', 'y')),
  prior: validOr(fc.constantFrom('1', '0', 'many')),
});
const inputs = fc.record({
  incidents: fc.array(incidentRow, { maxLength: 12 }),
  involvements: fc.array(involvementRow, { maxLength: 25 }),
  people: fc.array(personRow, { maxLength: 8 }),
});
const options = fc.record({
  conflictingRoles: fc.constantFrom('reject' as const, 'keep' as const),
  dateFormat: fc.constantFrom('iso' as const, 'dmy' as const),
});

function checkAccounting(input: IngestInput, r: IngestResult) {
  const { data, rejected, summary } = r;
  for (const t of ['incidents', 'involvements', 'people'] as const) {
    const c = summary.tables[t];
    expect(c.accepted + c.rejected).toBe(c.read);
    expect(c.accepted).toBe(data[t].length);
    const rows = rejected.filter((p) => p.table === t).map((p) => p.row);
    expect(rows.length).toBe(c.rejected);
    expect(new Set(rows).size).toBe(rows.length);
    const given = input[t];
    // Every row given is read, or blank (every cell empty, as a blank CSV line): none lost.
    if (Array.isArray(given)) expect(c.read + c.blank).toBe(given.length);
  }
  expect(summary.totals.accepted + summary.totals.rejected).toBe(summary.totals.read);
  expect(rejected.length).toBe(summary.totals.rejected);
  expect(summary.accepted + summary.rejected).toBe(summary.read);
  expect(summary.read).toBe(summary.totals.read);
}

function checkCanonical(r: IngestResult, keep: boolean) {
  const incidents = new Set(r.data.incidents.map((x) => x.incident_id));
  expect(incidents.size).toBe(r.data.incidents.length);
  for (const x of r.data.incidents) {
    expect([0, 1, 2, 3, 4]).toContain(x.severity);
    expect(x.day).toBe(toDay(x.date));
    expect(x.day).toBeLessThanOrEqual(toDay(NOW));
  }
  const seen = new Set<string>();
  for (const v of r.data.involvements) {
    expect(incidents.has(v.incident_id)).toBe(true);
    expect(v.person_id).not.toBe('');
    const key = keep
      ? `${v.incident_id}|${v.person_id}|${v.role}`
      : `${v.incident_id}|${v.person_id}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
  }
}

describe('ingest properties (fast-check)', () => {
  it('any mix of valid and corrupted rows never throws in lenient mode and never loses a row', () => {
    fc.assert(
      fc.property(inputs, options, (input, opts) => {
        const r = ingest(input, { ...opts, now: NOW });
        checkAccounting(input, r);
        checkCanonical(r, opts.conflictingRoles === 'keep');
      }),
      { numRuns: 400 },
    );
  });

  it('the same input gives the same result', () => {
    fc.assert(
      fc.property(inputs, options, (input, opts) => {
        expect(ingest(input, { ...opts, now: NOW })).toEqual(ingest(input, { ...opts, now: NOW }));
      }),
      { numRuns: 200 },
    );
  });

  it('strict mode throws a ValidationError exactly when lenient mode rejects a row', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const lenient = ingest(input, { now: NOW });
        let thrown: unknown;
        try {
          expect(ingest(input, { now: NOW, strict: true })).toEqual(lenient);
        } catch (e) {
          thrown = e;
        }
        if (lenient.rejected.length === 0) expect(thrown).toBeUndefined();
        else expect(thrown).toBeInstanceOf(ValidationError);
      }),
      { numRuns: 200 },
    );
  });

  it('CSV text with arbitrary cells (commas, quotes, newlines) never throws and accounts for every row', () => {
    const cell = fc.oneof(
      fc.constantFrom('I1', 'I2', 'A', 'B', 'offender', 'victim', '2021-01-01', '3', ''),
      fc.string({ maxLength: 5, unit: fc.constantFrom('a', ',', '"', '\n', ' ', '1', '-', '/') }),
    );
    const table = (columns: string[]) =>
      fc
        .array(fc.array(cell, { minLength: 0, maxLength: columns.length + 1 }), { maxLength: 15 })
        .map((rows) => csvFormatRows([columns, ...rows]));
    fc.assert(
      fc.property(
        table(['incident_id', 'date', 'severity']),
        table(['incident_id', 'person_id', 'role']),
        (incidents, involvements) => {
          const r = ingest({ incidents, involvements }, { now: NOW });
          checkAccounting({ incidents, involvements }, r);
          checkCanonical(r, false);
          expect(ingest({ incidents, involvements }, { now: NOW })).toEqual(r);
        },
      ),
      { numRuns: 300 },
    );
  });
});
