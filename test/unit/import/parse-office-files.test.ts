import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync } from 'fflate';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../server/errors.ts';
import { convertToWgs84 } from '../../../server/geo/convert-coordinates.ts';
import { metresBetween } from '../../../server/geo/measure-metres.ts';
import { decodeText, readCodePage } from '../../../server/import/decode-text.ts';
import { parseCsvBytes } from '../../../server/import/parse-csv-file.ts';
import { parseExcelFile } from '../../../server/import/parse-excel-file.ts';
import { parseGeopackage } from '../../../server/import/parse-geopackage.ts';
import { parseKmlFile } from '../../../server/import/parse-kml-file.ts';
import { parseShapefile } from '../../../server/import/parse-shapefile.ts';

// The fixtures are written by test/fixtures/import/make-office-files.ts (GDAL for the GIS files).
const fixtures = resolve(import.meta.dirname, '../../fixtures/import');
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(fixtures, name)));
const truth: Record<string, [number, number]> = JSON.parse(readFileSync(resolve(fixtures, 'facilities-truth-wgs84.json'), 'utf8'));
const estatesTruth: FeatureCollection<Polygon> = JSON.parse(readFileSync(resolve(fixtures, 'estates-truth-wgs84.geojson'), 'utf8'));

async function refusal(work: () => unknown): Promise<RequestError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof RequestError) return error;
    throw error;
  }
  throw new Error('expected a RequestError');
}

describe('decodeText', () => {
  it('reads UTF-8, UTF-16 with its mark and GBK, and says which', () => {
    const text = '名称,地址\n潍坊社区卫生服务中心,崂山路639号\n';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    expect(() => decodeText(new Uint8Array([0x61, 0x81, 0x20]))).toThrow(/neither UTF-8 nor GBK/);
  });

  it.each([['GBK', 'gb18030'], ['936', 'gb18030'], [' UTF-8\r\n', 'utf-8'], ['CP936', 'gb18030'], ['65001', 'utf-8'], ['KOI8-R', undefined]])('reads the .cpg %j as %s', (cpg, encoding) => {
    expect(readCodePage(cpg)).toBe(encoding);
  });
});

describe('parseCsvBytes', () => {
  it('reads the GBK fixture with Chinese headers and Windows line endings as points', () => {
    const parsed = parseCsvBytes(fixture('facilities-gbk.csv'));
    expect(parsed.encoding).toBe('gb18030');
    expect(parsed.columns).toEqual(['名称', '类型', '地址', '经度', '纬度']);
    expect(parsed.rows).toHaveLength(6);
    expect(parsed.rows[0]).toMatchObject({ location: 'line 2', problems: [] });
    expect(parsed.rows[0].feature?.properties).toEqual({ 名称: '潍坊路睦邻点', 类型: '日间照料中心', 地址: '浦东新区潍坊路270号' });
    expect(parsed.rows[0].feature?.geometry).toEqual({ type: 'Point', coordinates: truth['潍坊路270号'] });
  });

  it('reads a list of addresses without coordinates when asked to, and still refuses it by default', () => {
    const bytes = iconv.encode('名称,地址\n甲,崂山路639号\n', 'gbk');
    expect(parseCsvBytes(bytes, undefined, { coordinates: 'optional' }).rows[0].feature).toEqual({ type: 'Feature', properties: { 名称: '甲', 地址: '崂山路639号' }, geometry: null });
    expect(() => parseCsvBytes(bytes)).toThrow(/longitude column/);
  });
});

