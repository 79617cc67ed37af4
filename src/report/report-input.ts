import type { ColumnTable } from 'arquero';
import type { UndirectedGraph } from 'graphology';
import type { NetworkHawkesModel } from '../contagion/hawkes/model.js';
import { InputError } from '../core/errors.js';
import { checkOptions, rule } from '../core/options.js';
import { dayToIso, toDay } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import type {
  CoOffendingEdgeAttributes,
  PersonNodeAttributes,
} from '../graph/co-offending-graph.js';
import type { BacktestResult } from '../outreach/backtest.js';
import { listMetadata } from '../outreach/purpose.js';
import type { ListedContribution } from '../outreach/rank-for-outreach.js';
import { contagionPeriods, recallCurves } from './chart-data.js';
import type {
  ReportCascade,
  ReportCell,
  ReportIncident,
  ReportInput,
  ReportRankedPerson,
  ReportTable,
} from './types.js';

/**
 * What the pipeline produced, as far as the report needs it: an `Analysis` from `analyse`
 * has every field.
 */
export interface ReportSources {
  data: Dataset;
  asOf: string;
  /** The co-offending graph as of `asOf`. */
  graph: UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes>;
  /** The ranked list (`rankForOutreach`), carrying its purpose label and window. */
  list: ColumnTable;
  model?: NetworkHawkesModel;
  audit?: ColumnTable;
  links?: ColumnTable;
  cascades?: ColumnTable;
  backtest?: BacktestResult;
}

/** Options of {@link reportInput}. */
export interface ReportInputOptions {
  /** Input rows left out at ingest (shown in the summary). Default: not shown. */
  rejected?: number;
  /** When the report was made, as text (omit for reproducible output). Default: not shown. */
  generated?: string;
  /** Plain-language warnings about the data (e.g. a data profile's), shown in the report's banner. Default none. */
  warnings?: string[];
}

const RULES = {
  rejected: rule.number({ min: 0, integer: true }),
  generated: rule.string(),
  warnings: rule.array(rule.string()),
};

/** Incidents this recent (days before `asOf`) are embedded: the report's default "recent" window. */
const RECENT_DAYS = 180;

/**
 * Maps the outputs of the pipeline's stages (an `analyse` result) to the report's own plain-row
 * input, for {@link renderReport}.
 *
 * @example
 * const html = renderReport(reportInput(analyse(data, { asOf: '2024-01-01' }), { rejected: 3 }));
 */
