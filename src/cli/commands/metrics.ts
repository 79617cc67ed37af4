import type { ColumnTable } from 'arquero';
import type { AbstractGraph } from 'graphology-types';
import { count } from '../../core/plural.js';
import { coOffendingGraph } from '../../graph/index.js';
import { betweenness, networkSummary, nodeMetrics } from '../../metrics/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { asOfFor, loadForAnalysis, rowsOf, writeTable } from '../shared.js';

/**
 * One row per person: `nodeMetrics`'s default measures (degree, strength, core_number, PageRank,
 * betweenness, Louvain community, component), then the person's group, incidents and
 * victimisations. Betweenness is normalised and sampled from `pivots` sources when fewer than the
 * people (0 = exact); it comes from `betweenness.detailed`, computed once, so that `note` can say
 * how it was computed and how precise the estimates are.
 */
export function personMetrics(
  graph: AbstractGraph,
  options: { pivots: number; seed?: number; note?: (message: string) => void },
): ColumnTable {
  const seed = options.seed ?? 1;
  const sampled = options.pivots > 0 && options.pivots < graph.order;
  const detailed = betweenness.detailed(graph, {
    normalized: true,
    ...(sampled ? { k: options.pivots, seed } : {}),
  });
  options.note?.(betweennessNote(detailed));
  const measures = nodeMetrics.defaults.measures;
  const table = nodeMetrics(graph, {
    measures: measures.filter((m) => m !== 'betweenness'),
    attributes: ['group', 'incidents', 'victimisations'],
    seed,
  });
  const btw = detailed.centrality;
  return table
    .assign({ betweenness: Array.from(table.array('person_id') as string[], (id) => btw[id]) })
    .select('person_id', ...measures, 'group', 'incidents', 'victimisations');
}

function betweennessNote(d: ReturnType<typeof betweenness.detailed>): string {
  if (!d.standardError) return `betweenness: ${d.method}.`;
  // Typical error of the ten largest values, relative to them.
  const top = Object.entries(d.centrality)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .filter(([, v]) => v > 0);
  const rel = top.map(([id, v]) => d.standardError![id] / v);
  const median = rel.length ? rel.sort((a, b) => a - b)[Math.floor(rel.length / 2)] : 0;
  return `betweenness: ${d.method}; values are estimates (median standard error of the 10 largest: ±${(median * 100).toFixed(0)}%). Use --pivots 0 for exact values.`;
}

/** `metrics`: per-person network measures, or `--summary` for the whole network. */
export function metricsCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  const { data } = loadForAnalysis(ctx, { asOf: true });
  const asOf = asOfFor(data, opts.asOf);
  reporter.step(`building the co-offending network as of ${asOf}`);
  const graph = coOffendingGraph(data, { asOf });
  reporter.step(
    opts.summary
      ? 'summarising the network'
      : `measuring ${count(graph.order, 'person', 'people')}`,
  );
  writeTable(
    ctx,
    opts.summary
      ? rowsOf(networkSummary(graph))
      : personMetrics(graph, {
          pivots: opts.pivots,
          note: (m) => ctx.io.stderr.write(`${m}\n`),
        }),
  );
  return EXIT.ok;
}
