import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../server/contract/as-of.ts';
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
        const overdue = await client.query(`select coalesce(array_agg(code order by code), '{}') as codes from project where status <> 'completed' and end_date < $1::date`, [asOf]);
        expect(summary.projects.all.overdue.codes, asOf).toEqual(overdue.rows[0].codes);
        const byUnit = await client.query(`select lead_unit, count(*)::int as count from project group by lead_unit order by lead_unit`);
        for (const row of byUnit.rows) expect(summary.projects.byLeadUnit.find((unit: any) => unit.leadUnit === row.lead_unit).total).toBe(row.count);
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

  it('opens the care home of P09-01 on its end date once the project is completed, and elderly coverage rises from then on', async () => {
    const before = await summaryOf(server, '2026-06-30');
    expect(before.facilities.notOpenKeys).toContain('facility-nursing-home');

    const editor = await signInAs(server, 'editor', 'editor-leaders');
    const project = await fetch(`${server.url}/api/collections/projects/items/P09-01`);
    const completed = await fetch(`${server.url}/api/collections/projects/items/P09-01`, {
      method: 'PATCH',
      body: JSON.stringify({ properties: { status: 'completed', progress_percent: 100, end_date: '2025-12-31' } }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': project.headers.get('etag')!, ...editor.headers },
    });
    expect(completed.status, await completed.clone().text()).toBe(200);

    const [midway, after] = await Promise.all([summaryOf(server, '2025-06-30'), summaryOf(server, '2026-06-30')]);
    expect(midway.facilities.notOpenKeys).toContain('facility-nursing-home');
    expect(after.facilities.notOpenKeys).not.toContain('facility-nursing-home');
    expect(share(after, 'elderly')).toBeGreaterThan(share(midway, 'elderly'));
    expect(share(after, 'elderly')).toBeGreaterThan(share(before, 'elderly'));
    const year2025 = after.coverageByYear.find((year: any) => year.year === 2025);
    expect(year2025.openedProjects).toEqual([{ code: 'P09-01', titleZh: '潍坊新村街道养老院改造', facilityKeys: ['facility-nursing-home'] }]);
    const elderly = (year: any) => year.groups.find((group: any) => group.key === 'elderly').residentsShare;
    expect(elderly(year2025)).toBeGreaterThan(elderly(after.coverageByYear.find((year: any) => year.year === 2024)));

    const [coverageMidway, coverageAfter] = await Promise.all([getJson(server, '/api/coverage?asOf=2025-06-30'), getJson(server, '/api/coverage?asOf=2026-06-30')]);
    const elderlyShare = (coverage: any) => coverage.body.byGroup.find((group: any) => group.key === 'elderly').residentsShare;
    expect(elderlyShare(coverageAfter)).toBeGreaterThan(elderlyShare(coverageMidway));
  });
});
