import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { booleanPointInPolygon, centroid } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { seedAll } from '../../server/seed/seed-all.ts';
import { answerError } from '../../server/errors.ts';
import { importFile, type ImportRequest } from '../../server/import/import-file.ts';
import { createImportRoutes } from '../../server/routes/import.ts';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { createFreshDatabase } from '../helpers/fresh-database.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => readFileSync(join(fixtures, name));
const wgs84Truth: Record<string, [number, number]> = JSON.parse(fixture('weifang-addresses-wgs84.json').toString());

function metresBetween([longitudeA, latitudeA]: number[], [longitudeB, latitudeB]: number[]): number {
  const x = (longitudeA - longitudeB) * Math.cos((((latitudeA + latitudeB) / 2) * Math.PI) / 180) * 111_320;
  return Math.hypot(x, (latitudeA - latitudeB) * 110_574);
}

function postFile(server: ServerUnderTest, collectionId: string, query: string, body: BodyInit, headers: Record<string, string> = {}) {
  return getJson(server, `/api/collections/${collectionId}/import${query ? `?${query}` : ''}`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${server.adminToken}`, ...headers },
  });
}

async function itemsOf(server: ServerUnderTest, collectionId: string): Promise<Feature[]> {
  const { status, body } = await getJson(server, `/api/collections/${collectionId}/items?limit=10000`);
  return status === 200 ? body.features : [];
}

const square = (west: number, south: number, size = 0.0008): Polygon => ({
  type: 'Polygon',
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});
const featureCollection = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe.each(serversUnderTest())('import over the API on the $database database', (server) => {
  // 潍坊新村街道 itself, from the seed data (the boundary collection also holds its neighbours).
  let boundary: Feature<Polygon | MultiPolygon> | undefined;
  beforeAll(async () => {
    boundary = (await itemsOf(server, 'boundary')).find((feature) => feature.properties?.name === '潍坊新村街道') as typeof boundary;
  });

  it('puts a GCJ-02 CSV of 潍坊新村 addresses where their WGS 84 positions are, inside the subdistrict', async () => {
    const { status, body } = await postFile(server, 'import_test_addresses', 'crs=gcj02&fileName=weifang-addresses-gcj02.csv&title=实测地址', fixture('weifang-addresses-gcj02.csv'));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      collectionId: 'import_test_addresses', format: 'csv', crs: 'gcj02', loaded: true, complete: true, collectionCreated: true,
      counts: { rows: 8, added: 8, changed: 0, unchanged: 0, bad: 0 },
    });
    expect(boundary, 'the seed data has 潍坊新村街道 in boundary').toBeDefined();
    const features = await itemsOf(server, 'import_test_addresses');
    expect(features).toHaveLength(8);
    for (const feature of features) {
      const position = (feature.geometry as { coordinates: number[] }).coordinates;
      expect(metresBetween(position, wgs84Truth[String(feature.id)]), String(feature.id)).toBeLessThan(2.5);
      expect(booleanPointInPolygon(position, boundary!), `${feature.properties?.['地址']} inside 潍坊新村街道`).toBe(true);
      expect(feature.properties).toMatchObject({ source: 'imported', source_detail: 'imported from weifang-addresses-gcj02.csv' });
    }
    const lane = features.find((feature) => feature.id === 'addr-1');
    expect(lane?.properties).toMatchObject({ 地址: '崂山路571弄', 户数: 100 });
    const collection = await getJson(server, '/api/collections/import_test_addresses');
    expect(collection.body).toMatchObject({ title: '实测地址', featureCount: 8 });
  });

  it('puts a small OpenStreetMap XML file in place: the park way as a polygon, the shop node as a point', async () => {
    const { status, body } = await postFile(server, 'import_test_osm', '', fixture('weifang-small.osm'), { 'content-type': 'application/xml' });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ format: 'osm', crs: 'wgs84', counts: { added: 2, bad: 0 } });
    const features = await itemsOf(server, 'import_test_osm');
    const park = features.find((feature) => feature.id === 'way/-301') as Feature<Polygon>;
    const shop = features.find((feature) => feature.id === 'node/-201');
    expect(park.geometry.type).toBe('Polygon');
    expect(park.properties).toMatchObject({ leisure: 'park', name: '测试街心花园', source: 'imported' });
    expect(centroid(park).geometry.coordinates.map((value) => value.toFixed(5))).toEqual(['121.52350', '31.22540']);
    expect(shop?.geometry).toEqual({ type: 'Point', coordinates: [121.5262, 31.2236] });
    expect(booleanPointInPolygon(centroid(park), boundary!)).toBe(true);
  });

  it('loads nothing from a file with bad rows and reports every one of them with its line and reason', async () => {
    await postFile(server, 'import_test_all_or_nothing', 'fileName=first.geojson', featureCollection([
      { type: 'Feature', id: 'kept', properties: { name: '原有' }, geometry: square(121.52, 31.22) },
    ]));
    const before = await itemsOf(server, 'import_test_all_or_nothing');
    const { status, body } = await postFile(server, 'import_test_all_or_nothing', 'fileName=facilities-with-bad-rows.csv', fixture('facilities-with-bad-rows.csv'));
    expect(status).toBe(422);
    expect(body.code).toBe('BadRows');
    expect(body.messageZh).toMatch(/未导入/);
    expect(body.report).toMatchObject({ loaded: false, complete: false, counts: { rows: 7, added: 0, bad: 4 } });
    expect(body.report.badRows.map((row: { line: number; reasons: string[] }) => [row.line, row.reasons.join('; ')])).toEqual([
      [3, 'lng "abc" is not a number'],
      [4, 'geometry.coordinates: latitude 95 is outside -90…90'],
      [5, 'has 3 field(s); the header has 4'],
      [9, 'lng is empty; lat is empty'],
    ]);
    expect(await itemsOf(server, 'import_test_all_or_nothing')).toEqual(before);

    const geojson = await postFile(server, 'import_test_all_or_nothing', 'fileName=parks-with-bad-geometry.geojson', fixture('parks-with-bad-geometry.geojson'));
    expect(geojson.status).toBe(422);
    expect(geojson.body.report.badRows.map((row: { featureIndex: number; reasons: string[] }) => [row.featureIndex, row.reasons[0]])).toEqual([
      [1, expect.stringMatching(/invalid geometry: Self-intersection/)],
      [2, expect.stringMatching(/must end where it starts/)],
    ]);
    expect(await itemsOf(server, 'import_test_all_or_nothing')).toEqual(before);
  });

  it('converts an estate\'s gates with its geometry, reads head counts written as digits, and refuses "约3000"', async () => {
    const gateGcj02: [number, number] = [121.52455, 31.22285];
    const estate = (residents: unknown) => ({
      type: 'Feature', id: 'estate-with-gates', properties: { name: '导入小区', residents, households: '1200', gates: [gateGcj02] }, geometry: square(121.524, 31.222),
    });
    const { status, body } = await postFile(server, 'import_test_estates', 'crs=gcj02&fileName=estates-gcj02.geojson', featureCollection([estate('3000')]));
    expect(status, JSON.stringify(body)).toBe(200);
    const [stored] = await itemsOf(server, 'import_test_estates');
    expect(stored.properties).toMatchObject({ residents: 3000, households: 1200 });
    const [gate] = stored.properties?.gates as number[][];
    // GCJ-02 is some 500 m off WGS 84 here; the gate must move with the outline.
    const outlineShift = metresBetween((stored.geometry as Polygon).coordinates[0][0], [121.524, 31.222]);
    expect(outlineShift).toBeGreaterThan(300);
    expect(Math.abs(metresBetween(gate, gateGcj02) - outlineShift)).toBeLessThan(5);

    const refused = await postFile(server, 'import_test_estates', 'crs=gcj02&fileName=estates-vague.geojson', featureCollection([estate('约3000')]));
    expect(refused.status).toBe(422);
    expect(refused.body.report.badRows[0].reasons).toEqual([expect.stringMatching(/properties\.residents must be a whole number .* not "约3000"/)]);
    expect((await itemsOf(server, 'import_test_estates'))[0].properties?.residents).toBe(3000);
  });

  it('with keepGoodRows loads the good rows and reports the rest', async () => {
    const { status, body } = await postFile(server, 'import_test_keep_good', 'keepGoodRows=true&fileName=parks-with-bad-geometry.geojson', fixture('parks-with-bad-geometry.geojson'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ loaded: true, complete: false, counts: { rows: 4, added: 2, bad: 2 } });
    expect(body.badRows.map((row: { location: string }) => row.location)).toEqual(['features[1] (id "park-bow-tie")', 'features[2] (id "park-open-ring")']);
    const features = await itemsOf(server, 'import_test_keep_good');
    expect(features.map((feature) => feature.properties?.name).sort()).toEqual(['另一块好的绿地', '好的小绿地']);
    // A row's own source is kept; the others are marked imported.
    expect(features.find((feature) => feature.properties?.name === '另一块好的绿地')?.properties?.source).toBe('survey-2026');
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const file = fixture('weifang-addresses-gcj02.csv');
    await postFile(server, 'import_test_again', 'crs=gcj02&fileName=addresses.csv', file);
    const before = await itemsOf(server, 'import_test_again');
    const { status, body } = await postFile(server, 'import_test_again', 'crs=gcj02&fileName=addresses.csv', file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ loaded: true, complete: true, collectionCreated: false, counts: { added: 0, changed: 0, unchanged: 8 } });
    expect(body.message).toMatch(/^Nothing changed/);
    expect(await itemsOf(server, 'import_test_again')).toEqual(before);
    // Rows without ids are keyed by their content, so a GeoJSON without ids re-imports the same way.
    const withoutIds = featureCollection([{ type: 'Feature', properties: { name: '无编号' }, geometry: square(121.521, 31.221) }]);
    await postFile(server, 'import_test_again', 'format=geojson', withoutIds);
    const second = await postFile(server, 'import_test_again', 'format=geojson', withoutIds);
    expect(second.body.counts).toMatchObject({ added: 0, unchanged: 1 });
    expect(await itemsOf(server, 'import_test_again')).toHaveLength(9);
  });

  it('updates the features a corrected file changes', async () => {
    const first = featureCollection([
      { type: 'Feature', id: 'a', properties: { name: '甲' }, geometry: square(121.52, 31.22) },
      { type: 'Feature', id: 'b', properties: { name: '乙' }, geometry: square(121.53, 31.22) },
    ]);
    await postFile(server, 'import_test_update', 'format=geojson', first);
    const { body } = await postFile(server, 'import_test_update', 'format=geojson', featureCollection([
      { type: 'Feature', id: 'a', properties: { name: '甲（更正）' }, geometry: square(121.52, 31.22) },
      { type: 'Feature', id: 'b', properties: { name: '乙' }, geometry: square(121.53, 31.22) },
    ]));
    expect(body.counts).toMatchObject({ added: 0, changed: 1, unchanged: 1 });
    expect(body.warnings).toEqual([]);
  });

  it('warns, without refusing, when a file adds another kind of geometry to a collection', async () => {
    const { status, body } = await postFile(server, 'import_test_update', 'format=geojson', featureCollection([
      { type: 'Feature', id: 'p', properties: { name: '点' }, geometry: { type: 'Point', coordinates: [121.52, 31.22] } },
    ]));
    expect(status).toBe(200);
    expect(body.warnings).toEqual(['import_test_update holds Polygon geometries; this file adds Point: is it the right collection?']);
  });

  it('with replace makes the collection exactly the file\'s features', async () => {
    await postFile(server, 'import_test_replace', 'format=geojson', featureCollection([
      { type: 'Feature', id: 'a', properties: { name: '甲' }, geometry: square(121.52, 31.22) },
      { type: 'Feature', id: 'b', properties: { name: '乙' }, geometry: square(121.53, 31.22) },
      { type: 'Feature', id: 'c', properties: { name: '丙' }, geometry: square(121.54, 31.22) },
    ]));
    const { status, body } = await postFile(server, 'import_test_replace', 'format=geojson&replace=true', featureCollection([
      { type: 'Feature', id: 'b', properties: { name: '乙（实测）' }, geometry: square(121.531, 31.221) },
      { type: 'Feature', id: 'd', properties: { name: '丁' }, geometry: square(121.55, 31.22) },
    ]));
    expect(status).toBe(200);
    expect(body).toMatchObject({ replaced: true, counts: { added: 1, changed: 1, unchanged: 0, removed: 2 } });
    const features = await itemsOf(server, 'import_test_replace');
    expect(features.map((feature) => [feature.id, feature.properties?.name])).toEqual([['b', '乙（实测）'], ['d', '丁']]);
  });

  it('asks for the admin token, and refuses a wrong one, before reading the file', async () => {
    const anonymous = await getJson(server, '/api/collections/import_test_denied/import?format=geojson', { method: 'POST', body: featureCollection([]) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/admin token/);
    const wrong = await postFile(server, 'import_test_denied', 'format=geojson', featureCollection([]), { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect((await getJson(server, '/api/collections/import_test_denied')).status).toBe(404);
  });

  it('answers 413 for a file over 10 MB, and takes a file over the 2 MB limit of other requests', async () => {
    const tooBig = await postFile(server, 'import_test_too_big', 'format=geojson', 'x'.repeat(10 * 1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toMatch(/10 MB/);
    // Many features with a long note each (one text is bounded at 10 000 characters).
    const longNote = featureCollection(Array.from({ length: 2000 }, (_, index) => (
      { type: 'Feature', id: `long-${index}`, properties: { note: '很长的说明'.repeat(200) }, geometry: square(121.52 + (index % 40) * 0.0002, 31.22 + Math.floor(index / 40) * 0.0002) })));
    expect(Buffer.byteLength(longNote)).toBeGreaterThan(2.5 * 1024 * 1024);
    const { status, body } = await postFile(server, 'import_test_big_enough', 'format=geojson', longNote);
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  });

  it.each([
    ['a collection id that is not lower_snake_case', 'Import-Test', 'format=geojson', featureCollection([]), 400, /lower_snake_case/],
    ['an unknown format', 'import_test_bad', 'format=shapefile', 'x', 400, /format must be one of/],
    ['an unknown coordinate system', 'import_test_bad', 'format=csv&crs=utm51', 'x', 400, /crs must be one of/],
    ['no way to tell the format', 'import_test_bad', '', 'x', 400, /Cannot tell the format/],
    ['text that is not JSON', 'import_test_bad', 'format=geojson', '{"type": "FeatureCollection", "features": [}', 400, /line 1, column 44/],
    ['a CSV without coordinate columns', 'import_test_bad', 'format=csv', 'name,address\n甲,潍坊路\n', 400, /longitude column/],
    ['an empty collection', 'import_test_bad', 'format=geojson', featureCollection([]), 400, /no features/],
    ['a GBK-encoded file', 'import_test_bad', 'format=csv', Buffer.from([0x6c, 0x6e, 0x67, 0x0a, 0xbe, 0xad, 0xb6, 0xc8]), 400, /not UTF-8/],
    ['XML that is not OpenStreetMap', 'import_test_bad', 'format=osm', '<kml/>', 400, /<osm> root/],
    ['a replace flag that is not a boolean', 'import_test_bad', 'format=csv&replace=yes', 'x', 400, /replace must be true or false/],
    ['a PostgreSQL system name as the collection', 'pg_catalog', 'format=geojson', featureCollection([]), 400, /"pg_catalog" is reserved/],
    ['a word of the API\'s paths as the collection', 'conformance', 'format=geojson', featureCollection([]), 400, /"conformance" is reserved/],
  ])('answers %s with a 4xx a person understands', async (_name, collectionId, query, body, status, message) => {
    const response = await postFile(server, collectionId, query, body as BodyInit);
    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(message);
    expect(response.body.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect((await getJson(server, `/api/collections/${collectionId}`)).status).toBe(404);
  });

  it('answers rows the database cannot store (NUL characters, broken escapes) with 422, not 500', async () => {
    const text = '{"type":"FeatureCollection","features":[' +
      '{"type":"Feature","properties":{"name":"a\\u0000b"},"geometry":{"type":"Point","coordinates":[121.52,31.22]}},' +
      '{"type":"Feature","properties":{"name":"a\\ud800b"},"geometry":{"type":"Point","coordinates":[121.52,31.23]}}]}';
    const { status, body } = await postFile(server, 'import_test_hostile', 'format=geojson', text);
    expect(status).toBe(422);
    expect(body.report.badRows.map((row: { featureIndex: number }) => row.featureIndex)).toEqual([0, 1]);
  });

  it('asks for the raw file, not a form upload (415)', async () => {
    const form = new FormData();
    form.append('file', new Blob([fixture('weifang-small.osm')]), 'weifang-small.osm');
    const { status, body } = await postFile(server, 'import_test_form', 'format=osm', form);
    expect(status).toBe(415);
    expect(body.message).toMatch(/raw request body/);
  });

  it('is documented in the OpenAPI document, with its admin token', async () => {
    const { body } = await getJson(server, '/api/openapi.json');
    const operation = body.paths['/api/collections/{collectionId}/import'].post;
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '413', '422']));
    expect(operation.security).toEqual([{ adminToken: [] }]);
    expect(body.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('import over the API without LIFECIRCLE_ADMIN_TOKEN', () => {
  it('answers 403, saying import over the API is disabled, without touching the database', async () => {
    const untouchable = new Proxy({} as Database, { get: () => { throw new Error('the database was used'); } });
    const app = new OpenAPIHono().route('/api/collections', createImportRoutes(untouchable, null));
    app.onError(answerError);
    const response = await app.request('/api/collections/facilities/import?format=csv', { method: 'POST', body: 'lng,lat\n121.5,31.2\n', headers: { authorization: 'Bearer anything' } });
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.message).toMatch(/Import over the API is disabled/);
    expect(body.messageZh).toMatch(/未开启/);
  });
});

// The seed step and imports share collections: imported features must survive every restart.
const databases: { kind: string; open: () => Promise<{ database: Database; cleanUp: () => void }> }[] = [
  {
    kind: 'embedded',
    open: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'lifecircle-import-'));
      return { database: await openDatabase({ dataDirectory: directory }), cleanUp: () => rmSync(directory, { recursive: true, force: true }) };
    },
  },
];
if (process.env.DATABASE_URL) {
  databases.push({
    kind: 'postgres',
    open: async () => ({ database: await openDatabase({ databaseUrl: await createFreshDatabase(process.env.DATABASE_URL!, 'importtest'), dataDirectory: '' }), cleanUp: () => {} }),
  });
}

describe.each(databases)('imports and the seed step on the $kind database', ({ open }) => {
  let database: Database;
  let cleanUp: () => void;
  const geodata = mkdtempSync(join(tmpdir(), 'lifecircle-import-geodata-'));
  const writeSeed = (features: object[]) =>
    writeFileSync(join(geodata, 'parks.geojson'), JSON.stringify({ type: 'FeatureCollection', collection: { title: '公园', titleEn: 'Parks' }, features }));
  const seedPark = (id: string, name: string, west: number) => ({ type: 'Feature', id, properties: { name, source: 'estimated' }, geometry: square(west, 31.22) });
  const importGeojson = (features: object[], options: Partial<ImportRequest> = {}) =>
    importFile(database, {
      collectionId: 'parks', bytes: Buffer.from(featureCollection(features)), fileName: 'survey.geojson',
      replace: false, keepGoodRows: false, importedBy: 'cli', ...options,
    });
  const parks = async () =>
    database.query<{ key: string; name: string; source: string }>(
      `select feature_key as key, properties->>'name' as name, properties->>'source' as source from feature where collection_id = 'parks' order by feature_key`,
    );

  beforeAll(async () => {
    ({ database, cleanUp } = await open());
    await migrateDatabase(database);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    cleanUp?.();
    rmSync(geodata, { recursive: true, force: true });
  });

  it('never overwrites or removes imported features when the seed file changes', async () => {
    writeSeed([seedPark('park-a', '甲公园', 121.52), seedPark('park-b', '乙公园', 121.53)]);
    await seedAll(database, geodata);
    const report = await importGeojson([
      { type: 'Feature', id: 'park-b', properties: { name: '乙公园（实测）' }, geometry: square(121.5301, 31.2201) },
      { type: 'Feature', id: 'park-new', properties: { name: '新绿地' }, geometry: square(121.54, 31.22) },
    ]);
    expect(report.counts).toMatchObject({ added: 1, changed: 1 });
    writeSeed([seedPark('park-a', '甲公园（新版）', 121.52), seedPark('park-b', '乙公园（新版）', 121.53)]);
    await seedAll(database, geodata);
    expect(await parks()).toEqual([
      { key: 'park-a', name: '甲公园（新版）', source: 'estimated' },
      { key: 'park-b', name: '乙公园（实测）', source: 'imported' },
      { key: 'park-new', name: '新绿地', source: 'imported' },
    ]);
  });

  it('after replace, the seed step does not bring the old seed features back, even when the seed file changes', async () => {
    const report = await importGeojson([{ type: 'Feature', id: 'surveyed-1', properties: { name: '实测绿地' }, geometry: square(121.525, 31.225) }], { replace: true });
    expect(report.counts).toMatchObject({ added: 1, removed: 3 });
    await seedAll(database, geodata);
    writeSeed([seedPark('park-a', '甲公园（再版）', 121.52), seedPark('park-c', '丙公园', 121.55)]);
    const reports = (await seedAll(database, geodata)).collections;
    expect(reports.find((seed) => seed.collectionId === 'parks')?.skipped).toBe(true);
    expect(await parks()).toEqual([{ key: 'surveyed-1', name: '实测绿地', source: 'imported' }]);
  });

  it('records each import that changed something, and none for one that changed nothing', async () => {
    const count = async () => (await database.query<{ count: number }>('select count(*)::int as count from feature_import'))[0].count;
    const before = await count();
    await importGeojson([{ type: 'Feature', id: 'surveyed-1', properties: { name: '实测绿地' }, geometry: square(121.525, 31.225) }], { replace: true });
    expect(await count()).toBe(before);
    await importGeojson([{ type: 'Feature', id: 'surveyed-2', properties: { name: '实测绿地二' }, geometry: square(121.526, 31.225) }]);
    const [latest] = await database.query<Record<string, unknown>>('select file_name, format, source_crs, added, imported_by from feature_import order by id desc limit 1');
    expect(latest).toEqual({ file_name: 'survey.geojson', format: 'geojson', source_crs: 'wgs84', added: 1, imported_by: 'cli' });
  });
  it('records the editor who imported a file; the same file from someone else changes nothing', async () => {
    const file = [{ type: 'Feature', id: 'surveyed-3', properties: { name: '实测绿地三' }, geometry: square(121.527, 31.225) }];
    const first = await importGeojson(file, { importedBy: 'session', importedByUser: '王编辑' });
    expect(first.counts).toMatchObject({ added: 1, changed: 0 });
    const [latest] = await database.query<Record<string, unknown>>('select imported_by, imported_by_user from feature_import order by id desc limit 1');
    expect(latest).toEqual({ imported_by: 'session', imported_by_user: '王编辑' });
    // The note names the file in both languages; who brought it in is the import's record.
    const [feature] = await database.query<{ properties: Record<string, unknown> }>(`select properties from feature where collection_id = 'parks' and feature_key = 'surveyed-3'`);
    expect(feature.properties).toMatchObject({ source: 'imported', source_detail: 'imported from survey.geojson', source_detail_zh: '从 survey.geojson 导入' });
    for (const again of [{ importedBy: 'session' as const, importedByUser: '李编辑' }, { importedBy: 'token' as const }]) {
      const report = await importGeojson(file, again);
      expect(report.counts, JSON.stringify(again)).toMatchObject({ added: 0, changed: 0, unchanged: 1 });
    }
  });

  it('refuses an import record that names a person for a script, or none for a session', async () => {
    const insert = (importedBy: string, user: string | null) => database.query(
      `insert into feature_import (collection_id, file_name, file_sha256, format, source_crs, replace, keep_good_rows, imported_by, imported_by_user)
       values ('parks', 'x.geojson', 'x', 'geojson', 'wgs84', false, false, $1, $2)`, [importedBy, user]);
    await expect(insert('token', '王编辑')).rejects.toThrow();
    await expect(insert('session', null)).rejects.toThrow();
  });
});
