import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Position } from 'geojson';
import gcoord from 'gcoord';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCoordinateSystem, type ProjectedSystem } from '../../../server/geo/coordinate-systems.ts';
import { checkFileLocation, coveredAreaAround, type CoveredArea } from '../../../server/import/check-file-location.ts';
import { buildAddressIndex, locateAddress, type AddressIndex } from '../../../server/import/locate-address.ts';
import { parseCsvFile } from '../../../server/import/parse-csv-file.ts';
import { parseShapefile } from '../../../server/import/parse-shapefile.ts';
import { readAddressGazetteer } from '../../../server/import/read-address-gazetteer.ts';
import type { ParsedFile, ParsedRow } from '../../../server/import/parsed-file.ts';
import { geodataDirectory } from '../../helpers/geodata.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/import');
const readFixture = (name: string) => readFileSync(resolve(fixtures, name), 'utf8');
const truth: Record<string, [number, number]> = JSON.parse(readFixture('facilities-truth-wgs84.json'));

let area: CoveredArea;
let index: AddressIndex;
beforeAll(() => {
  const boundary = JSON.parse(readFileSync(resolve(geodataDirectory, 'boundary.geojson'), 'utf8')).features.find((feature: { id: string }) => feature.id === 'subdistrict-weifang-xincun');
  area = coveredAreaAround(boundary.geometry.coordinates[0], '潍坊新村街道', 1500);
  index = buildAddressIndex(readAddressGazetteer(geodataDirectory));
});

const firstPositions = (parsed: { rows: ParsedRow[] }) => parsed.rows.map((row) => {
  const geometry = row.feature?.geometry;
  if (!geometry || geometry.type === 'GeometryCollection') return undefined;
  let value: unknown = geometry.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return value as Position;
});

/** The rows whose 地址 the locator finds exactly: where they should be. */
const referencesOf = (parsed: ParsedFile) => parsed.rows.flatMap((row, rowIndex) => {
  const located = locateAddress(index, String(row.feature?.properties?.地址 ?? ''));
  return located.quality === 'exact' ? [{ index: rowIndex, expected: located.position! }] : [];
});

