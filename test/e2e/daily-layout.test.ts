import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { mapOrigin, openDashboard, waitForFrames } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] daily-layout.test.ts skipped: ${skipReason}`);

/** Rough edges of daily use (issue 14): a quiet console, whole chart labels, the isochrones of a clicked point, a layout for phones and tablets. */
describe.skipIf(skipReason !== '')('daily use in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws isochrones, projects and the leaders\' charts without deck.gl or luma.gl warning about them', async () => {
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('isochrones'));
    // Day care has no facility counted today: its isochrones arrive as empty MultiPolygons.
    const emptyIsochrones = page.waitForResponse((response) => response.url().includes('/api/isochrones?') && response.url().includes('type=elderly_day_care'));
    // A type with no data is listed only when asked.
    await page.check('[data-testid="show-no-data-types"]');
    await page.selectOption('[data-testid="focus-type-select"]', 'elderly_day_care');
    expect((await (await emptyIsochrones).json()).features.some((feature: any) => feature.geometry.coordinates.length === 0)).toBe(true);
    await page.waitForSelector('[data-testid="focus-no-data"]');
    // deck.gl reads a layer's new data on its next frame.
    await waitForFrames(page, 6);
    await page.selectOption('[data-testid="focus-type-select"]', 'community_health_center');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('isochrones'));
    // The projects are dashed by status (PathStyleExtension); the leaders' charts are ECharts.
    await page.click('[data-testid="tab-projects"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('projects'));
    await page.click('[data-testid="tab-leaders"]');
    for (const chart of ['chart-renovation-by-year', 'chart-projects-by-action', 'chart-coverage-by-year']) {
      await page.waitForSelector(`[data-testid="${chart}"][data-rendered="true"]`);
    }
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('isochrones') && !window.__lifecircle!.layerIds().includes('projects'));
    await waitForFrames(page, 6);
    expect(warnings.filter((text) => /coordinates are malformed|instanceDashArrays/.test(text))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows each facility type\'s whole name in the coverage chart', async () => {
    const labels = await page.locator('[data-testid="coverage-chart-label"]').evaluateAll((elements) => elements.map((element) => element.textContent));
    expect(labels).toContain('公共绿地（≥3000㎡）');
    // Each label fits in its column: none reaches past the chart's left edge.
    const overflow = await page.evaluate(() => {
      const chart = document.querySelector('[data-testid="coverage-chart"]')!.getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="coverage-chart-label"]')].filter((label) => label.getBoundingClientRect().left < chart.left - 0.5).map((label) => label.textContent);
    });
    expect(overflow).toEqual([]);
  });

  it('draws the isochrones of a clicked point as the API computes them, replaces them on the next click, and clears them with the panel', async () => {
    await page.click('[data-testid="tab-coverage"]');
    await page.selectOption('[data-testid="focus-type-select"]', 'community_health_center');
    const map = await mapOrigin(page);
    const clickAndCompare = async (share: { x: number; y: number }) => {
      const origin = await page.evaluate(() => JSON.stringify(window.__lifecircle!.layerData('walk-origin')));
      await page.mouse.click(map.x + map.width * share.x, map.y + map.height * share.y);
      // The clicked point, as the map turned it into a position: the walk's origin.
      await page.waitForFunction((before) => {
        const data = window.__lifecircle!.layerData('walk-origin') as number[][] | null;
        return data?.length === 1 && JSON.stringify(data) !== before;
      }, origin);
      const [[longitude, latitude]] = await page.evaluate(() => window.__lifecircle!.layerData('walk-origin') as number[][]);
      const expected = await (await page.request.get(`${dashboardUrl}/api/isochrones?point=${longitude},${latitude}&minutes=5,10,15`)).json();
      expect(expected.features.map((feature: any) => feature.properties.minutes)).toEqual([15, 10, 5]);
      await page.waitForFunction((geometries) => {
        const drawn = window.__lifecircle!.layerData('point-isochrones') as { features: { geometry: unknown }[] } | null;
        return JSON.stringify(drawn?.features.map((feature) => feature.geometry)) === geometries;
      }, JSON.stringify(expected.features.map((feature: any) => feature.geometry)));
      expect(await page.evaluate(() => window.__lifecircle!.layerIds())).toEqual(expect.arrayContaining(['isochrones', 'point-isochrones', 'walk-origin']));
    };
    await clickAndCompare({ x: 0.3, y: 0.62 });
    await page.keyboard.press('Escape');
    await clickAndCompare({ x: 0.45, y: 0.4 });
    await page.keyboard.press('Escape');
    await page.click('[data-testid="tab-layers"]');
    await page.waitForFunction(() => !window.__lifecircle!.layerIds().includes('point-isochrones'));
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('isochrones'));
    expect(await page.evaluate(() => window.__lifecircle!.layerIds())).not.toContain('point-isochrones');
    expect(pageErrors).toEqual([]);
  });

  /** Whether an element is on the screen, whole, and the element a click at its centre lands on. */
  const onScreen = (target: Page, selector: string) => target.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inside = box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return inside && hit !== null && (hit === element || element.contains(hit));
  });

  for (const { width, height } of [{ width: 390, height: 844 }, { width: 1024, height: 768 }, { width: 1440, height: 900 }]) {
    it(`lays the dashboard out for ${width} px: 登录 on the screen and clickable, the map big enough, every panel reachable`, async () => {
      const narrowPage = await browser.newPage({ viewport: { width, height } });
      try {
        await narrowPage.goto(dashboardUrl);
        await narrowPage.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 60_000 });
        expect(await onScreen(narrowPage, '[data-testid="sign-in-open"]')).toBe(true);
        await narrowPage.click('[data-testid="sign-in-open"]');
        await narrowPage.waitForSelector('[data-testid="sign-in-form"]');
        expect(await onScreen(narrowPage, '[data-testid="sign-in-form"] input[name="username"]')).toBe(true);
        await narrowPage.keyboard.press('Escape');
        const map = (await narrowPage.locator('[data-testid="map"]').boundingBox())!;
        // A phone keeps at least half its height for the map; wider screens most of it.
        expect(map.height).toBeGreaterThanOrEqual(height / 2);
        expect(map.width).toBeGreaterThanOrEqual(width < 700 ? width - 1 : width / 2);
        // Every panel opens from its tab and shows on the screen.
        for (const [tab, panel] of [['tab-coverage', 'coverage-panel'], ['tab-layers', 'side-panel']]) {
          expect(await onScreen(narrowPage, `[data-testid="${tab}"]`)).toBe(true);
          await narrowPage.click(`[data-testid="${tab}"]`);
          await narrowPage.waitForSelector(`[data-testid="${panel}"]`);
          expect(await onScreen(narrowPage, `[data-testid="${panel}"] h2`)).toBe(true);
        }
        // The buttons folded behind ☰ on a narrow screen are one click away; on a wide one they are in the bar.
        if (await narrowPage.locator('[data-testid="menu-button"]').isVisible()) {
          expect(await narrowPage.locator('[data-testid="language-switch"]').isVisible()).toBe(false);
          await narrowPage.click('[data-testid="menu-button"]');
        }
        expect(await onScreen(narrowPage, '[data-testid="language-switch"]')).toBe(true);
        if (width < 700) {
          // The sheet lowers to its tabs, giving the map the screen, and rises again.
          await narrowPage.click('[data-testid="menu-button"]');
          await narrowPage.click('[data-testid="sheet-toggle"]');
          await narrowPage.waitForFunction(() => document.querySelector('[data-testid="map"]')!.getBoundingClientRect().height > window.innerHeight * 0.75);
          await narrowPage.click('[data-testid="tab-coverage"]');
          await narrowPage.waitForSelector('[data-testid="coverage-panel"]');
          expect(await onScreen(narrowPage, '[data-testid="coverage-panel"] h2')).toBe(true);
        }
        await narrowPage.screenshot({ path: join(tmpdir(), `lifecircle-layout-${width}.png`) });
      } finally {
        await narrowPage.close();
      }
    });
  }
});
