import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import type { AbstractGraph } from 'graphology-types';
import { count } from '../../core/plural.js';
import { coOffendingGraph } from '../../graph/index.js';
import { betweenness, networkSummary, nodeMetrics } from '../../metrics/index.js';
import { tiedRanks } from '../../metrics/node-metrics.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode, usageError } from '../errors.js';
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

/**
 * `metrics`: per-person network measures, or `--summary` for the whole network. `--top k` keeps
 * the people ranked k or higher by `--by` (default PageRank), highest first, with a `rank` column
 * in which tied values (within 1e-9 of the largest value) share a rank.
 */
export function metricsCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  if (opts.top !== undefined && opts.summary)
    throw usageError(
      '--top lists people by a measure; --summary describes the whole network: give one of them.',
    );
  if (opts.by !== undefined && opts.top === undefined)
    throw usageError(
      `--by picks the measure --top ranks by; give --top k too (e.g. --top 20 --by ${opts.by}).`,
    );
  const { data } = loadForAnalysis(ctx, { asOf: true });
  const asOf = asOfFor(data, opts.asOf);
  reporter.step(`building the co-offending network as of ${asOf}`);
  const graph = coOffendingGraph(data, { asOf });
  reporter.step(
    opts.summary
      ? 'summarising the network'
      : `measuring ${count(graph.order, 'person', 'people')}`,
  );
  // What the columns are and their units, in the CSV itself: the strengths depend on the as-of
  // date and the half-life, which the file did not say (only stderr named the date).
  const since = graph.getAttribute('since') as string | null;
  const notes = [
    `co-offending network as of ${asOf}, from the records dated ${since ? `${since} to` : 'up to'} the day before: ${count(graph.order, 'person', 'people')}, ${count(graph.size, 'tie')}`,
  ];
  if (opts.summary) {
    writeTable(ctx, rowsOf(networkSummary(graph)), 'csv', [
      ...notes,
      'degree: distinct co-offenders; density: ties ÷ possible pairs; shares, transitivity and clustering run from 0 to 1; degree_centralisation: Freeman, 1 for a star',
    ]);
    return EXIT.ok;
  }
  let method = '';
  let table = personMetrics(graph, {
    pivots: opts.pivots,
    // A note, as the other commands' (silent with --quiet): the CSV's notes keep it.
    note: (m) => {
      method = m;
      reporter.note(m);
    },
  });
  const by = (opts.by as string | undefined) ?? 'pagerank';
  if (opts.top !== undefined) {
    // Ranked with ties shared (values within 1e-9 of the largest of each other: PageRank of two
    // people in the same place differs in its last digits, which a plain sort reads as an order).
    const rank = tiedRanks(table.array(by) as ArrayLike<number>);
    table = table
      .assign({ rank })
      .filter(aq.escape((d: { rank: number }) => d.rank <= opts.top))
      .orderby('rank', 'person_id')
      .select('rank', aq.not('rank'));
    notes.push(
      `rank: by ${by}, highest first, the people ranked ${opts.top} or higher; values within 1e-9 of the largest value of each other share a rank (1, 1, 3), listed by person id`,
    );
  }
  writeTable(ctx, table, 'csv', [
    ...notes,
    `degree: distinct co-offenders; strength: Σ over shared incidents of 0.5^(age in days at ${asOf} ÷ ${graph.getAttribute('halfLifeDays')}); core_number: the k-core the person is in`,
    'pagerank: share of a walk that follows ties by strength (damping 0.85), summing to 1 over everyone; betweenness: share of the shortest paths (in steps) between two other people that pass through the person, ÷ (n − 1)(n − 2)',
    method,
    'community: Louvain on tie strength (seed 1), 0 = the largest; component: connected group, 0 = the largest',
  ]);
  return EXIT.ok;
}
