import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportScripts } from '../../src/node/report-scripts.js';
import { renderReport } from '../../src/report/index.js';
import { cli, syntheticCsv, tempDir } from '../cli/helpers.js';
import { HOSTILE, smallReport } from '../report/fixture.js';
import {
  ARTIFACTS,
  HAS_CHROMIUM,
  HAS_PDFTOTEXT,
  launch,
  openPage,
  type PageLog,
  pdfPages,
} from './browser.js';
import { ROOT } from './ensure-built.js';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const PURPOSE = 'For voluntary outreach and support; not for enforcement or investigative use.';

/** axe-core's violations on the page as it is (injected once). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe's global, injected above
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(
      (v: { id: string; nodes: { target: string[] }[] }) =>
        `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

/** Scores of the visible rows, top to bottom. */
const visibleScores = (page: Page) =>
  page.$$eval('#vc-ranked tbody tr:not([hidden])', (rows) =>
    rows.map((r) => Number((r as HTMLTableRowElement).cells[2].getAttribute('data-value'))),
  );

describe.skipIf(!HAS_CHROMIUM)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let log: PageLog;

  beforeAll(async () => {
    // The real pipeline: a synthetic city through the CLI's report command.
    const dir = tempDir('vc-e2e-');
    const inputs = syntheticCsv(dir, { people: 1200, seed: 11 });
    const r = await cli([
      'report',
      ...inputs,
      '--out',
      join(dir, 'report.html'),
      '--cuts',
      '2',
      '--plan',
      '30',
      '-q',
    ]);
    expect(r.code, r.stderr).toBe(0);
    browser = await launch();
    ({ page, log } = await openPage(browser, pathToFileURL(join(dir, 'report.html')).href));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens from file:// with no console errors, no dialogs and no network requests', async () => {
    await page.waitForSelector('#vc-network circle', { state: 'attached' });
    expect(log.errors).toEqual([]);
    expect(log.dialogs).toEqual([]);
    expect(log.requests).toEqual([]);
  });

  it('shows the purpose label first and the data window under the title', async () => {
    expect(await page.locator('body > :first-child').textContent()).toBe(
      'For voluntary outreach and support; not for enforcement or investigative use.',
    );
    expect(await page.locator('header .vc-meta').textContent()).toMatch(
      /^Data window \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d · as of /,
    );
  });

  it('sorts the table by score both ways and back by rank', async () => {
    const initial = await visibleScores(page);
    expect(initial).toEqual([...initial].sort((a, b) => b - a));
    await page.click('#vc-ranked th:nth-child(3) button');
    expect(await page.getAttribute('#vc-ranked th:nth-child(3)', 'aria-sort')).toBe('ascending');
    const ascending = await visibleScores(page);
    expect(ascending).toEqual([...initial].sort((a, b) => a - b));
    await page.click('#vc-ranked th:nth-child(3) button');
    expect(await visibleScores(page)).toEqual([...initial].sort((a, b) => b - a));
    await page.click('#vc-ranked th:nth-child(1) button');
    const ranks = await page.$$eval('#vc-ranked tbody tr', (rows) =>
      rows.map((r) => Number((r as HTMLTableRowElement).cells[0].textContent)),
    );
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  });

  it('filters the table by the text typed, and says how many rows are shown', async () => {
    const total = await page.locator('#vc-ranked tbody tr').count();
    const id = (await page
      .locator('#vc-ranked tbody tr:nth-child(3) td:nth-child(2)')
      .textContent()) as string;
    await page.fill('#vc-filter', id);
    const shown = await page.locator('#vc-ranked tbody tr:not([hidden])').count();
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(shown).toBeLessThan(total);
    expect(await page.locator('#vc-filter-status').textContent()).toBe(
      `${shown} of ${total} shown`,
    );
    const texts = await page.$$eval('#vc-ranked tbody tr:not([hidden])', (rows) =>
      rows.map((r) => r.textContent ?? ''),
    );
    for (const t of texts) expect(t).toContain(id);
    await page.fill('#vc-filter', '');
    expect(await page.locator('#vc-ranked tbody tr:not([hidden])').count()).toBe(total);
  });

  it('selecting a person draws their network to distance 2 with them at the centre', async () => {
    const row = page.locator('#vc-ranked tbody tr').nth(4);
    const id = (await row.getAttribute('data-person')) as string;
    await row.click();
    expect(await row.getAttribute('class')).toContain('vc-selected');
    expect(await page.locator('#vc-person h3').textContent()).toContain(id);
    expect(await page.locator('#vc-network circle').count()).toBeGreaterThan(1);
    expect(await page.locator('#vc-network .vc-ego title').textContent()).toContain(id);
    expect(await page.locator('#vc-network line.vc-link').count()).toBeGreaterThan(0);
    expect(await page.locator('#vc-network-note').textContent()).toMatch(
      new RegExp(`^${id}: \\d+ people within distance 2`),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: false });
    await page
      .locator('.vc-network-section')
      .screenshot({ path: join(ARTIFACTS, 'report-network.png') });
    expect(log.errors).toEqual([]);
  });

  it('highlights the exposure paths named in the reasons', async () => {
    await page.locator('#vc-ranked tbody tr').first().click();
    expect(await page.locator('#vc-network line.vc-path').count()).toBeGreaterThan(0);
    expect(await page.locator('#vc-network .vc-via').count()).toBeGreaterThan(0);
  });

  it('says what the figures mean at the top, visible without scrolling', async () => {
    const box = await page.locator('#vc-unit-sentence').boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 1e9) + (box?.height ?? 0)).toBeLessThanOrEqual(900);
    expect(await page.locator('#vc-unit-sentence').textContent()).toMatch(
      /means about \d+ in [\d,]+ chance of serious harm in the next 90 days/,
    );
    const first = page.locator('#vc-ranked tbody tr').first().locator('.vc-score');
    expect(await first.locator('.vc-chance').textContent()).toMatch(/^(1 in [\d,]+|\d in 10)$/);
    expect(await first.getAttribute('title')).toMatch(
      /^[\d.]+ expected events of serious harm in 90 days; chance of at least one = 1 − e\^\(−[\d.]+\) = [\d.]+%$/,
    );
  });

  it('"and N more" opens the rest of a person\'s reasons', async () => {
    const more = page.locator('#vc-ranked details.vc-more').first();
    const hidden = more.locator('li').first();
    expect(await hidden.isVisible()).toBe(false);
    await more.locator('summary').click();
    expect(await hidden.isVisible()).toBe(true);
    const n = Number((await more.locator('summary').textContent())?.match(/\d+/)?.[0]);
    expect(await more.locator('li').count()).toBe(n);
    await more.locator('summary').click();
  });

  it("filtering by a group shows exactly that group's people", async () => {
    const data = await page.evaluate(
      () => JSON.parse(document.getElementById('vc-data')?.textContent ?? '{}').ranked,
    );
    const counts = new Map<string, number>();
    for (const r of data as { group?: string }[])
      if (r.group) counts.set(r.group, (counts.get(r.group) ?? 0) + 1);
    const [group, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    await page.fill('#vc-filter', group);
    const groups = await page.$$eval('#vc-ranked tbody tr:not([hidden])', (rows) =>
      rows.map((r) => (r as HTMLTableRowElement).cells[4].textContent),
    );
    // Group ids are the same length, so no other group contains this one as text.
    expect(groups).toEqual(new Array(n).fill(group));
    await page.fill('#vc-filter', '');
  });

  it('moves between rows with the arrow keys and selects with Enter', async () => {
    const rows = page.locator('#vc-ranked tbody tr');
    await rows.nth(0).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const id = (await rows.nth(2).getAttribute('data-person')) as string;
    expect(await page.locator('#vc-person h3').textContent()).toContain(id);
    expect(await page.locator('#vc-person .vc-exact').textContent()).toMatch(/^Exact: /);
  });

  it.skipIf(!HAS_PDFTOTEXT)(
    'printed to PDF, every page carries the purpose label; the case-meeting summary is one A4 page',
    async () => {
      const dir = tempDir('vc-print-');
      const all = join(dir, 'report.pdf');
      await page.pdf({ path: all, format: 'A4' });
      const pages = pdfPages(all);
      expect(pages.length).toBeGreaterThan(2);
      const flat = (t: string) => t.replace(/\s+/g, ' ');
      for (const [i, text] of pages.entries()) {
        expect(flat(text), `page ${i + 1}`).toContain(PURPOSE);
        expect(flat(text), `page ${i + 1}`).toContain(`page ${i + 1} of ${pages.length}`);
      }
      expect(flat(pages[0])).toContain('Case-meeting summary');

      await page.evaluate(() => document.body.classList.add('vc-print-brief'));
      const brief = join(dir, 'brief.pdf');
      await page.pdf({ path: brief, format: 'A4' });
      await page.evaluate(() => document.body.classList.remove('vc-print-brief'));
      const briefPages = pdfPages(brief);
      expect(briefPages).toHaveLength(1);
      expect(flat(briefPages[0])).toContain(PURPOSE);
      expect(flat(briefPages[0])).toMatch(/The first 10 of \d+ people/);
      expect(flat(briefPages[0])).toContain('Caveats');
    },
  );

  it('draws the backtest, audit, contagion and cascade charts, each with a text alternative', async () => {
    const rankers = await page.$$eval('#vc-recall-chart path.vc-line', (ps) =>
      ps.map((p) => p.getAttribute('data-ranker')),
    );
    expect(rankers).toEqual(expect.arrayContaining(['random', 'network hawkes', 'exposure score']));
    expect(await page.locator('#vc-recall-chart .vc-chart-sentence').textContent()).toMatch(
      /^With a list of \d+ people, the share of the people seriously harmed/,
    );
    expect(await page.locator('#vc-audit-chart .vc-audit-row').count()).toBeGreaterThan(2);
    expect(await page.locator('#vc-audit-chart .vc-dot-list').count()).toBeGreaterThan(2);
    expect(await page.locator('#vc-audit').isVisible()).toBe(false);
    await page.locator('#vc-audit-section details.vc-toggle > summary').click();
    expect(await page.locator('#vc-audit').isVisible()).toBe(true);
    expect(await page.locator('#vc-contagion-chart rect.vc-bar').count()).toBeGreaterThan(4);
    // The CLI report has no hawkesInference: the chart says its intervals were not computed.
    expect(await page.locator('#vc-contagion-chart .vc-chart-sentence').textContent()).toContain(
      'Intervals were not computed',
    );
    expect(await page.locator('#vc-contagion-chart .vc-share-band').count()).toBe(0);
    expect(await page.locator('#vc-cascade-overview circle').count()).toBeGreaterThan(2);
    for (const id of ['vc-recall-chart', 'vc-contagion-chart', 'vc-cascade-overview']) {
      const svg = page.locator(`#${id} svg`);
      expect(await svg.getAttribute('role')).toBe('img');
      const described = (await svg.getAttribute('aria-describedby')) as string;
      expect((await page.locator(`[id="${described}"]`).textContent())?.length).toBeGreaterThan(20);
    }
    await page
      .locator('#vc-recall-chart')
      .screenshot({ path: join(ARTIFACTS, 'report-backtest.png') });
    await page.locator('#vc-audit-chart').screenshot({ path: join(ARTIFACTS, 'report-audit.png') });
  });

  it('axe-core finds no accessibility violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('switches the list between highest risk and most harm prevented, by keyboard', async () => {
    type Row = { person_id: string; score: number; reasons: { value: number }[] };
    const data = (await page.evaluate(() =>
      JSON.parse(document.getElementById('vc-data')?.textContent ?? '{}'),
    )) as { ranked: Row[]; plan: Row[] };
    const ids = (table: string) =>
      page.$$eval(`#${table} tbody tr`, (rows) => rows.map((r) => r.getAttribute('data-person')));
    expect(data.plan).toHaveLength(30);
    expect(await page.locator('#vc-ranked').isVisible()).toBe(true);
    expect(await page.locator('#vc-planned').isVisible()).toBe(false);

    // Someone on the risk list but not in the plan is selected: the switch selects the plan's first.
    const planned = new Set(data.plan.map((r) => r.person_id));
    const notPlanned = data.ranked.find((r) => !planned.has(r.person_id));
    expect(notPlanned).toBeDefined();
    await page.locator(`#vc-ranked tr[data-person="${notPlanned?.person_id}"]`).click();

    // Tab to the switch, arrow to the other choice (native radio buttons).
    await page.locator('input[name="vc-list"][value="risk"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('input[name="vc-list"][value="plan"]').isChecked()).toBe(true);
    expect(await page.locator('#vc-ranked').isVisible()).toBe(false);
    expect(await page.locator('#vc-planned').isVisible()).toBe(true);
    expect(await ids('vc-planned')).toEqual(data.plan.map((r) => r.person_id));
    // The two lists differ (the plan counts knock-on harm), and the plan's first is selected.
    expect(data.plan.map((r) => r.person_id)).not.toEqual(
      data.ranked.slice(0, 30).map((r) => r.person_id),
    );
    expect(await page.locator('#vc-person h3').textContent()).toBe(`#1 ${data.plan[0].person_id}`);
    expect(await page.locator('#vc-person .vc-chance-line').textContent()).toMatch(
      /^Prevented: [\d.e-]+ events prevented$/,
    );
    expect(await page.locator('#vc-filter-status').textContent()).toBe('30 of 30 shown');
    // Each person's two reasons add up to the figure shown, exactly.
    for (const r of data.plan) expect(r.reasons[0].value + r.reasons[1].value).toBe(r.score);
    expect(
      Number(
        await page
          .locator('#vc-planned tbody tr')
          .first()
          .locator('.vc-score')
          .getAttribute('data-value'),
      ),
    ).toBe(data.plan[0].score);
    if (HAS_PDFTOTEXT) {
      // The case-meeting summary of the plan still fits one A4 page.
      const brief = join(tempDir('vc-print-'), 'plan-brief.pdf');
      await page.evaluate(() => document.body.classList.add('vc-print-brief'));
      await page.pdf({ path: brief, format: 'A4' });
      await page.evaluate(() => document.body.classList.remove('vc-print-brief'));
      const pages = pdfPages(brief);
      expect(pages).toHaveLength(1);
      expect(pages[0].replace(/\s+/g, ' ')).toMatch(
        /The first 10 of 30 people \(most harm prevented, assumed outreach effect 20%\)/,
      );
    }
    // Printed, the list shown is the one printed, on the summary too.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#vc-planned').isVisible()).toBe(true);
    expect(await page.locator('#vc-ranked').isVisible()).toBe(false);
    expect(await page.locator('#vc-brief [data-list="plan"]').isVisible()).toBe(true);
    expect(await page.locator('#vc-brief [data-list="risk"]').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#vc-list-section').screenshot({ path: join(ARTIFACTS, 'report-plan.png') });

    await page.locator('input[name="vc-list"][value="plan"]').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#vc-ranked').isVisible()).toBe(true);
    expect(await page.locator('#vc-planned').isVisible()).toBe(false);
    expect(await page.locator('#vc-filter-status').textContent()).toMatch(/^\d+ of \d+ shown$/);
    // The plan's first stays selected when they are on the risk list too.
    const keptRank = data.ranked.findIndex((r) => r.person_id === data.plan[0].person_id);
    expect(await page.locator('#vc-person h3').textContent()).toBe(
      keptRank >= 0
        ? `#${keptRank + 1} ${data.plan[0].person_id}`
        : `#1 ${data.ranked[0].person_id}`,
    );
    expect(log.errors).toEqual([]);
  });

  it('listed people in the network drawing are reachable by keyboard', async () => {
    const listedNode = page.locator('#vc-network .vc-node[role="button"]').first();
    if ((await listedNode.count()) === 0) return; // nobody else listed near this person
    const label = (await listedNode.getAttribute('aria-label')) as string;
    await listedNode.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#vc-person h3').textContent()).toContain(label.split(',')[0]);
  });

  it('hides the controls when printed', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.vc-controls').isVisible()).toBe(false);
    expect(await page.locator('#vc-ranked').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});

describe.skipIf(!HAS_CHROMIUM)('a report whose data contains markup', () => {
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a person id and an offence of <script>… as text and runs nothing', async () => {
    const file = join(tempDir('vc-e2e-'), 'hostile.html');
    writeFileSync(file, renderReport(smallReport(), { scripts: reportScripts() }));
    browser = await launch();
    const { page, log } = await openPage(browser, pathToFileURL(file).href);
    const row = page.locator('#vc-ranked tbody tr').nth(1);
    expect(await row.locator('td').nth(1).textContent()).toBe(HOSTILE);
    await row.click();
    expect(await page.locator('#vc-person h3').textContent()).toBe(`#2 ${HOSTILE}`);
    expect(await page.locator('#vc-network .vc-ego text').textContent()).toBe(HOSTILE);
    expect(await page.locator('#vc-person .vc-incidents li').first().textContent()).toContain(
      HOSTILE,
    );
    expect(await page.locator('#vc-audit td', { hasText: '<script>' }).count()).toBe(1);
    expect(await page.locator('script:not([type])').count()).toBe(6); // 5 d3 modules + the viewer
    expect(log.dialogs).toEqual([]);
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
  });
});

