import { InputError } from '../core/errors.js';
import { describeInput } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import { rankText, sharedRanks } from '../core/ties.js';
import { windowText } from '../core/window-text.js';
import {
  auditChart,
  cascadeOverview,
  contagionChart,
  recallChart,
  resetChartIds,
} from './charts.js';
import { escapeHtml, jsonForScript, scriptForInline } from './escape.js';
import { REPORT_CSS } from './styles.js';
import type {
  RenderReportOptions,
  ReportCascade,
  ReportCell,
  ReportInput,
  ReportPlan,
  ReportRankedPerson,
  ReportScoreMeaning,
  ReportTable,
} from './types.js';
import { chanceOfAtLeastOne, chancePhrase, percent, tieAtCut } from './units.js';
import { type ViewerData, viewer } from './viewer.js';

/** Defaults of {@link renderReport}'s options (published as `renderReport.defaults`). */
const DEFAULTS = Object.freeze({
  scripts: Object.freeze([]) as readonly string[],
  recentDays: 180,
  minSeverity: 3,
  maxCascades: 12,
  maxNetworkNodes: 150,
  summaryPeople: 10,
  list: 'risk' as 'risk' | 'plan',
});

const RULES: OptionRules<RenderReportOptions> = {
  scripts: rule.array(rule.string()),
  recentDays: rule.number({ above: 0 }),
  minSeverity: rule.number({ min: 0 }),
  maxCascades: rule.number({ min: 0, integer: true }),
  maxNetworkNodes: rule.number({ min: 1, integer: true }),
  summaryPeople: rule.number({ min: 1, integer: true }),
  list: rule.oneOf(['risk', 'plan']),
};

/** The outcome when the input does not name one. */
const DEFAULT_OUTCOME = 'serious harm';
const DEFAULT_OUTCOME_DEFINITION =
  'being the victim of violence of severity 3 or more (serious injury, a shooting or stabbing, or homicide)';

/** The title when the input gives none. */
const DEFAULT_TITLE = 'People to offer support to';

/**
 * Renders one self-contained HTML report for diversion teams: the purpose label and data window
 * at the top, the ranked list with each person's reasons (sortable and filterable), the selected
 * person's ego network to distance 2 (drawn with d3-force when d3 is passed in `scripts`),
 * cascade timelines, the audit table and the backtest summary. No network requests; works from
 * `file://`; printable. Every piece of data text is escaped, and the embedded data is JSON inside
 * `<script type="application/json" id="vc-data">` with `<` escaped.
 *
 * Browser-safe: returns a string; writing the file is the caller's business.
 *
 * @example
 * const html = renderReport({
 *   purpose: 'For voluntary outreach and support; not for enforcement or investigative use.',
 *   window: { from: '2019-01-01', to: '2024-01-01' },
 *   ranked: [{ rank: 1, person_id: 'P-1', score: 0.2, reasons: [{ text: 'background', value: 0.2 }] }],
 * });
 */
export function renderReport(input: ReportInput, options: RenderReportOptions = {}): string {
  const o = withDefaults(checkOptions('renderReport', options, RULES));
  checkInput(input);
  resetChartIds();
  const asOf = input.asOf ?? input.window.to;
  const title = input.title ?? DEFAULT_TITLE;
  const scripts = o.scripts.map((s) => `<script>${scriptForInline(s)}</script>`);
  // `__name` is the helper esbuild-based runners (tsx, keepNames builds) insert into function
  // bodies; the shim lets the stringified viewer run however this module was compiled.
  const boot =
    `(function(){var __name=function(f){return f;};var el=document.getElementById('vc-data');` +
    `var run=${viewer.toString()};` +
    `run(window.d3,JSON.parse(el.textContent),document);})();`;

  // Group from the people table when the list row has none, so the table and filter can show it.
  const groupOf = new Map((input.people ?? []).map((p) => [p.person_id, p.group]));
  const ranked = input.ranked.map((r) =>
    r.group || !groupOf.get(r.person_id) ? r : { ...r, group: groupOf.get(r.person_id) },
  );
  const meaning = input.score;
  const warnings = input.warnings ?? [];
  if (o.list === 'plan' && !input.plan) {
    throw new InputError(
      'renderReport',
      "renderReport: options.list is 'plan' but the input has no plan; make one with analyse(data, { plan: { capacity } }) or leave list at 'risk'",
    );
  }
  const plan = input.plan
    ? {
        ...input.plan,
        ranked: input.plan.ranked.map((r) =>
          r.group || !groupOf.get(r.person_id) ? r : { ...r, group: groupOf.get(r.person_id) },
        ),
      }
    : undefined;
  const active = plan ? o.list : 'risk';
  // Nobody on either list: said in plain words where the list, the drawing and the summary's list
  // would be (an empty table and an empty drawing read as "nobody needs support").
  const nobody =
    ranked.length === 0 && (plan?.ranked.length ?? 0) === 0
      ? (input.noList ??
        `Nobody is listed${warnings.length > 0 ? '; the warnings above say why' : ''}.`)
      : undefined;
  const data = reportData(
    { ...input, ranked, ...(plan ? { plan } : {}) },
    { ...o, asOf, list: active },
  );

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network requests, ever: the policy forbids fetching anything but inline code and data.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}${pageCss(input.purpose, title, asOf)}</style>`,
    '</head>',
    '<body>',
    `<div class="vc-purpose" role="region" aria-label="Purpose of this report">${escapeHtml(input.purpose)}</div>`,
    '<main>',
    briefSection(input, ranked, plan, active, title, asOf, o.summaryPeople, nobody),
    header(input, title, asOf),
    warningsBanner(warnings),
    nobody ? howToReadNobody() : howToRead(meaning, asOf, ranked, plan),
    nobody ? nobodySection(nobody) : rankedSection(ranked, meaning, plan, active),
    nobody ? nobodyNetwork(input, asOf) : networkSection(o.recentDays, o.minSeverity),
    backtestSection(input.backtest, ranked.length, meaning?.horizonDays),
    input.audit ? auditSection(input.audit) : '',
    contagionSection(input.contagion),
    cascadesSection(input.cascades ?? [], o.maxCascades, input.cascadesNote),
    notesSection(input.notes ?? []),
    `<footer>${escapeHtml(input.purpose)} Made by violence-contagion.</footer>`,
    '</main>',
    `<script type="application/json" id="vc-data">${jsonForScript(data)}</script>`,
    ...scripts,
    `<script>${scriptForInline(boot)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

renderReport.defaults = DEFAULTS;

/** The options with every default filled in (an option set to `undefined` takes its default). */
function withDefaults(options: RenderReportOptions): Required<RenderReportOptions> {
  const o: Record<string, unknown> = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) o[k] = v;
  return o as unknown as Required<RenderReportOptions>;
}

