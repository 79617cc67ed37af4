import { tableFromArrays } from '@uwdata/flechette';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cascades, exposure, fitNetworkHawkes, retaliations } from '../../src/contagion/index.js';
import { indexBefore, indexDataset } from '../../src/core/dataset-index.js';
import { isDatasetLike } from '../../src/core/guards.js';
import { profileData } from '../../src/core/profile.js';
import { dayToIso } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { coOffendingEdges } from '../../src/graph/index.js';
import { ingest } from '../../src/ingest/index.js';
import { rankForOutreach } from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/index.js';

/**
 * Ingest keeps a dataset's incidents as columns and makes their records only when
 * `data.incidents` is read (issue 17: ~3M objects fewer on the heap at a million people, for every
 * major collection to mark). These tests pin what a user can observe: the same records, an
 * ordinary array once read, an index built from the columns equal to one built from the
 * records (its per-position readers included), and nothing made by the heavy analyses.
 */

const isPending = (data: Dataset) =>
  typeof Object.getOwnPropertyDescriptor(data, 'incidents')?.get === 'function';

/** The dataset as plain arrays of fresh objects. */
const plain = (data: Dataset): Dataset => ({
  ...data,
  incidents: data.incidents.map((x) => ({ ...x })),
  involvements: data.involvements.map((v) => ({ ...v })),
  people: data.people.map((p) => ({ ...p })),
});

