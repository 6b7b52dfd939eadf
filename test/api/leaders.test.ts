import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../server/contract/vocabulary/as-of.ts';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { signInAs } from './projects-sign-in.ts';

const summaryOf = async (server: ServerUnderTest, asOf?: string) => {
  const answer = await getJson(server, `/api/leaders/summary${asOf ? `?asOf=${asOf}` : ''}`);
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
  return answer.body;
};
const share = (summary: any, group: string) => summary.coverage.groups.find((candidate: any) => candidate.key === group).residentsShare;

describe.each(serversUnderTest())('the leaders\' summary on the $database database', (server) => {
  it('answers for today by default, and refuses a date that is not one with 400 in both languages', async () => {
    const summary = await summaryOf(server);
    expect(summary.asOf).toBe(todayInShanghai());
    for (const bad of ['2024-02-30', '24-12-31', '1999-12-31', 'today', '2024-12-31T00:00']) {
      const answer = await getJson(server, `/api/leaders/summary?asOf=${encodeURIComponent(bad)}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.message).toContain('asOf');
      expect(answer.body.messageZh).toContain('日期');
    }
    expect((await getJson(server, '/api/coverage?asOf=2024-13-01')).status).toBe(400);
  });

  it('agrees with the renovation records: totals, per-estate states, committees, the six actions and sixteen items', async () => {
    const [summary, records] = await Promise.all([summaryOf(server, '2024-12-31'), getJson(server, '/api/renovation')]);
    const estates = records.body.estates;
    const { renovation } = summary;
    expect(renovation.totals.estates).toBe(estates.length);
    expect(renovation.totals.households).toBe(estates.reduce((sum: number, record: any) => sum + record.households, 0));
    expect(renovation.totals.residents).toBe(estates.reduce((sum: number, record: any) => sum + record.residents, 0));
    expect(renovation.target.required).toEqual(renovation.totals);
    for (const status of ['done', 'in_progress', 'planned', 'not_planned']) {
      const those = renovation.estates.filter((estate: any) => estate.status === status);
      expect(renovation.byStatus[status].estates, status).toBe(those.length);
      expect(renovation.byStatus[status].residents, status).toBe(those.reduce((sum: number, estate: any) => sum + estate.residents, 0));
    }
    expect(renovation.byCommittee.reduce((sum: number, committee: any) => sum + committee.totals.estates, 0)).toBe(estates.length);
    expect(renovation.estates.filter((estate: any) => estate.demonstration)).toHaveLength(3);
    expect(renovation.byYear.map((row: any) => row.year)).toEqual([2022, 2023, 2024, 2025, 'after2025']);
    expect(summary.projects.byAction).toHaveLength(6);
    expect(summary.projects.byAction.flatMap((action: any) => action.items)).toHaveLength(16);
    expect(summary.projects.byAction.reduce((sum: number, action: any) => sum + action.total, 0)).toBe(summary.projects.all.total);
    expect(summary.projects.list).toHaveLength(summary.projects.all.total);
    expect(summary.coverageByYear.map((year: any) => year.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(summary.assumptions.length).toBeGreaterThan(0);
  });

  it('never has fewer done estates, or fewer open facilities, on a later date', async () => {
    const dates = ['2022-06-30', '2022-12-31', '2023-12-31', '2024-06-30', '2024-12-31', '2025-12-31', '2026-06-30', '2026-12-31'];
    const summaries = await Promise.all(dates.map((date) => summaryOf(server, date)));
    const done = summaries.map((summary) => summary.renovation.byStatus.done.estates);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const notOpen2022 = new Set(summaries[1].facilities.notOpenKeys);
    const notOpen2026 = summaries.at(-1).facilities.notOpenKeys;
    // Open in 2022 ⊆ open in 2026: whatever is not open in 2026 was not open in 2022 either.
    for (const key of notOpen2026) expect(notOpen2022.has(key), key).toBe(true);
    expect(summaries.at(-1).facilities.openCount).toBeGreaterThanOrEqual(summaries[1].facilities.openCount);
  });

  it('reports the coverage GET /api/coverage computes for the same date', async () => {
    const [summary, coverage] = await Promise.all([summaryOf(server, '2023-12-31'), getJson(server, '/api/coverage?asOf=2023-12-31')]);
    expect(coverage.status).toBe(200);
    expect(coverage.body.facilitiesNotOpen).toEqual(summary.facilities.notOpenKeys);
    for (const group of coverage.body.byGroup) expect(share(summary, group.key), group.key).toBe(group.residentsShare);
    expect(summary.coverage.allEssentials.residentsShare).toBe(coverage.body.allEssentials.residentsShare);
    const year2023 = summary.coverageByYear.find((year: any) => year.year === 2023);
    expect(year2023.groups).toEqual(summary.coverage.groups);
  });

  it('counts the seeded projects, whose status and end date are assumed, as unverified and none as overdue', async () => {
    const [summary, projects] = await Promise.all([summaryOf(server), getJson(server, '/api/collections/projects/items?limit=1000')]);
    const assumed = projects.body.features.filter((feature: any) => feature.properties.assumptions.some((field: string) => field === 'status' || field === 'end_date'));
    const assumedCodes = assumed.map((feature: any) => feature.properties.code).sort();
    expect(summary.projects.all.unverified.codes).toEqual(assumedCodes);
    for (const code of assumedCodes) expect(summary.projects.all.overdue.codes, code).not.toContain(code);
    for (const row of summary.projects.list) expect(row.statusUnverified, row.code).toBe(assumedCodes.includes(row.code));
    expect(summary.projects.byAction.reduce((sum: number, action: any) => sum + action.unverified.count, 0)).toBe(summary.projects.all.unverified.count);
    expect(summary.projects.byLeadUnit.reduce((sum: number, unit: any) => sum + unit.unverified.count, 0)).toBe(summary.projects.all.unverified.count);
  });

  it('counts today\'s facilities the same everywhere: /api/coverage without asOf, with today\'s date, and the summary for today', async () => {
    const today = todayInShanghai();
    const [summary, plain, dated, parksOnly] = await Promise.all([
      summaryOf(server), getJson(server, '/api/coverage'), getJson(server, `/api/coverage?asOf=${today}`), getJson(server, '/api/coverage?types=park_10min'),
    ]);
    expect(plain.body.asOf).toBe(today);
    expect(plain.body.facilitiesNotOpen).toEqual(summary.facilities.notOpenKeys);
    expect(dated.body.facilitiesNotOpen).toEqual(summary.facilities.notOpenKeys);
    expect(plain.body.byGroup).toEqual(dated.body.byGroup);
    expect(plain.body.byType).toEqual(dated.body.byType);
    for (const group of plain.body.byGroup) expect(share(summary, group.key), group.key).toBe(group.residentsShare);
    expect(summary.coverage.allEssentials.residentsShare).toBe(plain.body.allEssentials.residentsShare);
    const counted = plain.body.byType.reduce((sum: number, type: any) => sum + type.facilityCount, 0);
    expect(summary.coverage.facilitiesCounted).toBe(counted);
    // The riverside parks the plan adds are not open today (their project is not recorded completed).
    expect(summary.facilities.notOpenKeys).toContain('facility-green-zhangjiabang-park-east');
    expect(parksOnly.body.facilitiesNotOpen).toContain('facility-green-zhangjiabang-park-east');
    // The care home is renovated while open: never left out.
    for (const date of ['2022-06-30', '2024-06-30', today]) {
      expect((await summaryOf(server, date)).facilities.notOpenKeys, date).not.toContain('facility-nursing-home');
    }
  });

  it('agrees with a direct SQL count over the tables (real PostgreSQL)', async () => {
    if (!server.databaseUrl) return;
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      for (const asOf of ['2023-12-31', '2024-12-31', '2025-06-30', '2025-12-31']) {
        const summary = await summaryOf(server, asOf);
        const done = await client.query(
          `select count(*)::int as estates, coalesce(sum((f.properties->>'households')::float8), 0)::float8 as households,
                  coalesce(sum((f.properties->>'residents')::float8), 0)::float8 as residents
             from estate_renovation r join feature f on f.collection_id = r.collection_id and f.feature_key = r.estate_key
            where r.comprehensive_status = 'done' and make_date(r.comprehensive_year, 12, 31) <= $1::date`,
          [asOf],
        );
        expect(summary.renovation.byStatus.done, asOf).toEqual(done.rows[0]);
        const inProgress = await client.query(
          `select count(*)::int as count from estate_renovation
            where (comprehensive_status = 'done' and make_date(comprehensive_year, 12, 31) > $1::date and make_date(coalesce(comprehensive_start_year, comprehensive_year), 1, 1) <= $1::date)
               or (comprehensive_status = 'in_progress' and (comprehensive_start_year is null or make_date(comprehensive_start_year, 1, 1) <= $1::date))`,
          [asOf],
        );
        expect(summary.renovation.byStatus.in_progress.estates, asOf).toBe(inProgress.rows[0].count);
        // Overdue only where status and end date are recorded (neither is an assumption); the others are unverified.
        const overdue = await client.query(
          `select coalesce(array_agg(code order by code), '{}') as codes from project
            where status <> 'completed' and end_date < $1::date and not (assumptions && array['status', 'end_date'])`,
          [asOf],
        );
        expect(summary.projects.all.overdue.codes, asOf).toEqual(overdue.rows[0].codes);
        const unverified = await client.query(`select coalesce(array_agg(code order by code), '{}') as codes from project where assumptions && array['status', 'end_date']`);
        expect(summary.projects.all.unverified.codes, asOf).toEqual(unverified.rows[0].codes);
        const unverifiedByAction = await client.query(`select action, count(*)::int as count from project where assumptions && array['status', 'end_date'] group by action`);
        for (const row of unverifiedByAction.rows) expect(summary.projects.byAction.find((action: any) => action.action === row.action).unverified.count, row.action).toBe(row.count);
        const byUnit = await client.query(`select lead_unit, count(*)::int as count from project group by lead_unit order by lead_unit`);
        for (const row of byUnit.rows) expect(summary.projects.byLeadUnit.find((unit: any) => unit.leadUnit === row.lead_unit).total).toBe(row.count);
        const unverifiedByUnit = await client.query(`select lead_unit, count(*)::int as count from project where assumptions && array['status', 'end_date'] group by lead_unit`);
        for (const row of unverifiedByUnit.rows) expect(summary.projects.byLeadUnit.find((unit: any) => unit.leadUnit === row.lead_unit).unverified.count).toBe(row.count);
      }
      const facilities = await client.query(`select count(*)::int as count from feature where collection_id = 'facilities'`);
      expect((await summaryOf(server, '2024-12-31')).facilities.total).toBe(facilities.rows[0].count);
    } finally {
      await client.end();
    }
  });
});

describe.each(serversUnderTest())('coverage grows when a project that adds a facility completes, on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  beforeAll(async () => {
    server = await startPrivateServer(shared, 'leaders_asof');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const parks = ['facility-green-zhangjiabang-park-east', 'facility-green-zhangjiabang-park-west'];
  let signedIn: Awaited<ReturnType<typeof signInAs>> | null = null;
  const patchProject = async (code: string, properties: Record<string, unknown>) => {
    signedIn ??= await signInAs(server, 'editor', 'editor-leaders');
    const editor = signedIn;
    const current = await fetch(`${server.url}/api/collections/projects/items/${code}`);
    const answer = await fetch(`${server.url}/api/collections/projects/items/${code}`, {
      method: 'PATCH',
      body: JSON.stringify({ properties }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': current.headers.get('etag')!, ...editor.headers },
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    return answer.json();
  };

  it('opens the 张家浜 riverside parks of P07-06 on its end date once the project is completed, and park coverage rises from then on', async () => {
    const before = await summaryOf(server, '2026-06-30');
    for (const park of parks) expect(before.facilities.notOpenKeys).toContain(park);
    const parkEast = [121.5268, 31.222118];
    const walkBefore = await getJson(server, `/api/coverage/point?longitude=${parkEast[0]}&latitude=${parkEast[1]}&asOf=2026-06-30`);
    expect(walkBefore.body.byType.find((type: any) => type.facilityType === 'park_10min').facility?.id).not.toBe(parks[0]);

    await patchProject('P07-06', { status: 'completed', progress_percent: 100, end_date: '2025-12-31' });

    const [midway, after] = await Promise.all([summaryOf(server, '2025-06-30'), summaryOf(server, '2026-06-30')]);
    for (const park of parks) {
      expect(midway.facilities.notOpenKeys).toContain(park);
      expect(after.facilities.notOpenKeys).not.toContain(park);
    }
    // The riverside parks are 10-minute parks: that type's coverage rises (below). The park group
    // as a whole need not: OpenStreetMap maps a 10 ha park by the same bank, which already serves
    // the estates around the east site within its 15-minute distance.
    expect(share(after, 'park')).toBeGreaterThanOrEqual(share(midway, 'park'));
    expect(share(after, 'park')).toBeGreaterThanOrEqual(share(before, 'park'));
    const year2025 = after.coverageByYear.find((year: any) => year.year === 2025);
    expect(year2025.openedProjects).toEqual([{ code: 'P07-06', titleZh: expect.any(String), facilityKeys: parks }]);
    const park = (year: any) => year.groups.find((group: any) => group.key === 'park').residentsShare;
    expect(park(year2025)).toBeGreaterThanOrEqual(park(after.coverageByYear.find((year: any) => year.year === 2024)));

    const [coverageMidway, coverageAfter, coverageToday] = await Promise.all([
      getJson(server, '/api/coverage?asOf=2025-06-30'), getJson(server, '/api/coverage?asOf=2026-06-30'), getJson(server, '/api/coverage'),
    ]);
    const parkShare = (coverage: any) => coverage.body.byGroup.find((group: any) => group.key === 'park').residentsShare;
    // No estate lies within the 500 m standard of either riverside site on the OpenStreetMap
    // streets, so the 10-minute park type's standard share stays where it was; the residents who
    // reach a 10-minute park within 10 and within 15 minutes' walk rise.
    const tenMinutePark = (coverage: any) => coverage.body.byType.find((type: any) => type.facilityType === 'park_10min');
    expect(tenMinutePark(coverageAfter).residentsShare).toBeGreaterThanOrEqual(tenMinutePark(coverageMidway).residentsShare);
    expect(tenMinutePark(coverageAfter).residentsShareWithinMinutes['10']).toBeGreaterThan(tenMinutePark(coverageMidway).residentsShareWithinMinutes['10']);
    expect(tenMinutePark(coverageAfter).residentsShareWithinMinutes['15']).toBeGreaterThan(tenMinutePark(coverageMidway).residentsShareWithinMinutes['15']);
    expect(tenMinutePark(coverageAfter).facilityCount).toBe(tenMinutePark(coverageMidway).facilityCount + 1);
    expect(parkShare(coverageAfter)).toBeGreaterThanOrEqual(parkShare(coverageMidway));
    // Today is after its end date: the parks count in the life-circle panel's answer for today as well.
    expect(coverageToday.body.facilitiesNotOpen).not.toContain(parks[0]);
    expect(parkShare(coverageToday)).toBe(share(await summaryOf(server), 'park'));

    // The walk from a clicked point and the isochrones follow the date too.
    const [walkMidway, walkAfter] = await Promise.all([
      getJson(server, `/api/coverage/point?longitude=${parkEast[0]}&latitude=${parkEast[1]}&asOf=2025-06-30`),
      getJson(server, `/api/coverage/point?longitude=${parkEast[0]}&latitude=${parkEast[1]}`),
    ]);
    expect(walkMidway.body.byType.find((type: any) => type.facilityType === 'park_10min').facility?.id).not.toBe(parks[0]);
    expect(walkAfter.body.asOf).toBe(todayInShanghai());
    expect(walkAfter.body.byType.find((type: any) => type.facilityType === 'park_10min').facility.id).toBe(parks[0]);
    const [isochronesMidway, isochronesAfter] = await Promise.all([
      getJson(server, '/api/isochrones?type=park_10min&minutes=5&asOf=2025-06-30'), getJson(server, '/api/isochrones?type=park_10min&minutes=5'),
    ]);
    expect(isochronesAfter.body.features[0].properties.sources).toBe(isochronesMidway.body.features[0].properties.sources + 1);
  });

  it('counts a project overdue once a person records its status and end date, and not while either is assumed', async () => {
    const code = 'P06-04';
    const initially = await summaryOf(server);
    expect(initially.projects.all.unverified.codes).toContain(code);
    expect(initially.projects.all.overdue.codes).not.toContain(code);

    // The status recorded, the end date still the seed's assumption: still unverified.
    const statusOnly = await patchProject(code, { status: 'in_progress', progress_percent: 60 });
    expect(statusOnly.properties.assumptions).not.toContain('status');
    expect(statusOnly.properties.assumptions).toContain('end_date');
    const middle = await summaryOf(server);
    expect(middle.projects.all.unverified.codes).toContain(code);
    expect(middle.projects.all.overdue.codes).not.toContain(code);

    // The end date recorded too, in the past: overdue, in every figure that holds it.
    const recorded = await patchProject(code, { end_date: '2025-06-30' });
    expect(recorded.properties.assumptions).not.toContain('end_date');
    const after = await summaryOf(server);
    expect(after.projects.all.overdue.codes).toContain(code);
    expect(after.projects.all.unverified.codes).not.toContain(code);
    expect(after.projects.all.unverified.count).toBe(initially.projects.all.unverified.count - 1);
    const row = after.projects.list.find((project: any) => project.code === code);
    expect(row).toMatchObject({ status: 'in_progress', overdue: true, statusUnverified: false });
    expect(after.projects.byAction.find((action: any) => action.action === row.action).overdue.codes).toContain(code);
    expect(after.projects.byLeadUnit.find((unit: any) => unit.leadUnit === row.leadUnit).overdue.codes).toContain(code);
    // Before its end date it was running, not overdue.
    expect((await summaryOf(server, '2025-03-31')).projects.all.overdue.codes).not.toContain(code);
  });
});