/**
 * Checks that `input` is a report input: a purpose label, a window and ranked rows with finite
 * scores and reasons (so the page never shows NaN). Names what it got and what it expects.
 */
function checkInput(input: ReportInput): void {
  const fn = 'renderReport';
  const expects =
    'a ReportInput ({ purpose, window: { from, to }, ranked }), e.g. renderReport(reportInput(analyse(data)))';
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new InputError(fn, `${fn}: expected ${expects}, got ${describeInput(input)}`);
  }
  const any = input as unknown as Record<string, unknown>;
  if ('list' in any && 'graph' in any && !('ranked' in any)) {
    throw new InputError(
      fn,
      `${fn}: got the results of analyse; pass them through reportInput first: renderReport(reportInput(analysis))`,
    );
  }
  const missing = ['purpose', 'window', 'ranked'].filter((k) => any[k] === undefined);
  if (missing.length > 0) {
    throw new InputError(
      fn,
      `${fn}: expected ${expects}; missing ${missing.join(', ')} (got ${describeInput(input)})`,
    );
  }
  if (typeof input.purpose !== 'string' || input.purpose.trim() === '')
    throw new InputError(fn, `${fn}: input.purpose must be the purpose label (non-empty text)`);
  const w = input.window as unknown as Record<string, unknown>;
  if (!w || typeof w.from !== 'string' || typeof w.to !== 'string')
    throw new InputError(
      fn,
      `${fn}: input.window must be { from, to } as ISO dates, got ${describeInput(input.window)}`,
    );
  checkRanked(fn, 'input.ranked', input.ranked);
  if (input.plan !== undefined) {
    if (!input.plan || typeof input.plan !== 'object')
      throw new InputError(
        fn,
        `${fn}: input.plan must be a ReportPlan, got ${describeInput(input.plan)}`,
      );
    checkRanked(fn, 'input.plan.ranked', input.plan.ranked);
  }
}

function checkRanked(fn: string, where: string, ranked: unknown): void {
  if (!Array.isArray(ranked))
    throw new InputError(
      fn,
      `${fn}: ${where} must be an array of ranked people, got ${describeInput(ranked)}`,
    );
  ranked.forEach((r: Partial<ReportRankedPerson>, i) => {
    if (!r || typeof r !== 'object' || typeof r.person_id !== 'string')
      throw new InputError(fn, `${fn}: ${where}[${i}] needs a person_id (text)`);
    if (typeof r.rank !== 'number' || !Number.isFinite(r.rank))
      throw new InputError(fn, `${fn}: ${where}[${i}] (${r.person_id}) needs a finite rank`);
    if (typeof r.score !== 'number' || !Number.isFinite(r.score))
      throw new InputError(
        fn,
        `${fn}: ${where}[${i}] (${r.person_id}) has score ${String(r.score)}; scores must be finite numbers`,
      );
    if (!Array.isArray(r.reasons))
      throw new InputError(
        fn,
        `${fn}: ${where}[${i}] (${r.person_id}) needs reasons (an array, maybe empty)`,
      );
    for (const x of r.reasons)
      if (
        !x ||
        typeof x.text !== 'string' ||
        typeof x.value !== 'number' ||
        !Number.isFinite(x.value)
      )
        throw new InputError(
          fn,
          `${fn}: ${where}[${i}] (${r.person_id}) has a reason without text or with a non-finite value`,
        );
  });
}

/**
 * The data the report embeds for its viewer, pruned to what the page can show: ties and people
 * within distance 2 of a listed person, and incidents that are recent or named by a reason.
 * Exposed for tests (the golden snapshot of the data section).
 */
export function reportData(
  input: ReportInput,
  options: {
    asOf: string;
    recentDays: number;
    minSeverity: number;
    maxNetworkNodes: number;
    /** The list shown first when the input has a plan. Default `'risk'`. */
    list?: 'risk' | 'plan';
  },
): ViewerData {
  // People on either list: the risk list and, when there is one, the plan.
  const everyone = input.plan ? [...input.ranked, ...input.plan.ranked] : input.ranked;
  const ties = input.ties ?? [];
  const adjacency = new Map<string, string[]>();
  for (const t of ties) {
    (adjacency.get(t.source) ?? adjacency.set(t.source, []).get(t.source)!).push(t.target);
    (adjacency.get(t.target) ?? adjacency.set(t.target, []).get(t.target)!).push(t.source);
  }
  const kept = new Set<string>();
  for (const r of everyone) {
    kept.add(r.person_id);
    for (const n of adjacency.get(r.person_id) ?? []) {
      kept.add(n);
      for (const m of adjacency.get(n) ?? []) kept.add(m);
    }
  }
  const named = new Set<string>();
  for (const r of everyone)
    for (const reason of r.reasons) if (reason.incidentId) named.add(reason.incidentId);
  const recentFrom = isoDay(options.asOf) - options.recentDays;
  const asOfDay = isoDay(options.asOf);
  const listed = new Set(everyone.map((r) => r.person_id));
  // Kept: incidents a reason names; recent incidents of listed people (their details); and
  // recent serious harm to anyone drawn (highlighted in the networks).
  const incidents = (input.incidents ?? [])
    .filter((inc) => {
      if (named.has(inc.incident_id)) return true;
      const d = isoDay(inc.date);
      if (!(d >= recentFrom && d < asOfDay)) return false;
      if (inc.offenders.some((p) => listed.has(p)) || inc.victims.some((p) => listed.has(p)))
        return true;
      return inc.severity >= options.minSeverity && inc.victims.some((p) => kept.has(p));
    })
    .map((inc) => ({
      incident_id: inc.incident_id,
      date: inc.date,
      severity: inc.severity,
      ...(inc.offence ? { offence: inc.offence } : {}),
      ...(inc.area ? { area: inc.area } : {}),
      offenders: inc.offenders,
      victims: inc.victims,
    }));
  return {
    asOf: options.asOf.slice(0, 10),
    recentDays: options.recentDays,
    minSeverity: options.minSeverity,
    maxNetworkNodes: options.maxNetworkNodes,
    ranked: viewerRows(input.ranked),
    ...(input.plan ? { plan: viewerRows(input.plan.ranked), list: options.list ?? 'risk' } : {}),
    people: (input.people ?? []).filter((p) => kept.has(p.person_id)),
    ties: ties
      .filter((t) => kept.has(t.source) && kept.has(t.target))
      .map((t): [string, string, number, string] => [t.source, t.target, t.count, t.last]),
    incidents,
  };
}

