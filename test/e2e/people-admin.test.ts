import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser, e2eAdmin } from '../helpers/e2e-users.ts';
import { waitForDashboardReady } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] people-admin.test.ts skipped: ${skipReason}`);

/** Signs in over HTTP, as another browser would: the session's cookie and CSRF token, or the refusal. */
async function signInElsewhere(username: string, password: string) {
  const response = await fetch(new URL('/api/session', dashboardUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await response.json();
  return { status: response.status, body, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}

async function sessionOf(cookie: string) {
  return (await fetch(new URL('/api/session', dashboardUrl), { headers: { cookie } })).json();
}

/**
 * 用户管理 and 修改密码 in the browser (issue 12, item 4). The dashboard is shared with the other
 * browser tests: its first admin is never demoted or disabled here, and people are added with
 * names of their own.
 */
describe.skipIf(skipReason !== '')('the admin page and a change of one\'s own password, in headless Chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function openSignedIn(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
    });
    await page.goto(dashboardUrl);
    await waitForDashboardReady(page);
    await page.click('[data-testid="sign-in-open"]');
    await page.fill('[data-testid="sign-in-form"] input[name="username"]', username);
    await page.fill('[data-testid="sign-in-form"] input[name="password"]', password);
    await page.click('[data-testid="sign-in-submit"]');
    await page.waitForSelector('[data-testid="signed-in-user"]');
    return page;
  }

  const row = (page: Page, username: string) => page.locator(`[data-testid="person-row"][data-username="${username}"]`);
  const waitUntilIdle = (page: Page) => page.waitForSelector('[data-testid="people-dialog"][data-busy="false"]');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('an admin adds a person, lowers their role and disables them, confirming each; the server\'s refusal shows in the interface\'s language', async () => {
    const page = await openSignedIn(e2eAdmin.username, e2eAdmin.password);
    await page.click('[data-testid="signed-in-user"]');
    await page.click('[data-testid="open-people"]');
    await page.waitForSelector('[data-testid="people-dialog"][data-loaded="true"]');
    await expect(page.locator('#people-heading').textContent()).resolves.toBe('用户管理');
    await expect(row(page, e2eAdmin.username).getAttribute('data-role')).resolves.toBe('admin');

    // A weak first password: the server's own reason, in Chinese, then in English.
    const form = page.locator('[data-testid="people-add-form"]');
    await form.locator('input[name="username"]').fill('people-e2e-editor');
    await form.locator('input[name="password"]').fill('too-short');
    await form.locator('select[name="role"]').selectOption('editor');
    await page.click('[data-testid="people-add"]');
    const failure = page.locator('[data-testid="people-failure"]');
    await failure.waitFor();
    await expect(failure.textContent()).resolves.toBe('密码至少 12 个字符');
    await page.click('[data-testid="language-switch"]');
    await expect(failure.textContent()).resolves.toBe('the password must have at least 12 characters');
    await page.click('[data-testid="language-switch"]');

    const password = 'a-long-password-of-the-e2e-editor';
    await form.locator('input[name="password"]').fill(password);
    await page.click('[data-testid="people-add"]');
    await row(page, 'people-e2e-editor').waitFor();
    await expect(page.locator('[data-testid="people-outcome"]').textContent()).resolves.toBe('已添加 people-e2e-editor');
    await expect(row(page, 'people-e2e-editor').getAttribute('data-role')).resolves.toBe('editor');
    const elsewhere = await signInElsewhere('people-e2e-editor', password);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.role).toBe('editor');

    // Lowering a role waits for 确定; 取消 changes nothing.
    await row(page, 'people-e2e-editor').locator('[data-testid="person-role"]').selectOption('viewer');
    await page.waitForSelector('[data-testid="people-confirm"]');
    await page.click('[data-testid="people-confirm-no"]');
    await expect(row(page, 'people-e2e-editor').getAttribute('data-role')).resolves.toBe('editor');
    await expect(row(page, 'people-e2e-editor').locator('[data-testid="person-role"]').inputValue()).resolves.toBe('editor');
    await row(page, 'people-e2e-editor').locator('[data-testid="person-role"]').selectOption('viewer');
    await page.click('[data-testid="people-confirm-yes"]');
    await page.waitForSelector('[data-testid="person-row"][data-username="people-e2e-editor"][data-role="viewer"]');
    await expect(page.locator('[data-testid="people-outcome"]').textContent()).resolves.toBe('people-e2e-editor 的角色已改为“浏览”');
    // The other browser's session has the new role at once.
    expect((await sessionOf(elsewhere.cookie)).role).toBe('viewer');

    // Disabling: confirmed, the session ends, sign-in is refused with the reason.
    await row(page, 'people-e2e-editor').locator('[data-testid="person-toggle-disabled"]').click();
    await expect(page.locator('[data-testid="people-confirm"]').textContent()).resolves.toContain('停用 people-e2e-editor？');
    await page.click('[data-testid="people-confirm-yes"]');
    await page.waitForSelector('[data-testid="person-row"][data-username="people-e2e-editor"][data-disabled="true"]');
    await waitUntilIdle(page);
    await expect(row(page, 'people-e2e-editor').locator('[data-testid="person-sessions"]').textContent()).resolves.toBe('0');
    expect((await sessionOf(elsewhere.cookie)).signedIn).toBe(false);
    const refused = await signInElsewhere('people-e2e-editor', password);
    expect(refused.status).toBe(403);
    expect(refused.body.messageZh).toBe('该账号已停用，请联系管理员');

    // The history tells what was done, newest first, and by whom.
    await row(page, 'people-e2e-editor').locator('[data-testid="person-history"]').click();
    const history = page.locator('[data-testid="person-history-list"] li');
    await history.first().waitFor();
    await expect(history.evaluateAll((items) => items.map((item) => item.getAttribute('data-action')))).resolves.toEqual(['disabled', 'role_changed', 'added']);
    await expect(history.first().textContent()).resolves.toContain(e2eAdmin.username);

    // Enabling needs no confirmation, and the person signs in again.
    await row(page, 'people-e2e-editor').locator('[data-testid="person-toggle-disabled"]').click();
    await page.waitForSelector('[data-testid="person-row"][data-username="people-e2e-editor"][data-disabled="false"]');
    expect((await signInElsewhere('people-e2e-editor', password)).status).toBe(200);

    // 注销会话 ends that new session.
    await waitUntilIdle(page);
    await page.click('[data-testid="people-close"]');
    await page.click('[data-testid="signed-in-user"]');
    await page.click('[data-testid="open-people"]');
    await page.waitForSelector('[data-testid="person-row"][data-username="people-e2e-editor"]');
    await expect(row(page, 'people-e2e-editor').locator('[data-testid="person-sessions"]').textContent()).resolves.toBe('1');
    await row(page, 'people-e2e-editor').locator('[data-testid="person-end-sessions"]').click();
    await expect(page.locator('[data-testid="people-outcome"]').textContent()).resolves.toBe('已注销 people-e2e-editor 的 1 个会话');
    expect(pageErrors).toEqual([]);
  });

  it('a viewer sees no 用户管理, and changes their own password: other sessions end, this one stays', async () => {
    const oldPassword = await addUser(dashboardUrl, 'people-e2e-viewer', 'viewer');
    const page = await openSignedIn('people-e2e-viewer', oldPassword);
    const elsewhere = await signInElsewhere('people-e2e-viewer', oldPassword);
    await page.click('[data-testid="signed-in-user"]');
    await page.waitForSelector('[data-testid="account-menu"]');
    await expect(page.locator('[data-testid="open-people"]').count()).resolves.toBe(0);
    await page.click('[data-testid="open-password-change"]');
    const form = page.locator('[data-testid="password-change-form"]');
    await form.waitFor();
    const newPassword = 'the-viewer-chose-this-one';
    const fill = async (current: string, next: string, repeated: string) => {
      await form.locator('input[name="currentPassword"]').fill(current);
      await form.locator('input[name="newPassword"]').fill(next);
      await form.locator('input[name="repeatedPassword"]').fill(repeated);
      await page.click('[data-testid="password-change-submit"]');
    };
    const error = page.locator('[data-testid="password-change-error"]');

    await fill(oldPassword, newPassword, `${newPassword}-typo`);
    await expect(error.textContent()).resolves.toBe('两次输入的新密码不一致');
    await fill('not-my-password', newPassword, newPassword);
    await page.waitForFunction(() => document.querySelector('[data-testid="password-change-error"]')?.textContent === '当前密码不正确');
    await fill(oldPassword, newPassword, newPassword);
    await page.waitForSelector('[data-testid="password-change-done"]');
    await expect(page.locator('[data-testid="password-change-done"]').textContent()).resolves.toContain('1 个会话已结束');

    expect((await sessionOf(elsewhere.cookie)).signedIn).toBe(false);
    expect(await page.evaluate(async () => (await (await fetch('/api/session', { credentials: 'same-origin' })).json()).signedIn)).toBe(true);
    expect((await signInElsewhere('people-e2e-viewer', oldPassword)).status).toBe(401);
    expect((await signInElsewhere('people-e2e-viewer', newPassword)).status).toBe(200);
    await page.click('[data-testid="password-change-close"]');
    await expect(form.count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
