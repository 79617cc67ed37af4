import type { AbstractGraph } from 'graphology-types';
import { toCsv } from '../../core/csv.js';
import { count } from '../../core/plural.js';
import { coOffendingGraph, toGexf, toGraphml, victimisationGraph } from '../../graph/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { outputFormat, writeOutput } from '../files.js';
import { asOfFor, loadForAnalysis, toJson } from '../shared.js';

/** Edge list rows (`source`, `target`, then the edge attributes) of any graph. */
export function edgeRows(graph: AbstractGraph): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  graph.forEachEdge((_key, attributes, source, target) => {
    rows.push({ source, target, ...attributes });
  });
  return rows;
}

/** Serialises a graph in one of the export formats. */
export function serialiseGraph(graph: AbstractGraph, format: string): string {
  if (format === 'gexf') return toGexf(graph);
  if (format === 'graphml') return toGraphml(graph);
  if (format === 'json') return toJson(graph.export());
  // 'source' and 'target' head the columns even with no tie: a network without ties was written
  // as a CSV with an empty header line, which a reader takes for no columns at all.
  const rows = edgeRows(graph);
  const columns = ['source', 'target'];
  for (const r of rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  return toCsv(rows, { columns });
}

/** `graph`: builds the co-offending or victimisation network and exports it. */
export function graphCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  const format = outputFormat(opts.out, opts.format, ['gexf', 'graphml', 'csv', 'json'], 'graphml');
  const { data } = loadForAnalysis(ctx, { asOf: true });
  const asOf = asOfFor(data, opts.asOf);
  reporter.step(`building the ${opts.kind} network as of ${asOf}`);
  const graph: AbstractGraph =
    opts.kind === 'victimisation'
      ? victimisationGraph(data, { asOf })
      : coOffendingGraph(data, { asOf, halfLifeDays: opts.halfLifeDays, minCount: opts.minCount });
  writeOutput(ctx.io, opts.out, serialiseGraph(graph, format));
  reporter.note(
    `${opts.kind} network: ${count(graph.order, 'person', 'people')}, ${count(graph.size, 'tie')} (as of ${asOf}).`,
  );
  return EXIT.ok;
}
