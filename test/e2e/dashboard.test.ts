import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import {
  findIsolatedFeature, mapOrigin, summariseCanvasPixels, waitForCameraToSettle, waitForDashboardReady, waitForFrames,
} from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] dashboard.test.ts skipped: ${skipReason}`);

describe.skipIf(skipReason !== '')('the dashboard in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requestedUrls: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('request', (request) => requestedUrls.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(dashboardUrl);
    await waitForDashboardReady(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens on 潍坊新村街道 in Chinese, without errors', async () => {
    expect(pageErrors).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toContain('潍坊新村街道');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    const view = await page.evaluate(() => window.__lifecircle!.view());
    // The subdistrict lies around 121.50–121.54 E, 31.216–31.235 N; the map is fitted to it.
    expect(view.longitude).toBeGreaterThan(121.5);
    expect(view.longitude).toBeLessThan(121.54);
    expect(view.latitude).toBeGreaterThan(31.21);
    expect(view.latitude).toBeLessThan(31.24);
    expect(view.zoom).toBeGreaterThan(13);
  });

  it('draws the offline basemap with no request leaving the dashboard', async () => {
    const origin = new URL(dashboardUrl).origin;
    const external = requestedUrls.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(external).toEqual([]);
    const basemap = await summariseCanvasPixels(page, 'basemap');
    const total = basemap.width * basemap.height;
    // Subdistrict and neighbour fills, water, green and roads cover the whole map: almost nothing is bare background.
    expect(basemap.drawnPixels / total).toBeGreaterThan(0.5);
    expect(basemap.distinctColours).toBeGreaterThan(5);
  });

  it('draws the deck.gl layers on their own canvas', async () => {
    const layerIds = await page.evaluate(() => window.__lifecircle!.layerIds());
    expect(layerIds).toEqual(expect.arrayContaining(['boundary']));
    expect(layerIds.length).toBeGreaterThan(3);
    const deck = await summariseCanvasPixels(page, 'deck');
    expect(deck.drawnPixels / (deck.width * deck.height)).toBeGreaterThan(0.05);
    expect(deck.distinctColours).toBeGreaterThan(10);
  });

  it('removes a layer’s pixels when it is switched off, and restores them', async () => {
    const layerId = 'neighbourhoods';
    const before = await summariseCanvasPixels(page, 'deck');
    await page.locator(`[data-layer-id="${layerId}"] input[type="checkbox"]`).click();
    await page.waitForFunction((id) => !window.__lifecircle!.layerIds().includes(id), layerId);
    await waitForFrames(page);
    const without = await summariseCanvasPixels(page, 'deck');
    expect(without.drawnPixels).toBeLessThan(before.drawnPixels * 0.9);

    await page.locator(`[data-layer-id="${layerId}"] input[type="checkbox"]`).click();
    await page.waitForFunction((id) => window.__lifecircle!.layerIds().includes(id), layerId);
    await waitForFrames(page);
    const restored = await summariseCanvasPixels(page, 'deck');
    expect(Math.abs(restored.drawnPixels - before.drawnPixels)).toBeLessThan(before.drawnPixels * 0.02);
  });

  it('opens a facility’s details, with its Chinese name and source, when it is clicked', async () => {
    const facilityOnScreen = await findIsolatedFeature(page, 'facilities');
    const collectionId = facilityOnScreen ? 'facilities' : 'metro_stations';
    const facility = facilityOnScreen ?? (await findIsolatedFeature(page, 'metro_stations'));
    expect(facility, 'no facility or metro station clear of others on screen').not.toBeNull();
    const origin = await mapOrigin(page);
    await page.mouse.move(origin.x + facility!.x, origin.y + facility!.y);
    await expect(page.locator('.hover-tooltip strong').textContent({ timeout: 5_000 })).resolves.toBe(facility!.name);
    await page.mouse.click(origin.x + facility!.x, origin.y + facility!.y);
    const details = page.locator('[data-testid="details-panel"]');
    await expect(details.locator('h2').textContent({ timeout: 5_000 })).resolves.toBe(facility!.name);
    await expect(details.textContent()).resolves.toContain('数据来源');
    // The note on where it came from is in the interface's language, as the data writes it in each.
    const listed = (await (await fetch(`${dashboardUrl}/api/collections/${collectionId}/items?limit=10000`)).json()) as { features: Array<{ properties: Record<string, string> }> };
    const properties = listed.features.find((feature) => feature.properties.name === facility!.name)!.properties;
    expect(properties.source_detail_zh, 'the seed data has a Chinese note').toMatch(/[\u4e00-\u9fff]/);
    const note = details.getByTestId('source-detail');
    await expect(note.textContent()).resolves.toBe(properties.source_detail_zh);
    await expect(note.getAttribute('lang')).resolves.toBe('zh-CN');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect(note.textContent()).resolves.toBe(properties.source_detail);
    await expect(note.getAttribute('lang')).resolves.toBe('en');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await details.getByRole('button', { name: '关闭' }).click();
    await expect(details.count()).resolves.toBe(0);
  });

  it('says in the details that a generated building footprint is not survey data', async () => {
    const response = await fetch(`${dashboardUrl}/api/collections/buildings/items?limit=10000`);
    expect(response.ok, 'the buildings collection is missing').toBe(true);
    const buildings = (await response.json()) as { features: Array<{ id: string | number; properties: { source?: string } }> };
    const generatedIds = buildings.features.filter((feature) => feature.properties.source === 'generated').map((feature) => feature.id);
    expect(generatedIds.length, 'no generated building footprints in the data').toBeGreaterThan(0);
    const building = await findIsolatedFeature(page, 'buildings', 14, generatedIds);
    expect(building, 'no generated building clear of the point layers on screen').not.toBeNull();
    const origin = await mapOrigin(page);
    await page.mouse.click(origin.x + building!.x, origin.y + building!.y);
    const details = page.locator('[data-testid="details-panel"]');
    await expect(details.locator('h2').textContent({ timeout: 5_000 })).resolves.toBe(building!.name);
    await expect(details.locator('.data-warning').textContent()).resolves.toBe('生成的示意轮廓，非测绘数据');
    await details.getByRole('button', { name: '关闭' }).click();
  });

  it('switches the interface to English and back, keeping place names Chinese', async () => {
    await page.getByTestId('language-switch').click();
    await expect(page.locator('#layers-heading').textContent()).resolves.toBe('Layers');
    await expect(page.locator('.search-box input').getAttribute('placeholder')).resolves.toMatch(/^Search/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('#layers-heading').textContent()).resolves.toBe('图层');
  });

  it('finds a place by its Chinese name and flies the map to it', async () => {
    const target = await page.evaluate(() => {
      // The estate (or facility) farthest from the current centre, so the move is unmistakable.
      const hook = window.__lifecircle!;
      const container = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
      const candidates = [...hook.featuresOnScreen('neighbourhoods'), ...hook.featuresOnScreen('facilities')].filter((feature) => feature.name !== '');
      const distance = (feature: { x: number; y: number }) => Math.hypot(feature.x - container.width / 2, feature.y - container.height / 2);
      return candidates.sort((first, second) => distance(second) - distance(first))[0] ?? null;
    });
    expect(target, 'no estate or facility to search for').not.toBeNull();
    const before = await page.evaluate(() => window.__lifecircle!.view());
    await page.locator('.search-box input').fill(target!.name);
    await expect(page.locator('.search-results li').first().textContent()).resolves.toContain(target!.name);
    await page.locator('.search-box input').press('Enter');
    await page.waitForFunction((start) => {
      const view = window.__lifecircle!.view();
      return view.longitude !== start.longitude || view.latitude !== start.latitude || view.zoom !== start.zoom;
    }, before);
    await waitForCameraToSettle(page);
    const after = await page.evaluate((name) => {
      const hook = window.__lifecircle!;
      const container = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
      const found = [...hook.featuresOnScreen('neighbourhoods'), ...hook.featuresOnScreen('facilities')].find((feature) => feature.name === name)!;
      return { x: found.x, y: found.y, width: container.width, height: container.height };
    }, target!.name);
    // Its details are open, and the place is near the middle of the map left free beside them.
    await expect(page.locator('[data-testid="details-panel"] h2').textContent()).resolves.toBe(target!.name);
    const panel = (await page.locator('[data-testid="details-panel"]').boundingBox())!;
    const map = await mapOrigin(page);
    const freeWidth = panel.x - map.x;
    expect(Math.abs(after.x - freeWidth / 2)).toBeLessThan(freeWidth * 0.2);
    expect(Math.abs(after.y - after.height / 2)).toBeLessThan(after.height * 0.2);
  });

  it('tilts into the 3D view and back', async () => {
    const flat = await summariseCanvasPixels(page, 'deck');
    await page.getByRole('button', { name: '三维视图' }).click();
    await page.waitForFunction(() => window.__lifecircle!.view().pitch > 40);
    await waitForCameraToSettle(page);
    const pitched = await summariseCanvasPixels(page, 'deck');
    expect(pitched.drawnPixels).not.toBe(flat.drawnPixels);
    await page.getByRole('button', { name: '二维视图' }).click();
    await page.waitForFunction(() => window.__lifecircle!.view().pitch < 1);
  });

  it('says so in a banner when the API cannot be read, and recovers on retry', async () => {
    const failingPage = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    try {
      let failing = true;
      await failingPage.route('**/api/collections', (route) =>
        failing
          ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'Unavailable', message: 'database is starting', messageZh: '数据库正在启动' }) })
          : route.continue(),
      );
      await failingPage.goto(dashboardUrl);
      const banner = failingPage.locator('.status-error');
      await expect(banner.textContent({ timeout: 15_000 })).resolves.toContain('无法连接数据服务');
      await expect(banner.textContent()).resolves.toContain('数据库正在启动');
      failing = false;
      await banner.getByRole('button', { name: '重试' }).click();
      await waitForDashboardReady(failingPage);
      await expect(failingPage.locator('.status-error').count()).resolves.toBe(0);
    } finally {
      await failingPage.close();
    }
  });
});
