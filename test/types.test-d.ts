/**
 * The public API's types as users write them (arquero keeps such a test): ingest → analyse →
 * nodeMetrics → rankForOutreach → renderReport, option objects and result types, each imported
 * from the package's entry. Checked by `npm test` (vitest's typecheck runs this file) and by
 * `npm run typecheck`; every `@ts-expect-error` line must be a type error, or the check fails.
 */
import type { ColumnTable } from 'arquero';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AnalyseOptions,
  type Analysis,
  analyse,
  auditList,
  backtest,
  type ContributionKind,
  coOffendingGraph,
  type Dataset,
  defaultRankers,
  type ExpectedEvents,
  fitNetworkHawkes,
  type HawkesReplicateRow,
  hawkesRanker,
  type IngestOptions,
  type IngestResult,
  ingest,
  type ListedContribution,
  type NetworkHawkesModel,
  type NodeMeasure,
  type NodeMetricsRow,
  nodeMetrics,
  OptionError,
  oracleRanker,
  PURPOSE_LABEL,
  type RankedListRow,
  type Ranker,
  type RankForOutreachOptions,
  type ReportInput,
  type RiskContribution,
  rankForOutreach,
  renderReport,
  reportInput,
  type SimulatedEvent,
  simulateNetworkHawkes,
  synthCity,
  trueExpectedEvents,
} from '../src/index.js';

