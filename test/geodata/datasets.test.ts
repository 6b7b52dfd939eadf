// The contract with the seed loader and RFC 7946, checked on every shipped collection.
import { describe, it, expect } from 'vitest';
import { booleanValid, kinks } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { collectionIds, loadAllCollections } from './load-geodata.ts';

const collections = loadAllCollections();
const allowedSources = ['official', 'osm', 'address-derived', 'plan-text', 'estimated', 'generated'];
const allowedConfidence = ['high', 'medium', 'low'];
// Neighbouring subdistricts reach further out than the subdistrict itself.
const extentByCollection = (collectionId: string) => collectionId === 'boundary' ? [121.44, 121.62, 31.15, 31.28] : [121.48, 121.57, 31.19, 31.26];

function allPositions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point': return [geometry.coordinates];
    case 'LineString': return geometry.coordinates;
    case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    default: throw new Error(`unexpected geometry ${geometry.type}`);
  }
}

// Numbers of two digits or more (ids, counts, metres, years) are the facts a translation must keep.
function findNumbersMissingFromTranslation(english: string, chinese: string): string[] {
  const numbersInChinese = new Set(chinese.match(/\d+/g) ?? []);
  return (english.match(/\d{2,}/g) ?? []).filter((number) => !numbersInChinese.has(number));
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index += 1) sum += ring[index][0] * ring[index + 1][1] - ring[index + 1][0] * ring[index][1];
  return sum / 2;
}

describe.each(collectionIds)('collection %s', (collectionId) => {
  const collection = collections[collectionId];

  it('is a FeatureCollection with the collection header and no crs member', () => {
    expect(collection.type).toBe('FeatureCollection');
    expect(collection).not.toHaveProperty('crs');
    expect(collection.collection.title).toMatch(/\p{Script=Han}/u);
    expect(collection.collection.titleEn.length).toBeGreaterThan(3);
    expect(collection.collection.description.length).toBeGreaterThan(10);
    expect(collection.features.length).toBeGreaterThan(0);
  });

  it('gives every feature a unique string id', () => {
    const ids = collection.features.map((feature) => feature.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every feature name, source, source_detail and confidence from the allowed sets', () => {
    for (const feature of collection.features) {
      const { name, source, source_detail: sourceDetail, confidence } = feature.properties;
      expect(typeof name === 'string' && name.length > 0, feature.id).toBe(true);
      expect(allowedSources, feature.id).toContain(source);
      expect(typeof sourceDetail === 'string' && sourceDetail.length > 10, feature.id).toBe(true);
      expect(allowedConfidence, feature.id).toContain(confidence);
    }
  });

  it('says source_detail and note in Chinese too (source_detail_zh, note_zh), keeping every number', () => {
    for (const feature of collection.features) {
      const { source_detail: sourceDetail, source_detail_zh: sourceDetailChinese, note, note_zh: noteChinese } = feature.properties;
      const pairs = [['source_detail', sourceDetail, sourceDetailChinese], ...(note === undefined ? [] : [['note', note, noteChinese]])];
      for (const [property, english, chinese] of pairs) {
        expect(typeof chinese === 'string' && /\p{Script=Han}/u.test(chinese), `${feature.id}: ${property}_zh missing or not Chinese`).toBe(true);
        expect(findNumbersMissingFromTranslation(String(english), String(chinese)), `${feature.id}: numbers of ${property} missing from ${property}_zh`).toEqual([]);
      }
    }
  });

  it('has valid geometries with WGS 84 positions around the subdistrict, rounded to 7 decimals', () => {
    for (const feature of collection.features) {
      expect(booleanValid(feature.geometry), feature.id).toBe(true);
      if (feature.geometry.type === 'LineString' || feature.geometry.type === 'Polygon') {
        expect(kinks(feature as never).features.length, `${feature.id} self-intersects`).toBe(0);
      }
      const [west, east, south, north] = extentByCollection(collectionId);
      for (const [longitude, latitude] of allPositions(feature.geometry)) {
        expect(longitude, feature.id).toBeGreaterThan(west);
        expect(longitude, feature.id).toBeLessThan(east);
        expect(latitude, feature.id).toBeGreaterThan(south);
        expect(latitude, feature.id).toBeLessThan(north);
        expect(Math.round(longitude * 1e7) / 1e7).toBe(longitude);
      }
    }
  });

  it('winds polygon rings the RFC 7946 way (exterior counter-clockwise)', () => {
    for (const feature of collection.features) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates : [];
      for (const rings of polygons) {
        expect(signedArea(rings[0]), feature.id).toBeGreaterThan(0);
        for (const hole of rings.slice(1)) expect(signedArea(hole), feature.id).toBeLessThan(0);
      }
    }
  });
});
