import { MultiGraph, UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { toGexf, toGraphml } from '../../src/graph/export.js';
import { victimisationGraph } from '../../src/graph/victimisation-graph.js';
import { makeDataset } from '../helpers.js';

const data = makeDataset([
  ['I1', '2020-01-10', 1, ['A', 'B', 'C'], []],
  ['I2', '2020-06-01', 3, ['A', 'B'], ['<script>x</script>']],
]);

describe('graph export', () => {
  it('toGraphml(graph) round-trips nodes, ties and typed attributes through a GraphML parser', () => {
    const g = coOffendingGraph(data);
    const back = parseGraphml(UndirectedGraph, toGraphml(g));
    expect(back.order).toBe(g.order);
    expect(back.size).toBe(g.size);
    expect(back.getEdgeAttribute('A', 'B', 'count')).toBe(2);
    expect(back.getEdgeAttribute('A', 'B', 'incidents')).toBe('I1;I2');
    expect(back.hasNode('<script>x</script>')).toBe(true);
  });

  it("toGraphml carries the graph's own attributes: which records and half-life the weights come from", () => {
    // A GraphML file carried none of them (GEXF's meta did): a tie's weight could not be read.
    const g = coOffendingGraph(data, { asOf: '2021-01-01' });
    const text = toGraphml(g);
    expect(text).toContain('<key id="g1" for="graph" attr.name="asOf" attr.type="string"/>');
    expect(text).toContain('    <data key="g1">2021-01-01</data>');
    expect(parseGraphml(UndirectedGraph, text).getAttributes()).toEqual({
      kind: 'co-offending',
      asOf: '2021-01-01',
      since: '2015-01-02',
      halfLifeDays: 365,
    });
    // A null attribute (no as-of date: the end of the records) is left out, not written 'null'.
    const all = coOffendingGraph(data, { retentionYears: Infinity });
    expect(parseGraphml(UndirectedGraph, toGraphml(all)).getAttributes()).toEqual({
      kind: 'co-offending',
      halfLifeDays: 365,
    });
  });

  it('toGraphml keeps ids and text holding a line break, carriage return or tab', () => {
    // An XML parser reads each of them as a space in an attribute: 'A\nB' (a quoted CSV cell
    // spanning two lines, which ingest keeps) came back as 'A B', and a graph holding both
    // failed to read ('the "A B" node already exist'); networkx merged the two.
    const g = new UndirectedGraph();
    g.addNode('A\nB', { note: 'x\ry' });
    g.addNode('A B');
    g.addNode('t\tx');
    g.addEdge('A\nB', 't\tx', { incidents: 'I\r1' });
    const back = parseGraphml(UndirectedGraph, toGraphml(g));
    expect(back.nodes().sort()).toEqual(['A\nB', 'A B', 't\tx']);
    expect(back.getNodeAttribute('A\nB', 'note')).toBe('x\ry');
    expect(back.getEdgeAttribute('A\nB', 't\tx', 'incidents')).toBe('I\r1');
  });

  it('refuses a character XML cannot carry, naming where, instead of writing a file no reader opens', () => {
    // An id 'C\u0001' (ingest keeps it) was written as it is: networkx's read_graphml and
    // read_gexf failed with 'not well-formed (invalid token)', graphology's parsers likewise.
    const g = new UndirectedGraph();
    g.addNode('A');
    g.addNode('C\u0001');
    g.addEdge('A', 'C\u0001', { incidents: ['I1'] });
    for (const write of [toGraphml, toGexf]) {
      expect(() => write(g)).toThrow(
        new RegExp(
          `^${write.name}: node "C\\\\u0001" holds U\\+0001, a character XML cannot carry`,
        ),
      );
    }
    const h = new UndirectedGraph();
    h.addNode('A', { note: ['ok', 'x\u001by'] });
    expect(() => toGraphml(h)).toThrow(/attribute 'note' of node "A" holds U\+001B/);
    expect(() => toGexf(h)).toThrow(InputError);
    // A tab, line feed, carriage return and a surrogate pair are text XML carries.
    h.setNodeAttribute('A', 'note', 'a\tb\nc\rd 😀');
    expect(() => toGraphml(h)).not.toThrow();
  });

  it('toGexf(graph) round-trips a directed victimisation graph for Gephi', () => {
    const v = victimisationGraph(data);
    const back = parseGexf(MultiGraph, toGexf(v));
    expect(back.order).toBe(3);
    expect(back.size).toBe(2); // A→victim, B→victim
    expect(back.hasNode('<script>x</script>')).toBe(true);
    // Every tie's attributes survive, typed (numbers stay numbers; lists as ';'-joined text).
    v.forEachEdge((_e, a, s, t) => {
      const [edge] = back.edges(s, t);
      const b = back.getEdgeAttributes(edge);
      expect(b.count).toBe(a.count);
      expect(b.maxSeverity).toBe(a.maxSeverity);
      expect([b.first, b.last]).toEqual([a.first, a.last]);
      expect(String(b.incidents)).toBe(a.incidents.join(';'));
    });
    expect(back.getEdgeAttribute(back.edges('A', '<script>x</script>')[0], 'maxSeverity')).toBe(3);
  });
});

describe("a node's own label", () => {
  // networkx: write_gexf gives <node id="a" label="Alice"> (the label attribute, not an attvalue)
  // and <node id="b" label="b">; read_gexf reads back {'label': 'Alice', 'group': 3}. A tie's
  // label is its label="tie1" too. write_graphml writes label as a <data> attribute.
  const g = new UndirectedGraph();
  g.addNode('a', { label: 'Alice', group: 3 });
  g.addNode('b');
  g.addNode('c', { label: '' });
  g.addEdge('a', 'b', { label: 'tie1', weight: 2 });
  g.addEdge('b', 'c', { weight: 1 });

  it('is its GEXF label (it was the id, the label an attribute value), the id when it has none', () => {
    const text = toGexf(g);
    expect(text).toContain('<node id="a" label="Alice">');
    expect(text).toContain('<node id="b" label="b">');
    expect(text).toContain('<node id="c" label="c">');
    expect(text).not.toContain('<attribute id="label" title="label" type="string"/>');
    expect(text).toMatch(/<edge id="[^"]*" source="a" target="b" weight="2" label="tie1"\/>/);
    const back = parseGexf(UndirectedGraph, text);
    expect(back.getNodeAttributes('a')).toEqual({ label: 'Alice', group: 3 });
    expect(back.getNodeAttributes('b')).toEqual({ label: 'b' });
    expect(back.getEdgeAttributes('a', 'b')).toEqual({ label: 'tie1', weight: 2 });
    expect(back.getEdgeAttributes('b', 'c')).toEqual({ weight: 1 });
  });

  it("writes a tie's weight as the edge's weight, as networkx's write_gexf (it was an attribute value)", () => {
    // networkx: write_gexf(a–b weight 2.5) gives <edge source="a" target="b" id="0" weight="2.5" />
    // in a file declaring xmlns="http://www.gexf.net/1.2draft" version="1.2"; Gephi takes only that
    // as the edge weight. read_gexf of our file: ('a', 'b', {'weight': 2.5, …}).
    const h = new UndirectedGraph();
    h.mergeEdge('a', 'b', { weight: 2.5, kind2: 'x' });
    h.mergeEdge('b', 'c', { weight: 'heavy' });
    const text = toGexf(h);
    expect(text).toMatch(/<edge id="[^"]*" source="a" target="b" weight="2.5">/);
    expect(text).toMatch(/<edge id="[^"]*" source="b" target="c">/);
    expect(text).not.toContain('<attvalue for="weight" value="2.5"/>');
    expect(text).toContain('<attvalue for="weight" value="heavy"/>'); // not a number: a value
    expect(text).toContain(
      '<gexf version="1.2" xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.1draft/viz">',
    );
    const back = parseGexf(UndirectedGraph, text);
    expect(back.getEdgeAttributes('a', 'b')).toEqual({ weight: 2.5, kind2: 'x' });
    expect(back.getEdgeAttributes('b', 'c')).toEqual({ weight: 'heavy' });
  });

  it('is a GraphML data attribute like any other', () => {
    const text = toGraphml(g);
    expect(text).toContain('<key id="n0" for="node" attr.name="label" attr.type="string"/>');
    expect(text).toContain(
      '<node id="a"><data key="n0">Alice</data><data key="n1">3</data></node>',
    );
    const back = parseGraphml(UndirectedGraph, text);
    expect(back.getNodeAttributes('a')).toEqual({ label: 'Alice', group: 3 });
    expect(back.getEdgeAttributes('a', 'b')).toEqual({ label: 'tie1', weight: 2 });
  });
});

describe('attribute values a graph built by hand may hold', () => {
  const withValue = (v: unknown) => {
    const g = new UndirectedGraph();
    g.addNode('a', { v });
    g.addNode('b', { v: 2 });
    g.addEdge('a', 'b', { when: v });
    return g;
  };

  it('NaN is left out as a missing value (GraphML wrote "NaN"), a Date is ISO text, an object JSON', () => {
    const nan = toGraphml(withValue(Number.NaN));
    expect(nan).not.toContain('NaN');
    expect(parseGraphml(UndirectedGraph, nan).getNodeAttributes('a')).toEqual({});
    expect(
      parseGexf(UndirectedGraph, toGexf(withValue(Number.NaN))).getNodeAttributes('a'),
    ).toEqual({ label: 'a' });
    // networkx read_graphml: 'Sun Jan 01 2023 00:00:00 GMT+0000 (Coordinated Universal Time)' before.
    const date = toGraphml(withValue(new Date('2023-01-01T00:00:00Z')));
    expect(parseGraphml(UndirectedGraph, date).getNodeAttribute('a', 'v')).toBe(
      '2023-01-01T00:00:00.000Z',
    );
    const obj = parseGexf(UndirectedGraph, toGexf(withValue({ x: 1, ids: ['p', 'q'] })));
    expect(obj.getNodeAttribute('a', 'v')).toBe('{"x":1,"ids":["p","q"]}'); // was '[object Object]'
    // In a list too: [1, NaN] was '1;NaN'.
    expect(toGraphml(withValue([1, Number.NaN, 3]))).toContain('>1;;3</data>');
  });

  it('±Infinity and functions are refused naming the node or tie and the attribute', () => {
    for (const [fn, write] of [
      ['toGraphml', toGraphml],
      ['toGexf', toGexf],
    ] as const) {
      expect(() => write(withValue(Number.POSITIVE_INFINITY))).toThrow(
        expect.objectContaining({
          name: 'InputError',
          fn,
          message: `${fn}: attribute 'v' of node "a" is Infinity: GEXF and GraphML readers (Gephi, igraph, networkx) take no infinite number; give a finite number, or leave the attribute out`,
        }),
      );
      const g = withValue(1);
      g.setEdgeAttribute('a', 'b', 'when', () => 1);
      expect(() => write(g)).toThrow(
        `${fn}: attribute 'when' of the tie "a"–"b" is a function, which a file cannot hold (it would be written as its source text); give a number or text, or leave the attribute out`,
      );
    }
  });
});
