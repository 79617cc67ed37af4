import { InputError } from '../../core/errors.js';
import { type OptionRules, rule } from '../../core/options.js';
import { type EdgeWeightOption, hasParallelTies } from '../../graph/csr.js';
import {
  defineNodeMetric,
  type GraphInput,
  noTiesClause,
  refuseDirected,
  refuseNegativeWeights,
  resolveCsr,
  weightRule,
} from '../shared.js';

/** Options of {@link laplacian}. */
export interface LaplacianOptions {
  /** Tie strength (attribute, function or `null`). Default `'weight'` when edges have it (as networkx). */
  weight?: EdgeWeightOption;
  /**
   * Divide by the graph's Laplacian energy. Default `true` (as networkx). A graph of people
   * without ties (or only ties of weight 0) has energy 0: normalised, that is 0 ÷ 0, an
   * `InputError` (networkx raises); with `false` everyone's drop is 0, as networkx gives.
   */
  normalized?: boolean;
}

const DEFAULTS = { weight: 'weight', normalized: true } as const;

const RULES: OptionRules<LaplacianOptions> = { weight: weightRule, normalized: rule.boolean };

/**
 * Laplacian centrality (Qi et al. 2012): the drop in Laplacian energy Σλ² when the person is
 * removed, in closed form d_i² + Σ_j w_ij² + 2 Σ_j w_ij d_j (d: strength), O(ties) — equals
 * networkx's `laplacian_centrality`. Undirected. Normalised values do not depend on the weights'
 * scale; with `normalized: false`, an energy beyond floating point (weights near 1e154 or more)
 * is an `InputError` saying so, never NaN. A negative weight is refused (`InputError` naming the
 * tie), as by PageRank, eigenvector centrality and Louvain: the measure is one of strengths.
 * A tie to oneself (`csrFromArrays` keeps one) is no part of the Laplacian, as in networkx.
 * People without ties (or ties of weight 0 only, or ties to themselves only) have no Laplacian
 * energy, so the normalised measure is undefined (0 ÷ 0): an `InputError` saying which, as
 * networkx's `ZeroDivisionError` (NaN for everyone when the ties are self-loops of weight above
 * 0; a loop of weight 0 is a tie of weight 0, networkx's "no edges"), not a column of
 * zeros that would read as a ranking; `normalized: false` gives the drops, all 0, as networkx.
 *
 * @example
 * laplacian(graph); // { alice: 0.25, … }
 */
export const laplacian = defineNodeMetric<LaplacianOptions>(
  'laplacianCentrality',
  (input: GraphInput, options) => {
    const csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'laplacian');
    refuseDirected(csr, 'laplacian');
    // The closed form holds for strengths: with a negative weight it gave a confident value
    // networkx does not (a–b −1, b–c 2, c–d 1: a 0 here, 0.167 in networkx).
    refuseNegativeWeights(csr, 'laplacian');
    const { n, offsets, targets } = csr;
    const normalized = options.normalized ?? DEFAULTS.normalized;
    // The normalised value is a ratio of energies, the same whatever the weights' scale: weights
    // past 1e100 (whose squares overflow, NaN) or under 1e-100 (whose squares underflow, 0) are
    // divided by the largest first. Ordinary weights run unchanged.
    let weights = csr.weights;
    if (weights && normalized) {
      let max = 0;
      for (let j = 0; j < weights.length; j++) max = Math.max(max, Math.abs(weights[j]));
      if (max > 1e100 || (max > 0 && max < 1e-100)) weights = weights.map((w) => w / max);
    }
    const d = new Float64Array(n);
    // q[u] = Σ_v W_uv², W_uv the summed weight of u's ties to v: parallel ties (a MultiGraph) are
    // one matrix entry, as networkx's to_numpy_array sums them (its square, not the sum of squares).
    const q = new Float64Array(n);
    // Only a snapshot that lists some tie twice (a MultiGraph's, a pair repeated in csrFromArrays'
    // input) looks out for them.
    const seen = hasParallelTies(csr) ? new Int32Array(n) : null;
    let tieSum: Float64Array | null = null;
    let energy = 0;
    for (let u = 0; u < n; u++) {
      let s = 0;
      let sq = 0;
      let parallel = false;
      for (let j = offsets[u]; j < offsets[u + 1]; j++) {
        const t = targets[j];
        // A tie to oneself (kept by csrFromArrays) is no part of the Laplacian D − A: its weight
        // is on both D and A's diagonal (networkx's laplacian_matrix). It gave a 1.86 where
        // networkx gives 0.6, a share of the energy above 1.
        if (t === u) continue;
        const w = weights ? weights[j] : 1;
        s += w;
        sq += w * w;
        if (seen) {
          if (seen[t] === u + 1) parallel = true;
          else seen[t] = u + 1;
        }
      }
      if (parallel) {
        tieSum ??= new Float64Array(n);
        for (let j = offsets[u]; j < offsets[u + 1]; j++)
          if (targets[j] !== u) tieSum[targets[j]] += weights ? weights[j] : 1;
        sq = 0;
        for (let j = offsets[u]; j < offsets[u + 1]; j++) {
          const t = targets[j];
          if (t === u) continue;
          sq += tieSum[t] * tieSum[t];
          tieSum[t] = 0; // a later parallel listing adds nothing
        }
      }
      d[u] = s;
      q[u] = sq;
      energy += sq + s * s; // Σ_u q[u] counts both directions: 2 Σ_{i<j} W²
    }
    // No energy to lose (no ties, or ties of weight 0 only): everyone's share of it is 0 ÷ 0. A
    // column of zeros read as a ranking of equals; networkx raises.
    if (normalized && energy === 0 && n > 0) {
      const { clause, looped } = noTiesClause(csr);
      throw new InputError(
        'laplacian',
        `laplacian: ${clause}, so its Laplacian energy is 0${looped > 0 ? ' (a tie to oneself is no part of the Laplacian D − A)' : ''} and each person's share of it (normalized: true) is 0 ÷ 0, not defined${looped > 0 ? ' (networkx gives NaN)' : ''}; use normalized: false for the drop in energy (0 for everyone), or measure a graph with ties`,
      );
    }
    const values = new Float64Array(n);
    for (let u = 0; u < n; u++) {
      let x = d[u] * d[u] + q[u];
      for (let j = offsets[u]; j < offsets[u + 1]; j++) {
        if (targets[j] === u) continue;
        const w = weights ? weights[j] : 1;
        x += 2 * w * d[targets[j]];
      }
      values[u] = normalized ? x / energy : x;
    }
    if (!Number.isFinite(energy))
      throw new InputError(
        'laplacian',
        'laplacian: the Laplacian energy of these weights is beyond floating point (weights near 1e154 or more); use normalized: true, or rescale the weights',
      );
    return { csr, values };
  },
  { name: 'laplacian', rules: RULES, defaults: DEFAULTS },
);
