import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { groupReciprocity } from '../../src/contagion/group-reciprocity.js';
import { retaliationNullModel } from '../../src/contagion/retaliation-null.js';
import { indexDataset } from '../../src/core/dataset-index.js';
import { describeInput } from '../../src/core/guards.js';
import { profileData } from '../../src/core/profile.js';
import { pastRetentionWarning } from '../../src/core/window.js';
import { fromAdjacencyMatrix } from '../../src/graph/from-adjacency-matrix.js';
import { ingest } from '../../src/ingest/ingest.js';
import { betweenness, pagerank } from '../../src/metrics/index.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';

/**
 * Errors and warnings of the core, ingest, graphs and measures counted one thing in the plural:
 * '1 columns but 2 rows', 'in 1 iterations', '1 links', '1 group label(s) … carry', '1 of 2
 * people … are', 'the header's 1 columns', 'is 1 bytes', '1 of the incidents used are', 'Only 1
 * of the 120 incidents … name', 'a dataset (1 incidents, …)'.
 */
describe('core, ingest and measure texts count one thing in the singular', () => {
  it('fromAdjacencyMatrix: 1 column, 1 cell', () => {
    // Before: 'matrix has 1 columns but 2 rows', 'row 2 has 1 cells, expected 2'.
    expect(() => fromAdjacencyMatrix(',a\na,0\nb,0\n')).toThrow('matrix has 1 column but 2 rows');
    expect(() => fromAdjacencyMatrix(',a,b\na,0\nb,0,0\n')).toThrow('row 2 has 1 cell, expected 2');
  });

  it('pagerank and betweenness: 1 iteration, 1 person, 1 tie, 1 pivot', () => {
    const g = new UndirectedGraph();
    g.mergeEdge('a', 'b');
    g.mergeEdge('b', 'c');
    // Before: 'pagerank: did not converge in 1 iterations'.
    expect(() => pagerank(g, { maxIterations: 1, alpha: 1 })).toThrow(
      /^pagerank: did not converge in 1 iteration \(/,
    );
    const two = new UndirectedGraph();
    two.mergeEdge('a', 'b');
    // Before: 'exact (2 people × 1 ties is within …, so all 2 people were sources instead of 1 pivots)'.
    expect(betweenness.detailed(two, { k: 1 }).method).toBe(
      'exact (2 people × 1 tie is within the exact budget of 1e+8, so all 2 people were sources instead of 1 pivot)',
    );
  });

  it('describeInput: a dataset of 1 incident, 1 involvement, 1 person; a graph of 1 node', () => {
    const one = makeDataset([['I1', '2023-01-05', 3, ['a'], []]], { a: 'G' });
    // Before: 'a dataset (1 incidents, 1 involvements, 1 people)'.
    expect(describeInput(one)).toBe('a dataset (1 incident, 1 involvement, 1 person)');
    const g = new UndirectedGraph();
    g.addNode('a');
    expect(describeInput(g)).toBe('an undirected graphology graph (1 node, 0 edges)');
    expect(() => pagerank(one as never)).toThrow(
      /a dataset \(1 incident, 1 involvement, 1 person\)/,
    );
  });

  it('retaliationNullModel: 1 link; groupReciprocity: 1 group label without dates', () => {
    const specs: IncidentSpec[] = [
      ['H1', '2024-01-01', 3, ['a1'], ['b1']],
      ['H2', '2024-01-20', 3, ['b1'], ['a1']],
    ];
    const data = makeDataset(specs);
    const n = retaliationNullModel(data, { runs: 19, seed: 1 });
    // Before: '1 links; about …'.
    expect(n.summary).toMatch(/^1 link; about \d+ expected by chance/);
    const labelled = makeDataset(specs, { a1: 'Ga' });
    labelled.people.push({ person_id: 'b1', group: 'Gb', group_since: '2023-06-01' });
    // Before: '1 group label(s) of the people table carry no dates … and were treated as timeless'.
    expect(groupReciprocity(labelled, { asOf: '2024-12-01' }).warnings).toContain(
      '1 group label of the people table carries no dates (group_since / group_until) and was treated as timeless: valid at any date, including before it was recorded.',
    );
  });

  it('ingest: 1 of 2 people not in the people table, a header of one column, a key of 1 byte', () => {
    const incidents = 'incident_id,date,offence\nI1,2023-01-05,Shooting\n';
    const involvements = 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\n';
    const r = ingest({ incidents, involvements, people: 'person_id,group\nA,G1\n' });
    // Before: '1 of 2 people in the involvements are not in the people table …, so have no group'.
    expect(r.summary.warnings).toContain(
      "people: 1 of 2 people in the involvements is not in the people table (e.g. 'B'), so has no group or birth year; are ids written alike ('007' is not '7')?",
    );
    const one = ingest({ incidents, involvements, people: 'person_id\nA,extra\nB\n' });
    // Before: "the line has more cells than the header's 1 columns".
    expect(one.rejected.map((x) => x.reason)).toEqual([
      expect.stringContaining(
        "the line has more cells than the header's one column (extra: 'extra')",
      ),
    ]);
    // Before: 'the pseudonymisation key is 1 bytes'.
    expect(() => ingest({ incidents, involvements }, { pseudonymise: { key: 'k' } })).toThrow(
      /the pseudonymisation key is 1 byte; at least 16 bytes/,
    );
  });

  it('1 incident past the retention horizon; only 1 incident naming more than one person', () => {
    const specs: IncidentSpec[] = [['OLD', '2015-01-05', 3, ['a'], ['b']]];
    for (let i = 0; i < 120; i++)
      specs.push([`I${i}`, `2023-0${1 + (i % 9)}-1${i % 10}`, 1, [`p${i}`], []]);
    const data = makeDataset(specs);
    const index = indexDataset(data);
    // Before: '1 of the incidents used are dated before …'.
    expect(pastRetentionWarning(index, { lo: 0, hi: index.day.length }, 5)?.warning).toMatch(
      /^1 of the incidents used is dated before 20\d\d-\d\d-\d\d, past the 5-year/,
    );
    // Before: 'Only 1 of the 121 incidents naming anyone name more than one person'.
    expect(profileData(data).warnings.join('\n')).toContain(
      'Only 1 of the 121 incidents naming anyone names more than one person:',
    );
  });
});