/** The index's arrays and what its readers give for every position (read before the records). */
function indexView(data: Dataset) {
  const x = indexDataset(data);
  const n = x.day.length;
  const readers = Array.from({ length: n }, (_, k) => [
    x.incidentId(k),
    x.incidentArea(k),
    { ...x.incidentAt(k) },
  ]);
  return {
    readers,
    incidents: x.incidents.map((i) => ({ ...i })),
    day: Array.from(x.day),
    timed: Array.from(x.timed),
    severity: Array.from(x.severity),
    personIds: [...x.personIds],
    invOffset: Array.from(x.invOffset),
    invPerson: Array.from(x.invPerson),
    invRole: Array.from(x.invRole),
    personInc: Array.from(x.personInc),
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

describe("ingest's incidents as columns", () => {
  it('reads as the records given, once, as an ordinary array; the index reads the columns', () => {
    const { data: city } = synthCity({ people: 300, years: 2, seed: 5 });
    const rows = {
      incidents: city.incidents.map(({ day: _day, ...rest }) => rest),
      involvements: city.involvements,
      people: city.people,
    };
    const { data } = ingest(rows, { now: '2030-01-01' });
    expect(isPending(data)).toBe(true);
    expect(isDatasetLike(data)).toBe(true);
    const index = indexDataset(data);
    const ids = Array.from({ length: index.day.length }, (_, k) => index.incidentId(k));
    const one = index.incidentAt(3);
    expect(isPending(data)).toBe(true); // neither the index nor its readers made the records
    expect(profileData(data).incidents).toBe(rows.incidents.length);
    expect(isPending(data)).toBe(true);
    const read = data.incidents;
    expect(isPending(data)).toBe(false);
    expect(data.incidents).toBe(read); // made once
    // synthCity's records carry the same fields; ingest's hold the day as read from the date.
    expect(read).toEqual(city.incidents.map((x) => ({ ...x })));
    expect(Object.keys(data).slice(0, 3)).toEqual(['incidents', 'involvements', 'people']);
    expect(indexDataset(data)).toBe(index);
    expect(index.incidents.map((x) => x.incident_id)).toEqual(ids);
    expect(one).toEqual(index.incidents[3]);
    expect(index.incidentAt(3)).toBe(index.incidents[3]); // the same object once made
    expect(indexView(data)).toEqual(indexView(plain(data)));
  });

  it('is replaced by assignment and noticed when changed; frozen, spread and JSON copies', () => {
    const rows = cityRows(200, 6);
    const { data } = ingest(rows, { now: '2030-01-01' });
    const before = indexDataset(data);
    const kept = data.incidents.slice(0, 10);
    data.incidents = kept;
    expect(data.incidents).toBe(kept);
    expect(indexDataset(data)).not.toBe(before);
    expect(indexDataset(data).day.length).toBe(10);

    const { data: other } = ingest(rows, { now: '2030-01-01' });
    const first = indexDataset(other);
    other.incidents.push({ ...other.incidents[0], incident_id: 'NEW' });
    expect(indexDataset(other)).not.toBe(first);
    const grown = indexDataset(other);
    expect(Array.from({ length: grown.day.length }, (_, k) => grown.incidentId(k))).toContain(
      'NEW',
    );

    const want = ingest(rows, { now: '2030-01-01' }).data.incidents;
    const frozen = Object.freeze(ingest(rows, { now: '2030-01-01' }).data);
    const index = indexDataset(frozen);
    expect(frozen.incidents).toEqual(want);
    expect(frozen.incidents).toBe(frozen.incidents);
    expect(indexDataset(frozen)).toBe(index);
    const { data: third } = ingest(rows, { now: '2030-01-01' });
    expect(Object.getOwnPropertyDescriptor({ ...third }, 'incidents')?.value).toEqual(want);
    expect(JSON.parse(JSON.stringify(ingest(rows, { now: '2030-01-01' }).data)).incidents).toEqual(
      JSON.parse(JSON.stringify(want)),
    );
  });

  it('a record keeps its identity whenever it is made; editing the array in place moves no index record', () => {
    const rows = cityRows(200, 7);
    const { data } = ingest(rows, { now: '2030-01-01' });
    const index = indexDataset(data);
    const n = index.day.length;
    // Made one at a time before the array: the same object each time, and the array's.
    const early = index.incidentAt(5);
    expect(index.incidentAt(5)).toBe(early);
    expect(data.incidents).toContain(early);
    expect(index.incidents[5]).toBe(early);
    // As from records: the user's array is theirs to sort or edit; the (cached) index keeps
    // pointing at the records it was built on, so its readers agree with its own arrays.
    const view = Array.from({ length: n }, (_, k) => index.incidentAt(k));
    data.incidents.reverse();
    data.incidents[0] = { ...data.incidents[0], incident_id: 'EDITED' };
    expect(indexDataset(data)).toBe(index); // same length and array: not noticed (documented)
    for (let k = 0; k < n; k++) {
      expect(index.incidentAt(k)).toBe(view[k]);
      expect(index.incidentAt(k).incident_id).toBe(index.incidentId(k));
      expect(index.incidentAt(k).day).toBe(index.day[k]);
    }
    // A fresh dataset whose array is sorted in place before any index: the index reads the
    // records in their new order, as it would plain records.
    const { data: sorted } = ingest(rows, { now: '2030-01-01' });
    sorted.incidents.reverse();
    const again = indexDataset(sorted);
    for (let k = 0; k < n; k++) expect(again.incidentAt(k).incident_id).toBe(again.incidentId(k));
  });

  it('records made and then edited in place before the first index: the index reads the edits', () => {
    const rows = cityRows(200, 11);
    // A pseudonymisation done in place on the records (people and involvements alike), a role
    // corrected, an involvement moved to another incident: the index is as from plain records.
    const edits: ((data: Dataset) => void)[] = [
      (data) => {
        const rename = (id: string) => `Q${id}`;
        for (const p of data.people) p.person_id = rename(p.person_id);
        for (const v of data.involvements) v.person_id = rename(v.person_id);
      },
      (data) => {
        const v = data.involvements.find((x) => x.role === 'victim')!;
        v.role = 'offender';
      },
      (data) => {
        data.involvements[3].incident_id = data.incidents[0].incident_id;
      },
      (data) => {
        data.people[0].person_id = 'NEW-PERSON';
      },
    ];
    // The incident records made and edited while the involvements are still columns.
    const incidentEdits: ((data: Dataset) => void)[] = [
      (data) => {
        data.incidents.reverse();
      },
      (data) => {
        data.incidents[0].incident_id = 'RENAMED';
      },
    ];
    for (const edit of incidentEdits) {
      const { data } = ingest(rows, { now: '2030-01-01' });
      edit(data);
      const got = indexView(data); // before the involvements are read: they are columns here
      expect(got).toEqual(indexView(plain(data)));
    }
    for (const edit of edits) {
      const { data } = ingest(rows, { now: '2030-01-01' });
      edit(data);
      expect(indexView(data)).toEqual(indexView(plain(data)));
    }
  });

  it('Arrow tables, areas, weapons, coordinates and date-times: index and readers as from records', () => {
    const rows = cityRows(150, 8).incidents.map((x, k) => ({
      ...x,
      date: k % 3 === 0 ? `${x.date}T0${k % 10}:30:00Z` : x.date,
      area: k % 4 === 0 ? '' : `A${k % 7}`,
      weapon: ['knife', '', 'gun', 'spoon'][k % 4],
      lat: k % 5 === 0 ? null : -12.5,
      lon: k % 5 === 0 ? null : 51.25,
    }));
    const involvements = cityRows(150, 8).involvements;
    for (const input of [
      { incidents: rows, involvements },
      {
        incidents: tableFromArrays({
          incident_id: rows.map((x) => x.incident_id),
          date: rows.map((x) => x.date),
          offence: rows.map((x) => x.offence),
          severity: rows.map((x) => x.severity),
          area: rows.map((x) => x.area),
          weapon: rows.map((x) => x.weapon),
          lat: rows.map((x) => x.lat),
          lon: rows.map((x) => x.lon),
        }),
        involvements: tableFromArrays({
          incident_id: involvements.map((v) => v.incident_id),
          person_id: involvements.map((v) => v.person_id),
          role: involvements.map((v) => v.role),
        }),
      },
    ]) {
      const { data } = ingest(input, { now: '2030-01-01' });
      expect(isPending(data)).toBe(true);
      const view = indexView(data);
      expect(view).toEqual(indexView(plain(data)));
      expect(view.timed).toContain(1);
      expect(view.readers.some((r) => r[1] === undefined)).toBe(true);
      expect(data.incidents.some((x) => x.lat === -12.5 && x.weapon === 'firearm')).toBe(true);
      expect(data.incidents.some((x) => x.lat === undefined && x.area === undefined)).toBe(true);
      // A prefix reads the same positions.
      const full = indexDataset(data);
      const prefix = indexBefore(full, 40);
      expect(prefix.incidents).toEqual(full.incidents.slice(0, 40));
      expect(prefix.incidentId(39)).toBe(full.incidentId(39));
    }
  });

  it('messy rows (duplicate ids, bad dates, unsorted): the readers give the records ingest keeps', () => {
    const row = fc.record({
      id: fc.constantFrom('1', '2', '3', '4', '5', ' 6', ''),
      date: fc.constantFrom('2024-01-03', '2024-01-01', '2024-01-02T10:00', '2024-02-30', ''),
      severity: fc.constantFrom(0, 2, 3, 9),
      area: fc.constantFrom(undefined, '', 'A', 'B'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const incidents = rows.map((r) => ({
          incident_id: r.id,
          date: r.date,
          offence: 'assault',
          severity: r.severity,
          ...(r.area === undefined ? {} : { area: r.area }),
        }));
        const involvements = rows.map((r) => ({
          incident_id: r.id,
          person_id: 'P',
          role: 'victim',
        }));
        const { data } = ingest({ incidents, involvements }, { now: '2030-01-01' });
        expect(indexView(data)).toEqual(indexView(plain(data)));
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  it('the heavy analyses read the index, never the incident records', () => {
    const { data: city } = synthCity({ people: 1500, years: 5, seed: 11 });
    const rows = {
      incidents: city.incidents.map(({ day: _day, ...rest }) => rest),
      involvements: city.involvements,
      people: city.people,
    };
    const asOf = dayToIso(city.incidents[Math.floor(city.incidents.length * 0.8)].day);
    const { data } = ingest(rows, { now: '2030-01-01' });
    expect(coOffendingEdges(data, { asOf }).source.length).toBeGreaterThan(0);
    expect(exposure(data, { asOf }).numRows()).toBeGreaterThan(0);
    cascades(retaliations(data, { asOf }));
    const model = fitNetworkHawkes(data, { asOf });
    expect(rankForOutreach(data, { asOf, model, limit: 20 }).numRows()).toBeGreaterThan(0);
    expect(isPending(data)).toBe(true);
    // And what they gave equals what the records give.
    const again = plain(data);
    expect(
      rankForOutreach(again, {
        asOf,
        model: fitNetworkHawkes(again, { asOf }),
        limit: 20,
      }).objects(),
    ).toEqual(rankForOutreach(data, { asOf, model, limit: 20 }).objects());
  });
});
