import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { openSignedInPage } from './project-drawing-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] project-conflict.test.ts skipped: ${skipReason}`);

const code = `E2E-CONFLICT-${Date.now()}`;
const originalTitle = '冲突测试项目';
const square = (west: number, south: number, size = 0.0012) => ({
  type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});

async function storedProject(page: Page) {
  const response = await page.request.get(`${dashboardUrl}/api/collections/projects/items/${code}`);
  return { feature: await response.json(), etag: response.headers().etag };
}

/** Opens the project for editing through the projects panel, as a person would. */
async function openForEditing(page: Page) {
  await page.bringToFront();
  await page.click('[data-testid="tab-projects"]');
  // After a save the panel shows the saved project's details; otherwise it is found in the list.
  if (await page.locator(`[data-testid="project-details"][data-code="${code}"]`).count() === 0) {
    await page.fill('[data-testid="project-search"]', originalTitle);
    await page.click(`[data-testid="project-row"][data-code="${code}"]`);
  }
  await page.click('[data-testid="edit-project"]');
  await page.waitForSelector('[data-testid="project-editor"]');
  await page.waitForFunction(() => (document.querySelector('[data-testid="input-title"]') as HTMLInputElement | null)?.value !== '');
}

describe.skipIf(skipReason !== '')('two people editing the same project', () => {
  let browser: Browser;
  let first: Page;
  let second: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The project both will edit, created through the API by a third editor before either opens the dashboard.
    const password = await addUser(dashboardUrl, 'conflict-author', 'editor');
    const signIn = await fetch(new URL('/api/session', dashboardUrl), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'conflict-author', password }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = await signIn.json() as { csrfToken: string };
    const created = await fetch(new URL('/api/collections/projects/items', dashboardUrl), {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ type: 'Feature', geometry: square(121.5150, 31.2250), properties: {
        code, title_zh: originalTitle, action: 'built_form', item: 7, lead_unit: '管理办', status: 'planned', start_date: '2025-03-01', end_date: '2025-12-31', progress_percent: 0,
      } }),
    });
    expect(created.status).toBe(201);
    browser = await launchBrowser();
    first = await openSignedInPage(browser, dashboardUrl, 'conflict-editor-one', 'editor');
    second = await openSignedInPage(browser, dashboardUrl, 'conflict-editor-two', 'editor');
    for (const page of [first, second]) page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the second saver both versions side by side, and "keep mine" stores the second person\'s version over the first', async () => {
    await openForEditing(first);
    await openForEditing(second);

    await first.bringToFront();
    await first.fill('[data-testid="input-title"]', '冲突测试项目（第一人修改）');
    await first.click('[data-testid="save-project"]');
    await first.waitForSelector('[data-testid="project-editor"]', { state: 'detached' });
    expect((await storedProject(first)).feature.properties).toMatchObject({ title_zh: '冲突测试项目（第一人修改）', version: 2 });

    await second.bringToFront();
    await second.fill('[data-testid="input-progress"]', '70');
    await second.click('[data-testid="save-project"]');
    const dialog = second.locator('[data-testid="conflict-dialog"]');
    await dialog.waitFor();
    const titleRow = dialog.locator('[data-testid="conflict-row-title_zh"]');
    await expect(titleRow.getAttribute('data-differs')).resolves.toBe('true');
    await expect(titleRow.locator('[data-testid="conflict-mine"]').textContent()).resolves.toBe(originalTitle);
    await expect(titleRow.locator('[data-testid="conflict-theirs"]').textContent()).resolves.toBe('冲突测试项目（第一人修改）');
    const progressRow = dialog.locator('[data-testid="conflict-row-progress_percent"]');
    await expect(progressRow.getAttribute('data-differs')).resolves.toBe('true');
    await expect(progressRow.locator('[data-testid="conflict-mine"]').textContent()).resolves.toBe('70');
    await expect(progressRow.locator('[data-testid="conflict-theirs"]').textContent()).resolves.toBe('0');
    // Fields neither person changed are not marked.
    await expect(dialog.locator('[data-testid="conflict-row-lead_unit"]').getAttribute('data-differs')).resolves.toBe('false');
    await expect(dialog.locator('[data-testid="conflict-row-geometry"]').getAttribute('data-differs')).resolves.toBe('false');
    // Nothing was written by the refused save.
    expect((await storedProject(second)).feature.properties.version).toBe(2);

    await second.click('[data-testid="conflict-keep-mine"]');
    await second.waitForSelector('[data-testid="project-editor"]', { state: 'detached' });
    const { feature } = await storedProject(second);
    expect(feature.properties).toMatchObject({ title_zh: originalTitle, progress_percent: 70, version: 3 });
  });

  it('"take theirs" loads the current version into the form; saving from it keeps their change', async () => {
    await openForEditing(first);
    await openForEditing(second);

    await second.bringToFront();
    await second.fill('[data-testid="input-description"]', '第二人的说明');
    await second.click('[data-testid="save-project"]');
    await second.waitForSelector('[data-testid="project-editor"]', { state: 'detached' });

    await first.bringToFront();
    await first.fill('[data-testid="input-title"]', '第一人想改的名称');
    await first.click('[data-testid="save-project"]');
    const dialog = first.locator('[data-testid="conflict-dialog"]');
    await dialog.waitFor();
    await expect(dialog.locator('[data-testid="conflict-row-description"] [data-testid="conflict-theirs"]').textContent()).resolves.toBe('第二人的说明');
    await first.click('[data-testid="conflict-take-theirs"]');
    await dialog.waitFor({ state: 'detached' });
    await expect(first.locator('[data-testid="input-title"]').inputValue()).resolves.toBe(originalTitle);
    await expect(first.locator('[data-testid="input-description"]').inputValue()).resolves.toBe('第二人的说明');
    expect((await storedProject(first)).feature.properties.version).toBe(4);

    // From their version the first person goes on editing, and the save now succeeds.
    await first.bringToFront();
    await first.fill('[data-testid="input-progress"]', '80');
    await first.click('[data-testid="save-project"]');
    await first.waitForSelector('[data-testid="project-editor"]', { state: 'detached' });
    const { feature } = await storedProject(first);
    expect(feature.properties).toMatchObject({ title_zh: originalTitle, description: '第二人的说明', progress_percent: 80, version: 5 });
    expect(pageErrors).toEqual([]);
  });
});
