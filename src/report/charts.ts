/**
 * The report's charts, drawn as static SVG at render time (the same picture on screen, on paper
 * and without JavaScript). Each chart has a text alternative: a sentence that says what it
 * shows, an accessible name and description on the SVG, and the numbers in a table behind a
 * toggle. Every piece of data text is escaped.
 */
import { count } from '../core/plural.js';
import { escapeHtml } from './escape.js';
import type {
  ReportCascade,
  ReportCell,
  ReportContagionOverall,
  ReportContagionPeriod,
  ReportRecallCurve,
  ReportTable,
} from './types.js';
import { percent } from './units.js';

/** Rounded to one decimal, for compact coordinates. */
const r1 = (v: number) => Math.round(v * 10) / 10;

/** About `count` round tick values covering [0, max]. */
export function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  // From 0 up to the first tick at or above max, so the axis always covers the data.
  const out: number[] = [0];
  while (out[out.length - 1] < max - step * 1e-9)
    out.push(Number((out.length * step).toPrecision(12)));
  return out;
}

/** Colours of the models (strong) and of the simple baselines; each at least 3:1 against white. */
const MODEL_COLOURS = ['#1f5f8b', '#c51b7d', '#1b7837', '#35978f'];
const BASELINE_COLOURS = ['#b35806', '#6a3d9a', '#8c6d31', '#7f7f00', '#a6611a'];

let chartCounter = 0;

