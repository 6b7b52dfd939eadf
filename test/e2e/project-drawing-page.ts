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
