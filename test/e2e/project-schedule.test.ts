import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { openDashboard } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] project-schedule.test.ts skipped: ${skipReason}`);

/**
 * The project schedule from Excel in the browser (issue 10, item 4): an editor downloads the
 * workbook from the projects panel, fills it as an office would, imports it through the dialog,
 * sees each row's outcome (an update, a report of 2023 kept as history, a conflict) before
 * anything is written, writes, and the panel then shows the slider's past date as recorded, not
 * inferred. The test's own projects are created first and deleted last, so the seeded ones and
 * the other browser tests are untouched. (A project created today has a report of today, so a
 * row dated 2023 is history for it: how it stood then, the current state staying.)
 */

const codes = ['SCHEDULE-E2E-1', 'SCHEDULE-E2E-2', 'SCHEDULE-E2E-3'];
const items = '/api/collections/projects/items';

interface Author { cookie: string; csrfToken: string }

async function signInOverHttp(username: string, password: string): Promise<Author> {
  const signIn = await fetch(new URL('/api/session', dashboardUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
  const { csrfToken } = await signIn.json() as { csrfToken: string };
  return { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0], csrfToken };
}

async function write(author: Author, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, dashboardUrl), {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/geo+json', cookie: author.cookie, 'x-csrf-token': author.csrfToken, ...headers },
  });
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

const project = (code: string, index: number) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [121.5195 + index * 0.0005, 31.2195] },
  properties: {
    code, title_zh: `进度表测试项目${index + 1}`, action: 'functions', item: 9, lead_unit: '服务办', partner_units: [], status: 'planned',
    start_date: '2023-01-01', end_date: '2025-12-31', progress_percent: 0, description: '进度填报表浏览器测试', linked_features: [],
  },
});

describe.skipIf(skipReason !== '')('the project schedule from Excel in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let author: Author;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const password = await addUser(dashboardUrl, 'schedule-e2e-editor', 'editor');
    author = await signInOverHttp('schedule-e2e-editor', password);
    for (const [index, code] of codes.entries()) await write(author, 'POST', items, project(code, index));
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
    await page.click('[data-testid="sign-in-open"]');
    await page.fill('[data-testid="sign-in-form"] input[name="username"]', 'schedule-e2e-editor');
    await page.fill('[data-testid="sign-in-form"] input[name="password"]', password);
    await page.click('[data-testid="sign-in-submit"]');
    await page.waitForSelector('[data-testid="signed-in-user"]');
  });

  afterAll(async () => {
    await browser?.close();
    for (const code of codes) {
      const read = await fetch(new URL(`${items}/${code}`, dashboardUrl));
      if (read.status === 200) await write(author, 'DELETE', `${items}/${code}`, undefined, { 'if-match': read.headers.get('etag')! });
    }
  });

  it('downloads the workbook, previews an update, history and a conflict, writes, and shows 2023 as recorded', async () => {
    await page.click('[data-testid="tab-projects"]');
    await page.waitForSelector(`[data-testid="project-row"][data-code="${codes[0]}"]`);

    // The download link of the panel gives the workbook, with the test's projects in it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="schedule-download"]')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('进度填报')!;
    const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
    const column = (name: string) => header.indexOf(name);
    sheet.eachRow((row) => {
      const code = String(row.getCell(column('编号')).value);
      if (code === codes[0]) {
        row.getCell(column('状态')).value = '实施中';
        row.getCell(column('进度（%）')).value = 35;
        row.getCell(column('填报日期')).value = '2023-09-30';
      }
      if (code === codes[1]) row.getCell(column('进度（%）')).value = 10;
      if (code === codes[2]) {
        row.getCell(column('状态')).value = '实施中';
        row.getCell(column('进度（%）')).value = 20;
      }
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());

    // Someone edits the second project after the download: its row is now a conflict.
    const read = await fetch(new URL(`${items}/${codes[1]}`, dashboardUrl));
    await write(author, 'PATCH', `${items}/${codes[1]}`, { properties: { description: '下载后有人修改' } }, { 'if-match': read.headers.get('etag')! });

    await page.click('[data-testid="schedule-open"]');
    await page.setInputFiles('[data-testid="schedule-file-input"]', { name: '进度填报表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
    await page.waitForSelector('[data-testid="schedule-dialog"][data-status="previewed"]');
    const outcomes = await page.locator('[data-testid="schedule-row"]').evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.getAttribute('data-code'), { outcome: row.getAttribute('data-outcome'), text: row.textContent }])));
    expect(outcomes[codes[0]]).toMatchObject({ outcome: 'history' });
    expect(outcomes[codes[0]].text).toContain('2023-09-30');
    expect(outcomes[codes[0]].text).toContain('记入历史');
    expect(outcomes[codes[1]].outcome).toBe('conflict');
    expect(outcomes[codes[2]].outcome).toBe('update');
    expect(outcomes[codes[2]].text).toContain('进度（%） 0 → 20');
    expect(outcomes[codes[2]].text).toContain('状态 计划中 → 实施中');
    // Nothing is written by the preview.
    expect((await (await fetch(new URL(`${items}/${codes[2]}`, dashboardUrl))).json()).properties.progress_percent).toBe(0);

    await page.click('[data-testid="schedule-run"]');
    await page.waitForSelector('[data-testid="schedule-dialog"][data-status="written"]');
    await expect(page.locator('[data-testid="schedule-result"]').textContent()).resolves.toMatch(/已写入 2 行.*1 行冲突未写入/);
    const written = (await (await fetch(new URL(`${items}/${codes[2]}`, dashboardUrl))).json()).properties;
    expect(written).toMatchObject({ status: 'in_progress', progress_percent: 20 });
    const kept = (await (await fetch(new URL(`${items}/${codes[0]}`, dashboardUrl))).json()).properties;
    expect(kept).toMatchObject({ status: 'planned', progress_percent: 0 });
    expect((await (await fetch(new URL(`${items}/${codes[1]}`, dashboardUrl))).json()).properties.progress_percent).toBe(0);
    await page.click('[data-testid="schedule-cancel"]');
    await page.waitForSelector('[data-testid="schedule-dialog"]', { state: 'detached' });

    // The panel re-read the projects: today the updated row says 实施中, the other stays 计划中.
    const updated = page.locator(`[data-testid="project-row"][data-code="${codes[2]}"]`);
    await expect(updated.locator('[data-testid="project-status"]').getAttribute('data-status')).resolves.toBe('in_progress');
    const row = page.locator(`[data-testid="project-row"][data-code="${codes[0]}"]`);
    await expect(row.locator('[data-testid="project-status"]').getAttribute('data-status')).resolves.toBe('planned');

    // On 2023-12-31 the slider shows the recorded report, not a state inferred from the dates.
    await page.focus('[data-testid="as-of-range"]');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid="derived-note"]');
    await expect(page.locator('[data-testid="derived-note"]').textContent()).resolves.toContain('2023-12-31');
    await expect(row.locator('[data-testid="project-recorded"]').getAttribute('data-recorded-on')).resolves.toBe('2023-09-30');
    await expect(row.locator('[data-testid="project-derived"]').count()).resolves.toBe(0);
    await expect(row.locator('[data-testid="project-status"]').getAttribute('data-status')).resolves.toBe('in_progress');
    await expect(row.locator('.progress-figure').textContent()).resolves.toBe('35%');
    // The other test project has no report by then: inferred, and says so.
    const other = page.locator(`[data-testid="project-row"][data-code="${codes[1]}"]`);
    await expect(other.locator('[data-testid="project-derived"]').count()).resolves.toBe(1);

    // Its details list the report.
    await row.click();
    await expect(page.locator('[data-testid="status-report"]').last().getAttribute('data-reported-on')).resolves.toBe('2023-09-30');
    await page.click('[data-testid="project-back"]');
    // The leaders' view of that date says which projects are read from reports.
    await page.click('[data-testid="tab-leaders"]');
    await page.waitForFunction(() => /\d+ 个项目按截至当日的进度记录显示/.test(document.querySelector('[data-testid="leaders-inferred"]')?.textContent ?? ''));
    await page.click('[data-testid="tab-projects"]');
    await page.focus('[data-testid="as-of-range"]');
    await page.keyboard.press('End');
    await page.waitForFunction(() => !document.querySelector('[data-testid="derived-note"]'));
    expect(pageErrors).toEqual([]);
  });

  it('refuses a file with a bad row: the problem in Chinese at its row, and 确认写入 disabled', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="schedule-download"]')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('进度填报')!;
    const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
    sheet.eachRow((row) => {
      if (String(row.getCell(header.indexOf('编号')).value) === codes[0]) row.getCell(header.indexOf('状态')).value = '差不多了';
    });
    await page.click('[data-testid="schedule-open"]');
    await page.setInputFiles('[data-testid="schedule-file-input"]', { name: 'bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
    await page.waitForSelector('[data-testid="schedule-dialog"][data-status="previewed"]');
    await page.waitForSelector('[data-testid="schedule-problems"]');
    const problemRow = page.locator(`[data-testid="schedule-row"][data-code="${codes[0]}"]`);
    await expect(problemRow.getAttribute('data-outcome')).resolves.toBe('problem');
    await expect(problemRow.textContent()).resolves.toContain('“差不多了”不是状态');
    await expect(page.locator('[data-testid="schedule-run"]').isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="schedule-dialog"]', { state: 'detached' });
  });
});
