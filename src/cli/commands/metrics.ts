import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import type { AbstractGraph } from 'graphology-types';
import { InputError } from '../../core/errors.js';
import { count } from '../../core/plural.js';
import { coOffendingGraph, fromAdjacencyMatrix } from '../../graph/index.js';
import { betweenness, networkSummary, nodeMetrics } from '../../metrics/index.js';
import { tiedRanks } from '../../metrics/node-metrics.js';
import type { CommandContext } from '../context.js';
import { dataError, EXIT, type ExitCode, usageError } from '../errors.js';
import { readInputFile } from '../files.js';
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
  options: {
    pivots: number;
    seed?: number;
    note?: (message: string) => void;
    /** Node attributes after the measures (default: group, incidents, victimisations). */
    attributes?: readonly string[];
  },
): ColumnTable {
  const attributes = options.attributes ?? ['group', 'incidents', 'victimisations'];
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
    attributes,
    seed,
  });
  const btw = detailed.centrality;
  return table
    .assign({ betweenness: Array.from(table.array('person_id') as string[], (id) => btw[id]) })
    .select('person_id', ...measures, ...attributes);
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
 * `metrics`: per-person network measures, or `--summary` for the whole network: of the records'
 * co-offending network, or with `--adjacency <file>` of a square adjacency matrix (UCINET's CSV;
 * `--symmetrize` for a directed one). `--top k` keeps
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
  if (opts.symmetrize !== undefined && opts.adjacency === undefined)
    throw usageError(
      '--symmetrize says how an adjacency matrix is read; give --adjacency <file> too.',
    );
  const read = opts.adjacency === undefined ? coOffending(ctx) : adjacency(ctx);
  const { graph } = read;
  if (opts.summary) {
    writeTable(ctx, rowsOf(networkSummary(graph)), 'csv', metricsNotes(read));
    return EXIT.ok;
  }
  let method = '';
  let table = personMetrics(graph, {
    pivots: opts.pivots,
    attributes: read.attributes,
    // A note, as the other commands' (silent with --quiet): the CSV's notes keep it.
    note: (m) => {
      method = m;
      reporter.note(m);
    },
  });
  const by = (opts.by as string | undefined) ?? 'pagerank';
  let top: { k: number; by: string } | undefined;
  if (opts.top !== undefined) {
    // Ranked with ties shared (values within 1e-9 of the largest of each other: PageRank of two
    // people in the same place differs in its last digits, which a plain sort reads as an order).
    const rank = tiedRanks(table.array(by) as ArrayLike<number>);
    table = table
      .assign({ rank })
      .filter(aq.escape((d: { rank: number }) => d.rank <= opts.top))
      .orderby('rank', 'person_id')
      .select('rank', aq.not('rank'));
    top = { k: opts.top, by };
  }
  writeTable(ctx, table, 'csv', metricsNotes(read, { method, seed: 1, top }));
  return EXIT.ok;
}

/**
 * The `# …` notes of a metrics CSV: what the network is (its `notes`) and what each column
 * counts, in its units. Without `people`, those of `networkSummary`'s table; with it, those of
 * `personMetrics`'s (`method`: how betweenness was computed, as `personMetrics` notes it; `seed`:
 * Louvain's; `top`: the `rank` column of `metrics --top`). One code path for the `metrics`
 * command and the demo's `metrics.csv` and `network-summary.csv`.
 */
export function metricsNotes(
  read: Pick<Measured, 'notes' | 'degree' | 'strength'>,
  people?: { method: string; seed: number; top?: { k: number; by: string } },
): string[] {
  if (!people)
    return [
      ...read.notes,
      `degree: ${read.degree}; density: ties ÷ possible pairs; shares, transitivity and clustering run from 0 to 1; degree_centralisation: Freeman, 1 for a star`,
    ];
  return [
    ...read.notes,
    ...(people.top
      ? [
          `rank: by ${people.top.by}, highest first, the people ranked ${people.top.k} or higher; values within 1e-9 of the largest value of each other share a rank (1, 1, 3), listed by person id`,
        ]
      : []),
    `degree: ${read.degree}; strength: ${read.strength}; core_number: the k-core the person is in`,
    'pagerank: share of a walk that follows ties by strength (damping 0.85), summing to 1 over everyone; betweenness: share of the shortest paths (in steps) between two other people that pass through the person, ÷ (n − 1)(n − 2)',
    people.method,
    `community: Louvain on tie strength (seed ${people.seed}), 0 = the largest; component: connected group, 0 = the largest`,
  ];
}

/** The network `metrics` measures, and what its CSV notes say of it. */
export interface Measured {
  graph: AbstractGraph;
  /** The network: where it comes from, people and ties. */
  notes: string[];
  /** What a person's degree and strength count. */
  degree: string;
  strength: string;
  /** Node attributes after the measures. */
  attributes?: readonly string[];
}

