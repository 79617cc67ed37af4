import { describe, expect, it } from 'vitest';
import { escapeHtml, formatCell, jsonForScript, renderReport } from '../../src/report/index.js';
import { HOSTILE, PURPOSE, smallReport } from './fixture.js';

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
    expect(html).toContain('Data window 2019-01-01 to 2024-01-01');
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

describe('formatCell', () => {
  it('formatCell(value) shows integers as they are and fractions to 3 significant digits', () => {
    expect(formatCell(12)).toBe('12');
    expect(formatCell(0.0123456)).toBe('0.0123');
    expect(formatCell(1234.56)).toBe('1234.6');
    expect(formatCell(true)).toBe('yes');
    expect(formatCell(null)).toBe('');
  });
});