export function reportInput(s: ReportSources, options: ReportInputOptions = {}): ReportInput {
  const o = checkOptions('reportInput', options, RULES);
  if (!s || typeof s !== 'object' || !s.list || !s.graph || !s.data) {
    throw new InputError(
      'reportInput',
      'reportInput: expected the results of analyse (at least { data, asOf, graph, list })',
    );
  }
  const meta = listMetadata(s.list);
  if (!meta)
    throw new TypeError('the ranked list carries no purpose label; make it with rankForOutreach');

  const ranked: ReportRankedPerson[] = rowsOf(s.list).map((r) => {
    const texts = (r.reasons as string[] | undefined) ?? [];
    const parts = (r.contributions as ListedContribution[] | undefined) ?? [];
    return {
      rank: Number(r.rank),
      person_id: String(r.person_id),
      score: Number(r.score),
      ...(r.explanation ? { explanation: String(r.explanation) } : {}),
      reasons: parts.map((c, i) => ({
        text: texts[i] ?? c.kind,
        value: c.value,
        kind: c.kind,
        ...(c.via ? { via: c.via } : {}),
        ...(c.incident_id ? { incidentId: c.incident_id } : {}),
      })),
    };
  });

  // Each listed person's group (from the graph) and area (where most of their records are).
  const listed = new Set(ranked.map((r) => r.person_id));
  const areas = mostFrequentArea(s.data, listed, toDay(s.asOf));
  for (const r of ranked) {
    const group = s.graph.hasNode(r.person_id)
      ? s.graph.getNodeAttribute(r.person_id, 'group')
      : undefined;
    if (group) r.group = String(group);
    const area = areas.get(r.person_id);
    if (area) r.area = area;
  }

  const people: ReportInput['people'] = [];
  s.graph.forEachNode((id, a) => {
    people.push({
      person_id: id,
      ...(a.group ? { group: String(a.group) } : {}),
      incidents: a.incidents,
      victimisations: a.victimisations,
      lastSeen: a.lastSeen,
    });
  });
  const ties: ReportInput['ties'] = [];
  s.graph.forEachEdge((_e, a, source, target) => {
    ties.push({ source, target, count: a.count, last: a.last });
  });

  const named = new Set<string>();
  for (const r of ranked) for (const x of r.reasons) if (x.incidentId) named.add(x.incidentId);
  const asOfDay = toDay(s.asOf);
  const incidents = incidentRows(
    s.data,
    (inc) => named.has(inc.incident_id) || (inc.day >= asOfDay - RECENT_DAYS && inc.day < asOfDay),
  );

  const window = {
    from:
      meta.dataWindow.from ??
      dayToIso(s.data.incidents.reduce((m, i) => Math.min(m, i.day), Infinity)),
    to: meta.dataWindow.to ?? s.asOf,
  };
  const parameters: Record<string, ReportCell> = {
    model: meta.model,
    'horizon (days)': asCell(meta.parameters.horizonDays),
    'list length': asCell(meta.parameters.limit),
    'minimum records': asCell(
      (meta.parameters.minEvidence as { records?: number } | undefined)?.records,
    ),
    'retention (years)': asCell(meta.parameters.retentionYears),
    pseudonymised: asCell(meta.parameters.pseudonymised),
  };

  const summary: { label: string; value: ReportCell }[] = [
    { label: 'people in the network', value: s.graph.order },
    { label: 'co-offending ties', value: s.graph.size },
    { label: 'incidents in the window', value: meta.dataWindow.incidents },
  ];
  if (o.rejected !== undefined) summary.push({ label: 'input rows left out', value: o.rejected });
  if (s.model) {
    summary.push({ label: 'serious-violence events modelled', value: s.model.diagnostics.events });
    summary.push({
      label: 'share attributed to contagion',
      value: `${(s.model.contagionShare * 100).toFixed(1)}%`,
    });
  }
  if (s.links) summary.push({ label: 'retaliation links', value: s.links.numRows() });

  return {
    purpose: meta.purpose,
    window,
    asOf: s.asOf,
    ...(o.generated ? { generated: o.generated } : {}),
    parameters,
    summary,
    // rankForOutreach scores are expected serious-violence victimisations in the horizon.
    score: {
      expectedEvents: true,
      horizonDays: Number(meta.parameters.horizonDays ?? 90),
      outcome: 'serious harm',
      outcomeDefinition: `being the victim of violence of severity ${Number(meta.parameters.minSeverity ?? 3)} or more (serious injury, a shooting or stabbing, or homicide)`,
    },
    ranked,
    people,
    ties,
    incidents,
    cascades: reportCascades(s),
    ...(s.audit ? { audit: auditTable(s.audit) } : {}),
    ...(s.backtest
      ? { backtest: backtestSection(s.backtest, Number(meta.parameters.limit ?? 0)) }
      : {}),
    ...(s.model ? { contagion: { periods: contagionPeriods(s.model.events) } } : {}),
    warnings: [...(s.model?.warnings ?? []), ...(o.warnings ?? [])],
    notes: meta.summary.split('\n').filter((line) => line && line !== meta.purpose),
  };
}

function asCell(v: unknown): ReportCell {
  if (v === undefined) return null;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
    ? v
    : JSON.stringify(v);
}

