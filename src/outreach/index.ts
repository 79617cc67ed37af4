export { type AnalyseOptions, type AnalysePlanOptions, type Analysis, analyse } from './analyse.js';
export { type AuditListOptions, auditList } from './audit-list.js';
export {
  type BacktestOptions,
  type BacktestRanking,
  type BacktestResult,
  backtest,
  type TopK,
} from './backtest.js';
export { defaultRankers } from './default-rankers.js';
export {
  EXPOSURE_RISK_WEIGHTS,
  type ExposureContribution,
  type ExposureRiskOptions,
  type ExposureRiskWeights,
  exposureRiskModel,
} from './exposure-risk-model.js';
export { hawkesRanker } from './hawkes-ranker.js';
export { type OutreachPlan, type PlanOutreachOptions, planOutreach } from './plan-outreach.js';
export { type PlanRankerOptions, planRanker } from './plan-ranker.js';
export type { PseudonymiseOption } from './pseudonymise.js';
export {
  type ExportListOptions,
  exportList,
  type ListMetadata,
  listMetadata,
  PURPOSE_LABEL,
} from './purpose.js';
export {
  type ListedContribution,
  type MinEvidenceOptions,
  type RankForOutreachOptions,
  rankForOutreach,
} from './rank-for-outreach.js';
export {
  backgroundRanker,
  degreeRanker,
  exposureRanker,
  modelRanker,
  oracleRanker,
  priorVictimisationsRanker,
  type Ranker,
  type RankerInput,
  type RankerOutput,
  randomRanker,
  victimisedAssociatesRanker,
} from './rankers.js';
export { type TraceContactsOptions, type TraceSide, traceContacts } from './trace-contacts.js';
