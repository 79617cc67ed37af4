import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { reportScripts } from '../../src/node/report-scripts.js';
import { renderReport } from '../../src/report/index.js';
import { tempDir } from '../cli/helpers.js';
import { HAS_CHROMIUM, launch, openPage } from './browser.js';

/** A report with nobody listed (no serious event to model) opens cleanly and says why, on screen and printed. */
describe.skipIf(!HAS_CHROMIUM)('a report with nobody listed, in headless Chromium', () => {
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
  });

  it('no console errors, no empty drawing, the statement on screen and on the printed summary', async () => {
    const why = 'No incident of severity 3 or more, so there is no serious event to model.';
    const file = join(tempDir('vc-nobody-'), 'report.html');
    writeFileSync(
      file,
      renderReport(
        {
          purpose: 'For voluntary outreach and support; not for enforcement or investigative use.',
          window: { from: '2018-01-01', to: '2024-01-01' },
          ranked: [],
          people: [{ person_id: 'A', incidents: 2, victimisations: 0, lastSeen: '2023-05-01' }],
          ties: [],
          noList: why,
        },
        { scripts: reportScripts() },
      ),
    );
    browser = await launch();
    const { page, log } = await openPage(browser, pathToFileURL(file).href);
    expect(log.errors).toEqual([]);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (print hides some), not the DOM's
    expect(await page.locator('#vc-list-section .vc-no-list').innerText()).toBe(why);
    expect(await page.locator('svg').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (print hides some), not the DOM's
    expect(await page.locator('#vc-brief .vc-no-list').innerText()).toBe(why);
    expect(log.errors).toEqual([]);
  });
});