/** The area of most of each person's incidents before `asOfDay` (ties: the first area in alphabetical order). */
function mostFrequentArea(
  data: Dataset,
  people: Set<string>,
  asOfDay: number,
): Map<string, string> {
  const incidents = new Map(data.incidents.map((i) => [i.incident_id, i]));
  const counts = new Map<string, Map<string, number>>();
  for (const v of data.involvements) {
    if (!people.has(v.person_id)) continue;
    const inc = incidents.get(v.incident_id);
    if (!inc?.area || inc.day >= asOfDay) continue;
    const m = counts.get(v.person_id) ?? counts.set(v.person_id, new Map()).get(v.person_id)!;
    m.set(inc.area, (m.get(inc.area) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const [id, m] of counts) {
    let best = '';
    let n = 0;
    for (const [area, c] of m) if (c > n || (c === n && area < best)) [best, n] = [area, c];
    out.set(id, best);
  }
  return out;
}

/** Incidents (with offenders and victims) passing a filter. */
function incidentRows(
  data: Dataset,
  keep: (inc: Dataset['incidents'][number]) => boolean,
): ReportIncident[] {
  const byId = new Map<string, ReportIncident>();
  for (const inc of data.incidents) {
    if (!keep(inc)) continue;
    byId.set(inc.incident_id, {
      incident_id: inc.incident_id,
      date: inc.date.slice(0, 10),
      severity: inc.severity,
      ...(inc.offence ? { offence: inc.offence } : {}),
      ...(inc.area ? { area: inc.area } : {}),
      offenders: [],
      victims: [],
    });
  }
  for (const v of data.involvements) {
    const row = byId.get(v.incident_id);
    if (!row) continue;
    if (v.role === 'offender') row.offenders.push(v.person_id);
    else if (v.role === 'victim') row.victims.push(v.person_id);
  }
  return [...byId.values()];
}

/** The largest retaliation cascades and contagion trees, as timelines. */
function reportCascades(s: ReportSources, perKind = 6): ReportCascade[] {
  const out: ReportCascade[] = [];
  const incidents = new Map(s.data.incidents.map((i) => [i.incident_id, i]));
  const event = (id: string, parent: string | null) => {
    const inc = incidents.get(id);
    return {
      incident_id: id,
      date: inc ? inc.date.slice(0, 10) : '',
      severity: inc?.severity ?? 0,
      parent,
      ...(inc?.offence ? { label: inc.offence + (inc.area ? ` in ${inc.area}` : '') } : {}),
    };
  };
  if (s.cascades && s.links) {
    const parentOf = new Map<string, string>();
    for (const l of rowsOf(s.links)) {
      const to = String(l.to_incident);
      if (!parentOf.has(to)) parentOf.set(to, String(l.from_incident));
    }
    const rows = rowsOf(s.cascades)
      .sort((a, b) => Number(b.size) - Number(a.size))
      .slice(0, perKind);
    for (const c of rows) {
      out.push({
        cascade_id: `R${c.cascade_id}`,
        kind: 'retaliation',
        events: ((c.events as string[]) ?? []).map((id) => event(id, parentOf.get(id) ?? null)),
      });
    }
  }
  if (s.model) {
    const byCascade = new Map<string, { incident: string; parent: string | null }[]>();
    for (const e of rowsOf(s.model.events)) {
      const id = String(e.cascade_id);
      const list = byCascade.get(id) ?? byCascade.set(id, []).get(id)!;
      list.push({
        incident: String(e.incident_id),
        parent: (e.parent_incident as string | null) ?? null,
      });
    }
    const largest = [...byCascade.entries()]
      .filter(([, evs]) => evs.length >= 3)
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
      .slice(0, perKind);
    for (const [id, evs] of largest) {
      const members = new Set(evs.map((e) => e.incident));
      out.push({
        cascade_id: `C${id}`,
        kind: 'contagion (most likely infector)',
        events: evs.map((e) =>
          event(e.incident, e.parent && members.has(e.parent) ? e.parent : null),
        ),
      });
    }
  }
  return out;
}

function tableOf(t: ColumnTable, title: string, note?: string): ReportTable {
  return {
    title,
    columns: t.columnNames().map((key) => ({ key, label: key.replace(/_/g, ' ') })),
    rows: rowsOf(t).map((r) => {
      const row: Record<string, ReportCell> = {};
      for (const [k, v] of Object.entries(r)) row[k] = asCell(v);
      return row;
    }),
    ...(note ? { note } : {}),
  };
}

function auditTable(audit: ColumnTable): ReportTable {
  return describedTable(
    audit,
    'Who is on the list, compared with who was harmed and with everyone in the network',
    'Shares by area and group; a ratio of 1 is proportionate. Read large ratios as a prompt to check the data and the list, not as a finding about people.',
  );
}

function describedTable(audit: ColumnTable, title: string, note: string): ReportTable {
  const t = tableOf(audit, title, note);
  describe(t, AUDIT_COLUMNS);
  return t;
}

function backtestSection(b: BacktestResult, listLength: number): ReportInput['backtest'] {
  const cuts = new Set(Array.from(b.scores.array('cut') as ArrayLike<string>)).size;
  const table = tableOf(b.table, 'Per cut date and ranker');
  describe(table, BACKTEST_COLUMNS);
  return {
    summary: b.summary,
    table,
    curves: recallCurves(b, Math.max(200, 2 * listLength)),
    cuts,
  };
}

/** Plain-language meanings of the audit's and the backtest's columns, shown with the tables. */
const AUDIT_COLUMNS: Record<string, string> = {
  attribute: 'what people are compared by (area: where most of their records are; group)',
  value: 'the area or group',
  list_n: 'people on the list with this value',
  list_share: 'their share of the list',
  victims_n: 'people seriously harmed in the comparison window with this value',
  victims_share: 'their share of the people seriously harmed',
  population_n: 'people in the network with this value',
  population_share: 'their share of everyone in the network',
  list_vs_victims: 'share of the list ÷ share of the people harmed (1 = proportionate)',
  list_vs_population: 'share of the list ÷ share of the network (1 = proportionate)',
};
const BACKTEST_COLUMNS: Record<string, string> = {
  cut: 'the past date the ranking was made at, from records before it',
  ranker: 'the way of ranking',
  baseline: 'a simple baseline',
  k: 'list length asked for',
  k_n: 'list length in people',
  hits: 'people on the list seriously harmed in the horizon after the cut',
  precision: 'hits ÷ list length',
  recall: 'hits ÷ everyone seriously harmed in the horizon',
  lift: 'precision ÷ the rate in the whole population',
  lift_vs_best_baseline: 'recall ÷ the best simple baseline’s recall',
};

function describe(t: ReportTable, meanings: Record<string, string>): void {
  for (const c of t.columns) if (meanings[c.key]) c.description = meanings[c.key];
}

function rowsOf(t: ColumnTable): Record<string, unknown>[] {
  return t.objects() as Record<string, unknown>[];
}
