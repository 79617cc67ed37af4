export { escapeHtml, jsonForScript } from './escape.js';
export { chanceSentence, formatCell, renderReport, reportData } from './render-report.js';
export {
  type ReportInputOptions,
  type ReportSources,
  type ReportSourcesWithoutList,
  reportInput,
} from './report-input.js';
export type {
  RenderReportOptions,
  ReportCascade,
  ReportCascadeEvent,
  ReportCell,
  ReportContagionOverall,
  ReportContagionPeriod,
  ReportIncident,
  ReportInput,
  ReportPerson,
  ReportPlan,
  ReportRankedPerson,
  ReportReason,
  ReportRecallCurve,
  ReportRecallPoint,
  ReportScoreMeaning,
  ReportTable,
  ReportTie,
} from './types.js';
export { chanceOfAtLeastOne, chancePhrase, percent } from './units.js';
export type { ViewerData } from './viewer.js';
