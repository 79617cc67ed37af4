export { type AnalyseOptions, type AnalysePlanOptions, type Analysis, analyse } from './analyse.js';
export { type AuditListOptions, type AuditRow, auditList } from './audit-list.js';
export { backgroundRanker } from './background-ranker.js';
export {
  type BacktestCalibrationRow,
  type BacktestExits,
  type BacktestOptions,
  type BacktestRanking,
  type BacktestResult,
  type BacktestRow,
  type BacktestScoreRow,
  backtest,
  type TopK,
} from './backtest.js';
export { defaultRankers } from './default-rankers.js';
export { degreeRanker } from './degree-ranker.js';
export { exposureRanker } from './exposure-ranker.js';
export {
  EXPOSURE_RISK_WEIGHTS,
  type ExposureContribution,
  type ExposureRiskOptions,
  type ExposureRiskWeights,
  exposureRiskModel,
} from './exposure-risk-model.js';
export { hawkesRanker } from './hawkes-ranker.js';
export { modelRanker } from './model-ranker.js';
export { type ExpectedEvents, oracleRanker } from './oracle-ranker.js';
export {
  type OutreachPlan,
  type PlanListRow,
  type PlanOutreachOptions,
  type PlanSensitivityRow,
  planOutreach,
} from './plan-outreach.js';
export { type PlanRankerOptions, planRanker } from './plan-ranker.js';
export { priorVictimisationsRanker } from './prior-victimisations-ranker.js';
export type { PseudonymiseOption } from './pseudonymise.js';
export {
  type ExportListOptions,
  exportList,
  type ListMetadata,
  listMetadata,
  PURPOSE_LABEL,
} from './purpose.js';
export { randomRanker } from './random-ranker.js';
export {
  type ListedContribution,
  type MinEvidenceOptions,
  type RankedListRow,
  type RankForOutreachOptions,
  rankForOutreach,
} from './rank-for-outreach.js';
export type { Ranker, RankerInput, RankerOutput } from './ranker.js';
export {
  type ContactRow,
  type TraceContactsOptions,
  type TraceSide,
  traceContacts,
} from './trace-contacts.js';
export { victimisedAssociatesRanker } from './victimised-associates-ranker.js';
