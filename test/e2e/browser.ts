import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from './ensure-built.js';

/** Debian's chromium (CI installs it in .ci/run; playwright cannot download browsers here). */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM && process.env.CI) {
  // In CI a skipped browser suite would hide a broken install step: fail instead.
  throw new Error(`${CHROMIUM} not found in CI: .ci/run must install Debian's chromium`);
}
if (!HAS_CHROMIUM) {
  console.warn(
    `browser tests skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`,
  );
}

/** poppler-utils' pdftotext, to read the text of each printed page. */
export const PDFTOTEXT = '/usr/bin/pdftotext';
export const HAS_PDFTOTEXT = existsSync(PDFTOTEXT);
if (!HAS_PDFTOTEXT && process.env.CI) {
  throw new Error(`${PDFTOTEXT} not found in CI: .ci/run must install Debian's poppler-utils`);
}

/** The text of each page of a PDF file (pdftotext splits pages with a form feed). */
export function pdfPages(file: string): string[] {
  const r = spawnSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
}

/** Screenshots and other artefacts of the browser tests (gitignored). */
export const ARTIFACTS = join(ROOT, 'test/artifacts');

export function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page did while it was open: console errors, uncaught errors, requests, dialogs. */
export interface PageLog {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

/**
 * Opens a URL and records everything that must not happen; any request that is not for the
 * page's own file:// URL is aborted (and recorded), so a stray fetch cannot leave the machine.
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: { allow?: (url: string) => boolean } = {},
): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const log: PageLog = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e.message}`));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    void d.dismiss();
  });
  const allow = options.allow ?? ((u: string) => u === url);
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (allow(u)) return route.continue();
    log.requests.push(u);
    return route.abort();
  });
  page.on('request', (r) => {
    if (!allow(r.url()) && !log.requests.includes(r.url())) log.requests.push(r.url());
  });
  await page.goto(url);
  return { page, log };
}
