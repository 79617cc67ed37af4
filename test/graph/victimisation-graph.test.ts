import { describe, expect, it } from 'vitest';
import { toGexf, toGraphml } from '../../src/graph/export.js';
import { victimisationGraph } from '../../src/graph/victimisation-graph.js';
import { makeDataset } from '../helpers.js';

// I1: B and A harm V and U (4 arcs)   I2: A harms V again (A→V count 2)
// I3: severity 0, so no arc           I4: after asOf
const data = makeDataset([
  ['I1', '2020-01-10', 2, ['B', 'A'], ['V', 'U']],
  ['I2', '2020-03-01', 3, ['A'], ['V']],
  ['I3', '2020-04-01', 0, ['C'], ['V']],
  ['I4', '2022-01-01', 3, ['Z'], ['A']],
]);

describe('victimisationGraph', () => {
  it('victimisationGraph(data, { asOf }) has one arc per offender → victim pair, counted by hand', () => {
    const g = victimisationGraph(data, { asOf: '2021-01-01' });
    expect(g.order).toBe(4); // A B U V
    expect(g.size).toBe(4);
    expect(g.getDirectedEdgeAttributes('A', 'V')).toMatchObject({
      count: 2,
      incidents: ['I1', 'I2'],
      severities: [2, 3],
      maxSeverity: 3,
      first: '2020-01-10',
      last: '2020-03-01',
    });
    expect(g.hasNode('C')).toBe(false);
    expect(g.hasNode('Z')).toBe(false);
  });

  it('the graph does not depend on the order of input rows', () => {
    const shuffled = {
      ...data,
      incidents: [...data.incidents].reverse(),
      involvements: [...data.involvements].reverse(),
    };
    expect(victimisationGraph(shuffled).export()).toEqual(victimisationGraph(data).export());
  });

  it('toGraphml(victimisationGraph(data)) is the same text on every call (arc ids are source->target)', () => {
    const xml = toGraphml(victimisationGraph(data));
    expect(toGraphml(victimisationGraph(data))).toBe(xml);
    expect(xml).toContain('<edge id="A-&gt;V" source="A" target="V">');
  });
});

describe('victimisationGraph options', () => {
  it('refuses a minSeverity that is not a severity from 0 to 4', () => {
    const data = makeDataset([['I1', '2020-01-01', 3, ['A'], ['B']]]);
    // Before: a RangeError naming neither the function nor the option's form ("minSeverity must
    // be a severity from 0 to 4; got 7"), unlike the function's other option errors.
    expect(() => victimisationGraph(data, { minSeverity: 7 })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        fn: 'victimisationGraph',
        option: 'minSeverity',
        message:
          "victimisationGraph: option 'minSeverity' must be a severity from 0 to 4 (incidents of at least that severity make arcs), got 7.",
      }),
    );
    expect(() => victimisationGraph(data, { minSeverity: Number.NaN })).toThrow(
      "victimisationGraph: option 'minSeverity' must be a severity from 0 to 4 (incidents of at least that severity make arcs), got NaN.",
    );
    expect(() => victimisationGraph(data, { minSeverity: '3' as unknown as number })).toThrow(
      "got '3'.",
    );
    expect(victimisationGraph(data, { minSeverity: 3 }).size).toBe(1);
  });
});

describe("victimisationGraph's attributes", () => {
  // Its exports carried no date (only kind), where coOffendingGraph's carry asOf and since.
  it('say which records the arcs come from, as coOffendingGraph says it', () => {
    const g = victimisationGraph(data, { asOf: '2021-01-01', minSeverity: 2 });
    // Six years of retention (6 × 365.25 days) back from 2021-01-01 end mid-day on 2015-01-01.
    expect(g.getAttributes()).toEqual({
      kind: 'victimisation',
      asOf: '2021-01-01',
      since: '2015-01-02',
      minSeverity: 2,
    });
    expect(victimisationGraph(data, { retentionYears: Infinity }).getAttributes()).toEqual({
      kind: 'victimisation',
      asOf: null,
      since: null,
      minSeverity: 1,
    });
    expect(toGexf(g)).toContain('<since>2015-01-02</since>');
  });
});