describe('checkFileLocation', () => {
  it('takes the area as the subdistrict with 1.5 km around it', () => {
    expect(area.west).toBeGreaterThan(121.48);
    expect(area.east).toBeLessThan(121.56);
    expect(area.south).toBeGreaterThan(31.2);
    expect(area.north).toBeLessThan(31.25);
  });

  it('accepts the GBK facility list in WGS 84, whose addresses it finds where the rows are', () => {
    const rows = Object.entries(truth).map(([address, [longitude, latitude]]) => `${address},${longitude},${latitude}`);
    const parsed = parseCsvFile(['地址,经度,纬度', ...rows].join('\n'));
    const references = referencesOf(parsed);
    expect(references.length).toBe(10);
    const check = checkFileLocation(firstPositions(parsed), 'wgs84', area, references);
    expect(check).toMatchObject({ verdict: 'inside', rowsOutside: [] });
    expect(check.referenceOffsetMetres).toBeLessThan(1);
  });

  it('refuses the GCJ-02 file read as WGS 84: inside the area, but some 500 m from its addresses', () => {
    const parsed = parseCsvFile(readFixture('facilities-gcj02.csv'));
    const check = checkFileLocation(firstPositions(parsed), 'wgs84', area, referencesOf(parsed));
    expect(check).toMatchObject({ verdict: 'refused', cause: 'looks-like-gcj02', suggestion: { crs: 'gcj02', swapAxes: false } });
    expect(check.message).toMatch(/look like GCJ-02 .* about \d{3} m from the known positions of their addresses/);
    expect(check.messageZh).toMatch(/疑似GCJ-02/);
    // Read as GCJ-02, as suggested, it passes.
    expect(checkFileLocation(firstPositions(parsed), 'gcj02', area, referencesOf(parsed)).verdict).toBe('inside');
  });

  it('refuses a BD-09 file read as GCJ-02 by the same comparison', () => {
    const rows = Object.entries(truth).map(([address, position]) => `${address},${gcoord.transform(position, gcoord.WGS84, gcoord.BD09).join(',')}`);
    const parsed = parseCsvFile(['地址,经度,纬度', ...rows].join('\n'));
    expect(checkFileLocation(firstPositions(parsed), 'gcj02', area, referencesOf(parsed))).toMatchObject({ verdict: 'refused', cause: 'looks-like-bd09' });
  });

  it('refuses the swapped file, saying longitude and latitude are swapped', () => {
    const parsed = parseCsvFile(readFixture('facilities-swapped.csv'));
    const check = checkFileLocation(firstPositions(parsed), 'wgs84', area);
    expect(check).toMatchObject({ verdict: 'refused', cause: 'swapped', suggestion: { crs: 'wgs84', swapAxes: true } });
    expect(check.message).toMatch(/latitude and longitude swapped/);
    expect(check.messageZh).toMatch(/经纬度颠倒/);
  });

  it('refuses the Shapefile read without its .prj, naming EPSG:4549', async () => {
    const { unzipSync, zipSync } = await import('fflate');
    const parts = unzipSync(new Uint8Array(readFileSync(resolve(fixtures, 'estates-gbk-epsg4549.zip'))));
    const parsed = await parseShapefile(zipSync(Object.fromEntries(Object.entries(parts).filter(([name]) => !name.endsWith('.prj')))));
    const check = checkFileLocation(firstPositions(parsed), 'wgs84', area);
    expect(check).toMatchObject({ verdict: 'refused', cause: 'projected-without-prj', suggestion: { crs: 'epsg:4549', swapAxes: false } });
    expect(check.message).toMatch(/projected metres without a \.prj: read as CGCS2000 \/ 3-degree Gauss-Kruger CM 120E \(EPSG:4549\)/);
  });

  it('finds surveyors\' X-northing/Y-easting order, and a zone number the file did not declare', () => {
    const points = Object.values(truth).map((position) => convertFromWgs84(position, 'epsg:4528'));
    expect(checkFileLocation(points.map(([easting, northing]) => [northing, easting]), 'epsg:4528', area)).toMatchObject({ cause: 'swapped', suggestion: { crs: 'epsg:4528', swapAxes: true } });
    expect(checkFileLocation(points, 'epsg:4549', area)).toMatchObject({ cause: 'other-projection', suggestion: { crs: 'epsg:4528', swapAxes: false } });
    expect(checkFileLocation(Object.values(truth), 'epsg:4549', area)).toMatchObject({ cause: 'degrees-not-metres', suggestion: { crs: 'wgs84' } });
  });

  it('refuses another city with where it is, and metres of an unknown local grid', () => {
    const beijing = [[116.39, 39.91], [116.4, 39.92]];
    const check = checkFileLocation(beijing, 'wgs84', area);
    expect(check).toMatchObject({ verdict: 'refused', cause: 'another-place' });
    expect(check.message).toMatch(/about 1,0\d\d km north-west of it \(near 116\.\d\d°E 39\.9\d°N\)/);
    expect(check.messageZh).toMatch(/西北方向约 1,0\d\d 公里/);
    expect(checkFileLocation([[2150.5, -3120.2], [2300, -2900]], 'wgs84', area)).toMatchObject({ cause: 'unknown-metres' });
  });

  it('accepts a file with a stray row and names the row, instead of refusing the file', () => {
    const positions: (Position | undefined)[] = [...Object.values(truth), [116.39, 39.91], undefined];
    expect(checkFileLocation(positions, 'wgs84', area)).toEqual({ verdict: 'inside', rowsOutside: [10] });
  });
});

function convertFromWgs84(position: [number, number], to: ProjectedSystem): [number, number] {
  const [easting, northing] = proj4('WGS84', describeCoordinateSystem(to).proj4!).forward(position);
  return [easting, northing];
}
