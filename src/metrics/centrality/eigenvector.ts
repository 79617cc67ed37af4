import { DataRefusedError, InputError } from '../../core/errors.js';
import { type OptionRules, rule } from '../../core/options.js';
import type { Csr, EdgeWeightOption } from '../../graph/csr.js';
import {
  checkMeasure,
  componentLabels,
  defineNodeMetric,
  type GraphInput,
  type NodeMetric,
  noTiesClause,
  refuseNegativeWeights,
  resolveCsr,
  toRecord,
  weightRule,
} from '../shared.js';

/** Options of {@link eigenvector}. */
export interface EigenvectorOptions {
  /** Tie strength (attribute, function or `null`). Default `null` (as networkx). */
  weight?: EdgeWeightOption;
  /**
   * Stop a component when Σ|x − x_prev| over its members < size × tolerance (networkx's rule,
   * whose default 1e-6 leaves errors near 1e-6; 1e-12 agrees with an exact eigensolver to ~1e-10).
   * Default `1e-12`.
   */
  tolerance?: number;
  /**
   * Iteration cap. A component not converged by then is refused by the plain call unless its
   * estimated relative error is at most 1e-4 (see `detailed`'s `errorEstimate`). Default `1000`.
   */
  maxIterations?: number;
  /**
   * How each component's vector is scaled. The leading eigenvector is defined per connected
   * component, so values compare people *within* a component only:
   * `'unit'` (default) — unit Euclidean norm in every component (a connected graph gives
   * networkx's values); `'max'` — the most central person of every component scores 1.
   * People without ties to others (none, ties of weight 0 only, or a tie to themselves only)
   * score 0, as networkx's values for such a person beside a component whose leading eigenvalue
   * is larger; a graph where no one has a tie to another is refused (see below).
   */
  componentScaling?: 'unit' | 'max';
}

const DEFAULTS = {
  weight: null,
  tolerance: 1e-12,
  maxIterations: 1000,
  componentScaling: 'unit',
} as const;

const RULES: OptionRules<EigenvectorOptions> = {
  weight: weightRule,
  tolerance: rule.number({ above: 0 }),
  maxIterations: rule.number({ min: 1, integer: true }),
  componentScaling: rule.oneOf(['unit', 'max']),
};

/** What `eigenvector.detailed` returns. */
export interface EigenvectorDetailed {
  centrality: Record<string, number>;
  /** Iterations run (the slowest component's). */
  iterations: number;
  /** Whether every component met the tolerance. */
  converged: boolean;
  /** Components of two or more people, and how many of them did not converge. */
  components: number;
  unconverged: number;
  /**
   * Largest estimated relative error of a component that did not converge: Σ|x − x*| / Σ|x| over
   * its people, from the last change and the rate at which changes shrink (change·r/(1 − r)).
   * 0 when every component converged; `Infinity` when changes stopped shrinking (no leading
   * eigenvector, as in a chain). The plain call returns such a component's values when this is
   * at most 1e-4, and refuses them above.
   */
  errorEstimate: number;
}

/**
 * Estimated relative error (`errorEstimate`) up to which the plain call, `values`, `assign` and
 * `nodeMetrics` return a component stopped by `maxIterations`.
 */
const EIGENVECTOR_ACCEPTED_ERROR = 1e-4;

/**
 * Power iteration on (A / max weight + I) per component — the shift keeps bipartite components from oscillating, as
 * networkx does — run on all components at once with each normalised on its own.
 */
