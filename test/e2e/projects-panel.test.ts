import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectStateAsOf } from '../../server/contract/vocabulary/project-state-as-of.ts';
import { minuteInShanghai, todayInShanghai } from '../../server/contract/vocabulary/as-of.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser } from '../helpers/e2e-users.ts';
import { findIsolatedFeature, mapOrigin, openDashboard, waitForCameraToSettle, waitForDashboardReady, waitForFrames } from './dashboard-page.ts';

const dashboardUrl = inject('dashboardUrl');
const skipReason = inject('browserSkipReason');
if (skipReason) console.warn(`[e2e] projects-panel.test.ts skipped: ${skipReason}`);

const actionOrder = ['party_building', 'built_form', 'functions', 'governance', 'safety', 'culture'];

/** Pixels of the deck.gl canvas in the highlight's gold (the selected project's outline). */
async function countHighlightPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas:not(.maplibregl-canvas)')!;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      const [red, green, blue, alpha] = [data[index], data[index + 1], data[index + 2], data[index + 3]];
      if (red > 230 && green > 160 && green < 215 && blue < 70 && alpha > 200) count += 1;
    }
    return count;
  });
}

describe.skipIf(skipReason !== '')('the projects panel in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async (path: string) => (await page.request.get(`${dashboardUrl}${path}`)).json();
  const projectsNow = async (): Promise<any[]> => (await api('/api/collections/projects/items?limit=10000')).features;
  const shownCodes = () => page.locator('[data-testid="project-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openDashboard(browser, dashboardUrl, pageErrors);
    await page.click('[data-testid="tab-projects"]');
    await page.waitForSelector('[data-testid="project-row"]');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists every project grouped by the six actions, with the counts the API gives, and draws the project layer', async () => {
    const projects = await projectsNow();
    expect(projects.length).toBeGreaterThanOrEqual(16);
    const groups = await page.locator('[data-testid="action-group"]').evaluateAll((sections) => sections.map((section) => ({
      action: section.getAttribute('data-action'),
      count: Number(section.getAttribute('data-count')),
      shownCount: Number(section.querySelector('[data-testid="action-count"]')?.textContent),
      rows: [...section.querySelectorAll('[data-testid="project-row"]')].map((row) => row.getAttribute('data-code')),
    })));
    expect(groups.map((group) => group.action)).toEqual(actionOrder);
    for (const group of groups) {
      const expected = projects.filter((project) => project.properties.action === group.action).map((project) => project.id).sort();
      expect(group.count, group.action!).toBe(expected.length);
      expect(group.shownCount, group.action!).toBe(expected.length);
      expect([...group.rows].sort(), group.action!).toEqual(expected);
    }
    // Every item of the plan has a project.
    expect(new Set(projects.map((project) => project.properties.item)).size).toBe(16);
    expect(await page.evaluate(() => window.__lifecircle!.layerIds().includes('projects'))).toBe(true);
    // Coloured by action: six different colours for projects of the same status.
    const colours = await page.evaluate(() => window.__lifecircle!.fillColours('projects'));
    expect(Object.keys(colours).sort()).toEqual(projects.map((project) => project.id).sort());
    const colourOfAction = actionOrder.map((action) => {
      const example = projects.find((project) => project.properties.action === action && project.properties.status === 'in_progress');
      return example ? colours[example.id].slice(0, 3).join(',') : null;
    }).filter((colour) => colour !== null);
    expect(colourOfAction.length).toBeGreaterThanOrEqual(5);
    expect(new Set(colourOfAction).size).toBe(colourOfAction.length);
  });

  it('narrows the list by lead unit, place, year and search, and clears the filters', async () => {
    const projects = await projectsNow();
    const total = projects.length;

    // Lead unit: the unit leading the fewest projects, so the filter really narrows.
    const byUnit = new Map<string, string[]>();
    for (const project of projects) byUnit.set(project.properties.lead_unit, [...(byUnit.get(project.properties.lead_unit) ?? []), project.id]);
    const [unit, unitCodes] = [...byUnit.entries()].sort((first, second) => first[1].length - second[1].length)[0];
    await page.selectOption('[data-testid="filter-lead-unit"]', unit);
    expect((await shownCodes()).sort()).toEqual([...unitCodes].sort());
    await page.click('[data-testid="clear-project-filters"]');
    expect(await shownCodes()).toHaveLength(total);

    // Place: the projects linked to 潍坊四村, by the estate's key.
    const estates = (await api('/api/collections/neighbourhoods/items?limit=10000')).features;
    const estateKeys = estates.filter((estate: any) => estate.properties.name === '潍坊四村').map((estate: any) => String(estate.id));
    expect(estateKeys.length).toBeGreaterThan(0);
    const linkedToEstate = projects
      .filter((project) => project.properties.linked_features.some((link: any) => link.collection_id === 'neighbourhoods' && estateKeys.includes(link.feature_key)))
      .map((project) => project.id).sort();
    expect(linkedToEstate.length).toBeGreaterThan(0);
    expect(linkedToEstate.length).toBeLessThan(total);
    await page.selectOption('[data-testid="filter-place"]', '潍坊四村');
    expect((await shownCodes()).sort()).toEqual(linkedToEstate);
    // The map draws only the projects listed.
    await waitForFrames(page, 2);
    expect(Object.keys(await page.evaluate(() => window.__lifecircle!.fillColours('projects'))).sort()).toEqual(linkedToEstate);
    await page.click('[data-testid="clear-project-filters"]');

    // Year, through the timeline: the projects running at some time in 2023.
    const running2023 = projects.filter((project) => project.properties.start_date <= '2023-12-31' && project.properties.end_date >= '2023-01-01').map((project) => project.id).sort();
    await page.click('[data-testid="timeline-year"][data-year="2023"]');
    await expect(page.locator('[data-testid="filter-year"]').inputValue()).resolves.toBe('2023');
    expect((await shownCodes()).sort()).toEqual(running2023);
    expect(Number(await page.locator('[data-testid="timeline-year"][data-year="2023"] .timeline-count').textContent())).toBe(running2023.length);
    await page.click('[data-testid="timeline-year"][data-year="2023"]');
    expect(await shownCodes()).toHaveLength(total);

    // Search: a code finds that project; a place name finds the projects named after it.
    const someCode = projects[Math.floor(projects.length / 2)].id;
    await page.fill('[data-testid="project-search"]', someCode.toLowerCase());
    expect(await shownCodes()).toContain(someCode);
    expect((await shownCodes()).length).toBeLessThan(total);
    await page.fill('[data-testid="project-search"]', '张家浜');
    const titled = projects.filter((project) => project.properties.title_zh.includes('张家浜')).map((project) => project.id);
    expect(titled.length).toBeGreaterThan(0);
    const found = await shownCodes();
    expect(found).toEqual(expect.arrayContaining(titled));
    expect(found.length).toBeLessThan(total);
    await page.fill('[data-testid="project-search"]', '没有这样的项目名称');
    expect(await shownCodes()).toHaveLength(0);
    await page.click('[data-testid="clear-project-filters"]');
    expect(await shownCodes()).toHaveLength(total);
  });

  it('selecting a project shows its details and history, highlights it and its places on the map, and flies there', async () => {
    const projects = await projectsNow();
    const project = projects.find((candidate) => candidate.properties.linked_features.length > 0 && candidate.geometry.type.includes('Polygon'))!;
    await waitForCameraToSettle(page);
    const before = await page.evaluate(() => window.__lifecircle!.view());
    const goldBefore = await countHighlightPixels(page);
    expect(await page.evaluate(() => window.__lifecircle!.layerIds().includes('project-highlight'))).toBe(false);

    await page.click(`[data-testid="project-row"][data-code="${project.id}"]`);
    const details = page.locator('[data-testid="project-details"]');
    await expect(details.getAttribute('data-code')).resolves.toBe(project.id);
    await expect(page.locator('[data-testid="project-title"]').textContent()).resolves.toBe(project.properties.title_zh);
    // Assumptions are listed as such.
    if (project.properties.assumptions.length > 0) await expect(page.locator('[data-testid="project-assumptions"] li').count()).resolves.toBe(project.properties.assumptions.length);
    const history = (await api(`/api/collections/projects/items/${project.id}/history`)).versions;
    await page.waitForSelector('[data-testid="project-history"] li');
    await expect(page.locator('[data-testid="project-history"] li').count()).resolves.toBe(history.length);
    await expect(page.locator('[data-testid="linked-places"] li').count()).resolves.toBeGreaterThan(0);

    await page.waitForFunction(() => window.__lifecircle!.layerIds().includes('project-highlight'));
    await page.waitForTimeout(300);
    await waitForCameraToSettle(page);
    const after = await page.evaluate(() => window.__lifecircle!.view());
    expect(after.zoom).toBeGreaterThan(before.zoom);
    // The project's outline is drawn in the highlight's gold.
    await waitForFrames(page, 6);
    const goldAfter = await countHighlightPixels(page);
    expect(goldAfter).toBeGreaterThan(goldBefore + 300);

    await page.click('[data-testid="project-back"]');
    await page.waitForSelector('[data-testid="project-row"]');
    await waitForFrames(page, 4);
    expect(await page.evaluate(() => window.__lifecircle!.layerIds().includes('project-highlight'))).toBe(false);
  });

  it('says where a project came from and how sure it is, in the interface\'s language, with its history in Shanghai time', async () => {
    const openProject = async (code: string) => {
      if (await page.locator('[data-testid="project-back"]').count() > 0) await page.click('[data-testid="project-back"]');
      await page.click(`[data-testid="project-row"][data-code="${code}"]`);
      await page.waitForSelector(`[data-testid="project-details"][data-code="${code}"] [data-testid="project-provenance"]`);
    };
    const provenance = page.locator('[data-testid="project-provenance"]');
    const note = page.locator('[data-testid="project-source-detail"]');
    await openProject('P01-01');
    const project = (await api('/api/collections/projects/items/P01-01')).properties;
    await expect(provenance.getAttribute('data-source')).resolves.toBe('plan-text');
    await expect(provenance.textContent()).resolves.toContain('来自规划文本');
    await expect(provenance.textContent()).resolves.toContain('低');
    await expect(note.textContent()).resolves.toBe(project.source_detail_zh);
    await expect(note.getAttribute('lang')).resolves.toBe('zh-CN');
    const history = (await api('/api/collections/projects/items/P01-01/history')).versions;
    await page.waitForSelector('[data-testid="project-history"] li time');
    await expect(page.locator('[data-testid="project-history"] li time').first().textContent()).resolves.toBe(minuteInShanghai(history[history.length - 1].recordedAt));

    await page.click('[data-testid="language-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="project-provenance"]')?.textContent?.includes('From a plan document'));
    await expect(note.textContent()).resolves.toBe(project.source_detail);
    await expect(note.getAttribute('lang')).resolves.toBe('en');
    await expect(provenance.textContent()).resolves.toContain('Low');
    await page.click('[data-testid="language-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="project-provenance"]')?.textContent?.includes('来自规划文本'));
    await page.click('[data-testid="project-back"]');
    await page.waitForSelector('[data-testid="project-row"]');
  });

  it('clicking a place on the map lists the projects linked to it, and one click opens a project', async () => {
    const projects = await projectsNow();
    // Only facilities open today are drawn: the sites a plan project adds wait for their project.
    const notOpenToday = new Set<string>((await api('/api/leaders/summary')).facilities.notOpenKeys);
    const linkedFacilityIds = [...new Set(projects.flatMap((project) => project.properties.linked_features)
      .filter((link: any) => link.collection_id === 'facilities' && !notOpenToday.has(link.feature_key)).map((link: any) => link.feature_key))];
    expect(linkedFacilityIds.length).toBeGreaterThan(0);
    await page.click('button[title="回到街道范围"]');
    await waitForCameraToSettle(page);
    await page.waitForTimeout(1300);
    await waitForCameraToSettle(page);
    const facility = await findIsolatedFeature(page, 'facilities', 16, linkedFacilityIds);
    expect(facility, 'a facility some project links to, clear of other symbols').not.toBeNull();
    const origin = await mapOrigin(page);
    await page.mouse.click(origin.x + facility!.x, origin.y + facility!.y);
    const section = page.locator('[data-testid="details-panel"] [data-testid="projects-of-place"]');
    await section.waitFor();
    const expected = projects.filter((project) => project.properties.linked_features.some((link: any) => link.collection_id === 'facilities' && link.feature_key === String(facility!.id)))
      .map((project) => project.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    const listed = await section.locator('[data-testid="place-project"]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-code')));
    expect([...listed].sort()).toEqual(expected);
    await section.locator('[data-testid="place-project"]').first().click();
    await expect(page.locator('[data-testid="project-details"]').getAttribute('data-code')).resolves.toBe(listed[0]);
    await expect(page.locator('[data-testid="details-panel"]').count()).resolves.toBe(0);
    await page.click('[data-testid="project-back"]');
  });

  it('shows each project as it was on the time slider\'s date, derived from its dates, and says so', async () => {
    const projects = await projectsNow();
    await expect(page.locator('[data-testid="derived-note"]').count()).resolves.toBe(0);
    await page.focus('[data-testid="as-of-range"]');
    await page.keyboard.press('Home');
    await page.waitForSelector('[data-testid="derived-note"]');
    const asOf = await page.evaluate(() => document.querySelector('[data-testid="derived-note"]')!.textContent!.match(/\d{4}-\d{2}-\d{2}/)![0]);
    expect(asOf < todayInShanghai()).toBe(true);
    const statuses = await page.locator('[data-testid="project-row"]').evaluateAll((rows) => rows.map((row) => ({
      code: row.getAttribute('data-code'),
      status: row.querySelector('[data-testid="project-status"]')!.getAttribute('data-status'),
      derived: row.querySelector('.status-derived') !== null,
    })));
    expect(statuses).toHaveLength(projects.length);
    for (const row of statuses) {
      const project = projects.find((candidate) => candidate.id === row.code)!;
      expect(row.status, row.code!).toBe(projectStateAsOf(project.properties, asOf).status);
      expect(row.derived).toBe(true);
    }
    // The map follows: a project not started by then is drawn hollow (planned).
    const notStarted = projects.find((project) => project.properties.start_date > asOf);
    if (notStarted) {
      await waitForFrames(page, 2);
      expect((await page.evaluate(() => window.__lifecircle!.fillColours('projects')))[notStarted.id][3]).toBe(0);
    }
    await page.keyboard.press('End');
    await page.waitForFunction(() => !document.querySelector('[data-testid="derived-note"]'));
  });

  it('shows 状态待核实, not 逾期, where the status is assumed, filters by it, and 逾期 once a person records status and end date', async () => {
    const isAssumed = (project: any) => project.properties.assumptions.some((field: string) => field === 'status' || field === 'end_date');
    const badges = () => page.locator('[data-testid="project-row"]').evaluateAll((rows) => rows.map((row) => ({
      code: row.getAttribute('data-code'),
      unverified: row.querySelector('[data-testid="project-unverified"]') !== null,
      overdue: row.querySelector('[data-testid="project-overdue"]') !== null,
      note: row.querySelector('[data-testid="project-unverified"]')?.getAttribute('title') ?? null,
    })));
    const projects = await projectsNow();
    const assumedCodes = projects.filter(isAssumed).map((project) => project.id).sort();
    expect(assumedCodes.length).toBeGreaterThan(0);
    for (const row of await badges()) {
      const project = projects.find((candidate) => candidate.id === row.code)!;
      expect(row.unverified, row.code!).toBe(isAssumed(project));
      if (row.unverified) {
        expect(row.overdue, row.code!).toBe(false);
        expect(row.note).toContain('假设');
      } else {
        expect(row.overdue, row.code!).toBe(projectStateAsOf(project.properties, null).overdue);
      }
    }
    await expect(page.locator('[data-testid="project-unverified"]').first().textContent()).resolves.toBe('状态待核实');
    await page.selectOption('[data-testid="filter-status"]', 'unverified');
    expect((await shownCodes()).sort()).toEqual(assumedCodes);
    await page.click('[data-testid="clear-project-filters"]');

    // A project of this test's own, its status and end date assumptions, past its end date.
    const code = 'E2E-UNVERIFIED-1';
    const password = await addUser(dashboardUrl, 'e2e-unverified-editor', 'editor');
    const signIn = await fetch(`${dashboardUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'e2e-unverified-editor', password }) });
    expect(signIn.status).toBe(200);
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken };
    const item = `${dashboardUrl}/api/collections/projects/items/${code}`;
    const existing = await fetch(item);
    if (existing.status === 200) await fetch(item, { method: 'DELETE', headers: { ...headers, 'if-match': existing.headers.get('etag')! } });
    const created = await fetch(`${dashboardUrl}/api/collections/projects/items`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/geo+json' },
      body: JSON.stringify({
        type: 'Feature', geometry: { type: 'Point', coordinates: [121.523, 31.226] },
        properties: {
          code, title_zh: '浏览器测试：状态待核实', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', partner_units: [], status: 'in_progress',
          start_date: '2024-01-01', end_date: '2025-06-30', progress_percent: 30, budget_ten_thousand_yuan: null, description: '', linked_features: [],
          assumptions: ['status', 'end_date'],
        },
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    try {
      const rowOf = async () => (await badges()).find((row) => row.code === code);
      await page.reload();
      await waitForDashboardReady(page);
      await page.click('[data-testid="tab-projects"]');
      await page.waitForSelector(`[data-testid="project-row"][data-code="${code}"]`);
      expect(await rowOf()).toMatchObject({ unverified: true, overdue: false });
      const summaryBefore = await api('/api/leaders/summary');
      expect(summaryBefore.projects.all.unverified.codes).toContain(code);
      expect(summaryBefore.projects.all.overdue.codes).not.toContain(code);

      // An editor opens it, ticks 状态与完成日期已核实 without changing either, and saves: both are
      // recorded (no longer assumptions), and past its end date it is overdue.
      const cookie = headers.cookie.split('=');
      await page.context().addCookies([{ name: cookie[0], value: cookie.slice(1).join('='), url: `${dashboardUrl}/api/`, secure: true, httpOnly: true, sameSite: 'Strict' }]);
      await page.reload();
      await waitForDashboardReady(page);
      await page.click('[data-testid="tab-projects"]');
      await page.click(`[data-testid="project-row"][data-code="${code}"]`);
      await page.click('[data-testid="edit-project"]');
      await page.waitForSelector('[data-testid="project-editor"]');
      await page.waitForFunction(() => (document.querySelector('[data-testid="input-title"]') as HTMLInputElement | null)?.value !== '');
      await page.check('[data-testid="confirm-status"] input');
      await page.click('[data-testid="save-project"]');
      await page.waitForSelector('[data-testid="project-editor"]', { state: 'detached' });
      const saved = await (await fetch(item)).json() as any;
      expect(saved.properties.assumptions).toEqual([]);
      expect(saved.properties).toMatchObject({ status: 'in_progress', end_date: '2025-06-30', progress_percent: 30 });
      await page.waitForSelector(`[data-testid="project-details"][data-code="${code}"] [data-testid="project-overdue"]`);
      await expect(page.locator(`[data-testid="project-details"] [data-testid="project-unverified"]`).count()).resolves.toBe(0);
      await page.context().clearCookies();
      await page.reload();
      await waitForDashboardReady(page);
      await page.click('[data-testid="tab-projects"]');
      await page.waitForSelector(`[data-testid="project-row"][data-code="${code}"]`);
      expect(await rowOf()).toMatchObject({ unverified: false, overdue: true });
      await expect(page.locator(`[data-testid="project-row"][data-code="${code}"] [data-testid="project-overdue"]`).textContent()).resolves.toBe('逾期');
      const summaryAfter = await api('/api/leaders/summary');
      expect(summaryAfter.projects.all.overdue.codes).toContain(code);
      expect(summaryAfter.projects.all.unverified.codes).not.toContain(code);
    } finally {
      await page.context().clearCookies();
      const current = await fetch(item);
      if (current.status === 200) await fetch(item, { method: 'DELETE', headers: { ...headers, 'if-match': current.headers.get('etag')! } });
    }
  });

  it('shows no edit controls to someone who has not signed in, and no page errors', async () => {
    await expect(page.locator('[data-testid="new-project"]').count()).resolves.toBe(0);
    await page.locator('[data-testid="project-row"]').first().click();
    await page.waitForSelector('[data-testid="project-details"]');
    await expect(page.locator('[data-testid="edit-project"]').count()).resolves.toBe(0);
    await page.click('[data-testid="project-back"]');
    expect(pageErrors).toEqual([]);
  });
});
