import { describe, expect, it } from 'vitest';
import type { PlaceCollection } from '../../../client/api/collections.ts';
import type { PlaceLabel } from '../../../client/layers/labels-layer.ts';
import { colourOfMinutes, minuteBandColours, unreachableColour } from '../../../client/layers/coverage-colours.ts';
import { thinOverlappingLabels } from '../../../client/layers/thin-overlapping-labels.ts';
import { anchorOfGeometry, boundsOfGeometry, unionOfBounds } from '../../../client/geometry/geometry-bounds.ts';
import { searchPlacesByName } from '../../../client/model/search-places.ts';

const point = (longitude: number, latitude: number) => ({ type: 'Point' as const, coordinates: [longitude, latitude] });
const line = (...positions: number[][]) => ({ type: 'LineString' as const, coordinates: positions });
const collection = (...features: { id: string; name: string; geometry: any; name_en?: string }[]): PlaceCollection => ({
  type: 'FeatureCollection',
  features: features.map(({ id, name, geometry, name_en }) => ({ type: 'Feature', id, geometry, properties: { name, name_en } })),
});

describe('searchPlacesByName', () => {
  const data = {
    roads: collection(
      { id: 'road-a', name: '浦电路', geometry: line([121.51, 31.22], [121.52, 31.22]) },
      { id: 'road-b', name: '浦电路', geometry: line([121.52, 31.22], [121.53, 31.225]) },
    ),
    neighbourhoods: collection(
      { id: 'estate-4', name: '潍坊四村', geometry: point(121.52, 31.221), name_en: 'Weifang No. 4' },
      { id: 'estate-40', name: '潍坊四村二期', geometry: point(121.521, 31.222) },
    ),
    metro_stations: collection({ id: 'station', name: '浦电路站', geometry: point(121.53, 31.224) }),
  };

  it('finds one place per name and collection, over all its parts', () => {
    const results = searchPlacesByName(data, '浦电路');
    const road = results.find((result) => result.collectionId === 'roads')!;
    expect(results.filter((result) => result.collectionId === 'roads')).toHaveLength(1);
    expect(road.bounds).toEqual([121.51, 31.22, 121.53, 31.225]);
  });

  it('puts the exact name first, then names that start with it, estates before stations', () => {
    expect(searchPlacesByName(data, '潍坊四村').map((result) => result.name)).toEqual(['潍坊四村', '潍坊四村二期']);
    expect(searchPlacesByName(data, '浦电路').map((result) => result.collectionId)).toEqual(['roads', 'metro_stations']);
  });

  it('finds English names without regard to case, and nothing for an empty query', () => {
    expect(searchPlacesByName(data, 'weifang no')[0].name).toBe('潍坊四村');
    expect(searchPlacesByName(data, '   ')).toEqual([]);
    expect(searchPlacesByName(data, '不存在的地方')).toEqual([]);
  });
});

describe('geometry bounds', () => {
  it('bounds every kind of geometry, and nothing for none', () => {
    expect(boundsOfGeometry(point(121.5, 31.2))).toEqual([121.5, 31.2, 121.5, 31.2]);
    expect(boundsOfGeometry({ type: 'MultiPolygon', coordinates: [[[[1, 2], [3, 2], [3, 5], [1, 2]]], [[[-1, 0], [0, 0], [0, 1], [-1, 0]]]] })).toEqual([-1, 0, 3, 5]);
    expect(boundsOfGeometry(null)).toBeNull();
    expect(unionOfBounds([0, 0, 1, 1], [2, -1, 3, 0.5])).toEqual([0, -1, 3, 1]);
  });

  it('anchors a polygon label inside the polygon', () => {
    // An L-shaped estate: its bounding-box centre (5, 5) lies outside the shape.
    const shape = { type: 'Polygon' as const, coordinates: [[[0, 0], [10, 0], [10, 2], [2, 2], [2, 10], [0, 10], [0, 0]]] };
    const [x, y] = anchorOfGeometry(shape)!;
    const inside = (x >= 0 && x <= 10 && y >= 0 && y <= 2) || (x >= 0 && x <= 2 && y >= 0 && y <= 10);
    expect(inside).toBe(true);
  });
});

describe('thinOverlappingLabels', () => {
  const label = (text: string, longitude: number, latitude: number): PlaceLabel =>
    ({ text, position: [longitude, latitude], angle: 0, sizePixels: 12, colour: [0, 0, 0], offset: [0, 0] });

  it('drops a label that would overlap an earlier one, and keeps both when zoomed in', () => {
    const labels = [label('潍坊四村', 121.52, 31.22), label('潍坊五村', 121.5202, 31.22)];
    expect(thinOverlappingLabels(labels, 13).map((kept) => kept.text)).toEqual(['潍坊四村']);
    expect(thinOverlappingLabels(labels, 19).map((kept) => kept.text)).toEqual(['潍坊四村', '潍坊五村']);
  });

  it('is deterministic', () => {
    const labels = Array.from({ length: 30 }, (_value, index) => label(`地点${index}`, 121.5 + (index % 6) * 0.001, 31.22 + Math.floor(index / 6) * 0.0005));
    expect(thinOverlappingLabels(labels, 15)).toEqual(thinOverlappingLabels(labels, 15));
  });
});

describe('colourOfMinutes', () => {
  it('gives each walking-time band its colour, and grey where nothing is reachable', () => {
    expect(colourOfMinutes(3)).toEqual(minuteBandColours[0].colour);
    expect(colourOfMinutes(5)).toEqual(minuteBandColours[0].colour);
    expect(colourOfMinutes(5.1)).toEqual(minuteBandColours[1].colour);
    expect(colourOfMinutes(14.9)).toEqual(minuteBandColours[2].colour);
    expect(colourOfMinutes(40)).toEqual(minuteBandColours[3].colour);
    expect(colourOfMinutes(null)).toEqual(unreachableColour.colour);
  });
});
