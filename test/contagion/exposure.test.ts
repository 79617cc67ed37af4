import * as fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { exposure, exposureCounts } from '../../src/contagion/exposure.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { toCsr } from '../../src/graph/csr.js';
import { synthCity } from '../../src/synth/city.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';

type Row = Record<string, unknown>;
const byId = (t: { objects(): object[] }): Record<string, Row> =>
  Object.fromEntries((t.objects() as Row[]).map((r) => [r.person_id, r]));

// Co-offending chain D – C – B – A – E (shared offences, severity 0) and a victimised B and D.
// asOf 2021-01-01, window 180 days → victimisations dated from 2020-07-05.
//   V1 B shot 2020-12-01 (31 days before asOf)     V2 D stabbed 2020-11-01 (61 days before)
//   V3 E hurt (severity 2 < 3: not counted)       V4 C shot 2020-03-01 (outside the window)
// Counted by hand: A: B at 1.  B: D at 2.  C: B, D at 1.  D: B at 2.  E: B at 2.  Z: none.
const specs: IncidentSpec[] = [
  ['C1', '2020-01-01', 0, ['A', 'B'], []],
  ['C2', '2020-01-02', 0, ['B', 'C'], []],
  ['C3', '2020-01-03', 0, ['C', 'D'], []],
  ['C4', '2020-01-04', 0, ['A', 'E'], []],
  ['C5', '2020-01-05', 0, ['A', 'B'], []],
  ['V1', '2020-12-01', 3, ['Z'], ['B']],
  ['V2', '2020-11-01', 3, [], ['D']],
  ['V3', '2020-12-15', 2, [], ['E']],
  ['V4', '2020-03-01', 4, [], ['C']],
  ['V5', '2021-01-01', 4, [], ['A']], // on asOf: not before it
];
const data = makeDataset(specs);
const asOf = '2021-01-01';

