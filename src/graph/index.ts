export {
  type CoOffendingEdges,
  type CoOffendingGraphOptions,
  coOffendingEdges,
} from './co-offending-edges.js';
export {
  type CoOffendingEdgeAttributes,
  coOffendingGraph,
  type PersonNodeAttributes,
} from './co-offending-graph.js';
export { type Csr, csrFromArrays, type EdgeWeightOption, type ToCsrOptions, toCsr } from './csr.js';
export { toGexf, toGraphml } from './export.js';
export { type FromAdjacencyMatrixOptions, fromAdjacencyMatrix } from './from-adjacency-matrix.js';
export {
  type VictimisationEdgeAttributes,
  type VictimisationGraphOptions,
  victimisationGraph,
} from './victimisation-graph.js';