describe('parseExcelFile', () => {
  it('finds the header under a merged title row and reads addresses, numbers and dates', async () => {
    const parsed = await parseExcelFile(fixture('facilities-addresses-only.xlsx'));
    expect(parsed.layer).toBe('设施清单');
    expect(parsed.layers).toEqual(['设施清单', '说明']);
    expect(parsed.columns).toEqual(['序号', '设施名称', '设施类型', '地址', '容量（人）', '开放日期', '备注']);
    expect(parsed.warnings).toContain('the header was read from row 3; the rows above it were taken as a title');
    expect(parsed.rows).toHaveLength(11);
    expect(parsed.rows[0]).toMatchObject({ location: 'row 4', line: 4, problems: [] });
    expect(parsed.rows[0].feature).toEqual({
      type: 'Feature',
      geometry: null,
      properties: { 序号: 1, 设施名称: '潍坊社区卫生服务中心', 设施类型: '社区卫生服务中心', 地址: '浦东新区崂山路639号', '容量（人）': 200, 开放日期: '2009-06-01', 备注: '街道数据中已有' },
    });
    // A date typed as text stays text; an empty cell is null, not 0.
    expect(parsed.rows[4].feature?.properties).toMatchObject({ 开放日期: '2024年3月', '容量（人）': null });
    expect(parsed.rows[10].feature?.properties).toMatchObject({ 地址: null });
  });

  it('reads a named sheet, and names the sheets when the one asked for is not there', async () => {
    const notes = await parseExcelFile(fixture('facilities-addresses-only.xlsx'), { sheet: '说明' });
    expect(notes.layer).toBe('说明');
    const error = await refusal(() => parseExcelFile(fixture('facilities-addresses-only.xlsx'), { sheet: '道路' }));
    expect(error.message).toMatch(/no sheet "道路"; its sheets are: 设施清单, 说明/);
  });

  it('refuses an old .xls and a file that is not a workbook, saying what to do', async () => {
    expect((await refusal(() => parseExcelFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).message).toMatch(/save it as \.xlsx/);
    expect((await refusal(() => parseExcelFile(new TextEncoder().encode('名称,地址\n')))).code).toBe('UnreadableFile');
  });
});

describe('parseShapefile', () => {
  it('reads the zipped GBK Shapefile in EPSG:4549: Chinese attributes from the .cpg, the system from the .prj', async () => {
    const parsed = await parseShapefile(fixture('estates-gbk-epsg4549.zip'));
    expect(parsed).toMatchObject({ declaredCrs: 'epsg:4549', encoding: 'gb18030', layer: '小区范围', warnings: [] });
    expect(parsed.columns).toEqual(['名称', '户数', '建成年代', '居委']);
    expect(parsed.rows.map((row) => row.feature?.properties?.名称)).toEqual(estatesTruth.features.map((feature) => feature.properties!.名称));
    expect(parsed.rows[0]).toMatchObject({ location: 'record 1', featureIndex: 0, problems: [] });
    // Back in WGS 84, every vertex is where it was before GDAL projected it.
    parsed.rows.forEach((row, index) => {
      const converted = convertToWgs84(row.feature!.geometry as Polygon, parsed.declaredCrs!);
      const expected = estatesTruth.features[index].geometry.coordinates[0];
      const ring = converted.coordinates[0];
      expect(ring).toHaveLength(expected.length);
      const worst = Math.max(...ring.map((position: Position) => Math.min(...expected.map((vertex) => metresBetween(position, vertex)))));
      expect(worst).toBeLessThan(0.01);
    });
  });

  it('reads the .dbf as UTF-8 or GBK by its bytes when the .cpg is missing, and warns about a missing .prj', async () => {
    const { unzipSync } = await import('fflate');
    const parts = unzipSync(fixture('estates-gbk-epsg4549.zip'));
    const withoutCpgAndPrj = zipSync(Object.fromEntries(Object.entries(parts).filter(([name]) => !/\.(cpg|prj)$/.test(name))));
    const parsed = await parseShapefile(withoutCpgAndPrj);
    expect(parsed.encoding).toBe('gb18030');
    expect(parsed.rows[0].feature?.properties?.名称).toBe('崂山路571弄');
    expect(parsed.declaredCrs).toBeUndefined();
    expect(parsed.warnings).toEqual(['小区范围 has no .prj: its coordinate system is not known']);
  });

  it('refuses a zip without a Shapefile, and bytes that are not a zip', async () => {
    expect((await refusal(() => parseShapefile(zipSync({ 'readme.txt': new TextEncoder().encode('hi') })))).message).toMatch(/no Shapefile/);
    expect((await refusal(() => parseShapefile(new TextEncoder().encode('not a zip')))).message).toMatch(/not a readable zip/);
  });
});

describe('parseGeopackage', () => {
  it('reads the first layer (facilities in EPSG:4528, zone number in the easting) and lists the others', async () => {
    const parsed = await parseGeopackage(fixture('facilities-and-streets.gpkg'));
    expect(parsed).toMatchObject({ declaredCrs: 'epsg:4528', layer: '设施', layers: ['设施', '道路'] });
    expect(parsed.columns).toEqual(['名称', '类型', '地址', '容量']);
    expect(parsed.rows).toHaveLength(10);
    for (const row of parsed.rows) {
      const [easting] = (row.feature!.geometry as { coordinates: number[] }).coordinates;
      expect(easting).toBeGreaterThan(40_000_000);
      const converted = convertToWgs84(row.feature!.geometry!, parsed.declaredCrs!) as { coordinates: Position };
      expect(metresBetween(converted.coordinates, truth[row.feature!.properties!.地址 as string])).toBeLessThan(0.01);
    }
  });

  it('reads a named layer in CGCS2000 longitude/latitude', async () => {
    const parsed = await parseGeopackage(fixture('facilities-and-streets.gpkg'), { layer: '道路' });
    expect(parsed.declaredCrs).toBe('cgcs2000');
    expect(parsed.rows.map((row) => [row.feature?.properties?.路名, row.feature?.geometry?.type])).toEqual([['崂山路', 'LineString'], ['浦电路', 'LineString'], ['潍坊路', 'LineString']]);
  });

  it('refuses a file that is not a GeoPackage and a layer that is not there', async () => {
    expect((await refusal(() => parseGeopackage(new TextEncoder().encode('SQLite format 3 but not really')))).message).toMatch(/not a GeoPackage/);
    expect((await refusal(() => parseGeopackage(fixture('facilities-and-streets.gpkg'), { layer: '建筑' }))).message).toMatch(/its layers are: 设施, 道路/);
  });
});

describe('parseKmlFile', () => {
  it('reads placemarks with their name and ExtendedData, points and a polygon', () => {
    const parsed = parseKmlFile(fixture('facilities.kml'));
    expect(parsed.columns).toEqual(['name', '类型', '地址']);
    expect(parsed.rows.map((row) => row.feature?.geometry?.type)).toEqual(['Point', 'Point', 'Point', 'Point', 'Point', 'Polygon']);
    expect(parsed.rows[0]).toMatchObject({ location: 'placemark 1 ("潍坊路睦邻点")', problems: [] });
    expect(parsed.rows[0].feature?.properties).toEqual({ name: '潍坊路睦邻点', 类型: '日间照料中心', 地址: '潍坊路270号' });
    expect(parsed.rows[0].feature?.geometry).toEqual({ type: 'Point', coordinates: truth['潍坊路270号'] });
  });

  it('reads the same placemarks from a KMZ', () => {
    const kmz = zipSync({ 'doc.kml': fixture('facilities.kml') });
    expect(parseKmlFile(kmz).rows).toEqual(parseKmlFile(fixture('facilities.kml')).rows);
  });

  it('refuses XML that is not KML', () => {
    expect(() => parseKmlFile(new TextEncoder().encode('<osm version="0.6"></osm>'))).toThrow(/not a KML document \(its root element is <osm>\)/);
  });
});
