import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { waitForDashboardReady } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] sign-in.test.ts skipped: ${skipReason}`);

describe.skipIf(skipReason !== '')('signing in through the top bar, in headless Chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  /** A fresh browser profile (no cookies) on the dashboard. */
  async function openDashboard(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(dashboardUrl);
    await waitForDashboardReady(page);
    return page;
  }

  async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
    await page.click('[data-testid="sign-in-open"]');
    await page.fill('[data-testid="sign-in-form"] input[name="username"]', username);
    await page.fill('[data-testid="sign-in-form"] input[name="password"]', password);
    await page.click('[data-testid="sign-in-submit"]');
  }

  async function openFirstProject(page: Page): Promise<string> {
    await page.click('[data-testid="tab-projects"]');
    await page.waitForSelector('[data-testid="project-row"]');
    const code = (await page.locator('[data-testid="project-row"]').first().getAttribute('data-code'))!;
    await page.locator('[data-testid="project-row"]').first().click();
    await page.waitForSelector('[data-testid="project-details"]');
    return code;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('shows the server\'s own message for a wrong password, and stays signed out', async () => {
    await addUser(dashboardUrl, 'sign-in-viewer', 'viewer');
    const page = await openDashboard();
    await signInThroughForm(page, 'sign-in-viewer', 'not-the-right-password');
    const error = page.locator('[data-testid="sign-in-error"]');
    await error.waitFor();
    const answer = await page.request.post(`${dashboardUrl}/api/session`, { data: { username: 'sign-in-viewer', password: 'not-the-right-password' } });
    expect(answer.status()).toBe(401);
    await expect(error.textContent()).resolves.toBe((await answer.json()).messageZh);
    await expect(page.locator('[data-testid="signed-in-user"]').count()).resolves.toBe(0);
    // The same message in English after switching the language.
    await page.click('[data-testid="language-switch"]');
    await expect(error.textContent()).resolves.toBe('The user name or password is wrong');
  });

  it('a viewer signs in, sees no edit controls, and a write from that browser session answers 403 and changes nothing', async () => {
    const password = await addUser(dashboardUrl, 'sign-in-viewer', 'viewer');
    const page = await openDashboard();
    await signInThroughForm(page, 'sign-in-viewer', password);
    await page.waitForSelector('[data-testid="signed-in-user"]');
    await expect(page.locator('[data-testid="signed-in-user"]').textContent()).resolves.toContain('sign-in-viewer');
    await expect(page.locator('[data-testid="signed-in-role"]').textContent()).resolves.toBe('浏览');

    const code = await openFirstProject(page);
    await expect(page.locator('[data-testid="edit-project"]').count()).resolves.toBe(0);
    await page.click('[data-testid="project-back"]');
    await expect(page.locator('[data-testid="new-project"]').count()).resolves.toBe(0);
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForSelector('[data-testid="target-card-health"]');
    await expect(page.locator('[data-testid="standard-editor"]').count()).resolves.toBe(0);

    // The browser holds a real session (cookie and CSRF token): the server still refuses a viewer.
    const before = await page.request.get(`${dashboardUrl}/api/collections/projects/items/${code}`);
    const beforeBody = await before.json();
    const attempts = await page.evaluate(async ({ code, etag }) => {
      const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
      const projectWrite = await fetch(`/api/collections/projects/items/${code}`, {
        method: 'PATCH', credentials: 'same-origin',
        headers: { 'content-type': 'application/merge-patch+json', 'x-csrf-token': session.csrfToken, 'if-match': etag },
        body: JSON.stringify({ properties: { title_zh: '浏览者改的名称' } }),
      });
      const standardWrite = await fetch('/api/facility-standards/community_health_center', {
        method: 'PATCH', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify({ maxWalkMetres: 60 }),
      });
      return { signedIn: session.signedIn, role: session.role, project: { status: projectWrite.status, body: await projectWrite.json() }, standard: standardWrite.status };
    }, { code, etag: before.headers().etag });
    expect(attempts.signedIn).toBe(true);
    expect(attempts.role).toBe('viewer');
    expect(attempts.project.status).toBe(403);
    expect(attempts.project.body.code).toBe('Forbidden');
    expect(attempts.standard).toBe(403);
    const after = await page.request.get(`${dashboardUrl}/api/collections/projects/items/${code}`);
    expect(after.headers().etag).toBe(before.headers().etag);
    expect((await after.json()).properties).toEqual(beforeBody.properties);

    // The session is read again when the dashboard opens; signing out ends it.
    await page.reload();
    await waitForDashboardReady(page);
    await page.waitForSelector('[data-testid="signed-in-user"]');
    await page.click('[data-testid="sign-out"]');
    await page.waitForSelector('[data-testid="sign-in-open"]');
    expect(await page.evaluate(async () => (await (await fetch('/api/session', { credentials: 'same-origin' })).json()).signedIn)).toBe(false);
  });

  it('an editor sees 新建项目 and 编辑', async () => {
    const password = await addUser(dashboardUrl, 'sign-in-editor', 'editor');
    const page = await openDashboard();
    await openFirstProject(page);
    await expect(page.locator('[data-testid="edit-project"]').count()).resolves.toBe(0);
    await signInThroughForm(page, 'sign-in-editor', password);
    await page.waitForSelector('[data-testid="signed-in-user"]');
    await expect(page.locator('[data-testid="signed-in-role"]').textContent()).resolves.toBe('编辑');
    await page.waitForSelector('[data-testid="edit-project"]');
    await page.click('[data-testid="project-back"]');
    await page.waitForSelector('[data-testid="new-project"]');
    await expect(page.locator('[data-testid="new-project"]').textContent()).resolves.toContain('新建项目');
    expect(pageErrors).toEqual([]);
  });
});
