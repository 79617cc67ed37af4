import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../src/core/dataset-index.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { toCsr } from '../../src/graph/csr.js';
import { makeDataset } from '../helpers.js';

// Hand-made incident set; the projection below was counted by hand.
// I1: A,B,C offend together (3 ties: AB, AC, BC)   I2: A,B again (AB count 2)
// I3: D alone (node, no tie)                        I4: C,E offend, F victim (tie CE; F a node)
// I5: after asOf (must not leak)                    I6: A listed twice as offender with B (one tie)
const data = makeDataset([
  ['I1', '2020-01-10', 1, ['A', 'B', 'C'], []],
  ['I2', '2020-06-01', 0, ['A', 'B'], []],
  ['I3', '2020-07-01', 0, ['D'], []],
  ['I4', '2021-01-01', 3, ['C', 'E'], ['F']],
  ['I5', '2023-01-01', 3, ['A', 'F'], ['G']],
  ['I6', '2021-02-01', 0, ['A', 'A', 'B'], []],
]);

describe('coOffendingGraph', () => {
  it('coOffendingGraph(data, { asOf }) equals the hand-counted co-suspect projection', () => {
    const g = coOffendingGraph(data, { asOf: '2022-01-01' });
    expect(g.order).toBe(6); // A B C D E F; G only appears after asOf
    expect(g.size).toBe(4); // AB, AC, BC, CE
    expect(g.getEdgeAttribute('A', 'B', 'count')).toBe(3);
    expect(g.getEdgeAttribute('A', 'B', 'incidents')).toEqual(['I1', 'I2', 'I6']);
    expect(g.getEdgeAttribute('A', 'B', 'first')).toBe('2020-01-10');
    expect(g.getEdgeAttribute('A', 'B', 'last')).toBe('2021-02-01');
    expect(g.getEdgeAttribute('C', 'E', 'count')).toBe(1);
    expect(g.hasEdge('A', 'F')).toBe(false);
    expect(g.degree('D')).toBe(0);
    expect(g.getNodeAttributes('F')).toMatchObject({
      victimisations: 1,
      seriousVictimisations: 1,
      offences: 0,
    });
    expect(g.getNodeAttributes('A')).toMatchObject({ incidents: 3, offences: 3, violent: 1 });
  });

  it('no record dated on or after asOf leaks into the graph', () => {
    const before = coOffendingGraph(data, { asOf: '2023-01-01' });
    expect(before.hasNode('G')).toBe(false);
    const after = coOffendingGraph(data, { asOf: '2023-01-02' });
    expect(after.hasNode('G')).toBe(true);
    expect(after.getEdgeAttribute('A', 'F', 'count')).toBe(1);
  });

  it('weight decays by half every halfLifeDays from asOf', () => {
    const g = coOffendingGraph(data, { asOf: '2021-01-01', halfLifeDays: 100 });
    // I1 is 357 days before asOf: 0.5^(357/100)
    expect(g.getEdgeAttribute('A', 'C', 'weight')).toBeCloseTo(0.5 ** (357 / 100), 12);
  });

  it('retentionYears drops records older than the horizon', () => {
    const g = coOffendingGraph(data, { asOf: '2023-01-01', retentionYears: 2 });
    expect(g.hasNode('D')).toBe(false); // last seen 2020-07-01, more than 2 years before
    expect(g.getEdgeAttribute('A', 'B', 'count')).toBe(1); // only I6 remains
  });

  it('the graph does not depend on the order of input rows', () => {
    const shuffled = {
      ...data,
      incidents: [...data.incidents].reverse(),
      involvements: [...data.involvements].reverse(),
    };
    const a = coOffendingGraph(data).export();
    const b = coOffendingGraph(shuffled).export();
    expect(b).toEqual(a);
  });

  it('toCsr(graph) holds every tie once in each direction with its weight', () => {
    const g = coOffendingGraph(data, { asOf: '2022-01-01' });
    const csr = toCsr(g, { weight: 'count' });
    expect(csr.n).toBe(6);
    expect(csr.m).toBe(4);
    expect(csr.offsets[csr.n]).toBe(8);
    const a = csr.index.get('A')!;
    const nb = new Map<string, number>();
    for (let j = csr.offsets[a]; j < csr.offsets[a + 1]; j++)
      nb.set(csr.ids[csr.targets[j]], csr.weights![j]);
    expect(Object.fromEntries(nb)).toEqual({ B: 3, C: 1 });
  });
});

describe('indexDataset', () => {
  it('numbers groups in name order whatever the order of the people table', () => {
    const withGroups = makeDataset([['I1', '2020-01-01', 0, ['A', 'B'], []]], {
      B: 'zeta',
      A: 'alpha',
    });
    const reversed = { ...withGroups, people: [...withGroups.people].reverse() };
    for (const d of [withGroups, reversed]) {
      const index = indexDataset(d);
      expect(index.groupNames).toEqual(['alpha', 'zeta']);
      expect(index.group[index.personIndex.get('A')!]).toBe(0);
    }
  });
});

describe('coOffendingGraph and victimisationGraph check their arguments', () => {
  it('a misspelt option is an OptionError naming the closest valid option', async () => {
    const { OptionError, InputError } = await import('../../src/core/errors.js');
    const { coOffendingGraph, victimisationGraph } = await import('../../src/graph/index.js');
    const { synthCity } = await import('../../src/synth/index.js');
    const { data } = synthCity({ people: 40, years: 1, seed: 1 });
    expect(() => coOffendingGraph(data, { halfLife: 30 } as never)).toThrow(OptionError);
    expect(() => coOffendingGraph(data, { halfLife: 30 } as never)).toThrow(
      "coOffendingGraph: unknown option 'halfLife'. Did you mean 'halfLifeDays'?",
    );
    expect(() => coOffendingGraph(data, { halfLifeDays: -1 })).toThrow(
      "coOffendingGraph: option 'halfLifeDays' must be a number > 0, got -1.",
    );
    expect(() => victimisationGraph(data, { asof: '2020-01-01' } as never)).toThrow(
      "Did you mean 'asOf'?",
    );
    expect(() => coOffendingGraph(null as never)).toThrow(InputError);
    const g = coOffendingGraph(data);
    expect(() => victimisationGraph(g as never)).toThrow(
      /^victimisationGraph: expected a dataset .*got an undirected graphology graph .*Pass the dataset the graph was built from\./,
    );
    expect(coOffendingGraph.defaults).toEqual({
      halfLifeDays: 365,
      minCount: 1,
      includeIsolates: true,
      retentionYears: 6,
    });
    expect(victimisationGraph.defaults).toEqual({ minSeverity: 1, retentionYears: 6 });
  });
});

describe("the graph's since attribute", () => {
  // Six years of retention back from 2009-12-31 end mid-day on 2003-12-31 (6 × 365.25 days): that
  // day's records are out, the next day's in. The attribute read '2003-12-31', a day whose tie
  // (a–b) is not in the graph.
  it('names the first day whose records are in the graph', () => {
    const data = makeDataset([
      ['I0', '2003-12-31', 0, ['a', 'b'], []],
      ['I1', '2004-01-01', 0, ['c', 'd'], []],
      ['I2', '2009-12-30', 0, ['e', 'f'], []],
    ]);
    const g = coOffendingGraph(data, { asOf: '2009-12-31' });
    expect(g.edges()).toEqual(['c--d', 'e--f']);
    expect(g.getAttribute('since')).toBe('2004-01-01');
    expect(
      coOffendingGraph(data, { asOf: '2009-12-31', since: '2005-03-01' }).getAttribute('since'),
    ).toBe('2005-03-01');
  });
});
