import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { seedAll } from '../../server/seed/seed-all.ts';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { createFreshDatabase } from '../helpers/fresh-database.ts';

const geodataDirectory = resolve(import.meta.dirname, '../../geodata');
const plan = JSON.parse(readFileSync(join(geodataDirectory, 'projects/plan-projects.json'), 'utf8'));
const items = '/api/collections/projects/items';

describe.each(serversUnderTest())('the action plan\'s projects on the $database database', (server) => {
  it('has at least one project for every item 1–16, each under its action, all listed in /collections', async () => {
    const { body } = await getJson(server, `${items}?limit=1000`);
    const seeded = body.features.filter((feature: any) => feature.id.startsWith('P'));
    const items16 = new Set(seeded.map((feature: any) => feature.properties.item));
    expect([...items16].sort((a: any, b: any) => a - b)).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));
    expect(seeded.length).toBeGreaterThanOrEqual(plan.projects.length);
    const collections = (await getJson(server, '/api/collections')).body.collections;
    const projects = collections.find((collection: any) => collection.id === 'projects');
    expect(projects.featureCount).toBe(body.numberMatched);
    expect(projects.extent.spatial.bbox[0]).toHaveLength(4);
  });

  it.each([
    ['P06-01', '潍坊四村', 'neighbourhoods', 'estate-weifang-4', 'Polygon'],
    ['P06-02', '潍坊八村', 'neighbourhoods', 'estate-weifang-8', 'Polygon'],
    ['P06-03', '王家宅', 'neighbourhoods', 'estate-wangjiazhai', 'Polygon'],
    ['P07-01', '美食崂山', 'roads', 'road-laoshan', 'LineString'],
    ['P07-02', '七彩潍坊', 'roads', 'road-weifang', 'LineString'],
    ['P07-03', '学府南泉', 'roads', 'road-nanquan', 'LineString'],
    ['P07-04', '低碳浦电', 'roads', 'road-pudian', 'LineString'],
    ['P07-06', '张家浜沿岸公园', 'green_spaces', 'green-zhangjiabang-park-east', 'MultiPolygon'],
    ['P08-01', '竹园商贸区', 'commercial_zones', 'commercial-zhuyuan-trade-zone', 'Polygon'],
    ['P08-02', '九六广场', 'commercial_zones', 'commercial-ninety-six-plaza', 'Polygon'],
    ['P08-03', '福康路', 'roads', 'road-fukang', 'LineString'],
    ['P09-01', '养老院', 'facilities', 'facility-nursing-home', 'Point'],
    ['P09-02', '社会餐桌', 'facilities', 'facility-placeholder-community-dining-weifang-3', 'MultiPoint'],
    ['P13-01', '充电', 'facilities', 'facility-placeholder-ebike-charging-weifang-4', 'MultiPoint'],
    ['P16-01', '文明实践', 'facilities', 'facility-zhuyuan-neighbourhood-center', 'MultiPoint'],
  ])('%s (%s) takes its geometry and links from %s/%s', async (code, words, collectionId, featureKey, geometryType) => {
    const { status, body } = await getJson(server, `${items}/${code}`);
    expect(status).toBe(200);
    expect(body.properties.title_zh).toContain(words);
    expect(body.geometry.type).toBe(geometryType);
    expect(body.properties.linked_features).toContainEqual({ collection_id: collectionId, feature_key: featureKey });
    const place = (await getJson(server, `/api/collections/${collectionId}/items/${featureKey}`)).body;
    if (place.geometry.type === geometryType) expect(body.geometry).toEqual(place.geometry);
  });

  it('documents the project routes in the OpenAPI document', async () => {
    const { status, body } = await getJson(server, '/api/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths['/api/collections/projects/items/{projectCode}']).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    expect(body.paths['/api/collections/projects/items'].post).toBeDefined();
    expect(body.paths['/api/impact'].post).toBeDefined();
  });

  it('marks dates, status, progress and budget of every seeded project as assumptions', async () => {
    const { body } = await getJson(server, `${items}?limit=1000`);
    for (const feature of body.features.filter((candidate: any) => /^P\d\d-\d\d$/.test(candidate.id) && candidate.properties.version === 1)) {
      expect(feature.properties.assumptions, feature.id).toEqual(expect.arrayContaining(['status', 'start_date', 'end_date', 'progress_percent', 'budget_ten_thousand_yuan']));
    }
  });

  it('measures the impact of a drawn polygon as PostGIS computes it directly', async () => {
    const polygon = { type: 'Polygon', coordinates: [[[121.518, 31.219], [121.523, 31.219], [121.523, 31.2235], [121.518, 31.2235], [121.518, 31.219]]] };
    const first = await getJson(server, '/api/impact', { method: 'POST', body: JSON.stringify({ geometry: polygon }), headers: { 'content-type': 'application/json' } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const startedAt = performance.now();
    const { body: impact } = await getJson(server, '/api/impact', { method: 'POST', body: JSON.stringify({ geometry: polygon }), headers: { 'content-type': 'application/json' } });
    const milliseconds = performance.now() - startedAt;
    // Fast enough to ask on every vertex while drawing (the walk graph is cached after the first call).
    expect(milliseconds).toBeLessThan(1000);
    expect(impact.areaSquareMetres).toBeGreaterThan(200_000);
    expect(impact.estates.length).toBeGreaterThan(0);
    const walk = impact.walk.residentsWithinMinutes;
    expect(walk['5']).toBeLessThanOrEqual(walk['10']);
    expect(walk['10']).toBeLessThanOrEqual(walk['15']);
    // Estates the polygon overlaps are at 0 minutes.
    expect(walk['5']).toBeGreaterThanOrEqual(impact.residentsOfEstatesTouched);

    if (!server.databaseUrl) return;
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const shape = `ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(polygon)}'), 4326)`;
      const { rows: [direct] } = await client.query(`
        select ST_Area(${shape}::geography) as area,
               (select array_agg(feature_key order by feature_key) from feature where collection_id = 'neighbourhoods' and ST_Intersects(geometry, ${shape})) as estates,
               (select sum((properties->>'residents')::float8) from feature where collection_id = 'neighbourhoods' and ST_Intersects(geometry, ${shape})) as residents,
               (select sum((properties->>'residents')::float8 * ST_Area(ST_Intersection(geometry, ${shape})::geography) / ST_Area(geometry::geography))
                  from feature where collection_id = 'neighbourhoods' and ST_Intersects(geometry, ${shape})) as overlap,
               (select count(*)::int from feature where collection_id = 'buildings' and ST_Intersects(geometry, ${shape})) as buildings,
               (select array_agg(feature_key order by feature_key) from feature where collection_id = 'facilities' and ST_Intersects(geometry, ${shape})) as facilities,
               (select array_agg(feature_key order by feature_key) from feature where collection_id = 'roads' and ST_DWithin(geometry::geography, ${shape}::geography, 15)) as streets`);
      expect(impact.areaSquareMetres).toBeCloseTo(direct.area, 0);
      expect(impact.estates.map((estate: any) => estate.id)).toEqual(direct.estates);
      expect(impact.residentsOfEstatesTouched).toBeCloseTo(direct.residents, 6);
      expect(impact.residentsInOverlap).toBeCloseTo(direct.overlap, 0);
      expect(impact.buildings.count).toBe(direct.buildings);
      expect(impact.facilities.map((facility: any) => facility.id)).toEqual(direct.facilities ?? []);
      expect(impact.streets.map((street: any) => street.id)).toEqual(direct.streets ?? []);
    } finally {
      await client.end();
    }
  });

  it('measures a line by its length and a project by its geometry', async () => {
    const line = { type: 'LineString', coordinates: [[121.518, 31.22], [121.523, 31.22]] };
    const { body } = await getJson(server, '/api/impact', { method: 'POST', body: JSON.stringify({ geometry: line }), headers: { 'content-type': 'application/json' } });
    expect(body.lengthMetres).toBeGreaterThan(450);
    expect(body.lengthMetres).toBeLessThan(500);
    expect(body.areaSquareMetres).toBeNull();
    const project = await getJson(server, `${items}/P06-01/impact`);
    expect(project.status).toBe(200);
    expect(project.body.estates.find((estate: any) => estate.id === 'estate-weifang-4').overlapShare).toBeGreaterThan(0.99);
  });
});