function viewerRows(ranked: readonly ReportRankedPerson[]): ViewerData['ranked'] {
  const shared = sharedRanks(ranked.map((r) => r.rank));
  return ranked.map((r) => viewerRow(r, shared.has(r.rank)));
}

function viewerRow(r: ReportRankedPerson, tied: boolean): ViewerData['ranked'][number] {
  return {
    rank: r.rank,
    ...(tied ? { tied } : {}),
    person_id: r.person_id,
    score: r.score,
    ...(r.explanation ? { explanation: r.explanation } : {}),
    ...(r.group ? { group: r.group } : {}),
    ...(r.area ? { area: r.area } : {}),
    reasons: r.reasons.map((x) => ({
      text: x.text,
      value: x.value,
      ...(x.kind ? { kind: x.kind } : {}),
      ...(x.via ? { via: x.via } : {}),
      ...(x.incidentId ? { incidentId: x.incidentId } : {}),
    })),
    ...(r.context && r.context.length > 0 ? { context: r.context } : {}),
  };
}

/** Days since epoch of an ISO date (or date-time); NaN when unparseable. */
function isoDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** Numbers closer to 0 than this are printed '0' by formatCell: rounding noise, not a value. */
const CELL_ZERO = 1e-12;

/**
 * A report cell as text: integers as they are, other numbers with at most 3 significant digits
 * below 100 and one decimal above, booleans as yes/no, null as ''. A number within 1e-12
 * of 0 reads '0' (rounding noise: a difference of two sums that comes out
 * as −1e-17 where nothing differs read '-1e-17'), never '-0' or '-1e-17'; a number that is not
 * finite (NaN, ±Infinity) reads 'n/a', never 'NaN' or 'Infinity'.
 */
