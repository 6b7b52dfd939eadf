import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { holdRequests, mapOrigin, waitForDashboardReady } from './dashboard-page.ts';
import { clickAt, openSignedInPage, pagePointOf, waitForDrawingTools } from './project-drawing-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] project-drawing.test.ts skipped: ${skipReason}`);

// A square of about 190 × 220 m in the middle of 潍坊新村街道 (well inside its boundary), and a
// stray vertex far off that the test places and then undoes.
const centre = [121.5165, 31.2262];
const half = 0.001;
const corners: [number, number][] = [
  [centre[0] - half, centre[1] - half], [centre[0] + half, centre[1] - half], [centre[0] + half, centre[1] + half], [centre[0] - half, centre[1] + half],
];
const strayVertex: [number, number] = [centre[0] + 2.5 * half, centre[1] + 2 * half];
const title = `绘制测试项目-${Date.now()}`;

async function findProjectsTitled(page: Page, wanted: string) {
  const body = await (await page.request.get(`${dashboardUrl}/api/collections/projects/items?limit=10000`)).json();
  return (body.features as { id: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] } }[])
    .filter((feature) => feature.properties.title_zh === wanted);
}

describe.skipIf(skipReason !== '')('drawing a new project with terra-draw in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openSignedInPage(browser, dashboardUrl, 'drawing-editor', 'editor');
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws a polygon with real clicks, undoes a stray vertex, and shows the impact while drawing', async () => {
    await page.click('[data-testid="tab-projects"]');
    await page.click('[data-testid="new-project"]');
    await page.waitForSelector('[data-testid="drawing-toolbar"]');
    await page.waitForSelector('[data-testid="project-editor"]');
    await waitForDrawingTools(page);
    await page.click('[data-testid="draw-polygon"]');
    await expect(page.locator('[data-testid="draw-polygon"]').getAttribute('aria-pressed')).resolves.toBe('true');

    const points = [];
    for (const [longitude, latitude] of corners) points.push(await pagePointOf(page, longitude, latitude));
    for (const point of points.slice(0, 3)) await clickAt(page, point);
    // A vertex in the wrong place, taken back with the toolbar's undo (terra-draw's drawing history).
    await clickAt(page, await pagePointOf(page, ...strayVertex));
    await page.waitForSelector('[data-testid="draw-undo"]:not([disabled])');
    await page.click('[data-testid="draw-undo"]');
    await page.waitForTimeout(300);
    await clickAt(page, points[3]);
    // Clicking the first vertex again closes the polygon.
    await clickAt(page, points[0]);

    await page.waitForFunction(() => document.querySelector('[data-testid="geometry-summary"]')?.textContent?.startsWith('Polygon'));
    await page.waitForSelector('[data-testid="impact-area"]', { timeout: 20_000 });
    const shownArea = await page.locator('[data-testid="impact-area"]').textContent();
    // About 190 m × 222 m: between 3 and 5 hectares, whatever the snapping did to the corners.
    const hectares = Number(shownArea!.replace(/[^\d.]/g, ''));
    expect(hectares).toBeGreaterThan(3);
    expect(hectares).toBeLessThan(5);
    await expect(page.locator('[data-testid="impact-estates"]').textContent()).resolves.toMatch(/^[1-9]\d* · /);
    await expect(page.locator('[data-testid="impact-walk"]').textContent()).resolves.toMatch(/5 分钟: [\d,]+ · 10 分钟: [\d,]+ · 15 分钟: [\d,]+/);
    (globalThis as { shownArea?: string }).shownArea = shownArea!;

    // Linking a place by clicking it on the map: the click links, and adds no vertex or shape.
    await page.click('[data-testid="pick-links"]');
    await expect(page.locator('[data-testid="draw-polygon"]').getAttribute('aria-pressed')).resolves.toBe('false');
    // An estate in the open part of the map: clear of the toolbar (top left), the form (right) and the drawn square.
    const origin = await mapOrigin(page);
    const square = await pagePointOf(page, centre[0], centre[1]);
    const estate = await page.evaluate(({ width, height, squareX, squareY }) => window.__lifecircle!.featuresOnScreen('neighbourhoods').find((feature) =>
      feature.name !== '' && feature.x > 60 && feature.x < width - 500 && feature.y > 140 && feature.y < height - 60
      && Math.hypot(feature.x - squareX, feature.y - squareY) > 150), { width: origin.width, height: origin.height, squareX: square.x - origin.x, squareY: square.y - origin.y });
    expect(estate).toBeDefined();
    await clickAt(page, { x: origin.x + estate!.x, y: origin.y + estate!.y });
    await page.waitForSelector('[data-testid="linked-features"] .chip');
    await expect(page.locator('[data-testid="linked-features"] .chip').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="geometry-summary"]').textContent()).resolves.toBe('Polygon · 1 个图形');
    await page.click('[data-testid="pick-links"]');
  }, 150_000);

  it('shows the server\'s message at the field for an invalid value, and stores nothing', async () => {
    await page.fill('[data-testid="input-title"]', title);
    await page.selectOption('[data-testid="input-action"]', 'functions');
    await expect(page.locator('[data-testid="input-item"]').inputValue()).resolves.toBe('9');
    await page.selectOption('[data-testid="input-item"]', '10');
    await page.fill('[data-testid="input-lead-unit"]', '营商办');
    await page.fill('[data-testid="partner-unit-input"]', '潍坊四村居民区党组织');
    await page.press('[data-testid="partner-unit-input"]', 'Enter');
    await page.selectOption('[data-testid="input-status"]', 'in_progress');
    await page.fill('[data-testid="input-progress"]', '150');
    await page.fill('[data-testid="input-budget"]', '35.5');
    await page.fill('[data-testid="input-description"]', '浏览器测试绘制的项目');
    await page.click('[data-testid="save-project"]');

    const problem = page.locator('[data-testid="field-progress_percent"] .field-problems');
    await page.waitForSelector('[data-testid="field-progress_percent"] .field-problems, [data-testid="save-failure"]');
    await expect(page.locator('[data-testid="save-failure"]').textContent()).resolves.not.toMatch(/登录|403|401/);
    await expect(problem.textContent()).resolves.toBe('不能大于 100');
    await expect(page.locator('[data-testid="field-title_zh"] .field-problems').count()).resolves.toBe(0);
    expect(await findProjectsTitled(page, title)).toEqual([]);
  });

  it('saves, leaves edit mode with the project selected, and the stored project is what was drawn and typed', async () => {
    const projectsBefore = (await (await page.request.get(`${dashboardUrl}/api/leaders/summary`)).json()).projects.all.total as number;
    await page.fill('[data-testid="input-progress"]', '30');
    // The save itself reads the leaders' summary again (the dashboard read it at start-up), before any tab asks.
    const summaryReadAgain = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/leaders/summary', { timeout: 30_000 });
    await page.click('[data-testid="save-project"]');
    await page.waitForSelector('[data-testid="project-editor"]', { state: 'detached' });
    await expect(page.locator('[data-testid="drawing-toolbar"]').count()).resolves.toBe(0);

    const [stored] = await findProjectsTitled(page, title);
    expect(stored).toBeDefined();
    expect(stored.properties).toMatchObject({
      action: 'functions', item: 10, lead_unit: '营商办', partner_units: ['潍坊四村居民区党组织'], status: 'in_progress', progress_percent: 30,
      budget_ten_thousand_yuan: 35.5, description: '浏览器测试绘制的项目', version: 1,
    });
    expect(stored.geometry.type).toBe('Polygon');
    // The place clicked while picking is linked (an estate, or a building or facility drawn over it).
    expect(stored.properties.linked_features).toHaveLength(1);
    expect(['neighbourhoods', 'buildings', 'facilities', 'roads']).toContain((stored.properties.linked_features as { collection_id: string }[])[0].collection_id);
    const ring = stored.geometry.coordinates[0];
    expect(ring).toHaveLength(5);
    // Each stored vertex is where a corner was clicked (snapping moves a vertex by at most 10 pixels); the undone one is gone.
    for (const [index, corner] of corners.entries()) {
      const clicked = await pagePointOf(page, ...corner);
      const storedPoint = await pagePointOf(page, ring[index][0], ring[index][1]);
      expect(Math.hypot(clicked.x - storedPoint.x, clicked.y - storedPoint.y)).toBeLessThanOrEqual(11);
    }
    const stray = await pagePointOf(page, ...strayVertex);
    for (const position of ring) {
      const onScreen = await pagePointOf(page, position[0], position[1]);
      expect(Math.hypot(stray.x - onScreen.x, stray.y - onScreen.y)).toBeGreaterThan(50);
    }
    // The impact shown while drawing is the server's impact of the stored shape.
    const impact = await (await page.request.post(`${dashboardUrl}/api/impact`, { data: { geometry: stored.geometry } })).json();
    const hectares = (impact.areaSquareMetres / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
    expect((globalThis as { shownArea?: string }).shownArea).toBe(`${hectares} ha`);
    // The new project is the selected one.
    await page.waitForSelector(`[data-testid="project-details"][data-code="${stored.id}"]`);

    // The leaders' figures follow the write without the slider moving: the summary read before
    // the save is read again (the total counts the new project, as the API says now).
    const projectsAfter = (await (await page.request.get(`${dashboardUrl}/api/leaders/summary`)).json()).projects.all.total as number;
    expect(projectsAfter).toBe(projectsBefore + 1);
    await summaryReadAgain;
    await page.click('[data-testid="tab-leaders"]');
    await page.waitForFunction((total) => Number(document.querySelector('[data-testid="headline-projects-total"]')?.getAttribute('data-value')) === total, projectsAfter, { timeout: 30_000 });
    await page.click('[data-testid="tab-projects"]');
    expect(pageErrors).toEqual([]);
  });

  it('finds the project again after a reload, in the API, the panel and on the map', async () => {
    await page.reload();
    await waitForDashboardReady(page);
    const [stored] = await findProjectsTitled(page, title);
    expect(stored).toBeDefined();
    await page.click('[data-testid="tab-projects"]');
    await page.fill('[data-testid="project-search"]', title);
    await page.waitForSelector(`[data-testid="project-row"][data-code="${stored.id}"]`);
    const onMap = await page.evaluate((code) => window.__lifecircle!.featuresOnScreen('projects').some((feature) => feature.id === code), stored.id);
    expect(onMap).toBe(true);
    expect(await page.evaluate(() => window.__lifecircle!.layerIds())).toContain('projects');
  });

  it('explains a crossing outline at the shape and offers the server\'s repair', async () => {
    await page.click('[data-testid="new-project"]');
    await page.waitForSelector('[data-testid="project-editor"]');
    await page.click('[data-testid="draw-polygon"]');
    // A bow tie: the second edge crosses the fourth.
    const bowTie = [corners[0], corners[2], corners[1], corners[3]];
    for (const corner of bowTie) await clickAt(page, await pagePointOf(page, ...corner));
    await clickAt(page, await pagePointOf(page, ...bowTie[0]));
    await page.waitForFunction(() => document.querySelector('[data-testid="geometry-summary"]')?.textContent?.startsWith('Polygon'));
    await page.fill('[data-testid="input-title"]', `${title}-自相交`);
    await page.fill('[data-testid="input-lead-unit"]', '管理办');
    await page.click('[data-testid="save-project"]');
    const problem = page.locator('[data-testid="field-geometry"] .field-problems');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('边线自相交');
    await page.click('[data-testid="use-repaired-geometry"]');
    // PostGIS's repair of a bow tie is its two triangles.
    await page.waitForFunction(() => document.querySelector('[data-testid="geometry-summary"]')?.textContent?.startsWith('MultiPolygon · 2'));
    await expect(page.locator('[data-testid="field-geometry"] .field-problems').count()).resolves.toBe(0);
    await page.click('[data-testid="cancel-editing"]');
    await page.waitForSelector('[data-testid="project-editor"]', { state: 'detached' });
    expect(await findProjectsTitled(page, `${title}-自相交`)).toEqual([]);
  });

  it('shows a viewer no drawing controls', async () => {
    const viewerPage = await openSignedInPage(browser, dashboardUrl, 'drawing-viewer', 'viewer');
    await viewerPage.click('[data-testid="tab-projects"]');
    await viewerPage.waitForSelector('[data-testid="projects-panel"]');
    await viewerPage.locator('[data-testid="project-row"]').first().click();
    await viewerPage.waitForSelector('[data-testid="project-details"]');
    await expect(viewerPage.locator('[data-testid="new-project"]').count()).resolves.toBe(0);
    await expect(viewerPage.locator('[data-testid="edit-project"]').count()).resolves.toBe(0);
    await expect(viewerPage.locator('[data-testid="drawing-toolbar"]').count()).resolves.toBe(0);
    await expect(viewerPage.locator('[data-testid="project-editor"]').count()).resolves.toBe(0);
    await viewerPage.context().close();
  });

  it('does not open the editor when the project\'s read ends after signing out', async () => {
    const leaverPage = await openSignedInPage(browser, dashboardUrl, 'drawing-leaver', 'editor');
    // The project's read is held back on its way, so the sign-out comes first.
    const heldProjectReads = await holdRequests(leaverPage, '**/api/collections/projects/items/*', 'every');
    await leaverPage.click('[data-testid="tab-projects"]');
    await leaverPage.waitForSelector('[data-testid="projects-panel"]');
    await leaverPage.locator('[data-testid="project-row"]').first().click();
    await leaverPage.waitForSelector('[data-testid="edit-project"]');
    await leaverPage.click('[data-testid="edit-project"]');
    await heldProjectReads.held;
    await leaverPage.click('[data-testid="sign-out"]');
    await leaverPage.waitForSelector('[data-testid="sign-out"]', { state: 'detached' });
    // The held-back reads arrive after the sign-out, and the page has acted on them.
    await heldProjectReads.deliver();
    await expect(leaverPage.locator('[data-testid="project-editor"]').count()).resolves.toBe(0);
    await leaverPage.context().close();
  });
});
