import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { centroid } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';

/**
 * Issue 10 over HTTP, on both databases: the files a 街道 office keeps (an Excel list with
 * addresses only, a zipped GBK Shapefile in CGCS2000 Gauss–Krüger, a GeoPackage, KML) go through
 * the one import pipeline; a preview writes nothing; bad rows and files that land elsewhere are
 * refused with reasons in Chinese, writing nothing; bad input is a 4xx, never a 500.
 */

const fixtures = resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => readFileSync(join(fixtures, name));
const truth: Record<string, [number, number]> = JSON.parse(fixture('facilities-truth-wgs84.json').toString());
const estatesTruth: FeatureCollection<Polygon> = JSON.parse(fixture('estates-truth-wgs84.geojson').toString());
const chinese = /[\u4e00-\u9fff]/;

function metresBetween([longitudeA, latitudeA]: number[], [longitudeB, latitudeB]: number[]): number {
  const x = (longitudeA - longitudeB) * Math.cos((((latitudeA + latitudeB) / 2) * Math.PI) / 180) * 111_320;
  return Math.hypot(x, (latitudeA - latitudeB) * 110_574);
}

function post(server: ServerUnderTest, collectionId: string, query: string, body: BodyInit, path = 'import') {
  return getJson(server, `/api/collections/${collectionId}/${path}${query ? `?${query}` : ''}`, {
    method: 'POST', body, headers: { authorization: `Bearer ${server.adminToken}` },
  });
}

async function itemsOf(server: ServerUnderTest, collectionId: string): Promise<Feature[]> {
  const { status, body } = await getJson(server, `/api/collections/${collectionId}/items?limit=10000`);
  return status === 200 ? body.features : [];
}

/** The truth key an address ends with ("浦东新区崂山路639号" → "崂山路639号"), if any. */
const truthOf = (address: unknown) => Object.keys(truth).find((key) => typeof address === 'string' && address.replace(/\s/g, '').endsWith(key));

