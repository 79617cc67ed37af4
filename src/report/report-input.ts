import type { ColumnTable } from 'arquero';
import type { UndirectedGraph } from 'graphology';
import type { HawkesInference } from '../contagion/hawkes/inference.js';
import type { NetworkHawkesModel } from '../contagion/hawkes/model.js';
import { VICTIM_OFFENDER_WARNING } from '../contagion/hawkes/warning-heads.js';
import { indexDataset } from '../core/dataset-index.js';
import { InputError } from '../core/errors.js';
import { describeInput } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import type { DataProfile } from '../core/profile.js';
import { PURPOSE_LABEL } from '../core/purpose.js';
import { dayToIso, toDay } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { resolveWindow } from '../core/window.js';
import {
  type CoOffendingEdgeAttributes,
  type CoOffendingEdges,
  type PersonNodeAttributes,
  personAttributes,
} from '../graph/co-offending-graph.js';
import type { BacktestResult } from '../outreach/backtest.js';
import type { OutreachPlan } from '../outreach/plan-outreach.js';
import { KEYED_BESIDE_RAW } from '../outreach/pseudonymise.js';
import { listMetadata } from '../outreach/purpose.js';
import type { ListedContribution } from '../outreach/rank-for-outreach.js';
import { contagionPeriods, recallCurves } from './chart-data.js';
import type {
  ReportCascade,
  ReportCell,
  ReportIncident,
  ReportInput,
  ReportPlan,
  ReportRankedPerson,
  ReportTable,
} from './types.js';
import { tieAtCut } from './units.js';

/**
 * What the pipeline produced, as far as the report needs it: an `Analysis` from `analyse`
 * has every field.
 */
export interface ReportSources {
  data: Dataset;
  asOf: string;
  /**
   * The co-offending network as of `asOf` as compact arrays (`coOffendingEdges`, an analysis's
   * `network`): read when given, so no graphology graph is needed.
   */
  network?: CoOffendingEdges;
  /** The co-offending graph as of `asOf` (`coOffendingGraph`): read when `network` is not given. */
  graph?: UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes>;
  /** The ranked list (`rankForOutreach`), carrying its purpose label and window. */
  list: ColumnTable;
  model?: NetworkHawkesModel;
  audit?: ColumnTable;
  links?: ColumnTable;
  cascades?: ColumnTable;
  backtest?: BacktestResult;
  /**
   * Why the backtest has fewer cut dates than asked for, or none (`analyse`'s `backtestNote`):
   * shown in the backtest section and the banner.
   */
  backtestNote?: string;
  /**
   * An outreach plan (`planOutreach`, or `analyse(data, { plan: … })`): the report's list then
   * switches between "highest risk" and "most harm prevented".
   */
  plan?: OutreachPlan;
  /**
   * The contagion model's intervals (`hawkesInference` / `hawkesInferenceParallel` on the same
   * records): the contagion chart and the key figures then show the share's interval.
   */
  inference?: Pick<HawkesInference, 'intervals' | 'level'> &
    Partial<Pick<HawkesInference, 'replicates'>>;
  /** The data profile (`profileData`, as `analyse` gives it): its warnings go to the banner. */
  profile?: DataProfile;
}

/**
 * What there is when `analyse` refused to make a model and a list (no incident of severity 3 or
 * more in the window: its `DataRefusedError` code `no-events`): the records, the network and
 * the retaliation cascades, and `noList`, why there is no list. The report then shows the purpose
 * label, the data window, the network's key figures, the retaliation cascades and the data
 * profile's warnings, and `noList` where the list, the networks of listed people and the
 * contagion figures would be.
 *
 * @example
 * const asOf = '2024-01-01';
 * const links = retaliations(data, { asOf });
 * reportInput({
 *   data, asOf, network: coOffendingEdges(data, { asOf }), links, cascades: cascades(links).table,
 *   noList: 'No incident of severity 3 or more before 2024-01-01, so there is no serious event to model.',
 * });
 */
export interface ReportSourcesWithoutList
  extends Pick<
    ReportSources,
    'data' | 'asOf' | 'network' | 'graph' | 'links' | 'cascades' | 'profile'
  > {
  /** Why there is no list and no model, in plain words (non-empty). */
  noList: string;
}

