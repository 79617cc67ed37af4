/**
 * `violence-contagion/internals`: building blocks the package's own entries, command line, tests
 * and benches share (CSV cells and the formula guard, day arithmetic, the dataset index, HTML
 * escaping, the report's view model, probability phrasing, …).
 *
 * **Internal: not part of the public API.** No stability promise: any of these may change or go
 * in any release, and none is needed to use the library (everything a user calls is in
 * `violence-contagion`). They are exported, rather than hidden, so that tools built around the
 * package can share the exact rules the library applies (e.g. the same formula guard as
 * `exportList`), knowingly.
 * @packageDocumentation
 */

export { tiesAtEvent } from './contagion/exposure.js';
export { networkHawkesLogLikelihood } from './contagion/hawkes/fit.js';
export {
  assertNoProtected,
  type CsvOptions,
  createRng,
  csvCell,
  DAY_MS,
  DAYS_PER_YEAR,
  DEFAULT_RETENTION_YEARS,
  dayToIso,
  FORMULA_START,
  guardFormula,
  indexBefore,
  indexDataset,
  isProtectedAttribute,
  leadingNotes,
  PROTECTED_ATTRIBUTES,
  type ResolvedWindow,
  type Rng,
  ROLE_CODE,
  ROLE_NAME,
  refuseIfMeaningless,
  resolveAsOf,
  resolveWindow,
  tiedScoresWarning,
  toCsv,
  toDay,
  unguardFormula,
} from './core/index.js';
export {
  CANONICAL_FIELDS,
  INCIDENT_FIELDS,
  INGEST_DEFAULTS,
  INVOLVEMENT_FIELDS,
  type ParsedDate,
  parseDate,
} from './ingest/index.js';
export { isCsr } from './metrics/index.js';
export {
  chanceOfAtLeastOne,
  chancePhrase,
  chanceSentence,
  escapeHtml,
  formatCell,
  jsonForScript,
  percent,
  reportData,
  type ViewerData,
} from './report/index.js';
export { MISSPECIFIED_WORLDS, WORLD_CONTAGION } from './synth/index.js';
