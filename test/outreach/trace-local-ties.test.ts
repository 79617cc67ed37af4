import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../src/core/dataset-index.js';
import { resolveWindow } from '../../src/core/window.js';
import { coOffendingEdges, coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { localTies } from '../../src/outreach/records.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { synthCity } from '../../src/synth/index.js';

// Contact tracing reads each person's ties from the index in place instead of building the
// whole network: the ties must be exactly those of the network.
const { data } = synthCity({ people: 1500, seed: 3, feud: { rivalries: 5 } });
const index = indexDataset(data);

describe('local ties read from the index', () => {
  it('equal the co-offending network of the window, tie by tie (counts, weights, last day)', () => {
    for (const [asOf, retentionYears, halfLifeDays] of [
      ['2023-06-01', 6, 365],
      ['2022-01-15', 1, 90],
    ] as const) {
      const edges = coOffendingEdges(index, { asOf, retentionYears, halfLifeDays });
      const window = resolveWindow(index, { asOf, retentionYears });
      const n = index.personIds.length;
      const expected = new Map<number, [number, number, number, number][]>();
      for (let e = 0; e < edges.source.length; e++) {
        const s = edges.source[e];
        const t = edges.target[e];
        const row = [edges.count[e], edges.weight[e], edges.last[e]] as const;
        if (!expected.has(s)) expected.set(s, []);
        if (!expected.has(t)) expected.set(t, []);
        expected.get(s)!.push([t, ...row]);
        expected.get(t)!.push([s, ...row]);
      }
      const scratch = new Int32Array(n).fill(-1);
      let ties = 0;
      for (let p = 0; p < n; p++) {
        const got = localTies(index, p, window, halfLifeDays, scratch);
        const want = (expected.get(p) ?? []).sort((a, b) => a[0] - b[0]);
        expect(Array.from(got.people)).toEqual(want.map((x) => x[0]));
        expect(Array.from(got.count)).toEqual(want.map((x) => x[1]));
        expect(Array.from(got.weight)).toEqual(want.map((x) => x[2])); // bit-identical
        expect(Array.from(got.last)).toEqual(want.map((x) => x[3]));
        ties += got.people.length;
      }
      expect(ties).toBe(2 * edges.source.length);
      expect(scratch.every((x) => x === -1)).toBe(true);
    }
  });
  it('trace from a shooting equals the trace on the graphology network as of that day', () => {
    const shootings = index.incidents.filter((x) => x.severity >= 3).slice(-5);
    for (const s of shootings) {
      const graph = coOffendingGraph(data, { asOf: s.date });
      const a = traceContacts(data, s.incident_id).objects();
      const b = traceContacts(data, s.incident_id, { graph }).objects();
      expect(a).toEqual(b);
    }
  });
});
