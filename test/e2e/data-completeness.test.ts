import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { openDashboard } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] data-completeness.test.ts skipped: ${skipReason}`);

/** 数据完整度 in the browser (issue 10, item 5): what the answers stand on, and what to import first. */
describe.skipIf(skipReason !== '')('the 数据完整度 page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens from the layer list for anyone, and shows each layer and type as the server counts them', async () => {
    await page.click('[data-testid="tab-layers"]');
    await page.click('[data-testid="completeness-open"]');
    await page.waitForSelector('[data-testid="completeness-dialog"][data-loaded="true"]');
    const answer = await (await page.request.get(`${dashboardUrl}/api/data-completeness`)).json();

    const layers = await page.locator('[data-testid="completeness-layers"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({ id: row.getAttribute('data-collection'), share: row.getAttribute('data-real-share'), text: row.textContent })));
    expect(layers.map((layer) => layer.id)).toEqual(answer.layers.map((layer: any) => layer.collectionId));
    const buildings = layers.find((layer) => layer.id === 'buildings')!;
    const buildingsAnswer = answer.layers.find((layer: any) => layer.collectionId === 'buildings');
    expect(buildings.text).toContain(`${Math.round(buildingsAnswer.realShare * 100)}%`);

    const types = await page.locator('[data-testid="completeness-types"] tr[data-type]').evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.getAttribute('data-type'), row.getAttribute('data-has-real-site') === 'true'])));
    expect(Object.keys(types).sort()).toEqual(answer.facilityTypes.map((type: any) => type.facilityType).sort());
    for (const type of answer.facilityTypes) expect(types[type.facilityType], type.facilityType).toBe(type.hasRealSite);
    // A type with no real site says 无数据, not a zero.
    const missing = answer.facilityTypes.find((type: any) => !type.hasRealSite);
    await expect(page.locator(`[data-testid="completeness-types"] tr[data-type="${missing.facilityType}"]`).textContent()).resolves.toContain('无数据');

    const first = await page.locator('[data-testid="completeness-import-first"] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
    expect(first).toEqual(answer.importFirst.map((entry: any) => entry.key));
    // A visitor cannot import: no button.
    await expect(page.locator('[data-testid="completeness-import"]').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="completeness-dialog"]', { state: 'detached' });
  });

  it('opens from the life-circle panel where basic types lack data, and speaks English after the switch', async () => {
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForSelector('[data-testid="types-with-data"]');
    await page.click('[data-testid="open-completeness"]');
    await page.waitForSelector('[data-testid="completeness-dialog"][data-loaded="true"]');
    await page.click('[data-testid="language-switch"]');
    await expect(page.locator('#completeness-heading').textContent()).resolves.toBe('Data completeness');
    await page.click('[data-testid="language-switch"]');
    await page.click('[data-testid="completeness-close"]');
    await page.waitForSelector('[data-testid="completeness-dialog"]', { state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
