import { describe, expect, it } from 'vitest';
import { findFeatureProblems, findGeometryProblems } from '../../../server/geo/check-geojson.ts';

const ring = [[121.5, 31.2], [121.51, 31.2], [121.51, 31.21], [121.5, 31.2]];

describe('findGeometryProblems', () => {
  it.each([
    ['a point', { type: 'Point', coordinates: [121.5, 31.2] }],
    ['a point with height', { type: 'Point', coordinates: [121.5, 31.2, 4] }],
    ['a line', { type: 'LineString', coordinates: [[121.5, 31.2], [121.51, 31.21]] }],
    ['a polygon', { type: 'Polygon', coordinates: [ring] }],
    ['a multipolygon', { type: 'MultiPolygon', coordinates: [[ring]] }],
    ['a multiline', { type: 'MultiLineString', coordinates: [[[121.5, 31.2], [121.51, 31.21]]] }],
    ['a collection', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] }],
  ])('accepts %s', (_name, geometry) => {
    expect(findGeometryProblems(geometry)).toEqual([]);
  });

  it.each([
    ['nothing', null, /must be a GeoJSON geometry/],
    ['an unknown type', { type: 'Circle', coordinates: [0, 0] }, /"Circle" is not a GeoJSON geometry type/],
    ['a point with one number', { type: 'Point', coordinates: [121.5] }, /\[longitude, latitude\]/],
    ['a point with text', { type: 'Point', coordinates: ['121.5', 31.2] }, /finite numbers/],
    ['a point with NaN-like null', { type: 'Point', coordinates: [null, 31.2] }, /finite numbers/],
    ['longitude out of range', { type: 'Point', coordinates: [181, 31.2] }, /longitude 181/],
    ['latitude out of range', { type: 'Point', coordinates: [121.5, -91] }, /latitude -91/],
    ['swapped latitude and longitude far north', { type: 'Point', coordinates: [31.2, 121.5] }, /latitude 121.5/],
    ['a line of one position', { type: 'LineString', coordinates: [[121.5, 31.2]] }, /at least 2/],
    ['an open ring', { type: 'Polygon', coordinates: [[[121.5, 31.2], [121.51, 31.2], [121.51, 31.21], [121.5, 31.21]]] }, /end where it starts/],
    ['a ring of three positions', { type: 'Polygon', coordinates: [[[121.5, 31.2], [121.51, 31.2], [121.5, 31.2]]] }, /at least 4/],
    ['a polygon without rings', { type: 'Polygon', coordinates: [] }, /at least 1/],
    ['coordinates that are not an array', { type: 'MultiPoint', coordinates: 'here' }, /must be an array/],
  ])('explains %s', (_name, geometry, message) => {
    const problems = findGeometryProblems(geometry);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).toMatch(message);
  });

  it('names where the problem is', () => {
    expect(findGeometryProblems({ type: 'MultiPolygon', coordinates: [[ring], [[[121.5, 31.2], [200, 31.2], [121.51, 31.21], [121.5, 31.2]]]] })).toEqual([
      'geometry.coordinates[1][0][1]: longitude 200 is outside -180…180',
    ]);
  });

  it('stops after a few problems instead of listing thousands', () => {
    const bad = Array.from({ length: 1000 }, () => [500, 500]);
    expect(findGeometryProblems({ type: 'LineString', coordinates: bad }).length).toBeLessThanOrEqual(5);
  });
});

describe('findFeatureProblems', () => {
  it('accepts a feature with null properties', () => {
    expect(findFeatureProblems({ type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [121.5, 31.2] } })).toEqual([]);
  });
  it('refuses something that is not a feature', () => {
    expect(findFeatureProblems({ type: 'FeatureCollection', features: [] })).toEqual(['feature: must be a GeoJSON Feature']);
  });
  it('refuses properties that are not an object', () => {
    expect(findFeatureProblems({ type: 'Feature', properties: [1], geometry: { type: 'Point', coordinates: [0, 0] } })).toEqual(['feature.properties: must be an object or null']);
  });
});