/** The `<details>` toggle holding a chart's numbers as a table. */
function dataToggle(summary: string, columns: string[], rows: ReportCell[][]): string {
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((v) =>
            typeof v === 'number'
              ? `<td class="vc-num">${escapeHtml(String(v))}</td>`
              : `<td>${escapeHtml(v ?? '')}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<details class="vc-toggle"><summary>${escapeHtml(summary)}</summary><div class="vc-table-wrap" tabindex="0"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></details>`;
}

/** A figure: title, SVG (named and described), a plain sentence, a legend and extras. */
function figure(opts: {
  id: string;
  title: string;
  sentence: string;
  svg: string;
  width: number;
  height: number;
  legend?: string;
  after?: string;
}): string {
  const n = ++chartCounter;
  const titleId = `vc-chart-${n}-title`;
  const descId = `vc-chart-${n}-desc`;
  return [
    `<figure class="vc-chart" id="${opts.id}">`,
    `<figcaption><strong id="${titleId}">${escapeHtml(opts.title)}</strong> <span id="${descId}" class="vc-chart-sentence">${escapeHtml(opts.sentence)}</span></figcaption>`,
    `<svg viewBox="0 0 ${opts.width} ${opts.height}" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}">${opts.svg}</svg>`,
    opts.legend ?? '',
    opts.after ?? '',
    '</figure>',
  ].join('\n');
}

/**
 * The backtest as recall against list length: one line per ranker (the mean over the cut
 * dates) with a band from the lowest to the highest cut; random and the oracle are drawn as
 * grey references; a vertical rule marks the length of this list.
 */
export function recallChart(
  curves: ReportRecallCurve[],
  options: { cuts?: number; listLength?: number; horizonDays?: number } = {},
): string {
  const drawn = curves.filter((c) => c.points.length > 1);
  if (drawn.length === 0) return '';
  const cuts = options.cuts ?? 0;
  const W = 720;
  const H = 380;
  const m = { l: 56, r: 16, t: 14, b: 44 };
  const maxK = Math.max(...drawn.flatMap((c) => c.points.map((p) => p.k)));
  const maxR = Math.max(0.05, ...drawn.flatMap((c) => c.points.map((p) => p.high)));
  const yTicks = ticks(Math.min(1, maxR * 1.05));
  const yMax = yTicks[yTicks.length - 1];
  const x = (k: number) => r1(m.l + (k / maxK) * (W - m.l - m.r));
  const y = (v: number) => r1(H - m.b - (v / yMax) * (H - m.t - m.b));
  const parts: string[] = [];
  for (const t of yTicks) {
    parts.push(
      `<line class="vc-grid" x1="${m.l}" x2="${W - m.r}" y1="${y(t)}" y2="${y(t)}"/>`,
      `<text class="vc-tick" x="${m.l - 6}" y="${y(t) + 3}" text-anchor="end">${Math.round(t * 100)}%</text>`,
    );
  }
  for (const t of ticks(maxK, 6)) {
    parts.push(
      `<text class="vc-tick" x="${x(t)}" y="${H - m.b + 14}" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<line class="vc-axis" x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}"/>`,
    `<text class="vc-axis-title" x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle">people on the list (list length)</text>`,
    `<text class="vc-axis-title" transform="translate(14 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">share of people harmed found</text>`,
  );
  if (options.listLength && options.listLength <= maxK) {
    const lx = x(options.listLength);
    parts.push(
      `<line class="vc-marker" x1="${lx}" x2="${lx}" y1="${m.t}" y2="${H - m.b}"/>`,
      `<text class="vc-tick" x="${lx + 4}" y="${m.t + 10}">this list: ${options.listLength}</text>`,
    );
  }
  const colour = new Map<string, string>();
  let models = 0;
  let baselines = 0;
  for (const c of drawn) {
    if (c.role === 'random' || c.role === 'oracle') continue;
    colour.set(
      c.ranker,
      c.role === 'baseline'
        ? BASELINE_COLOURS[baselines++ % BASELINE_COLOURS.length]
        : MODEL_COLOURS[models++ % MODEL_COLOURS.length],
    );
  }
  const cls = (c: ReportRecallCurve) =>
    c.role === 'random' ? 'vc-ref-random' : c.role === 'oracle' ? 'vc-ref-oracle' : 'vc-curve';
  // Bands first, lines on top; the model's lines last so they are never hidden.
  const order = [...drawn].sort(
    (a, b) => (a.role === 'model' ? 1 : 0) - (b.role === 'model' ? 1 : 0),
  );
  // Bands (lowest to highest cut) for the models only: a band per line would hide the lines.
  for (const c of order) {
    if (c.role !== 'model' || cuts < 2) continue;
    const col = colour.get(c.ranker);
    const upper = c.points.map((p) => `${x(p.k)},${y(p.high)}`);
    const lower = c.points
      .slice()
      .reverse()
      .map((p) => `${x(p.k)},${y(p.low)}`);
    parts.push(
      `<polygon class="vc-band ${cls(c)}" data-ranker="${escapeHtml(c.ranker)}" points="${upper.concat(lower).join(' ')}"${col ? ` style="fill:${col}"` : ''}/>`,
    );
  }
  for (const c of order) {
    const col = colour.get(c.ranker);
    const d = c.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.k)},${y(p.recall)}`).join('');
    parts.push(
      `<path class="vc-line ${cls(c)}${c.role === 'model' ? ' vc-model' : ''}" data-ranker="${escapeHtml(c.ranker)}" d="${d}"${col ? ` style="stroke:${col}"` : ''}><title>${escapeHtml(c.ranker)}</title></path>`,
    );
  }
  const at = (c: ReportRecallCurve, k: number) => {
    let best = c.points[0];
    for (const p of c.points) if (Math.abs(p.k - k) < Math.abs(best.k - k)) best = p;
    return best;
  };
  const k0 = options.listLength && options.listLength <= maxK ? options.listLength : maxK;
  const ranked = drawn
    .map((c) => ({ c, p: at(c, k0) }))
    .sort((a, b) => b.p.recall - a.p.recall || (a.c.ranker < b.c.ranker ? -1 : 1));
  const describe = ({ c, p }: { c: ReportRecallCurve; p: (typeof ranked)[number]['p'] }) =>
    `${c.ranker} ${percent(p.recall)}${cuts > 1 && percent(p.high) !== percent(p.low) ? ` (${percent(p.low)}–${percent(p.high)})` : ''}`;
  const sentence = `With a list of ${count(at(ranked[0].c, k0).k, 'person', 'people')}, the share of the people seriously harmed in the next ${count(options.horizonDays ?? 90, 'day')} that each ranking found${cuts > 1 ? `, mean over ${cuts} past dates (lowest–highest)` : ''}: ${ranked.map(describe).join('; ')}.`;
  const legend = `<ul class="vc-legend">${drawn
    .map((c) => {
      const col = colour.get(c.ranker);
      const kind =
        c.role === 'random'
          ? ' (reference: a list drawn at random, expected)'
          : c.role === 'oracle'
            ? ' (reference: knows the true risk)'
            : c.role === 'baseline'
              ? ' (simple baseline)'
              : '';
      return `<li><span class="vc-swatch vc-line-key ${cls(c)}"${col ? ` style="background:${col}"` : ''}></span>${escapeHtml(c.ranker + kind)}</li>`;
    })
    .join(
      '',
    )}${cuts > 1 ? `<li><span class="vc-swatch vc-band-key"></span>shaded: a model's lowest to highest over the ${cuts} past dates</li>` : ''}</ul>`;
  const ks = drawn[0].points.map((p) => p.k).filter((k) => k > 0);
  const sample = ks.filter((_, i) => i % Math.max(1, Math.ceil(ks.length / 12)) === 0);
  const rows = sample.map((k) => [
    k,
    ...drawn.map((c) => {
      const p = at(c, k);
      return cuts > 1
        ? `${percent(p.recall)} (${percent(p.low)}–${percent(p.high)})`
        : percent(p.recall);
    }),
  ]);
  return figure({
    id: 'vc-recall-chart',
    title: 'How many of the people later harmed would past lists have reached?',
    sentence,
    svg: parts.join(''),
    width: W,
    height: H,
    legend,
    after: dataToggle(
      'Show the numbers',
      ['people on the list', ...drawn.map((c) => c.ranker)],
      rows,
    ),
  });
}

/** One row of the audit, as `auditList` makes it. */
interface AuditRow {
  attribute: string;
  value: string;
  list_n: number;
  list_share: number;
  victims_n: number;
  victims_share: number;
  population_share: number | null;
}

/** People harmed below which shares are too noisy to flag anything. */
const MIN_HARMED = 10;

/** Whether a row is disproportionate: one share at least twice the other, on at least 3 people. */
function disproportion(r: AuditRow): 'over' | 'under' | null {
  if (r.list_n >= 3 && r.list_share >= 2 * r.victims_share) return 'over';
  if (r.victims_n >= 3 && r.victims_share >= 2 * r.list_share) return 'under';
  return null;
}

/**
 * The audit as a dot plot, one panel per attribute (area, group, …): each value's share of the
 * list (filled) against its share of the people harmed (ring), joined by a line; values where one
 * is at least twice the other (on 3 or more people) are highlighted. The full table sits behind a
 * toggle. Returns '' when the table does not have the audit's columns.
 */
export function auditChart(t: ReportTable, maxRows = 20): string {
  const keys = new Set(t.columns.map((c) => c.key));
  if (!['attribute', 'value', 'list_share', 'victims_share'].every((k) => keys.has(k))) return '';
  const rows: AuditRow[] = t.rows.map((r) => ({
    attribute: String(r.attribute ?? ''),
    value: String(r.value ?? ''),
    list_n: Number(r.list_n ?? 0),
    list_share: Number(r.list_share ?? 0),
    victims_n: Number(r.victims_n ?? 0),
    victims_share: Number(r.victims_share ?? 0),
    population_share: r.population_share === null ? null : Number(r.population_share ?? 0),
  }));
  const attributes = [...new Set(rows.map((r) => r.attribute))];
  const flagged: string[] = [];
  // People harmed in the comparison window (each attribute partitions them; take the largest sum).
  const harmed = Math.max(
    0,
    ...attributes.map((a) =>
      rows.filter((r) => r.attribute === a).reduce((s, r) => s + r.victims_n, 0),
    ),
  );
  const canFlag = harmed >= MIN_HARMED;
  const panels = attributes.map((attribute) => {
    const all = rows
      .filter((r) => r.attribute === attribute && (r.list_n > 0 || r.victims_n > 0))
      .sort(
        (a, b) =>
          Math.max(b.list_share, b.victims_share) - Math.max(a.list_share, a.victims_share) ||
          (a.value < b.value ? -1 : 1),
      );
    const shown = all.slice(0, maxRows);
    const W = 720;
    const rowH = 18;
    const m = { l: 130, r: 96, t: 8, b: 30 };
    const H = m.t + m.b + shown.length * rowH;
    const maxShare = Math.max(
      0.05,
      ...shown.map((r) => Math.max(r.list_share, r.victims_share, r.population_share ?? 0)),
    );
    const xt = ticks(maxShare);
    const xMax = xt[xt.length - 1];
    const x = (v: number) => r1(m.l + (v / xMax) * (W - m.l - m.r));
    const parts: string[] = [];
    for (const t of xt) {
      parts.push(
        `<line class="vc-grid" x1="${x(t)}" x2="${x(t)}" y1="${m.t}" y2="${H - m.b}"/>`,
        `<text class="vc-tick" x="${x(t)}" y="${H - m.b + 13}" text-anchor="middle">${Math.round(t * 100)}%</text>`,
      );
    }
    parts.push(
      `<text class="vc-axis-title" x="${(m.l + W - m.r) / 2}" y="${H - 4}" text-anchor="middle">share of the list (filled) and of the people harmed (ring)</text>`,
    );
    shown.forEach((r, i) => {
      const cy = m.t + i * rowH + rowH / 2;
      const flag = canFlag ? disproportion(r) : null;
      if (flag)
        flagged.push(
          `${attribute} ${r.value} (${flag === 'over' ? 'more' : 'less'} on the list: ${percent(r.list_share)} of the list, ${percent(r.victims_share)} of those harmed)`,
        );
      parts.push(
        `<g class="vc-audit-row${flag ? ` vc-flag vc-flag-${flag}` : ''}" data-value="${escapeHtml(r.value)}">`,
        flag
          ? `<rect class="vc-flag-bg" x="0" y="${cy - rowH / 2}" width="${W}" height="${rowH}"/>`
          : '',
        `<text class="vc-row-label" x="${m.l - 8}" y="${cy + 4}" text-anchor="end">${escapeHtml(r.value)}</text>`,
        r.population_share !== null
          ? `<line class="vc-pop-tick" x1="${x(r.population_share)}" x2="${x(r.population_share)}" y1="${cy - 6}" y2="${cy + 6}"><title>${escapeHtml(`${r.value}: ${percent(r.population_share)} of everyone in the network`)}</title></line>`
          : '',
        // Nobody harmed: no share of them to draw (a dot at "0% of the people harmed (0)" was one).
        harmed > 0
          ? `<line class="vc-gap" x1="${x(r.list_share)}" x2="${x(r.victims_share)}" y1="${cy}" y2="${cy}"/>`
          : '',
        harmed > 0
          ? `<circle class="vc-dot-victims" cx="${x(r.victims_share)}" cy="${cy}" r="4.5"><title>${escapeHtml(`${r.value}: ${percent(r.victims_share)} of the people harmed (${r.victims_n})`)}</title></circle>`
          : '',
        `<circle class="vc-dot-list" cx="${x(r.list_share)}" cy="${cy}" r="4"><title>${escapeHtml(`${r.value}: ${percent(r.list_share)} of the list (${r.list_n})`)}</title></circle>`,
        flag
          ? `<text class="vc-flag-label" x="${W - m.r + 6}" y="${cy + 4}">${flag === 'over' ? 'more on list' : 'fewer on list'}</text>`
          : '',
        '</g>',
      );
    });
    const more = all.length - shown.length;
    return [
      `<h3>By ${escapeHtml(attribute)}</h3>`,
      `<svg class="vc-audit-svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(`Share of the list and of the people harmed, by ${attribute}`)}">${parts.join('')}</svg>`,
      more > 0
        ? `<p class="vc-note">${count(more, `more ${escapeHtml(attribute)} value with fewer people is`, `more ${escapeHtml(attribute)} values with fewer people are`)} in the table.</p>`
        : '',
    ].join('\n');
  });
  const named =
    flagged.slice(0, 5).join('; ') + (flagged.length > 5 ? `; and ${flagged.length - 5} more` : '');
  const sentence =
    harmed === 0
      ? "Nobody was seriously harmed in the comparison window: there is no one to compare the list with, so only each value's share of the list is drawn, and the grey tick is its share of everyone in the network."
      : !canFlag
        ? `Only ${count(harmed, 'person was', 'people were')} seriously harmed in the comparison window: too few to read differences between the shares, so nothing is highlighted. The grey tick is each value's share of everyone in the network.`
        : flagged.length > 0
          ? `Highlighted, where one share is at least twice the other (on 3 or more people): ${named}. Read these as a prompt to check the data and the list, not as a finding about people.`
          : 'No value is on the list at twice (or half) its share of the people harmed, on 3 or more people.';
  const n = ++chartCounter;
  const legend =
    '<ul class="vc-legend"><li><span class="vc-swatch vc-key-list"></span>share of the list</li>' +
    (harmed > 0
      ? '<li><span class="vc-swatch vc-key-victims"></span>share of the people seriously harmed</li>'
      : '') +
    '<li><span class="vc-swatch vc-line-key vc-key-pop"></span>share of everyone in the network</li><li><span class="vc-swatch vc-key-flag"></span>one share at least twice the other</li></ul>';
  return [
    `<figure class="vc-chart" id="vc-audit-chart" aria-labelledby="vc-chart-${n}-title" aria-describedby="vc-chart-${n}-desc">`,
    `<figcaption><strong id="vc-chart-${n}-title">${escapeHtml(t.title)}</strong> <span id="vc-chart-${n}-desc" class="vc-chart-sentence">${escapeHtml(sentence)}</span></figcaption>`,
    legend,
    ...panels,
    '</figure>',
  ].join('\n');
}

/**
 * Contagion over time: serious-violence events per quarter (bars) and the share the model
 * attributes to contagion (line, right axis), with intervals when the model has them: per
 * quarter (vertical lines) and over the whole window (a band, from `hawkesInference`). Without
 * any, the sentence says they were not computed.
 */
export function contagionChart(
  periods: ReportContagionPeriod[],
  note?: string,
  overall?: ReportContagionOverall,
): string {
  if (periods.length === 0) return '';
  const W = 720;
  const H = 300;
  const m = { l: 48, r: 52, t: 14, b: 46 };
  const maxEvents = Math.max(1, ...periods.map((p) => p.events));
  const et = ticks(maxEvents, 4);
  const eMax = et[et.length - 1];
  const band = (W - m.l - m.r) / periods.length;
  const x = (i: number) => r1(m.l + i * band + band / 2);
  const yE = (v: number) => r1(H - m.b - (v / eMax) * (H - m.t - m.b));
  const yS = (v: number) => r1(H - m.b - v * (H - m.t - m.b));
  const parts: string[] = [];
  for (const t of et) {
    parts.push(
      `<line class="vc-grid" x1="${m.l}" x2="${W - m.r}" y1="${yE(t)}" y2="${yE(t)}"/>`,
      `<text class="vc-tick" x="${m.l - 6}" y="${yE(t) + 3}" text-anchor="end">${t}</text>`,
    );
  }
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<text class="vc-tick vc-share-tick" x="${W - m.r + 6}" y="${yS(t) + 3}">${t * 100}%</text>`,
    );
  }
  if (overall) {
    // The whole window's share and its interval: a band behind the line, on the share axis.
    const lo = Math.max(0, Math.min(1, overall.low));
    const hi = Math.max(lo, Math.min(1, overall.high));
    const est = Math.max(0, Math.min(1, overall.estimate));
    parts.push(
      `<rect class="vc-share-band" x="${m.l}" y="${yS(hi)}" width="${W - m.r - m.l}" height="${r1(yS(lo) - yS(hi))}"><title>${escapeHtml(`share over the whole window: ${percent(est)}, ${Math.round(overall.level * 100)}% interval ${percent(lo)}–${percent(hi)}`)}</title></rect>`,
      `<line class="vc-share-overall" x1="${m.l}" x2="${W - m.r}" y1="${yS(est)}" y2="${yS(est)}"/>`,
    );
  }
  const every = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((p, i) => {
    const bw = Math.max(2, band * 0.7);
    parts.push(
      `<rect class="vc-bar" x="${r1(x(i) - bw / 2)}" y="${yE(p.events)}" width="${r1(bw)}" height="${r1(H - m.b - yE(p.events))}"><title>${escapeHtml(`${p.period}: ${count(p.events, 'event')}, ${percent(p.share)} attributed to contagion`)}</title></rect>`,
    );
    if (i % every === 0)
      parts.push(
        `<text class="vc-tick" x="${x(i)}" y="${H - m.b + 14}" text-anchor="middle">${escapeHtml(p.period)}</text>`,
      );
    if (p.low !== undefined && p.high !== undefined)
      parts.push(
        `<line class="vc-interval" x1="${x(i)}" x2="${x(i)}" y1="${yS(p.low)}" y2="${yS(p.high)}"/>`,
      );
  });
  const d = periods.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${yS(p.share)}`).join('');
  parts.push(`<path class="vc-share-line" d="${d}"/>`);
  periods.forEach((p, i) => {
    parts.push(`<circle class="vc-share-dot" cx="${x(i)}" cy="${yS(p.share)}" r="3"/>`);
  });
  parts.push(
    `<line class="vc-axis" x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}"/>`,
    `<text class="vc-axis-title" transform="translate(12 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">events per quarter</text>`,
    `<text class="vc-axis-title" x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle">quarter</text>`,
  );
  const total = periods.reduce((s, p) => s + p.events, 0);
  const attributed = periods.reduce((s, p) => s + p.events * p.share, 0);
  const last = periods[periods.length - 1];
  const hasIntervals = periods.some((p) => p.low !== undefined);
  const overallText = overall
    ? ` Over the whole window the share is ${percent(overall.estimate)}, ${Math.round(overall.level * 100)}% interval ${percent(overall.low)} to ${percent(overall.high)}${overall.method ? ` (${overall.method})` : ''}: the shaded band${overall.estimate < overall.low || overall.estimate > overall.high ? '; the interval corrects the estimate’s bias, so it need not contain it' : ''}.`
    : '';
  const intervalsText = hasIntervals
    ? ' Vertical lines: the interval of each quarter’s share.'
    : overall
      ? ''
      : note
        ? ''
        : ' Intervals were not computed: the figures are the fitted model’s, without their uncertainty (run hawkesInference on the same records and pass it to reportInput as inference).';
  const sentence = `${count(total, 'serious-violence event')} from ${periods[0].period} to ${last.period}; the model attributes ${percent(total > 0 ? attributed / total : 0)} of ${total === 1 ? 'it' : 'them'} to contagion overall and ${percent(last.share)} in ${last.period}.${overallText}${intervalsText}`;
  const legend = `<ul class="vc-legend"><li><span class="vc-swatch vc-key-bar"></span>events per quarter (left axis)</li><li><span class="vc-swatch vc-line-key vc-key-share"></span>share attributed to contagion (right axis)</li>${overall ? `<li><span class="vc-swatch vc-key-share-band"></span>share over the whole window, ${Math.round(overall.level * 100)}% interval</li>` : ''}</ul>`;
  return figure({
    id: 'vc-contagion-chart',
    title: 'Serious violence over time, and how much of it the model attributes to contagion',
    sentence: note ? `${sentence} ${note}` : sentence,
    svg: parts.join(''),
    width: W,
    height: H,
    legend,
    after: dataToggle(
      'Show the numbers',
      [
        'quarter',
        'events',
        'share attributed to contagion',
        ...(hasIntervals || overall ? ['interval'] : []),
      ],
      [
        ...periods.map((p) => [
          p.period,
          p.events,
          percent(p.share),
          ...(hasIntervals || overall
            ? [
                p.low !== undefined && p.high !== undefined
                  ? `${percent(p.low)}–${percent(p.high)}`
                  : '',
              ]
            : []),
        ]),
        ...(overall
          ? [
              [
                'whole window',
                total,
                percent(overall.estimate),
                `${percent(overall.low)}–${percent(overall.high)}`,
              ],
            ]
          : []),
      ],
    ),
  });
}

