/**
 * The HTML report for a 100-person list: file size, and time to render in headless Chromium
 * (navigation start to the first person's network drawn), median of 5 loads. Cities of 1,200 and
 * 10,000 people, 4-cut backtest.   node --import tsx bench/report.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { analyse, renderReport, reportInput, synthCity } from '../src/index.js';
import { reportScripts } from '../src/node/report-scripts.js';
import { median, time } from './timing.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-bench-report-'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  'people | list | HTML bytes | renderReport ms (CPU ms) | Chromium render ms, median of 5 (min–max)',
);
for (const people of [1200, 10_000]) {
  const city = synthCity({ people, seed: 11, years: 4, feud: {} });
  const analysis = analyse(city.data, { limit: 100, cuts: 4 });
  const input = reportInput(analysis);
  const r = time(() => renderReport(input, { scripts: reportScripts() }));
  const file = join(dir, `report-${people}.html`);
  writeFileSync(file, r.value);
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#vc-network circle', { state: 'attached' });
    loads.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  const bytes = Buffer.byteLength(r.value);
  console.log(
    `${people} | ${input.ranked.length} | ${bytes} (${(bytes / 1e6).toFixed(2)} MB) | ${r.ms.toFixed(0)} (${r.cpuMs.toFixed(0)}) | ${median(loads).toFixed(0)} (${Math.min(...loads).toFixed(0)}–${Math.max(...loads).toFixed(0)})`,
  );
}
await browser.close();
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
