import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { toCsr } from '../../src/graph/csr.js';
import {
  betweenness,
  closeness,
  eigenvector,
  harmonic,
  laplacian,
  louvain,
  pagerank,
  strength,
} from '../../src/metrics/index.js';

function path() {
  const g = new Graph({ type: 'undirected' });
  g.mergeEdge('a', 'b', { weight: 2, count: 1 });
  g.mergeEdge('b', 'c', { weight: 1, count: 3 });
  return g;
}

/**
 * A weight attribute misspelt ('wieght') named an attribute no edge has: every edge without it
 * counts 1, so each measure answered as on an unweighted graph, unsaid (betweenness, pagerank,
 * strength… of the path a–b–c read its unweighted values).
 */
describe('a weight naming an edge attribute no edge has, close to one they have, is refused', () => {
  const measures: [string, (g: Graph, o: object) => unknown][] = [
    ['betweenness', (g, o) => betweenness(g, o)],
    ['closeness', (g, o) => closeness(g, o)],
    ['eigenvector', (g, o) => eigenvector(g, o)],
    ['harmonic', (g, o) => harmonic(g, o)],
    ['laplacian', (g, o) => laplacian(g, o)],
    ['louvain', (g, o) => louvain(g, o)],
    ['pagerank', (g, o) => pagerank(g, o)],
    ['strength', (g, o) => strength(g, o)],
    ['toCsr', (g, o) => toCsr(g, o)],
  ];

  it.each(measures)('%s names the option and the attribute meant', (name, f) => {
    expect(() => f(path(), { weight: 'wieght' })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        fn: name,
        option: 'weight',
        message: `${name}: option 'weight' names the edge attribute 'wieght', which no edge of the graph has (every tie would weigh 1); did you mean 'weight'?`,
      }),
    );
    expect(() => f(path(), { weight: 'counts' })).toThrow(OptionError);
  });

  it('a name close to none is read as before: every tie weighs 1', () => {
    expect(strength(path(), { weight: 'duration' })).toEqual({ a: 1, b: 2, c: 1 });
    expect(strength(path(), { weight: 'weight' })).toEqual({ a: 2, b: 3, c: 1 });
    // A graph whose edges carry no attributes: the default name too.
    const bare = new Graph({ type: 'undirected' });
    bare.mergeEdge('a', 'b');
    expect(strength(bare, { weight: 'weight' })).toEqual({ a: 1, b: 1 });
  });
});