/** Days since epoch of an ISO date. */
function day(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/**
 * All cascades on one time axis: one row per cascade (earliest first), a line from its first
 * to its last incident and a dot per incident, coloured and sized by severity.
 */
export function cascadeOverview(
  cascades: ReportCascade[],
  title = 'All cascades on one time line',
): string {
  const cs = cascades
    .filter((c) => c.events.length > 0)
    .map((c) => {
      const days = c.events.map((e) => day(e.date)).filter(Number.isFinite);
      return { c, first: Math.min(...days), last: Math.max(...days) };
    })
    .filter((c) => Number.isFinite(c.first))
    .sort((a, b) => a.first - b.first || (a.c.cascade_id < b.c.cascade_id ? -1 : 1));
  if (cs.length === 0) return '';
  const W = 720;
  const rowH = 16;
  const m = { l: 90, r: 16, t: 8, b: 28 };
  const H = m.t + m.b + cs.length * rowH;
  const t0 = Math.min(...cs.map((c) => c.first));
  const t1 = Math.max(t0 + 1, ...cs.map((c) => c.last));
  const x = (d: number) => r1(m.l + ((d - t0) / (t1 - t0)) * (W - m.l - m.r));
  const parts: string[] = [];
  const y0 = new Date(t0 * 86_400_000).getUTCFullYear();
  const y1 = new Date(t1 * 86_400_000).getUTCFullYear();
  for (let y = y0; y <= y1 + 1; y++) {
    const d = day(`${y}-01-01`);
    if (d < t0 || d > t1) continue;
    parts.push(
      `<line class="vc-grid" x1="${x(d)}" x2="${x(d)}" y1="${m.t}" y2="${H - m.b}"/>`,
      `<text class="vc-tick" x="${x(d)}" y="${H - m.b + 13}" text-anchor="middle">${y}</text>`,
    );
  }
  cs.forEach(({ c, first, last }, i) => {
    const cy = m.t + i * rowH + rowH / 2;
    parts.push(
      `<text class="vc-row-label" x="${m.l - 6}" y="${cy + 4}" text-anchor="end">${escapeHtml(c.cascade_id)}</text>`,
      `<line class="vc-edge" x1="${x(first)}" x2="${x(last)}" y1="${cy}" y2="${cy}"/>`,
    );
    for (const e of c.events) {
      const sev = Math.max(0, Math.min(4, Math.round(e.severity)));
      parts.push(
        `<circle class="vc-sev${sev}" cx="${x(day(e.date))}" cy="${cy}" r="${2 + sev * 0.8}"><title>${escapeHtml([c.cascade_id, e.incident_id, e.date.slice(0, 10), `severity ${e.severity}`, e.label ?? ''].filter(Boolean).join(' · '))}</title></circle>`,
      );
    }
  });
  const longest = cs.reduce((a, b) => (b.last - b.first > a.last - a.first ? b : a));
  const sentence = `${count(cs.length, 'cascade')} between ${new Date(t0 * 86_400_000).toISOString().slice(0, 10)} and ${new Date(t1 * 86_400_000).toISOString().slice(0, 10)}; the longest, ${longest.c.cascade_id}, ran ${count(longest.last - longest.first, 'day')} over ${count(longest.c.events.length, 'incident')}.`;
  return figure({
    id: 'vc-cascade-overview',
    title,
    sentence,
    svg: parts.join(''),
    width: W,
    height: H,
  });
}

/** Resets the id counter (ids stay the same for the same input: deterministic output). */
export function resetChartIds(): void {
  chartCounter = 0;
}