/** The co-offending network of the records, as of `--as-of`. */
function coOffending(ctx: CommandContext): Measured {
  const { opts, reporter } = ctx;
  // No records given: metrics also measures a matrix, which the shared message cannot say.
  if (!opts.incidents && !opts.involvements)
    throw usageError(
      '--incidents <file> is required: a CSV or JSON export of incidents (add --involvements <file> for the long form; a flat table, one row per person per incident with the incident columns on each row, goes alone as --involvements <file>); or measure a network given as an adjacency matrix with --adjacency <file>.',
    );
  const { data } = loadForAnalysis(ctx, { asOf: true });
  const asOf = asOfFor(data, opts.asOf);
  reporter.step(`building the co-offending network as of ${asOf}`);
  const graph = coOffendingGraph(data, { asOf });
  stepMeasuring(ctx, graph);
  return coOffendingMeasured(graph, asOf);
}

/**
 * What a metrics CSV says of a co-offending network as of `asOf` (`coOffendingGraph`'s): the
 * `metrics` command's, and the demo's.
 */
export function coOffendingMeasured(graph: AbstractGraph, asOf: string): Measured {
  // What the columns are and their units, in the CSV itself: the strengths depend on the as-of
  // date and the half-life, which the file did not say (only stderr named the date).
  const since = graph.getAttribute('since') as string | null;
  return {
    graph,
    notes: [
      `co-offending network as of ${asOf}, from the records dated ${since ? `${since} to` : 'up to'} the day before: ${count(graph.order, 'person', 'people')}, ${count(graph.size, 'tie')}`,
    ],
    degree: 'distinct co-offenders',
    strength: `Σ over shared incidents of 0.5^(age in days at ${asOf} ÷ ${graph.getAttribute('halfLifeDays')})`,
  };
}

/** The flags of records, which a network read from a matrix has none of. */
const RECORD_FLAGS: Record<string, string> = {
  incidents: '--incidents',
  involvements: '--involvements',
  people: '--people',
  map: '--map',
  asOf: '--as-of',
  dateFormat: '--date-format',
  timeZone: '--time-zone',
  now: '--now',
  strict: '--strict',
  pseudonymise: '--pseudonymise',
};

/**
 * `--adjacency <file>`: the undirected network of a square adjacency matrix (UCINET's CSV), read
 * by `fromAdjacencyMatrix` with its checks; a refusal names the file and the flag to give
 * (`--symmetrize`), not the library's option.
 */
function adjacency(ctx: CommandContext): Measured {
  const { opts, reporter } = ctx;
  const given = Object.keys(RECORD_FLAGS).filter((k) => opts[k] !== undefined);
  if (given.length > 0)
    throw usageError(
      `--adjacency reads a network, not records: leave out ${given.map((k) => RECORD_FLAGS[k]).join(', ')} (they are for --incidents and --involvements).`,
    );
  const file = opts.adjacency as string;
  const by = opts.encoding?.tables && Object.keys(opts.encoding.tables);
  if (by?.length)
    throw usageError(
      `--encoding ${by[0]}=… names a table of records; give the matrix's encoding as a bare label, e.g. --encoding windows-1252.`,
    );
  reporter.step(`reading the adjacency matrix '${file}'`);
  const text = readInputFile(ctx.io, file, '--adjacency', opts.encoding?.all);
  let graph: AbstractGraph;
  try {
    graph = fromAdjacencyMatrix(text, { symmetrize: opts.symmetrize ?? 'error' });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw dataError(
      `--adjacency '${file}': ${e.message
        .replace(/^fromAdjacencyMatrix: /, '')
        .replace(/symmetrize: '(\w+)'/g, '--symmetrize $1')
        .replace(", 'min' (", ', min (')
        .replace(" or 'sum'", ' or sum')
        .replace(/ \(or a threshold below [^)]*\)/, '')}.`,
    );
  }
  stepMeasuring(ctx, graph);
  let lo = Infinity;
  let hi = -Infinity;
  graph.forEachEdge((_e, a) => {
    lo = Math.min(lo, a.weight);
    hi = Math.max(hi, a.weight);
  });
  const weights =
    graph.size === 0 ? '' : lo === hi ? `, each of weight ${lo}` : `, weights ${lo} to ${hi}`;
  const how =
    opts.symmetrize === undefined
      ? ''
      : `; a pair whose two cells differ is one tie, ${{ max: 'where either cell is above 0, of the larger weight', min: 'only where both cells are above 0, of the smaller weight', sum: 'of the two cells summed' }[opts.symmetrize as 'max' | 'min' | 'sum']} (--symmetrize ${opts.symmetrize})`;
  return {
    graph,
    notes: [
      `undirected network of the adjacency matrix '${file}' (a tie where a cell is above 0, weighted by it): ${count(graph.order, 'person', 'people')}, ${count(graph.size, 'tie')}${weights}${how}`,
    ],
    degree: 'people tied to',
    strength: 'Σ of the weights of the ties (the cells)',
    attributes: [],
  };
}

function stepMeasuring(ctx: CommandContext, graph: AbstractGraph): void {
  ctx.reporter.step(
    ctx.opts.summary
      ? 'summarising the network'
      : `measuring ${count(graph.order, 'person', 'people')}`,
  );
}
