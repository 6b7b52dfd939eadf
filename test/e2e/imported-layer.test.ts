import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importedLayerIdOf, isImportedCollection } from '../../client/layers/catalogue.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { findIsolatedFeature, mapOrigin, openDashboard, waitForCameraToSettle } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] imported-layer.test.ts skipped: ${skipReason}`);

const fixtures = resolve(import.meta.dirname, '../fixtures/import');
// A KML of five made-up facilities and one estate outline (test/fixtures/import/README.md), into a layer of its own.
const collectionId = 'visited_places_kml';
const collectionTitle = '走访点位（KML）';
const layerId = importedLayerIdOf(collectionId);
const importedFeatureCount = 6;

describe.skipIf(skipReason !== '')('a layer brought in by an import, in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const layerItem = () => page.locator(`[data-testid="imported-layers"] [data-layer-id="${layerId}"]`);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists a new layer from the 导入数据 dialog with its title and count, draws it, opens its features, switches it off, and keeps it for the next visit', async () => {
    const listed = (await (await page.request.get(`${dashboardUrl}/api/collections`)).json()).collections as Array<{ id: string }>;
    expect(listed.map((summary) => summary.id)).not.toContain(collectionId);
    await page.click('[data-testid="tab-layers"]');
    await page.waitForSelector('.layer-list li');
    // With no imported collection, there is no heading at all.
    if (!listed.some((summary) => isImportedCollection(summary.id))) expect(await page.locator('[data-testid="imported-layers"]').count()).toBe(0);

    await page.click('[data-testid="sign-in-open"]');
    await page.fill('[data-testid="sign-in-form"] input[name="username"]', 'imported-layer-editor');
    await page.fill('[data-testid="sign-in-form"] input[name="password"]', await addUser(dashboardUrl, 'imported-layer-editor', 'editor'));
    await page.click('[data-testid="sign-in-submit"]');
    await page.waitForSelector('[data-testid="signed-in-user"]');

    await page.click('[data-testid="import-open"]');
    await page.waitForSelector('[data-testid="import-dialog"]');
    await page.selectOption('[data-testid="import-target-select"]', '');
    // The form reads a field when it changes (on leaving it), as a person typing would.
    await page.fill('[data-testid="import-new-id"]', collectionId);
    await page.locator('[data-testid="import-new-id"]').blur();
    await page.fill('[data-testid="import-new-title"]', collectionTitle);
    await page.locator('[data-testid="import-new-title"]').blur();
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: 'facilities.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: readFileSync(join(fixtures, 'facilities.kml')),
    });
    await page.waitForFunction((count) => document.querySelector('[data-testid="import-count-added"]')?.textContent === String(count), importedFeatureCount);
    await page.click('[data-testid="import-run"]');
    await expect(page.locator('[data-testid="import-result"]').textContent()).resolves.toMatch(new RegExp(`已写入 ${importedFeatureCount} 个要素`));

    // Without reloading the page: listed under its heading, with its title and count, switched on, and drawn.
    await layerItem().waitFor();
    await expect(page.locator('#imported-layers-heading').textContent()).resolves.toBe('导入的图层');
    await expect(layerItem().locator('.layer-title').textContent()).resolves.toBe(collectionTitle);
    await expect(layerItem().locator('.layer-count').textContent()).resolves.toBe(String(importedFeatureCount));
    await expect(layerItem().locator('input[type="checkbox"]').isChecked()).resolves.toBe(true);
    await page.waitForFunction((id) => window.__lifecircle!.layerIds().includes(id), layerId);
    const data = await page.evaluate((id) => window.__lifecircle!.layerData(id) as { features: Array<{ id: string | number; geometry: { type: string }; properties: { name: string } }> }, layerId);
    expect(data.features.map((feature) => feature.properties.name)).toContain('福山路健身点');
    // Its points: a click inside its area would rightly open the narrower building under it.
    const pointIds = data.features.filter((feature) => feature.geometry.type === 'Point').map((feature) => feature.id);
    expect(pointIds.length).toBeGreaterThan(0);

    // One of its points, clear of the facilities and stations: the pointer names it, a click opens its details.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await waitForCameraToSettle(page);
    // Framed beside the dialog, its points sit among the facilities: zoom in around the one with most room.
    const roomiest = await page.evaluate(({ id, ids }) => {
      const hook = window.__lifecircle!;
      const others = ['facilities', 'metro_stations', 'residents_committees'].flatMap((other) => hook.featuresOnScreen(other));
      const room = (feature: { x: number; y: number }) => Math.min(...others.map((other) => Math.hypot(other.x - feature.x, other.y - feature.y)));
      const container = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
      return hook.featuresOnScreen(id)
        .filter((feature) => ids.includes(feature.id as string | number))
        .filter((feature) => feature.x > 60 && feature.y > 60 && feature.x < container.width - 400 && feature.y < container.height - 60)
        .sort((first, second) => room(second) - room(first))[0];
    }, { id: collectionId, ids: pointIds });
    expect(roomiest, 'none of the imported points is on the visible map').toBeDefined();
    let origin = await mapOrigin(page);
    const zoomBefore = await page.evaluate(() => window.__lifecircle!.view().zoom);
    await page.mouse.move(origin.x + roomiest.x, origin.y + roomiest.y);
    // Two zoom levels closer: four times the room. One turn of the wheel at a time, each waited for.
    for (let zoom = zoomBefore; zoom < zoomBefore + 2;) {
      await page.mouse.wheel(0, -300);
      await page.waitForFunction((previous) => window.__lifecircle!.view().zoom > previous + 0.1, zoom);
      await waitForCameraToSettle(page);
      zoom = await page.evaluate(() => window.__lifecircle!.view().zoom);
    }
    const point = await findIsolatedFeature(page, collectionId, 24, pointIds);
    expect(point, 'no imported point clear of the other point layers on screen').not.toBeNull();
    origin = await mapOrigin(page);
    await page.mouse.move(origin.x + point!.x, origin.y + point!.y);
    await expect(page.locator('.hover-tooltip strong').textContent({ timeout: 5_000 })).resolves.toBe(point!.name);
    await page.mouse.click(origin.x + point!.x, origin.y + point!.y);
    const details = page.locator('[data-testid="details-panel"]');
    await expect(details.locator('h2').textContent({ timeout: 5_000 })).resolves.toBe(point!.name);
    await details.getByRole('button', { name: '关闭' }).click();

    // Unticked, it is no longer drawn; ticked, it is again.
    await layerItem().locator('input[type="checkbox"]').click();
    await page.waitForFunction((id) => !window.__lifecircle!.layerIds().includes(id), layerId);
    await layerItem().locator('input[type="checkbox"]').click();
    await page.waitForFunction((id) => window.__lifecircle!.layerIds().includes(id), layerId);

    await page.click('[data-testid="language-switch"]');
    await expect(page.locator('#imported-layers-heading').textContent()).resolves.toBe('Imported layers');
    // The editor's own title, in both languages.
    await expect(layerItem().locator('.layer-title').textContent()).resolves.toBe(collectionTitle);
    await page.click('[data-testid="language-switch"]');

    // Opened again, the dashboard lists and draws it from the start, switched on.
    const another = await openDashboard(browser, dashboardUrl, pageErrors);
    await another.waitForFunction((id) => window.__lifecircle!.layerIds().includes(id), layerId);
    await expect(another.locator(`[data-layer-id="${layerId}"] input[type="checkbox"]`).isChecked()).resolves.toBe(true);
    await another.close();
    expect(pageErrors).toEqual([]);
  });
});