/** Options of {@link reportInput} (defaults in `reportInput.defaults`). */
export interface ReportInputOptions {
  /** Input rows left out at ingest (a count, shown in the key figures). Default: not shown. */
  rejected?: number;
  /** When the report was made, as text (omit for reproducible output). Default: not shown. */
  generated?: string;
  /**
   * Plain-language warnings about the data (e.g. a data profile's), shown in the report's banner
   * after the model's. Default `[]`.
   */
  warnings?: string[];
  /**
   * Incidents dated this many days before `asOf` or later are embedded (a listed person's recent
   * records; incidents a reason names are always embedded). Match `renderReport`'s `recentDays`.
   * Default 180.
   */
  recentDays?: number;
}

/** Defaults of {@link reportInput}'s options (published as `reportInput.defaults`). */
const DEFAULTS = Object.freeze({
  warnings: Object.freeze([]) as readonly string[],
  recentDays: 180,
});

const RULES: OptionRules<ReportInputOptions> = {
  rejected: rule.number({ min: 0, integer: true }),
  generated: rule.string(),
  warnings: rule.array(rule.string()),
  recentDays: rule.number({ above: 0 }),
};

/**
 * Maps the outputs of the pipeline's stages (an `analyse` result) to the report's own plain-row
 * input, for {@link renderReport}.
 *
 * @example
 * const html = renderReport(reportInput(analyse(data, { asOf: '2024-01-01' }), { rejected: 3 }));
 */
