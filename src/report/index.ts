export { escapeHtml, jsonForScript } from './escape.js';
export { formatCell, renderReport, reportData } from './render-report.js';
export type {
  RenderReportOptions,
  ReportCascade,
  ReportCascadeEvent,
  ReportCell,
  ReportIncident,
  ReportInput,
  ReportPerson,
  ReportRankedPerson,
  ReportReason,
  ReportTable,
  ReportTie,
} from './types.js';
export type { ViewerData } from './viewer.js';
