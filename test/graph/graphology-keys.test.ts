// graphology 0.26 keeps each node's neighbours in a plain object, so a node named like one of
// Object.prototype's own properties ('constructor', 'toString', '__proto__', …) cannot take a tie:
// addEdge throws "an edge linking … already exists" and mergeEdge silently adds nothing. The
// builders that return a graphology graph refuse such keys up front, naming them; the snapshot
// path (coOffendingEdges + csrFromArrays) keeps them.
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { cascades } from '../../src/contagion/cascades.js';
import { InputError } from '../../src/core/errors.js';
import { coOffendingEdges } from '../../src/graph/co-offending-edges.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { csrFromArrays } from '../../src/graph/csr.js';
import { fromAdjacencyMatrix } from '../../src/graph/from-adjacency-matrix.js';
import { victimisationGraph } from '../../src/graph/victimisation-graph.js';
import { degree, egoNetwork } from '../../src/metrics/index.js';
import { makeDataset } from '../helpers.js';

const data = makeDataset([
  ['I1', '2023-01-01', 1, ['constructor', 'toString'], []],
  ['I2', '2023-01-02', 1, ['a', 'constructor'], []],
  ['I3', '2023-01-03', 3, ['b'], ['valueOf']],
]);

describe('node keys graphology cannot hold', () => {
  it('graphology itself loses the tie (the reason for the refusal)', () => {
    const g = new UndirectedGraph();
    for (const k of ['a', 'b', 'constructor', 'toString']) g.addNode(k);
    g.mergeEdge('a', 'constructor');
    g.mergeEdge('b', 'toString');
    expect(g.size).toBe(0); // two ties asked for, none made, no error
    expect(() => g.addEdge('a', 'constructor')).toThrow(/already exists/);
  });

  it('coOffendingGraph refuses them, naming the ids and what to do', () => {
    expect(() => coOffendingGraph(data)).toThrow(InputError);
    expect(() => coOffendingGraph(data)).toThrow(
      "coOffendingGraph: the person ids 'constructor', 'toString', 'valueOf' cannot be node keys of a graphology graph",
    );
    expect(() => coOffendingGraph(data)).toThrow(/ingest with pseudonymise/);
    // As of 2023-01-02 only I1 is in the window: the same two ids.
    expect(() => coOffendingGraph(data, { asOf: '2023-01-02' })).toThrow(
      /'constructor', 'toString'/,
    );
  });

  it('the snapshot path keeps every tie (networkx: degrees a 1, constructor 2, toString 1)', () => {
    const e = coOffendingEdges(data);
    const csr = csrFromArrays(e.index.personIds, e.source, e.target, e.weight);
    const d = degree(csr);
    expect([d.a, d.constructor, d.toString]).toEqual([1, 2, 1]);
  });

  it('victimisationGraph, fromAdjacencyMatrix and cascades refuse them too', () => {
    expect(() => victimisationGraph(data)).toThrow(
      "victimisationGraph: the person id 'valueOf' cannot be node keys",
    );
    // Without the victimisation incident the graph has no such node: built.
    expect(victimisationGraph(data, { asOf: '2023-01-03' }).order).toBe(0);
    expect(() => fromAdjacencyMatrix(',x,hasOwnProperty\nx,0,1\nhasOwnProperty,1,0\n')).toThrow(
      "fromAdjacencyMatrix: the names in the header 'hasOwnProperty' cannot be node keys",
    );
    const link = (from: string, to: string, day: string, day2: string) => ({
      from_incident: from,
      to_incident: to,
      from_date: day,
      to_date: day2,
      severity_from: 3,
      severity_to: 3,
    });
    const c = cascades([link('__proto__', 'B', '2021-01-01', '2021-01-05')]);
    expect(c.table.numRows()).toBe(1); // the table is made; the graph is refused when read
    expect(() => c.graph).toThrow("cascades: the incident ids '__proto__' cannot be node keys");
  });
});

describe('egoNetwork on a graph holding such a key', () => {
  it('refuses naming the key, instead of a TypeError from graphology internals', () => {
    const g = new UndirectedGraph();
    g.mergeEdge('__proto__', 'a');
    g.mergeEdge('a', 'b');
    // Before: "Cannot read properties of undefined (reading 'key')" from graphology's
    // neighbour iteration, for an ego network of 'a' or of 'b'.
    for (const person of ['a', 'b']) {
      expect(() => egoNetwork(g, person)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          fn: 'egoNetwork',
          message: expect.stringMatching(
            /^egoNetwork: the person ids '__proto__' cannot be node keys of a graphology graph/,
          ),
        }),
      );
    }
    const plain = new UndirectedGraph();
    plain.mergeEdge('x', 'a');
    plain.mergeEdge('a', 'b');
    expect(egoNetwork(plain, 'a').order).toBe(3);
  });
});

// Edge keys join the two ids ('s--t', 's->t'): ids holding the separator made one key for two
// different ties ('a--b' with 'c', and 'a' with 'b--c', are both 'a--b--c'), and the builders threw
// graphology's "the edge "a--b--c" already exists" (a UsageGraphError naming neither tie).
describe('ids holding the edge-key separator', () => {
  const joined = makeDataset([
    ['I1', '2023-01-01', 1, ['a--b', 'c'], []],
    ['I2', '2023-01-02', 1, ['a', 'b--c'], []],
    ['I3', '2023-01-03', 3, ['x->y'], ['z']],
    ['I4', '2023-01-04', 3, ['x'], ['y->z']],
  ]);

  it('coOffendingGraph keeps both ties, the second under a key of its own', () => {
    const g = coOffendingGraph(joined);
    expect(g.size).toBe(2);
    expect(g.areNeighbors('a--b', 'c')).toBe(true);
    expect(g.areNeighbors('a', 'b--c')).toBe(true);
    expect(g.edges().sort()).toEqual(['a--b--c', 'a--b--c#2']);
    expect(degree(g)).toEqual({
      'a--b': 1,
      c: 1,
      a: 1,
      'b--c': 1,
      'x->y': 0,
      z: 0,
      x: 0,
      'y->z': 0,
    });
  });

  it('victimisationGraph keeps both arcs (x->y → z and x → y->z)', () => {
    const g = victimisationGraph(joined);
    expect(g.size).toBe(2);
    expect(g.hasDirectedEdge('x->y', 'z')).toBe(true);
    expect(g.hasDirectedEdge('x', 'y->z')).toBe(true);
    expect(g.edges().sort()).toEqual(['x->y->z', 'x->y->z#2']);
  });

  it('cascades keeps both links', () => {
    const link = (from: string, to: string) => ({
      from_incident: from,
      to_incident: to,
      from_date: '2021-01-01',
      to_date: '2021-01-05',
      severity_from: 3,
      severity_to: 3,
    });
    const c = cascades([link('A->B', 'C'), link('A', 'B->C')]);
    expect(c.graph.size).toBe(2);
    expect(c.graph.hasDirectedEdge('A', 'B->C')).toBe(true);
    expect(c.graph.hasDirectedEdge('A->B', 'C')).toBe(true);
  });
});
