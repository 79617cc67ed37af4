/**
 * Screenshots of the HTML report for the faces guide (docs/guide/faces.md): the top of the
 * report, a person's network, the backtest chart, the audit chart and the list switched to
 * "most harm prevented", on the seeded synthetic city the e2e tests use (1,200 people, seed 11,
 * a 4-cut backtest with the oracle, a 30-person outreach plan).
 *
 *   node --import tsx scripts/report-screenshots.ts [out-dir]   # default docs/images
 *
 * Needs Debian's chromium at /usr/bin/chromium. Nothing in the pictures is about real people.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import {
  analyse,
  defaultRankers,
  oracleRanker,
  renderReport,
  reportInput,
  synthCity,
  trueExpectedEvents,
} from '../src/index.js';
import { reportScripts } from '../src/node/report-scripts.js';

const out = resolve(process.argv[2] ?? 'docs/images');
mkdirSync(out, { recursive: true });

const city = synthCity({ people: 1200, seed: 11, years: 4, feud: {} });
const rankers = [...defaultRankers(), oracleRanker(trueExpectedEvents(city.truth))];
const analysis = analyse(city.data, {
  horizonDays: 90,
  limit: 100,
  cuts: 4,
  rankers,
  plan: { capacity: 30 },
});
const html = renderReport(reportInput(analysis), { scripts: reportScripts() });
const file = join(mkdtempSync(join(tmpdir(), 'vc-shots-')), 'report.html');
writeFileSync(file, html);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#vc-network circle', { state: 'attached' });
  const shots: [string, string | null][] = [
    ['report-top.png', null],
    ['report-network.png', '.vc-network-section'],
    ['report-backtest.png', '#vc-recall-chart'],
    ['report-audit.png', '#vc-audit-chart'],
  ];
  for (const [name, selector] of shots) {
    const path = join(out, name);
    if (selector) await page.locator(selector).screenshot({ path });
    else await page.screenshot({ path });
    console.log(`wrote ${path}`);
  }
  // The list switched to the plan: the top of the list section (switch, intro, first rows).
  await page.locator('input[name="vc-list"][value="plan"]').check();
  // boundingBox is relative to the viewport; a full-page clip wants page coordinates.
  const box = await page.locator('#vc-list-section').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
  });
  if (box) {
    const path = join(out, 'report-plan.png');
    await page.screenshot({
      path,
      fullPage: true,
      clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 760) },
    });
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
}
