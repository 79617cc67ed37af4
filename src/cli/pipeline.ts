import type { ColumnTable } from 'arquero';
import type { UndirectedGraph } from 'graphology';
import {
  cascades,
  fitNetworkHawkes,
  type NetworkHawkesModel,
  retaliations,
} from '../contagion/index.js';
import type { Dataset } from '../core/types.js';
import {
  type CoOffendingEdgeAttributes,
  coOffendingGraph,
  type PersonNodeAttributes,
} from '../graph/index.js';
import { auditList, type BacktestResult, type Ranker, rankForOutreach } from '../outreach/index.js';
import { runBacktest } from './commands/backtest.js';
import type { Reporter } from './progress.js';

/** Options of {@link analyse}. */
export interface AnalysisOptions {
  asOf: string;
  horizonDays: number;
  limit: number;
  /** Backtest cut dates; 0 for none. */
  cuts: number;
  /** Rankers the backtest compares (default: baselines, exposure score and the model). */
  rankers?: Ranker[];
}

/** Everything the report shows, from one pass of the pipeline. */
export interface Analysis {
  graph: UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes>;
  links: ColumnTable;
  cascades: ColumnTable;
  model: NetworkHawkesModel;
  list: ColumnTable;
  audit: ColumnTable;
  backtest?: BacktestResult;
}

/** Network → retaliation cascades → contagion model → ranked list → audit → backtest, as of one date. */
export function analyse(data: Dataset, o: AnalysisOptions, reporter: Reporter): Analysis {
  reporter.step(`building the co-offending network as of ${o.asOf}`);
  const graph = coOffendingGraph(data, { asOf: o.asOf });

  reporter.step('finding retaliation links and cascades');
  const links = retaliations(data, { asOf: o.asOf });
  const cascadeTable = cascades(links).table;

  reporter.step('fitting the network contagion model');
  const model = fitNetworkHawkes(data, { asOf: o.asOf });

  reporter.step('ranking people to offer support to');
  const list = rankForOutreach(data, {
    asOf: o.asOf,
    horizonDays: o.horizonDays,
    limit: o.limit,
    cap: Math.max(1000, o.limit),
    model,
  });
  const audit = auditList(list, data, { by: ['area', 'group'] });

  let backtest: BacktestResult | undefined;
  if (o.cuts > 0) {
    reporter.step(`backtesting at ${o.cuts} past dates`);
    backtest = runBacktest(
      data,
      // The report draws recall against every list length, from the per-person scores.
      { cuts: o.cuts, horizonDays: o.horizonDays, rankers: o.rankers, keepScores: true },
      reporter,
    );
  }
  return { graph, links, cascades: cascadeTable, model, list, audit, backtest };
}