export function eigenvectorKernel(
  csr: Csr,
  tolerance: number,
  maxIterations: number,
  scaling: 'unit' | 'max',
) {
  const n = csr.n;
  const { label, count } = componentLabels(csr);
  const size = new Int32Array(count);
  for (let i = 0; i < n; i++) size[label[i]]++;
  const active = new Uint8Array(count);
  let nActive = 0;
  for (let c = 0; c < count; c++) if (size[c] > 1) active[c] = 1;
  const { inOffsets: off, inTargets: tg } = csr;
  // The +I shift must be on the weights' scale: beside ties of 1e-9 (a short half-life's old
  // ties) it stalls the iteration, which then meets the tolerance far from the eigenvector; beside
  // 1e15 it no longer separates ±λ; past 1e154 the norm overflows. Dividing each component's
  // weights by its largest (same eigenvectors) iterates on A / max + I per component: one
  // component of recent ties beside one of old ties each gets its own scale. Unit weights run
  // unchanged.
  let w = csr.inWeights;
  if (w) {
    const max = new Float64Array(count);
    for (let v = 0; v < n; v++) {
      const c = label[v];
      for (let j = off[v], e = off[v + 1]; j < e; j++) {
        const a = Math.abs(w[j]);
        if (a > max[c]) max[c] = a;
      }
    }
    let unit = true;
    for (let c = 0; c < count; c++) {
      if (max[c] > 0 && max[c] !== 1) unit = false;
      // Ties of weight 0 only: no tie, so 0 as people without ties (networkx ~1e-6 beside ties).
      if (max[c] === 0) active[c] = 0;
    }
    if (!unit) {
      const scaled = new Float64Array(w.length);
      for (let v = 0; v < n; v++) {
        const m = max[label[v]] || 1;
        for (let j = off[v], e = off[v + 1]; j < e; j++) scaled[j] = w[j] / m;
      }
      w = scaled;
    }
  }
  for (let c = 0; c < count; c++) nActive += active[c];
  const components = nActive;
  let x = new Float64Array(n);
  let y = new Float64Array(n);
  for (let i = 0; i < n; i++) if (active[label[i]]) x[i] = 1 / size[label[i]];
  const norm = new Float64Array(count);
  const change = new Float64Array(count);
  const previous = new Float64Array(count);
  let iterations = 0;
  while (nActive > 0 && iterations < maxIterations) {
    iterations++;
    norm.fill(0);
    for (let v = 0; v < n; v++) {
      const c = label[v];
      if (!active[c]) {
        y[v] = x[v];
        continue;
      }
      let s = x[v];
      if (w) for (let j = off[v], e = off[v + 1]; j < e; j++) s += x[tg[j]] * w[j];
      else for (let j = off[v], e = off[v + 1]; j < e; j++) s += x[tg[j]];
      y[v] = s;
      norm[c] += s * s;
    }
    previous.set(change);
    change.fill(0);
    for (let v = 0; v < n; v++) {
      const c = label[v];
      if (!active[c]) continue;
      const nc = Math.sqrt(norm[c]) || 1;
      const val = y[v] / nc;
      y[v] = val;
      change[c] += Math.abs(val - x[v]);
    }
    for (let c = 0; c < count; c++) {
      if (active[c] && change[c] < size[c] * tolerance) {
        active[c] = 0;
        nActive--;
      }
    }
    const t = x;
    x = y;
    y = t;
  }
  // A component stopped by the cap is within about change·r/(1 − r) of its vector (Σ|x − x*|
  // over its people; r = change / previous change, the iteration's geometric rate), relative to
  // its Σ|x|. A rate of 1 or more (a chain with no leading eigenvector) has no such bound.
  const mass = norm.fill(0);
  for (let v = 0; v < n; v++) if (active[label[v]]) mass[label[v]] += Math.abs(x[v]);
  let error = 0;
  for (let c = 0; c < count; c++) {
    if (!active[c]) continue;
    const r = change[c] / previous[c];
    const e = r < 1 ? (change[c] * r) / (1 - r) / mass[c] : Number.POSITIVE_INFINITY;
    if (!(e <= error)) error = e;
  }
  if (scaling === 'max') {
    const max = new Float64Array(count);
    for (let v = 0; v < n; v++) if (x[v] > max[label[v]]) max[label[v]] = x[v];
    for (let v = 0; v < n; v++) if (max[label[v]] > 0) x[v] /= max[label[v]];
  }
  return {
    values: x,
    iterations,
    converged: nActive === 0,
    components,
    unconverged: nActive,
    error,
  };
}

