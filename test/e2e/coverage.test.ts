import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { levelOfStandard } from '../../client/model/group-types-by-level.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { mapOrigin, openDashboard, summariseCanvasPixels, waitForCameraToSettle, waitForFrames } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] coverage.test.ts skipped: ${skipReason}`);

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

describe.skipIf(skipReason !== '')('the life-circle panel in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async (path: string) => (await page.request.get(`${dashboardUrl}${path}`)).json();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the analysis, shows the headline figures the API computes, and colours the estates', async () => {
    const before = await summariseCanvasPixels(page, 'deck');
    await page.click('[data-testid="tab-coverage"]');
    await page.waitForSelector('[data-testid="target-card-health"]');
    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('coverage-estates') && window.__lifecircle!.layerIds().includes('isochrones'));
    await waitForFrames(page, 6);
    const coverage = await api('/api/coverage');
    const health = coverage.byGroup.find((group: any) => group.key === 'health');
    await expect(page.locator('[data-testid="target-card-health"] .card-figure').textContent()).resolves.toBe(percent(health.residentsShare));
    // A share, or 无数据 where a group has no real site in the data: never 0 % for not knowing.
    await expect(page.locator('[data-testid="target-card-all"] .card-figure').textContent()).resolves.toBe(coverage.allEssentials.hasData ? percent(coverage.allEssentials.residentsShare) : '无数据');
    for (const group of coverage.byGroup.filter((candidate: any) => ['health', 'elderly', 'culture', 'sports'].includes(candidate.key))) {
      await expect(page.locator(`[data-testid="target-card-${group.key}"] .card-figure`).textContent()).resolves.toBe(group.hasData ? percent(group.residentsShare) : '无数据');
    }
    const clinic = coverage.byType.find((type: any) => type.facilityType === 'community_health_center');
    await expect(page.locator('[data-testid="focus-share"]').textContent()).resolves.toBe(percent(clinic.residentsShare));
    // Today is one date everywhere: the panel's figures are the leaders' headline for today (the same facilities open).
    const summary = await api('/api/leaders/summary');
    expect(coverage.facilitiesNotOpen).toEqual(summary.facilities.notOpenKeys);
    expect(summary.coverage.groups.find((group: any) => group.key === 'health').residentsShare).toBe(health.residentsShare);
    expect(summary.coverage.allEssentials.residentsShare).toBe(coverage.allEssentials.residentsShare);
    expect(summary.coverage.allEssentials.hasData).toBe(coverage.allEssentials.hasData);
    const essentialTypes = new Set(coverage.byGroup.flatMap((group: any) => group.facilityTypes));
    const withData = coverage.byType.filter((type: any) => essentialTypes.has(type.facilityType) && type.hasData).length;
    expect(summary.coverage.essentialTypes).toEqual({ withData, total: essentialTypes.size });
    await expect(page.locator('[data-testid="types-with-data"]').textContent()).resolves.toBe(`基本服务设施 ${essentialTypes.size} 类中 ${withData} 类有数据`);
    // The estates are now filled by walking time: the deck.gl canvas has other colours than before.
    const after = await summariseCanvasPixels(page, 'deck');
    expect(after.distinctColours).not.toBe(before.distinctColours);
    expect(Math.abs(after.drawnPixels - before.drawnPixels)).toBeGreaterThan(1000);
    expect(pageErrors).toEqual([]);
  });

  it('recolours the map and the figures for another facility type and the elderly speed', async () => {
    const before = await summariseCanvasPixels(page, 'deck');
    await page.selectOption('[data-testid="focus-type-select"]', 'elderly_residential_care');
    await page.click('[data-testid="speed-elderly"]');
    const coverage = await api('/api/coverage?speed=0.9');
    const type = coverage.byType.find((candidate: any) => candidate.facilityType === 'elderly_residential_care');
    // The share within the standard distance does not depend on speed; the minute bands do.
    const bands = ['5', '10', '15'].map((minutes) => percent(type.residentsShareWithinMinutes[minutes])).join(' / ');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-summary"]')?.textContent?.includes(expected), bands);
    await expect(page.locator('[data-testid="focus-share"]').textContent()).resolves.toBe(percent(type.residentsShare));
    await waitForFrames(page, 6);
    const after = await summariseCanvasPixels(page, 'deck');
    expect(after.drawnPixels).not.toBe(before.drawnPixels);
  });

  it('lists the estates left out, most residents first, and flies to one when it is clicked', async () => {
    const coverage = await api('/api/coverage?speed=0.9');
    const expected = coverage.byUnit
      .filter((estate: any) => estate.gaps.includes('elderly_residential_care'))
      .sort((a: any, b: any) => b.residents - a.residents || a.name.localeCompare(b.name, 'zh-CN'));
    const items = page.locator('[data-testid="gap-item"]');
    await expect(items.count()).resolves.toBe(Math.min(15, expected.length));
    expect(expected.length).toBeGreaterThan(0);
    const last = items.nth(Math.min(15, expected.length) - 1);
    const estateId = await last.getAttribute('data-estate-id');
    expect(estateId).toBe(expected[Math.min(15, expected.length) - 1].id);
    const start = await page.evaluate(() => window.__lifecircle!.view());
    await last.click();
    await page.waitForFunction((view) => {
      const now = window.__lifecircle!.view();
      return now.longitude !== view.longitude || now.latitude !== view.latitude || now.zoom !== view.zoom;
    }, start);
    await waitForCameraToSettle(page);
    const estate = expected.find((candidate: any) => candidate.id === estateId);
    await expect(page.locator('[data-testid="details-panel"] h2').textContent()).resolves.toBe(estate.name);
    // Its details say how far it walks to each basic service, as the analysis computed it.
    const minutes = estate.walkMinutes.elderly_residential_care;
    await expect(page.locator('[data-testid="estate-walking-times"]').textContent()).resolves.toContain(minutes === null ? '不可达' : `${minutes} 分钟`);
    await expect(page.locator('[data-testid="estate-walking-times"]').textContent()).resolves.toContain('长者照护之家');
  });

  it('tells the walking time from a clicked point to each facility type, as the API does', async () => {
    await page.click('[data-testid="speed-elderly"]'); // unchanged: still 0.9 m/s
    await page.keyboard.press('Escape'); // closes the estate's details
    await page.locator('button', { hasText: '回到街道范围' }).click();
    const facilities = await api('/api/collections/facilities/items?limit=10000');
    const clinic = facilities.features.find((feature: any) => feature.properties.facility_type === 'community_health_center');
    const [longitude, latitude] = clinic.geometry.coordinates;
    await waitForCameraToSettle(page);
    const screen = await page.evaluate(([lon, lat]) => window.__lifecircle!.project(lon, lat), [longitude, latitude]);
    const map = await mapOrigin(page);
    // A little beside the symbol, on the street side, so the click is on the map itself.
    await page.mouse.click(map.x + screen.x + 6, map.y + screen.y + 6);
    await page.waitForSelector('[data-testid="point-walk"] li');
    const answer = await api(`/api/coverage/point?longitude=${longitude}&latitude=${latitude}&speed=0.9`);
    const toClinic = answer.byType.find((type: any) => type.facilityType === 'community_health_center');
    const row = page.locator('[data-testid="point-walk"] li', { hasText: '社区卫生服务中心' }).first();
    const minutes = Number((await row.locator('span').nth(1).textContent())!.replace(/[^\d.]/g, ''));
    // The click lands a few metres from the clinic's own position: well under a minute's walk apart.
    expect(Math.abs(minutes - toClinic.minutes)).toBeLessThan(1);
    expect(await page.evaluate(() => window.__lifecircle!.layerIds().includes('walk-origin'))).toBe(true);
  });

  it('lets a planner hold a type to another distance, recomputes, and goes back to the standard', async () => {
    await page.selectOption('[data-testid="focus-type-select"]', 'community_health_center');
    // Editing a standard is for editors: nobody signed in sees no editor.
    expect(await page.locator('[data-testid="standard-editor"]').count()).toBe(0);
    const password = await addUser(dashboardUrl, 'coverage-planner', 'editor');
    await page.click('[data-testid="sign-in-open"]');
    await page.fill('[data-testid="sign-in-form"] input[name="username"]', 'coverage-planner');
    await page.fill('[data-testid="sign-in-form"] input[name="password"]', password);
    await page.click('[data-testid="sign-in-submit"]');
    await page.waitForSelector('[data-testid="standard-editor"]');
    const before = (await api('/api/coverage?speed=0.9')).byType.find((type: any) => type.facilityType === 'community_health_center');
    await page.fill('[data-testid="standard-editor"] input', '2000');
    await page.click('[data-testid="standard-editor"] button[type="submit"]');
    await page.waitForSelector('[data-testid="standard-reset"]');
    const edited = (await api('/api/coverage?speed=0.9')).byType.find((type: any) => type.facilityType === 'community_health_center');
    expect(edited).toMatchObject({ walkMetres: 2000, basis: 'edited' });
    expect(edited.residentsShare).toBeGreaterThan(before.residentsShare);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, percent(edited.residentsShare));
    await page.click('[data-testid="standard-reset"]');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, percent(before.residentsShare));
    expect((await api('/api/coverage?speed=0.9')).byType.find((type: any) => type.facilityType === 'community_health_center')).toMatchObject({ walkMetres: before.walkMetres, basis: before.basis });

    // The standard's changes, newest first, with who made them.
    await page.click('[data-testid="standard-history-open"]');
    await page.waitForSelector('[data-testid="standard-history"] li');
    const history = await api('/api/facility-standards/community_health_center/history');
    expect(history.edits.slice(0, 2).map((edit: any) => edit.operation)).toEqual(['undo-edit', 'set-distance']);
    const rows = await page.locator('[data-testid="standard-history"] li').allTextContents();
    expect(rows).toHaveLength(history.edits.length);
    expect(rows[0]).toContain('coverage-planner 恢复规范值');
    expect(rows[1]).toContain('coverage-planner 将距离由 1000 米 改为 2000 米');

    // Another planner changes the standard while this one is looking at it: saving is refused, not overwritten, and the panel shows their value.
    const otherPassword = await addUser(dashboardUrl, 'coverage-planner-2', 'editor');
    // Their own session, outside this browser's cookie jar.
    const otherSignIn = await fetch(`${dashboardUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coverage-planner-2', password: otherPassword }) });
    const { csrfToken } = await otherSignIn.json();
    const read = await fetch(`${dashboardUrl}/api/facility-standards/community_health_center`);
    const otherEdit = await fetch(`${dashboardUrl}/api/facility-standards/community_health_center`, {
      method: 'PATCH', body: JSON.stringify({ maxWalkMetres: 1500 }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, 'if-match': read.headers.get('etag')!, cookie: (otherSignIn.headers.get('set-cookie') ?? '').split(';')[0] },
    });
    expect(otherEdit.status).toBe(200);
    await page.fill('[data-testid="standard-editor"] input', '1800');
    await page.click('[data-testid="standard-editor"] button[type="submit"]');
    await expect(page.locator('[data-testid="standard-edit-failure"]').textContent()).resolves.toContain('已被修改');
    const theirs = (await api('/api/coverage?speed=0.9')).byType.find((type: any) => type.facilityType === 'community_health_center');
    expect(theirs).toMatchObject({ walkMetres: 1500, basis: 'edited' });
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, percent(theirs.residentsShare));
    await expect(page.locator('[data-testid="standard-editor"] input').inputValue()).resolves.toBe('1500');
    // Knowing their value, this planner goes back to the standard.
    await page.click('[data-testid="standard-reset"]');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, percent(before.residentsShare));
  });

  it('says 无数据 for a type with only placeholder sites, not 0 % nor 不可达, and lists it only when asked', async () => {
    const coverage = await api('/api/coverage?speed=0.9');
    const market = coverage.byType.find((type: any) => type.facilityType === 'wet_market');
    // The shipped wet markets are all placeholders: the data knows no real one.
    expect(market.hasData).toBe(false);
    expect(market.placeholderCount).toBeGreaterThan(0);
    const options = () => page.locator('[data-testid="focus-type-select"] option').evaluateAll((elements) => elements.map((element) => (element as HTMLOptionElement).value));
    await expect(options()).resolves.not.toContain('wet_market');
    const typesWithData = coverage.byType.filter((type: any) => type.hasData).map((type: any) => type.facilityType);
    expect((await options()).every((type) => typesWithData.includes(type) || type === 'community_health_center')).toBe(true);
    await page.check('[data-testid="show-no-data-types"]');
    await expect(options()).resolves.toContain('wet_market');
    // Grouped by life-circle level: each type under its standard's level (5, 10, 15 minutes, block).
    const grouped = await page.locator('[data-testid="focus-type-select"] option').evaluateAll((elements) => elements.map((element) => [(element as HTMLOptionElement).value, element.parentElement?.getAttribute('data-level') ?? null]));
    expect(new Set(grouped.map(([, level]) => level)).size).toBeGreaterThan(2);
    for (const [type, level] of grouped) expect(level, type!).toBe(levelOfStandard(coverage.byType.find((entry: any) => entry.facilityType === type).level));
    await page.selectOption('[data-testid="focus-type-select"]', 'wet_market');
    await page.waitForFunction(() => document.querySelector('[data-testid="focus-share"]')?.textContent === '无数据');
    await page.waitForSelector('[data-testid="focus-no-data"]');
    await page.waitForSelector('[data-testid="legend-no-data"]');
    // No gaps listed: not knowing where the markets are is not every estate lacking one.
    await expect(page.locator('[data-testid="gap-item"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="chart-no-data"]').count()).resolves.toBeGreaterThan(0);
    await page.selectOption('[data-testid="focus-type-select"]', 'community_health_center');
    await page.waitForFunction(() => !document.querySelector('[data-testid="legend-no-data"]'));
  });

  it('shows how much straight lines overstate coverage, and what placeholder sites would add', async () => {
    await page.selectOption('[data-testid="focus-type-select"]', 'community_health_center');
    const [network, straight, withPlaceholders] = await Promise.all([
      api('/api/coverage?speed=0.9'),
      api('/api/coverage?speed=0.9&mode=straight-line'),
      api('/api/coverage?speed=0.9&mode=straight-line&placeholders=include'),
    ]);
    const share = (answer: any, type: string) => percent(answer.byType.find((candidate: any) => candidate.facilityType === type).residentsShare);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, share(network, 'community_health_center'));
    await page.click('[data-testid="mode-straight"]');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, share(straight, 'community_health_center'));
    // Day care has only placeholder sites: none counted until asked for, and listed only when asked.
    await page.check('[data-testid="show-no-data-types"]');
    await page.selectOption('[data-testid="focus-type-select"]', 'elderly_day_care');
    await page.waitForFunction(() => document.querySelector('[data-testid="focus-share"]')?.textContent === '无数据');
    await expect(page.locator('[data-testid="focus-no-data"]').textContent()).resolves.toContain('没有该类设施的真实点位');
    await page.click('[data-testid="include-placeholders"]');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, share(withPlaceholders, 'elderly_day_care'));
    expect(share(withPlaceholders, 'elderly_day_care')).not.toBe(share(straight, 'elderly_day_care'));
    // Back to the question the other tests ask.
    await page.click('[data-testid="include-placeholders"]');
    await page.click('[data-testid="mode-network"]');
    await page.selectOption('[data-testid="focus-type-select"]', 'community_health_center');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="focus-share"]')?.textContent === expected, share(network, 'community_health_center'));
  });

  it('speaks English when switched, with place names still in Chinese', async () => {
    await page.click('[data-testid="language-switch"]');
    await expect(page.locator('[data-testid="tab-coverage"]').textContent()).resolves.toBe('Life circle');
    await expect(page.locator('[data-testid="coverage-panel"] h2').textContent()).resolves.toBe('15-minute community life circle');
    await expect(page.locator('[data-testid="gap-item"] .gap-name').first().textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await page.click('[data-testid="language-switch"]');
    expect(pageErrors).toEqual([]);
  });
});
