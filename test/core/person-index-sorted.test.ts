import { describe, expect, it } from 'vitest';
import { indexBefore, indexDataset } from '../../src/core/dataset-index.js';
import type { Dataset } from '../../src/core/types.js';
import { ingest } from '../../src/ingest/index.js';
import { synthCity } from '../../src/synth/index.js';

/**
 * The full index of ingest's output (people numbered by ingest) answers `personIndex` through a
 * read-only view over its sorted ids that makes the id → number Map only once many ids have been
 * asked for (issue 17: a million `Map.set`s at 1M people, paid by runs that ask for few ids or
 * none). It must answer every read as the Map of `personIds[i] → i` does, in any order of asking.
 */
describe('personIndex of an index of ingest output', () => {
  const city = synthCity({ people: 3000, incidentsPerPersonYear: 1, seed: 3 });
  const raw = {
    incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  };
  const fresh = (): Dataset => ingest(raw, { now: '2030-01-01' }).data;

  it('answers as the Map of personIds, before and after it makes its Map', () => {
    const index = indexDataset(fresh());
    const ids = index.personIds;
    const want = new Map(ids.map((id, i) => [id, i]));
    const m = index.personIndex;
    expect(m).not.toBeInstanceOf(Map); // the view, else this test pins nothing
    expect(m.size).toBe(want.size);
    // In id order, backwards, then shuffled (past the binary searches), with unknown ids and
    // non-strings mixed in.
    const asked: unknown[] = [...ids, ...[...ids].reverse()];
    let s = 12345;
    for (let i = 0; i < 3 * ids.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      asked.push(ids[s % ids.length]);
      if (i % 7 === 0) asked.push(`${ids[s % ids.length]}x`, '', ' ', undefined, 1, null);
    }
    for (const id of asked) {
      expect(m.get(id as string)).toBe(want.get(id as string));
      expect(m.has(id as string)).toBe(want.has(id as string));
    }
    expect([...m]).toEqual([...want]);
    expect([...m.keys()]).toEqual([...want.keys()]);
    expect([...m.values()]).toEqual([...want.values()]);
    expect(new Map(m)).toEqual(want);
    const seen: [string, number][] = [];
    m.forEach((v, k, map) => {
      expect(map).toBe(m);
      seen.push([k, v]);
    });
    expect(seen).toEqual([...want]);
    expect(() => Map.prototype.get.call(m, ids[0])).toThrow(TypeError);
    expect(() => (m as Map<string, number>).set('NEW', 1)).toThrow(TypeError);
  });

  it('is read through by an as-of index as before', () => {
    const index = indexDataset(fresh());
    const past = indexBefore(index, Math.floor(index.day.length / 2));
    const want = new Map(past.personIds.map((id, i) => [id, i]));
    for (const id of index.personIds) expect(past.personIndex.get(id)).toBe(want.get(id));
    expect(past.personIndex.get('no such person')).toBeUndefined();
  });

  it('equals the Map an index of the same records as plain objects has', () => {
    const data = fresh();
    const plain: Dataset = {
      ...data,
      incidents: data.incidents.map((x) => ({ ...x })),
      involvements: fresh().involvements.map((v) => ({ ...v })),
      people: data.people.map((p) => ({ ...p })),
    };
    const a = indexDataset(data).personIndex;
    const b = indexDataset(plain).personIndex;
    expect(b).toBeInstanceOf(Map);
    expect(new Map(a)).toEqual(b);
  });
});