describe.each(serversUnderTest())('office files through the import pipeline on the $database database', (server) => {
  it('imports an Excel list with addresses and no coordinates as points placed by address, each saying so', async () => {
    const { status, body } = await post(server, 'import_office_xlsx', 'keepGoodRows=true&fileName=facilities-addresses-only.xlsx&title=街道设施清单', fixture('facilities-addresses-only.xlsx'));
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body).toMatchObject({
      format: 'xlsx', layer: '设施清单', layers: ['设施清单', '说明'], loaded: true, dryRun: false,
      columnMapping: { name: '设施名称', facility_type: '设施类型', address: '地址', capacity: '容量（人）', opening_date: '开放日期' },
      counts: { rows: 11 },
    });
    expect(body.columns).toEqual(['序号', '设施名称', '设施类型', '地址', '容量（人）', '开放日期', '备注']);
    const { exact, interpolated, street, notFound } = body.located;
    expect(exact).toBeGreaterThanOrEqual(3);
    expect(exact + interpolated + street + notFound).toBe(10);
    expect(body.counts.added).toBe(exact + interpolated + street);
    // The row without an address, and those not found, are bad rows with Chinese reasons.
    expect(body.counts.bad).toBe(11 - body.counts.added);
    for (const row of body.badRows) {
      expect(row.reasonsZh).toHaveLength(row.reasons.length);
      expect(row.reasonsZh.join('')).toMatch(/地址|坐标/);
    }
    expect(body.warningsZh.join('\n')).toMatch(/按地址定位/);

    const features = await itemsOf(server, 'import_office_xlsx');
    expect(features).toHaveLength(body.counts.added);
    for (const feature of features) {
      const properties = feature.properties!;
      expect(properties).toMatchObject({ source: 'address-located', location_method: 'address' });
      expect(['exact', 'interpolated', 'street']).toContain(properties.match_quality);
      expect(properties.source_detail).toMatch(/located by its address .* from facilities-addresses-only\.xlsx/);
      expect(properties.confidence).not.toBe('high');
      expect(typeof properties.name).toBe('string');
      const key = truthOf(properties.地址);
      if (properties.match_quality === 'exact' && key) {
        expect(metresBetween((feature.geometry as { coordinates: number[] }).coordinates, truth[key]), `${properties.地址}`).toBeLessThan(60);
      }
    }
    const health = features.find((feature) => feature.properties?.设施名称 === '潍坊社区卫生服务中心');
    // The office's Chinese type name is read as the key the analysis counts, and kept as written.
    expect(health?.properties).toMatchObject({
      name: '潍坊社区卫生服务中心', facility_type: 'community_health_center', facility_type_as_written: '社区卫生服务中心', capacity: 200, opening_date: '2009-06-01', opening_year: 2009,
    });
    expect(body.warningsZh.join('\n')).toMatch(/已按中文名称识别设施类型：.*社区卫生服务中心 → community_health_center/);
  });

  it('puts a zipped GBK Shapefile in CGCS2000 Gauss–Krüger (EPSG:4549, from its .prj) where its estates are', async () => {
    const { status, body } = await post(server, 'import_office_shapefile', 'fileName=estates-gbk-epsg4549.zip', fixture('estates-gbk-epsg4549.zip'));
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body).toMatchObject({ format: 'shapefile-zip', crs: 'epsg:4549', declaredCrs: 'epsg:4549', encoding: 'gb18030', layer: '小区范围', counts: { added: 5, bad: 0 } });
    expect(body.locationCheck).toMatchObject({ verdict: 'inside', rowsOutside: 0 });
    const features = await itemsOf(server, 'import_office_shapefile');
    expect(features.map((feature) => feature.properties?.名称).sort()).toEqual(estatesTruth.features.map((feature) => feature.properties!.名称).sort());
    for (const expected of estatesTruth.features) {
      const stored = features.find((feature) => feature.properties?.名称 === expected.properties!.名称)!;
      expect(stored.properties?.name).toBe(expected.properties!.名称);
      expect(metresBetween(centroid(stored as Feature<Polygon>).geometry.coordinates, centroid(expected).geometry.coordinates)).toBeLessThan(0.5);
    }
  });

  it('reads the layers of a GeoPackage in EPSG:4528 and a KML file', async () => {
    const geopackage = await post(server, 'import_office_gpkg', 'fileName=facilities-and-streets.gpkg', fixture('facilities-and-streets.gpkg'));
    expect(geopackage.status, JSON.stringify(geopackage.body).slice(0, 500)).toBe(200);
    expect(geopackage.body).toMatchObject({ format: 'gpkg', crs: 'epsg:4528', layer: '设施', layers: ['设施', '道路'], counts: { added: 10 } });
    for (const feature of await itemsOf(server, 'import_office_gpkg')) {
      const key = truthOf(feature.properties?.地址)!;
      expect(metresBetween((feature.geometry as { coordinates: number[] }).coordinates, truth[key])).toBeLessThan(0.5);
    }
    const streets = await post(server, 'import_office_gpkg_streets', 'fileName=facilities-and-streets.gpkg&layer=道路', fixture('facilities-and-streets.gpkg'));
    expect(streets.body).toMatchObject({ layer: '道路', crs: 'cgcs2000', counts: { added: 3 } });
    const kml = await post(server, 'import_office_kml', 'fileName=facilities.kml', fixture('facilities.kml'));
    expect(kml.status, JSON.stringify(kml.body).slice(0, 500)).toBe(200);
    expect(kml.body).toMatchObject({ format: 'kml', crs: 'wgs84', counts: { added: 6, bad: 0 } });
  });

  it('previews a file, with every row and its problems in Chinese, and writes nothing', async () => {
    const preview = await post(server, 'import_office_preview', 'keepGoodRows=true&fileName=facilities-addresses-only.xlsx', fixture('facilities-addresses-only.xlsx'), 'import/preview');
    expect(preview.status, JSON.stringify(preview.body).slice(0, 500)).toBe(200);
    expect(preview.body).toMatchObject({ type: 'FeatureCollection', truncated: false, report: { dryRun: true, loaded: false, collectionCreated: true } });
    expect(preview.body.features).toHaveLength(11);
    // The counts are the import's own, from its write rolled back.
    expect(preview.body.report.counts).toMatchObject({ rows: 11, added: 9, changed: 0, bad: 2 });
    expect(preview.body.report.messageZh).toMatch(/^预览：将导入 9 个要素.*尚未写入任何内容$/);
    const [first] = preview.body.features;
    expect(first).toMatchObject({ type: 'Feature', row: { location: 'row 4', line: 4, problems: [] }, properties: { 设施名称: '潍坊社区卫生服务中心', source: 'address-located' } });
    expect(first.geometry.type).toBe('Point');
    expect(['exact', 'interpolated', 'street']).toContain(first.row.matchQuality);
    const bad = preview.body.features.filter((feature: { row: { problems: unknown[] } }) => feature.row.problems.length > 0);
    expect(bad.length).toBe(preview.body.report.counts.bad);
    for (const feature of bad) for (const problem of feature.row.problems) expect(problem.messageZh).toMatch(chinese);
    expect((await getJson(server, '/api/collections/import_office_preview')).status).toBe(404);

    // The same through the import route with dryRun, into a collection that exists: its count is unchanged.
    const before = await itemsOf(server, 'import_office_xlsx');
    const dryRun = await post(server, 'import_office_xlsx', 'dryRun=true&replace=true&fileName=estates-gbk-epsg4549.zip', fixture('estates-gbk-epsg4549.zip'));
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.report).toMatchObject({ dryRun: true, loaded: false, collectionCreated: false, replaced: true });
    expect(dryRun.body.features).toHaveLength(5);
    expect(dryRun.body.report.counts).toMatchObject({ added: 5, removed: before.length });
    expect(await itemsOf(server, 'import_office_xlsx')).toEqual(before);
  });

  it('refuses bad rows with 422 and Chinese reasons, writing nothing', async () => {
    const { status, body } = await post(server, 'import_office_bad_rows', 'fileName=facilities-addresses-only.xlsx', fixture('facilities-addresses-only.xlsx'));
    expect(status).toBe(422);
    expect(body.messageZh).toMatch(/未导入/);
    expect(body.report.counts.added).toBe(0);
    expect(body.report.badRows.length).toBeGreaterThan(0);
    const emptyAddress = body.report.badRows.find((row: { line: number }) => row.line === 14);
    expect(emptyAddress?.reasonsZh).toEqual(['没有坐标，且“地址”为空']);
    expect((await getJson(server, '/api/collections/import_office_bad_rows')).status).toBe(404);

    const csv = await post(server, 'import_office_bad_rows', 'fileName=facilities-with-bad-rows.csv', fixture('facilities-with-bad-rows.csv'));
    expect(csv.status).toBe(422);
    expect(csv.body.report.badRows.map((row: { line: number; reasonsZh: string[] }) => [row.line, row.reasonsZh.join('；')])).toEqual([
      [3, 'lng“abc”不是数字'],
      [4, '坐标：纬度 95 超出 -90…90'],
      [5, '有 3 个字段，而表头有 4 个'],
      [9, 'lng为空；lat为空'],
    ]);
    expect((await getJson(server, '/api/collections/import_office_bad_rows')).status).toBe(404);
  });

  it('refuses a file that lands in the wrong place, naming the likely cause in English and Chinese', async () => {
    const gcj02 = await post(server, 'import_office_gcj02', 'fileName=facilities-gcj02.csv', fixture('facilities-gcj02.csv'));
    expect(gcj02.status).toBe(422);
    expect(gcj02.body.report.locationCheck).toMatchObject({ verdict: 'refused', cause: 'looks-like-gcj02' });
    expect(gcj02.body.message).toMatch(/look like GCJ-02/);
    expect(gcj02.body.messageZh).toMatch(/疑似GCJ-02/);
    expect(gcj02.body.report.warningsZh.join('\n')).toMatch(/GCJ-02/);
    expect((await getJson(server, '/api/collections/import_office_gcj02')).status).toBe(404);
    const converted = await post(server, 'import_office_gcj02', 'fileName=facilities-gcj02.csv&crs=gcj02', fixture('facilities-gcj02.csv'));
    expect(converted.status, JSON.stringify(converted.body).slice(0, 500)).toBe(200);
    for (const feature of await itemsOf(server, 'import_office_gcj02')) {
      expect(metresBetween((feature.geometry as { coordinates: number[] }).coordinates, truth[feature.properties!.地址 as string])).toBeLessThan(5);
    }

    const swapped = await post(server, 'import_office_swapped', 'fileName=facilities-swapped.csv', fixture('facilities-swapped.csv'));
    expect(swapped.status).toBe(422);
    expect(swapped.body.report.locationCheck).toMatchObject({ verdict: 'refused', cause: 'swapped' });
    expect(swapped.body.messageZh).toMatch(/经纬度颠倒/);
  });

  it('reads a GBK CSV, and places a CSV of addresses when its address column is named', async () => {
    const gbk = await post(server, 'import_office_gbk', 'fileName=facilities-gbk.csv', fixture('facilities-gbk.csv'));
    expect(gbk.status, JSON.stringify(gbk.body).slice(0, 500)).toBe(200);
    expect(gbk.body).toMatchObject({ format: 'csv', encoding: 'gb18030', counts: { added: 6 } });
    const addresses = '名称,地址\n潍坊社区卫生服务中心,浦东新区崂山路639号\n';
    const placed = await post(server, 'import_office_csv_addresses', `format=csv&columns=${encodeURIComponent('{"address":"地址"}')}`, addresses);
    expect(placed.status, JSON.stringify(placed.body).slice(0, 500)).toBe(200);
    const [feature] = await itemsOf(server, 'import_office_csv_addresses');
    expect(feature.properties).toMatchObject({ source: 'address-located', name: '潍坊社区卫生服务中心', address: '浦东新区崂山路639号' });
  });

  it.each([
    ['columns that are not JSON', 'format=csv&columns=%7Bname', 'lng,lat\n121.52,31.22\n', /columns must be a JSON object/],
    ['a column mapping to a field that does not exist', `format=csv&columns=${encodeURIComponent('{"colour":"名称"}')}`, 'lng,lat\n121.52,31.22\n', /the fields are/],
    ['a column mapping to a column the file lacks', `format=csv&columns=${encodeURIComponent('{"address":"住址"}')}`, '名称,地址\n甲,崂山路639号\n', /does not have/],
    ['an EPSG code not known here', 'format=csv&crs=epsg:9999', 'lng,lat\n121.52,31.22\n', /crs must be one of/],
    ['a sheet the workbook lacks', 'fileName=list.xlsx&sheet=道路', fixture('facilities-addresses-only.xlsx'), /no sheet "道路"/],
    ['bytes that are not a workbook', 'format=xlsx', 'not a workbook', /not a readable Excel workbook/],
    ['bytes that are not a zip', 'format=shapefile-zip', 'not a zip', /not a readable zip/],
    ['bytes that are not a GeoPackage', 'format=gpkg', 'not sqlite', /not a GeoPackage/],
    ['text that is not KML', 'format=kml', '<osm/>', /not a KML document/],
    ['a Shapefile not zipped', 'fileName=estates.shp', 'x', /one \.zip/],
    ['a workbook cut short', 'fileName=list.xlsx', fixture('facilities-addresses-only.xlsx').subarray(0, 3000), /cannot be read|not a readable/],
    ['a zipped Shapefile cut short', 'fileName=estates.zip', fixture('estates-gbk-epsg4549.zip').subarray(0, 1500), /cannot be read|not a readable/],
    ['a GeoPackage cut short', 'fileName=facilities.gpkg', fixture('facilities-and-streets.gpkg').subarray(0, 8192), /cannot be read|not a GeoPackage/],
  ])('answers %s with a 400 a person understands', async (_name, query, body, message) => {
    const response = await post(server, 'import_office_refused', query, body as BodyInit);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.message).toMatch(message);
    expect(response.body.messageZh).toMatch(chinese);
    expect((await getJson(server, '/api/collections/import_office_refused')).status).toBe(404);
  });
});
