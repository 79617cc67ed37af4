export type { ArrowTableLike } from './arrow.js';
export { type ReadParquetOptions, readParquet } from './columnar.js';
export { type DateFormat, type ParsedDate, parseDate } from './dates.js';
export {
  type IngestInput,
  type IngestResult,
  type IngestSummary,
  ingest,
  type TableCounts,
} from './ingest.js';
export { IngestError, type IngestErrorCode } from './ingest-error.js';
export { MissingColumnError } from './missing-column-error.js';
export {
  CANONICAL_FIELDS,
  type CanonicalField,
  INCIDENT_FIELDS,
  INGEST_DEFAULTS,
  INVOLVEMENT_FIELDS,
  type IngestOptions,
} from './options.js';
export { type ProblemsTableRow, problemsTable } from './problems-table.js';
export {
  type PseudonymKey,
  pseudonymise,
  pseudonymiseDataset,
} from './pseudonymise.js';
export { DEFAULT_ROLE_SYNONYMS } from './roles.js';
export { DEFAULT_SEVERITY_RULES, type SeverityRule } from './severity.js';
export type { TableInput } from './source-table.js';
export { DEFAULT_WEAPON_SYNONYMS } from './weapons.js';