describe.skipIf(!HAS_CHROMIUM)('a person with no ties and nine reasons', () => {
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
  });

  it("the panel says '1 more reason' and the network 'no one within distance 2; 0 ties'", async () => {
    const input = smallReport();
    const reasons = Array.from({ length: 9 }, (_, i) => ({
      text: `part ${i + 1}: 0.00${9 - i}`,
      value: (9 - i) / 1000,
      kind: 'exposure',
    }));
    input.ranked = [{ rank: 1, person_id: 'X1', score: 0.045, reasons }];
    const file = join(tempDir('vc-e2e-'), 'lonely.html');
    writeFileSync(file, renderReport(input, { scripts: reportScripts() }));
    browser = await launch();
    const { page, log } = await openPage(browser, pathToFileURL(file).href);
    await page.locator('#vc-ranked tbody tr').first().click();
    expect(await page.locator('#vc-person details summary').textContent()).toBe('1 more reason');
    expect(await page.locator('#vc-network-note').textContent()).toBe(
      'X1: no one within distance 2; 0 ties.',
    );
    expect(log.errors).toEqual([]);
  });

  // P1's ties: P3 and the hostile id at distance 1, P4 at distance 2 (P5, three steps, is not
  // embedded): three people besides P1, who was counted among them ("4 people").
  it('counts the people around the person, not the person too', async () => {
    for (const [max, note] of [
      [150, 'P1: 3 people within distance 2; 3 ties.'],
      [2, 'P1: 3 people within distance 2 (the 1 nearest and strongest drawn); 1 tie.'],
    ] as const) {
      browser ??= await launch();
      const file = join(tempDir('vc-e2e-'), `p1-${max}.html`);
      writeFileSync(
        file,
        renderReport(smallReport(), { scripts: reportScripts(), maxNetworkNodes: max }),
      );
      const { page, log } = await openPage(browser, pathToFileURL(file).href);
      await page.locator('#vc-ranked tbody tr').first().click();
      expect(await page.locator('#vc-network-note').textContent()).toBe(note);
      expect(await page.locator('#vc-network circle').count()).toBe(Math.min(max, 4));
      expect(log.errors).toEqual([]);
      await page.close();
    }
  });
});