describe('exposure', () => {
  it('exposure(data, { asOf }) counts victimised associates one and two ties away (hand-counted)', () => {
    const t = byId(exposure(data, { asOf }));
    const counts = Object.fromEntries(
      Object.entries(t).map(([id, r]) => [id, [r.exposed_1, r.exposed_2]]),
    );
    expect(counts).toEqual({
      A: [1, 0],
      B: [0, 1],
      C: [2, 0],
      D: [0, 1],
      E: [0, 1],
      Z: [0, 0],
    });
    expect(t.C.via).toEqual(['B', 'D']);
    expect(t.C.last_exposure).toBe('2020-12-01');
    expect(t.B.last_exposure).toBe('2020-11-01');
    expect(t.Z.last_exposure).toBeNull();
    expect(t.Z.via).toEqual([]);
  });

  it('a given network with a tie below 0 (or NaN) is refused naming the tie (it gave a negative exposure)', () => {
    const g = new UndirectedGraph();
    for (const id of ['A', 'B', 'C', 'D', 'E', 'Z']) g.addNode(id);
    g.addEdge('A', 'B', { weight: -1 });
    for (const fn of ['exposure', 'exposureCounts'] as const) {
      const run = fn === 'exposure' ? exposure : exposureCounts;
      for (const graph of [g, toCsr(g)])
        expect(() => run(data, { asOf, graph })).toThrow(
          expect.objectContaining({
            name: 'InputError',
            message: `${fn}: the tie A–B has weight -1; tie weights are strengths and must be 0 or more`,
          }),
        );
    }
    g.setEdgeAttribute('A', 'B', 'weight', Number.NaN);
    expect(() => exposure(data, { asOf, graph: g })).toThrow(
      "exposure: edge A–B: weight attribute 'weight' is NaN, expected a finite number",
    );
  });

  it('weighted = tie weight (or strongest two-step product) × 0.5^(age / halfLifeDays)', () => {
    const g = new UndirectedGraph();
    for (const id of ['A', 'B', 'C', 'D', 'E', 'Z']) g.addNode(id);
    g.addEdge('A', 'B', { weight: 2 });
    g.addEdge('B', 'C', { weight: 1 });
    g.addEdge('C', 'D', { weight: 0.5 });
    g.addEdge('A', 'E', { weight: 1 });
    const rB = 0.5 ** (31 / 30);
    const rD = 0.5 ** (61 / 30);
    const t = byId(exposure(data, { asOf, graph: g, halfLifeDays: 30 }));
    expect(t.A.weighted).toBeCloseTo(2 * rB, 12);
    expect(t.B.weighted).toBeCloseTo(1 * 0.5 * rD, 12);
    expect(t.C.weighted).toBeCloseTo(1 * rB + 0.5 * rD, 12);
    expect(t.D.weighted).toBeCloseTo(0.5 * 1 * rB, 12);
    expect(t.E.weighted).toBeCloseTo(1 * 2 * rB, 12);
    // The same network as a CSR snapshot gives the same table.
    expect(exposure(data, { asOf, graph: toCsr(g), halfLifeDays: 30 }).objects()).toEqual(
      exposure(data, { asOf, graph: g, halfLifeDays: 30 }).objects(),
    );
  });

  it('refuses a coOffendingGraph built as of a later date: its ties hold later records', () => {
    // A shot 2020-03-01; B first co-offends with A on 2020-05-01, after the exposure date.
    const d = makeDataset([
      ['S', '2020-03-01', 3, [], ['A']],
      ['C', '2020-05-01', 0, ['A', 'B'], []],
      ['D', '2020-06-01', 0, ['X'], []],
    ]);
    const asOfDay = '2020-04-01';
    // Before: B exposed_1 1 through a tie formed a month after asOf.
    for (const graph of [coOffendingGraph(d, { asOf: '2020-06-01' }), coOffendingGraph(d)])
      expect(() => exposure(d, { asOf: asOfDay, graph })).toThrow(
        /exposure: the graph is as of (2020-06-01|the end of the records), after asOf 2020-04-01: its ties include records from on or after asOf/,
      );
    expect(() => exposureCounts(d, { asOf: asOfDay, graph: coOffendingGraph(d) })).toThrow(
      /^exposureCounts: the graph is as of/,
    );
    // As of asOf, or a graph with no date (used as it is), or the end of the records as of then.
    const same = byId(
      exposure(d, { asOf: asOfDay, graph: coOffendingGraph(d, { asOf: asOfDay }) }),
    );
    expect(same.B).toBeUndefined();
    expect(exposure(d, { graph: coOffendingGraph(d) }).numRows()).toBeGreaterThan(0);
    const g = coOffendingGraph(d);
    g.removeAttribute('asOf');
    expect(byId(exposure(d, { asOf: asOfDay, graph: g })).B.exposed_1).toBe(1);
  });

  it("refuses a toCsr snapshot of a later coOffendingGraph: the snapshot keeps the graph's date", () => {
    const d = makeDataset([
      ['S', '2020-03-01', 3, [], ['A']],
      ['C', '2020-05-01', 0, ['A', 'B'], []],
      ['D', '2020-06-01', 0, ['X'], []],
    ]);
    const asOfDay = '2020-04-01';
    // Before: B exposed_1 1 (weighted 0.741) through the snapshot of a graph of the whole
    // records, a tie formed a month after asOf, while the graph itself was refused.
    for (const graph of [coOffendingGraph(d, { asOf: '2020-06-01' }), coOffendingGraph(d)])
      expect(() => exposure(d, { asOf: asOfDay, graph: toCsr(graph) })).toThrow(
        /^exposure: the graph this snapshot \(toCsr\) was made from is as of (2020-06-01|the end of the records), after asOf 2020-04-01: its ties include records from on or after asOf\. Build it with coOffendingGraph\(data, \{ asOf: '2020-04-01' \}\) and take its snapshot\.$/,
      );
    expect(() => exposureCounts(d, { asOf: asOfDay, graph: toCsr(coOffendingGraph(d)) })).toThrow(
      /^exposureCounts: the graph this snapshot/,
    );
    // A snapshot as of asOf is used, as its graph is; one of a graph without a date too.
    const same = toCsr(coOffendingGraph(d, { asOf: asOfDay }));
    expect(byId(exposure(d, { asOf: asOfDay, graph: same })).B).toBeUndefined();
    const g = coOffendingGraph(d);
    g.removeAttribute('asOf');
    expect(byId(exposure(d, { asOf: asOfDay, graph: toCsr(g) })).B.exposed_1).toBe(1);
  });

  it('two paths to the same victim count once, through the strongest path', () => {
    // P – X1 – V (weights 1, 1) and P – X2 – V (weights 3, 2): V once at distance 2, product 6.
    const g = new UndirectedGraph();
    g.mergeEdge('P', 'X1', { weight: 1 });
    g.mergeEdge('X1', 'V', { weight: 1 });
    g.mergeEdge('P', 'X2', { weight: 3 });
    g.mergeEdge('X2', 'V', { weight: 2 });
    const d = makeDataset([['S', '2020-06-01', 3, [], ['V']]]);
    const t = byId(exposure(d, { asOf: '2020-06-02', graph: g, halfLifeDays: 1e9 }));
    expect(t.P).toMatchObject({ exposed_1: 0, exposed_2: 1, via: ['V'] });
    expect(t.P.weighted).toBeCloseTo(6, 6);
    expect(t.X2).toMatchObject({ exposed_1: 1, exposed_2: 0 });
  });

  it('maxDistance 1 counts only direct associates; minSeverity and windowDays bound the victims', () => {
    const t1 = byId(exposure(data, { asOf, maxDistance: 1 }));
    expect(Object.values(t1).every((r) => r.exposed_2 === 0)).toBe(true);
    expect(t1.C.exposed_1).toBe(2);
    const sev2 = byId(exposure(data, { asOf, minSeverity: 2 }));
    expect(sev2.A.exposed_1).toBe(2); // B, and now E
    const long = byId(exposure(data, { asOf, windowDays: 366 }));
    expect(long.B.exposed_1).toBe(1); // C, shot 2020-03-01, now inside the window
  });

  it("orders a large incident's via list by closeness, then recency, then id (more than 32 pairs)", () => {
    const members = Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    const dayOf = (i: number) => `2020-11-${String(1 + (i % 10)).padStart(2, '0')}`;
    const big = makeDataset([
      ['BIG', '2020-01-01', 0, members, []],
      ...members.slice(1).map((m, j): IncidentSpec => [`V${j + 1}`, dayOf(j + 1), 3, [], [m]]),
    ]);
    const t = byId(exposure(big, { asOf: '2021-01-01' }));
    // One tie each, so the contribution falls with age: latest victimisation first, then id.
    const expected = members
      .slice(1)
      .map((m, j) => ({ m, day: dayOf(j + 1) }))
      .sort((a, b) => (a.day === b.day ? (a.m < b.m ? -1 : 1) : a.day > b.day ? -1 : 1))
      .map((x) => x.m);
    expect(t.P00.exposed_1).toBe(39);
    expect(t.P00.via).toEqual(expected);
    expect(t.P05.via).toEqual(expected.filter((m) => m !== 'P05'));
  });

  it('exposureCounts(data) gives the same counts as the table, on typed arrays', () => {
    const c = exposureCounts(data, { asOf });
    const t = byId(exposure(data, { asOf }));
    for (const [id, r] of Object.entries(t)) {
      const i = c.index.get(id)!;
      expect([c.exposed1[i], c.exposed2[i], c.weighted[i]]).toEqual([
        r.exposed_1,
        r.exposed_2,
        r.weighted,
      ]);
    }
  });

  it('reading ties from the dataset index equals passing coOffendingGraph(data, { asOf }) (synthetic city)', () => {
    const { data: city } = synthCity({ people: 2000, seed: 5 });
    const at = '2022-06-01';
    const fromIndex = exposure(city, { asOf: at, tiesAt: 'asOf' }).objects() as Row[];
    const fromGraph = exposure(city, { asOf: at, graph: coOffendingGraph(city, { asOf: at }) }); // a static network: as of asOf
    const byPerson = byId(fromGraph);
    let exposed = 0;
    for (const r of fromIndex) {
      const g = byPerson[r.person_id as string];
      if (!g) {
        // Not in the graph: nobody recorded in the retention window, so no exposure.
        expect([r.exposed_1, r.exposed_2]).toEqual([0, 0]);
        continue;
      }
      expect([r.exposed_1, r.exposed_2, r.last_exposure, r.via]).toEqual([
        g.exposed_1,
        g.exposed_2,
        g.last_exposure,
        g.via,
      ]);
      expect(r.weighted).toBe(g.weighted); // same sums in the same order: bit for bit
      if ((r.exposed_1 as number) > 0) exposed++;
    }
    expect(exposed).toBeGreaterThan(50);
  });

  it('equals a breadth-first search from every person on random incident sets (fast-check)', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const incident = fc.record({
      day: fc.integer({ min: 0, max: 400 }),
      severity: fc.integer({ min: 0, max: 4 }),
      offenders: fc.subarray(people, { maxLength: 3 }),
      victims: fc.subarray(people, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(incident, { minLength: 1, maxLength: 25 }), (incs) => {
        const d = makeDataset(
          incs.map((x, i) => [
            `I${i}`,
            new Date(Date.UTC(2020, 0, 1 + x.day)).toISOString().slice(0, 10),
            x.severity,
            x.offenders,
            x.victims,
          ]),
        );
        const at = '2021-01-15';
        // Every incident on or after asOf (day 380): refused, not exposure 0 for everyone.
        if (incs.every((x) => x.day >= 380)) {
          expect(() => exposure(d, { asOf: at })).toThrow('exposure refused: no records before');
          return;
        }
        const got = byId(exposure(d, { asOf: at, tiesAt: 'asOf' }));
        const expected = naive(d, at);
        for (const id of Object.keys(expected)) {
          expect([got[id].exposed_1, got[id].exposed_2]).toEqual(expected[id]);
        }
        // Ties at the time of each harm: a BFS on the network as of each victimisation's day.
        const atHarm = byId(exposure(d, { asOf: at }));
        const expectedAtHarm = naiveAtHarm(d, at);
        for (const id of Object.keys(atHarm)) {
          expect([atHarm[id].exposed_1, atHarm[id].exposed_2]).toEqual(
            expectedAtHarm[id] ?? [0, 0],
          );
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });
  it('a tie formed after a shooting does not carry it backwards (tiesAt: harm, the default)', () => {
    // V is shot on 2020-06-01. P co-offends with V only on 2020-08-01, after the shooting; Q
    // co-offended with V before it. As of 2020-10-01 P and V are tied, but P was not V's
    // associate when V was shot: the harm reaches Q, not P. With tiesAt: 'asOf' (the old
    // behaviour) the network as of asOf carries it to both.
    const d = makeDataset([
      ['T0', '2020-01-01', 0, ['Q', 'V'], []],
      ['S1', '2020-06-01', 3, [], ['V']],
      ['T1', '2020-08-01', 0, ['P', 'V'], []],
    ]);
    const t = byId(exposure(d, { asOf: '2020-10-01' }));
    expect(t.Q).toMatchObject({ exposed_1: 1, last_exposure: '2020-06-01', via: ['V'] });
    expect(t.P).toMatchObject({ exposed_1: 0, exposed_2: 0, last_exposure: null, via: [] });
    const old = byId(exposure(d, { asOf: '2020-10-01', tiesAt: 'asOf' }));
    expect(old.P).toMatchObject({ exposed_1: 1, via: ['V'] });
    // The tie Q–V weighs what its offence before the harm weighs (aged to asOf), as in 'asOf'.
    expect(t.Q.weighted).toBeCloseTo(old.Q.weighted as number, 12);
    expect(() => exposure(d, { tiesAt: 'now' } as never)).toThrow(/tiesAt/);
  });

  it('nobody first recorded on or after asOf appears in exposure or exposureCounts', () => {
    // N is first recorded on 2021-02-01, after asOf 2021-01-01: as of that date nobody knows N,
    // so N has no row (before, N appeared with zeros, revealing a later record).
    const d = makeDataset([
      ['T0', '2020-01-01', 0, ['A', 'B'], []],
      ['S1', '2020-12-01', 3, [], ['B']],
      ['T1', '2021-02-01', 0, ['N', 'A'], []],
    ]);
    const ids = exposure(d, { asOf: '2021-01-01' }).array('person_id');
    expect([...ids]).toEqual(['A', 'B']);
    expect(exposureCounts(d, { asOf: '2021-01-01' }).ids).toEqual(['A', 'B']);
    expect(exposureCounts(d, { asOf: '2021-03-01' }).ids).toEqual(['A', 'B', 'N']);
  });
});

/** Reference: BFS to depth 2 from every person on the graphology co-offending graph. */
function naive(data: ReturnType<typeof makeDataset>, asOf: string): Record<string, number[]> {
  const g = coOffendingGraph(data, { asOf });
  const end = Date.parse(asOf) / 864e5;
  const victims = new Set<string>();
  for (const inc of data.incidents) {
    if (inc.severity < 3 || inc.day >= end || inc.day < end - 180) continue;
    for (const v of data.involvements)
      if (v.incident_id === inc.incident_id && v.role === 'victim') victims.add(v.person_id);
  }
  const out: Record<string, number[]> = {};
  g.forEachNode((p) => {
    const d1 = new Set(g.neighbors(p));
    const d2 = new Set<string>();
    for (const x of d1) for (const y of g.neighbors(x)) if (y !== p && !d1.has(y)) d2.add(y);
    out[p] = [
      [...d1].filter((u) => victims.has(u)).length,
      [...d2].filter((u) => victims.has(u)).length,
    ];
  });
  return out;
}

/** Reference for tiesAt 'harm': per victimisation, a BFS on the network as of its day. */
function naiveAtHarm(data: ReturnType<typeof makeDataset>, asOf: string): Record<string, number[]> {
  const end = Date.parse(asOf) / 864e5;
  const nearest = new Map<string, Map<string, number>>(); // person → victim → distance
  for (const inc of data.incidents) {
    if (inc.severity < 3 || inc.day >= end || inc.day < end - 180) continue;
    // A harm on the first record's day: no tie before it carries it (and coOffendingGraph
    // refuses an asOf on or before the first record).
    if (data.incidents.every((j) => j.day >= inc.day)) continue;
    const g = coOffendingGraph(data, { asOf: inc.date });
    for (const v of data.involvements) {
      if (v.incident_id !== inc.incident_id || v.role !== 'victim' || !g.hasNode(v.person_id))
        continue;
      const u = v.person_id;
      const d1 = new Set(g.neighbors(u));
      const put = (p: string, d: number) => {
        if (p === u) return;
        let m = nearest.get(p);
        if (!m) nearest.set(p, (m = new Map()));
        m.set(u, Math.min(m.get(u) ?? 9, d));
      };
      for (const x of d1) put(x, 1);
      for (const x of d1) for (const y of g.neighbors(x)) if (!d1.has(y)) put(y, 2);
    }
  }
  const out: Record<string, number[]> = {};
  for (const [p, m] of nearest) {
    const ds = [...m.values()];
    out[p] = [ds.filter((d) => d === 1).length, ds.filter((d) => d === 2).length];
  }
  return out;
}
