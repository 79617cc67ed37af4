import { describe, expect, it } from 'vitest';
import { cascades } from '../../src/contagion/cascades.js';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { hawkesInference } from '../../src/contagion/hawkes/inference.js';
import { retaliations } from '../../src/contagion/retaliations.js';
import { DataRefusedError, InputError, OptionError } from '../../src/core/errors.js';
import { coOffendingGraph } from '../../src/graph/co-offending-graph.js';
import {
  analyse,
  auditList,
  PURPOSE_LABEL,
  planOutreach,
  rankForOutreach,
} from '../../src/outreach/index.js';
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
    expect(a.audit.objects()).toEqual(
      auditList(data, list, { by: ['area', 'group'], victims: 'before' }).objects(),
    );
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

  it('keeps the network as compact arrays; the graphology graph is built when read, and the report reads either the same', () => {
    const fresh = analyse(data, { asOf, limit: 30 });
    // A getter, not listed among the keys: spreading an analysis does not build the graph.
    expect(typeof Object.getOwnPropertyDescriptor(fresh, 'graph')?.get).toBe('function');
    expect(Object.keys(fresh)).not.toContain('graph');
    expect(fresh.network.source.length).toBeGreaterThan(100);
    const fromArrays = reportInput({ ...fresh });
    const graph = fresh.graph;
    expect(fresh.graph).toBe(graph); // built once
    expect(graph.size).toBe(fresh.network.source.length);
    const { network: _n, ...rest } = fresh;
    const fromGraph = reportInput({ ...rest, graph });
    expect(fromArrays).toEqual(fromGraph);
    expect(fromArrays.people?.length).toBe(graph.order);
    expect(fromArrays.ranked.some((r) => r.group !== undefined)).toBe(true);
  });

  it('defaults asOf to the day after the last incident', () => {
    expect(analyse.defaults).toEqual({
      horizonDays: 90,
      limit: 100,
      cuts: 0,
      plan: false,
      victimOffenderTies: false,
    });
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

  it('refuses a fractional horizonDays up front, as its own option (the backtest needs whole days)', () => {
    // Before: the fit and the list ran, then backtest refused its own option 'horizonDays'.
    expect(() => analyse(data, { asOf, horizonDays: 30.5, cuts: 2 })).toThrow(
      "analyse: option 'horizonDays' must be a whole number > 0 and ≤ 3650, got 30.5.",
    );
  });

  it('plans outreach when asked (capacity defaults to the list length), as planOutreach does', () => {
    const withPlan = analyse(data, { asOf, limit: 12, plan: { effect: 0.3 } });
    expect(a.plan).toBeUndefined();
    const plan = planOutreach(data, {
      asOf,
      model: withPlan.model,
      capacity: 12,
      effect: 0.3,
      horizonDays: 90,
    });
    expect(withPlan.plan?.list.objects()).toEqual(plan.list.objects());
    expect(withPlan.plan?.expected).toEqual(plan.expected);
    // A misspelt plan option is refused before the pipeline, by its path, naming the right one.
    // @ts-expect-error misspelt option
    expect(() => analyse(data, { asOf, limit: 5, plan: { capcity: 3 } })).toThrow(
      /Did you mean 'plan\.capacity'\?/,
    );
  });

  it('reportInput(analysis) carries the plan: reasons add up to the figure exactly, as in the list', () => {
    const withPlan = analyse(data, { asOf, limit: 12, plan: true });
    const input = reportInput(withPlan);
    const rows = withPlan.plan!.list.objects() as {
      person_id: string;
      averted: number;
      averted_own: number;
      averted_onward: number;
    }[];
    expect(input.plan?.ranked).toHaveLength(rows.length);
    expect(rows.length).toBeGreaterThan(0);
    input.plan!.ranked.forEach((r, i) => {
      expect(r.person_id).toBe(rows[i].person_id);
      expect(r.score).toBe(rows[i].averted);
      expect(r.reasons.map((x) => x.value)).toEqual([rows[i].averted_own, rows[i].averted_onward]);
      // Exactly, not to a tolerance: the list stores the sum of its two parts.
      expect(r.reasons[0].value + r.reasons[1].value).toBe(r.score);
    });
    expect(input.plan?.horizonDays).toBe(90);
    expect(input.plan?.effect).toBe(0.2);
    expect(input.plan?.highestRiskAverted).toBe(withPlan.plan!.highestRisk.averted);
    const html = renderReport(input);
    expect(html).toContain('name="vc-list" value="plan"');
    expect(html).toContain('id="vc-planned"');
  });

  it('reportInput checks its options and sources, naming what it got', () => {
    expect(reportInput.defaults).toEqual({ warnings: [], recentDays: 180 });
    // @ts-expect-error misspelt option
    expect(() => reportInput(a, { warning: ['x'] })).toThrow(/Did you mean 'warnings'\?/);
    // @ts-expect-error a dataset, not an analysis
    expect(() => reportInput(data)).toThrow(/got a dataset; run the pipeline first/);
    // @ts-expect-error missing fields
    expect(() => reportInput({ data, asOf })).toThrow(InputError);
    // @ts-expect-error missing fields
    expect(() => reportInput({ data, asOf })).toThrow(/missing list, network or graph/);
    expect(() => reportInput({ ...a, list: a.links })).toThrow(/no purpose label/);
  });

  it('a longer recentDays embeds more incidents', () => {
    const recent = reportInput(a).incidents ?? [];
    const more = reportInput(a, { recentDays: 3650 }).incidents ?? [];
    expect(more.length).toBeGreaterThan(recent.length);
  });

  it("reportInput({ ...analysis, inference }) puts the contagion share's interval in the chart and figures", () => {
    // Few replicates: this checks the plumbing, not the interval's coverage (bench/inference.ts).
    const inference = hawkesInference(data, {
      fit: { asOf },
      replicates: 4,
      nullReplicates: 0,
      placeboReplicates: 0,
    });
    const share = inference.intervals!.share;
    const input = reportInput({ ...a, inference });
    expect(input.contagion?.overall).toEqual({
      estimate: share.estimate,
      low: share.lo,
      high: share.hi,
      level: 0.95,
      method: 'parametric bootstrap, 4 refits',
    });
    const figure = input.summary?.find((f) => f.label === 'share attributed to contagion');
    expect(figure?.value).toBe(
      `${(a.model.contagionShare * 100).toFixed(1)}% (95% interval ${(share.lo * 100).toFixed(1)}–${(share.hi * 100).toFixed(1)}%)`,
    );
    const html = renderReport(input);
    expect(html).toContain('class="vc-share-band"');
    expect(html).toContain('the shaded band');
    expect(html).not.toContain('Intervals were not computed');
    // Without inference the chart says so.
    const plain = renderReport(reportInput(a));
    expect(plain).not.toContain('class="vc-share-band"');
    expect(plain).toContain('Intervals were not computed');
  });
});
