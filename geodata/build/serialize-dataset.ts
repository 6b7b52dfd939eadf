// Turns a dataset into bytes that are identical on every build: features sorted by id,
// coordinates rounded to 7 decimals (about 1 cm, well below any source's accuracy), polygon
// rings wound the RFC 7946 way (exterior counter-clockwise, holes clockwise), and no crs
// member or timestamp.
import type { Geometry, Position } from 'geojson';
import type { Dataset } from './feature-types.ts';

export function roundCoordinate(value: number): number {
  const rounded = Math.round(value * 1e7) / 1e7;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function roundPosition(position: Position): Position {
  return [roundCoordinate(position[0]), roundCoordinate(position[1])];
}

// Shoelace sum: positive means counter-clockwise in lon/lat.
export function signedRingArea(ring: Position[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index += 1) {
    sum += ring[index][0] * ring[index + 1][1] - ring[index + 1][0] * ring[index][1];
  }
  return sum / 2;
}

function orientRing(ring: Position[], counterClockwise: boolean): Position[] {
  const isCounterClockwise = signedRingArea(ring) > 0;
  return isCounterClockwise === counterClockwise ? ring : [...ring].reverse();
}

function normalizePolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, index) => orientRing(ring.map(roundPosition), index === 0));
}

export function normalizeGeometry(geometry: Geometry): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPosition(geometry.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(roundPosition) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: normalizePolygon(geometry.coordinates) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(normalizePolygon) };
    default:
      throw new Error(`geometry type ${geometry.type} is not used by the seed datasets`);
  }
}

// Numbers inside properties are rounded like coordinates (gates are positions), so float noise
// from one platform's maths library cannot leak into the bytes.
function normalizeProperty(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : roundCoordinate(value);
  if (Array.isArray(value)) return value.map(normalizeProperty);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalizeProperty(inner)]));
  }
  return value;
}

export function serializeDataset(dataset: Dataset): string {
  const ids = new Set<string>();
  const features = [...dataset.features]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((feature) => {
      if (ids.has(feature.id)) throw new Error(`${dataset.collectionId}: duplicate feature id ${feature.id}`);
      ids.add(feature.id);
      const { name, name_en, source, source_detail, source_detail_zh, confidence, ...extra } = feature.properties;
      return {
        type: 'Feature',
        id: feature.id,
        properties: normalizeProperty({
          name,
          ...(name_en === undefined ? {} : { name_en }),
          source,
          source_detail,
          source_detail_zh,
          confidence,
          ...extra,
        }),
        geometry: normalizeGeometry(feature.geometry),
      };
    });
  const collection = { type: 'FeatureCollection', collection: dataset.header, features };
  // One feature per line: readable diffs when a single feature changes.
  const featureLines = collection.features.map((feature) => '    ' + JSON.stringify(feature));
  return (
    '{\n  "type": "FeatureCollection",\n  "collection": ' +
    JSON.stringify(dataset.header) +
    ',\n  "features": [\n' +
    featureLines.join(',\n') +
    '\n  ]\n}\n'
  );
}
