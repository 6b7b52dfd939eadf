/**
 * Takes the dashboard screenshots of docs/screenshots from a running dashboard:
 *   npx tsx test/e2e/take-screenshots.ts http://127.0.0.1:8080/ [output directory]
 * Uses the same headless Chromium as the browser tests.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../helpers/browser.ts';
import { previewImportForScreenshot } from './import-dialog-page.ts';
import { openPeopleForScreenshot } from './people-admin-page.ts';
import { drawProjectForScreenshot } from './project-drawing-page.ts';
import { previewScheduleForScreenshot } from './project-schedule-page.ts';

const dashboardUrl = process.argv[2] ?? 'http://127.0.0.1:8080/';
const outputDirectory = resolve(process.argv[3] ?? join(import.meta.dirname, '../../docs/screenshots'));
mkdirSync(outputDirectory, { recursive: true });

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  const started = Date.now();
  await page.goto(dashboardUrl);
  await page.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 30_000 });
  console.log(`map rendered ${Date.now() - started} ms after navigation`);
  await page.screenshot({ path: join(outputDirectory, 'overview.png') });
  console.log(`wrote ${join(outputDirectory, 'overview.png')}`);

  // Close-ups a resident would check: found through the search box, as a user finds them.
  const closeUp = async (placeName: string, file: string) => {
    await page.fill('.search-box input', placeName);
    await page.press('.search-box input', 'Enter');
    await page.waitForTimeout(400);
    await page.waitForFunction(() => window.__lifecircle?.isMoving() === false, undefined, { timeout: 15_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(outputDirectory, file) });
    console.log(`wrote ${join(outputDirectory, file)}`);
  };
  await closeUp('张家浜沿岸公园（东段）', 'zhangjiabang-edge.png');
  await closeUp('潍坊四村', 'weifang-4.png');

  // 数据完整度: what the answers stand on, per layer and facility type, and what to import first.
  await page.keyboard.press('Escape');
  await page.click('[data-testid="completeness-open"]');
  await page.waitForSelector('[data-testid="completeness-dialog"][data-loaded="true"]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(outputDirectory, 'data-completeness.png') });
  console.log(`wrote ${join(outputDirectory, 'data-completeness.png')}`);
  await page.keyboard.press('Escape');

  // The life-circle analysis: estates coloured by the walk to the community health centre,
  // its isochrones, the headline figures, and the walk from a clicked point.
  await page.goto(dashboardUrl);
  await page.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 30_000 });
  await page.click('[data-testid="tab-coverage"]');
  await page.waitForSelector('[data-testid="target-card-health"]');
  await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('isochrones'), undefined, { timeout: 15_000 });
  const map = (await page.locator('[data-testid="map"]').boundingBox())!;
  await page.mouse.click(map.x + map.width * 0.3, map.y + map.height * 0.62);
  await page.waitForSelector('[data-testid="point-walk"] li');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(outputDirectory, 'coverage.png') });
  console.log(`wrote ${join(outputDirectory, 'coverage.png')}`);

  // The same panel scrolled to the estates left out, ranked by residents.
  await page.locator('[data-testid="gap-list"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('[data-testid="gap-list"]')?.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(outputDirectory, 'coverage-gaps.png') });
  console.log(`wrote ${join(outputDirectory, 'coverage-gaps.png')}`);

  // The gap heat map of the same type: walking minutes on H3 cells, with its legend and summary.
  await page.evaluate(() => document.querySelector('.coverage-panel')?.scrollIntoView({ block: 'start' }));
  await page.click('[data-testid="show-hex-grid"]');
  await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('hex-gap'), undefined, { timeout: 30_000 });
  await page.waitForSelector('[data-testid="hex-summary"]');
  await page.evaluate(() => document.querySelector('[data-testid="hex-legend"]')?.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(outputDirectory, 'hex-gap.png') });
  console.log(`wrote ${join(outputDirectory, 'hex-gap.png')}`);

  // The action plan's projects: the panel grouped by the six actions with the timeline, and every
  // project on the map coloured by action.
  await page.goto(dashboardUrl);
  await page.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 30_000 });
  await page.click('[data-testid="tab-projects"]');
  await page.waitForSelector('[data-testid="project-row"]');
  await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('projects'), undefined, { timeout: 15_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(outputDirectory, 'projects.png') });
  console.log(`wrote ${join(outputDirectory, 'projects.png')}`);

  // The leaders' view: the slider on 2025 (moved with the keyboard), estates coloured by
  // renovation with the demonstration areas, the headline cards and the renovation chart.
  await page.goto(dashboardUrl);
  await page.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 30_000 });
  await page.click('[data-testid="tab-leaders"]');
  await page.waitForSelector('[data-testid="headline-renovation"]');
  await page.locator('[data-testid="as-of-range"]').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('[data-testid="leaders-date"]')?.textContent?.includes('2025-12-31') && !document.querySelector('.leaders-loading'));
  await page.waitForSelector('[data-testid="chart-renovation-by-year"][data-rendered="true"]');
  await page.evaluate(() => {
    // The headline cards and the chart together: the panel scrolled to the renovation card.
    const panel = document.querySelector('.leaders-panel')!;
    const card = document.querySelector<HTMLElement>('[data-testid="headline-renovation"]')!;
    panel.scrollTop = card.offsetTop - 8;
    (document.activeElement as HTMLElement | null)?.blur();
  });
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(outputDirectory, 'leaders.png') });
  console.log(`wrote ${join(outputDirectory, 'leaders.png')}`);

  // The first page of the A4 report for that date.
  await page.click('[data-testid="open-report"]');
  await page.waitForSelector('[data-testid="report-map-image"]');
  // Tall enough for a whole A4 sheet below the report's toolbar, so nothing scrolls under it.
  await page.setViewportSize({ width: 1440, height: 1300 });
  await page.waitForTimeout(500);
  await page.locator('.report-page').first().screenshot({ path: join(outputDirectory, 'report.png') });
  console.log(`wrote ${join(outputDirectory, 'report.png')}`);
  await page.click('[data-testid="report-close"]');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Drawing a project: a polygon drawn with clicks and selected for editing (vertices and
  // midpoints), the form filled in, the impact beside it. Needs an editor's sign-in (the
  // server's first admin from the environment); nothing is saved.
  const editorName = process.env.LIFECIRCLE_ADMIN_USER;
  const editorPassword = process.env.LIFECIRCLE_ADMIN_PASSWORD;
  if (editorName && editorPassword) {
    await drawProjectForScreenshot(page, editorName, editorPassword);
    await page.screenshot({ path: join(outputDirectory, 'project-drawing.png') });
    console.log(`wrote ${join(outputDirectory, 'project-drawing.png')}`);

    // The 导入数据 dialog previewing the fixtures' Excel list of facilities with addresses only:
    // every row placed with its match quality, the bad ones in red with their problem in Chinese.
    // Nothing is written.
    await previewImportForScreenshot(page, dashboardUrl, editorName, editorPassword, join(import.meta.dirname, '../fixtures/import/facilities-addresses-only.xlsx'));
    await page.screenshot({ path: join(outputDirectory, 'import-dialog.png') });
    console.log(`wrote ${join(outputDirectory, 'import-dialog.png')}`);

    // The 导入进度表 dialog previewing a filled schedule: an update, a report of 2023 kept as
    // history (or an update, for a project with no report yet), a row with a problem. Nothing is written.
    await previewScheduleForScreenshot(page, dashboardUrl);
    await page.screenshot({ path: join(outputDirectory, 'schedule-import.png') });
    console.log(`wrote ${join(outputDirectory, 'schedule-import.png')}`);

    // 用户管理: the people with their roles, states and sessions, one person's history, the add
    // form filled in. Nothing is written: the table shows whoever the dashboard has.
    await page.goto(dashboardUrl);
    await page.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 30_000 });
    await openPeopleForScreenshot(page);
    await page.screenshot({ path: join(outputDirectory, 'people-admin.png') });
    console.log(`wrote ${join(outputDirectory, 'people-admin.png')}`);
  } else {
    console.log('skipped project-drawing.png, import-dialog.png, schedule-import.png and people-admin.png: set LIFECIRCLE_ADMIN_USER and LIFECIRCLE_ADMIN_PASSWORD to sign in');
  }
} finally {
  await browser.close();
}
