import { rule } from '../../core/options.js';
import type { Csr, EdgeWeightOption } from '../../graph/csr.js';
import { defineNodeMetric, type GraphInput, resolveCsr, weightRule } from '../shared.js';

/** Options of {@link strength}. */
export interface StrengthOptions {
  /**
   * Tie strength to add up: an edge attribute name, a function of the edge attributes, or `null`
   * (then strength = degree). Default `'weight'` (1 for edges without it).
   */
  weight?: EdgeWeightOption;
  /** Which ties count in a directed graph (as {@link degree}). Default `'all'`. */
  direction?: 'in' | 'out' | 'all';
}

const DEFAULTS = { weight: 'weight', direction: 'all' } as const;

/** Sum of tie weights at each node of the snapshot (degree when it has no weights). */
export function strengthKernel(csr: Csr, direction: 'in' | 'out' | 'all' = 'all'): Float64Array {
  const out = new Float64Array(csr.n);
  const { offsets, inOffsets, weights, inWeights } = csr;
  for (let i = 0; i < csr.n; i++) {
    let s = 0;
    if (!csr.directed || direction !== 'in') {
      for (let j = offsets[i]; j < offsets[i + 1]; j++) s += weights ? weights[j] : 1;
    }
    if (csr.directed && direction !== 'out') {
      for (let j = inOffsets[i]; j < inOffsets[i + 1]; j++) s += inWeights ? inWeights[j] : 1;
    }
    out[i] = s;
  }
  return out;
}

/**
 * Strength (weighted degree): the sum of each person's tie weights, e.g. co-offence counts.
 *
 * @example
 * strength(graph, { weight: 'count' }); // { alice: 7, bob: 2, … }
 * strength.assign(graph, { weight: 'count' }); // node attribute `strength`
 */
export const strength = defineNodeMetric<StrengthOptions>(
  'strength',
  (input: GraphInput, options) => {
    const csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'strength');
    return { csr, values: strengthKernel(csr, options.direction ?? DEFAULTS.direction) };
  },
  {
    name: 'strength',
    rules: { weight: weightRule, direction: rule.oneOf(['in', 'out', 'all']) },
    defaults: DEFAULTS,
  },
);
