import * as fc from 'fast-check';
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import type { RiskModel } from '../../src/core/risk.js';
import { ingest } from '../../src/ingest/index.js';
import { pagerank } from '../../src/metrics/centrality/pagerank.js';
import { exportList, listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';

/**
 * People alike in every record: each led one theft on the same day and was shot, those before
 * `splitAt` on one day and the others on a later day (their most recent evidence), so the
 * exposure score of each half is one score exactly.
 */
function alike(people: readonly string[], splitAt: number) {
  const incidents: object[] = [];
  const involvements: object[] = [];
  people.forEach((p, i) => {
    incidents.push({
      incident_id: `S${p}`,
      date: i < splitAt ? '2023-03-10' : '2023-04-20',
      offence: 'shooting',
      severity: 3,
    });
    involvements.push({ incident_id: `S${p}`, person_id: p, role: 'victim' });
    incidents.push({ incident_id: `T${p}`, date: '2023-01-05', offence: 'theft', severity: 0 });
    involvements.push({ incident_id: `T${p}`, person_id: p, role: 'offender' });
  });
  return ingest({ incidents, involvements }).data;
}

/** A model of one's own scoring each person with a fixed number (one part). */
function scoreModel(score: (id: string) => number): RiskModel {
  return {
    name: 'fixed scores',
    risk(people) {
      return (people ?? []).map((id) => {
        const value = score(id);
        return { person_id: id, expected: value, contributions: [{ kind: 'position', value }] };
      });
    },
  };
}

const asOf = '2023-06-01';
const people = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

describe('tied scores share a rank in rankForOutreach', () => {
  it('equal scores get one rank (1, 1, 1, 1, 5, …), listed by the tie-break rule', () => {
    const list = rankForOutreach(alike(people, 4), { asOf });
    const scores = Array.from(list.array('score') as Float64Array);
    expect(new Set(scores.slice(0, 4)).size).toBe(1);
    expect(new Set(scores.slice(4)).size).toBe(1);
    expect(scores[0]).toBeGreaterThan(scores[4]);
    // Before: ranks 1 to 8, so E read as more at risk than F with the very same score.
    expect(Array.from(list.array('rank') as Int32Array)).toEqual([1, 1, 1, 1, 5, 5, 5, 5]);
    expect(list.array('person_id')).toEqual(['E', 'F', 'G', 'H', 'A', 'B', 'C', 'D']);
    // The CSV export carries the shared ranks.
    const csv = exportList(list).split('\n');
    const body = csv.slice(csv.findIndex((l) => l.startsWith('rank,person_id,')));
    expect(body.slice(1, 9).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '1,E',
      '1,F',
      '1,G',
      '1,H',
      '5,A',
      '5,B',
      '5,C',
      '5,D',
    ]);
  });

  it('a list cut inside a tie keeps the shared rank, and warns of the tie across the cut', () => {
    const list = rankForOutreach(alike(people, 4), { asOf, limit: 6 });
    expect(Array.from(list.array('rank') as Int32Array)).toEqual([1, 1, 1, 1, 5, 5]);
    expect((listMetadata(list)?.warnings ?? []).some((w) => w.includes('(limit 8)'))).toBe(true);
  });

  it("PageRank of a symmetric network: the mirror images' scores differ in the 14th digit, and share a rank", () => {
    // A path A — B — … — H: A and H, B and G, C and F, D and E are mirror images.
    const g = new Graph({ type: 'undirected' });
    for (const p of people) g.addNode(p);
    for (let i = 0; i + 1 < people.length; i++) g.addEdge(people[i], people[i + 1]);
    const pr = pagerank(g) as Record<string, number>;
    // The noise the ranking must not show as order (measured: about 1e-14).
    expect(pr.B).not.toBe(pr.G);
    expect(Math.abs(pr.B - pr.G)).toBeLessThan(1e-12);
    const list = rankForOutreach(alike(people, 4), { asOf, model: scoreModel((id) => pr[id]) });
    // Pairs in PageRank order (B/G highest, the ends A/H lowest); within a pair, the most recent
    // evidence (E–H were shot later) first, as for exactly equal scores. Before: B before G by
    // noise, and ranks 1 to 8.
    expect(list.array('person_id')).toEqual(['G', 'B', 'F', 'C', 'E', 'D', 'H', 'A']);
    expect(Array.from(list.array('rank') as Int32Array)).toEqual([1, 1, 3, 3, 5, 5, 7, 7]);
    // A cut between two mirror images is a cut inside a tie.
    const cut = rankForOutreach(alike(people, 4), {
      asOf,
      model: scoreModel((id) => pr[id]),
      limit: 3,
    });
    expect(listMetadata(cut)!.warnings).toContainEqual(
      expect.stringMatching(
        /^The list's cut at 3 people falls inside a tie: the last person listed shares their score \(0\.\d+\) with 1 person not listed, .*\(limit 4\)/,
      ),
    );
  });

  it('ranks do not depend on the order of the records, and noise never splits a tie (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.double({ min: -1e-12, max: 1e-12, noNaN: true }), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.array(fc.double({ min: -1e-12, max: 1e-12, noNaN: true }), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 8 }),
        (levels, noise1, noise2, seed, limit) => {
          const ids = levels.map((_, i) => `P${i}`);
          const level = new Map(ids.map((id, i) => [id, levels[i]]));
          const rankOf = (order: string[], noise: number[], limit: number) => {
            const noisy = new Map(ids.map((id, i) => [id, 0.01 * level.get(id)! * (1 + noise[i])]));
            const list = rankForOutreach(alike(order, order.length), {
              asOf,
              limit,
              model: scoreModel((id) => noisy.get(id)!),
            });
            const r = list.array('rank') as Int32Array;
            return new Map((list.array('person_id') as string[]).map((id, i) => [id, r[i]]));
          };
          const a = rankOf(ids, noise1, ids.length);
          const shuffled = shuffle(ids, seed);
          const b = rankOf(shuffled, noise2, ids.length);
          expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
          // The shared rank is 1 + the number of people on a higher level.
          for (const id of ids)
            expect(a.get(id)).toBe(1 + levels.filter((l) => l > level.get(id)!).length);
          // A shorter list lists the same ranks for those it keeps.
          const c = rankOf(shuffled, noise2, Math.min(limit, ids.length));
          for (const [id, r] of c) expect(r).toBe(a.get(id));
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** A seeded shuffle (Fisher–Yates on a small LCG). */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
