import { cellToLatLng } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hexGapSteps } from '../../client/layers/hex-gap-colours.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { countPixelsOfColours, mapOrigin, openDashboard, waitForFrames } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] hex-gap-map.test.ts skipped: ${skipReason}`);

interface HexCellOnPage { cell: string; walkMinutes: number | null; residents: number }

describe.skipIf(skipReason !== '')('the gap heat map (步行时间热力图) in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const heatColours = hexGapSteps.map((step) => step.rgb);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForSelector('[data-testid="focus-summary"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('coverage-estates'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the cells of the focused type in the walking-time colours, with its legend, in place of the estates\' colours', async () => {
    await waitForFrames(page, 4);
    const before = await countPixelsOfColours(page, 'deck', heatColours);
    await page.click('[data-testid="show-hex-grid"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('hex-gap'));
    await page.waitForSelector('[data-testid="hex-summary"]');
    await waitForFrames(page, 6);
    const layerIds = await page.evaluate(() => window.__lifecircle!.layerIds());
    expect(layerIds).not.toContain('coverage-estates');
    expect(layerIds).not.toContain('isochrones');
    const cells = await page.evaluate(() => window.__lifecircle!.layerData('hex-gap')) as HexCellOnPage[];
    const answer = await (await page.request.get(`${dashboardUrl}/api/coverage/hex-grid?type=community_health_center`)).json();
    expect(cells.length).toBe(answer.cells.length);
    // The hexagons cover the subdistrict: far more pixels in the band colours than the estates alone had.
    const after = await countPixelsOfColours(page, 'deck', heatColours);
    expect(after).toBeGreaterThan(before + 5000);
    const legend = page.locator('[data-testid="hex-legend"]');
    await expect(legend.textContent()).resolves.toContain('步行时间热力图');
    await expect(legend.textContent()).resolves.toContain('不可达/无数据');
    await expect(legend.locator('[data-band]').count()).resolves.toBe(5);
    await expect(page.locator('[data-testid="hex-summary"]').textContent()).resolves.toContain('估算');
    expect(pageErrors).toEqual([]);
  });

  it('tells the minutes and estimated residents of the cell under the pointer', async () => {
    const cells = await page.evaluate(() => window.__lifecircle!.layerData('hex-gap')) as HexCellOnPage[];
    const origin = await mapOrigin(page);
    const onScreen = await Promise.all(cells.filter((cell) => cell.walkMinutes !== null && cell.residents > 0).map(async (cell) => {
      const [latitude, longitude] = cellToLatLng(cell.cell);
      const point = await page.evaluate(([longitude, latitude]) => window.__lifecircle!.project(longitude, latitude), [longitude, latitude]);
      return { cell, point };
    }));
    const target = onScreen.find(({ point }) => point.x > 80 && point.y > 80 && point.x < origin.width - 80 && point.y < origin.height - 80);
    expect(target).toBeDefined();
    await page.mouse.move(origin.x + target!.point.x, origin.y + target!.point.y);
    const tooltip = page.locator('[data-testid="hex-cell-tooltip"]');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toContain(`步行 ${target!.cell.walkMinutes!.toFixed(1)} 分钟`);
    await expect(tooltip.textContent()).resolves.toContain(`居民约 ${target!.cell.residents} 人（估算）`);
  });

  it('follows the year slider: the heat map is asked again for the date', async () => {
    const asked = page.waitForRequest((request) => request.url().includes('/api/coverage/hex-grid') && request.url().includes('asOf='));
    await page.locator('[data-testid="as-of-range"]').focus();
    await page.keyboard.press('Home');
    const request = await asked;
    const asOf = new URL(request.url()).searchParams.get('asOf');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('hex-gap'));
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(pageErrors).toEqual([]);
  });
});
