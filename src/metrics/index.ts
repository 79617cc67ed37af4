export {
  type BetweennessDetailed,
  type BetweennessOptions,
  betweenness,
} from './centrality/betweenness.js';
export { type ClosenessOptions, closeness } from './centrality/closeness.js';
export {
  type EigenvectorDetailed,
  type EigenvectorOptions,
  eigenvector,
} from './centrality/eigenvector.js';
export { type HarmonicOptions, harmonic } from './centrality/harmonic.js';
export { type LaplacianOptions, laplacian } from './centrality/laplacian.js';
export { type PagerankDetailed, type PagerankOptions, pagerank } from './centrality/pagerank.js';
export { type LouvainDetailed, type LouvainOptions, louvain } from './community/louvain.js';
export { type ModularityOptions, modularity } from './community/modularity.js';
export { averageClustering } from './graph/average-clustering.js';
export {
  type ConnectedComponentsDetailed,
  type ConnectedComponentsOptions,
  connectedComponents,
} from './graph/connected-components.js';
export {
  type NetworkSummaryOptions,
  type NetworkSummaryRow,
  networkSummary,
} from './graph/network-summary.js';
export { transitivity } from './graph/transitivity.js';
export { type ClusteringOptions, clustering } from './node/clustering.js';
export { type CoreNumberOptions, coreNumber } from './node/core-number.js';
export { type DegreeOptions, degree } from './node/degree.js';
export { type EgoNetworkOptions, egoNetwork } from './node/ego-network.js';
export { type ReachDetailed, type ReachOptions, reach } from './node/reach.js';
export { type StrengthOptions, strength } from './node/strength.js';
export {
  type NodeMeasure,
  type NodeMetricsOptions,
  type NodeMetricsRow,
  nodeMetrics,
} from './node-metrics.js';
export {
  type AssignOptions,
  type DistanceTransform,
  type GraphInput,
  isCsr,
  type NodeMetric,
  type RandomOptions,
  type WeightOptions,
} from './shared.js';
