import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportScripts } from '../../src/node/report-scripts.js';
import { renderReport } from '../../src/report/index.js';
import { cli, syntheticCsv, tempDir } from '../cli/helpers.js';
import { HOSTILE, smallReport } from '../report/fixture.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, openPage, type PageLog } from './browser.js';

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
    expect(await page.locator('.vc-meta').textContent()).toMatch(
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