export function formatCell(value: ReportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'n/a';
    if (Math.abs(value) < CELL_ZERO) return '0';
    if (Number.isInteger(value)) return String(value);
    if (Math.abs(value) >= 100) return value.toFixed(1);
    return String(Number(value.toPrecision(3)));
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

function header(input: ReportInput, title: string, asOf: string): string {
  const params = Object.entries(input.parameters ?? {});
  const meta = [
    `Data window ${escapeHtml(windowText(input.window.from, input.window.to))}`,
    `as of ${escapeHtml(asOf)}`,
  ];
  if (input.generated) meta.push(`made ${escapeHtml(input.generated)}`);
  return [
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="vc-meta">${meta.join(' · ')}</p>`,
    params.length > 0 ? definitionList('vc-params', params) : '',
    input.summary && input.summary.length > 0
      ? definitionList(
          'vc-summary',
          input.summary.map((s) => [s.label, s.value]),
        )
      : '',
    '<div class="vc-actions">',
    '<button type="button" id="vc-print-brief">Print the one-page case-meeting summary</button>',
    '<button type="button" id="vc-print-all">Print the full report</button>',
    '</div>',
    '</header>',
  ].join('\n');
}

function definitionList(cls: string, entries: [string, ReportCell][]): string {
  const items = entries.map(
    ([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(formatCell(v))}</dd></div>`,
  );
  return `<dl class="${cls}">${items.join('')}</dl>`;
}

/**
 * A score as text: as {@link formatCell}, but a positive score is never '0' (a listed person's
 * expected events of 3.6e-16 are not none, nor the 3.6e-16 events a plan's person would prevent):
 * two significant digits below 1e-12.
 */
function scoreText(score: number): string {
  return score > 0 && score < CELL_ZERO ? String(Number(score.toPrecision(2))) : formatCell(score);
}

/** The plain-units text of a score: "1 in 4" (and the percentage), or the number itself. */
function scoreCell(score: number, meaning: ReportScoreMeaning | undefined): string {
  if (!meaning?.expectedEvents) {
    return `<td class="vc-num vc-score" data-value="${score}">${escapeHtml(scoreText(score))}</td>`;
  }
  const p = chanceOfAtLeastOne(score);
  const outcome = meaning.outcome ?? DEFAULT_OUTCOME;
  const value = scoreText(score);
  // A listed person's chance below 0.05% read "= 0.0%", and a score under 1e-12 "0 expected
  // events": a ranked person with no chance at all, beside "3.6e-14%" in the cell.
  const chance = p * 100 >= 0.05 ? `${(p * 100).toFixed(1)}%` : percent(p);
  const exact = `${value} expected events of ${outcome} in ${count(meaning.horizonDays, 'day')}; chance of at least one = 1 − e^(−${value}) = ${chance}`;
  return [
    `<td class="vc-num vc-score" data-value="${score}" title="${escapeHtml(exact)}">`,
    `<span class="vc-chance">${escapeHtml(chancePhrase(p))}</span>`,
    `<span class="vc-pct">${escapeHtml(percent(p))} · ${escapeHtml(value)}</span>`,
    '</td>',
  ].join('');
}

/** "about 1 in 4 chance of serious harm in the next 90 days" for the person's score. */
export function chanceSentence(score: number, meaning: ReportScoreMeaning): string {
  const phrase = chancePhrase(chanceOfAtLeastOne(score));
  const about = /^\d/.test(phrase) ? `about ${phrase}` : phrase;
  return `${about} chance of ${meaning.outcome ?? DEFAULT_OUTCOME} in the next ${count(meaning.horizonDays, 'day')}`;
}

/**
 * Reasons: the largest three, the rest behind "and N more" (a native disclosure, keyboard-ready),
 * then the person's context (facts that are not parts of the score) behind its own disclosure.
 */
function reasonsCell(r: ReportRankedPerson, contextLabel: string, shown = 3): string {
  const li = (x: { text: string }) => `<li>${escapeHtml(x.text)}</li>`;
  const first = r.reasons.slice(0, shown).map(li).join('');
  const rest = r.reasons.slice(shown);
  const more =
    rest.length > 0
      ? `<details class="vc-more"><summary>and ${rest.length} more</summary><ul class="vc-reason-list">${rest.map(li).join('')}</ul></details>`
      : '';
  const context =
    r.context && r.context.length > 0
      ? `<details class="vc-more vc-context"><summary>${escapeHtml(contextLabel)} (${r.context.length})</summary><ul class="vc-reason-list">${r.context.map((t) => li({ text: t })).join('')}</ul></details>`
      : '';
  const explanation = r.explanation
    ? `<div class="vc-explanation">${escapeHtml(r.explanation)}</div>`
    : '';
  return `<td class="vc-reasons-cell">${explanation}<ul class="vc-reason-list">${first}</ul>${more}${context}</td>`;
}

/** How one list shows its score: the column head, the cell, the label in the person's panel. */
interface ScoreColumn {
  label: string;
  help: string;
  /**
   * A note after the help on screen (where the title's exact figure shows on hover) and the one
   * printed in its place: on paper there is no hover.
   */
  hoverNote?: { screen: string; print: string };
  /** What the reasons column holds. Default: "parts of the figure, largest first, adding up to it". */
  reasonsHelp?: string;
  cell: (r: ReportRankedPerson) => string;
}

function riskColumn(meaning: ReportScoreMeaning | undefined): ScoreColumn {
  return meaning?.expectedEvents
    ? {
        label: 'Chance',
        help: `of ${meaning.outcome ?? DEFAULT_OUTCOME} in the next ${count(meaning.horizonDays, 'day')}`,
        hoverNote: {
          screen: ' (exact figure on hover)',
          print: ' (under it: as a percentage, and the expected events)',
        },
        cell: (r) => scoreCell(r.score, meaning),
      }
    : {
        label: 'Score',
        help: 'higher = offered support first',
        cell: (r) => scoreCell(r.score, meaning),
      };
}

/** "in the plan in 94% of refits", or '' when the refits were not run. */
function stabilityText(r: ReportRankedPerson): string {
  return r.inListShare !== undefined
    ? `in the plan in ${Math.round(r.inListShare * 100)}% of refits`
    : '';
}

function planColumn(plan: ReportPlan): ScoreColumn {
  const h = plan.horizonDays;
  return {
    label: 'Prevented',
    help: `serious incidents reaching them would prevent in ${count(h, 'day')}`,
    hoverNote: {
      screen: ' (exact figure on hover)',
      print: plan.refits ? ' (under it: the range over the refits)' : '',
    },
    reasonsHelp:
      'harm to them, and harm it would set off among people close to them: adding up to the figure',
    cell: (r) => {
      // A tiny figure (the 20-person city's plan) read "0 … prevented (0 + 0)" as the list's did.
      const parts = r.reasons.map((x) => scoreText(x.value)).join(' + ');
      const range =
        r.scoreLow !== undefined && r.scoreHigh !== undefined
          ? `; over the refits ${scoreText(r.scoreLow)} to ${scoreText(r.scoreHigh)}`
          : '';
      const exact = `${scoreText(r.score)} serious-violence events prevented in ${count(h, 'day')} under the model (${parts})${range}; assumed outreach effect ${Math.round(plan.effect * 100)}%`;
      const stability = stabilityText(r);
      return [
        `<td class="vc-num vc-score" data-value="${r.score}" title="${escapeHtml(exact)}">`,
        `<span class="vc-chance">${escapeHtml(scoreText(r.score))}</span>`,
        `<span class="vc-pct">events prevented</span>`,
        stability ? `<span class="vc-pct vc-stability">${escapeHtml(stability)}</span>` : '',
        // The range is on hover on screen; printed, where there is no hover, it is in the cell.
        range ? `<span class="vc-range vc-print-only">${escapeHtml(range.slice(2))}</span>` : '',
        '</td>',
      ].join('');
    },
  };
}

/** One list as a sortable table (`#vc-ranked` for the risk list, `#vc-planned` for the plan). */
function listTable(
  id: string,
  ranked: ReportRankedPerson[],
  score: ScoreColumn,
  caption: string,
  contextLabel: string,
): string {
  const hasGroup = ranked.some((r) => r.group);
  const hasArea = ranked.some((r) => r.area);
  const shared = sharedRanks(ranked.map((r) => r.rank));
  const th = (
    label: string,
    help: string,
    type: 'number' | 'text',
    note?: { screen: string; print: string },
  ) =>
    `<th scope="col" data-type="${type}"${type === 'number' ? ' class="vc-num"' : ''}><button type="button">${escapeHtml(label)}</button><span class="vc-print-label" aria-hidden="true">${escapeHtml(label)}</span><span class="vc-col-help">${escapeHtml(help)}${note ? `<span class="vc-screen-only">${escapeHtml(note.screen)}</span>${note.print ? `<span class="vc-print-only">${escapeHtml(note.print)}</span>` : ''}` : ''}</span></th>`;
  const head = [
    th(
      'Rank',
      shared.size > 0
        ? '1 = first to offer support; 2= is a tie: the same figure as others ranked 2='
        : '1 = first to offer support',
      'number',
    ),
    th('Person', 'id in the records', 'text'),
    th(score.label, score.help, 'number', score.hoverNote),
    th(
      'Why they are listed',
      score.reasonsHelp ?? 'parts of the figure, largest first, adding up to it',
      'text',
    ),
    hasGroup ? th('Group', 'as recorded', 'text') : '',
    hasArea ? th('Area', 'where most of their records are', 'text') : '',
  ].join('');
  const body = ranked.map((r) =>
    [
      `<tr data-person="${escapeHtml(r.person_id)}" tabindex="0" aria-label="${escapeHtml(`Rank ${r.rank}${shared.has(r.rank) ? ' (tied)' : ''}, ${r.person_id}`)}">`,
      `<td class="vc-num" data-value="${r.rank}">${rankText(r.rank, shared)}</td>`,
      `<td class="vc-id">${escapeHtml(r.person_id)}</td>`,
      score.cell(r),
      reasonsCell(r, contextLabel),
      hasGroup ? `<td>${escapeHtml(r.group ?? '')}</td>` : '',
      hasArea ? `<td>${escapeHtml(r.area ?? '')}</td>` : '',
      '</tr>',
    ].join(''),
  );
  return [
    `<table id="${id}" class="vc-ranked" data-score-label="${escapeHtml(score.label)}"><caption class="vc-sr-only">${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody></table>`,
  ].join('\n');
}

/** The plan in two sentences: what it is, what it would prevent against the highest-risk list. */
function planIntro(plan: ReportPlan, n: number): string {
  const h = plan.horizonDays;
  const effect = Math.round(plan.effect * 100);
  const parts = [
    `<strong>Most harm prevented</strong>: ${n === 1 ? 'the person' : `the ${n} people`} whose reaching would prevent the most serious incidents in the next ${count(h, 'day')} under the model, counting harm to them and the harm it would set off among people close to them, if outreach lowers a person’s rate of serious harm by ${effect}% (an assumption, not a measurement about anyone).`,
  ];
  if (plan.expected) {
    const vs =
      plan.highestRiskAverted !== undefined
        ? `; reaching ${n === 1 ? 'the person' : `the ${n} people`} with the highest risk instead would prevent about ${formatCell(plan.highestRiskAverted)}`
        : '';
    parts.push(
      `Of about ${formatCell(plan.expected.without)} serious-violence events expected in the ${count(h, 'day')}, reaching them would prevent about ${formatCell(plan.expected.averted)}${vs}.`,
    );
  }
  if (plan.refits)
    parts.push(
      `“In the plan in N% of refits”: how often the person is chosen again when the model is refitted on ${count(plan.refits, 'bootstrap sample')}.`,
    );
  const warnings = (plan.warnings ?? []).map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `<p class="vc-list-intro">${parts.join(' ')}</p>${warnings ? `<ul class="vc-list-warnings">${warnings}</ul>` : ''}`;
}

function rankedSection(
  ranked: ReportRankedPerson[],
  meaning: ReportScoreMeaning | undefined,
  plan: ReportPlan | undefined,
  active: 'risk' | 'plan',
): string {
  const caption = "select a row (Enter) to see the person's network and records below.";
  const riskTable = listTable(
    'vc-ranked',
    ranked,
    riskColumn(meaning),
    `People to offer support to, highest risk first; ${caption}`,
    'more about them',
  );
  const filter = [
    '<div class="vc-controls">',
    '<label for="vc-filter">Find a person, group, area or words in the reasons</label>',
    '<input id="vc-filter" type="search" placeholder="e.g. a person id, a group, an area, “shot”" autocomplete="off">',
    '<span id="vc-filter-status" role="status" aria-live="polite"></span>',
    '</div>',
  ].join('\n');
  if (!plan) {
    return [
      '<section id="vc-list-section" aria-labelledby="vc-list-title">',
      `<h2 id="vc-list-title">People to offer support to (${ranked.length})</h2>`,
      filter,
      '<div class="vc-list" tabindex="-1">',
      riskTable,
      '</div>',
      '</section>',
    ].join('\n');
  }
  const horizon = meaning?.horizonDays ?? plan.horizonDays;
  const radio = (value: 'risk' | 'plan', label: string) =>
    `<label><input type="radio" name="vc-list" value="${value}"${active === value ? ' checked' : ''}> ${escapeHtml(label)}</label>`;
  return [
    '<section id="vc-list-section" aria-labelledby="vc-list-title">',
    '<h2 id="vc-list-title">People to offer support to</h2>',
    '<fieldset class="vc-switch" id="vc-list-switch"><legend>Order the list by</legend>',
    radio('risk', `highest risk (${count(ranked.length, 'person', 'people')})`),
    radio('plan', `most harm prevented (${count(plan.ranked.length, 'person', 'people')})`),
    '</fieldset>',
    filter,
    `<div class="vc-list-view" data-list="risk"${active === 'risk' ? '' : ' hidden'}>`,
    `<p class="vc-list-intro"><strong>Highest risk</strong>: the people with the highest chance of serious harm in the next ${count(horizon, 'day')}, whatever would follow from it.</p>`,
    '<div class="vc-list" tabindex="-1">',
    riskTable,
    '</div></div>',
    `<div class="vc-list-view" data-list="plan"${active === 'plan' ? '' : ' hidden'}>`,
    planIntro(plan, plan.ranked.length),
    '<div class="vc-list" tabindex="-1">',
    listTable(
      'vc-planned',
      plan.ranked,
      planColumn(plan),
      `People to reach to prevent the most harm, in the order chosen; ${caption}`,
      'what their own risk rests on',
    ),
    '</div></div>',
    '</section>',
  ].join('\n');
}

/**
 * What the list must not be used for, in the words a team lead can hold a meeting to: the uses
 * that made lists like Chicago's Strategic Subject List harmful.
 */
const NOT_FOR_TEXT =
  'Not for: stops, searches, arrests, charges, bail, sentencing, or immigration, housing, benefit or employment decisions, nor to be passed to anyone who would use it so. Being listed is not evidence of anything, and not being listed does not mean someone is safe.';
const NOT_FOR_HTML = `<strong>Not for</strong>${escapeHtml(NOT_FOR_TEXT.slice('Not for'.length))}`;

/** The short guide at the top: what the figures mean and how to use the list. */
function howToRead(
  meaning: ReportScoreMeaning | undefined,
  asOf: string,
  ranked: ReportRankedPerson[],
  plan: ReportPlan | undefined,
): string {
  const items: string[] = [];
  if (meaning?.expectedEvents) {
    const outcome = meaning.outcome ?? DEFAULT_OUTCOME;
    const example = chancePhrase(chanceOfAtLeastOne(ranked[0]?.score ?? 0.29));
    const sentence = /^\d/.test(example)
      ? `<strong>“${escapeHtml(example)}”</strong> means about ${escapeHtml(example)} chance of ${escapeHtml(outcome)} in the next ${count(meaning.horizonDays, 'day')}`
      : `<strong>Chance</strong> is the chance of ${escapeHtml(outcome)} in the next ${count(meaning.horizonDays, 'day')}`;
    items.push(
      `<li id="vc-unit-sentence">${sentence}: ${escapeHtml(meaning.outcomeDefinition ?? DEFAULT_OUTCOME_DEFINITION)}. It is the model's estimate from records before ${escapeHtml(asOf.slice(0, 10))} (1 − e<sup>−expected events</sup>)<span class="vc-screen-only">; hover over it for the exact figure</span><span class="vc-print-only">; the figures under it are the same chance as a percentage and the expected events it comes from</span>.</li>`,
    );
  } else {
    items.push(
      '<li id="vc-unit-sentence">The <strong>score</strong> orders the list (higher first); it is not a probability. The reasons show what it is made of.</li>',
    );
  }
  items.push(
    '<li>A chance of being <em>harmed</em>, not of doing harm, and no judgement about the person: a reason to offer support, never to enforce.</li>',
    `<li id="vc-not-for">${NOT_FOR_HTML}</li>`,
    '<li><strong>Why they are listed</strong>: the parts of the score, largest first, adding up to it (“and N more” opens the rest). Select a row (click, or Tab and Enter; arrows move) to see the person’s network and records below.</li>',
  );
  // The two reason words that name no person or incident, said in plain words where they appear.
  const kinds = new Set(
    [...ranked, ...(plan?.ranked ?? [])].flatMap((r) => r.reasons.map((x) => x.kind)),
  );
  if (kinds.has('background'))
    items.push(
      '<li><strong>their own record</strong> in the reasons: the part of the score that comes from the person’s own record alone (how often people with records like theirs come to serious harm), not from harm to anyone near them.</li>',
    );
  if (kinds.has('victim-offender'))
    items.push(
      '<li><strong>victim–offender tie</strong>: harm to someone on the other side of a violent incident with them or their co-offenders (not drawn below).</li>',
    );
  if (kinds.has('knock-on'))
    items.push(
      '<li><strong>harm spreading to them through others in the network</strong>: harm the model expects to pass on from recent incidents through people between them and those harmed; no one incident or tie on record.</li>',
    );
  if (plan)
    items.push(
      `<li><strong>Highest risk or most harm prevented</strong>: the list can be ordered by each person’s own chance of harm, or by how much serious harm reaching them would prevent in ${count(plan.horizonDays, 'day')}, theirs and what it would set off among people close to them (<strong>Prevented</strong>, in expected incidents; its two parts add up to it).</li>`,
    );
  return [
    '<aside class="vc-howto" aria-labelledby="vc-howto-title">',
    '<h2 id="vc-howto-title">How to read this list</h2>',
    `<ul>${items.join('')}</ul>`,
    '</aside>',
  ].join('\n');
}

/** The guide when nobody is listed: only what a list would not be for. */
function howToReadNobody(): string {
  return [
    '<aside class="vc-howto" aria-labelledby="vc-howto-title">',
    '<h2 id="vc-howto-title">How to read this report</h2>',
    `<ul><li id="vc-not-for">${NOT_FOR_HTML}</li></ul>`,
    '</aside>',
  ].join('\n');
}

/** The list's place when nobody is listed: why, in plain words. */
function nobodySection(why: string): string {
  return [
    '<section id="vc-list-section" aria-labelledby="vc-list-title">',
    '<h2 id="vc-list-title">People to offer support to</h2>',
    `<p class="vc-no-list">${escapeHtml(why)}</p>`,
    '</section>',
  ].join('\n');
}

/** The network's place when nobody is listed: no one's network to draw, the whole in figures. */
function nobodyNetwork(input: ReportInput, asOf: string): string {
  const people = input.people?.length;
  const ties = input.ties?.length;
  const whole =
    people !== undefined && ties !== undefined
      ? ` The co-offending network as of ${escapeHtml(asOf.slice(0, 10))}: ${count(people, 'person', 'people')} and ${count(ties, 'tie')} between them.`
      : '';
  return [
    '<section class="vc-network-section" aria-labelledby="vc-network-title">',
    '<h2 id="vc-network-title">Network</h2>',
    `<p class="vc-note vc-no-network">Nobody is listed, so no person's network is drawn.${whole}</p>`,
    '</section>',
  ].join('\n');
}

/** The model's caveats and the data's warnings, in a banner at the top. */
function warningsBanner(warnings: string[]): string {
  if (warnings.length === 0) return '';
  return [
    '<section class="vc-banner" id="vc-warnings" aria-labelledby="vc-warnings-title">',
    `<h2 id="vc-warnings-title">Read with care (${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'})</h2>`,
    `<ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/**
 * The one-page case-meeting summary: hidden on screen, the first printed page, and the only one
 * when "Print case-meeting summary" is used. The top of the list with two reasons each, the key
 * figures and the caveats.
 */
function briefSection(
  input: ReportInput,
  ranked: ReportRankedPerson[],
  plan: ReportPlan | undefined,
  active: 'risk' | 'plan',
  title: string,
  asOf: string,
  people: number,
  nobody: string | undefined,
): string {
  const meaning = input.score;
  const figures = (input.summary ?? []).slice(0, 8);
  const warnings = input.warnings ?? [];
  const caveats = [
    ...warnings.slice(0, 4),
    ...(warnings.length > 4
      ? [`and ${count(warnings.length - 4, 'more warning', 'more warnings')} in the full report`]
      : []),
    // No list: nothing to say about its figures.
    ...(nobody
      ? []
      : [
          meaning?.expectedEvents
            ? `A chance is the model's estimate for people like this person, not a certainty; most people on the list will not come to ${meaning.outcome ?? DEFAULT_OUTCOME}.`
            : 'The score orders the list; it is not a probability.',
        ]),
    'Records are incomplete: people and incidents the police did not record are missing.',
    NOT_FOR_TEXT,
  ];
  const riskScore = (r: ReportRankedPerson) =>
    meaning?.expectedEvents
      ? `${chancePhrase(chanceOfAtLeastOne(r.score))} (${percent(chanceOfAtLeastOne(r.score))})`
      : scoreText(r.score);
  const lists = [
    briefList(
      'risk',
      active,
      plan !== undefined,
      ranked,
      people,
      meaning?.expectedEvents ? `Chance in ${count(meaning.horizonDays, 'day')}` : 'Score',
      riskScore,
      plan ? 'highest risk' : '',
    ),
  ];
  if (plan)
    lists.push(
      briefList(
        'plan',
        active,
        true,
        plan.ranked,
        people,
        `Prevented in ${count(plan.horizonDays, 'day')}`,
        (r) => [scoreText(r.score), stabilityText(r)].filter(Boolean).join(', '),
        `most harm prevented, assumed outreach effect ${Math.round(plan.effect * 100)}%`,
        [
          `“Prevented” is serious incidents in ${count(plan.horizonDays, 'day')} that reaching the person would prevent under the model, if outreach lowers their rate of serious harm by ${Math.round(plan.effect * 100)}% (an assumption)${plan.expected && plan.highestRiskAverted !== undefined ? `: about ${formatCell(plan.expected.averted)} for the whole plan, against ${formatCell(plan.highestRiskAverted)} for as many people at the highest risk` : ''}.`,
          ...(plan.warnings ?? []).slice(0, 2),
        ],
      ),
    );
  return [
    '<section id="vc-brief" aria-label="Case-meeting summary (printed)">',
    `<h2>Case-meeting summary: ${escapeHtml(title)}</h2>`,
    `<p class="vc-meta">Data window ${escapeHtml(windowText(input.window.from, input.window.to))} · as of ${escapeHtml(asOf)}${input.generated ? ` · made ${escapeHtml(input.generated)}` : ''}</p>`,
    figures.length > 0
      ? definitionList(
          'vc-summary',
          figures.map((f) => [f.label, f.value]),
        )
      : '',
    ...(nobody ? [`<p class="vc-no-list">${escapeHtml(nobody)}</p>`] : lists),
    '<h3>Caveats</h3>',
    `<ul class="vc-caveats">${caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/** The top of one list on the case-meeting summary (hidden when it is not the list shown). */
function briefList(
  name: 'risk' | 'plan',
  active: 'risk' | 'plan',
  switchable: boolean,
  ranked: ReportRankedPerson[],
  people: number,
  scoreHead: string,
  scoreText: (r: ReportRankedPerson) => string,
  orderedBy: string,
  notes: string[] = [],
): string {
  const top = ranked.slice(0, people);
  const shared = sharedRanks(ranked.map((r) => r.rank));
  const rows = top.map((r) => {
    const reasons = r.reasons
      .slice(0, 2)
      .map((x) => `<li>${escapeHtml(x.text)}</li>`)
      .join('');
    const more = r.reasons.length > 2 ? `<li>and ${r.reasons.length - 2} more</li>` : '';
    const who = [r.group, r.area].filter(Boolean).join(' · ');
    return `<tr><td class="vc-num">${rankText(r.rank, shared)}</td><td class="vc-id">${escapeHtml(r.person_id)}${who ? `<div class="vc-who">${escapeHtml(who)}</div>` : ''}</td><td class="vc-num">${escapeHtml(scoreText(r))}</td><td><ul class="vc-reason-list">${reasons}${more}</ul></td></tr>`;
  });
  const attrs = switchable ? ` data-list="${name}"${name === active ? '' : ' hidden'}` : '';
  return [
    `<div class="vc-brief-block"${attrs}>`,
    `<h3>The first ${top.length} of ${count(ranked.length, 'person', 'people')}${orderedBy ? ` (${escapeHtml(orderedBy)})` : ''}</h3>`,
    `<table class="vc-brief-list"><thead><tr><th scope="col" class="vc-num">Rank</th><th scope="col">Person</th><th scope="col" class="vc-num">${escapeHtml(scoreHead)}</th><th scope="col">Largest reasons</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    notes.length > 0
      ? `<ul class="vc-caveats vc-brief-notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
      : '',
    '</div>',
  ].join('');
}

/**
 * A CSS string literal with everything but plain letters, digits and spaces hex-escaped (each
 * escape ends with the one space CSS consumes as its terminator, so real spaces survive).
 */
function cssString(text: string): string {
  return `"${text.replace(/[^A-Za-z0-9 ]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/** Print page boxes: the purpose label at the top of every printed page, title and page at the foot. */
function pageCss(purpose: string, title: string, asOf: string): string {
  return `
@page { size: A4; margin: 1.7cm 1.3cm 1.5cm;
  @top-center { content: ${cssString(purpose)}; font: 600 9pt system-ui, sans-serif; color: #000; }
  @bottom-left { content: ${cssString(`${title} · as of ${asOf.slice(0, 10)}`)}; font: 8pt system-ui, sans-serif; color: #333; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #333; } }
`;
}

function networkSection(recentDays: number, minSeverity: number): string {
  return [
    '<section class="vc-network-section">',
    '<h2>Network of the selected person (distance 2)</h2>',
    '<div class="vc-panel">',
    '<div id="vc-person"><p class="vc-note">Select a person in the list.</p></div>',
    '<figure class="vc-figure" style="margin:0">',
    '<svg id="vc-network" viewBox="0 0 640 480" role="group" aria-label="Co-offending network of the selected person; listed people in it are buttons"></svg>',
    '<ul class="vc-legend">',
    '<li><span class="vc-swatch" style="background:#2a6f97"></span>selected person</li>',
    `<li><span class="vc-swatch" style="background:#c0392b"></span>seriously harmed (severity ≥ ${minSeverity}) in the last ${count(recentDays, 'day')}</li>`,
    '<li><span class="vc-swatch" style="background:#6f8797"></span>distance 1</li>',
    '<li><span class="vc-swatch" style="background:#b8c4cc"></span>distance 2</li>',
    `<li><span class="vc-swatch vc-line" style="background:#e08e0b"></span>tie with a shared incident in the last ${count(recentDays, 'day')}</li>`,
    '<li><span class="vc-swatch vc-line" style="background:#c0392b"></span>exposure path named in the reasons</li>',
    '</ul>',
    '<figcaption id="vc-network-note"></figcaption>',
    '</figure>',
    '</div>',
    '</section>',
  ].join('\n');
}

function cascadesSection(
  cascades: ReportCascade[],
  maxCascades: number,
  selection: string | undefined,
): string {
  if (cascades.length === 0) return '';
  const sorted = cascades
    .filter((c) => c.events.length > 0)
    .sort(
      (a, b) =>
        b.events.length - a.events.length ||
        (a.cascade_id < b.cascade_id ? -1 : a.cascade_id > b.cascade_id ? 1 : 0),
    );
  const shown = sorted.slice(0, maxCascades);
  const omitted = sorted.length - shown.length;
  // A cut among cascades of one size: said, not presented as "smaller" (the tie-break chose).
  const tie = tieAtCut(
    sorted.map((c) => c.events.length),
    shown.length,
  );
  const smaller = omitted - (tie?.left ?? 0);
  return [
    '<section id="vc-cascades">',
    // A selection said as one: "Cascades (12)" of the 6 largest of 36 and of 14 read as all.
    selection
      ? `<h2>Cascades (the ${sorted.length} largest)</h2><p class="vc-note vc-cascades-selection">${escapeHtml(selection)}</p>`
      : `<h2>Cascades (${sorted.length})</h2>`,
    '<p class="vc-note">Each dot is a violent incident placed by date (colour and size by severity: <span class="vc-key vc-key2">2</span> injury, <span class="vc-key vc-key3">3</span> serious injury, shooting or stabbing, <span class="vc-key vc-key4">4</span> homicide); a line joins an incident to the one it appears to answer, and each row down is one more step along the chain. A temporal and relational pattern, not proof of motive.</p>',
    cascadeOverview(sorted, selection ? 'The largest cascades on one time line' : undefined),
    '<h3>The largest cascades, one by one</h3>',
    ...shown.map(cascadeTimeline),
    omitted > 0
      ? `<p class="vc-note vc-cascades-omitted">${[
          tie
            ? `${count(tie.left, 'more cascade')} of ${count(tie.size, 'incident')}, as large as ${tie.kept === 1 ? 'the last' : `the last ${tie.kept}`} drawn, ${tie.left === 1 ? 'is' : 'are'} not drawn: the order of their ids, not their size, chose which ${tie.kept === 1 ? 'one is' : `${tie.kept} are`} drawn.`
            : '',
          smaller > 0
            ? `${smaller === 1 ? '1 smaller cascade is' : `${smaller} smaller cascades are`} not drawn.`
            : '',
        ]
          .filter(Boolean)
          .join(' ')}</p>`
      : '',
    '</section>',
  ].join('\n');
}

function cascadeTimeline(c: ReportCascade): string {
  const width = 720;
  const events = c.events.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byId = new Map(events.map((e) => [e.incident_id, e]));
  // Depth along the chain sets the lane, so a retaliation sits one row below what it answers.
  const depth = new Map<string, number>();
  const depthOf = (id: string, guard = 0): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parent = byId.get(id)?.parent;
    const d =
      parent && byId.has(parent) && guard < events.length ? depthOf(parent, guard + 1) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  const lanes = Math.min(8, Math.max(...events.map((e) => depthOf(e.incident_id))) + 1);
  const height = 34 + lanes * 22;
  const first = isoDay(events[0].date);
  const last = isoDay(events[events.length - 1].date);
  const span = Math.max(1, last - first);
  const x = (iso: string) => round(40 + ((isoDay(iso) - first) / span) * (width - 80));
  const y = (id: string) => 14 + Math.min(lanes - 1, depth.get(id) ?? 0) * 22;
  const edges = events
    .filter((e) => e.parent && byId.has(e.parent))
    .map((e) => {
      const p = byId.get(e.parent as string)!;
      return `<line class="vc-edge" x1="${x(p.date)}" y1="${y(p.incident_id)}" x2="${x(e.date)}" y2="${y(e.incident_id)}"/>`;
    });
  const dots = events.map((e) => {
    const sev = Math.max(0, Math.min(4, Math.round(e.severity)));
    const label = [e.incident_id, e.date.slice(0, 10), `severity ${e.severity}`, e.label ?? '']
      .filter(Boolean)
      .join(' · ');
    return `<circle class="vc-sev${sev}" cx="${x(e.date)}" cy="${y(e.incident_id)}" r="${3 + sev}"><title>${escapeHtml(label)}</title></circle>`;
  });
  const maxSeverity = Math.max(...events.map((e) => e.severity));
  const axisY = height - 16;
  const caption = [
    c.cascade_id,
    c.kind ?? '',
    `${count(events.length, 'incident')} over ${count(last - first, 'day')}`,
    `highest severity ${maxSeverity}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return [
    '<figure class="vc-cascade" style="margin:0">',
    `<h3>${escapeHtml(caption)}</h3>`,
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(caption)}">`,
    `<line class="vc-axis" x1="40" y1="${axisY}" x2="${width - 40}" y2="${axisY}"/>`,
    `<text class="vc-axis-label" x="40" y="${height - 3}">${escapeHtml(events[0].date.slice(0, 10))}</text>`,
    `<text class="vc-axis-label" x="${width - 40}" y="${height - 3}" text-anchor="end">${escapeHtml(events[events.length - 1].date.slice(0, 10))}</text>`,
    ...edges,
    ...dots,
    '</svg>',
    '</figure>',
  ].join('\n');
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function renderTable(t: ReportTable, id: string): string {
  const numeric = new Set(
    t.columns
      .filter(
        (c) =>
          t.rows.length > 0 &&
          t.rows.every(
            (r) => r[c.key] === null || r[c.key] === undefined || typeof r[c.key] === 'number',
          ),
      )
      .map((c) => c.key),
  );
  const head = t.columns
    .map(
      (c) =>
        `<th scope="col"${numeric.has(c.key) ? ' class="vc-num"' : ''}>${escapeHtml(c.label ?? c.key)}</th>`,
    )
    .join('');
  const body = t.rows.map(
    (r) =>
      `<tr>${t.columns
        .map(
          (c) =>
            `<td${numeric.has(c.key) ? ' class="vc-num"' : ''}>${escapeHtml(formatCell(r[c.key]))}</td>`,
        )
        .join('')}</tr>`,
  );
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table>`;
}

/** What each column means, where the table is (for columns that carry a description). */
function columnGuide(t: ReportTable): string {
  const described = t.columns.filter((c) => c.description);
  if (described.length === 0) return '';
  return `<dl class="vc-column-guide">${described
    .map(
      (c) =>
        `<div><dt>${escapeHtml(c.label ?? c.key)}</dt><dd>${escapeHtml(c.description ?? '')}</dd></div>`,
    )
    .join('')}</dl>`;
}

/** The audit: a dot plot when the table has the audit's columns, the table behind a toggle. */
function auditSection(t: ReportTable): string {
  const chart = auditChart(t);
  const table = `<div class="vc-table-wrap" tabindex="0">${renderTable(t, 'vc-audit')}</div>${columnGuide(t)}`;
  return [
    '<section id="vc-audit-section" aria-labelledby="vc-audit-title">',
    `<h2 id="vc-audit-title">Who is on the list, against who was harmed</h2>`,
    chart,
    chart
      ? `<details class="vc-toggle"><summary>Show the full audit table (${count(t.rows.length, 'row')})</summary>${table}</details>`
      : `<h3>${escapeHtml(t.title)}</h3>${table}`,
    t.note ? `<p class="vc-note">${escapeHtml(t.note)}</p>` : '',
    '</section>',
  ].join('\n');
}

function contagionSection(contagion: ReportInput['contagion']): string {
  if (!contagion || contagion.periods.length === 0) return '';
  return [
    '<section id="vc-contagion-section" aria-labelledby="vc-contagion-title">',
    '<h2 id="vc-contagion-title">Contagion over time</h2>',
    contagionChart(contagion.periods, contagion.note, contagion.overall),
    '</section>',
  ].join('\n');
}

function backtestSection(
  backtest: ReportInput['backtest'],
  listLength: number,
  horizonDays: number | undefined,
): string {
  if (!backtest) return '';
  const ran = Boolean(backtest.summary || backtest.table || backtest.curves);
  if (!ran && !backtest.note) return '';
  const chart = backtest.curves
    ? recallChart(backtest.curves, {
        listLength,
        ...(backtest.cuts !== undefined ? { cuts: backtest.cuts } : {}),
        ...(horizonDays !== undefined ? { horizonDays } : {}),
      })
    : '';
  const table = backtest.table
    ? `<details class="vc-toggle"><summary>Show the table per cut date and ranker (${count(backtest.table.rows.length, 'row')})</summary><h3>${escapeHtml(backtest.table.title)}</h3><div class="vc-table-wrap" tabindex="0">${renderTable(backtest.table, 'vc-backtest')}</div>${columnGuide(backtest.table)}${backtest.table.note ? `<p class="vc-note">${escapeHtml(backtest.table.note)}</p>` : ''}</details>`
    : '';
  return [
    '<section id="vc-backtest-section" aria-labelledby="vc-backtest-title">',
    '<h2 id="vc-backtest-title">How well past lists did (backtest)</h2>',
    // Fewer cut dates than asked for, or none: too little history (said, not a refused report).
    backtest.note ? `<p class="vc-note vc-backtest-note">${escapeHtml(backtest.note)}</p>` : '',
    ran
      ? '<p class="vc-note">At past dates, each way of ranking saw only the records before that date; we then counted how many of the people seriously harmed in the following days it would have listed. A higher line finds more of them with the same list length.</p>'
      : '',
    chart,
    backtest.summary
      ? `<details class="vc-toggle"${chart ? '' : ' open'}><summary>Show the backtest summary</summary><pre class="vc-text">${escapeHtml(backtest.summary)}</pre></details>`
      : '',
    table,
    '</section>',
  ].join('\n');
}

function notesSection(notes: string[]): string {
  if (notes.length === 0) return '';
  return [
    '<section id="vc-notes">',
    '<h2>Notes</h2>',
    `<ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`,
    '</section>',
  ].join('\n');
}
