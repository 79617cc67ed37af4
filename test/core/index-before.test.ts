import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DatasetIndex, indexBefore, indexDataset } from '../../src/core/dataset-index.js';
import type { Dataset } from '../../src/core/types.js';
import { synthCity } from '../../src/synth/index.js';
import { makeDataset } from '../helpers.js';

/** indexDataset of the records at positions [0, hi): the definition indexBefore must match. */
function reference(index: DatasetIndex, hi: number): DatasetIndex {
  const incidents = index.incidents.slice(0, hi);
  const kept = new Set(incidents.map((x) => x.incident_id));
  const involvements = index.data.involvements.filter((v) => kept.has(v.incident_id));
  const seen = new Set(involvements.map((v) => v.person_id));
  const people = index.data.people.filter((q) => {
    const p = index.personIndex.get(q.person_id)!;
    return seen.has(q.person_id) || index.personIncOffset[p] === index.personIncOffset[p + 1];
  });
  const data: Dataset = { ...index.data, incidents, involvements, people };
  return indexDataset(data);
}

function expectSameIndex(a: DatasetIndex, b: DatasetIndex) {
  expect(a.personIds).toEqual(b.personIds);
  expect(a.incidents.map((x) => x.incident_id)).toEqual(b.incidents.map((x) => x.incident_id));
  for (const k of [
    'day',
    'severity',
    'invOffset',
    'invPerson',
    'invRole',
    'personIncOffset',
    'personInc',
    'personIncRole',
    'group',
  ] as const) {
    expect(Array.from(a[k]), k).toEqual(Array.from(b[k]));
  }
  expect(a.groupNames).toEqual(b.groupNames);
  // The prefix's person index (a view over its parent's) answers as the reference's Map does.
  expect(a.personIndex.size).toBe(b.personIndex.size);
  expect([...a.personIndex]).toEqual([...b.personIndex]);
  expect([...a.personIndex.keys()]).toEqual([...b.personIndex.keys()]);
  expect([...a.personIndex.values()]).toEqual([...b.personIndex.values()]);
  for (const id of b.data.people.map((r) => r.person_id).concat(['no such person']))
    expect(a.personIndex.get(id), id).toBe(b.personIndex.get(id));
  for (const id of b.personIds) expect(a.personIndex.has(id)).toBe(true);
  for (const id of a.data.people.map((r) => r.person_id).concat(['no such person']))
    expect(a.personIndex.has(id)).toBe(b.personIndex.has(id));
  expect(a.data.involvements).toEqual(b.data.involvements);
  expect(a.data.people).toEqual(b.data.people);
  expect(a.lowerBound(a.day[Math.floor(a.day.length / 2)] ?? 0)).toBe(
    b.lowerBound(b.day[Math.floor(b.day.length / 2)] ?? 0),
  );
}

describe('indexBefore', () => {
  it('indexBefore(index, hi) equals indexDataset of the records before position hi on a synthetic city', () => {
    const { data } = synthCity({ people: 800, years: 3, seed: 3, feud: {} });
    const index = indexDataset(data);
    for (const hi of [
      0,
      1,
      137,
      Math.floor(index.incidents.length / 2),
      index.incidents.length - 1,
    ]) {
      expectSameIndex(indexBefore(index, hi), reference(index, hi));
    }
  });

  it('keeps people-table rows with no records, drops people first recorded later, renumbers groups', () => {
    const data = makeDataset(
      [
        ['I1', '2020-01-01', 0, ['A', 'B'], []],
        ['I2', '2021-01-01', 3, ['C'], ['A']],
      ],
      { A: 'north', C: 'south', D: 'east' },
    );
    const index = indexDataset(data);
    const past = indexBefore(index, 1);
    expect(past.personIds).toEqual(['A', 'B', 'D']); // C is first recorded in I2; D has no records
    expect(past.groupNames).toEqual(['east', 'north']);
    expect([...past.personIndex]).toEqual([
      ['A', 0],
      ['B', 1],
      ['D', 2],
    ]);
    expect(past.personIndex.get('C')).toBeUndefined(); // known to the parent, not to the prefix
    expect(past.personIndex.has('C')).toBe(false);
    expect(() => (past.personIndex as Map<string, number>).set('C', 3)).toThrow(TypeError);
    expectSameIndex(past, reference(index, 1));
  });

  it('its person index is a read-only view that a clone or a borrowed Map method cannot read as empty', () => {
    const data = makeDataset(
      [
        ['I1', '2020-01-01', 0, ['A', 'B'], []],
        ['I2', '2021-01-01', 3, ['C'], ['A']],
      ],
      { D: 'east' },
    );
    const past = indexBefore(indexDataset(data), 1);
    // A Map subclass with an empty store of its own answered `undefined` for everyone here.
    expect(() => Map.prototype.get.call(past.personIndex, 'A')).toThrow(TypeError);
    const clone = structuredClone(past.personIndex) as unknown as { get?: unknown };
    expect(clone.get).toBeUndefined(); // a clone fails loudly where it is read, not silently
    expect(new Map(past.personIndex)).toEqual(
      new Map([
        ['A', 0],
        ['B', 1],
        ['D', 2],
      ]),
    );
    const seen: [string, number][] = [];
    past.personIndex.forEach((v, k, m) => {
      expect(m).toBe(past.personIndex);
      seen.push([k, v]);
    });
    expect(seen).toEqual([...past.personIndex.entries()]);
    expect(Object.prototype.toString.call(past.personIndex)).toBe('[object PersonIndexView]');
  });

  it('matches the reference for any dataset and cut (property)', () => {
    const person = fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5', 'P6');
    const incident = fc.record({
      day: fc.integer({ min: 0, max: 30 }),
      severity: fc.integer({ min: 0, max: 4 }),
      offenders: fc.uniqueArray(person, { maxLength: 3 }),
      victims: fc.uniqueArray(person, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 12 }), fc.nat(), (rows, cut) => {
        const specs = rows.map(
          (r, i) =>
            [
              `I${i}`,
              new Date(Date.UTC(2020, 0, 1 + r.day)).toISOString().slice(0, 10),
              r.severity,
              r.offenders,
              r.victims.filter((v) => !r.offenders.includes(v)),
            ] as [string, string, number, string[], string[]],
        );
        const data = makeDataset(specs, { P2: 'g2', P5: 'g1', P6: 'g1' });
        const index = indexDataset(data);
        const hi = cut % (index.incidents.length + 1);
        expectSameIndex(indexBefore(index, hi), reference(index, hi));
      }),
      { numRuns: 200 },
    );
  });
});
