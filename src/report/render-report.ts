import { escapeHtml, jsonForScript, scriptForInline } from './escape.js';
import { REPORT_CSS } from './styles.js';
import type {
  RenderReportOptions,
  ReportCascade,
  ReportCell,
  ReportInput,
  ReportRankedPerson,
  ReportTable,
} from './types.js';
import { type ViewerData, viewer } from './viewer.js';

const DEFAULTS = {
  recentDays: 180,
  minSeverity: 3,
  maxCascades: 12,
  maxNetworkNodes: 150,
} as const;

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
  const o = { ...DEFAULTS, ...options };
  const asOf = input.asOf ?? input.window.to;
  const data = reportData(input, { ...o, asOf });
  const title = input.title ?? DEFAULT_TITLE;
  const scripts = (options.scripts ?? []).map((s) => `<script>${scriptForInline(s)}</script>`);
  // `__name` is the helper esbuild-based runners (tsx, keepNames builds) insert into function
  // bodies; the shim lets the stringified viewer run however this module was compiled.
  const boot =
    `(function(){var __name=function(f){return f;};var el=document.getElementById('vc-data');` +
    `var run=${viewer.toString()};` +
    `run(window.d3,JSON.parse(el.textContent),document);})();`;

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network requests, ever: the policy forbids fetching anything but inline code and data.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<div class="vc-purpose" role="note">${escapeHtml(input.purpose)}</div>`,
    '<main>',
    header(input, title, asOf),
    rankedSection(input.ranked),
    networkSection(o.recentDays, o.minSeverity),
    cascadesSection(input.cascades ?? [], o.maxCascades),
    input.audit ? tableSection('vc-audit', input.audit) : '',
    backtestSection(input.backtest),
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

/**
 * The data the report embeds for its viewer, pruned to what the page can show: ties and people
 * within distance 2 of a listed person, and incidents that are recent or named by a reason.
 * Exposed for tests (the golden snapshot of the data section).
 */
export function reportData(
  input: ReportInput,
  options: { asOf: string; recentDays: number; minSeverity: number; maxNetworkNodes: number },
): ViewerData {
  const ties = input.ties ?? [];
  const adjacency = new Map<string, string[]>();
  for (const t of ties) {
    (adjacency.get(t.source) ?? adjacency.set(t.source, []).get(t.source)!).push(t.target);
    (adjacency.get(t.target) ?? adjacency.set(t.target, []).get(t.target)!).push(t.source);
  }
  const kept = new Set<string>();
  for (const r of input.ranked) {
    kept.add(r.person_id);
    for (const n of adjacency.get(r.person_id) ?? []) {
      kept.add(n);
      for (const m of adjacency.get(n) ?? []) kept.add(m);
    }
  }
  const named = new Set<string>();
  for (const r of input.ranked)
    for (const reason of r.reasons) if (reason.incidentId) named.add(reason.incidentId);
  const recentFrom = isoDay(options.asOf) - options.recentDays;
  const asOfDay = isoDay(options.asOf);
  const listed = new Set(input.ranked.map((r) => r.person_id));
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
    ranked: input.ranked.map((r) => ({
      rank: r.rank,
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
    })),
    people: (input.people ?? []).filter((p) => kept.has(p.person_id)),
    ties: ties
      .filter((t) => kept.has(t.source) && kept.has(t.target))
      .map((t): [string, string, number, string] => [t.source, t.target, t.count, t.last]),
    incidents,
  };
}

/** Days since epoch of an ISO date (or date-time); NaN when unparseable. */
function isoDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** Numbers shown with at most 3 significant digits below 100, one decimal above. */
export function formatCell(value: ReportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
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
    `Data window ${escapeHtml(input.window.from)} to ${escapeHtml(input.window.to)}`,
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
    '</header>',
  ].join('\n');
}

function definitionList(cls: string, entries: [string, ReportCell][]): string {
  const items = entries.map(
    ([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(formatCell(v))}</dd></div>`,
  );
  return `<dl class="${cls}">${items.join('')}</dl>`;
}

