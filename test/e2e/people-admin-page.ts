import type { Page } from 'playwright-core';

/**
 * 用户管理 for the screenshots, on a page signed in as an admin: the people as they are, the
 * history of the other person with the most sessions (or the admin's own), and the add form
 * filled in but not sent. Nothing is written.
 */
export async function openPeopleForScreenshot(page: Page): Promise<void> {
  await page.click('[data-testid="signed-in-user"]');
  await page.click('[data-testid="open-people"]');
  await page.waitForSelector('[data-testid="people-dialog"][data-loaded="true"]');
  const rows = page.locator('[data-testid="person-row"]');
  const self = (await page.evaluate(async () => (await (await fetch('/api/session', { credentials: 'same-origin' })).json()).username)) as string;
  const others = (await rows.evaluateAll((elements) => elements.map((element) => ({
    name: element.getAttribute('data-username')!, sessions: Number(element.querySelector('[data-testid="person-sessions"]')?.textContent ?? 0),
  })))).filter((person) => person.name !== self);
  const shown = others.sort((a, b) => b.sessions - a.sessions)[0]?.name ?? self;
  await page.locator(`[data-testid="person-row"][data-username="${shown}"] [data-testid="person-history"]`).click();
  await page.waitForSelector('[data-testid="person-history-list"]');
  const form = page.locator('[data-testid="people-add-form"]');
  await form.locator('input[name="username"]').fill('chen.jing');
  await form.locator('input[name="password"]').fill('an-example-first-password');
  await form.locator('select[name="role"]').selectOption('editor');
  await page.waitForTimeout(300);
}
