import { tableFromArrays } from '@uwdata/flechette';
import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isColumnarInput } from '../../src/ingest/column-ingest.js';
import { type IngestResult, ingest, ingestByColumns, ingestRows } from '../../src/ingest/ingest.js';
import type { IngestOptions } from '../../src/ingest/options.js';

// The columnar path (Arrow and arquero tables, validated column by column) must give exactly the
// row path's result on the same table: the same records, the same rejected rows in the same order
// with the same reasons, the same summary. Messy tables exercise every check: duplicate, empty,
// padded and numeric ids, bad, future and slashed dates, out-of-range and fractional severities,
// offences with and without a severity rule, unknown weapons, bad coordinates, unknown incidents,
// unknown roles, people listed twice (same and conflicting roles, in small and big incidents).

/** Either result, or the thrown error's class and message (strict mode, missing columns). */
function outcome(f: () => IngestResult): unknown {
  try {
    return f();
  } catch (e) {
    return { threw: (e as Error).name, message: (e as Error).message };
  }
}

/** The two paths agree, down to the order of keys (JSON) and `undefined`-valued keys. */
function expectSame(columnar: () => IngestResult, rows: () => IngestResult): void {
  const a = outcome(columnar);
  const b = outcome(rows);
  expect(a).toStrictEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
}

const now = '2024-06-01';

const incId = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }).map((k) => `I${k}`) },
  fc.constant(' I3 '),
  fc.constant(''),
  fc.constant(null),
);
const date = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('2021-03-04', '2022-12-31', '2020-02-29', '2021-03-04T10:00'),
  },
  fc.constantFrom('2021-02-30', '04/03/2021', '', 'soon', '2030-01-01', ' 2021-03-05 '),
  fc.constant(null),
);
const severity = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('0', '2', '4', ' 3 ') },
  fc.constantFrom('5', '2.5', 'x', '', '-1'),
  fc.constant(null),
);
const offence = fc.constantFrom('homicide', 'theft', 'shooting', 'Robbery', '', 'mystery');
const weapon = fc.constantFrom('firearm', 'gun', 'KNIFE', 'none', 'spoon', 'spoon ', 'fork', '');
const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -100, max: 190, noNaN: true }) },
  fc.constant(Number.NaN),
  fc.constant(null),
);
const personId = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }).map((k) => `P${k}`) },
  fc.constantFrom(' P2', '', 'P 1'),
  fc.constant(null),
);
const role = fc.constantFrom(
  'offender',
  'victim',
  'suspect',
  'Victim',
  'witness',
  '',
  '  ',
  'boss',
);

const incidentRow = fc.record({
  incident_id: incId,
  date,
  severity,
  offence,
  weapon,
  area: fc.constantFrom('A1', 'B2', ''),
  lat: coordinate,
  lon: coordinate,
  time: fc.constantFrom('13:45', '0930', 'noon', '', null),
});
const involvementRow = fc.record({ incident_id: incId, person_id: personId, role });
const options: fc.Arbitrary<IngestOptions> = fc.record(
  {
    conflictingRoles: fc.constantFrom('keep', 'reject') as fc.Arbitrary<'keep' | 'reject'>,
    pseudonymKey: fc.constant('a key of at least sixteen characters'),
    strict: fc.boolean(),
    weaponSynonyms: fc.constant({ spoon: 'knife' as const }),
  },
  { requiredKeys: [] },
);

/** Rows as columns (a value per row, `null` where a row lacks it). */
function columns<T extends object>(rows: readonly T[], names: readonly (keyof T & string)[]) {
  return Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n] ?? null)]));
}

const incidentNames = [
  'incident_id',
  'date',
  'severity',
  'offence',
  'weapon',
  'area',
  'lat',
  'lon',
] as const;
const involvementNames = ['incident_id', 'person_id', 'role'] as const;

