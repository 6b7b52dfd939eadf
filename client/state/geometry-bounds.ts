import type { Geometry, Position } from 'geojson';

/** [west, south, east, north] in WGS 84 degrees. */
export type Bounds = [number, number, number, number];

/** The bounding box of a geometry, or null for an empty one. */
export function boundsOfGeometry(geometry: Geometry | null): Bounds | null {
  if (!geometry) return null;
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const extend = (position: Position) => {
    bounds[0] = Math.min(bounds[0], position[0]);
    bounds[1] = Math.min(bounds[1], position[1]);
    bounds[2] = Math.max(bounds[2], position[0]);
    bounds[3] = Math.max(bounds[3], position[1]);
  };
  const visit = (part: Geometry) => {
    switch (part.type) {
      case 'Point': extend(part.coordinates); break;
      case 'MultiPoint': case 'LineString': part.coordinates.forEach(extend); break;
      case 'MultiLineString': case 'Polygon': part.coordinates.forEach((line) => line.forEach(extend)); break;
      case 'MultiPolygon': part.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(extend))); break;
      case 'GeometryCollection': part.geometries.forEach(visit); break;
    }
  };
  visit(geometry);
  return Number.isFinite(bounds[0]) ? bounds : null;
}

export function unionOfBounds(first: Bounds, second: Bounds): Bounds {
  return [Math.min(first[0], second[0]), Math.min(first[1], second[1]), Math.max(first[2], second[2]), Math.max(first[3], second[3])];
}

/**
 * A point to hang a label or a search hit on: a point's own position, a line's middle vertex, or
 * a polygon's bounding-box centre (good enough for the compact estates and blocks of 潍坊新村).
 */
export function anchorOfGeometry(geometry: Geometry | null): [number, number] | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  if (geometry.type === 'LineString') {
    const middle = geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
    return [middle[0], middle[1]];
  }
  const bounds = boundsOfGeometry(geometry);
  return bounds ? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2] : null;
}
