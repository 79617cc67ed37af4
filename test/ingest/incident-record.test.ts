import { tableFromArrays } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { incidentRecord } from '../../src/ingest/incident-record.js';
import { ingest } from '../../src/ingest/ingest.js';

// Ingest's incident records hold a whole day inside the record (incident-record.ts keeps the
// `day` field of their hidden classes general): they must still be the plain objects, keys in
// order, and values (whole days as given, −0 kept, fractional days) of the object literals.

const rows = [
  { incident_id: 'I1', date: '2021-03-04', offence: 'assault', severity: 2 },
  { incident_id: 'I2', date: '2021-03-05T10:15:00Z', offence: 'robbery', severity: 3, area: 'A1' },
  { incident_id: 'I3', date: '2021-03-06', offence: 'shooting', severity: 3, weapon: 'gun' },
  {
    incident_id: 'I4',
    date: '1970-01-01',
    offence: 'homicide',
    severity: 4,
    weapon: 'knife',
    area: 'B2',
    lat: 51.5,
    lon: -0.1,
  },
];
const involvements = rows.map((r, k) => ({
  incident_id: r.incident_id,
  person_id: `P${k}`,
  role: 'offender',
}));

const expected = [
  { incident_id: 'I1', date: '2021-03-04', day: 18690, offence: 'assault', severity: 2 },
  {
    incident_id: 'I2',
    date: '2021-03-05T10:15:00.000Z',
    day: 18691 + 10.25 / 24,
    offence: 'robbery',
    severity: 3,
    area: 'A1',
  },
  {
    incident_id: 'I3',
    date: '2021-03-06',
    day: 18692,
    offence: 'shooting',
    severity: 3,
    weapon: 'firearm',
  },
  {
    incident_id: 'I4',
    date: '1970-01-01',
    day: 0,
    offence: 'homicide',
    severity: 4,
    weapon: 'knife',
    area: 'B2',
    lat: 51.5,
    lon: -0.1,
  },
];

function expectPlain(got: readonly object[]) {
  expect(got).toStrictEqual(expected);
  expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
  for (const [k, x] of got.entries()) {
    expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
    expect(x.constructor).toBe(Object);
    expect(Object.keys(x)).toEqual(Object.keys(expected[k]));
    expect(structuredClone(x)).toStrictEqual(expected[k]);
    expect({ ...x }).toStrictEqual(expected[k]);
  }
  // A whole day at 1970-01-01 is +0, not −0.
  expect(Object.is((got[3] as { day: number }).day, 0)).toBe(true);
}

describe('incident records', () => {
  it('are plain objects with the fields of an object literal, in its key order (row path)', () => {
    expectPlain(ingest({ incidents: rows, involvements }, { now: '2024-06-01' }).data.incidents);
  });

  it('are the same plain objects from the columnar path', () => {
    const cols = (keys: string[]) =>
      Object.fromEntries(
        keys.map((c) => [c, rows.map((r) => (r as Record<string, unknown>)[c] ?? null)]),
      );
    const incidents = tableFromArrays(
      cols(['incident_id', 'date', 'offence', 'severity', 'weapon', 'area', 'lat', 'lon']),
    );
    const inv = tableFromArrays({
      incident_id: involvements.map((v) => v.incident_id),
      person_id: involvements.map((v) => v.person_id),
      role: involvements.map((v) => v.role),
    });
    // (Lat/lon absent from a row are null cells of the table: not set on its record.)
    expectPlain(ingest({ incidents, involvements: inv }, { now: '2024-06-01' }).data.incidents);
  });

  it('keep a day as given: whole days (also −0 → a day) and fractional days', () => {
    expect(incidentRecord('a', 'd', 17533, 'o', 1, undefined, undefined).day).toBe(17533);
    expect(incidentRecord('a', 'd', 17533.25, 'o', 1, undefined, undefined).day).toBe(17533.25);
    expect(Object.is(incidentRecord('a', 'd', -0, 'o', 1, undefined, undefined).day, -0)).toBe(
      true,
    );
    expect(incidentRecord('a', 'd', 2 ** 40, 'o', 1, undefined, undefined).day).toBe(2 ** 40);
    expect(incidentRecord('a', 'd', -1.5, 'o', 1, undefined, undefined).day).toBe(-1.5);
    expect(Number.isNaN(incidentRecord('a', 'd', Number.NaN, 'o', 1, 'none', 'x').day)).toBe(true);
  });
});

describe('the general-day records survive bundling', () => {
  it('a minified browser bundle of ingest keeps them (the package is sideEffects: false)', async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: ['src/ingest/index.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      minify: true,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].text;
    expect(code.match(/day:null/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
  });
});
