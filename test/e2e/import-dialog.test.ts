import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { openDashboard, waitForCameraToSettle } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] import-dialog.test.ts skipped: ${skipReason}`);

const fixtures = resolve(import.meta.dirname, '../fixtures/import');
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
// No facility of this type is in the shipped data: the imported canteens are the first.
const importedType = 'community_canteen';

/**
 * A 街道 office's Excel list of canteens, as the fixtures' list is written (test/fixtures/import/
 * make-office-files.ts: merged title row, Chinese headers, real addresses, no coordinates), with
 * the dashboard's type key in a column of its own (类型代码) beside the Chinese type name, and one
 * address in another district, which cannot be placed.
 */
async function canteenWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('社区食堂');
  sheet.addRow(['潍坊新村街道社区食堂清单（示例）']);
  sheet.mergeCells('A1:F1');
  sheet.addRow([]);
  sheet.addRow(['序号', '设施名称', '设施类型', '类型代码', '地址', '容量（人）']);
  sheet.addRow([1, '浦电路社区食堂', '社区食堂', importedType, '浦东新区潍坊新村街道浦电路307号', 120]);
  sheet.addRow([2, '潍坊路睦邻食堂', '社区食堂', importedType, '潍坊路270号', 60]);
  sheet.addRow([3, '源深路长者食堂', '社区食堂', importedType, '源深路836号', 80]);
  sheet.addRow([4, '外区食堂', '社区食堂', importedType, '黄浦区中山南路1号', 50]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.skipIf(skipReason !== '')('the 导入数据 dialog in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async (path: string) => (await page.request.get(`${dashboardUrl}${path}`)).json();
  const facilityCount = async () => (await api('/api/collections/facilities/items?limit=10000')).features.length as number;
  const canteenShare = async () => (await api('/api/coverage')).byType.find((type: { facilityType: string }) => type.facilityType === importedType);

  const signIn = async (target: Page, username: string, password: string) => {
    await target.click('[data-testid="sign-in-open"]');
    await target.fill('[data-testid="sign-in-form"] input[name="username"]', username);
    await target.fill('[data-testid="sign-in-form"] input[name="password"]', password);
    await target.click('[data-testid="sign-in-submit"]');
    await target.waitForSelector('[data-testid="signed-in-user"]');
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the 导入数据 button to editors only: not to a visitor, not to a signed-in viewer', async () => {
    const viewerPage = await openDashboard(browser, dashboardUrl, pageErrors);
    await viewerPage.waitForSelector('[data-testid="tab-layers"][aria-selected="true"]');
    await viewerPage.waitForSelector('.layer-list li');
    expect(await viewerPage.locator('[data-testid="import-open"]').count()).toBe(0);
    await signIn(viewerPage, 'import-viewer', await addUser(dashboardUrl, 'import-viewer', 'viewer'));
    await expect(viewerPage.locator('[data-testid="signed-in-role"]').textContent()).resolves.not.toMatch(/编辑|管理/);
    expect(await viewerPage.locator('[data-testid="import-open"]').count()).toBe(0);
    // The same page, signed in as an editor: the button is there.
    await viewerPage.click('[data-testid="sign-out"]');
    await signIn(viewerPage, 'import-button-editor', await addUser(dashboardUrl, 'import-button-editor', 'editor'));
    await viewerPage.waitForSelector('[data-testid="import-open"]');
    await viewerPage.close();
  });

  it('imports an Excel list with addresses only: the preview on the map and in the table, the columns chosen, 导入 writes, the coverage changes', async () => {
    // The life circle first, on the type the file brings: no canteen yet.
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForSelector('[data-testid="focus-type-select"]');
    // The type has no site in the data yet: listed only when asked, and 无数据 rather than 0 %.
    await page.check('[data-testid="show-no-data-types"]');
    await page.selectOption('[data-testid="focus-type-select"]', importedType);
    const before = await canteenShare();
    expect(before.hasData).toBe(false);
    await page.waitForFunction(() => document.querySelector('[data-testid="focus-share"]')?.textContent === '无数据');
    const facilitiesBefore = await facilityCount();

    await page.click('[data-testid="tab-layers"]');
    await signIn(page, 'import-editor', await addUser(dashboardUrl, 'import-editor', 'editor'));
    await page.click('[data-testid="import-open"]');
    await page.waitForSelector('[data-testid="import-dialog"]');
    await expect(page.locator('[data-testid="import-target-select"]').inputValue()).resolves.toBe('facilities');
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: '社区食堂清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await canteenWorkbook(),
    });

    // The preview: every row, placed by its address with its match quality, the one elsewhere with its problem in Chinese.
    await page.waitForSelector('[data-testid="import-preview-table"]');
    const rows = page.locator('[data-testid="import-row"]');
    await expect(rows.count()).resolves.toBe(4);
    const placements = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-placement')));
    expect(placements.slice(0, 3).every((placement) => ['exact', 'interpolated', 'street'].includes(placement!))).toBe(true);
    expect(placements).toContain('exact');
    await expect(rows.first().locator('td').nth(4).textContent()).resolves.toMatch(/精确|插值|仅街道/);
    const bad = rows.nth(3);
    await expect(bad.locator('td').nth(1).textContent()).resolves.toBe('外区食堂');
    await expect(bad.locator('.import-problem').textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    // The counts are the import's own: with a bad row it would load nothing.
    await expect(page.locator('[data-testid="import-count-added"]').textContent()).resolves.toBe('0');
    await expect(page.locator('[data-testid="import-count-bad"]').textContent()).resolves.toBe('1');
    // The rows are on the map, and the camera went to them.
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('import-preview'));
    await waitForCameraToSettle(page);

    // The type was guessed from 设施类型 (the Chinese name); the dashboard's key is in 类型代码: choosing it previews again.
    await expect(page.locator('[data-testid="import-column-facility_type"]').inputValue()).resolves.toBe('设施类型');
    await expect(page.locator('[data-testid="import-column-address"]').inputValue()).resolves.toBe('地址');
    await page.selectOption('[data-testid="import-column-facility_type"]', '类型代码');
    await page.waitForFunction((type) => document.querySelector('[data-testid="import-row"] td:nth-child(3)')?.textContent === type, importedType);

    // A file with a bad row loads nothing unless told to leave the bad rows out.
    await page.check('[data-testid="import-keep-good-rows"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="import-count-added"]')?.textContent === '3');
    expect(await facilityCount()).toBe(facilitiesBefore);
    await page.click('[data-testid="import-run"]');
    await page.waitForSelector('[data-testid="import-result"]');
    await expect(page.locator('[data-testid="import-result"]').textContent()).resolves.toMatch(/已写入 3 个要素/);

    // The facilities API has the new rows, placed by address; the map's layer has them too.
    const facilities = (await api('/api/collections/facilities/items?limit=10000')).features;
    expect(facilities.length).toBe(facilitiesBefore + 3);
    const canteens = facilities.filter((feature: { properties: { facility_type: string } }) => feature.properties.facility_type === importedType);
    expect(canteens.map((feature: { properties: { name: string } }) => feature.properties.name).sort()).toEqual(['浦电路社区食堂', '源深路长者食堂', '潍坊路睦邻食堂'].sort());
    for (const canteen of canteens) {
      expect(canteen.properties).toMatchObject({ source: 'address-located', location_method: 'address' });
      // Each row says where it was placed from, in both languages.
      expect(canteen.properties.source_detail_zh).toMatch(/^按地址“.+”定位（社区食堂清单\.xlsx）：/);
    }
    await page.waitForFunction((count) => window.__lifecircle!.featuresOnScreen('facilities').length === count, facilitiesBefore + 3);

    // The life circle was computed again: the canteens' share is the API's new figure, no longer the old one.
    const after = await canteenShare();
    expect(after.facilityCount).toBe(before.facilityCount + 3);
    expect(after.hasData).toBe(true);
    expect(after.residentsShare).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(await page.evaluate(() => window.__lifecircle!.layerIds().includes('import-preview'))).toBe(false);
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, percent(after.residentsShare));

    // 数据完整度 lists the import first, with the editor's name.
    await page.click('[data-testid="tab-layers"]');
    await page.click('[data-testid="completeness-open"]');
    await page.waitForSelector('[data-testid="completeness-dialog"][data-loaded="true"]');
    const latestImport = page.locator('[data-testid="completeness-imports"] tbody tr').first();
    await expect(latestImport.getAttribute('data-collection')).resolves.toBe('facilities');
    await expect(latestImport.locator('[data-testid="import-record-person"]').textContent()).resolves.toBe('import-editor');
    await expect(latestImport.textContent()).resolves.toContain('社区食堂清单.xlsx');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="completeness-dialog"]', { state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('refuses a file that lands in the wrong place with the server\'s Chinese reason, keeps the dialog open and writes nothing', async () => {
    await page.click('[data-testid="tab-layers"]');
    const facilitiesBefore = await facilityCount();
    await page.click('[data-testid="import-open"]');
    await page.waitForSelector('[data-testid="import-dialog"]');
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: 'facilities-swapped.csv', mimeType: 'text/csv', buffer: readFileSync(join(fixtures, 'facilities-swapped.csv')),
    });
    // The preview already says it lands elsewhere, in Chinese.
    await expect(page.locator('[data-testid="import-location-refused"]').textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await page.click('[data-testid="import-run"]');
    await page.waitForSelector('[data-testid="import-failure"]');
    await expect(page.locator('[data-testid="import-failure"]').textContent()).resolves.toMatch(/经纬度颠倒/);
    expect(await page.locator('[data-testid="import-dialog"]').count()).toBe(1);
    expect(await page.locator('[data-testid="import-result"]').count()).toBe(0);
    expect(await facilityCount()).toBe(facilitiesBefore);
    await page.click('[data-testid="import-cancel"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