describe('the public API as users write it', () => {
  it('ingest takes records and options, and returns the dataset with the rows it rejected', () => {
    const options: IngestOptions = { mapping: { incidentId: 'URN' }, timeZone: 'Europe/London' };
    const result = ingest({ incidents: [], involvements: [] }, options);
    expectTypeOf(result).toEqualTypeOf<IngestResult>();
    expectTypeOf(result.data).toEqualTypeOf<Dataset>();
    expectTypeOf(result.rejected).toBeArray();
    // @ts-expect-error a misspelt option is a type error too (and an OptionError at run time)
    ingest({ incidents: [], involvements: [] }, { mappings: {} });
  });

  it('analyse → nodeMetrics → rankForOutreach → reportInput → renderReport', () => {
    const { data } = synthCity({ people: 100, seed: 1 });
    const options: AnalyseOptions = { asOf: '2023-07-01', limit: 20 };
    const results = analyse(data, options);
    expectTypeOf(results).toEqualTypeOf<Analysis>();
    expectTypeOf(results.list).toEqualTypeOf<ColumnTable>();
    expectTypeOf(results.model).toEqualTypeOf<NetworkHawkesModel>();
    expectTypeOf(results.asOf).toBeString();

    const measures: NodeMeasure[] = ['degree', 'pagerank', 'community'];
    expectTypeOf(nodeMetrics(results.graph, { measures })).toEqualTypeOf<ColumnTable>();
    // @ts-expect-error not a measure
    nodeMetrics(results.graph, { measures: ['pagernak'] });

    const rankOptions: RankForOutreachOptions = { asOf: '2023-07-01', model: results.model };
    expectTypeOf(rankForOutreach(data, rankOptions)).toEqualTypeOf<ColumnTable>();
    // @ts-expect-error asOf is required: a list is always as of a date
    rankForOutreach(data, { limit: 10 });
    // @ts-expect-error the data come first
    rankForOutreach(rankOptions, data);
    expectTypeOf(auditList).parameter(0).toEqualTypeOf<Dataset>();

    const input = reportInput(results);
    expectTypeOf(input).toEqualTypeOf<ReportInput>();
    expectTypeOf(renderReport(input, { list: 'risk' })).toBeString();
    // @ts-expect-error the report renders a report input, not the analysis itself
    renderReport(results);
    // @ts-expect-error list is 'risk' or 'plan'
    renderReport(input, { list: 'top' });
  });

  it("tables' rows are read with their exported row types (arquero types objects() as object[])", () => {
    const { data } = synthCity({ people: 100, seed: 1 });
    const list = rankForOutreach(data, { asOf: '2023-07-01' });
    const rows = list.objects() as RankedListRow[];
    expectTypeOf(rows[0].score).toBeNumber();
    expectTypeOf(rows[0].last_evidence).toEqualTypeOf<string | null>();
    expectTypeOf(rows[0].contributions[0].via).toEqualTypeOf<string | null>();
    // @ts-expect-error a column the list does not have
    rows[0].risk;
    // measures are columns only when asked for: optional
    const measures = nodeMetrics(coOffendingGraph(data)).objects() as NodeMetricsRow[];
    expectTypeOf(measures[0].pagerank).toEqualTypeOf<number | undefined>();
  });

  it('graphs, models and rankers', () => {
    const { data } = synthCity({ people: 100, seed: 1 });
    const graph = coOffendingGraph(data, { asOf: '2023-01-01' });
    expectTypeOf(graph.order).toBeNumber();
    expectTypeOf(
      fitNetworkHawkes(data, { asOf: '2023-01-01' }),
    ).toEqualTypeOf<NetworkHawkesModel>();
    // @ts-expect-error a graph is not a dataset
    fitNetworkHawkes(graph, { asOf: '2023-01-01' });

    const known: ExpectedEvents = (people) => people.map(() => 0.1);
    const rankers: Ranker[] = [...defaultRankers(), hawkesRanker(), oracleRanker(known)];
    expectTypeOf(
      oracleRanker(trueExpectedEvents(synthCity({ people: 50 }))),
    ).toEqualTypeOf<Ranker>();
    // @ts-expect-error an oracle takes an expected-events function, not a city
    oracleRanker(synthCity({ people: 50 }));
    expectTypeOf(backtest(data, { cuts: 2, rankers }).summary).toBeString();
    // @ts-expect-error cuts is required
    backtest(data, { rankers });
  });

  it('constants, defaults and errors', () => {
    expectTypeOf(PURPOSE_LABEL).toBeString();
    expectTypeOf(analyse.defaults.limit).toBeNumber();
    expectTypeOf(nodeMetrics.defaults.measures).toEqualTypeOf<readonly NodeMeasure[]>();
    expectTypeOf(new OptionError('f', 'x', 'm').option).toBeString();
  });

  it("a contribution's kind offers the library's kinds and admits a model's own", () => {
    const row = {} as RankedListRow;
    expectTypeOf(row.contributions[0].kind).toEqualTypeOf<ContributionKind | (string & {})>();
    expectTypeOf<ListedContribution['kind']>().toEqualTypeOf<RiskContribution['kind']>();
    const own: RiskContribution = { kind: 'a model of my own', value: 0.1 };
    expectTypeOf(own.kind).toEqualTypeOf<ContributionKind | (string & {})>();
    // @ts-expect-error 'exposures' is no kind of the library's
    const wrong: ContributionKind = 'exposures';
    expectTypeOf(wrong).toBeString();
  });

  it("hawkesInference's replicates are read as HawkesReplicateRow; the refits' own object is internal", () => {
    expectTypeOf<HawkesReplicateRow['alpha']>().toEqualTypeOf<number | null>();
    expectTypeOf<HawkesReplicateRow['kind']>().toEqualTypeOf<
      'bootstrap' | 'null' | 'rewired' | 'placebo'
    >();
    // @ts-expect-error HawkesReplicate (NaN where the row has null) is not exported
    expectTypeOf<import('../src/index.js').HawkesReplicate>().toBeObject();
  });

  it("simulateNetworkHawkes' runs are there, by type, when keepEvents: true asks for them", () => {
    const model = {} as NetworkHawkesModel;
    expectTypeOf(simulateNetworkHawkes(model, { keepEvents: true }).simulated).toEqualTypeOf<
      SimulatedEvent[][]
    >();
    expectTypeOf(simulateNetworkHawkes(model, { runs: 5 }).simulated).toEqualTypeOf<
      SimulatedEvent[][] | undefined
    >();
    expectTypeOf(simulateNetworkHawkes(model).simulated).toEqualTypeOf<
      SimulatedEvent[][] | undefined
    >();
  });
});
