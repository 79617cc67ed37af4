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
  /**
   * 1-based rank. Rows with tied scores (within 1e-9 of the list's largest) share the rank of the
   * first of them (1, 1, 3), as `rankForOutreach` and `planOutreach` give it; the report prints
   * a shared rank "1=".
   */
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
  /**
   * Further sentences about the person that are not parts of the score (for a plan: what their
   * own risk rests on), shown under the reasons.
   */
  context?: string[];
  /**
   * Share (0–1) of the model's bootstrap refits whose list also includes the person, shown as
   * "in the plan in 94% of refits". Default: not shown.
   */
  inListShare?: number;
  /** Lower end (5th percentile over the refits) of the score, in the score's units. */
  scoreLow?: number;
  /** Upper end (95th percentile over the refits) of the score, in the score's units. */
  scoreHigh?: number;
}

/**
 * The outreach plan ("most harm prevented", from `planOutreach`): the report's list can switch
 * between the highest-risk list and this one.
 */
export interface ReportPlan {
  /**
   * The people to reach, in the order chosen. `score` is the serious-violence events in the
   * horizon that reaching the person would prevent under the model (to them and onward through
   * their network); `reasons` are those two parts and sum to `score` exactly.
   */
  ranked: ReportRankedPerson[];
  /** The horizon in days. */
  horizonDays: number;
  /** The assumed outreach effect: the fraction (0–1) by which reaching a person lowers their rate. */
  effect: number;
  /** Serious-violence events expected in the horizon without the plan, with it, and averted. */
  expected?: { without: number; withPlan: number; averted: number };
  /** Events averted by reaching the same number of people with the highest own risk. */
  highestRiskAverted?: number;
  /** Bootstrap refits behind `inListShare` and the score intervals (0 or absent: none). */
  refits?: number;
  /** Plain-language cautions about the plan, shown above it. */
  warnings?: string[];
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
  /** Columns in order; `description` is shown in the table's column guide and on hover. */
  columns: { key: string; label?: string; description?: string }[];
  rows: Record<string, ReportCell>[];
  /** A sentence under the table. */
  note?: string;
}

/**
 * What the score means. When `expectedEvents` is true the score is the expected number of
 * outcome events in the horizon, and the report shows it as a chance of at least one,
 * 1 − e^(−score) ("about 1 in 4 chance of serious harm in the next 90 days"), with the exact
 * figure on hover and in the person's panel.
 */
export interface ReportScoreMeaning {
  /** The score is expected events in the horizon (a model's), not just a ranking. */
  expectedEvents: boolean;
  /** The horizon in days. */
  horizonDays: number;
  /** The outcome in a few plain words. Default "serious harm". */
  outcome?: string;
  /** The outcome defined, shown in "How to read this list". Default: victim of violence of severity ≥ 3 (serious injury, shooting or stabbing, homicide). */
  outcomeDefinition?: string;
}

/** One point of a backtest recall curve: the share of people harmed that a list of `k` found. */
export interface ReportRecallPoint {
  /** List length (people). */
  k: number;
  /** Mean recall over the cut dates (0–1). */
  recall: number;
  /** Lowest recall over the cut dates. */
  low: number;
  /** Highest recall over the cut dates. */
  high: number;
}

/** One ranker's recall against list length in the backtest. */
export interface ReportRecallCurve {
  ranker: string;
  /** `random` and `oracle` are drawn as references; `baseline` marks a simple baseline. */
  role?: 'random' | 'oracle' | 'baseline' | 'model';
  points: ReportRecallPoint[];
}

/** One period of the contagion-over-time chart. */
export interface ReportContagionPeriod {
  /** Label of the period, e.g. `2023-Q2`. */
  period: string;
  /** First day of the period (ISO). */
  from: string;
  /** Serious-violence events modelled in the period. */
  events: number;
  /** Share of those events the model attributes to contagion (0–1). */
  share: number;
  /** Interval for `share`, when the model has one. */
  low?: number;
  high?: number;
}

