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
 * a point inside a polygon (the middle of the widest span across the largest polygon at its
 * mid-latitude), so labels of L-shaped or curved estates never land outside them.
 */
export function anchorOfGeometry(geometry: Geometry | null): [number, number] | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  if (geometry.type === 'LineString') {
    const middle = geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
    return [middle[0], middle[1]];
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const largest = polygons
    .map((rings) => ({ rings, bounds: boundsOfGeometry({ type: 'Polygon', coordinates: rings }) }))
    .filter((candidate): candidate is { rings: Position[][]; bounds: Bounds } => candidate.bounds !== null)
    .sort((first, second) => spanArea(second.bounds) - spanArea(first.bounds))[0];
  if (largest) return pointInsidePolygon(largest.rings, largest.bounds);
  const bounds = boundsOfGeometry(geometry);
  return bounds ? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2] : null;
}

const spanArea = (bounds: Bounds) => (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]);

function pointInsidePolygon(rings: Position[][], bounds: Bounds): [number, number] {
  const latitude = (bounds[1] + bounds[3]) / 2;
  // Where the horizontal line at this latitude crosses any ring (holes included), west to east.
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let index = 1; index < ring.length; index += 1) {
      const [fromX, fromY] = ring[index - 1];
      const [toX, toY] = ring[index];
      if ((fromY <= latitude) !== (toY <= latitude)) crossings.push(fromX + ((latitude - fromY) / (toY - fromY)) * (toX - fromX));
    }
  }
  crossings.sort((first, second) => first - second);
  let best: [number, number] = [(bounds[0] + bounds[2]) / 2, latitude];
  let widest = -1;
  // Crossings pair up into spans that are inside the polygon.
  for (let index = 0; index + 1 < crossings.length; index += 2) {
    const width = crossings[index + 1] - crossings[index];
    if (width > widest) {
      widest = width;
      best = [(crossings[index] + crossings[index + 1]) / 2, latitude];
    }
  }
  return best;
}
