import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { createFreshDatabase } from '../helpers/fresh-database.ts';

/**
 * Migration 012 over a database written before it: the projects say where they came from as their
 * history does (the first version's operation, author, and whether its outline was assumed then),
 * and the imports through the API keep "not recorded" rather than being credited to a script.
 */
const databases: { kind: string; open: () => Promise<{ database: Database; cleanUp: () => void }> }[] = [
  {
    kind: 'embedded',
    open: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'lifecircle-migration-'));
      return { database: await openDatabase({ dataDirectory: directory }), cleanUp: () => rmSync(directory, { recursive: true, force: true }) };
    },
  },
];
if (process.env.DATABASE_URL) {
  databases.push({
    kind: 'postgres',
    open: async () => ({ database: await openDatabase({ databaseUrl: await createFreshDatabase(process.env.DATABASE_URL!, 'migration012'), dataDirectory: '' }), cleanUp: () => {} }),
  });
}

const beforeProvenance = '011_project_status_reports.sql';

describe.each(databases)('migration 012 over older data on the $kind database', ({ open }) => {
  let database: Database;
  let cleanUp: () => void;

  const addProject = async (code: string, item: number, action: string, assumptionsNow: string[], history: { operation: string; actor: string; assumptions: string[] }[]) => {
    const [{ id }] = await database.query<{ id: number }>(
      `insert into project (code, title_zh, action, item, lead_unit, status, start_date, end_date, progress_percent, assumptions, geometry, version, created_at)
       values ($1, '测试项目', $2, $3, '城建中心（房管办）', 'in_progress', '2023-01-29', '2025-12-31', 0, $4::text[],
               ST_SetSRID(ST_MakePoint(121.52, 31.22), 4326), $5, '2024-03-01T20:30:00Z') returning id::int as id`,
      [code, action, item, assumptionsNow, history.length],
    );
    for (const [index, version] of history.entries()) {
      await database.query(
        `insert into project_audit (project_id, project_code, version, operation, actor, after) values ($1, $2, $3, $4, $5, $6::jsonb)`,
        [id, code, index + 1, version.operation, version.actor, JSON.stringify({ properties: { item, assumptions: version.assumptions } })],
      );
    }
  };
  const project = async (code: string) =>
    (await database.query<{ feature: { properties: Record<string, unknown> } }>('select project_as_feature(id) as feature from project where code = $1', [code]))[0].feature.properties;

  beforeAll(async () => {
    ({ database, cleanUp } = await open());
    await migrateDatabase(database, { through: beforeProvenance });
    // P01-01 was seeded with an assumed outline, then an editor drew one (no longer assumed).
    await addProject('P01-01', 1, 'party_building', [], [
      { operation: 'seed', actor: 'seed', assumptions: ['status', 'geometry'] },
      { operation: 'update', actor: '李编辑', assumptions: [] },
    ]);
    await addProject('P06-01', 6, 'built_form', ['status'], [{ operation: 'seed', actor: 'seed', assumptions: ['status'] }]);
    await addProject('P06-99', 6, 'built_form', [], [{ operation: 'create', actor: '王编辑', assumptions: [] }]);
    await database.query(`insert into collection (id, title, title_en) values ('parks', '公园', 'Parks')`);
    await database.query(
      `insert into feature_import (collection_id, file_name, file_sha256, format, source_crs, replace, keep_good_rows, imported_by)
       values ('parks', 'old.geojson', 'x', 'geojson', 'wgs84', false, false, 'api')`,
    );
    expect(await migrateDatabase(database)).toContain('012_project_and_import_provenance.sql');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    cleanUp?.();
  });

  it('says where each older project came from, as its first version does, whatever was edited since', async () => {
    const redrawn = await project('P01-01');
    expect(redrawn).toMatchObject({ source: 'plan-text', confidence: 'high' });
    expect(redrawn.source_detail_zh).toContain('第 1 项原文；计划未点名具体地点，初始范围仅为示意');
    const named = await project('P06-01');
    expect(named).toMatchObject({ source: 'plan-text', confidence: 'medium' });
    expect(named.source_detail_zh).toContain('第 6 项原文；初始范围取自计划点名的地点');
    const drawn = await project('P06-99');
    // Created at 20:30 UTC on 1 March: 2 March in Shanghai.
    expect(drawn).toMatchObject({ source: 'editor', confidence: 'high', source_detail_zh: '由 王编辑 于 2024-03-02 在本平台绘制录入', source_detail: 'Drawn in the dashboard by 王编辑 on 2024-03-02' });
  });

  it('keeps an older import through the API as not recorded: no person, no script', async () => {
    expect(await database.query('select imported_by, imported_by_user from feature_import')).toEqual([{ imported_by: 'api', imported_by_user: null }]);
  });
});