describe('seeding the plan\'s projects', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  const databases: [string, () => Promise<Database>][] = [
    ['embedded', async () => {
      const directory = mkdtempSync(join(tmpdir(), 'lifecircle-projects-seed-'));
      const database = await openDatabase({ dataDirectory: directory });
      cleanups.push(async () => {
        await database.close();
        rmSync(directory, { recursive: true, force: true });
      });
      return database;
    }],
  ];
  if (process.env.DATABASE_URL) {
    databases.push(['postgres', async () => {
      const database = await openDatabase({ databaseUrl: await createFreshDatabase(process.env.DATABASE_URL!, 'projects_seed'), dataDirectory: '' });
      cleanups.push(() => database.close());
      return database;
    }]);
  }

  it.each(databases)('is idempotent on the %s database and never brings back or overwrites what a person changed', async (_kind, open) => {
    const database = await open();
    await migrateDatabase(database);
    expect((await seedAll(database, geodataDirectory)).projectsAdded).toBe(plan.projects.length);
    expect((await seedAll(database, geodataDirectory)).projectsAdded).toBe(0);
    await database.query(`update project set title_zh = '改过的名称', version = version + 1 where code = 'P06-01'`);
    await database.transaction(async (transaction) => {
      await transaction.query(`select set_config('lifecircle.writing_projects', 'on', true)`);
      await transaction.query(`delete from feature where collection_id = 'projects' and feature_key = 'P06-02'`);
      await transaction.query(`delete from project where code = 'P06-02'`);
    });
    expect((await seedAll(database, geodataDirectory)).projectsAdded).toBe(0);
    const rows = await database.query<{ code: string; title_zh: string }>(`select code, title_zh from project where code in ('P06-01', 'P06-02')`);
    expect(rows).toEqual([{ code: 'P06-01', title_zh: '改过的名称' }]);
    const audit = await database.query<{ count: number }>(`select count(*)::int as count from project_audit where operation = 'seed'`);
    expect(audit[0].count).toBe(plan.projects.length);
    // The copy in the feature table is written by project writes only.
    await expect(database.query(`insert into feature (collection_id, feature_key, geometry) values ('projects', 'sneaky', ST_SetSRID(ST_MakePoint(121.52, 31.22), 4326))`)).rejects.toThrow(/projects collection/);
  }, 120_000);
});
