import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForCameraToSettle, waitForDashboardReady, waitForFrames } from './dashboard-page.ts';

/**
 * The 导入数据 dialog with a file's preview, for docs/screenshots/import-dialog.png: the page is
 * reloaded, signed in as an editor (the server's first admin) if it is not, the file chosen, its
 * bad rows left out, and the camera settled on its rows. Nothing is written.
 */
export async function previewImportForScreenshot(page: Page, dashboardUrl: string, username: string, password: string, filePath: string): Promise<void> {
  await page.goto(dashboardUrl);
  await waitForDashboardReady(page);
  if (await page.locator('[data-testid="signed-in-user"]').count() === 0) {
    await page.click('[data-testid="sign-in-open"]');
    await page.fill('[data-testid="sign-in-form"] input[name="username"]', username);
    await page.fill('[data-testid="sign-in-form"] input[name="password"]', password);
    await page.click('[data-testid="sign-in-submit"]');
    await page.waitForSelector('[data-testid="signed-in-user"]');
  }
  await page.click('[data-testid="tab-layers"]');
  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file-input"]', { name: basename(filePath), mimeType: 'application/octet-stream', buffer: readFileSync(filePath) });
  await page.waitForSelector('[data-testid="import-preview-table"]');
  await page.check('[data-testid="import-keep-good-rows"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="import-count-added"]')?.textContent !== '0');
  await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('import-preview'));
  await waitForCameraToSettle(page);
  // The dialog scrolled to the preview: the counts and the table of rows.
  await page.evaluate(() => {
    const dialog = document.querySelector<HTMLElement>('[data-testid="import-dialog"]')!;
    dialog.scrollTop = document.querySelector<HTMLElement>('[data-testid="import-columns"]')!.offsetTop - 8;
  });
  await waitForFrames(page, 6);
}
