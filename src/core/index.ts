export {
  type CsvOptions,
  csvCell,
  FORMULA_START,
  guardFormula,
  leadingNotes,
  toCsv,
  unguardFormula,
} from './csv.js';
export {
  type DatasetIndex,
  indexBefore,
  indexDataset,
  ROLE_CODE,
  ROLE_NAME,
} from './dataset-index.js';
export {
  type DataRefusalCode,
  DataRefusedError,
  InputError,
  OptionError,
  ProtectedAttributeError,
  type RowProblem,
  ValidationError,
} from './errors.js';
export {
  type DataProfile,
  type ProfiledAnalysis,
  type ProfileOptions,
  profileData,
  refuseIfMeaningless,
  tiedScoresWarning,
} from './profile.js';
export { assertNoProtected, isProtectedAttribute, PROTECTED_ATTRIBUTES } from './protected.js';
export type { ContributionKind, PersonRisk, RiskContribution, RiskModel } from './risk.js';
export { createRng, type Rng } from './rng.js';
export { DAY_MS, DAYS_PER_YEAR, type DateLike, dayToIso, resolveAsOf, toDay } from './time.js';
export type { Dataset, Incident, Involvement, Person, Role, Severity, Weapon } from './types.js';
export {
  DEFAULT_RETENTION_YEARS,
  type ResolvedWindow,
  resolveWindow,
  type WindowOptions,
} from './window.js';
