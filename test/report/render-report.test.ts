import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, OptionError } from '../../src/core/errors.js';
import {
  chanceOfAtLeastOne,
  chancePhrase,
  escapeHtml,
  formatCell,
  jsonForScript,
  renderReport,
} from '../../src/report/index.js';
import { HOSTILE, PURPOSE, smallReport, smallReportWithPlan } from './fixture.js';

/** The JSON the report embeds for its viewer. */
function dataSection(html: string): string {
  const m = /<script type="application\/json" id="vc-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no data section');
  return m[1];
}

/** Every `<script>` element's body, in order. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

describe('renderReport', () => {
  const html = renderReport(smallReport());

  it('renderReport(input) puts the purpose label first in the body and again in the footer', () => {
    const body = html.slice(html.indexOf('<body>'));
    expect(body.indexOf(PURPOSE)).toBeGreaterThan(0);
    expect(body.indexOf(PURPOSE)).toBeLessThan(body.indexOf('<h1>'));
    expect(html).toMatch(new RegExp(`<footer>${PURPOSE.replace(/[.;]/g, '\\$&')}`));
    // The window's end is exclusive: its last day is printed (it read '… to 2024-01-01').
    expect(html).toContain('Data window 2019-01-01 to 2023-12-31 · as of 2024-01-01');
  });

  it('renders a person id or offence of <script>… as text, never as markup', () => {
    // The only <script> elements are the report's own: data, viewer boot (no d3 passed here).
    expect(scripts(html)).toHaveLength(2);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain(`data-person="${escapeHtml(HOSTILE)}"`);
    const data = dataSection(html);
    expect(data).not.toMatch(/[<>]/);
    expect(JSON.parse(data).ranked[1].person_id).toBe(HOSTILE);
  });

  it('jsonForScript(value) escapes <, >, & and the JavaScript line separators', () => {
    const text = jsonForScript({ a: '</script><!-- & \u2028' });
    expect(text).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}');
    expect(JSON.parse(text).a).toBe('</script><!-- & \u2028');
  });

  it('inlines the given scripts with any </script inside them neutralised', () => {
    const withScript = renderReport(smallReport(), { scripts: ['var s = "</script><b>";'] });
    const all = scripts(withScript);
    expect(all).toHaveLength(3);
    expect(all[1]).toBe('var s = "<\\/script><b>";');
  });

  it('the viewer boot script is valid JavaScript after stringification', () => {
    const boot = scripts(html).at(-1) as string;
    expect(() => new Function(boot)).not.toThrow();
    expect(boot).toContain("getElementById('vc-data')");
  });

  it('makes no network requests: no external URLs and a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`);
  });

  it('keeps only ties and people within distance 2 of a listed person', () => {
    const data = JSON.parse(dataSection(html));
    expect(data.ties).toEqual([
      ['P1', 'P3', 2, '2023-11-01'],
      ['P3', 'P4', 1, '2021-05-01'],
      [HOSTILE, 'P1', 1, '2023-06-01'],
    ]);
    expect(data.people.map((p: { person_id: string }) => p.person_id)).toEqual(['P1', 'P3']);
  });

  it('keeps incidents named by a reason or recent and involving listed people, drops old ones', () => {
    const data = JSON.parse(dataSection(html));
    expect(data.incidents.map((i: { incident_id: string }) => i.incident_id)).toEqual([
      'I3',
      'I-x',
    ]);
  });

  it('draws one dot per cascade event and one line per parent link', () => {
    const svg = /<figure class="vc-cascade"[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.match(/<line class="vc-edge"/g)).toHaveLength(2);
    expect(svg).toContain('R1 · retaliation · 3 incidents over 41 days · highest severity 4');
  });

  it('renders the audit table, the backtest summary and the notes, escaped', () => {
    expect(html).toContain('<th scope="col" class="vc-num">list share</th>');
    expect(html).toContain(`<td>${escapeHtml(HOSTILE)}</td>`);
    expect(html).toContain('<pre class="vc-text">ranker | recall@1%\nmodel | 0.12</pre>');
    expect(html).toContain('<li>3 incidents older than the retention horizon were excluded.</li>');
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(renderReport(smallReport())).toBe(html);
  });

  it('the data section matches the golden snapshot', async () => {
    const pretty = `${JSON.stringify(JSON.parse(dataSection(html)), null, 2)}\n`;
    await expect(pretty).toMatchFileSnapshot('__snapshots__/report-data.json.snap');
  });
});

describe('plain units', () => {
  const html = renderReport(smallReport());

  it('chanceOfAtLeastOne(expected) is 1 − e^(−expected), 0 for none', () => {
    expect(chanceOfAtLeastOne(0.276)).toBeCloseTo(1 - Math.exp(-0.276), 12);
    expect(chanceOfAtLeastOne(0)).toBe(0);
    expect(chanceOfAtLeastOne(Number.NaN)).toBe(0);
  });

  it('chancePhrase(p) reads as "1 in N" below 3 in 10 and in tenths above', () => {
    expect(chancePhrase(chanceOfAtLeastOne(0.276))).toBe('1 in 4');
    expect(chancePhrase(0.0071)).toBe('1 in 140');
    expect(chancePhrase(0.052)).toBe('1 in 19');
    expect(chancePhrase(0.45)).toBe('5 in 10');
    expect(chancePhrase(0.0004)).toBe('less than 1 in 1,000');
    expect(chancePhrase(0.99)).toBe('almost certain');
  });

  it('shows each score as a chance, with the exact figure in the title', () => {
    // P1: 0.052 expected events → 5.07% → "1 in 20".
    expect(html).toContain('<span class="vc-chance">1 in 20</span>');
    expect(html).toContain(
      'title="0.052 expected events of serious harm in 90 days; chance of at least one = 1 − e^(−0.052) = 5.1%"',
    );
    // The hover note on screen only; printed, where the figures are instead.
    expect(html).toContain(
      'of serious harm in the next 90 days<span class="vc-screen-only"> (exact figure on hover)</span><span class="vc-print-only"> (under it: as a percentage, and the expected events)</span>',
    );
  });

  it('opens with "How to read this list", whose first line says what the figure means', () => {
    const howto = html.indexOf('How to read this list');
    expect(howto).toBeGreaterThan(0);
    expect(howto).toBeLessThan(html.indexOf('id="vc-ranked"'));
    expect(html).toMatch(
      /<li id="vc-unit-sentence"><strong>“1 in 20”<\/strong> means about 1 in 20 chance of serious harm in the next 90 days/,
    );
  });

  it('says what the list must not be used for, at the top and on the case-meeting summary', () => {
    const howto = /<aside class="vc-howto"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
    expect(howto).toContain(
      '<li id="vc-not-for"><strong>Not for</strong>: stops, searches, arrests, charges, bail, sentencing,',
    );
    expect(howto).toContain('Being listed is not evidence of anything');
    const caveats = /<ul class="vc-caveats">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(caveats).toContain('<li>Not for: stops, searches, arrests, charges, bail, sentencing,');
  });

  it('says in plain words what "background" and harm spreading through others mean, where they appear', () => {
    const howto = (h: string) => /<aside class="vc-howto"[\s\S]*?<\/aside>/.exec(h)?.[0] ?? '';
    // The fixture's first person has a background part; no one has a knock-on part.
    expect(howto(html)).toContain(
      '<li><strong>their own record</strong> in the reasons: the part of the score that comes from the person’s own record alone',
    );
    expect(howto(html)).not.toContain('harm spreading to them through others in the network');
    const input = smallReport();
    input.ranked = input.ranked.map((r) => ({
      ...r,
      reasons: [
        ...r.reasons.filter((x) => x.kind !== 'background'),
        {
          text: 'harm spreading to them through others in the network: 0.01',
          value: 0.01,
          kind: 'knock-on',
        },
      ],
    }));
    const other = howto(renderReport(input));
    expect(other).not.toContain('<strong>their own record</strong>');
    expect(other).toContain(
      '<li><strong>harm spreading to them through others in the network</strong>: harm the model expects to pass on',
    );
  });

  it('folds reasons beyond the third under "and N more", which holds them all', () => {
    const more = /<details class="vc-more"><summary>and 2 more<\/summary>(.*?)<\/details>/.exec(
      html,
    );
    expect(more?.[1]).toContain('co-offended with P4 (shot 300 days ago)');
    expect(more?.[1]).toContain('co-offended with P8 (cut 200 days ago)');
  });

  it('shows warnings in a banner, escaped, before the list', () => {
    const banner = /<section class="vc-banner"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(banner).toContain('Read with care (1 warning)');
    expect(banner).toContain(escapeHtml(HOSTILE));
    expect(renderReport({ ...smallReport(), warnings: [] })).not.toContain('id="vc-warnings"');
  });

  it('has a one-page case-meeting summary with the top of the list, figures and caveats', () => {
    const brief = /<section id="vc-brief"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(brief).toContain('The first 2 of 2 people');
    expect(brief).toContain('1 in 20 (5.1%)');
    expect(brief).toContain('and 3 more');
    expect(brief).toContain('people in the network');
    expect(brief).toContain('Caveats');
  });

  it('puts the purpose label in every printed page box, as a CSS string that cannot end the style', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).toMatch(/@top-center \{ content: "For voluntary outreach and support\\3b {2}not/);
    const hostile = renderReport({ ...smallReport(), purpose: '</style><script>x()</script>"' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(hostile)?.[1] ?? '';
    expect(style).not.toMatch(/[<>"]\s*script|<\//);
    expect(style).toContain('\\3c \\2f style\\3e ');
  });
});

describe('formatCell', () => {
  it('formatCell(value) shows integers as they are and fractions to 3 significant digits', () => {
    expect(formatCell(12)).toBe('12');
    expect(formatCell(0.0123456)).toBe('0.0123');
    expect(formatCell(1234.56)).toBe('1234.6');
    expect(formatCell(true)).toBe('yes');
    expect(formatCell(null)).toBe('');
  });

  it('formatCell(value) never prints -0, rounding noise around 0, NaN or Infinity', () => {
    // Before: '-1e-17' for a difference of two sums where nothing differs, 'NaN', 'Infinity'.
    expect(formatCell(-1e-17)).toBe('0');
    expect(formatCell(3e-16)).toBe('0');
    expect(formatCell(-0)).toBe('0');
    expect(formatCell(Number.NaN)).toBe('n/a');
    expect(formatCell(Number.POSITIVE_INFINITY)).toBe('n/a');
    expect(formatCell(Number.NEGATIVE_INFINITY)).toBe('n/a');
    // Small real values and negatives are kept.
    expect(formatCell(-0.000412)).toBe('-0.000412');
    expect(formatCell(2.5e-7)).toBe('2.5e-7');
    expect(formatCell(-150.04)).toBe('-150.0');
    fc.assert(
      fc.property(fc.double(), (x) => {
        const text = formatCell(x);
        return !/^-0(\.0*)?$|NaN|Infinity|e-1[3-9]|e-[2-9]\d|e-3\d\d/.test(text);
      }),
    );
  });
});

describe('renderReport options and input', () => {
  it('publishes its defaults as renderReport.defaults', () => {
    expect(renderReport.defaults).toEqual({
      scripts: [],
      recentDays: 180,
      minSeverity: 3,
      maxCascades: 12,
      maxNetworkNodes: 150,
      summaryPeople: 10,
      list: 'risk',
    });
    expect(Object.isFrozen(renderReport.defaults)).toBe(true);
  });

  it('refuses a misspelt option, naming the closest valid one', () => {
    // @ts-expect-error misspelt option
    const call = () => renderReport(smallReport(), { recentDay: 30 });
    expect(call).toThrow(OptionError);
    expect(call).toThrow(/unknown option 'recentDay'\. Did you mean 'recentDays'\?/);
    // @ts-expect-error misspelt option
    expect(() => renderReport(smallReport(), { summaryPeeple: 5 })).toThrow(/'summaryPeople'/);
  });

  it('refuses an option value of the wrong kind, saying what it expects', () => {
    expect(() => renderReport(smallReport(), { maxNetworkNodes: 0 })).toThrow(
      /option 'maxNetworkNodes' must be a whole number ≥ 1, got 0/,
    );
    // @ts-expect-error wrong kind
    expect(() => renderReport(smallReport(), { scripts: 'd3' })).toThrow(OptionError);
    // @ts-expect-error not a list name
    expect(() => renderReport(smallReport(), { list: 'harm' })).toThrow(/one of 'risk', 'plan'/);
  });

  it('an option given as undefined takes its default', () => {
    expect(renderReport(smallReport(), { recentDays: undefined })).toBe(
      renderReport(smallReport()),
    );
  });

  it('names what it got and what it expects when the input is not a report input', () => {
    // @ts-expect-error not an input
    expect(() => renderReport(null)).toThrow(InputError);
    // @ts-expect-error not an input
    expect(() => renderReport([])).toThrow(/expected a ReportInput .* got an array of 0/);
    // An analysis passed directly: told to go through reportInput.
    // @ts-expect-error an analysis, not a report input
    expect(() => renderReport({ list: {}, graph: {}, data: {} })).toThrow(
      /pass them through reportInput first/,
    );
    const { purpose: _p, ...noPurpose } = smallReport();
    // @ts-expect-error missing purpose
    expect(() => renderReport(noPurpose)).toThrow(/missing purpose/);
  });

  it('refuses a non-finite score rather than show NaN, naming the row', () => {
    const input = smallReport();
    input.ranked[0].score = Number.NaN;
    expect(() => renderReport(input)).toThrow(/input\.ranked\[0\] \(P1\) has score NaN/);
    const plan = smallReportWithPlan();
    plan.plan!.ranked[1].reasons[0].value = Number.POSITIVE_INFINITY;
    expect(() => renderReport(plan)).toThrow(/input\.plan\.ranked\[1\] \(P1\)/);
  });

  it("refuses list: 'plan' when the input has no plan", () => {
    expect(() => renderReport(smallReport(), { list: 'plan' })).toThrow(/has no plan/);
  });
});

describe('the list switch: highest risk or most harm prevented', () => {
  const html = renderReport(smallReportWithPlan());
  const data = JSON.parse(dataSection(html));

  it('without a plan there is no switch and one list', () => {
    const plain = renderReport(smallReport());
    expect(plain).not.toContain('name="vc-list"');
    expect(plain).not.toContain('id="vc-planned"');
  });

  it('shows two radio buttons, the risk list checked and the plan hidden by default', () => {
    expect(html).toMatch(
      /<fieldset class="vc-switch" id="vc-list-switch"><legend>Order the list by<\/legend>/,
    );
    expect(html).toContain(
      '<input type="radio" name="vc-list" value="risk" checked> highest risk (2 people)',
    );
    expect(html).toContain(
      '<input type="radio" name="vc-list" value="plan"> most harm prevented (2 people)',
    );
    expect(html).toMatch(/<div class="vc-list-view" data-list="risk">/);
    expect(html).toMatch(/<div class="vc-list-view" data-list="plan" hidden>/);
    expect(data.list).toBe('risk');
    const planFirst = renderReport(smallReportWithPlan(), { list: 'plan' });
    expect(planFirst).toMatch(/<div class="vc-list-view" data-list="risk" hidden>/);
    expect(planFirst).toContain('value="plan" checked');
    expect(JSON.parse(dataSection(planFirst)).list).toBe('plan');
  });

  it("shows the plan's figure as events prevented, its parts adding up to it, and the refits", () => {
    const planTable = /<table id="vc-planned"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(planTable).toContain('data-score-label="Prevented"');
    expect(planTable).toContain('<span class="vc-chance">0.02</span>');
    expect(planTable).toContain('in the plan in 95% of refits');
    expect(planTable).toContain('(0.0125 + 0.0075); over the refits 0.015 to 0.026');
    expect(planTable).toContain('what their own risk rests on (1)');
    for (const r of data.plan) {
      expect(r.reasons.reduce((t: number, x: { value: number }) => t + x.value, 0)).toBe(r.score);
    }
    expect(html).toContain(
      'reaching the 2 people with the highest risk instead would prevent about 0.021',
    );
    expect(html).toContain(`<li>Ties broken by ${escapeHtml(HOSTILE)}.</li>`);
  });

  it("embeds the plan's people and keeps the ties within distance 2 of them", () => {
    expect(data.plan.map((r: { person_id: string }) => r.person_id)).toEqual(['P3', 'P1']);
    // P3 is on the plan only: the tie P4–P5 is two steps from P3 and now kept.
    const ties = data.ties.map((t: string[]) => `${t[0]}-${t[1]}`);
    expect(ties).toContain('P4-P5');
  });

  it('the case-meeting summary has both lists, only the shown one visible', () => {
    const brief = /<section id="vc-brief"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(brief).toMatch(
      /<div class="vc-brief-block" data-list="risk"><h3>The first 2 of 2 people \(highest risk\)/,
    );
    expect(brief).toMatch(
      /<div class="vc-brief-block" data-list="plan" hidden><h3>The first 2 of 2 people \(most harm prevented, assumed outreach effect 20%\)/,
    );
    expect(brief).toContain('0.02, in the plan in 95% of refits');
    // The plan's block says what "Prevented" rests on, with the plan's own cautions, escaped.
    const planBlock = brief.slice(brief.indexOf('data-list="plan"'), brief.indexOf('<h3>Caveats'));
    expect(planBlock).toContain(
      'if outreach lowers their rate of serious harm by 20% (an assumption): about 0.03 for the whole plan, against 0.021 for as many people at the highest risk.',
    );
    expect(planBlock).toContain(`<li>Ties broken by ${escapeHtml(HOSTILE)}.</li>`);
  });
});
