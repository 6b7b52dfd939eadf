/**
 * Takes the dashboard screenshots of docs/screenshots from a running dashboard:
 *   npx tsx test/e2e/take-screenshots.ts http://127.0.0.1:8080/ [output directory]
 * Uses the same headless Chromium as the browser tests.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../helpers/browser.ts';

const dashboardUrl = process.argv[2] ?? 'http://127.0.0.1:8080/';
const outputDirectory = resolve(process.argv[3] ?? join(import.meta.dirname, '../../docs/screenshots'));
mkdirSync(outputDirectory, { recursive: true });

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  const started = Date.now();
  await page.goto(dashboardUrl);
  await page.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 30_000 });
  console.log(`map rendered ${Date.now() - started} ms after navigation`);
  await page.screenshot({ path: join(outputDirectory, 'overview.png') });
  console.log(`wrote ${join(outputDirectory, 'overview.png')}`);
} finally {
  await browser.close();
}
