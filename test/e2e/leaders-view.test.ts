import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LeadersSummary } from '../../server/contract/summary.ts';
import { renovationColours } from '../../client/layers/renovation-colours.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { holdRequests, openDashboard, waitForCameraToSettle, waitForDashboardReady, waitForFrames } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] leaders-view.test.ts skipped: ${skipReason}`);

/**
 * The leaders' view as a leader uses it: the 进度总览 tab, the time slider moved with the
 * keyboard from 2022 to 2025, the headline figures and the renovation map against
 * GET /api/leaders/summary at that moment, the lists behind the numbers, the facilities open on
 * the date, and an editor's edit of a renovation record with the server's messages.
 */
describe.skipIf(skipReason !== '')('the leaders\' view in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const summaryOf = async (asOf: string): Promise<LeadersSummary> => (await page.request.get(`${dashboardUrl}/api/leaders/summary?asOf=${asOf}`)).json();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Waits until the panel shows the summary of `asOf` (the slider's date and the panel's agree). */
  async function waitForDate(asOf: string) {
    await page.waitForFunction((date) => document.querySelector('[data-testid="as-of-date"]')?.textContent?.includes(date)
      && document.querySelector('[data-testid="leaders-date"]')?.textContent?.includes(date)
      && !document.querySelector('.leaders-loading'), asOf, { timeout: 30_000 });
    await waitForFrames(page, 4);
  }

  const figure = async (testId: string) => Number(await page.locator(`[data-testid="${testId}"]`).first().getAttribute('data-value'));

  /** The headline figures on screen against the API's answer for the same date. */
  async function expectHeadlinesToMatch(summary: LeadersSummary) {
    for (const key of ['estates', 'households', 'residents'] as const) {
      expect(await figure(`headline-renovated-${key}`)).toBe(summary.renovation.target.met[key]);
    }
    for (const status of ['done', 'in_progress', 'planned', 'not_planned'] as const) {
      expect(await figure(`headline-renovation-${status}`)).toBe(summary.renovation.byStatus[status].estates);
    }
    expect(await figure('headline-renovation-remaining')).toBe(summary.renovation.target.required.estates - summary.renovation.target.met.estates);
    expect(await figure('headline-projects-total')).toBe(summary.projects.all.total);
    for (const status of ['planned', 'in_progress', 'completed', 'on_hold'] as const) {
      expect(await figure(`headline-projects-${status}`)).toBe(summary.projects.all.byStatus[status].count);
    }
    expect(await figure('headline-projects-overdue')).toBe(summary.projects.all.overdue.count);
    expect(await figure('headline-projects-unverified')).toBe(summary.projects.all.unverified.count);
    // A group the data knows no real site of says 无数据, not 0 %.
    for (const group of summary.coverage.groups) {
      if (group.hasData) expect(await figure(`headline-coverage-${group.key}`)).toBe(group.residentsShare);
      else await expect(page.locator(`[data-testid="headline-coverage-${group.key}"]`).textContent()).resolves.toBe('无数据');
    }
    await expect(page.locator('[data-testid="headline-types-with-data"]').textContent()).resolves.toContain(`${summary.coverage.essentialTypes.total} 类中 ${summary.coverage.essentialTypes.withData} 类有数据`);
  }

  /** Each estate's colour in the drawn renovation layer is the colour of its status on that date. */
  async function expectMapToMatch(summary: LeadersSummary) {
    const colours = await page.evaluate(() => window.__lifecircle!.fillColours('renovation-estates'));
    expect(Object.keys(colours).length).toBe(summary.renovation.estates.length);
    for (const estate of summary.renovation.estates) {
      expect(colours[estate.estateKey], estate.estateName).toEqual([...renovationColours[estate.status].fill]);
    }
    // Facilities not open on the date are not drawn; every other one is (metro stations have their own layer).
    const drawnFacilities = Object.keys(await page.evaluate(() => window.__lifecircle!.fillColours('facilities')));
    const notOpen = new Set(summary.facilities.notOpenKeys);
    expect(drawnFacilities.some((key) => notOpen.has(key))).toBe(false);
    const allFacilities = await page.evaluate(() => window.__lifecircle!.featuresOnScreen('facilities').map((feature) => String(feature.id)));
    const metro = new Set(await page.evaluate(() => window.__lifecircle!.featuresOnScreen('metro_stations').map((feature) => String(feature.id))));
    expect(drawnFacilities.length).toBeGreaterThan(0);
    expect(drawnFacilities.length).toBeLessThanOrEqual(allFacilities.length - [...notOpen].filter((key) => allFacilities.includes(key) && !metro.has(key)).length);
    return colours;
  }

  it('with no date chosen (today), leaves out the facilities the summary for today lists as not open', async () => {
    const today: LeadersSummary = await (await page.request.get(`${dashboardUrl}/api/leaders/summary`)).json();
    const notOpen = new Set(today.facilities.notOpenKeys);
    // The shipped data has facilities that projects add later: the check means something.
    expect(notOpen.size).toBeGreaterThan(0);
    const drawnAndOpen = async () => {
      const drawn = Object.keys(await page.evaluate(() => window.__lifecircle!.fillColours('facilities')));
      return drawn.length > 0 && !drawn.some((key) => notOpen.has(key));
    };
    await expect.poll(drawnAndOpen, { timeout: 30_000 }).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('moves the slider from 2022 to 2025 with the keyboard: figures, map and open facilities follow the API', async () => {
    await page.click('[data-testid="tab-leaders"]');
    await page.waitForSelector('[data-testid="headline-renovation"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('renovation-estates'));
    const slider = page.locator('[data-testid="as-of-range"]');
    await slider.focus();
    await page.keyboard.press('Home');
    await waitForDate('2022-12-31');
    const summary2022 = await summaryOf('2022-12-31');
    await expectHeadlinesToMatch(summary2022);
    const colours2022 = await expectMapToMatch(summary2022);

    // One year at a time, as a leader steps through them.
    for (const year of [2023, 2024, 2025]) {
      await page.keyboard.press('ArrowRight');
      await waitForDate(`${year}-12-31`);
      await expect(slider.inputValue()).resolves.toBe(String(year));
    }
    const summary2025 = await summaryOf('2025-12-31');
    await expectHeadlinesToMatch(summary2025);
    const colours2025 = await expectMapToMatch(summary2025);

    // The shipped data renovates estates between 2022 and 2025: the figures and the map changed with the date.
    expect(summary2025.renovation.target.met.estates).toBeGreaterThan(summary2022.renovation.target.met.estates);
    const changed = Object.keys(colours2025).filter((key) => colours2025[key].join() !== colours2022[key].join());
    const changedStatus = summary2025.renovation.estates.filter((estate) => summary2022.renovation.estates.find((earlier) => earlier.estateKey === estate.estateKey)?.status !== estate.status);
    expect(changed.sort()).toEqual(changedStatus.map((estate) => estate.estateKey).sort());
    expect(changed.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('plays through the years from 2022, and stops when asked', async () => {
    await page.click('[data-testid="as-of-play"]');
    await waitForDate('2022-12-31');
    await waitForDate('2023-12-31');
    await page.click('[data-testid="as-of-play"]');
    await expect(page.locator('[data-testid="as-of-play"]').getAttribute('aria-pressed')).resolves.toBe('false');
    const stoppedAt = await page.locator('[data-testid="as-of-range"]').inputValue();
    await page.waitForTimeout(1800);
    await expect(page.locator('[data-testid="as-of-range"]').inputValue()).resolves.toBe(stoppedAt);
    await page.locator('[data-testid="as-of-range"]').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await waitForDate('2025-12-31');
    expect(pageErrors).toEqual([]);
  });

  it('opens the list behind a number, and flies to an estate or a project from it', async () => {
    const summary = await summaryOf('2025-12-31');
    const done = summary.renovation.estates.filter((estate) => estate.status === 'done');
    await page.click('[data-testid="headline-renovation-done"]');
    await page.waitForSelector('[data-testid="drilldown"]');
    const items = page.locator('[data-testid="drilldown-item"]');
    await expect(items.count()).resolves.toBe(done.length);
    const keys = await items.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-key')));
    expect(keys.sort()).toEqual(done.map((estate) => estate.estateKey).sort());

    const start = await page.evaluate(() => window.__lifecircle!.view());
    await items.first().locator('.drilldown-item').click();
    await page.waitForFunction((view) => {
      const now = window.__lifecircle!.view();
      return Math.abs(now.longitude - view.longitude) > 1e-6 || Math.abs(now.zoom - view.zoom) > 1e-3;
    }, start);
    await waitForCameraToSettle(page);
    await expect(page.locator('[data-testid="details-panel"], .details-panel').first().textContent()).resolves.toContain(done.find((estate) => estate.estateKey === keys[0])!.estateName);

    // Projects: the total lists every project of the registry on that date.
    await page.click('[data-testid="headline-projects-total"]');
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="drilldown-item"]').length === count, summary.projects.all.total);
    const codes = await items.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-key')));
    expect(codes.sort()).toEqual([...summary.projects.all.codes].sort());

    // 待核实: the projects whose status or end date is an assumption, none of them counted overdue.
    expect(summary.projects.all.unverified.count).toBeGreaterThan(0);
    expect(summary.projects.all.overdue.codes.filter((code) => summary.projects.all.unverified.codes.includes(code))).toEqual([]);
    await page.click('[data-testid="headline-projects-unverified"]');
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="drilldown-item"]').length === count
      && document.querySelector('[data-testid="drilldown"]')?.textContent?.includes('待核实'), summary.projects.all.unverified.count);
    expect((await items.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-key')))).sort()).toEqual([...summary.projects.all.unverified.codes].sort());

    // A year's count in the renovation table lists the estates recorded for that year.
    const row2025 = summary.renovation.byYear.find((row) => row.year === 2025)!;
    await page.locator('[data-testid="renovation-year-count"]').nth(summary.renovation.byYear.indexOf(row2025)).click();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="drilldown-item"]').length === count, row2025.doneInYear.estates + row2025.expectedInYear.estates);

    // A coverage share lists the estates its group does not reach on that date, as /api/coverage says.
    const coverage = await (await page.request.get(`${dashboardUrl}/api/coverage?asOf=2025-12-31`)).json();
    const health = coverage.byGroup.find((group: { key: string }) => group.key === 'health');
    const outside = coverage.byUnit
      .filter((unit: { gaps: string[] }) => health.facilityTypes.every((type: string) => unit.gaps.includes(type)))
      .map((unit: { id: string }) => unit.id).sort();
    expect(outside.length).toBeGreaterThan(0);
    await page.click('[data-testid="headline-coverage-health"]');
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="drilldown-item"]').length === count
      && document.querySelector('[data-testid="drilldown"]')?.textContent?.includes('卫生'), outside.length);
    expect((await items.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-key')))).sort()).toEqual(outside);

    // Two quick clicks whose answers arrive out of order (the first held back on its way): the
    // list of the latest click stays, the earlier answer arriving last does not replace it.
    const heldCoverage = await holdRequests(page, '**/api/coverage?**', 'first');
    const latestTitle = await page.locator('[data-testid="headline-coverage-park"]').getAttribute('title');
    await page.click('[data-testid="headline-coverage-health"]');
    await heldCoverage.held;
    await page.click('[data-testid="headline-coverage-park"]');
    await page.waitForFunction((title) => document.querySelector('[data-testid="drilldown"]')?.getAttribute('aria-label') === title, latestTitle);
    // The held-back answer arrives last, and the page has acted on it.
    await heldCoverage.deliver();
    await expect(page.locator('[data-testid="drilldown"]').getAttribute('aria-label')).resolves.toBe(latestTitle);

    // The facilities not yet open on that date.
    await page.click('[data-testid="headline-facilities-not-open"]');
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="drilldown-item"]').length === count, summary.facilities.notOpenKeys.length);
    expect((await items.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-key')))).sort()).toEqual([...summary.facilities.notOpenKeys].sort());
    await page.click('[data-testid="drilldown-close"]');
    await expect(page.locator('[data-testid="drilldown"]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('asks the life-circle coverage for the slider\'s date, and again when the slider moves', async () => {
    const coverageRequests: string[] = [];
    const isochroneRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/coverage?')) coverageRequests.push(request.url());
      if (request.url().includes('/api/isochrones?')) isochroneRequests.push(request.url());
    });
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForSelector('[data-testid="focus-share"]');
    await page.waitForFunction(() => !document.querySelector('.coverage-panel')?.textContent?.includes('正在计算'));
    expect(coverageRequests.some((url) => url.includes('asOf=2025-12-31'))).toBe(true);
    const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
    const coverage2025 = await (await page.request.get(`${dashboardUrl}/api/coverage?asOf=2025-12-31`)).json();
    const clinic = coverage2025.byType.find((type: { facilityType: string }) => type.facilityType === 'community_health_center');
    await expect(page.locator('[data-testid="focus-share"]').textContent()).resolves.toBe(percent(clinic.residentsShare));

    await page.locator('[data-testid="as-of-range"]').focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('[data-testid="as-of-date"]')?.textContent?.includes('2022-12-31'));
    await expect.poll(() => coverageRequests.some((url) => url.includes('asOf=2022-12-31'))).toBe(true);
    // The isochrones are drawn from the facilities open on that date too.
    await expect.poll(() => isochroneRequests.some((url) => url.includes('asOf=2022-12-31'))).toBe(true);
    const coverage2022 = await (await page.request.get(`${dashboardUrl}/api/coverage?asOf=2022-12-31`)).json();
    const clinic2022 = coverage2022.byType.find((type: { facilityType: string }) => type.facilityType === 'community_health_center');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, percent(clinic2022.residentsShare));
    await page.click('[data-testid="tab-leaders"]');
    await page.waitForSelector('[data-testid="headline-renovation"]');
  });

  it('draws the charts lazily, without loading ECharts before the tab is opened', async () => {
    await page.click('[data-testid="tab-leaders"]');
    await page.waitForSelector('[data-testid="headline-renovation"]');
    for (const chart of ['chart-renovation-by-year', 'chart-projects-by-action', 'chart-coverage-by-year']) {
      await page.waitForSelector(`[data-testid="${chart}"][data-rendered="true"] canvas`);
    }
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const scripts: string[] = [];
    fresh.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(request.url()); });
    await fresh.goto(dashboardUrl);
    await waitForDashboardReady(fresh);
    expect(scripts.some((url) => url.includes('load-echarts'))).toBe(false);
    await fresh.click('[data-testid="tab-leaders"]');
    await fresh.waitForSelector('[data-testid="chart-renovation-by-year"][data-rendered="true"]');
    expect(scripts.some((url) => url.includes('load-echarts'))).toBe(true);
    await fresh.close();
  });

  it('lets an editor edit an estate\'s record: the server\'s field message, the saved value, and a conflict reloaded', async () => {
    const password = await addUser(dashboardUrl, 'leaders-editor', 'editor');
    const signIn = await page.request.post(`${dashboardUrl}/api/session`, { data: { username: 'leaders-editor', password } });
    expect(signIn.status()).toBe(200);
    const { csrfToken } = await signIn.json() as { csrfToken: string };
    await page.reload();
    await waitForDashboardReady(page);
    await page.click('[data-testid="tab-leaders"]');
    await page.waitForSelector('[data-testid="headline-renovation"]');

    const estateKey = 'estate-zhujiatan';
    const original = await (await page.request.get(`${dashboardUrl}/api/renovation/${estateKey}`)).json();
    // After the reload the dashboard shows today again.
    const summary: LeadersSummary = await (await page.request.get(`${dashboardUrl}/api/leaders/summary`)).json();
    const status = summary.renovation.estates.find((estate) => estate.estateKey === estateKey)!.status;
    await page.click(`[data-testid="headline-renovation-${status}"]`);
    await page.locator(`[data-testid="drilldown-item"][data-key="${estateKey}"] [data-testid="renovation-edit"]`).click();
    await page.waitForSelector('[data-testid="renovation-year"]');

    // A year out of range: the server refuses it and says why at the field.
    await page.fill('[data-testid="renovation-year"]', '1800');
    await page.click('[data-testid="renovation-save"]');
    await page.waitForSelector('[data-testid="problem-comprehensiveRenovation.year"]');
    await expect(page.locator('[data-testid="problem-comprehensiveRenovation.year"]').textContent()).resolves.toMatch(/\S/);
    await expect((await page.request.get(`${dashboardUrl}/api/renovation/${estateKey}`)).json()).resolves.toMatchObject({ version: original.version });

    // A good edit is stored, and the panel reads the summary again.
    await page.selectOption('[data-testid="renovation-status"]', 'done');
    await page.fill('[data-testid="renovation-start-year"]', '2023');
    await page.fill('[data-testid="renovation-year"]', '2024');
    await page.fill('[data-testid="renovation-lifts-installed"]', '3');
    await page.click('[data-testid="renovation-save"]');
    await page.waitForSelector('[data-testid="renovation-saved"]');
    const saved = await (await page.request.get(`${dashboardUrl}/api/renovation/${estateKey}`)).json();
    expect(saved.comprehensiveRenovation).toMatchObject({ status: 'done', startYear: 2023, year: 2024 });
    expect(saved.lifts.installed).toBe(3);
    expect(saved.version).toBeGreaterThan(original.version);
    // Only the changed fields were sent: they are known now, the fields not touched stay assumed.
    expect(saved.assumptions).not.toContain('comprehensiveRenovation.year');
    for (const untouched of original.assumptions.filter((field: string) => !field.startsWith('comprehensiveRenovation.') && !field.startsWith('lifts.'))) {
      expect(saved.assumptions).toContain(untouched);
    }

    // Someone else edits meanwhile: saving answers 412, the form says so and shows their version.
    const current = await page.request.get(`${dashboardUrl}/api/renovation/${estateKey}`);
    const other = await page.request.patch(`${dashboardUrl}/api/renovation/${estateKey}`, {
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': current.headers().etag, 'x-csrf-token': csrfToken },
      data: JSON.stringify({ lifts: { planned: 7 } }),
    });
    expect(other.status()).toBe(200);
    await page.fill('[data-testid="renovation-lifts-installed"]', '4');
    await page.click('[data-testid="renovation-save"]');
    await page.waitForSelector('[data-testid="renovation-conflict"]');
    await page.waitForFunction(() => (document.querySelector('[data-testid="renovation-lifts-planned"]') as HTMLInputElement | null)?.value === '7');
    expect((await (await page.request.get(`${dashboardUrl}/api/renovation/${estateKey}`)).json()).lifts.installed).toBe(3);

    // Put the record back as it was, so other tests see the shipped data.
    const latest = await page.request.get(`${dashboardUrl}/api/renovation/${estateKey}`);
    const restored = await page.request.patch(`${dashboardUrl}/api/renovation/${estateKey}`, {
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': latest.headers().etag, 'x-csrf-token': csrfToken },
      data: JSON.stringify({ comprehensiveRenovation: original.comprehensiveRenovation, lifts: original.lifts, assumptions: original.assumptions, source: original.source }),
    });
    expect(restored.status()).toBe(200);

    // Signing out closes the open form: its save could only be refused.
    await expect(page.locator('[data-testid="renovation-year"]').count()).resolves.toBe(1);
    await page.click('[data-testid="sign-out"]');
    await page.waitForSelector('[data-testid="renovation-year"]', { state: 'detached', timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });
});
