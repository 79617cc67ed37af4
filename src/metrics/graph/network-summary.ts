import { table } from 'arquero';
import { quantileSorted } from 'd3-array';
import { OptionError } from '../../core/errors.js';
import { rule } from '../../core/options.js';
import { trianglesKernel } from '../node/clustering.js';
import { distinctTies } from '../node/core-number.js';
import { degreeKernel } from '../node/degree.js';
import { checkMeasure, type GraphInput, resolveCsr } from '../shared.js';
import { componentsKernel } from './connected-components.js';

/** Options of {@link networkSummary}. */
export interface NetworkSummaryOptions {
  /** Degree quantiles to report, as probabilities (linear interpolation, numpy's default). Default `[0.25, 0.5, 0.75, 0.9, 0.99]`. */
  quantiles?: readonly number[];
}

const DEFAULTS = { quantiles: [0.25, 0.5, 0.75, 0.9, 0.99] } as const;

/**
 * The one row of the {@link networkSummary} table, as `networkSummary(graph).object() as
 * NetworkSummaryRow` reads it. A figure that does not exist is null, never NaN: on an empty
 * graph every figure but the counts; `density` below 2 nodes; `degree_centralisation` below 3
 * nodes; `transitivity` and `average_clustering` on a directed graph.
 */
export interface NetworkSummaryRow {
  /** People. */
  nodes: number;
  /** Ties (parallel ties counted once). */
  edges: number;
  /** `edges ÷` possible pairs (0–1); null below 2 nodes. */
  density: number | null;
  /** Connected components. */
  components: number;
  /** People in the largest component. */
  largest_component: number;
  /** Share of the people in the largest component (0–1); null on an empty graph. */
  largest_component_share: number | null;
  /** People with no tie. */
  isolates: number;
  /** Mean ties per person; null on an empty graph. */
  mean_degree: number | null;
  /** Fewest ties of a person; null on an empty graph. */
  degree_min: number | null;
  /** With the default `quantiles`: the degree's 25th percentile; null on an empty graph. */
  degree_q25?: number | null;
  /** With the default `quantiles`: the median degree; null on an empty graph. */
  degree_q50?: number | null;
  /** With the default `quantiles`: the degree's 75th percentile; null on an empty graph. */
  degree_q75?: number | null;
  /** With the default `quantiles`: the degree's 90th percentile; null on an empty graph. */
  degree_q90?: number | null;
  /** With the default `quantiles`: the degree's 99th percentile; null on an empty graph. */
  degree_q99?: number | null;
  /** The degree at each other quantile of `quantiles`, named by percent (0.999 → `degree_q99.9`). */
  [quantile: `degree_q${number}`]: number | null | undefined;
  /** Most ties of a person; null on an empty graph. */
  degree_max: number | null;
  /** 3 × triangles ÷ connected triples (0–1); null on an empty or directed graph. */
  transitivity: number | null;
  /** Mean local clustering (0–1; 0 for people with under two ties, as networkx); null on an empty or directed graph. */
  average_clustering: number | null;
  /** Freeman degree centralisation (0–1, 1 for a star); null below 3 nodes. */
  degree_centralisation: number | null;
}

/**
 * One-row arquero table describing the whole network. Columns:
 * `nodes`, `edges` (ties: parallel ties of a MultiGraph, or a pair repeated in `csrFromArrays`'
 * input, count as one tie here, and in the degrees below, as in transitivity and clustering),
 * `density` (edges / possible pairs),
 * `components`, `largest_component` (people), `largest_component_share`, `isolates`,
 * `mean_degree`, `degree_min`, `degree_q25`, `degree_q50`, … (one per quantile, named by
 * percent: 0.999 → `degree_q99.9`; a quantile given twice is an `OptionError`), `degree_max`, `transitivity` (3 × triangles / connected triples),
 * `average_clustering` (mean local clustering, 0 for people with under two ties, as networkx),
 * `degree_centralisation` (Freeman: Σ(max − d) / ((n−1)(n−2)), 1 for a star; directed, with
 * degree in + out: ÷ 2(n−1)(n−2), 1 for a star tied both ways, as igraph's `centr_degree`).
 *
 * A figure that does not exist is `null` (an empty CSV cell), never NaN: on an empty graph every
 * figure but the counts (`nodes`, `edges`, `components`, `largest_component`, `isolates`, all 0);
 * `density` below 2 nodes; `degree_centralisation` below 3 nodes; `transitivity` and
 * `average_clustering` on a directed graph.
 *
 * @example
 * networkSummary(graph).print();
 * networkSummary(graph).object(); // { nodes: 54, edges: 315, density: 0.22, … }
 */
export function networkSummary(graph: GraphInput, options?: NetworkSummaryOptions) {
  options = checkMeasure('networkSummary', graph, options, {
    quantiles: rule.array(rule.number({ min: 0, max: 1 })),
  });
  // Parallel ties are one tie here, as in transitivity and clustering (and density stays ≤ 1).
  const csr = distinctTies(resolveCsr(graph, null, null));
  const n = csr.n;
  const { sizes } = componentsKernel(csr);
  const deg = degreeKernel(csr);
  const sorted = Float64Array.from(deg).sort();
  let sum = 0;
  let isolates = 0;
  for (let i = 0; i < n; i++) {
    sum += deg[i];
    if (deg[i] === 0) isolates++;
  }
  const max = n ? sorted[n - 1] : null;
  let central = 0;
  for (let i = 0; i < n; i++) central += (max ?? 0) - deg[i];
  const pairs = (n * (n - 1)) / (csr.directed ? 1 : 2);
  let trans: number | null = null;
  let avgClust: number | null = null;
  if (!csr.directed) {
    const { triangles, degree } = trianglesKernel(csr);
    let t = 0;
    let triples = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const d = degree[i];
      t += triangles[i];
      triples += (d * (d - 1)) / 2;
      if (d > 1) c += (2 * triangles[i]) / (d * (d - 1));
    }
    trans = n ? (triples > 0 ? t / triples : 0) : null;
    avgClust = n ? c / n : null;
  }
  const row: Record<string, (number | null)[]> = {
    nodes: [n],
    edges: [csr.m],
    density: [pairs > 0 ? csr.m / pairs : null],
    components: [sizes.length],
    largest_component: [sizes.length ? sizes[0] : 0],
    largest_component_share: [n ? sizes[0] / n : null],
    isolates: [isolates],
    mean_degree: [n ? sum / n : null],
    degree_min: [n ? sorted[0] : null],
  };
  for (const p of options.quantiles ?? DEFAULTS.quantiles) {
    // Named by the percent itself: rounding to 0.1 % named 0.9999's column degree_q100 and let
    // 0.5004 write over degree_q50.
    const name = `degree_q${+(p * 100).toPrecision(12)}`;
    if (name in row)
      throw new OptionError(
        'networkSummary',
        'quantiles',
        `networkSummary: quantile ${p} is given twice`,
      );
    row[name] = [n ? (quantileSorted(sorted as unknown as number[], p) ?? null) : null];
  }
  row.degree_max = [max];
  row.transitivity = [trans];
  row.average_clustering = [avgClust];
  // A directed person's degree is in + out, up to 2(n − 1): the largest Σ(max − d) is then twice
  // the undirected one (a star tied both ways), igraph's centr_degree_tmax with mode 'all'.
  const most = (n - 1) * (n - 2) * (csr.directed ? 2 : 1);
  row.degree_centralisation = [n > 2 ? central / most : null];
  return table(row);
}

/** The default of each option. */
networkSummary.defaults = DEFAULTS;