function compute(input: GraphInput, options: EigenvectorOptions) {
  const csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'eigenvector');
  refuseNegativeWeights(csr, 'eigenvector');
  const r = eigenvectorKernel(
    csr,
    options.tolerance ?? DEFAULTS.tolerance,
    options.maxIterations ?? DEFAULTS.maxIterations,
    options.componentScaling ?? DEFAULTS.componentScaling,
  );
  // No ties between people: every vector is an eigenvector of A = 0, and networkx's 1/√n each is
  // its starting vector. A column of zeros (or of equals) would read as a ranking.
  // Ties to oneself only: A is diagonal, each person their own component, and none is tied to
  // anyone (networkx's eigenvector_centrality_numpy raises AmbiguousSolution; its power iteration
  // puts everything on the heaviest loop, a 1 beside loops a 2, b 1, or 1/√n each beside equal ones).
  if (r.components === 0 && csr.n > 0) {
    const { clause, looped } = noTiesClause(csr);
    throw new InputError(
      'eigenvector',
      `eigenvector: ${clause}, so it has no leading eigenvector (${
        looped > 0
          ? "networkx's eigenvector_centrality_numpy raises; its power iteration puts all on whoever has the heaviest self-loop, or 1/√n each when the loops weigh alike"
          : 'every vector is one of a matrix of zeros; networkx returns its starting vector, 1/√n each'
      }) and no one is more central than another; measure a graph with ties`,
    );
  }
  return { csr, ...r };
}

type Eigenvector = NodeMetric<EigenvectorOptions> & {
  /** Centrality with convergence diagnostics. */
  detailed(graph: GraphInput, options?: EigenvectorOptions): EigenvectorDetailed;
};

/**
 * Eigenvector centrality computed separately in every connected component, so it never fails on
 * a co-offending network's many small groups (graphology's throws there). On a connected graph
 * it equals networkx's `eigenvector_centrality`; on a disconnected one, networkx applied to each
 * component. `detailed` reports non-convergence and never throws for it; the plain call, `values` and
 * `assign` refuse values of a component that did not converge.
 *
 * @throws {DataRefusedError} `not-identified` when a component did not converge within
 * `maxIterations` and its estimated relative error is above 1e-4. A directed graph without
 * cycles never converges (its leading eigenvalue is 0; networkx raises
 * `PowerIterationFailedConvergence` there).
 * @throws {InputError} (plain call and `detailed`) when no two people are tied by a weight above 0
 * (no ties, ties of weight 0 or ties to oneself only): there is no leading eigenvector, and
 * networkx's 1/√n each is its starting vector, not a centrality; with self-loops only, its
 * `eigenvector_centrality_numpy` raises and its power iteration puts everything on the heaviest
 * loop (with a `weight`, a loop of weight 0 is a tie of weight 0, as in networkx). The message
 * says which.
 *
 * @example
 * eigenvector(graph); // { alice: 0.31, … } unit norm per component
 * eigenvector(graph, { componentScaling: 'max' }); // top person of each group = 1
 * eigenvector.detailed(graph).converged; // true
 */
export const eigenvector = defineNodeMetric<EigenvectorOptions>(
  'eigenvectorCentrality',
  (g, o) => {
    const r = compute(g, o);
    // The last iterate of a component that did not converge is no centrality (a victimisation
    // graph's chains have no leading eigenvector: 281 of 282 components ran to the cap).
    // A slow but converging component stopped by the cap is close to its vector (a weighted city
    // of 3,000: relative error 7.55e-5 at the 1,000th iterate; it meets the 1e-12 tolerance at 2,185).
    if (r.converged || r.error <= EIGENVECTOR_ACCEPTED_ERROR) return r;
    throw new DataRefusedError(
      'not-identified',
      `eigenvector: ${r.unconverged} of ${r.components} components did not converge in ${r.iterations} iteration${r.iterations === 1 ? '' : 's'} ${
        Number.isFinite(r.error)
          ? `(estimated relative error up to ${r.error.toPrecision(2)}, above ${EIGENVECTOR_ACCEPTED_ERROR})`
          : r.iterations < 2
            ? '(one iteration gives no estimate of its error)'
            : '(their changes stopped shrinking)'
      }, so their values are no centrality; ${
        r.csr.directed
          ? 'on a directed graph the leading eigenvector exists only where ties lead back round (a cycle), and chains of victimisation have none: pagerank ranks such graphs'
          : 'raise maxIterations or tolerance'
      } (eigenvector.detailed gives the last iterate)`,
    );
  },
  { name: 'eigenvector', rules: RULES, defaults: DEFAULTS },
) as Eigenvector;

eigenvector.detailed = (graph, options) => {
  options = checkMeasure('eigenvector.detailed', graph, options, RULES);
  const { csr, values, iterations, converged, components, unconverged, error } = compute(
    graph,
    options,
  );
  return {
    centrality: toRecord(graph, csr, values),
    iterations,
    converged,
    components,
    unconverged,
    errorEstimate: error,
  };
};
