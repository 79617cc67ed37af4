import { describe, expect, it } from 'vitest';
import { cascades } from '../../src/contagion/cascades.js';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { retaliations } from '../../src/contagion/retaliations.js';
import { DataRefusedError, OptionError } from '../../src/core/errors.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import { analyse, auditList, PURPOSE_LABEL, rankForOutreach } from '../../src/outreach/index.js';
import { renderReport, reportInput } from '../../src/report/index.js';
import { synthCity } from '../../src/synth/city.js';

describe('analyse', () => {
  const { data } = synthCity({ people: 500, years: 3, seed: 5, feud: {} });
  const asOf = '2022-06-01';
  const steps: string[] = [];
  const a = analyse(data, { asOf, limit: 30, onStep: (s) => steps.push(s) });

  it('analyse(data, options) gives the same results as calling each stage by hand', () => {
    const graph = coOffendingGraph(data, { asOf });
    expect(a.graph.order).toBe(graph.order);
    expect(a.graph.size).toBe(graph.size);
    const links = retaliations(data, { asOf });
    expect(a.links.objects()).toEqual(links.objects());
    expect(a.cascades.objects()).toEqual(cascades(links).table.objects());
    const model = fitNetworkHawkes(data, { asOf });
    expect(a.model.parameters).toEqual(model.parameters);
    const list = rankForOutreach(data, { asOf, limit: 30, model });
    expect(a.list.objects()).toEqual(list.objects());
    expect(a.audit.objects()).toEqual(auditList(list, data, { by: ['area', 'group'] }).objects());
    expect(a.backtest).toBeUndefined();
    expect(a.asOf).toBe(asOf);
    expect(steps).toHaveLength(4);
  });

  it('reportInput(analysis) feeds renderReport, with the purpose label', () => {
    const input = reportInput(a, { rejected: 2 });
    expect(input.purpose).toBe(PURPOSE_LABEL);
    expect(input.ranked).toHaveLength(30);
    expect(input.summary).toContainEqual({ label: 'input rows left out', value: 2 });
    expect(renderReport(input)).toContain(PURPOSE_LABEL);
  });

  it('defaults asOf to the day after the last incident', () => {
    expect(analyse.defaults).toEqual({ horizonDays: 90, limit: 100, cuts: 0 });
    const noAsOf = analyse(data, { limit: 5 });
    const last = Math.max(...data.incidents.map((i) => i.day));
    expect(noAsOf.asOf).toBe(
      new Date((Math.floor(last) + 1) * 86_400_000).toISOString().slice(0, 10),
    );
    const empty = { ...data, incidents: [], involvements: [] };
    expect(() => analyse(empty)).toThrow(DataRefusedError);
  });

  it('refuses a misspelt option, naming the right one', () => {
    // @ts-expect-error misspelt option
    expect(() => analyse(data, { horizon: 30 })).toThrow(OptionError);
    // @ts-expect-error misspelt option
    expect(() => analyse(data, { horizon: 30 })).toThrow(/horizonDays/);
  });
});
