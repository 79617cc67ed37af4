import { tableFromArrays } from '@uwdata/flechette';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cascades,
  exposure,
  fitNetworkHawkes,
  retaliationNullModel,
  retaliations,
} from '../../src/contagion/index.js';
import { indexDataset } from '../../src/core/dataset-index.js';
import { isDatasetLike } from '../../src/core/guards.js';
import { profileData } from '../../src/core/profile.js';
import { dayToIso } from '../../src/core/time.js';
import type { Dataset, Involvement } from '../../src/core/types.js';
import { coOffendingEdges } from '../../src/graph/index.js';
import { ingest } from '../../src/ingest/index.js';
import { rankForOutreach, traceContacts } from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/index.js';

/**
 * Ingest keeps a dataset's involvements as columns and makes their objects only when
 * `data.involvements` is read (issue 17: ~6M objects fewer on the heap at a million people). These
 * tests pin what a user can observe: the same records, an ordinary array once read, an index
 * built from the columns equal to one built from the records, and nothing made by analyses.
 */

const isPending = (data: Dataset) =>
  typeof Object.getOwnPropertyDescriptor(data, 'involvements')?.get === 'function';

/** The dataset as plain arrays of fresh objects (what any copy of the records would be). */
const plain = (data: Dataset): Dataset => ({
  ...data,
  incidents: data.incidents.map((x) => ({ ...x })),
  involvements: data.involvements.map((v) => ({ ...v })),
  people: data.people.map((p) => ({ ...p })),
});

function indexArrays(data: Dataset) {
  const x = indexDataset(data);
  return {
    incidents: x.incidents.map((i) => i.incident_id),
    personIds: [...x.personIds],
    invOffset: Array.from(x.invOffset),
    invPerson: Array.from(x.invPerson),
    invRole: Array.from(x.invRole),
    personIncOffset: Array.from(x.personIncOffset),
    personInc: Array.from(x.personInc),
    personIncRole: Array.from(x.personIncRole),
    group: Array.from(x.group),
  };
}

function cityRows(people: number, seed: number) {
  const { data } = synthCity({ people, years: 2, seed });
  return {
    incidents: data.incidents.map(({ day: _day, ...rest }) => rest),
    involvements: data.involvements,
    people: data.people,
  };
}