export function reportInput(
  sources: ReportSources | ReportSourcesWithoutList,
  options: ReportInputOptions = {},
): ReportInput {
  const o = checkOptions('reportInput', options, RULES);
  const recentDays = o.recentDays ?? DEFAULTS.recentDays;
  checkSources(sources);
  if ('noList' in sources && sources.noList !== undefined)
    return withoutList(sources, o, recentDays);
  const s = sources as ReportSources;
  const net = networkRows(s);
  const meta = listMetadata(s.list);
  if (!meta)
    throw new InputError(
      'reportInput',
      'reportInput: the ranked list (sources.list) carries no purpose label; make it with rankForOutreach or analyse',
    );
  // A list keyed by rankForOutreach beside raw data: the report would embed the raw ids too.
  const keyed = (t?: ColumnTable) => t !== undefined && listMetadata(t)?.pseudonymised === true;
  if ((keyed(s.list) || keyed(s.plan?.list)) && !s.data.pseudonymised)
    throw new InputError(
      'reportInput',
      `reportInput: the list (or plan) has keyed pseudonyms but ${KEYED_BESIDE_RAW}`,
    );

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
    const group = net.groupOf(r.person_id);
    if (group) r.group = String(group);
    const area = areas.get(r.person_id);
    if (area) r.area = area;
  }
  const { people, ties } = net;

  const named = new Set<string>();
  for (const r of ranked) for (const x of r.reasons) if (x.incidentId) named.add(x.incidentId);
  const asOfDay = toDay(s.asOf);
  const incidents = incidentRows(
    s.data,
    (inc) => named.has(inc.incident_id) || (inc.day >= asOfDay - recentDays && inc.day < asOfDay),
  );

  const window = {
    from:
      meta.dataWindow.from ??
      dayToIso(s.data.incidents.reduce((m, i) => Math.min(m, i.day), Infinity)),
    to: meta.dataWindow.to ?? s.asOf,
  };
  const parameters: Record<string, ReportCell> = {
    model: meta.model,
    // A fit with victim–offender ties says which (a 'direct' fit's figures are not a 'sides' one's).
    ...(s.model?.victimOffenderTies
      ? { 'victim–offender ties': s.model.victimOffenderTies as ReportCell }
      : {}),
    'horizon (days)': asCell(meta.parameters.horizonDays),
    'list length': asCell(meta.parameters.limit),
    'minimum records': asCell(
      (meta.parameters.minEvidence as { records?: number } | undefined)?.records,
    ),
    'retention (years)': asCell(meta.parameters.retentionYears),
    pseudonymised: asCell(meta.parameters.pseudonymised),
  };

  const summary: { label: string; value: ReportCell }[] = [
    { label: 'people in the network', value: people.length },
    { label: 'co-offending ties', value: ties.length },
    { label: 'incidents in the window', value: meta.dataWindow.incidents },
  ];
  if (o.rejected !== undefined) summary.push({ label: 'input rows left out', value: o.rejected });
  const shareInterval = s.inference?.intervals?.share;
  // A fit that identifies nothing (model.identified false) has a share that is not a finding.
  const unidentified =
    s.model?.identified === false
      ? 'The contagion model is not identified on these records (see the warnings): the shares attributed to contagion are not findings.'
      : undefined;
  if (s.model) {
    summary.push({ label: 'serious-violence events modelled', value: s.model.diagnostics.events });
    summary.push({
      label: 'share attributed to contagion',
      value:
        `${(s.model.contagionShare * 100).toFixed(1)}%` +
        // With victim–offender ties, how the share splits between the two kinds of tie.
        (s.model.shares.victimOffender !== undefined
          ? ` (along co-offending ties ${((s.model.shares.coOffending ?? 0) * 100).toFixed(1)}%, along victim–offender ties ${(s.model.shares.victimOffender * 100).toFixed(1)}%)`
          : '') +
        (shareInterval
          ? ` (${Math.round((s.inference?.level ?? 0.95) * 100)}% interval ${(shareInterval.lo * 100).toFixed(1)}–${(shareInterval.hi * 100).toFixed(1)}%)`
          : '') +
        (unidentified ? ' (not identified: not a finding, see the warnings)' : '') +
        // The fit's victim–offender check found harm following ties it does not model.
        (s.model.warnings.some((w) => w.startsWith(VICTIM_OFFENDER_WARNING))
          ? ' (likely too low: harm also follows victim–offender ties, see the warnings)'
          : ''),
    });
  }
  const plan = s.plan ? planSection(s.plan, net.groupOf) : undefined;
  if (s.plan && plan) {
    summary.push({
      label: `events the plan would prevent in ${count(plan.horizonDays, 'day')}`,
      value: Number(s.plan.expected.averted.toFixed(2)),
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
    ...reportCascades(s),
    ...(s.audit ? { audit: auditTable(s.audit) } : {}),
    ...(s.backtest || s.backtestNote
      ? {
          backtest: {
            ...(s.backtest ? backtestSection(s.backtest, Number(meta.parameters.limit ?? 0)) : {}),
            ...(s.backtestNote ? { note: s.backtestNote } : {}),
          },
        }
      : {}),
    ...(s.model
      ? {
          contagion: {
            periods: contagionPeriods(s.model.events),
            ...(unidentified ? { note: unidentified } : {}),
            ...(shareInterval
              ? {
                  overall: {
                    estimate: shareInterval.estimate,
                    low: shareInterval.lo,
                    high: shareInterval.hi,
                    level: s.inference?.level ?? 0.95,
                    method: `parametric bootstrap${
                      s.inference?.replicates
                        ? `, ${count(Array.from(s.inference.replicates.array('kind') as ArrayLike<string>).filter((k) => k === 'bootstrap').length, 'refit')}`
                        : ''
                    }`,
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(plan ? { plan } : {}),
    // The list's own warnings first (records past retention, ties at the cut, stale records…:
    // about acting on it; the printed summary shows the first few), then the model's caveats, the
    // data profile's warnings (also carried by the list and the backtest, with the late-cut
    // warnings), and the caller's: each once.
    warnings: [
      ...new Set([
        ...(meta.warnings ?? []).filter(
          (w) => !s.model?.warnings?.includes(w) && !s.profile?.warnings.includes(w),
        ),
        ...(s.model?.warnings ?? []),
        ...(s.profile?.warnings ?? []),
        ...(meta.warnings ?? []),
        ...(s.backtest?.warnings ?? []),
        ...(s.backtestNote ? [s.backtestNote] : []),
        ...(o.warnings ?? DEFAULTS.warnings),
      ]),
    ],
    notes: meta.summary.split('\n').filter((line) => line && line !== meta.purpose),
  };
}

reportInput.defaults = DEFAULTS;

/**
 * The report without a list or a model (`sources.noList`: analyse refused, no serious event in
 * the window): the purpose label, the data window, the network's key figures, the retaliation
 * cascades, the data profile's warnings, and the reason in place of the list.
 */
function withoutList(
  s: ReportSourcesWithoutList,
  o: ReportInputOptions,
  recentDays: number,
): ReportInput {
  // The fields an analysis's sources have, without the list and the model.
  const sources = s as Omit<ReportSources, 'list'> as ReportSources;
  const net = networkRows(sources);
  const index = indexDataset(s.data);
  const window = resolveWindow(index, { asOf: s.asOf });
  const asOfDay = toDay(s.asOf);
  const from = Number.isFinite(window.since)
    ? dayToIso(Math.ceil(window.since))
    : window.hi > window.lo
      ? dayToIso(index.day[window.lo])
      : s.asOf;
  const { people, ties } = net;
  const summary: { label: string; value: ReportCell }[] = [
    { label: 'people in the network', value: people.length },
    { label: 'co-offending ties', value: ties.length },
    { label: 'incidents in the window', value: window.hi - window.lo },
  ];
  if (o.rejected !== undefined) summary.push({ label: 'input rows left out', value: o.rejected });
  if (s.links) summary.push({ label: 'retaliation links', value: s.links.numRows() });
  return {
    purpose: PURPOSE_LABEL,
    window: { from, to: s.asOf },
    asOf: s.asOf,
    ...(o.generated ? { generated: o.generated } : {}),
    summary,
    ranked: [],
    people,
    ties,
    incidents: incidentRows(s.data, (inc) => inc.day >= asOfDay - recentDays && inc.day < asOfDay),
    // No model: the retaliation cascades only.
    ...reportCascades(sources),
    noList: s.noList,
    warnings: [...new Set([...(s.profile?.warnings ?? []), ...(o.warnings ?? DEFAULTS.warnings)])],
  };
}

/** The sources must be an analysis (or the same fields): name what is missing and what it got. */
function checkSources(sources: ReportSources | ReportSourcesWithoutList): void {
  // Read as one shape: which of the two it is, is what the checks below find out.
  const s = sources as ReportSources & Partial<ReportSourcesWithoutList>;
  const fn = 'reportInput';
  const expects =
    'the results of analyse (at least { data, asOf, network or graph, list }), e.g. reportInput(analyse(data))';
  if (!s || typeof s !== 'object' || Array.isArray(s))
    throw new InputError(fn, `${fn}: expected ${expects}, got ${describeInput(s)}`);
  const any = s as unknown as Record<string, unknown>;
  if ('incidents' in any && 'involvements' in any)
    throw new InputError(
      fn,
      `${fn}: got a dataset; run the pipeline first: reportInput(analyse(data, options))`,
    );
  const missing = ['data', 'asOf', ...(any.noList === undefined ? ['list'] : [])].filter(
    (k) => !any[k],
  );
  if (!any.network && !any.graph) missing.push('network or graph');
  if (missing.length > 0)
    throw new InputError(
      fn,
      `${fn}: expected ${expects}; missing ${missing.join(', ')} (got ${describeInput(s)})`,
    );
  if (s.noList !== undefined) {
    if (typeof s.noList !== 'string' || s.noList.trim() === '')
      throw new InputError(
        fn,
        `${fn}: sources.noList must say why there is no list (non-empty text), got ${describeInput(s.noList)}`,
      );
    const extra = ['list', 'model', 'plan', 'backtest', 'audit', 'inference'].filter(
      (k) => any[k] !== undefined,
    );
    if (extra.length > 0)
      throw new InputError(
        fn,
        `${fn}: sources.noList says there is no list, but ${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} given; give either the analysis's list (and its model) or noList`,
      );
  } else if (typeof (s.list as { objects?: unknown }).objects !== 'function')
    throw new InputError(
      fn,
      `${fn}: sources.list must be the ranked list (an arquero table from rankForOutreach), got ${describeInput(s.list)}`,
    );
  if (
    !s.network &&
    typeof (s.graph as { forEachNode?: unknown } | undefined)?.forEachNode !== 'function'
  )
    throw new InputError(
      fn,
      `${fn}: sources.graph must be the co-offending graph (graphology), got ${describeInput(s.graph)}`,
    );
  if (s.plan !== undefined && (!s.plan || !listMetadata(s.plan.list)))
    throw new InputError(
      fn,
      `${fn}: sources.plan must be an outreach plan from planOutreach, got ${describeInput(s.plan)}`,
    );
}

/**
 * The plan as the report shows it: `score` is the list's `averted` and the two reasons carry
 * `averted_own` and `averted_onward`, which add up to it exactly (planOutreach stores their sum).
 */
function planSection(plan: OutreachPlan, groupOf: (id: string) => string | undefined): ReportPlan {
  const meta = listMetadata(plan.list);
  const p = meta?.parameters ?? {};
  const ranked = rowsOf(plan.list).map((r): ReportRankedPerson => {
    const texts = (r.reasons as string[] | undefined) ?? [];
    const id = String(r.person_id);
    const group = r.group ?? groupOf(id) ?? undefined;
    const share = r.in_plan_share as number | undefined;
    const lo = r.averted_lo as number | undefined;
    const hi = r.averted_hi as number | undefined;
    return {
      rank: Number(r.rank),
      person_id: id,
      score: Number(r.averted),
      ...(r.explanation ? { explanation: String(r.explanation) } : {}),
      reasons: [
        {
          text: texts[0] ?? 'harm to them it would prevent',
          value: Number(r.averted_own),
          kind: 'own',
        },
        { text: texts[1] ?? 'onward harm', value: Number(r.averted_onward), kind: 'onward' },
      ],
      ...(group ? { group: String(group) } : {}),
      ...(r.area ? { area: String(r.area) } : {}),
      ...(Array.isArray(r.risk_reasons) && r.risk_reasons.length > 0
        ? { context: (r.risk_reasons as string[]).map(String) }
        : {}),
      ...(typeof share === 'number' && Number.isFinite(share) ? { inListShare: share } : {}),
      ...(typeof lo === 'number' &&
      Number.isFinite(lo) &&
      typeof hi === 'number' &&
      Number.isFinite(hi)
        ? { scoreLow: lo, scoreHigh: hi }
        : {}),
    };
  });
  return {
    ranked,
    horizonDays: Number(p.horizonDays ?? 90),
    effect: Number(p.effect ?? 0.2),
    expected: { ...plan.expected },
    highestRiskAverted: plan.highestRisk.averted,
    refits: Number(p.refits ?? 0),
    warnings: [...plan.warnings],
  };
}

/**
 * The network's people and ties as the report lists them, and each person's group: from the
 * compact arrays when given (the same rows, in the same order, as the graph built from them),
 * else from the graph.
 */
function networkRows(s: ReportSources): {
  people: NonNullable<ReportInput['people']>;
  ties: NonNullable<ReportInput['ties']>;
  groupOf: (id: string) => string | undefined;
} {
  const people: NonNullable<ReportInput['people']> = [];
  const ties: NonNullable<ReportInput['ties']> = [];
  const row = (id: string, a: PersonNodeAttributes) => ({
    person_id: id,
    ...(a.group ? { group: String(a.group) } : {}),
    incidents: a.incidents,
    victimisations: a.victimisations,
    lastSeen: a.lastSeen,
  });
  if (s.network) {
    const { index, window, present } = s.network;
    const groupByNumber = new Map<number, string | undefined>();
    for (let p = 0; p < index.personIds.length; p++) {
      if (!present[p]) continue;
      const a = personAttributes(index, p, window);
      groupByNumber.set(p, a.group);
      people.push(row(index.personIds[p], a));
    }
    const { source, target, count, last } = s.network;
    for (let e = 0; e < source.length; e++) {
      ties.push({
        source: index.personIds[source[e]],
        target: index.personIds[target[e]],
        count: count[e],
        last: dayToIso(last[e]),
      });
    }
    return {
      people,
      ties,
      groupOf: (id) => {
        const p = index.personIndex.get(id);
        return p === undefined ? undefined : groupByNumber.get(p);
      },
    };
  }
  const graph = s.graph!;
  graph.forEachNode((id, a) => {
    people.push(row(id, a));
  });
  graph.forEachEdge((_e, a, source, target) => {
    ties.push({ source, target, count: a.count, last: a.last });
  });
  return {
    people,
    ties,
    groupOf: (id) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'group') : undefined),
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

/**
 * The largest retaliation cascades and contagion trees, as timelines, and, when some are left
 * out, a note saying of how many each is the largest. Cascades of equal size are taken in the
 * order of their first incident (earliest first); when the cut falls among cascades of one size,
 * the note says how many of that size are drawn and how many are not, and that the earlier
 * start, not the size, chose (as rankForOutreach says a tie across its cut).
 */
function reportCascades(
  s: ReportSources,
  perKind = 6,
): { cascades: ReportCascade[]; cascadesNote?: string } {
  const out: ReportCascade[] = [];
  const chosen: string[] = [];
  const ties: string[] = [];
  let partial = false;
  // sizes: every cascade's size, largest first; the first `shown` are drawn.
  const of = (shown: number, sizes: number[], one: string, many: string, what: string) => {
    const total = sizes.length;
    if (total > shown) partial = true;
    chosen.push(
      total > shown
        ? `the ${shown} largest of the ${total} ${many} ${what}`
        : total === 1
          ? `the one ${one} ${what}`
          : `all ${total} ${many} ${what}`,
    );
    const tie = tieAtCut(sizes, shown);
    if (tie) {
      const { kept, left, size } = tie;
      ties.push(
        `Of the ${many}, ${kept === 1 ? `the last drawn (${count(size, 'incident')}) is` : `the last ${kept} drawn (${count(size, 'incident')} each) are`} as large as ${left} more not drawn: the earlier start, not size, chose which ${kept === 1 ? 'one' : kept} of these ${kept + left} ${kept === 1 ? 'is' : 'are'} drawn.`,
      );
    }
  };
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
    // Largest first; equal sizes in cascade_id order, the time order of their first incidents.
    const all = rowsOf(s.cascades).sort(
      (a, b) => Number(b.size) - Number(a.size) || Number(a.cascade_id) - Number(b.cascade_id),
    );
    const rows = all.slice(0, perKind);
    if (rows.length > 0)
      of(
        rows.length,
        all.map((c) => Number(c.size)),
        'retaliation cascade',
        'retaliation cascades',
        '(chained retaliation links)',
      );
    for (const c of rows) {
      out.push({
        cascade_id: `R${c.cascade_id}`,
        kind: 'retaliation',
        events: ((c.events as string[]) ?? []).map((id) => event(id, parentOf.get(id) ?? null)),
      });
    }
  }
  if (s.model) {
    const byCascade = new Map<number, { incident: string; parent: string | null }[]>();
    for (const e of rowsOf(s.model.events)) {
      const id = Number(e.cascade_id);
      const list = byCascade.get(id) ?? byCascade.set(id, []).get(id)!;
      list.push({
        incident: String(e.incident_id),
        parent: (e.parent_incident as string | null) ?? null,
      });
    }
    const chains = [...byCascade.entries()].filter(([, evs]) => evs.length >= 3);
    // Largest first; equal sizes by cascade_id (the model numbers its cascades largest first,
    // then by the earlier root event): compared as numbers, as "10" came before "9".
    chains.sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
    const largest = chains.slice(0, perKind);
    if (largest.length > 0)
      of(
        largest.length,
        chains.map(([, evs]) => evs.length),
        'contagion chain',
        'contagion chains',
        "of 3 or more serious-violence events (each joined to the model's most likely infector)",
      );
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
  const cascadesNote = partial
    ? [`Drawn here: ${chosen.join(', and ')}.`, ...ties].join(' ')
    : undefined;
  return { cascades: out, ...(cascadesNote ? { cascadesNote } : {}) };
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
  hits: 'people on the list seriously harmed in the horizon after the cut; not always a whole number: where the list ends among people with equal scores, the list takes a share of them, and counts that share of their harmed',
  precision: 'hits ÷ list length',
  recall: 'hits ÷ everyone seriously harmed in the horizon (empty when nobody was)',
  lift: 'precision ÷ the rate in the whole population',
  lift_vs_best_baseline: 'recall ÷ the best simple baseline’s recall',
};

function describe(t: ReportTable, meanings: Record<string, string>): void {
  for (const c of t.columns) if (meanings[c.key]) c.description = meanings[c.key];
}

function rowsOf(t: ColumnTable): Record<string, unknown>[] {
  return t.objects() as Record<string, unknown>[];
}
