import type { Csr } from '../../graph/csr.js';
import {
  checkMeasure,
  componentLabels,
  defineNodeMetric,
  type GraphInput,
  type NodeMetric,
  orderBySize,
  resolveCsr,
  toRecord,
} from '../shared.js';

/** Options of {@link connectedComponents} (none: weak components for directed graphs). */
export type ConnectedComponentsOptions = Record<string, never>;

/** What `connectedComponents.detailed` returns. */
export interface ConnectedComponentsDetailed {
  /** Component of each person: 0 is the largest, then by decreasing size (ties: first seen). */
  membership: Record<string, number>;
  /** Size of each component, largest first (`sizes[c]` is component c's size). */
  sizes: number[];
  /** Number of components (isolated people count as components of size 1). */
  count: number;
  /** Share of people in the largest component (0 for an empty graph). */
  largestShare: number;
}

/** Component labels on the snapshot, numbered by decreasing size; plus the sizes. */
export function componentsKernel(csr: Csr): { label: Int32Array; sizes: Int32Array } {
  const n = csr.n;
  const { label, count } = componentLabels(csr);
  const raw = new Int32Array(count);
  for (let i = 0; i < n; i++) raw[label[i]]++;
  const labels = new Int32Array(count);
  for (let c = 0; c < count; c++) labels[c] = c;
  // By decreasing size, ties in order of discovery.
  const order = orderBySize(raw, labels);
  const rank = new Int32Array(count);
  const sizes = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    rank[order[r]] = r;
    sizes[r] = raw[order[r]];
  }
  for (let i = 0; i < n; i++) label[i] = rank[label[i]];
  return { label, sizes };
}

type ConnectedComponents = NodeMetric<ConnectedComponentsOptions> & {
  /** Membership with component sizes, count and the largest component's share. */
  detailed(graph: GraphInput): ConnectedComponentsDetailed;
};

/**
 * Connected components (weak components of a directed graph): who can reach whom at all through
 * co-offending ties.
 *
 * @example
 * connectedComponents(graph); // { alice: 0, bob: 0, carl: 5, … } (0 = largest)
 * connectedComponents.detailed(graph).sizes; // [812, 40, 12, …]
 * connectedComponents.assign(graph); // node attribute `component`
 */
export const connectedComponents = defineNodeMetric<ConnectedComponentsOptions>(
  'component',
  (input: GraphInput) => {
    const csr = resolveCsr(input, null, null);
    // (the constructor copies; `Float64Array.from` walks an iterator, several times slower)
    return { csr, values: new Float64Array(componentsKernel(csr).label) };
  },
  { name: 'connectedComponents', rules: {} },
) as ConnectedComponents;

connectedComponents.detailed = (graph: GraphInput, options?: ConnectedComponentsOptions) => {
  checkMeasure('connectedComponents.detailed', graph, options, {});
  const csr = resolveCsr(graph, null, null);
  const { label, sizes } = componentsKernel(csr);
  return {
    membership: toRecord(graph, csr, label),
    sizes: Array.from(sizes),
    count: sizes.length,
    largestShare: csr.n ? sizes[0] / csr.n : 0,
  };
};
