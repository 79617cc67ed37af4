export { fitNetworkHawkes, networkHawkesLogLikelihood } from './fit.js';
export {
  type HawkesInference,
  type HawkesInferenceOptions,
  type HawkesInterval,
  type HawkesReplicateRow,
  hawkesInference,
} from './inference.js';
export {
  type HawkesChangeRow,
  type NetworkHawkesUpdate,
  type UpdateNetworkHawkesOptions,
  updateNetworkHawkes,
} from './live.js';
export type {
  HawkesCascadeRow,
  HawkesEventRow,
  IntensityDecomposition,
  KernelChoice,
  NetworkHawkesDiagnostics,
  NetworkHawkesModel,
  NetworkHawkesStandardErrors,
  TrendBin,
} from './model.js';
export {
  type HawkesIntervention,
  type HawkesRunRow,
  type HawkesRunSummary,
  type NetworkHawkesSimulation,
  type SimulatedEvent,
  type SimulateNetworkHawkesOptions,
  simulateNetworkHawkes,
  withSimulatedOutcomes,
} from './simulate.js';
export type {
  CovariateRows,
  ExitRow,
  NetworkHawkesOptions,
  NetworkHawkesParameters,
  RecordCovariates,
  TieWeight,
} from './types.js';
