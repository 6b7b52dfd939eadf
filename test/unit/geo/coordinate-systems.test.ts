import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCoordinateSystems, readCoordinateSystem } from '../../../server/geo/coordinate-systems.ts';
import { convertPositionToWgs84, convertToWgs84 } from '../../../server/geo/convert-coordinates.ts';
import { metresBetween } from '../../../server/geo/measure-metres.ts';
import { recogniseGeopackageSystem, recogniseWkt } from '../../../server/geo/recognise-coordinate-system.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/import');
// Written by test/fixtures/import/make-office-files.ts with PROJ's cs2cs and projinfo.
const references: { code: number; wgs84: [number, number]; projected: [number, number] }[] = JSON.parse(readFileSync(resolve(fixtures, 'proj-reference-points.json'), 'utf8'));
const definitions: Record<string, { esri: string; gdal: string; wkt2: string }> = JSON.parse(readFileSync(resolve(fixtures, 'prj-definitions.json'), 'utf8'));

describe('projected coordinate systems', () => {
  it('has a PROJ reference point for every projected system it defines', () => {
    const defined = listCoordinateSystems().filter((system) => system.proj4).map((system) => system.id);
    expect(defined.length).toBeGreaterThan(100);
    expect(references.map((reference) => `epsg:${reference.code}`)).toEqual(defined);
  });

  it.each(references.map((reference) => [reference.code, reference] as const))('converts EPSG:%i as PROJ does, within 1 mm', (code, reference) => {
    const converted = convertPositionToWgs84(reference.projected, `epsg:${code}`);
    expect(metresBetween(converted, reference.wgs84)).toBeLessThan(0.001);
  });

  it('converts every position of a geometry and keeps heights', () => {
    const [reference] = references.filter((candidate) => candidate.code === 4549);
    const line = convertToWgs84({ type: 'LineString', coordinates: [[...reference.projected, 12], reference.projected] }, 'epsg:4549');
    expect(line.coordinates[0][2]).toBe(12);
    expect(metresBetween(line.coordinates[1], reference.wgs84)).toBeLessThan(0.001);
  });

  it('takes CGCS2000 longitude/latitude as WGS 84', () => {
    expect(convertPositionToWgs84([121.52, 31.22], 'cgcs2000')).toEqual([121.52, 31.22]);
  });

  it.each([
    ['EPSG:4549', 'epsg:4549'], ['4528', 'epsg:4528'], ['epsg:32651', 'epsg:32651'], ['EPSG:4326', 'wgs84'], ['4490', 'cgcs2000'], ['GCJ02', 'gcj02'],
    ['EPSG:2385', undefined], ['EPSG:9999', undefined], ['mars', undefined],
  ])('reads the name %s as %s', (name, expected) => {
    expect(readCoordinateSystem(name)).toBe(expected);
  });
});

describe('recogniseWkt', () => {
  const stripCodes = (wkt: string) => wkt.replace(/,?\s*(AUTHORITY|ID)\["EPSG",\s*"?\d+"?\]/g, '');

  it.each([
    [4549, 'epsg:4549'], [4528, 'epsg:4528'], [4545, 'epsg:4545'], [4490, 'cgcs2000'], [4326, 'wgs84'], [32651, 'epsg:32651'], [3857, 'epsg:3857'],
  ])('recognises EPSG:%i in the ESRI, GDAL and WKT 2 flavours, with and without its code', (code, expected) => {
    const { esri, gdal, wkt2 } = definitions[code];
    for (const wkt of [esri, gdal, wkt2, stripCodes(gdal)]) expect(recogniseWkt(wkt)).toEqual({ crs: expected });
    // ESRI .prj files never carry a code: these are recognised from datum and parameters.
    if (code !== 3857) expect(esri).not.toMatch(/EPSG/);
  });

  it.each([[2385, /Xian 1980.*seven-parameter/], [2437, /Beijing 1954.*seven-parameter/]])('refuses EPSG:%i, saying it needs the local transformation', (code, message) => {
    const recognised = recogniseWkt(definitions[code].esri);
    expect(recognised).toMatchObject({ problem: expect.stringMatching(message), problemZh: expect.stringMatching(/七参数/) });
  });

  it('refuses a Transverse Mercator that matches no zone, and an unreadable text', () => {
    const offZone = stripCodes(definitions[4549].gdal).replace('PARAMETER["central_meridian",120]', 'PARAMETER["central_meridian",121.5]');
    expect(offZone).not.toBe(stripCodes(definitions[4549].gdal));
    expect(recogniseWkt(offZone)).toMatchObject({ problem: expect.stringMatching(/not one the dashboard can convert/) });
    expect(recogniseWkt('')).toMatchObject({ problem: expect.stringMatching(/empty/) });
    expect(recogniseWkt('PROJCS[')).toHaveProperty('problem');
  });

  it('recognises a GeoPackage layer by its organisation code, else by its definition', () => {
    expect(recogniseGeopackageSystem({ srsId: 4528, organization: 'EPSG', organizationCode: 4528, definition: '' })).toEqual({ crs: 'epsg:4528' });
    expect(recogniseGeopackageSystem({ srsId: 100001, organization: 'NONE', organizationCode: 1, definition: definitions[4549].esri })).toEqual({ crs: 'epsg:4549' });
    expect(recogniseGeopackageSystem({ srsId: -1, organization: 'NONE', organizationCode: -1, definition: 'undefined' })).toHaveProperty('problem');
  });
});
