import { readFileSync } from 'node:fs';
import { UndirectedGraph } from 'graphology';
import { expect } from 'vitest';
import { fromAdjacencyMatrix } from '../../src/graph/from-adjacency-matrix.js';

const dir = new URL('../fixtures/', import.meta.url);

export const readFixture = (name: string) => readFileSync(new URL(name, dir), 'utf8');

/** Reads a `source,target,weight` edge list into an undirected graph (nodes in first-seen order). */
export function edgeListGraph(name: string): UndirectedGraph {
  const g = new UndirectedGraph();
  const lines = readFixture(name).trim().split(/\r?\n/).slice(1);
  for (const line of lines) {
    const [s, t, w] = line.split(',');
    g.mergeNode(s);
    g.mergeNode(t);
    g.addEdge(s, t, { weight: w === undefined || w === '' ? 1 : Number(w) });
  }
  return g;
}

export type Measures = Record<string, unknown> & {
  nodes: string[];
  edges: number;
  components: string[][];
  igraph: Record<string, unknown>;
};

export const nxFixtures = JSON.parse(readFixture('networkx_measures.json')) as {
  graphs: Record<string, Measures>;
};

export interface ReferenceEntry {
  graph: string;
  measure: string;
  tolerance?: number;
  expected?: unknown;
  expected_partition?: number[][];
  modularity_of_expected_unweighted?: number;
  also?: Record<string, number>;
  value?: number;
}
export const referenceValues = JSON.parse(readFixture('reference_values.json')) as {
  entries: ReferenceEntry[];
};

/** The five fixture graphs, built as make_fixtures.py builds them. */
export function fixtureGraph(name: string): UndirectedGraph {
  switch (name) {
    case 'karate':
      return edgeListGraph('karate_networkx_edges.csv');
    case 'florentine':
      return edgeListGraph('florentine_families_networkx_edges.csv');
    case 'lesmis':
      return edgeListGraph('les_miserables_networkx_edges.csv');
    case 'london_gang':
      return fromAdjacencyMatrix(readFixture('LONDON_GANG.csv'));
    case 'union': {
      const g = new UndirectedGraph();
      const add = (src: UndirectedGraph, p: string) =>
        src.forEachEdge((_e, a, s, t) => {
          g.mergeNode(p + s);
          g.mergeNode(p + t);
          g.addEdge(p + s, p + t, { weight: a.weight });
        });
      add(fixtureGraph('karate'), 'k');
      add(fixtureGraph('florentine'), 'f');
      g.addNode('p0');
      g.addNode('p1');
      g.addNode('p2');
      g.addEdge('p0', 'p1', { weight: 2 });
      g.addEdge('p1', 'p2', { weight: 1 });
      g.addNode('iso');
      return g;
    }
    default:
      throw new Error(name);
  }
}

/** Every expected key present with |actual − expected| ≤ tol, and no extra keys. */
export function expectClose(
  actual: Record<string, number>,
  expected: Record<string, number>,
  tol: number,
  label = '',
) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  const bad: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (!(Math.abs(actual[k] - v) <= tol))
      bad.push(`${label} ${k}: got ${actual[k]}, expected ${v}`);
  }
  expect(bad).toEqual([]);
}
