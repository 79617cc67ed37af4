import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../src/core/dataset-index.js';
import { dayToIso } from '../../src/core/time.js';
import { coOffendingEdges } from '../../src/graph/co-offending-edges.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';

// The edge builder buckets pairs by their lower person number and groups each bucket through
// per-person scratch slots; this checks it against the plainest projection there is: a Map of
// "a|b" pairs filled incident by incident.
describe('coOffendingEdges', () => {
  it('equals a Map-of-pairs projection on random incident sets (ties, counts, incidents, weights)', () => {
    const people = Array.from({ length: 30 }, (_, i) => `P${i}`);
    const incident = fc.record({
      day: fc.integer({ min: 18000, max: 18800 }),
      severity: fc.integer({ min: 0, max: 4 }),
      // Repeats allowed: a person listed twice in one incident is one offender.
      offenders: fc.array(fc.constantFrom(...people), { maxLength: 6 }),
      victims: fc.array(fc.constantFrom(...people), { maxLength: 2 }),
    });
    const options = fc.record({
      asOf: fc.integer({ min: 18000, max: 18900 }),
      since: fc.option(fc.integer({ min: 17990, max: 18900 }), { nil: undefined }),
      minCount: fc.integer({ min: 1, max: 3 }),
      halfLifeDays: fc.constantFrom(30, 365),
    });
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 60 }), options, (incs, o) => {
        const specs: IncidentSpec[] = incs.map((x, i) => [
          `I${i}`,
          dayToIso(x.day),
          x.severity,
          x.offenders,
          x.victims,
        ]);
        const data = makeDataset(specs);
        const asOf = dayToIso(o.asOf);
        // A since on or after asOf is refused (an empty window, most likely swapped dates).
        if (o.since !== undefined && o.since >= o.asOf) {
          expect(() => coOffendingEdges(data, { asOf, since: dayToIso(o.since!) })).toThrow(
            'is on or after asOf',
          );
          return;
        }
        // A window outside the records (before the first, or after the last with none in it) is
        // refused; a gap between records is answered (empty).
        const since = o.since ?? Number.NEGATIVE_INFINITY;
        const inWindow = incs.some((x) => x.day < o.asOf && x.day >= since);
        const before = incs.some((x) => x.day < o.asOf);
        const after = incs.some((x) => x.day >= o.asOf);
        if (incs.length > 0 && !inWindow && !(before && after)) {
          expect(() =>
            coOffendingEdges(data, {
              asOf,
              ...(o.since === undefined ? {} : { since: dayToIso(o.since) }),
            }),
          ).toThrow('coOffendingEdges refused: no records');
          return;
        }
        const e = coOffendingEdges(data, {
          asOf,
          minCount: o.minCount,
          halfLifeDays: o.halfLifeDays,
          ...(o.since === undefined ? {} : { since: dayToIso(o.since) }),
        });
        const index = indexDataset(data);
        // Brute force, in (day, id) order as the index sorts incidents.
        const pairs = new Map<string, number[]>();
        for (let k = 0; k < index.incidents.length; k++) {
          if (index.day[k] >= o.asOf || (o.since !== undefined && index.day[k] < o.since)) continue;
          const id = index.incidents[k].incident_id;
          const off = [
            ...new Set(
              data.involvements
                .filter((v) => v.incident_id === id && v.role === 'offender')
                .map((v) => v.person_id),
            ),
          ];
          for (let a = 0; a < off.length; a++)
            for (let b = a + 1; b < off.length; b++) {
              const [x, y] = [index.personIndex.get(off[a])!, index.personIndex.get(off[b])!].sort(
                (p, q) => p - q,
              );
              const key = `${x}|${y}`;
              if (!pairs.has(key)) pairs.set(key, []);
              pairs.get(key)!.push(k);
            }
        }
        const expected = [...pairs.entries()]
          .filter(([, ks]) => ks.length >= o.minCount)
          .map(([key, ks]) => {
            const [s, t] = key.split('|').map(Number);
            const w = ks.reduce(
              (sum, k) =>
                sum + Math.exp((-Math.LN2 / o.halfLifeDays) * Math.max(0, o.asOf - index.day[k])),
              0,
            );
            return { s, t, ks, w };
          })
          .sort((p, q) => p.s - q.s || p.t - q.t);
        // Present: anyone with a record (any role) in the window.
        const present = new Set<number>();
        for (let k = 0; k < index.incidents.length; k++) {
          if (index.day[k] >= o.asOf || (o.since !== undefined && index.day[k] < o.since)) continue;
          const id = index.incidents[k].incident_id;
          for (const v of data.involvements)
            if (v.incident_id === id) present.add(index.personIndex.get(v.person_id)!);
        }
        expect([...e.present].flatMap((x, p) => (x ? [p] : []))).toEqual(
          [...present].sort((a, b) => a - b),
        );
        expect(e.source.length).toBe(expected.length);
        expected.forEach((x, i) => {
          expect([e.source[i], e.target[i], e.count[i]]).toEqual([x.s, x.t, x.ks.length]);
          expect([...e.incidents.subarray(e.incOffset[i], e.incOffset[i + 1])]).toEqual(x.ks);
          expect(e.first[i]).toBe(index.day[x.ks[0]]);
          expect(e.last[i]).toBe(index.day[x.ks.at(-1)!]);
          expect(e.weight[i]).toBeCloseTo(x.w, 12);
        });
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});
