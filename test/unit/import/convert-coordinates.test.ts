import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import gcoord from 'gcoord';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { convertPositionToWgs84, convertToWgs84 } from '../../../server/geo/convert-coordinates.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/import');
const gcj02Rows: Record<string, string>[] = parse(readFileSync(resolve(fixtures, 'weifang-addresses-gcj02.csv')), { columns: true, bom: true });
const wgs84Truth: Record<string, [number, number]> = JSON.parse(readFileSync(resolve(fixtures, 'weifang-addresses-wgs84.json'), 'utf8'));

/** Metres between two nearby lon/lat positions (equirectangular; exact enough over a few km). */
function metresBetween([longitudeA, latitudeA]: number[], [longitudeB, latitudeB]: number[]): number {
  const x = (longitudeA - longitudeB) * Math.cos((((latitudeA + latitudeB) / 2) * Math.PI) / 180) * 111_320;
  const y = (latitudeA - latitudeB) * 110_574;
  return Math.hypot(x, y);
}

describe('convertToWgs84', () => {
  it('moves GCJ-02 addresses of 潍坊新村 to within 2.5 m of their published WGS 84 positions', () => {
    expect(gcj02Rows).toHaveLength(8);
    for (const row of gcj02Rows) {
      const converted = convertPositionToWgs84([Number(row['经度']), Number(row['纬度'])], 'gcj02');
      // The source's own conversion is the common one-step approximation (1–2 m); gcoord iterates.
      expect(metresBetween(converted, wgs84Truth[row['编号']]), row['地址']).toBeLessThan(2.5);
      // GCJ-02 is some 450–500 m off WGS 84 here: a conversion that did nothing would fail above.
      expect(metresBetween([Number(row['经度']), Number(row['纬度'])], wgs84Truth[row['编号']])).toBeGreaterThan(400);
    }
  });

  it('inverts the published forward formula: WGS 84 → GCJ-02 of the result is the input within 0.5 m', () => {
    for (const row of gcj02Rows) {
      const input: [number, number] = [Number(row['经度']), Number(row['纬度'])];
      const back = gcoord.transform(convertPositionToWgs84(input, 'gcj02'), gcoord.WGS84, gcoord.GCJ02);
      expect(metresBetween(back, input)).toBeLessThan(0.5);
    }
  });

  it('converts BD-09 (Baidu) through GCJ-02 to the same place', () => {
    const wgs84: [number, number] = [121.5245, 31.2262];
    const baidu = gcoord.transform(wgs84, gcoord.WGS84, gcoord.BD09);
    expect(metresBetween(baidu, wgs84)).toBeGreaterThan(600);
    expect(metresBetween(convertPositionToWgs84(baidu as [number, number], 'bd09'), wgs84)).toBeLessThan(1);
  });

  it('converts every position of every geometry type and leaves its input unchanged', () => {
    const ring = [[121.52, 31.22], [121.53, 31.22], [121.53, 31.23], [121.52, 31.22]];
    const collection = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, properties: { name: '甲' }, geometry: { type: 'Point' as const, coordinates: [121.523, 31.226] } },
        { type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [ring] } },
      ],
    };
    const before = JSON.stringify(collection);
    const converted = convertToWgs84(collection, 'gcj02');
    expect(JSON.stringify(collection)).toBe(before);
    const polygon = converted.features[1].geometry as { coordinates: number[][][] };
    for (const [index, position] of ring.entries()) {
      expect(polygon.coordinates[0][index]).toEqual(convertPositionToWgs84(position as [number, number], 'gcj02'));
    }
    expect(converted.features[0].properties).toEqual({ name: '甲' });
  });

  it('returns WGS 84 input as an equal copy', () => {
    const point = { type: 'Point' as const, coordinates: [121.5, 31.2] };
    const converted = convertToWgs84(point, 'wgs84');
    expect(converted).toEqual(point);
    expect(converted).not.toBe(point);
  });
});
