import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/helpers.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, openPage } from './browser.js';
import { ensureBuilt, ROOT } from './ensure-built.js';

const NOTEBOOKS = join(ROOT, 'notebooks');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Each notebook and an element that appears only when its last cells have run. */
const CASES = [
  {
    file: 'co-offending-network.html',
    done: '#ego-network circle',
    text: /co-offenders from \d+ communities/,
  },
  {
    file: 'shooting-to-outreach.html',
    done: '#backtest-summary',
    text: /network hawkes: log-likelihood/,
  },
  {
    file: 'plan-tradeoff.html',
    done: '#tradeoff-sensitivity',
    text: /reaching 30 people the plan prevents about [\d.]+, against [\d.]+ for the 30 at the highest risk/,
  },
  {
    file: 'report.html',
    done: '#report-download',
    text: /Download the report for 100 people \(\d+ kB\)/,
  },
];

/** A static file server: built notebooks use ES modules, which browsers refuse from file://. */
function serve(root: string): Promise<{ server: Server; base: string }> {
  return new Promise((done) => {
    const server = createServer(async (req, res) => {
      const path = normalize(
        join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)),
      );
      try {
        if (!path.startsWith(root)) throw new Error('outside');
        const body = await readFile(path);
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    });
    server.listen(0, '127.0.0.1', () => {
      done({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
    });
  });
}

describe.skipIf(!HAS_CHROMIUM)(
  'the Observable notebooks, built offline and opened in Chromium',
  () => {
    const out = tempDir('vc-notebooks-');
    let browser: Browser;
    let server: Server;
    let base: string;

    beforeAll(async () => {
      await ensureBuilt();
      const r = spawnSync(
        join(ROOT, 'node_modules/.bin/notebooks'),
        [
          'build',
          '--root',
          NOTEBOOKS,
          '-o',
          out,
          '--',
          ...CASES.map((c) => join(NOTEBOOKS, c.file)),
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      ({ server, base } = await serve(out));
      browser = await launch();
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      server?.close();
    });

    it.each(CASES)(
      '$file runs every cell with no console errors and no request off this machine',
      async ({ file, done, text }) => {
        const url = `${base}${file}`;
        const { page, log } = await openPage(browser, url, { allow: (u) => u.startsWith(base) });
        const missing: string[] = [];
        page.on('response', (r) => {
          // The browser's own favicon probe is not the notebook's doing.
          if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
            missing.push(`${r.status()} ${r.url()}`);
        });
        await page.waitForSelector(done, { state: 'attached', timeout: 60_000 });
        expect(await page.locator('body').textContent()).toMatch(text);
        expect(await page.locator('.observablehq--error').count()).toBe(0);
        await page.screenshot({
          path: join(ARTIFACTS, `notebook-${file.replace('.html', '')}.png`),
          fullPage: true,
        });
        expect(log.errors).toEqual([]);
        expect(log.requests).toEqual([]);
        expect(missing).toEqual([]);
      },
    );
  },
);
