import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { mapOrigin, waitForCameraToSettle } from './dashboard-page.ts';
import { clickAt, openSignedInPage, pagePointOf, waitForDrawingTools } from './project-drawing-page.ts';

/**
 * The rough edges of daily use (issue 14, item 3), each found by trying the dashboard as a new
 * user would: one click policy with every layer on, restoring a version from a project's history,
 * and a map that the project editor's form no longer covers while drawing.
 */

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] daily-use.test.ts skipped: ${skipReason}`);

const code = `E2E-RESTORE-${Date.now()}`;
const titles = ['恢复测试项目', '恢复测试项目（第二版）', '恢复测试项目（他人修改）'];
const square = (west: number, south: number, size = 0.0012) => ({
  type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});

/** Another editor, writing through the API while the page is open. */
async function signInAsAnotherEditor() {
  const password = await addUser(dashboardUrl, 'restore-author', 'editor');
  const signIn = await fetch(new URL('/api/session', dashboardUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'restore-author', password }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await signIn.json() as { csrfToken: string };
  return { cookie, csrfToken };
}

async function storedProject() {
  const response = await fetch(new URL(`/api/collections/projects/items/${code}`, dashboardUrl));
  return { feature: await response.json() as { properties: Record<string, unknown> }, etag: response.headers.get('etag')! };
}

/** Opens the project's details in the projects panel, as a person would. */
async function openProjectDetails(page: Page) {
  await page.click('[data-testid="tab-projects"]');
  if (await page.locator('[data-testid="project-back"]').count() > 0) await page.click('[data-testid="project-back"]');
  await page.fill('[data-testid="project-search"]', titles[0].slice(0, 4));
  await page.click(`[data-testid="project-row"][data-code="${code}"]`);
  await page.waitForSelector('[data-testid="project-history"]');
}

type Position = [number, number];
interface ShippedFeature { id: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }

async function shippedFeatures(collectionId: string): Promise<ShippedFeature[]> {
  const body = await (await fetch(new URL(`/api/collections/${collectionId}/items?limit=10000`, dashboardUrl))).json() as { features: ShippedFeature[] };
  return body.features;
}

/** The point of 张家浜's bank nearest to 潍坊八村: where the river runs beside the estate. */
async function bankBesideEstate(): Promise<Position> {
  const water = (await shippedFeatures('waterways')).find((feature) => feature.properties.name === '张家浜' && feature.geometry.type === 'Polygon')!;
  const estate = (await shippedFeatures('neighbourhoods')).find((feature) => feature.properties.name === '潍坊八村')!;
  const estateRing = (estate.geometry.coordinates as Position[][][] | Position[][]).flat(2 - (estate.geometry.type === 'Polygon' ? 1 : 0)) as Position[];
  const bank = (water.geometry.coordinates as Position[][])[0];
  const distance = (point: Position) => Math.min(...estateRing.map((corner) => Math.hypot(corner[0] - point[0], corner[1] - point[1])));
  return bank.reduce((nearest, point) => (distance(point) < distance(nearest) ? point : nearest));
}

/** The middle vertex of 崂山路's longest piece, which the plan's projects on 崂山路 (P02-01 among them) are drawn on. */
async function middleOfRoad(): Promise<Position> {
  const pieces = (await shippedFeatures('roads')).filter((feature) => feature.properties.name === '崂山路' && feature.geometry.type === 'LineString')
    .map((feature) => feature.geometry.coordinates as Position[]);
  const longest = pieces.reduce((first, second) => (second.length > first.length ? second : first));
  return longest[Math.floor(longest.length / 2)];
}

const selectedTab = (page: Page) => page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid');
const detailsName = (page: Page) => page.locator('[data-testid="details-panel"] #details-name').textContent();

const historyVersions = (page: Page) =>
  page.locator('[data-testid="project-history"] li').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-version'))));

describe.skipIf(skipReason !== '')('the rough edges of daily use', () => {
  let browser: Browser;
  let editor: Page;
  let author: { cookie: string; csrfToken: string };
  const pageErrors: string[] = [];

  async function renameThroughApi(title: string) {
    const { etag } = await storedProject();
    const patched = await fetch(new URL(`/api/collections/projects/items/${code}`, dashboardUrl), {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag, cookie: author.cookie, 'x-csrf-token': author.csrfToken },
      body: JSON.stringify({ properties: { title_zh: title } }),
    });
    expect(patched.status).toBe(200);
  }

  beforeAll(async () => {
    author = await signInAsAnotherEditor();
    const created = await fetch(new URL('/api/collections/projects/items', dashboardUrl), {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: author.cookie, 'x-csrf-token': author.csrfToken },
      body: JSON.stringify({ type: 'Feature', geometry: square(121.5150, 31.2250), properties: {
        code, title_zh: titles[0], action: 'built_form', item: 7, lead_unit: '管理办', status: 'planned', start_date: '2026-03-01', end_date: '2027-12-31', progress_percent: 0,
      } }),
    });
    expect(created.status).toBe(201);
    await renameThroughApi(titles[1]);
    browser = await launchBrowser();
    editor = await openSignedInPage(browser, dashboardUrl, 'restore-editor', 'editor');
    editor.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('with every layer on, a click on 张家浜 beside 潍坊八村 opens the river, and a click on a road under a project opens the road, in the same tab', async () => {
    await editor.click('[data-testid="tab-layers"]');
    const switchedOff = await editor.locator('[data-layer-id]:has(input[type="checkbox"]:not(:checked):not([disabled]))')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-layer-id')!));
    for (const layerId of switchedOff) await editor.locator(`[data-layer-id="${layerId}"] input[type="checkbox"]`).click();
    await editor.waitForFunction(() => window.__lifecircle!.layerIds().includes('projects'));
    await waitForCameraToSettle(editor);
    const origin = await mapOrigin(editor);
    const onMap = (point: { x: number; y: number }) => point.x > origin.x && point.x < origin.x + origin.width && point.y > origin.y && point.y < origin.y + origin.height;

    // On the bank runs the outline of the plan's project on 张家浜 (P07-05), drawn over everything.
    const bank = await pagePointOf(editor, ...await bankBesideEstate());
    expect(onMap(bank)).toBe(true);
    await clickAt(editor, bank);
    await editor.waitForSelector('[data-testid="details-panel"]');
    // The narrowest place there opens: the river, or the green belt along its bank (张家浜滨河绿带); not the estate, not the project.
    await expect(detailsName(editor)).resolves.toMatch(/^张家浜/);
    await expect(editor.locator('[data-testid="details-panel"] .details-layer').textContent()).resolves.not.toMatch(/项目/);
    await expect(selectedTab(editor)).resolves.toBe('tab-layers');

    const road = await pagePointOf(editor, ...await middleOfRoad());
    expect(onMap(road)).toBe(true);
    await clickAt(editor, road);
    // The road, or the walking network's piece of it: the shortest line there.
    await editor.waitForFunction(() => document.querySelector('[data-testid="details-panel"] #details-name')?.textContent === '崂山路');
    await expect(selectedTab(editor)).resolves.toBe('tab-layers');
    await expect(editor.locator('[data-testid="project-details"]').count()).resolves.toBe(0);

    // With the projects panel open the same click is about the project drawn on the road.
    await editor.click('[data-testid="tab-projects"]');
    await waitForCameraToSettle(editor);
    // The projects panel is wider than the layers panel: the map, and the road on it, moved.
    await clickAt(editor, await pagePointOf(editor, ...await middleOfRoad()));
    // Several of the plan's projects are drawn on 崂山路 (P02-01 among them): one of them opens.
    await editor.waitForSelector('[data-testid="project-details"]');
    await expect(selectedTab(editor)).resolves.toBe('tab-projects');
  });

  it('restores an earlier version from the history (恢复此版): the project is as it was, and the history gains the restore', async () => {
    await openProjectDetails(editor);
    await expect(historyVersions(editor)).resolves.toEqual([2, 1]);
    // The current version has nothing to restore.
    await expect(editor.locator('[data-testid="project-history"] li[data-version="2"] [data-testid="restore-version"]').count()).resolves.toBe(0);
    const restore = editor.locator('[data-testid="project-history"] li[data-version="1"] [data-testid="restore-version"]');
    await expect(restore.textContent()).resolves.toBe('恢复此版');
    await restore.click();

    await editor.waitForFunction(() => document.querySelectorAll('[data-testid="project-history"] li').length === 3);
    await expect(historyVersions(editor)).resolves.toEqual([3, 2, 1]);
    await expect(editor.locator('[data-testid="project-history"] li[data-version="3"]').textContent()).resolves.toContain('恢复');
    await expect(editor.locator('[data-testid="project-title"]').textContent()).resolves.toBe(titles[0]);
    expect((await storedProject()).feature.properties).toMatchObject({ title_zh: titles[0], version: 3 });
  });

  it('a restore after someone else\'s change shows the conflict dialog; restoring anyway stores the version over theirs', async () => {
    // Someone saves the project while the history (read at version 3) is open: the page's ETag is stale.
    await renameThroughApi(titles[2]);
    await editor.click('[data-testid="project-history"] li[data-version="2"] [data-testid="restore-version"]');
    const dialog = editor.locator('[data-testid="conflict-dialog"]');
    await dialog.waitFor();
    const titleRow = dialog.locator('[data-testid="conflict-row-title_zh"]');
    await expect(titleRow.getAttribute('data-differs')).resolves.toBe('true');
    await expect(titleRow.locator('[data-testid="conflict-mine"]').textContent()).resolves.toBe(titles[1]);
    await expect(titleRow.locator('[data-testid="conflict-theirs"]').textContent()).resolves.toBe(titles[2]);
    // The refused restore wrote nothing.
    expect((await storedProject()).feature.properties).toMatchObject({ title_zh: titles[2], version: 4 });

    await editor.click('[data-testid="conflict-restore-anyway"]');
    await dialog.waitFor({ state: 'detached' });
    await editor.waitForFunction(() => document.querySelectorAll('[data-testid="project-history"] li').length === 5);
    expect((await storedProject()).feature.properties).toMatchObject({ title_zh: titles[1], version: 5 });
    await expect(editor.locator('[data-testid="project-title"]').textContent()).resolves.toBe(titles[1]);
    expect(pageErrors).toEqual([]);
  });

  it('while drawing, the map ends where the form begins: a click where the form used to be adds a vertex', async () => {
    await editor.click('[data-testid="tab-projects"]');
    await editor.click('[data-testid="new-project"]');
    await editor.waitForSelector('[data-testid="project-editor"]');
    await waitForDrawingTools(editor);
    await editor.click('[data-testid="draw-polygon"]');
    await waitForCameraToSettle(editor);
    const area = (await editor.locator('.map-area').boundingBox())!;
    const form = (await editor.locator('[data-testid="project-editor"]').boundingBox())!;
    const map = await mapOrigin(editor);
    // No part of the map is under the form.
    expect(map.x + map.width).toBeLessThanOrEqual(form.x);

    // The form used to cover the map from 436 px left of the map area's right edge (380 px wide, 56 px from the edge).
    const whereTheFormWas = { x: area.x + area.width - 420, y: map.y + map.height * 0.35 };
    const corners = [
      { x: map.x + map.width * 0.3, y: whereTheFormWas.y },
      whereTheFormWas,
      { x: map.x + map.width * 0.6, y: map.y + map.height * 0.65 },
      { x: map.x + map.width * 0.3, y: map.y + map.height * 0.65 },
    ];
    // Each change of the drawing asks for its impact: the closed polygon is in the first question.
    const impactAsked = editor.waitForRequest((request) => /^\/api\/impact\/?$/.test(new URL(request.url()).pathname) && request.method() === 'POST', { timeout: 30_000 });
    for (const corner of corners) await clickAt(editor, corner);
    await clickAt(editor, corners[0]);
    const ring = ((await impactAsked).postDataJSON() as { geometry: { type: string; coordinates: Position[][] } }).geometry.coordinates[0];
    const ringOnPage = await Promise.all(ring.map((vertex) => pagePointOf(editor, vertex[0], vertex[1])));
    // Four corners and the closing one; snapping may move a corner a few pixels onto a place's corner.
    expect(ring).toHaveLength(5);
    expect(Math.min(...ringOnPage.map((vertex) => Math.hypot(vertex.x - whereTheFormWas.x, vertex.y - whereTheFormWas.y)))).toBeLessThan(12);
    expect(pageErrors).toEqual([]);
  });
});
