import type { AbstractGraph } from 'graphology-types';
import { coOffendingGraph } from '../../graph/index.js';
import {
  betweenness,
  connectedComponents,
  coreNumber,
  degree,
  louvain,
  networkSummary,
  pagerank,
  strength,
} from '../../metrics/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { asOfFor, loadForAnalysis, rowsOf, writeTable } from '../shared.js';

/**
 * One row per person: degree, strength (Σ recency-weighted ties), k-core, PageRank, betweenness
 * (normalised; sampled from `pivots` sources when fewer than the people, 0 = exact), Louvain
 * community and component.
 */
export function personMetrics(
  graph: AbstractGraph,
  options: { pivots: number; seed?: number; note?: (message: string) => void },
): Record<string, unknown>[] {
  const seed = options.seed ?? 1;
  const sampled = options.pivots > 0 && options.pivots < graph.order;
  const deg = degree(graph);
  const str = strength(graph, { weight: 'weight' });
  const core = coreNumber(graph);
  const pr = pagerank(graph);
  const btwDetailed = betweenness.detailed(graph, {
    normalized: true,
    ...(sampled ? { k: options.pivots, seed } : {}),
  });
  const btw = btwDetailed.centrality;
  if (btwDetailed.standardError) {
    // Typical error of the ten largest values, relative to them.
    const top = Object.entries(btw)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .filter(([, v]) => v > 0);
    const rel = top.map(([id, v]) => btwDetailed.standardError![id] / v);
    const median = rel.length ? rel.sort((a, b) => a - b)[Math.floor(rel.length / 2)] : 0;
    options.note?.(
      `betweenness: ${btwDetailed.method}; values are estimates (median standard error of the 10 largest: ±${(median * 100).toFixed(0)}%). Use --pivots 0 for exact values.`,
    );
  } else {
    options.note?.(`betweenness: ${btwDetailed.method}.`);
  }
  const community = louvain(graph, { seed });
  const component = connectedComponents(graph);
  const rows: Record<string, unknown>[] = [];
  graph.forEachNode((id, a) => {
    rows.push({
      person_id: id,
      group: a.group ?? null,
      degree: deg[id],
      strength: str[id],
      core: core[id],
      pagerank: pr[id],
      betweenness: btw[id],
      community: community[id],
      component: component[id],
      incidents: a.incidents ?? null,
      victimisations: a.victimisations ?? null,
    });
  });
  return rows;
}

/** `metrics`: per-person network measures, or `--summary` for the whole network. */
export function metricsCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  const { data } = loadForAnalysis(ctx);
  const asOf = asOfFor(data, opts.asOf);
  reporter.step(`building the co-offending network as of ${asOf}`);
  const graph = coOffendingGraph(data, { asOf });
  reporter.step(opts.summary ? 'summarising the network' : `measuring ${graph.order} people`);
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