describe("ingest's involvements as columns", () => {
  it('reads as the records given, once, as an ordinary array; analyses never make them', () => {
    const rows = cityRows(300, 5);
    const { data } = ingest(rows, { now: '2030-01-01' });
    expect(isPending(data)).toBe(true);
    expect(isDatasetLike(data)).toBe(true);
    const index = indexDataset(data);
    expect(isPending(data)).toBe(true); // the index read the columns
    const read = data.involvements;
    expect(isPending(data)).toBe(false);
    expect(data.involvements).toBe(read); // made once
    expect(read).toEqual(rows.involvements.map((v) => ({ ...v })));
    expect(Object.keys(data).slice(0, 3)).toEqual(['incidents', 'involvements', 'people']);
    // The index built from the columns stays the dataset's index once the objects are made, and
    // equals the index of the same records as plain objects.
    expect(indexDataset(data)).toBe(index);
    expect(indexArrays(data)).toEqual(indexArrays(plain(data)));
  });

  it('is replaced by assignment and noticed when changed, like any array', () => {
    const { data } = ingest(cityRows(200, 6), { now: '2030-01-01' });
    const before = indexDataset(data);
    const kept = data.involvements.slice(0, 10);
    data.involvements = kept;
    expect(data.involvements).toBe(kept);
    const after = indexDataset(data);
    expect(after).not.toBe(before);
    expect(after.invPerson.length).toBe(10);

    const { data: other } = ingest(cityRows(200, 6), { now: '2030-01-01' });
    const first = indexDataset(other);
    other.involvements.push({
      incident_id: other.incidents[0].incident_id,
      person_id: 'NEW',
      role: 'victim',
    });
    expect(indexDataset(other)).not.toBe(first);
    expect(indexDataset(other).personIndex.has('NEW')).toBe(true);
  });

  it('a frozen dataset, a copy by spread and JSON give the same records', () => {
    const rows = cityRows(150, 7);
    const want: Involvement[] = rows.involvements.map((v) => ({ ...v }));
    const frozen = Object.freeze(ingest(rows, { now: '2030-01-01' }).data);
    const index = indexDataset(frozen);
    expect(frozen.involvements).toEqual(want);
    expect(frozen.involvements).toBe(frozen.involvements);
    expect(indexDataset(frozen)).toBe(index);

    const { data } = ingest(rows, { now: '2030-01-01' });
    const copy = { ...data };
    expect(Object.getOwnPropertyDescriptor(copy, 'involvements')?.value).toEqual(want);
    expect(
      JSON.parse(JSON.stringify(ingest(rows, { now: '2030-01-01' }).data)).involvements,
    ).toEqual(want);
    expect(indexArrays(copy)).toEqual(indexArrays(plain(data)));
  });

  it('pseudonymised ids, Arrow tables and a people table with extra people', () => {
    const rows = cityRows(120, 8);
    const people = [...rows.people, { person_id: 'ONLY-IN-PEOPLE' }];
    const key = 'k'.repeat(32);
    for (const input of [
      { ...rows, people },
      {
        incidents: tableFromArrays({
          incident_id: rows.incidents.map((x) => x.incident_id),
          date: rows.incidents.map((x) => x.date),
          offence: rows.incidents.map((x) => x.offence),
          severity: rows.incidents.map((x) => x.severity),
        }),
        involvements: tableFromArrays({
          incident_id: rows.involvements.map((v) => v.incident_id),
          person_id: rows.involvements.map((v) => v.person_id),
          role: rows.involvements.map((v) => v.role),
        }),
        people,
      },
    ]) {
      for (const pseudonymKey of [undefined, key]) {
        const { data } = ingest(input, {
          now: '2030-01-01',
          ...(pseudonymKey ? { pseudonymise: { key: pseudonymKey } } : {}),
        });
        const fromColumns = indexArrays(data);
        expect(isPending(data)).toBe(true);
        expect(fromColumns).toEqual(indexArrays(plain(data)));
        const ids = new Set(data.involvements.map((v) => v.person_id));
        expect(ids.size).toBe(new Set(rows.involvements.map((v) => v.person_id)).size);
        if (pseudonymKey) expect(ids.has(rows.involvements[0].person_id)).toBe(false);
        expect(fromColumns.personIds).toContain(data.people.at(-1)!.person_id);
      }
    }
  });

  it('messy rows (duplicates, conflicting roles, unknown incidents): the records ingest keeps', () => {
    const person = fc.constantFrom('A', 'B', 'C', 'D', ' B', 'b');
    const role = fc.constantFrom('offender', 'victim', 'other', 'suspect', 'witness?');
    fc.assert(
      fc.property(
        fc.array(fc.record({ inc: fc.constantFrom('1', '2', '3', '9'), person, role }), {
          maxLength: 25,
        }),
        fc.constantFrom<'keep' | 'reject'>('keep', 'reject'),
        (rows, conflictingRoles) => {
          const input = {
            incidents: ['1', '2', '3'].map((id, i) => ({
              incident_id: id,
              date: `2024-01-0${i + 1}`,
              offence: 'assault',
              severity: 2,
            })),
            involvements: rows.map((r) => ({
              incident_id: r.inc,
              person_id: r.person,
              role: r.role,
            })),
            people: [{ person_id: 'E' }],
          };
          const { data, rejected } = ingest(input, {
            now: '2030-01-01',
            conflictingRoles,
            roleSynonyms: { suspect: 'offender' },
          });
          const fromColumns = indexArrays(data);
          expect(fromColumns).toEqual(indexArrays(plain(data)));
          expect(
            data.involvements.length + rejected.filter((p) => p.table === 'involvements').length,
          ).toBe(rows.length);
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });
  it('the records stay those ingested when the incidents array is edited in place first', () => {
    const rows = cityRows(200, 9);
    const want = rows.involvements.map((v) => ({ ...v }));
    const sorted = ingest(rows, { now: '2030-01-01' }).data;
    sorted.incidents.reverse();
    expect(sorted.involvements).toEqual(want);
    const popped = ingest(rows, { now: '2030-01-01' }).data;
    popped.incidents.pop();
    expect(popped.involvements).toEqual(want);
    // An index after the change is built from the records (the incidents array changed length).
    expect(indexDataset(popped).incidents).toHaveLength(popped.incidents.length);
  });

  it('the heavy analyses read the index, never the involvement objects', () => {
    const { data: city } = synthCity({ people: 1500, years: 5, seed: 11 });
    const rows = {
      incidents: city.incidents.map(({ day: _day, ...rest }) => rest),
      involvements: city.involvements,
      people: city.people,
    };
    const asOf = dayToIso(city.incidents[Math.floor(city.incidents.length * 0.8)].day);
    const shooting = city.incidents.filter((i) => i.severity >= 3 && i.date < asOf).at(-1)!;
    const { data } = ingest(rows, { now: '2030-01-01' });
    const edges = coOffendingEdges(data, { asOf });
    expect(edges.source.length).toBeGreaterThan(0);
    expect(exposure(data, { asOf }).numRows()).toBeGreaterThan(0);
    cascades(retaliations(data, { asOf }));
    const model = fitNetworkHawkes(data, { asOf });
    expect(rankForOutreach(data, { asOf, model, limit: 20 }).numRows()).toBeGreaterThan(0);
    traceContacts(data, shooting.incident_id);
    traceContacts(data, shooting.incident_id, { model, asOf });
    expect(profileData(data).involvements).toBe(rows.involvements.length);
    expect(isPending(data)).toBe(true);
  });

  it('a null model that moves dates shares the columns and gives what the records give', () => {
    const { data: city } = synthCity({ people: 1200, years: 4, seed: 5, feud: { rivalries: 3 } });
    const rows = {
      incidents: city.incidents.map(({ day: _day, ...rest }) => rest),
      involvements: city.involvements,
      people: city.people,
    };
    const { data } = ingest(rows, { now: '2030-01-01' });
    const options = { runs: 19, seed: 3 };
    const fromColumns = retaliationNullModel(data, options);
    expect(isPending(data)).toBe(true);
    const fromRecords = retaliationNullModel(plain(data), options);
    expect(fromColumns.links.observed).toBeGreaterThan(0);
    expect(fromColumns).toEqual(fromRecords);
  });
});
