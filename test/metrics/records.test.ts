import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { csrFromArrays } from '../../src/graph/csr.js';
import { degree, pagerank, reach } from '../../src/metrics/index.js';

// Ids that a plain assignment `out[id] = v` mishandles or that sort specially as object keys.
const IDS = ['b', '__proto__', 'constructor', '7', 'a', '2', 'hasOwnProperty'];

describe('{ id: value } records', () => {
  it("keep a node '__proto__' as an own key of a Csr's record, in key order", () => {
    // b–__proto__, __proto__–constructor, 7–a; '2' and 'hasOwnProperty' alone.
    const csr = csrFromArrays(IDS, [0, 1, 3], [1, 2, 4], null, { order: 'graph' });
    const r = degree(csr);
    expect(Object.keys(r)).toEqual([
      '2',
      '7',
      'b',
      '__proto__',
      'constructor',
      'a',
      'hasOwnProperty',
    ]);
    expect(Object.hasOwn(r, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(r, '__proto__')?.value).toBe(2);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(JSON.stringify(r)).toBe(
      '{"2":0,"7":1,"b":1,"__proto__":2,"constructor":1,"a":1,"hasOwnProperty":0}',
    );
    // A spread copies it as an own key too.
    expect(Object.hasOwn({ ...r }, '__proto__')).toBe(true);
    // Every node has a value, the others as a plain assignment sets them.
    expect(Object.keys(r)).toHaveLength(csr.n);
    const s = pagerank(csr);
    expect(Object.keys(s)).toEqual(Object.keys(r));
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("keep a node '__proto__' of a graphology graph, and assign writes its value", () => {
    // graphology cannot link a '__proto__' node (its adjacency is plain objects): alone here.
    const g = new Graph({ type: 'undirected' });
    for (const id of IDS) g.addNode(id);
    g.addEdge('7', 'a');
    g.addEdge('b', 'a');
    const r = degree(g);
    expect(JSON.stringify(r)).toBe(
      '{"2":0,"7":1,"b":1,"__proto__":0,"constructor":0,"a":2,"hasOwnProperty":0}',
    );
    degree.assign(g);
    expect(g.getNodeAttribute('__proto__', 'degree')).toBe(0);
    expect(g.getNodeAttribute('a', 'degree')).toBe(2);
  });

  it('are the plain assignment loop when no id is __proto__ (Csr and graph)', () => {
    const ids = ['x', '10', 'constructor', '3', 'y', 'toString'];
    const csr = csrFromArrays(ids, [0, 1, 2, 3], [1, 2, 3, 4], null);
    const plain: Record<string, number> = {};
    const vals = degree.values(csr);
    for (let i = 0; i < csr.n; i++) plain[csr.ids[i]] = vals[i];
    expect(JSON.stringify(degree(csr))).toBe(JSON.stringify(plain));
    expect(Object.keys(degree(csr))).toEqual([
      '3',
      '10',
      ...csr.ids.filter((id) => !/^\d+$/.test(id)),
    ]);
    // A graph: its node order, integer-like ids first.
    const g = new Graph({ type: 'undirected' });
    for (const id of ids) g.addNode(id);
    g.addEdge('x', '10');
    g.addEdge('3', 'y');
    expect(JSON.stringify(degree(g))).toBe(
      '{"3":1,"10":1,"x":1,"constructor":0,"y":1,"toString":0}',
    );
  });

  it("keep a person '__proto__' in reach's total and byDistance, and reach.assign writes it", () => {
    // b–__proto__–constructor, 7–a.
    const csr = csrFromArrays(IDS, [0, 1, 3], [1, 2, 4], null, { order: 'graph' });
    const r = reach(csr, null, { maxDistance: 2 });
    expect(JSON.stringify(r)).toBe(
      '{"2":0,"7":1,"b":2,"__proto__":2,"constructor":2,"a":1,"hasOwnProperty":0}',
    );
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    const d = reach.detailed(csr, ['__proto__', 'b'], { maxDistance: 2 });
    expect(Object.hasOwn(d.total, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(d.total, '__proto__')?.value).toBe(2);
    expect(Object.getOwnPropertyDescriptor(d.byDistance, '__proto__')?.value).toEqual([2, 0]);
    expect(d.byDistance.b).toEqual([1, 1]);
    expect(d.union).toEqual({ total: 1, byDistance: [1, 0] });
    // A graphology graph: '__proto__' alone (graphology cannot link it), reach 0, assigned.
    const g = new Graph({ type: 'undirected' });
    for (const id of IDS) g.addNode(id);
    g.addEdge('7', 'a');
    expect(reach(g, '__proto__')).toEqual(JSON.parse('{"__proto__":0}'));
    reach.assign(g, null);
    expect(g.getNodeAttribute('__proto__', 'reach')).toBe(0);
    expect(g.getNodeAttribute('a', 'reach')).toBe(1);
  });
});
