import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../../src/core/dataset-index.js';
import { dayToIso } from '../../src/core/time.js';
import type { Dataset, Incident, Involvement, Person, Role } from '../../src/core/types.js';
import { ingest } from '../../src/ingest/index.js';

/**
 * The index by its definition, written plainly: incidents sorted by day (ties in input order),
 * people numbered in id order, each incident's involvements in row order, each person's incidents
 * ascending.
 */
function reference(data: Dataset) {
  const order = data.incidents
    .map((x, i) => [x.day, i] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, i]) => i);
  const ids = new Set<string>();
  for (const p of data.people) ids.add(p.person_id);
  for (const v of data.involvements) ids.add(v.person_id);
  const personIds = [...ids].sort();
  const number = new Map(personIds.map((id, i) => [id, i]));
  const invOffset = [0];
  const invPerson: number[] = [];
  const invRole: number[] = [];
  const perPerson: [number, number][][] = personIds.map(() => []);
  order.forEach((i, k) => {
    for (const v of data.involvements) {
      if (v.incident_id !== data.incidents[i].incident_id) continue;
      const p = number.get(v.person_id)!;
      invPerson.push(p);
      invRole.push(ROLE_CODE[v.role]);
      perPerson[p].push([k, ROLE_CODE[v.role]]);
    }
    invOffset.push(invPerson.length);
  });
  const personIncOffset = [0];
  for (const list of perPerson) personIncOffset.push(personIncOffset.at(-1)! + list.length);
  return {
    incidents: order.map((i) => data.incidents[i].incident_id),
    day: order.map((i) => data.incidents[i].day),
    personIds,
    personIndex: [...number],
    invOffset,
    invPerson,
    invRole,
    personIncOffset,
    personInc: perPerson.flatMap((l) => l.map(([k]) => k)),
    personIncRole: perPerson.flatMap((l) => l.map(([, r]) => r)),
  };
}

function arrays(x: DatasetIndex) {
  return {
    incidents: x.incidents.map((i) => i.incident_id),
    day: Array.from(x.day),
    personIds: [...x.personIds],
    personIndex: [...x.personIndex],
    invOffset: Array.from(x.invOffset),
    invPerson: Array.from(x.invPerson),
    invRole: Array.from(x.invRole),
    personIncOffset: Array.from(x.personIncOffset),
    personInc: Array.from(x.personInc),
    personIncRole: Array.from(x.personIncRole),
  };
}

const ROLES: Role[] = ['offender', 'victim', 'other'];

/**
 * Records in any order or already in order: incidents sorted by day or not (with ties and times of
 * day), involvement rows grouped by incident or shuffled, a people table sorted by id or not,
 * with people who have no records and records of people it does not list.
 */
const records = fc
  .record({
    days: fc.array(fc.constantFrom(0, 1, 1, 2, 2, 2, 3, 5, 1.25, 1.75, 2.5), { maxLength: 14 }),
    sortIncidents: fc.boolean(),
    members: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }), {
      minLength: 14,
      maxLength: 14,
    }),
    roles: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 60, maxLength: 60 }),
    shuffle: fc.option(fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), { nil: undefined }),
    people: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 10 }),
    sortPeople: fc.boolean(),
  })
  .map(({ days, sortIncidents, members, roles, shuffle, people, sortPeople }): Dataset => {
    const ds = sortIncidents ? [...days].sort((a, b) => a - b) : days;
    const incidents: Incident[] = ds.map((day, i) => ({
      incident_id: `I${i}`,
      date:
        day === Math.floor(day)
          ? dayToIso(18_000 + day)
          : `${dayToIso(18_000 + Math.floor(day))}T0${Math.round((day % 1) * 24) % 10}:00:00`,
      day: 18_000 + day,
      offence: 'x',
      severity: 1,
    }));
    let involvements: Involvement[] = [];
    incidents.forEach((x, i) => {
      for (const p of members[i])
        involvements.push({
          incident_id: x.incident_id,
          person_id: `P${p}`,
          role: ROLES[roles[involvements.length]],
        });
    });
    if (shuffle) {
      const keyed = involvements.map((v, r) => [shuffle[r], r, v] as const);
      keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      involvements = keyed.map(([, , v]) => v);
    }
    const ppl: Person[] = (sortPeople ? [...people].sort((a, b) => a - b) : people).map((p) => ({
      person_id: `P${p}`,
    }));
    return { incidents, involvements, people: ppl, auditColumns: [] };
  });

describe('indexDataset against its definition', () => {
  it('records as given and as ingest reads them (sorted or not, grouped or not)', () => {
    fc.assert(
      fc.property(records, (data) => {
        expect(arrays(indexDataset(data))).toEqual(reference(data));
        // Through ingest: the incident positions (and sorted runs) come from its layout.
        const read = ingest(
          {
            incidents: data.incidents.map(({ day: _d, ...x }) => x),
            involvements: data.involvements,
            people: data.people,
          },
          { now: '2030-01-01', timeZone: 'UTC' },
        );
        expect(read.rejected).toEqual([]);
        expect(arrays(indexDataset(read.data))).toEqual(reference(read.data));
      }),
      { numRuns: 400, seed: 63 },
    );
  });
});
