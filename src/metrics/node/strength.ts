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

/**
 * Sum of tie weights at each node of the snapshot (degree when it has no weights). The snapshot's
 * fields are read once, before the loop, as in `degreeKernel`; sums in tie order, as before.
 */
export function strengthKernel(csr: Csr, direction: 'in' | 'out' | 'all' = 'all'): Float64Array {
  const { n, offsets, inOffsets, weights, inWeights, directed } = csr;
  const out = new Float64Array(n);
  const outTies = !directed || direction !== 'in';
  const inTies = directed && direction !== 'out';
  for (let i = 0; i < n; i++) {
    let s = 0;
    if (outTies) {
      const e = offsets[i + 1];
      if (weights) for (let j = offsets[i]; j < e; j++) s += weights[j];
      else for (let j = offsets[i]; j < e; j++) s += 1;
    }
    if (inTies) {
      const e = inOffsets[i + 1];
      if (inWeights) for (let j = inOffsets[i]; j < e; j++) s += inWeights[j];
      else for (let j = inOffsets[i]; j < e; j++) s += 1;
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
