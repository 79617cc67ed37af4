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

/** Options of {@link closeness}. */
export interface ClosenessOptions {
  /** Tie strength (attribute, function or `null`). Default `null`: distances count hops. */
  weight?: EdgeWeightOption;
  /** Strength → length: `'inverse'` (1/w, default), `'identity'` or a function. */
  distance?: DistanceTransform;
  /**
   * Wasserman & Faust (1994) correction for disconnected graphs: multiply by the share of the
   * other people the person can reach, (r−1)/(n−1). networkx's default (`wf_improved=True`);
   * igraph's closeness equals the value with `false`. Default `true`.
   */
  wassermanFaust?: boolean;
}

const DEFAULTS = { weight: null, distance: 'inverse', wassermanFaust: true } as const;

const RULES: OptionRules<ClosenessOptions> = {
  weight: weightRule,
  distance: distanceRule,
  wassermanFaust: rule.boolean,
};

/**
 * Closeness centrality: (r−1)/Σd over the r−1 people the person can reach (distances to the
 * person on directed graphs), scaled by (r−1)/(n−1) (Wasserman–Faust) so a small component does
 * not look central. Equals networkx's `closeness_centrality`; 0 for isolated people.
 *
 * @example
 * closeness(graph); // { alice: 0.41, … }
 * closeness(graph, { weight: 'count' }); // lengths 1/count
 * closeness.assign(graph); // node attribute `closenessCentrality`
 */
export const closeness = defineNodeMetric<ClosenessOptions>(
  'closenessCentrality',
  (input: GraphInput, options) => {
    const csr = resolveCsr(input, options.weight, DEFAULTS.weight, 'closeness');
    const lengths = edgeDistances(csr, options.distance ?? DEFAULTS.distance, 'closeness');
    const { total, reached } = distanceSums(csr, lengths);
    const wf = options.wassermanFaust ?? DEFAULTS.wassermanFaust;
    const n = csr.n;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = reached[i] - 1;
      if (total[i] > 0 && n > 1) {
        let c = r / total[i];
        if (wf) c *= r / (n - 1);
        values[i] = c;
      }
    }
    return { csr, values };
  },
  { name: 'closeness', rules: RULES, defaults: DEFAULTS },
);
