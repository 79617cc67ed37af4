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
import { EXIT, type ExitCode } from '../errors.js';
import type { CommandContext } from '../program.js';
import { asOfFor, loadForAnalysis, rowsOf, writeTable } from '../shared.js';

/**
 * One row per person: degree, strength (Σ recency-weighted ties), k-core, PageRank, betweenness
 * (normalised; sampled from `pivots` sources when fewer than the people, 0 = exact), Louvain
 * community and component.
 */
export function personMetrics(
  graph: AbstractGraph,
  options: { pivots: number; seed?: number },
): Record<string, unknown>[] {
  const seed = options.seed ?? 1;
  const sampled = options.pivots > 0 && options.pivots < graph.order;
  const deg = degree(graph);
  const str = strength(graph, { weight: 'weight' });
  const core = coreNumber(graph);
  const pr = pagerank(graph);
  const btw = betweenness(graph, {
    normalized: true,
    ...(sampled ? { k: options.pivots, seed } : {}),
  });
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
    opts.summary ? rowsOf(networkSummary(graph)) : personMetrics(graph, { pivots: opts.pivots }),
  );
  return EXIT.ok;
}
