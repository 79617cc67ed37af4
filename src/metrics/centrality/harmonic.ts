import { type OptionRules, rule } from '../../core/options.js';
import type { EdgeWeightOption } from '../../graph/csr.js';
import {
  type DistanceTransform,
  defineNodeMetric,
  distanceRule,
  edgeDistances,
  type GraphInput,
  resolveCsr,
  weightRule,
} from '../shared.js';
import { distanceSums } from './distance-sums.js';

/** Options of {@link harmonic}. */
export interface HarmonicOptions {
  /** Tie strength (attribute, function or `null`). Default `null`: distances count hops. */
  weight?: EdgeWeightOption;
  /** Strength → length: `'inverse'` (1/w, default), `'identity'` or a function. */
  distance?: DistanceTransform;
  /** Divide by n−1 so values lie in [0, 1] (networkx does not). Default `false`. */
  normalized?: boolean;
}

const DEFAULTS = { weight: null, distance: 'inverse', normalized: false } as const;

const RULES: OptionRules<HarmonicOptions> = {
  weight: weightRule,
  distance: distanceRule,
  normalized: rule.boolean,
};

/**
 * Harmonic centrality (Marchiori & Latora 2000; Boldi & Vigna 2014): Σ 1/d(v, person) over
 * everyone else, unreachable people adding 0 — well defined on graphs with many components.
 * On directed graphs d is the distance *to* the person. Equals networkx's `harmonic_centrality`
 * (weighted: lengths from `distance`). Unweighted runs use a 32-source bit-parallel BFS.
 *
 * @example
 * harmonic(graph); // { alice: 12.5, … }
 * harmonic(graph, { weight: 'weight', normalized: true });
 * harmonic.assign(graph); // node attribute `harmonicCentrality`
 */
export const harmonic = defineNodeMetric<HarmonicOptions>(
  'harmonicCentrality',
  (input: GraphInput, options) => {
    const csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'harmonic');
    const lengths = edgeDistances(csr, options.distance ?? DEFAULTS.distance, 'harmonic');
    const { inverse } = distanceSums(csr, lengths);
    if ((options.normalized ?? DEFAULTS.normalized) && csr.n > 1) {
      for (let i = 0; i < csr.n; i++) inverse[i] /= csr.n - 1;
    }
    return { csr, values: inverse };
  },
  { name: 'harmonic', rules: RULES, defaults: DEFAULTS },
);
