import type { Browser, Page } from 'playwright-core';
import { addUser } from '../helpers/e2e-users.ts';
import { mapOrigin, waitForDashboardReady } from './dashboard-page.ts';

/** Helpers of the drawing and editing browser tests: a signed-in page, clicks at map positions. */

/**
 * A page of its own (its own cookies) signed in as `username` with `role`: the sign-in goes
 * through the real API from inside the page, then the page reloads and reads its session at
 * start-up like any visit.
 */
export async function openSignedInPage(browser: Browser, dashboardUrl: string, username: string, role: 'viewer' | 'editor' | 'admin'): Promise<Page> {
  const password = await addUser(dashboardUrl, username, role);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(dashboardUrl);
  const status = await page.evaluate(async ({ username, password }) => {
    const response = await fetch('/api/session', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return response.status;
  }, { username, password });
  if (status !== 200) throw new Error(`sign-in of ${username} answered ${status}`);
  await page.reload();
  await waitForDashboardReady(page);
  await page.waitForFunction((name) => document.querySelector('[data-testid="signed-in-user"]')?.textContent?.includes(name), username);
  return page;
}

/** The signed-in page's CSRF token, for writes the test makes through the API as that person. */
export async function csrfTokenOf(page: Page): Promise<string> {
  return page.evaluate(async () => ((await (await fetch('/api/session', { credentials: 'same-origin' })).json()) as { csrfToken: string }).csrfToken);
}

/** Page coordinates of a longitude/latitude, through the map's own projection. */
export async function pagePointOf(page: Page, longitude: number, latitude: number): Promise<{ x: number; y: number }> {
  const origin = await mapOrigin(page);
  const point = await page.evaluate(([lon, lat]) => window.__lifecircle!.project(lon, lat), [longitude, latitude] as const);
  return { x: origin.x + point.x, y: origin.y + point.y };
}

/** A real click, with a pause so that two clicks are never taken for a double click. */
export async function clickAt(page: Page, point: { x: number; y: number }): Promise<void> {
  await page.mouse.move(point.x - 3, point.y - 3);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await page.mouse.click(point.x, point.y);
  await page.waitForTimeout(400);
}

/** Waits until terra-draw has put its layers on the map (its chunk is loaded on the first drawing). */
export async function waitForDrawingTools(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__lifecircle!.basemapLayerIds().some((id) => id.startsWith('project-drawing')), undefined, { timeout: 30_000 });
}

/**
 * For the screenshot: signs in, opens a new project, draws a polygon over the middle of
 * 潍坊新村街道 with real clicks, fills the form and selects the shape so its vertices show.
 */
export async function drawProjectForScreenshot(page: Page, username: string, password: string): Promise<void> {
  await page.evaluate(async ({ username, password }) => {
    await fetch('/api/session', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  }, { username, password });
  await page.reload();
  await waitForDashboardReady(page);
  await page.waitForSelector('[data-testid="signed-in-user"]');
  await page.click('[data-testid="tab-projects"]');
  await page.click('[data-testid="new-project"]');
  await waitForDrawingTools(page);
  // Closer in, as one draws: the wheel over the place to draw.
  const middle = await pagePointOf(page, 121.5166, 31.2263);
  await page.mouse.move(middle.x, middle.y);
  for (let step = 0; step < 3; step += 1) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(350);
  }
  await page.waitForFunction(() => window.__lifecircle?.isMoving() === false, undefined, { timeout: 15_000 });
  await page.waitForTimeout(500);
  const outline: [number, number][] = [[121.5148, 31.2248], [121.5182, 31.2246], [121.5186, 31.2272], [121.5165, 31.2281], [121.5146, 31.2268]];
  for (const [longitude, latitude] of outline) await clickAt(page, await pagePointOf(page, longitude, latitude));
  await clickAt(page, await pagePointOf(page, ...outline[0]));
  await page.fill('[data-testid="input-title"]', '社区微更新示例（绘制中）');
  await page.selectOption('[data-testid="input-action"]', 'built_form');
  await page.selectOption('[data-testid="input-item"]', '7');
  await page.fill('[data-testid="input-lead-unit"]', '城建中心（房管办）');
  await page.fill('[data-testid="partner-unit-input"]', '管理办');
  await page.press('[data-testid="partner-unit-input"]', 'Enter');
  await page.fill('[data-testid="input-budget"]', '120');
  await page.waitForSelector('[data-testid="impact-area"]', { timeout: 20_000 });
  await page.click('[data-testid="link-impact-places"]');
  await page.click('[data-testid="draw-select"]');
  await clickAt(page, await pagePointOf(page, 121.5166, 31.2262));
  // The pointer off the map (no tooltip), the form from its top with the impact first.
  await page.mouse.move(700, 20);
  await page.evaluate(() => document.querySelector('[data-testid="project-editor"]')?.scrollTo(0, 0));
  await page.waitForTimeout(600);
}