function rankedSection(ranked: ReportRankedPerson[]): string {
  const hasGroup = ranked.some((r) => r.group);
  const hasArea = ranked.some((r) => r.area);
  const th = (label: string, type: 'number' | 'text') =>
    `<th scope="col" data-type="${type}"${type === 'number' ? ' class="vc-num"' : ''}><button type="button">${label}</button></th>`;
  const head = [
    th('Rank', 'number'),
    th('Person', 'text'),
    th('Score', 'number'),
    th('Reasons', 'text'),
    hasGroup ? th('Group', 'text') : '',
    hasArea ? th('Area', 'text') : '',
  ].join('');
  const body = ranked.map((r) => {
    const reasons = r.reasons
      .slice(0, 3)
      .map((x) => `<li>${escapeHtml(x.text)}</li>`)
      .join('');
    const more =
      r.reasons.length > 3 ? `<li class="vc-note">and ${r.reasons.length - 3} more</li>` : '';
    return [
      `<tr data-person="${escapeHtml(r.person_id)}" tabindex="0">`,
      `<td class="vc-num" data-value="${r.rank}">${r.rank}</td>`,
      `<td class="vc-id">${escapeHtml(r.person_id)}</td>`,
      `<td class="vc-num" data-value="${r.score}">${escapeHtml(formatCell(r.score))}</td>`,
      `<td>${r.explanation ? `<div>${escapeHtml(r.explanation)}</div>` : ''}<ul class="vc-reason-list">${reasons}${more}</ul></td>`,
      hasGroup ? `<td>${escapeHtml(r.group ?? '')}</td>` : '',
      hasArea ? `<td>${escapeHtml(r.area ?? '')}</td>` : '',
      '</tr>',
    ].join('');
  });
  return [
    '<section id="vc-list-section">',
    `<h2>People to offer support to (${ranked.length})</h2>`,
    '<p class="vc-note">Each person is listed for the reasons shown; the parts of a score add up to it. Select a person to see their network.</p>',
    '<div class="vc-controls"><label>Filter <input id="vc-filter" type="search" placeholder="person, group, reason…" autocomplete="off"></label><span id="vc-filter-status"></span></div>',
    '<div class="vc-list">',
    `<table id="vc-ranked"><thead><tr>${head}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody></table>`,
    '</div>',
    '</section>',
  ].join('\n');
}

function networkSection(recentDays: number, minSeverity: number): string {
  return [
    '<section class="vc-network-section">',
    '<h2>Network of the selected person (distance 2)</h2>',
    '<div class="vc-panel">',
    '<div id="vc-person"><p class="vc-note">Select a person in the list.</p></div>',
    '<figure class="vc-figure" style="margin:0">',
    '<svg id="vc-network" viewBox="0 0 640 480" role="img" aria-label="Co-offending network of the selected person"></svg>',
    '<ul class="vc-legend">',
    '<li><span class="vc-swatch" style="background:#2a6f97"></span>selected person</li>',
    `<li><span class="vc-swatch" style="background:#c0392b"></span>seriously harmed (severity ≥ ${minSeverity}) in the last ${recentDays} days</li>`,
    '<li><span class="vc-swatch" style="background:#6f8797"></span>distance 1</li>',
    '<li><span class="vc-swatch" style="background:#b8c4cc"></span>distance 2</li>',
    `<li><span class="vc-swatch vc-line" style="background:#e08e0b"></span>tie with a shared incident in the last ${recentDays} days</li>`,
    '<li><span class="vc-swatch vc-line" style="background:#c0392b"></span>exposure path named in the reasons</li>',
    '</ul>',
    '<figcaption id="vc-network-note"></figcaption>',
    '</figure>',
    '</div>',
    '</section>',
  ].join('\n');
}

function cascadesSection(cascades: ReportCascade[], maxCascades: number): string {
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
  return [
    '<section id="vc-cascades">',
    `<h2>Cascades (${sorted.length})</h2>`,
    '<p class="vc-note">Each dot is a violent incident placed by date (colour and size by severity: <span class="vc-key vc-key2">2</span> injury, <span class="vc-key vc-key3">3</span> serious injury, shooting or stabbing, <span class="vc-key vc-key4">4</span> homicide); a line joins an incident to the one it appears to answer, and each row down is one more step along the chain. A temporal and relational pattern, not proof of motive.</p>',
    ...shown.map(cascadeTimeline),
    omitted > 0 ? `<p class="vc-note">${omitted} smaller cascades are not drawn.</p>` : '',
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
    `${events.length} incidents over ${last - first} days`,
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

function tableSection(id: string, t: ReportTable): string {
  return [
    `<section id="${id}-section">`,
    `<h2>${escapeHtml(t.title)}</h2>`,
    renderTable(t, id),
    t.note ? `<p class="vc-note">${escapeHtml(t.note)}</p>` : '',
    '</section>',
  ].join('\n');
}

function backtestSection(backtest: ReportInput['backtest']): string {
  if (!backtest || (!backtest.summary && !backtest.table)) return '';
  return [
    '<section id="vc-backtest-section">',
    '<h2>How well past lists did (backtest)</h2>',
    backtest.summary ? `<pre class="vc-text">${escapeHtml(backtest.summary)}</pre>` : '',
    backtest.table
      ? `<h3>${escapeHtml(backtest.table.title)}</h3>${renderTable(backtest.table, 'vc-backtest')}`
      : '',
    backtest.table?.note ? `<p class="vc-note">${escapeHtml(backtest.table.note)}</p>` : '',
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