/** The contagion share over the whole window with its interval (from `hawkesInference`). */
export interface ReportContagionOverall {
  /** The share attributed to contagion (0–1), from the fit to the records. */
  estimate: number;
  /** Lower end of the interval (0–1). */
  low: number;
  /** Upper end of the interval (0–1). */
  high: number;
  /** Coverage of the interval, e.g. 0.95. */
  level: number;
  /** How it was computed, in a few words, e.g. "parametric bootstrap, 99 refits". */
  method?: string;
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
  /** What the score means (see {@link ReportScoreMeaning}); without it the score is shown as a number. */
  score?: ReportScoreMeaning;
  /**
   * Plain-language warnings (the model's caveats, the data profile's warnings), shown in a banner
   * at the top and on the case-meeting summary when there are any.
   */
  warnings?: string[];
  ranked: ReportRankedPerson[];
  people?: ReportPerson[];
  ties?: ReportTie[];
  incidents?: ReportIncident[];
  cascades?: ReportCascade[];
  /**
   * When `cascades` holds only the largest: what they were chosen from, said above them, and the
   * heading counts them as "the 12 largest" (not "Cascades (12)", read as all there are).
   * `reportInput` gives it ("The 6 largest of the 36 retaliation cascades … and the 6 largest of
   * the 14 contagion chains …").
   */
  cascadesNote?: string;
  /**
   * The audit table. When its rows have `attribute`, `value`, `list_share` and `victims_share`
   * (as `auditList` makes them), the report draws them as a dot plot, the table behind a toggle.
   */
  audit?: ReportTable;
  /**
   * The backtest: a text summary, the table (behind a toggle), and recall curves to draw, with
   * the number of cut dates the curves' ranges are taken over; `note`: why it has fewer cut dates
   * than asked for, or none (too little history: `analyse`'s `backtestNote`).
   */
  backtest?: {
    summary?: string;
    table?: ReportTable;
    curves?: ReportRecallCurve[];
    cuts?: number;
    note?: string;
  };
  /**
   * Serious-violence events and the share attributed to contagion, per period (quarter), and the
   * share over the whole window with its interval when the model has one (`overall`, from
   * `hawkesInference`); without any interval the chart says they were not computed.
   */
  contagion?: {
    periods: ReportContagionPeriod[];
    overall?: ReportContagionOverall;
    note?: string;
  };
  /**
   * The outreach plan ("most harm prevented"): when given, the list switches between the
   * highest-risk list and the plan. Default: none (the highest-risk list only).
   */
  plan?: ReportPlan;
  /** Free sentences shown at the end (data caveats, retention, …). */
  notes?: string[];
  /**
   * Why there is no list (with `ranked` empty), in plain words, e.g. "no incident of severity 3
   * or more before 2024-01-01, so there is no serious event to model": shown in place of the
   * list, the network drawing (of a listed person) and the case-meeting summary's list, so that
   * an empty list is never read as "nobody needs support". `reportInput` gives it from
   * `sources.noList`.
   */
  noList?: string;
}

/** Options of {@link renderReport} (defaults in `renderReport.defaults`). */
export interface RenderReportOptions {
  /**
   * JavaScript sources inlined before the viewer, normally the d3 subset the network view draws
   * with (`reportScripts()` from `violence-contagion/node` reads it from the installed d3).
   * Without a global `d3`, the report still works but shows no network drawing. Default `[]` (none).
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
  /** People on the one-page case-meeting summary (the top of the list). Default 10. */
  summaryPeople?: number;
  /**
   * Which list is shown first when the input has a plan: `'risk'` (highest risk) or `'plan'`
   * (most harm prevented). The reader switches between them; printing shows the one shown.
   * Default `'risk'`.
   */
  list?: 'risk' | 'plan';
}
