export { fitNetworkHawkes, networkHawkesLogLikelihood } from './fit.js';
export type {
  IntensityDecomposition,
  NetworkHawkesDiagnostics,
  NetworkHawkesModel,
  NetworkHawkesStandardErrors,
} from './model.js';
export {
  type HawkesIntervention,
  type HawkesRunSummary,
  type NetworkHawkesSimulation,
  type SimulateNetworkHawkesOptions,
  simulateNetworkHawkes,
} from './simulate.js';
export type {
  CovariateRows,
  NetworkHawkesOptions,
  NetworkHawkesParameters,
  TieWeight,
} from './types.js';
