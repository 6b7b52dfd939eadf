import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LeadersSummary } from '../../server/contract/summary.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { waitForCameraToSettle, waitForDashboardReady, waitForFrames } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] leaders-report.test.ts skipped: ${skipReason}`);

const chineseCharacter = /[\u4e00-\u9fff]/;

/**
 * The leaders' report and exports as a leader uses them: the A4 report for a date with every
 * section, the map image, tables as long as the API's lists, the PDF download, print styles,
 * and the CSV and GeoJSON exports that parse back.
 */
describe.skipIf(skipReason !== '')('the leaders\' report and exports in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const asOf = '2024-12-31';
  let summary: LeadersSummary;

  beforeAll(async () => {
    // Projects whose titles are as long as the form allows, in the first action: their rows wrap
    // onto many lines, so the report must measure its pages rather than count rows.
    await addLongTitledProjects();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(dashboardUrl);
    await waitForDashboardReady(page);
    await page.click('[data-testid="tab-leaders"]');
    await page.waitForSelector('[data-testid="headline-renovation"]');
    // 2024 on the slider, with the keyboard: End is 2026, two steps back.
    await page.locator('[data-testid="as-of-range"]').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((date) => document.querySelector('[data-testid="leaders-date"]')?.textContent?.includes(date) && !document.querySelector('.leaders-loading'), asOf);
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('renovation-estates'));
    await waitForFrames(page, 6);
    summary = await (await page.request.get(`${dashboardUrl}/api/leaders/summary?asOf=${asOf}`)).json();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the A4 report with every section, the map image and tables as long as the API\'s lists', async () => {
    await page.click('[data-testid="open-report"]');
    // Laid out: its pages measured and split where a table would run into the footer.
    await page.waitForSelector('[data-testid="report-overlay"][data-laid-out="true"]');
    await expect(page.locator('[data-testid="report-date"]').textContent()).resolves.toContain(asOf);
    await expect(page.locator('.report-header h1').textContent()).resolves.toMatch(chineseCharacter);

    // The map image: the basemap and deck.gl canvases composited, not a blank picture.
    const image = await summariseReportMapImage(page);
    expect(image.width).toBeGreaterThan(300);
    expect(image.height).toBeGreaterThan(300);
    expect(image.colours).toBeGreaterThan(20);

    await expect(page.locator('[data-testid="report-headline"]').textContent()).resolves.toContain(String(summary.renovation.target.met.estates));
    await expect(page.locator('[data-testid="report-estate-row"]').count()).resolves.toBe(summary.renovation.estates.length);
    await expect(page.locator('[data-testid="report-project-row"]').count()).resolves.toBe(summary.projects.list.length);
    await expect(page.locator('[data-testid="report-coverage-row"]').count()).resolves.toBe(summary.coverage.groups.length + 1);
    // Each group's share on the date, or 无数据 where the data knows no real site: never 0 % for not knowing.
    const shareCells = await page.locator('[data-testid="report-coverage-row"] td:nth-child(2)').allTextContents();
    const shareText = (share: { residentsShare: number; hasData: boolean }) => (share.hasData ? `${Math.round(share.residentsShare * 1000) / 10}%` : '无数据');
    expect(shareCells).toEqual([...summary.coverage.groups.map(shareText), shareText(summary.coverage.allEssentials)]);
    await expect(page.locator('[data-testid="report-types-with-data"]').textContent()).resolves.toContain(`${summary.coverage.essentialTypes.withData} 类有数据`);
    await expect(page.locator('[data-testid="report-sources"] li').count()).resolves.toBe(summary.assumptions.length + 2);
    // Each estate's row carries its status on the date, as the API has it.
    const firstDone = summary.renovation.estates.find((estate) => estate.status === 'done');
    if (firstDone) await expect(page.locator('[data-testid="report-estate-row"]', { hasText: firstDone.estateName }).textContent()).resolves.toContain('已完成');

    // Every page is one A4 sheet, and nothing runs into its footer.
    const pages = await page.locator('.report-overlay .report-page').evaluateAll((elements) => elements.map((element) => {
      const box = element.getBoundingClientRect();
      const footer = element.querySelector('.report-footer')!.getBoundingClientRect();
      const contentBottom = Math.max(...[...element.children].filter((child) => !child.classList.contains('report-footer')).map((child) => child.getBoundingClientRect().bottom));
      return { heading: element.querySelector('h2, h1')?.textContent ?? '', ratio: box.height / box.width, overflow: Math.max(0, Math.round(contentBottom - footer.top)) };
    }));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const sheet of pages) expect(sheet.ratio).toBeCloseTo(297 / 210, 2);
    // Named by heading, so a failure says which sheet runs into its footer and by how many pixels.
    expect(pages.filter((sheet) => sheet.overflow > 1).map((sheet) => `${sheet.heading}: ${sheet.overflow} px`)).toEqual([]);

    // Printing shows the report alone, on A4.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      dashboard: getComputedStyle(document.querySelector('#app')!).display,
      toolbar: getComputedStyle(document.querySelector('.report-toolbar')!).display,
      // Every sheet is laid out whole, one after another, from the top of the printed page.
      sheets: [...document.querySelectorAll('.report-page')].map((sheet) => sheet.getBoundingClientRect().height),
      firstTop: Math.round(document.querySelector('.report-page')!.getBoundingClientRect().top),
      documentHeight: document.documentElement.scrollHeight,
    }));
    expect(printed.dashboard).toBe('none');
    expect(printed.toolbar).toBe('none');
    expect(printed.firstTop).toBe(0);
    // scrollHeight is a whole number of pixels and an A4 sheet is not: up to a pixel per sheet.
    expect(printed.documentHeight).toBeGreaterThanOrEqual(printed.sheets.reduce((total, height) => total + height, 0) - printed.sheets.length);
    // A real print to PDF through Chromium's own printing: one A4 page per sheet.
    const printedPdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    expect(printedPdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(printed.sheets.length);
    await page.emulateMedia({ media: 'screen' });
    expect(pageErrors).toEqual([]);
  });

  it('downloads the report as a PDF, one A4 page per sheet', async () => {
    const sheets = await page.locator('.report-overlay .report-page').count();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.click('[data-testid="report-download-pdf"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = bytes.toString('latin1');
    expect(text.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(sheets);
    // A4 in points: 595.28 × 841.89.
    expect(text).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    // Escape closes the report, as the close button does.
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid="report-overlay"]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('pictures the whole subdistrict in the report however far in the map is, then puts the camera back', async () => {
    // The subdistrict's bounding box, from the boundary the API serves (its neighbours left out).
    const boundary = await (await page.request.get(`${dashboardUrl}/api/collections/boundary/items?limit=100`)).json() as GeoJSON.FeatureCollection;
    const subdistrict = boundary.features.find((feature) => feature.properties?.kind === 'subdistrict')!;
    const corners = (subdistrict.geometry as GeoJSON.Polygon).coordinates.flat();
    const [west, south, east, north] = [
      Math.min(...corners.map((corner) => corner[0])), Math.min(...corners.map((corner) => corner[1])),
      Math.max(...corners.map((corner) => corner[0])), Math.max(...corners.map((corner) => corner[1])),
    ];

    // Far into the estate nearest the middle of the subdistrict: found by name, then zoomed in with the keyboard.
    const estate = await page.evaluate(([longitude, latitude]) => {
      const hook = window.__lifecircle!;
      const middle = hook.project(longitude, latitude);
      const distance = (feature: { x: number; y: number }) => Math.hypot(feature.x - middle.x, feature.y - middle.y);
      return hook.featuresOnScreen('neighbourhoods').filter((feature) => feature.name !== '').sort((first, second) => distance(first) - distance(second))[0]?.name ?? null;
    }, [(west + east) / 2, (south + north) / 2]);
    expect(estate, 'no estate near the middle of the subdistrict').not.toBeNull();
    await page.locator('.search-box input').fill(estate!);
    await page.locator('.search-box input').press('Enter');
    await page.waitForFunction(() => window.__lifecircle!.view().zoom > 16);
    await waitForCameraToSettle(page);
    await page.locator('.search-box input').fill('');
    await page.locator('[data-testid="map"] canvas.maplibregl-canvas').focus();
    while ((await page.evaluate(() => window.__lifecircle!.view().zoom)) < 18.5) {
      const zoom = await page.evaluate(() => window.__lifecircle!.view().zoom);
      await page.keyboard.press('=');
      await page.waitForFunction((start) => window.__lifecircle!.view().zoom > start + 0.5, zoom);
      await waitForCameraToSettle(page);
    }
    const estateView = await page.evaluate(() => window.__lifecircle!.view());
    // The screen shows a part of the estate: a copy of it could not hold the subdistrict.
    const onScreen = await page.evaluate(([longitude, latitude]) => window.__lifecircle!.project(longitude, latitude), [west, north]);
    expect(onScreen.x < 0 || onScreen.y < 0).toBe(true);

    // The placeholder shows while the picture is drawn: noticed as it enters the page, however short its stay.
    await page.evaluate(() => {
      const observer = new MutationObserver(() => {
        const placeholder = document.querySelector('[data-testid="report-map-drawing"]');
        if (!placeholder) return;
        document.body.dataset.reportMapPlaceholder = placeholder.textContent ?? '';
        observer.disconnect();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.click('[data-testid="open-report"]');
    const picture = page.locator('[data-testid="report-map-image"]');
    await picture.waitFor({ timeout: 30_000 });
    await expect(page.evaluate(() => document.body.dataset.reportMapPlaceholder)).resolves.toBe('正在生成地图…');

    // The picture frames the whole subdistrict, and not much more (north up and flat: its bounds are what it shows).
    const [shownWest, shownSouth, shownEast, shownNorth] = (await picture.getAttribute('data-bounds'))!.split(',').map(Number);
    expect(shownWest).toBeLessThanOrEqual(west);
    expect(shownSouth).toBeLessThanOrEqual(south);
    expect(shownEast).toBeGreaterThanOrEqual(east);
    expect(shownNorth).toBeGreaterThanOrEqual(north);
    expect(Math.min((shownEast - shownWest) / (east - west), (shownNorth - shownSouth) / (north - south))).toBeLessThan(1.5);
    const { colours } = await summariseReportMapImage(page);
    expect(colours).toBeGreaterThan(20);

    // Behind the report, the map is back on the estate, exactly as it was.
    const after = await page.evaluate(() => ({ ...window.__lifecircle!.view(), moving: window.__lifecircle!.isMoving() }));
    expect(after.moving).toBe(false);
    expect(after.zoom).toBeCloseTo(estateView.zoom, 9);
    expect(after.longitude).toBeCloseTo(estateView.longitude, 9);
    expect(after.latitude).toBeCloseTo(estateView.latitude, 9);
    expect(after.bearing).toBeCloseTo(estateView.bearing, 9);
    expect(after.pitch).toBeCloseTo(estateView.pitch, 9);
    await page.click('[data-testid="report-close"]');
    expect(pageErrors).toEqual([]);
  });

  it('exports estates, projects, facilities and coverage for the date as Excel, CSV and GeoJSON that parse back', async () => {
    const expectedRows: Record<string, number | null> = {
      estates: summary.renovation.estates.length,
      projects: summary.projects.list.length,
      facilities: summary.facilities.total,
      coverage: null,
    };
    if (await page.locator('[data-testid="report-overlay"]').count() > 0) await page.click('[data-testid="report-close"]');
    for (const dataset of ['estates', 'projects', 'facilities', 'coverage']) {
      const csvLink = page.locator(`[data-testid="export-${dataset}-csv"]`);
      const geoJsonLink = page.locator(`[data-testid="export-${dataset}-geojson"]`);
      await expect(csvLink.getAttribute('href')).resolves.toContain(`asOf=${asOf}`);
      // Downloaded as a user does, by clicking the link.
      const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
      const csvText = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const rows = parse(csvText) as string[][];
      expect(rows[0].some((cell) => chineseCharacter.test(cell)), `${dataset}: Chinese header`).toBe(true);
      const records = rows.slice(1);
      expect(records.every((record) => record.length === rows[0].length)).toBe(true);

      const geoJson = await (await page.request.get(`${dashboardUrl}${await geoJsonLink.getAttribute('href')}`)).json();
      expect(geoJson.type).toBe('FeatureCollection');
      expect(Array.isArray(geoJson.features)).toBe(true);
      expect(geoJson.features.every((feature: { type: string; geometry: unknown }) => feature.type === 'Feature' && 'geometry' in feature)).toBe(true);
      expect(records.length, `${dataset}: CSV rows and GeoJSON features`).toBe(geoJson.features.length);
      if (expectedRows[dataset] !== null) expect(records.length, `${dataset}: rows against the summary`).toBe(expectedRows[dataset]);
      // The Excel link beside it: the same header and as many rows.
      const xlsxLink = page.locator(`[data-testid="export-${dataset}-xlsx"]`);
      const [workbookDownload] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
      expect(workbookDownload.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await workbookDownload.path())!);
      const sheet = workbook.worksheets[0];
      expect((sheet.getRow(1).values as unknown[]).slice(1), `${dataset}: Excel header`).toEqual(rows[0]);
      expect(sheet.rowCount - 1, `${dataset}: Excel rows`).toBe(records.length);
      expect(records.length).toBeGreaterThan(0);
    }
  });

  it('opens the report for a date from a link (?asOf=…&report=1), with the map drawn in it', async () => {
    const linked = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    linked.on('pageerror', (error) => errors.push(error.message));
    await linked.goto(`${dashboardUrl}/?asOf=2023-12-31&report=1`);
    await linked.waitForSelector('[data-testid="report-map-image"]', { timeout: 60_000 });
    await expect(linked.locator('[data-testid="report-date"]').textContent()).resolves.toContain('2023-12-31');
    await expect(linked.locator('[data-testid="as-of-date"]').textContent()).resolves.toContain('2023-12-31');
    const summary2023: LeadersSummary = await (await linked.request.get(`${dashboardUrl}/api/leaders/summary?asOf=2023-12-31`)).json();
    await expect(linked.locator('[data-testid="report-renovated-estates"]').textContent()).resolves.toBe(String(summary2023.renovation.target.met.estates));
    // The picture was taken after the map had drawn: many colours, not an empty canvas.
    const { colours } = await summariseReportMapImage(linked);
    expect(colours).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await linked.close();
  });

  it('exports an empty selection as a valid empty file', async () => {
    const csv = await page.request.get(`${dashboardUrl}/api/exports/estates.csv?asOf=${asOf}&committee=${encodeURIComponent('没有这个居委会')}`);
    expect(csv.status()).toBe(200);
    const rows = parse((await csv.text()).replace(/^\uFEFF/, '')) as string[][];
    expect(rows.length).toBe(1);
    expect(rows[0][0]).toMatch(chineseCharacter);
    const geoJson = await page.request.get(`${dashboardUrl}/api/exports/estates.geojson?asOf=${asOf}&committee=${encodeURIComponent('没有这个居委会')}`);
    expect(geoJson.status()).toBe(200);
    const body = await geoJson.json();
    expect(body).toMatchObject({ type: 'FeatureCollection', features: [] });
  });
});

/** Three projects of 党建引领 with 200-character titles, written by an editor through the API. */
async function addLongTitledProjects() {
  const password = await addUser(dashboardUrl, 'report-editor', 'editor');
  const signIn = await fetch(new URL('/api/session', dashboardUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'report-editor', password }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await signIn.json() as { csrfToken: string };
  for (const index of [1, 2, 3]) {
    const west = 121.5185 + index * 0.0004;
    const created = await fetch(new URL('/api/collections/projects/items', dashboardUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/geo+json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[[west, 31.2190], [west + 0.0002, 31.2190], [west + 0.0002, 31.2192], [west, 31.2192], [west, 31.2190]]] },
        properties: {
          code: `REPORT-LONG-${index}`, title_zh: `长名称项目${index}：${'党建引领居民区睦邻点位提升与服务阵地建设'.repeat(10)}`.slice(0, 200),
          action: 'party_building', item: 1, lead_unit: '党建办', partner_units: [], status: 'in_progress',
          start_date: '2024-01-01', end_date: '2025-12-31', progress_percent: 10, description: '报告分页测试', linked_features: [],
        },
      }),
    });
    if (created.status !== 201 && created.status !== 409) throw new Error(`creating REPORT-LONG-${index} answered ${created.status}: ${await created.text()}`);
  }
}

/** The report's map picture: its size, and its distinct colours (channels rounded to 16 levels): a blank picture has one or two. */
function summariseReportMapImage(page: Page): Promise<{ width: number; height: number; colours: number }> {
  return page.locator('[data-testid="report-map-image"]').evaluate(async (element) => {
    const picture = element as HTMLImageElement;
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = picture.naturalWidth;
    canvas.height = picture.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(picture, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let index = 0; index < data.length; index += 16) colours.add(((data[index] >> 4) << 8) | ((data[index + 1] >> 4) << 4) | (data[index + 2] >> 4));
    return { width: canvas.width, height: canvas.height, colours: colours.size };
  });
}
