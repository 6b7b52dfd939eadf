import type { Position } from 'geojson';

/**
 * Structural checks of GeoJSON per RFC 7946 that PostGIS does not make: the shape of each
 * geometry type, positions of 2 or 3 finite numbers, longitude and latitude in range, closed
 * linear rings of at least four positions. Returns problems in words a person understands
 * (empty when the geometry is fine). Validity (self-intersection) is left to PostGIS.
 */
export function findGeometryProblems(geometry: unknown, path = 'geometry'): string[] {
  if (!isObject(geometry)) return [`${path}: must be a GeoJSON geometry object`];
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  switch (type) {
    case 'Point':
      return findPositionProblems(coordinates, `${path}.coordinates`);
    case 'MultiPoint':
    case 'LineString':
      return findListProblems(coordinates, `${path}.coordinates`, (item, itemPath) => findPositionProblems(item, itemPath), type === 'LineString' ? 2 : 1);
    case 'MultiLineString':
      return findListProblems(coordinates, `${path}.coordinates`, (line, linePath) =>
        findListProblems(line, linePath, findPositionProblems, 2), 1);
    case 'Polygon':
      return findPolygonProblems(coordinates, `${path}.coordinates`);
    case 'MultiPolygon':
      return findListProblems(coordinates, `${path}.coordinates`, findPolygonProblems, 1);
    case 'GeometryCollection': {
      const { geometries } = geometry as { geometries?: unknown };
      return findListProblems(geometries, `${path}.geometries`, findGeometryProblems, 1);
    }
    default:
      return [`${path}.type: "${String(type)}" is not a GeoJSON geometry type`];
  }
}

export function findFeatureProblems(feature: unknown, path = 'feature'): string[] {
  if (!isObject(feature) || feature.type !== 'Feature') return [`${path}: must be a GeoJSON Feature`];
  const { geometry, properties } = feature;
  const problems = findGeometryProblems(geometry, `${path}.geometry`);
  if (properties !== null && properties !== undefined && !isObject(properties)) problems.push(`${path}.properties: must be an object or null`);
  return problems;
}

function findPolygonProblems(rings: unknown, path: string): string[] {
  return findListProblems(rings, path, (ring, ringPath) => {
    const problems = findListProblems(ring, ringPath, findPositionProblems, 4);
    if (problems.length === 0) {
      const positions = ring as Position[];
      const first = positions[0];
      const last = positions[positions.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${ringPath}: a linear ring must end where it starts`);
    }
    return problems;
  }, 1);
}

function findPositionProblems(position: unknown, path: string): string[] {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) return [`${path}: a position is [longitude, latitude] or [longitude, latitude, height]`];
  if (!position.every((value) => typeof value === 'number' && Number.isFinite(value))) return [`${path}: coordinates must be finite numbers`];
  const [longitude, latitude] = position as number[];
  if (longitude < -180 || longitude > 180) return [`${path}: longitude ${longitude} is outside -180…180`];
  if (latitude < -90 || latitude > 90) return [`${path}: latitude ${latitude} is outside -90…90`];
  return [];
}

function findListProblems(
  list: unknown,
  path: string,
  findItemProblems: (item: unknown, itemPath: string) => string[],
  minimumLength: number,
): string[] {
  if (!Array.isArray(list)) return [`${path}: must be an array`];
  if (list.length < minimumLength) return [`${path}: needs at least ${minimumLength} item(s), has ${list.length}`];
  const problems: string[] = [];
  for (let index = 0; index < list.length && problems.length < 5; index++) {
    problems.push(...findItemProblems(list[index], `${path}[${index}]`));
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