describe('columnar ingest gives the row path result', () => {
  it('on random messy arquero tables (mixed types in a column) and Arrow tables', () => {
    fc.assert(
      fc.property(
        fc.array(incidentRow, { minLength: 4, maxLength: 25 }),
        fc.array(involvementRow, { minLength: 10, maxLength: 60 }),
        options,
        fc.boolean(),
        fc.boolean(),
        (incs, invs, opts, numericSeverity, withTime) => {
          // Some severities as numbers, some ids as numbers: arquero columns hold any mix.
          const names = withTime ? [...incidentNames, 'time' as const] : incidentNames;
          const incCols = columns(incs, names);
          if (numericSeverity) {
            incCols.severity = incCols.severity.map((s) =>
              typeof s === 'string' && s.trim() !== '' ? Number(s) : s,
            );
            incCols.incident_id = incCols.incident_id.map((id, k) => (k % 5 === 4 ? 7 : id));
          }
          const invCols = columns(invs, involvementNames);
          const arquero = { incidents: aq.table(incCols), involvements: aq.table(invCols) };
          // arquero tables take the row path in ingest; the columnar path must agree on them.
          expect(isColumnarInput(arquero)).toBe(false);
          const o = { now, ...opts };
          expectSame(
            () => ingestByColumns(arquero, o),
            () => ingestRows(arquero, o),
          );
          // Arrow: strings dictionary-encoded (flechette's default), in batches of 7 rows, with
          // nulls; severities, lat and lon as float columns.
          const arrow = {
            incidents: tableFromArrays(
              {
                ...columns(incs, names),
                lat: incCols.lat.map((v) => (v === null ? null : Number(v))),
                lon: incCols.lon.map((v) => (v === null ? null : Number(v))),
              },
              { maxBatchRows: 7 },
            ),
            involvements: tableFromArrays(columns(invs, involvementNames), { maxBatchRows: 7 }),
          };
          expect(isColumnarInput(arrow)).toBe(true);
          expectSame(
            () => ingest(arrow, o),
            () => ingestRows(arrow, o),
          );
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });

  it('when incident ids ascend and then repeat or fall, and involvements name ids out of order', () => {
    // While ids ascend they are found by binary search (no hashing); the first id out of order
    // moves them to the hash table. Unknown ids below, between and above the known ones.
    const ascending = ['I1', 'I2', 'I4', 'I6'];
    const broken = ['I1', 'I2', 'I4', 'I2', 'I3', 'I6', 'I1', 'I5'];
    for (const ids of [ascending, broken]) {
      const incidents = tableFromArrays({
        incident_id: ids,
        date: ids.map(() => '2021-03-04'),
        severity: ids.map(() => 3),
      });
      const named = ['I1', 'I2', 'I0', 'I4', 'I3', 'I5', 'I9', 'I6', 'I2', 'I1', 'I35'];
      const involvements = tableFromArrays({
        incident_id: named,
        person_id: named.map((_, k) => `P${k % 4}`),
        role: named.map(() => 'offender'),
      });
      expect(isColumnarInput({ incidents, involvements })).toBe(true);
      expectSame(
        () => ingest({ incidents, involvements }, { now }),
        () => ingestRows({ incidents, involvements }, { now }),
      );
    }
    const { rejected } = ingest(
      {
        incidents: tableFromArrays({
          incident_id: broken,
          date: broken.map(() => '2021-03-04'),
          severity: broken.map(() => 3),
        }),
        involvements: tableFromArrays({ incident_id: ['I3'], person_id: ['P'], role: ['victim'] }),
      },
      { now },
    );
    expect(rejected.map((p) => p.reason)).toEqual([
      "incident id 'I2' is used by rows 2 and 4, which agree; only row 2 is kept",
      "incident id 'I1' is used by rows 1 and 7, which agree; only row 1 is kept",
    ]);
  });

  it('on one messy table, with the problems it must find', () => {
    const incidents = aq.table({
      incident_id: ['I1', 'I2', 'I2', '', 'I4', 'I5', 'I6', 'I7'],
      date: [
        '2021-01-01',
        '2021-01-02',
        '2021-01-02',
        '2021-01-04',
        '31/02/2021',
        '2030-01-01',
        '2021-01-07',
        '2021-01-08',
      ],
      severity: [2, 3, 3, 0, 1, 1, 7, null],
      offence: ['theft', 'robbery', 'robbery', 'theft', 'theft', 'theft', 'theft', 'mystery'],
      weapon: ['gun', 'spoon', 'spoon', '', 'knife', '', '', 'spoon'],
    });
    // A big incident (20 people) so that the same-person check uses its index too.
    const big = Array.from({ length: 20 }, (_, k) => ({
      incident_id: 'I1',
      person_id: `P${k}`,
      role: 'offender',
    }));
    const involvements = aq.from([
      ...big,
      { incident_id: 'I1', person_id: 'P3', role: 'victim' }, // conflicting role, big incident
      { incident_id: 'I2', person_id: 'P1', role: 'offender' },
      { incident_id: 'I2', person_id: 'P1', role: 'offender' }, // listed twice
      { incident_id: 'I4', person_id: 'P1', role: 'offender' }, // incident rejected
      { incident_id: 'I9', person_id: 'P1', role: 'offender' }, // not in incidents
      { incident_id: 'I2', person_id: '', role: 'offender' },
      { incident_id: 'I2', person_id: 'P2', role: 'boss' },
    ]);
    for (const conflictingRoles of ['keep', 'reject'] as const) {
      const o = { now, conflictingRoles };
      const columnar = ingestByColumns({ incidents, involvements }, o);
      expect(columnar).toStrictEqual(ingestRows({ incidents, involvements }, o));
      const { summary, rejected } = columnar;
      expect(summary.tables.incidents).toMatchObject({ read: 8, accepted: 2, rejected: 6 });
      expect(summary.accepted + summary.rejected).toBe(summary.read);
      expect(rejected.map((p) => `${p.table}:${p.row}:${p.field}`)).toEqual([
        'incidents:3:incident_id',
        'incidents:4:incident_id',
        'incidents:5:date',
        'incidents:6:date',
        'incidents:7:severity',
        'incidents:8:offence',
        ...(conflictingRoles === 'reject' ? ['involvements:4:role', 'involvements:21:role'] : []),
        'involvements:23:person_id',
        'involvements:24:incident_id',
        'involvements:25:incident_id',
        'involvements:26:person_id',
        'involvements:27:role',
      ]);
      expect(summary.weaponsReadAsOther).toEqual({ spoon: 1 });
      expect(summary.severityDerived).toBe(0);
    }
  });
});
