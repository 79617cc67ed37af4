/**
 * The report's own input: arrays of plain rows, so the report never depends on the internals of
 * other stages. The CLI (and anyone else) maps stage outputs into this shape.
 */

/** A table cell: text, a number, a flag, or empty. */
export type ReportCell = string | number | boolean | null;

/** One reason a person is on the list: a named part of the score. */
export interface ReportReason {
  /**
   * Caseworker-readable text, shown as given (include the value if it should be seen), e.g.
   * "co-offended with P-3f2a (shot 12 days ago): 0.041".
   */
  text: string;
  /** Size of the part, in the units of the score; the parts of a person sum to the score. */
  value: number;
  /** Kind of part (`background`, `exposure`, `own-victimisation`, …). */
  kind?: string;
  /** The associate through whom the exposure comes; drawn as an exposure path in the network. */
  via?: string;
  /** The incident behind the part. */
  incidentId?: string;
}

/** One row of the ranked list. */
export interface ReportRankedPerson {
  /** 1-based rank. */
  rank: number;
  person_id: string;
  /** The score the list is sorted by (expected events in the horizon for a model). */
  score: number;
  /** One sentence built from the largest reasons. */
  explanation?: string;
  /** Named parts of the score, largest first. */
  reasons: ReportReason[];
  group?: string;
  area?: string;
}

/** Person-level facts shown when a person is selected. */
export interface ReportPerson {
  person_id: string;
  group?: string;
  /** Incidents recorded in the data window, any role. */
  incidents?: number;
  /** Times recorded as a victim in the data window. */
  victimisations?: number;
  /** Last record date (ISO). */
  lastSeen?: string;
}

/** A co-offending tie. */
export interface ReportTie {
  source: string;
  target: string;
  /** Shared incidents. */
  count: number;
  /** Date (ISO) of the last shared incident. */
  last: string;
}

/** An incident with the people in it. */
export interface ReportIncident {
  incident_id: string;
  /** ISO date. */
  date: string;
  /** 0 non-violent … 3 serious injury / shooting / stabbing, 4 homicide. */
  severity: number;
  offence?: string;
  area?: string;
  offenders: string[];
  victims: string[];
}

/** One event of a cascade (retaliation chain or contagion tree). */
export interface ReportCascadeEvent {
  incident_id: string;
  /** ISO date. */
  date: string;
  severity: number;
  /** The event this one answers / was triggered by, or `null` for the root. */
  parent?: string | null;
  /** Short text shown on hover, e.g. the people or groups involved. */
  label?: string;
}

/** A cascade to draw as a timeline. */
export interface ReportCascade {
  cascade_id: string;
  /** What kind of cascade, e.g. "retaliation" or "contagion". */
  kind?: string;
  events: ReportCascadeEvent[];
}

/** A titled table (audit, backtest, anything tabular). */
export interface ReportTable {
  title: string;
  columns: { key: string; label?: string }[];
  rows: Record<string, ReportCell>[];
  /** A sentence under the table. */
  note?: string;
}

/** Everything the report shows. Only `purpose`, `window` and `ranked` are required. */
export interface ReportInput {
  /** Title at the top. Default "People to offer support to". */
  title?: string;
  /** The purpose label, shown first and on every printed page. */
  purpose: string;
  /** The data window the list was made from (ISO dates). */
  window: { from: string; to: string };
  /** The "as of" date of the list (ISO); recency is measured from it. Default `window.to`. */
  asOf?: string;
  /** When the report was made (ISO). Omit for reproducible output. */
  generated?: string;
  /** Parameters the list was made with (model name, horizon, …), shown under the purpose label. */
  parameters?: Record<string, ReportCell>;
  /** Key figures (people, incidents, ties, …). */
  summary?: { label: string; value: ReportCell }[];
  ranked: ReportRankedPerson[];
  people?: ReportPerson[];
  ties?: ReportTie[];
  incidents?: ReportIncident[];
  cascades?: ReportCascade[];
  audit?: ReportTable;
  backtest?: { summary?: string; table?: ReportTable };
  /** Free sentences shown at the end (data caveats, retention, …). */
  notes?: string[];
}

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  /**
   * JavaScript sources inlined before the viewer, normally the d3 subset the network view draws
   * with (`reportScripts()` from `violence-contagion/node` reads it from the installed d3).
   * Without a global `d3`, the report still works but shows no network drawing. Default none.
   */
  scripts?: readonly string[];
  /** Window in days for "recent" incidents and harm, counted back from `asOf`. Default 180. */
  recentDays?: number;
  /** Serious-harm threshold: a victim of an incident with at least this severity is highlighted. Default 3. */
  minSeverity?: number;
  /** Most cascades drawn as timelines (largest first). Default 12. */
  maxCascades?: number;
  /** Most people drawn in one ego network (nearest and strongest first). Default 150. */
  maxNetworkNodes?: number;
}
