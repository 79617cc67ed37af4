import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { tempDir } from '../cli/helpers.js';
import { smallReportWithPlan } from '../report/fixture.js';
import { HAS_CHROMIUM, launch, openPage } from './browser.js';

/**
 * The printed report said "hover over it for the exact figure" and "(exact figure on hover)":
 * on paper there is no hover. Printed, those phrases are gone, the printed text says where the
 * figures are, and the plan's range over the refits (on hover on screen) is in its cell.
 */
describe.skipIf(!HAS_CHROMIUM)('the printed report never says to hover', () => {
  let browser: Browser;
  let page: Page;
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (print hides some), not the DOM's
  const text = (sel: string) => page.locator(sel).first().innerText();

  beforeAll(async () => {
    const file = join(tempDir('vc-print-hover-'), 'report.html');
    // Both lists in the page, each shown once: the plan's column help is read from its table.
    writeFileSync(file, renderReport(smallReportWithPlan()));
    browser = await launch();
    ({ page } = await openPage(browser, pathToFileURL(file).href));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('on screen: the hover notes, and no range in the plan cell', async () => {
    await page.emulateMedia({ media: 'screen' });
    expect(await text('#vc-unit-sentence')).toContain('hover over it for the exact figure');
    expect(await text('#vc-ranked thead')).toContain('(exact figure on hover)');
    expect(await page.locator('#vc-planned .vc-range').first().isVisible()).toBe(false);
  });

  it('printed: no "hover" anywhere; where the figures are instead', async () => {
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (print hides some), not the DOM's
    const all = await page.locator('body').innerText();
    expect(all).not.toMatch(/hover/i);
    expect(await text('#vc-unit-sentence')).toContain(
      'the figures under it are the same chance as a percentage and the expected events it comes from.',
    );
    expect(await text('#vc-ranked thead')).toContain(
      '(under it: as a percentage, and the expected events)',
    );
    // The plan printed: its range over the refits in the cell (it was only in the title).
    await page.evaluate(() => {
      document.querySelectorAll<HTMLElement>('.vc-list-view').forEach((v) => {
        v.hidden = v.dataset.list !== 'plan';
      });
    });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (print hides some), not the DOM's
    expect(await page.locator('body').innerText()).not.toMatch(/hover/i);
    expect(await text('#vc-planned thead')).toContain('(under it: the range over the refits)');
    expect(await text('#vc-planned tbody .vc-score')).toMatch(/over the refits 0\.015 to /);
    await page.emulateMedia({ media: 'screen' });
  });
});
